# Hand annotations of passages of ../shared/documents: kind, normalised value, the span's
# text and which occurrence of it in the range (0 = first). Relations are annotated on their
# trigger phrase and claims on the speaker's name; a candidate matches when its span overlaps.
from make import build, HERE
OUT = HERE + '/'
A,D,Q,R,C='actor','date','quantity','relation','claim'

# --- Development set: the rules and the gazetteer were written while reading these passages.
# --- 000: hierarchy and policy convergence (2016)
build('000_98f81a2e77157fa2.txt',
 [("Particularly, still in 1992", "signed in Moscow1."),
  ("In 2013, the commander-in-chief", "guarantees to Armenia."),
  ("In June 2013, during the Russia", "combat use of troops."),
  ("Russia, Armenia unite air defense", "UPI, 16 November, 2016."),
  ("December, 2016", "December, 2016")],
 [
  (0,D,'1992','1992'),(0,A,'RUS','Russia'),(0,A,'ARM','Armenia'),
  (0,R,'agreement.signed','signed series of framework agreements'),
  (0,D,'2001','2001'),(0,D,'1997-08','August 1997'),(0,A,'RUS','Russian'),(0,A,'ARM','Armenian'),
  (0,R,'provision.mutual_defence','Treaty on Friendship and Mutual Assistance'),
  (0,A,'place:moscow','Moscow'),
  (1,D,'2013','2013'),(1,A,'RUS','Russian'),(1,A,'ARM','Armenia'),(1,A,'place:gyumri','Gyumri'),
  (1,R,'presence.deployment','main military base in Armenia'),
  (1,C,'supportive','mentioned among the mutual priorities'),
  (1,D,'2010','2010'),(1,A,'RUS','Russia'),(1,A,'ARM','Armenia',1),
  (1,R,'agreement.extended','agreed on prolongation'),
  (1,R,'presence.deployment','Russian military presence in Armenia'),
  (1,A,'RUS','Russian',1),(1,A,'ARM','Armenia',2),(1,D,'../2044','until 2044'),(1,A,'ARM','Armenia',3),
  (2,D,'2013-06','June 2013'),(2,A,'agency:russian-security-council','Russia’s Security Council'),
  (2,A,'person:patrushev','N. Patrushev'),(2,A,'ARM','Armenia'),(2,A,'RUS','Russian'),(2,A,'ARM','Armenian'),
  (2,R,'agreement.signed','agreement was signed in Yerevan'),(2,A,'place:yerevan','Yerevan'),
  (2,D,'2015','2015'),(2,R,'agreement.signed','was signed that in-'),
  (2,R,'provision.unified_air_defence','united regional air defense system'),
  (2,R,'provision.unified_air_defence','joined with the Russian air defense system'),
  (2,A,'RUS','Russian',1),(2,A,'agency:armenian-air-defence','Armenian Air Defense Troops'),
  (2,A,'RUS','Russian',2),(2,A,'unit:southern-military-district','Southern Military District'),
  (2,D,'2016-11','November 2016'),
  (2,R,'provision.joint_forces','joint Russian-Armenian group of forces'),
  (2,A,'unit:joint-group-of-forces','joint Russian-Armenian group of forces'),
  (2,A,'place:caucasus','Caucasian region'),
  (2,R,'provision.joint_forces','creation of a joint military contingent'),
  (2,D,'2001-04','April 2001'),
  (3,A,'RUS','Russia'),(3,A,'ARM','Armenia'),(3,R,'provision.unified_air_defence','unite air defense'),
  (3,A,'place:caucasus','Caucasus'),(3,A,'org:russia-today','Russia Today'),(3,D,'2015-12-23','23.12.2015'),
  (3,A,'person:litovkin','V. Litovkin'),(3,A,'RUS','Russia',2),(3,A,'ARM','Armenia',1),
  (3,R,'provision.unified_air_defence','set up joint air defense system'),(3,A,'place:caucasus','Caucasus',1),
  (3,A,'org:upi','UPI'),(3,D,'2016-10-12','12 October 2016'),
  (3,A,'ARM','Armenia',2),(3,A,'RUS','Russia',3),(3,R,'provision.joint_forces','create joint military contingent'),
  (3,A,'org:rfe-rl','RFE/RL Newsline'),(3,D,'2001-04-17','17.04.2001'),
  (3,A,'person:litovkin','V. Litovkin',1),(3,A,'RUS','Russia',4),(3,A,'ARM','Armenia',3),
  (3,R,'provision.joint_forces','create joint defense force'),(3,A,'place:caucasus','Caucasus',2),
  (3,A,'org:upi','UPI',1),(3,D,'2016-11-16','16 November, 2016'),
  (4,D,'2016-12','December, 2016'),
 ], OUT+'000.tsv')

# --- 001: expert comments on the joint force (2016)
build('001_faa3d106a0f3d9e8.txt',
 [("What Does the Russian", "tank in Yerevan."),
  ("DR. TRACEY GERMAN, King’s College,", "London"),
  ("NONA MIKHELIDZE", "Unified Air Defense System."),
  ("DR. RICK FAWN, Professor", "University of St. Andrews.")],
 [
  (0,A,'RUS','Russian'),(0,A,'ARM','Armenian'),(0,R,'provision.joint_forces','Joint Military Force'),
  (0,A,'place:south-caucasus','South Caucasus'),
  (0,A,'RUS','Russian',1),(0,A,'person:putin','Vladimir Putin'),(0,R,'agreement.signed','signed a decree'),
  (0,D,'2016-11-14','Nov. 14, 2016'),(0,R,'provision.joint_forces','joint Russian-Armenian military force'),
  (0,A,'RUS','Russian',2),(0,A,'ARM','Armenian',1),
  (0,R,'provision.joint_forces','creation of a joint military unit'),(0,A,'RUS','Russian',3),(0,A,'ARM','Armenian',2),
  (0,R,'provision.border_guarding','will patrol Armenia’s land borders'),(0,A,'ARM','Armenia’s'),
  (0,A,'AZE','Azerbaijan'),(0,A,'GEO','Georgia'),(0,A,'IRN','Iran'),(0,A,'TUR','Turkey'),
  (0,R,'provision.mutual_defence','mutual defense clause'),(0,A,'ARM','Armenia',1),(0,A,'RUS','Russia'),
  (0,R,'provision.command','commanded in peacetime'),(0,A,'unit:armenian-general-staff','Armenia’s General Staff'),
  (0,A,'RUS','Russia’s'),(0,A,'unit:southern-military-district','Southern Military District Command'),
  (0,R,'provision.arms_domestic_prices','purchase Russian military equipment'),(0,A,'ARM','Armenia',3),(0,A,'RUS','Russian',4),
  (0,A,'place:nagorno-karabakh','Nagorno-Karabakh'),(0,A,'place:south-caucasus','South Caucasus',1),
  (0,A,'GEO','Georgia',1),(0,A,'ARM','Armenia',4),(0,A,'RUS','Russia',2),
  (0,A,'org:georgian-institute-of-politics','Georgian Institute of Politics'),
  (0,A,'ARM','Armenia',5),(0,A,'ITA','Italy'),(0,A,'GEO','Georgia',2),(0,A,'GBR','United Kingdom'),
  (0,A,'place:south-caucasus','South Caucasus',2),
  (0,A,'person:richard-giragosian','RICHARD GIRAGOSIAN'),(0,C,'critical','RICHARD GIRAGOSIAN'),
  (0,A,'org:regional-studies-center','Regional Studies Center'),(0,A,'place:yerevan','Yerevan'),
  (1,A,'person:tracey-german','TRACEY GERMAN'),(1,C,'concerned','TRACEY GERMAN'),
  (1,A,'org:king-s-college-london','King’s College'),(1,A,'place:london','London'),
  (2,A,'person:nona-mikhelidze','NONA MIKHELIDZE'),(2,C,'critical','NONA MIKHELIDZE'),
  (2,A,'org:istituto-affari-internazionali','Istituto Affari Internazionali'),(2,A,'ITA','Italy'),
  (2,A,'RUS','Russia'),(2,A,'ARM','Armenia'),(2,A,'ARM','Yerevan'),(2,R,'membership.joined','joined'),
  (2,A,'RUS','Moscow'),(2,A,'org:customs-union','Eurasian Customs Union'),(2,D,'2013','2013'),
  (2,D,'2016-10','October, 2016'),(2,A,'RUS','Russian'),(2,A,'person:putin','Vladimir Putin'),
  (2,A,'agency:state-duma','State Duma'),(2,A,'RUS','Russian',1),(2,A,'ARM','Armenian'),
  (2,R,'provision.unified_air_defence','Unified Air Defense System'),(2,A,'place:caucasus','Caucasus'),
  (3,A,'person:rick-fawn','RICK FAWN'),(3,C,'critical','RICK FAWN'),
  (3,A,'org:university-of-st-andrews','University of St. Andrews'),
 ], OUT+'001.tsv')

# --- 003: thesis on Armenia and Belarus (2013)
build('003_a0961d554d0caea7.txt',
 [("In the military sphere, Russia's interest", "hold periodical military exercises."),
  ("Few years later, Yerevan was very disappointed", "comprising 3,214 troops."),
  ("Armenian role in this organization is very specific.", "without a permission of CSTO.")],
 [
  (0,A,'RUS',"Russia's"),(0,A,'BLR','Belarusian'),(0,A,'org:nato','NATO'),(0,A,'RUS','Russian'),
  (0,A,'BLR','Belarusian',1),(0,Q,'80000 troops','80,000 soldiers'),(0,A,'RUS','Russian',1),(0,A,'org:nato','NATO',1),
  (0,A,'person:lukashenko','Lukashenka'),(0,A,'RUS','Moscow'),(0,A,'BLR','Belarusian',2),(0,A,'RUS',"Russia's",1),
  (0,Q,'300000 troops','300,000- strong'),(0,R,'provision.command','joint command'),
  (0,D,'2001','2001'),(0,A,'BLR','Belarus'),(0,R,'provision.unified_air_defence','joined the Joint Air Defence System'),
  (0,A,'org:cis','CIS'),(0,D,'1995','1995'),(0,A,'RUS',"Russia's",2),
  (0,A,'RUS','Russia',3),(0,R,'event.delivery','supplies Belarus with modern air defence systems'),(0,A,'BLR','Belarus',1),
  (1,A,'ARM','Yerevan'),(1,A,'RUS','Moscow'),(1,D,'2006','2006'),(1,A,'ARM','Armenians'),(1,A,'RUS','Russia'),
  (1,R,'presence.deployment','its military bases in the country'),
  (1,A,'RUS','Russians'),(1,R,'presence.deployment','have an airbase in Yerevan'),(1,A,'place:yerevan','Yerevan',1),
  (1,A,'place:gyumri','Gyumri'),(1,Q,'3214 troops','3,214 troops'),
  (2,A,'ARM','Armenian'),(2,A,'ARM','Armenia'),(2,A,'org:csto','CSTO'),(2,A,'org:nato','NATO'),
  (2,A,'ARM','Armenia’s'),(2,A,'org:csto','CSTO',1),(2,A,'RUS','Russia'),(2,D,'2006','2006'),(2,A,'RUS','Moscow'),
  (2,A,'org:nato','NATO',1),(2,A,'org:csto','CSTO',2),(2,A,'RUS','Russian'),(2,D,'2012','2012'),(2,A,'ARM','Armenian',1),
  (2,R,'agreement.ratified','ratified the Protocol'),(2,R,'agreement.signed','was signed already'),(2,A,'org:csto','Collective Security Treaty Organisation'),
  (2,D,'2011','2011'),(2,A,'org:csto','CSTO',3),
 ], OUT+'003.tsv')

# --- Held out: annotated after the rules were written, never used to tune them.
build('001_faa3d106a0f3d9e8.txt',
 [("Second, the measure is hardly", "former Soviet space.")],
 [
  (0,A,'ARM','Armenia'),(0,A,'org:csto','CSTO'),(0,A,'ARM','Armenia',1),(0,A,'RUS','Russia'),
  (0,A,'RUS','Moscow'),(0,R,'provision.unified_air_defence','subsumed its air defences'),(0,A,'RUS','Russia',1),
  (0,R,'provision.unified_air_defence','joint anti-aircraft defense system'),(0,D,'2016','2016'),
  (0,A,'ARM','Armenia’s'),(0,A,'AZE','Azerbaijan'),(0,A,'place:nagorno-karabakh','Nagorno-Karabakh'),
  (0,A,'org:csto','CSTO',1),(0,A,'RUS','Russian'),(0,A,'RUS','Russia',2),(0,A,'org:csto','CSTO',2),
  (0,A,'place:post-soviet-space','former Soviet space'),
 ], OUT+'heldout-001.tsv')
build('003_a0961d554d0caea7.txt',
 [("CIS was founded in 1991", "rights and obligations of its members.")],
 [
  (0,A,'org:cis','CIS'),(0,D,'1991','1991'),(0,R,'agreement.signed','by the signature of the Alma-Ata protocol'),
  (0,A,'ARM','Armenia'),(0,A,'AZE','Azerbaijan'),(0,A,'BLR','Belarus'),(0,A,'KAZ','Kazakhstan'),
  (0,A,'KGZ','Kyrgyzstan'),(0,A,'MDA','Moldova'),(0,A,'RUS','Russia'),(0,A,'TJK','Tajikistan'),
  (0,A,'UZB','Uzbekistan'),(0,A,'TKM','Turkmenistan'),(0,A,'UKR','Ukraine'),(0,A,'GEO','Georgia'),
  (0,R,'membership.left','withdrew from the organisation'),(0,D,'2008','2008'),
  (0,A,'org:cis','Commonwealth of Independent States'),(0,A,'RUS','Union of Soviet Socialist Republics'),
  (0,A,'RUS','former Soviet Union'),(0,A,'org:cis','CIS',1),(0,R,'agreement.signed','Charter adopted'),
  (0,D,'1993-01-22','22 January 1993'),(0,A,'org:cis','Commonwealth',1),
 ], OUT+'heldout-003.tsv')

# --- Held out, second batch: passages chosen for density (agreements, troop numbers, memberships,
# --- dated events, attributed claims), annotated before the extractor was run on them.
# Items are listed in the order they appear in their range; `ordered` turns each text into
# the occurrence index `build` expects (the first occurrence at or after the previous item's
# start that is not already taken by an item of the same kind).
from make import find_all, DOCS
import sys
def ordered(fname, ranges, seq, out):
    orig = open(DOCS+fname, encoding='utf-8').read()
    rr = []
    for (s_text, e_text) in ranges:
        a = orig.index(s_text)
        rr.append((a, orig.index(e_text, a) + len(e_text)))
    cursor, taken, items = {}, set(), []
    for (r, kind, value, text) in seq:
        a, b = rr[r]
        hits = find_all(orig, text, a, b)
        k = next((i for i, (s, e) in enumerate(hits)
                  if s >= cursor.get(r, 0) and (r, kind, s) not in taken), None)
        if k is None:
            sys.exit(f"{fname}: '{text}' not found in range {r} after {cursor.get(r, 0)}")
        s = hits[k][0]
        cursor[r] = s
        taken.add((r, kind, s))
        items.append((r, kind, value, text, k))
    build(fname, ranges, items, out)


ordered('000_98f81a2e77157fa2.txt',
 [("Over the period of the two V.Putin", "newly refashioned multilateral formats."),
  ("Moreover, what is important, for Russia the EU", "have often predominated” [18]."),
  ("Two major trends can be discerned", "highly security predisposed decision [20].")],
 [
  (0,A,'person:putin','V.Putin'),(0,D,'2000/2008','2000-2008'),(0,A,'RUS','Russia'),
  (0,A,'place:post-soviet-space','post-Soviet space'),(0,A,'RUS','Russia’s'),(0,A,'RUS','Moscow'),
  (0,A,'RUS','RF'),(0,A,'RUS','Russia'),(0,A,'org:cis','CIS'),(0,A,'RUS','Russian'),
  (0,D,'2002/2003','2002/2003'),(0,A,'org:cis','CIS'),(0,A,'org:cst','Collective Security Treaty'),
  (0,A,'org:csto','CSTO'),(0,A,'RUS','Russia'),(0,A,'BLR','Belarus'),(0,A,'ARM','Armenia'),
  (0,A,'KAZ','Kazakhstan'),(0,A,'KGZ','Kyr- gyzstan'),(0,A,'TJK','Tajikistan'),(0,A,'RUS','Russia'),
  (0,A,'org:customs-union','Custom Union'),
  (1,A,'RUS','Russia'),(1,A,'org:eu','EU'),(1,A,'org:nato','NATO'),(1,A,'RUS','Russian'),(1,A,'RUS','Russian'),
  (1,A,'person:averre','D. Averre'),(1,C,'critical','D. Averre'),(1,A,'RUS','Moscow'),(1,A,'org:cis','CIS'),
  (1,A,'org:csto','Collective Security Treaty Organisation'),(1,A,'org:eurasec','Eurasian Economic Community'),
  (1,A,'org:sco','Shanghai Cooperation Organisation'),
  (2,A,'RUS','Russia'),(2,A,'ARM','Armenia'),(2,D,'2010/..','after 2010'),(2,A,'ARM','Armenia’s'),(2,A,'RUS','Russia'),
  (2,D,'2013-09-03','September 3, 2013'),(2,A,'ARM','Armenia’s'),(2,R,'membership.joined','decision to join'),
  (2,A,'RUS','Russian'),(2,A,'org:eurasian-union','Eura- sian Union'),(2,A,'org:eu','EU'),
  (2,A,'place:nagorno-karabakh','Karabakh'),(2,A,'ARM','Armenia'),(2,A,'AZE','Azerbaijan'),
  (2,C,'descriptive','Arme- nian leadership openly alluded'),(2,A,'ARM','Arme- nian'),(2,A,'RUS','Russian'),
 ], OUT+'heldout2-000.tsv')

ordered('001_faa3d106a0f3d9e8.txt',
 [("President Vladimir Putin’s approval", "to its unresolved conflicts."),
  ("More recently, Russia and Armenia", "Nagorno-Karabakh conflict.")],
 [
  (0,A,'person:putin','Vladimir Putin'),
  (0,R,'provision.joint_forces','establish a joint Russian- Armenian military force'),
  (0,A,'RUS','Russian'),(0,A,'ARM','Armenian'),(0,A,'RUS','Russian'),(0,A,'place:caucasus','Caucasus'),
  (0,A,'RUS','Russia'),(0,A,'RUS','Russia’s'),(0,A,'GEO','Georgia’s'),(0,A,'place:south-ossetia','South Ossetia'),
  (0,A,'place:abkhazia','Abkhazia'),
  (0,R,'provision.joint_forces','Joint Group of Forces'),(0,A,'unit:joint-group-of-forces','Joint Group of Forces'),
  (0,A,'place:abkhazia','Abkhaz'),(0,A,'RUS','Russian'),(0,D,'2015','2015'),
  (0,A,'RUS','Russia'),(0,A,'place:south-ossetia','South Ossetia'),
  (0,R,'provision.joint_forces','envisaged the incorporation of South Ossetia’s armed forces'),
  (0,A,'place:south-ossetia','South Ossetia’s'),(0,A,'RUS','Russia'),
  (0,R,'provision.joint_forces','Russian-Armenian joint force'),(0,A,'RUS','Russian'),(0,A,'ARM','Armenian'),
  (0,A,'place:south-ossetia','South Ossetia'),
  (0,R,'provision.mutual_defence','armed attack against one party will be considered an attack against both'),
  (0,A,'RUS','Russian'),(0,A,'org:csto','Collective Security Treaty Organisation'),(0,A,'org:csto','CSTO'),
  (0,R,'provision.mutual_defence','an attack on one member-state to be an attack on all and guarantees mutual military assistance'),
  (0,A,'RUS','Russia'),(0,A,'ARM','Armenia’s'),(0,A,'ARM','Yerevan'),(0,A,'RUS','Moscow'),
  (0,A,'TUR','Turkey'),(0,A,'AZE','Azerbaijan'),(0,A,'RUS','Moscow'),(0,A,'place:south-caucasus','South Caucasus'),
  (0,A,'RUS','Russia'),
  (1,A,'RUS','Russia'),(1,A,'ARM','Armenia'),
  (1,R,'provision.joint_forces','establishing a combined Russian-Armenian army group'),(1,A,'RUS','Russian'),(1,A,'ARM','Armenian'),
  (1,A,'GEO','Georgia'),(1,A,'place:south-caucasus','South Caucasus'),
  (1,A,'RUS','Russia'),(1,R,'provision.border_guarding','will patrol Armenia’s borders'),(1,A,'ARM','Armenia’s'),
  (1,A,'TUR','Turkey'),(1,A,'IRN','Iran'),(1,A,'GEO','Georgia'),(1,A,'AZE','Azerbaijan'),
  (1,R,'provision.mutual_defence','attack on Armenia, the entire army of Russia’s Southern Military District will support its territorial defense'),
  (1,A,'ARM','Armenia'),(1,A,'RUS','Russia’s'),(1,A,'unit:southern-military-district','Southern Military District'),
  (1,R,'provision.command','will be commanded by'),(1,A,'unit:armenian-general-staff','Armenia’s General Staff'),
  (1,A,'ARM','Armenian'),(1,R,'provision.command','subordinated to the Command'),
  (1,A,'RUS',"Russia's"),(1,A,'unit:southern-military-district','Southern Military District'),
  (1,A,'ARM',"Armenia's"),(1,A,'RUS','Russia'),(1,A,'RUS','Russia’s'),(1,A,'place:nagorno-karabakh','Nagorno-Karabakh'),
  (1,A,'org:osce-minsk-group','OSCE Minsk Group'),(1,A,'RUS','Kremlin'),(1,C,'descriptive','Kremlin'),
  (1,A,'RUS','Russian'),(1,A,'place:nagorno-karabakh','Nagorno-Karabakh'),(1,A,'ARM','Armenian'),
  (1,R,'provision.joint_forces','joint Armenian-Russian military group'),(1,A,'ARM','Armenian'),(1,A,'RUS','Russian'),
  (1,A,'AZE','Azerbaijan'),(1,A,'AZE','Baku'),(1,A,'TUR','Ankara'),(1,A,'place:south-caucasus','South Caucasus'),
  (1,A,'place:nagorno-karabakh','Nagorno-Karabakh'),
 ], OUT+'heldout2-001.tsv')

ordered('003_a0961d554d0caea7.txt',
 [("The Russian- Georgian war in August 2008", "extension of the Russian influence in Central Asia."),
  ("According to Putin, this Union should", "accession to the Eurasian Union."),
  ("The Mercator Fellow at Global Policy Journal", "make it centre of the Eurasian region.")],
 [
  (0,A,'RUS','Russian'),(0,A,'GEO','Georgian'),(0,D,'2008-08','August 2008'),(0,A,'org:csto','CSTO'),
  (0,D,'2009','2009'),
  (0,R,'provision.joint_forces','assigned by the MS to the Collective Rapid Reaction Forces'),
  (0,A,'unit:csto-crrf','Collective Rapid Reaction Forces'),(0,A,'unit:csto-crrf','CRRF'),(0,A,'unit:csto-crrf','CRRF'),
  (0,A,'org:csto','CSTO'),(0,C,'descriptive','Stratfor'),(0,A,'org:stratfor','Stratfor'),(0,A,'unit:csto-crrf','CRRF'),
  (0,Q,'16000 troops','16,000 troops'),(0,A,'RUS','Russia'),(0,Q,'8000 troops','8,000 troops'),
  (0,A,'KAZ','Kazakhstan'),(0,Q,'4000 troops','4,000'),(0,A,'TJK','Tajikistan'),(0,A,'BLR','Belarus'),
  (0,A,'KGZ','Kyrgyzstan'),(0,A,'ARM','Armenia'),(0,Q,'1000 troops','1,000 troops'),
  (0,A,'UZB','Uzbekistan'),(0,A,'unit:csto-crrf','Rapid Reaction Force'),(0,A,'org:csto','CSTO'),
  (0,A,'unit:csto-crrf','CRRF'),(0,A,'RUS','Russian'),(0,A,'place:central-asia','Central Asia'),
  (1,A,'person:putin','Putin'),(1,C,'supportive','Putin'),(1,A,'org:eu','European Union'),(1,A,'RUS','USSR'),
  (1,A,'BLR','Belarus'),(1,A,'KAZ','Kazakhstan'),(1,A,'org:customs-union','Customs Union'),(1,A,'RUS','Russia'),
  (1,A,'org:customs-union','Customs Union'),
  (1,C,'supportive','European Bank for Reconstruction and Development'),
  (1,A,'org:european-bank-for-reconstruction-and-development','European Bank for Reconstruction and Development'),
  (1,A,'KGZ','Kyrgyzstan'),(1,A,'TJK','Tajikistan'),(1,A,'org:eurasian-union','Eurasian Union'),
  (2,A,'org:global-policy-journal','Global Policy Journal'),(2,A,'person:liana-fix','Liana Fix'),
  (2,C,'descriptive','Liana Fix'),(2,A,'org:eurasian-union','Eurasian Union'),(2,A,'RUS','Russian'),
  (2,A,'RUS','Soviet Union'),(2,A,'person:putin','Putin'),(2,C,'critical','Some scholars argue'),
  (2,A,'org:eurasian-union','Eurasian Union'),(2,A,'RUS',"Russia's"),
 ], OUT+'heldout2-003.tsv')

# --- Held out, third batch: annotated blind after the rules were changed with the second
# --- batch's misses in view (the "according to" and group-of-experts claim rules, the
# --- collective-defence formula, the negation cues); the extractor was not run on these
# --- passages before the annotations were committed.
# Conventions kept from the batches above: the longest name only (no actor nested in
# another actor); relations on their trigger phrase, one per mention, none for events
# that are negated, refused or only considered; claims on the speaker's name, or on
# speaker + verb when the speaker is unnamed or left out ("the CSTO´s Secretary General
# stated"); anaphoric dates ("in the same year", "one year later") and durations ("for
# 25 years") are not dates; a decade is a period ("1990s" = 1990/1999); headcounts of
# troops, persons and personnel are `N troops`.
def ordered3(fname, ranges, seq, out):
    """`ordered`, but a text is never found inside a span already taken by an item of the
    same kind ("Belarus" inside "Republic of Belarus")."""
    orig = open(DOCS+fname, encoding='utf-8').read()
    rr = []
    for (s_text, e_text) in ranges:
        a = orig.index(s_text)
        rr.append((a, orig.index(e_text, a) + len(e_text)))
    cursor, taken, items = {}, [], []
    for (r, kind, value, text) in seq:
        a, b = rr[r]
        hits = find_all(orig, text, a, b)
        k = next((i for i, (s, e) in enumerate(hits)
                  if s >= cursor.get(r, 0)
                  and not any(tr == r and tk == kind and s < te and ts < e for (tr, tk, ts, te) in taken)), None)
        if k is None:
            sys.exit(f"{fname}: '{text}' not found in range {r} after {cursor.get(r, 0)}")
        s, e = hits[k]
        cursor[r] = s
        taken.append((r, kind, s, e))
        items.append((r, kind, value, text, k))
    build(fname, ranges, items, out)


ordered3('000_98f81a2e77157fa2.txt',
 [("In spite of the ", "(bases) in the CIS1."),
  ("The operational objectives of Russia's", "CIS states."),
  ("From the heights of economic", "with them ”1.")],
 [
  (0,A,'org:cis','CIS'),(0,R,'provision.command','joint command'),(0,A,'agency:russian-mod','Russian MoD'),
  (0,D,'1992','1992'),(0,A,'org:cis','CIS'),(0,A,'RUS',"Russia's"),
  (0,R,'presence.deployment',"Russia's military presence (bases) in the CIS"),(0,A,'org:cis','CIS'),
  (1,A,'RUS',"Russia's"),(1,A,'org:cis','CIS'),(1,A,'org:cst','Collective Security Treaty'),
  (1,R,'agreement.signed','signing series of binding treaties'),(1,A,'RUS','Russian'),
  (1,R,'presence.deployment','Russian military bases in a number of CIS states'),(1,A,'org:cis','CIS'),
  (2,D,'2005','2005'),(2,A,'person:putin','V. Putin'),(2,C,'supportive','V. Putin'),
  (2,A,'place:post-soviet-space','post-Soviet space'),(2,A,'RUS','Russian'),(2,A,'RUS','Russia'),
  (2,A,'org:cis','Commonwealth'),
 ], OUT+'heldout3-000.tsv')

ordered3('003_a0961d554d0caea7.txt',
 [("Belarus and Russia agreed to establish the Union State", "achieve painless integration."),
  ("The lack of agreement and common position", "regional group of forces."),
  ("Kocharyan during his presidency in 2006", "Turkish influence in the region."),
  ("The organization was formally institutionalized in 2003", "Kyrgyzstan and Tajikistan.[footnoteRef:125]"),
  ("Already in May 2001, the CIS members", "beyond Russia's borders."),
  ("Operational and military preparations for joint action", "has therefore not yet been tested.")],
 [
  # Union State (1999) and a Russian economist's view
  (0,A,'BLR','Belarus'),(0,A,'RUS','Russia'),(0,R,'agreement.signed','agreed to establish the Union State'),
  (0,A,'org:union-state','Union State'),(0,D,'1999','1999'),
  (0,R,'agreement.signed','signature of the Treaty'),(0,A,'org:union-state','Union State'),
  (0,A,'RUS','Russian Federation'),(0,A,'BLR','Republic of Belarus'),
  (0,A,'BLR','Belarus'),(0,A,'RUS','Russian'),(0,A,'person:yeltsin','Yeltsin'),(0,A,'person:lukashenko','Lukashenka'),
  (0,A,'person:putin','Putin'),(0,A,'RUS','Russia'),
  (0,A,'RUS','Russian'),(0,A,'org:institute-of-economics','Institute of Economics'),
  (0,A,'org:russian-academy-of-sciences','Russian Academy of Sciences'),
  (0,A,'person:yurii-godin','Yurii Godin'),(0,C,'critical','Yurii Godin'),(0,D,'2008','2008'),
  # Russian-Belarusian military agreements
  (1,A,'BLR','Belarusian'),(1,A,'RUS','Russia'),(1,A,'org:nato','NATO'),(1,R,'membership.joined','became members'),
  (1,D,'1995','1995'),(1,R,'agreement.signed','signed an agreement'),(1,A,'RUS','Russia'),
  (1,R,'presence.deployment','usage of further military installations'),
  (1,R,'presence.deployment','right to use the installations on the territory of the other'),
  (1,A,'RUS','Russian'),(1,R,'presence.deployment','Russian access to the Belarusian military installations'),
  (1,A,'BLR','Belarusian'),
  (1,R,'agreement.signed','treaty was signed'),(1,A,'RUS','Russia'),
  (1,R,'provision.border_guarding','border troops to protect Belarusian borders'),(1,A,'BLR','Belarusian'),
  (1,R,'agreement.signed','was signed'),
  (1,D,'2003','2003'),(1,A,'BLR','Belarusian'),(1,R,'agreement.ratified','ratified an agreement'),
  (1,R,'provision.joint_forces','Russian-Belarusian regional group of forces'),(1,A,'RUS','Russian'),
  (1,A,'BLR','Belarusian'),(1,A,'unit:regional-group-of-forces','regional group of forces'),
  # Armenian presidents' statements; Armenia joins the CIS and the CST
  (2,A,'person:kocharyan','Kocharyan'),(2,C,'descriptive','Kocharyan'),(2,D,'2006','2006'),(2,A,'ARM','Armenia'),
  (2,A,'org:eu','EU'),
  (2,A,'person:sargsyan','Serj Sargsyan'),(2,C,'supportive','Serj Sargsyan'),
  (2,A,'person:putin','Putin'),(2,A,'org:eurasian-union','Eurasian Union'),(2,D,'2011','2011'),
  (2,C,'supportive','stated that Armenia welcomes'),(2,A,'ARM','Armenia'),
  (2,A,'RUS','USSR'),(2,A,'ARM','Armenia'),(2,A,'RUS','Russia'),(2,A,'ARM','Yerevan'),(2,A,'ARM','Armenian'),
  (2,A,'org:eu','EU'),(2,A,'USA','US'),(2,A,'org:nato','NATO'),
  (2,A,'ARM','Armenia'),(2,R,'membership.joined','joined'),(2,A,'RUS','Russia'),(2,D,'1990/1999','1990s'),
  (2,A,'org:cis','CIS'),(2,A,'org:cst','CST'),
  (2,A,'ARM','Armenia'),(2,A,'RUS','Russia'),(2,A,'RUS','Russia'),(2,A,'ARM','Armenia'),(2,A,'USA','U.S.'),
  (2,A,'IRN','Iranian'),(2,A,'TUR','Turkish'),
  # Collective Security Treaty (1992) to CSTO (2002/2003)
  (3,D,'2003','2003'),(3,A,'org:cst','Collective Security Treaty'),(3,A,'org:cst','CST'),(3,D,'1992/..','since 1992'),
  (3,A,'org:cis','CIS'),
  (3,A,'org:cst','CST'),(3,R,'agreement.signed','was signed'),(3,A,'org:cis','CIS'),(3,D,'1992-05-15','15 May 1992'),
  (3,A,'place:tashkent','Tashkent'),(3,A,'UZB','Uzbekistan'),
  (3,A,'org:cis','CIS'),(3,R,'membership.joined','adhered to the treaty'),(3,A,'ARM','Armenia'),(3,A,'KAZ','Kazakhstan'),
  (3,A,'KGZ','Kyrgyzstan'),(3,A,'RUS','Russia'),(3,A,'TJK','Tajikistan'),(3,A,'UZB','Uzbekistan'),
  (3,A,'AZE','Azerbaijan'),(3,A,'BLR','Belarus'),(3,A,'GEO','Georgia'),(3,R,'agreement.signed','signed the treaty'),
  (3,D,'1993','1993'),
  (3,A,'TKM','Turkmenistan'),(3,A,'MDA','Moldova'),(3,A,'UKR','Ukraine'),(3,A,'org:cis','CIS'),
  (3,A,'org:cst','CST'),(3,D,'1999','1999'),(3,A,'AZE','Azerbaijan'),(3,A,'GEO','Georgia'),(3,A,'UZB','Uzbekistan'),
  (3,R,'membership.left','withdraw from the treaty'),
  (3,R,'agreement.signed','agreed on formally institutionalizing'),(3,A,'org:cst','CST'),
  (3,A,'org:csto','CSTO'),(3,R,'agreement.signed','was signed in Chisinau'),(3,A,'place:chisinau','Chisinau'),
  (3,D,'2002-10-07','7 October 2002'),
  (3,D,'2003','2003'),(3,A,'org:csto','CSTO'),
  (3,R,'provision.joint_forces','regional groups of forces'),(3,A,'RUS','Russia'),(3,A,'RUS','Russia'),
  (3,A,'BLR','Belarus'),(3,A,'place:south-caucasus','South Caucasus'),(3,A,'RUS','Russia'),(3,A,'ARM','Armenia'),
  (3,A,'place:central-asia','Central Asian'),(3,A,'RUS','Russia'),(3,A,'KAZ','Kazakhstan'),(3,A,'KGZ','Kyrgyzstan'),
  (3,A,'TJK','Tajikistan'),
  # Collective Rapid Deployment Force (2001), air base in Kyrgyzstan (2003)
  (4,D,'2001-05','May 2001'),(4,A,'org:cis','CIS'),
  (4,R,'provision.joint_forces','created a Collective Rapid Deployment Force'),
  (4,A,'unit:csto-crdf','Collective Rapid Deployment Force'),(4,A,'unit:csto-crdf','CRDF'),
  (4,A,'place:central-asia','Central Asia'),
  (4,R,'presence.deployment','placing of the new airbase'),(4,A,'org:cst','CST'),
  (4,R,'presence.deployment','hosts a US airbase'),(4,A,'USA','US'),(4,A,'KGZ','Kyrgyzstan'),
  (4,R,'provision.joint_forces','creation of CRDF'),(4,A,'unit:csto-crdf','CRDF'),
  (4,R,'provision.joint_forces','allocation of battalions from the national armies'),(4,A,'RUS','Russia'),
  (4,A,'KAZ','Kazakhstan'),(4,A,'KGZ','Kyrgyzstan'),(4,A,'TJK','Tajikistan'),(4,Q,'4000 troops','4000 persons'),
  (4,A,'place:caucasus','Caucasus'),(4,Q,'1500 troops','1,500-strong'),
  (4,R,'provision.joint_forces','RDF comprise Russian and Armenian troops'),(4,A,'unit:csto-crdf','RDF'),
  (4,A,'RUS','Russian'),(4,A,'ARM','Armenian'),
  (4,R,'provision.command','Joint military command'),(4,A,'place:moscow','Moscow'),(4,A,'unit:csto-crdf','CRDF'),
  (4,R,'presence.deployment','permanent military air base'),(4,D,'2003','2003'),(4,A,'KGZ','Kyrgyzstan'),
  (4,A,'place:central-asia','Central Asian'),(4,A,'unit:csto-crdf','CRDF'),(4,A,'RUS','Russia'),(4,A,'RUS',"Russia's"),
  # CSTO peacekeeping forces; the Secretary General on Kyrgyzstan 2010
  (5,A,'org:csto','CSTO'),(5,D,'2004/..','since 2004'),(5,D,'2007','2007'),(5,A,'org:csto','CSTO'),
  (5,R,'agreement.signed','was signed'),
  (5,A,'unit:csto-cpf','Peacekeeping Forces'),(5,R,'provision.joint_forces','assign peacekeeping units'),
  (5,D,'2010','2010'),(5,R,'provision.joint_forces','formation of The Collective Peacekeeping Forces'),
  (5,A,'unit:csto-cpf','Collective Peacekeeping Forces'),(5,A,'unit:csto-cpf','CPF'),
  (5,A,'org:csto','CSTO'),(5,A,'unit:csto-cpf','CPF'),(5,R,'provision.joint_forces','created by the CSTO member states'),
  (5,A,'org:csto','CSTO'),(5,Q,'4200 troops','4,200 personnel'),
  (5,A,'org:csto','CSTO'),(5,A,'KGZ','Kyrgyzstan'),(5,D,'2010-06','June 2010'),
  (5,C,'supportive','CSTO´s Secretary General stated'),(5,A,'org:csto','CSTO'),(5,A,'org:csto','CSTO'),
 ], OUT+'heldout3-003.tsv')

# --- Held out, fourth batch (issue 17): passages of the same three documents that no gold
# --- file covered, annotated blind before any rule of issue 17 was written; the extractor was
# --- not run on them before this file was committed. Passages whose sentences had already
# --- become unit tests (the CIS Anti-terrorist Centre in 003, "Armenia refused … to join"
# --- and "two million Armenians") were left out, as read by earlier rule writers.
# Conventions of batch 3, plus:
# * a person not in the gazetteer or the knowledge base is `person:` + the slug of the name,
#   given name first, initials kept ("Peter B. Humphrey", "HUMPHREY, Peter, B." =
#   person:peter-b-humphrey); a title or role in front ("President Lukashenka") is not part
#   of the name's span; a known person keeps the known id;
# * an organisation, unit or agency not in the gazetteer is its kind + the slug of its name as
#   written (`org:nuclear-threat-initiative`, `agency:ministry-of-defence-of-the-republic-of-armenia`),
#   periodicals and publishers included, as in the batches above;
# * a counted thing other than troops is `N noun` (the counted noun as written, lower case);
# * a month or a day and month without a year in a dated text take the document's year
#   (001 is of November/December 2016: "in April" = 2016-04); "post-2008" = 2008/..,
#   "since the early 2010s" = 2010/.., "4th quarter 2009" = 2009-10/2009-12;
# * a relation is annotated only when the text says it happened (or holds): plans that were
#   dropped, intentions, threats, refusals, applications and negotiations are not relations;
#   a mention of an existing joint force is a relation (as in batch 2);
# * a claim is an attributed judgement whose speaker is named (a person, a state, an
#   organisation, a document) or stated ("it is concluded"), with its stance as above.
ordered3('001_faa3d106a0f3d9e8.txt',
 [("Since the 2008 war with Russia", "Armenia and Nagorno-Karabakh."),
  ("Russian President Vladimir Putin’s 14", "received scant attention in the West."),
  ("Third, though not a qualitative shift", "South Caucasus.")],
 [
  # Giragosian's comment
  (0,D,'2008','2008'),(0,A,'RUS','Russia'),(0,A,'GEO','Georgia'),(0,A,'ARM','Armenian'),(0,A,'RUS','Russian'),
  (0,A,'ARM','Armenia'),(0,C,'supportive','Armenia'),(0,A,'GEO','Tbilisi'),(0,A,'RUS','Russia'),(0,A,'GEO','Georgia’s'),
  (0,D,'2016-04','April'),(0,A,'AZE','Azerbaijani'),(0,A,'ARM','Armenia'),(0,A,'AZE','Azerbaijan'),
  (0,R,'agreement.signed','ceasefire agreement was first reached'),(0,D,'1994','1994'),(0,A,'GEO','Georgia'),
  (0,D,'2016-04','April'),(0,A,'place:nagorno-karabakh','Nagorno-Karabakh'),(0,A,'GEO','Georgia'),
  (0,A,'GEO','Georgia'),(0,D,'2016-11','mid- November'),(0,A,'RUS','Russia'),
  (0,R,'provision.joint_forces','joint Armenian-Russian military command unit'),(0,A,'ARM','Armenian'),(0,A,'RUS','Russian'),
  (0,A,'ARM','Armenia’s'),(0,A,'RUS','Russia'),(0,A,'ARM','Armenian'),
  (0,R,'provision.joint_forces','joint military unit'),(0,A,'ARM','Armenian-'),(0,A,'RUS','Russian'),(0,A,'ARM','Armenia’s'),
  (0,A,'RUS','Russian'),(0,A,'org:csto','Collective Security Treaty Organization'),(0,A,'org:csto','CSTO'),
  (0,A,'RUS','Russia’s'),(0,R,'provision.joint_forces','joint military unit'),(0,A,'GEO','Georgia'),(0,A,'ARM','Armenia'),
  (0,A,'RUS','Moscow'),(0,A,'ARM','Armenia’s'),(0,A,'place:nagorno-karabakh','Nagorno-Karabakh'),(0,A,'ARM','Armenia'),
  (0,A,'place:nagorno-karabakh','Nagorno-Karabakh'),
  # Fawn's comment
  (1,A,'RUS','Russian'),(1,A,'person:putin','Vladimir Putin'),(1,D,'2016-11-14','14 November'),
  (1,R,'provision.joint_forces','joint Russian-Armenian military force'),(1,A,'RUS','Russian'),(1,A,'ARM','Armenian'),
  (1,A,'USA','US'),(1,A,'org:nato','NATO'),(1,A,'RUS','Russia’s'),(1,A,'UKR','Ukraine'),(1,A,'GEO','Georgia'),
  (1,D,'2008','2008'),
  (2,A,'RUS','Russian'),(2,A,'ARM','Armenian'),(2,A,'AZE','Azerbaijan'),(2,A,'RUS','Russia'),(2,A,'ARM','Armenia'),
  (2,A,'AZE','Azerbaijan'),(2,A,'RUS','Russian'),(2,A,'RUS','Russia'),(2,R,'event.delivery','arm both Armenia and Azerbaijan'),
  (2,A,'ARM','Armenia'),(2,A,'AZE','Azerbaijan'),(2,A,'RUS','Russia’s'),(2,A,'org:nato','NATO'),
  (2,A,'place:post-soviet-space','post-Soviet space'),(2,A,'org:csto','CSTO'),(2,A,'ARM','Armenia'),(2,A,'GEO','Georgia'),
  (2,A,'RUS','Russia'),(2,D,'2008/..','post-2008'),(2,R,'presence.deployment','expanded military presence'),
  (2,A,'place:abkhazia','Abkhazia'),(2,A,'place:south-ossetia','South Ossetia'),(2,A,'GEO','Georgia'),(2,A,'GEO','Georgia'),
  (2,A,'RUS','Russian'),(2,A,'ARM','Armenian'),(2,A,'GEO','Georgia'),(2,A,'ARM','Armenia'),(2,A,'AZE','Azerbaijan'),
  (2,A,'GEO','Georgia'),(2,A,'place:south-caucasus','South Caucasus'),
 ], OUT+'heldout4-001.tsv')

ordered3('000_98f81a2e77157fa2.txt',
 [("Given the existence of huge resource asymmetry", "16% of EU1)."),
  ("In the field of foreign policy coordination", "the Russian crediting resources."),
  ("Yet, Russia’s active drive", "culture between the participants."),
  ("A treaty does not include a NATO-type", "strategic culture of the allies in the region,")],
 [
  (0,A,'RUS','Russia'),(0,A,'RUS','Rus- sia’s'),(0,A,'org:cis','CIS'),(0,A,'DEU','Ger- many'),(0,Q,'20 percent','20%'),
  (0,A,'org:eu','EU'),(0,Q,'16 percent','16%'),(0,A,'org:eu','EU'),
  (1,A,'org:cis','CIS'),(1,D,'1990/1999','1990s'),(1,A,'org:csto','Collective Security Treaty Or-'),(1,A,'RUS','РФ'),
  (1,D,'2005','2005г'),(1,A,'org:csto','SCTO'),(1,A,'place:post-soviet-space','post-Soviet space'),(1,A,'org:un','UN'),
  (1,A,'RUS',"Russia's"),(1,A,'RUS','Moscow'),(1,A,'RUS','Russia'),(1,A,'RUS','Russian'),(1,D,'2012/..','after 2012'),
  (1,A,'org:eurasian-union','Eurasian Union'),(1,A,'org:csto','CSTO'),(1,D,'2008','2008'),(1,A,'RUS','Russia'),
  (1,A,'GEO','Georgian'),(1,D,'2008/2009','2008/2009'),(1,A,'org:cis','CIS'),(1,A,'RUS','Russian'),
  (2,A,'RUS','Russia’s'),(2,A,'ARM','Armenia'),(2,A,'person:t-dyson','T. Dyson'),(2,C,'descriptive','T. Dyson'),
  (2,A,'org:eu','EU'),(2,A,'org:nato','NATO'),(2,A,'RUS','Russia’s'),
  (3,A,'org:nato','NATO'),(3,A,'RUS','Russian'),(3,A,'ARM','Armenian'),(3,D,'2010/..','since the early 2010s'),
  (3,A,'RUS','Russia'),(3,A,'ARM','Armenia'),
 ], OUT+'heldout4-000.tsv')

ordered3('003_a0961d554d0caea7.txt',
 [("In the years 2008 and 2009 Russia issued", "jfq-55/7.pdf (22.03.2013).]"),
  ("Belarus is the only post-Soviet country", "November 2005. p. 47.]"),
  ("Russia has no combat troops in Belarus", "Berlin 2009. p. 20."),
  ("To mention the practical impact of this regional grouping", "commonwealth-independent-states-cis/ (05.02.2013)]"),
  ("In 2002 the Council of Defence Ministers", "anti-terrorist measures in the CIS."),
  ("In the security field, originally it was expected", "when MS were fighting each other.[footnoteRef:117]"),
  ("[119:  The same case was the decision", "GUUAM in the same year. ]"),
  ("In 2011 Belarus held a CSTO chairmanship", "lukashenko-protest-csto-forces-505/ (02.04.2013).]"),
  ("The actual involvement of the country in CIS", "mil-doctrine-eng.pdf (27.03.2013)]")],
 [
  # Russia's concepts of 2008-2009; Humphrey's view; footnotes 48-50
  (0,D,'2008','2008'),(0,D,'2009','2009'),(0,A,'RUS','Russia'),(0,D,'2008','2008'),(0,A,'org:csto','CSTO'),
  (0,A,'org:cis','CIS'),(0,A,'IND','India'),(0,A,'CHN','China'),(0,A,'org:csto','CSTO'),(0,A,'org:sco','SCO'),
  (0,A,'RUS','RF'),(0,A,'person:peter-b-humphrey','Peter B. Humphrey'),(0,C,'critical','Peter B. Humphrey'),
  (0,A,'org:institute-for-national-strategic-studies','Institute for National Strategic Studies'),(0,A,'USA','American'),
  (0,A,'org:national-defence-university','National Defence University'),(0,D,'2009','2009'),(0,A,'RUS','Russian'),
  (0,A,'org:sco','SCO'),(0,A,'org:csto','CSTO'),(0,A,'org:csto','CSTO'),(0,A,'org:sco','SCO'),
  (0,A,'person:marcel-de-haas','DE HAAS'),(0,A,'person:medvedev','Medvedev'),(0,A,'RUS','Russia'),
  (0,A,'org:russian-analytical-digest','Russian Analytical Digest'),(0,D,'2009-06-18','18 June 2009'),
  (0,C,'descriptive','Freedom House'),(0,A,'org:freedom-house','Freedom House'),(0,D,'2013','2013'),
  (0,A,'ARM','Armenia'),(0,A,'KGZ','Kyrgyzstan'),(0,A,'org:csto','CSTO'),(0,A,'CHN','China'),(0,A,'UZB','Uzbekistan'),
  (0,A,'org:sco','SCO'),(0,A,'place:central-asia','Central Asian'),(0,D,'2013-04-03','03.04.2013'),
  (0,A,'person:peter-b-humphrey','HUMPHREY'),(0,A,'RUS','Russia’s'),(0,A,'place:post-soviet-space','Near Abroad'),
  (0,A,'org:jfq','JFQ'),(0,D,'2009-10/2009-12','4th quarter 2009'),(0,D,'2013-03-22','22.03.2013'),
  # Belarus's dependence; footnotes 61-65
  (1,A,'BLR','Belarus'),(1,A,'RUS','Russia'),(1,A,'BLR','Belarusian'),(1,A,'org:eu','EU'),(1,A,'RUS','Russia'),
  (1,A,'BLR','Belarusian'),(1,D,'1997/..','Since 1997'),(1,A,'person:lukashenko','Lukashenka'),(1,A,'BLR','Belarusian'),
  (1,A,'person:a-zagorski','Zagorski'),
  (1,D,'1992','1992'),(1,A,'BLR','Belarus'),(1,R,'membership.joined','joined'),(1,A,'org:osce','CSCE'),
  (1,A,'org:osce','OSCE'),(1,A,'org:nato','NATO'),
  (1,A,'org:north-atlantic-cooperation-council','North Atlantic Cooperation Council'),
  (1,D,'1993','1993'),(1,A,'BLR','Belarus'),(1,A,'org:council-of-europe','Council of Europe'),(1,D,'1997','1997'),
  (1,A,'org:eu','EU'),
  (1,A,'org:eu','EU'),(1,A,'BLR','Belarus'),(1,A,'BLR','Belarusian'),(1,A,'person:lukashenko','Lukashenka'),
  (1,A,'org:eu','EU'),(1,A,'BLR','Belarus'),
  (1,A,'person:cleila-rontoyanni','RONTOYANNI'),(1,A,'BLR','Belarusian'),
  (1,A,'org:institute-for-security-studies','Institute for Security Studies'),(1,D,'2005-11','November 2005'),
  # Russian military assets in Belarus; footnotes 76-78
  (2,A,'RUS','Russia'),(2,A,'BLR','Belarus'),
  (2,R,'presence.deployment','early-warning station at Baranovichi'),(2,A,'place:baranovichi','Baranovichi'),
  (2,R,'presence.deployment','naval communication facility at Vileika'),(2,A,'place:vileika','Vileika'),
  (2,Q,'850 troops','850 troops'),(2,A,'RUS','Russian'),(2,A,'RUS','Russian'),
  (2,A,'person:margarete-klein','KLEIN'),(2,A,'RUS','Russia'),
  (2,A,'org:stiftung-wissenschaft-und-politik','Stiftung Wissenschaft und Politik'),
  (2,A,'org:stiftung-wissenschaft-und-politik','German Institute for International and Security Affairs'),
  (2,A,'place:berlin','Berlin'),(2,D,'2009','2009'),
  # CIS security cooperation in the 1990s; footnote 109
  (3,A,'org:cis','CIS'),(3,A,'place:central-asia','Central Asian'),(3,A,'RUS','Russia'),(3,A,'RUS','Russian'),
  (3,R,'provision.border_guarding','participation in patrolling their borders'),(3,A,'RUS','Russian'),
  (3,R,'provision.border_guarding','troops are patrolling'),(3,A,'org:cis','CIS'),
  (3,D,'1995','1995'),(3,A,'org:cis','CIS'),(3,R,'agreement.signed','signed an agreement'),
  (3,A,'org:council-of-heads-of-state','Council of Heads of State'),
  (3,A,'org:council-of-heads-of-government','Council of Heads of Government'),(3,A,'place:abkhazia','Abkhazia'),
  (3,A,'GEO','Georgia'),(3,R,'presence.deployment','prolonged the presence of the collective peace-making forces'),
  (3,A,'TJK','Tajikistan'),
  (3,A,'org:nuclear-threat-initiative','Nuclear Threat Initiative'),(3,D,'2007','2007'),
  (3,A,'org:cis','Commonwealth of Independent States'),(3,A,'org:cis','CIS'),(3,D,'2013-02-05','05.02.2013'),
  # CIS defence ministers in 2002
  (4,D,'2002','2002'),(4,A,'org:council-of-defence-ministers','Council of Defence Ministers'),
  (4,R,'provision.unified_air_defence','common database for their air defence systems'),(4,A,'org:cis','CIS'),
  (4,A,'org:cis','CIS'),(4,R,'agreement.signed','were signed'),(4,A,'org:cis','CIS'),
  (4,A,'place:central-asia','Central Asian'),(4,A,'org:cis','CIS'),(4,A,'org:cis','CIS'),
  # the CIS military structures and the conflicts of the 1990s
  (5,A,'org:council-of-ministers-of-defence','Council of Ministers of Defence'),
  (5,A,'unit:headquarters-of-the-armed-forces-of-the-cis','Headquarters of the Armed Forces of the CIS'),
  (5,A,'org:warsaw-pact','Warsaw Pact'),(5,A,'place:moscow','Moscow'),(5,D,'1993-12','December 1993'),
  (5,A,'unit:headquarters-of-the-coordination-of-military-cooperation-of-the-cis',
   'Headquarters of the Coordination of Military Cooperation of the CIS'),
  (5,R,'agreement.signed','signature of the CIS Charter'),(5,A,'org:cis','CIS'),
  (5,A,'org:cst','Collective Security Treaty'),(5,A,'org:cst','CST'),(5,R,'agreement.signed','signed in 1992'),
  (5,D,'1992','1992'),(5,A,'org:cis','CIS'),(5,A,'RUS','Russia'),(5,A,'org:cis','CIS'),
  (5,A,'place:south-ossetia','South Ossetia'),(5,D,'1991/1992','1991-1992'),(5,A,'place:transnistria','Transnistria'),
  (5,D,'1992','1992'),(5,A,'place:nagorno-karabakh','Nagorno-Karabakh'),(5,D,'1992/1994','1992-1994'),
  (5,A,'place:abkhazia','Abkhazia'),(5,D,'1992/1994','1992-1994'),(5,A,'GEO','Georgia'),(5,A,'TJK','Tajikistan'),
  (5,D,'1992/1997','1992-1997'),(5,A,'org:cis','CIS'),(5,R,'presence.deployment','peace troops'),(5,A,'RUS','Russian'),
  (5,R,'provision.mutual_defence','clause on mutual assistance'),
  (6,A,'AZE','Azerbaijan'),(6,A,'GEO','Georgia'),(6,A,'UZB','Uzbekistan'),(6,R,'membership.left','withdraw from the CST'),
  (6,A,'org:cst','CST'),(6,D,'1999','1999'),(6,A,'org:guam','GUUAM'),
  # Belarus's CSTO chairmanship, 2011; footnotes 152-153
  (7,D,'2011','2011'),(7,A,'BLR','Belarus'),(7,A,'org:csto','CSTO'),(7,A,'place:astana','Astana'),
  (7,D,'2011-08','August 2011'),(7,A,'person:lukashenko','Lukashenka'),(7,A,'org:csto','CSTO'),(7,A,'unit:csto-crrf','CRRF'),
  (7,A,'BLR','Belarus'),(7,A,'org:csto','CSTO'),(7,A,'person:lukashenko','Lukashenka'),(7,A,'BLR','Belarusian'),
  (7,A,'person:lukashenko','Lukashenka'),(7,C,'supportive','Lukashenka'),(7,A,'unit:csto-crrf','CRRF'),
  (7,A,'BLR','Minsk'),(7,D,'2010-12','December 2010'),
  (7,A,'RUS','Russian'),(7,A,'BLR','Belarusian'),
  (7,R,'provision.unified_air_defence','air defence systems are already closely integrated'),
  (7,R,'provision.joint_forces','regional task force of Belarusian and Russian ground forces'),(7,A,'BLR','Belarusian'),
  (7,A,'RUS','Russian'),
  (7,A,'BLR','Belarus'),(7,A,'org:russia-today','Russia Today'),(7,D,'2011-08-31','31.08.2011'),
  (7,D,'2013-04-02','02.04.2013'),
  # Armenia's strategy and military doctrine; footnotes 156-157
  (8,A,'org:cis','CIS'),(8,A,'org:csto','CSTO'),(8,A,'ARM','Armenia'),(8,A,'org:csto','CSTO'),(8,A,'ARM','Armenia'),
  (8,C,'supportive','Armenia'),(8,A,'org:csto','CSTO'),(8,C,'critical','it is concluded'),
  (8,A,'ARM','Republic of Armenia'),(8,R,'provision.joint_forces','permanently acting combined forces'),
  (8,A,'RUS','Russian Federation'),
  (8,A,'unit:armed-forces-of-the-republic-of-armenia','Armed Forces of the Republic of Armenia'),
  (8,A,'RUS','Russian Federation'),(8,A,'org:csto','CSTO'),(8,A,'org:cis','CIS'),(8,A,'org:csto','CSTO'),
  (8,A,'org:csto','CSTO'),
  (8,A,'ARM','Republic of Armenia'),(8,D,'2007','2007'),
  (8,A,'agency:ministry-of-defence-of-the-republic-of-armenia','Ministry of Defence of the Republic of Armenia'),
  (8,D,'2013-03-27','27.03.2013'),
  (8,A,'ARM','Republic of Armenia'),
  (8,A,'agency:ministry-of-defence-of-the-republic-of-armenia','Ministry of Defence of the Republic of Armenia'),
  (8,D,'2013-03-27','27.03.2013'),
 ], OUT+'heldout4-003.tsv')

# --- Held out, fifth batch: passages no gold file covered, annotated after the rules of issue
# --- 17 were written and before the extractor was run on them (a blind test of those rules;
# --- the same documents again). Conventions of batch 4.
ordered3('003_a0961d554d0caea7.txt',
 [("Collective security Treaty Organisation (CSTO), founded in 2003", "[31:  Ibid.]"),
  ("On the contrary with Belarus, Armenia does not have", "2008,p. 55. ]"),
  ("All the decisions on the joint use of military forces", "[107:  Ibid. 426.]"),
  ("The lack of intervention in Tajikistan", "organization (07.02.2013)]")],
 [
  (0,A,'org:csto','Collective security Treaty Organisation'),(0,A,'org:csto','CSTO'),(0,D,'2003','2003'),
  (0,A,'org:cst','Treaty on Collective Security'),(0,D,'1992','1992'),
  (0,R,'provision.mutual_defence','provide it with necessary assistance'),(0,A,'org:un','UN'),
  (0,A,'org:csto','CSTO'),(0,Q,'6 states','six member states'),(0,A,'ARM','Armenia'),(0,A,'BLR','Belarus'),
  (0,A,'KAZ','Kazakhstan'),(0,A,'KGZ','Kyrgyzstan'),(0,A,'RUS','Russia'),(0,A,'TJK','Tajikistan'),
  (0,R,'membership.left','left the organisation'),(0,A,'UZB','Uzbekistan'),(0,D,'2012','2012'),
  (0,A,'org:cst','Treaty on Collective Security'),(0,D,'1992','1992'),(0,D,'2013-01-22','22.01.2013'),
  (1,A,'BLR','Belarus'),(1,A,'ARM','Armenia'),(1,C,'descriptive','Freedom House'),
  (1,A,'org:freedom-house','Freedom House'),
  (1,D,'1996','1996'),(1,A,'ARM','Armenia'),(1,A,'org:eu','EU'),
  (1,R,'agreement.signed','signed the Partnership and Cooperation Agreement'),
  (1,R,'membership.joined','included into'),(1,A,'org:eu','EU'),
  (1,A,'org:european-neighbourhood-program','European Neighbourhood Program'),
  (1,A,'org:european-neighbourhood-program','ENP'),(1,D,'2007','2007'),(1,A,'org:eu','EU'),
  (1,A,'org:nato','NATO'),(1,A,'place:south-caucasus','South Caucasus'),
  (1,A,'ARM','Armenia'),(1,A,'RUS','Russia'),(1,A,'USA','U.S.'),(1,A,'org:nato','NATO'),
  (1,A,'TUR','Turkey'),(1,A,'RUS','Russian'),(1,A,'ARM','Armenia'),
  (1,A,'person:rainer-freitag-wirminghaus','WIRMINGHAUS'),(1,A,'ARM','Armenia'),(1,A,'AZE','Azerbaijan'),
  (1,D,'2008','2008'),
  (2,R,'provision.joint_forces','joint use of military forces'),
  (2,A,'org:council-of-heads-of-states-of-the-commonwealth','Council of Heads of States of the Commonwealth'),
  (2,R,'provision.border_guarding','coordinate operations of their border troops'),
  (2,A,'org:cis','CIS'),(2,A,'org:council-of-heads-of-state','Council of Heads of State'),(2,A,'org:cis','CIS'),
  (2,A,'person:a-voitovich','VOITOVICH'),
  (2,A,'org:council-of-heads-of-states','Council of Heads of States'),
  (2,A,'org:council-of-ministers-of-defence','Council of Ministers of Defence'),
  (2,R,'provision.command','High Command of the United Armed Forces'),
  (2,A,'unit:high-command-of-the-united-armed-forces','High Command of the United Armed Forces'),
  (2,A,'org:council-of-commanders-of-border-troops','Council of Commanders of Border Troops'),
  (3,A,'TJK','Tajikistan'),(3,A,'KGZ','Kyrgyzstan'),(3,A,'org:csto','CSTO'),(3,A,'org:csto','CSTO'),
  (3,A,'KGZ','Kyrgyzstan'),(3,A,'TJK','Tajikistan'),(3,A,'org:csto','CSTO'),(3,A,'org:csto','CSTO'),
  (3,A,'RUS','Russia'),(3,A,'org:csto','CSTO'),(3,A,'RUS','Russia'),(3,A,'org:csto','CSTO'),
  (3,A,'org:csto','CSTO'),(3,A,'org:nato','NATO'),(3,A,'org:nato','NATO'),
  (3,R,'presence.deployment','has deployed'),(3,A,'org:csto','CSTO'),
  (3,A,'org:al-qaeda','Al- Qaeda'),(3,A,'org:islamist-movement-of-uzbekistan','Islamist Movement of Uzbekistan'),
  (3,D,'2010','2010'),(3,A,'KGZ','Kyrgyz'),(3,A,'UZB','Uzbeks'),(3,D,'2010','2010'),
  (3,A,'org:csto','Collective Security Treaty Organization'),(3,A,'org:stratfor','Stratfor Global Intelligence'),
  (3,D,'2012','2012'),(3,D,'2013-02-07','07.02.2013'),
 ], OUT+'heldout5-003.tsv')

ordered3('000_98f81a2e77157fa2.txt',
 [("However, the processes and the dynamics of policy", "replace the defunct Soviet military body.")],
 [
  (0,A,'RUS','Russian'),(0,A,'RUS','Russia'),(0,A,'RUS','Russia'),
  (0,A,'RUS',"Russia's"),(0,A,'org:cis','CIS'),(0,A,'RUS','Soviet Union'),(0,D,'1990/1993','early 1990s'),
  (0,A,'RUS','Russian'),(0,A,'RUS','Moscow'),
  (0,A,'agency:central-intelligence-agency','Central Intelligence Agency'),(0,D,'2014','2014'),
  (0,A,'agency:central-intelligence-agency','CIA'),
  (0,A,'place:caucasus','Cauca- sian region'),(0,A,'RUS','Moscow'),(0,A,'org:cis','CIS'),
  (0,A,'place:post-soviet-space','FSU'),(0,D,'1990/1996','early and mid-1990s'),
 ], OUT+'heldout5-000.tsv')

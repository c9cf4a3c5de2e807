//! Candidate facts from a passage: actors, dates and periods, quantities,
//! relations and attributed claims. Rules over tokens plus the gazetteer;
//! each candidate names the rule that produced it, so it can be explained.
//!
//! One file per kind of rule: `actors`, `dates`, `quantities`, `relations`
//! (within a sentence, [`sentences`]), `claims` and `experts` (expert
//! comments, whose sections run across passages).

mod actors;
mod claims;
mod clauses;
mod dates;
mod experts;
mod names;
mod quantities;
mod relations;
mod relative;
mod sentences;
mod stance;
mod triggers;

use hegemony_core::PartialDate;
use serde::Serialize;

use crate::candidate::Detail;
pub use crate::candidate::Kind;
use crate::gazetteer::{Gazetteer, TokKind, Token, tokenize};
pub use experts::expert_sections;
pub use names::DocMemory;
use sentences::Sentence;
pub use sentences::sentences;
pub use stance::stance_of;

/// One candidate, with offsets into the text it was found in (chars).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    /// The kind (that of its detail).
    pub kind: Kind,
    /// Character offset of the span's start.
    pub start: usize,
    /// Character offset just past the span's end.
    pub end: usize,
    /// The normalised value: `RUS`, `2016-11-14`, `2011/2020`, `../2044`,
    /// `94 percent`, `300000000 USD`, `agreement.signed`, `critical` …
    pub value: String,
    /// States concerned (registry codes).
    pub actors: Vec<String>,
    /// How sure the rule is, 0 to 1.
    pub confidence: f64,
    /// Which rule fired, and what it read.
    pub detail: Detail,
}

impl Found {
    /// A candidate of the kind of its `detail`.
    fn new(start: usize, end: usize, value: String, actors: Vec<String>, confidence: f64, detail: Detail) -> Found {
        Found { kind: detail.kind(), start, end, value, actors, confidence, detail }
    }
}

/// What extraction needs besides the text.
pub struct Context<'a> {
    /// The names to find.
    pub gazetteer: &'a Gazetteer,
    /// The document's date, for "October 29th" and "mid-November".
    pub doc_date: Option<PartialDate>,
}

/// A four-digit year from 1800 to 2100.
#[inline]
fn year_of(t: &Token) -> Option<i32> {
    if t.kind != TokKind::Num || t.text.len() != 4 {
        return None;
    }
    t.text.parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

/// The lower-case text of a word token, else "".
#[inline]
fn word(t: Option<&Token>) -> &str {
    t.filter(|t| t.kind == TokKind::Word).map(|t| t.lower()).unwrap_or("")
}

/// Whether the token is exactly `s`.
#[inline]
fn is(t: Option<&Token>, s: &str) -> bool {
    t.is_some_and(|t| t.text == s)
}

/// Character ranges of URLs (nothing is extracted there): from "http://",
/// "https://" or "www." to the next white space.
fn url_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let at = |i: usize, pat: &str| pat.chars().enumerate().all(|(k, p)| chars.get(i + k) == Some(&p));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if (chars[i] == 'h' && (at(i, "http://") || at(i, "https://"))) || (chars[i] == 'w' && at(i, "www.")) {
            let end = (i..chars.len()).find(|&k| chars[k].is_whitespace()).unwrap_or(chars.len());
            out.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The tokens of a text, without those inside URLs.
fn tokens_outside_urls(chars: &[char]) -> Vec<Token> {
    let urls = url_ranges(chars);
    let tokens = tokenize(chars);
    if urls.is_empty() {
        return tokens;
    }
    tokens.into_iter().filter(|t| !urls.iter().any(|&(a, b)| t.start >= a && t.end <= b)).collect()
}

/// Every candidate in `text` (a passage of its own).
pub fn extract(text: &str, cx: &Context) -> Vec<Found> {
    extract_in(text, cx, &mut DocMemory::default())
}

/// Every candidate in `text`, a passage of a document whose earlier
/// passages left `memory` (acronyms defined, people named in full).
pub fn extract_in(text: &str, cx: &Context, memory: &mut DocMemory) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokens_outside_urls(&chars);
    let mut out = Vec::new();
    let known = cx.gazetteer.find(&chars, &tokens);
    let actors = names::actors(&chars, &tokens, cx.gazetteer, known, memory);
    for m in &actors {
        out.push(actors::actor_candidate(m, &chars, &tokens));
    }
    let quantities = quantities::quantities(&chars, &tokens, &actors);
    let dates = dates::dates(&tokens, cx, &quantities);
    out.extend(dates.iter().cloned());
    out.extend(quantities.iter().cloned());
    for range in sentences(&chars) {
        let sentence = Sentence::new(&chars, &tokens, range, &actors, &dates);
        out.extend(relations::relations(&sentence));
        out.extend(claims::inline_claims(&sentence));
    }
    out.extend(experts::expert_headers(&chars, &tokens, cx));
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.kind.cmp(&b.kind)).then(b.end.cmp(&a.end)));
    out
}

/// Only the dates of `text` (no gazetteer), e.g. to find a document's date.
pub fn dates_only(text: &str, doc_date: Option<PartialDate>) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokens_outside_urls(&chars);
    let g = Gazetteer::default();
    let q = quantities::quantities(&chars, &tokens, &[]);
    dates::dates(&tokens, &Context { gazetteer: &g, doc_date }, &q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate::SpeakerKind;

    fn run(text: &str, doc: Option<&str>) -> Vec<(Kind, String, String)> {
        let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let cx = Context { gazetteer: &g, doc_date: doc.map(|d| d.parse().unwrap()) };
        let chars: Vec<char> = text.chars().collect();
        extract(text, &cx).into_iter().map(|f| (f.kind, chars[f.start..f.end].iter().collect(), f.value)).collect()
    }

    fn of(v: &[(Kind, String, String)], k: Kind) -> Vec<(String, String)> {
        v.iter().filter(|x| x.0 == k).map(|x| (x.1.clone(), x.2.clone())).collect()
    }

    fn pairs(x: &[(&str, &str)]) -> Vec<(String, String)> {
        x.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn dates_full_partial_relative_and_periods() {
        let v = run(
            "Putin signed a decree on Nov. 14, 2016; on October 29th and in mid-November talks went on. \
             The base stays until 2044, prices were fixed from 2011 to 2020 and rose since 2020. \
             In April 2001 and on 12 October 2016 (see 23.12.2015), in the early 1990s, in 2008-2012.",
            Some("2016-12"),
        );
        assert_eq!(
            of(&v, Kind::Date),
            pairs(&[
                ("Nov. 14, 2016", "2016-11-14"),
                ("October 29th", "2016-10-29"),
                ("mid-November", "2016-11"),
                ("until 2044", "../2044"),
                ("from 2011 to 2020", "2011/2020"),
                ("since 2020", "2020/.."),
                ("April 2001", "2001-04"),
                ("12 October 2016", "2016-10-12"),
                ("23.12.2015", "2015-12-23"),
                ("early 1990s", "1990/1993"),
                ("2008-2012", "2008/2012"),
            ])
        );
    }

    #[test]
    fn dates_relative_to_the_document_seasons_and_open_ranges() {
        // Issue 17: a day without a year in a dated news item, relative expressions, seasons,
        // ranges and open ranges.
        let v = run(
            "The talks held on October 29th followed those of last year; the next round is due next month \
             and the exercise this autumn. Two years ago, in April, the parties met; yesterday and on Monday \
             they met again. The base was used from March to May 2015, in the autumn of 2014, in the 4th \
             quarter 2009 and the first half of 2015, in 2002/2003 and 1990-91, post-2008, after 2012, \
             since the early 2010s, from 2011 onwards, before 2030 and by 2025.",
            Some("2016-11-16"),
        );
        assert_eq!(
            of(&v, Kind::Date),
            pairs(&[
                ("October 29th", "2016-10-29"),
                ("last year", "2015"),
                ("next month", "2016-12"),
                ("this autumn", "2016-09/2016-11"),
                ("Two years ago", "2014"),
                ("April", "2016-04"),
                ("yesterday", "2016-11-15"),
                ("Monday", "2016-11-14"),
                ("from March to May 2015", "2015-03/2015-05"),
                ("autumn of 2014", "2014-09/2014-11"),
                ("4th quarter 2009", "2009-10/2009-12"),
                ("first half of 2015", "2015-01/2015-06"),
                ("2002/2003", "2002/2003"),
                ("1990-91", "1990/1991"),
                ("post-2008", "2008/.."),
                ("after 2012", "2012/.."),
                ("since the early 2010s", "2010/.."),
                ("from 2011 onwards", "2011/.."),
                ("before 2030", "../2030"),
                ("by 2025", "../2025"),
            ])
        );
        // A news item of January 2017 speaking of December means December 2016; the year of
        // an event after "since the" is a date, not a period.
        let v = run(
            "On December 29 the deal was signed. Since the 2008 war, trade fell. The partnership was pushed \
             forward after November 2016 approval of joint Russian-Armenian group of forces.",
            Some("2017-01-05"),
        );
        assert_eq!(
            of(&v, Kind::Date),
            pairs(&[("December 29", "2016-12-29"), ("2008", "2008"), ("November 2016", "2016-11")])
        );
        // Without the document's date nothing relative is resolved.
        assert!(of(&run("It happened last year, on October 29th.", None), Kind::Date).is_empty());
    }

    #[test]
    fn quantities_shares_money_troops_weights_distances() {
        let v = run(
            "Russia supplied 94 per cent of its arms, a $300 million loan, 3,000 Russian soldiers, 510 tonnes of \
             cargo over 300 kilometres; 50 percent of the staff, cca 10% of gas, two million Armenians, 80,000 soldiers.",
            None,
        );
        assert_eq!(
            of(&v, Kind::Quantity),
            pairs(&[
                ("94 per cent", "94 percent"),
                ("$300 million", "300000000 USD"),
                ("3,000 Russian soldiers", "3000 troops"),
                ("510 tonnes", "510 tonnes"),
                ("300 kilometres", "300 km"),
                ("50 percent", "50 percent"),
                ("cca 10%", "10 percent"),
                ("two million Armenians", "2000000 people"),
                ("80,000 soldiers", "80000 troops"),
            ])
        );
        // The year-like numbers inside quantities are not dates.
        assert!(of(&v, Kind::Date).is_empty());
    }

    #[test]
    fn counts_approximate_amounts_money_in_any_currency_and_shares_of_what() {
        // Issue 17: counted and approximate quantities, money with scale words, shares.
        let v = run(
            "Turkey recorded nine Russian flights and more than 40 deaths; up to 5,000 servicemen, about 1,200 \
             peacekeepers and between 3,000 and 5,000 troops stay, a 1,500-strong force. Moscow lent 2.5bn roubles, \
             Yerevan 120 billion drams, the EU EUR 2 million and US$1.2bn; Gazprom paid 3 billion Belarusian \
             roubles. Germany has just 20% of EU combined GDP, while the two countries keep 12 bases.",
            None,
        );
        assert_eq!(
            of(&v, Kind::Quantity),
            pairs(&[
                ("nine Russian flights", "9 flights"),
                ("more than 40 deaths", "40 deaths"),
                ("up to 5,000 servicemen", "5000 troops"),
                ("about 1,200 peacekeepers", "1200 troops"),
                ("between 3,000 and 5,000 troops", "3000-5000 troops"),
                ("1,500-strong", "1500 troops"),
                ("2.5bn roubles", "2500000000 RUB"),
                ("120 billion drams", "120000000000 AMD"),
                ("EUR 2 million", "2000000 EUR"),
                ("US$1.2bn", "1200000000 USD"),
                ("3 billion Belarusian roubles", "3000000000 BYN"),
                ("20%", "20 percent"),
                ("12 bases", "12 bases"),
            ])
        );
        let detail = |span: &str| {
            let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
            let g = Gazetteer::build(Some(&kb));
            let text = "Turkey recorded more than 40 deaths; up to 5,000 servicemen. Germany has just 20% of EU combined GDP, while.";
            let chars: Vec<char> = text.chars().collect();
            let cx = Context { gazetteer: &g, doc_date: None };
            let f = extract(text, &cx).into_iter().find(|f| chars[f.start..f.end].iter().collect::<String>() == span);
            match f.map(|f| f.detail) {
                Some(Detail::Quantity(q)) => q,
                other => panic!("{span}: {other:?}"),
            }
        };
        let q = detail("more than 40 deaths");
        assert_eq!(
            (q.approx.as_deref(), q.low, q.high, q.noun.as_deref()),
            (Some("more than"), Some(40.0), None, Some("deaths"))
        );
        let q = detail("up to 5,000 servicemen");
        assert_eq!((q.approx.as_deref(), q.low, q.high), (Some("up to"), None, Some(5000.0)));
        assert_eq!(detail("20%").share_of.as_deref(), Some("EU combined GDP"));
        // A list after a headcount keeps its unit (003: the CRRF's contingents).
        let v = run(
            "the force comprises 16,000 troops, with Russia providing 8,000 troops, Kazakhstan 4,000 and Tajikistan.",
            None,
        );
        let q = of(&v, Kind::Quantity);
        assert_eq!(q.last(), Some(&("4,000".to_string(), "4000 troops".to_string())), "{q:?}");
        // Page and article numbers are not counts; "the two countries" is not a count.
        assert!(
            of(&run("See p. 12 bases of Article 16 states; the two countries met.", None), Kind::Quantity).is_empty()
        );
    }

    fn actors_of(text: &str) -> Vec<(String, String, Option<String>, Vec<String>)> {
        let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let cx = Context { gazetteer: &g, doc_date: None };
        let chars: Vec<char> = text.chars().collect();
        extract(text, &cx)
            .into_iter()
            .filter_map(|f| match &f.detail {
                Detail::Actor(a) => {
                    Some((chars[f.start..f.end].iter().collect(), f.value.clone(), a.role.clone(), f.actors.clone()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn people_by_role_initials_citation_and_other_transliterations() {
        // Issue 17: people not in the gazetteer, even with a title in front; known names in
        // another transliteration.
        let v = actors_of(
            "Armenian Defense Minister Davit Tonoyan met Sergey Shoygu in Moscow; President Lukashenka \
             and Russian President Vladimir Putin stayed away. As T. Dyson notes, Peter B. Humphrey disagrees.",
        );
        let get = |span: &str| v.iter().find(|x| x.0 == span).unwrap_or_else(|| panic!("{span} in {v:?}"));
        assert_eq!(get("Davit Tonoyan").1, "person:davit-tonoyan");
        assert_eq!(get("Davit Tonoyan").2.as_deref(), Some("Defense Minister"));
        assert_eq!(get("Davit Tonoyan").3, ["ARM"]);
        assert_eq!(get("Sergey Shoygu").1, "person:shoigu");
        assert_eq!(
            (get("Lukashenka").1.as_str(), get("Lukashenka").2.as_deref()),
            ("person:lukashenko", Some("President"))
        );
        assert_eq!(get("Vladimir Putin").2.as_deref(), Some("President"));
        assert_eq!(get("Russian").1, "RUS");
        assert_eq!(get("T. Dyson").1, "person:t-dyson");
        assert_eq!(get("Peter B. Humphrey").1, "person:peter-b-humphrey");
        // Citation authors (003's footnotes).
        let v = actors_of("[48: DE HAAS, Marcel: Medvedev´s Security Policy.] [61: Zagorski, A.: op. cit. p.68.]");
        let ids: Vec<&str> = v.iter().map(|x| x.1.as_str()).collect();
        assert!(ids.contains(&"person:marcel-de-haas") && ids.contains(&"person:a-zagorski"), "{ids:?}");
        assert!(ids.contains(&"person:medvedev"), "{ids:?}");
    }

    #[test]
    fn organisations_units_and_agencies_by_pattern_and_acronyms() {
        // Issue 17: "… Military Base", "… Brigade", "Ministry of …"; an acronym defined once.
        let v = actors_of(
            "The 4th Military Base and the 57th Motorised Rifle Brigade answer to the Ministry of Defence of \
             the Republic of Armenia and the Russian Academy of Sciences. The Collective Rapid Deployment \
             Force (CRDF) was formed in Central Asia; the Anti-terrorist Centre (ATC) is in Moscow. \
             Later the CRDF and the ATC grew. Richard Giragosian, Director of the Regional Studies Center, spoke.",
        );
        let ids: Vec<(&str, &str)> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        for want in [
            ("4th Military Base", "unit:4th-military-base"),
            ("57th Motorised Rifle Brigade", "unit:57th-motorised-rifle-brigade"),
            ("Ministry of Defence of the Republic of Armenia", "agency:ministry-of-defence-of-the-republic-of-armenia"),
            ("Russian Academy of Sciences", "org:russian-academy-of-sciences"),
            ("Collective Rapid Deployment Force", "unit:csto-crdf"),
            ("Anti-terrorist Centre", "org:anti-terrorist-centre"),
            ("CRDF", "unit:csto-crdf"),
            ("ATC", "org:anti-terrorist-centre"),
            ("Regional Studies Center", "org:regional-studies-center"),
        ] {
            assert!(ids.contains(&want), "{want:?} not in {ids:?}");
        }
        // The ministry's state is the one its name contains; "Director" is not a person's name.
        let ministry = v.iter().find(|x| x.1.starts_with("agency:ministry")).unwrap();
        assert_eq!(ministry.3, ["ARM"]);
        assert!(!ids.iter().any(|x| x.1.contains("regional-studies-center") && x.1.starts_with("person")));
    }

    #[test]
    fn a_user_gazetteer_adds_names_and_errors_name_the_line() {
        let mut g = Gazetteer::build(None);
        let n = g.add_table("# my additions\nunit\t5th-brigade\tGEO\t5th Brigade|Fifth Brigade\n", "mine.tsv").unwrap();
        assert_eq!(n, 2);
        assert_eq!(g.get("unit:5th-brigade").and_then(|a| a.state.as_deref()), Some("GEO"));
        let e = g.add_table("unit\tx\tGEO\n", "mine.tsv").unwrap_err();
        assert!(e.starts_with("mine.tsv:1: expected 4 tab-separated columns"), "{e}");
        let e = g.add_table("planet\tmars\t-\tMars\n", "mine.tsv").unwrap_err();
        assert!(e.contains("kind 'planet'"), "{e}");
    }

    #[test]
    fn relations_with_parties_and_dates() {
        let v = run(
            "In 2015 Russia and Armenia signed an agreement on a unified regional air defense system. \
             Armenia froze its participation in the CSTO in February 2024. \
             Russia deployed 3,000 troops in Gyumri. The frozen conflict over Karabakh goes on.",
            None,
        );
        let rel = of(&v, Kind::Relation);
        let kinds: Vec<&str> = rel.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            kinds,
            ["agreement.signed", "provision.unified_air_defence", "membership.frozen", "presence.deployment"]
        );
    }

    #[test]
    fn claims_from_expert_headers_and_speech_verbs() {
        let text = "Intro.\nRICHARD GIRAGOSIAN, Director of the Regional Studies Center.\nThe move poses a danger \
                    and a threat to sovereignty.\nDR. RICK FAWN, University of St. Andrews.\nThe decree creates a unit.\n\
                    As D. Lake notes, hierarchy is a relation.";
        let v = run(text, Some("2016"));
        let claims = of(&v, Kind::Claim);
        assert_eq!(claims.len(), 3, "{claims:?}");
        assert_eq!(claims[0].1, "critical");
        assert!(claims[0].0.starts_with("RICHARD GIRAGOSIAN, Director"));
        assert_eq!(claims[1].1, "descriptive");
        assert!(claims[2].0.starts_with("As D. Lake notes"));
    }

    #[test]
    fn claims_attributed_with_according_to_and_to_groups() {
        let speaker = |t: &str| {
            let v = run(t, Some("2016"));
            of(&v, Kind::Claim).len()
        };
        for t in [
            "According to Ivanov, this union should follow the European model.",
            "Trade has grown, according to the World Bank for Trade and Development.",
            "According to Stratfor the force comprises 10,000 troops.",
            "Several scholars argue that the union is about politics.",
        ] {
            assert_eq!(speaker(t), 1, "{t}");
        }
        // A text or an unnamed school is not a speaker.
        for t in [
            "According to the Charter adopted in 1993, the purpose is cooperation.",
            "Yet, according to the hegemonic stability school, a great power provides order.",
            "Some scholars of the region travelled to Minsk.",
        ] {
            assert_eq!(speaker(t), 0, "{t}");
        }
    }

    fn relation_of(text: &str) -> Vec<(String, Vec<String>, bool)> {
        let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let cx = Context { gazetteer: &g, doc_date: None };
        extract(text, &cx)
            .into_iter()
            .filter_map(|f| match &f.detail {
                Detail::Relation(r) => Some((f.value.clone(), r.parties.clone(), r.fits)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parties_from_the_clause_not_from_any_actor_in_the_sentence() {
        // Issue 17: "deployed against Azerbaijan by Armenia" is Armenia's deployment, not Russia's.
        assert_eq!(
            relation_of(
                "Russian officials said the S-300 systems were deployed against Azerbaijan by Armenia in Syunik."
            ),
            [("presence.deployment".to_string(), vec!["ARM".to_string()], false)]
        );
        // "base" in a sentence about a minister's talks is no deployment.
        assert!(
            relation_of(
                "Armenian Defense Minister Davit Tonoyan and Sergei Shoigu discussed the legal base of cooperation."
            )
            .is_empty()
        );
        // A purchase at domestic prices is that provision, not a delivery.
        assert_eq!(
            relation_of("Armenia will be able to purchase Russian military equipment at domestic prices."),
            [("provision.arms_domestic_prices".to_string(), vec!["ARM".to_string(), "RUS".to_string()], true)]
        );
        // Subject and object, "by X" in a passive, "between X and Y", a host after "in".
        let ok = |v: &str, p: &[&str]| (v.to_string(), p.iter().map(|x| x.to_string()).collect::<Vec<_>>(), true);
        assert_eq!(
            relation_of("The treaty was signed by Russia and Belarus in 1999."),
            [ok("agreement.signed", &["RUS", "BLR"])]
        );
        assert_eq!(
            relation_of("An agreement between Russia and Armenia was signed in Moscow in 2015."),
            [ok("agreement.signed", &["RUS", "ARM"])]
        );
        assert_eq!(
            relation_of("Russia deployed 3,000 troops in Gyumri."),
            [ok("presence.deployment", &["RUS", "ARM"])]
        );
        assert_eq!(
            relation_of("Russia supplies Belarus with modern air defence systems."),
            [ok("event.delivery", &["RUS", "BLR"])]
        );
        assert_eq!(
            relation_of("Armenia froze its participation in the CSTO in February 2024."),
            [ok("membership.frozen", &["ARM"])]
        );
        // The joint unit patrols Armenia's borders; the neighbours are not parties.
        assert_eq!(
            relation_of(
                "The joint military unit will patrol Armenia’s land borders with Azerbaijan, Georgia, Iran, and Turkey."
            ),
            [ok("provision.border_guarding", &["ARM"])]
        );
    }

    #[test]
    fn negation_and_modality_over_the_clause_and_one_relation_per_clause() {
        for t in [
            "Armenia is going to sign the Association Agreement with the EU in November 2013.",
            "Russia threatens to deploy the rapid reaction forces in Armenia.",
            "Yerevan refused Russian insistent invitation to join the Eurasian Union.",
            "Moscow could eventually deploy peacekeepers in Nagorno-Karabakh.",
            "Russia has no combat troops in Belarus.",
            "Armenia did not join the Eurasian Economic Union in 2013.",
        ] {
            assert!(relation_of(t).is_empty(), "{t}: {:?}", relation_of(t));
        }
        // The negation of one verb does not reach a noun after it.
        assert_eq!(relation_of("Russia does not pay for its military bases in Armenia.")[0].0, "presence.deployment");
        // One relation per clause (the agreement, with the provisions it names); another
        // clause, another relation.
        let v = relation_of(
            "In 2015 Russia and Armenia signed an agreement on a unified regional air defence system, \
             while Russia deployed new aircraft in Armenia.",
        );
        let kinds: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(kinds, ["agreement.signed", "provision.unified_air_defence", "presence.deployment"]);
    }

    #[test]
    fn claims_with_speakers_of_every_kind_what_is_claimed_and_its_stance() {
        // Issue 17: "the Kremlin claims", "according to Kommersant"; a person, an organisation,
        // a state, a newspaper; the span of what is claimed; the stance towards the relation.
        let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let cx = Context { gazetteer: &g, doc_date: Some("2016-11".parse().unwrap()) };
        let claim = |t: &str| {
            let chars: Vec<char> = t.chars().collect();
            let f = extract(t, &cx).into_iter().find(|f| f.kind == Kind::Claim).unwrap_or_else(|| panic!("{t}"));
            let Detail::Claim(c) = f.detail else { unreachable!() };
            let said: String = c.claim.map(|(a, b)| chars[a..b].iter().collect()).unwrap_or_default();
            (c.speaker, c.speaker_kind.unwrap(), said, f.value)
        };
        let (who, kind, said, stance) = claim(
            "On the other hand, the Kremlin claims that under the agreement Russian troops cannot be used in conflict zones.",
        );
        assert_eq!((who.as_str(), kind), ("Kremlin", SpeakerKind::State));
        assert_eq!(said, "under the agreement Russian troops cannot be used in conflict zones.");
        assert_eq!(stance, "descriptive");
        let (who, kind, said, _) = claim("According to Kommersant, the base will stay in Gyumri until 2044.");
        assert_eq!((who.as_str(), kind), ("Kommersant", SpeakerKind::Periodical));
        assert_eq!(said, "the base will stay in Gyumri until 2044.");
        let (who, kind, _, stance) = claim(
            "The positive effects on the trade of the countries involved in the Customs Union are already visible, \
             according to the European Bank for Reconstruction and Development.",
        );
        assert_eq!(
            (who.as_str(), kind, stance.as_str()),
            ("European Bank for Reconstruction and Development", SpeakerKind::Organisation, "supportive")
        );
        let (who, kind, _, stance) =
            claim("Defense Minister Davit Tonoyan said the deal poses a danger to Armenian sovereignty.");
        assert_eq!((who.as_str(), kind, stance.as_str()), ("Davit Tonoyan", SpeakerKind::Person, "critical"));
        let (who, kind, _, stance) =
            claim("Some scholars argue that the union raises concerns and risks for its members.");
        assert_eq!((who.as_str(), kind, stance.as_str()), ("Some scholars", SpeakerKind::Group, "concerned"));
        // A passive's subject does not speak.
        let t = "However, the CSTO has been criticized for its attitude during the Kyrgyzstan crisis.";
        assert!(extract(t, &cx).iter().all(|f| f.kind != Kind::Claim));
    }

    #[test]
    fn collective_defence_formula_and_negated_events() {
        let rel = |t: &str| of(&run(t, None), Kind::Relation).into_iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(
            rel("The treaty says an armed attack on one party shall be considered an attack on both parties."),
            ["provision.mutual_defence"]
        );
        // One attack alone is an event, not the formula.
        assert!(rel("Georgia said the attack on its posts came from the north.").is_empty());
        // Events that did not happen (or not yet) are not relations.
        assert!(rel("Armenia refused to sign the Association Agreement with the EU.").is_empty());
        assert!(rel("Yerevan is considering the accession to the Eurasian Economic Union.").is_empty());
        assert_eq!(rel("Armenia signed the Association Agreement with the EU."), ["agreement.signed"]);
    }
}

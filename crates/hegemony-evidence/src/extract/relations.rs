//! Relations stated in a clause: one per clause (the first trigger whose
//! conditions hold, an event before a provision), neither negated nor
//! (for events) put in another mood than fact, with its parties taken from
//! the clause's structure ([`super::clauses`]): the subject or the agent
//! after "by", the object and "with X", "between X and Y", a deployment's
//! host after "in", a delivery's recipient after "to". An agreement's
//! clause also yields the provisions it names ("signed an agreement on a
//! unified air defence system"), each tied to the agreement.

use super::Found;
use super::clauses::{self, Clause, Mention, Roles};
use super::sentences::Sentence;
use super::triggers::{Reading, TRIGGERS};
use crate::candidate::{Detail, RelationDetail, RelationFamily, RelationKind};
use crate::gazetteer::{ActorKind, NameKind, Token};

/// A trigger that holds in a clause: its kind and token.
#[derive(Clone, Copy, Debug)]
struct Hit {
    rel: RelationKind,
    ti: usize,
}

/// The relations stated in a sentence.
pub(super) fn relations(sentence: &Sentence) -> Vec<Found> {
    let ms = clauses::mentions(sentence);
    let mut out: Vec<Found> = Vec::new();
    let said = |out: &[Found], rel: RelationKind| out.iter().any(|f| f.value == rel.as_str());
    for c in clauses::clauses(sentence) {
        let r = Reading { s: sentence, c };
        // Each trigger word's kinds, looked up once per token.
        let mut first: Vec<Option<usize>> = vec![None; TRIGGERS.len()];
        for k in c.a..c.b {
            for &n in super::triggers::kinds_of(sentence.words[k]) {
                if first[n].is_none() && r.holds(TRIGGERS[n].0, k) {
                    first[n] = Some(k);
                }
            }
        }
        let hits: Vec<Hit> = first
            .iter()
            .enumerate()
            .filter_map(|(n, ti)| ti.map(|ti| Hit { rel: TRIGGERS[n].0, ti }))
            .filter(|h| stated(sentence, c, h))
            // A provision is stated once a sentence ("a mutual defense clause, so an attack on …").
            .filter(|h| h.rel.family() != RelationFamily::Provision || !said(&out, h.rel))
            .collect();
        // One relation per clause: the first event in the text, else the first provision.
        let first_event = hits.iter().filter(|h| h.rel.family() != RelationFamily::Provision).min_by_key(|h| h.ti);
        let Some(mut main) = first_event.or(hits.first()).copied() else {
            continue;
        };
        // "agreed on prolongation of …": what was agreed on is the relation.
        if matches!(sentence.words[main.ti], "agreed" | "reached")
            && let Some(other) = hits
                .iter()
                .find(|h| h.ti > main.ti && h.ti <= main.ti + 3 && h.rel.family() != RelationFamily::Provision)
        {
            main = *other;
        }
        // An agreement's clause also names what the agreement provides: provisions and presences
        // ("agreed on prolongation of the Russian military presence in Armenia").
        let agreement = main.rel.family() == RelationFamily::Agreement;
        let content = |h: &Hit| matches!(h.rel.family(), RelationFamily::Provision | RelationFamily::Presence);
        let provisions: Vec<Hit> =
            if agreement { hits.iter().copied().filter(|h| content(h) && h.ti != main.ti).collect() } else { vec![] };
        let found = relation(sentence, &ms, c, main, &provisions, None);
        let trigger = match &found.detail {
            Detail::Relation(d) => d.trigger,
            _ => (0, 0),
        };
        out.push(found);
        // The provisions an agreement's clause names, each tied to the agreement.
        for p in provisions {
            out.push(relation(sentence, &ms, c, p, &[], Some(trigger)));
        }
    }
    out
}

/// Whether the clause states the trigger as done (or, for a provision, as
/// holding): no negator before it; for events, no modal word either.
fn stated(s: &Sentence, c: Clause, h: &Hit) -> bool {
    let w = s.words[h.ti];
    let verb = w.ends_with("ed")
        || matches!(
            w,
            "sign" | "signs" | "join" | "joins" | "froze" | "withdrew" | "left" | "sold" | "supplies" | "hosts" | "arm"
        );
    let (neg, modal) = clauses::mood(s, c, h.ti, !verb);
    neg.is_none() && (h.rel.family() == RelationFamily::Provision || modal.is_none())
}

/// The parties of a relation by its kind, from the roles around its trigger.
struct Parties {
    parties: Vec<String>,
    subject: Vec<String>,
    object: Vec<String>,
    place: Option<String>,
    org: Option<String>,
    fits: bool,
    how: &'static str,
}

fn ids(ms: &[Mention]) -> Vec<String> {
    ms.iter().map(|m| m.m.actor.id.clone()).collect()
}

/// A state or a place with a state, after one of the prepositions `preps`.
fn after_prep<'a>(r: &Roles<'a>, preps: &[&str]) -> Option<Mention<'a>> {
    r.after
        .iter()
        .find(|(p, m)| preps.contains(p) && m.m.actor.state.is_some() && m.m.actor.kind != ActorKind::Organisation)
        .map(|x| x.1)
}

/// The parties of `rel` in clause `c` around token `ti`.
fn parties(s: &Sentence, ms: &[Mention], c: Clause, h: Hit) -> Parties {
    let r = clauses::roles(s, ms, c, h.ti);
    let doer: Vec<Mention> = if r.passive && !r.agent.is_empty() { r.agent.clone() } else { r.subject.clone() };
    let org_of = |group: &[Mention]| {
        group.iter().find(|m| m.m.actor.kind == ActorKind::Organisation).map(|m| m.m.actor.id.clone())
    };
    let first_org_after = r.after.iter().find(|(_, m)| m.m.actor.kind == ActorKind::Organisation).map(|x| x.1);
    let mut p =
        Parties { parties: vec![], subject: ids(&doer), object: vec![], place: None, org: None, fits: false, how: "" };
    match h.rel.family() {
        RelationFamily::Agreement => {
            // Signatories: the subject (also of a passive: "the Russian-Armenian treaty was signed"),
            // the agent, "with X", the object, "between X and Y".
            let mut group: Vec<Mention> = r.subject.clone();
            group.extend(r.agent.iter().copied());
            group.extend(r.between.iter().copied());
            let with: Vec<Mention> =
                r.after.iter().filter(|(p, _)| matches!(*p, "with" | "" | "and")).map(|x| x.1).collect();
            group.extend(with.iter().copied());
            p.object = ids(&with);
            p.parties = clauses::states_of(&group);
            p.org = org_of(&group);
            let n = p.parties.len() + usize::from(p.org.is_some());
            p.fits = if h.rel == RelationKind::AgreementSigned { n >= 2 } else { n >= 1 };
            p.how = "signatories: subject or agent, object, 'with', 'between'";
        }
        RelationFamily::Membership => {
            let member = clauses::states_of(&r.subject);
            p.parties = member.into_iter().take(1).collect();
            p.org = first_org_after.map(|m| m.m.actor.id.clone());
            p.object = p.org.iter().cloned().collect();
            p.fits = !p.parties.is_empty() && p.org.is_some();
            p.how = "member: subject; organisation: after the trigger";
        }
        RelationFamily::Presence => {
            // Who deploys: the agent of a passive, else the subject (also "Russian military bases",
            // "Russia's military presence"); the host after "in", "on", "to", "into", "at".
            let host_m = after_prep(&r, &["in", "on", "to", "into", "at", "of"]);
            let hosts = h.rel == RelationKind::PresenceDeployment && s.words[h.ti] == "hosts";
            let (deployer, host) = if hosts {
                // "Kyrgyzstan … hosts a US airbase": the subject hosts, the adjective after deploys.
                let after_adj = r.after.iter().find(|(p, m)| p.is_empty() && m.m.name_kind == NameKind::Adjective);
                (after_adj.map(|x| vec![x.1]).unwrap_or_default(), r.subject.first().copied())
            } else {
                (doer.clone(), host_m)
            };
            let deployer_state = clauses::states_of(&deployer).into_iter().next();
            let host_state = host.and_then(|m| m.m.actor.state.clone());
            p.subject = ids(&deployer);
            p.place = host.map(|m| m.m.actor.id.clone());
            p.parties = deployer_state.iter().chain(host_state.iter()).cloned().collect();
            p.parties.dedup();
            p.fits = deployer_state.is_some() && host_state.is_some() && deployer_state != host_state;
            p.how = "deploying state: subject or agent; host: after 'in', 'on', 'to'";
        }
        RelationFamily::Event => {
            // Supplier: subject (agent), "from X"; recipient: the direct object or "to X";
            // a buyer ("bought", "purchased") is the recipient.
            let buys = matches!(s.words[h.ti], "purchased" | "bought");
            let direct: Vec<Mention> = r
                .after
                .iter()
                .filter(|(p, m)| p.is_empty() && m.m.name_kind != NameKind::Adjective)
                .map(|x| x.1)
                .collect();
            let to = after_prep(&r, &["to"]);
            let from = after_prep(&r, &["from"]);
            let goods_of =
                r.after.iter().find(|(p, m)| p.is_empty() && m.m.name_kind == NameKind::Adjective).map(|x| x.1);
            let (supplier, recipient): (Vec<Mention>, Vec<Mention>) = if buys {
                (from.or(goods_of).into_iter().collect(), doer.clone())
            } else {
                let rec: Vec<Mention> = if direct.is_empty() { to.into_iter().collect() } else { direct };
                (doer.clone(), rec)
            };
            let sup = clauses::states_of(&supplier);
            let rec = clauses::states_of(&recipient);
            p.subject = ids(&supplier);
            p.object = ids(&recipient);
            p.parties = sup.iter().take(1).chain(rec.iter()).cloned().collect();
            p.fits = !sup.is_empty() && !rec.is_empty() && sup[0] != rec[0];
            p.how = "supplier: subject or 'from'; recipient: object or 'to'";
        }
        RelationFamily::Provision => {
            // The parties of a provision: the subject, the states' adjectives in the trigger's
            // phrase ("joint Russian-Armenian force"), "between", "with" (not the neighbours of a
            // border: "Armenia's borders with Azerbaijan"), a border's possessor.
            let mut group: Vec<Mention> = r.clause_subject.clone();
            group.extend(r.subject.iter().copied().filter(|m| !r.clause_subject.iter().any(|c| c.first == m.first)));
            group.extend(r.between.iter().copied());
            let border = h.rel == RelationKind::ProvisionBorderGuarding;
            for (prep, m) in &r.after {
                let phrase = m.first <= h.ti + 6;
                let adj = m.m.name_kind == NameKind::Adjective;
                if border && *prep == "with" {
                    continue;
                }
                if (phrase && (adj || prep.is_empty())) || (*prep == "with" && !border) {
                    group.push(*m);
                }
            }
            p.parties = clauses::states_of(&group);
            p.object = ids(&group);
            p.org = org_of(&group);
            p.fits = !p.parties.is_empty();
            p.how = "parties: subject, states named in the provision's phrase, 'between', 'with'";
        }
    }
    p
}

/// The candidate of trigger `h` in clause `c`: it spans the clause (a
/// provision named in an agreement's clause too; its trigger says where).
fn relation(
    s: &Sentence,
    ms: &[Mention],
    c: Clause,
    h: Hit,
    provisions: &[Hit],
    in_agreement: Option<(usize, usize)>,
) -> Found {
    let p = parties(s, ms, c, h);
    let trigger: &Token = s.toks[h.ti];
    let clause_dates: Vec<&Found> =
        s.dates.iter().copied().filter(|d| d.start >= s.toks[c.a].start && d.end <= s.toks[c.b - 1].end).collect();
    let date = clause_dates.first().or(s.dates.first()).map(|d| d.value.clone());
    let verb = trigger.lower().ends_with("ed") || matches!(trigger.lower(), "sold" | "froze" | "left" | "withdrew");
    let conf: f64 =
        0.45 + if p.fits { 0.2 } else { 0.0 } + if date.is_some() { 0.1 } else { 0.0 } + if verb { 0.1 } else { 0.0 };
    let word: String = s.chars[trigger.start..trigger.end].iter().collect();
    let (start, end) = (s.toks[c.a].start, s.toks[c.b - 1].end);
    let detail = RelationDetail {
        rule: format!("trigger '{word}' in a clause; {}", p.how),
        trigger: (trigger.start, trigger.end),
        parties: p.parties.clone(),
        org: p.org,
        date,
        subject: p.subject,
        object: p.object,
        place: p.place,
        provisions: provisions.iter().map(|x| x.rel.as_str().to_string()).collect(),
        in_agreement,
        fits: p.fits,
        doc_date: None,
    };
    let confidence = ((conf.min(0.95)) * 100.0).round() / 100.0;
    Found::new(start, end, h.rel.as_str().to_string(), p.parties, confidence, Detail::Relation(detail))
}

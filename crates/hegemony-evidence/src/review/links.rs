//! Links from a candidate to the knowledge-base facts it supports or
//! contradicts.

use hegemony_kb::{Detail, Fact, FactKind, KnowledgeBase, Membership, MembershipStatus, Presence};
use serde::Serialize;

use crate::candidate::{self, Candidate, Kind, RelationFamily, RelationKind, Unit};
use crate::store::year_span;

/// How a candidate bears on a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bearing {
    /// The candidate says what the fact says.
    Supports,
    /// The candidate says otherwise (another status, a troop figure out of range, another stance).
    Contradicts,
}

impl Bearing {
    /// `supports` or `contradicts`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bearing::Supports => "supports",
            Bearing::Contradicts => "contradicts",
        }
    }
}

/// How a candidate bears on a knowledge-base fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// The fact's id.
    pub fact: String,
    /// Whether the candidate supports or contradicts it.
    pub relation: Bearing,
    /// Why, for people.
    pub why: String,
}

impl Link {
    fn new(f: &Fact, relation: Bearing, why: String) -> Link {
        Link { fact: f.id.clone(), relation, why }
    }
}

/// The kind of knowledge-base fact a candidate bears on.
fn kb_kind(c: &Candidate) -> Option<FactKind> {
    match (&c.detail, c.relation) {
        (candidate::Detail::Claim(_), _) => Some(FactKind::Claim),
        (candidate::Detail::Quantity(q), _) if q.unit == Unit::Troops => Some(FactKind::Presence),
        (candidate::Detail::Quantity(q), _) if q.unit == Unit::Percent => Some(FactKind::Dependence),
        (candidate::Detail::Relation(_), Some(r)) => Some(match r.family() {
            RelationFamily::Membership => FactKind::Membership,
            RelationFamily::Presence => FactKind::Presence,
            RelationFamily::Event => FactKind::Event,
            RelationFamily::Agreement | RelationFamily::Provision => FactKind::Agreement,
        }),
        _ => None,
    }
}

/// The year of the candidate's own date, when it is one year.
fn cand_year(c: &Candidate) -> Option<i32> {
    let (a, b) = year_span(c.detail.date()?);
    (a == b).then_some(a)
}

/// The year of the candidate's document.
fn doc_year(c: &Candidate) -> Option<i32> {
    c.detail.doc_date().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// Facts of the same kind and parties (and year, when the candidate has one)
/// that the candidate supports, and those it contradicts: a membership status
/// the knowledge base does not have in that year, a troop figure outside the
/// knowledge base's range for that year.
pub fn links(c: &Candidate, kb: &KnowledgeBase) -> Vec<Link> {
    let Some(kind) = kb_kind(c) else { return vec![] };
    let year = cand_year(c);
    let mut out = Vec::new();
    for f in kb.facts().iter().filter(|f| f.kind() == kind) {
        match (&f.detail, c.kind) {
            (Detail::Membership(m), Kind::Relation) => out.extend(membership_link(c, f, m, year)),
            (Detail::Presence(p), Kind::Quantity) => out.extend(troop_links(c, f, p, year)),
            _ => out.extend(same_parties_link(c, f, kind, year)),
        }
    }
    out
}

/// A membership relation and a membership of the same state and
/// organisation: whether the knowledge base has the status it starts in
/// the candidate's year.
fn membership_link(c: &Candidate, f: &Fact, m: &Membership, year: Option<i32>) -> Option<Link> {
    let candidate::Detail::Relation(r) = &c.detail else { return None };
    let org = r.org.as_deref()?.trim_start_matches("org:");
    if m.org != org || c.actors.first().is_none_or(|s| *s != m.state) {
        return None;
    }
    let want = c.relation.and_then(RelationKind::membership_status).unwrap_or(MembershipStatus::Withdrawn);
    let Some(y) = year else {
        return Some(Link::new(f, Bearing::Supports, "same state and organisation".into()));
    };
    let started = m.spells.iter().any(|s| s.status == want && s.from.year == y);
    let holds = m.spells.iter().any(|s| s.status == want && s.touches_year(y));
    Some(if started || holds {
        Link::new(f, Bearing::Supports, format!("{} {} in {y}", m.state, want.as_str()))
    } else {
        let why = format!("the knowledge base has no '{}' spell of {} in {} in {y}", want.as_str(), m.state, m.org);
        Link::new(f, Bearing::Contradicts, why)
    })
}

/// A troop figure and a presence of the same dominant state: within (10 %
/// around) the knowledge base's range for the year, or not.
fn troop_links(c: &Candidate, f: &Fact, p: &Presence, year: Option<i32>) -> Vec<Link> {
    let candidate::Detail::Quantity(q) = &c.detail else { return vec![] };
    if !c.actors.contains(&p.dominant) {
        return vec![];
    }
    let Some(y) = year.or_else(|| doc_year(c)) else { return vec![] };
    let n = q.amount;
    p.troops
        .iter()
        .filter(|t| t.date.year == y)
        .map(|t| {
            let (lo, hi) = (t.low as f64, t.high as f64);
            let rel = if n >= lo * 0.9 && n <= hi * 1.1 { Bearing::Supports } else { Bearing::Contradicts };
            Link::new(f, rel, format!("{n} troops vs {}-{} in {y}", t.low, t.high))
        })
        .collect()
}

/// Any other fact of the same kind and parties (an agreement with the
/// provision a provision names): supported in the candidate's year; an
/// undated claim of the same speaker, by its stance.
fn same_parties_link(c: &Candidate, f: &Fact, kind: FactKind, year: Option<i32>) -> Option<Link> {
    let parties_ok = !c.actors.is_empty() && c.actors.iter().all(|a| f.actors.contains(a));
    if !parties_ok || (c.actors.len() < 2 && kind != FactKind::Claim) {
        return None;
    }
    if let Detail::Agreement(a) = &f.detail
        && let Some(p) = c.relation.and_then(RelationKind::provision)
        && !a.provisions.iter().any(|x| x.kind == p)
    {
        return None;
    }
    match year {
        Some(y) if f.touches_year(y) || f.start.is_some_and(|s| s.year == y) => {
            Some(Link::new(f, Bearing::Supports, format!("same kind and parties, {y}")))
        }
        None if kind == FactKind::Claim => {
            let candidate::Detail::Claim(said) = &c.detail else { return None };
            let Detail::Claim(cl) = &f.detail else { return None };
            if said.speaker.is_empty() || !cl.speaker.eq_ignore_ascii_case(&said.speaker) {
                return None;
            }
            let rel = if cl.stance.as_str() == c.value { Bearing::Supports } else { Bearing::Contradicts };
            Some(Link::new(f, rel, format!("same speaker; stance {} vs {}", c.value, cl.stance.as_str())))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Gazetteer, Store};

    #[test]
    fn a_provision_links_to_agreements_with_that_provision() {
        let kb = KnowledgeBase::embedded().unwrap();
        let mut store = Store::in_memory().unwrap();
        let text = "In 2016 Russia and Armenia set up a joint command of their forces.";
        store.ingest("c.txt", text.as_bytes(), &Gazetteer::build(Some(&kb))).unwrap();
        let cands = store.candidates(None, Some(Kind::Relation), None).unwrap();
        let command = cands.iter().find(|c| c.relation == Some(RelationKind::ProvisionCommand)).unwrap();
        // The 2015 air-defence agreement has an integrated command (`provision.command`).
        let facts: Vec<String> = links(command, &kb).into_iter().map(|l| l.fact).collect();
        assert!(facts.contains(&"rus-arm-air-defence-2015".to_string()), "{facts:?}");
        assert!(!facts.contains(&"rus-arm-mtc-2013".to_string()), "{facts:?}");
    }
}

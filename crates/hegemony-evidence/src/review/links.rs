//! Links from a candidate to the knowledge-base facts it supports or
//! contradicts.

use hegemony_kb::{Detail, Fact, FactKind, KnowledgeBase, Membership, MembershipStatus, Presence, ProvisionKind};
use serde::Serialize;

use crate::candidate::{self, Candidate, RelationDetail, RelationFamily, RelationKind, Unit};
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

/// The year of the candidate's own date, when it is one year.
fn cand_year(c: &Candidate) -> Option<i32> {
    let (a, b) = year_span(c.detail.date()?);
    (a == b).then_some(a)
}

/// The year of the candidate's document.
fn doc_year(c: &Candidate) -> Option<i32> {
    c.detail.doc_date().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// The facts a candidate supports or contradicts, only where kind, parties
/// and dates fit: a relation whose parties fit its kind ([`RelationDetail::fits`])
/// and whose clause gives its year — an agreement signed (ratified) that
/// year by those parties (with the provisions named), a provision of an
/// agreement of those parties in force that year (signed that year, when
/// the provision is named in the signing's clause), a membership spell, a
/// presence of that deploying state in that host; a troop figure and the
/// knowledge base's range for the year; a claim and a claim of the same speaker.
pub fn links(c: &Candidate, kb: &KnowledgeBase) -> Vec<Link> {
    match (&c.detail, c.relation) {
        (candidate::Detail::Relation(r), Some(rel)) if r.fits => relation_links(c, r, rel, kb),
        (candidate::Detail::Quantity(q), _) if q.unit == Unit::Troops => {
            let year = cand_year(c).or_else(|| doc_year(c));
            kb.facts()
                .iter()
                .filter_map(|f| match &f.detail {
                    Detail::Presence(p) => Some(troop_links(c, f, p, year)),
                    _ => None,
                })
                .flatten()
                .collect()
        }
        (candidate::Detail::Claim(_), _) => {
            kb.facts().iter().filter(|f| f.kind() == FactKind::Claim).filter_map(|f| claim_link(c, f)).collect()
        }
        _ => vec![],
    }
}

/// The links of a relation whose parties fit its kind.
fn relation_links(c: &Candidate, r: &RelationDetail, rel: RelationKind, kb: &KnowledgeBase) -> Vec<Link> {
    let year = cand_year(c);
    let facts = kb.facts().iter();
    match rel.family() {
        RelationFamily::Membership => facts
            .filter_map(|f| match &f.detail {
                Detail::Membership(m) => membership_link(c, f, m, year),
                _ => None,
            })
            .collect(),
        RelationFamily::Presence => {
            // A state of affairs: the clause's year, else the document's.
            let Some(y) = year.or_else(|| doc_year(c)) else { return vec![] };
            let [deployer, host] = &r.parties[..] else { return vec![] };
            facts
                .filter(|f| matches!(&f.detail, Detail::Presence(p) if &p.dominant == deployer && &p.host == host))
                .filter(|f| f.touches_year(y))
                .map(|f| Link::new(f, Bearing::Supports, format!("{deployer} present in {host} in {y}")))
                .collect()
        }
        RelationFamily::Agreement | RelationFamily::Provision => {
            let Some(y) = year else { return vec![] };
            facts.filter_map(|f| agreement_link(r, rel, f, y)).collect()
        }
        RelationFamily::Event => vec![],
    }
}

/// An agreement the relation states (signed, ratified, extended in year
/// `y`, or in force then with the provision named) by the same parties.
fn agreement_link(r: &RelationDetail, rel: RelationKind, f: &Fact, y: i32) -> Option<Link> {
    let Detail::Agreement(a) = &f.detail else { return None };
    let org_ok = r.org.as_deref().is_none_or(|o| f.orgs.iter().any(|x| x == o.trim_start_matches("org:")));
    let parties_ok = !r.parties.is_empty() && r.parties.iter().all(|p| a.parties.contains(p) || f.actors.contains(p));
    let enough =
        r.parties.len() + usize::from(r.org.is_some()) >= if rel.family() == RelationFamily::Provision { 2 } else { 1 };
    if !(org_ok && parties_ok && enough) {
        return None;
    }
    let named: Vec<ProvisionKind> = r
        .provisions
        .iter()
        .filter_map(|p| p.parse::<RelationKind>().ok())
        .filter_map(RelationKind::provision)
        .collect();
    if !named.iter().all(|p| a.provisions.iter().any(|x| x.kind == *p)) {
        return None;
    }
    let year_of = |d: Option<hegemony_core::PartialDate>| d.map(|d| d.year);
    let why = match rel {
        RelationKind::AgreementSigned if year_of(a.signed) == Some(y) => {
            format!("signed in {y} by {}", r.parties.join(", "))
        }
        RelationKind::AgreementRatified if year_of(a.ratified) == Some(y) => format!("ratified in {y}"),
        RelationKind::AgreementExtended
            if a.amends.is_some() && (year_of(a.signed) == Some(y) || year_of(a.in_force) == Some(y)) =>
        {
            format!("extends {} from {y}", a.amends.as_deref().unwrap_or(""))
        }
        _ if rel.family() == RelationFamily::Provision => {
            let p = rel.provision()?;
            if !a.provisions.iter().any(|x| x.kind == p) {
                return None;
            }
            // Named with a signing: the agreement signed that year; otherwise one in force.
            let fits_year = if r.in_agreement.is_some() { year_of(a.signed) == Some(y) } else { f.touches_year(y) };
            if !fits_year {
                return None;
            }
            format!("{} in an agreement of {} in {y}", rel.name(), r.parties.join(", "))
        }
        _ => return None,
    };
    Some(Link::new(f, Bearing::Supports, why))
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
    let y = year?;
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
/// around) the knowledge base's range for the year, or not (a range in the
/// text overlaps it, or not).
fn troop_links(c: &Candidate, f: &Fact, p: &Presence, year: Option<i32>) -> Vec<Link> {
    let candidate::Detail::Quantity(q) = &c.detail else { return vec![] };
    if !c.actors.contains(&p.dominant) {
        return vec![];
    }
    let Some(y) = year else { return vec![] };
    let (lo_c, hi_c) = (q.low.unwrap_or(q.amount), q.high.unwrap_or(q.amount));
    p.troops
        .iter()
        .filter(|t| t.date.year == y)
        .map(|t| {
            let (lo, hi) = (t.low as f64, t.high as f64);
            let rel = if hi_c >= lo * 0.9 && lo_c <= hi * 1.1 { Bearing::Supports } else { Bearing::Contradicts };
            Link::new(f, rel, format!("{} troops vs {}-{} in {y}", q.text, t.low, t.high))
        })
        .collect()
}

/// A claim of the same speaker in the knowledge base: supported when the
/// stances agree, contradicted when they differ.
fn claim_link(c: &Candidate, f: &Fact) -> Option<Link> {
    let candidate::Detail::Claim(said) = &c.detail else { return None };
    let Detail::Claim(cl) = &f.detail else { return None };
    if said.speaker.is_empty() || !cl.speaker.eq_ignore_ascii_case(&said.speaker) {
        return None;
    }
    let rel = if cl.stance.as_str() == c.value { Bearing::Supports } else { Bearing::Contradicts };
    Some(Link::new(f, rel, format!("same speaker; stance {} vs {}", c.value, cl.stance.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate::Kind;
    use crate::{Gazetteer, Store};

    fn relations(text: &str) -> (Vec<Candidate>, KnowledgeBase) {
        let kb = KnowledgeBase::embedded().unwrap();
        let mut store = Store::in_memory().unwrap();
        store.ingest("c.txt", text.as_bytes(), &Gazetteer::build(Some(&kb))).unwrap();
        (store.candidates(None, Some(Kind::Relation), None).unwrap(), kb)
    }

    #[test]
    fn a_provision_links_to_agreements_with_that_provision() {
        let (cands, kb) = relations("In 2016 Russia and Armenia set up a joint command of their forces.");
        let command = cands.iter().find(|c| c.relation == Some(RelationKind::ProvisionCommand)).unwrap();
        // The 2015 air-defence agreement has an integrated command (`provision.command`).
        let facts: Vec<String> = links(command, &kb).into_iter().map(|l| l.fact).collect();
        assert!(facts.contains(&"rus-arm-air-defence-2015".to_string()), "{facts:?}");
        assert!(!facts.contains(&"rus-arm-mtc-2013".to_string()), "{facts:?}");
    }

    #[test]
    fn a_signing_links_only_to_the_agreement_signed_that_year_by_those_parties() {
        // Issue 17: one signing candidate was linked as supporting 14 agreements.
        let (cands, kb) =
            relations("In 2015 Russia and Armenia signed an agreement on a unified regional air defence system.");
        let signed = cands.iter().find(|c| c.relation == Some(RelationKind::AgreementSigned)).unwrap();
        let facts: Vec<String> = links(signed, &kb).into_iter().map(|l| l.fact).collect();
        assert_eq!(facts, ["rus-arm-air-defence-2015"]);
        // The provision named in the signing's clause: the same agreement only.
        let p = cands.iter().find(|c| c.relation == Some(RelationKind::ProvisionUnifiedAirDefence)).unwrap();
        let facts: Vec<String> = links(p, &kb).into_iter().map(|l| l.fact).collect();
        assert_eq!(facts, ["rus-arm-air-defence-2015"]);
        // Without a year, or with parties that do not fit, nothing is linked.
        let (cands, kb) = relations("Russia and Armenia signed an agreement on a unified regional air defence system.");
        assert!(cands.iter().all(|c| links(c, &kb).is_empty()));
        let (cands, kb) = relations("In 2015 an agreement on a unified regional air defence system was signed.");
        assert!(cands.iter().all(|c| links(c, &kb).is_empty()));
    }
}

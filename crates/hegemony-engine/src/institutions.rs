//! The institutionalisation series of a relation, from the knowledge base.
//!
//! Assembles each year's [`Frame`] (provisions of the agreements in force
//! between the two states, the subordinate's status in the dominant state's
//! organisations) and weighs it with [`hegemony_measures::institutions`].

use std::path::Path;

use hegemony_kb::KnowledgeBase;
use hegemony_kb::model::{Detail, MembershipStatus};
use hegemony_measures::institutions::{Frame, IndexValue, Weights, index};
use serde::Serialize;

use crate::EngineError;

const DEFAULT_WEIGHTS: &str = include_str!("../weights/institutionalisation.toml");

/// The weights in `path`, or the shipped defaults.
pub fn weights(path: Option<&Path>) -> Result<Weights, EngineError> {
    crate::read_toml(path, DEFAULT_WEIGHTS, "built-in institutionalisation weights", Weights::validate)
}

/// Whether a status means taking part in the organisation's obligations.
fn active(status: MembershipStatus) -> bool {
    matches!(status, MembershipStatus::Member | MembershipStatus::Participant)
}

/// What binds `sub` to `dom` in `year`.
///
/// A multilateral treaty that founds an organisation (or amends such a
/// treaty) binds the subordinate only while it is an active member of that
/// organisation: a state that withdrew from, or froze its part in, the CSTO
/// is still listed as a party to its charter but no longer bound in practice.
pub fn frame(kb: &KnowledgeBase, sub: &str, dom: &str, year: i32) -> Frame {
    let memberships = kb.memberships(sub, year);
    let mut out = Frame::default();
    for f in kb.agreements_in_force(sub, dom, year) {
        if let Some(org) = treaty_org(kb, f)
            && !memberships.iter().any(|m| m.org == org && active(m.status))
        {
            continue;
        }
        for p in f.provisions() {
            out.provisions.push((p.kind.as_str(), f.id.clone()));
        }
    }
    // In a year when an organisation hands over to its successor (CST → CSTO,
    // EurAsEC → EAEU), count the successor only, not both.
    let successor_of = |org: &str| match kb.organisation(org) {
        Some((_, o)) => o.successor_of.clone(),
        None => None,
    };
    let replaced: Vec<String> = memberships.iter().filter_map(|m| successor_of(&m.org)).collect();
    for m in memberships.into_iter().filter(|m| m.dominant.as_deref() == Some(dom)) {
        if !replaced.contains(&m.org) {
            out.memberships.push((m.org, status_name(m.status), m.fact_id));
        }
    }
    out
}

/// The organisation an agreement founds, or builds on through `amends`.
pub(crate) fn treaty_org(kb: &KnowledgeBase, agreement: &hegemony_kb::model::Fact) -> Option<String> {
    let org_of = |id: &str| {
        kb.facts().iter().find_map(|f| match &f.detail {
            Detail::Organisation(o) if o.founding_treaty.as_deref() == Some(id) => Some(f.id.clone()),
            _ => None,
        })
    };
    let mut root = agreement;
    loop {
        if let Some(org) = org_of(&root.id) {
            return Some(org);
        }
        let Detail::Agreement(a) = &root.detail else { return None };
        root = a.amends.as_deref().and_then(|id| kb.get(id))?;
    }
}

/// Whether `state` is bound by an agreement in `year`: a treaty of an
/// organisation binds only the organisation's active members.
pub(crate) fn binds(kb: &KnowledgeBase, agreement: &hegemony_kb::model::Fact, state: &str, year: i32) -> bool {
    match treaty_org(kb, agreement) {
        Some(org) => kb.memberships(state, year).iter().any(|m| m.org == org && active(m.status)),
        None => true,
    }
}

fn status_name(s: MembershipStatus) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// One year of the series.
#[derive(Clone, Debug, Serialize)]
pub struct InstitutionYear {
    /// The year.
    pub year: i32,
    /// The index and its contributions.
    #[serde(flatten)]
    pub index: IndexValue,
}

/// The index for every year of `years`.
pub fn series(
    kb: &KnowledgeBase,
    sub: &str,
    dom: &str,
    years: std::ops::RangeInclusive<i32>,
    weights: &Weights,
) -> Vec<InstitutionYear> {
    years.map(|year| InstitutionYear { year, index: index(&frame(kb, sub, dom, year), weights) }).collect()
}

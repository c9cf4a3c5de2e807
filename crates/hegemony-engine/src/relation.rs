//! The knowledge-base side of one relation, as interfaces show it: its facts
//! (optionally in one year) and its dated history.

use hegemony_kb::model::{Detail, Fact, FactKind};
use hegemony_kb::query::FactExport;
use hegemony_kb::{KnowledgeBase, TimelineEntry};
use serde::Serialize;

/// A fact's status: in `year` if given (membership status, `in_force` for an
/// agreement touching the year), else today.
pub fn status_for(f: &Fact, year: Option<i32>) -> String {
    match (year, &f.detail) {
        (Some(y), Detail::Membership(m)) => m.status_in_year(y).map(|s| s.as_str().to_string()).unwrap_or_default(),
        (Some(y), Detail::Agreement(_)) if f.touches_year(y) => "in_force".into(),
        _ => f.status_on(hegemony_kb::today()),
    }
}

/// The facts concerning `sub` and `dom` (in `year`, of `kind`), by start date.
pub fn facts<'a>(
    kb: &'a KnowledgeBase,
    sub: &str,
    dom: &str,
    year: Option<i32>,
    kind: Option<FactKind>,
) -> Vec<hegemony_kb::query::DyadFact<'a>> {
    let mut facts = kb.facts_for_dyad(sub, dom, year);
    facts.retain(|d| kind.is_none_or(|k| d.fact.kind() == k));
    facts.sort_by(|a, b| {
        let key = |f: &Fact| (f.start.map(|d| d.earliest()), f.id.clone());
        key(a.fact).cmp(&key(b.fact))
    });
    facts
}

/// A fact of a relation as `hegemony facts --format json` and the API give
/// it: the export form with its status in the year asked for, and the
/// organisation it comes through.
#[derive(Serialize)]
pub struct RelationFact<'a> {
    /// The fact as `kb export` writes it.
    #[serde(flatten)]
    pub fact: FactExport<'a>,
    /// The organisation through which the fact concerns the relation, if any.
    pub via_org: &'a Option<String>,
}

/// [`facts`] as the JSON of `hegemony facts --format json`.
pub fn facts_view<'a>(facts: &'a [hegemony_kb::query::DyadFact<'a>], year: Option<i32>) -> Vec<RelationFact<'a>> {
    facts
        .iter()
        .map(|d| RelationFact { fact: FactExport::with_status(d.fact, status_for(d.fact, year)), via_org: &d.via_org })
        .collect()
}

/// The dated history of the relation (see [`KnowledgeBase::timeline`]).
pub fn timeline(kb: &KnowledgeBase, sub: &str, dom: &str) -> Vec<TimelineEntry> {
    kb.timeline(sub, dom)
}

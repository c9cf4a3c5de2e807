//! The knowledge base's side of a relation as tables: its facts and its
//! dated history.

use hegemony_kb::TimelineEntry;
use hegemony_kb::query::DyadFact;

use super::{floats, joined, texts};
use crate::relation::status_for;
use crate::table::Table;

/// Facts of a relation (from [`crate::relation::facts`]): `id`, `kind`,
/// `start`, `end` (partial dates as written, `2016-11` …), `status` (in
/// `year` if given, else today), `title`, `provisions` (`; `-separated),
/// `confidence`, `via` (the organisation through which it concerns the
/// relation), `actors`, `sources` (one line each, `; `-separated).
pub fn facts(facts: &[DyadFact], year: Option<i32>) -> Table {
    let mut t = Table::default();
    t.push("id", texts(facts, |d| Some(d.fact.id.clone())));
    t.push("kind", texts(facts, |d| Some(d.fact.kind().to_string())));
    t.push("start", texts(facts, |d| d.fact.start.map(|s| s.to_string())));
    t.push("end", texts(facts, |d| d.fact.end.map(|s| s.to_string())));
    t.push("status", texts(facts, |d| Some(status_for(d.fact, year)).filter(|s| !s.is_empty())));
    t.push("title", texts(facts, |d| Some(d.fact.title.clone())));
    t.push("provisions", texts(facts, |d| joined(d.fact.provisions().iter().map(|p| p.kind.as_str()))));
    t.push("confidence", floats(facts, |d| Some(d.fact.confidence)));
    t.push("via", texts(facts, |d| d.via_org.clone()));
    t.push("actors", texts(facts, |d| joined(&d.fact.actors)));
    t.push("sources", texts(facts, |d| joined(d.fact.sources.iter().map(|s| s.short()))));
    t
}

/// A relation's dated history (from [`crate::relation::timeline`]): `date`,
/// `kind`, `text`, `fact_id`, `confidence` — the CLI's CSV columns.
pub fn timeline(entries: &[TimelineEntry]) -> Table {
    let mut t = Table::default();
    t.push("date", texts(entries, |e| Some(e.date.to_string())));
    t.push("kind", texts(entries, |e| Some(e.kind.to_string())));
    t.push("text", texts(entries, |e| Some(e.text.clone())));
    t.push("fact_id", texts(entries, |e| Some(e.fact_id.clone())));
    t.push("confidence", floats(entries, |e| Some(e.confidence)));
    t
}

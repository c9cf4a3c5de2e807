//! A profile as tables: its measures (long: one row per relation, measure
//! and year), its phases, breaks, what drove each break, its source changes,
//! its ranks; and a comparison of subordinates in one year.

use hegemony_core::Registry;
use serde::Serialize;

use super::{floats, ints, joined, texts};
use crate::profile::catalogue::compared_measures;
use crate::profile::long::{coverage_word, long_rows};
use crate::profile::{Break, Profile};
use crate::table::Table;

/// A value's serialised name (`not_covered`, `predicted` …), as the JSON has it.
fn word(v: &impl Serialize) -> Option<String> {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string))
}

/// The measures of `profiles` as a long table, one row per relation,
/// measure (and component, depth first) and year: `subordinate`,
/// `dominant`, `year`, `measure`, `value`, `lo`, `hi`, `coverage`
/// (`covered`, `zero`, `missing`, `not_covered`), `basis` (`measured`,
/// `predicted`, `carried`; null without a value), `source` (the dataset or
/// layer), then `parent` (the measure it is a component of), `unit`,
/// `weight` (in its parent), `missing` (weighted parts without a value,
/// counted over their range), `sources` (`kb:<fact>` and `<dataset>:<row>`),
/// `note`, `carried_from`. Lists are `; `-separated.
pub fn measures(profiles: &[Profile]) -> Table {
    measures_in(profiles, None)
}

/// [`measures`], only the rows of `year` when given.
pub fn measures_in(profiles: &[Profile], year: Option<i32>) -> Table {
    let rows = long_rows(profiles, year);
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |r| Some(r.profile.subordinate.clone())));
    t.push("dominant", texts(&rows, |r| Some(r.profile.dominant.clone())));
    t.push("year", ints(&rows, |r| Some(i64::from(r.point.year))));
    t.push("measure", texts(&rows, |r| Some(r.measure.name.to_string())));
    t.push("value", floats(&rows, |r| r.point.value));
    t.push("lo", floats(&rows, |r| r.point.lo));
    t.push("hi", floats(&rows, |r| r.point.hi));
    t.push("coverage", texts(&rows, |r| Some(coverage_word(r.point.coverage).to_string())));
    t.push("basis", texts(&rows, |r| r.point.basis.and_then(|b| word(&b))));
    t.push("source", texts(&rows, |r| r.point.source.clone()));
    t.push("parent", texts(&rows, |r| r.parent.map(str::to_string)));
    t.push("unit", texts(&rows, |r| Some(r.measure.unit.to_string())));
    t.push("weight", floats(&rows, |r| r.measure.weight));
    t.push("missing", texts(&rows, |r| joined(&r.point.missing)));
    t.push("sources", texts(&rows, |r| joined(&r.point.sources)));
    t.push("note", texts(&rows, |r| r.point.note.clone()));
    t.push("carried_from", ints(&rows, |r| r.point.carried_from.map(i64::from)));
    t
}

/// The phases of `profiles`: `subordinate`, `dominant`, `phase` (1, 2 …),
/// `from`, `to`, `moved` (what moved at its first year, `; `-separated),
/// then the mean of each measure over the phase, one column per measure.
pub fn periods(profiles: &[Profile]) -> Table {
    let rows: Vec<(&Profile, usize)> =
        profiles.iter().flat_map(|p| (0..p.periods.len()).map(move |i| (p, i))).collect();
    let mut names: Vec<&'static str> = Vec::new();
    for (p, i) in &rows {
        for name in p.periods[*i].means.keys() {
            if !names.contains(name) {
                names.push(name);
            }
        }
    }
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |(p, _)| Some(p.subordinate.clone())));
    t.push("dominant", texts(&rows, |(p, _)| Some(p.dominant.clone())));
    t.push("phase", ints(&rows, |(_, i)| Some(*i as i64 + 1)));
    t.push("from", ints(&rows, |(p, i)| Some(i64::from(p.periods[*i].from))));
    t.push("to", ints(&rows, |(p, i)| Some(i64::from(p.periods[*i].to))));
    t.push("moved", texts(&rows, |(p, i)| joined(&p.periods[*i].moved)));
    for name in names {
        t.push(name, floats(&rows, |(p, i)| p.periods[*i].means.get(name).copied()));
    }
    t
}

/// Every break of `profiles`.
fn all_breaks(profiles: &[Profile]) -> Vec<(&Profile, &Break)> {
    profiles.iter().flat_map(|p| p.breaks.iter().map(move |b| (p, b))).collect()
}

/// The breaks of `profiles`: `subordinate`, `dominant`, `year` (the new
/// value's first year), `measure` (`path`: the path through the plane),
/// `axis`, `before`, `after` (means), `drivers` (the components that moved),
/// `moved_by` (sources added `+` or removed `-` that year), `facts` (ids of
/// the facts dated that year or the year before).
pub fn breaks(profiles: &[Profile]) -> Table {
    let rows = all_breaks(profiles);
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |(p, _)| Some(p.subordinate.clone())));
    t.push("dominant", texts(&rows, |(p, _)| Some(p.dominant.clone())));
    t.push("year", ints(&rows, |(_, b)| Some(i64::from(b.year))));
    t.push("measure", texts(&rows, |(_, b)| Some(b.measure.to_string())));
    t.push("axis", texts(&rows, |(_, b)| b.axis.map(str::to_string)));
    t.push("before", floats(&rows, |(_, b)| Some(b.before)));
    t.push("after", floats(&rows, |(_, b)| Some(b.after)));
    t.push("drivers", texts(&rows, |(_, b)| joined(b.drivers.iter().map(|d| d.component))));
    t.push(
        "moved_by",
        texts(&rows, |(_, b)| {
            joined(b.moved_by.iter().map(|m| format!("{}{}", if m.added { '+' } else { '-' }, m.source)))
        }),
    );
    t.push("facts", texts(&rows, |(_, b)| joined(b.facts.iter().map(|f| &f.id))));
    t
}

/// What drove each break, one row per break and component: `subordinate`,
/// `dominant`, `year`, `measure` (the one that broke), `component`, `label`,
/// `before` and `after` (the component's values the year before and in the
/// break year), `source`, `moved_by`, `changed` (facts revised, not added).
pub fn drivers(profiles: &[Profile]) -> Table {
    let rows: Vec<(&Profile, &Break, usize)> =
        all_breaks(profiles).into_iter().flat_map(|(p, b)| (0..b.drivers.len()).map(move |i| (p, b, i))).collect();
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |(p, _, _)| Some(p.subordinate.clone())));
    t.push("dominant", texts(&rows, |(p, _, _)| Some(p.dominant.clone())));
    t.push("year", ints(&rows, |(_, b, _)| Some(i64::from(b.year))));
    t.push("measure", texts(&rows, |(_, b, _)| Some(b.measure.to_string())));
    t.push("component", texts(&rows, |(_, b, i)| Some(b.drivers[*i].component.to_string())));
    t.push("label", texts(&rows, |(_, b, i)| Some(b.drivers[*i].label.to_string())));
    t.push("before", floats(&rows, |(_, b, i)| b.drivers[*i].before));
    t.push("after", floats(&rows, |(_, b, i)| b.drivers[*i].after));
    t.push("source", texts(&rows, |(_, b, i)| b.drivers[*i].source.clone()));
    t.push(
        "moved_by",
        texts(&rows, |(_, b, i)| {
            joined(b.drivers[*i].moved_by.iter().map(|m| format!("{}{}", if m.added { '+' } else { '-' }, m.source)))
        }),
    );
    t.push("changed", texts(&rows, |(_, b, i)| joined(&b.drivers[*i].changed)));
    t
}

/// Where a measure's data source changes: `subordinate`, `dominant`,
/// `year`, `measure`, `from`, `to` (annotations, never breaks).
pub fn source_changes(profiles: &[Profile]) -> Table {
    let rows: Vec<_> = profiles.iter().flat_map(|p| p.source_changes.iter().map(move |c| (p, c))).collect();
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |(p, _)| Some(p.subordinate.clone())));
    t.push("dominant", texts(&rows, |(p, _)| Some(p.dominant.clone())));
    t.push("year", ints(&rows, |(_, c)| Some(i64::from(c.year))));
    t.push("measure", texts(&rows, |(_, c)| Some(c.measure.to_string())));
    t.push("from", texts(&rows, |(_, c)| Some(c.from.clone())));
    t.push("to", texts(&rows, |(_, c)| Some(c.to.clone())));
    t
}

/// The ranks among the comparison set: `subordinate`, `dominant`, `year`,
/// `rank` (1 = most hierarchy), `rank_best`, `rank_worst` (under random
/// weights), `of` (states ranked), `composite_lo`, `composite_hi` (the
/// composite's 5–95 % range under random weights).
pub fn ranks(profiles: &[Profile]) -> Table {
    let rows: Vec<_> = profiles.iter().flat_map(|p| p.ranks.iter().map(move |r| (p, r))).collect();
    let mut t = Table::default();
    t.push("subordinate", texts(&rows, |(p, _)| Some(p.subordinate.clone())));
    t.push("dominant", texts(&rows, |(p, _)| Some(p.dominant.clone())));
    t.push("year", ints(&rows, |(_, r)| Some(i64::from(r.year))));
    t.push("rank", ints(&rows, |(_, r)| Some(r.sensitivity.rank as i64)));
    t.push("rank_best", ints(&rows, |(_, r)| Some(r.sensitivity.rank_best as i64)));
    t.push("rank_worst", ints(&rows, |(_, r)| Some(r.sensitivity.rank_worst as i64)));
    t.push("of", ints(&rows, |(_, r)| Some(r.of as i64)));
    t.push("composite_lo", floats(&rows, |(_, r)| Some(r.sensitivity.lo)));
    t.push("composite_hi", floats(&rows, |(_, r)| Some(r.sensitivity.hi)));
    t
}

/// Subordinates side by side in `year` (`hegemony compare`), in the order
/// given (rank order for a full comparison): `state`, `name`, `year`,
/// `rank`, `rank_best`, `rank_worst`, `of`, then each compared measure's
/// value and its basis (`<measure>`, `<measure>_basis`).
pub fn compare(profiles: &[Profile], year: i32) -> Table {
    let registry = Registry::global();
    let rank = |p: &Profile| p.rank(year).map(|r| r.sensitivity.clone());
    let mut t = Table::default();
    t.push("state", texts(profiles, |p| Some(p.subordinate.clone())));
    t.push("name", texts(profiles, |p| registry.lookup(&p.subordinate).map(|s| s.name.clone())));
    t.push("year", ints(profiles, |_| Some(i64::from(year))));
    t.push("rank", ints(profiles, |p| rank(p).map(|s| s.rank as i64)));
    t.push("rank_best", ints(profiles, |p| rank(p).map(|s| s.rank_best as i64)));
    t.push("rank_worst", ints(profiles, |p| rank(p).map(|s| s.rank_worst as i64)));
    t.push("of", ints(profiles, |p| p.rank(year).map(|r| r.of as i64)));
    for name in compared_measures() {
        let point = |p: &Profile| p.measure(name).and_then(|m| m.at(year)).cloned();
        t.push(name, floats(profiles, |p| point(p).and_then(|pt| pt.value)));
        t.push(&format!("{name}_basis"), texts(profiles, |p| point(p).and_then(|pt| pt.basis).and_then(|b| word(&b))));
    }
    t
}

/// What a what-if changed: `measure`, `year`, `baseline`, `scenario` (the
/// values; null where there is none), one row per changed measure-year.
pub fn differences(diffs: &[crate::profile::Difference]) -> Table {
    let mut t = Table::default();
    t.push("measure", texts(diffs, |d| Some(d.measure.to_string())));
    t.push("year", ints(diffs, |d| Some(i64::from(d.year))));
    t.push("baseline", floats(diffs, |d| d.baseline));
    t.push("scenario", floats(diffs, |d| d.scenario));
    t
}

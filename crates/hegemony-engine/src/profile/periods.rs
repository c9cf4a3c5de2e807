//! Phases of a relation: change points on the path through the plane
//! institutionalisation × alignment, and on each measure, by exact penalised
//! optimal partitioning (`hegemony_measures::changepoint`).
//!
//! A change of data source is never a break: each measure is segmented only
//! within stretches that rest on one source, and the switch is listed as a
//! [`SourceChange`]. Years a source does not reach are carried forward from
//! the last covered year (so the end of a dataset cannot look like a regime
//! change) and never start a phase.

use std::collections::BTreeMap;

use hegemony_kb::TimelineEntry;
use hegemony_measures::changepoint::{ChangePointOptions, Penalty, robust_sigma, segment_means, segment_path};
use serde::Serialize;

use super::{Coverage, Measure, Point};

/// A phase of the relation: the years and the mean of each measure in them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Period {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// The mean of each measure over its years.
    pub means: BTreeMap<&'static str, f64>,
    /// What moved at the phase's first year ([`what_moved`]); empty for the first phase.
    pub moved: Vec<String>,
}

/// A break in one measure (or in the path, `measure = "path"`), with the
/// facts dated in the year of the break or the year before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Break {
    /// The year the new value starts.
    pub year: i32,
    /// The measure that broke (`path`: the path through the plane).
    pub measure: &'static str,
    /// For a path break, the axis that moved most (`before`/`after` are in
    /// its units).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<&'static str>,
    /// Mean before the break.
    pub before: f64,
    /// Mean from the break on.
    pub after: f64,
    /// Sources the value rests on that year and not the year before
    /// (`added`), or the other way round (`removed`): what moved it.
    pub moved_by: Vec<SourceMove>,
    /// The weighted components of the measure whose value changed from the
    /// year before to the break year, in the measure's order: which part of
    /// the index moved, by how much, and on which sources.
    pub drivers: Vec<Driver>,
    /// Facts of the relation dated that year or the year before (context).
    pub facts: Vec<BreakFact>,
}

/// A source a value rests on in one year and not the other.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceMove {
    /// `kb:<fact id>` or a dataset row.
    pub source: String,
    /// Added in the break year (else removed).
    pub added: bool,
}

/// One component's move across a break (in the component's own unit).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    /// The component's catalogue name.
    pub component: &'static str,
    /// Its name for people.
    pub label: &'static str,
    /// Its value the year before.
    pub before: Option<f64>,
    /// Its value in the break year.
    pub after: Option<f64>,
    /// The dataset or layer of the value in the break year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Facts it rests on that year and not the year before (or the reverse).
    pub moved_by: Vec<SourceMove>,
    /// Facts the component rests on in both years whose timeline has an
    /// entry in the break year or the year before (a membership frozen, a
    /// troop figure revised): changed, not added or removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

/// A fact dated in a break year or the year before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakFact {
    /// The fact's id.
    pub id: String,
    /// Its date as written.
    pub date: String,
    /// What happened, in a line.
    pub text: String,
}

/// A measure switching from one data source to another (or losing its source).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceChange {
    /// The year of the new source.
    pub year: i32,
    /// The measure.
    pub measure: &'static str,
    /// The source before.
    pub from: String,
    /// The source from that year on.
    pub to: String,
}

/// The measures on which breaks are looked for, and the path's two axes.
const SEGMENTED: [&str; 4] = ["security", "economic", "institutionalisation", "alignment"];
const PATH: [&str; 2] = ["institutionalisation", "alignment"];
/// Smallest noise scale assumed for an index on [0, 1].
pub const NOISE_FLOOR: f64 = 0.025;

pub(super) fn periodise(
    measures: &[Measure],
    years: &[i32],
    facts: &[TimelineEntry],
    min_phase: usize,
) -> (Vec<Period>, Vec<Break>, Vec<SourceChange>) {
    let opts = ChangePointOptions { min_segment: min_phase, penalty: Penalty::Bic, sigma: None };
    // The measures are indices on [0, 1]: a smooth series (troops over a
    // growing population) has almost no year-to-year noise, and without a
    // floor every drift of a hundredth would pay for a break.
    let with_floor = |y: &[f64]| ChangePointOptions { sigma: Some(robust_sigma(y).max(NOISE_FLOOR)), ..opts };
    let find = |name: &str| measures.iter().find_map(|m| m.find(name));
    let mut changes = Vec::new();
    for m in measures.iter().flat_map(Measure::walk) {
        changes.extend(source_changes(m));
    }
    let mut breaks = Vec::new();

    // The path: both axes carried forward over gaps; phases are its segments.
    let axes: Vec<Vec<f64>> = PATH.iter().filter_map(|n| find(n)).filter_map(carried).collect();
    let periods = if axes.is_empty() {
        vec![]
    } else {
        let refs: Vec<&[f64]> = axes.iter().map(|a| a.as_slice()).collect();
        let segs = segment_path(&refs, &ChangePointOptions { sigma: Some(NOISE_FLOOR), ..opts });
        for w in segs.windows(2) {
            let y = years[w[1].start];
            let shift = |k: usize| w[1].means[k] - w[0].means[k];
            // Report the path break on the axis that moved most, in its units.
            let k = (0..refs.len()).max_by(|&a, &b| shift(a).abs().total_cmp(&shift(b).abs())).unwrap_or(0);
            let axis = find(PATH[k]);
            breaks.push(Break {
                year: y,
                measure: "path",
                axis: Some(PATH[k]),
                before: w[0].means[k],
                after: w[1].means[k],
                moved_by: axis.map(|m| moved_by(m, y)).unwrap_or_default(),
                drivers: axis.map(|m| drivers(m, y, facts)).unwrap_or_default(),
                facts: facts_near(facts, y),
            });
        }
        segs.iter()
            .map(|s| {
                let mut means = BTreeMap::new();
                for name in ["composite", "security", "economic", "institutionalisation", "alignment"] {
                    if let Some(v) = find(name).and_then(|m| mean_of(m, &years[s.start..s.end])) {
                        means.insert(name, v);
                    }
                }
                Period { from: years[s.start], to: years[s.end - 1], means, moved: vec![] }
            })
            .collect()
    };

    // Each measure, within the stretches resting on one source.
    for name in SEGMENTED {
        let Some(m) = find(name) else { continue };
        for (start, end) in source_runs(m) {
            let y: Vec<f64> = m.series[start..end].iter().filter_map(|p| p.value).collect();
            if y.len() != end - start {
                continue;
            }
            let seg = segment_means(&y, &with_floor(&y));
            for w in seg.segments.windows(2) {
                let year = m.series[start + w[1].start].year;
                breaks.push(Break {
                    year,
                    measure: m.name,
                    axis: None,
                    before: w[0].mean,
                    after: w[1].mean,
                    moved_by: moved_by(m, year),
                    drivers: drivers(m, year, facts),
                    facts: facts_near(facts, year),
                });
            }
        }
    }
    breaks.sort_by_key(|b| (b.year, b.measure));
    changes.sort_by_key(|c| (c.year, c.measure));
    let periods = periods.into_iter().map(|p| Period { moved: what_moved(&breaks, p.from), ..p }).collect();
    (periods, breaks, changes)
}

/// The series with gaps filled by the last value (leading gaps by the first);
/// `None` if it has no value at all.
fn carried(m: &Measure) -> Option<Vec<f64>> {
    let first = m.series.iter().find_map(|p| p.value)?;
    let mut last = first;
    Some(
        m.series
            .iter()
            .map(|p| {
                if let Some(v) = p.value {
                    last = v;
                }
                last
            })
            .collect(),
    )
}

fn mean_of(m: &Measure, years: &[i32]) -> Option<f64> {
    let v: Vec<f64> = years.iter().filter_map(|&y| m.value(y)).collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Maximal runs `start..end` of consecutive years with a value from one source.
fn source_runs(m: &Measure) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..=m.series.len() {
        let same = |a: usize, b: usize| m.series[a].source == m.series[b].source;
        let has = |i: usize| i < m.series.len() && m.series[i].value.is_some();
        match start {
            Some(s) if !has(i) || !same(s, i) => {
                runs.push((s, i));
                start = has(i).then_some(i);
            }
            None if has(i) => start = Some(i),
            _ => {}
        }
    }
    runs
}

/// Years where the source of a measure's values changes.
fn source_changes(m: &Measure) -> Vec<SourceChange> {
    let mut out = Vec::new();
    let label = |p: &Point| match (p.value, &p.source) {
        (Some(_), Some(s)) => s.clone(),
        (Some(_), None) => "?".to_string(),
        (None, _) => "not covered".to_string(),
    };
    for w in m.series.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        // Missing single years are gaps, not source changes.
        let relevant = |p: &Point| p.value.is_some() || p.coverage == Coverage::NotCovered;
        if !(relevant(a) && relevant(b)) || m.name == "composite" {
            continue;
        }
        let (la, lb) = (label(a), label(b));
        if la != lb {
            out.push(SourceChange { year: b.year, measure: m.name, from: la, to: lb });
        }
    }
    out
}

/// The sources of `m` that year and not the year before, and the reverse.
fn moved_by(m: &Measure, year: i32) -> Vec<SourceMove> {
    let (Some(now), Some(before)) = (m.at(year), m.at(year - 1)) else { return vec![] };
    let mut out: Vec<SourceMove> = now
        .sources
        .iter()
        .filter(|s| !before.sources.contains(s))
        .map(|s| SourceMove { source: s.clone(), added: true })
        .collect();
    out.extend(
        before
            .sources
            .iter()
            .filter(|s| !now.sources.contains(s))
            .map(|s| SourceMove { source: s.clone(), added: false }),
    );
    // Data rows of a new year (population, trade of that year) are not news.
    out.retain(|s| s.source.starts_with("kb:"));
    out
}

/// What moved in `year`, one line per broken measure (a path break counts
/// for its main axis): "institutionalisation: Memberships 0.34 → 0.17 (~
/// arm-csto)" — each driver with the facts added (+), removed (−) or
/// changed (~), or else the dataset its value rests on.
pub fn what_moved(breaks: &[Break], year: i32) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for b in breaks.iter().filter(|b| b.year == year) {
        let measure = if b.measure == "path" { b.axis.unwrap_or("path") } else { b.measure };
        if b.drivers.is_empty() || seen.contains(&measure) {
            continue;
        }
        seen.push(measure);
        let parts: Vec<String> = b.drivers.iter().map(Driver::describe).collect();
        out.push(format!("{measure}: {}", parts.join("; ")));
    }
    out
}

impl Driver {
    /// "Arms-import share 0.82 → 1.00 (sipri)", "Provisions in force 0.62 →
    /// 0.69 (+ rus-arm-air-defence-2015)".
    pub fn describe(&self) -> String {
        let v = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
        let id = |s: &str| s.trim_start_matches("kb:").to_string();
        let mut why: Vec<String> =
            self.moved_by.iter().map(|m| format!("{} {}", if m.added { "+" } else { "−" }, id(&m.source))).collect();
        why.extend(self.changed.iter().map(|s| format!("~ {}", id(s))));
        if why.is_empty() {
            why.extend(self.source.clone());
        }
        let why = if why.is_empty() { String::new() } else { format!(" ({})", why.join(", ")) };
        format!("{} {} → {}{why}", self.label, v(self.before), v(self.after))
    }
}

/// Smallest change of a component that counts as a move (indices are on
/// [0, 1]; troops per 1,000 inhabitants are of order 1).
const MOVE: f64 = 0.005;

/// The components of `m` that moved from `year - 1` to `year`: a value that
/// changed by at least [`MOVE`], or appeared or disappeared. Components with
/// weight 0 are left out: they cannot move the measure.
fn drivers(m: &Measure, year: i32, facts: &[TimelineEntry]) -> Vec<Driver> {
    let near = facts_near(facts, year);
    m.components
        .iter()
        .filter(|c| c.weight != Some(0.0))
        .filter_map(|c| {
            let (before, after) = (c.value(year - 1), c.value(year));
            let moved = match (before, after) {
                (Some(a), Some(b)) => (b - a).abs() >= MOVE,
                (None, None) => false,
                _ => true,
            };
            moved.then(|| {
                let moved_by = moved_by(c, year);
                let kept = |s: &&String| !moved_by.iter().any(|m| &m.source == *s);
                let changed = c.at(year).map_or(vec![], |p| {
                    p.sources
                        .iter()
                        .filter(kept)
                        .filter_map(|s| s.strip_prefix("kb:"))
                        .filter(|id| near.iter().any(|f| f.id == *id))
                        .map(|id| format!("kb:{id}"))
                        .collect()
                });
                Driver {
                    component: c.name,
                    label: c.label,
                    before,
                    after,
                    source: c.at(year).and_then(|p| p.source.clone()),
                    moved_by,
                    changed,
                }
            })
        })
        .collect()
}

fn facts_near(facts: &[TimelineEntry], year: i32) -> Vec<BreakFact> {
    facts
        .iter()
        .filter(|f| (year - 1..=year).contains(&f.date.year))
        .map(|f| BreakFact { id: f.fact_id.clone(), date: f.date.to_string(), text: f.text.clone() })
        .collect()
}

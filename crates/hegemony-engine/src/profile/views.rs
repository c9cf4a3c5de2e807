//! The views of a profile every interface returns (the CLI's `--format
//! json`, the API): typed, serialised by the interface.

use std::collections::BTreeMap;

use hegemony_core::Registry;
use hegemony_kb::KnowledgeBase;
use serde::Serialize;

use super::periods::{Break, BreakFact, Period, SourceChange};
use super::whatif::{Difference, differences};
use super::{Measure, Point, Profile, catalogue};
use crate::EngineError;

/// A profile, with the what-if's profile and the differences from the
/// baseline when there is a what-if (`hegemony profile --format json`, the
/// API's profile and what-if).
#[derive(Serialize)]
pub struct ProfileReport<'a> {
    /// The baseline profile.
    #[serde(flatten)]
    pub baseline: &'a Profile,
    /// The profile on the changed knowledge base.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<&'a Profile>,
    /// What changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differences: Option<Vec<Difference>>,
}

impl<'a> ProfileReport<'a> {
    /// The report of `baseline`, and of `scenario` against it if given.
    pub fn new(baseline: &'a Profile, scenario: Option<&'a Profile>) -> ProfileReport<'a> {
        ProfileReport { baseline, scenario, differences: scenario.map(|s| differences(baseline, s)) }
    }
}

/// One measure in one year with its components (`explain`).
#[derive(Serialize)]
pub struct ExplainedMeasure<'a> {
    /// The catalogue name.
    pub name: &'static str,
    /// The name for people.
    pub label: &'static str,
    /// The unit.
    pub unit: &'static str,
    /// What it means.
    pub about: &'static str,
    /// Its weight in its parent (`null`: not weighted).
    pub weight: Option<f64>,
    /// The year's point (`null`: the profile does not reach the year).
    pub point: Option<&'a Point>,
    /// Its components, explained the same way.
    pub components: Vec<ExplainedMeasure<'a>>,
}

impl<'a> ExplainedMeasure<'a> {
    /// `m` in `year`.
    pub fn new(m: &'a Measure, year: i32) -> ExplainedMeasure<'a> {
        ExplainedMeasure {
            name: m.name,
            label: m.label,
            unit: m.unit,
            about: m.about,
            weight: m.weight,
            point: m.at(year),
            components: m.components.iter().map(|c| ExplainedMeasure::new(c, year)).collect(),
        }
    }
}

/// `explain` of one year: the relation, the year and each measure.
#[derive(Serialize)]
pub struct ExplainedYear<'a> {
    /// The subordinate state's code.
    pub subordinate: &'a str,
    /// The dominant state's code.
    pub dominant: &'a str,
    /// The year explained.
    pub year: i32,
    /// The measures asked for.
    pub measures: Vec<ExplainedMeasure<'a>>,
    /// The title of every knowledge-base fact the values rest on, by id
    /// (when asked for with a knowledge base).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact_titles: Option<BTreeMap<String, String>>,
}

/// The measures `explain` takes apart: the one named (a measure or a
/// component), or all. An unknown name is an error listing the known ones.
pub fn explained<'a>(p: &'a Profile, name: Option<&str>) -> Result<Vec<&'a Measure>, EngineError> {
    match name {
        Some(name) => Ok(vec![p.measure(name).ok_or_else(|| {
            let mut names = Vec::new();
            for m in &p.measures {
                names.push(m.name);
                names.extend(m.components.iter().map(|c| c.name));
            }
            EngineError::Request(format!("no measure '{name}'; known: {}", names.join(", ")))
        })?]),
        None => Ok(p.measures.iter().collect()),
    }
}

/// `explain` of `year` (one measure or all); with `kb`, the titles of the
/// facts the values rest on.
pub fn explain_year<'a>(
    p: &'a Profile,
    year: i32,
    name: Option<&str>,
    kb: Option<&KnowledgeBase>,
) -> Result<ExplainedYear<'a>, EngineError> {
    let measures = explained(p, name)?;
    let fact_titles = kb.map(|kb| {
        let mut titles = BTreeMap::new();
        for m in measures.iter().flat_map(|m| m.walk()) {
            for id in m.at(year).into_iter().flat_map(|pt| pt.sources.iter()).filter_map(|s| s.strip_prefix("kb:")) {
                if let Some(f) = kb.get(id) {
                    titles.insert(id.to_string(), f.title.clone());
                }
            }
        }
        titles
    });
    Ok(ExplainedYear {
        subordinate: &p.subordinate,
        dominant: &p.dominant,
        year,
        measures: measures.into_iter().map(|m| ExplainedMeasure::new(m, year)).collect(),
        fact_titles,
    })
}

/// The phases of a relation (`hegemony periods --format json`).
#[derive(Serialize)]
pub struct PeriodsView<'a> {
    /// The subordinate state's code.
    pub subordinate: &'a str,
    /// The dominant state's code.
    pub dominant: &'a str,
    /// The phases.
    pub periods: &'a [Period],
    /// The breaks.
    pub breaks: &'a [Break],
    /// The source changes.
    pub source_changes: &'a [SourceChange],
}

impl<'a> PeriodsView<'a> {
    /// The phases of `p`.
    pub fn new(p: &'a Profile) -> PeriodsView<'a> {
        PeriodsView {
            subordinate: &p.subordinate,
            dominant: &p.dominant,
            periods: &p.periods,
            breaks: &p.breaks,
            source_changes: &p.source_changes,
        }
    }
}

/// One subordinate in a comparison: its rank and the compared measures.
#[derive(Serialize)]
pub struct CompareRow<'a> {
    /// The state's code.
    pub state: &'a str,
    /// The state's name.
    pub name: Option<String>,
    /// Its rank that year (1 = most hierarchy).
    pub rank: Option<usize>,
    /// Its best rank under random weights.
    pub rank_best: Option<usize>,
    /// Its worst rank under random weights.
    pub rank_worst: Option<usize>,
    /// How many states were ranked.
    pub of: Option<usize>,
    /// The compared measures' points that year.
    pub values: BTreeMap<&'static str, Option<&'a Point>>,
}

impl<'a> CompareRow<'a> {
    /// `p`'s row in `year`.
    pub fn new(p: &'a Profile, year: i32) -> CompareRow<'a> {
        let r = p.rank(year);
        CompareRow {
            state: &p.subordinate,
            name: Registry::global().lookup(&p.subordinate).map(|s| s.name.clone()),
            rank: r.map(|r| r.sensitivity.rank),
            rank_best: r.map(|r| r.sensitivity.rank_best),
            rank_worst: r.map(|r| r.sensitivity.rank_worst),
            of: r.map(|r| r.of),
            values: catalogue::compared_measures().map(|n| (n, p.measure(n).and_then(|m| m.at(year)))).collect(),
        }
    }
}

/// A comparison of subordinates in one year (the API's `/compare`).
#[derive(Serialize)]
pub struct CompareView<'a> {
    /// The dominant state's code.
    pub dominant: &'a str,
    /// The year compared.
    pub year: i32,
    /// The years the profiles span.
    pub years: [i32; 2],
    /// One row per subordinate, in rank order for a full comparison.
    pub rows: Vec<CompareRow<'a>>,
}

impl<'a> CompareView<'a> {
    /// The comparison of `profiles` in `year`.
    pub fn new(dominant: &'a str, profiles: &'a [Profile], years: (i32, i32), year: i32) -> CompareView<'a> {
        CompareView {
            dominant,
            year,
            years: [years.0, years.1],
            rows: profiles.iter().map(|p| CompareRow::new(p, year)).collect(),
        }
    }
}

/// A composite part's standing in the headline year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartStanding {
    /// The part's catalogue name.
    pub name: &'static str,
    /// Its name for people.
    pub label: &'static str,
    /// Its value that year (`None`: no value, counted over its whole range).
    pub value: Option<f64>,
    /// `measured`, `predicted`, `carried` or `none` (no value).
    pub basis: &'static str,
    /// For a carried value, the year it was carried from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<i32>,
}

/// One measure's move at a break: its values in the year before and in the
/// break year (not phase means).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakMove {
    /// The measure's catalogue name.
    pub measure: &'static str,
    /// Its name for people.
    pub label: &'static str,
    /// Its value the year before the break.
    pub before: Option<f64>,
    /// Its value in the break year.
    pub after: Option<f64>,
}

/// What changed at the relation's last break.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LastBreak {
    /// The year of the break (the first year of the new phase, or of the
    /// last break in a measure when no phase starts later).
    pub year: i32,
    /// Whether a new phase starts that year (a break in the path).
    pub new_phase: bool,
    /// The measures that broke, with the years' values.
    pub moves: Vec<BreakMove>,
    /// The components that moved them ([`super::what_moved`]).
    pub drivers: Vec<String>,
    /// The facts dated that year or the year before (claims left out).
    pub facts: Vec<BreakFact>,
}

/// What a reader sees first: the composite of the last year it has a value,
/// its band, the rank and its interval, how each part was obtained that year,
/// and what changed at the last break (the dashboard's relation page, the
/// terminal and HTML reports).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Headline {
    /// The subordinate state's code.
    pub subordinate: String,
    /// Its name.
    pub subordinate_name: String,
    /// The dominant state's code.
    pub dominant: String,
    /// Its name.
    pub dominant_name: String,
    /// The year shown: the last year with a composite value (`None`: none has one).
    pub year: Option<i32>,
    /// The composite that year.
    pub composite: Option<f64>,
    /// Lower end of its 90% band (random weights, unknown parts' ranges).
    pub lo: Option<f64>,
    /// Upper end of its band.
    pub hi: Option<f64>,
    /// How the composite was obtained that year (`measured`, `predicted`, `carried`).
    pub basis: &'static str,
    /// The rank that year (1 = most hierarchy), if ranked.
    pub rank: Option<usize>,
    /// Best rank under random weights.
    pub rank_best: Option<usize>,
    /// Worst rank under random weights.
    pub rank_worst: Option<usize>,
    /// How many states were ranked.
    pub of: Option<usize>,
    /// Whether the subordinate is in the comparison set.
    pub ranked: bool,
    /// The four parts that year.
    pub parts: Vec<PartStanding>,
    /// What changed at the last break.
    pub last_break: Option<LastBreak>,
    /// What a reader must know before reading the numbers.
    pub warnings: Vec<String>,
}

fn name_of(code: &str) -> String {
    Registry::global().lookup(code).map_or_else(|| code.to_string(), |s| s.name.clone())
}

impl Headline {
    /// The headline of `p`.
    pub fn of(p: &Profile) -> Headline {
        let composite = p.measure("composite");
        let last = composite.and_then(|m| m.series.iter().rev().find(|x| x.value.is_some()));
        let year = last.map(|x| x.year);
        let rank = year.and_then(|y| p.rank(y));
        let parts = catalogue::COMPOSITE_PARTS
            .iter()
            .filter_map(|n| p.measure(n))
            .map(|m| {
                let pt = year.and_then(|y| m.at(y));
                PartStanding {
                    name: m.name,
                    label: m.label,
                    value: pt.and_then(|x| x.value),
                    basis: pt.map_or("none", Point::marker_word),
                    carried_from: pt.and_then(|x| x.carried_from),
                }
            })
            .collect();
        Headline {
            subordinate: p.subordinate.clone(),
            subordinate_name: name_of(&p.subordinate),
            dominant: p.dominant.clone(),
            dominant_name: name_of(&p.dominant),
            year,
            composite: last.and_then(|x| x.value),
            lo: last.and_then(|x| x.lo),
            hi: last.and_then(|x| x.hi),
            basis: last.map_or("none", Point::marker_word),
            rank: rank.map(|r| r.sensitivity.rank),
            rank_best: rank.map(|r| r.sensitivity.rank_best),
            rank_worst: rank.map(|r| r.sensitivity.rank_worst),
            of: rank.map(|r| r.of),
            ranked: p.ranked,
            parts,
            last_break: last_break(p),
            warnings: p.warnings.clone(),
        }
    }
}

/// The last break of `p`: the last year a phase starts, else the last break
/// in any measure; with each broken measure's values in the year before and
/// the break year.
fn last_break(p: &Profile) -> Option<LastBreak> {
    let phase_starts: Vec<i32> = p.periods.iter().skip(1).map(|ph| ph.from).collect();
    let year = phase_starts.last().copied().or_else(|| p.breaks.iter().map(|b| b.year).max())?;
    let here: Vec<&Break> = p.breaks.iter().filter(|b| b.year == year).collect();
    let mut moves: Vec<BreakMove> = Vec::new();
    for b in &here {
        let name = if b.measure == "path" { b.axis.unwrap_or("path") } else { b.measure };
        if moves.iter().any(|m| m.measure == name) {
            continue;
        }
        let Some(m) = p.measure(name) else { continue };
        moves.push(BreakMove { measure: m.name, label: m.label, before: m.value(year - 1), after: m.value(year) });
    }
    let mut facts: Vec<BreakFact> = Vec::new();
    for f in here.iter().flat_map(|b| &b.facts).filter(|f| !f.id.starts_with("claim")) {
        if !facts.iter().any(|x| x.id == f.id) {
            facts.push(f.clone());
        }
    }
    Some(LastBreak {
        year,
        new_phase: phase_starts.contains(&year),
        moves,
        drivers: super::what_moved(&p.breaks, year),
        facts,
    })
}

/// The last year of `years` in which every ranked profile's composite is
/// measured: a value resting on no part without data (`missing` empty),
/// none predicted or carried past its source. The year a comparison shows
/// by default (later years can be chosen; their estimates are marked).
/// `None` if no year is complete.
pub fn latest_complete_year(profiles: &[Profile], years: (i32, i32)) -> Option<i32> {
    let ranked: Vec<&Profile> = profiles.iter().filter(|p| p.ranked).collect();
    let set: Vec<&Profile> = if ranked.is_empty() { profiles.iter().collect() } else { ranked };
    (years.0..=years.1).rev().find(|&y| {
        !set.is_empty()
            && set.iter().all(|p| {
                p.measure("composite").and_then(|m| m.at(y)).is_some_and(|pt| {
                    pt.value.is_some() && pt.missing.is_empty() && pt.basis == Some(super::Basis::Measured)
                })
            })
    })
}

/// A comparison in `year`, or without one in the latest complete year
/// ([`latest_complete_year`], else the range's last): the year shown, the
/// complete year, and the profiles (for all subordinates, in rank order
/// that year). The profiles are computed once.
pub fn compare_in(
    inputs: &super::Inputs,
    dominant: &'static hegemony_core::State,
    set: super::CompareSet,
    years: (i32, i32),
    year: Option<i32>,
) -> Result<(i32, Option<i32>, Vec<Profile>), EngineError> {
    let all = matches!(set, super::CompareSet::All);
    let mut profiles = super::compare(inputs, dominant, set, years, year.unwrap_or(years.1))?;
    let complete = latest_complete_year(&profiles, years);
    let year = year.or(complete).unwrap_or(years.1);
    if all {
        let rank = |p: &Profile| p.rank(year).map_or(usize::MAX, |r| r.sensitivity.rank);
        profiles.sort_by_key(|p| (rank(p), p.subordinate.clone()));
    }
    Ok((year, complete, profiles))
}

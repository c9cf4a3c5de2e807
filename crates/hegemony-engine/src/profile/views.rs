//! The views of a profile every interface returns (the CLI's `--format
//! json`, the API): typed, serialised by the interface.

use std::collections::BTreeMap;

use hegemony_core::Registry;
use hegemony_kb::KnowledgeBase;
use serde::Serialize;

use super::periods::{Break, Period, SourceChange};
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

/// The measures a comparison shows: the table's, and the residual.
pub fn compared_measures() -> impl Iterator<Item = &'static str> {
    catalogue::TABLE.into_iter().chain(["alignment_residual"])
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
            values: compared_measures().map(|n| (n, p.measure(n).and_then(|m| m.at(year)))).collect(),
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

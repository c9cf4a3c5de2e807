//! What a profile is made of: points (one year of a series, with its
//! coverage and sources), measures (a series and its components), ranks, and
//! the profile of one relation.

use std::collections::BTreeMap;

use hegemony_kb::TimelineEntry;
use hegemony_kb::model::FactKind;
use hegemony_measures::composite::Sensitivity;
use serde::Serialize;

use super::periods::{Break, Period, SourceChange};

/// How a year's value stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A value from a source that covers the year.
    Covered,
    /// The source covers the year and records nothing: the value is 0.
    Zero,
    /// The source covers the year but lacks a figure needed.
    Missing,
    /// No source reaches the year (or the dataset is not in the data folder).
    NotCovered,
}

/// How a value was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Measured from a source covering the year.
    Measured,
    /// Predicted from a related published figure through a fitted bridge
    /// (alignment past the vote record): an estimate, drawn apart.
    Predicted,
    /// No source reaches the year: an earlier year's value, carried forward.
    Carried,
}

/// One year of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The year.
    pub year: i32,
    /// The value; `None` when missing or not covered (never 0 for "unknown").
    pub value: Option<f64>,
    /// Lower end of the value's range (troop estimates, random weights).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lo: Option<f64>,
    /// Upper end of the value's range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hi: Option<f64>,
    /// Whether a source covers the year, and whether it records anything.
    pub coverage: Coverage,
    /// How the value was obtained (`None` when there is no value). A
    /// combined value takes the least direct basis among its weighted parts.
    pub basis: Option<Basis>,
    /// The weighted parts without a value that a combined value counts over
    /// their whole range (see `lo`–`hi`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<&'static str>,
    /// The dataset or layer the value comes from (`kb`, `sipri`, `atop` …;
    /// joined with `+` for a value combining several).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What the value rests on: `kb:<fact id>` and `<dataset>:<row key>`.
    pub sources: Vec<String>,
    /// How the value came about, for people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when no source reaches this year and the value is the one of
    /// this earlier year, carried forward.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<i32>,
}

impl Point {
    /// How the value was obtained, in a word (`measured`, `predicted`,
    /// `carried`; `none` without a value).
    pub fn marker_word(&self) -> &'static str {
        match self.basis {
            Some(Basis::Measured) => "measured",
            Some(Basis::Predicted) => "predicted",
            Some(Basis::Carried) => "carried",
            None => "none",
        }
    }

    /// One letter for tables: `p` predicted, `c` carried, `m` resting on a
    /// missing part, or nothing for a measured value.
    pub fn marker(&self) -> &'static str {
        match self.basis {
            Some(Basis::Predicted) => "p",
            Some(Basis::Carried) => "c",
            _ if !self.missing.is_empty() => "m",
            _ => "",
        }
    }

    /// A value from a source covering the year; 0 is reported as `zero`
    /// (the source records nothing: no troops, no assets).
    pub fn covered(year: i32, value: f64, source: &str, mut sources: Vec<String>) -> Point {
        let coverage = if value == 0.0 { Coverage::Zero } else { Coverage::Covered };
        let mut seen = std::collections::HashSet::new();
        sources.retain(|s| seen.insert(s.clone()));
        Point {
            year,
            value: Some(value),
            lo: None,
            hi: None,
            coverage,
            basis: Some(Basis::Measured),
            missing: vec![],
            source: Some(source.to_string()),
            sources,
            note: None,
            carried_from: None,
        }
    }

    /// A measured value for which 0 is a measurement like any other (a
    /// distance, a share of a total, an index), never an absence.
    pub fn measured(year: i32, value: f64, source: &str, sources: Vec<String>) -> Point {
        Point { coverage: Coverage::Covered, ..Point::covered(year, value, source, sources) }
    }

    /// No value: `coverage` says why (missing or not covered), `note` in words.
    pub fn absent(year: i32, coverage: Coverage, note: impl Into<String>) -> Point {
        Point {
            year,
            value: None,
            lo: None,
            hi: None,
            coverage,
            basis: None,
            missing: vec![],
            source: None,
            sources: vec![],
            note: Some(note.into()),
            carried_from: None,
        }
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Point {
        self.note = Some(note.into());
        self
    }

    pub(crate) fn with_range(mut self, lo: f64, hi: f64) -> Point {
        self.lo = Some(lo);
        self.hi = Some(hi);
        self
    }

    pub(crate) fn with_sources(mut self, sources: Vec<String>) -> Point {
        self.sources = sources;
        self
    }
}

/// A measure (or component): its series and the components it is made of.
/// Name, label, unit and `about` come from the catalogue
/// ([`super::catalogue`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measure {
    /// The catalogue name (`security`, `troops` …).
    pub name: &'static str,
    /// The name for people.
    pub label: &'static str,
    /// The unit of its values.
    pub unit: &'static str,
    /// What it means, in a sentence a journalist can use.
    pub about: &'static str,
    /// Its weight in the measure above it (`None`: not weighted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// One point per year of the profile.
    pub series: Vec<Point>,
    /// The measures it is computed from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Measure>,
}

impl Measure {
    /// The point of `year`, if the series reaches it.
    pub fn at(&self, year: i32) -> Option<&Point> {
        self.series.iter().find(|p| p.year == year)
    }

    /// The value of `year`, if there is one.
    pub fn value(&self, year: i32) -> Option<f64> {
        self.at(year).and_then(|p| p.value)
    }

    /// This measure or a component of it (depth first) by name.
    pub fn find(&self, name: &str) -> Option<&Measure> {
        if self.name == name {
            return Some(self);
        }
        self.components.iter().find_map(|c| c.find(name))
    }

    /// This measure and all its components, depth first.
    pub fn walk(&self) -> Vec<&Measure> {
        let mut out = vec![self];
        for c in &self.components {
            out.extend(c.walk());
        }
        out
    }
}

/// A dataset a measure needs and the data folder lacks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeededData {
    /// The measures it would fill ("security.troops, alignment").
    pub measure: String,
    /// The files to put in the data folder.
    pub files: &'static str,
    /// Where they come from, or the command that fetches them.
    pub how: &'static str,
}

/// The rank of a subordinate among the comparison set in one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankYear {
    /// The year.
    pub year: i32,
    /// How many states were ranked.
    pub of: usize,
    /// The rank (1 = most hierarchy) and its interval under random weights.
    #[serde(flatten)]
    pub sensitivity: Sensitivity,
}

/// Everything about one relation.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    /// The subordinate state's code.
    pub subordinate: String,
    /// The dominant state's code.
    pub dominant: String,
    /// First and last year.
    pub years: (i32, i32),
    /// composite first, then its parts, then context measures.
    pub measures: Vec<Measure>,
    /// The phases of the relation.
    pub periods: Vec<Period>,
    /// Breaks in the path and in each measure, with what moved them.
    pub breaks: Vec<Break>,
    /// Years where a measure's data source changes (annotations, not breaks).
    pub source_changes: Vec<SourceChange>,
    /// Rank among the comparison set per year (1 = most hierarchy), with its
    /// interval under random weights.
    pub ranks: Vec<RankYear>,
    /// The states the relation is scaled and ranked among.
    pub comparison_set: Vec<String>,
    /// Why those states (the settings file's rule).
    pub comparison_rule: String,
    /// Whether the subordinate is in the comparison set and so ranked.
    pub ranked: bool,
    /// What a reader must know before reading the numbers.
    pub warnings: Vec<String>,
    /// The dated facts of the relation (knowledge base), for the report.
    pub facts: Vec<TimelineEntry>,
    /// Datasets that would fill measures left uncovered.
    pub needs: Vec<NeededData>,
    /// How the scales were set (largest values among the comparison set).
    pub scales: BTreeMap<&'static str, f64>,
}

/// Facts shown as the relation's key facts (chart markers, report, the
/// terminal's "Main facts"): sure enough, and events rather than opinions.
pub const KEY_FACT_CONFIDENCE: f64 = 0.8;

impl Profile {
    /// A measure or component by catalogue name.
    pub fn measure(&self, name: &str) -> Option<&Measure> {
        self.measures.iter().find_map(|m| m.find(name))
    }

    /// The relation's key facts, by date: confidence at least
    /// [`KEY_FACT_CONFIDENCE`], claims left out.
    pub fn key_facts(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.facts.iter().filter(|f| f.confidence >= KEY_FACT_CONFIDENCE && f.kind != FactKind::Claim)
    }

    /// The rank in `year`, if the subordinate was ranked.
    pub fn rank(&self, year: i32) -> Option<&RankYear> {
        self.ranks.iter().find(|r| r.year == year)
    }
}

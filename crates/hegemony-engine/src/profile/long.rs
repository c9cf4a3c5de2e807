//! Profiles as one long table — one row per relation, year and measure —
//! for `hegemony profile | compare --format csv|parquet` and the
//! dashboard's downloads: `subordinate, dominant, year, measure, value, lo,
//! hi, coverage, basis, source`. Missing values stay empty (never 0); the
//! rank is a row of its own (`measure = rank`, `lo`–`hi` its interval under
//! random weights).

use super::{Coverage, Measure, Profile};
use crate::{ColumnData, Table};

/// The long table of `profiles`: every measure and component of each, in
/// the profile's order, for every year (or only `year`).
pub fn long_table(profiles: &[Profile], year: Option<i32>) -> Table {
    let mut rows = Rows::default();
    for p in profiles {
        let years: Vec<i32> = match year {
            Some(y) => vec![y],
            None => (p.years.0..=p.years.1).collect(),
        };
        for &y in &years {
            for m in p.measures.iter().flat_map(Measure::walk) {
                let Some(pt) = m.at(y) else { continue };
                rows.push(p, y, m.name);
                rows.value.push(pt.value);
                rows.lo.push(pt.lo);
                rows.hi.push(pt.hi);
                rows.coverage.push(Some(coverage_word(pt.coverage).to_string()));
                rows.basis.push(pt.basis.map(|_| pt.marker_word().to_string()));
                rows.source.push(pt.source.clone());
            }
            if let Some(r) = p.rank(y) {
                rows.push(p, y, "rank");
                rows.value.push(Some(r.sensitivity.rank as f64));
                rows.lo.push(Some(r.sensitivity.rank_best as f64));
                rows.hi.push(Some(r.sensitivity.rank_worst as f64));
                rows.coverage.push(Some("covered".into()));
                rows.basis.push(None);
                rows.source.push(Some(format!("rank of {} under random weights", r.of)));
            }
        }
    }
    rows.into_table()
}

/// The word of a coverage, as JSON writes it.
pub fn coverage_word(c: Coverage) -> &'static str {
    match c {
        Coverage::Covered => "covered",
        Coverage::Zero => "zero",
        Coverage::Missing => "missing",
        Coverage::NotCovered => "not_covered",
    }
}

#[derive(Default)]
struct Rows {
    subordinate: Vec<Option<String>>,
    dominant: Vec<Option<String>>,
    year: Vec<Option<i64>>,
    measure: Vec<Option<String>>,
    value: Vec<Option<f64>>,
    lo: Vec<Option<f64>>,
    hi: Vec<Option<f64>>,
    coverage: Vec<Option<String>>,
    basis: Vec<Option<String>>,
    source: Vec<Option<String>>,
}

impl Rows {
    fn push(&mut self, p: &Profile, year: i32, measure: &str) {
        self.subordinate.push(Some(p.subordinate.clone()));
        self.dominant.push(Some(p.dominant.clone()));
        self.year.push(Some(i64::from(year)));
        self.measure.push(Some(measure.to_string()));
    }

    fn into_table(self) -> Table {
        let mut t = Table::default();
        t.push("subordinate", ColumnData::Text(self.subordinate));
        t.push("dominant", ColumnData::Text(self.dominant));
        t.push("year", ColumnData::Int(self.year));
        t.push("measure", ColumnData::Text(self.measure));
        t.push("value", ColumnData::Float(self.value));
        t.push("lo", ColumnData::Float(self.lo));
        t.push("hi", ColumnData::Float(self.hi));
        t.push("coverage", ColumnData::Text(self.coverage));
        t.push("basis", ColumnData::Text(self.basis));
        t.push("source", ColumnData::Text(self.source));
        t
    }
}

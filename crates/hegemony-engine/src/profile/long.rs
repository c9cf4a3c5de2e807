//! Profiles as one long table — one row per relation, year and measure —
//! for `hegemony profile | compare --format csv|parquet` and the
//! dashboard's downloads: `subordinate, dominant, year, measure, value, lo,
//! hi, coverage, basis, source`. Missing values stay empty (never 0); the
//! rank is a row of its own (`measure = rank`, `lo`–`hi` its interval under
//! random weights).

use super::{Coverage, Measure, Point, Profile};
use crate::{ColumnData, Table};

/// One point of one measure (or component) of one relation: a row of the
/// long table. The one walk every long table uses ([`long_table`] here,
/// `frames::profile::measures` with its extra columns for Python).
pub struct LongRow<'a> {
    /// The relation.
    pub profile: &'a Profile,
    /// The measure or component.
    pub measure: &'a Measure,
    /// The measure it is a component of, if any.
    pub parent: Option<&'static str>,
    /// Its point in the row's year.
    pub point: &'a Point,
}

/// The points of `profiles` (only `year`'s when given) in the order of the
/// profile's JSON: relation by relation, measure by measure with its
/// components after it (depth first), each over its years.
pub fn long_rows(profiles: &[Profile], year: Option<i32>) -> Vec<LongRow<'_>> {
    fn walk<'a>(
        p: &'a Profile,
        m: &'a Measure,
        parent: Option<&'static str>,
        year: Option<i32>,
        out: &mut Vec<LongRow<'a>>,
    ) {
        for point in m.series.iter().filter(|pt| year.is_none_or(|y| pt.year == y)) {
            out.push(LongRow { profile: p, measure: m, parent, point });
        }
        for c in &m.components {
            walk(p, c, Some(m.name), year, out);
        }
    }
    let mut out = Vec::new();
    for p in profiles {
        for m in &p.measures {
            walk(p, m, None, year, &mut out);
        }
    }
    out
}

/// The long table of `profiles`: every measure and component of each, in
/// the profile's order, for every year (or only `year`), then the ranks.
pub fn long_table(profiles: &[Profile], year: Option<i32>) -> Table {
    let mut rows = Rows::default();
    for r in long_rows(profiles, year) {
        let pt = r.point;
        rows.push(r.profile, pt.year, r.measure.name);
        rows.value.push(pt.value);
        rows.lo.push(pt.lo);
        rows.hi.push(pt.hi);
        rows.coverage.push(Some(coverage_word(pt.coverage).to_string()));
        rows.basis.push(pt.basis.map(|_| pt.marker_word().to_string()));
        rows.source.push(pt.source.clone());
    }
    for p in profiles {
        let years: Vec<i32> = match year {
            Some(y) => vec![y],
            None => (p.years.0..=p.years.1).collect(),
        };
        for y in years {
            let Some(r) = p.rank(y) else { continue };
            rows.push(p, y, "rank");
            rows.value.push(Some(r.sensitivity.rank as f64));
            rows.lo.push(Some(r.sensitivity.rank_best as f64));
            rows.hi.push(Some(r.sensitivity.rank_worst as f64));
            rows.coverage.push(Some("covered".into()));
            rows.basis.push(None);
            rows.source.push(Some(format!("rank of {} under random weights", r.of)));
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

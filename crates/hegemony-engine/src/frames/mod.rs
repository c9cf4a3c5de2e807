//! Result tables of the engine's typed views, one row per observation: what
//! the Python package returns as Arrow and the CLI writes as CSV or Parquet.
//! Each function names its columns in its docs; names follow the CLI's.
//!
//! [`states`] (the registry), [`profile`] (a profile's measures as a long
//! table, its phases, breaks, source changes and ranks; a comparison),
//! [`kb`] (a relation's facts and timeline), [`evidence`] (candidates,
//! documents, search hits, ingest results), [`rsc`] (a year's regional
//! security complexes, one row per state).

pub mod evidence;
pub mod kb;
pub mod profile;
pub mod rsc;
pub mod states;

use crate::table::ColumnData;

/// A whole-number column of `rows`.
pub(crate) fn ints<T>(rows: &[T], f: impl Fn(&T) -> Option<i64>) -> ColumnData {
    ColumnData::Int(rows.iter().map(f).collect())
}

/// A real-number column of `rows`.
pub(crate) fn floats<T>(rows: &[T], f: impl Fn(&T) -> Option<f64>) -> ColumnData {
    ColumnData::Float(rows.iter().map(f).collect())
}

/// A text column of `rows`.
pub(crate) fn texts<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> ColumnData {
    ColumnData::Text(rows.iter().map(f).collect())
}

/// Items joined with `"; "`, or `None` when there are none (a list in one cell).
pub(crate) fn joined<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Option<String> {
    let parts: Vec<String> = items.into_iter().map(|s| s.as_ref().to_string()).collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

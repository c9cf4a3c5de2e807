//! What loaders report: fatal errors for files that are not what they claim
//! to be, and per-row diagnostics for rows they could not take.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A file that cannot be read as the dataset it claims to be.
// The fields of each variant are the values its message names.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", file.display())]
    /// The file could not be read.
    Io { file: PathBuf, source: std::io::Error },
    #[error("{}: {reason}", file.display())]
    /// The file is not what it claims to be (not gzip, not CSV, …).
    BadFile { file: PathBuf, reason: String },
    #[error("{}: not the expected columns: missing {}; the file has {}", file.display(), missing.join(", "), found.join(", "))]
    /// The header lacks columns the loader needs.
    WrongColumns { file: PathBuf, missing: Vec<String>, found: Vec<String> },
    #[error("{}: no usable rows ({} rows refused; first: {})", file.display(), refused, first)]
    /// Every row was refused (`first`: the first refusal).
    NothingUsable { file: PathBuf, refused: u64, first: String },
}

impl LoadError {
    /// An I/O error on `file`.
    pub fn io(file: &Path, source: std::io::Error) -> LoadError {
        LoadError::Io { file: file.to_path_buf(), source }
    }
}

/// One row a loader refused or changed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file the row is in.
    pub file: PathBuf,
    /// 1-based line in the (decompressed) file.
    pub line: u64,
    /// The offending value, as written.
    pub value: String,
    /// Why the row was refused or changed.
    pub reason: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: '{}': {}", self.file.display(), self.line, self.value, self.reason)
    }
}

/// All diagnostics of a load, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    /// The diagnostics, in file order.
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one row: file, 1-based line, the value, why.
    pub fn push(&mut self, file: &Path, line: u64, value: impl Into<String>, reason: impl Into<String>) {
        self.items.push(Diagnostic { file: file.to_path_buf(), line, value: value.into(), reason: reason.into() });
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many rows were reported.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Counts by reason, for a one-screen summary.
    pub fn summary(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for d in &self.items {
            *m.entry(d.reason.as_str()).or_default() += 1;
        }
        m
    }

    /// Appends another load's diagnostics.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

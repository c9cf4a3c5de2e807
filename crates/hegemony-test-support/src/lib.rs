//! Test support shared by the real-data tests of every crate: where the shared datasets and
//! documents are.
//!
//! A real-data test is `#[ignore = "real data: needs ../shared/data"]` (or `../shared/documents`):
//! CI runs it on purpose with `--ignored`, so it must never skip itself. Each function here
//! panics with the path it looked at and how to fix it when the data is not there.
//!
//! Where: `$HEGEMONY_SHARED_DATA` (the `data` folder), else `../shared/data` beside the clone of
//! the repository; the documents are the `documents` folder beside that `data` folder.
//!
//! A dev-dependency only (`.ci/check-layers.py` refuses it anywhere else); it depends on no crate.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

/// The environment variable naming the shared `data` folder.
pub const ENV_SHARED_DATA: &str = "HEGEMONY_SHARED_DATA";

/// The shared `data` folder, after checking that `marker` (a file the test needs, e.g.
/// `unvotes_un_votes.csv.gz`) is in it; panics otherwise.
pub fn shared_data(marker: &str) -> PathBuf {
    let dir = data_dir();
    require(&dir, marker, "data");
    dir
}

/// The shared `documents` folder, after checking that `marker` (a document the test needs) is in
/// it; panics otherwise.
pub fn shared_documents(marker: &str) -> PathBuf {
    let dir = data_dir().join("..").join("documents");
    require(&dir, marker, "documents");
    dir
}

/// The SHA-256 that the shared data folder's `SOURCES.tsv` records for `file`; panics when the
/// table or the file's row is missing.
pub fn recorded_sha256(data: &Path, file: &str) -> String {
    let path = data.join("SOURCES.tsv");
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().expect("SOURCES.tsv has a header").split('\t').collect();
    let col = header.iter().position(|h| *h == "sha256").expect("SOURCES.tsv has a sha256 column");
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.first() == Some(&file))
        .and_then(|f| f.get(col).map(|s| s.to_string()))
        .unwrap_or_else(|| panic!("{file} is not listed in {}", path.display()))
}

/// `$HEGEMONY_SHARED_DATA` if set and not empty, else `../shared/data` beside the clone.
fn data_dir() -> PathBuf {
    std::env::var_os(ENV_SHARED_DATA)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        // This crate sits in crates/hegemony-test-support, like every crate of the workspace.
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")))
}

fn require(dir: &Path, marker: &str, what: &str) {
    assert!(
        dir.join(marker).exists(),
        "real-data test: {marker} not found in the shared {what} folder {} (set {ENV_SHARED_DATA} to the \
         shared data folder, or put shared/ beside the clone); a real-data test fails rather than skips",
        dir.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_panics_with_the_path() {
        let err = std::panic::catch_unwind(|| require(Path::new("/nonexistent"), "x.csv", "data")).unwrap_err();
        let msg = err.downcast_ref::<String>().expect("a formatted message");
        assert!(msg.contains("/nonexistent") && msg.contains("x.csv") && msg.contains(ENV_SHARED_DATA), "{msg}");
    }
}

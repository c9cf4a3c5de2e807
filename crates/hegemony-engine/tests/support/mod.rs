//! What the real-data tests share: where ../shared/data is.

use std::path::PathBuf;

/// `$HEGEMONY_SHARED_DATA`, else `../shared/data` beside the clone; panics
/// (the test fails, it is never skipped) when `marker` is not there.
pub fn shared_data(marker: &str) -> PathBuf {
    let dir = std::env::var_os("HEGEMONY_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join("data"));
    assert!(dir.join(marker).exists(), "real data not found in {} (set HEGEMONY_SHARED_DATA)", dir.display());
    dir
}

//! The provenance sidecar `NAME.source.json` written next to each fetched file.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::SIDECAR_SUFFIX;
use super::atomic::{append_suffix, sync_parent_dir};
use super::catalog::CatalogEntry;
use super::checksum::Checksum;
use super::error::FetchError;
use super::options::FetchReport;
use super::release::{RemoteFile, VersionInfo};

/// Provenance record stored as `NAME.source.json` next to a fetched file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The catalogue name (`unvotes`).
    pub dataset: String,
    /// The dataset's title.
    pub title: String,
    /// How to cite it.
    pub citation: String,
    /// Its persistent id (handle or DOI).
    pub persistent_id: String,
    /// The dataset version fetched (`33.0`).
    pub dataset_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// When that version was published, as the server gave it.
    pub release_time: Option<String>,
    /// The file's id in the release, where the repository has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_id: Option<u64>,
    /// The file's name in the release; the local name is this record's own name minus `.source.json`.
    pub remote_file_name: String,
    /// Where the bytes came from.
    pub url: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The checksum the repository published for the file, verified at download.
    pub checksum: Option<Checksum>,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// UTC, RFC 3339.
    pub fetched_at: String,
    /// The program that fetched it (`hegemony-data 0.1.0`).
    pub fetched_by: String,
}

impl SourceRecord {
    /// Path of the record for data file `data_file`.
    pub fn path_for(data_file: &Path) -> PathBuf {
        append_suffix(data_file, SIDECAR_SUFFIX)
    }

    /// Reads the record stored next to `data_file`.
    pub fn read_for(data_file: &Path) -> Result<SourceRecord, FetchError> {
        let path = SourceRecord::path_for(data_file);
        let text = fs::read(&path).map_err(|e| FetchError::io("read", &path, e))?;
        serde_json::from_slice(&text).map_err(|e| FetchError::BadSidecar { path: path.clone(), reason: e.to_string() })
    }
}

pub(super) fn write_sidecar(
    entry: &CatalogEntry,
    version: &VersionInfo,
    file: &RemoteFile,
    report: &FetchReport,
) -> Result<(), FetchError> {
    let record = SourceRecord {
        dataset: entry.name.to_string(),
        title: entry.title.to_string(),
        citation: entry.citation.to_string(),
        persistent_id: entry.persistent_id.to_string(),
        dataset_version: version.label.clone(),
        release_time: version.release_time.clone(),
        file_id: file.id,
        remote_file_name: file.name.clone(),
        url: report.url.clone(),
        bytes: report.bytes,
        checksum: file.checksum.clone(),
        sha256: report.sha256.clone(),
        fetched_at: rfc3339_utc(SystemTime::now()),
        fetched_by: concat!("hegemony-data ", env!("CARGO_PKG_VERSION")).to_string(),
    };
    let mut json = serde_json::to_vec_pretty(&record).expect("a SourceRecord always serialises");
    json.push(b'\n');
    // Same discipline as the data: write aside, sync, rename.
    let tmp = append_suffix(&report.sidecar, ".tmp");
    let mut f = File::create(&tmp).map_err(|e| FetchError::io("create", &tmp, e))?;
    f.write_all(&json).and_then(|_| f.sync_all()).map_err(|e| FetchError::io("write", &tmp, e))?;
    drop(f);
    fs::rename(&tmp, &report.sidecar).map_err(|e| FetchError::io("rename into place", &report.sidecar, e))?;
    sync_parent_dir(&report.sidecar);
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SSZ` without a date library (days-to-civil from Howard Hinnant's algorithms).
fn rfc3339_utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(rfc3339_utc(UNIX_EPOCH + Duration::from_secs(1_709_210_096)), "2024-02-29T12:34:56Z");
    }
}

//! The UN Digital Library (digitallibrary.un.org): the General Assembly voting data is record
//! 4060887, whose files are `/record/4060887/files/NAME` (one dated CSV per release, e.g.
//! `2025_7_23_ga_voting.csv`; the record keeps older releases, and the Library's README cites the
//! record as the place to download from).
//!
//! The files of a record are listed by `GET /api/v1/file?recid=4060887`, a JSON array of
//! `{name, format, size?, checksum?, url?}` (the Library's search engine's file API; its shape is
//! not documented by the Library, so anything else is refused with the advice to name the file
//! with `--file`, which skips the listing). The newest `*_ga_voting.csv` is taken.
//!
//! The listing gives a size, and sometimes an MD5: the download is verified against what it gives
//! (at least the size when it gives one) and its SHA-256 always recorded. The Library's terms of
//! use ask for its approval of automated downloads: the catalogue entry says so, and `fetch`
//! shows it before downloading.

use serde::Deserialize;

use super::catalog::CatalogEntry;
use super::checksum::{Checksum, ChecksumAlgorithm};
use super::error::FetchError;
use super::http::get_metadata;
use super::options::{FetchOptions, Progress};
use super::release::{Release, RemoteFile, Several, VersionInfo, leading_date, select_file};

/// Where the UN Digital Library is, unless overridden.
pub const DEFAULT_UNDL_URL: &str = "https://digitallibrary.un.org";
/// Environment variable overriding the UN Digital Library's base URL (tests point it at 127.0.0.1).
pub const ENV_UNDL_URL: &str = "HEGEMONY_UNDL_URL";

/// One entry of the file listing; fields beyond these are ignored.
#[derive(Deserialize)]
struct FileJson {
    name: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    size: Option<serde_json::Value>,
    #[serde(default)]
    checksum: Option<String>,
}

/// The file `--file` names (without listing the record), else the newest matching file of the
/// listing, or of the release `--version` names by its date (`2025-07-23`).
pub(super) fn release(
    agent: &ureq::Agent,
    base: &str,
    entry: &CatalogEntry,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<Release, FetchError> {
    let recid = entry.persistent_id;
    let version = match &opts.file_name {
        Some(name) => VersionInfo { label: label_of(name), release_time: None, files: vec![RemoteFile::named(name)] },
        None => list(agent, base, recid, opts.dataset_version.as_deref(), progress)?,
    };
    let file = select_file(entry, &version, opts.file_name.as_deref(), Several::Newest)?;
    let url = format!("{base}/record/{recid}/files/{}", file.name);
    Ok(Release { version: VersionInfo { label: label_of(&file.name), ..version }, file, url })
}

/// The record's files, or those of one release date.
fn list(
    agent: &ureq::Agent,
    base: &str,
    recid: &str,
    date: Option<&str>,
    progress: &mut dyn Progress,
) -> Result<VersionInfo, FetchError> {
    let url = format!("{base}/api/v1/file?recid={recid}");
    let bytes = get_metadata(agent, &url)?;
    let listed: Vec<FileJson> = serde_json::from_slice(&bytes).map_err(|e| FetchError::BadApiResponse {
        url: url.clone(),
        reason: format!(
            "not the file list expected ({e}); name the file instead: --file NAME, as the record page \
             {base}/record/{recid} lists it"
        ),
    })?;
    let wanted = match date {
        None => None,
        Some(d) => {
            Some(crate::catalog::undl_file_date(&d.replace('-', "_")).ok_or_else(|| FetchError::BadApiResponse {
                url: url.clone(),
                reason: format!("--version {d:?} is not a release date (YYYY-MM-DD)"),
            })?)
        }
    };
    let mut files = Vec::new();
    for f in listed {
        let file = remote_file(f, progress);
        if wanted.is_none_or(|w| leading_date(&file.name) == Some(w)) {
            files.push(file);
        }
    }
    Ok(VersionInfo { label: date.unwrap_or("latest").to_string(), release_time: None, files })
}

fn remote_file(f: FileJson, progress: &mut dyn Progress) -> RemoteFile {
    let format = f.format.map(|x| if x.starts_with('.') || x.is_empty() { x } else { format!(".{x}") });
    let name = match format {
        Some(ext) if !f.name.ends_with(&ext) => format!("{}{ext}", f.name),
        _ => f.name,
    };
    let size = match f.size {
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    let checksum = f.checksum.and_then(|c| {
        let hex = c.trim().trim_start_matches("md5:").to_ascii_lowercase();
        let md5 = hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        if !md5 && !hex.is_empty() {
            progress.message(&format!("{name}: checksum {c:?} is not an MD5; only the size is verified"));
        }
        md5.then_some(Checksum { algorithm: ChecksumAlgorithm::Md5, value: hex })
    });
    RemoteFile { size, checksum, ..RemoteFile::named(&name) }
}

/// The release a file belongs to, by the date its name begins with (`2025-07-23`).
fn label_of(name: &str) -> String {
    match leading_date(name) {
        Some((y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
        None => "undated".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::NoProgress;

    #[test]
    fn listing_entries_become_files() {
        let f: FileJson = serde_json::from_str(
            r#"{"name":"2025_7_23_ga_voting","format":".csv","size":"1234","checksum":"md5:0123456789ABCDEF0123456789abcdef"}"#,
        )
        .unwrap();
        let r = remote_file(f, &mut NoProgress);
        assert_eq!((r.name.as_str(), r.size), ("2025_7_23_ga_voting.csv", Some(1234)));
        assert_eq!(r.checksum.unwrap().value, "0123456789abcdef0123456789abcdef");
        let f: FileJson = serde_json::from_str(r#"{"name":"readme.md","format":"md","size":5}"#).unwrap();
        let r = remote_file(f, &mut NoProgress);
        assert_eq!((r.name.as_str(), r.size, r.checksum), ("readme.md", Some(5), None));
        assert_eq!(label_of("2025_7_23_ga_voting.csv"), "2025-07-23");
        assert_eq!(label_of("votes.csv"), "undated");
    }
}

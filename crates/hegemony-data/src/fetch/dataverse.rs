//! The Dataverse native API: a dataset version's file list, and the one file the catalogue's patterns pick.

use serde::Deserialize;

use super::MAX_METADATA_BYTES;
use super::catalog::CatalogEntry;
use super::checksum::{Checksum, ChecksumAlgorithm};
use super::error::FetchError;
use super::http::error_detail;
use super::{PART_SUFFIX, SIDECAR_SUFFIX};

/// One published version of a dataset, reduced to what we use.
#[derive(Debug, Clone)]
pub(super) struct VersionInfo {
    pub(super) label: String,
    pub(super) release_time: Option<String>,
    pub(super) files: Vec<RemoteFile>,
}

#[derive(Debug, Clone)]
pub(super) struct RemoteFile {
    pub(super) id: u64,
    /// Name of the bytes we download (for ingested tabular files: the original upload's name).
    pub(super) name: String,
    pub(super) size: Option<u64>,
    pub(super) checksum: Option<Checksum>,
    /// Checksum type we could not use; an error only if this file is chosen.
    pub(super) unsupported_checksum: Option<String>,
    pub(super) original_format: bool,
    pub(super) selected_by: String,
    pub(super) local_name: String,
}

#[derive(Deserialize)]
struct ApiEnvelope<T> {
    status: Option<String>,
    message: Option<String>,
    data: Option<T>,
}

#[derive(Deserialize)]
struct DatasetJson {
    #[serde(rename = "latestVersion")]
    latest_version: Option<VersionJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VersionJson {
    version_number: Option<u64>,
    version_minor_number: Option<u64>,
    release_time: Option<String>,
    #[serde(default)]
    files: Vec<FileMetadataJson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FileMetadataJson {
    label: Option<String>,
    data_file: DataFileJson,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DataFileJson {
    id: u64,
    filename: Option<String>,
    filesize: Option<u64>,
    md5: Option<String>,
    checksum: Option<ChecksumJson>,
    original_file_name: Option<String>,
    original_file_size: Option<u64>,
    original_file_format: Option<String>,
    tabular_data: Option<bool>,
}

#[derive(Deserialize)]
struct ChecksumJson {
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

pub(super) fn fetch_version(
    agent: &ureq::Agent,
    base: &str,
    entry: &CatalogEntry,
    version: Option<&str>,
) -> Result<VersionInfo, FetchError> {
    let pid = entry.persistent_id;
    let url = match version {
        None => format!("{base}/api/datasets/:persistentId/?persistentId={pid}"),
        Some(v) => format!("{base}/api/datasets/:persistentId/versions/{v}?persistentId={pid}"),
    };
    let mut resp = agent.get(&url).call().map_err(|source| FetchError::Network { url: url.clone(), source })?;
    let status = resp.status();
    if !status.is_success() {
        let detail = error_detail(status, resp.body_mut());
        return Err(FetchError::Http { url, status: status.as_u16(), detail });
    }
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(MAX_METADATA_BYTES)
        .read_to_vec()
        .map_err(|source| FetchError::Network { url: url.clone(), source })?;
    let bad = |reason: String| FetchError::BadApiResponse { url: url.clone(), reason };
    let version_json = if version.is_none() {
        let env: ApiEnvelope<DatasetJson> = parse_envelope(&bytes).map_err(bad)?;
        env.data
            .and_then(|d| d.latest_version)
            .ok_or_else(|| FetchError::BadApiResponse { url: url.clone(), reason: "no data.latestVersion".into() })?
    } else {
        let env: ApiEnvelope<VersionJson> = parse_envelope(&bytes).map_err(bad)?;
        env.data.ok_or_else(|| FetchError::BadApiResponse { url: url.clone(), reason: "no data".into() })?
    };
    Ok(convert_version(version_json, version))
}

fn parse_envelope<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<ApiEnvelope<T>, String> {
    let env: ApiEnvelope<T> = serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    match env.status.as_deref() {
        Some("OK") => Ok(env),
        other => Err(format!(
            "status {:?}{}",
            other.unwrap_or("(missing)"),
            env.message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
        )),
    }
}

fn convert_version(v: VersionJson, requested: Option<&str>) -> VersionInfo {
    let label = match (v.version_number, v.version_minor_number) {
        (Some(major), Some(minor)) => format!("{major}.{minor}"),
        (Some(major), None) => format!("{major}.0"),
        _ => requested.unwrap_or("(unnumbered draft)").to_string(),
    };
    let files = v
        .files
        .into_iter()
        .map(|fm| {
            let df = fm.data_file;
            // Ingested tabular file: Dataverse serves a generated `.tab` by default, but its size and
            // checksum fields describe the original upload, so that is what we fetch.
            let original_format =
                df.tabular_data == Some(true) || df.original_file_name.is_some() || df.original_file_format.is_some();
            let name = if original_format { df.original_file_name.clone() } else { None }
                .or(df.filename.clone())
                .or(fm.label.clone())
                .unwrap_or_else(|| format!("datafile-{}", df.id));
            let size = if original_format { df.original_file_size } else { df.filesize };
            let (checksum, unsupported_checksum) = match (df.checksum, df.md5) {
                (Some(c), _) => match ChecksumAlgorithm::parse(&c.kind) {
                    Some(algorithm) => (Some(Checksum { algorithm, value: c.value.to_ascii_lowercase() }), None),
                    None => (None, Some(c.kind)),
                },
                (None, Some(md5)) => {
                    (Some(Checksum { algorithm: ChecksumAlgorithm::Md5, value: md5.to_ascii_lowercase() }), None)
                }
                (None, None) => (None, None),
            };
            RemoteFile {
                id: df.id,
                name,
                size,
                checksum,
                unsupported_checksum,
                original_format,
                selected_by: String::new(),
                local_name: String::new(),
            }
        })
        .collect();
    VersionInfo { label, release_time: v.release_time, files }
}

pub(super) fn select_file(
    entry: &CatalogEntry,
    version: &VersionInfo,
    exact: Option<&str>,
) -> Result<RemoteFile, FetchError> {
    let available: Vec<String> = version.files.iter().map(|f| f.name.clone()).collect();
    let mut chosen = if let Some(name) = exact {
        let found = version.files.iter().find(|f| f.name == name).cloned();
        let mut file = found.ok_or_else(|| FetchError::FileNotInRelease {
            dataset: entry.name.to_string(),
            version: version.label.clone(),
            name: name.to_string(),
            available: available.clone(),
        })?;
        file.selected_by = "named with --file".to_string();
        file.local_name = file.name.clone();
        file
    } else {
        let mut picked = None;
        for pattern in entry.file_patterns {
            let matches: Vec<&RemoteFile> =
                version.files.iter().filter(|f| glob_match(pattern.glob, &f.name)).collect();
            match matches.as_slice() {
                [] => continue,
                [one] => {
                    let mut file = (*one).clone();
                    file.selected_by = format!("matched {}", pattern.glob);
                    file.local_name = pattern.local_name.to_string();
                    picked = Some(file);
                    break;
                }
                many => {
                    return Err(FetchError::AmbiguousFile {
                        dataset: entry.name.to_string(),
                        version: version.label.clone(),
                        pattern: pattern.glob.to_string(),
                        candidates: many.iter().map(|f| f.name.clone()).collect(),
                    });
                }
            }
        }
        picked.ok_or_else(|| FetchError::NoMatchingFile {
            dataset: entry.name.to_string(),
            version: version.label.clone(),
            patterns: entry.file_patterns.iter().map(|p| p.glob.to_string()).collect(),
            available,
        })?
    };
    if !is_plain_file_name(&chosen.local_name) {
        return Err(FetchError::UnsafeFileName { name: chosen.local_name });
    }
    if let Some(kind) = chosen.unsupported_checksum.take() {
        return Err(FetchError::UnsupportedChecksum { file: chosen.name, kind });
    }
    Ok(chosen)
}

/// Case-insensitive glob with `*` (any run) and `?` (one character).
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let n: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    // Iterative matcher with one backtrack point: linear in practice, no recursion.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// A name from the server becomes a path component: no separators, no `..`, nothing hidden or odd.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.chars().any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
        && !name.ends_with(PART_SUFFIX)
        && !name.ends_with(SIDECAR_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_is_case_insensitive_and_anchored() {
        assert!(glob_match("UNVotes*.csv", "UNVotes-1.csv"));
        assert!(glob_match("UNVotes*.csv", "unvotes.CSV"));
        assert!(!glob_match("UNVotes*.csv", "UNVotes-1.RData"));
        assert!(!glob_match("UNVotes*.csv", "UNVotes-1.csv.gz"));
        assert!(!glob_match("UNVotes*.csv", "old_UNVotes.csv"));
        assert!(glob_match("a?c*", "abcdef"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b*c", "aXbY"));
    }

    #[test]
    fn plain_file_names_only() {
        assert!(is_plain_file_name("UNVotes-1.csv"));
        for bad in ["", "../x.csv", "a/b.csv", "a\\b.csv", ".hidden", "x.csv.part", "C:x", "x.source.json"] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn tabular_files_are_fetched_as_original() {
        let json = r#"{"files":[{"label":"UNVotes.tab","dataFile":{"id":7,"filename":"UNVotes.tab",
            "filesize":10,"originalFileName":"UNVotes.csv","originalFileSize":20,"tabularData":true,
            "checksum":{"type":"MD5","value":"ABC"}}}],"versionNumber":33,"versionMinorNumber":0}"#;
        let v: VersionJson = serde_json::from_str(json).unwrap();
        let info = convert_version(v, None);
        assert_eq!(info.label, "33.0");
        let f = &info.files[0];
        assert_eq!((f.name.as_str(), f.size, f.original_format), ("UNVotes.csv", Some(20), true));
        assert_eq!(f.checksum.as_ref().unwrap().value, "abc");
    }
}

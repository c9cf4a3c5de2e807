//! The Dataverse native API: a dataset version's file list (`GET /api/datasets/:persistentId/…`).

use serde::Deserialize;

use super::catalog::CatalogEntry;
use super::checksum::{Checksum, ChecksumAlgorithm};
use super::error::FetchError;
use super::http::get_metadata;
use super::options::FetchOptions;
use super::release::{Release, RemoteFile, Several, VersionInfo, select_file};

/// Where the official releases are, unless overridden.
pub const DEFAULT_DATAVERSE_URL: &str = "https://dataverse.harvard.edu";
/// Environment variable overriding the Dataverse base URL (tests point it at 127.0.0.1).
pub const ENV_DATAVERSE_URL: &str = "HEGEMONY_DATAVERSE_URL";

/// The version asked for (else the latest), the file the catalogue picks in it, and its data access URL.
pub(super) fn release(
    agent: &ureq::Agent,
    base: &str,
    entry: &CatalogEntry,
    opts: &FetchOptions,
) -> Result<Release, FetchError> {
    let version = fetch_version(agent, base, entry, opts.dataset_version.as_deref())?;
    let file = select_file(entry, &version, opts.file_name.as_deref(), Several::Ambiguous)?;
    let id = file.id.expect("Dataverse lists every file with its id");
    // Ingested tabular files: the original upload, whose size and checksum the metadata gives.
    let url = if file.original_format {
        format!("{base}/api/access/datafile/{id}?format=original")
    } else {
        format!("{base}/api/access/datafile/{id}")
    };
    Ok(Release { version, file, url })
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

fn fetch_version(
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
    let bytes = get_metadata(agent, &url)?;
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
                id: Some(df.id),
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

#[cfg(test)]
mod tests {
    use super::*;

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

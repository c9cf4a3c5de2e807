//! `hegemony data fetch NAME`: download an official release of a dataset from a Dataverse installation.
//!
//! Design (Dataverse native API and data access API, guides.dataverse.org):
//! 1. `GET {base}/api/datasets/:persistentId/?persistentId=PID` gives the latest published version and its
//!    files (id, name, size, checksum). A fixed version uses `…/versions/{v}?persistentId=PID` instead.
//! 2. The catalog's filename patterns pick the file (the names change between releases); it is stored
//!    under the catalog's stable local name (e.g. `UNVotes.csv`) directly in the data directory, where
//!    the loaders look for it.
//! 3. `GET {base}/api/access/datafile/{id}` streams the bytes into `NAME.part`, resuming an existing
//!    `.part` with `Range: bytes=N-`. Ingested tabular files are fetched with `?format=original`, because
//!    Dataverse's recorded size and checksum are those of the original upload, not of its `.tab` rendering.
//! 4. The `.part` is checked against the size and checksum the API gave, fsynced, and renamed to `NAME`;
//!    then `NAME.source.json` records where it came from. A `.part` file is never data.
//!
//! Progress goes through the [`Progress`] trait, so this crate needs no terminal library.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use ureq::http::{HeaderMap, StatusCode};

/// Where the official releases are, unless overridden.
pub const DEFAULT_DATAVERSE_URL: &str = "https://dataverse.harvard.edu";
/// Environment variable overriding the Dataverse base URL (tests point it at 127.0.0.1).
pub const ENV_DATAVERSE_URL: &str = "HEGEMONY_DATAVERSE_URL";
/// Suffix of an unfinished download. Such a file is never read as data.
pub const PART_SUFFIX: &str = ".part";
/// Suffix of the provenance record written next to each downloaded file.
pub const SIDECAR_SUFFIX: &str = ".source.json";

/// Largest metadata JSON we accept (the biggest Dataverse dataset listings are a few MB).
const MAX_METADATA_BYTES: u64 = 64 << 20;
const COPY_BUFFER: usize = 64 << 10;

// ---------------------------------------------------------------------------------------------------------
// Catalog

/// A dataset that `hegemony data fetch` knows how to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The name users type: `hegemony data fetch unvotes`.
    pub name: &'static str,
    pub title: &'static str,
    /// How to cite the dataset.
    pub citation: &'static str,
    /// Dataverse persistent id of the dataset (handle or DOI).
    pub persistent_id: &'static str,
    /// Tried in order; the first pattern that matches exactly one file wins.
    pub file_patterns: &'static [FilePattern],
}

/// How to recognise a release file and what to call it locally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePattern {
    /// Case-insensitive glob (`*`, `?`) on the file name in the release (for ingested tabular files, the
    /// name of the original upload).
    pub glob: &'static str,
    /// Name in the data directory, stable across releases so the loaders find it
    /// (`catalog::find_voeten` looks for `UNVotes.csv`).
    pub local_name: &'static str,
}

static CATALOG: &[CatalogEntry] = &[CatalogEntry {
    name: "unvotes",
    title: "United Nations General Assembly Voting Data (roll-call votes)",
    citation: "Erik Voeten, Anton Strezhnev and Michael Bailey, United Nations General Assembly Voting Data, \
               Harvard Dataverse, hdl:1902.1/12379",
    persistent_id: "hdl:1902.1/12379",
    // The votes file has been `UNVotes.csv`, `UNVotes-1.csv`, … across releases; the loaders read CSV.
    file_patterns: &[
        FilePattern { glob: "UNVotes*.csv", local_name: "UNVotes.csv" },
        FilePattern { glob: "UNVotes*.csv.gz", local_name: "UNVotes.csv.gz" },
    ],
}];

/// All datasets `fetch` knows.
pub fn catalog() -> &'static [CatalogEntry] {
    CATALOG
}

/// The catalog entry called `name` (case-insensitive).
pub fn catalog_entry(name: &str) -> Option<&'static CatalogEntry> {
    CATALOG.iter().find(|e| e.name.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------------------------------------
// Options, progress, report

/// How to fetch. `Default` is what the CLI wants for a real download.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Dataverse base URL. `None`: env `HEGEMONY_DATAVERSE_URL`, else [`DEFAULT_DATAVERSE_URL`].
    pub base_url: Option<String>,
    /// A dataset version such as `"33.0"`. `None`: the latest published version.
    pub dataset_version: Option<String>,
    /// Take the release file with this exact name instead of applying the catalog's patterns; it is
    /// stored under that same name.
    pub file_name: Option<String>,
    /// Download again even if a verified copy is already there.
    pub force: bool,
    /// How many times one call resumes after a dropped connection before giving up.
    pub retries: u32,
    /// Pause before each resume.
    pub retry_delay: Duration,
    pub connect_timeout: Duration,
    /// Longest wait for any single read from the network.
    pub read_timeout: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            base_url: None,
            dataset_version: None,
            file_name: None,
            force: false,
            retries: 3,
            retry_delay: Duration::from_secs(2),
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(60),
        }
    }
}

/// Download progress, implemented by the CLI (e.g. with indicatif).
pub trait Progress {
    /// A transfer starts; `total` is the full file size when known.
    fn start(&mut self, total: Option<u64>);
    /// `n` more bytes are on disk (a resumed transfer first advances by the size already there).
    fn advance(&mut self, n: u64);
    /// The transfer ended, successfully or not.
    fn finish(&mut self);
    /// A human-readable note: the file chosen, a resume, a restart, verification.
    fn message(&mut self, _msg: &str) {}
}

/// A [`Progress`] that shows nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&mut self, _total: Option<u64>) {}
    fn advance(&mut self, _n: u64) {}
    fn finish(&mut self) {}
}

/// A checksum algorithm Dataverse may report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecksumAlgorithm {
    #[serde(rename = "MD5")]
    Md5,
    #[serde(rename = "SHA-1")]
    Sha1,
    #[serde(rename = "SHA-256")]
    Sha256,
    #[serde(rename = "SHA-512")]
    Sha512,
}

impl ChecksumAlgorithm {
    /// Parses Dataverse's `checksum.type` (`MD5`, `SHA-1`, `SHA-256`, `SHA-512`; case and dash optional).
    pub fn parse(s: &str) -> Option<ChecksumAlgorithm> {
        let norm: String = s.chars().filter(|c| *c != '-' && *c != '_').collect::<String>().to_ascii_uppercase();
        match norm.as_str() {
            "MD5" => Some(ChecksumAlgorithm::Md5),
            "SHA1" => Some(ChecksumAlgorithm::Sha1),
            "SHA256" => Some(ChecksumAlgorithm::Sha256),
            "SHA512" => Some(ChecksumAlgorithm::Sha512),
            _ => None,
        }
    }
}

impl fmt::Display for ChecksumAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChecksumAlgorithm::Md5 => "MD5",
            ChecksumAlgorithm::Sha1 => "SHA-1",
            ChecksumAlgorithm::Sha256 => "SHA-256",
            ChecksumAlgorithm::Sha512 => "SHA-512",
        })
    }
}

/// A checksum: algorithm and lowercase hex value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checksum {
    #[serde(rename = "type")]
    pub algorithm: ChecksumAlgorithm,
    pub value: String,
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.algorithm, self.value)
    }
}

/// What a fetch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// Downloaded and verified. `resumed_from` is the `.part` size the first request continued from;
    /// `restarts` counts transfers begun again from byte 0 (server ignored Range, or a resumed file
    /// failed its checksum).
    Downloaded { resumed_from: Option<u64>, restarts: u32 },
    /// A verified copy of the same release file was already there; nothing was downloaded.
    AlreadyPresent,
}

/// The result of a successful [`fetch`].
#[derive(Debug, Clone)]
pub struct FetchReport {
    pub dataset: &'static str,
    pub persistent_id: &'static str,
    /// Dataset version as Dataverse numbers it, e.g. `"33.0"`.
    pub dataset_version: String,
    pub file_id: u64,
    /// The file's name in the release (the original upload name for ingested tabular files).
    pub remote_file_name: String,
    /// Why this file: the pattern it matched, or `--file`.
    pub selected_by: String,
    /// Every file in the release, for the user to see what else there was.
    pub available: Vec<String>,
    /// The data file, `DATA_DIR/LOCAL_NAME` (e.g. `DATA_DIR/UNVotes.csv`).
    pub path: PathBuf,
    /// Its provenance record, `path` + `.source.json`.
    pub sidecar: PathBuf,
    /// The data access URL (without any redirect).
    pub url: String,
    pub bytes: u64,
    /// The checksum from Dataverse that the file was verified against (`None`: Dataverse gave none,
    /// so only the size was checked).
    pub verified_checksum: Option<Checksum>,
    /// SHA-256 of the file, always computed.
    pub sha256: String,
    pub outcome: FetchOutcome,
}

/// Provenance record stored as `NAME.source.json` next to a fetched file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub dataset: String,
    pub title: String,
    pub citation: String,
    pub persistent_id: String,
    pub dataset_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_time: Option<String>,
    pub file_id: u64,
    /// The file's name in the release; the local name is this record's own name minus `.source.json`.
    pub remote_file_name: String,
    pub url: String,
    pub bytes: u64,
    /// The checksum Dataverse published for the file, verified at download.
    pub checksum: Option<Checksum>,
    pub sha256: String,
    /// UTC, RFC 3339.
    pub fetched_at: String,
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

/// Whether `path` is an unfinished download, which must never be read as data.
pub fn is_partial_download(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(PART_SUFFIX))
}

// ---------------------------------------------------------------------------------------------------------
// Errors

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("unknown dataset {name:?}; known: {known}")]
    UnknownDataset { name: String, known: String },
    #[error("bad Dataverse URL {url:?}: {reason}")]
    BadBaseUrl { url: String, reason: String },
    #[error("HTTP {status} from {url}{}", detail_suffix(.detail))]
    Http { url: String, status: u16, detail: String },
    #[error("cannot reach {url}: {source}")]
    Network {
        url: String,
        #[source]
        source: ureq::Error,
    },
    #[error(
        "connection dropped after {received} of {} bytes from {url} ({reason}); the partial download is kept \
         in {} and the next fetch resumes from it",
        .expected.map_or_else(|| "?".to_string(), |n| n.to_string()), .part.display()
    )]
    ConnectionDropped { url: String, received: u64, expected: Option<u64>, part: PathBuf, reason: String },
    #[error(
        "{url} answered a request for bytes {asked}- with {answer}; the partial download was discarded, \
         the next fetch starts from byte 0"
    )]
    UnexpectedRange { url: String, asked: u64, answer: String },
    #[error(
        "{url} announced {announced} bytes but the Dataverse metadata says the file has {expected}; \
         nothing was kept"
    )]
    ServerSizeMismatch { url: String, expected: u64, announced: u64 },
    #[error("unexpected answer from the Dataverse API at {url}: {reason}")]
    BadApiResponse { url: String, reason: String },
    #[error(
        "no file in {dataset} version {version} matches {}; the release has: {} \
         (an older release may still have it: ask for a fixed dataset version, or name a file)",
        .patterns.join(", "), list_or_none(.available)
    )]
    NoMatchingFile { dataset: String, version: String, patterns: Vec<String>, available: Vec<String> },
    #[error(
        "several files in {dataset} version {version} match {pattern}: {}; choose one with --file NAME",
        .candidates.join(", ")
    )]
    AmbiguousFile { dataset: String, version: String, pattern: String, candidates: Vec<String> },
    #[error("no file named {name:?} in {dataset} version {version}; the release has: {}", list_or_none(.available))]
    FileNotInRelease { dataset: String, version: String, name: String, available: Vec<String> },
    #[error("refusing to write a file named {name:?} from the server: not a plain file name")]
    UnsafeFileName { name: String },
    #[error("Dataverse reports an unsupported checksum type {kind:?} for {file}")]
    UnsupportedChecksum { file: String, kind: String },
    #[error("size mismatch for {}: expected {expected} bytes, got {actual}; the download was discarded", .path.display())]
    SizeMismatch { path: PathBuf, expected: u64, actual: u64 },
    #[error(
        "checksum mismatch for {}: Dataverse says {algorithm} {expected}, the download has {actual}; \
         the download was discarded",
        .path.display()
    )]
    ChecksumMismatch { path: PathBuf, algorithm: ChecksumAlgorithm, expected: String, actual: String },
    #[error("cannot parse {}: {reason}", .path.display())]
    BadSidecar { path: PathBuf, reason: String },
    #[error("cannot {op} {}: {source}", .path.display())]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl FetchError {
    /// Whether running the same fetch again can be expected to make progress by itself
    /// (a dropped or refused connection, a timeout, a server-side hiccup).
    pub fn is_resumable(&self) -> bool {
        match self {
            FetchError::ConnectionDropped { .. } | FetchError::UnexpectedRange { .. } => true,
            FetchError::Network { source, .. } => !matches!(source, ureq::Error::BadUri(_)),
            FetchError::Http { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }

    fn io(op: &'static str, path: &Path, source: io::Error) -> FetchError {
        FetchError::Io { op, path: path.to_path_buf(), source }
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(": {detail}") }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() { "(no files)".to_string() } else { names.join(", ") }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

/// The Dataverse base URL: the option, else env `HEGEMONY_DATAVERSE_URL`, else [`DEFAULT_DATAVERSE_URL`].
/// Trailing slashes are removed.
pub fn resolve_base_url(option: Option<&str>, env_value: Option<&str>) -> String {
    let chosen = [option, env_value].into_iter().flatten().map(str::trim).find(|s| !s.is_empty());
    chosen.unwrap_or(DEFAULT_DATAVERSE_URL).trim_end_matches('/').to_string()
}

/// Downloads dataset `dataset` (a [`catalog`] name) into `data_dir`, verified and atomically.
///
/// `data_dir` is created if missing (this is a write). On success the file and its `.source.json` are in
/// place. On failure no final file is written; the `.part` is kept when its bytes may be good (a dropped
/// connection: the next call resumes it) and removed when they are known bad (size or checksum mismatch).
pub fn fetch(
    dataset: &str,
    data_dir: &Path,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<FetchReport, FetchError> {
    let entry = catalog_entry(dataset).ok_or_else(|| FetchError::UnknownDataset {
        name: dataset.to_string(),
        known: CATALOG.iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
    })?;
    let env_url = std::env::var(ENV_DATAVERSE_URL).ok();
    let base = resolve_base_url(opts.base_url.as_deref(), env_url.as_deref());
    let agent = build_agent(&base, opts)?;

    let version = fetch_version(&agent, &base, entry, opts.dataset_version.as_deref())?;
    let chosen = select_file(entry, &version, opts.file_name.as_deref())?;
    progress.message(&format!("{} version {}: {} ({})", entry.name, version.label, chosen.name, chosen.selected_by));

    fs::create_dir_all(data_dir).map_err(|e| FetchError::io("create directory", data_dir, e))?;
    let final_path = data_dir.join(&chosen.local_name);
    let part_path = append_suffix(&final_path, PART_SUFFIX);
    let url = if chosen.original_format {
        format!("{base}/api/access/datafile/{}?format=original", chosen.id)
    } else {
        format!("{base}/api/access/datafile/{}", chosen.id)
    };

    let mut report = FetchReport {
        dataset: entry.name,
        persistent_id: entry.persistent_id,
        dataset_version: version.label.clone(),
        file_id: chosen.id,
        remote_file_name: chosen.name.clone(),
        selected_by: chosen.selected_by.clone(),
        available: version.files.iter().map(|f| f.name.clone()).collect(),
        sidecar: SourceRecord::path_for(&final_path),
        path: final_path.clone(),
        url: url.clone(),
        bytes: 0,
        verified_checksum: chosen.checksum.clone(),
        sha256: String::new(),
        outcome: FetchOutcome::AlreadyPresent,
    };

    // Skip the download if the file already there is this exact release file.
    if !opts.force && final_path.is_file() {
        let digests = hash_file(&final_path, chosen.checksum.as_ref().map(|c| c.algorithm))?;
        if verify(&chosen, &digests).is_ok() {
            progress.message(&format!("{} is already present and verified", final_path.display()));
            report.bytes = digests.bytes;
            report.sha256 = digests.sha256;
            let existing = SourceRecord::read_for(&final_path).ok();
            let stale = |r: &SourceRecord| {
                r.sha256 != report.sha256 || r.file_id != chosen.id || r.dataset_version != version.label
            };
            if existing.as_ref().is_none_or(stale) {
                write_sidecar(entry, &version, &chosen, &report)?;
            }
            // Left over from an interrupted forced download; the verified file makes it useless.
            remove_if_exists(&part_path)?;
            return Ok(report);
        }
        progress.message(&format!("{} differs from the release file; downloading again", final_path.display()));
    }

    let (digests, outcome) = download_verified(&agent, &url, &part_path, &chosen, opts, progress)?;
    commit_file(&part_path, &final_path)?;
    report.bytes = digests.bytes;
    report.sha256 = digests.sha256;
    report.outcome = outcome;
    write_sidecar(entry, &version, &chosen, &report)?;
    Ok(report)
}

// ---------------------------------------------------------------------------------------------------------
// HTTP

fn build_agent(base: &str, opts: &FetchOptions) -> Result<ureq::Agent, FetchError> {
    let uri: ureq::http::Uri = base.parse().map_err(|e: ureq::http::uri::InvalidUri| FetchError::BadBaseUrl {
        url: base.to_string(),
        reason: e.to_string(),
    })?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.host().is_none() {
        return Err(FetchError::BadBaseUrl {
            url: base.to_string(),
            reason: "expected http:// or https:// followed by a host".to_string(),
        });
    }
    let mut config = ureq::Agent::config_builder()
        // We read error statuses ourselves, to report Dataverse's message.
        .http_status_as_error(false)
        .user_agent(concat!("hegemony/", env!("CARGO_PKG_VERSION")))
        // Identity only: the byte counts and Range offsets must refer to the stored file.
        .accept_encoding("identity")
        .timeout_resolve(Some(opts.connect_timeout))
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_per_read(Some(opts.read_timeout));
    // A proxy from the environment cannot reach this machine's loopback; talk to it directly.
    if is_loopback_host(uri.host().unwrap_or_default()) {
        config = config.proxy(None);
    }
    Ok(config.build().new_agent())
}

fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A short description of an error response: Dataverse's `message` field if it has one, else the text.
fn error_detail(status: StatusCode, body: &mut ureq::Body) -> String {
    let reason = status.canonical_reason().unwrap_or("").to_string();
    let text = body.with_config().limit(64 << 10).lossy_utf8(true).read_to_string().unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect());
    match (reason.is_empty(), message.is_empty()) {
        (_, true) => reason,
        (true, false) => message,
        (false, false) => format!("{reason} ({message})"),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Dataverse metadata

/// One published version of a dataset, reduced to what we use.
#[derive(Debug, Clone)]
struct VersionInfo {
    label: String,
    release_time: Option<String>,
    files: Vec<RemoteFile>,
}

#[derive(Debug, Clone)]
struct RemoteFile {
    id: u64,
    /// Name of the bytes we download (for ingested tabular files: the original upload's name).
    name: String,
    size: Option<u64>,
    checksum: Option<Checksum>,
    /// Checksum type we could not use; an error only if this file is chosen.
    unsupported_checksum: Option<String>,
    original_format: bool,
    selected_by: String,
    local_name: String,
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

fn select_file(entry: &CatalogEntry, version: &VersionInfo, exact: Option<&str>) -> Result<RemoteFile, FetchError> {
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

// ---------------------------------------------------------------------------------------------------------
// Download, verification, commit

struct Digests {
    bytes: u64,
    sha256: String,
    /// The value in the algorithm Dataverse reported, when that is not SHA-256.
    other: Option<String>,
}

/// Downloads into `part` (resuming it when possible) until it verifies, retrying dropped connections.
fn download_verified(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    file: &RemoteFile,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<(Digests, FetchOutcome), FetchError> {
    let mut retries_left = opts.retries;
    let mut tally = Tally::default();
    let mut restarted_after_mismatch = false;
    loop {
        match download_once(agent, url, part, file.size, &mut tally, progress) {
            Ok(()) => {}
            Err(e) if e.is_resumable() && retries_left > 0 => {
                retries_left -= 1;
                progress.message(&format!("{e}; retrying ({retries_left} retries left)"));
                std::thread::sleep(opts.retry_delay);
                continue;
            }
            Err(e) => return Err(e),
        }

        progress.message("verifying");
        let digests = hash_file(part, file.checksum.as_ref().map(|c| c.algorithm))?;
        match verify(file, &digests) {
            Ok(()) => {
                let outcome = FetchOutcome::Downloaded { resumed_from: tally.resumed_from, restarts: tally.restarts };
                return Ok((digests, outcome));
            }
            Err(e) => {
                remove_if_exists(part)?;
                // A resumed `.part` may come from an older release of the same name: one clean retry.
                if tally.resumed_from.is_some() && !restarted_after_mismatch {
                    restarted_after_mismatch = true;
                    tally.restarts += 1;
                    progress.message(&format!("{e}; downloading again from byte 0"));
                    continue;
                }
                return Err(with_path(e, part));
            }
        }
    }
}

/// What the requests of one fetch did, for the report.
#[derive(Default)]
struct Tally {
    requests: u32,
    /// Size of the `.part` left by an earlier run that the first request continued (or found complete).
    resumed_from: Option<u64>,
    /// Transfers begun again from byte 0.
    restarts: u32,
}

/// One HTTP request appending to `part`. Leaves the `.part` in place on a dropped connection.
fn download_once(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    expected_size: Option<u64>,
    tally: &mut Tally,
    progress: &mut dyn Progress,
) -> Result<(), FetchError> {
    let first = tally.requests == 0;
    tally.requests += 1;
    let mut offset = match fs::metadata(part) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => 0,
        Err(e) => return Err(FetchError::io("inspect", part, e)),
    };
    if let Some(total) = expected_size {
        if offset == total {
            // Complete already (e.g. a previous run stopped before the rename): just verify it.
            if first {
                tally.resumed_from = Some(offset);
            }
            return Ok(());
        }
        if offset > total {
            remove_if_exists(part)?;
            offset = 0;
        }
    }

    let mut request = agent.get(url);
    if offset > 0 {
        request = request.header("Range", format!("bytes={offset}-"));
        progress.message(&format!("resuming from byte {offset}"));
    }
    let mut resp = request.call().map_err(|source| FetchError::Network { url: url.to_string(), source })?;
    let status = resp.status();
    match status.as_u16() {
        200 => {
            if offset > 0 {
                progress.message("the server ignored the range request; starting again from byte 0");
                offset = 0;
                tally.restarts += 1;
            }
        }
        206 if offset > 0 => {
            let answer = header_str(resp.headers(), "content-range");
            if content_range_start(&answer) != Some(offset) {
                remove_if_exists(part)?;
                return Err(FetchError::UnexpectedRange {
                    url: url.to_string(),
                    asked: offset,
                    answer: format!("206 Content-Range {answer:?}"),
                });
            }
            if first {
                tally.resumed_from = Some(offset);
            }
        }
        416 if offset > 0 => {
            remove_if_exists(part)?;
            return Err(FetchError::UnexpectedRange {
                url: url.to_string(),
                asked: offset,
                answer: "416 Range Not Satisfiable".into(),
            });
        }
        _ => {
            let detail = error_detail(status, resp.body_mut());
            return Err(FetchError::Http { url: url.to_string(), status: status.as_u16(), detail });
        }
    }

    let content_length = header_str(resp.headers(), "content-length").trim().parse::<u64>().ok();
    // The size the server claims for the whole file, to catch a wrong file before writing a byte.
    let announced =
        if offset > 0 { content_range_total(&header_str(resp.headers(), "content-range")) } else { content_length };
    if let (Some(expected), Some(announced)) = (expected_size, announced.filter(|a| Some(*a) != expected_size)) {
        remove_if_exists(part)?;
        return Err(FetchError::ServerSizeMismatch { url: url.to_string(), expected, announced });
    }
    let total = expected_size.or(content_length.map(|n| n + offset));
    let mut out = OpenOptions::new()
        .create(true)
        .write(true)
        .append(offset > 0)
        .truncate(offset == 0)
        .open(part)
        .map_err(|e| FetchError::io("open", part, e))?;

    progress.start(total);
    if offset > 0 {
        progress.advance(offset);
    }
    let result = copy_body(&mut resp.into_body().into_reader(), &mut out, progress);
    progress.finish();
    let received = offset + result.as_ref().copied().unwrap_or_else(|(n, _)| *n);
    // Whatever arrived is kept on disk, so the next request can continue after it.
    out.sync_all().map_err(|e| FetchError::io("sync", part, e))?;
    drop(out);

    let dropped = |reason: String| FetchError::ConnectionDropped {
        url: url.to_string(),
        received,
        expected: total,
        part: part.to_path_buf(),
        reason,
    };
    match result {
        Err((_, CopyError::Write(e))) => Err(FetchError::io("write", part, e)),
        Err((_, CopyError::Read(e))) => Err(dropped(e.to_string())),
        Ok(_) => match total {
            Some(t) if received < t => Err(dropped("the body ended early".to_string())),
            Some(t) if received > t => {
                remove_if_exists(part)?;
                Err(FetchError::SizeMismatch { path: part.to_path_buf(), expected: t, actual: received })
            }
            _ => Ok(()),
        },
    }
}

enum CopyError {
    Read(io::Error),
    Write(io::Error),
}

/// Copies the body; on error also returns how many bytes were written before it.
fn copy_body(reader: &mut dyn Read, out: &mut File, progress: &mut dyn Progress) -> Result<u64, (u64, CopyError)> {
    let mut buf = vec![0u8; COPY_BUFFER];
    let mut written = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(written),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((written, CopyError::Read(e))),
        };
        out.write_all(&buf[..n]).map_err(|e| (written, CopyError::Write(e)))?;
        written += n as u64;
        progress.advance(n as u64);
    }
}

fn header_str(headers: &HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Start offset of a `Content-Range: bytes START-END/TOTAL` header.
fn content_range_start(value: &str) -> Option<u64> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    rest.split('-').next()?.trim().parse().ok()
}

/// The hasher for the algorithm Dataverse reported, when that is not SHA-256 (always computed anyway).
enum ExtraHasher {
    None,
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha512(sha2::Sha512),
}

impl ExtraHasher {
    fn new(algorithm: Option<ChecksumAlgorithm>) -> ExtraHasher {
        use sha2::Digest as _;
        match algorithm {
            Some(ChecksumAlgorithm::Md5) => ExtraHasher::Md5(md5::Md5::new()),
            Some(ChecksumAlgorithm::Sha1) => ExtraHasher::Sha1(sha1::Sha1::new()),
            Some(ChecksumAlgorithm::Sha512) => ExtraHasher::Sha512(sha2::Sha512::new()),
            Some(ChecksumAlgorithm::Sha256) | None => ExtraHasher::None,
        }
    }

    fn update(&mut self, bytes: &[u8]) {
        use sha2::Digest as _;
        match self {
            ExtraHasher::None => {}
            ExtraHasher::Md5(h) => h.update(bytes),
            ExtraHasher::Sha1(h) => h.update(bytes),
            ExtraHasher::Sha512(h) => h.update(bytes),
        }
    }

    fn finish(self) -> Option<String> {
        use sha2::Digest as _;
        match self {
            ExtraHasher::None => None,
            ExtraHasher::Md5(h) => Some(hex(&h.finalize())),
            ExtraHasher::Sha1(h) => Some(hex(&h.finalize())),
            ExtraHasher::Sha512(h) => Some(hex(&h.finalize())),
        }
    }
}

/// Reads the file back from disk and hashes it, so verification covers what was actually written.
/// Total size in a `Content-Range: bytes START-END/TOTAL` header (`None` for `*`).
fn content_range_total(value: &str) -> Option<u64> {
    value.rsplit_once('/')?.1.trim().parse().ok()
}

fn hash_file(path: &Path, algorithm: Option<ChecksumAlgorithm>) -> Result<Digests, FetchError> {
    use sha2::Digest as _;
    let mut file = File::open(path).map_err(|e| FetchError::io("open", path, e))?;
    let mut sha256 = sha2::Sha256::new();
    let mut extra = ExtraHasher::new(algorithm);
    let mut buf = vec![0u8; COPY_BUFFER];
    let mut bytes = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(FetchError::io("read", path, e)),
        };
        sha256.update(&buf[..n]);
        extra.update(&buf[..n]);
        bytes += n as u64;
    }
    Ok(Digests { bytes, sha256: hex(&sha256.finalize()), other: extra.finish() })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks size and checksum. The path in the error is filled in by the caller.
fn verify(file: &RemoteFile, digests: &Digests) -> Result<(), FetchError> {
    if let Some(expected) = file.size.filter(|n| *n != digests.bytes) {
        return Err(FetchError::SizeMismatch { path: PathBuf::new(), expected, actual: digests.bytes });
    }
    if let Some(c) = &file.checksum {
        let actual = match c.algorithm {
            ChecksumAlgorithm::Sha256 => digests.sha256.as_str(),
            _ => digests.other.as_deref().unwrap_or(""),
        };
        if actual != c.value {
            return Err(FetchError::ChecksumMismatch {
                path: PathBuf::new(),
                algorithm: c.algorithm,
                expected: c.value.clone(),
                actual: actual.to_string(),
            });
        }
    }
    Ok(())
}

fn with_path(e: FetchError, p: &Path) -> FetchError {
    match e {
        FetchError::SizeMismatch { expected, actual, .. } => {
            FetchError::SizeMismatch { path: p.to_path_buf(), expected, actual }
        }
        FetchError::ChecksumMismatch { algorithm, expected, actual, .. } => {
            FetchError::ChecksumMismatch { path: p.to_path_buf(), algorithm, expected, actual }
        }
        other => other,
    }
}

/// Renames the verified `.part` to its final name and makes the rename durable.
fn commit_file(part: &Path, final_path: &Path) -> Result<(), FetchError> {
    // download_once synced the data; the rename itself is atomic on one file system.
    fs::rename(part, final_path).map_err(|e| FetchError::io("rename into place", final_path, e))?;
    sync_parent_dir(final_path);
    Ok(())
}

/// Makes a rename durable where the platform allows opening a directory; best effort elsewhere.
fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().and_then(|dir| File::open(dir).ok()) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn write_sidecar(
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

fn remove_if_exists(path: &Path) -> Result<(), FetchError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FetchError::io("remove", path, e)),
    }
}

fn append_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
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
    fn checksum_types_parse() {
        assert_eq!(ChecksumAlgorithm::parse("MD5"), Some(ChecksumAlgorithm::Md5));
        assert_eq!(ChecksumAlgorithm::parse("SHA-1"), Some(ChecksumAlgorithm::Sha1));
        assert_eq!(ChecksumAlgorithm::parse("sha256"), Some(ChecksumAlgorithm::Sha256));
        assert_eq!(ChecksumAlgorithm::parse("SHA-512"), Some(ChecksumAlgorithm::Sha512));
        assert_eq!(ChecksumAlgorithm::parse("CRC32"), None);
    }

    #[test]
    fn base_url_resolution() {
        assert_eq!(resolve_base_url(None, None), DEFAULT_DATAVERSE_URL);
        assert_eq!(resolve_base_url(None, Some("http://127.0.0.1:9/")), "http://127.0.0.1:9");
        assert_eq!(resolve_base_url(Some("http://a"), Some("http://b")), "http://a");
        assert_eq!(resolve_base_url(Some(" "), Some("")), DEFAULT_DATAVERSE_URL);
    }

    #[test]
    fn content_range_parsing() {
        assert_eq!(content_range_start("bytes 100-199/200"), Some(100));
        assert_eq!(content_range_start("bytes */200"), None);
        assert_eq!(content_range_start(""), None);
        assert_eq!(content_range_total("bytes 100-199/200"), Some(200));
        assert_eq!(content_range_total("bytes 0-1/*"), None);
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(rfc3339_utc(UNIX_EPOCH + Duration::from_secs(1_709_210_096)), "2024-02-29T12:34:56Z");
    }

    #[test]
    fn hashes_match_known_vectors() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("abc");
        fs::write(&p, b"abc").unwrap();
        let d = hash_file(&p, Some(ChecksumAlgorithm::Md5)).unwrap();
        assert_eq!(d.bytes, 3);
        assert_eq!(d.other.as_deref(), Some("900150983cd24fb0d6963f7d28e17f72"));
        assert_eq!(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let d = hash_file(&p, Some(ChecksumAlgorithm::Sha1)).unwrap();
        assert_eq!(d.other.as_deref(), Some("a9993e364706816aba3e25717850c26c9cd0d89d"));
        let d = hash_file(&p, Some(ChecksumAlgorithm::Sha512)).unwrap();
        assert!(d.other.as_deref().unwrap().starts_with("ddaf35a193617aba"));
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

    #[test]
    fn partial_downloads_are_recognised() {
        assert!(is_partial_download(Path::new("/d/unvotes/UNVotes.csv.part")));
        assert!(!is_partial_download(Path::new("/d/unvotes/UNVotes.csv")));
    }
}

//! What a caller sets ([`FetchOptions`]), sees while it runs ([`Progress`]) and gets back ([`FetchReport`]).

use std::path::PathBuf;
use std::time::Duration;

use super::checksum::Checksum;

/// How to fetch. `Default` is what the CLI wants for a real download.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The repository's base URL. `None`: the repository's environment variable (`HEGEMONY_DATAVERSE_URL`,
    /// `HEGEMONY_UNDL_URL`), else its public server ([`Repository::default_url`](super::Repository::default_url)).
    pub base_url: Option<String>,
    /// A dataset version such as `"33.0"` (Dataverse), or a release date such as `"2025-07-23"` (UN
    /// Digital Library). `None`: the latest published version.
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
    /// Longest wait to resolve the host and to connect.
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

/// What a fetch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// Downloaded and verified.
    Downloaded {
        /// The `.part` size the first request continued from.
        resumed_from: Option<u64>,
        /// Transfers begun again from byte 0 (the server ignored Range, or a resumed file failed its
        /// checksum).
        restarts: u32,
    },
    /// A verified copy of the same release file was already there; nothing was downloaded.
    AlreadyPresent,
}

/// The result of a successful [`fetch`](super::fetch()).
#[derive(Debug, Clone)]
pub struct FetchReport {
    /// The catalogue name (`unvotes`).
    pub dataset: &'static str,
    /// The dataset's persistent id (handle or DOI).
    pub persistent_id: &'static str,
    /// Dataset version as the repository numbers it (`"33.0"`), or the release date (`"2025-07-23"`).
    pub dataset_version: String,
    /// The file's id in the release, where the repository has one.
    pub file_id: Option<u64>,
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
    /// Size of the file on disk.
    pub bytes: u64,
    /// The checksum from the repository that the file was verified against (`None`: it gave none,
    /// so only the size was checked).
    pub verified_checksum: Option<Checksum>,
    /// SHA-256 of the file, always computed.
    pub sha256: String,
    /// Downloaded, or already there.
    pub outcome: FetchOutcome,
}

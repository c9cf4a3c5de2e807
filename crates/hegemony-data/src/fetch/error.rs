//! Why a fetch failed, with what the user can do about it.

use std::io;
use std::path::{Path, PathBuf};

use super::checksum::ChecksumAlgorithm;

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

    pub(super) fn io(op: &'static str, path: &Path, source: io::Error) -> FetchError {
        FetchError::Io { op, path: path.to_path_buf(), source }
    }
}

fn detail_suffix(detail: &str) -> String {
    if detail.is_empty() { String::new() } else { format!(": {detail}") }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() { "(no files)".to_string() } else { names.join(", ") }
}

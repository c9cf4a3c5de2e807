//! Why a fetch failed, with what the user can do about it.

use std::io;
use std::path::{Path, PathBuf};

use super::checksum::ChecksumAlgorithm;

/// Why a fetch failed.
// The fields of each variant are the values its message names.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("unknown dataset {name:?}; known: {known}")]
    /// The catalogue has no dataset of that name.
    UnknownDataset { name: String, known: String },
    #[error("bad server URL {url:?}: {reason}")]
    /// The server URL is not `http(s)://host…`.
    BadBaseUrl { url: String, reason: String },
    #[error("HTTP {status} from {url}{}", detail_suffix(.detail))]
    /// The server answered with an error status.
    Http { url: String, status: u16, detail: String },
    #[error("cannot reach {url}: {source}")]
    /// The server could not be reached (DNS, connection, TLS, timeout).
    Network {
        /// The URL asked for.
        url: String,
        #[source]
        /// What the HTTP client reported.
        source: ureq::Error,
    },
    #[error(
        "connection dropped after {received} of {} bytes from {url} ({reason}); the partial download is kept \
         in {} and the next fetch resumes from it",
        .expected.map_or_else(|| "?".to_string(), |n| n.to_string()), .part.display()
    )]
    /// The body ended before the file did; the `.part` is kept for a resume.
    ConnectionDropped { url: String, received: u64, expected: Option<u64>, part: PathBuf, reason: String },
    #[error(
        "{url} answered a request for bytes {asked}- with {answer}; the partial download was discarded, \
         the next fetch starts from byte 0"
    )]
    /// The server answered a resume with another byte range; the `.part` was discarded.
    UnexpectedRange { url: String, asked: u64, answer: String },
    #[error(
        "{url} announced {announced} bytes but the repository's metadata says the file has {expected}; \
         nothing was kept"
    )]
    /// The server's size for the file differs from the metadata's; nothing was kept.
    ServerSizeMismatch { url: String, expected: u64, announced: u64 },
    #[error("unexpected answer from the repository's API at {url}: {reason}")]
    /// The API's JSON is not what the repository's API gives.
    BadApiResponse { url: String, reason: String },
    #[error(
        "no file in {dataset} version {version} matches {}; the release has: {} \
         (an older release may still have it: ask for a fixed dataset version, or name a file)",
        .patterns.join(", "), list_or_none(.available)
    )]
    /// No file of the release matches the catalogue's patterns.
    NoMatchingFile { dataset: String, version: String, patterns: Vec<String>, available: Vec<String> },
    #[error(
        "several files in {dataset} version {version} match {pattern}: {}; choose one with --file NAME",
        .candidates.join(", ")
    )]
    /// Several files match one pattern; the user must name one.
    AmbiguousFile { dataset: String, version: String, pattern: String, candidates: Vec<String> },
    #[error("no file named {name:?} in {dataset} version {version}; the release has: {}", list_or_none(.available))]
    /// The file named with `--file` is not in the release.
    FileNotInRelease { dataset: String, version: String, name: String, available: Vec<String> },
    #[error("refusing to write a file named {name:?} from the server: not a plain file name")]
    /// The server's file name is not a plain file name (a path, hidden, `.part`, …).
    UnsafeFileName { name: String },
    #[error("the repository reports an unsupported checksum type {kind:?} for {file}")]
    /// The server's checksum type is one we cannot compute.
    UnsupportedChecksum { file: String, kind: String },
    #[error("size mismatch for {}: expected {expected} bytes, got {actual}; the download was discarded", .path.display())]
    /// The download's size differs from the metadata's; it was discarded.
    SizeMismatch { path: PathBuf, expected: u64, actual: u64 },
    #[error(
        "checksum mismatch for {}: the repository says {algorithm} {expected}, the download has {actual}; \
         the download was discarded",
        .path.display()
    )]
    /// The download's checksum differs from the published one; it was discarded.
    ChecksumMismatch { path: PathBuf, algorithm: ChecksumAlgorithm, expected: String, actual: String },
    #[error("cannot parse {}: {reason}", .path.display())]
    /// A `.source.json` sidecar that cannot be parsed.
    BadSidecar { path: PathBuf, reason: String },
    #[error("cannot {op} {}: {source}", .path.display())]
    /// A file operation failed.
    Io {
        /// What was being done (`open`, `rename into place`, …).
        op: &'static str,
        /// The file it was done to.
        path: PathBuf,
        #[source]
        /// The operating system's error.
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

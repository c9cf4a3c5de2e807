//! Checksums: the algorithms repositories report, hashing a file as it lies on disk, and verifying it.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::COPY_BUFFER;
use super::error::FetchError;
use super::release::RemoteFile;

/// A checksum algorithm a repository may report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecksumAlgorithm {
    #[serde(rename = "MD5")]
    /// MD5.
    Md5,
    #[serde(rename = "SHA-1")]
    /// SHA-1.
    Sha1,
    #[serde(rename = "SHA-256")]
    /// SHA-256.
    Sha256,
    #[serde(rename = "SHA-512")]
    /// SHA-512.
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
    /// The algorithm.
    pub algorithm: ChecksumAlgorithm,
    /// The digest in lowercase hex.
    pub value: String,
}

impl fmt::Display for Checksum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.algorithm, self.value)
    }
}

pub(super) struct Digests {
    pub(super) bytes: u64,
    pub(super) sha256: String,
    /// The value in the algorithm the repository reported, when that is not SHA-256.
    pub(super) other: Option<String>,
}

/// The hasher for the algorithm the repository reported, when that is not SHA-256 (always computed anyway).
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
pub(super) fn hash_file(path: &Path, algorithm: Option<ChecksumAlgorithm>) -> Result<Digests, FetchError> {
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

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks size and checksum. The path in the error is filled in by the caller.
pub(super) fn verify(file: &RemoteFile, digests: &Digests) -> Result<(), FetchError> {
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

pub(super) fn with_path(e: FetchError, p: &Path) -> FetchError {
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn checksum_types_parse() {
        assert_eq!(ChecksumAlgorithm::parse("MD5"), Some(ChecksumAlgorithm::Md5));
        assert_eq!(ChecksumAlgorithm::parse("SHA-1"), Some(ChecksumAlgorithm::Sha1));
        assert_eq!(ChecksumAlgorithm::parse("sha256"), Some(ChecksumAlgorithm::Sha256));
        assert_eq!(ChecksumAlgorithm::parse("SHA-512"), Some(ChecksumAlgorithm::Sha512));
        assert_eq!(ChecksumAlgorithm::parse("CRC32"), None);
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
}

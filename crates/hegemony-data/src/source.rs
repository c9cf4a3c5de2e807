//! Reading one input file: bytes, content hash, gzip, CSV header checks.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diagnostics::LoadError;

/// An input as read: where it came from and exactly which bytes it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// Where the file is.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes as stored (compressed, if it is).
    pub sha256: String,
    /// Size as stored.
    pub bytes: u64,
    /// Data rows read (header excluded).
    pub rows: u64,
}

impl fmt::Display for InputFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (sha256 {}, {} rows)", self.path.display(), &self.sha256[..12], self.rows)
    }
}

/// A file read into memory and decompressed.
pub struct RawFile {
    /// What was read.
    pub input: InputFile,
    /// The decompressed bytes.
    pub text: Vec<u8>,
}

/// SHA-256 of `bytes` as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        use fmt::Write;
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Reads a file, hashes it and gunzips it when it starts with the gzip magic.
pub fn read_file(path: &Path) -> Result<RawFile, LoadError> {
    let stored = std::fs::read(path).map_err(|e| LoadError::io(path, e))?;
    let sha256 = sha256_hex(&stored);
    let bytes = stored.len() as u64;
    let text = if stored.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(stored.len() * 8);
        flate2::read::MultiGzDecoder::new(&stored[..])
            .read_to_end(&mut out)
            .map_err(|e| LoadError::BadFile { file: path.to_path_buf(), reason: format!("broken gzip stream: {e}") })?;
        out
    } else {
        if path.extension().is_some_and(|e| e == "gz") {
            return Err(LoadError::BadFile {
                file: path.to_path_buf(),
                reason: "named .gz but is not gzip-compressed".into(),
            });
        }
        stored
    };
    if text.is_empty() {
        return Err(LoadError::BadFile { file: path.to_path_buf(), reason: "the file is empty".into() });
    }
    if text[..text.len().min(4096)].contains(&0) {
        return Err(LoadError::BadFile {
            file: path.to_path_buf(),
            reason: "binary content (NUL bytes), not a CSV text".into(),
        });
    }
    Ok(RawFile { input: InputFile { path: path.to_path_buf(), sha256, bytes, rows: 0 }, text })
}

/// The header of a CSV file with the positions of the columns a loader needs.
pub struct Columns {
    names: Vec<String>,
}

impl Columns {
    /// The column names of a CSV header, trimmed.
    pub fn new(header: &csv::ByteRecord) -> Columns {
        Columns { names: header.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect() }
    }

    /// Position of the column called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Positions of `required`, or an error naming every missing column.
    pub fn require<const N: usize>(&self, file: &Path, required: [&str; N]) -> Result<[usize; N], LoadError> {
        let missing: Vec<&str> = required.iter().copied().filter(|r| self.find(r).is_none()).collect();
        if !missing.is_empty() {
            return Err(LoadError::WrongColumns {
                file: file.to_path_buf(),
                missing: missing.iter().map(|s| s.to_string()).collect(),
                found: self.names.clone(),
            });
        }
        Ok(required.map(|r| self.find(r).unwrap_or_default()))
    }

    /// Whether there is a column called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }
}

/// A CSV reader over decompressed text, with its header parsed.
pub fn csv_reader(raw: &RawFile) -> Result<(csv::Reader<&[u8]>, Columns), LoadError> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(&raw.text[..]);
    let columns = Columns::new(rdr.byte_headers().map_err(|e| LoadError::BadFile {
        file: raw.input.path.clone(),
        reason: format!("cannot read the CSV header: {e}"),
    })?);
    Ok((rdr, columns))
}

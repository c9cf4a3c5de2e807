//! Review: an accepted candidate becomes a knowledge-base fact (TOML, with the
//! span as its source's quote), and every candidate can be linked to the
//! facts it supports or contradicts.
//!
//! A new fact is appended to a user file only after the whole knowledge base
//! (the shipped files plus that file with the fact) compiles without error,
//! so `hegemony kb check` accepts what review writes. The file is written to
//! a temporary file and renamed into place.

mod fact;
mod links;

use std::path::Path;

use hegemony_kb::{KbFile, Layer};

pub use crate::candidate::Edits;
use crate::{EvidenceError, Result};
pub use fact::fact_toml;
pub use links::{Bearing, Link, links};

/// Parses `key=value` strings.
pub fn parse_edits(items: &[String]) -> Result<Edits> {
    let mut out = Edits::new();
    for it in items {
        let Some((k, v)) = it.split_once('=') else {
            return Err(EvidenceError::Review(format!("--edit '{it}': expected key=value, e.g. date=2016-11-14")));
        };
        const KEYS: &[&str] = &[
            "title",
            "parties",
            "date",
            "org",
            "stance",
            "speaker",
            "affiliation",
            "text",
            "facility",
            "event_type",
            "value",
            "id",
            "state",
            "confidence",
        ];
        let k = k.trim();
        if !KEYS.contains(&k) {
            return Err(EvidenceError::Review(format!(
                "--edit '{it}': unknown key '{k}' (known: {})",
                KEYS.join(", ")
            )));
        }
        out.insert(k.to_string(), v.trim().to_string());
    }
    Ok(out)
}

/// Appends `fact` to the user file `path` after checking that the shipped
/// knowledge base plus every other file in the same folder plus the new file
/// compile cleanly. Writes atomically.
pub fn append_fact(path: &Path, fact: &str) -> Result<()> {
    let io = |e: std::io::Error| EvidenceError::Io { path: path.display().to_string(), message: e.to_string() };
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "# Facts accepted from documents with `hegemony evidence review`.\n".to_string()
        }
        Err(e) => return Err(io(e)),
    };
    let new = format!("{}{}", old, fact);
    let mut files = hegemony_kb::embedded_files();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if dir.is_dir() {
        let others = hegemony_kb::read_dir_files(dir, Layer::User, &dir.display().to_string())
            .map_err(|e| EvidenceError::Review(e.to_string()))?;
        let me = path.file_name();
        files.extend(others.into_iter().filter(|f| Path::new(&f.path).file_name() != me));
    }
    files.push(KbFile { path: path.display().to_string(), text: new.clone(), layer: Layer::User });
    let compiled = hegemony_kb::compile(&files);
    if !compiled.errors.is_empty() {
        let msgs: Vec<String> = compiled.errors.iter().map(|d| d.to_string()).collect();
        return Err(EvidenceError::Review(format!(
            "the fact would not pass `hegemony kb check`; nothing written:\n{}",
            msgs.join("\n")
        )));
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = path.with_extension("toml.part");
    std::fs::write(&tmp, new).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

/// `$HEGEMONY_KB/evidence.toml`, else the platform data folder's `hegemony/kb/evidence.toml`.
pub fn default_kb_file() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("HEGEMONY_KB").filter(|p| !p.is_empty()) {
        return Some(std::path::PathBuf::from(p).join("evidence.toml"));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    Some(data.join("hegemony/kb/evidence.toml"))
}

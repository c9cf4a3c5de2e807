//! The ingest pipeline: a document's bytes become its original text (by
//! format), normalised text, passages, candidates with offsets into the
//! original, a title and a date; then one write to the store.
//!
//! Re-ingesting the same bytes under the same name is a no-op; changed bytes
//! become a new version of the document.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::candidate::{Detail, Kind};
use crate::extract::{Context, Found, extract};
use crate::format;
use crate::gazetteer::Gazetteer;
use crate::store::{NewCandidate, NewPassage, NewVersion, Store};
use crate::text::{self, DecodeError, Meta, Normalised, Passage};
use crate::{EvidenceError, Result};

/// The largest document taken (text, HTML, PDF or DOCX): 64 MB, checked before parsing.
pub const MAX_BYTES: u64 = 64 << 20;

/// The longest a passage is, about (long paragraphs are split at sentence ends).
const PASSAGE_CHARS: usize = 900;

/// What one ingest did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ingested {
    /// A new document (version 1) or a new version of a known one.
    Stored {
        /// The document's id.
        doc: i64,
        /// Its version.
        version: i64,
        /// Passages stored.
        passages: usize,
        /// Candidates stored.
        candidates: usize,
        /// Characters of normalised main text.
        chars: usize,
    },
    /// The same bytes are already stored (as this document and version).
    Unchanged {
        /// The document's id.
        doc: i64,
        /// Its version with these bytes.
        version: i64,
    },
}

impl Store {
    /// How long the PDF reader may take on one file before the file is
    /// refused (default [`crate::pdf::DEFAULT_TIMEOUT`]).
    pub fn set_pdf_timeout(&mut self, timeout: Duration) {
        self.pdf_timeout = Some(timeout);
    }

    /// Reads and ingests a file.
    pub fn ingest_file(&mut self, path: &Path, gaz: &Gazetteer) -> Result<Ingested> {
        let io = |e: std::io::Error| EvidenceError::Io { path: path.display().to_string(), message: e.to_string() };
        // The size first: an over-large file is refused without being read.
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_BYTES {
            return Err(EvidenceError::TooLarge { path: path.display().to_string(), bytes: size, limit: MAX_BYTES });
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let name = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string();
        self.ingest(&name, &bytes, gaz)
    }

    /// Ingests a document's bytes under `name` (its path or URL).
    pub fn ingest(&mut self, name: &str, bytes: &[u8], gaz: &Gazetteer) -> Result<Ingested> {
        if bytes.len() as u64 > MAX_BYTES {
            return Err(EvidenceError::TooLarge {
                path: name.to_string(),
                bytes: bytes.len() as u64,
                limit: MAX_BYTES,
            });
        }
        let sha = hex(&Sha256::digest(bytes));
        if let Some((doc, version)) = self.find_version(name, &sha)? {
            return Ok(Ingested::Unchanged { doc, version });
        }
        let timeout = self.pdf_timeout.unwrap_or(crate::pdf::DEFAULT_TIMEOUT);
        let (v, chars) = prepare(name, bytes, sha, gaz, timeout).map_err(EvidenceError::Decode)?;
        let (doc, version) = self.insert(name, &v)?;
        Ok(Ingested::Stored {
            doc,
            version,
            passages: v.passages.len(),
            candidates: v.passages.iter().map(|p| p.candidates.len()).sum(),
            chars,
        })
    }
}

/// What ingest would store of a document, computed without a store (for
/// extraction at scale, e.g. inside Spark executors).
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The format its bytes were read as.
    pub format: format::Format,
    /// The title (metadata, else the first short lines).
    pub title: Option<String>,
    /// The document's date (`2016-12`), as ingest finds it.
    pub date: Option<String>,
    /// The candidates with their passage's index, in the store's order (by
    /// start in the original text, then as found), offsets into the original.
    pub candidates: Vec<(usize, NewCandidate)>,
}

/// Runs ingest's pipeline on a document's bytes (format from the content,
/// normalisation, passages, extraction, offsets into the original) and
/// keeps the candidates, storing nothing: the candidates ingest would store
/// for these bytes, in the order the store lists them.
pub fn extract_document(name: &str, bytes: &[u8], gaz: &Gazetteer) -> Result<Extracted> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(EvidenceError::TooLarge { path: name.to_string(), bytes: bytes.len() as u64, limit: MAX_BYTES });
    }
    let (v, _) =
        prepare(name, bytes, String::new(), gaz, crate::pdf::DEFAULT_TIMEOUT).map_err(EvidenceError::Decode)?;
    let mut candidates: Vec<(usize, NewCandidate)> =
        v.passages.into_iter().enumerate().flat_map(|(i, p)| p.candidates.into_iter().map(move |c| (i, c))).collect();
    // Stable: candidates at one start keep the order the store numbers them in.
    candidates.sort_by_key(|(_, c)| c.found.start);
    Ok(Extracted { format: v.format, title: v.title, date: v.date.map(|d| d.0.to_string()), candidates })
}

/// Everything computed before the store is touched: the version to store
/// and the length of its normalised main text.
fn prepare(
    name: &str,
    bytes: &[u8],
    sha256: String,
    gaz: &Gazetteer,
    pdf_timeout: Duration,
) -> std::result::Result<(NewVersion, usize), DecodeError> {
    let format = format::sniff(name, bytes);
    let (original, meta) = format::read(name, bytes, pdf_timeout)?;
    if original.trim().is_empty() {
        return Err(DecodeError::Empty { name: name.to_string() });
    }
    let norm = text::normalise(&original);
    let mut passages = text::passages(&norm.main, false, PASSAGE_CHARS);
    for f in &norm.footnotes {
        passages.extend(text::passages(f, true, PASSAGE_CHARS));
    }
    let title = meta.title.clone().or_else(|| title_from_text(&norm.main.text));
    let date = doc_date(&meta, &norm);
    let cx = Context { gazetteer: gaz, doc_date: date.map(|d| d.0) };
    let mut found: Vec<Vec<Found>> = passages.iter().map(|p| extract(&p.text, &cx)).collect();
    let main: Vec<&str> = passages.iter().take_while(|p| !p.footnote).map(|p| p.text.as_str()).collect();
    crate::extract::expert_sections(&main, &mut found, gaz);
    let orig: Vec<char> = original.chars().collect();
    let doc_date = date.map(|d| d.0.to_string());
    let passages = passages
        .into_iter()
        .zip(found)
        .map(|(p, found)| {
            let candidates = found.into_iter().map(|f| in_original(f, &p, &orig, &doc_date)).collect();
            NewPassage { start: p.start, end: p.end, footnote: p.footnote, text: p.text, candidates }
        })
        .collect();
    let chars = norm.main.char_len();
    let v = NewVersion {
        sha256,
        format,
        title,
        author: meta.author,
        publisher: meta.publisher,
        date,
        bytes: bytes.len(),
        original,
        normalised: norm.main.text,
        dropped: norm.dropped,
        passages,
    };
    Ok((v, chars))
}

/// A candidate found in passage `p`, its offsets (and those in its detail)
/// moved into the original text, with its span and the document's date.
fn in_original(mut f: Found, p: &Passage, orig: &[char], doc_date: &Option<String>) -> NewCandidate {
    (f.start, f.end) = p.original_range(f.start, f.end);
    remap_detail(&mut f.detail, p);
    f.detail.set_doc_date(doc_date.clone());
    let span = orig[f.start..f.end].iter().collect();
    NewCandidate { found: f, span }
}

/// Offsets inside `detail` (trigger, section) from passage to original.
fn remap_detail(detail: &mut Detail, p: &Passage) {
    let remap = |(a, b): (usize, usize)| {
        let b = b.min(p.map.len() - 1);
        let a = a.min(b);
        p.original_range(a, b)
    };
    match detail {
        Detail::Relation(r) => r.trigger = remap(r.trigger),
        Detail::Claim(c) => c.section = c.section.map(remap),
        _ => {}
    }
}

/// The first short paragraph(s) of the text, if they read as a title.
fn title_from_text(text: &str) -> Option<String> {
    let mut paras = text.split('\n').map(str::trim).filter(|p| !p.is_empty());
    let first = paras.next()?;
    let short = |p: &str| p.chars().count() <= 150 && p.split_whitespace().count() >= 3;
    if !short(first) || first.ends_with('.') {
        return None;
    }
    let mut t = first.to_string();
    if !first.ends_with(['?', '!', ':'])
        && let Some(second) = paras.next()
        && second.chars().count() <= 100
        && !second.ends_with('.')
    {
        t.push(' ');
        t.push_str(second);
    }
    Some(t)
}

/// The document's date: from the HTML metadata, else a paragraph that is
/// only a date at the start or end ("December, 2016"), else the latest
/// day- or month-precise date in the main text.
fn doc_date(meta: &Meta, norm: &Normalised) -> Option<(hegemony_core::PartialDate, &'static str)> {
    if let Some(d) = &meta.date {
        for len in [10, 7, 4] {
            if let Some(p) = d.get(..len).and_then(|s| s.parse().ok()) {
                return Some((p, "html metadata"));
            }
        }
    }
    let paras: Vec<&str> = norm.main.text.split('\n').filter(|p| !p.trim().is_empty()).collect();
    let edge = paras.iter().take(3).chain(paras.iter().rev().take(3));
    for p in edge {
        if p.chars().count() > 40 {
            continue;
        }
        let ds = crate::extract::dates_only(p, None);
        if let Some(d) = ds.iter().find(|f| f.kind == Kind::Date && !f.value.contains('/'))
            && let Ok(pd) = d.value.parse()
        {
            return Some((pd, "a date line at the start or end of the text"));
        }
    }
    let mut best: Option<hegemony_core::PartialDate> = None;
    for p in &paras {
        for f in crate::extract::dates_only(p, None) {
            if f.kind == Kind::Date
                && !f.value.contains('/')
                && f.value.len() >= 7
                && let Ok(pd) = f.value.parse::<hegemony_core::PartialDate>()
                && best.is_none_or(|b| pd.earliest() > b.earliest())
            {
                best = Some(pd);
            }
        }
    }
    best.map(|b| (b, "the latest date named in the text"))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

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
use crate::extract::{Context, DocMemory, Found, extract_in};
use crate::format;
use crate::gazetteer::Gazetteer;
use crate::store::{NewCandidate, NewPassage, NewVersion, Store};
use crate::text::{self, DecodeError, Meta, Normalised, Passage};
use crate::{EvidenceError, Result};
use hegemony_core::PartialDate;

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
    let mut memory = DocMemory::default();
    let mut found: Vec<Vec<Found>> = passages.iter().map(|p| extract_in(&p.text, &cx, &mut memory)).collect();
    let main: Vec<&str> = passages.iter().take_while(|p| !p.footnote).map(|p| p.text.as_str()).collect();
    crate::extract::expert_sections(&main, &mut found);
    let orig: Vec<char> = original.chars().collect();
    let passages = passages
        .into_iter()
        .zip(found)
        .map(|(p, found)| {
            let pchars: Vec<char> = p.text.chars().collect();
            let candidates = found.into_iter().map(|f| in_original(f, &p, &pchars, &orig)).collect();
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
/// moved into the original text, with its span and its span as read (the
/// document's date is the version's, filled in when the store reads it back).
fn in_original(mut f: Found, p: &Passage, pchars: &[char], orig: &[char]) -> NewCandidate {
    let text = clean_text(pchars, f.start, f.end);
    (f.start, f.end) = p.original_range(f.start, f.end);
    remap_detail(&mut f.detail, p);
    let span = orig[f.start..f.end].iter().collect();
    NewCandidate { found: f, span, text }
}

/// The characters `a..b` of a passage's normalised text (line-break
/// hyphenation joined, furniture dropped), white space collapsed.
fn clean_text(passage: &[char], a: usize, b: usize) -> String {
    let mut out = String::with_capacity(b.saturating_sub(a));
    for &c in &passage[a.min(passage.len())..b.min(passage.len())] {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Offsets inside `detail` (trigger, section) from passage to original.
fn remap_detail(detail: &mut Detail, p: &Passage) {
    let remap = |(a, b): (usize, usize)| {
        let b = b.min(p.map.len() - 1);
        let a = a.min(b);
        p.original_range(a, b)
    };
    match detail {
        Detail::Relation(r) => {
            r.trigger = remap(r.trigger);
            r.in_agreement = r.in_agreement.map(remap);
        }
        Detail::Claim(c) => {
            c.section = c.section.map(remap);
            c.claim = c.claim.map(remap);
        }
        _ => {}
    }
}

/// The title of a text without one in its metadata: its first heading (a
/// short first paragraph not ending like a sentence, with a short second
/// one if the first does not end in '?', '!' or ':'), else its first
/// sentence (cut at a word after 150 characters, with '…').
fn title_from_text(text: &str) -> Option<String> {
    let mut paras = text.split('\n').map(str::trim).filter(|p| !p.is_empty());
    let first = paras.next()?;
    let short = |p: &str| p.chars().count() <= 150 && p.split_whitespace().count() >= 3;
    if !short(first) || first.ends_with('.') {
        return first_sentence(first);
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

/// The first sentence of a paragraph, cut at a word after 150 characters.
fn first_sentence(para: &str) -> Option<String> {
    let chars: Vec<char> = para.chars().collect();
    let (a, b) = *crate::extract::sentences(&chars).first()?;
    let sentence: String = chars[a..b].iter().collect();
    if sentence.chars().count() <= 150 {
        return Some(sentence);
    }
    let mut cut = String::new();
    for w in sentence.split_whitespace() {
        if cut.chars().count() + w.chars().count() > 150 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':'])))
}

/// The document's date, and the rule that found it: the metadata (HTML,
/// PDF, DOCX), else a publication line or byline near the top ("Published
/// 30 October 2020", "By Anna Smith, Oct. 30, 2020"), else a dateline
/// ("YEREVAN, Oct 30 (Reuters) –", the year from the text if it gives
/// none), else a paragraph that is only a date at the start or end
/// ("December, 2016"), else the latest day- or month-precise date in the
/// main text.
fn doc_date(meta: &Meta, norm: &Normalised) -> Option<(PartialDate, &'static str)> {
    if let Some(d) = &meta.date {
        for len in [10, 7, 4] {
            if let Some(p) = d.get(..len).and_then(|s| s.parse().ok()) {
                return Some((p, "document metadata"));
            }
        }
    }
    let paras: Vec<&str> = norm.main.text.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect();
    // The dates the whole text names, read only if the lines near its edges give none.
    let named = std::cell::OnceCell::new();
    let named = || {
        named.get_or_init(|| {
            paras
                .iter()
                .filter(|p| may_name_a_date(p))
                .flat_map(|p| crate::extract::dates_only(p, None))
                .filter(|f| !f.value.contains('/'))
                .filter_map(|f| f.value.parse::<PartialDate>().ok())
                .collect::<Vec<PartialDate>>()
        })
    };
    let precise = |text: &str, anchor: Option<PartialDate>| {
        crate::extract::dates_only(text, anchor)
            .into_iter()
            .filter(|f| !f.value.contains('/') && f.value.len() >= 7)
            .find_map(|f| f.value.parse::<PartialDate>().ok())
    };
    for p in paras.iter().take(8) {
        if is_publication_line(p)
            && let Some(d) = precise(p, None)
        {
            return Some((d, "a publication line or byline"));
        }
    }
    for p in paras.iter().take(3) {
        if let Some(head) = dateline(p)
            && let Some(d) = precise(head, None)
                .or_else(|| precise(head, named().iter().map(|d| d.year).max().map(PartialDate::year)))
        {
            return Some((d, "a dateline"));
        }
    }
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
    let latest = named().iter().filter(|d| d.month.is_some()).max_by_key(|d| d.earliest()).copied();
    latest.map(|b| (b, "the latest date named in the text"))
}

/// Whether a paragraph may name a date precise to the month: a month's
/// name (or its abbreviation) or a number with dots (`23.12.2015`) in it.
fn may_name_a_date(p: &str) -> bool {
    const MONTHS: [&[u8; 3]; 12] =
        [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];
    let b = p.as_bytes();
    // One pass: a month's name with a digit within fifteen bytes after it, or digits joined by a dot.
    (0..b.len()).any(|i| match b[i] {
        b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D' => {
            b.get(i..i + 3).is_some_and(|m| MONTHS.iter().any(|x| x[..] == *m))
                && b[i + 3..(i + 18).min(b.len())].iter().any(u8::is_ascii_digit)
        }
        b'.' => i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    })
}

/// "Published …", "Posted on …", "Updated: …", "Date: …", or a short byline "By NAME, DATE".
fn is_publication_line(p: &str) -> bool {
    const LEADS: &[&str] =
        &["published", "posted", "updated", "last updated", "first published", "date:", "dated", "released"];
    let l = p.to_lowercase();
    LEADS.iter().any(|x| l.starts_with(x)) || (l.starts_with("by ") && p.chars().count() <= 120)
}

/// The head of a dateline: a paragraph opening with one to three
/// capitalised words (a place), a comma, and within 60 characters a dash
/// or a colon ("YEREVAN, Oct 30 (Reuters) - …"); the part before the dash.
fn dateline(p: &str) -> Option<&str> {
    let comma = p.find(',')?;
    let place = &p[..comma];
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 || !words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let rest = &p[comma..];
    let dash = rest.char_indices().take(60).find(|(_, c)| matches!(c, '—' | '–' | '-' | ':'))?.0;
    // A dash inside a word ("Russian-Armenian") is not the dateline's.
    let before = rest[..dash].chars().last();
    if before.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some(&p[..comma + dash])
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn ingest(text: &str) -> (Store, i64) {
        let mut store = Store::in_memory().unwrap();
        let gaz = Gazetteer::build(None);
        let Ingested::Stored { doc, .. } = store.ingest("t.txt", text.as_bytes(), &gaz).unwrap() else { panic!() };
        (store, doc)
    }

    #[test]
    fn a_document_without_a_heading_is_titled_by_its_first_sentence() {
        // A news item opening with its text, no heading (issue 17).
        let (store, doc) = ingest(
            "Russia and Armenia signed an agreement on a joint air defence system in Moscow on Monday. \
             The deal was announced by the defence ministry.\n\nMore text follows here.",
        );
        let title = store.document(doc).unwrap().title;
        assert_eq!(
            title.as_deref(),
            Some("Russia and Armenia signed an agreement on a joint air defence system in Moscow on Monday.")
        );
        let long = "word ".repeat(60) + "end.";
        let (store, doc) = ingest(&long);
        let title = store.document(doc).unwrap().title.unwrap();
        assert!(title.ends_with("word…") && title.chars().count() <= 151, "{title}");
        // A heading stays the title.
        let (store, doc) = ingest("Russia, Armenia unite air defense\n\nThe two states agreed.");
        assert_eq!(store.document(doc).unwrap().title.as_deref(), Some("Russia, Armenia unite air defense"));
    }

    #[test]
    fn the_document_date_from_metadata_publication_line_byline_or_dateline() {
        let date = |text: &str| {
            let (store, doc) = ingest(text);
            let info = store.document(doc).unwrap();
            (info.date, info.date_rule)
        };
        let (d, rule) = date("Armenia hosts talks\n\nPublished: 14 November 2016\n\nThe talks began on October 29th.");
        assert_eq!((d.as_deref(), rule.as_deref()), (Some("2016-11-14"), Some("a publication line or byline")));
        let (d, _) = date("By Anna Smith, Oct. 30, 2020\n\nThe exercise ended on 12 December 2020.");
        assert_eq!(d.as_deref(), Some("2020-10-30"));
        // A dateline without a year takes the year the text gives.
        let (d, rule) = date(
            "YEREVAN, Oct 30 (Reuters) - Defense Minister Davit Tonoyan met his Russian \
                              counterpart; the 2020 budget was discussed.",
        );
        assert_eq!((d.as_deref(), rule.as_deref()), (Some("2020-10-30"), Some("a dateline")));
        // ... and the document's date resolves "on October 29th" in its text.
        let (store, doc) = ingest("MOSCOW, Nov. 2, 2020 - The ministers met on October 29th.");
        let dates: Vec<String> =
            store.candidates(Some(doc), Some(crate::Kind::Date), None).unwrap().into_iter().map(|c| c.value).collect();
        assert!(dates.contains(&"2020-10-29".to_string()), "{dates:?}");
    }

    #[test]
    fn spans_read_without_line_break_hyphenation_and_point_to_the_original() {
        // Issue 17: "devel- opment", "coop- eration" inside spans.
        let text = "Both states agreed on the devel-\nopment of military coop-\neration in 2016 and signed a treaty \
                    on a joint air defence sys-\ntem.";
        let (store, doc) = ingest(text);
        let chars: Vec<char> = text.chars().collect();
        let cands = store.candidates(Some(doc), Some(crate::Kind::Relation), None).unwrap();
        assert!(!cands.is_empty());
        for c in &cands {
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.span);
            assert!(c.span.contains("-\n") && !c.text.contains("- ") && !c.text.contains('\n'), "{:?}", c.text);
        }
        assert!(cands.iter().any(|c| c.text.contains("development of military cooperation")), "{cands:?}");
    }
}

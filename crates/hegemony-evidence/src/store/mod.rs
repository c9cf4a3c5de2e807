//! The evidence store: one SQLite file with documents and their versions
//! (original and normalised text, metadata, SHA-256), passages (with an FTS5
//! index) and candidates (with their review status). It stores and reads;
//! what goes in is computed by [`crate::ingest`]; the full-text search is in
//! `store/search.rs` ([`Store::search`]).
//!
//! A document version goes in with one transaction: stored whole or not at
//! all.

mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::candidate::{Candidate, Detail, Kind, ReviewRecord, ReviewStatus};
use crate::extract::Found;
use crate::format::Format;
use crate::{EvidenceError, Result};
pub use search::{Hit, SearchFilter, year_span};

/// The schema this program writes. Version 1 (without the candidates'
/// `text`) is upgraded in place when opened.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS versions(
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT, author TEXT, publisher TEXT,
    date TEXT, date_rule TEXT,
    bytes INTEGER NOT NULL,
    original TEXT NOT NULL,
    normalised TEXT NOT NULL,
    dropped TEXT NOT NULL,
    UNIQUE(doc_id, version)
);
CREATE INDEX IF NOT EXISTS versions_sha ON versions(sha256);
CREATE TABLE IF NOT EXISTS passages(
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    footnote INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_version ON passages(version_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS candidates(
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    passage_id INTEGER NOT NULL REFERENCES passages(id),
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    span TEXT NOT NULL,
    text TEXT,
    value TEXT NOT NULL,
    actors TEXT NOT NULL,
    confidence REAL NOT NULL,
    detail TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    review TEXT
);
CREATE INDEX IF NOT EXISTS candidates_version ON candidates(version_id);
CREATE INDEX IF NOT EXISTS candidates_passage ON candidates(passage_id);
";

/// A stored document version, without its texts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocInfo {
    /// The document's id.
    pub doc: i64,
    /// Its name (a canonical path, or the name given with its bytes).
    pub name: String,
    /// The version.
    pub version: i64,
    /// SHA-256 of the version's bytes (hex).
    pub sha256: String,
    /// The format its bytes were read as (`text`, `html`, `pdf`, `docx`).
    pub format: String,
    /// The title.
    pub title: Option<String>,
    /// The author(s).
    pub author: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The document's date (`2016-12`).
    pub date: Option<String>,
    /// The rule that found the date.
    pub date_rule: Option<String>,
    /// The number of bytes.
    pub bytes: i64,
    /// How many passages it has.
    pub passages: i64,
    /// How many candidates.
    pub candidates: i64,
}

/// A document version to store, with its passages and their candidates,
/// every offset into its original text.
#[derive(Clone, Debug)]
pub struct NewVersion {
    /// SHA-256 of the document's bytes (hex).
    pub sha256: String,
    /// The format its bytes were read as.
    pub format: Format,
    /// The title.
    pub title: Option<String>,
    /// The author(s).
    pub author: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The document's date and the rule that found it.
    pub date: Option<(hegemony_core::PartialDate, &'static str)>,
    /// The number of bytes.
    pub bytes: usize,
    /// The original text (every offset refers to it).
    pub original: String,
    /// The normalised main text.
    pub normalised: String,
    /// How many characters of furniture normalisation dropped, by reason.
    pub dropped: Vec<(&'static str, usize)>,
    /// The passages, in order (main text, then footnotes).
    pub passages: Vec<NewPassage>,
}

/// A passage to store.
#[derive(Clone, Debug)]
pub struct NewPassage {
    /// Character offset of its start in the original text.
    pub start: usize,
    /// Character offset just past its end.
    pub end: usize,
    /// Whether it is (part of) a footnote.
    pub footnote: bool,
    /// Its normalised text (what is searched).
    pub text: String,
    /// Its candidates.
    pub candidates: Vec<NewCandidate>,
}

/// A candidate to store.
#[derive(Clone, Debug)]
pub struct NewCandidate {
    /// The candidate, its offsets (and those in its detail) into the original text.
    pub found: Found,
    /// The original text of its span.
    pub span: String,
    /// The span as read (see [`Candidate::text`]).
    pub text: String,
}

/// The evidence store.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// How long the ingest pipeline lets the PDF reader take on one file
    /// (`None`: the reader's default); set with [`Store::set_pdf_timeout`].
    pub(crate) pdf_timeout: Option<Duration>,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| EvidenceError::Io { path: dir.display().to_string(), message: e.to_string() })?;
        }
        let conn = Connection::open(path).map_err(|e| db(path, e))?;
        let s = Store { conn, path: Some(path.to_path_buf()), pdf_timeout: None };
        s.init()?;
        Ok(s)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| db(Path::new(":memory:"), e))?;
        let s = Store { conn, path: None, pdf_timeout: None };
        s.init()?;
        Ok(s)
    }

    /// The file, unless the store is in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn err(&self, e: rusqlite::Error) -> EvidenceError {
        db(self.path.as_deref().unwrap_or(Path::new(":memory:")), e)
    }

    fn init(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;").map_err(|e| self.err(e))?;
        let existing: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| r.get(0))
            .optional()
            .unwrap_or(None);
        if existing.as_deref() == Some("1") {
            // Version 1 lacks the candidates' `text`: added, empty (read as the span, white space squashed).
            self.conn
                .execute_batch(
                    "ALTER TABLE candidates ADD COLUMN text TEXT; UPDATE meta SET value = '2' WHERE key = 'schema';",
                )
                .map_err(|e| self.err(e))?;
        } else if let Some(v) = existing
            && v != SCHEMA_VERSION.to_string()
        {
            return Err(EvidenceError::Db(format!(
                "{}: evidence store schema {v}, this program reads schema {SCHEMA_VERSION}; ingest into a new store (--store)",
                self.path.as_deref().map(|p| p.display().to_string()).unwrap_or_default()
            )));
        }
        self.conn.execute_batch(SCHEMA).map_err(|e| self.err(e))?;
        self.conn
            .execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?1)", [SCHEMA_VERSION.to_string()])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The latest version of the document `name` with these bytes, if stored.
    pub fn find_version(&self, name: &str, sha256: &str) -> Result<Option<(i64, i64)>> {
        self.conn
            .query_row(
                "SELECT d.id, v.version FROM versions v JOIN documents d ON d.id = v.doc_id
                 WHERE d.name = ?1 AND v.sha256 = ?2 ORDER BY v.version DESC LIMIT 1",
                params![name, sha256],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Stores `v` as the next version of the document `name` (a new document
    /// if there is none), in one transaction; the document's id and the version.
    pub fn insert(&mut self, name: &str, v: &NewVersion) -> Result<(i64, i64)> {
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let e = |e: rusqlite::Error| db(&path, e);
        // The rows of a version refer only to rows this transaction writes (ids from
        // last_insert_rowid), so their foreign keys need no check, row by row; on again after.
        self.conn.execute_batch("PRAGMA foreign_keys = OFF").map_err(e)?;
        let done = self.insert_rows(name, v);
        self.conn.execute_batch("PRAGMA foreign_keys = ON").map_err(e)?;
        done
    }

    /// The rows of [`Store::insert`], in one transaction.
    fn insert_rows(&mut self, name: &str, v: &NewVersion) -> Result<(i64, i64)> {
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let e = |e: rusqlite::Error| db(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute("INSERT OR IGNORE INTO documents(name) VALUES (?1)", [name]).map_err(e)?;
        let doc: i64 = tx.query_row("SELECT id FROM documents WHERE name = ?1", [name], |r| r.get(0)).map_err(e)?;
        let version: i64 = tx
            .query_row("SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE doc_id = ?1", [doc], |r| r.get(0))
            .map_err(e)?;
        let dropped = json(&v.dropped.iter().map(|(k, n)| (k.to_string(), *n)).collect::<Vec<_>>())?;
        tx.execute(
            "INSERT INTO versions(doc_id, version, sha256, format, title, author, publisher, date, date_rule, bytes,
                                  original, normalised, dropped)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                doc,
                version,
                v.sha256,
                v.format.as_str(),
                v.title,
                v.author,
                v.publisher,
                v.date.map(|d| d.0.to_string()),
                v.date.map(|d| d.1),
                v.bytes as i64,
                v.original,
                v.normalised,
                dropped,
            ],
        )
        .map_err(e)?;
        let vid = tx.last_insert_rowid();
        {
            // Each statement prepared once for the version (not looked up again per row).
            let mut passage = tx
                .prepare_cached(
                    "INSERT INTO passages(version_id, seq, start, end, footnote, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(e)?;
            let mut fts = tx.prepare_cached("INSERT INTO passages_fts(rowid, text) VALUES (?1, ?2)").map_err(e)?;
            let mut candidate = tx
                .prepare_cached(
                    "INSERT INTO candidates(version_id, passage_id, kind, start, end, span, text, value, actors, confidence, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(e)?;
            for (seq, pa) in v.passages.iter().enumerate() {
                passage
                    .execute(params![vid, seq as i64, pa.start as i64, pa.end as i64, pa.footnote as i64, pa.text])
                    .map_err(e)?;
                let pid = tx.last_insert_rowid();
                fts.execute(params![pid, pa.text]).map_err(e)?;
                for NewCandidate { found: f, span, text } in &pa.candidates {
                    let (actors, detail) = (json(&f.actors)?, json(&f.detail)?);
                    // The span as read is kept only where it differs from the span with white space squashed.
                    let text = (!same_squashed(span, text)).then_some(text);
                    candidate
                        .execute(params![
                            vid,
                            pid,
                            f.kind.as_str(),
                            f.start as i64,
                            f.end as i64,
                            span,
                            text,
                            f.value,
                            actors,
                            f.confidence,
                            detail,
                        ])
                        .map_err(e)?;
                }
            }
        }
        tx.commit().map_err(e)?;
        Ok((doc, version))
    }

    /// Every document's latest version.
    pub fn documents(&self) -> Result<Vec<DocInfo>> {
        self.doc_infos("WHERE v.version = (SELECT MAX(version) FROM versions WHERE doc_id = v.doc_id)", params![])
    }

    /// The latest version of one document.
    pub fn document(&self, doc: i64) -> Result<DocInfo> {
        self.doc_infos(
            "WHERE v.doc_id = ?1 AND v.version = (SELECT MAX(version) FROM versions WHERE doc_id = v.doc_id)",
            params![doc],
        )?
        .into_iter()
        .next()
        .ok_or_else(|| EvidenceError::NotFound(format!("no document {doc} in the evidence store")))
    }

    fn doc_infos(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<DocInfo>> {
        let sql = format!(
            "SELECT d.id, d.name, v.version, v.sha256, v.format, v.title, v.author, v.publisher, v.date, v.date_rule,
                    v.bytes,
                    (SELECT COUNT(*) FROM passages WHERE version_id = v.id),
                    (SELECT COUNT(*) FROM candidates WHERE version_id = v.id)
             FROM versions v JOIN documents d ON d.id = v.doc_id {filter} ORDER BY d.id"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(args, |r| {
                Ok(DocInfo {
                    doc: r.get(0)?,
                    name: r.get(1)?,
                    version: r.get(2)?,
                    sha256: r.get(3)?,
                    format: r.get(4)?,
                    title: r.get(5)?,
                    author: r.get(6)?,
                    publisher: r.get(7)?,
                    date: r.get(8)?,
                    date_rule: r.get(9)?,
                    bytes: r.get(10)?,
                    passages: r.get(11)?,
                    candidates: r.get(12)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The original and normalised text of a document's latest version.
    pub fn texts(&self, doc: i64) -> Result<(String, String)> {
        self.conn
            .query_row(
                "SELECT original, normalised FROM versions WHERE doc_id = ?1 ORDER BY version DESC LIMIT 1",
                [doc],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| EvidenceError::NotFound(format!("no document {doc} in the evidence store")))
    }

    /// Candidates of the latest versions (of one document, or all), in text order.
    pub fn candidates(
        &self,
        doc: Option<i64>,
        kind: Option<Kind>,
        status: Option<ReviewStatus>,
    ) -> Result<Vec<Candidate>> {
        let sql = format!(
            "{CAND_SELECT} WHERE v.version = (SELECT MAX(version) FROM versions WHERE doc_id = v.doc_id)
               AND (?1 IS NULL OR v.doc_id = ?1) AND (?2 IS NULL OR c.kind = ?2) AND (?3 IS NULL OR c.status = ?3)
             ORDER BY v.doc_id, c.start, c.id"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![doc, kind.map(|k| k.as_str()), status.map(|s| s.as_str())], StoredCandidate::read)
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map_err(|e| self.err(e)).and_then(|r| self.typed(r))).collect()
    }

    /// The candidate `id`.
    pub fn candidate(&self, id: i64) -> Result<Candidate> {
        let sql = format!("{CAND_SELECT} WHERE c.id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], StoredCandidate::read)
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| EvidenceError::NotFound(format!("no candidate {id} in the evidence store")))?;
        self.typed(row)
    }

    /// A candidate row read as a [`Candidate`]; a value this program does not
    /// know is an error naming the candidate and the value.
    fn typed(&self, r: StoredCandidate) -> Result<Candidate> {
        let id = r.id;
        r.typed().map_err(|why| {
            EvidenceError::Db(format!(
                "{}: candidate {id}: {why}; the store was written by another version of hegemony: ingest into a new store (--store)",
                self.path.as_deref().unwrap_or(Path::new(":memory:")).display()
            ))
        })
    }

    /// Records a review decision.
    pub fn set_review(&self, id: i64, status: ReviewStatus, review: &ReviewRecord) -> Result<()> {
        let review = serde_json::to_string(review).map_err(|e| EvidenceError::Db(e.to_string()))?;
        let n = self
            .conn
            .execute(
                "UPDATE candidates SET status = ?2, review = ?3 WHERE id = ?1",
                params![id, status.as_str(), review],
            )
            .map_err(|e| self.err(e))?;
        if n == 0 {
            return Err(EvidenceError::NotFound(format!("no candidate {id} in the evidence store")));
        }
        Ok(())
    }
}

const CAND_SELECT: &str = "SELECT c.id, v.doc_id, v.version, c.passage_id, c.kind, c.start, c.end, c.span, c.value,
        c.actors, c.confidence, c.detail, c.status, c.review, c.text, v.date
     FROM candidates c JOIN versions v ON v.id = c.version_id";

/// A candidate row as SQLite holds it (texts not yet read).
struct StoredCandidate {
    id: i64,
    doc: i64,
    version: i64,
    passage: i64,
    kind: String,
    start: i64,
    end: i64,
    span: String,
    value: String,
    actors: String,
    confidence: f64,
    detail: String,
    status: String,
    review: Option<String>,
    text: Option<String>,
    doc_date: Option<String>,
}

impl StoredCandidate {
    /// Reads a row of [`CAND_SELECT`].
    fn read(r: &rusqlite::Row) -> rusqlite::Result<StoredCandidate> {
        Ok(StoredCandidate {
            id: r.get(0)?,
            doc: r.get(1)?,
            version: r.get(2)?,
            passage: r.get(3)?,
            kind: r.get(4)?,
            start: r.get(5)?,
            end: r.get(6)?,
            span: r.get(7)?,
            value: r.get(8)?,
            actors: r.get(9)?,
            confidence: r.get(10)?,
            detail: r.get(11)?,
            status: r.get(12)?,
            review: r.get(13)?,
            text: r.get(14)?,
            doc_date: r.get(15)?,
        })
    }

    /// The texts read into their types, or what does not fit.
    fn typed(self) -> std::result::Result<Candidate, String> {
        let kind: Kind = self.kind.parse()?;
        let relation = match kind {
            Kind::Relation => Some(self.value.parse()?),
            _ => None,
        };
        let actors = serde_json::from_str(&self.actors).map_err(|e| format!("actors '{}': {e}", self.actors))?;
        let review = match &self.review {
            Some(r) => Some(serde_json::from_str::<ReviewRecord>(r).map_err(|e| format!("review '{r}': {e}"))?),
            None => None,
        };
        Ok(Candidate {
            id: self.id,
            doc: self.doc,
            version: self.version,
            passage: self.passage,
            kind,
            start: self.start as usize,
            end: self.end as usize,
            text: self.text.unwrap_or_else(|| self.span.split_whitespace().collect::<Vec<_>>().join(" ")),
            span: self.span,
            value: self.value,
            relation,
            actors,
            confidence: self.confidence,
            detail: {
                // The document's date is the version's (a detail written by an earlier version may hold it).
                let mut d = Detail::parse(kind, &self.detail)?;
                if d.doc_date().is_none() {
                    d.set_doc_date(self.doc_date);
                }
                d
            },
            status: self.status.parse()?,
            review,
        })
    }
}

/// Whether `text` is `span` with its white space runs made single spaces (and trimmed).
fn same_squashed(span: &str, text: &str) -> bool {
    let mut t = text.chars();
    let mut pending_space = false;
    let mut started = false;
    for c in span.chars() {
        if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space && t.next() != Some(' ') {
            return false;
        }
        pending_space = false;
        started = true;
        if t.next() != Some(c) {
            return false;
        }
    }
    t.next().is_none()
}

fn db(path: &Path, e: rusqlite::Error) -> EvidenceError {
    EvidenceError::Db(format!("{}: {e}", path.display()))
}

/// A value as the JSON text a column keeps.
fn json(v: &impl Serialize) -> Result<String> {
    serde_json::to_string(v).map_err(|e| EvidenceError::Db(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_as_read_is_kept_only_where_it_differs() {
        assert!(same_squashed("Russia and\n  Armenia", "Russia and Armenia"));
        assert!(same_squashed(" Russia ", "Russia"));
        assert!(!same_squashed("devel-\nopment", "development"));
        assert!(!same_squashed("Russia", "Russian"));
    }

    #[test]
    fn a_schema_1_store_is_upgraded_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sqlite");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(&SCHEMA.replace("    text TEXT,\n", "")).unwrap();
            c.execute("INSERT INTO meta(key, value) VALUES ('schema', '1')", []).unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        let gaz = crate::Gazetteer::build(None);
        store.ingest("a.txt", "Russia signed a treaty in 2016.".as_bytes(), &gaz).unwrap();
        assert!(store.candidates(None, None, None).unwrap().iter().all(|c| !c.text.is_empty()));
        let schema: String =
            store.conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| r.get(0)).unwrap();
        assert_eq!(schema, "2");
    }

    #[test]
    fn values_of_another_version_are_errors_naming_them() {
        let mut store = Store::in_memory().unwrap();
        let gaz = crate::Gazetteer::build(None);
        store.ingest("a.txt", b"Russia and Armenia signed a treaty in 2016.", &gaz).unwrap();
        let rel = store.candidates(None, Some(Kind::Relation), None).unwrap()[0].id;
        let broken = [
            ("value = 'agreement.denounced'", "unknown relation kind 'agreement.denounced'"),
            ("status = 'deferred'", "unknown review status 'deferred'"),
            ("kind = 'rumour'", "unknown candidate kind 'rumour'"),
            ("detail = '{\"rule\":\"x\"}'", "the detail is not that of a relation candidate"),
            ("review = '{\"edits\":3}'", "review '{\"edits\":3}'"),
        ];
        for (set, why) in broken {
            store.conn.execute_batch("SAVEPOINT broken").unwrap();
            store.conn.execute(&format!("UPDATE candidates SET {set} WHERE id = ?1"), [rel]).unwrap();
            let e = store.candidates(None, None, None).unwrap_err().to_string();
            assert!(e.contains(&format!("candidate {rel}: {why}")) && e.contains("another version"), "{e}");
            assert!(store.candidate(rel).is_err());
            store.conn.execute_batch("ROLLBACK TO broken; RELEASE broken").unwrap();
        }
        assert!(store.candidate(rel).is_ok());
    }
}

//! The evidence store: one SQLite file with documents and their versions
//! (original and normalised text, metadata, SHA-256), passages (with an FTS5
//! index) and candidates (with their review status).
//!
//! Every ingest runs in one transaction: a document is stored whole or not at
//! all. Re-ingesting the same bytes is a no-op; changed bytes under the same
//! name become a new version of the document.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::candidate::{Candidate, Detail, Kind, ReviewRecord, ReviewStatus};
use crate::extract::{Context, Found, extract};
use crate::format::{self, Format};
use crate::gazetteer::Gazetteer;
use crate::text::{self, DecodeError, Meta, Normalised, Passage};
use crate::{EvidenceError, Result};

const SCHEMA_VERSION: i64 = 1;

/// The largest document taken (text, HTML, PDF or DOCX): 64 MB, checked before parsing.
pub const MAX_BYTES: u64 = 64 << 20;

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

/// What one ingest did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Ingested {
    /// A new document (version 1) or a new version of a known one.
    Stored { doc: i64, version: i64, passages: usize, candidates: usize, chars: usize },
    /// The same bytes are already stored (as this document and version).
    Unchanged { doc: i64, version: i64 },
}

/// A stored document version, without its texts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocInfo {
    pub doc: i64,
    pub name: String,
    pub version: i64,
    pub sha256: String,
    pub format: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub date_rule: Option<String>,
    pub bytes: i64,
    pub passages: i64,
    pub candidates: i64,
}

/// A passage found by a search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub doc: i64,
    pub version: i64,
    pub title: Option<String>,
    pub passage: i64,
    pub start: usize,
    pub end: usize,
    /// bm25 (lower is better), from SQLite FTS5.
    pub score: f64,
    /// With the matched words between `**`.
    pub snippet: String,
    /// Whether every word of the query matched (else any word did).
    pub all_words: bool,
}

/// Filters of a search.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    /// Only passages naming this actor (a gazetteer id such as `RUS`, `org:csto`).
    pub actor: Option<String>,
    /// Only passages with a date (or, lacking dates, a document date) in these years.
    pub since: Option<i32>,
    pub until: Option<i32>,
    pub limit: usize,
}

/// The evidence store.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// How long the PDF reader may take on one file.
    pdf_timeout: std::time::Duration,
}

/// A prepared document: everything computed before the database is touched.
struct Prepared {
    sha256: String,
    format: Format,
    original: String,
    meta: Meta,
    norm: Normalised,
    date: Option<(hegemony_core::PartialDate, &'static str)>,
    title: Option<String>,
    passages: Vec<Passage>,
    /// Per passage, its candidates with offsets into the passage text.
    found: Vec<Vec<Found>>,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| EvidenceError::Io { path: dir.display().to_string(), message: e.to_string() })?;
        }
        let conn = Connection::open(path).map_err(|e| db(path, e))?;
        let s = Store { conn, path: Some(path.to_path_buf()), pdf_timeout: crate::pdf::DEFAULT_TIMEOUT };
        s.init()?;
        Ok(s)
    }

    /// A store in memory (tests).
    pub fn in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| db(Path::new(":memory:"), e))?;
        let s = Store { conn, path: None, pdf_timeout: crate::pdf::DEFAULT_TIMEOUT };
        s.init()?;
        Ok(s)
    }

    /// How long the PDF reader may take on one file before the file is
    /// refused (default [`crate::pdf::DEFAULT_TIMEOUT`]).
    pub fn set_pdf_timeout(&mut self, timeout: std::time::Duration) {
        self.pdf_timeout = timeout;
    }

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
        if let Some(v) = existing
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
        // The same bytes under this name: nothing to do.
        let same: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT d.id, v.version FROM versions v JOIN documents d ON d.id = v.doc_id
                 WHERE d.name = ?1 AND v.sha256 = ?2 ORDER BY v.version DESC LIMIT 1",
                params![name, sha],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some((doc, version)) = same {
            return Ok(Ingested::Unchanged { doc, version });
        }
        let p = prepare(name, bytes, sha, gaz, self.pdf_timeout).map_err(EvidenceError::Decode)?;
        self.store_prepared(name, bytes.len(), p)
    }

    fn store_prepared(&mut self, name: &str, nbytes: usize, p: Prepared) -> Result<Ingested> {
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let e = |e: rusqlite::Error| db(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute("INSERT OR IGNORE INTO documents(name) VALUES (?1)", [name]).map_err(e)?;
        let doc: i64 = tx.query_row("SELECT id FROM documents WHERE name = ?1", [name], |r| r.get(0)).map_err(e)?;
        let version: i64 = tx
            .query_row("SELECT COALESCE(MAX(version), 0) + 1 FROM versions WHERE doc_id = ?1", [doc], |r| r.get(0))
            .map_err(e)?;
        let dropped =
            serde_json::to_string(&p.norm.dropped.iter().map(|(k, n)| (k.to_string(), *n)).collect::<Vec<_>>())
                .unwrap_or_default();
        tx.execute(
            "INSERT INTO versions(doc_id, version, sha256, format, title, author, publisher, date, date_rule, bytes,
                                  original, normalised, dropped)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                doc,
                version,
                p.sha256,
                p.format.as_str(),
                p.title,
                p.meta.author,
                p.meta.publisher,
                p.date.map(|d| d.0.to_string()),
                p.date.map(|d| d.1),
                nbytes as i64,
                p.original,
                p.norm.main.text,
                dropped,
            ],
        )
        .map_err(e)?;
        let vid = tx.last_insert_rowid();
        let orig: Vec<char> = p.original.chars().collect();
        let mut ncand = 0;
        for (seq, (pa, found)) in p.passages.iter().zip(&p.found).enumerate() {
            tx.prepare_cached(
                "INSERT INTO passages(version_id, seq, start, end, footnote, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut st| {
                st.execute(params![vid, seq as i64, pa.start as i64, pa.end as i64, pa.footnote as i64, pa.text])
            })
            .map_err(e)?;
            let pid = tx.last_insert_rowid();
            tx.prepare_cached("INSERT INTO passages_fts(rowid, text) VALUES (?1, ?2)")
                .and_then(|mut st| st.execute(params![pid, pa.text]))
                .map_err(e)?;
            for f in found {
                let (s, en) = passage_range(pa, f.start, f.end);
                let mut detail = f.detail.clone();
                remap_detail(&mut detail, pa);
                detail.set_doc_date(p.date.map(|d| d.0.to_string()));
                let detail = serde_json::to_string(&detail).map_err(|x| EvidenceError::Db(x.to_string()))?;
                let span: String = orig[s..en].iter().collect();
                tx.prepare_cached(
                    "INSERT INTO candidates(version_id, passage_id, kind, start, end, span, value, actors, confidence, detail)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .and_then(|mut st| {
                    st.execute(params![
                        vid,
                        pid,
                        f.kind.as_str(),
                        s as i64,
                        en as i64,
                        span,
                        f.value,
                        serde_json::to_string(&f.actors).unwrap_or_default(),
                        f.confidence,
                        detail,
                    ])
                })
                .map_err(e)?;
                ncand += 1;
            }
        }
        tx.commit().map_err(e)?;
        Ok(Ingested::Stored {
            doc,
            version,
            passages: p.passages.len(),
            candidates: ncand,
            chars: p.norm.main.char_len(),
        })
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

    /// Full-text search over the passages of the latest versions, best first.
    /// Every word must match, with British/American spellings as one ("defence"
    /// = "defense"); if fewer than `limit` passages have them all, passages
    /// with some of the words follow.
    pub fn search(&self, query: &str, f: &SearchFilter) -> Result<Vec<Hit>> {
        let groups = query_groups(query);
        if groups.is_empty() {
            return Err(EvidenceError::Query(format!("'{query}' has no words to search for")));
        }
        let limit = if f.limit == 0 { 10 } else { f.limit };
        let and = groups.join(" AND ");
        let or = groups.join(" OR ");
        let mut hits = self.run_search(&and, f, limit, true)?;
        if hits.len() < limit && groups.len() > 1 {
            for h in self.run_search(&or, f, limit * 4, false)? {
                if hits.len() >= limit {
                    break;
                }
                if !hits.iter().any(|x| x.passage == h.passage) {
                    hits.push(h);
                }
            }
        }
        Ok(hits)
    }

    fn run_search(&self, fts: &str, f: &SearchFilter, limit: usize, all: bool) -> Result<Vec<Hit>> {
        let sql = "
            SELECT v.doc_id, v.version, v.title, p.id, p.start, p.end, bm25(passages_fts) AS score,
                   snippet(passages_fts, 0, '**', '**', '…', 24), v.date
            FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                 JOIN versions v ON v.id = p.version_id
            WHERE passages_fts MATCH ?1
              AND v.version = (SELECT MAX(version) FROM versions WHERE doc_id = v.doc_id)
              AND (?2 IS NULL OR EXISTS (SELECT 1 FROM candidates c WHERE c.passage_id = p.id AND c.kind = 'actor'
                     AND (c.value = ?2 OR EXISTS (SELECT 1 FROM json_each(c.actors) WHERE json_each.value = ?2))))
            ORDER BY score LIMIT ?3";
        let mut st = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![fts, f.actor, (limit * 20) as i64], |r| {
                Ok((
                    Hit {
                        doc: r.get(0)?,
                        version: r.get(1)?,
                        title: r.get(2)?,
                        passage: r.get(3)?,
                        start: r.get::<_, i64>(4)? as usize,
                        end: r.get::<_, i64>(5)? as usize,
                        score: r.get(6)?,
                        snippet: r.get(7)?,
                        all_words: all,
                    },
                    r.get::<_, Option<String>>(8)?,
                ))
            })
            .map_err(|e| EvidenceError::Query(format!("search '{fts}': {e}")))?;
        let mut out = Vec::new();
        for row in rows {
            let (hit, doc_date) = row.map_err(|e| self.err(e))?;
            if (f.since.is_some() || f.until.is_some()) && !self.passage_in_years(hit.passage, doc_date, f)? {
                continue;
            }
            out.push(hit);
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    fn passage_in_years(&self, passage: i64, doc_date: Option<String>, f: &SearchFilter) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT value FROM candidates WHERE passage_id = ?1 AND kind = 'date'")
            .map_err(|e| self.err(e))?;
        let mut values: Vec<String> =
            st.query_map([passage], |r| r.get(0)).map_err(|e| self.err(e))?.filter_map(|x| x.ok()).collect();
        if values.is_empty() {
            values.extend(doc_date);
        }
        let (lo, hi) = (f.since.unwrap_or(i32::MIN), f.until.unwrap_or(i32::MAX));
        Ok(values.iter().any(|v| {
            let (a, b) = year_span(v);
            a <= hi && b >= lo
        }))
    }
}

const CAND_SELECT: &str = "SELECT c.id, v.doc_id, v.version, c.passage_id, c.kind, c.start, c.end, c.span, c.value,
        c.actors, c.confidence, c.detail, c.status, c.review
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
            span: self.span,
            value: self.value,
            relation,
            actors,
            confidence: self.confidence,
            detail: Detail::parse(kind, &self.detail)?,
            status: self.status.parse()?,
            review,
        })
    }
}

/// The years a date value covers: `2016-11-14` → (2016, 2016), `2011/2020`,
/// `../2044` → (MIN, 2044), `2020/..` → (2020, MAX).
pub fn year_span(v: &str) -> (i32, i32) {
    let y = |s: &str, open: i32| -> i32 { s.get(..4).and_then(|x| x.parse().ok()).unwrap_or(open) };
    match v.split_once('/') {
        Some((a, b)) => {
            (if a == ".." { i32::MIN } else { y(a, i32::MIN) }, if b == ".." { i32::MAX } else { y(b, i32::MAX) })
        }
        None => (y(v, i32::MIN), y(v, i32::MAX)),
    }
}

/// The query as FTS5 groups: each word as a quoted term OR its other spelling.
fn query_groups(q: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in q.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let l = w.to_lowercase();
        let mut variants = vec![l.clone()];
        for (a, b) in [("ence", "ense"), ("ise", "ize"), ("isation", "ization"), ("tre", "ter"), ("our", "or")] {
            if let Some(stem) = l.strip_suffix(a) {
                variants.push(format!("{stem}{b}"));
            } else if let Some(stem) = l.strip_suffix(b) {
                variants.push(format!("{stem}{a}"));
            }
        }
        let terms: Vec<String> = variants.iter().map(|v| format!("\"{v}\"")).collect();
        out.push(if terms.len() == 1 { terms[0].clone() } else { format!("({})", terms.join(" OR ")) });
    }
    out
}

/// The original range behind the characters `[a, b)` of a passage.
fn passage_range(p: &Passage, a: usize, b: usize) -> (usize, usize) {
    if a >= b {
        let o = p.map[a.min(p.map.len() - 1)];
        return (o, o);
    }
    (p.map[a], p.map[b - 1] + 1)
}

/// Offsets inside `detail` (trigger, section) from passage to original.
fn remap_detail(detail: &mut Detail, p: &Passage) {
    let remap = |(a, b): (usize, usize)| {
        let b = b.min(p.map.len() - 1);
        let a = a.min(b);
        passage_range(p, a, b)
    };
    match detail {
        Detail::Relation(r) => r.trigger = remap(r.trigger),
        Detail::Claim(c) => c.section = c.section.map(remap),
        _ => {}
    }
}

fn prepare(
    name: &str,
    bytes: &[u8],
    sha256: String,
    gaz: &Gazetteer,
    pdf_timeout: std::time::Duration,
) -> std::result::Result<Prepared, DecodeError> {
    let format = format::sniff(name, bytes);
    let (original, meta) = format::read(name, bytes, pdf_timeout)?;
    if original.trim().is_empty() {
        return Err(DecodeError::Empty { name: name.to_string() });
    }
    let norm = text::normalise(&original);
    let mut passages = text::passages(&norm.main, false, 900);
    for f in &norm.footnotes {
        passages.extend(text::passages(f, true, 900));
    }
    let title = meta.title.clone().or_else(|| title_from_text(&norm.main.text));
    let date = doc_date(&meta, &norm);
    let cx = Context { gazetteer: gaz, doc_date: date.map(|d| d.0) };
    let mut found: Vec<Vec<Found>> = passages.iter().map(|p| extract(&p.text, &cx)).collect();
    let main: Vec<&str> = passages.iter().take_while(|p| !p.footnote).map(|p| p.text.as_str()).collect();
    crate::extract::expert_sections(&main, &mut found, gaz);
    Ok(Prepared { sha256, format, original, meta, norm, date, title, passages, found })
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

fn db(path: &Path, e: rusqlite::Error) -> EvidenceError {
    EvidenceError::Db(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_another_version_are_errors_naming_them() {
        let mut store = Store::in_memory().unwrap();
        let gaz = Gazetteer::build(None);
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

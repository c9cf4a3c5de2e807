//! Full-text search over the passages of the latest versions: every word
//! (British and American spellings as one) first, then some of the words;
//! filtered by actor and by the years a passage's dates cover.

use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::{EvidenceError, Result};

/// A passage found by a search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// The document.
    pub doc: i64,
    /// Its latest version.
    pub version: i64,
    /// Its title.
    pub title: Option<String>,
    /// The passage's id.
    pub passage: i64,
    /// Character offset of the passage's start in the original text.
    pub start: usize,
    /// Character offset just past its end.
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
    /// … and in or before this year.
    pub until: Option<i32>,
    /// At most this many passages (0: 10).
    pub limit: usize,
}

impl Store {
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

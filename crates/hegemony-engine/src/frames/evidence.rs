//! Evidence as tables: candidates (of the store, or of documents extracted
//! in memory), the stored documents, search hits and ingest results.

use hegemony_evidence::{DocInfo, Hit, Ingested};

use super::{floats, ints, joined, texts};
use crate::evidence::CandidateView;
use crate::table::{ColumnData, Table};

/// The columns every candidate table has, after its leading ones: `kind`,
/// `start`, `end` (character offsets into the document's original text),
/// `span`, `value`, `actors` (comma-separated codes, as the CLI shows them),
/// `confidence`, `rule`, `date` (the date the candidate is read as, if any),
/// `detail` (the rule's reading as JSON, as `--format json` has it).
fn push_candidate_columns(t: &mut Table, c: &[Option<&CandidateView>]) {
    let get = |f: &dyn Fn(&CandidateView) -> Option<String>| texts(c, |v| v.and_then(f));
    t.push("kind", get(&|v| Some(v.candidate.kind.as_str().to_string())));
    t.push("start", ints(c, |v| v.map(|v| v.candidate.start as i64)));
    t.push("end", ints(c, |v| v.map(|v| v.candidate.end as i64)));
    t.push("span", get(&|v| Some(v.candidate.span.clone())));
    t.push("value", get(&|v| Some(v.candidate.value.clone())));
    t.push("actors", get(&|v| Some(v.candidate.actors.join(","))));
    t.push("confidence", floats(c, |v| v.map(|v| v.candidate.confidence)));
    t.push("rule", get(&|v| Some(v.candidate.detail.rule().to_string())));
    t.push("date", get(&|v| v.candidate.detail.date().map(str::to_string)));
    t.push("detail", get(&|v| serde_json::to_string(&v.candidate.detail).ok()));
}

/// A candidate's links to the knowledge base, as the CLI's table shows them
/// (`supports fact-id; contradicts other-id`).
fn links(v: &CandidateView) -> Option<String> {
    joined(v.links.iter().map(|l| format!("{} {}", l.relation.as_str(), l.fact)))
}

/// Candidates of the evidence store (`hegemony evidence candidates`): `id`,
/// `doc`, `version`, `passage`, then the candidate columns (`kind`, `start`,
/// `end`, `span`, `value`, `actors`, `confidence`, `rule`, `date`, `detail`),
/// `status` and `links`.
pub fn candidates(views: &[CandidateView]) -> Table {
    let c: Vec<Option<&CandidateView>> = views.iter().map(Some).collect();
    let mut t = Table::default();
    t.push("id", ints(views, |v| Some(v.candidate.id)));
    t.push("doc", ints(views, |v| Some(v.candidate.doc)));
    t.push("version", ints(views, |v| Some(v.candidate.version)));
    t.push("passage", ints(views, |v| Some(v.candidate.passage)));
    push_candidate_columns(&mut t, &c);
    t.push("status", texts(views, |v| Some(v.candidate.status.as_str().to_string())));
    t.push("links", texts(views, links));
    t
}

/// The rows of `ids` at `rows` (a document's id repeated for each of its candidates).
fn take(ids: &ColumnData, rows: &[usize]) -> ColumnData {
    match ids {
        ColumnData::Int(v) => ColumnData::Int(rows.iter().map(|&r| v[r]).collect()),
        ColumnData::Float(v) => ColumnData::Float(rows.iter().map(|&r| v[r]).collect()),
        other => ColumnData::Text(rows.iter().map(|&r| other.text(r).map(str::to_string)).collect()),
    }
}

/// Candidates of documents extracted in memory: `doc_id` (the documents'
/// ids as given, in `ids`), `candidate` (its number in the document, 1, 2
/// …), `passage` (the passage's index), the candidate columns, `links`, and
/// `error`: a document that could not be read gives one row with the reason
/// there and the other columns null (nothing is dropped silently); a
/// document without candidates gives no row.
pub fn extracted(ids: &ColumnData, results: &[Result<Vec<CandidateView>, String>]) -> Table {
    let mut rows: Vec<usize> = Vec::new();
    let mut views: Vec<Option<&CandidateView>> = Vec::new();
    let mut errors: Vec<Option<String>> = Vec::new();
    for (doc, r) in results.iter().enumerate() {
        match r {
            Ok(found) => {
                for v in found {
                    rows.push(doc);
                    views.push(Some(v));
                    errors.push(None);
                }
            }
            Err(e) => {
                rows.push(doc);
                views.push(None);
                errors.push(Some(e.clone()));
            }
        }
    }
    let mut t = Table::default();
    t.push("doc_id", take(ids, &rows));
    t.push("candidate", ints(&views, |v| v.map(|v| v.candidate.id)));
    t.push("passage", ints(&views, |v| v.map(|v| v.candidate.passage)));
    push_candidate_columns(&mut t, &views);
    t.push("links", texts(&views, |v| v.and_then(links)));
    t.push("error", ColumnData::Text(errors));
    t
}

/// The stored documents' latest versions (`hegemony evidence docs`): `doc`,
/// `version`, `title`, `date`, `date_rule`, `format`, `passages`,
/// `candidates`, `bytes`, `sha256`, `name`, `author`, `publisher`.
pub fn documents(docs: &[DocInfo]) -> Table {
    let mut t = Table::default();
    t.push("doc", ints(docs, |d| Some(d.doc)));
    t.push("version", ints(docs, |d| Some(d.version)));
    t.push("title", texts(docs, |d| d.title.clone()));
    t.push("date", texts(docs, |d| d.date.clone()));
    t.push("date_rule", texts(docs, |d| d.date_rule.clone()));
    t.push("format", texts(docs, |d| Some(d.format.clone())));
    t.push("passages", ints(docs, |d| Some(d.passages)));
    t.push("candidates", ints(docs, |d| Some(d.candidates)));
    t.push("bytes", ints(docs, |d| Some(d.bytes)));
    t.push("sha256", texts(docs, |d| Some(d.sha256.clone())));
    t.push("name", texts(docs, |d| Some(d.name.clone())));
    t.push("author", texts(docs, |d| d.author.clone()));
    t.push("publisher", texts(docs, |d| d.publisher.clone()));
    t
}

/// Search hits, best first (`hegemony evidence search`): `rank`, `doc`,
/// `version`, `title`, `passage`, `start`, `end`, `score` (bm25, lower is
/// better), `all_words`, `snippet` (matched words between `**`).
pub fn hits(hits: &[Hit]) -> Table {
    let mut t = Table::default();
    let rank: Vec<usize> = (1..=hits.len()).collect();
    t.push("rank", ints(&rank, |r| Some(*r as i64)));
    t.push("doc", ints(hits, |h| Some(h.doc)));
    t.push("version", ints(hits, |h| Some(h.version)));
    t.push("title", texts(hits, |h| h.title.clone()));
    t.push("passage", ints(hits, |h| Some(h.passage)));
    t.push("start", ints(hits, |h| Some(h.start as i64)));
    t.push("end", ints(hits, |h| Some(h.end as i64)));
    t.push("score", floats(hits, |h| Some(h.score)));
    t.push("all_words", texts(hits, |h| Some(if h.all_words { "yes" } else { "some" }.to_string())));
    t.push("snippet", texts(hits, |h| Some(h.snippet.clone())));
    t
}

/// What ingest did with each file (`hegemony evidence ingest`): `file`,
/// `outcome` (`stored`, `unchanged`, `failed`), `doc`, `version`,
/// `passages`, `candidates`, `error`.
pub fn ingested(files: &[(String, Result<Ingested, String>)]) -> Table {
    let mut t = Table::default();
    let stored = |r: &Result<Ingested, String>| match r {
        Ok(Ingested::Stored { doc, version, passages, candidates, .. }) => {
            Some((*doc, *version, Some(*passages as i64), Some(*candidates as i64)))
        }
        Ok(Ingested::Unchanged { doc, version }) => Some((*doc, *version, None, None)),
        Err(_) => None,
    };
    t.push("file", texts(files, |(f, _)| Some(f.clone())));
    t.push(
        "outcome",
        texts(files, |(_, r)| {
            Some(
                match r {
                    Ok(Ingested::Stored { .. }) => "stored",
                    Ok(Ingested::Unchanged { .. }) => "unchanged",
                    Err(_) => "failed",
                }
                .to_string(),
            )
        }),
    );
    t.push("doc", ints(files, |(_, r)| stored(r).map(|s| s.0)));
    t.push("version", ints(files, |(_, r)| stored(r).map(|s| s.1)));
    t.push("passages", ints(files, |(_, r)| stored(r).and_then(|s| s.2)));
    t.push("candidates", ints(files, |(_, r)| stored(r).and_then(|s| s.3)));
    t.push("error", texts(files, |(_, r)| r.as_ref().err().cloned()));
    t
}

//! Evidence operations every interface shares (the CLI's `hegemony evidence`,
//! the API's `/evidence/...`): resolving an actor filter, candidates with
//! their links to the knowledge base, a document with its spans, and a
//! review decision.

use std::path::{Path, PathBuf};

use hegemony_evidence::candidate::{Edits, ReviewRecord, ReviewStatus};
use hegemony_evidence::review;
use hegemony_evidence::{Candidate, DocInfo, Gazetteer, Store};
use hegemony_kb::KnowledgeBase;
use serde::Serialize;
use serde_json::Value;

use crate::EngineError;

/// A search's actor filter: an id with a colon (`org:csto`) as is, a state
/// by any of its names, else a name of the gazetteer (`Gyumri`).
pub fn resolve_actor(kb: Option<&KnowledgeBase>, a: &str) -> Result<String, EngineError> {
    if a.contains(':') {
        return Ok(a.to_string());
    }
    if let Ok(code) = hegemony_kb::canonical_state(a) {
        return Ok(code);
    }
    let g = Gazetteer::build(kb);
    let chars: Vec<char> = a.chars().collect();
    let toks = hegemony_evidence::gazetteer::tokenize(&chars);
    match g.find(&chars, &toks).first() {
        Some(m) if m.end - m.start == chars.len() => Ok(m.actor.id.clone()),
        _ => Err(EngineError::Request(format!(
            "unknown actor '{a}': give a state (ARM, Armenia) or an id such as org:csto or place:gyumri"
        ))),
    }
}

/// Candidates as JSON, each with `links`: the facts it supports or contradicts.
pub fn candidates_json(cands: &[Candidate], kb: &KnowledgeBase) -> Vec<Value> {
    cands
        .iter()
        .map(|c| {
            let mut v = serde_json::to_value(c).unwrap_or_default();
            v["links"] = serde_json::to_value(review::links(c, kb)).unwrap_or_default();
            v
        })
        .collect()
}

/// A document's latest version with its original text and its candidates
/// (spans as character offsets into that text).
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    #[serde(flatten)]
    pub info: DocInfo,
    pub text: String,
    pub spans: Vec<Value>,
}

pub fn document(store: &Store, doc: i64, kb: &KnowledgeBase) -> Result<DocumentView, EngineError> {
    let info = store.document(doc)?;
    let (text, _) = store.texts(doc)?;
    let spans = candidates_json(&store.candidates(Some(doc), None, None)?, kb);
    Ok(DocumentView { info, text, spans })
}

/// A reviewer's decision on a candidate.
#[derive(Clone, Debug, Default)]
pub struct Decision {
    pub accept: bool,
    pub reject: bool,
    /// `key=value` changes (see [`review::parse_edits`]).
    pub edits: Vec<String>,
    /// Where an accepted fact is written (default: [`review::default_kb_file`]).
    pub kb_file: Option<PathBuf>,
    /// Return the fact that would be written, write nothing.
    pub dry_run: bool,
}

/// What a decision did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reviewed {
    pub candidate: i64,
    /// `accepted`, `rejected`, `pending` (edits recorded) or `dry_run`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toml: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Applies a decision: reject, record edits, or accept (the fact written to
/// the user's knowledge-base file only if the knowledge base still passes
/// `kb check` with it).
pub fn review(store: &Store, id: i64, d: &Decision) -> Result<Reviewed, EngineError> {
    let c = store.candidate(id)?;
    let edits = review::parse_edits(&d.edits)?;
    let done = |status, fact: Option<String>, toml: Option<String>, file: Option<&Path>| Reviewed {
        candidate: id,
        status,
        fact,
        toml,
        file: file.map(|f| f.display().to_string()),
    };
    if d.accept && d.reject {
        return Err(EngineError::Request("accept or reject, not both".into()));
    }
    if d.reject {
        store.set_review(id, ReviewStatus::Rejected, &ReviewRecord { edits, ..Default::default() })?;
        return Ok(done("rejected", None, None, None));
    }
    if !d.accept && edits.is_empty() {
        return Err(EngineError::Request("say accept, reject or give edits KEY=VALUE".into()));
    }
    let doc = store.document(c.doc)?;
    if doc.version != c.version {
        return Err(EngineError::Request(format!(
            "candidate {id} belongs to version {} of document {}, which has a newer version {}",
            c.version, c.doc, doc.version
        )));
    }
    if !d.accept {
        // Only edits: record them, keep the candidate pending.
        store.set_review(id, ReviewStatus::Pending, &ReviewRecord { edits, ..Default::default() })?;
        return Ok(done("pending", None, None, None));
    }
    let mut all_edits: Edits = c.review.as_ref().map(|r| r.edits.clone()).unwrap_or_default();
    all_edits.extend(edits);
    let (fact_id, toml) = review::fact_toml(&c, &doc, &all_edits)?;
    if d.dry_run {
        return Ok(done("dry_run", Some(fact_id), Some(toml), None));
    }
    let file = match &d.kb_file {
        Some(f) => f.clone(),
        None => review::default_kb_file().ok_or_else(|| {
            EngineError::Request("no home folder for the knowledge base; give a knowledge-base file".into())
        })?,
    };
    review::append_fact(&file, &toml)?;
    let record = ReviewRecord { edits: all_edits, fact: Some(fact_id.clone()), file: Some(file.display().to_string()) };
    store.set_review(id, ReviewStatus::Accepted, &record)?;
    Ok(done("accepted", Some(fact_id), Some(toml), Some(&file)))
}

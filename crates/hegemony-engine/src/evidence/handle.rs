//! The [`Evidence`] handle: an evidence store opened by the engine.

use std::borrow::Borrow;
use std::path::Path;

use hegemony_evidence::candidate::ReviewStatus;
use hegemony_evidence::{DocInfo, Gazetteer, Hit, Ingested, Kind, SearchFilter, Store};
use hegemony_kb::KnowledgeBase;

use super::decision::{self, Decision, Reviewed};
use super::views::{CandidateList, CandidateView, DocumentView};
use crate::EngineError;

/// Which candidates to list.
#[derive(Clone, Debug, Default)]
pub struct CandidateQuery {
    /// Only this document's (else those of every document's latest version).
    pub doc: Option<i64>,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only candidates in this review status.
    pub status: Option<ReviewStatus>,
    /// At most this many (the total is counted all the same).
    pub limit: Option<usize>,
}

/// An evidence store, opened: what every interface does with evidence.
pub struct Evidence {
    store: Store,
}

impl Evidence {
    /// Opens the evidence store at `path`, creating it if needed.
    pub fn open(path: &Path) -> Result<Evidence, EngineError> {
        Ok(Evidence { store: Store::open(path)? })
    }

    /// Ingests a file (text, HTML, PDF, DOCX: the format is read from the content).
    pub fn ingest_file(&mut self, path: &Path, gaz: &Gazetteer) -> Result<Ingested, EngineError> {
        Ok(self.store.ingest_file(path, gaz)?)
    }

    /// Ingests a document's bytes under `name` (nothing is read from disk).
    pub fn ingest(&mut self, name: &str, bytes: &[u8], gaz: &Gazetteer) -> Result<Ingested, EngineError> {
        Ok(self.store.ingest(name, bytes, gaz)?)
    }

    /// Every document's latest version.
    pub fn documents(&self) -> Result<Vec<DocInfo>, EngineError> {
        Ok(self.store.documents()?)
    }

    /// A document's latest version with its original text and its candidates.
    pub fn document(&self, doc: i64, kb: &KnowledgeBase) -> Result<DocumentView, EngineError> {
        let info = self.store.document(doc)?;
        let (text, _) = self.store.texts(doc)?;
        let spans = views(self.store.candidates(Some(doc), None, None)?, kb);
        Ok(DocumentView { info, text, spans })
    }

    /// Candidates (of a document that must exist, when one is named), in
    /// text order, each with its links to the knowledge base `kb` gives,
    /// which is asked for only once the query has succeeded (a CLI loads it
    /// then, and not at all for a document that does not exist).
    pub fn candidates<K: Borrow<KnowledgeBase>>(
        &self,
        q: &CandidateQuery,
        kb: impl FnOnce() -> K,
    ) -> Result<CandidateList, EngineError> {
        if let Some(d) = q.doc {
            self.store.document(d)?;
        }
        let mut cands = self.store.candidates(q.doc, q.kind, q.status)?;
        let total = cands.len();
        if let Some(limit) = q.limit {
            cands.truncate(limit);
        }
        Ok(CandidateList { total, candidates: views(cands, kb().borrow()) })
    }

    /// Full-text search over the passages, best first.
    pub fn search(&self, query: &str, f: &SearchFilter) -> Result<Vec<Hit>, EngineError> {
        Ok(self.store.search(query, f)?)
    }

    /// Applies a reviewer's decision on candidate `id`.
    pub fn review(&self, id: i64, d: &Decision) -> Result<Reviewed, EngineError> {
        decision::review(&self.store, id, d)
    }
}

fn views(cands: Vec<hegemony_evidence::Candidate>, kb: &KnowledgeBase) -> Vec<CandidateView> {
    cands.into_iter().map(|c| CandidateView::new(c, kb)).collect()
}

//! What the interfaces show of evidence: candidates with their links to
//! the knowledge base, a document with its spans.

use hegemony_evidence::review::{self, Link};
use hegemony_evidence::{Candidate, DocInfo};
use hegemony_kb::KnowledgeBase;
use serde::Serialize;

/// A candidate with the knowledge-base facts it supports or contradicts.
#[derive(Clone, Debug, Serialize)]
pub struct CandidateView {
    /// The candidate as stored.
    #[serde(flatten)]
    pub candidate: Candidate,
    /// Its links to the knowledge base.
    pub links: Vec<Link>,
}

impl CandidateView {
    /// The candidate with its links to `kb`.
    pub fn new(candidate: Candidate, kb: &KnowledgeBase) -> CandidateView {
        let links = review::links(&candidate, kb);
        CandidateView { candidate, links }
    }
}

/// Candidates of a query: how many there are, and (up to its limit) which.
#[derive(Clone, Debug, Serialize)]
pub struct CandidateList {
    /// All the query's candidates.
    pub total: usize,
    /// The first of them, in text order.
    pub candidates: Vec<CandidateView>,
}

/// A document's latest version with its original text and its candidates
/// (spans as character offsets into that text).
#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    /// What the store knows of the version.
    #[serde(flatten)]
    pub info: DocInfo,
    /// The original text.
    pub text: String,
    /// The candidates, with their links.
    pub spans: Vec<CandidateView>,
}

//! Evidence through the engine. The interfaces (the CLI's `hegemony
//! evidence`, the API's `/evidence/...`) open an [`Evidence`] handle and
//! call it: ingest, documents, candidates with their links to the knowledge
//! base, search, review. [`document_candidates`] runs extraction on a
//! document in memory, without a store. The evidence crate's types are
//! re-exported here (`hegemony_engine::evidence::Kind`, `::Gazetteer`,
//! `::pdf::testing` …).

mod actor;
mod decision;
mod handle;
mod in_memory;
mod views;

pub use actor::resolve_actor;
pub use decision::{Decision, Outcome, Reviewed, Verdict};
pub use handle::{CandidateQuery, Evidence};
pub use hegemony_evidence::*;
pub use in_memory::document_candidates;
pub use views::{CandidateList, CandidateView, DocumentView};

//! Evidence from documents: from analyses and news to reviewed, sourced facts.
//!
//! * [`text`]: bytes to text (UTF-8/UTF-16, binary refused with a reason),
//!   the text layer of HTML, normalisation (hyphenation across line breaks,
//!   footnote markers and bodies, bookmarks, page numbers) with a map from
//!   every normalised character back to the original, and passages.
//! * [`pdf`]: the text layer of PDFs (`pdf-extract`), on a worker thread that
//!   catches the reader's panics and is abandoned after a timeout; encrypted
//!   and scanned (text-less) PDFs refused with the reason.
//! * [`docx`]: the paragraphs of a DOCX (`word/document.xml`, read from the
//!   ZIP container with `zip` and parsed with `quick-xml`).
//! * [`gazetteer`]: names of states (registry: aliases, capitals, metonyms,
//!   Russian names), organisations, firms and people (knowledge base), places,
//!   units and agencies (`data/gazetteer.tsv`).
//! * [`extract`]: rule-based candidates (actors, dates and periods, quantities,
//!   relations, attributed claims), each with a span, a normalised value, a
//!   confidence and the rule that fired.
//! * [`store`]: the SQLite evidence store (versions, passages with FTS5,
//!   candidates and their review status); every ingest is one transaction.
//! * [`review`]: accepted candidates as knowledge-base TOML (validated before
//!   writing), and links from candidates to the facts they support or
//!   contradict.
//! * [`gold`]: precision and recall against hand annotations.
//!
//! Offsets are character offsets (Unicode scalar values) into a document
//! version's original text, which the store keeps.

pub mod candidate;
pub mod docx;
pub mod extract;
pub mod format;
pub mod gazetteer;
pub mod gold;
pub mod ingest;
pub mod pdf;
pub mod review;
pub mod store;
pub mod text;

pub use candidate::{Candidate, Kind};
pub use gazetteer::Gazetteer;
pub use ingest::Ingested;
pub use store::{DocInfo, Hit, SearchFilter, Store};

/// Everything that can go wrong, with messages for people.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error(transparent)]
    Decode(#[from] text::DecodeError),
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}: {bytes} bytes, more than the {limit} bytes a document may have; split it")]
    TooLarge { path: String, bytes: u64, limit: u64 },
    #[error("evidence store: {0}")]
    Db(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Query(String),
    #[error("{0}")]
    Review(String),
}

pub type Result<T> = std::result::Result<T, EvidenceError>;

/// The default store: `evidence.sqlite` in the data folder.
pub fn default_store_path(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("evidence.sqlite")
}

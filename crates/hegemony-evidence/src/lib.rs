#![warn(missing_docs)]

//! Evidence from documents: from analyses and news to reviewed, sourced facts.
//!
//! * [`format`](mod@format): the format from the content (text, HTML, PDF, DOCX) and the
//!   reader of each; the readers share [`text`]'s types and not each other.
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
//! * [`candidate`]: what a candidate is (kind, relation kinds, detail by
//!   kind, review status), read back from the store once, with errors for
//!   values it does not know.
//! * [`ingest`]: the pipeline from a document's bytes to what the store
//!   keeps (original text, passages, candidates with offsets into the
//!   original, title, date).
//! * [`store`]: the SQLite evidence store (versions, passages with FTS5,
//!   candidates and their review status): it only stores and reads; every
//!   version goes in with one transaction.
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
    /// A document's bytes could not be read as a document.
    #[error(transparent)]
    Decode(#[from] text::DecodeError),
    /// A file could not be read or written.
    #[error("cannot read {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        message: String,
    },
    /// A document over [`ingest::MAX_BYTES`].
    #[error("{path}: {bytes} bytes, more than the {limit} bytes a document may have; split it")]
    TooLarge {
        /// The document.
        path: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The store failed, or holds what this program cannot read.
    #[error("evidence store: {0}")]
    Db(String),
    /// No such document or candidate.
    #[error("{0}")]
    NotFound(String),
    /// A search query that cannot be run.
    #[error("{0}")]
    Query(String),
    /// A candidate that cannot become a fact (as it stands), or a fact the
    /// knowledge base would not accept.
    #[error("{0}")]
    Review(String),
}

/// A result with an [`EvidenceError`].
pub type Result<T> = std::result::Result<T, EvidenceError>;

/// The default store: `evidence.sqlite` in the data folder.
pub fn default_store_path(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("evidence.sqlite")
}

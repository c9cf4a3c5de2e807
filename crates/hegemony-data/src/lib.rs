//! Loaders for the standard datasets, with per-row diagnostics and content
//! hashes, plus the data directory and downloads.
//!
//! Every loader returns what it read ([`source::InputFile`]: path, SHA-256,
//! rows) so that outputs can say exactly which inputs made them, and a
//! [`diagnostics::Diagnostics`] list for every row it could not take.

#![warn(missing_docs)]

pub mod cache;
pub mod catalog;
pub mod datadir;
pub mod diagnostics;
pub mod fetch;
pub mod pairwise;
pub mod panel_sources;
pub mod relations;
pub mod source;
pub mod structural;
pub mod votes;

pub use diagnostics::{Diagnostic, Diagnostics, LoadError};
pub use source::InputFile;
pub use votes::{LoadedVotes, VoteFormat, load_undl, load_unvotes, load_voeten};

//! The model of hegemony: the state registry, UN votes and the time units
//! measures are computed over.
//!
//! This crate does no I/O: everything it knows is compiled in (the registry
//! tables under `data/`) or handed to it by the caller. That keeps every
//! other layer testable with values built in memory.

#![warn(missing_docs)]

pub mod date;
pub mod states;
pub mod vote;
pub mod votes;

pub use date::{Date, DateError, PartialDate, Precision};
pub use states::{Registry, State, UnknownState};
pub use vote::{Vote, VoteCode};
pub use votes::{Issue, IssueSet, RollCall, VoteRecord};

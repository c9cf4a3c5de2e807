//! Measures of alignment and hierarchy, computed over in-memory data.
//!
//! Pure computation: inputs come from `hegemony-core` types, nothing here
//! reads files or talks to a network.

#![warn(missing_docs)]

pub mod agreement;
pub mod changepoint;
pub mod composite;
pub mod convergence;
pub mod dependence;
pub mod ideal;
pub mod institutions;
pub mod joint;
pub mod rsc;

pub use agreement::{AbsencePolicy, AgreementOptions, DyadPeriod, DyadSelection, PeriodKind, VoteSubset, dyad_tables};
pub use joint::{JointTable, Weights};

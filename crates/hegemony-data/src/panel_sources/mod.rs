//! Loaders of the dyad-year datasets only the dyad-year panel reads: COW
//! formal alliances (dyad-years), COW IGO co-memberships (non-directed
//! dyad-years) and COW dyadic trade with its four flows. (ATOP, capabilities,
//! disputes, contiguity, rivalries and powers have their loaders in
//! [`crate::structural`] and [`crate::relations`].)
//!
//! Like every loader: each file read through [`crate::source`], every row it
//! cannot take reported as a [`Diagnostic`](crate::Diagnostic), the
//! [`InputFile`](crate::InputFile) returned, and the years the source covers
//! kept, so that a dyad-year outside them is *not covered*, never "none".

mod alliances;
mod igo;
#[cfg(test)]
mod tests;
mod trade;

pub use alliances::{CowAlliances, load_cow_alliances};
pub use igo::{IgoCounts, load_igo_dyads};
pub use trade::{DyadicTrade, Flows, load_dyadic_trade};

/// COW Formal Alliances v4.1 dyad-years (peacesciencer's `cow_alliance`).
pub const COW_ALLIANCES: &str = "ps_cow_alliance";
/// COW IGO v3 shared full memberships per non-directed dyad-year (peacesciencer's `cow_igo_ndy`).
pub const IGO_DYADS: &str = "ps_cow_igo_ndy";
/// COW Dyadic Trade v4.0 (peacesciencer's `cow_trade_ndy`).
pub const DYADIC_TRADE: &str = "ps_cow_trade_ndy";

/// A 0/1 field of a flag column.
fn flag(s: &str) -> Result<bool, (String, String)> {
    match s {
        "0" => Ok(false),
        "1" => Ok(true),
        other => Err((other.to_string(), "a flag must be 0 or 1".to_string())),
    }
}

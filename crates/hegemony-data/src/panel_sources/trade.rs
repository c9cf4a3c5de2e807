//! COW Dyadic Trade v4.0 with its four flows as published (peacesciencer's
//! `cow_trade_ndy`: non-directed, rounded to whole million US dollars). The
//! profile's trade loader ([`crate::structural::load_trade`]) keeps only
//! dyads with both raw flows, summed; the panel needs each flow, and the
//! smoothed ones, with a missing flow missing.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{amount, ccode, read_rows, year};

/// The flows of one dyad-year, current million US dollars; `None` where
/// the source has no figure.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flows {
    /// Imports of the first state from the second.
    pub flow1: Option<f64>,
    /// Imports of the second state from the first.
    pub flow2: Option<f64>,
    /// COW's smoothed `flow1`.
    pub smoothflow1: Option<f64>,
    /// COW's smoothed `flow2`.
    pub smoothflow2: Option<f64>,
}

impl Flows {
    /// The same flows seen from the other state (first and second swapped).
    pub fn swapped(self) -> Flows {
        Flows { flow1: self.flow2, flow2: self.flow1, smoothflow1: self.smoothflow2, smoothflow2: self.smoothflow1 }
    }
}

/// Dyadic trade by dyad-year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DyadicTrade {
    /// The file read.
    pub input: Option<InputFile>,
    /// (lower code, higher code, year) → flows, the lower code's as `flow1`.
    flows: FxHashMap<(u16, u16, i32), Flows>,
    /// The first year of the data.
    pub first_year: i32,
    /// The last year of the data (v4.0 ends in 2014).
    pub last_year: i32,
}

impl DyadicTrade {
    /// The flows between `a` and `b` in `year`, `a`'s imports as `flow1`;
    /// `None` when the file has no row for the dyad-year.
    pub fn between(&self, a: u16, b: u16, year: i32) -> Option<Flows> {
        if a <= b { self.flows.get(&(a, b, year)).copied() } else { self.flows.get(&(b, a, year)).map(|f| f.swapped()) }
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// Reads `ccode1`, `ccode2`, `year`, `flow1`, `flow2`, `smoothflow1`,
/// `smoothflow2` (negative or empty: no figure). A dyad-year given twice is
/// a diagnostic.
pub fn load_dyadic_trade(path: &Path, diags: &mut Diagnostics) -> Result<DyadicTrade, LoadError> {
    let mut out = DyadicTrade { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let cols = ["ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2"];
    let input = read_rows(path, cols, diags, |_, [a, b, y, f1, f2, s1, s2]| {
        let (a, b, y) = (ccode(a)?, ccode(b)?, year(y)?);
        if a == b {
            return Err((format!("{a}-{b}"), "a dyad of one state".into()));
        }
        let f = Flows { flow1: amount(f1)?, flow2: amount(f2)?, smoothflow1: amount(s1)?, smoothflow2: amount(s2)? };
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let (key, f) = if a < b { ((a, b, y), f) } else { ((b, a, y), f.swapped()) };
        if out.flows.insert(key, f).is_some() {
            return Err((format!("{a}-{b}/{y}"), "a second row for the same dyad-year (the later one is kept)".into()));
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

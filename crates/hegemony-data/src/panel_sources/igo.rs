//! COW IGO v3 shared full memberships per non-directed dyad-year
//! (peacesciencer's `cow_igo_ndy`): the number of IGOs in which both states
//! are full members. Dyad-years absent from the file are not covered (the
//! IGO data's own state list), never zero.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows, year};

/// Shared IGO memberships by dyad-year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IgoCounts {
    /// The file read.
    pub input: Option<InputFile>,
    /// (lower code, higher code, year) → IGOs shared.
    counts: FxHashMap<(u16, u16, i32), u16>,
    /// The first year of the data.
    pub first_year: i32,
    /// The last year of the data (v3 ends in 2014).
    pub last_year: i32,
}

impl IgoCounts {
    /// IGOs in which both `a` and `b` are full members in `year` (either
    /// order); `None` when the file has no row for the dyad-year.
    pub fn shared(&self, a: u16, b: u16, year: i32) -> Option<u16> {
        let key = if a <= b { (a, b, year) } else { (b, a, year) };
        self.counts.get(&key).copied()
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// Number of dyad-years in the file.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether the file had no usable row.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// Reads `ccode1`, `ccode2`, `year`, `dyadigos` (a count, 0 or more). A
/// dyad-year given twice, or the same state twice, is a diagnostic.
pub fn load_igo_dyads(path: &Path, diags: &mut Diagnostics) -> Result<IgoCounts, LoadError> {
    let mut out = IgoCounts { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let input = read_rows(path, ["ccode1", "ccode2", "year", "dyadigos"], diags, |_, [a, b, y, n]| {
        let (a, b, y) = (ccode(a)?, ccode(b)?, year(y)?);
        if a == b {
            return Err((format!("{a}-{b}"), "a dyad of one state".into()));
        }
        let n: u16 = n.parse().map_err(|_| (n.to_string(), "not a count of IGOs".to_string()))?;
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let key = if a < b { (a, b, y) } else { (b, a, y) };
        if out.counts.insert(key, n).is_some() {
            return Err((format!("{a}-{b}/{y}"), "a second row for the same dyad-year (the later one is kept)".into()));
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

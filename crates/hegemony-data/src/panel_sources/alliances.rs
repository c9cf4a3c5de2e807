//! COW Formal Alliances v4.1 as dyad-years (peacesciencer's `cow_alliance`):
//! one row per directed dyad-year with a formal alliance, both orders
//! present, four types (defence, neutrality, non-aggression, entente)
//! collapsed to any-alliance-of-that-type per dyad-year.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::flag;
use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows, year};

/// COW alliance types per directed dyad-year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CowAlliances {
    /// The file read.
    pub input: Option<InputFile>,
    /// (ccode1, ccode2, year) → type bits: 1 defence, 2 neutrality, 4 non-aggression, 8 entente.
    types: FxHashMap<(u16, u16, i32), u8>,
    /// The first year of the data.
    pub first_year: i32,
    /// The last year of the data (v4.1 ends in 2012).
    pub last_year: i32,
}

impl CowAlliances {
    /// Defence pact (Type I).
    pub const DEFENCE: u8 = 1;
    /// Neutrality pact (Type II).
    pub const NEUTRALITY: u8 = 2;
    /// Non-aggression pact (Type IIa).
    pub const NON_AGGRESSION: u8 = 4;
    /// Entente (Type III).
    pub const ENTENTE: u8 = 8;

    /// The types of alliance between `a` and `b` in `year` as bits (0: none
    /// that year); `None` outside the years the data covers.
    pub fn types(&self, a: u16, b: u16, year: i32) -> Option<u8> {
        self.covers(year).then(|| self.types.get(&(a, b, year)).copied().unwrap_or(0))
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// Every directed dyad-year with an alliance: (ccode1, ccode2, year, type bits).
    pub fn rows(&self) -> impl Iterator<Item = (u16, u16, i32, u8)> + '_ {
        self.types.iter().map(|(&(a, b, y), &t)| (a, b, y, t))
    }
}

/// Reads `ccode1`, `ccode2`, `year`, `cow_defense`, `cow_neutral`,
/// `cow_nonagg`, `cow_entente` (each 0 or 1). A row with no type set, a
/// state allied with itself, or a dyad-year given twice is a diagnostic.
pub fn load_cow_alliances(path: &Path, diags: &mut Diagnostics) -> Result<CowAlliances, LoadError> {
    let mut out = CowAlliances { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let cols = ["ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"];
    let input = read_rows(path, cols, diags, |_, [a, b, y, kinds @ ..]| {
        let (a, b, y) = (ccode(a)?, ccode(b)?, year(y)?);
        if a == b {
            return Err((format!("{a}-{b}"), "a state allied with itself".into()));
        }
        let mut bits = 0u8;
        for (i, k) in kinds.iter().enumerate() {
            if flag(k)? {
                bits |= 1 << i;
            }
        }
        if bits == 0 {
            return Err((format!("{a}-{b}/{y}"), "a row with no alliance type set".into()));
        }
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        if out.types.insert((a, b, y), bits).is_some() {
            return Err((format!("{a}-{b}/{y}"), "a second row for the same dyad-year (the later one is kept)".into()));
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

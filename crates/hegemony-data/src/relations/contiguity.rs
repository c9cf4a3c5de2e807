//! Direct contiguity (COW Direct Contiguity 3.2, peacesciencer's
//! `cow_contdir`): spells of land borders and of separation by water.

use std::path::Path;

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::{code, dyad, year_month};
use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows};

/// One spell of a dyad's contiguity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ContiguitySpell {
    /// The lower COW code.
    pub a: u16,
    /// The higher COW code.
    pub b: u16,
    /// 1 land border; 2, 3, 4, 5 separated by at most 12, 24, 150, 400 miles of water.
    pub kind: u8,
    /// Start (year, month).
    pub from: (i32, u8),
    /// End (year, month).
    pub to: (i32, u8),
    /// 1-based line of the first of its rows.
    pub line: u64,
}

/// A contact of two states in one year: the closest kind of the spells
/// touching the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// The lower COW code.
    pub a: u16,
    /// The higher COW code.
    pub b: u16,
    /// 1 land … 5 up to 400 miles of water (the closest of the year).
    pub kind: u8,
    /// Line of the spell.
    pub line: u64,
}

impl Contact {
    /// The row key for sources: `ps_cow_contdir:line 12`.
    pub fn source_key(&self) -> String {
        format!("{}:line {}", super::CONTIGUITY, self.line)
    }
}

/// Every contiguity spell (kind 1–5; the file's "not contiguous" spells,
/// kind 0, are read and left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Contiguity {
    /// The file read.
    pub input: Option<InputFile>,
    /// The spells, ordered by dyad and start.
    pub spells: Vec<ContiguitySpell>,
    /// The last year of the data (2016).
    pub last_year: i32,
}

impl Contiguity {
    /// The contacts of `year` (a spell counts in every year it touches), by dyad.
    pub fn in_year(&self, year: i32) -> Vec<Contact> {
        let mut out: Vec<Contact> = Vec::new();
        for s in self.spells.iter().filter(|s| s.from.0 <= year && year <= s.to.0) {
            match out.last_mut() {
                Some(c) if (c.a, c.b) == (s.a, s.b) => {
                    if s.kind < c.kind {
                        *c = Contact { a: s.a, b: s.b, kind: s.kind, line: s.line };
                    }
                }
                _ => out.push(Contact { a: s.a, b: s.b, kind: s.kind, line: s.line }),
            }
        }
        out
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        year <= self.last_year
    }
}

/// Reads the contiguity spells (`ccode1`, `ccode2`, `conttype`, `stdate`, `enddate`).
pub fn load_contiguity(path: &Path, diags: &mut Diagnostics) -> Result<Contiguity, LoadError> {
    let mut out = Contiguity { last_year: i32::MIN, ..Default::default() };
    let mut seen: FxHashSet<(u16, u16, u8, (i32, u8))> = FxHashSet::default();
    let input =
        read_rows(path, ["ccode1", "ccode2", "conttype", "stdate", "enddate"], diags, |line, [c1, c2, k, s, e]| {
            let (x, z) = (ccode(c1)?, ccode(c2)?);
            if x == z {
                return Err((c1.to_string(), "a state is not contiguous with itself".into()));
            }
            let kind = code(k, 5, "conttype")?.ok_or_else(|| (k.to_string(), "conttype is required".to_string()))?;
            let (from, to) = (year_month(s)?, year_month(e)?);
            if to < from {
                return Err((format!("{s}..{e}"), "the spell ends before it starts".into()));
            }
            out.last_year = out.last_year.max(to.0);
            let (a, b) = dyad(x, z);
            if kind != 0 && seen.insert((a, b, kind, from)) {
                out.spells.push(ContiguitySpell { a, b, kind, from, to, line });
            }
            Ok(())
        })?;
    out.spells.sort_by_key(|s| (s.a, s.b, s.from));
    out.input = Some(input);
    Ok(out)
}

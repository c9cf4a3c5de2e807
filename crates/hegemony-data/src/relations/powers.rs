//! Major, regional and global powers: the COW major-power list (State System
//! Membership 2016) and Maoz's (2010) regional and global powers.

use std::path::Path;

use serde::Serialize;

use super::year_month;
use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows, year};

/// A power status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerKind {
    /// A regional power (Maoz).
    Regional,
    /// A major power (COW).
    Major,
    /// A global power (Maoz): reach beyond its region.
    Global,
}

/// One spell of a state's power status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PowerSpell {
    /// COW code.
    pub ccode: u16,
    /// The status.
    pub kind: PowerKind,
    /// First year (the spell counts in every year it touches).
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// 1-based line in the file.
    pub line: u64,
}

/// The power spells of one dataset.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Powers {
    /// The file read.
    pub input: Option<InputFile>,
    /// Every spell, in file order.
    pub spells: Vec<PowerSpell>,
    /// The last year of the data (COW majors 2016, Maoz 2019).
    pub last_year: i32,
}

impl Powers {
    /// The statuses of `ccode` in `year` (a state can be regional in one
    /// dataset and major in another; within one dataset, one status a year).
    pub fn of(&self, ccode: u16, year: i32) -> Vec<&PowerSpell> {
        self.spells.iter().filter(|s| s.ccode == ccode && s.from <= year && year <= s.to).collect()
    }

    /// Whether `ccode` has status `kind` in `year`.
    pub fn has(&self, ccode: u16, year: i32, kind: PowerKind) -> bool {
        self.of(ccode, year).iter().any(|s| s.kind == kind)
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        year <= self.last_year
    }
}

fn ordered(from: i32, to: i32, what: &str) -> Result<(i32, i32), (String, String)> {
    if to < from {
        return Err((format!("{from}-{to}"), format!("the {what} spell ends before it starts")));
    }
    Ok((from, to))
}

/// Reads the COW major powers (`ccode`, `styear`, `endyear`).
pub fn load_majors(path: &Path, diags: &mut Diagnostics) -> Result<Powers, LoadError> {
    let mut out = Powers { last_year: i32::MIN, ..Default::default() };
    let input = read_rows(path, ["ccode", "styear", "endyear"], diags, |line, [c, s, e]| {
        let ccode = ccode(c)?;
        let (from, to) = ordered(year(s)?, year(e)?, "major-power")?;
        out.last_year = out.last_year.max(to);
        out.spells.push(PowerSpell { ccode, kind: PowerKind::Major, from, to, line });
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads Maoz's powers (`ccode`, `regstdate`, `regenddate`, `globstdate`,
/// `globenddate`; an empty pair = never that status). A row can give both a
/// regional and a global spell.
pub fn load_maoz_powers(path: &Path, diags: &mut Diagnostics) -> Result<Powers, LoadError> {
    let mut out = Powers { last_year: i32::MIN, ..Default::default() };
    let cols = ["ccode", "regstdate", "regenddate", "globstdate", "globenddate"];
    let input = read_rows(path, cols, diags, |line, [c, rs, re, gs, ge]| {
        let ccode = ccode(c)?;
        let mut any = false;
        for (s, e, kind) in [(rs, re, PowerKind::Regional), (gs, ge, PowerKind::Global)] {
            match (s.is_empty() || s == "NA", e.is_empty() || e == "NA") {
                (true, true) => continue,
                (false, false) => {}
                _ => return Err((format!("{s}..{e}"), "a spell needs both a start and an end date".into())),
            }
            let (from, to) = ordered(year_month(s)?.0, year_month(e)?.0, "power")?;
            out.last_year = out.last_year.max(to);
            out.spells.push(PowerSpell { ccode, kind, from, to, line });
            any = true;
        }
        if !any {
            return Err((c.to_string(), "the row gives neither a regional nor a global spell".into()));
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

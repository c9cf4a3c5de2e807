//! National material capabilities (COW NMC 7.0): the six parts and CINC,
//! the mean of a state's six shares of the system's totals.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{amount, ccode, read_rows, year};

/// One state-year of capabilities; a part the source lacks is `None`, never 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Capability {
    /// Military expenditure, thousands (pounds to 1913, current US dollars after).
    pub milex: Option<f64>,
    /// Military personnel, thousands.
    pub milper: Option<f64>,
    /// Iron and steel production, thousand tons.
    pub irst: Option<f64>,
    /// Primary energy consumption, thousand coal-ton equivalents.
    pub pec: Option<f64>,
    /// Total population, thousands.
    pub tpop: Option<f64>,
    /// Urban population (cities of 100,000 or more), thousands.
    pub upop: Option<f64>,
    /// Composite Index of National Capability.
    pub cinc: Option<f64>,
    /// 1-based line in the file.
    pub line: u64,
}

/// Capabilities by state and year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Capabilities {
    /// The file read.
    pub input: Option<InputFile>,
    by_state_year: FxHashMap<(u16, i32), Capability>,
    /// The first year of the data.
    pub first_year: i32,
    /// The last year of the data (NMC 7.0 ends in 2022).
    pub last_year: i32,
}

impl Capabilities {
    /// The capabilities of `ccode` in `year`, if the file has the row.
    pub fn get(&self, ccode: u16, year: i32) -> Option<&Capability> {
        self.by_state_year.get(&(ccode, year))
    }

    /// CINC of `ccode` in `year`.
    pub fn cinc(&self, ccode: u16, year: i32) -> Option<f64> {
        self.get(ccode, year).and_then(|c| c.cinc)
    }

    /// Whether `year` lies within the data's years.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// The row key for sources: `ps_cow_nmc:365/2016`.
    pub fn source_key(ccode: u16, year: i32) -> String {
        format!("{}:{ccode}/{year}", super::CAPABILITIES)
    }
}

/// Reads the capabilities (`ccode`, `year`, `milex`, `milper`, `irst`,
/// `pec`, `tpop`, `upop`, `cinc`); negative values are COW's missing codes
/// and read as missing, a CINC above 1 is refused.
pub fn load_capabilities(path: &Path, diags: &mut Diagnostics) -> Result<Capabilities, LoadError> {
    let mut out = Capabilities { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let cols = ["ccode", "year", "milex", "milper", "irst", "pec", "tpop", "upop", "cinc"];
    let input = read_rows(path, cols, diags, |line, [c, y, me, mp, ir, pe, tp, up, ci]| {
        let (c, y) = (ccode(c)?, year(y)?);
        let cinc = amount(ci)?;
        if cinc.is_some_and(|v| v > 1.0) {
            return Err((ci.to_string(), "CINC is a share of the system and cannot exceed 1".into()));
        }
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let cap = Capability {
            milex: amount(me)?,
            milper: amount(mp)?,
            irst: amount(ir)?,
            pec: amount(pe)?,
            tpop: amount(tp)?,
            upop: amount(up)?,
            cinc,
            line,
        };
        if out.by_state_year.insert((c, y), cap).is_some() {
            return Err((format!("{c}/{y}"), "a second row for the same state-year (the later one is kept)".into()));
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

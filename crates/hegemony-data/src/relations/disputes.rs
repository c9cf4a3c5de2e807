//! Militarised interstate disputes as dyad-years (COW MID 5.0, converted to
//! directed dyad-years and whittled to one dispute per dyad-year by
//! peacesciencer). The file has both orders of every dyad; the loader keeps
//! each dyad-year once.

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{code, dyad};
use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows, year};

/// One dyad-year with an ongoing dispute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DisputeYear {
    /// MID number.
    pub dispute: u32,
    /// The lower COW code of the dyad.
    pub a: u16,
    /// The higher COW code.
    pub b: u16,
    /// The year.
    pub year: i32,
    /// The dispute began (or the dyad entered it) this year.
    pub onset: bool,
    /// The dyad's highest hostility level: 1 no militarised action, 2
    /// threat, 3 display, 4 use of force, 5 war (the higher of the two
    /// states' levels; `None` when both are unknown).
    pub hostility: Option<u8>,
    /// The dyad's highest fatality level (0 none … 6 more than 999).
    pub fatality: Option<u8>,
    /// The two states were on opposite sides (always, in this extract; the
    /// naive dyads of multilateral disputes are all side A × side B pairs).
    pub opposite_sides: bool,
    /// 1-based line of the first of the two directed rows.
    pub line: u64,
}

impl DisputeYear {
    /// The row key for sources: `ps_cow_mid_ddydisps:4240/2001`.
    pub fn source_key(&self) -> String {
        format!("{}:{}/{}", super::DISPUTES, self.dispute, self.year)
    }
}

/// Every dispute dyad-year, by year.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Disputes {
    /// The file read.
    pub input: Option<InputFile>,
    by_year: BTreeMap<i32, Vec<DisputeYear>>,
    /// The first year of the data.
    pub first_year: i32,
    /// The last year of the data (MID 5.0 ends in 2014).
    pub last_year: i32,
}

impl Disputes {
    /// The dispute dyad-years of `year`, ordered by dyad.
    pub fn in_year(&self, year: i32) -> &[DisputeYear] {
        self.by_year.get(&year).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The dispute between `a` and `b` (either order) in `year`, if any.
    pub fn between(&self, a: u16, b: u16, year: i32) -> Option<&DisputeYear> {
        let (a, b) = dyad(a, b);
        self.in_year(year).iter().find(|d| d.a == a && d.b == b)
    }

    /// Whether `year` lies within the data's years (outside: not covered, not "no dispute").
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// Reads the MID dyad-years (`dispnum`, `ccode1`, `ccode2`, `year`,
/// `cowmidonset`, `sidea1`, `sidea2`, `hostlev1`, `hostlev2`, `fatality1`, `fatality2`).
pub fn load_disputes(path: &Path, diags: &mut Diagnostics) -> Result<Disputes, LoadError> {
    let mut out = Disputes { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let mut seen: FxHashMap<(u16, u16, i32), usize> = FxHashMap::default();
    let mut rows: Vec<DisputeYear> = Vec::new();
    let cols = [
        "dispnum",
        "ccode1",
        "ccode2",
        "year",
        "cowmidonset",
        "sidea1",
        "sidea2",
        "hostlev1",
        "hostlev2",
        "fatality1",
        "fatality2",
    ];
    let input = read_rows(path, cols, diags, |line, [n, c1, c2, y, onset, sa1, sa2, h1, h2, f1, f2]| {
        let dispute: u32 = n.parse().map_err(|_| (n.to_string(), "not a MID number".to_string()))?;
        let (x, z, y) = (ccode(c1)?, ccode(c2)?, year(y)?);
        if x == z {
            return Err((c1.to_string(), "a dispute needs two different states".into()));
        }
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let hostility = code(h1, 5, "hostlev1")?.max(code(h2, 5, "hostlev2")?);
        let fatality = code(f1, 6, "fatality1")?.max(code(f2, 6, "fatality2")?);
        let (a, b) = dyad(x, z);
        let row = DisputeYear {
            dispute,
            a,
            b,
            year: y,
            onset: onset == "1",
            hostility,
            fatality,
            opposite_sides: sa1 != sa2,
            line,
        };
        // The mirror row of a directed dyad adds nothing; a second dispute
        // for the same dyad-year (there should be none) keeps the more hostile.
        match seen.get(&(a, b, y)) {
            Some(&i) => {
                if row.hostility > rows[i].hostility {
                    rows[i] = DisputeYear { line: rows[i].line.min(line), ..row };
                }
            }
            None => {
                seen.insert((a, b, y), rows.len());
                rows.push(row);
            }
        }
        Ok(())
    })?;
    for r in rows {
        out.by_year.entry(r.year).or_default().push(r);
    }
    for v in out.by_year.values_mut() {
        v.sort_by_key(|d| (d.a, d.b));
    }
    out.input = Some(input);
    Ok(out)
}

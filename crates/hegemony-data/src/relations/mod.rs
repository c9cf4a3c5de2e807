//! Loaders for the relations between states that regional security
//! complexes rest on: strategic rivalries (Thompson, Sakuwa & Suhas;
//! Thompson & Dreyer), militarised disputes (COW MID, dyad-years), direct
//! contiguity (COW), major and regional powers (COW; Maoz) and national
//! capabilities with their parts (COW NMC, CINC).
//!
//! Each loader reads one file through [`crate::source`], keeps every row it
//! can use, reports every row it cannot as a [`Diagnostic`](crate::Diagnostic)
//! (file, line, value, reason), returns the [`InputFile`] it read (path,
//! SHA-256, rows) and records the years the source covers, so that a later
//! year is *not covered* rather than "no rivalry" or "no dispute".
//!
//! The API is meant for any dyad-year panel, not only for the complexes:
//! every type answers "what holds between `a` and `b` in `year`" and lists
//! its rows for provenance (`line`). Dyads are unordered: the loaders store
//! each pair once with the lower COW code first, whatever order (or both
//! orders, for the directed files) the file has.
//!
//! ```no_run
//! use std::path::Path;
//! let rel = hegemony_data::relations::load_dir(Path::new("data"))?;
//! if let Some(r) = &rel.tss {
//!     for rivalry in r.between(371, 373, 2016) {
//!         println!("{} ({}-{})", rivalry.name, rivalry.start, rivalry.end);
//!     }
//! }
//! # Ok::<(), hegemony_data::LoadError>(())
//! ```

mod capabilities;
mod contiguity;
mod disputes;
mod powers;
mod rivalries;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use capabilities::{Capabilities, Capability, load_capabilities};
pub use contiguity::{Contact, Contiguity, ContiguitySpell, load_contiguity};
pub use disputes::{DisputeYear, Disputes, load_disputes};
pub use powers::{PowerKind, PowerSpell, Powers, load_majors, load_maoz_powers};
pub use rivalries::{Rivalries, Rivalry, RivalryKind, RivalrySource, load_td_rivalries, load_tss_rivalries};

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::find;

/// Thompson, Sakuwa & Suhas (2021) strategic rivalries (peacesciencer's `tss_rivalries`).
pub const TSS_RIVALRIES: &str = "ps_tss_rivalries";
/// Thompson & Dreyer (2012) strategic rivalries (peacesciencer's `td_rivalries`).
pub const TD_RIVALRIES: &str = "ps_td_rivalries";
/// COW Militarized Interstate Disputes 5.0 as dyad-years (peacesciencer's `cow_mid_ddydisps`).
pub const DISPUTES: &str = "ps_cow_mid_ddydisps";
/// COW Direct Contiguity 3.2 (peacesciencer's `cow_contdir`).
pub const CONTIGUITY: &str = "ps_cow_contdir";
/// COW major powers (State System Membership 2016).
pub const MAJORS: &str = "ps_cow_majors";
/// Maoz (2010) regional and global powers.
pub const MAOZ_POWERS: &str = "ps_maoz_powers";
/// COW National Material Capabilities 7.0 (the same file as the population loader reads).
pub const CAPABILITIES: &str = "ps_cow_nmc";

/// An unordered dyad, lower COW code first.
pub fn dyad(a: u16, b: u16) -> (u16, u16) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Everything of this module found in a data folder. A file that is not
/// there leaves its part `None`; a file that is there but broken is an
/// error naming it.
#[derive(Clone, Debug, Default)]
pub struct Relations {
    /// Thompson, Sakuwa & Suhas rivalries ([`TSS_RIVALRIES`]).
    pub tss: Option<Rivalries>,
    /// Thompson & Dreyer rivalries ([`TD_RIVALRIES`]).
    pub td: Option<Rivalries>,
    /// Militarised disputes ([`DISPUTES`]).
    pub disputes: Option<Disputes>,
    /// Direct contiguity ([`CONTIGUITY`]).
    pub contiguity: Option<Contiguity>,
    /// COW major powers ([`MAJORS`]).
    pub majors: Option<Powers>,
    /// Maoz's regional and global powers ([`MAOZ_POWERS`]).
    pub maoz: Option<Powers>,
    /// National capabilities and CINC ([`CAPABILITIES`]).
    pub capabilities: Option<Capabilities>,
    /// Rows refused across the files, in a fixed order of files.
    pub diagnostics: Diagnostics,
}

impl Relations {
    /// The files read, in a fixed order.
    pub fn inputs(&self) -> Vec<InputFile> {
        let mut out = Vec::new();
        out.extend(self.tss.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.td.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.disputes.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.contiguity.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.majors.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.maoz.as_ref().and_then(|r| r.input.clone()));
        out.extend(self.capabilities.as_ref().and_then(|r| r.input.clone()));
        out
    }

    /// The stems of the datasets this module reads that the folder lacks.
    pub fn missing(&self) -> Vec<&'static str> {
        let parts = [
            (self.tss.is_none(), TSS_RIVALRIES),
            (self.td.is_none(), TD_RIVALRIES),
            (self.disputes.is_none(), DISPUTES),
            (self.contiguity.is_none(), CONTIGUITY),
            (self.majors.is_none(), MAJORS),
            (self.maoz.is_none(), MAOZ_POWERS),
            (self.capabilities.is_none(), CAPABILITIES),
        ];
        parts.into_iter().filter(|(absent, _)| *absent).map(|(_, stem)| stem).collect()
    }
}

/// The files of this module's datasets in a folder (`.csv.gz` or `.csv`), each `None` when absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Files {
    /// [`TSS_RIVALRIES`].
    pub tss: Option<PathBuf>,
    /// [`TD_RIVALRIES`].
    pub td: Option<PathBuf>,
    /// [`DISPUTES`].
    pub disputes: Option<PathBuf>,
    /// [`CONTIGUITY`].
    pub contiguity: Option<PathBuf>,
    /// [`MAJORS`].
    pub majors: Option<PathBuf>,
    /// [`MAOZ_POWERS`].
    pub maoz: Option<PathBuf>,
    /// [`CAPABILITIES`].
    pub capabilities: Option<PathBuf>,
}

impl Files {
    /// The files found in `dir`.
    pub fn find(dir: &Path) -> Files {
        Files {
            tss: find(dir, TSS_RIVALRIES),
            td: find(dir, TD_RIVALRIES),
            disputes: find(dir, DISPUTES),
            contiguity: find(dir, CONTIGUITY),
            majors: find(dir, MAJORS),
            maoz: find(dir, MAOZ_POWERS),
            capabilities: find(dir, CAPABILITIES),
        }
    }
}

/// Loads whichever of this module's datasets `dir` holds (they are small:
/// about 30,000 rows together, a few tens of milliseconds).
pub fn load_dir(dir: &Path) -> Result<Relations, LoadError> {
    load_files(&Files::find(dir))
}

/// Loads the files named in `files`.
pub fn load_files(files: &Files) -> Result<Relations, LoadError> {
    fn one<T>(
        path: &Option<PathBuf>,
        diags: &mut Diagnostics,
        load: fn(&Path, &mut Diagnostics) -> Result<T, LoadError>,
    ) -> Result<Option<T>, LoadError> {
        path.as_deref().map(|p| load(p, diags)).transpose()
    }
    let mut d = Diagnostics::default();
    Ok(Relations {
        tss: one(&files.tss, &mut d, load_tss_rivalries)?,
        td: one(&files.td, &mut d, load_td_rivalries)?,
        disputes: one(&files.disputes, &mut d, load_disputes)?,
        contiguity: one(&files.contiguity, &mut d, load_contiguity)?,
        majors: one(&files.majors, &mut d, load_majors)?,
        maoz: one(&files.maoz, &mut d, load_maoz_powers)?,
        capabilities: one(&files.capabilities, &mut d, load_capabilities)?,
        diagnostics: d,
    })
}

/// A field that must be empty, `0` or `1` (the flags of the rivalry files).
pub(crate) fn flag(s: &str) -> Result<bool, (String, String)> {
    match s {
        "" | "0" | "NA" => Ok(false),
        "1" => Ok(true),
        other => Err((other.to_string(), "a flag must be empty, 0 or 1".to_string())),
    }
}

/// A small non-negative integer code (`-9` and empty: unknown).
pub(crate) fn code(s: &str, max: u8, what: &str) -> Result<Option<u8>, (String, String)> {
    if s.is_empty() || s == "NA" || s == "-9" {
        return Ok(None);
    }
    match s.parse::<u8>() {
        Ok(v) if v <= max => Ok(Some(v)),
        _ => Err((s.to_string(), format!("{what} must be a code from 0 to {max} (or -9 for unknown)"))),
    }
}

/// `YYYY-MM-DD` (or `YYYY-MM`) as (year, month).
pub(crate) fn year_month(s: &str) -> Result<(i32, u8), (String, String)> {
    let bad = || (s.to_string(), "not a date YYYY-MM-DD".to_string());
    let mut parts = s.split('-');
    let y: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let m: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if !(1800..=2100).contains(&y) || !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok((y, m))
}

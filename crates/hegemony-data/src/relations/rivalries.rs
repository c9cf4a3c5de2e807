//! Strategic rivalries: Thompson, Sakuwa & Suhas (2021) and Thompson &
//! Dreyer (2012), as peacesciencer distributes them (one row per rivalry).

use std::path::Path;

use serde::Serialize;

use super::{dyad, flag};
use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::InputFile;
use crate::structural::{ccode, read_rows};

/// Which rivalry dataset a rivalry comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RivalrySource {
    /// Thompson, Sakuwa & Suhas (2021), ongoing rivalries coded to 2020.
    Tss,
    /// Thompson & Dreyer (2012), ongoing rivalries coded to 2010.
    Td,
}

impl RivalrySource {
    /// The dataset's file stem, for sources (`ps_tss_rivalries`).
    pub fn stem(self) -> &'static str {
        match self {
            RivalrySource::Tss => super::TSS_RIVALRIES,
            RivalrySource::Td => super::TD_RIVALRIES,
        }
    }
}

/// What a rivalry is about (Thompson's types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RivalryKind {
    /// Over position in a hierarchy (regional or global).
    Positional,
    /// Over territory.
    Spatial,
    /// Over the political or economic system.
    Ideological,
    /// Over influence in a third state's internal affairs.
    Interventionary,
}

impl RivalryKind {
    fn parse(s: &str) -> Result<Option<RivalryKind>, (String, String)> {
        Ok(Some(match s.trim().to_ascii_lowercase().as_str() {
            "" | "na" => return Ok(None),
            "positional" => RivalryKind::Positional,
            "spatial" => RivalryKind::Spatial,
            "ideological" => RivalryKind::Ideological,
            "interventionary" => RivalryKind::Interventionary,
            _ => {
                return Err((
                    s.to_string(),
                    "not a rivalry type (positional, spatial, ideological, interventionary)".into(),
                ));
            }
        }))
    }
}

/// One strategic rivalry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rivalry {
    /// The dataset.
    pub source: RivalrySource,
    /// The dataset's rivalry number.
    pub id: u32,
    /// Its name in the dataset (`Armenia-Azerbaijan`).
    pub name: String,
    /// The lower COW code of the two rivals.
    pub a: u16,
    /// The higher COW code.
    pub b: u16,
    /// First year.
    pub start: i32,
    /// Last year (an ongoing rivalry ends at the dataset's last year).
    pub end: i32,
    /// Its types.
    pub kinds: Vec<RivalryKind>,
    /// A principal rivalry (TSS: principal for both; asymmetric principal counts too).
    pub principal: bool,
    /// 1-based line in the decompressed file.
    pub line: u64,
}

impl Rivalry {
    /// Whether the rivalry runs in `year`.
    pub fn in_year(&self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }

    /// The row key for sources: `ps_tss_rivalries:199`.
    pub fn source_key(&self) -> String {
        format!("{}:{}", self.source.stem(), self.id)
    }
}

/// The rivalries of one dataset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rivalries {
    /// The file read.
    pub input: Option<InputFile>,
    /// The dataset.
    pub source: RivalrySource,
    /// Every rivalry, in file order.
    pub items: Vec<Rivalry>,
    /// The last year the dataset codes (rivalries ongoing then end there):
    /// the latest end year found.
    pub last_year: i32,
}

impl Rivalries {
    /// The rivalries between `a` and `b` (either order) running in `year`.
    pub fn between(&self, a: u16, b: u16, year: i32) -> impl Iterator<Item = &Rivalry> {
        let (a, b) = dyad(a, b);
        self.items.iter().filter(move |r| r.a == a && r.b == b && r.in_year(year))
    }

    /// Every rivalry running in `year`.
    pub fn in_year(&self, year: i32) -> impl Iterator<Item = &Rivalry> {
        self.items.iter().filter(move |r| r.in_year(year))
    }

    /// Whether a rivalry ongoing at the end of the data ends there
    /// (right-censored), as opposed to ending earlier.
    pub fn ongoing_at_end(&self, r: &Rivalry) -> bool {
        r.end == self.last_year
    }

    /// Whether `year` lies within the years the dataset codes.
    pub fn covers(&self, year: i32) -> bool {
        year <= self.last_year
    }
}

/// Rivalry years: the datasets reach back to 1494.
fn rivalry_year(s: &str) -> Result<i32, (String, String)> {
    match s.parse::<i32>() {
        Ok(y) if (1400..=2100).contains(&y) => Ok(y),
        _ => Err((s.to_string(), "not a year between 1400 and 2100".to_string())),
    }
}

fn rivalry_years(a: &str, b: &str) -> Result<(i32, i32), (String, String)> {
    let (s, e) = (rivalry_year(a)?, rivalry_year(b)?);
    if e < s {
        return Err((format!("{a}-{b}"), "the rivalry ends before it starts".into()));
    }
    Ok((s, e))
}

fn rivals(a: &str, b: &str) -> Result<(u16, u16), (String, String)> {
    let (a, b) = (ccode(a)?, ccode(b)?);
    if a == b {
        return Err((a.to_string(), "a state cannot be its own rival".into()));
    }
    Ok(dyad(a, b))
}

fn id(s: &str) -> Result<u32, (String, String)> {
    s.parse().map_err(|_| (s.to_string(), "not a rivalry number".to_string()))
}

/// Reads Thompson, Sakuwa & Suhas (`tssr_id`, `rivalry`, `ccode1`, `ccode2`,
/// `start`, `end`, the four type flags, `principal`, `aprin`).
pub fn load_tss_rivalries(path: &Path, diags: &mut Diagnostics) -> Result<Rivalries, LoadError> {
    let mut out = Rivalries { input: None, source: RivalrySource::Tss, items: Vec::new(), last_year: i32::MIN };
    let cols = [
        "tssr_id",
        "rivalry",
        "ccode1",
        "ccode2",
        "start",
        "end",
        "positional",
        "spatial",
        "ideological",
        "interventionary",
        "principal",
        "aprin",
    ];
    let input = read_rows(path, cols, diags, |line, [n, name, c1, c2, s, e, pos, spa, ide, int, pr, ap]| {
        let (a, b) = rivals(c1, c2)?;
        let (start, end) = rivalry_years(s, e)?;
        let mut kinds = Vec::new();
        for (f, k) in [
            (pos, RivalryKind::Positional),
            (spa, RivalryKind::Spatial),
            (ide, RivalryKind::Ideological),
            (int, RivalryKind::Interventionary),
        ] {
            if flag(f)? {
                kinds.push(k);
            }
        }
        let principal = flag(pr)? || flag(ap)?;
        out.last_year = out.last_year.max(end);
        out.items.push(Rivalry {
            source: RivalrySource::Tss,
            id: id(n)?,
            name: name.to_string(),
            a,
            b,
            start,
            end,
            kinds,
            principal,
            line,
        });
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads Thompson & Dreyer (`rivalryno`, `rivalryname`, `ccode1`, `ccode2`,
/// `styear`, `endyear`, `type1`–`type3`).
pub fn load_td_rivalries(path: &Path, diags: &mut Diagnostics) -> Result<Rivalries, LoadError> {
    let mut out = Rivalries { input: None, source: RivalrySource::Td, items: Vec::new(), last_year: i32::MIN };
    let cols = ["rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear", "type1", "type2", "type3"];
    let input = read_rows(path, cols, diags, |line, [n, name, c1, c2, s, e, t1, t2, t3]| {
        let (a, b) = rivals(c1, c2)?;
        let (start, end) = rivalry_years(s, e)?;
        let mut kinds = Vec::new();
        for t in [t1, t2, t3] {
            if let Some(k) = RivalryKind::parse(t)?
                && !kinds.contains(&k)
            {
                kinds.push(k);
            }
        }
        out.last_year = out.last_year.max(end);
        out.items.push(Rivalry {
            source: RivalrySource::Td,
            id: id(n)?,
            name: name.to_string(),
            a,
            b,
            start,
            end,
            kinds,
            principal: false,
            line,
        });
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

//! The state registry: who is a state, under which codes, when.
//!
//! One [`State`] per state identity, keyed by its Correlates of War (COW) code
//! where COW has one. Codes of other systems (Gleditsch–Ward, ISO 3166, UN
//! membership) and names in several languages hang off the same entry, each
//! with its validity period. The table is compiled in from `data/states.tsv`.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::date::Date;

/// A period `start..end`; `end == None` means still ongoing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Spell {
    pub start: Date,
    pub end: Option<Date>,
}

impl Spell {
    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }

    /// Whether the spell overlaps the calendar year `year` at all.
    pub fn touches_year(&self, year: i32) -> bool {
        self.start.year() <= year && self.end.is_none_or(|e| e.year() >= year)
    }
}

/// One state identity.
#[derive(Clone, Debug, Serialize)]
pub struct State {
    pub cow: Option<u16>,
    pub cow_abb: Option<String>,
    pub gw: Option<u16>,
    pub iso3: Option<String>,
    pub iso2: Option<String>,
    pub iso_numeric: Option<u16>,
    pub name: String,
    /// Membership of the COW state system.
    pub cow_spells: Vec<Spell>,
    /// Membership of the Gleditsch–Ward list.
    pub gw_spells: Vec<Spell>,
    /// UN membership (the seat this identity votes in).
    pub un_spells: Vec<Spell>,
    /// Other names, capitals and metonyms, in any language.
    pub aliases: Vec<String>,
    pub name_ru: Option<String>,
}

impl State {
    /// The best short code to show: ISO3, else the COW abbreviation.
    pub fn code(&self) -> &str {
        self.iso3.as_deref().or(self.cow_abb.as_deref()).unwrap_or(&self.name)
    }

    pub fn un_member_on(&self, d: Date) -> bool {
        self.un_spells.iter().any(|s| s.contains(d))
    }

    pub fn in_cow_system_in(&self, year: i32) -> bool {
        self.cow_spells.iter().any(|s| s.touches_year(year))
    }
}

/// A query that names no state; carries the closest names as hints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownState {
    pub query: String,
    pub suggestions: Vec<String>,
}

impl fmt::Display for UnknownState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown state '{}'", self.query)?;
        match self.suggestions.as_slice() {
            [] => write!(f, " (try `hegemony states` for the list)"),
            [one] => write!(f, "; did you mean {one}?"),
            many => write!(f, "; did you mean one of {}?", many.join(", ")),
        }
    }
}

/// The whole registry with its lookup indexes.
pub struct Registry {
    states: Vec<State>,
    by_cow: HashMap<u16, usize>,
    /// Lower-cased ISO3, ISO2, COW abbreviation, name and aliases.
    by_key: HashMap<String, usize>,
}

static GLOBAL: OnceLock<Registry> = OnceLock::new();
const STATES_TSV: &str = include_str!("../data/states.tsv");

impl Registry {
    /// The registry compiled into the program.
    pub fn global() -> &'static Registry {
        GLOBAL.get_or_init(|| {
            Registry::from_tsv(STATES_TSV).unwrap_or_else(|e| panic!("built-in data/states.tsv is invalid: {e}"))
        })
    }

    /// Parses a registry table (the format of `data/states.tsv`).
    pub fn from_tsv(text: &str) -> Result<Registry, String> {
        let mut states = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            states.push(parse_row(line).map_err(|e| format!("line {}: {e}", i + 1))?);
        }
        let mut by_cow = HashMap::new();
        let mut by_key = HashMap::new();
        for (i, s) in states.iter().enumerate() {
            if let Some(c) = s.cow {
                if by_cow.insert(c, i).is_some() {
                    return Err(format!("COW code {c} appears twice"));
                }
            }
            let keys = [
                s.iso3.as_deref(),
                s.iso2.as_deref(),
                s.cow_abb.as_deref(),
                Some(s.name.as_str()),
                s.name_ru.as_deref(),
            ];
            for k in keys.into_iter().flatten().chain(s.aliases.iter().map(String::as_str)) {
                by_key.entry(normalize(k)).or_insert(i);
            }
        }
        Ok(Registry { states, by_cow, by_key })
    }

    pub fn states(&self) -> &[State] {
        &self.states
    }

    pub fn by_cow(&self, cow: u16) -> Option<&State> {
        self.by_cow.get(&cow).map(|&i| &self.states[i])
    }

    /// Exact (case- and accent-insensitive) match on a code, name or alias.
    pub fn lookup(&self, key: &str) -> Option<&State> {
        self.by_key.get(&normalize(key)).map(|&i| &self.states[i])
    }

    /// Resolves what a user typed: ISO3, COW number, COW abbreviation, name or alias.
    pub fn resolve(&self, query: &str) -> Result<&State, UnknownState> {
        let q = query.trim();
        if let Ok(n) = q.parse::<u16>() {
            if let Some(s) = self.by_cow(n) {
                return Ok(s);
            }
        }
        self.lookup(q).ok_or_else(|| UnknownState { query: q.to_string(), suggestions: vec![] })
    }
}

/// Lower-case and trim a key for lookups.
pub fn normalize(s: &str) -> String {
    s.trim().to_lowercase()
}

fn parse_row(line: &str) -> Result<State, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() != 12 {
        return Err(format!("expected 12 tab-separated cells, found {}", cells.len()));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let num = |s: &str, what: &str| -> Result<Option<u16>, String> {
        if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|_| format!("{what} '{s}' is not a number")) }
    };
    let list = |s: &str| -> Vec<String> { s.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect() };
    Ok(State {
        cow: num(cells[0], "COW code")?,
        cow_abb: opt(cells[1]),
        gw: num(cells[2], "GW code")?,
        iso3: opt(cells[3]),
        iso2: opt(cells[4]),
        iso_numeric: num(cells[5], "ISO numeric code")?,
        name: cells[6].to_string(),
        cow_spells: parse_spells(cells[7])?,
        gw_spells: parse_spells(cells[8])?,
        un_spells: parse_spells(cells[9])?,
        aliases: list(cells[10]),
        name_ru: opt(cells[11]),
    })
}

fn parse_spells(cell: &str) -> Result<Vec<Spell>, String> {
    cell.split('|')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (a, b) = s.split_once("..").ok_or_else(|| format!("spell '{s}' lacks '..'"))?;
            let start: Date = a.parse().map_err(|e| format!("{e}"))?;
            let end: Option<Date> = if b.is_empty() { None } else { Some(b.parse().map_err(|e| format!("{e}"))?) };
            if end.is_some_and(|e| e < start) {
                return Err(format!("spell '{s}' ends before it starts"));
            }
            Ok(Spell { start, end })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_codes_names_and_metonyms() {
        let r = Registry::global();
        for q in ["RUS", "365", "Russia", "moscow", "the Kremlin", "Россия"] {
            assert_eq!(r.resolve(q).unwrap().cow, Some(365), "{q}");
        }
        assert_eq!(r.resolve("Yerevan").unwrap().code(), "ARM");
        let e = r.resolve("Atlantis").unwrap_err();
        assert!(e.to_string().starts_with("unknown state 'Atlantis'"));
    }
}

//! The registry: the states table indexed by every code and name, lookups (exact, did-you-mean,
//! search), groups, successions and UN seats.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::names::normalize;
use super::tables::{data_lines, parse_row, parse_succession};
use super::{GROUPS, Group, State, Succession, UnknownState, edit_distance};
use crate::date::Date;

/// Where GW keeps one code for what COW splits: the GW code may also stand
/// for this COW identity (see [`Registry::cow_for_gw`]).
const GW_ALSO_COW: &[(u16, u16)] = &[
    (260, 255), // GW 260 = unified Germany after 1990
    (678, 679), // GW 678 = unified Yemen after 1990
    (340, 345), // GW 340 Serbia = COW 345 before 1918 and from 2006
];

/// How strongly a lookup key names its state: a better (lower) rank shadows
/// a worse one of another state; equal ranks of two states are ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Iso3,
    CowAbb,
    FormerIso3,
    Name,
    Alias,
}

#[derive(Clone, Debug)]
struct KeyEntry {
    rank: Rank,
    states: Vec<usize>,
}

/// The whole registry with its lookup indexes.
pub struct Registry {
    states: Vec<State>,
    successions: Vec<Succession>,
    by_cow: HashMap<u16, usize>,
    by_gw: HashMap<u16, usize>,
    /// ISO2 codes, current and withdrawn, as written (capitals).
    by_iso2: HashMap<String, Vec<usize>>,
    /// Normalised ISO3, COW abbreviations, withdrawn ISO3, names and aliases.
    by_key: HashMap<String, KeyEntry>,
}

static GLOBAL: OnceLock<Registry> = OnceLock::new();
const STATES_TSV: &str = include_str!("../../data/states.tsv");
const SUCCESSIONS_TSV: &str = include_str!("../../data/successions.tsv");

/// A lookup that found no single state.
enum Miss {
    None,
    Ambiguous(Vec<usize>),
}

impl Registry {
    /// The registry compiled into the program.
    pub fn global() -> &'static Registry {
        GLOBAL.get_or_init(|| {
            Registry::from_tables(STATES_TSV, SUCCESSIONS_TSV)
                .unwrap_or_else(|e| panic!("built-in registry tables are invalid: {e}"))
        })
    }

    /// Parses a registry table (the format of `data/states.tsv`), without successions.
    pub fn from_tsv(text: &str) -> Result<Registry, String> {
        Registry::from_tables(text, "")
    }

    /// Parses the states table and the successions table (`data/successions.tsv`).
    pub fn from_tables(states_tsv: &str, successions_tsv: &str) -> Result<Registry, String> {
        let mut states = Vec::new();
        for (i, line) in data_lines(states_tsv) {
            states.push(parse_row(line).map_err(|e| format!("states line {i}: {e}"))?);
        }
        let mut r = Registry {
            states,
            successions: Vec::new(),
            by_cow: HashMap::new(),
            by_gw: HashMap::new(),
            by_iso2: HashMap::new(),
            by_key: HashMap::new(),
        };
        r.index()?;
        for (i, line) in data_lines(successions_tsv) {
            let s = parse_succession(line).map_err(|e| format!("successions line {i}: {e}"))?;
            for c in [s.predecessor, s.successor] {
                if r.by_cow(c).is_none() {
                    return Err(format!("successions line {i}: COW code {c} is not in the states table"));
                }
            }
            r.successions.push(s);
        }
        Ok(r)
    }

    /// Builds the indexes and the unique codes; refuses duplicate codes and names.
    fn index(&mut self) -> Result<(), String> {
        let mut iso3s = HashMap::new();
        let mut names = HashMap::new();
        for (i, s) in self.states.iter().enumerate() {
            if s.cow.is_none() && s.gw.is_none() {
                return Err(format!("'{}' has neither a COW nor a GW code", s.name));
            }
            // Insert, and learn whether the code was there already.
            if let Some((c, Some(_))) = s.cow.map(|c| (c, self.by_cow.insert(c, i))) {
                return Err(format!("COW code {c} appears twice"));
            }
            if let Some((g, Some(_))) = s.gw.map(|g| (g, self.by_gw.insert(g, i))) {
                return Err(format!("GW code {g} appears twice"));
            }
            if let Some((iso, Some(_))) = s.iso3.as_ref().map(|iso| (iso, iso3s.insert(iso.clone(), i))) {
                return Err(format!("ISO3 code {iso} appears twice"));
            }
            if names.insert(normalize(&s.name), i).is_some() {
                return Err(format!("the name '{}' appears twice", s.name));
            }
            for code in s.iso2.iter().chain(s.iso_former.iter().filter(|c| c.len() == 2)) {
                let v = self.by_iso2.entry(code.clone()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
            let keys = s
                .iso3
                .iter()
                .map(|k| (k.as_str(), Rank::Iso3))
                .chain(s.cow_abb.iter().map(|k| (k.as_str(), Rank::CowAbb)))
                .chain(s.iso_former.iter().filter(|c| c.len() == 3).map(|k| (k.as_str(), Rank::FormerIso3)))
                .chain(std::iter::once((s.name.as_str(), Rank::Name)))
                .chain(s.names().skip(1).map(|k| (k, Rank::Alias)));
            for (k, rank) in keys {
                let key = normalize(k);
                if key.is_empty() {
                    return Err(format!("'{}' has an empty name or alias", s.name));
                }
                let e = self.by_key.entry(key).or_insert(KeyEntry { rank, states: Vec::new() });
                if rank < e.rank {
                    *e = KeyEntry { rank, states: vec![i] };
                } else if rank == e.rank && !e.states.contains(&i) {
                    e.states.push(i);
                }
            }
        }
        // The short code: ISO3, else the COW abbreviation if it names this state
        // and nothing else (Joseon Korea's COW `KOR` is South Korea's ISO3), else the number.
        let codes: Vec<String> = (0..self.states.len())
            .map(|i| {
                let s = &self.states[i];
                if let Some(iso) = &s.iso3 {
                    return iso.clone();
                }
                match (&s.cow_abb, s.cow, s.gw) {
                    (Some(abb), _, _) if self.find(abb).ok() == Some(i) => abb.clone(),
                    (_, Some(c), _) => format!("COW {c}"),
                    (_, None, Some(g)) => format!("GW {g}"),
                    (_, None, None) => unreachable!("checked above"),
                }
            })
            .collect();
        for (s, code) in self.states.iter_mut().zip(codes) {
            s.code = code;
        }
        Ok(())
    }

    /// Every state identity, in table order.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// Every succession of `data/successions.tsv`.
    pub fn successions(&self) -> &[Succession] {
        &self.successions
    }

    /// The successions in which `cow` is predecessor or successor.
    pub fn successions_of(&self, cow: u16) -> impl Iterator<Item = &Succession> {
        self.successions.iter().filter(move |s| s.predecessor == cow || s.successor == cow)
    }

    /// The state with COW code `cow`.
    pub fn by_cow(&self, cow: u16) -> Option<&State> {
        self.by_cow.get(&cow).map(|&i| &self.states[i])
    }

    /// The row holding Gleditsch–Ward code `gw` (GW 260 and 678 sit on the
    /// West German and North Yemeni rows; see [`Registry::cow_for_gw`]).
    pub fn by_gw(&self, gw: u16) -> Option<&State> {
        self.by_gw.get(&gw).map(|&i| &self.states[i])
    }

    /// Exact current ISO3 code (any case).
    pub fn by_iso3(&self, code: &str) -> Option<&State> {
        let code = code.trim();
        self.states.iter().find(|s| s.iso3.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code)))
    }

    /// Exact ISO2 code in the `iso2` column (any case); withdrawn codes are not searched.
    pub fn by_iso2(&self, code: &str) -> Option<&State> {
        let code = code.trim();
        self.states.iter().find(|s| s.iso2.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(code)))
    }

    /// Exact COW abbreviation (any case): `by_cow_abb("AUS")` is Austria.
    pub fn by_cow_abb(&self, abb: &str) -> Option<&State> {
        let abb = abb.trim();
        self.states.iter().find(|s| s.cow_abb.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(abb)))
    }

    /// Exact match on a code, name or alias: case- and accent-insensitive,
    /// ISO2 only in capitals. No numbers, no guessing; `None` when ambiguous.
    pub fn lookup(&self, key: &str) -> Option<&State> {
        self.find(key).ok().map(|i| &self.states[i])
    }

    fn find(&self, key: &str) -> Result<usize, Miss> {
        let key = key.trim();
        if key.len() == 2 && key.bytes().all(|b| b.is_ascii_uppercase()) {
            match self.by_iso2.get(key).map(Vec::as_slice) {
                Some([one]) => return Ok(*one),
                Some(many) if many.len() > 1 => return Err(Miss::Ambiguous(many.to_vec())),
                _ => {} // not an ISO2 code: maybe an alias such as "UK"
            }
        }
        match self.by_key.get(&normalize(key)).map(|e| e.states.as_slice()) {
            Some([one]) => Ok(*one),
            Some(many) if many.len() > 1 => Err(Miss::Ambiguous(many.to_vec())),
            _ => Err(Miss::None),
        }
    }

    /// Resolves what a user typed: COW number, `gw NNN` / `cow NNN`, ISO3,
    /// COW abbreviation, ISO2 (capitals), name or alias. See the module docs
    /// for the precedence rules.
    pub fn resolve(&self, query: &str) -> Result<&State, UnknownState> {
        let q = query.trim();
        let miss =
            |suggestions: Vec<String>, ambiguous: bool| UnknownState { query: q.to_string(), suggestions, ambiguous };
        if let Some((system, n)) = parse_number(q) {
            let hit = match system {
                System::Cow => self.by_cow(n),
                System::Gw => self.by_gw(n),
            };
            return hit.ok_or_else(|| {
                // A bare number that is a GW code only: say so.
                let hint = (system == System::Cow).then(|| self.by_gw(n)).flatten();
                miss(hint.map(State::label).into_iter().collect(), false)
            });
        }
        match self.find(q) {
            Ok(i) => Ok(&self.states[i]),
            Err(Miss::Ambiguous(is)) => Err(miss(is.iter().map(|&i| self.states[i].label()).collect(), true)),
            Err(Miss::None) => Err(miss(self.suggest(q), false)),
        }
    }

    /// Up to three labels of states with a name or code close to `query`.
    fn suggest(&self, query: &str) -> Vec<String> {
        let q = normalize(query);
        let qn = q.chars().count();
        if qn == 0 {
            return Vec::new();
        }
        // Allow about one typo per four characters, at least one, at most three.
        let limit = (qn / 4).clamp(1, 3);
        let mut scored: Vec<(usize, &State)> = self
            .states
            .iter()
            .filter_map(|s| {
                let best = search_keys(s)
                    .map(|k| {
                        let d = edit_distance(&q, &k);
                        // A typed prefix of three or more letters counts as one typo.
                        if qn >= 3 && k.starts_with(&q) { d.min(1) } else { d }
                    })
                    .min()?;
                (best <= limit).then_some((best, s))
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        scored.into_iter().take(3).map(|(_, s)| s.label()).collect()
    }

    /// States matching `query` for `hegemony states QUERY`, best first: exact
    /// code or name, then prefixes, word prefixes, substrings, near misses.
    /// An empty query lists every state in table order.
    pub fn search(&self, query: &str) -> Vec<&State> {
        let q = normalize(query);
        if q.is_empty() {
            return self.states.iter().collect();
        }
        let qn = q.chars().count();
        let limit = (qn / 4).clamp(1, 3);
        let word = format!(" {q}");
        let mut hits: Vec<(usize, &State)> = self
            .states
            .iter()
            .filter_map(|s| {
                let score = search_keys(s)
                    .filter_map(|k| {
                        if k == q {
                            Some(0)
                        } else if k.starts_with(&q) {
                            Some(1)
                        } else if k.contains(&word) {
                            Some(2)
                        } else if qn >= 3 && k.contains(&q) {
                            Some(3)
                        } else {
                            let d = edit_distance(&q, &k);
                            (d <= limit).then_some(3 + d)
                        }
                    })
                    .min()?;
                Some((score, s))
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        hits.into_iter().map(|(_, s)| s).collect()
    }

    /// The members of a named group (`post-soviet`, `baltic`, `south-caucasus`,
    /// `central-asia`; see [`GROUPS`]), in COW-code order. Case, spaces and
    /// underscores do not matter.
    pub fn group(&self, name: &str) -> Option<Vec<&State>> {
        let want = name.trim().to_lowercase().replace([' ', '_'], "-");
        let g = GROUPS.iter().find(|g| g.name == want || g.aliases.contains(&want.as_str()))?;
        Some(g.members.iter().map(|&c| self.by_cow(c).expect("group member in the registry")).collect())
    }

    /// The fixed groups [`Registry::group`] knows.
    pub fn groups(&self) -> &'static [Group] {
        GROUPS
    }

    /// Who voted in the UN seat that `cow` holds, on `date`: `cow` itself if
    /// it was a member then, else the earlier holder of the seat it inherited
    /// (710 in 1960 → the ROC, 713; 255 in 1980 → the FRG, 260; 679 in 1985 →
    /// North Yemen, 678), else `None` (no seat then, e.g. 345 in 1995).
    pub fn un_seat_holder(&self, cow: u16, date: Date) -> Option<&State> {
        self.seat_holder(cow, date, 0)
    }

    fn seat_holder(&self, cow: u16, date: Date, depth: u8) -> Option<&State> {
        let s = self.by_cow(cow)?;
        if s.un_member_on(date) {
            return Some(s);
        }
        if depth > 8 {
            return None; // the seat links are few and acyclic; this only guards bad tables
        }
        self.successions
            .iter()
            .filter(|x| x.successor == cow && x.predecessor != cow && x.un_seat && date < x.date)
            .find_map(|x| self.seat_holder(x.predecessor, date, depth + 1))
    }

    /// The COW code of the identity that GW code `gw` stands for on `date`, if
    /// COW has one then: usually the same number, but GW 260 after 1990 is COW
    /// 255, GW 678 after 1990 is COW 679, and GW 340 (Serbia) is COW 345.
    /// `None` when GW does not list `gw` on `date` or COW has no state for it.
    pub fn cow_for_gw(&self, gw: u16, date: Date) -> Option<u16> {
        let s = self.by_gw(gw)?;
        if !s.in_gw_system_on(date) {
            return None;
        }
        let also = GW_ALSO_COW.iter().filter(|(g, _)| *g == gw).map(|&(_, c)| c);
        s.cow.into_iter().chain(also).find(|&c| self.by_cow(c).is_some_and(|x| x.in_cow_system_on(date)))
    }
}

/// The normalised keys a state can be found by: codes, names, aliases.
fn search_keys(s: &State) -> impl Iterator<Item = String> + '_ {
    let codes = s.iso3.iter().chain(&s.iso2).chain(&s.cow_abb).chain(&s.iso_former).cloned();
    let numbers = s.cow.map(|c| c.to_string());
    codes
        .chain(numbers)
        .chain(std::iter::once(s.code.clone()))
        .chain(s.names().map(str::to_string))
        .map(|k| normalize(&k))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum System {
    Cow,
    Gw,
}

/// `365` and `cow 365` → COW; `gw 340`, `GW:340`, `gw340` → GW.
fn parse_number(q: &str) -> Option<(System, u16)> {
    let lower = q.to_ascii_lowercase();
    let (system, rest) = if let Some(r) = lower.strip_prefix("cow") {
        (System::Cow, r)
    } else if let Some(r) = lower.strip_prefix("gw") {
        (System::Gw, r)
    } else {
        (System::Cow, lower.as_str())
    };
    let digits = rest.trim_start_matches([' ', ':']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(|n| (system, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys that name two states equally, or that another state's stronger key
    /// hides, must be deliberate: a new one fails here until it is decided.
    #[test]
    fn collisions_are_deliberate() {
        let reg = Registry::global();
        let mut ambiguous: Vec<&str> =
            reg.by_key.iter().filter(|(_, e)| e.states.len() > 1).map(|(k, _)| k.as_str()).collect();
        ambiguous.sort();
        assert_eq!(ambiguous, ["korea"]);
        let mut iso2: Vec<&str> = reg.by_iso2.iter().filter(|(_, v)| v.len() > 1).map(|(k, _)| k.as_str()).collect();
        iso2.sort();
        assert_eq!(iso2, ["CS"]);
        let mut shadowed = Vec::new();
        for (i, s) in reg.states.iter().enumerate() {
            let keys = s.iso3.iter().chain(&s.cow_abb).chain(s.iso_former.iter().filter(|c| c.len() == 3));
            for k in keys.map(String::as_str).chain(s.names()) {
                let e = &reg.by_key[&normalize(k)];
                if !e.states.contains(&i) {
                    shadowed.push(normalize(k));
                }
            }
        }
        shadowed.sort();
        assert_eq!(shadowed, ["aus", "cze", "kor", "mng", "slv", "swz"]);
    }
}

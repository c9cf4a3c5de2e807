//! The state registry: who is a state, under which codes, when.
//!
//! One [`State`] per state identity, keyed by its Correlates of War (COW) code
//! where COW has one. Codes of other systems (Gleditsch–Ward, ISO 3166, UN
//! membership) and names in several languages hang off the same entry, each
//! with its validity period. The tables are compiled in from `data/states.tsv`
//! and `data/successions.tsv` (their headers document the columns).
//!
//! # Identities, not names
//!
//! An identity is what a dataset keys its rows by, so the registry follows COW:
//! 365 is Imperial Russia, the USSR and the Russian Federation; 345 is
//! Yugoslavia, the FR Yugoslavia, Serbia and Montenegro, and Serbia; 255 is
//! Germany before 1945 and after 1990, with the two German states 1949–1990 as
//! 260 and 265. Gleditsch–Ward (GW) disagrees in three places, recorded on the
//! row that holds the GW code: GW 260 runs on after 1990 (unified Germany), GW
//! 678 runs on after 1990 (unified Yemen), and GW splits Serbia (340, 1878–1915
//! and from 2006) from Yugoslavia (345, 1918–2006); [`Registry::cow_for_gw`]
//! translates. Seven GW entities that COW lacks (Tibet, Transvaal, …) have rows
//! without a COW code.
//!
//! # Successions and UN votes
//!
//! [`Registry::successions`] lists how identities ended, merged and continued
//! (see [`Succession`]). How a vote loader should treat each case:
//!
//! - **USSR → Russia** (365, 1991-12-24, continuation): nothing to do. Russia
//!   holds the Soviet seat and COW, GW, Voeten and unvotes all use 365 (unvotes
//!   names it "Russia" throughout). A series for 365 is one series.
//! - **Byelorussian and Ukrainian SSRs** (370, 369): UN members from 1945 though
//!   COW counts them as states only from 1991. Their votes are real and are
//!   kept; their `un_spells` start 1945-10-24 while `cow_spells` start 1991, so
//!   a dyad-year panel built on the COW system drops them before 1991 unless it
//!   asks for UN membership instead.
//! - **Germany** (260 + 265 → 255, 1990-10-03, merger): vote files code the FRG
//!   as 260 until 2 Oct 1990 and Germany as 255 afterwards. Keep the codes; for
//!   a German series across 1990 use [`Registry::un_seat_holder`] (the FRG's
//!   seat is Germany's) rather than merging codes by hand. The GDR's seat ends.
//! - **Yemen** (678 + 680 → 679, 1990-05-22, merger): the same, with North
//!   Yemen's seat as the continuing one.
//! - **Czechoslovakia** (315 → 316 + 317, 1993-01-01, dissolution): no
//!   continuing seat; the successors were admitted anew on 1993-01-19.
//! - **Yugoslavia / Serbia** (345 continues): the FR Yugoslavia did not sit in
//!   the General Assembly from res. 47/1 (1992-09-22) until its admission on
//!   2000-11-01; votes coded 345 in between are non-member rows, not absences.
//!   Montenegro (341) is separate from 2006.
//! - **China** (713 → 710, 1971-10-25, seat transfer, UNGA res. 2758): China's
//!   seat is voted by the ROC (713) up to 24 Oct 1971 and by the PRC (710) from
//!   25 Oct 1971. Vote files code the two apart; [`Registry::un_seat_holder`]
//!   gives whose vote "China's seat" cast on a date.
//! - **Syria** (UAR 1958–1961): Syria was no separate member; Voeten codes its
//!   rows as absent (8). Treat them as non-membership.
//!
//! # Lookup
//!
//! [`Registry::resolve`] reads what a user typed: a COW number (numbers are
//! always COW codes; GW codes only with an explicit `gw` prefix, as in
//! `gw 340`), an ISO3 code, a COW abbreviation, a withdrawn ISO code, an ISO2
//! code (only in capitals, and only when one state has it: `NA` is Namibia but
//! `na` is nothing, and `CS` was both Czechoslovakia and Serbia and Montenegro),
//! a name or an alias in any case and with or without accents. Where an ISO3
//! code is also another state's COW abbreviation, the ISO3 code wins (`AUS` is
//! Australia; Austria is COW `AUS`, see [`Registry::by_cow_abb`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::date::Date;

/// A period `start..=end`; `end == None` means still ongoing.
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

    /// Whether the spell shares at least one day with `from..=to`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start <= to && self.end.is_none_or(|e| e >= from)
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
    /// Withdrawn ISO 3166 alpha codes this identity used before (ISO 3166-3:
    /// `SUN`/`SU` for the USSR, `YUG`/`YU`/`SCG`/`CS` for Serbia's row, …).
    pub iso_former: Vec<String>,
    pub name: String,
    /// Membership of the COW state system (v2016).
    pub cow_spells: Vec<Spell>,
    /// Membership of the Gleditsch–Ward list.
    pub gw_spells: Vec<Spell>,
    /// UN membership (the seat this identity votes in).
    pub un_spells: Vec<Spell>,
    /// Other names, capitals and metonyms, in any language.
    pub aliases: Vec<String>,
    pub name_ru: Option<String>,
    /// Further Russian names: long and former forms, the capital.
    pub aliases_ru: Vec<String>,
    /// The unique short code, set by the registry (see [`State::code`]).
    code: String,
}

impl State {
    /// The short code to show and to store: ISO3, else the COW abbreviation,
    /// else `COW n` / `GW n`. Unique in the registry, and
    /// [`Registry::resolve`] reads it back to this state.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// `Armenia (ARM)`: the name with the code, for messages and suggestions.
    pub fn label(&self) -> String {
        if self.name.ends_with(&format!("({})", self.code)) {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.code)
        }
    }

    pub fn un_member_on(&self, d: Date) -> bool {
        self.un_spells.iter().any(|s| s.contains(d))
    }

    pub fn un_member_in(&self, year: i32) -> bool {
        self.un_spells.iter().any(|s| s.touches_year(year))
    }

    pub fn in_cow_system_in(&self, year: i32) -> bool {
        self.cow_spells.iter().any(|s| s.touches_year(year))
    }

    pub fn in_cow_system_on(&self, d: Date) -> bool {
        self.cow_spells.iter().any(|s| s.contains(d))
    }

    pub fn in_gw_system_on(&self, d: Date) -> bool {
        self.gw_spells.iter().any(|s| s.contains(d))
    }

    /// The name, the aliases and the Russian names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.name_ru.as_deref())
            .chain(self.aliases_ru.iter().map(String::as_str))
    }
}

/// A query that names no single state; carries the closest states as hints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownState {
    pub query: String,
    /// Labels (`Armenia (ARM)`) of the closest states, best first, at most 3;
    /// for an ambiguous query, every state it names.
    pub suggestions: Vec<String>,
    /// The query names several states equally well (`Korea`, `CS`).
    pub ambiguous: bool,
}

impl fmt::Display for UnknownState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown state '{}'", self.query)?;
        if self.ambiguous {
            return write!(f, ": it is ambiguous, it names {}", self.suggestions.join(" and "));
        }
        match self.suggestions.as_slice() {
            [] => write!(f, " (try `hegemony states` for the list)"),
            [one] => write!(f, "; did you mean {one}?"),
            many => write!(f, "; did you mean one of {}?", many.join(", ")),
        }
    }
}

/// How one identity gave way to (or went on as) another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SuccessionKind {
    /// The same identity goes on under a new regime or name (USSR → Russia).
    Continuation,
    /// Two or more identities became one (German and Yemeni unification).
    Merger,
    /// The predecessor broke up into several states (Czechoslovakia, USSR, SFRY);
    /// a continuator, if any, keeps the predecessor's code.
    Dissolution,
    /// A part left a state that goes on (Bangladesh, Eritrea, Montenegro).
    Secession,
    /// A UN seat passed from one identity to another (China, 1971).
    SeatTransfer,
}

impl SuccessionKind {
    fn parse(s: &str) -> Option<SuccessionKind> {
        Some(match s {
            "continuation" => SuccessionKind::Continuation,
            "merger" => SuccessionKind::Merger,
            "dissolution" => SuccessionKind::Dissolution,
            "secession" => SuccessionKind::Secession,
            "seat_transfer" => SuccessionKind::SeatTransfer,
            _ => return None,
        })
    }
}

/// One row of `data/successions.tsv`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Succession {
    /// COW code of the identity before.
    pub predecessor: u16,
    /// COW code of the identity after (equal to `predecessor` for a continuation).
    pub successor: u16,
    /// The successor's first day in its new form.
    pub date: Date,
    pub kind: SuccessionKind,
    /// The successor sits in the predecessor's UN seat from `date` on, so a
    /// seat's vote series runs through this link.
    pub un_seat: bool,
    pub note: String,
}

/// A named set of states for `--states post-soviet` style arguments.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Group {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub description: &'static str,
    /// COW codes, ascending.
    pub members: &'static [u16],
}

/// Fixed regional groups, whose membership does not change over time.
/// Time-dependent groups (CIS, CSTO, EAEU …) belong in the knowledge base,
/// which knows their joining and leaving dates.
pub const GROUPS: &[Group] = &[
    Group {
        name: "post-soviet",
        aliases: &["former-ussr", "fsu", "ussr-successors"],
        description: "the 15 successor states of the USSR, Russia included (drop the dominant state yourself)",
        members: &[359, 365, 366, 367, 368, 369, 370, 371, 372, 373, 701, 702, 703, 704, 705],
    },
    Group {
        name: "baltic",
        aliases: &["baltics", "baltic-states"],
        description: "Estonia, Latvia, Lithuania",
        members: &[366, 367, 368],
    },
    Group {
        name: "south-caucasus",
        aliases: &["caucasus", "transcaucasia"],
        description: "Armenia, Georgia, Azerbaijan",
        members: &[371, 372, 373],
    },
    Group {
        name: "central-asia",
        aliases: &["central-asian"],
        description: "Turkmenistan, Tajikistan, Kyrgyzstan, Uzbekistan, Kazakhstan",
        members: &[701, 702, 703, 704, 705],
    },
];

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
const STATES_TSV: &str = include_str!("../data/states.tsv");
const SUCCESSIONS_TSV: &str = include_str!("../data/successions.tsv");

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

    pub fn states(&self) -> &[State] {
        &self.states
    }

    pub fn successions(&self) -> &[Succession] {
        &self.successions
    }

    /// The successions in which `cow` is predecessor or successor.
    pub fn successions_of(&self, cow: u16) -> impl Iterator<Item = &Succession> {
        self.successions.iter().filter(move |s| s.predecessor == cow || s.successor == cow)
    }

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

/// The key every name is compared by: lower case, Latin accents stripped
/// (`Côte` = `Cote`), `ё` = `е`, one kind of apostrophe, dashes and
/// underscores as spaces, dots dropped (`St.` = `St`), `&` = `and`, runs of
/// white space collapsed, and a leading "the " dropped.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            '\u{300}'..='\u{36f}' | '.' => {} // combining accents of decomposed text; dots
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '′' => out.push('\''),
            '-' | '_' | '‐' | '‑' | '‒' | '–' | '—' => out.push(' '),
            '&' => out.push_str(" and "),
            c => out.push_str(fold_accent(c).unwrap_or(c.encode_utf8(&mut [0; 4]))),
        }
    }
    let mut out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(rest) = out.strip_prefix("the ") {
        out = rest.to_string();
    }
    out
}

/// The base letters of the accented lower-case letters in state names.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'į' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ž' | 'ż' => "z",
        'ё' => "е",
        _ => return None,
    })
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// over chars. Written here rather than taken from a crate: it is twenty
/// lines, and the core crate keeps to serde and thiserror.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), previous, current.
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Non-comment, non-blank lines with their 1-based line numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

const COLUMNS: usize = 13;

fn parse_row(line: &str) -> Result<State, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() != COLUMNS {
        return Err(format!("expected {COLUMNS} tab-separated cells, found {}", cells.len()));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let num = |s: &str, what: &str| -> Result<Option<u16>, String> {
        if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|_| format!("{what} '{s}' is not a number")) }
    };
    let list = |s: &str| -> Vec<String> { s.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect() };
    let spells = |s: &str, what: &str| parse_spells(s).map_err(|e| format!("{what}: {e}"));
    let name = cells[7].to_string();
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let mut ru = list(cells[12]).into_iter();
    Ok(State {
        cow: num(cells[0], "COW code")?,
        cow_abb: opt(cells[1]),
        gw: num(cells[2], "GW code")?,
        iso3: opt(cells[3]),
        iso2: opt(cells[4]),
        iso_numeric: num(cells[5], "ISO numeric code")?,
        iso_former: list(cells[6]),
        name,
        cow_spells: spells(cells[8], "cow_spells")?,
        gw_spells: spells(cells[9], "gw_spells")?,
        un_spells: spells(cells[10], "un_spells")?,
        aliases: list(cells[11]),
        name_ru: ru.next(),
        aliases_ru: ru.collect(),
        code: String::new(),
    })
}

/// `START..END|START..` → spells, which must be in order and must not overlap.
fn parse_spells(cell: &str) -> Result<Vec<Spell>, String> {
    let spells = cell
        .split('|')
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
        .collect::<Result<Vec<_>, String>>()?;
    for w in spells.windows(2) {
        if w[0].end.is_none_or(|e| e >= w[1].start) {
            return Err(format!("spells '{cell}' overlap or are out of order"));
        }
    }
    Ok(spells)
}

fn parse_succession(line: &str) -> Result<Succession, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [pred, succ, date, kind, seat, note] = cells.as_slice() else {
        return Err(format!("expected 6 tab-separated cells, found {}", cells.len()));
    };
    let code = |s: &str| s.parse::<u16>().map_err(|_| format!("COW code '{s}' is not a number"));
    Ok(Succession {
        predecessor: code(pred)?,
        successor: code(succ)?,
        date: date.parse().map_err(|e| format!("{e}"))?,
        kind: SuccessionKind::parse(kind).ok_or_else(|| {
            format!("kind '{kind}' is not one of continuation, merger, dissolution, secession, seat_transfer")
        })?,
        un_seat: match *seat {
            "yes" => true,
            "no" => false,
            other => return Err(format!("un_seat must be yes or no, not '{other}'")),
        },
        note: note.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r() -> &'static Registry {
        Registry::global()
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn cow(q: &str) -> Option<u16> {
        r().resolve(q).unwrap_or_else(|e| panic!("{q}: {e}")).cow
    }

    #[test]
    fn resolves_codes_names_and_metonyms() {
        for q in
            ["RUS", "365", "cow 365", "Russia", "moscow", "the Kremlin", "Kremlin", "USSR", "Soviet Union", "SUN", "SU"]
        {
            assert_eq!(cow(q), Some(365), "{q}");
        }
        for (q, want) in [
            ("ARM", 371),
            ("AM", 371),
            ("371", 371),
            ("armenia", 371),
            ("ARMENIA", 371),
            ("  Armenia ", 371),
            ("Yerevan", 371),
            ("Minsk", 370),
            ("Byelorussian SSR", 370),
            ("Washington", 2),
            ("the White House", 2),
            ("Beijing", 710),
            ("GRG", 372),
            ("KZK", 705),
            ("Ivory Coast", 437),
            ("Federal Republic of Germany", 260),
            ("Yemen Arab Republic", 678),
            ("Czechoslovakia", 315),
            ("Yugoslavia", 345),
            ("Serbia and Montenegro", 345),
            ("Taiwan", 713),
            ("UK", 200),
            ("DD", 265),
        ] {
            assert_eq!(cow(q), Some(want), "{q}");
        }
        assert_eq!(r().resolve("Yerevan").unwrap().code(), "ARM");
    }

    #[test]
    fn names_are_accent_case_and_punctuation_insensitive() {
        let a = r().resolve("Cote d'Ivoire").unwrap();
        for q in ["Côte d’Ivoire", "COTE D`IVOIRE", "Co\u{302}te d'Ivoire", "côte  d'ivoire"] {
            assert!(std::ptr::eq(a, r().resolve(q).unwrap()), "{q}");
        }
        assert_eq!(cow("Sao Tome & Principe"), Some(403));
        assert_eq!(cow("São Tomé and Príncipe"), Some(403));
        assert_eq!(cow("St Kitts and Nevis"), Some(60));
        assert_eq!(cow("Guinea Bissau"), Some(404));
        assert_eq!(cow("Chisinau"), Some(359));
        assert_eq!(cow("The Hague"), Some(210));
    }

    #[test]
    fn russian_names_of_the_post_soviet_states() {
        for (q, want) in [
            ("Россия", 365),
            ("Беларусь", 370),
            ("Белоруссия", 370),
            ("Армения", 371),
            ("Азербайджан", 373),
            ("Грузия", 372),
            ("Молдова", 359),
            ("Молдавия", 359),
            ("Украина", 369),
            ("Казахстан", 705),
            ("Кыргызстан", 703),
            ("Киргизия", 703),
            ("Таджикистан", 702),
            ("Туркменистан", 701),
            ("Туркмения", 701),
            ("Узбекистан", 704),
            ("Эстония", 366),
            ("Латвия", 367),
            ("Литва", 368),
            ("Кремль", 365),
            ("россия", 365),
            ("Кишинев", 359), // ё written as е
        ] {
            assert_eq!(cow(q), Some(want), "{q}");
        }
        for c in GROUPS[0].members {
            assert!(r().by_cow(*c).unwrap().name_ru.is_some(), "{c} lacks a Russian name");
        }
    }

    #[test]
    fn iso2_only_in_capitals_and_only_when_unambiguous() {
        assert_eq!(cow("NA"), Some(565));
        let e = r().resolve("na").unwrap_err();
        assert!(!e.ambiguous);
        assert!(e.suggestions.iter().any(|s| s == "Namibia (NAM)"), "{e}");
        assert!(r().resolve("no").is_err(), "a vote word is not Norway");
        assert_eq!(cow("NO"), Some(385));
        // CS was Czechoslovakia, then Serbia and Montenegro.
        let e = r().resolve("CS").unwrap_err();
        assert!(e.ambiguous);
        assert_eq!(e.suggestions.len(), 2);
        assert!(e.to_string().starts_with("unknown state 'CS': it is ambiguous"), "{e}");
        assert_eq!(r().by_iso2("CS").unwrap().cow, Some(315));
        assert_eq!(r().by_iso2("na").unwrap().cow, Some(565));
    }

    #[test]
    fn iso3_beats_another_states_cow_abbreviation() {
        for (code, iso_state, cow_state) in
            [("AUS", 900, 305), ("SWZ", 572, 225), ("CZE", 316, 315), ("MNG", 712, 341), ("SLV", 92, 349)]
        {
            assert_eq!(cow(code), Some(iso_state), "{code}");
            assert_eq!(r().by_cow_abb(code).unwrap().cow, Some(cow_state), "{code}");
        }
        // Joseon Korea's COW abbreviation is South Korea's ISO3, so its code is its number.
        assert_eq!(r().by_cow(730).unwrap().code(), "COW 730");
        assert_eq!(cow("COW 730"), Some(730));
    }

    #[test]
    fn numbers_are_cow_codes_and_gw_needs_a_prefix() {
        // 340 is GW's Serbia; as a bare number it is no COW code.
        let e = r().resolve("340").unwrap_err();
        assert_eq!(e.suggestions, vec!["Serbia (GW 340)".to_string()]);
        assert_eq!(r().resolve("gw 340").unwrap().gw, Some(340));
        assert_eq!(r().resolve("GW:340").unwrap().gw, Some(340));
        // GW 260 is the FRG row, COW 260 the same row; COW 255 is not GW 255's successor.
        assert_eq!(r().resolve("gw260").unwrap().cow, Some(260));
        assert!(r().resolve("999").is_err());
        assert!(r().resolve("gw 2x").is_err());
    }

    #[test]
    fn ambiguous_names_list_every_candidate() {
        let e = r().resolve("Korea").unwrap_err();
        assert!(e.ambiguous, "{e}");
        assert!(e.suggestions.contains(&"South Korea (KOR)".to_string()), "{e}");
        assert!(e.suggestions.contains(&"Joseon Korea (COW 730)".to_string()), "{e}");
        assert_eq!(cow("South Korea"), Some(732));
    }

    #[test]
    fn did_you_mean() {
        let e = r().resolve("Armnia").unwrap_err();
        assert_eq!(e.suggestions.first().map(String::as_str), Some("Armenia (ARM)"));
        assert!(e.to_string().starts_with("unknown state 'Armnia'; did you mean Armenia (ARM)"), "{e}");
        assert_eq!(r().resolve("Rusia").unwrap_err().suggestions[0], "Russia (RUS)");
        assert_eq!(r().resolve("Kazakstan").unwrap_err().suggestions[0], "Kazakhstan (KAZ)");
        assert_eq!(r().resolve("Azerbajan").unwrap_err().suggestions[0], "Azerbaijan (AZE)");
        assert_eq!(r().resolve("Belraus").unwrap_err().suggestions[0], "Belarus (BLR)", "transposition");
        assert!(r().resolve("Guinea").is_ok());
        for q in ["Atlantis", "Narnia Republic", "zzzz", "Guinee"] {
            let e = r().resolve(q).unwrap_err();
            assert!(e.suggestions.len() <= 3, "{q}: {e}");
            assert!(e.to_string().starts_with(&format!("unknown state '{q}'")));
        }
        assert!(r().resolve("Atlantis").unwrap_err().suggestions.is_empty());
        assert!(r().resolve("").unwrap_err().suggestions.is_empty());
    }

    #[test]
    fn spells_and_validity() {
        let arm = r().by_cow(371).unwrap();
        assert!(!arm.in_cow_system_in(1990));
        assert!(arm.in_cow_system_in(1991), "COW has Armenia from 1991-12-26");
        assert!(arm.in_cow_system_in(1992));
        assert!(!arm.un_member_on(d("1992-03-01")));
        assert!(arm.un_member_on(d("1992-03-02")));
        let blr = r().by_cow(370).unwrap();
        assert!(blr.un_member_on(d("1950-01-01")));
        assert!(!blr.in_cow_system_in(1950));
        assert!(blr.in_cow_system_on(d("2020-01-01")), "COW's 2016-12-31 is an open end");
        let rus = r().by_cow(365).unwrap();
        assert!(rus.in_cow_system_in(1950) && rus.un_member_in(1950) && rus.un_member_in(2024));
        let ger = r().by_cow(255).unwrap();
        assert!(ger.in_cow_system_in(1930) && !ger.in_cow_system_in(1970) && ger.in_cow_system_in(1991));
        assert!(r().by_cow(260).unwrap().un_member_on(d("1990-10-02")));
        assert!(!r().by_cow(260).unwrap().un_member_on(d("1990-10-03")));
        assert!(!r().by_cow(652).unwrap().un_member_in(1960), "Syria sat as part of the UAR");
        let srb = r().by_cow(345).unwrap();
        assert!(srb.un_member_in(1990) && !srb.un_member_in(1995) && srb.un_member_in(2001));
    }

    #[test]
    fn data_ends_are_open_and_spells_sane() {
        for s in r().states() {
            let ends = s.cow_spells.iter().chain(&s.gw_spells).chain(&s.un_spells).filter_map(|x| x.end);
            for e in ends {
                assert!(e.year() < 2016 || (e.year() == 2016 && e.month() < 12), "{}: closed end {e}", s.name);
            }
            // Original members may predate independence (India, the SSRs); admitted ones may not.
            if let Some(un) = s.un_spells.first() {
                assert!(un.start >= d("1945-10-24"), "{}", s.name);
                let first = s.cow_spells.iter().chain(&s.gw_spells).map(|x| x.start).min();
                // A month's slack: COW and GW start Zanzibar on 19 Dec 1963, after its admission on the 16th.
                let rough_days = |x: Date| x.year() * 372 + i32::from(x.month()) * 31 + i32::from(x.day());
                if un.start.year() > 1945 {
                    let ok = first.is_some_and(|f| rough_days(f) <= rough_days(un.start) + 31);
                    assert!(ok, "{}: admitted before statehood", s.name);
                }
            }
        }
    }

    #[test]
    fn successions_and_seats() {
        let succ: Vec<_> = r().successions_of(315).collect();
        assert_eq!(succ.len(), 2);
        assert!(succ.iter().all(|s| s.kind == SuccessionKind::Dissolution && s.date == d("1993-01-01")));
        let germany: Vec<_> = r().successions().iter().filter(|s| s.successor == 255).collect();
        assert_eq!(germany.iter().map(|s| s.predecessor).collect::<Vec<_>>(), vec![260, 265]);
        assert!(germany.iter().all(|s| s.kind == SuccessionKind::Merger && s.date == d("1990-10-03")));
        let china = r().successions().iter().find(|s| s.kind == SuccessionKind::SeatTransfer).unwrap();
        assert_eq!((china.predecessor, china.successor, china.date), (713, 710, d("1971-10-25")));

        let holder = |c, day| r().un_seat_holder(c, d(day)).and_then(|s| s.cow);
        assert_eq!(holder(710, "1960-01-01"), Some(713));
        assert_eq!(holder(710, "1971-10-24"), Some(713));
        assert_eq!(holder(710, "1971-10-25"), Some(710));
        assert_eq!(holder(255, "1980-01-01"), Some(260));
        assert_eq!(holder(255, "1960-01-01"), None, "neither German state sat before 1973");
        assert_eq!(holder(679, "1985-01-01"), Some(678));
        assert_eq!(holder(365, "1970-01-01"), Some(365));
        assert_eq!(holder(345, "1995-01-01"), None);
        assert_eq!(holder(713, "1980-01-01"), None);
        assert_eq!(holder(371, "1985-01-01"), None);
    }

    /// The day before `d` (test helper; `Date` has no arithmetic).
    fn prev_day(d: Date) -> Date {
        match (d.month(), d.day()) {
            (1, 1) => Date::end_of_year(d.year() - 1),
            (m, 1) => Date::new(d.year(), m - 1, crate::date::days_in_month(d.year(), m - 1)).unwrap(),
            (m, day) => Date::new(d.year(), m, day - 1).unwrap(),
        }
    }

    #[test]
    fn successions_fit_the_spells() {
        for s in r().successions() {
            let (p, q) = (r().by_cow(s.predecessor).unwrap(), r().by_cow(s.successor).unwrap());
            let what = format!("{} → {} on {}", p.name, q.name, s.date);
            if s.predecessor != s.successor && s.kind != SuccessionKind::SeatTransfer {
                // A new successor enters COW within a year of the event; an old one was there before.
                let near = q.cow_spells.iter().any(|x| (x.start.year() - s.date.year()).abs() <= 1);
                let existed = q.cow_spells.iter().any(|x| x.start < s.date);
                assert!(near || existed, "{what}");
            }
            if s.un_seat && s.predecessor != s.successor {
                // The seat passes overnight: the predecessor's last day is the eve of the successor's first.
                assert!(p.un_member_on(prev_day(s.date)) && !p.un_member_on(s.date), "{what}");
                assert!(q.un_member_on(s.date), "{what}");
            }
        }
        assert_eq!(prev_day(d("2000-03-01")), d("2000-02-29"));
        assert_eq!(prev_day(d("1991-01-01")), d("1990-12-31"));
    }

    #[test]
    fn groups() {
        let ps = r().group("post-soviet").unwrap();
        assert_eq!(ps.len(), 15);
        assert!(ps.iter().any(|s| s.cow == Some(365)));
        assert!(ps.iter().all(|s| s.in_cow_system_in(1992)));
        for alias in ["Post Soviet", "post_soviet", "former-ussr", "FSU"] {
            assert_eq!(r().group(alias).unwrap().len(), 15, "{alias}");
        }
        assert_eq!(r().group("baltic").unwrap().iter().map(|s| s.code()).collect::<Vec<_>>(), ["EST", "LVA", "LTU"]);
        assert_eq!(r().group("south-caucasus").unwrap().len(), 3);
        assert_eq!(r().group("central-asia").unwrap().len(), 5);
        assert!(r().group("nato").is_none());
        assert!(r().group("Armenia").is_none());
    }

    #[test]
    fn search_ranks_exact_then_prefix_then_fuzzy() {
        assert_eq!(r().search("").len(), r().states().len());
        assert_eq!(r().search("arm")[0].cow, Some(371));
        assert_eq!(r().search("kremlin")[0].cow, Some(365));
        assert_eq!(r().search("Belarsu")[0].cow, Some(370));
        let guinea: Vec<_> = r().search("guinea").iter().filter_map(|s| s.cow).collect();
        assert_eq!(guinea[0], 438, "exact name first");
        for c in [404, 411, 910] {
            assert!(guinea.contains(&c), "{c} contains 'guinea'");
        }
        assert!(r().search("qqqqqq").is_empty());
    }

    #[test]
    fn every_state_resolves_by_its_own_codes_and_names() {
        for s in r().states() {
            let back = |q: &str| r().resolve(q).map(|x| std::ptr::eq(x, s));
            assert_eq!(back(s.code()), Ok(true), "code {}", s.code());
            assert_eq!(back(&s.name), Ok(true), "name {}", s.name);
            if let Some(c) = s.cow {
                assert_eq!(back(&c.to_string()), Ok(true));
            }
            if let Some(g) = s.gw {
                assert_eq!(back(&format!("gw {g}")), Ok(true));
            }
            if let Some(ru) = &s.name_ru {
                assert_eq!(back(ru), Ok(true), "{ru}");
            }
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for s in r().states() {
            assert!(seen.insert(s.code()), "code {} twice", s.code());
        }
    }

    /// Keys that name two states equally, or that another state's stronger key
    /// hides, must be deliberate: a new one fails here until it is decided.
    #[test]
    fn collisions_are_deliberate() {
        let reg = r();
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

    #[test]
    fn bad_tables_are_refused_with_the_line() {
        let good = "2\tUSA\t2\tUSA\tUS\t840\t\tUnited States\t1816-01-01..\t\t\t\t";
        assert!(Registry::from_tsv(good).is_ok());
        let bad = |text: &str, want: &str| {
            let e = Registry::from_tsv(text).err().unwrap_or_else(|| panic!("accepted: {text}"));
            assert!(e.contains(want), "{e}");
        };
        bad("# header\n2\tUSA", "states line 2: expected 13");
        bad(&good.replace("1816-01-01..", "1816-02-30.."), "not a real date");
        bad(&good.replace("1816-01-01..", "1900-01-01..1850-01-01"), "ends before");
        bad(&good.replace("1816-01-01..", "1816-01-01..|1900-01-01.."), "overlap");
        bad(&format!("{good}\n{}", good.replace("United States", "USA2")), "COW code 2 appears twice");
        bad(&good.replacen("2\t", "\t", 1).replacen("\t2\t", "\t\t", 1), "neither a COW nor a GW");
        let e = Registry::from_tables(good, "2\t999\t1990-01-01\tmerger\tno\tx").err().unwrap();
        assert!(e.contains("COW code 999 is not in the states table"), "{e}");
        let e = Registry::from_tables(good, "2\t2\t1990-01-01\tannexation\tno\tx").err().unwrap();
        assert!(e.contains("kind 'annexation'"), "{e}");
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("armenia", "armnia"), 1);
        assert_eq!(edit_distance("belarus", "belraus"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("россия", "росия"), 1);
    }

    fn mangle_case(s: &str, mask: &[bool]) -> String {
        s.chars()
            .zip(mask.iter().cycle())
            .map(|(c, &up)| if up { c.to_uppercase().collect::<String>() } else { c.to_lowercase().collect() })
            .collect()
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
        }

        #[test]
        fn any_name_in_any_case_with_any_spacing_finds_its_state(
            i in 0usize..400, j in 0usize..40, mask in proptest::collection::vec(any::<bool>(), 1..8),
            pad in "[ \t]{0,3}", the in any::<bool>(),
        ) {
            let reg = r();
            let s = &reg.states()[i % reg.states().len()];
            let names: Vec<&str> = s.names().collect();
            let name = names[j % names.len()];
            let query = format!("{pad}{}{}{pad}", if the { "the " } else { "" }, mangle_case(name, &mask));
            match reg.resolve(&query) {
                Ok(found) => prop_assert!(std::ptr::eq(found, s) || found.names().any(|n| normalize(n) == normalize(name)),
                    "{:?} found {}", query, found.name),
                // Allowed only where the name is deliberately ambiguous or shadowed.
                Err(e) => prop_assert!(e.ambiguous && e.suggestions.contains(&s.label()), "{:?}: {}", query, e),
            }
        }

        #[test]
        fn edit_distance_is_a_symmetric_bound(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let dist = edit_distance(&a, &b);
            prop_assert_eq!(dist, edit_distance(&b, &a));
            prop_assert!(dist <= a.chars().count().max(b.chars().count()));
            prop_assert_eq!(edit_distance(&a, &a), 0);
        }
    }
}

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
//!
//! # Layout
//!
//! This module holds the model (states, spells, successions, groups); `registry` the registry and
//! its lookups, `names` how names are compared (normalisation, edit distance), `tables` the parsing
//! of the compiled-in TSV tables.

mod names;
mod registry;
mod tables;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::Serialize;

use crate::date::Date;
pub use names::{edit_distance, normalize};
pub use registry::Registry;

/// A period `start..=end`; `end == None` means still ongoing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Spell {
    /// First day of the period.
    pub start: Date,
    /// Last day of the period; `None` while it goes on.
    pub end: Option<Date>,
}

impl Spell {
    /// Whether `d` falls within the period.
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
    /// Correlates of War code (`365`); `None` for the Gleditsch–Ward entities COW lacks.
    pub cow: Option<u16>,
    /// COW's three-letter abbreviation (`RUS`; Austria is `AUS`).
    pub cow_abb: Option<String>,
    /// Gleditsch–Ward code, where GW lists the identity.
    pub gw: Option<u16>,
    /// ISO 3166-1 alpha-3 code of the current state (`RUS`).
    pub iso3: Option<String>,
    /// ISO 3166-1 alpha-2 code (`RU`).
    pub iso2: Option<String>,
    /// ISO 3166-1 numeric code (`643`), as the map's outlines are keyed.
    pub iso_numeric: Option<u16>,
    /// Withdrawn ISO 3166 alpha codes this identity used before (ISO 3166-3:
    /// `SUN`/`SU` for the USSR, `YUG`/`YU`/`SCG`/`CS` for Serbia's row, …).
    pub iso_former: Vec<String>,
    /// The English short name (`Russia`).
    pub name: String,
    /// Membership of the COW state system (v2016).
    pub cow_spells: Vec<Spell>,
    /// Membership of the Gleditsch–Ward list.
    pub gw_spells: Vec<Spell>,
    /// UN membership (the seat this identity votes in).
    pub un_spells: Vec<Spell>,
    /// Other names, capitals and metonyms, in any language.
    pub aliases: Vec<String>,
    /// The Russian short name (`Россия`).
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

    /// Whether the identity held a UN seat on `d`.
    pub fn un_member_on(&self, d: Date) -> bool {
        self.un_spells.iter().any(|s| s.contains(d))
    }

    /// Whether the identity held a UN seat at some time in `year`.
    pub fn un_member_in(&self, year: i32) -> bool {
        self.un_spells.iter().any(|s| s.touches_year(year))
    }

    /// Whether the identity was in the COW state system at some time in `year`.
    pub fn in_cow_system_in(&self, year: i32) -> bool {
        self.cow_spells.iter().any(|s| s.touches_year(year))
    }

    /// Whether the identity was in the COW state system on `d`.
    pub fn in_cow_system_on(&self, d: Date) -> bool {
        self.cow_spells.iter().any(|s| s.contains(d))
    }

    /// Whether the identity was on the Gleditsch–Ward list on `d`.
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
    /// What the user typed.
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
    /// The kind as `data/successions.tsv` writes it.
    pub(super) fn parse(s: &str) -> Option<SuccessionKind> {
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
    /// How the identity ended or went on.
    pub kind: SuccessionKind,
    /// The successor sits in the predecessor's UN seat from `date` on, so a
    /// seat's vote series runs through this link.
    pub un_seat: bool,
    /// A line on the case (dates, UN resolutions).
    pub note: String,
}

/// A named set of states for `--states post-soviet` style arguments.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Group {
    /// The name users type (`post-soviet`).
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// One line saying who is in it.
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

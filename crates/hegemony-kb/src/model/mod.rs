//! The model of facts.
//!
//! Every fact has a stable [`Fact::id`], the states it concerns
//! ([`Fact::actors`], canonical registry codes such as `ARM`), optional
//! partial start and end dates, one or more [`Source`]s and a confidence in
//! `[0, 1]`. What is specific to a kind of fact lives in [`Detail`].
//!
//! The fact, its kind and origin are here; the details of each kind in `membership` (organisations
//! and memberships), `agreement`, `presence`, `economy` (assets, dependence), `events` (events and
//! claims); `source` the sources; `dates` the serde form of partial dates and today's date.

mod agreement;
mod dates;
mod economy;
mod events;
mod membership;
mod presence;
mod source;

use std::fmt;
use std::str::FromStr;

use hegemony_core::{Date, PartialDate};
use serde::{Deserialize, Serialize};

pub use agreement::{Agreement, AgreementStatus, Provision, ProvisionKind};
pub use dates::{civil_from_days, opt_pdate, pdate, today};
pub use economy::{Asset, Dependence};
pub use events::{Claim, Event, Stance};
pub use membership::{Membership, MembershipSpell, MembershipStatus, Organisation};
pub use presence::{Consent, ConsentSpell, Presence, TroopLevel};
pub use source::Source;

/// The kinds of fact the knowledge base holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// An international organisation or treaty community.
    Organisation,
    /// A state's membership of an organisation.
    Membership,
    /// An agreement between states, with its provisions.
    Agreement,
    /// A military presence of one state in another.
    Presence,
    /// A strategic asset controlled by another state's firms.
    Asset,
    /// A dependence figure (arms, trade, energy, debt …).
    Dependence,
    /// An event (war, revolution, crisis …).
    Event,
    /// A statement by someone about a relation.
    Claim,
}

impl FactKind {
    /// Every kind, in the order of the TOML tables.
    pub const ALL: [FactKind; 8] = [
        FactKind::Organisation,
        FactKind::Membership,
        FactKind::Agreement,
        FactKind::Presence,
        FactKind::Asset,
        FactKind::Dependence,
        FactKind::Event,
        FactKind::Claim,
    ];

    /// The kind as the TOML table and the JSON name it (`membership`).
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Organisation => "organisation",
            FactKind::Membership => "membership",
            FactKind::Agreement => "agreement",
            FactKind::Presence => "presence",
            FactKind::Asset => "asset",
            FactKind::Dependence => "dependence",
            FactKind::Event => "event",
            FactKind::Claim => "claim",
        }
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_lowercase();
        let s = s.strip_suffix('s').unwrap_or(&s);
        FactKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || (s == "organization" && *k == FactKind::Organisation))
            .ok_or_else(|| {
                let names: Vec<&str> = FactKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown fact kind '{s}' (expected one of {})", names.join(", "))
            })
    }
}

/// Where a fact was written down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Path of the file, relative to its knowledge-base root, prefixed by the
    /// layer for user files (`user:`).
    pub file: String,
    /// 1-based line of the fact's table header.
    pub line: usize,
    /// Shipped or user.
    pub layer: Layer,
}

/// Which set of files a fact comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Shipped with the program (the repository's `kb/`).
    Shipped,
    /// A user's own files, loaded on top and surviving upgrades.
    User,
}

/// One fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Unique id (lower case, digits, `-`, `_`, `.`), as cited by other facts and by users.
    pub id: String,
    /// A title for people (given, or made from the detail).
    pub title: String,
    /// The states concerned, as canonical registry codes (ISO3 where known).
    pub actors: Vec<String>,
    /// Organisations concerned (ids of organisation facts), e.g. the EU as a
    /// party to an agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<String>,
    #[serde(with = "opt_pdate", default)]
    /// When the fact begins to hold (`None`: not recorded).
    pub start: Option<PartialDate>,
    /// `None`: still ongoing (or a point event).
    #[serde(with = "opt_pdate", default)]
    pub end: Option<PartialDate>,
    /// What is specific to its kind.
    pub detail: Detail,
    /// Where it comes from; at least one.
    pub sources: Vec<Source>,
    /// How sure the knowledge base is, 0–1 (general knowledge to verify ≈ 0.6).
    pub confidence: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    /// The file and line it was written in.
    pub origin: Origin,
}

impl Fact {
    /// The fact's kind.
    pub fn kind(&self) -> FactKind {
        match &self.detail {
            Detail::Organisation(_) => FactKind::Organisation,
            Detail::Membership(_) => FactKind::Membership,
            Detail::Agreement(_) => FactKind::Agreement,
            Detail::Presence(_) => FactKind::Presence,
            Detail::Asset(_) => FactKind::Asset,
            Detail::Dependence(_) => FactKind::Dependence,
            Detail::Event(_) => FactKind::Event,
            Detail::Claim(_) => FactKind::Claim,
        }
    }

    /// Whether the fact's validity period touches the calendar year.
    pub fn touches_year(&self, year: i32) -> bool {
        match &self.detail {
            Detail::Membership(m) => m.spells.iter().any(|s| s.touches_year(year)),
            Detail::Claim(_) => self.start.is_some_and(|d| d.year == year),
            Detail::Agreement(a) => a.in_force_in(year),
            _ => {
                let starts = self.start.is_none_or(|s| s.earliest().year() <= year);
                let ends = match self.end {
                    Some(e) => e.latest().year() >= year,
                    None => true,
                };
                starts && ends
            }
        }
    }

    /// A short status word as of `on` (e.g. `in_force`, `frozen`, `active`).
    pub fn status_on(&self, on: Date) -> String {
        match &self.detail {
            Detail::Agreement(a) => a.status_on(on).as_str().to_string(),
            Detail::Membership(m) => m.status_on(on).map(|s| s.as_str().to_string()).unwrap_or_else(|| "none".into()),
            Detail::Organisation(_) | Detail::Presence(_) | Detail::Asset(_) => {
                if self.start.is_some_and(|s| s.earliest() > on) {
                    "future".into()
                } else if self.end.is_some_and(|e| e.latest() < on) {
                    "ended".into()
                } else {
                    "active".into()
                }
            }
            Detail::Dependence(_) => "measured".into(),
            Detail::Event(_) => {
                if self.end.is_some_and(|e| e.latest() < on)
                    || (self.end.is_none() && self.start.is_some_and(|s| s.latest() < on))
                {
                    "past".into()
                } else {
                    "ongoing".into()
                }
            }
            Detail::Claim(c) => c.stance.as_str().to_string(),
        }
    }

    /// The provisions of an agreement (empty for other kinds).
    pub fn provisions(&self) -> &[Provision] {
        match &self.detail {
            Detail::Agreement(a) => &a.provisions,
            _ => &[],
        }
    }
}

/// What is specific to each kind of fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// See [`Organisation`].
    Organisation(Organisation),
    /// See [`Membership`].
    Membership(Membership),
    /// See [`Agreement`].
    Agreement(Agreement),
    /// See [`Presence`].
    Presence(Presence),
    /// See [`Asset`].
    Asset(Asset),
    /// See [`Dependence`].
    Dependence(Dependence),
    /// See [`Event`].
    Event(Event),
    /// See [`Claim`].
    Claim(Claim),
}

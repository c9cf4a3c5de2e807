//! Organisations and states' memberships of them, as dated status spells.

use hegemony_core::{Date, PartialDate};
use serde::{Deserialize, Serialize};

use super::{Source, opt_pdate, pdate};

/// An international organisation or treaty community (CIS, CSTO, EAEU …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Its usual abbreviation (`CSTO`).
    pub abbrev: String,
    /// Id of the founding agreement fact, or its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founding_treaty: Option<String>,
    /// What it is for, in a line.
    pub purpose: String,
    /// The dominant member, if any (registry code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dominant: Option<String>,
    /// Id of the organisation this one succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_of: Option<String>,
}

/// The status of a state in an organisation during a spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// A full member.
    Member,
    /// Takes part without full membership (e.g. never ratified the charter).
    Participant,
    /// An associate member.
    Associate,
    /// An observer.
    Observer,
    /// Partnership programme participant (e.g. NATO Partnership for Peace).
    Partner,
    /// A candidate for membership.
    Candidate,
    /// Membership suspended by the organisation.
    Suspended,
    /// Participation frozen by the state itself (Armenia in the CSTO from 2024).
    Frozen,
    /// Left the organisation.
    Withdrawn,
}

impl MembershipStatus {
    /// The status as the TOML writes it (`member`).
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::Member => "member",
            MembershipStatus::Participant => "participant",
            MembershipStatus::Associate => "associate",
            MembershipStatus::Observer => "observer",
            MembershipStatus::Partner => "partner",
            MembershipStatus::Candidate => "candidate",
            MembershipStatus::Suspended => "suspended",
            MembershipStatus::Frozen => "frozen",
            MembershipStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether a state with this status takes part in the organisation.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            MembershipStatus::Member
                | MembershipStatus::Participant
                | MembershipStatus::Associate
                | MembershipStatus::Observer
                | MembershipStatus::Partner
        )
    }
}

/// A period with one membership status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembershipSpell {
    /// The status during the spell.
    pub status: MembershipStatus,
    #[serde(with = "pdate")]
    /// The day it began.
    pub from: PartialDate,
    /// `None`: still so.
    #[serde(with = "opt_pdate", default)]
    pub to: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this spell in particular.
    pub sources: Vec<Source>,
}

impl MembershipSpell {
    /// Whether the spell holds at some time in `year`.
    pub fn touches_year(&self, year: i32) -> bool {
        self.from.earliest().year() <= year && self.to.is_none_or(|t| t.latest().year() >= year)
    }
    /// Whether the status held on `d`. `to` is the day the status ended or
    /// changed (exclusive); a partial `to` counts from its earliest day.
    pub fn contains(&self, d: Date) -> bool {
        self.from.earliest() <= d && self.to.is_none_or(|t| d < t.earliest())
    }
}

/// A state's membership of an organisation, as a sequence of status spells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// The member state (registry code).
    pub state: String,
    /// Id of the organisation fact.
    pub org: String,
    /// The status spells, earliest first, not overlapping.
    pub spells: Vec<MembershipSpell>,
}

impl Membership {
    /// The status on a day; the later spell wins where partial dates overlap.
    pub fn status_on(&self, d: Date) -> Option<MembershipStatus> {
        self.spells.iter().filter(|s| s.contains(d)).max_by_key(|s| s.from.earliest()).map(|s| s.status)
    }

    /// The status that held longest in `year` (ties: the later one).
    pub fn status_in_year(&self, year: i32) -> Option<MembershipStatus> {
        self.spells.iter().rfind(|s| s.touches_year(year)).map(|s| s.status)
    }
}

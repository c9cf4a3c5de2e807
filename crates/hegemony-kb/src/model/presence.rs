//! Military presence: troop levels as dated ranges, and the host's consent over time.

use hegemony_core::PartialDate;
use serde::{Deserialize, Serialize};

use super::{Source, opt_pdate, pdate};

/// A troop level known at a date, as a range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TroopLevel {
    #[serde(with = "pdate")]
    /// The date of the estimate.
    pub date: PartialDate,
    /// Fewest troops.
    pub low: u32,
    /// Most troops.
    pub high: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark (what is counted, how sure).
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this figure in particular.
    pub sources: Vec<Source>,
}

/// A military presence of one state on another's territory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Presence {
    /// The state whose forces are there (registry code).
    pub dominant: String,
    /// The state they are in (registry code).
    pub host: String,
    /// Base, air_base, naval_base, radar, space, test_site, border_guards,
    /// peacekeeping, training, facility …
    pub facility: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where (`Gyumri`).
    pub location: Option<String>,
    /// Id of the agreement it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<String>,
    #[serde(default)]
    /// Troop levels by date, earliest first.
    pub troops: Vec<TroopLevel>,
    /// The host's consent over time, earliest first (Lake's hierarchy counts
    /// only forces stationed with the host's consent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<ConsentSpell>,
    /// Why no troop figure is given (a presence without people, or no
    /// public figure), when `troops` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub troops_unknown: Option<String>,
    /// The presence whose troop figure includes this one's personnel (an
    /// air group counted with its base): it adds none of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_in: Option<String>,
}

/// Whether the host state agrees to a foreign military presence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Stationed under an agreement the host keeps in force.
    Consented,
    /// The host demands withdrawal or disputes the legal basis, without
    /// having lost control of the territory (Transnistria, Gudauta after 1999).
    Contested,
    /// Held on the host's territory against its will, the territory out of
    /// its control (Abkhazia and South Ossetia after 2008, Crimea after 2014).
    Occupation,
}

impl Consent {
    /// The status as the TOML writes it (`consented`).
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Consented => "consented",
            Consent::Contested => "contested",
            Consent::Occupation => "occupation",
        }
    }
}

/// The host's consent from a date until the next spell (or the end of the presence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentSpell {
    /// The host's consent during the spell.
    pub status: Consent,
    /// When this status began; `None` = since the presence began.
    #[serde(default, with = "opt_pdate", skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this spell in particular.
    pub sources: Vec<Source>,
}

impl Presence {
    /// The host's consent in `year`: the last spell begun by the end of the
    /// year (`None`: not recorded).
    pub fn consent_in(&self, year: i32) -> Option<Consent> {
        self.consent.iter().rfind(|s| s.from.is_none_or(|d| d.earliest().year() <= year)).map(|s| s.status)
    }
}

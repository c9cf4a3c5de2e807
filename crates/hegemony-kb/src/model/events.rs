//! Events, and claims: who said what about a relation.

use serde::{Deserialize, Serialize};

/// An event: war, revolution, crisis …
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// war, revolution, crisis, coup, ceasefire, intervention, recognition,
    /// referendum, annexation, other.
    pub event_type: String,
}

/// How a claim regards the relation it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Approves of the relation.
    Supportive,
    /// Criticises it.
    Critical,
    /// Worries about it.
    Concerned,
    /// Takes no side.
    Neutral,
    /// States facts without judging.
    Descriptive,
}

impl Stance {
    /// The stance as the TOML writes it (`critical`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supportive => "supportive",
            Stance::Critical => "critical",
            Stance::Concerned => "concerned",
            Stance::Neutral => "neutral",
            Stance::Descriptive => "descriptive",
        }
    }
}

/// Who said what about which relation, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Who said it.
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The speaker's office or organisation.
    pub affiliation: Option<String>,
    /// How it regards the relation.
    pub stance: Stance,
    /// What was claimed, in the knowledge base's own words.
    pub text: String,
}

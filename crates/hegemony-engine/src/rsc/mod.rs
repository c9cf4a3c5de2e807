//! Regional security complexes (Buzan & Wæver 2003; `docs/methods.md` §12),
//! year by year: the network of security interdependence built from the
//! data and the knowledge base, the complexes found in it
//! ([`hegemony_measures::rsc`]), and views for the interfaces.
//!
//! **The network.** Every dyad-year gets *components*, each a value on
//! [0, 1] with its rows (`weights/rsc.toml` gives the weights):
//! amity — alliances (ATOP to 2018; after it the knowledge base for the
//! states it carries and ATOP's last year carried for the others), shared
//! security organisations, defence cooperation, forces stationed with the
//! host's consent (knowledge base; US troops from troopdata), arms supplies
//! (SIPRI), UN-vote kappa; enmity — strategic rivalries (TSS; Thompson &
//! Dreyer), militarised disputes (MID), wars between recorded adversaries and
//! forces held against the host's will (knowledge base). Each is scaled by the
//! two states' *opportunity* to interact: direct contact (COW contiguity),
//! else distance in steps of the contiguity network within the reach of the
//! stronger state (Lemke's relevance by power projection, with contiguity
//! steps for distance: no capital-distance dataset is in the data folder).
//! *Global powers* (Maoz) count in complexes only with their direct
//! neighbours, and their ties with other powers are the global level: their
//! wider reach is *penetration*, shown for each complex apart.
//!
//! **Sectors.** The military-political sector reads all of the above; the
//! economic sector only trade interdependence (COW trade, to 2014). The
//! societal and environmental sectors are not covered: no dataset here
//! measures migration, identity or shared resources between states.
//!
//! Files: `settings` (the settings file), `coverage` (years and datasets),
//! `prepare` (indexes over the inputs), `network` + `components` (one
//! year's ties), `names`, `views` (what interfaces get), `penetration`,
//! `timeline` (years, moves, a state's path), `reference` (the comparison
//! with *Regions and Powers*).

mod components;
pub mod coverage;
mod names;
pub mod network;
mod penetration;
mod prepare;
pub mod reference;
pub mod settings;
mod tables;
pub mod timeline;
pub mod views;

use std::str::FromStr;

use hegemony_data::LoadedVotes;
use hegemony_data::relations::Relations;
use hegemony_data::structural::Structural;
use hegemony_kb::KnowledgeBase;
use serde::{Deserialize, Serialize};

pub use coverage::{Coverage, coverage};
pub use network::{Component, Edge, Kind, YearNetwork};
pub use reference::{BookComparison, compare_with_book};
pub use settings::RscSettings;
pub use timeline::{Move, StatePath, Timeline, state_path, timeline};
pub use views::{ComplexNetwork, ComplexView, YearView, complex_network, year};

use crate::EngineError;
use crate::profile::Workspace;

/// Which sector's network the complexes are found in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Alliances, organisations, bases, arms, UN votes, rivalries, disputes, wars.
    #[default]
    MilitaryPolitical,
    /// Trade interdependence.
    Economic,
}

impl Sector {
    /// The sector as the interfaces name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::MilitaryPolitical => "military_political",
            Sector::Economic => "economic",
        }
    }
}

impl FromStr for Sector {
    type Err = EngineError;
    fn from_str(s: &str) -> Result<Sector, EngineError> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "military_political" | "military" | "political" | "security" => Ok(Sector::MilitaryPolitical),
            "economic" | "economy" | "trade" => Ok(Sector::Economic),
            "societal" | "environmental" => Err(EngineError::Request(format!(
                "the {s} sector is not covered: no dataset in the data folder measures it between states \
                 (covered: military_political, economic)"
            ))),
            _ => Err(EngineError::Request(format!("unknown sector '{s}' (covered: military_political, economic)"))),
        }
    }
}

/// What the complexes read: a workspace (knowledge base, datasets, UN votes,
/// the profile for the centres' hierarchy) and the complexes' settings.
pub struct Inputs<'a> {
    /// The workspace (for the profile of a centre's hierarchy).
    pub workspace: &'a Workspace,
    /// Its knowledge base.
    pub kb: &'a KnowledgeBase,
    /// Its structural datasets (alliances, arms, trade, US troops).
    pub data: &'a Structural,
    /// Its UN votes.
    pub votes: Option<&'a LoadedVotes>,
    /// Rivalries, disputes, contiguity, powers, capabilities.
    pub relations: &'a Relations,
    /// Weights and thresholds.
    pub settings: &'a RscSettings,
}

impl<'a> Inputs<'a> {
    /// The inputs of `workspace` with `settings`.
    pub fn new(workspace: &'a Workspace, settings: &'a RscSettings) -> Inputs<'a> {
        Inputs {
            workspace,
            kb: &workspace.kb,
            data: &workspace.data,
            votes: workspace.votes.as_deref(),
            relations: &workspace.relations,
            settings,
        }
    }

    /// An error naming the datasets the complexes cannot do without, if any is missing.
    pub fn check(&self) -> Result<(), EngineError> {
        let missing = coverage::required_missing(self);
        if missing.is_empty() {
            return Ok(());
        }
        Err(EngineError::Request(format!(
            "the regional security complexes need datasets the data folder lacks: {}.\n  hint: these are \
             peacesciencer's and ATOP's files (see ../shared/data/README.md); put them in the data folder \
             (--data-dir or HEGEMONY_DATA). The data compiled into the program is an extract for the \
             hierarchy profiles and does not hold them",
            missing.join("; ")
        )))
    }
}

//! Everything a profile reads, loaded once: the knowledge base, the data
//! folder's datasets, the settings and the institutionalisation weights.

use std::path::Path;
use std::sync::Arc;

use hegemony_data::LoadedVotes;
use hegemony_data::relations::Relations;
use hegemony_data::structural::Structural;
use hegemony_kb::KnowledgeBase;
use hegemony_measures::institutions::Weights as InstitutionWeights;

use super::Settings;
use crate::EngineError;

/// What a profile is computed from. Parts that are absent make their
/// measures *not covered*, and the profile says which dataset would fill them.
pub struct Inputs<'a> {
    /// The knowledge base (the workspace's, or a what-if's).
    pub kb: &'a KnowledgeBase,
    /// The structural datasets (population, alliances, trade, arms …).
    pub data: &'a Structural,
    /// The UN vote record (`None`: not in the data folder).
    pub votes: Option<&'a LoadedVotes>,
    /// The institutionalisation index's weights.
    pub institution_weights: &'a InstitutionWeights,
    /// The profile's settings.
    pub settings: &'a Settings,
}

/// Everything a profile reads, loaded once: the CLI loads it per command, a
/// server keeps it and swaps in a new one when its knowledge base changes
/// ([`Workspace::with_kb`]: the datasets are shared, not read again).
pub struct Workspace {
    /// The knowledge base.
    pub kb: KnowledgeBase,
    /// The structural datasets of the data folder.
    pub data: Arc<Structural>,
    /// The UN vote record, if the data folder has one.
    pub votes: Option<Arc<LoadedVotes>>,
    /// Rivalries, disputes, contiguity, powers and capabilities (the
    /// regional security complexes read them; empty without a data folder).
    pub relations: Arc<Relations>,
    /// The profile's settings.
    pub settings: Settings,
    /// The institutionalisation index's weights.
    pub institution_weights: InstitutionWeights,
}

impl Workspace {
    /// The settings in `settings` and weights in `weights` (or the shipped
    /// ones), the knowledge base from its default places, and the datasets of
    /// `engine`'s data folder (`None`: the knowledge base alone). What the
    /// CLI and the server open.
    pub fn open(
        engine: Option<&crate::Engine>,
        settings: Option<&Path>,
        weights: Option<&Path>,
    ) -> Result<Workspace, EngineError> {
        let settings = Settings::load(settings)?;
        let weights = crate::institutions::weights(weights)?;
        let kb = KnowledgeBase::load_default().map_err(|e| EngineError::Request(e.to_string()))?;
        Workspace::load(engine, kb, settings, weights)
    }

    /// Loads the data folder of `engine` (`None`: no data folder, the
    /// knowledge base alone). A folder without UN votes is not an error.
    pub fn load(
        engine: Option<&crate::Engine>,
        kb: KnowledgeBase,
        settings: Settings,
        institution_weights: InstitutionWeights,
    ) -> Result<Workspace, EngineError> {
        let (data, votes, relations) = match engine {
            Some(e) => {
                let data = e.load_structural()?;
                let votes = match e.load_votes(crate::VoteSource::Auto) {
                    Ok(v) => Some(v),
                    Err(EngineError::NoVoteData { .. }) => None,
                    Err(err) => return Err(err),
                };
                (data, votes, e.load_relations()?)
            }
            None => (Structural::default(), None, Relations::default()),
        };
        Ok(Workspace {
            kb,
            data: Arc::new(data),
            votes: votes.map(Arc::new),
            relations: Arc::new(relations),
            settings,
            institution_weights,
        })
    }

    /// The same datasets and settings with another knowledge base (the
    /// datasets are shared, not copied or read again).
    pub fn with_kb(&self, kb: KnowledgeBase) -> Workspace {
        Workspace {
            kb,
            data: self.data.clone(),
            votes: self.votes.clone(),
            relations: self.relations.clone(),
            settings: self.settings.clone(),
            institution_weights: self.institution_weights.clone(),
        }
    }

    /// The knowledge base loaded again from `opts` (after a fact was
    /// written), on the same datasets; the error leaves `self` as it was.
    pub fn reload_kb(&self, opts: &hegemony_kb::LoadOptions) -> Result<Workspace, EngineError> {
        let kb = KnowledgeBase::load(opts).map_err(|e| EngineError::Request(e.to_string()))?;
        Ok(self.with_kb(kb))
    }

    /// The inputs of a profile on this workspace, with `kb` in place of the
    /// workspace's knowledge base if given (what-if).
    pub fn inputs<'a>(&'a self, kb: Option<&'a KnowledgeBase>) -> Inputs<'a> {
        Inputs {
            kb: kb.unwrap_or(&self.kb),
            data: &self.data,
            votes: self.votes.as_deref(),
            institution_weights: &self.institution_weights,
            settings: &self.settings,
        }
    }
}

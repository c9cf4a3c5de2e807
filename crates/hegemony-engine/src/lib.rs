#![warn(missing_docs)]
//! The engine facade: one API over the data, the knowledge base and the
//! measures. The CLI, the HTTP server and the Python package call this and
//! hold no logic of their own.

pub mod agreement;
pub mod alliances;
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod citation;
pub mod convergence;
pub mod default_data;
pub mod evidence;
pub mod frames;
pub mod ideal;
pub mod institutions;
pub mod locate;
pub mod options;
pub mod panel;
pub mod profile;
pub mod relation;
pub mod rsc;
pub mod select;
pub mod table;

use std::path::{Path, PathBuf};

use hegemony_core::UnknownState;
use hegemony_data::cache;
use hegemony_data::catalog::{self, VoteFiles};
use hegemony_data::{LoadError, LoadedVotes, load_unvotes, load_voeten};

pub use agreement::{AgreementRequest, AgreementResult};
/// The layers below, for interfaces that need their types (options, diagnostics).
pub use hegemony_data as data;
pub use hegemony_kb as kb;
pub use hegemony_measures as measures;
pub use table::{Column, ColumnData, Table};

/// Everything that can go wrong in a request, with messages for people.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// A state name or code the registry does not know.
    #[error(transparent)]
    UnknownState(#[from] UnknownState),
    /// No vote record in the data folder.
    #[error(
        "no UN vote data in {dir}: expected undl_ga_voting.csv(.gz), unvotes_un_votes.csv.gz + \
         unvotes_un_roll_calls.csv.gz, voeten_unvotes2016_votes.csv.gz, or UNVotes.csv.\n  hint: run \
         `hegemony data fetch undl` (to the latest session) or `hegemony data fetch unvotes`, \
         or point --data-dir (or HEGEMONY_DATA) at a folder that has them"
    )]
    NoVoteData {
        /// The data folder searched.
        dir: PathBuf,
    },
    /// A data folder that was asked for and does not exist.
    #[error("no data folder at {} (from {from}): give an existing folder, or none for the data compiled in", dir.display())]
    NoDataFolder {
        /// The folder.
        dir: PathBuf,
        /// Where it was named (`data_dir`, `HEGEMONY_DATA`).
        from: &'static str,
    },
    /// A dataset a request needs that the data folder lacks.
    #[error("{what} needs {files} in {}; it is not there.\n  hint: {how}", dir.display())]
    MissingDataset {
        /// The data folder searched.
        dir: PathBuf,
        /// What needs it (`the panel's column atop_defense`).
        what: String,
        /// The file(s) looked for.
        files: String,
        /// Where to get them.
        how: String,
    },
    /// A dataset that could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The evidence store or a document failed.
    #[error(transparent)]
    Evidence(#[from] hegemony_evidence::EvidenceError),
    /// A request that cannot be answered as asked (the message says why).
    #[error("{0}")]
    Request(String),
}

/// A settings or weights file (TOML) read and checked, or the shipped
/// default when `path` is `None`; errors name the file (or `default_name`).
pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(
    path: Option<&Path>,
    default_text: &str,
    default_name: &str,
    validate: impl Fn(&T) -> Result<(), String>,
) -> Result<T, EngineError> {
    let (text, name) = match path {
        Some(p) => (
            std::fs::read_to_string(p).map_err(|e| EngineError::Request(format!("{}: {e}", p.display())))?,
            p.display().to_string(),
        ),
        None => (default_text.to_string(), default_name.to_string()),
    };
    let value: T = toml::from_str(&text).map_err(|e| EngineError::Request(format!("{name}: {e}")))?;
    validate(&value).map_err(|e| EngineError::Request(format!("{name}: {e}")))?;
    Ok(value)
}

/// Which vote record to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VoteSource {
    /// The UN Digital Library's file if present (it reaches the latest
    /// session), else the unvotes tables, else Voeten's file.
    #[default]
    Auto,
    /// The unvotes tables only.
    Unvotes,
    /// Voeten's file only.
    Voeten,
    /// The UN Digital Library's file only.
    Undl,
}

/// The data folder and the cache of parsed inputs every request reads.
pub struct Engine {
    data_dir: PathBuf,
    /// Where columnar copies of parsed inputs are kept; `None` = always parse.
    cache_dir: Option<PathBuf>,
}

impl Engine {
    /// An engine over `data_dir`, caching parsed inputs in the default cache folder.
    pub fn new(data_dir: impl Into<PathBuf>) -> Engine {
        Engine { data_dir: data_dir.into(), cache_dir: cache::default_dir() }
    }

    /// Sets (or with `None`, turns off) the cache of parsed inputs.
    pub fn with_cache(mut self, dir: Option<PathBuf>) -> Engine {
        self.cache_dir = dir;
        self
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The structural datasets of the data directory (population, alliances,
    /// trade, arms transfers); those absent stay `None`. Through the cache of
    /// parsed inputs, like the votes.
    pub fn load_structural(&self) -> Result<hegemony_data::structural::Structural, EngineError> {
        Ok(hegemony_data::structural::load_dir_cached(&self.data_dir, self.cache_dir.as_deref())?)
    }

    /// The relations datasets of the data directory (rivalries, disputes,
    /// contiguity, powers, capabilities; `hegemony_data::relations`); those
    /// absent stay `None`. Small files: read without a cache.
    pub fn load_relations(&self) -> Result<hegemony_data::relations::Relations, EngineError> {
        Ok(hegemony_data::relations::load_dir(&self.data_dir)?)
    }

    /// Finds and loads the vote record of the data directory.
    pub fn load_votes(&self, source: VoteSource) -> Result<LoadedVotes, EngineError> {
        let dir = &self.data_dir;
        let files = match source {
            VoteSource::Auto => catalog::find_undl(dir)
                .map(|votes| VoteFiles::Undl { votes })
                .or_else(|| catalog::find_unvotes(dir))
                .or_else(|| catalog::find_voeten(dir)),
            VoteSource::Unvotes => catalog::find_unvotes(dir),
            VoteSource::Voeten => catalog::find_voeten(dir),
            VoteSource::Undl => catalog::find_undl(dir).map(|votes| VoteFiles::Undl { votes }),
        }
        .ok_or_else(|| EngineError::NoVoteData { dir: dir.clone() })?;
        let (kind, paths): (&str, Vec<&Path>) = match &files {
            VoteFiles::Unvotes { votes, roll_calls, issues } => (
                "unvotes",
                [Some(votes), Some(roll_calls), issues.as_ref()].into_iter().flatten().map(|p| p.as_path()).collect(),
            ),
            VoteFiles::Voeten { votes, roll_calls } => {
                ("voeten", [Some(votes), roll_calls.as_ref()].into_iter().flatten().map(|p| p.as_path()).collect())
            }
            VoteFiles::Undl { votes } => ("undl", vec![votes.as_path()]),
        };
        // The key hashes the inputs' bytes: a changed source is never served from the cache.
        let cached = self.cache_dir.as_deref().and_then(|dir| Some((dir, cache::key(kind, &paths).ok()?)));
        if let Some((dir, key)) = &cached
            && let Some(votes) = cache::read(dir, key, &paths)
        {
            return Ok(votes);
        }
        let votes = match &files {
            VoteFiles::Unvotes { votes, roll_calls, issues } => load_unvotes(votes, roll_calls, issues.as_deref())?,
            VoteFiles::Voeten { votes, roll_calls } => load_voeten(votes, roll_calls.as_deref())?,
            VoteFiles::Undl { votes } => hegemony_data::load_undl(votes)?,
        };
        if let Some((dir, key)) = &cached {
            // A cache that cannot be written (read-only, full) only costs speed next time.
            let _ = cache::write(dir, key, &votes);
        }
        Ok(votes)
    }
}

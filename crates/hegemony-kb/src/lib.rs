//! The knowledge base: facts about hierarchy between states (organisations,
//! memberships, agreements and their provisions, military presence,
//! strategic assets, dependence figures, events and claims), every one with
//! its sources and a confidence.
//!
//! * The facts are written as TOML files in the repository's `kb/` folder
//!   (format: `kb/README.md`); they are compiled into the library, so the
//!   program works with no data directory and no network.
//! * A user's own files (`$HEGEMONY_KB`, else `~/.local/share/hegemony/kb`)
//!   are loaded on top; they may add facts, and replace shipped ones with
//!   `override = true`.
//! * [`parse::compile`] validates the files and reports every error with its
//!   file, line and a hint (`hegemony kb check`).
//! * The valid facts are stored in an SQLite database ([`store`]), rebuilt
//!   only when the inputs change, atomically.
//!
//! ```no_run
//! use hegemony_kb::KnowledgeBase;
//! let kb = KnowledgeBase::load_default().unwrap();
//! for a in kb.agreements_in_force("ARM", "RUS", 2016) {
//!     println!("{} {:?}", a.title, a.provisions());
//! }
//! ```

#![warn(missing_docs)]

pub mod diag;
pub mod model;
pub mod parse;
pub mod query;
pub mod store;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_kb.rs"));
}

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use diag::{Diagnostic, ErrorKind};
pub use model::*;
pub use parse::{Compiled, KbFile, compile};
pub use query::{MembershipAt, TimelineEntry, TroopsAt};

/// Why the knowledge base could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the knowledge base has {} error(s):\n{}", .0.len(), .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    /// The files have errors; every one, with file and line.
    Invalid(Vec<Diagnostic>),
    #[error("cannot read {path}: {message}")]
    /// A file or folder could not be read.
    Io {
        /// The path.
        path: String,
        /// What the operating system reported.
        message: String,
    },
}

/// Which base set of files to load.
#[derive(Clone, Debug, Default)]
pub enum Base {
    /// The files compiled into the program (the repository's `kb/`).
    #[default]
    Embedded,
    /// A directory of TOML files instead (e.g. a working copy of `kb/`).
    Dir(PathBuf),
    /// No base files (only user files).
    None,
}

/// Where to keep the compiled database.
#[derive(Clone, Debug, Default)]
pub enum DbLocation {
    /// `$HEGEMONY_KB_DB`, else `$XDG_CACHE_HOME/hegemony/kb.sqlite`, else
    /// `~/.cache/hegemony/kb.sqlite`; no database if none can be written.
    #[default]
    Default,
    /// At this path.
    At(PathBuf),
    /// Keep everything in memory (no file written).
    None,
}

/// How to load the knowledge base.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// The base files.
    pub base: Base,
    /// User directories loaded on top of the base, in order.
    pub user_dirs: Vec<PathBuf>,
    /// Where the compiled database goes.
    pub db: DbLocation,
}

impl LoadOptions {
    /// The embedded files, the default user directory and database.
    pub fn default_paths() -> LoadOptions {
        LoadOptions {
            base: Base::Embedded,
            user_dirs: default_user_dir().into_iter().collect(),
            db: DbLocation::Default,
        }
    }
}

/// `$HEGEMONY_KB`, else `$XDG_DATA_HOME/hegemony/kb`, else
/// `~/.local/share/hegemony/kb` — if it exists.
pub fn default_user_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HEGEMONY_KB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    let p = data.join("hegemony/kb");
    p.is_dir().then_some(p)
}

/// The default database path (see [`DbLocation::Default`]).
pub fn default_db_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HEGEMONY_KB_DB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(cache.join("hegemony/kb.sqlite"))
}

/// The shipped files, as compiled into the program.
pub fn embedded_files() -> Vec<KbFile> {
    embedded::EMBEDDED
        .iter()
        .map(|(path, text)| KbFile { path: format!("kb/{path}"), text: (*text).to_string(), layer: Layer::Shipped })
        .collect()
}

/// Reads every `*.toml` file under `dir` (sorted), shown as `prefix/relative`.
pub fn read_dir_files(dir: &Path, layer: Layer, prefix: &str) -> Result<Vec<KbFile>, LoadError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
        Ok(())
    }
    let io = |p: &Path, e: std::io::Error| LoadError::Io { path: p.display().to_string(), message: e.to_string() };
    let mut paths = Vec::new();
    if dir.is_file() {
        paths.push(dir.to_path_buf());
    } else {
        walk(dir, &mut paths).map_err(|e| io(dir, e))?;
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| io(&p, e))?;
            let rel =
                p.strip_prefix(dir).ok().filter(|r| !r.as_os_str().is_empty()).unwrap_or(&p).display().to_string();
            let path = if prefix.is_empty() { p.display().to_string() } else { format!("{prefix}/{rel}") };
            Ok(KbFile { path, text, layer })
        })
        .collect()
}

/// Gathers the input files an [`LoadOptions`] names.
pub fn gather_files(opts: &LoadOptions) -> Result<Vec<KbFile>, LoadError> {
    let mut files = match &opts.base {
        Base::Embedded => embedded_files(),
        Base::Dir(d) => read_dir_files(d, Layer::Shipped, &d.display().to_string())?,
        Base::None => Vec::new(),
    };
    for d in &opts.user_dirs {
        files.extend(read_dir_files(d, Layer::User, &d.display().to_string())?);
    }
    Ok(files)
}

/// The loaded knowledge base, queried in memory.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    facts: Vec<Fact>,
    index: HashMap<String, usize>,
    /// Where the compiled database is, if one was written or read.
    pub db_path: Option<PathBuf>,
    /// Why the database could not be written (the knowledge base still works).
    pub db_warning: Option<String>,
    /// Whether the database was rebuilt in this load (false: read from cache).
    pub rebuilt: bool,
    /// Hash of the inputs.
    pub input_hash: String,
}

impl KnowledgeBase {
    /// The shipped knowledge base plus the user's files, through the cached
    /// database.
    pub fn load_default() -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::load(&LoadOptions::default_paths())
    }

    /// Only the files compiled into the program, in memory (no file I/O).
    pub fn embedded() -> Result<KnowledgeBase, LoadError> {
        KnowledgeBase::load(&LoadOptions { base: Base::Embedded, user_dirs: vec![], db: DbLocation::None })
    }

    /// Loads as `opts` says. A database whose input hash matches is read as is;
    /// otherwise the files are compiled and, if valid, stored atomically.
    pub fn load(opts: &LoadOptions) -> Result<KnowledgeBase, LoadError> {
        let files = gather_files(opts)?;
        let hash = store::input_hash(&files);
        let db_path = match &opts.db {
            DbLocation::Default => default_db_path(),
            DbLocation::At(p) => Some(p.clone()),
            DbLocation::None => None,
        };
        if let Some(p) = &db_path
            && let Some(facts) = store::read_if_fresh(p, &hash)
        {
            let mut kb = KnowledgeBase::from_facts(facts);
            kb.db_path = Some(p.clone());
            kb.input_hash = hash;
            return Ok(kb);
        }
        let compiled = compile(&files);
        if !compiled.errors.is_empty() {
            return Err(LoadError::Invalid(compiled.errors));
        }
        let mut kb = KnowledgeBase::from_facts(compiled.facts);
        kb.input_hash = hash.clone();
        kb.rebuilt = true;
        if let Some(p) = db_path {
            match store::write_db(&p, &hash, &kb.facts) {
                Ok(()) => kb.db_path = Some(p),
                Err(e) => kb.db_warning = Some(e.to_string()),
            }
        }
        Ok(kb)
    }

    /// Builds a knowledge base from facts already validated.
    pub fn from_facts(mut facts: Vec<Fact>) -> KnowledgeBase {
        facts.sort_by(|a, b| a.id.cmp(&b.id));
        let index = facts.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        KnowledgeBase { facts, index, db_path: None, db_warning: None, rebuilt: false, input_hash: String::new() }
    }

    /// All facts, sorted by id.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// The fact with this id.
    pub fn get(&self, id: &str) -> Option<&Fact> {
        self.index.get(id).map(|&i| &self.facts[i])
    }

    /// The organisation fact with this id.
    pub fn organisation(&self, id: &str) -> Option<(&Fact, &Organisation)> {
        self.get(id).and_then(|f| match &f.detail {
            Detail::Organisation(o) => Some((f, o)),
            _ => None,
        })
    }
}

/// Resolves a user's state name or code to the registry's canonical code.
pub fn canonical_state(q: &str) -> Result<String, hegemony_core::UnknownState> {
    hegemony_core::Registry::global().resolve(q).map(|s| s.code().to_string())
}

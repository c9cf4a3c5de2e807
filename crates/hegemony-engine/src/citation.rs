//! How to cite a result: the program and its version, the knowledge base
//! (its facts and the SHA-256 of their content), every data file read with
//! its SHA-256, and the date it was made (`hegemony cite`, the report, the
//! dashboard's "how to cite" line, `/api/v1/citation`).

use hegemony_data::source::sha256_hex;
use hegemony_kb::KnowledgeBase;
use serde::Serialize;

use crate::profile::Workspace;

/// One data file a result read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataVersion {
    /// The file's name (its name carries the dataset's release, e.g.
    /// `voeten_idealpoints_jul2025.csv.gz`).
    pub file: String,
    /// SHA-256 of its bytes as stored.
    pub sha256: String,
    /// Data rows read.
    pub rows: u64,
}

/// The knowledge base a result read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KbVersion {
    /// How many facts it holds (the shipped ones and the user's).
    pub facts: usize,
    /// SHA-256 of its facts as exported (`hegemony kb export --format json`,
    /// compact): the same facts give the same hash wherever they were loaded.
    pub sha256: String,
}

/// What to cite.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The program.
    pub program: &'static str,
    /// Its version.
    pub version: &'static str,
    /// The date the result was made (`SOURCE_DATE_EPOCH` when set, for
    /// reproducible outputs; else today, UTC), `YYYY-MM-DD`.
    pub made: String,
    /// The knowledge base.
    pub knowledge_base: KbVersion,
    /// Whether the data are the extract compiled into the program (no data folder).
    pub default_data: bool,
    /// The data files read, in the order they were read.
    pub data: Vec<DataVersion>,
    /// The line to cite, for people.
    pub text: String,
}

/// The date outputs carry: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set and valid, else today (UTC).
pub fn made_on() -> String {
    match std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(secs) => hegemony_kb::civil_from_days(secs.div_euclid(86_400)).to_string(),
        None => hegemony_kb::today().to_string(),
    }
}

/// The version of `kb`: its facts and the SHA-256 of their export.
pub fn kb_version(kb: &KnowledgeBase) -> KbVersion {
    let bytes = serde_json::to_vec(&kb.export_json()).unwrap_or_default();
    KbVersion { facts: kb.facts().len(), sha256: sha256_hex(&bytes) }
}

impl Citation {
    /// The citation of results computed on `ws`, with `kb` in place of its
    /// knowledge base if given (a what-if). Data read from the extract
    /// compiled in (its folder, `default-data-<hash>`) are said to be so.
    pub fn of(ws: &Workspace, kb: Option<&KnowledgeBase>) -> Citation {
        let mut inputs = ws.data.inputs();
        inputs.extend(ws.votes.iter().flat_map(|v| v.inputs.iter().cloned()));
        let default_data = !inputs.is_empty()
            && inputs.iter().all(|i| {
                i.path
                    .parent()
                    .and_then(|d| d.file_name())
                    .is_some_and(|n| n.to_string_lossy().starts_with("default-data-"))
            });
        let data: Vec<DataVersion> = inputs
            .iter()
            .map(|i| DataVersion {
                file: i.path.file_name().map_or_else(|| i.path.display().to_string(), |n| n.to_string_lossy().into()),
                sha256: i.sha256.clone(),
                rows: i.rows,
            })
            .collect();
        Citation::new(kb_version(kb.unwrap_or(&ws.kb)), default_data, data)
    }

    /// A citation of these parts, with its text.
    pub fn new(knowledge_base: KbVersion, default_data: bool, data: Vec<DataVersion>) -> Citation {
        let version = env!("CARGO_PKG_VERSION");
        let made = made_on();
        let files: Vec<String> = data.iter().map(|d| format!("{} (SHA-256 {})", d.file, &d.sha256[..12])).collect();
        let data_text = match (files.is_empty(), default_data) {
            (true, _) => "no data files (the knowledge base alone)".to_string(),
            (false, true) => format!("the data extract compiled into the program: {}", files.join(", ")),
            (false, false) => files.join(", "),
        };
        let text = format!(
            "hegemony {version} (hierarchy between states), computed on {made}; knowledge base of {} facts \
             (SHA-256 {}); data: {data_text}.",
            knowledge_base.facts,
            &knowledge_base.sha256[..12]
        );
        Citation { program: "hegemony", version, made, knowledge_base, default_data, data, text }
    }
}

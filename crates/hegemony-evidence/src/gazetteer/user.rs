//! The user's additions to the gazetteer: a TSV file in the format of the
//! built-in `data/gazetteer.tsv` (kind, id, state, names separated by `|`),
//! `gazetteer.tsv` beside the user's knowledge base (`$HEGEMONY_KB`, else
//! the platform data folder's `hegemony/kb`) or a file named on the command line.

use std::path::{Path, PathBuf};

use super::{Actor, ActorKind, Gazetteer, NameKind};
use crate::{EvidenceError, Result};

/// `gazetteer.tsv` in the user's knowledge-base folder, if it exists.
pub fn user_file() -> Option<PathBuf> {
    let kb_file = crate::review::default_kb_file()?;
    let p = kb_file.parent()?.join("gazetteer.tsv");
    p.is_file().then_some(p)
}

impl Gazetteer {
    /// The registry, the knowledge base (if given), the built-in table and
    /// the user's table: `user` if given (it must exist), else
    /// [`user_file`] if there is one. A malformed user table is an error
    /// naming its file and line.
    pub fn load(kb: Option<&hegemony_kb::KnowledgeBase>, user: Option<&Path>) -> Result<Gazetteer> {
        let mut g = Gazetteer::build(kb);
        if let Some(path) = user.map(Path::to_path_buf).or_else(user_file) {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| EvidenceError::Io { path: path.display().to_string(), message: e.to_string() })?;
            g.add_table(&text, &path.display().to_string()).map_err(EvidenceError::Query)?;
        }
        Ok(g)
    }

    /// Adds the names of a table in the format of `data/gazetteer.tsv`;
    /// how many names were added, or the first error (`file:line: …`).
    pub fn add_table(&mut self, text: &str, file: &str) -> std::result::Result<usize, String> {
        let reg = hegemony_core::Registry::global();
        let mut added = 0;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, id, state, names] = cols[..] else {
                return Err(format!(
                    "{file}:{}: expected 4 tab-separated columns (kind, id, state, names), found {}",
                    n + 1,
                    cols.len()
                ));
            };
            let state = match state.trim() {
                "-" | "" => None,
                s => Some(
                    hegemony_kb::canonical_state(s)
                        .map_err(|e| format!("{file}:{}: state '{s}': {e}", n + 1))?
                        .to_string(),
                ),
            };
            let (ak, nk, full_id) = match kind.trim() {
                "demonym" => (ActorKind::State, NameKind::Adjective, id.to_string()),
                "place" => (ActorKind::Place, NameKind::Name, format!("place:{id}")),
                "unit" => (ActorKind::Unit, NameKind::Name, format!("unit:{id}")),
                "agency" => (ActorKind::Agency, NameKind::Name, format!("agency:{id}")),
                "company" => (ActorKind::Company, NameKind::Name, format!("company:{id}")),
                "person" => (ActorKind::Person, NameKind::Name, format!("person:{id}")),
                "organisation" | "organization" => (ActorKind::Organisation, NameKind::Name, format!("org:{id}")),
                "media" => (ActorKind::Media, NameKind::Name, format!("org:{id}")),
                other => {
                    return Err(format!(
                        "{file}:{}: kind '{other}' (known: place, unit, agency, company, person, organisation, media, demonym)",
                        n + 1
                    ));
                }
            };
            let label = if ak == ActorKind::State {
                reg.resolve(id).map(|s| s.name.clone()).unwrap_or_else(|_| id.to_string())
            } else {
                names.split('|').next().unwrap_or(id).trim().to_string()
            };
            let a = self.actor(Actor { kind: ak, id: full_id, state, label });
            for name in names.split('|').filter(|x| !x.trim().is_empty()) {
                self.add(name, a, nk);
                added += 1;
            }
        }
        Ok(added)
    }
}

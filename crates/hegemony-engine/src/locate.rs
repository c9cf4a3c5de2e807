//! Which data folder a call reads, for interfaces that fall back to the
//! data compiled in (the Python package): the folder given, else
//! `HEGEMONY_DATA`, else the platform's user data folder if it exists (where
//! `hegemony data fetch` writes, as the CLI reads it), else the default data
//! ([`crate::default_data`]). A folder given (or named by `HEGEMONY_DATA`)
//! that does not exist is an error, never a silent fall-back.

use std::path::{Path, PathBuf};

use hegemony_data::datadir::{DataDirSource, resolve_data_dir_from};

use crate::EngineError;

/// The data folder chosen, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataChoice {
    /// The folder.
    pub dir: PathBuf,
    /// Whether it is the default data compiled in (an extract).
    pub embedded: bool,
    /// What a reader must know about the choice (the extract's limits).
    pub note: Option<String>,
}

/// What the default data holds, for the note when it is used.
pub const EMBEDDED_NOTE: &str = "no data folder (data_dir=, HEGEMONY_DATA or the user data folder): using the data \
     compiled in, an extract of the datasets the hierarchy profiles need (UN votes, alliances, trade, arms and \
     capabilities of the 50 states of the comparison sets); give data_dir= or set HEGEMONY_DATA for the full data";

/// Resolves the data folder of a call (see the module docs).
pub fn data_folder(given: Option<&Path>) -> Result<DataChoice, EngineError> {
    let platform = hegemony_data::datadir::resolve_data_dir(None)
        .ok()
        .filter(|d| d.source() == DataDirSource::PlatformDefault)
        .map(|d| d.path().to_path_buf());
    data_folder_from(given, std::env::var_os(hegemony_data::datadir::ENV_DATA_DIR), platform)
}

/// [`data_folder`] with the environment and the platform folder passed in
/// (`platform`: the `hegemony` folder inside the user data folder).
pub fn data_folder_from(
    given: Option<&Path>,
    env: Option<std::ffi::OsString>,
    platform: Option<PathBuf>,
) -> Result<DataChoice, EngineError> {
    let chosen = resolve_data_dir_from(given, env, None).ok();
    if let Some(dir) = chosen {
        if !dir.exists() {
            let from = match dir.source() {
                DataDirSource::Env => "HEGEMONY_DATA",
                _ => "data_dir",
            };
            return Err(EngineError::NoDataFolder { dir: dir.path().to_path_buf(), from });
        }
        return Ok(DataChoice { dir: dir.path().to_path_buf(), embedded: false, note: None });
    }
    if let Some(p) = platform.filter(|p| p.is_dir()) {
        return Ok(DataChoice { dir: p, embedded: false, note: None });
    }
    Ok(DataChoice { dir: crate::default_data::folder()?, embedded: true, note: Some(EMBEDDED_NOTE.to_string()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_given_is_used_or_refused_and_none_falls_back_to_the_extract() {
        let dir = tempfile::tempdir().unwrap();
        let c = data_folder_from(Some(dir.path()), Some("/elsewhere".into()), None).unwrap();
        assert_eq!((c.dir.as_path(), c.embedded), (dir.path(), false));
        let c = data_folder_from(None, Some(dir.path().into()), None).unwrap();
        assert_eq!(c.dir, dir.path());
        let missing = dir.path().join("nope");
        let e = data_folder_from(Some(&missing), None, None).unwrap_err();
        assert!(matches!(e, EngineError::NoDataFolder { from: "data_dir", .. }), "{e}");
        let e = data_folder_from(None, Some(missing.clone().into()), None).unwrap_err().to_string();
        assert!(e.contains("HEGEMONY_DATA") && e.contains("nope"), "{e}");
        // The user data folder when it exists, else the extract with a note.
        let c = data_folder_from(None, None, Some(dir.path().into())).unwrap();
        assert_eq!((c.dir.as_path(), c.embedded), (dir.path(), false));
        let c = data_folder_from(None, None, Some(missing)).unwrap();
        assert!(c.embedded && c.note.is_some() && c.dir.join("ps_cow_nmc.csv.gz").is_file());
    }
}

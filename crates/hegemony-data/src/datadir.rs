//! Where downloaded datasets live.
//!
//! Resolution order: `--data-dir DIR` (given by the CLI) > env `HEGEMONY_DATA` > the platform's user data
//! directory (`dirs::data_dir()/hegemony`, e.g. `~/.local/share/hegemony` on Linux). The source of the
//! choice is kept so the CLI can say where a path came from.
//!
//! Resolving never touches the file system: readers must not create directories as a side effect.
//! Writers call [`DataDir::ensure_exists`] first.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Environment variable naming the data directory.
pub const ENV_DATA_DIR: &str = "HEGEMONY_DATA";

/// Name of our subdirectory inside the platform's user data directory.
const APP_DIR_NAME: &str = "hegemony";

/// Where the data-directory path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataDirSource {
    /// The `--data-dir` command-line option.
    CliFlag,
    /// The `HEGEMONY_DATA` environment variable.
    Env,
    /// The platform's user data directory.
    PlatformDefault,
}

impl fmt::Display for DataDirSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DataDirSource::CliFlag => "--data-dir",
            DataDirSource::Env => ENV_DATA_DIR,
            DataDirSource::PlatformDefault => "platform default",
        })
    }
}

/// A resolved data directory. It may not exist yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    path: PathBuf,
    source: DataDirSource,
}

/// Errors from resolving or creating the data directory.
// The fields of each variant are the values its message names.
#[allow(missing_docs)]
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error(
        "no data directory: the platform has no user data directory (is HOME set?); \
         pass --data-dir DIR or set {ENV_DATA_DIR}"
    )]
    /// No option, no environment variable, and no platform data folder.
    NoPlatformDir,
    #[error("data directory {path} (from {source_of_path}) exists but is not a directory")]
    /// The path names something that is not a folder.
    NotADirectory { path: PathBuf, source_of_path: DataDirSource },
    #[error("cannot create data directory {path} (from {source_of_path}): {source}")]
    /// The folder could not be created.
    Create { path: PathBuf, source_of_path: DataDirSource, source: io::Error },
}

impl DataDir {
    /// A data directory at `path`, recorded as coming from `source`.
    pub fn new(path: impl Into<PathBuf>, source: DataDirSource) -> DataDir {
        DataDir { path: absolutize(path.into()), source }
    }

    /// The directory (absolute when the current directory could be read).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the choice came from.
    pub fn source(&self) -> DataDirSource {
        self.source
    }

    /// Whether the directory exists now. Readers use this instead of creating it.
    pub fn exists(&self) -> bool {
        self.path.is_dir()
    }

    /// Creates the directory (and parents) if needed, for writers only. Returns its path.
    pub fn ensure_exists(&self) -> Result<&Path, DataDirError> {
        if self.path.is_dir() {
            return Ok(&self.path);
        }
        if self.path.exists() {
            return Err(DataDirError::NotADirectory { path: self.path.clone(), source_of_path: self.source });
        }
        std::fs::create_dir_all(&self.path).map_err(|source| DataDirError::Create {
            path: self.path.clone(),
            source_of_path: self.source,
            source,
        })?;
        Ok(&self.path)
    }
}

/// `"/path (from HEGEMONY_DATA)"`, for messages such as `data directory: …`.
impl fmt::Display for DataDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (from {})", self.path.display(), self.source)
    }
}

/// Resolves the data directory from `--data-dir`, then `HEGEMONY_DATA`, then the platform default.
/// Does not create anything.
pub fn resolve_data_dir(cli: Option<&Path>) -> Result<DataDir, DataDirError> {
    resolve_data_dir_from(cli, std::env::var_os(ENV_DATA_DIR), dirs::data_dir())
}

/// [`resolve_data_dir`] with the environment and platform lookups passed in (for tests and embedding).
/// An empty `--data-dir` or `HEGEMONY_DATA` counts as not given, as shells make `VAR=` easy to leave behind.
pub fn resolve_data_dir_from(
    cli: Option<&Path>,
    env_value: Option<OsString>,
    platform_data_dir: Option<PathBuf>,
) -> Result<DataDir, DataDirError> {
    if let Some(dir) = cli.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(DataDir::new(dir, DataDirSource::CliFlag));
    }
    if let Some(dir) = env_value.filter(|v| !v.is_empty()) {
        return Ok(DataDir::new(dir, DataDirSource::Env));
    }
    match platform_data_dir {
        Some(base) => Ok(DataDir::new(base.join(APP_DIR_NAME), DataDirSource::PlatformDefault)),
        None => Err(DataDirError::NoPlatformDir),
    }
}

/// Relative paths are made absolute so that messages and sidecars name one place unambiguously.
fn absolutize(path: PathBuf) -> PathBuf {
    if path.is_absolute() { path } else { std::path::absolute(&path).unwrap_or(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_beats_env_beats_platform() {
        let d = resolve_data_dir_from(Some(Path::new("/a")), Some("/b".into()), Some("/c".into())).unwrap();
        assert_eq!((d.path(), d.source()), (Path::new("/a"), DataDirSource::CliFlag));
        let d = resolve_data_dir_from(None, Some("/b".into()), Some("/c".into())).unwrap();
        assert_eq!((d.path(), d.source()), (Path::new("/b"), DataDirSource::Env));
        let d = resolve_data_dir_from(None, None, Some("/c".into())).unwrap();
        assert_eq!((d.path(), d.source()), (Path::new("/c/hegemony"), DataDirSource::PlatformDefault));
    }

    #[test]
    fn empty_values_count_as_unset() {
        let d = resolve_data_dir_from(Some(Path::new("")), Some("".into()), Some("/c".into())).unwrap();
        assert_eq!(d.source(), DataDirSource::PlatformDefault);
    }

    #[test]
    fn no_platform_dir_is_a_clear_error() {
        let err = resolve_data_dir_from(None, None, None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("--data-dir") && msg.contains(ENV_DATA_DIR), "{msg}");
    }

    #[test]
    fn relative_paths_become_absolute() {
        let d = resolve_data_dir_from(Some(Path::new("rel/dir")), None, None).unwrap();
        assert!(d.path().is_absolute(), "{}", d.path().display());
        assert!(d.path().ends_with("rel/dir"));
    }

    #[test]
    fn display_names_the_source() {
        let d = DataDir::new("/x/y", DataDirSource::Env);
        assert_eq!(d.to_string(), "/x/y (from HEGEMONY_DATA)");
    }

    #[test]
    fn resolving_creates_nothing_and_ensure_exists_does() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("a/b/c");
        let d = resolve_data_dir_from(Some(&target), None, None).unwrap();
        assert!(!target.exists(), "resolving must not create the directory");
        assert!(!d.exists());
        assert_eq!(d.ensure_exists().unwrap(), target.as_path());
        assert!(target.is_dir());
        // Idempotent.
        d.ensure_exists().unwrap();
    }

    #[test]
    fn ensure_exists_refuses_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let err = DataDir::new(&file, DataDirSource::CliFlag).ensure_exists().unwrap_err();
        assert!(matches!(err, DataDirError::NotADirectory { .. }), "{err}");
        assert!(err.to_string().contains("not a directory"));
    }
}

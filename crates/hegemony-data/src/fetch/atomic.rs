//! Files on disk: a `.part` is never data, and a finished file is renamed into place durably.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use super::PART_SUFFIX;
use super::error::FetchError;

/// Whether `path` is an unfinished download, which must never be read as data.
pub fn is_partial_download(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(PART_SUFFIX))
}

/// Renames the verified `.part` to its final name and makes the rename durable.
pub(super) fn commit_file(part: &Path, final_path: &Path) -> Result<(), FetchError> {
    // download_once synced the data; the rename itself is atomic on one file system.
    fs::rename(part, final_path).map_err(|e| FetchError::io("rename into place", final_path, e))?;
    sync_parent_dir(final_path);
    Ok(())
}

/// Makes a rename durable where the platform allows opening a directory; best effort elsewhere.
pub(super) fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().and_then(|dir| File::open(dir).ok()) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

pub(super) fn remove_if_exists(path: &Path) -> Result<(), FetchError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(FetchError::io("remove", path, e)),
    }
}

pub(super) fn append_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_downloads_are_recognised() {
        assert!(is_partial_download(Path::new("/d/unvotes/UNVotes.csv.part")));
        assert!(!is_partial_download(Path::new("/d/unvotes/UNVotes.csv")));
    }
}

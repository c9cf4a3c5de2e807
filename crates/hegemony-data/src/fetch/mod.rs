//! `hegemony data fetch NAME`: download an official release of a dataset from where it is published —
//! a Dataverse installation (`unvotes`) or the UN Digital Library (`undl`, see `undl.rs` for how its
//! record is listed).
//!
//! Design (Dataverse native API and data access API, guides.dataverse.org; the UN Digital Library
//! differs only in how the file is listed and found, steps 1–2):
//! 1. `GET {base}/api/datasets/:persistentId/?persistentId=PID` gives the latest published version and its
//!    files (id, name, size, checksum). A fixed version uses `…/versions/{v}?persistentId=PID` instead.
//! 2. The catalog's filename patterns pick the file (the names change between releases); it is stored
//!    under the catalog's stable local name (e.g. `UNVotes.csv`) directly in the data directory, where
//!    the loaders look for it.
//! 3. `GET {base}/api/access/datafile/{id}` streams the bytes into `NAME.part`, resuming an existing
//!    `.part` with `Range: bytes=N-`. Ingested tabular files are fetched with `?format=original`, because
//!    Dataverse's recorded size and checksum are those of the original upload, not of its `.tab` rendering.
//! 4. The `.part` is checked against the size and checksum the API gave, fsynced, and renamed to `NAME`;
//!    then `NAME.source.json` records where it came from. A `.part` file is never data.
//!
//! Progress goes through the [`Progress`] trait, so this crate needs no terminal library.
//!
//! Layout: [`fetch`] here runs the steps; `catalog` (what can be fetched, and where), `dataverse` and
//! `undl` (each repository's file list), `release` (the file the catalogue's patterns pick),
//! `download` (the resumable transfer), `checksum` (hashing and verification), `atomic` (`.part`
//! files and durable renames), `provenance` (the sidecar), `http` (the client and response
//! headers), `options` (options, progress, report) and `error`.

mod atomic;
mod catalog;
mod checksum;
mod dataverse;
mod download;
mod error;
mod http;
mod options;
mod provenance;
mod release;
mod undl;

use std::fs;
use std::path::Path;

pub use atomic::is_partial_download;
pub use catalog::{CatalogEntry, FilePattern, Repository, catalog, catalog_entry};
pub use checksum::{Checksum, ChecksumAlgorithm};
pub use dataverse::{DEFAULT_DATAVERSE_URL, ENV_DATAVERSE_URL};
pub use error::FetchError;
pub use options::{FetchOptions, FetchOutcome, FetchReport, NoProgress, Progress};
pub use provenance::SourceRecord;
pub use undl::{DEFAULT_UNDL_URL, ENV_UNDL_URL};

use atomic::{append_suffix, commit_file, remove_if_exists};
use checksum::{hash_file, verify};
use download::download_verified;
use http::build_agent;
use provenance::write_sidecar;
use release::Release;

/// Suffix of an unfinished download. Such a file is never read as data.
pub const PART_SUFFIX: &str = ".part";
/// Suffix of the provenance record written next to each downloaded file.
pub const SIDECAR_SUFFIX: &str = ".source.json";

/// Read and write buffer of the transfer and of hashing.
const COPY_BUFFER: usize = 64 << 10;

/// The Dataverse base URL: the option, else env `HEGEMONY_DATAVERSE_URL`, else [`DEFAULT_DATAVERSE_URL`].
/// Trailing slashes are removed.
pub fn resolve_base_url(option: Option<&str>, env_value: Option<&str>) -> String {
    base_url(option, env_value, DEFAULT_DATAVERSE_URL)
}

/// The first of the option and the environment's value that is not blank, else `default`, without
/// trailing slashes.
fn base_url(option: Option<&str>, env_value: Option<&str>, default: &str) -> String {
    let chosen = [option, env_value].into_iter().flatten().map(str::trim).find(|s| !s.is_empty());
    chosen.unwrap_or(default).trim_end_matches('/').to_string()
}

/// Downloads dataset `dataset` (a [`catalog`] name) into `data_dir`, verified and atomically.
///
/// `data_dir` is created if missing (this is a write). On success the file and its `.source.json` are in
/// place. On failure no final file is written; the `.part` is kept when its bytes may be good (a dropped
/// connection: the next call resumes it) and removed when they are known bad (size or checksum mismatch).
pub fn fetch(
    dataset: &str,
    data_dir: &Path,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<FetchReport, FetchError> {
    let entry = catalog_entry(dataset).ok_or_else(|| FetchError::UnknownDataset {
        name: dataset.to_string(),
        known: catalog().iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
    })?;
    let repository = entry.repository;
    let env_url = std::env::var(repository.env_var()).ok();
    let base = base_url(opts.base_url.as_deref(), env_url.as_deref(), repository.default_url());
    let agent = build_agent(&base, opts)?;
    if let Some(terms) = entry.terms {
        progress.message(&format!("{}: {terms}", entry.name));
    }

    let Release { version, file: chosen, url } = match repository {
        Repository::Dataverse => dataverse::release(&agent, &base, entry, opts)?,
        Repository::UnDigitalLibrary => undl::release(&agent, &base, entry, opts, progress)?,
    };
    progress.message(&format!("{} version {}: {} ({})", entry.name, version.label, chosen.name, chosen.selected_by));

    fs::create_dir_all(data_dir).map_err(|e| FetchError::io("create directory", data_dir, e))?;
    let final_path = data_dir.join(&chosen.local_name);
    let part_path = append_suffix(&final_path, PART_SUFFIX);

    let mut report = FetchReport {
        dataset: entry.name,
        persistent_id: entry.persistent_id,
        dataset_version: version.label.clone(),
        file_id: chosen.id,
        remote_file_name: chosen.name.clone(),
        selected_by: chosen.selected_by.clone(),
        available: version.files.iter().map(|f| f.name.clone()).collect(),
        sidecar: SourceRecord::path_for(&final_path),
        path: final_path.clone(),
        url: url.clone(),
        bytes: 0,
        verified_checksum: chosen.checksum.clone(),
        sha256: String::new(),
        outcome: FetchOutcome::AlreadyPresent,
    };

    // Skip the download if the file already there is this exact release file.
    if !opts.force && final_path.is_file() {
        let digests = hash_file(&final_path, chosen.checksum.as_ref().map(|c| c.algorithm))?;
        if verify(&chosen, &digests).is_ok() {
            progress.message(&format!("{} is already present and verified", final_path.display()));
            report.bytes = digests.bytes;
            report.sha256 = digests.sha256;
            let existing = SourceRecord::read_for(&final_path).ok();
            let stale = |r: &SourceRecord| {
                r.sha256 != report.sha256 || r.file_id != chosen.id || r.dataset_version != version.label
            };
            if existing.as_ref().is_none_or(stale) {
                write_sidecar(entry, &version, &chosen, &report)?;
            }
            // Left over from an interrupted forced download; the verified file makes it useless.
            remove_if_exists(&part_path)?;
            return Ok(report);
        }
        progress.message(&format!("{} differs from the release file; downloading again", final_path.display()));
    }

    let (digests, outcome) = download_verified(&agent, &url, &part_path, &chosen, opts, progress)?;
    commit_file(&part_path, &final_path)?;
    report.bytes = digests.bytes;
    report.sha256 = digests.sha256;
    report.outcome = outcome;
    write_sidecar(entry, &version, &chosen, &report)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_resolution() {
        assert_eq!(resolve_base_url(None, None), DEFAULT_DATAVERSE_URL);
        assert_eq!(resolve_base_url(None, Some("http://127.0.0.1:9/")), "http://127.0.0.1:9");
        assert_eq!(resolve_base_url(Some("http://a"), Some("http://b")), "http://a");
        assert_eq!(resolve_base_url(Some(" "), Some("")), DEFAULT_DATAVERSE_URL);
    }
}

//! What a repository offers and what is taken from it: a published version's files, and the one
//! file the catalogue's patterns (or `--file`) pick, under a local name that is a plain file name.

use super::catalog::CatalogEntry;
use super::checksum::Checksum;
use super::error::FetchError;
use super::{PART_SUFFIX, SIDECAR_SUFFIX};

/// What a repository answered for one dataset: the version, the file chosen, and where its bytes are.
pub(super) struct Release {
    pub(super) version: VersionInfo,
    pub(super) file: RemoteFile,
    /// The URL the bytes are fetched from (Range requests go there too).
    pub(super) url: String,
}

/// One published version of a dataset, reduced to what we use.
#[derive(Debug, Clone)]
pub(super) struct VersionInfo {
    /// The version as the repository numbers it (`33.0`), or the date of the file (`2025-07-23`).
    pub(super) label: String,
    pub(super) release_time: Option<String>,
    pub(super) files: Vec<RemoteFile>,
}

/// One file of a version.
#[derive(Debug, Clone)]
pub(super) struct RemoteFile {
    /// The repository's id of the file, where it has one (Dataverse does, the UN Digital Library not).
    pub(super) id: Option<u64>,
    /// Name of the bytes we download (for ingested tabular files: the original upload's name).
    pub(super) name: String,
    pub(super) size: Option<u64>,
    pub(super) checksum: Option<Checksum>,
    /// Checksum type we could not use; an error only if this file is chosen.
    pub(super) unsupported_checksum: Option<String>,
    pub(super) original_format: bool,
    pub(super) selected_by: String,
    pub(super) local_name: String,
}

impl RemoteFile {
    /// A file known by its name only.
    pub(super) fn named(name: &str) -> RemoteFile {
        RemoteFile {
            id: None,
            name: name.to_string(),
            size: None,
            checksum: None,
            unsupported_checksum: None,
            original_format: false,
            selected_by: String::new(),
            local_name: String::new(),
        }
    }
}

/// How several files matching one pattern are told apart.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Several {
    /// An error: the user names one with `--file`.
    Ambiguous,
    /// The newest by the date that begins their names (`2025_7_23_ga_voting.csv`), where the
    /// repository keeps every release in one record; an error when that date ties or is missing.
    Newest,
}

/// The file of `version` that `--file` names, else the first of the catalogue's patterns that matches.
pub(super) fn select_file(
    entry: &CatalogEntry,
    version: &VersionInfo,
    exact: Option<&str>,
    several: Several,
) -> Result<RemoteFile, FetchError> {
    let available: Vec<String> = version.files.iter().map(|f| f.name.clone()).collect();
    let mut chosen = if let Some(name) = exact {
        let found = version.files.iter().find(|f| f.name == name).cloned();
        let mut file = found.ok_or_else(|| FetchError::FileNotInRelease {
            dataset: entry.name.to_string(),
            version: version.label.clone(),
            name: name.to_string(),
            available: available.clone(),
        })?;
        file.selected_by = "named with --file".to_string();
        file.local_name = file.name.clone();
        file
    } else {
        let mut picked = None;
        for pattern in entry.file_patterns {
            let matches: Vec<&RemoteFile> =
                version.files.iter().filter(|f| glob_match(pattern.glob, &f.name)).collect();
            match matches.as_slice() {
                [] => continue,
                [one] => {
                    let mut file = (*one).clone();
                    file.selected_by = format!("matched {}", pattern.glob);
                    file.local_name = pattern.local_name.to_string();
                    picked = Some(file);
                    break;
                }
                many if several == Several::Newest && newest(many).is_some() => {
                    let mut file = newest(many).expect("checked").clone();
                    file.selected_by = format!("the newest of {} files matching {}", many.len(), pattern.glob);
                    file.local_name = pattern.local_name.to_string();
                    picked = Some(file);
                    break;
                }
                many => {
                    return Err(FetchError::AmbiguousFile {
                        dataset: entry.name.to_string(),
                        version: version.label.clone(),
                        pattern: pattern.glob.to_string(),
                        candidates: many.iter().map(|f| f.name.clone()).collect(),
                    });
                }
            }
        }
        picked.ok_or_else(|| FetchError::NoMatchingFile {
            dataset: entry.name.to_string(),
            version: version.label.clone(),
            patterns: entry.file_patterns.iter().map(|p| p.glob.to_string()).collect(),
            available,
        })?
    };
    if !is_plain_file_name(&chosen.local_name) {
        return Err(FetchError::UnsafeFileName { name: chosen.local_name });
    }
    if let Some(kind) = chosen.unsupported_checksum.take() {
        return Err(FetchError::UnsupportedChecksum { file: chosen.name, kind });
    }
    Ok(chosen)
}

/// The file whose name begins with the latest date, if every name begins with a date and one is latest.
fn newest<'a>(files: &[&'a RemoteFile]) -> Option<&'a RemoteFile> {
    let mut dated: Vec<((i32, u8, u8), &RemoteFile)> =
        files.iter().map(|f| Some((leading_date(&f.name)?, *f))).collect::<Option<_>>()?;
    dated.sort_by_key(|d| d.0);
    let [.., before, last] = dated.as_slice() else { return dated.first().map(|d| d.1) };
    (before.0 != last.0).then_some(last.1)
}

/// The date `YYYY_M_D` that begins a file name (`2025_7_23_ga_voting.csv`).
pub(super) fn leading_date(name: &str) -> Option<(i32, u8, u8)> {
    let mut parts = name.splitn(4, '_');
    let prefix = [parts.next()?, parts.next()?, parts.next()?].join("_");
    crate::catalog::undl_file_date(&prefix)
}

/// Case-insensitive glob with `*` (any run) and `?` (one character).
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let n: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    // Iterative matcher with one backtrack point: linear in practice, no recursion.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
        } else if let Some((sp, sn)) = star {
            pi = sp + 1;
            ni = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// A name from the server becomes a path component: no separators, no `..`, nothing hidden or odd.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with('.')
        && !name.chars().any(|c| c == '/' || c == '\\' || c == ':' || c.is_control())
        && !name.ends_with(PART_SUFFIX)
        && !name.ends_with(SIDECAR_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_is_case_insensitive_and_anchored() {
        assert!(glob_match("UNVotes*.csv", "UNVotes-1.csv"));
        assert!(glob_match("UNVotes*.csv", "unvotes.CSV"));
        assert!(!glob_match("UNVotes*.csv", "UNVotes-1.RData"));
        assert!(!glob_match("UNVotes*.csv", "UNVotes-1.csv.gz"));
        assert!(!glob_match("UNVotes*.csv", "old_UNVotes.csv"));
        assert!(glob_match("a?c*", "abcdef"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b*c", "aXbY"));
    }

    #[test]
    fn plain_file_names_only() {
        assert!(is_plain_file_name("UNVotes-1.csv"));
        for bad in ["", "../x.csv", "a/b.csv", "a\\b.csv", ".hidden", "x.csv.part", "C:x", "x.source.json"] {
            assert!(!is_plain_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_newest_dated_file_wins_and_ties_are_ambiguous() {
        let f = RemoteFile::named;
        let (a, b, c) = (f("2025_7_23_ga_voting.csv"), f("2025_10_3_ga_voting.csv"), f("2024_09_12_ga_voting.csv"));
        assert_eq!(newest(&[&a, &b, &c]).map(|x| x.name.as_str()), Some("2025_10_3_ga_voting.csv"));
        assert!(newest(&[&a, &f("2025_07_23_ga_voting.csv")]).is_none(), "same date twice");
        assert!(newest(&[&a, &f("ga_voting.csv")]).is_none(), "an undated name");
        assert_eq!(leading_date("2026_02_06_ga_voting.csv"), Some((2026, 2, 6)));
    }
}

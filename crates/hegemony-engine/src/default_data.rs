//! The default data compiled into the program (`default-data/`): a compact
//! extract of the datasets the hierarchy profiles of the configured
//! comparison sets need, made by `default-data/make.py` from `../shared/data`
//! (its `PROVENANCE.md` gives each source file's SHA-256 and the rows kept).
//! A machine without a data folder profiles on it and gets the full data's
//! answer; a data folder, when there is one, is used instead.

use std::path::{Path, PathBuf};

use crate::EngineError;

/// The extract's files, in the original datasets' names and layouts.
const FILES: &[(&str, &[u8])] = &[
    ("ps_cow_nmc.csv.gz", include_bytes!("../default-data/ps_cow_nmc.csv.gz")),
    ("ps_atop_alliance.csv.gz", include_bytes!("../default-data/ps_atop_alliance.csv.gz")),
    ("ps_cow_trade_ndy.csv.gz", include_bytes!("../default-data/ps_cow_trade_ndy.csv.gz")),
    ("ps_cow_trade_sy.csv.gz", include_bytes!("../default-data/ps_cow_trade_sy.csv.gz")),
    ("sipri_tiv_transfers_1950_2021.csv.gz", include_bytes!("../default-data/sipri_tiv_transfers_1950_2021.csv.gz")),
    ("troopdata_us_troops_legacy.csv.gz", include_bytes!("../default-data/troopdata_us_troops_legacy.csv.gz")),
    ("voeten_idealpoints_jul2025.csv.gz", include_bytes!("../default-data/voeten_idealpoints_jul2025.csv.gz")),
    ("voeten_idealpoints_all_jun2024.csv.gz", include_bytes!("../default-data/voeten_idealpoints_all_jun2024.csv.gz")),
    ("unvotes_un_votes.csv.gz", include_bytes!("../default-data/unvotes_un_votes.csv.gz")),
    ("unvotes_un_roll_calls.csv.gz", include_bytes!("../default-data/unvotes_un_roll_calls.csv.gz")),
    ("unvotes_un_roll_call_issues.csv.gz", include_bytes!("../default-data/unvotes_un_roll_call_issues.csv.gz")),
];

/// Where the default data is read from: written once into a folder of the
/// cache named by the extract's hash (so a new program version never reads
/// an old extract), atomically: a folder that exists is complete.
pub fn folder() -> Result<PathBuf, EngineError> {
    let mut h = blake3::Hasher::new();
    for (name, bytes) in FILES {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    let hash = &h.finalize().to_hex()[..16];
    let root = hegemony_data::cache::default_dir().unwrap_or_else(std::env::temp_dir);
    let dir = root.join(format!("default-data-{hash}"));
    if !dir.is_dir() {
        write(&root, &dir)
            .map_err(|e| EngineError::Request(format!("{}: cannot write the default data: {e}", dir.display())))?;
        remove_older(&root, &dir);
    }
    Ok(dir)
}

/// Removes the folders of earlier extracts (another program version): they
/// would never be read again. Failing to remove one costs only disk space.
fn remove_older(root: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p != current && e.file_name().to_string_lossy().starts_with("default-data-") {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

fn write(root: &Path, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(root)?;
    let tmp = root.join(format!(".default-data-{}.part", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)?;
    for (name, bytes) in FILES {
        std::fs::write(tmp.join(name), bytes)?;
    }
    match std::fs::rename(&tmp, dir) {
        // Another process won the race: its folder is as good.
        Err(_) if dir.is_dir() => {
            let _ = std::fs::remove_dir_all(&tmp);
            Ok(())
        }
        other => other,
    }
}

/// The files of the default data and their sizes, for `hegemony data list`-like reports.
pub fn files() -> impl Iterator<Item = (&'static str, usize)> {
    FILES.iter().map(|(n, b)| (*n, b.len()))
}

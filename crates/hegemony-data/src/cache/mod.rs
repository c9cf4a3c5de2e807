//! A columnar copy of a loaded vote record, so that the second read of the
//! same files skips gunzip and CSV parsing.
//!
//! The cache is keyed by the SHA-256 of every input file (and the format
//! version below): when a source file changes, its hash changes and the
//! cached copy is simply not found. A cache file that cannot be read for any
//! reason is ignored and rebuilt — the cache can make a load faster, never
//! make it fail. Writes are atomic (temporary file, then rename).
//!
//! The structural datasets are cached the same way (`structural::load_dir_cached`);
//! `codec` holds the byte layout both use.

pub(crate) mod codec;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use hegemony_core::{Date, IssueSet, RollCall, VoteCode, VoteRecord};

use codec::{Cursor, corrupt, put_diagnostics, put_inputs, put_str, put_u64, relocate};

use crate::votes::{LoadedVotes, VoteFormat};

/// Bump when the layout or a loader's behaviour changes.
const MAGIC: &[u8; 8] = b"HGVOTES2";

/// The cache folder: `$HEGEMONY_CACHE`, else the platform's user cache folder.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os("HEGEMONY_CACHE") {
        Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
        _ => dirs::cache_dir().map(|d| d.join("hegemony")),
    }
}

/// The cache key of a set of input files: a hash of their contents and of the loader kind.
pub fn key(kind: &str, files: &[&Path]) -> io::Result<String> {
    let mut h = blake3::Hasher::new();
    h.update(MAGIC);
    h.update(kind.as_bytes());
    for f in files {
        h.update(file_hash(f)?.as_bytes());
    }
    Ok(h.finalize().to_hex()[..32].to_string())
}

/// A file's content hash for cache keys: BLAKE3, fast enough to run over
/// every dataset at every start. Provenance (what outputs print and record)
/// stays the SHA-256 of each input, computed when it is parsed and kept in
/// the cached values.
pub(crate) fn file_hash(path: &Path) -> io::Result<blake3::Hash> {
    Ok(blake3::hash(&std::fs::read(path)?))
}

fn path_for(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("votes-{key}.bin"))
}

/// The cached record for `key`, if there is a readable one, told where its
/// inputs are now: the key follows content, not location, so the same files
/// read from another folder hit the cache, and the record must name the
/// paths `files` (in the order `key` was given them), not those of the first read.
pub fn read(dir: &Path, key: &str, files: &[&Path]) -> Option<LoadedVotes> {
    let bytes = std::fs::read(path_for(dir, key)).ok()?;
    let mut votes = decode(&bytes).ok()?;
    relocate(&mut votes.inputs, &mut votes.diagnostics, files)?;
    Some(votes)
}

/// Stores `votes` under `key`; failures (read-only folder, full disk) are returned, not fatal to callers.
pub fn write(dir: &Path, key: &str, votes: &LoadedVotes) -> io::Result<()> {
    write_atomic(&path_for(dir, key), &encode(votes))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it into place; on failure
/// the temporary file is removed and `path` is as it was.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn encode(v: &LoadedVotes) -> Vec<u8> {
    let r = &v.record;
    let mut out = Vec::with_capacity(64 + r.len() * 7 + r.roll_calls.len() * 40);
    out.extend_from_slice(MAGIC);
    out.push(match v.format {
        VoteFormat::Unvotes => 0,
        VoteFormat::Voeten => 1,
        VoteFormat::Undl => 2,
    });
    out.push(u8::from(r.records_absences));
    put_inputs(&mut out, v.inputs.iter());
    put_diagnostics(&mut out, &v.diagnostics);
    put_u64(&mut out, r.roll_calls.len() as u64);
    for rc in &r.roll_calls {
        out.extend_from_slice(&rc.rcid.to_le_bytes());
        out.extend_from_slice(&rc.session.to_le_bytes());
        let date = rc.date.map_or(0, |d| d.year() * 10_000 + i32::from(d.month()) * 100 + i32::from(d.day()));
        out.extend_from_slice(&date.to_le_bytes());
        for flag in [rc.important, rc.amend, rc.para] {
            out.push(flag.map_or(2, u8::from));
        }
        out.push(rc.issues.bits());
        put_str(&mut out, rc.unres.as_deref().unwrap_or(""));
        put_str(&mut out, rc.short.as_deref().unwrap_or(""));
    }
    put_u64(&mut out, r.len() as u64);
    for x in &r.roll_call {
        out.extend_from_slice(&x.to_le_bytes());
    }
    for x in &r.state {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.extend(r.code.iter().map(|c| match c {
        VoteCode::Cast(v) => v.code(),
        VoteCode::Absent => 8,
        VoteCode::NotMember => 9,
    }));
    out
}

fn decode(bytes: &[u8]) -> io::Result<LoadedVotes> {
    let mut c = Cursor(bytes);
    if c.take(MAGIC.len())? != MAGIC {
        return Err(corrupt());
    }
    let format = match c.u8()? {
        0 => VoteFormat::Unvotes,
        1 => VoteFormat::Voeten,
        2 => VoteFormat::Undl,
        _ => return Err(corrupt()),
    };
    let records_absences = c.u8()? == 1;
    let inputs = c.inputs()?;
    let diagnostics = c.diagnostics()?;
    let mut record = VoteRecord { records_absences, ..Default::default() };
    for _ in 0..c.count(29)? {
        let rcid = u32::from_le_bytes(c.array()?);
        let session = u16::from_le_bytes(c.array()?);
        let d = i32::from_le_bytes(c.array()?);
        let date = if d == 0 {
            None
        } else {
            Some(Date::new(d / 10_000, (d / 100 % 100) as u8, (d % 100) as u8).ok_or_else(corrupt)?)
        };
        let mut flags = [None; 3];
        for f in &mut flags {
            *f = match c.u8()? {
                0 => Some(false),
                1 => Some(true),
                _ => None,
            };
        }
        let issues = IssueSet::from_bits(c.u8()?);
        let opt = |s: String| (!s.is_empty()).then_some(s);
        let unres = opt(c.string()?);
        let short = opt(c.string()?);
        let [important, amend, para] = flags;
        record.roll_calls.push(RollCall { rcid, session, date, unres, important, amend, para, issues, short });
    }
    let n = c.count(7)?;
    record.roll_call = c.take(4 * n)?.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    record.state = c.take(2 * n)?.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    record.code = c.take(n)?.iter().map(|&b| VoteCode::from_voeten(b).ok_or_else(corrupt)).collect::<Result<_, _>>()?;
    if !c.is_done() || record.validate().is_err() {
        return Err(corrupt());
    }
    Ok(LoadedVotes { format, record, inputs, diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::source::InputFile;
    use hegemony_core::{Issue, Vote};

    fn sample() -> LoadedVotes {
        let mut record = VoteRecord { records_absences: true, ..Default::default() };
        let mut issues = IssueSet::default();
        issues.insert(Issue::Hr);
        record.roll_calls.push(RollCall {
            rcid: 3,
            session: 1,
            date: Date::new(1946, 1, 1),
            unres: Some("R/1/66".into()),
            important: None,
            amend: Some(true),
            para: Some(false),
            issues,
            short: Some("A, \"quoted\" title".into()),
        });
        record.roll_calls.push(RollCall { rcid: 9, session: 2, ..Default::default() });
        record.push(0, 365, VoteCode::Cast(Vote::No));
        record.push(1, 2, VoteCode::Absent);
        record.push(1, 365, VoteCode::NotMember);
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Path::new("v.csv"), 7, "Atlantis", "unknown country name");
        let inputs = vec![InputFile { path: "v.csv".into(), sha256: "ab".repeat(32), bytes: 10, rows: 4 }];
        LoadedVotes { format: VoteFormat::Voeten, record, inputs, diagnostics }
    }

    #[test]
    fn round_trip_keeps_everything() {
        let v = sample();
        let back = decode(&encode(&v)).unwrap();
        assert_eq!(back.record.roll_calls, v.record.roll_calls);
        assert_eq!(
            (back.record.roll_call, back.record.state, back.record.code),
            (v.record.roll_call, v.record.state, v.record.code)
        );
        assert_eq!(back.record.records_absences, v.record.records_absences);
        assert_eq!(back.inputs, v.inputs);
        assert_eq!(back.diagnostics.items, v.diagnostics.items);
        assert_eq!(back.format, v.format);
    }

    #[test]
    fn damaged_cache_is_refused_not_trusted() {
        let bytes = encode(&sample());
        for cut in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "a cache cut at {cut} bytes must not decode");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() = 77; // not a vote code
        assert!(decode(&flipped).is_err());
        let mut long = bytes;
        long.push(0);
        assert!(decode(&long).is_err(), "trailing bytes");
    }

    #[test]
    fn key_follows_content_and_cache_survives_a_reopen() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("votes.csv");
        std::fs::write(&f, "rcid,country\n").unwrap();
        let k1 = key("unvotes", &[&f]).unwrap();
        assert_eq!(k1, key("unvotes", &[&f]).unwrap());
        assert_ne!(k1, key("voeten", &[&f]).unwrap());
        write(d.path(), &k1, &sample()).unwrap();
        // Read from elsewhere, the record names the file where it is now.
        let moved = d.path().join("moved").join("v.csv");
        let back = read(d.path(), &k1, &[&moved]).unwrap();
        assert_eq!(back.inputs[0].path, moved);
        assert_eq!(back.diagnostics.items[0].file, moved, "diagnostics follow the file");
        assert!(read(d.path(), &k1, &[&f, &f]).is_none(), "a different set of inputs is a miss");
        std::fs::write(&f, "rcid,country\n1,Russia\n").unwrap();
        let k2 = key("unvotes", &[&f]).unwrap();
        assert_ne!(k1, k2, "a changed source gets a new key");
        assert!(read(d.path(), &k2, &[&f]).is_none());
        std::fs::write(path_for(d.path(), &k1), b"HGVOTES2 garbage").unwrap();
        assert!(read(d.path(), &k1, &[&f]).is_none(), "garbage is ignored");
    }
}

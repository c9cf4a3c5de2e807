//! The un-project pairwise files: one file per focal state, one row per roll
//! call, one column per other state holding an agreement code rather than a
//! vote: `2` same vote, `-1` one of the two abstained, `-2` opposite votes,
//! empty when either was absent or not a member. The focal state's own column
//! holds its raw Voeten vote (1/2/3/8/9).
//!
//! The codes give |v₁ − v₂| (0, 1, 2) exactly, so identical share, agree and
//! S follow; the marginals needed for kappa and pi do not.

use std::path::Path;

use hegemony_core::{Registry, VoteCode};

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::{InputFile, csv_reader, read_file};

/// One (roll call, other state) pair of a pairwise file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairwiseRow {
    /// Roll-call id.
    pub rcid: u32,
    /// General Assembly session.
    pub session: u16,
    /// Calendar year of the vote.
    pub year: i32,
    /// COW code of the other state.
    pub other: u16,
    /// |v_focal − v_other| on the 1–3 scale: 0, 1 or 2.
    pub distance: u8,
}

#[derive(Debug)]
/// One un-project pairwise file: a focal state's votes against every other state's.
pub struct PairwiseFile {
    /// COW code of the focal state (from the file name).
    pub focal: u16,
    /// The file read.
    pub input: InputFile,
    /// The focal state's own vote on each roll call (rcid, code).
    pub own_votes: Vec<(u32, VoteCode)>,
    /// The pairs, in file order.
    pub rows: Vec<PairwiseRow>,
    /// Rows refused, with the reason.
    pub diagnostics: Diagnostics,
}

/// Reads `unproject_pairwise_<ccode>.csv(.gz)`; the focal state is taken from the file name.
pub fn load_pairwise(path: &Path) -> Result<PairwiseFile, LoadError> {
    let bad = |reason: String| LoadError::BadFile { file: path.to_path_buf(), reason };
    let stem = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let focal: u16 = stem
        .trim_end_matches(".gz")
        .trim_end_matches(".csv")
        .rsplit('_')
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            bad("the file name must end in _<COW code>.csv(.gz), e.g. unproject_pairwise_371.csv.gz".into())
        })?;
    let registry = Registry::global();
    if registry.by_cow(focal).is_none() {
        return Err(bad(format!("focal COW code {focal} (from the file name) is not in the state registry")));
    }
    let mut raw = read_file(path)?;
    let (mut rdr, cols) = csv_reader(&raw)?;
    let [c_rcid, c_year, c_session] = cols.require(path, ["rcid", "year", "session"])?;
    let focal_col =
        cols.find(&focal.to_string()).ok_or_else(|| bad(format!("no column for the focal state {focal}")))?;
    // Every all-digit column name is a state.
    let mut others: Vec<(usize, u16)> = Vec::new();
    let mut diagnostics = Diagnostics::default();
    for c in 0..rdr.byte_headers().map(|h| h.len()).unwrap_or(0) {
        let name =
            rdr.byte_headers().ok().and_then(|h| h.get(c)).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
        if c == focal_col || name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match name.parse::<u16>() {
            Ok(cow) if registry.by_cow(cow).is_some() => others.push((c, cow)),
            _ => diagnostics.push(path, 1, name, "column names an unknown COW code; column skipped"),
        }
    }
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut own_votes, mut n) = (Vec::new(), Vec::new(), 0u64);
    while rdr.read_byte_record(&mut rec).map_err(|e| bad(e.to_string()))? {
        n += 1;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: usize| rec.get(c).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("").trim();
        let (Ok(rcid), Ok(session), Ok(year)) =
            (get(c_rcid).parse::<u32>(), get(c_session).parse::<u16>(), get(c_year).parse::<i32>())
        else {
            diagnostics.push(path, line, get(c_rcid), "rcid, session or year is not a number; row skipped");
            continue;
        };
        let own = get(focal_col);
        if !own.is_empty() {
            match own.parse::<u8>().ok().and_then(VoteCode::from_voeten) {
                Some(code) => own_votes.push((rcid, code)),
                None => diagnostics.push(path, line, own, "focal vote must be 1, 2, 3, 8 or 9"),
            }
        }
        for &(c, other) in &others {
            let distance = match get(c) {
                "" => continue,
                "2" => 0,
                "-1" => 1,
                "-2" => 2,
                v => {
                    diagnostics.push(
                        path,
                        line,
                        v,
                        format!("agreement code for state {other} must be 2, -1, -2 or empty"),
                    );
                    continue;
                }
            };
            rows.push(PairwiseRow { rcid, session, year, other, distance });
        }
    }
    raw.input.rows = n;
    Ok(PairwiseFile { focal, input: raw.input, own_votes, rows, diagnostics })
}

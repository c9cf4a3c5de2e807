//! Loaders for UN General Assembly roll-call votes.
//!
//! Four published layouts are read into one [`VoteRecord`]:
//! - **unvotes** (the R package's tables): `rcid,country,country_code,vote`
//!   with words `yes`/`abstain`/`no` and absences dropped, a roll-call table and
//!   an issue table;
//! - **Voeten** (Harvard Dataverse): `rcid,ccode,vote` with codes 1/2/3/8/9,
//!   roll-call columns either in a separate file (the 2016 split used in
//!   tests) or on every vote row (the full `UNVotes.csv`);
//! - the **UN Digital Library**'s General Assembly voting data, one row per Member
//!   State and adopted resolution with ISO3 codes and `Y`/`N`/`A`/`X` votes, to the
//!   latest session (`undl`, [`load_undl`]);
//! - the un-project **pairwise** files are not votes but agreement codes; see
//!   [`crate::pairwise`].
//!
//! Rows that cannot be taken are never dropped silently: each becomes a
//! [`Diagnostic`](crate::Diagnostic) with file, line, value and reason.

use std::path::Path;

use hegemony_core::{Date, Issue, Registry, RollCall, Vote, VoteCode, VoteRecord};
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::{InputFile, RawFile, csv_reader, read_file};

mod undl;

pub use undl::load_undl;

/// Which layout a record was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteFormat {
    /// The unvotes tables (Voeten's data as the R package `unvotes` ships them).
    Unvotes,
    /// Voeten's own layout (`UNVotes.csv`, or the 2016 files).
    Voeten,
    /// The UN Digital Library's voting data (`*_ga_voting.csv`).
    Undl,
}

/// A loaded voting record with its provenance and diagnostics.
#[derive(Debug)]
pub struct LoadedVotes {
    /// Which layout it was read from.
    pub format: VoteFormat,
    /// The votes, column-wise.
    pub record: VoteRecord,
    /// The files read, with their SHA-256.
    pub inputs: Vec<InputFile>,
    /// Rows refused or changed, with the reason.
    pub diagnostics: Diagnostics,
}

/// Reads the unvotes tables: votes, roll calls and (optionally) issues.
pub fn load_unvotes(votes: &Path, roll_calls: &Path, issues: Option<&Path>) -> Result<LoadedVotes, LoadError> {
    let mut b = Builder::default();
    let mut rc_file = read_file(roll_calls)?;
    read_roll_calls(&mut rc_file, &mut b, false)?;
    let mut inputs = vec![rc_file.input];
    if let Some(issues) = issues {
        let mut f = read_file(issues)?;
        read_issue_table(&mut f, &mut b)?;
        inputs.push(f.input);
    }
    let mut vf = read_file(votes)?;
    read_unvotes_votes(&mut vf, &mut b)?;
    inputs.insert(0, vf.input);
    Ok(b.finish(VoteFormat::Unvotes, inputs, false))
}

/// Reads Voeten's layout: a votes file with codes 1/2/3/8/9 and either a
/// separate roll-call file or roll-call columns on the vote rows.
pub fn load_voeten(votes: &Path, roll_calls: Option<&Path>) -> Result<LoadedVotes, LoadError> {
    let mut b = Builder::default();
    let mut inputs = Vec::new();
    if let Some(rc) = roll_calls {
        let mut f = read_file(rc)?;
        read_roll_calls(&mut f, &mut b, false)?;
        inputs.push(f.input);
    }
    let mut vf = read_file(votes)?;
    if roll_calls.is_none() {
        // The full file repeats roll-call columns on every row: take the first row of each rcid.
        read_roll_calls(&mut vf, &mut b, true)?;
    }
    read_voeten_votes(&mut vf, &mut b)?;
    inputs.insert(0, vf.input);
    Ok(b.finish(VoteFormat::Voeten, inputs, true))
}

/// Collects roll calls and vote rows, then sorts, indexes and checks them.
#[derive(Default)]
struct Builder {
    roll_calls: Vec<RollCall>,
    by_rcid: FxHashMap<u32, u32>,
    /// Per vote: (roll call index as read, state, code, line).
    rows: Vec<(u32, u16, VoteCode, u32)>,
    /// The file each vote row came from and the line of each row, for duplicate reports.
    vote_file: Option<std::path::PathBuf>,
    diagnostics: Diagnostics,
}

impl Builder {
    fn finish(mut self, format: VoteFormat, inputs: Vec<InputFile>, records_absences: bool) -> LoadedVotes {
        // Sort roll calls by rcid and remap vote rows to the sorted positions.
        let mut order: Vec<u32> = (0..self.roll_calls.len() as u32).collect();
        order.sort_unstable_by_key(|&i| self.roll_calls[i as usize].rcid);
        let mut new_pos = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_pos[old as usize] = new as u32;
        }
        let mut roll_calls = std::mem::take(&mut self.roll_calls);
        let mut sorted = Vec::with_capacity(roll_calls.len());
        for &old in &order {
            sorted.push(std::mem::take(&mut roll_calls[old as usize]));
        }
        // Group the rows by roll call (a counting sort, keeping file order within
        // each roll call), then find duplicate (roll call, state) rows with a
        // stamp per state: linear time, where sorting 870k keys was the
        // slowest step of a load.
        let mut start = vec![0u32; sorted.len() + 1];
        for r in &self.rows {
            start[new_pos[r.0 as usize] as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut by_rc = vec![0u32; self.rows.len()];
        let mut fill = start.clone();
        for (i, r) in self.rows.iter().enumerate() {
            let slot = &mut fill[new_pos[r.0 as usize] as usize];
            by_rc[*slot as usize] = i as u32;
            *slot += 1;
        }
        // stamp[state] = 1 + the roll call it was last seen on; first[state] = that row.
        let mut stamp = vec![0u32; usize::from(u16::MAX) + 1];
        let mut first = vec![0u32; usize::from(u16::MAX) + 1];
        let mut record = VoteRecord { roll_calls: sorted, records_absences, ..Default::default() };
        record.roll_call.reserve(self.rows.len());
        record.state.reserve(self.rows.len());
        record.code.reserve(self.rows.len());
        let file = self.vote_file.clone().unwrap_or_default();
        for rc in 0..record.roll_calls.len() {
            for &i in &by_rc[start[rc] as usize..start[rc + 1] as usize] {
                let row = self.rows[i as usize];
                let state = usize::from(row.1);
                if stamp[state] == rc as u32 + 1 {
                    let kept = self.rows[first[state] as usize];
                    let reason = if kept.2 == row.2 {
                        format!("duplicate (roll call, state) row, same vote as line {}; kept one", kept.3)
                    } else {
                        format!("duplicate (roll call, state) row contradicting line {}; kept line {}", kept.3, kept.3)
                    };
                    let value = format!("rcid {} state {}", record.roll_calls[rc].rcid, row.1);
                    self.diagnostics.push(&file, u64::from(row.3), value, reason);
                    continue;
                }
                stamp[state] = rc as u32 + 1;
                first[state] = i;
                record.push(rc as u32, row.1, row.2);
            }
        }
        self.diagnostics.items.sort_by_key(|d| (d.file.clone(), d.line));
        LoadedVotes { format, record, inputs, diagnostics: self.diagnostics }
    }
}

fn field(rec: &csv::ByteRecord, i: usize) -> &str {
    rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("").trim()
}

fn line_of(rec: &csv::ByteRecord) -> u64 {
    rec.position().map_or(0, |p| p.line())
}

/// 0/1 flags; empty means "not coded".
fn flag(s: &str) -> Result<Option<bool>, ()> {
    match s {
        "" | "NA" => Ok(None),
        "0" => Ok(Some(false)),
        "1" => Ok(Some(true)),
        _ => Err(()),
    }
}

/// Reads roll calls. With `first_row_only`, rows repeating an rcid are skipped
/// (the full Voeten file repeats roll-call columns on every vote row).
fn read_roll_calls(raw: &mut RawFile, b: &mut Builder, first_row_only: bool) -> Result<(), LoadError> {
    let path = raw.input.path.clone();
    let (mut rdr, cols) = csv_reader(raw)?;
    let [c_rcid, c_session] = cols.require(&path, ["rcid", "session"])?;
    let opt = |n: &str| cols.find(n);
    let (c_date, c_unres, c_imp) = (opt("date"), opt("unres"), opt("importantvote"));
    let (c_amend, c_para, c_short) = (opt("amend"), opt("para"), opt("short"));
    let issue_cols: Vec<(Issue, usize)> =
        Issue::ALL.iter().filter_map(|&i| cols.find(i.code()).map(|c| (i, c))).collect();
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut refused = 0u64;
    while read_record(&mut rdr, &mut rec, &path)? {
        rows += 1;
        let line = line_of(&rec);
        let rcid_s = field(&rec, c_rcid);
        let Ok(rcid) = rcid_s.parse::<u32>() else {
            b.diagnostics.push(&path, line, rcid_s, "roll-call id is not a whole number; row skipped");
            refused += 1;
            continue;
        };
        if b.by_rcid.contains_key(&rcid) {
            if !first_row_only {
                b.diagnostics.push(&path, line, rcid_s, "roll-call id appears twice; kept the first");
            }
            continue;
        }
        let session_s = field(&rec, c_session);
        let session = match session_s.parse::<u16>() {
            Ok(s) if (1..=200).contains(&s) => s,
            _ => {
                b.diagnostics.push(&path, line, session_s, "session is not a number in 1..200; roll call skipped");
                refused += 1;
                continue;
            }
        };
        let mut rc = RollCall { rcid, session, ..Default::default() };
        if let Some(c) = c_date {
            let s = field(&rec, c);
            if !s.is_empty() {
                match s.parse::<Date>() {
                    Ok(d) => rc.date = Some(d),
                    Err(e) => b.diagnostics.push(&path, line, s, format!("{e}; date left empty")),
                }
            }
        }
        rc.unres = c_unres.map(|c| field(&rec, c).to_string()).filter(|s| !s.is_empty());
        rc.short = c_short.map(|c| field(&rec, c).to_string()).filter(|s| !s.is_empty());
        for (slot, col, name) in [
            (&mut rc.important, c_imp, "importantvote"),
            (&mut rc.amend, c_amend, "amend"),
            (&mut rc.para, c_para, "para"),
        ] {
            if let Some(c) = col {
                let s = field(&rec, c);
                match flag(s) {
                    Ok(v) => *slot = v,
                    Err(()) => b.diagnostics.push(&path, line, s, format!("{name} must be 0, 1 or empty; left empty")),
                }
            }
        }
        for &(issue, c) in &issue_cols {
            let s = field(&rec, c);
            match flag(s) {
                Ok(Some(true)) => rc.issues.insert(issue),
                Ok(_) => {}
                Err(()) => b.diagnostics.push(&path, line, s, format!("issue flag {} must be 0 or 1", issue.code())),
            }
        }
        b.by_rcid.insert(rcid, b.roll_calls.len() as u32);
        b.roll_calls.push(rc);
    }
    if !first_row_only {
        raw.input.rows = rows;
    }
    if b.roll_calls.is_empty() {
        let first = b.diagnostics.items.first().map(|d| d.to_string()).unwrap_or_else(|| "no data rows".into());
        return Err(LoadError::NothingUsable { file: path, refused, first });
    }
    Ok(())
}

fn read_record(rdr: &mut csv::Reader<&[u8]>, rec: &mut csv::ByteRecord, path: &Path) -> Result<bool, LoadError> {
    rdr.read_byte_record(rec).map_err(|e| LoadError::BadFile { file: path.to_path_buf(), reason: format!("{e}") })
}

/// The unvotes issue table: `rcid,short_name,issue`.
fn read_issue_table(raw: &mut RawFile, b: &mut Builder) -> Result<(), LoadError> {
    let path = raw.input.path.clone();
    let (mut rdr, cols) = csv_reader(raw)?;
    let [c_rcid, c_issue] = cols.require(&path, ["rcid", "short_name"])?;
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0;
    while read_record(&mut rdr, &mut rec, &path)? {
        rows += 1;
        let line = line_of(&rec);
        let (rcid_s, code) = (field(&rec, c_rcid), field(&rec, c_issue));
        let Some(issue) = Issue::from_code(code) else {
            b.diagnostics.push(
                &path,
                line,
                code,
                "unknown issue code (expected me, nu, di, hr, co or ec); row skipped",
            );
            continue;
        };
        match rcid_s.parse::<u32>().ok().and_then(|r| b.by_rcid.get(&r)) {
            Some(&i) => b.roll_calls[i as usize].issues.insert(issue),
            None => {
                b.diagnostics.push(&path, line, rcid_s, "issue for a roll call not in the roll-call table; skipped")
            }
        }
    }
    raw.input.rows = rows;
    Ok(())
}

/// Resolves a roll-call id cell or reports why not.
fn roll_call_of(b: &mut Builder, path: &Path, line: u64, s: &str) -> Option<u32> {
    match s.parse::<u32>().ok().and_then(|r| b.by_rcid.get(&r).copied()) {
        Some(i) => Some(i),
        None => {
            b.diagnostics.push(path, line, s, "vote on a roll call not in the roll-call table; row skipped");
            None
        }
    }
}

fn read_unvotes_votes(raw: &mut RawFile, b: &mut Builder) -> Result<(), LoadError> {
    let path = raw.input.path.clone();
    b.vote_file = Some(path.clone());
    let (mut rdr, cols) = csv_reader(raw)?;
    if cols.contains("ccode") && !cols.contains("country") {
        return Err(wrong_layout(&path, "COW codes in `ccode`: this is the Voeten layout, not unvotes"));
    }
    let [c_rcid, c_country, c_vote] = cols.require(&path, ["rcid", "country", "vote"])?;
    let registry = Registry::global();
    // Names repeat ~5,000 times each: resolve every distinct name once.
    let mut names: FxHashMap<Vec<u8>, Option<u16>> = FxHashMap::default();
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    b.rows.reserve(raw.text.len() / 24);
    while read_record(&mut rdr, &mut rec, &path)? {
        rows += 1;
        let line = line_of(&rec);
        let name = rec.get(c_country).unwrap_or_default();
        let state = match names.get(name) {
            Some(s) => *s,
            None => {
                let s = std::str::from_utf8(name).ok().and_then(|n| registry.lookup(n)).and_then(|s| s.cow);
                names.insert(name.to_vec(), s);
                s
            }
        };
        let Some(state) = state else {
            let n = field(&rec, c_country);
            let hint = match registry.resolve(n) {
                Err(e) if !e.suggestions.is_empty() => format!("; did you mean {}?", e.suggestions.join(", ")),
                _ => String::new(),
            };
            b.diagnostics.push(&path, line, n, format!("unknown country name{hint}; vote skipped"));
            continue;
        };
        let word = field(&rec, c_vote);
        let Some(vote) = Vote::from_word(word) else {
            b.diagnostics.push(&path, line, word, "vote must be yes, abstain or no; row skipped");
            continue;
        };
        if let Some(rc) = roll_call_of(b, &path, line, field(&rec, c_rcid)) {
            b.rows.push((rc, state, VoteCode::Cast(vote), line as u32));
        }
    }
    raw.input.rows = rows;
    Ok(())
}

fn read_voeten_votes(raw: &mut RawFile, b: &mut Builder) -> Result<(), LoadError> {
    let path = raw.input.path.clone();
    b.vote_file = Some(path.clone());
    let (mut rdr, cols) = csv_reader(raw)?;
    if cols.contains("country") && !cols.contains("ccode") {
        return Err(wrong_layout(&path, "country names without COW codes: this is the unvotes layout, not Voeten"));
    }
    let [c_rcid, c_ccode, c_vote] = cols.require(&path, ["rcid", "ccode", "vote"])?;
    let registry = Registry::global();
    let mut known: FxHashMap<u16, bool> = FxHashMap::default();
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    b.rows.reserve(raw.text.len() / 16);
    while read_record(&mut rdr, &mut rec, &path)? {
        rows += 1;
        let line = line_of(&rec);
        let cs = field(&rec, c_ccode);
        let Ok(state) = cs.parse::<u16>() else {
            b.diagnostics.push(&path, line, cs, "COW code is not a number; row skipped");
            continue;
        };
        if !*known.entry(state).or_insert_with(|| registry.by_cow(state).is_some()) {
            b.diagnostics.push(&path, line, cs, "COW code not in the state registry; row skipped");
            continue;
        }
        let vs = field(&rec, c_vote);
        let Some(code) = vs.parse::<u8>().ok().and_then(VoteCode::from_voeten) else {
            b.diagnostics.push(&path, line, vs, "vote code must be 1, 2, 3, 8 or 9; row skipped");
            continue;
        };
        if let Some(rc) = roll_call_of(b, &path, line, field(&rec, c_rcid)) {
            b.rows.push((rc, state, code, line as u32));
        }
    }
    raw.input.rows = rows;
    Ok(())
}

fn wrong_layout(path: &Path, reason: &str) -> LoadError {
    LoadError::BadFile { file: path.to_path_buf(), reason: reason.to_string() }
}

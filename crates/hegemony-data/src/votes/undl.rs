//! The UN Digital Library's General Assembly voting data: one row per Member State and adopted
//! resolution (`undl_id,ms_code,ms_name,ms_vote,date,session,resolution,…,undl_link`; files
//! before 2026 lack `vote_note`, so every column is found by its name).
//!
//! Into the column-wise [`VoteRecord`]:
//! - a roll call per `undl_id` (its `rcid`), with the resolution symbol, the date, and the title
//!   as the short title (the boilerplate ` : resolution / adopted by the General Assembly` cut, so
//!   recurring resolutions bridge across years like Voeten's `short`); the file holds adopted
//!   resolutions only, so every roll call is a final-passage vote (`amend` and `para` false);
//! - the session from `session`; an emergency special or special session (`ES-10`, `S-28`) has no
//!   regular number, so its roll call is filed under the regular session running on its date
//!   (sessions open in September: a vote in January 2023 belongs to session 77), as Voeten does,
//!   with one diagnostic per roll call saying so;
//! - the state from `ms_code` (ISO3, or a withdrawn code such as `YUG`) through the registry, else
//!   from `ms_name`; where that identity held no UN seat on the day, the seat's holder then (the
//!   FRG for `DEU` before October 1990, the ROC for `CHN` before 25 October 1971);
//! - `ms_vote` Y, N, A as votes cast; X, `NV` or an empty cell (the Library's guide writes
//!   non-participation as a blank) as [`VoteCode::Absent`], a member that did not vote.
//!
//! Nothing is dropped silently: a row whose state, vote or roll call cannot be read is reported
//! (file, line, value, reason), as is a roll call whose rows disagree on its date, session or
//! resolution, or whose counted votes differ from the file's own `total_yes`, `total_no` and
//! `total_abstentions`.

use std::path::Path;

use hegemony_core::{Date, Registry, RollCall, Vote, VoteCode};
use rustc_hash::FxHashMap;

use super::{Builder, VoteFormat, field, line_of, read_record};
use crate::LoadedVotes;
use crate::diagnostics::LoadError;
use crate::source::{RawFile, csv_reader, read_file};

/// The columns a file must have; the others are read when present.
const REQUIRED: [&str; 6] = ["undl_id", "ms_code", "ms_vote", "date", "session", "resolution"];

/// What the UN Digital Library appends to every resolution's title.
const TITLE_SUFFIX: &str = " : resolution / adopted by the General Assembly";

/// Reads a UN Digital Library voting file (`*_ga_voting.csv`, plain or gzip-compressed).
pub fn load_undl(path: &Path) -> Result<LoadedVotes, LoadError> {
    let mut b = Builder::default();
    let mut raw = read_file(path)?;
    read_rows(&mut raw, &mut b)?;
    Ok(b.finish(VoteFormat::Undl, vec![raw.input], true))
}

/// The optional columns, by position.
struct Optional {
    name: Option<usize>,
    title: Option<usize>,
    totals: [Option<usize>; 3],
}

/// What the first row of a roll call said, to check the others and the totals against.
struct Seen {
    index: u32,
    line: u64,
    date: String,
    session: String,
    resolution: String,
    /// The file's own totals (yes, no, abstentions), when given.
    totals: [Option<u32>; 3],
    /// The votes counted (yes, no, abstentions).
    counted: [u32; 3],
}

fn read_rows(raw: &mut RawFile, b: &mut Builder) -> Result<(), LoadError> {
    let path = raw.input.path.clone();
    b.vote_file = Some(path.clone());
    let (mut rdr, cols) = csv_reader(raw)?;
    let [c_id, c_code, c_vote, c_date, c_session, c_resolution] = cols.require(&path, REQUIRED)?;
    let opt = Optional {
        name: cols.find("ms_name"),
        title: cols.find("title"),
        totals: ["total_yes", "total_no", "total_abstentions"].map(|c| cols.find(c)),
    };
    let registry = Registry::global();
    // Codes and names repeat ~5,000 times each: resolve each once.
    let mut states: FxHashMap<(String, String), Option<u16>> = FxHashMap::default();
    let mut seen: FxHashMap<u32, Seen> = FxHashMap::default();
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    while read_record(&mut rdr, &mut rec, &path)? {
        rows += 1;
        let line = line_of(&rec);
        let id_s = field(&rec, c_id);
        let Ok(id) = id_s.parse::<u32>() else {
            b.diagnostics.push(&path, line, id_s, "undl_id is not a whole number; row skipped");
            continue;
        };
        let index = match seen.get(&id) {
            Some(first) => {
                check_same_roll_call(b, &path, line, &rec, [c_date, c_session, c_resolution], first);
                first.index
            }
            None => {
                let Some(index) = new_roll_call(b, &path, line, id, &rec, [c_date, c_session, c_resolution], &opt)
                else {
                    continue;
                };
                let totals = opt.totals.map(|c| c.and_then(|c| count(field(&rec, c))));
                let s = Seen {
                    index,
                    line,
                    date: field(&rec, c_date).to_string(),
                    session: field(&rec, c_session).to_string(),
                    resolution: field(&rec, c_resolution).to_string(),
                    totals,
                    counted: [0; 3],
                };
                seen.insert(id, s);
                index
            }
        };
        let code = field(&rec, c_code);
        let name = opt.name.map_or("", |c| field(&rec, c));
        let identity = *states
            .entry((code.to_string(), name.to_string()))
            .or_insert_with(|| registry.lookup(code).or_else(|| registry.lookup(name)).and_then(|s| s.cow));
        let Some(identity) = identity else {
            let shown = if name.is_empty() { code.to_string() } else { format!("{code} ({name})") };
            b.diagnostics.push(&path, line, shown, "unknown Member State code and name; vote skipped");
            continue;
        };
        let vote_s = field(&rec, c_vote);
        let Some(code) = vote_code(vote_s) else {
            b.diagnostics.push(&path, line, vote_s, "ms_vote must be Y, N, A, X, NV or empty; vote skipped");
            continue;
        };
        // The seat's holder on the day: the identity itself, or the one whose seat it took over.
        let date = b.roll_calls[index as usize].date;
        let state = date.and_then(|d| registry.un_seat_holder(identity, d)).and_then(|s| s.cow).unwrap_or(identity);
        if let VoteCode::Cast(v) = code {
            // In the order of the file's totals: yes, no, abstentions.
            let slot = match v {
                Vote::Yes => 0,
                Vote::No => 1,
                Vote::Abstain => 2,
            };
            seen.get_mut(&id).expect("recorded above").counted[slot] += 1;
        }
        b.rows.push((index, state, code, line as u32));
    }
    raw.input.rows = rows;
    check_totals(b, &path, seen.values());
    if b.roll_calls.is_empty() {
        let first = b.diagnostics.items.first().map(|d| d.to_string()).unwrap_or_else(|| "no data rows".into());
        return Err(LoadError::NothingUsable { file: path, refused: rows, first });
    }
    Ok(())
}

/// A new roll call from its first row; `None` (with the reason reported) when its date or session
/// cannot be read.
fn new_roll_call(
    b: &mut Builder,
    path: &Path,
    line: u64,
    id: u32,
    rec: &csv::ByteRecord,
    [c_date, c_session, c_resolution]: [usize; 3],
    opt: &Optional,
) -> Option<u32> {
    let date_s = field(rec, c_date);
    // Some exports write a time after the day (`2023-10-27T00:00:00`).
    let date = date_s.get(..10).and_then(|d| d.parse::<Date>().ok());
    let session_s = field(rec, c_session);
    let session = match session_s.parse::<u16>() {
        Ok(s) if (1..=200).contains(&s) => s,
        _ => match date.map(regular_session) {
            Some(s) => {
                let reason =
                    format!("not a regular session number; roll call {id} filed under session {s}, by its date");
                b.diagnostics.push(path, line, session_s, reason);
                s
            }
            None => {
                let reason = "neither the session nor the date can be read; roll call skipped";
                b.diagnostics.push(path, line, format!("{session_s} / {date_s}"), reason);
                return None;
            }
        },
    };
    if date.is_none() && !date_s.is_empty() {
        b.diagnostics.push(path, line, date_s, "not a date (YYYY-MM-DD); date left empty");
    }
    let title = opt.title.map(|c| field(rec, c)).filter(|t| !t.is_empty());
    let rc = RollCall {
        rcid: id,
        session,
        date,
        unres: Some(field(rec, c_resolution).to_string()).filter(|s| !s.is_empty()),
        amend: Some(false),
        para: Some(false),
        short: title.map(|t| t.strip_suffix(TITLE_SUFFIX).unwrap_or(t).to_string()),
        ..Default::default()
    };
    let index = b.roll_calls.len() as u32;
    b.by_rcid.insert(id, index);
    b.roll_calls.push(rc);
    Some(index)
}

/// The regular session running on `d`: sessions open in September, session 1 in 1946.
fn regular_session(d: Date) -> u16 {
    let opened = if d.month() >= 9 { d.year() } else { d.year() - 1 };
    (opened - 1945).clamp(1, 200) as u16
}

/// Reports a row that disagrees with its roll call's first row on the date, session or resolution.
fn check_same_roll_call(
    b: &mut Builder,
    path: &Path,
    line: u64,
    rec: &csv::ByteRecord,
    [c_date, c_session, c_resolution]: [usize; 3],
    first: &Seen,
) {
    for (col, kept, what) in [
        (c_date, &first.date, "date"),
        (c_session, &first.session, "session"),
        (c_resolution, &first.resolution, "resolution"),
    ] {
        let v = field(rec, col);
        if v != kept {
            let reason = format!(
                "{what} differs from line {} of the same undl_id ({kept}); kept line {}",
                first.line, first.line
            );
            b.diagnostics.push(path, line, v, reason);
        }
    }
}

/// Reports each roll call whose counted votes differ from the file's own totals.
fn check_totals<'a>(b: &mut Builder, path: &Path, seen: impl Iterator<Item = &'a Seen>) {
    let mut seen: Vec<&Seen> = seen.collect();
    seen.sort_by_key(|s| s.line);
    for s in seen {
        for (i, what) in ["yes", "no", "abstention"].into_iter().enumerate() {
            if let Some(total) = s.totals[i]
                && total != s.counted[i]
            {
                let reason = format!("the file's total of {what} votes is {total}, its rows hold {}", s.counted[i]);
                b.diagnostics.push(path, s.line, total.to_string(), reason);
            }
        }
    }
}

/// A count as the file writes it (`120`, or `120.0`).
fn count(s: &str) -> Option<u32> {
    let s = s.strip_suffix(".0").unwrap_or(s);
    s.parse().ok()
}

fn vote_code(s: &str) -> Option<VoteCode> {
    Some(match s {
        "Y" => VoteCode::Cast(Vote::Yes),
        "N" => VoteCode::Cast(Vote::No),
        "A" => VoteCode::Cast(Vote::Abstain),
        "X" | "NV" | "" => VoteCode::Absent,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_open_in_september() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(regular_session(d("2023-01-10")), 77);
        assert_eq!(regular_session(d("2022-09-13")), 77);
        assert_eq!(regular_session(d("2022-03-02")), 76); // ES-11/1 on Ukraine
        assert_eq!(regular_session(d("1946-12-11")), 1);
    }

    #[test]
    fn counts_and_votes() {
        assert_eq!(count("120.0"), Some(120));
        assert_eq!(count("7"), Some(7));
        assert_eq!(count(""), None);
        assert_eq!(vote_code("A"), Some(VoteCode::Cast(Vote::Abstain)));
        assert_eq!(vote_code(""), Some(VoteCode::Absent));
        assert_eq!(vote_code("yes"), None);
    }
}

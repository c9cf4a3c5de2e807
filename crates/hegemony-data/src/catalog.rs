//! Which datasets a data directory holds, found by their file names.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::LoadError;
use crate::source::{InputFile, csv_reader, read_file};

/// The files of one UN vote record found in a directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VoteFiles {
    /// The unvotes tables (`unvotes_un_votes`, `…_roll_calls`, optionally `…_roll_call_issues`).
    Unvotes {
        /// `unvotes_un_votes.csv(.gz)`.
        votes: PathBuf,
        /// `unvotes_un_roll_calls.csv(.gz)`.
        roll_calls: PathBuf,
        /// `unvotes_un_roll_call_issues.csv(.gz)`, if present.
        issues: Option<PathBuf>,
    },
    /// Voeten's files: the full `UNVotes.csv`, or the 2016 split files.
    Voeten {
        /// `UNVotes.csv(.gz)` or `voeten_unvotes2016_votes.csv(.gz)`.
        votes: PathBuf,
        /// `voeten_unvotes2016_rollcalls.csv(.gz)`, with the 2016 split files.
        roll_calls: Option<PathBuf>,
    },
    /// The UN Digital Library's General Assembly voting file ([`find_undl`]).
    Undl {
        /// The voting file.
        votes: PathBuf,
    },
}

/// `stem.csv.gz`, else `stem.csv`, if either exists in `dir`.
fn csv_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    [format!("{stem}.csv.gz"), format!("{stem}.csv")].into_iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The unvotes tables in `dir`, under the names ../shared/data uses.
pub fn find_unvotes(dir: &Path) -> Option<VoteFiles> {
    Some(VoteFiles::Unvotes {
        votes: csv_file(dir, "unvotes_un_votes")?,
        roll_calls: csv_file(dir, "unvotes_un_roll_calls")?,
        issues: csv_file(dir, "unvotes_un_roll_call_issues"),
    })
}

/// Voeten's layout in `dir`: the full `UNVotes.csv` as `hegemony data fetch unvotes`
/// stores it, or the 2016 split files.
pub fn find_voeten(dir: &Path) -> Option<VoteFiles> {
    if let Some(votes) = csv_file(dir, "UNVotes") {
        return Some(VoteFiles::Voeten { votes, roll_calls: None });
    }
    Some(VoteFiles::Voeten {
        votes: csv_file(dir, "voeten_unvotes2016_votes")?,
        roll_calls: csv_file(dir, "voeten_unvotes2016_rollcalls"),
    })
}

/// The UN Digital Library's General Assembly voting file in `dir`: `undl_ga_voting.csv(.gz)` as
/// `hegemony data fetch undl` stores it, else the newest file under the Library's own names
/// (`2025_7_23_ga_voting.csv`, or `2024_09_12_ga_resolutions_voting.csv` before 2025), newest by
/// the date in the name.
pub fn find_undl(dir: &Path) -> Option<PathBuf> {
    if let Some(p) = csv_file(dir, UNDL_LOCAL_STEM) {
        return Some(p);
    }
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stem = name.strip_suffix(".gz").unwrap_or(name).strip_suffix(".csv")?;
            let dated = stem.strip_suffix("_ga_voting").or_else(|| stem.strip_suffix("_ga_resolutions_voting"))?;
            Some((undl_file_date(dated)?, p))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
        .map(|(_, p)| p)
}

/// The stem `hegemony data fetch undl` stores the Library's voting file under.
pub const UNDL_LOCAL_STEM: &str = "undl_ga_voting";

/// The date of a Library file name's prefix `YYYY_M_D` (months and days with or without a zero).
pub fn undl_file_date(prefix: &str) -> Option<(i32, u8, u8)> {
    let mut parts = prefix.split('_');
    let (y, m, d) = (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    (parts.next().is_none() && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// One CSV file of a data directory, summarised.
#[derive(Clone, Debug, Serialize)]
pub struct DatasetSummary {
    /// The file name without `.csv` / `.csv.gz`.
    pub name: String,
    /// The file: path, SHA-256, bytes and rows.
    pub file: InputFile,
    /// First and last year found in a `year` (or `session`, or `date`) column.
    pub years: Option<(i32, i32)>,
}

/// Summarises every `*.csv` / `*.csv.gz` file in `dir` (rows, years, hash), by name.
pub fn list(dir: &Path) -> Result<Vec<DatasetSummary>, LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".csv") || n.ends_with(".csv.gz")
        })
        .collect();
    paths.sort();
    paths.iter().map(|p| summarise(p)).collect()
}

fn summarise(path: &Path) -> Result<DatasetSummary, LoadError> {
    let mut raw = read_file(path)?;
    let (mut rdr, cols) = csv_reader(&raw)?;
    // Which column carries time, and how to read a year from it.
    let year_col = [("year", YearColumn::Year), ("session", YearColumn::Session), ("date", YearColumn::Date)]
        .into_iter()
        .find_map(|(name, kind)| cols.find(name).map(|c| (c, kind)));
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut lo, mut hi) = (0u64, i32::MAX, i32::MIN);
    while rdr
        .read_byte_record(&mut rec)
        .map_err(|e| LoadError::BadFile { file: path.to_path_buf(), reason: e.to_string() })?
    {
        rows += 1;
        if let Some((c, kind)) = year_col
            && let Some(y) = rec.get(c).and_then(|b| std::str::from_utf8(b).ok()).and_then(|s| kind.year(s.trim()))
        {
            lo = lo.min(y);
            hi = hi.max(y);
        }
    }
    raw.input.rows = rows;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").trim_end_matches(".gz").trim_end_matches(".csv");
    Ok(DatasetSummary { name: name.to_string(), file: raw.input, years: (lo <= hi).then_some((lo, hi)) })
}

/// How a year is read from a time column.
#[derive(Clone, Copy)]
enum YearColumn {
    Year,
    /// UN session: year = session + 1945.
    Session,
    /// ISO date: the first four characters.
    Date,
}

impl YearColumn {
    fn year(self, s: &str) -> Option<i32> {
        match self {
            YearColumn::Year => s.parse().ok(),
            YearColumn::Session => s.parse::<i32>().ok().map(|x| x + 1945),
            YearColumn::Date => s.get(..4)?.parse().ok(),
        }
    }
}

//! Loaders for the structural datasets the hierarchy profile rests on:
//! population (COW National Material Capabilities), alliances (ATOP dyad-years),
//! trade (COW Dyadic and National Trade) and arms transfers (SIPRI TIV).
//!
//! Each loader keeps every row it can use, reports every row it cannot (file,
//! line, value, reason), and records the last year the source covers, so that
//! later years can be reported as *not covered* rather than as zero.
//!
//! Parsing them takes most of a profile's run time, so [`load_dir_cached`]
//! keeps what they parse to in a cache (`cached.rs`), keyed by the SHA-256 of
//! the files' bytes, like the vote cache.

mod cached;

pub use cached::load_dir_cached;

use std::path::{Path, PathBuf};

use hegemony_core::states::Registry;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::diagnostics::{Diagnostics, LoadError};
use crate::source::{InputFile, csv_reader, read_file};

/// The file names the loaders look for in a data directory (`.csv.gz` or `.csv`).
pub const POPULATION: &str = "ps_cow_nmc";
/// ATOP alliance dyad-years (peacesciencer's extract).
pub const ALLIANCES: &str = "ps_atop_alliance";
/// COW Dyadic Trade, non-directed dyad-years.
pub const TRADE_DYADIC: &str = "ps_cow_trade_ndy";
/// COW National Trade, state-years.
pub const TRADE_NATIONAL: &str = "ps_cow_trade_sy";
/// SIPRI arms transfers (TIV), 1950–2021.
pub const ARMS: &str = "sipri_tiv_transfers_1950_2021";
/// US troops abroad (troopdata, legacy series).
pub const US_TROOPS: &str = "troopdata_us_troops_legacy";
/// Bailey–Strezhnev–Voeten ideal points by year, as published (July 2025 release).
pub const PUBLISHED_IDEAL: &str = "voeten_idealpoints_jul2025";
/// Bailey, Strezhnev & Voeten's session file, with each state's agreement
/// with Russia and the United States (June 2024 release, sessions 1–78).
pub const PUBLISHED_AGREEMENT: &str = "voeten_idealpoints_all_jun2024";

/// A state's population by year, in thousands (COW `tpop`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Population {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    by_state_year: FxHashMap<(u16, i32), f64>,
    /// The last year with a figure.
    pub last_year: i32,
}

impl Population {
    /// Population of `ccode` in `year` (thousands), if recorded.
    pub fn get(&self, ccode: u16, year: i32) -> Option<f64> {
        self.by_state_year.get(&(ccode, year)).copied()
    }

    /// The value of `year`, or after the source ends (or where a year is
    /// missing) the latest of the five years before, with the year it is from.
    pub fn latest(&self, ccode: u16, year: i32) -> Option<(i32, f64)> {
        let y = year.min(self.last_year);
        (y - 5..=y).rev().find_map(|y| self.get(ccode, y).map(|v| (y, v)))
    }
}

/// ATOP obligations, as bits of [`Alliances::allies`]' mask.
pub mod obligation {
    /// Defence pact.
    pub const DEFENCE: u8 = 1;
    /// Offence pact.
    pub const OFFENCE: u8 = 2;
    /// Neutrality pact.
    pub const NEUTRALITY: u8 = 4;
    /// Non-aggression pact.
    pub const NON_AGGRESSION: u8 = 8;
    /// Consultation pact.
    pub const CONSULTATION: u8 = 16;
    /// A military alliance in the strict sense: defence or offence.
    pub const MILITARY: u8 = DEFENCE | OFFENCE;
}

/// Alliance obligations per state and year (ATOP directed dyad-years).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alliances {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    /// (state, year) → (ally, obligations bit mask), sorted by ally.
    allies: FxHashMap<(u16, i32), Vec<(u16, u8)>>,
    /// The first year the source covers.
    pub first_year: i32,
    /// The last year the source covers (ATOP ends in 2018).
    pub last_year: i32,
}

impl Alliances {
    /// The allies of `ccode` in `year` bound by any obligation in `mask`
    /// (see [`obligation`]), sorted; empty when it has none.
    pub fn allies(&self, ccode: u16, year: i32, mask: u8) -> Vec<u16> {
        self.allies
            .get(&(ccode, year))
            .map(|v| v.iter().filter(|(_, m)| m & mask != 0).map(|(a, _)| *a).collect())
            .unwrap_or_default()
    }

    /// Whether `year` lies within the source's years (outside: not covered, not "no allies").
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }

    /// Every directed obligation: (state, year, ally, obligations bit mask), in no order.
    pub fn dyads(&self) -> impl Iterator<Item = (u16, i32, u16, u8)> + '_ {
        self.allies.iter().flat_map(|(&(s, y), v)| v.iter().map(move |&(a, m)| (s, y, a, m)))
    }
}

/// Trade flows (current US$ millions): dyadic flows and each state's totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trade {
    /// The dyadic and the national file.
    pub inputs: Vec<InputFile>,
    /// (a, b, year) with a < b → (imports of a from b, imports of b from a).
    dyadic: FxHashMap<(u16, u16, i32), (f64, f64)>,
    /// (state, year) → (imports, exports).
    national: FxHashMap<(u16, i32), (f64, f64)>,
    /// The last year with a dyadic flow.
    pub last_year: i32,
}

impl Trade {
    /// Total trade (imports + exports) between `a` and `b` in `year`; `None`
    /// when the source has no figure.
    pub fn between(&self, a: u16, b: u16, year: i32) -> Option<f64> {
        let key = if a < b { (a, b, year) } else { (b, a, year) };
        self.dyadic.get(&key).map(|(x, y)| x + y)
    }

    /// A state's total trade (imports + exports) in `year`.
    pub fn total(&self, ccode: u16, year: i32) -> Option<f64> {
        self.national.get(&(ccode, year)).map(|(i, e)| i + e)
    }
}

/// One SIPRI register row: deliveries from a supplier to a recipient in a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Transfer {
    /// COW code of the supplier.
    pub supplier: u16,
    /// COW code of the recipient.
    pub recipient: u16,
    /// Year of delivery.
    pub year: i32,
    /// Trend-indicator value (TIV), millions.
    pub tiv: f64,
    /// 1-based line in the decompressed file, for provenance.
    pub line: u64,
}

/// Arms transfers (SIPRI TIV), grouped by recipient.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArmsTransfers {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    by_recipient: FxHashMap<u16, Vec<Transfer>>,
    /// The first year of the register.
    pub first_year: i32,
    /// The last year of the register.
    pub last_year: i32,
}

impl ArmsTransfers {
    /// Every transfer to `recipient`, in file order.
    pub fn to(&self, recipient: u16) -> &[Transfer] {
        self.by_recipient.get(&recipient).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// US troops stationed abroad by country and year (troopdata, legacy series).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsTroops {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    by_state_year: FxHashMap<(u16, i32), f64>,
    /// The first year of the series.
    pub first_year: i32,
    /// The last year of the series.
    pub last_year: i32,
}

impl UsTroops {
    /// US troops in `ccode` in `year`, if recorded.
    pub fn get(&self, ccode: u16, year: i32) -> Option<f64> {
        self.by_state_year.get(&(ccode, year)).copied()
    }

    /// Whether `year` lies within the series.
    pub fn covers(&self, year: i32) -> bool {
        (self.first_year..=self.last_year).contains(&year)
    }
}

/// Published UN ideal points (Bailey, Strezhnev & Voeten) by state and year,
/// the final-passage estimates (`idealpointfp`: the only ones the July 2025
/// release has for 2024): a reference that reaches past the vote record we parse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishedIdeal {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    by_state_year: FxHashMap<(u16, i32), (f64, u32)>,
    /// The last year with an estimate.
    pub last_year: i32,
}

impl PublishedIdeal {
    /// (θ, number of votes) of `ccode` in `year`.
    pub fn get(&self, ccode: u16, year: i32) -> Option<(f64, u32)> {
        self.by_state_year.get(&(ccode, year)).copied()
    }
}

/// Published agreement of each state's UN votes with Russia and with the
/// United States (Bailey, Strezhnev & Voeten, `RUSSAgree` and `USAgree`) by
/// session year (session + 1945): a measurement of alignment that reaches
/// past the vote record we parse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishedAgreement {
    /// The file read; `None` for a value built in memory.
    pub input: Option<InputFile>,
    /// (state, year) → (agreement with Russia, with the United States).
    by_state_year: FxHashMap<(u16, i32), (Option<f64>, Option<f64>)>,
    /// The last session year with a figure.
    pub last_year: i32,
}

impl PublishedAgreement {
    /// The COW codes the file has agreement columns for.
    pub const WITH: [u16; 2] = [365, 2];

    /// The agreement of `ccode` with `with` (365 Russia, 2 the United
    /// States) in `year`; `None` for another state or no figure.
    pub fn get(&self, ccode: u16, with: u16, year: i32) -> Option<f64> {
        let (rus, usa) = self.by_state_year.get(&(ccode, year))?;
        match with {
            365 => *rus,
            2 => *usa,
            _ => None,
        }
    }
}

/// Everything structural found in a data directory. A missing file leaves
/// its part `None`; a broken file is an error naming it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structural {
    /// COW population ([`POPULATION`]).
    pub population: Option<Population>,
    /// ATOP alliances ([`ALLIANCES`]).
    pub alliances: Option<Alliances>,
    /// COW trade, when both trade files are there.
    pub trade: Option<Trade>,
    /// SIPRI arms transfers ([`ARMS`]).
    pub arms: Option<ArmsTransfers>,
    /// US troops abroad ([`US_TROOPS`]).
    pub us_troops: Option<UsTroops>,
    /// Published ideal points ([`PUBLISHED_IDEAL`]).
    pub published_ideal: Option<PublishedIdeal>,
    /// Published agreement with Russia and the United States ([`PUBLISHED_AGREEMENT`]).
    pub published_agreement: Option<PublishedAgreement>,
    /// Rows refused across the files, with the reason.
    pub diagnostics: Diagnostics,
}

impl Structural {
    /// The files read, in a fixed order.
    pub fn inputs(&self) -> Vec<InputFile> {
        let mut out = Vec::new();
        out.extend(self.population.as_ref().and_then(|p| p.input.clone()));
        out.extend(self.alliances.as_ref().and_then(|p| p.input.clone()));
        out.extend(self.trade.iter().flat_map(|t| t.inputs.clone()));
        out.extend(self.arms.as_ref().and_then(|p| p.input.clone()));
        out.extend(self.us_troops.as_ref().and_then(|p| p.input.clone()));
        out.extend(self.published_ideal.as_ref().and_then(|p| p.input.clone()));
        out.extend(self.published_agreement.as_ref().and_then(|p| p.input.clone()));
        out
    }
}

/// `stem.csv.gz`, else `stem.csv`, in `dir`.
pub fn find(dir: &Path, stem: &str) -> Option<PathBuf> {
    [format!("{stem}.csv.gz"), format!("{stem}.csv")].into_iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The files of the structural datasets found in a folder, each `None` when absent (trade needs
/// both of its files).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Files {
    pub(crate) population: Option<PathBuf>,
    pub(crate) alliances: Option<PathBuf>,
    pub(crate) trade: Option<(PathBuf, PathBuf)>,
    pub(crate) arms: Option<PathBuf>,
    pub(crate) us_troops: Option<PathBuf>,
    pub(crate) published_ideal: Option<PathBuf>,
    pub(crate) published_agreement: Option<PathBuf>,
}

impl Files {
    pub(crate) fn find(dir: &Path) -> Files {
        let trade = match (find(dir, TRADE_DYADIC), find(dir, TRADE_NATIONAL)) {
            (Some(d), Some(n)) => Some((d, n)),
            _ => None,
        };
        Files {
            population: find(dir, POPULATION),
            alliances: find(dir, ALLIANCES),
            trade,
            arms: find(dir, ARMS),
            us_troops: find(dir, US_TROOPS),
            published_ideal: find(dir, PUBLISHED_IDEAL),
            published_agreement: find(dir, PUBLISHED_AGREEMENT),
        }
    }
}

/// Loads whichever structural datasets `dir` holds, the files in parallel
/// (they are independent, and parsing dominates a profile's run time).
pub fn load_dir(dir: &Path) -> Result<Structural, LoadError> {
    load_files(&Files::find(dir))
}

pub(crate) fn load_files(files: &Files) -> Result<Structural, LoadError> {
    type Loaded<T> = Option<Result<(T, Diagnostics), LoadError>>;
    fn one<T>(path: &Option<PathBuf>, load: fn(&Path, &mut Diagnostics) -> Result<T, LoadError>) -> Loaded<T> {
        path.as_deref().map(|p| {
            let mut d = Diagnostics::default();
            load(p, &mut d).map(|x| (x, d))
        })
    }
    let (population, alliances, trade, arms, us_troops, ideal, agreement) = std::thread::scope(|s| {
        let population = s.spawn(|| one(&files.population, load_population));
        let ideal = s.spawn(|| one(&files.published_ideal, load_published_ideal));
        let agreement = s.spawn(|| one(&files.published_agreement, load_published_agreement));
        let us_troops = s.spawn(|| one(&files.us_troops, load_us_troops));
        let alliances = s.spawn(|| one(&files.alliances, load_alliances));
        let arms = s.spawn(|| one(&files.arms, load_arms));
        let trade = files.trade.as_ref().map(|(d, n)| {
            let mut diags = Diagnostics::default();
            load_trade(d, n, &mut diags).map(|t| (t, diags))
        });
        let joined = "a loader thread panicked";
        (
            population.join().expect(joined),
            alliances.join().expect(joined),
            trade,
            arms.join().expect(joined),
            us_troops.join().expect(joined),
            ideal.join().expect(joined),
            agreement.join().expect(joined),
        )
    });
    let mut out = Structural::default();
    // In a fixed order, so the diagnostics are too.
    fn take<T>(r: Loaded<T>, slot: &mut Option<T>, diags: &mut Diagnostics) -> Result<(), LoadError> {
        if let Some(r) = r {
            let (x, d) = r?;
            *slot = Some(x);
            diags.extend(d);
        }
        Ok(())
    }
    let mut diags = Diagnostics::default();
    take(population, &mut out.population, &mut diags)?;
    take(alliances, &mut out.alliances, &mut diags)?;
    take(trade, &mut out.trade, &mut diags)?;
    take(arms, &mut out.arms, &mut diags)?;
    take(us_troops, &mut out.us_troops, &mut diags)?;
    take(ideal, &mut out.published_ideal, &mut diags)?;
    take(agreement, &mut out.published_agreement, &mut diags)?;
    out.diagnostics = diags;
    Ok(out)
}

/// Reads a CSV's rows, handing each (line, fields) to `take`, which returns
/// `Err(reason)` for a row it refuses (recorded with the offending value).
pub(crate) fn read_rows<const N: usize>(
    path: &Path,
    columns: [&str; N],
    diags: &mut Diagnostics,
    mut take: impl FnMut(u64, [&str; N]) -> Result<(), (String, String)>,
) -> Result<InputFile, LoadError> {
    let mut raw = read_file(path)?;
    let (mut rdr, cols) = csv_reader(&raw)?;
    let idx = cols.require(path, columns)?;
    // Byte records: only the columns asked for are checked as UTF-8.
    let mut rec = csv::ByteRecord::new();
    let (mut rows, mut refused, mut first) = (0u64, 0u64, String::new());
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(LoadError::BadFile { file: path.to_path_buf(), reason: e.to_string() }),
        }
        rows += 1;
        let line = rec.position().map_or(rows + 1, |p| p.line());
        let fields = idx.map(|i| rec.get(i).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("\u{fffd}").trim());
        if let Err((value, reason)) = take(line, fields) {
            refused += 1;
            if first.is_empty() {
                first = format!("line {line}: '{value}': {reason}");
            }
            diags.push(path, line, value, reason);
        }
    }
    if rows > 0 && refused == rows {
        return Err(LoadError::NothingUsable { file: path.to_path_buf(), refused, first });
    }
    raw.input.rows = rows;
    Ok(raw.input)
}

pub(crate) fn ccode(s: &str) -> Result<u16, (String, String)> {
    // COW codes are below 1000: a table answers the registry's question per
    // row without hashing (the trade table has 1.3 million codes to check).
    static KNOWN: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(|| (0..1000u16).map(|c| Registry::global().by_cow(c).is_some()).collect());
    let c: u16 = s.parse().map_err(|_| (s.to_string(), "not a COW state code".to_string()))?;
    if !known.get(usize::from(c)).copied().unwrap_or(false) {
        return Err((s.to_string(), "unknown COW state code".to_string()));
    }
    Ok(c)
}

pub(crate) fn year(s: &str) -> Result<i32, (String, String)> {
    match s.parse::<i32>() {
        Ok(y) if (1800..=2100).contains(&y) => Ok(y),
        _ => Err((s.to_string(), "not a year between 1800 and 2100".to_string())),
    }
}

/// A non-negative amount; `None` for an empty field or a COW missing code (negative).
pub(crate) fn amount(s: &str) -> Result<Option<f64>, (String, String)> {
    if s.is_empty() || s == "NA" {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        Ok(v) if v < 0.0 => Ok(None),
        _ => Err((s.to_string(), "not a number".to_string())),
    }
}

/// Reads COW National Material Capabilities (`ccode`, `year`, `tpop`).
pub fn load_population(path: &Path, diags: &mut Diagnostics) -> Result<Population, LoadError> {
    let mut out = Population { last_year: i32::MIN, ..Default::default() };
    let input = read_rows(path, ["ccode", "year", "tpop"], diags, |_, [c, y, p]| {
        let (c, y) = (ccode(c)?, year(y)?);
        if let Some(p) = amount(p)? {
            out.by_state_year.insert((c, y), p);
            out.last_year = out.last_year.max(y);
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads ATOP dyad-years (`ccode1`, `ccode2`, `year` and the five `atop_*` obligation flags).
pub fn load_alliances(path: &Path, diags: &mut Diagnostics) -> Result<Alliances, LoadError> {
    let mut out = Alliances { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let cols =
        ["ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"];
    let mut seen: FxHashSet<(u16, u16, i32)> = FxHashSet::default();
    let input = read_rows(path, cols, diags, |_, [a, b, y, obligations @ ..]| {
        let (a, b, y) = (ccode(a)?, ccode(b)?, year(y)?);
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let mut mask = 0u8;
        for (bit, o) in obligations.iter().enumerate() {
            match *o {
                "1" => mask |= 1 << bit,
                "0" | "" => {}
                other => return Err((other.to_string(), "an ATOP obligation must be 0 or 1".to_string())),
            }
        }
        if mask != 0 && a != b && seen.insert((a, b, y)) {
            out.allies.entry((a, y)).or_default().push((b, mask));
        }
        Ok(())
    })?;
    for v in out.allies.values_mut() {
        v.sort_unstable();
    }
    out.input = Some(input);
    Ok(out)
}

/// Reads COW Dyadic Trade (`flow1`, `flow2`) and National Trade (`imports`, `exports`).
pub fn load_trade(dyadic: &Path, national: &Path, diags: &mut Diagnostics) -> Result<Trade, LoadError> {
    let mut out = Trade { last_year: i32::MIN, ..Default::default() };
    let d = read_rows(dyadic, ["ccode1", "ccode2", "year", "flow1", "flow2"], diags, |_, [a, b, y, f1, f2]| {
        let (a, b, y) = (ccode(a)?, ccode(b)?, year(y)?);
        // flow1: imports of ccode1 from ccode2; flow2: imports of ccode2 from ccode1.
        if let (Some(f1), Some(f2)) = (amount(f1)?, amount(f2)?) {
            let (key, flows) = if a < b { ((a, b, y), (f1, f2)) } else { ((b, a, y), (f2, f1)) };
            out.dyadic.insert(key, flows);
            out.last_year = out.last_year.max(y);
        }
        Ok(())
    })?;
    let n = read_rows(national, ["ccode", "year", "imports", "exports"], diags, |_, [c, y, i, e]| {
        let (c, y) = (ccode(c)?, year(y)?);
        if let (Some(i), Some(e)) = (amount(i)?, amount(e)?) {
            out.national.insert((c, y), (i, e));
        }
        Ok(())
    })?;
    out.inputs = vec![d, n];
    Ok(out)
}

/// Reads the SIPRI register (`supplier_cown`, `recipient_cown`, `year`, `value`); rows of non-state parties are skipped, not refused.
pub fn load_arms(path: &Path, diags: &mut Diagnostics) -> Result<ArmsTransfers, LoadError> {
    let mut out = ArmsTransfers { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let cols = ["supplier_cown", "recipient_cown", "year", "value"];
    let input = read_rows(path, cols, diags, |line, [s, r, y, v]| {
        let y = year(y)?;
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        // Non-state suppliers and recipients (rebel groups, "unknown", the UN)
        // have no COW code: they stay out of the shares, and are not errors.
        if s.is_empty() || r.is_empty() {
            return Ok(());
        }
        let (s, r) = (ccode(s)?, ccode(r)?);
        let tiv = amount(v)?.ok_or_else(|| (v.to_string(), "a transfer needs a value".to_string()))?;
        out.by_recipient.entry(r).or_default().push(Transfer { supplier: s, recipient: r, year: y, tiv, line });
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads troopdata's legacy series (`ccode`, `year`, `troops`).
pub fn load_us_troops(path: &Path, diags: &mut Diagnostics) -> Result<UsTroops, LoadError> {
    let mut out = UsTroops { first_year: i32::MAX, last_year: i32::MIN, ..Default::default() };
    let input = read_rows(path, ["ccode", "year", "troops"], diags, |_, [c, y, t]| {
        let y = year(y)?;
        out.first_year = out.first_year.min(y);
        out.last_year = out.last_year.max(y);
        let c = ccode(c)?;
        if let Some(t) = amount(t)? {
            out.by_state_year.insert((c, y), t);
        }
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads the published ideal points (`ccode`, `year`, `idealpointfp`, `nvotesfp`).
pub fn load_published_ideal(path: &Path, diags: &mut Diagnostics) -> Result<PublishedIdeal, LoadError> {
    let mut out = PublishedIdeal { last_year: i32::MIN, ..Default::default() };
    let input = read_rows(path, ["ccode", "year", "idealpointfp", "nvotesfp"], diags, |_, [c, y, t, n]| {
        let (c, y) = (ccode(c)?, year(y)?);
        if t.is_empty() || t == "NA" {
            return Ok(());
        }
        let theta: f64 = t
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| (t.to_string(), "not a number".to_string()))?;
        let votes = n.parse::<f64>().map_or(0, |v| v.max(0.0) as u32);
        out.by_state_year.insert((c, y), (theta, votes));
        out.last_year = out.last_year.max(y);
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

/// Reads the session file of published agreement with Russia and the United States; a share
/// outside 0–1 is a diagnostic, an empty cell no figure.
pub fn load_published_agreement(path: &Path, diags: &mut Diagnostics) -> Result<PublishedAgreement, LoadError> {
    let mut out = PublishedAgreement { last_year: i32::MIN, ..Default::default() };
    let share = |v: &str| -> Result<Option<f64>, (String, String)> {
        if v.is_empty() || v == "NA" {
            return Ok(None);
        }
        v.parse::<f64>()
            .ok()
            .filter(|x| (0.0..=1.0).contains(x))
            .map(Some)
            .ok_or_else(|| (v.to_string(), "not a share between 0 and 1".to_string()))
    };
    let input = read_rows(path, ["ccode", "session", "RUSSAgree", "USAgree"], diags, |_, [c, s, r, u]| {
        let c = ccode(c)?;
        let session: i32 =
            s.parse().ok().filter(|s| *s >= 1).ok_or_else(|| (s.to_string(), "not a session".to_string()))?;
        let y = session + 1945;
        out.by_state_year.insert((c, y), (share(r)?, share(u)?));
        out.last_year = out.last_year.max(y);
        Ok(())
    })?;
    out.input = Some(input);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::File::create(&p).unwrap().write_all(text.as_bytes()).unwrap();
        p
    }

    #[test]
    fn published_agreement_by_session_year_and_bad_rows_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = file(
            dir.path(),
            "agree.csv",
            "ccode,session,NVotesAll,USAgree,RUSSAgree\n371,78,82,0.2469136,0.5555556\n371,77,83,,0.626506\n371,76,76,0.2,1.7\n",
        );
        let mut d = Diagnostics::default();
        let a = load_published_agreement(&p, &mut d).unwrap();
        assert_eq!(a.get(371, 365, 2023), Some(0.5555556));
        assert_eq!(a.get(371, 2, 2023), Some(0.2469136));
        assert_eq!(a.get(371, 2, 2022), None, "an empty cell is no figure");
        assert_eq!(a.get(371, 710, 2023), None, "no column for China");
        assert_eq!(a.last_year, 2023);
        assert_eq!((d.len(), d.items[0].line, d.items[0].value.as_str()), (1, 4, "1.7"));
    }

    #[test]
    fn alliances_are_symmetric_sets_and_bad_rows_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let p = file(
            dir.path(),
            "a.csv",
            "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n\
             371,365,2000,1,0,0,0,0\n371,640,2000,0,0,0,0,0\n371,999,2000,1,0,0,0,0\n371,370,2000,0,0,0,0,7\n",
        );
        let mut d = Diagnostics::default();
        let a = load_alliances(&p, &mut d).unwrap();
        assert_eq!(a.allies(371, 2000, obligation::MILITARY), vec![365]);
        assert_eq!(a.allies(371, 2000, obligation::CONSULTATION), Vec::<u16>::new());
        assert_eq!(a.allies(371, 2001, 0xff), Vec::<u16>::new());
        assert_eq!(d.len(), 2);
        assert_eq!(d.items[0].line, 4);
        assert_eq!(d.items[0].value, "999");
        assert_eq!(d.items[1].value, "7");
    }

    #[test]
    fn trade_orders_flows_by_dyad_and_treats_negative_as_missing() {
        let dir = tempfile::tempdir().unwrap();
        let d = file(dir.path(), "d.csv", "ccode1,ccode2,year,flow1,flow2\n371,365,2010,10,5\n371,2,2010,-9,3\n");
        let n = file(dir.path(), "n.csv", "ccode,year,imports,exports\n371,2010,100,50\n");
        let mut diags = Diagnostics::default();
        let t = load_trade(&d, &n, &mut diags).unwrap();
        assert_eq!(t.between(365, 371, 2010), Some(15.0));
        assert_eq!(t.between(371, 2, 2010), None);
        assert_eq!(t.total(371, 2010), Some(150.0));
        assert!(diags.is_empty());
    }

    #[test]
    fn arms_skip_non_state_parties_and_refuse_files_with_nothing_usable() {
        let dir = tempfile::tempdir().unwrap();
        let p = file(
            dir.path(),
            "s.csv",
            "supplier,recipient,year,value,supplier_cown,recipient_cown\nRussia,Armenia,2016,110,365,371\nX,Armenia,2016,3,,371\n",
        );
        let mut d = Diagnostics::default();
        let a = load_arms(&p, &mut d).unwrap();
        assert_eq!(a.to(371).len(), 1);
        assert_eq!(a.to(371)[0].line, 2);
        let bad = file(dir.path(), "b.csv", "ccode,year,tpop\n371,year2000,3\n");
        let err = load_population(&bad, &mut Diagnostics::default()).unwrap_err().to_string();
        assert!(err.contains("b.csv") && err.contains("year2000"), "{err}");
    }
}

//! The datasets a panel's column groups read, loaded once (in parallel)
//! and indexed by dyad-year for the joins.

use std::path::{Path, PathBuf};

use hegemony_data::panel_sources::{
    COW_ALLIANCES, CowAlliances, DYADIC_TRADE, DyadicTrade, IGO_DYADS, IgoCounts, load_cow_alliances,
    load_dyadic_trade, load_igo_dyads,
};
use hegemony_data::relations::{self, Capabilities, Powers, load_capabilities, load_majors};
use hegemony_data::structural::{self, Alliances, PublishedIdeal};
use hegemony_data::{Diagnostics, InputFile, LoadError};
use hegemony_measures::Weights;
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind, dyad_tables};
use rustc_hash::FxHashMap;

use super::hierarchy::Hierarchy;
use super::{Group, key};
use crate::{Engine, EngineError, VoteSource};

/// A dispute dyad-year as the panel shows it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Dispute {
    pub(super) number: u32,
    pub(super) onset: bool,
    pub(super) hostility: Option<u8>,
    pub(super) fatality: Option<u8>,
}

/// The rivalries of a dyad-year: Thompson–Dreyer, TSS, TSS principal.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RivalryYear {
    pub(super) td: bool,
    pub(super) tss: bool,
    pub(super) principal: bool,
}

/// UN vote agreement of a dyad-year.
#[derive(Clone, Copy, Debug)]
pub(super) struct Votes {
    pub(super) n: u32,
    pub(super) agree: Option<f64>,
    pub(super) kappa: Option<f64>,
}

/// Values by dyad-year: (ccode, ccode, year); directed or ordered as each
/// source says.
pub(super) type ByDyadYear<T> = FxHashMap<(u16, u16, i32), T>;

/// Everything a panel reads; a part is `None` when no group asked for it.
#[derive(Default)]
pub struct Sources {
    /// ATOP obligation bits by directed dyad-year, and the years covered.
    pub(super) atop: Option<(ByDyadYear<u8>, (i32, i32))>,
    pub(super) cow_alliance: Option<CowAlliances>,
    /// Disputes by unordered dyad-year, and the years the file covers.
    pub(super) disputes: Option<(ByDyadYear<Dispute>, (i32, i32))>,
    /// Rivalries by unordered dyad-year, and each dataset's last year (TD, TSS).
    pub(super) rivalries: Option<(ByDyadYear<RivalryYear>, i32, i32)>,
    /// The closest contact (1-5) by unordered dyad-year, and the last year covered.
    pub(super) contiguity: Option<(ByDyadYear<u8>, i32)>,
    pub(super) capabilities: Option<Capabilities>,
    pub(super) majors: Option<Powers>,
    pub(super) trade: Option<DyadicTrade>,
    pub(super) igo: Option<IgoCounts>,
    /// Vote agreement by unordered dyad-year.
    pub(super) votes: Option<ByDyadYear<Votes>>,
    pub(super) ideal: Option<PublishedIdeal>,
    pub(super) hierarchy: Option<Hierarchy>,
    inputs: Vec<InputFile>,
    /// The rows the loaders refused, with file, line, value and reason.
    pub diagnostics: Diagnostics,
}

/// The file of `stem` in `dir`, or the error naming it and what needs it.
fn file(dir: &Path, stem: &str, group: &str) -> Result<PathBuf, EngineError> {
    structural::find(dir, stem).ok_or_else(|| EngineError::MissingDataset {
        dir: dir.to_path_buf(),
        what: format!("the panel's column group '{group}'"),
        files: format!("{stem}.csv.gz (or .csv)"),
        how: "these are peacesciencer's exports (see ../shared/data/README.md); put the file in the data folder \
              (--data-dir or HEGEMONY_DATA), or leave the group out. The data compiled into the program is not used: \
              it holds only the rows of the profiled relations, and a panel of all dyads from it would be wrong"
            .into(),
    })
}

/// A loader thread's result (a panic in a loader is a bug: it propagates).
fn joined<T>(r: std::thread::Result<T>) -> T {
    r.unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// One loader's result, with its refused rows.
type Loaded<T> = Result<(T, Diagnostics), LoadError>;

fn load<T>(path: &Path, f: fn(&Path, &mut Diagnostics) -> Result<T, LoadError>) -> Loaded<T> {
    let mut d = Diagnostics::default();
    f(path, &mut d).map(|v| (v, d))
}

impl Sources {
    /// Loads what `groups` need from `engine`'s data folder, the files in parallel.
    pub(super) fn load(engine: &Engine, groups: &[&Group], years: (i32, i32)) -> Result<Sources, EngineError> {
        let dir = engine.data_dir();
        let wants = |name: &str| groups.iter().any(|g| g.name == name);
        let path = |stem: &str, group: &str| -> Result<Option<PathBuf>, EngineError> {
            if wants(group) { file(dir, stem, group).map(Some) } else { Ok(None) }
        };
        let atop = path(structural::ALLIANCES, "atop")?;
        let cow = path(COW_ALLIANCES, "cow_alliance")?;
        let mids = path(relations::DISPUTES, "mids")?;
        let td = path(relations::TD_RIVALRIES, "rivalries")?;
        let tss = path(relations::TSS_RIVALRIES, "rivalries")?;
        let cont = path(relations::CONTIGUITY, "contiguity")?;
        let nmc = path(relations::CAPABILITIES, "cinc")?;
        let majors = path(relations::MAJORS, "majors")?;
        let trade = path(DYADIC_TRADE, "trade")?;
        let igo = path(IGO_DYADS, "igo")?;
        let ideal = path(structural::PUBLISHED_IDEAL, "idealpoints")?;

        let mut s = Sources::default();
        std::thread::scope(|scope| -> Result<(), EngineError> {
            let atop = scope.spawn(|| atop.as_deref().map(|p| load(p, structural::load_alliances)).transpose());
            let cow = scope.spawn(|| cow.as_deref().map(|p| load(p, load_cow_alliances)).transpose());
            let nmc = scope.spawn(|| nmc.as_deref().map(|p| load(p, load_capabilities)).transpose());
            let trade = scope.spawn(|| trade.as_deref().map(|p| load(p, load_dyadic_trade)).transpose());
            let igo = scope.spawn(|| igo.as_deref().map(|p| load(p, load_igo_dyads)).transpose());
            let small = scope.spawn(|| -> Result<_, LoadError> {
                Ok((
                    mids.as_deref().map(|p| load(p, relations::load_disputes)).transpose()?,
                    td.as_deref().map(|p| load(p, relations::load_td_rivalries)).transpose()?,
                    tss.as_deref().map(|p| load(p, relations::load_tss_rivalries)).transpose()?,
                    cont.as_deref().map(|p| load(p, relations::load_contiguity)).transpose()?,
                    majors.as_deref().map(|p| load(p, load_majors)).transpose()?,
                    ideal.as_deref().map(|p| load(p, structural::load_published_ideal)).transpose()?,
                ))
            });
            s.atop = s.take(joined(atop.join())?, |a: &Alliances| a.input.clone()).map(|a| index_atop(&a, years));
            s.cow_alliance = s.take(joined(cow.join())?, |a: &CowAlliances| a.input.clone());
            s.capabilities = s.take(joined(nmc.join())?, |c: &Capabilities| c.input.clone());
            s.trade = s.take(joined(trade.join())?, |t: &DyadicTrade| t.input.clone());
            s.igo = s.take(joined(igo.join())?, |i: &IgoCounts| i.input.clone());
            let (mids, td, tss, cont, majors, ideal) = joined(small.join())?;
            s.disputes = s.take(mids, |d: &relations::Disputes| d.input.clone()).map(|d| index_disputes(&d, years));
            let td = s.take(td, |r: &relations::Rivalries| r.input.clone());
            let tss = s.take(tss, |r: &relations::Rivalries| r.input.clone());
            if let (Some(td), Some(tss)) = (td, tss) {
                s.rivalries = Some(index_rivalries(&td, &tss, years));
            }
            s.contiguity =
                s.take(cont, |c: &relations::Contiguity| c.input.clone()).map(|c| index_contiguity(&c, years));
            s.majors = s.take(majors, |p: &Powers| p.input.clone());
            s.ideal = s.take(ideal, |p: &PublishedIdeal| p.input.clone());
            Ok(())
        })?;
        if wants("unvotes") {
            s.votes = Some(vote_agreement(engine, years, &mut s.inputs)?);
        }
        if wants("hierarchy") {
            s.hierarchy = Some(Hierarchy::compute(engine, years)?);
        }
        Ok(s)
    }

    /// Keeps a loaded dataset's input and refused rows, and the dataset.
    fn take<T>(&mut self, loaded: Option<(T, Diagnostics)>, input: fn(&T) -> Option<InputFile>) -> Option<T> {
        let (v, d) = loaded?;
        self.inputs.extend(input(&v));
        self.diagnostics.items.extend(d.items);
        Some(v)
    }

    /// The files read, with their SHA-256 and rows.
    pub fn inputs(&self) -> Vec<InputFile> {
        self.inputs.clone()
    }
}

fn index_atop(a: &Alliances, years: (i32, i32)) -> (ByDyadYear<u8>, (i32, i32)) {
    let m = a
        .dyads()
        .filter(|d| (years.0..=years.1).contains(&d.1))
        .map(|(s, y, ally, bits)| ((s, ally, y), bits))
        .collect();
    (m, (a.first_year, a.last_year))
}

fn index_disputes(d: &relations::Disputes, years: (i32, i32)) -> (ByDyadYear<Dispute>, (i32, i32)) {
    let mut m = FxHashMap::default();
    for y in years.0.max(d.first_year)..=years.1.min(d.last_year) {
        for x in d.in_year(y) {
            let v = Dispute { number: x.dispute, onset: x.onset, hostility: x.hostility, fatality: x.fatality };
            m.insert(key(x.a, x.b, y), v);
        }
    }
    (m, (d.first_year, d.last_year))
}

fn index_rivalries(
    td: &relations::Rivalries,
    tss: &relations::Rivalries,
    years: (i32, i32),
) -> (ByDyadYear<RivalryYear>, i32, i32) {
    let mut m: ByDyadYear<RivalryYear> = FxHashMap::default();
    for (is_tss, set) in [(false, td), (true, tss)] {
        for r in &set.items {
            for y in r.start.max(years.0)..=r.end.min(years.1) {
                let e = m.entry(key(r.a, r.b, y)).or_default();
                if is_tss {
                    e.tss = true;
                    e.principal |= r.principal;
                } else {
                    e.td = true;
                }
            }
        }
    }
    (m, td.last_year, tss.last_year)
}

/// The closest contact of each dyad-year: the smallest contiguity type from
/// 1 to 5 among the spells touching the year. Spells of type 0 ("not
/// contiguous", added by peacesciencer) never hide a contact of the same
/// year.
fn index_contiguity(c: &relations::Contiguity, years: (i32, i32)) -> (ByDyadYear<u8>, i32) {
    let mut m: ByDyadYear<u8> = FxHashMap::default();
    for s in c.spells.iter().filter(|s| s.kind >= 1) {
        for y in s.from.0.max(years.0)..=s.to.0.min(years.1) {
            let e = m.entry(key(s.a, s.b, y)).or_insert(s.kind);
            *e = (*e).min(s.kind);
        }
    }
    (m, c.last_year)
}

/// Agreement of every dyad with joint votes, by session year, from the data
/// folder's vote record.
fn vote_agreement(
    engine: &Engine,
    years: (i32, i32),
    inputs: &mut Vec<InputFile>,
) -> Result<ByDyadYear<Votes>, EngineError> {
    let votes = engine.load_votes(VoteSource::Auto)?;
    inputs.extend(votes.inputs.iter().cloned());
    let options = AgreementOptions { period: PeriodKind::Year, range: Some(years), ..Default::default() };
    let rows =
        dyad_tables(&votes.record, &options, &DyadSelection::All).map_err(|e| EngineError::Request(e.to_string()))?;
    Ok(rows
        .iter()
        .map(|r| {
            let v = Votes { n: r.table.n() as u32, agree: r.table.agree(), kappa: r.table.kappa(Weights::Quadratic) };
            (key(r.first, r.second, r.period), v)
        })
        .collect())
}

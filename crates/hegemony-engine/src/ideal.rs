//! Ideal points as a result table.

use hegemony_core::Registry;
use hegemony_data::LoadedVotes;
use hegemony_measures::PeriodKind;
use hegemony_measures::ideal::{
    DynamicFit, DynamicOptions, IdealFit, IdealOptions, IdealPoint, fit_dynamic, fit_static,
};

use crate::EngineError;
use crate::table::{ColumnData, Table};

/// Fits static ideal points per period.
pub fn fit(votes: &LoadedVotes, options: &IdealOptions) -> Result<IdealFit, EngineError> {
    fit_static(&votes.record, options).map_err(|e| EngineError::Request(e.to_string()))
}

/// Fits one dynamic model (random walk, bridged items) to the whole record or `options.range`.
pub fn fit_dynamic_model(votes: &LoadedVotes, options: &DynamicOptions) -> Result<DynamicFit, EngineError> {
    fit_dynamic(&votes.record, options).map_err(|e| EngineError::Request(e.to_string()))
}

/// One row per state and period: the period, the state (ISO3, COW), `theta`, `lo`, `hi`, `n`.
pub fn to_table(points: &[IdealPoint], period: PeriodKind, votes: &LoadedVotes) -> Table {
    let registry = Registry::global();
    let p = points;
    let label = period.column_name();
    let mut t = Table::default();
    t.push(label, ColumnData::Int(p.iter().map(|x| Some(i64::from(x.period))).collect()));
    t.push(
        "iso3",
        ColumnData::category(p.iter().map(|x| x.state), |c| registry.by_cow(c).map(|s| s.code().to_string())),
    );
    t.push("ccode", ColumnData::Int(p.iter().map(|x| Some(i64::from(x.state))).collect()));
    t.push("theta", ColumnData::Float(p.iter().map(|x| Some(x.theta)).collect()));
    t.push("lo", ColumnData::Float(p.iter().map(|x| x.lo).collect()));
    t.push("hi", ColumnData::Float(p.iter().map(|x| x.hi).collect()));
    t.push("n", ColumnData::Int(p.iter().map(|x| Some(i64::from(x.n_votes))).collect()));
    t.set_inputs(&votes.inputs);
    t
}

/// The dynamic model by session year with the default options, fitted to the
/// whole record (what `convergence --on ideal` uses); a server fits it once.
pub fn fit_dynamic_by_year(votes: &LoadedVotes) -> Result<DynamicFit, EngineError> {
    let options = DynamicOptions { period: PeriodKind::Year, ..DynamicOptions::default() };
    fit_dynamic_model(votes, &options)
}

/// One year of a dyad on the dynamic scale: both positions and their distance.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DyadIdeal {
    /// The year.
    pub year: i32,
    /// The subordinate's position.
    pub subordinate: IdealPosition,
    /// The dominant state's position.
    pub dominant: IdealPosition,
    /// |θ_sub − θ_dom|.
    pub distance: f64,
}

/// A position on the ideal-point scale, with its interval when bootstrapped.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct IdealPosition {
    /// The ideal point.
    pub theta: f64,
    /// Lower end of its interval.
    pub lo: Option<f64>,
    /// Upper end of its interval.
    pub hi: Option<f64>,
    /// Counted votes that year (0: carried by the random walk).
    pub n: u32,
}

/// The years in which both states have a position, in order.
pub fn dyad_series(fit: &DynamicFit, dominant: u16, subordinate: u16, years: Option<(i32, i32)>) -> Vec<DyadIdeal> {
    let pos = |p: &IdealPoint| IdealPosition { theta: p.theta, lo: p.lo, hi: p.hi, n: p.n_votes };
    let mut out: Vec<DyadIdeal> = fit
        .points
        .iter()
        .filter(|d| d.state == dominant && years.is_none_or(|(a, b)| (a..=b).contains(&d.period)))
        .filter_map(|d| {
            let s = fit.points.iter().find(|s| s.state == subordinate && s.period == d.period)?;
            Some(DyadIdeal {
                year: d.period,
                subordinate: pos(s),
                dominant: pos(d),
                distance: (s.theta - d.theta).abs(),
            })
        })
        .collect();
    out.sort_by_key(|d| d.year);
    out
}

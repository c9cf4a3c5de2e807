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

//! Ideal points as a result table.

use hegemony_core::Registry;
use hegemony_data::LoadedVotes;
use hegemony_measures::PeriodKind;
use hegemony_measures::ideal::{IdealFit, IdealOptions, fit_static};

use crate::EngineError;
use crate::table::{ColumnData, Table};

/// Fits static ideal points per period.
pub fn fit(votes: &LoadedVotes, options: &IdealOptions) -> Result<IdealFit, EngineError> {
    fit_static(&votes.record, options).map_err(|e| EngineError::Request(e.to_string()))
}

/// One row per state and period: the period, the state (ISO3, COW), `theta`, `lo`, `hi`, `n`.
pub fn to_table(fit: &IdealFit, period: PeriodKind, votes: &LoadedVotes) -> Table {
    let registry = Registry::global();
    let p = &fit.points;
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

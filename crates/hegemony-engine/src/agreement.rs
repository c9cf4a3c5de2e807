//! Agreement scores between states in UN voting, as a result table.

use hegemony_core::Registry;
use hegemony_data::{InputFile, LoadedVotes};
use hegemony_measures::agreement::{self, AgreementOptions, DyadPeriod, DyadSelection, PeriodKind};
use hegemony_measures::{JointTable, Weights};

use crate::EngineError;
use crate::table::{ColumnData, Table};

#[derive(Clone, Debug)]
pub struct AgreementRequest {
    pub dyads: DyadSelection,
    pub options: AgreementOptions,
    /// Weights of kappa and pi.
    pub weights: Weights,
    /// Add the nine cells of each joint table as columns.
    pub explain: bool,
}

/// The joint tables of every dyad-period, and the inputs they came from.
pub struct AgreementResult {
    pub request: AgreementRequest,
    pub rows: Vec<DyadPeriod>,
    pub inputs: Vec<InputFile>,
}

/// Computes the joint tables; scores are derived when the table is built.
pub fn compute(votes: &LoadedVotes, request: AgreementRequest) -> Result<AgreementResult, EngineError> {
    let rows = agreement::dyad_tables(&votes.record, &request.options, &request.dyads)
        .map_err(|e| EngineError::Request(e.to_string()))?;
    Ok(AgreementResult { request, rows, inputs: votes.inputs.clone() })
}

/// Names of the nine joint-table cells, first state's vote first.
pub const CELL_NAMES: [&str; 9] = ["yy", "ya", "yn", "ay", "aa", "an", "ny", "na", "nn"];

impl AgreementResult {
    /// One row per dyad and period: the period, both states (ISO3 and COW),
    /// N and the scores; with `explain`, the joint-table cells too.
    pub fn to_table(&self) -> Table {
        let registry = Registry::global();
        let iso = |c: u16| registry.by_cow(c).map(|s| s.code().to_string());
        let rows = &self.rows;
        let f =
            |score: fn(&JointTable) -> Option<f64>| ColumnData::Float(rows.iter().map(|r| score(&r.table)).collect());
        let w = self.request.weights;
        let mut t = Table::default();
        let label = match self.request.options.period {
            PeriodKind::Session => "session",
            PeriodKind::Year => "year",
            PeriodKind::CalendarYear => "calendar_year",
        };
        t.push(label, ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.period))).collect()));
        if self.request.options.window > 1 {
            let back = i64::from(self.request.options.window) - 1;
            t.push("window_start", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.period) - back)).collect()));
        }
        t.push("iso3_1", ColumnData::Text(rows.iter().map(|r| iso(r.first)).collect()));
        t.push("ccode1", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.first))).collect()));
        t.push("iso3_2", ColumnData::Text(rows.iter().map(|r| iso(r.second)).collect()));
        t.push("ccode2", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.second))).collect()));
        t.push("roll_calls", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.roll_calls))).collect()));
        t.push("n", ColumnData::Int(rows.iter().map(|r| Some(r.table.n() as i64)).collect()));
        t.push("identical", f(JointTable::identical));
        t.push("agree", f(JointTable::agree));
        t.push("s_abs", f(JointTable::s_abs));
        t.push("s_sq", f(JointTable::s_sq));
        t.push("kappa", ColumnData::Float(rows.iter().map(|r| r.table.kappa(w)).collect()));
        t.push("pi", ColumnData::Float(rows.iter().map(|r| r.table.pi(w)).collect()));
        if self.request.explain {
            for (k, name) in CELL_NAMES.iter().enumerate() {
                let cells = rows.iter().map(|r| Some(i64::from(r.table.counts[k / 3][k % 3]))).collect();
                t.push(name, ColumnData::Int(cells));
            }
        }
        t
    }
}

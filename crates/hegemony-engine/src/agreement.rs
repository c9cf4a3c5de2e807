//! Agreement scores between states in UN voting, as a result table.

use hegemony_core::Registry;
use hegemony_data::{InputFile, LoadedVotes};
use hegemony_measures::agreement::{self, AgreementOptions, DyadPeriod, DyadSelection};
use hegemony_measures::{JointTable, Weights};

use crate::EngineError;
use crate::table::{ColumnData, Table};

/// Which dyads and periods to score, and how.
#[derive(Clone, Debug)]
pub struct AgreementRequest {
    /// The dyads.
    pub dyads: DyadSelection,
    /// Periods, range, issue subsets and the treatment of absences.
    pub options: AgreementOptions,
    /// Weights of kappa and pi.
    pub weights: Weights,
    /// Add the nine cells of each joint table as columns.
    pub explain: bool,
}

/// The joint tables of every dyad-period, and the inputs they came from.
pub struct AgreementResult {
    /// The request answered.
    pub request: AgreementRequest,
    /// One row per dyad and period.
    pub rows: Vec<DyadPeriod>,
    /// The files read, with their SHA-256.
    pub inputs: Vec<InputFile>,
}

/// Computes the joint tables; scores are derived when the table is built.
pub fn compute(votes: &LoadedVotes, request: AgreementRequest) -> Result<AgreementResult, EngineError> {
    let rows = agreement::dyad_tables(&votes.record, &request.options, &request.dyads)
        .map_err(|e| EngineError::Request(e.to_string()))?;
    Ok(AgreementResult { request, rows, inputs: votes.inputs.clone() })
}

/// The score columns of [`AgreementResult::to_table`], in order.
pub const SCORE_NAMES: [&str; 6] = ["identical", "agree", "s_abs", "s_sq", "kappa", "pi"];

/// Every score of one joint table.
fn scores(t: &JointTable, w: Weights) -> [Option<f64>; 6] {
    [t.identical(), t.agree(), t.s_abs(), t.s_sq(), t.kappa(w), t.pi(w)]
}

/// The six score columns of `rows`, computed on all cores (a million rows take
/// a few hundred milliseconds on one).
fn score_columns(rows: &[DyadPeriod], w: Weights) -> [Vec<Option<f64>>; 6] {
    let mut columns: [Vec<Option<f64>>; 6] = std::array::from_fn(|_| vec![None; rows.len()]);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = rows.len().div_ceil(threads).max(1024);
    std::thread::scope(|s| {
        // Hand each thread the same row range of every column.
        let mut rests: Vec<&mut [Option<f64>]> = columns.iter_mut().map(|c| c.as_mut_slice()).collect();
        for part in rows.chunks(chunk) {
            let mut mine = Vec::with_capacity(6);
            for rest in rests.iter_mut() {
                let (head, tail) = std::mem::take(rest).split_at_mut(part.len());
                mine.push(head);
                *rest = tail;
            }
            s.spawn(move || {
                for (i, r) in part.iter().enumerate() {
                    for (column, value) in mine.iter_mut().zip(scores(&r.table, w)) {
                        column[i] = value;
                    }
                }
            });
        }
    });
    columns
}

/// Names of the nine joint-table cells, first state's vote first.
pub const CELL_NAMES: [&str; 9] = ["yy", "ya", "yn", "ay", "aa", "an", "ny", "na", "nn"];

impl AgreementResult {
    /// One row per dyad and period: the period, both states (ISO3 and COW),
    /// N and the scores; with `explain`, the joint-table cells too.
    pub fn to_table(&self) -> Table {
        let registry = Registry::global();
        let rows = &self.rows;
        let iso = |c: u16| registry.by_cow(c).map(|s| s.code().to_string());
        let category = |pick: fn(&DyadPeriod) -> u16| ColumnData::category(rows.iter().map(pick), iso);
        let w = self.request.weights;
        let mut t = Table::default();
        let label = self.request.options.period.column_name();
        t.push(label, ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.period))).collect()));
        if self.request.options.window > 1 {
            let back = i64::from(self.request.options.window) - 1;
            t.push("window_start", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.period) - back)).collect()));
        }
        t.push("iso3_1", category(|r| r.first));
        t.push("ccode1", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.first))).collect()));
        t.push("iso3_2", category(|r| r.second));
        t.push("ccode2", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.second))).collect()));
        t.push("roll_calls", ColumnData::Int(rows.iter().map(|r| Some(i64::from(r.roll_calls))).collect()));
        t.push("n", ColumnData::Int(rows.iter().map(|r| Some(r.table.n() as i64)).collect()));
        for (name, column) in SCORE_NAMES.iter().zip(score_columns(rows, w)) {
            t.push(name, ColumnData::Float(column));
        }
        t.set_inputs(&self.inputs);
        if self.request.explain {
            for (k, name) in CELL_NAMES.iter().enumerate() {
                let cells = rows.iter().map(|r| Some(i64::from(r.table.counts[k / 3][k % 3]))).collect();
                t.push(name, ColumnData::Int(cells));
            }
        }
        t
    }
}

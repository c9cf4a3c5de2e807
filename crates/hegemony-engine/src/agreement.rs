//! Agreement scores between states in UN voting, as a result table.

use hegemony_core::{Registry, RollCall, VoteCode, VoteRecord};
use hegemony_data::{InputFile, LoadedVotes};
use hegemony_measures::agreement::{self, AgreementOptions, DyadPeriod, DyadSelection, PeriodKind};
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
    let mut result = compute_record(&votes.record, request)?;
    result.inputs = votes.inputs.clone();
    Ok(result)
}

/// [`compute`] on a vote record built in memory (no input files).
pub fn compute_record(record: &VoteRecord, request: AgreementRequest) -> Result<AgreementResult, EngineError> {
    let rows = agreement::dyad_tables(record, &request.options, &request.dyads)
        .map_err(|e| EngineError::Request(e.to_string()))?;
    Ok(AgreementResult { request, rows, inputs: vec![] })
}

/// A vote record from rows of (period, roll-call id, COW code, Voeten vote
/// code 1, 2, 3, 8 or 9), the period being the session year (session +
/// 1945) or the session as `period` says: what a table of votes handed over
/// by another system (a Spark partition) holds. Absences count as recorded
/// when any row has code 8. A row that does not fit is an error naming the
/// row (0-based) and the value.
pub fn record_from_rows(rows: &[[i64; 4]], period: PeriodKind) -> Result<VoteRecord, EngineError> {
    let bad = |i: usize, what: &str, v: i64| EngineError::Request(format!("vote row {i}: {what} {v} is not valid"));
    let mut calls: Vec<(u32, u16)> = Vec::new();
    for (i, &[p, rcid, _, _]) in rows.iter().enumerate() {
        let session = match period {
            PeriodKind::Year => p - 1945,
            PeriodKind::Session => p,
            PeriodKind::CalendarYear => {
                return Err(EngineError::Request(
                    "votes by calendar year need the roll calls' dates; use year or session".into(),
                ));
            }
        };
        let session = u16::try_from(session).ok().filter(|&s| s >= 1).ok_or_else(|| bad(i, "period", p))?;
        let rcid = u32::try_from(rcid).map_err(|_| bad(i, "rcid", rcid))?;
        calls.push((rcid, session));
    }
    let mut sorted = calls.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(EngineError::Request(format!(
            "roll call {} is in two sessions ({} and {})",
            w[0].0, w[0].1, w[1].1
        )));
    }
    let mut record = VoteRecord {
        roll_calls: sorted.iter().map(|&(rcid, session)| RollCall { rcid, session, ..Default::default() }).collect(),
        ..Default::default()
    };
    for (i, (&[_, _, ccode, vote], &(rcid, _))) in rows.iter().zip(&calls).enumerate() {
        let state = u16::try_from(ccode).map_err(|_| bad(i, "ccode", ccode))?;
        let code = u8::try_from(vote).ok().and_then(VoteCode::from_voeten).ok_or_else(|| bad(i, "vote", vote))?;
        record.records_absences |= code == VoteCode::Absent;
        let rc = record.roll_call_index(rcid).expect("every roll call was collected") as u32;
        record.push(rc, state, code);
    }
    record.validate().map_err(|e| EngineError::Request(format!("votes: {e}")))?;
    Ok(record)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_from_rows_score_as_worked_by_hand() {
        // Two roll calls in 1992 (session 47): RUS and ARM vote yes/yes and
        // yes/no; BLR is absent on the second (code 8, recorded).
        let rows = [[1992, 10, 365, 1], [1992, 10, 371, 1], [1992, 11, 365, 1], [1992, 11, 371, 3], [1992, 11, 370, 8]];
        let record = record_from_rows(&rows, PeriodKind::Year).unwrap();
        assert_eq!(record.roll_calls.len(), 2);
        assert!(record.records_absences);
        let request = AgreementRequest {
            dyads: DyadSelection::Pairs(vec![(365, 371)]),
            options: AgreementOptions { period: PeriodKind::Year, ..Default::default() },
            weights: Weights::Quadratic,
            explain: false,
        };
        let t = compute_record(&record, request).unwrap().to_table();
        assert_eq!(t.rows(), 1);
        // One identical vote of two: identical = 0.5.
        assert_eq!(t.column("identical").unwrap().cell(0), crate::table::Cell::Float(0.5));
        assert_eq!(t.column("year").unwrap().cell(0), crate::table::Cell::Int(1992));
    }

    #[test]
    fn bad_rows_are_named() {
        let e = record_from_rows(&[[1992, 1, 365, 7]], PeriodKind::Year).unwrap_err().to_string();
        assert_eq!(e, "vote row 0: vote 7 is not valid");
        let e = record_from_rows(&[[1992, 1, 365, 1], [1993, 1, 371, 1]], PeriodKind::Year).unwrap_err().to_string();
        assert!(e.contains("roll call 1 is in two sessions"), "{e}");
        let e = record_from_rows(&[[1992, 1, 365, 1], [1992, 1, 365, 3]], PeriodKind::Year).unwrap_err().to_string();
        assert!(e.contains("votes twice"), "{e}");
    }
}

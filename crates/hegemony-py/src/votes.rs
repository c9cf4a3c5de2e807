//! UN votes: agreement scores, ideal points and convergence.

use hegemony_engine::agreement as scores;
use hegemony_engine::convergence as towards;
use hegemony_engine::ideal as points;
use hegemony_engine::measures::agreement::{AbsencePolicy, AgreementOptions, DyadSelection};
use hegemony_engine::measures::ideal::{DynamicOptions, IdealOptions};
use hegemony_engine::{EngineError, Table, options, select};
use pyo3::prelude::*;

use crate::error::OrPy;
use crate::{Frame, Note, PathArg, load_notes, open};

/// `agreement(...)`: one row per dyad and period (see `hegemony.agreement`).
#[pyfunction]
#[pyo3(signature = (dyads, dominant, with_, all, by, years, window, issues, important, votes, absent, weights, source, explain, data_dir))]
#[allow(clippy::too_many_arguments)]
pub fn agreement(
    py: Python<'_>,
    dyads: Option<String>,
    dominant: Option<String>,
    with_: Option<String>,
    all: bool,
    by: String,
    years: Option<(i32, i32)>,
    window: u16,
    issues: Vec<String>,
    important: bool,
    votes: String,
    absent: String,
    weights: String,
    source: String,
    explain: bool,
    data_dir: PathArg,
) -> PyResult<(Frame, Vec<Note>)> {
    let table = py.detach(|| -> Result<(Table, Vec<Note>), EngineError> {
        let selection = match (all, dyads, dominant, with_) {
            (true, None, None, _) => DyadSelection::All,
            (false, Some(d), None, _) => DyadSelection::Pairs(select::dyads(&d)?),
            (false, None, Some(d), Some(w)) => DyadSelection::Pairs(select::dominant_dyads(&d, &w)?),
            (false, None, Some(_), None) => return Err(EngineError::Request("dominant= needs with_=".into())),
            (false, None, None, _) => {
                return Err(EngineError::Request("give dyads=, dominant= with with_=, or all=True".into()));
            }
            _ => return Err(EngineError::Request("give one of dyads=, dominant= or all=True".into())),
        };
        if window == 0 {
            return Err(EngineError::Request("window: at least 1 period".into()));
        }
        let opts = AgreementOptions {
            period: options::period(&by)?,
            window,
            issues: options::issues(&issues)?,
            important_only: important,
            absences: options::absent(&absent)?,
            subset: options::votes(&votes)?,
            range: years,
        };
        let request =
            scores::AgreementRequest { dyads: selection, options: opts, weights: options::weights(&weights)?, explain };
        let (engine, mut notes) = open(data_dir.as_deref())?;
        let loaded = engine.load_votes(options::source(&source)?)?;
        load_notes(&loaded, &mut notes);
        let result = scores::compute(&loaded, request)?;
        Ok((result.to_table(), notes))
    });
    let (table, notes) = table.py()?;
    Ok((Frame::new(&table)?, notes))
}

/// `ideal(...)`: one row per state and period (see `hegemony.ideal`).
#[pyfunction]
#[pyo3(signature = (model, kind, by, votes, range, bootstrap, seed, anchor, min_votes, bridging, evolution_var, data_dir))]
#[allow(clippy::too_many_arguments)]
pub fn ideal(
    py: Python<'_>,
    model: String,
    kind: String,
    by: String,
    votes: String,
    range: Option<(i32, i32)>,
    bootstrap: u32,
    seed: u64,
    anchor: String,
    min_votes: u32,
    bridging: String,
    evolution_var: f64,
    data_dir: PathArg,
) -> PyResult<(Frame, Vec<Note>)> {
    let out = py.detach(|| -> Result<(Table, Vec<Note>), EngineError> {
        let period = options::period(&by)?;
        let anchors = select::states(&anchor)?.iter().map(|s| select::cow_of(s)).collect::<Result<Vec<_>, _>>()?;
        let (item_model, subset) = (options::ideal_kind(&kind)?, options::votes(&votes)?);
        let dynamic = match model.as_str() {
            "static" => false,
            "dynamic" => true,
            other => return Err(EngineError::Request(format!("model: '{other}' is not one of static, dynamic"))),
        };
        let (engine, mut notes) = open(data_dir.as_deref())?;
        let loaded = engine.load_votes(hegemony_engine::VoteSource::Auto)?;
        load_notes(&loaded, &mut notes);
        let points = if dynamic {
            let options = DynamicOptions {
                model: item_model,
                period,
                subset,
                range,
                bridging: options::bridging(&bridging)?,
                evolution_var,
                anchors,
                bootstrap,
                seed,
                ..DynamicOptions::default()
            };
            let fit = points::fit_dynamic_model(&loaded, &options)?;
            if !fit.converged {
                notes.push(("warning", format!("the dynamic model did not converge after {} sweeps", fit.iterations)));
            }
            fit.points
        } else {
            let options = IdealOptions {
                model: item_model,
                period,
                subset,
                range,
                min_votes,
                anchors,
                bootstrap,
                seed,
                ..IdealOptions::default()
            };
            let fit = points::fit(&loaded, &options)?;
            let unconverged = fit.periods.iter().filter(|p| p.skipped.is_none() && !p.converged).count();
            if unconverged > 0 {
                notes.push(("warning", format!("{unconverged} periods did not converge")));
            }
            fit.points
        };
        Ok((points::to_table(&points, period, &loaded), notes))
    });
    let (table, notes) = out.py()?;
    Ok((Frame::new(&table)?, notes))
}

/// `convergence(...)`: distance to the dominant state per year (see `hegemony.convergence`).
#[pyfunction]
#[pyo3(signature = (dominant, with_, on, years, group, data_dir))]
pub fn convergence(
    py: Python<'_>,
    dominant: String,
    with_: String,
    on: String,
    years: Option<(i32, i32)>,
    group: bool,
    data_dir: PathArg,
) -> PyResult<(Frame, Vec<Note>)> {
    let out = py.detach(|| -> Result<(Table, Vec<Note>), EngineError> {
        let pairs = select::dominant_dyads(&dominant, &with_)?;
        let dom = select::cow_of(select::state(&dominant)?)?;
        let subs: Vec<u16> = pairs.iter().map(|p| p.1).collect();
        let basis = options::convergence_basis(&on)?;
        let (engine, mut notes) = open(data_dir.as_deref())?;
        let loaded = engine.load_votes(hegemony_engine::VoteSource::Auto)?;
        load_notes(&loaded, &mut notes);
        let obs = towards::observations(&loaded, dom, &subs, basis, years)?;
        let t = if group { towards::group_table(&obs) } else { towards::dyads_table(&obs, dom) };
        Ok((t, notes))
    });
    let (table, notes) = out.py()?;
    Ok((Frame::new(&table)?, notes))
}

/// The whole-number column `name` of `b`.
fn int_column(b: &arrow_array::RecordBatch, name: &str) -> PyResult<Vec<Option<i64>>> {
    use arrow_array::cast::AsArray;
    let col = b.column_by_name(name).ok_or_else(|| {
        let have: Vec<String> = b.schema().fields().iter().map(|f| f.name().clone()).collect();
        pyo3::exceptions::PyValueError::new_err(format!("no column '{name}' among {}", have.join(", ")))
    })?;
    let ints = col.as_primitive_opt::<arrow_array::types::Int64Type>().ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err(format!("column '{name}': expected int64, not {}", col.data_type()))
    })?;
    Ok(ints.iter().collect())
}

/// `agreement_votes(votes, period, weights, absent)`: every dyad's scores
/// per period from a table of votes (`period`, `rcid`, `ccode`, `vote`; what
/// `hegemony.spark.agreement` scores in each executor).
#[pyfunction]
#[pyo3(signature = (votes, period, weights, absent))]
pub fn agreement_votes(
    py: Python<'_>,
    votes: &Bound<'_, PyAny>,
    period: String,
    weights: String,
    absent: String,
) -> PyResult<Frame> {
    let mut rows: Vec<[i64; 4]> = Vec::new();
    for b in crate::frame::batches(votes)? {
        let cols =
            [int_column(&b, &period)?, int_column(&b, "rcid")?, int_column(&b, "ccode")?, int_column(&b, "vote")?];
        for i in 0..b.num_rows() {
            let mut row = [0i64; 4];
            for (k, c) in cols.iter().enumerate() {
                row[k] = c[i].ok_or_else(|| {
                    let name = [period.as_str(), "rcid", "ccode", "vote"][k];
                    pyo3::exceptions::PyValueError::new_err(format!("vote row {i}: no value in column {name}"))
                })?;
            }
            rows.push(row);
        }
    }
    let t = py.detach(|| -> Result<Table, EngineError> {
        let kind = options::period(&period)?;
        let absences = options::absent(&absent)?;
        let mut record = scores::record_from_rows(&rows, kind)?;
        // Counting absences is the caller's choice: their votes record them
        // (a period may happen to have no absence).
        record.records_absences |= absences == AbsencePolicy::AsAbstain;
        let request = scores::AgreementRequest {
            dyads: DyadSelection::All,
            options: AgreementOptions { period: kind, absences, ..Default::default() },
            weights: options::weights(&weights)?,
            explain: false,
        };
        Ok(scores::compute_record(&record, request)?.to_table())
    });
    Frame::new(&t.py()?)
}

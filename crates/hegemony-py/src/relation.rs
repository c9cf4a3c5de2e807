//! A relation: the state registry, profiles and comparisons, the knowledge
//! base's facts and timeline.

use hegemony_engine::frames;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{self as profiles, CompareSet, Profile, ProfileReport, Workspace};
use hegemony_engine::{EngineError, Table, relation, select};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::error::OrPy;
use crate::{Frame, Note, PathArg, load_notes, open};

/// `states(query)`: the registry (see `hegemony.states`).
#[pyfunction]
#[pyo3(signature = (query=None))]
pub fn states(query: Option<String>) -> PyResult<Frame> {
    Frame::new(&frames::states::states(query.as_deref()).py()?)
}

/// The workspace of a profile (knowledge base, settings, the data folder's datasets).
fn workspace(data_dir: PathArg, settings: PathArg, weights: PathArg) -> Result<(Workspace, Vec<Note>), EngineError> {
    let (engine, mut notes) = open(data_dir.as_deref())?;
    let ws = Workspace::open(Some(&engine), settings.as_deref(), weights.as_deref())?;
    for input in ws.data.inputs() {
        notes.push(("info", format!("input: {input}")));
    }
    if let Some(first) = ws.data.diagnostics.items.first() {
        notes.push((
            "info",
            format!("{} rows of the structural data were not used; first: {first}", ws.data.diagnostics.len()),
        ));
    }
    if let Some(v) = &ws.votes {
        load_notes(v, &mut notes);
    }
    Ok((ws, notes))
}

/// The tables and facts of one profile, as a dict.
fn profile_dict<'py>(py: Python<'py>, p: &Profile) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let one = std::slice::from_ref(p);
    d.set_item("subordinate", &p.subordinate)?;
    d.set_item("dominant", &p.dominant)?;
    d.set_item("years", p.years)?;
    d.set_item("measures", Frame::new(&frames::profile::measures(one))?)?;
    d.set_item("periods", Frame::new(&frames::profile::periods(one))?)?;
    d.set_item("breaks", Frame::new(&frames::profile::breaks(one))?)?;
    d.set_item("drivers", Frame::new(&frames::profile::drivers(one))?)?;
    d.set_item("source_changes", Frame::new(&frames::profile::source_changes(one))?)?;
    d.set_item("ranks", Frame::new(&frames::profile::ranks(one))?)?;
    d.set_item("warnings", &p.warnings)?;
    d.set_item("comparison_set", &p.comparison_set)?;
    d.set_item("comparison_rule", &p.comparison_rule)?;
    d.set_item("ranked", p.ranked)?;
    let needs: Vec<(String, &str, &str)> = p.needs.iter().map(|n| (n.measure.clone(), n.files, n.how)).collect();
    d.set_item("needs", needs)?;
    Ok(d)
}

/// `profile(...)`: the hierarchy profile of a relation (see `hegemony.profile`).
/// Returns the profile's dict, the baseline's when there is a what-if, the
/// differences, the CLI's JSON report, and the notes.
#[pyfunction]
#[pyo3(signature = (state, dominant, years, settings, weights, without, assume, data_dir))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
pub fn profile<'py>(
    py: Python<'py>,
    state: String,
    dominant: String,
    years: (i32, i32),
    settings: PathArg,
    weights: PathArg,
    without: Vec<String>,
    assume: Vec<std::path::PathBuf>,
    data_dir: PathArg,
) -> PyResult<(Bound<'py, PyDict>, Option<Bound<'py, PyDict>>, Option<Frame>, String, Vec<Note>)> {
    let out = py.detach(|| -> Result<_, EngineError> {
        let sub = select::state(&state)?;
        let dom = select::state(&dominant)?;
        let scenario_kb = profiles::what_if(&without, &assume)?;
        let (ws, notes) = workspace(data_dir, settings, weights)?;
        let base = profiles::profiles(&ws.inputs(None), dom, &[sub], years)?.remove(0);
        let scenario = match &scenario_kb {
            Some(kb) => Some(profiles::profiles(&ws.inputs(Some(kb)), dom, &[sub], years)?.remove(0)),
            None => None,
        };
        let json = serde_json::to_string(&ProfileReport::new(&base, scenario.as_ref()))
            .map_err(|e| EngineError::Request(e.to_string()))?;
        let diffs = scenario.as_ref().map(|s| frames::profile::differences(&profiles::differences(&base, s)));
        Ok((base, scenario, diffs, json, notes))
    });
    let (base, scenario, diffs, json, notes) = out.py()?;
    let diffs = diffs.map(|t| Frame::new(&t)).transpose()?;
    match scenario {
        Some(s) => Ok((profile_dict(py, &s)?, Some(profile_dict(py, &base)?), diffs, json, notes)),
        None => Ok((profile_dict(py, &base)?, None, None, json, notes)),
    }
}

/// `compare(...)`: subordinates side by side in a year, and their measures
/// in that year as a long table (see `hegemony.compare`).
#[pyfunction]
#[pyo3(signature = (dominant, states, year, years, settings, weights, data_dir))]
#[allow(clippy::too_many_arguments)]
pub fn compare(
    py: Python<'_>,
    dominant: String,
    states: Option<String>,
    year: Option<i32>,
    years: (i32, i32),
    settings: PathArg,
    weights: PathArg,
    data_dir: PathArg,
) -> PyResult<(Frame, Frame, Vec<Note>)> {
    let out = py.detach(|| -> Result<(Table, Table, Vec<Note>), EngineError> {
        let dom = select::state(&dominant)?;
        let subs = states.as_deref().map(select::states).transpose()?;
        let (ws, notes) = workspace(data_dir, settings, weights)?;
        let year = year.unwrap_or(years.1);
        let set = match &subs {
            Some(s) => CompareSet::States(s),
            None => CompareSet::All,
        };
        let profiles = profiles::compare(&ws.inputs(None), dom, set, years, year)?;
        let long = frames::profile::measures_in(&profiles, Some(year));
        Ok((frames::profile::compare(&profiles, year), long, notes))
    });
    let (wide, long, notes) = out.py()?;
    Ok((Frame::new(&wide)?, Frame::new(&long)?, notes))
}

/// The default knowledge base (shipped facts, the user's own files).
fn knowledge_base() -> Result<KnowledgeBase, EngineError> {
    KnowledgeBase::load_default().map_err(|e| EngineError::Request(e.to_string()))
}

/// `facts(...)`: a relation's facts (see `hegemony.facts`).
#[pyfunction]
#[pyo3(signature = (state, with_, year, kind))]
pub fn facts(py: Python<'_>, state: String, with_: String, year: Option<i32>, kind: Option<String>) -> PyResult<Frame> {
    let t = py.detach(|| -> Result<Table, EngineError> {
        let sub = hegemony_engine::kb::canonical_state(&state)?;
        let dom = hegemony_engine::kb::canonical_state(&with_)?;
        let kind = kind.as_deref().map(str::parse).transpose().map_err(EngineError::Request)?;
        let kb = knowledge_base()?;
        Ok(frames::kb::facts(&relation::facts(&kb, &sub, &dom, year, kind), year))
    });
    Frame::new(&t.py()?)
}

/// `timeline(...)`: a relation's dated history (see `hegemony.timeline`).
#[pyfunction]
#[pyo3(signature = (state, with_))]
pub fn timeline(py: Python<'_>, state: String, with_: String) -> PyResult<Frame> {
    let t = py.detach(|| -> Result<Table, EngineError> {
        let sub = hegemony_engine::kb::canonical_state(&state)?;
        let dom = hegemony_engine::kb::canonical_state(&with_)?;
        let kb = knowledge_base()?;
        Ok(frames::kb::timeline(&relation::timeline(&kb, &sub, &dom)))
    });
    Frame::new(&t.py()?)
}

/// `rsc(...)`: a year's regional security complexes, one row per state, and
/// the CLI's `rsc --year Y --format json` (see `hegemony.rsc`).
#[pyfunction]
#[pyo3(signature = (year, sector, hierarchy, settings, data_dir))]
pub fn rsc(
    py: Python<'_>,
    year: i32,
    sector: String,
    hierarchy: bool,
    settings: PathArg,
    data_dir: PathArg,
) -> PyResult<(Frame, String, Vec<Note>)> {
    use hegemony_engine::rsc::{self as complexes, Inputs, RscSettings, Sector};
    let out = py.detach(|| -> Result<(Table, String, Vec<Note>), EngineError> {
        let sector: Sector = sector.parse()?;
        let settings = RscSettings::load(settings.as_deref())?;
        let (ws, mut notes) = workspace(data_dir, None, None)?;
        for input in ws.relations.inputs() {
            notes.push(("info", format!("input: {input}")));
        }
        let view = complexes::year(&Inputs::new(&ws, &settings), year, sector, hierarchy)?;
        for note in &view.method.carried {
            notes.push(("info", format!("note: {note}")));
        }
        let json = serde_json::to_string(&view).map_err(|e| EngineError::Request(e.to_string()))?;
        Ok((frames::rsc::members(&view), json, notes))
    });
    let (t, json, notes) = out.py()?;
    Ok((Frame::new(&t)?, json, notes))
}

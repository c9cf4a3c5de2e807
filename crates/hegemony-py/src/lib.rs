//! `hegemony._native`: the engine for Python. Each function parses its
//! arguments, calls the engine with the GIL released, and returns its tables
//! as [`Frame`]s (Arrow C streams) with the notes a CLI would print on
//! stderr. The package `hegemony` (python/hegemony) wraps these in
//! documented functions returning `pyarrow.Table`s; the stubs are
//! python/hegemony/_native.pyi.

mod error;
mod evidence;
mod frame;
mod panel;
mod relation;
mod votes;

use std::path::{Path, PathBuf};

use hegemony_engine::data::LoadedVotes;
use hegemony_engine::{Engine, EngineError};
use pyo3::prelude::*;

pub use frame::Frame;

/// A note for the caller: `("warning", text)` (Python warns) or `("info",
/// text)` (logged), what the CLI prints on stderr.
pub type Note = (&'static str, String);

/// The engine over the data folder of a call (see `hegemony_engine::locate`),
/// with the note to give when it is the data compiled in.
pub(crate) fn open(data_dir: Option<&Path>) -> Result<(Engine, Vec<Note>), EngineError> {
    let choice = hegemony_engine::locate::data_folder(data_dir)?;
    let notes = choice.note.into_iter().map(|n| ("warning", n)).collect();
    Ok((Engine::new(choice.dir), notes))
}

/// The inputs read and the rows not used, as notes (the CLI's stderr).
pub(crate) fn load_notes(votes: &LoadedVotes, notes: &mut Vec<Note>) {
    for input in &votes.inputs {
        notes.push(("info", format!("input: {input}")));
    }
    if !votes.diagnostics.is_empty() {
        let reasons: Vec<String> =
            votes.diagnostics.summary().iter().map(|(reason, n)| format!("{n} × {reason}")).collect();
        notes.push((
            "info",
            format!("{} rows of the input were not used: {}", votes.diagnostics.len(), reasons.join("; ")),
        ));
    }
}

/// A path argument (`str` or `os.PathLike`) of Python.
pub(crate) type PathArg = Option<PathBuf>;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Frame>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(relation::states, m)?)?;
    m.add_function(wrap_pyfunction!(votes::agreement, m)?)?;
    m.add_function(wrap_pyfunction!(votes::ideal, m)?)?;
    m.add_function(wrap_pyfunction!(votes::convergence, m)?)?;
    m.add_function(wrap_pyfunction!(votes::agreement_votes, m)?)?;
    m.add_function(wrap_pyfunction!(relation::profile, m)?)?;
    m.add_function(wrap_pyfunction!(relation::compare, m)?)?;
    m.add_function(wrap_pyfunction!(relation::facts, m)?)?;
    m.add_function(wrap_pyfunction!(relation::timeline, m)?)?;
    m.add_function(wrap_pyfunction!(relation::rsc, m)?)?;
    m.add_class::<panel::PanelStream>()?;
    m.add_function(wrap_pyfunction!(panel::panel, m)?)?;
    m.add_function(wrap_pyfunction!(panel::panel_columns, m)?)?;
    m.add_function(wrap_pyfunction!(evidence::ingest, m)?)?;
    m.add_function(wrap_pyfunction!(evidence::documents, m)?)?;
    m.add_function(wrap_pyfunction!(evidence::candidates, m)?)?;
    m.add_function(wrap_pyfunction!(evidence::search, m)?)?;
    m.add_function(wrap_pyfunction!(evidence::extract, m)?)?;
    Ok(())
}

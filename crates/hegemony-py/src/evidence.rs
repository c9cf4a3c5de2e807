//! Evidence: ingest into a store, its documents, candidates and search; and
//! extraction from documents in memory (one Arrow batch at a time, as Spark
//! executors hand them over).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use hegemony_engine::data::datadir::resolve_data_dir;
use hegemony_engine::evidence::{
    self, CandidateQuery, Evidence, Gazetteer, Kind, SearchFilter, candidate::ReviewStatus, document_candidates,
};
use hegemony_engine::frames;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::table::ColumnData;
use hegemony_engine::{EngineError, Table};
use pyo3::exceptions::{PyFileNotFoundError, PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::error::OrPy;
use crate::frame::batches;
use crate::{Frame, PathArg};

/// The knowledge base and its gazetteer, built once per process (a Spark
/// executor extracts many batches with them).
fn kb_and_gazetteer() -> Result<&'static (KnowledgeBase, Gazetteer), EngineError> {
    static CELL: OnceLock<(KnowledgeBase, Gazetteer)> = OnceLock::new();
    if let Some(v) = CELL.get() {
        return Ok(v);
    }
    let kb = KnowledgeBase::load_default().map_err(|e| EngineError::Request(e.to_string()))?;
    let gaz = Gazetteer::build(Some(&kb));
    Ok(CELL.get_or_init(|| (kb, gaz)))
}

/// The store of a call: `store`, else `evidence.sqlite` in the data folder
/// (`data_dir`, `HEGEMONY_DATA`, the user data folder), as the CLI finds it.
fn store_path(store: PathArg, data_dir: PathArg) -> PyResult<PathBuf> {
    match store {
        Some(p) => Ok(p),
        None => {
            let dir = resolve_data_dir(data_dir.as_deref()).map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok(evidence::default_store_path(dir.path()))
        }
    }
}

/// An existing store, opened.
fn open_existing(path: &Path) -> PyResult<Evidence> {
    if !path.exists() {
        return Err(PyFileNotFoundError::new_err(format!(
            "no evidence store at {}: run hegemony.evidence.ingest(files) first (or pass store=)",
            path.display()
        )));
    }
    Evidence::open(path).py()
}

/// `evidence.ingest(files)`: each file's outcome; failures are rows (the
/// Python layer raises unless asked to report them).
#[pyfunction]
#[pyo3(signature = (files, store, data_dir))]
pub fn ingest(py: Python<'_>, files: Vec<PathBuf>, store: PathArg, data_dir: PathArg) -> PyResult<Frame> {
    let path = store_path(store, data_dir)?;
    let t = py.detach(|| -> Result<Table, EngineError> {
        let mut ev = Evidence::open(&path)?;
        let (_, gaz) = kb_and_gazetteer()?;
        let rows: Vec<(String, Result<_, String>)> = files
            .iter()
            .map(|f| (f.display().to_string(), ev.ingest_file(f, gaz).map_err(|e| e.to_string())))
            .collect();
        Ok(frames::evidence::ingested(&rows))
    });
    Frame::new(&t.py()?)
}

/// `evidence.documents()`: the stored documents' latest versions.
#[pyfunction]
#[pyo3(signature = (store, data_dir))]
pub fn documents(py: Python<'_>, store: PathArg, data_dir: PathArg) -> PyResult<Frame> {
    let path = store_path(store, data_dir)?;
    let t = py.detach(move || -> PyResult<Table> {
        let ev = open_existing(&path)?;
        ev.documents().map(|d| frames::evidence::documents(&d)).py()
    });
    Frame::new(&t?)
}

/// `evidence.candidates(...)`: candidates of the store with their links.
#[pyfunction]
#[pyo3(signature = (doc, kind, status, limit, store, data_dir))]
pub fn candidates(
    py: Python<'_>,
    doc: Option<i64>,
    kind: Option<String>,
    status: Option<String>,
    limit: Option<usize>,
    store: PathArg,
    data_dir: PathArg,
) -> PyResult<Frame> {
    let kind = kind.as_deref().map(str::parse::<Kind>).transpose().map_err(PyValueError::new_err)?;
    let status = status.as_deref().map(str::parse::<ReviewStatus>).transpose().map_err(PyValueError::new_err)?;
    let path = store_path(store, data_dir)?;
    let t = py.detach(move || -> PyResult<Table> {
        let ev = open_existing(&path)?;
        let (kb, _) = kb_and_gazetteer().py()?;
        let list = ev.candidates(&CandidateQuery { doc, kind, status, limit }, || kb).py()?;
        Ok(frames::evidence::candidates(&list.candidates))
    });
    Frame::new(&t?)
}

/// `evidence.search(...)`: passages ranked by bm25, with snippets.
#[pyfunction]
#[pyo3(signature = (query, actor, since, until, limit, store, data_dir))]
#[allow(clippy::too_many_arguments)]
pub fn search(
    py: Python<'_>,
    query: String,
    actor: Option<String>,
    since: Option<i32>,
    until: Option<i32>,
    limit: usize,
    store: PathArg,
    data_dir: PathArg,
) -> PyResult<Frame> {
    let path = store_path(store, data_dir)?;
    let t = py.detach(move || -> PyResult<Table> {
        let ev = open_existing(&path)?;
        let found = || -> Result<Table, EngineError> {
            let actor = match actor {
                // A code or an id needs no knowledge base.
                Some(a) if a.contains(':') || hegemony_engine::kb::canonical_state(&a).is_ok() => {
                    Some(evidence::resolve_actor(None, &a)?)
                }
                Some(a) => Some(evidence::resolve_actor(Some(&kb_and_gazetteer()?.0), &a)?),
                None => None,
            };
            let hits = ev.search(&query, &SearchFilter { actor, since, until, limit })?;
            Ok(frames::evidence::hits(&hits))
        };
        found().py()
    });
    Frame::new(&t?)
}

/// The ids of a batch's `id` column, as a table column (whole numbers or text).
fn ids_of(col: &dyn Array, name: &str) -> PyResult<ColumnData> {
    Ok(match col.data_type() {
        DataType::Int64 => ColumnData::Int(col.as_primitive::<arrow_array::types::Int64Type>().iter().collect()),
        DataType::Int32 => ColumnData::Int(
            col.as_primitive::<arrow_array::types::Int32Type>().iter().map(|v| v.map(i64::from)).collect(),
        ),
        DataType::Utf8 => ColumnData::Text(col.as_string::<i32>().iter().map(|v| v.map(str::to_string)).collect()),
        DataType::LargeUtf8 => ColumnData::Text(col.as_string::<i64>().iter().map(|v| v.map(str::to_string)).collect()),
        DataType::Utf8View => ColumnData::Text(col.as_string_view().iter().map(|v| v.map(str::to_string)).collect()),
        other => {
            return Err(PyTypeError::new_err(format!(
                "column '{name}': ids must be whole numbers or text, not {other}"
            )));
        }
    })
}

/// The documents of a batch's text column: text (UTF-8) or bytes (PDF, DOCX, HTML …).
fn texts_of<'a>(col: &'a dyn Array, name: &str) -> PyResult<Vec<Option<&'a [u8]>>> {
    Ok(match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().iter().map(|v| v.map(str::as_bytes)).collect(),
        DataType::LargeUtf8 => col.as_string::<i64>().iter().map(|v| v.map(str::as_bytes)).collect(),
        DataType::Binary => col.as_binary::<i32>().iter().collect(),
        DataType::LargeBinary => col.as_binary::<i64>().iter().collect(),
        DataType::Utf8View => col.as_string_view().iter().map(|v| v.map(str::as_bytes)).collect(),
        DataType::BinaryView => col.as_binary_view().iter().collect(),
        other => {
            return Err(PyTypeError::new_err(format!("column '{name}': documents must be text or bytes, not {other}")));
        }
    })
}

fn column<'a>(b: &'a RecordBatch, name: &str) -> PyResult<&'a dyn Array> {
    b.column_by_name(name).map(|c| c.as_ref()).ok_or_else(|| {
        let have: Vec<String> = b.schema().fields().iter().map(|f| f.name().clone()).collect();
        PyValueError::new_err(format!("no column '{name}' among {}", have.join(", ")))
    })
}

/// The candidates of one batch of documents.
fn extract_batch(b: &RecordBatch, id: &str, text: &str, links: bool) -> PyResult<Table> {
    let ids = ids_of(column(b, id)?, id)?;
    let docs = texts_of(column(b, text)?, text)?;
    let (kb, gaz) = kb_and_gazetteer().py()?;
    let kb = links.then_some(kb);
    let results: Vec<Result<_, String>> = docs
        .iter()
        .enumerate()
        .map(|(row, bytes)| {
            let name = ids.text(row).map(str::to_string).unwrap_or_else(|| match &ids {
                ColumnData::Int(v) => v[row].map_or_else(|| format!("row {row}"), |i| i.to_string()),
                _ => format!("row {row}"),
            });
            match bytes {
                None => Err(format!("{name}: no text (null)")),
                Some(bytes) => document_candidates(&name, bytes, gaz, kb).map_err(|e| e.to_string()),
            }
        })
        .collect();
    Ok(frames::evidence::extracted(&ids, &results))
}

/// `evidence.extract(documents, ...)`: candidates of documents in memory,
/// one table per input batch (see `hegemony.evidence.extract`).
#[pyfunction]
#[pyo3(signature = (documents, id, text, links))]
pub fn extract(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    id: String,
    text: String,
    links: bool,
) -> PyResult<Vec<Frame>> {
    let input = batches(documents)?;
    let tables =
        py.detach(|| input.iter().map(|b| extract_batch(b, &id, &text, links)).collect::<PyResult<Vec<_>>>())?;
    tables.iter().map(Frame::new).collect()
}

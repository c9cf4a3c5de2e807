//! The dyad-year panel, streamed: each block of years becomes an Arrow
//! batch when the importer asks for it, so only the Arrow columns and one
//! block are in memory at a time.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, Field, Schema, SchemaRef};
use hegemony_engine::panel::{GROUPS, Panel, PanelRequest, System};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::error::OrPy;
use crate::frame::export_once;
use crate::{Note, PathArg, open};

/// The panel's batches, made block by block as they are read.
struct Blocks {
    panel: Arc<Panel>,
    todo: VecDeque<(i32, i32)>,
    schema: SchemaRef,
}

impl Iterator for Blocks {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let years = self.todo.pop_front()?;
        let batch = hegemony_engine::arrow::record_batch(&self.panel.block(years));
        Some(batch.and_then(|b| RecordBatch::try_new(self.schema.clone(), b.columns().to_vec())))
    }
}

impl RecordBatchReader for Blocks {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

/// A panel ready to be streamed once through the Arrow PyCapsule interface.
#[pyclass(module = "hegemony._native", frozen)]
pub struct PanelStream {
    blocks: Mutex<Option<Blocks>>,
}

#[pymethods]
impl PanelStream {
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        export_once(py, &self.blocks, "panel", |blocks| Box::new(blocks))
    }
}

/// `panel(...)`: the dyad-year panel (see `hegemony.panel`).
#[pyfunction]
#[pyo3(signature = (years, directed, system, add, data_dir))]
pub fn panel(
    py: Python<'_>,
    years: (i32, i32),
    directed: bool,
    system: String,
    add: Vec<String>,
    data_dir: PathArg,
) -> PyResult<(PanelStream, Vec<Note>)> {
    let out = py.detach(|| -> Result<_, hegemony_engine::EngineError> {
        let request = PanelRequest { years, directed, system: System::parse(&system)?, add };
        let (engine, mut notes) = open(data_dir.as_deref())?;
        let p = Panel::open(&engine, request)?;
        for input in p.sources().inputs() {
            notes.push(("info", format!("input: {input}")));
        }
        if let Some(first) = p.sources().diagnostics.items.first() {
            let n = p.sources().diagnostics.len();
            notes.push(("info", format!("{n} rows of the inputs were not used; first: {first}")));
        }
        // Every field nullable: a column without nulls in one block may have some in another.
        let first = hegemony_engine::arrow::schema(&p.block((years.0, years.0)));
        let fields: Vec<Field> = first.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect();
        let schema = Arc::new(Schema::new(fields).with_metadata(first.metadata().clone()));
        let todo = p.blocks().into();
        Ok((Blocks { panel: Arc::new(p), todo, schema }, notes))
    });
    let (blocks, notes) = out.py()?;
    Ok((PanelStream { blocks: Mutex::new(Some(blocks)) }, notes))
}

/// A column group as Python gets it: (name, columns, files, coverage, about).
type GroupRow = (&'static str, Vec<&'static str>, Vec<&'static str>, &'static str, &'static str);

/// `panel_columns()`: the column groups.
#[pyfunction]
pub fn panel_columns() -> Vec<GroupRow> {
    GROUPS.iter().map(|g| (g.name, g.columns.to_vec(), g.files.to_vec(), g.coverage, g.about)).collect()
}

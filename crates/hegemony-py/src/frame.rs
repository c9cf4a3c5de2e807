//! Tables across the Arrow C data interface, without copying: a [`Frame`]
//! holds a record batch and hands it to Python as an Arrow C stream in a
//! PyCapsule (`__arrow_c_stream__`), which pyarrow, polars and pandas
//! (through pyarrow) import by taking over the buffers. The other way,
//! [`batches`] reads any object that exports an Arrow C stream.

use std::sync::Mutex;

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use hegemony_engine::Table;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// The capsule name the Arrow PyCapsule interface gives a stream.
const STREAM: &std::ffi::CStr = c"arrow_array_stream";

/// The Arrow C stream of what `slot` holds, in a capsule, taken out of it:
/// a result is exported once, its buffers moving to the importer. A request
/// for another schema is declined by ignoring it, as the protocol allows
/// (the importer casts if it must). `what` names it in the errors.
pub(crate) fn export_once<'py, T>(
    py: Python<'py>,
    slot: &Mutex<Option<T>>,
    what: &str,
    reader: impl FnOnce(T) -> Box<dyn RecordBatchReader + Send>,
) -> PyResult<Bound<'py, PyCapsule>> {
    let value = slot
        .lock()
        .map_err(|_| PyValueError::new_err(format!("the {what} is in use")))?
        .take()
        .ok_or_else(|| PyValueError::new_err(format!("this {what} was already handed over to Arrow")))?;
    PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader(value)), STREAM)
}

/// One result table, exported once as an Arrow C stream.
#[pyclass(module = "hegemony._native", frozen)]
pub struct Frame {
    batch: Mutex<Option<RecordBatch>>,
    rows: usize,
}

impl Frame {
    /// The Arrow form of `table` (the one copy: the engine's columns into Arrow's layout).
    pub fn new(table: &Table) -> PyResult<Frame> {
        let batch = hegemony_engine::arrow::record_batch(table).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Frame { rows: batch.num_rows(), batch: Mutex::new(Some(batch)) })
    }
}

#[pymethods]
impl Frame {
    /// The Arrow C stream of the table, in a capsule; a frame is exported once
    /// (its buffers move to the importer).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        export_once(py, &self.batch, "table", |batch| {
            let schema = batch.schema();
            Box::new(RecordBatchIterator::new(std::iter::once(Ok(batch)), schema))
        })
    }

    /// Rows in the table.
    fn __len__(&self) -> usize {
        self.rows
    }
}

/// The record batches of `obj`, any object with `__arrow_c_stream__`
/// (a pyarrow Table or RecordBatchReader, a polars DataFrame …); a stream
/// without rows gives one empty batch of its schema.
pub fn batches(obj: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    if !obj.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(format!(
            "expected an Arrow table or stream (an object with __arrow_c_stream__), got {}",
            obj.get_type().name()?
        )));
    }
    let capsule = obj.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>()?;
    let ptr = capsule.pointer_checked(Some(STREAM))?.cast::<FFI_ArrowArrayStream>();
    // SAFETY: the capsule named "arrow_array_stream" holds an
    // FFI_ArrowArrayStream (the PyCapsule interface's contract); from_raw
    // moves it out and leaves a released stream in the capsule, which the
    // capsule's destructor then ignores.
    let reader = unsafe { RecordBatchStreamReader::from_raw(ptr.as_ptr()) }
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow stream: {e}")))?;
    let schema = reader.schema();
    let mut out = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow stream: {e}")))?;
    if out.is_empty() {
        out.push(RecordBatch::new_empty(schema));
    }
    Ok(out)
}

//! The engine's errors as Python exceptions, with the CLI's messages: a
//! state or value the engine does not know is a `ValueError`, a data folder
//! or file that is not there a `FileNotFoundError`, a file that cannot be
//! read an `OSError`, no such document or candidate a `LookupError`.

use hegemony_engine::EngineError;
use hegemony_engine::data::LoadError;
use hegemony_engine::evidence::EvidenceError;
use pyo3::PyErr;
use pyo3::exceptions::{PyFileNotFoundError, PyLookupError, PyOSError, PyRuntimeError, PyValueError};

/// `e` as the Python exception of its kind, its message the CLI's.
pub fn to_py(e: EngineError) -> PyErr {
    let message = e.to_string();
    match &e {
        EngineError::UnknownState(_) | EngineError::Request(_) => PyValueError::new_err(message),
        EngineError::NoVoteData { .. } | EngineError::NoDataFolder { .. } | EngineError::MissingDataset { .. } => {
            PyFileNotFoundError::new_err(message)
        }
        EngineError::Load(LoadError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(message)
        }
        EngineError::Load(LoadError::Io { .. }) => PyOSError::new_err(message),
        EngineError::Load(_) => PyValueError::new_err(message),
        EngineError::Evidence(ev) => match ev {
            EvidenceError::NotFound(_) => PyLookupError::new_err(message),
            EvidenceError::Io { .. } => PyOSError::new_err(message),
            EvidenceError::Db(_) => PyRuntimeError::new_err(message),
            EvidenceError::Decode(_)
            | EvidenceError::TooLarge { .. }
            | EvidenceError::Query(_)
            | EvidenceError::Review(_) => PyValueError::new_err(message),
        },
    }
}

/// A result of the engine as a Python result.
pub trait OrPy<T> {
    /// The value, or the Python exception of the error.
    fn py(self) -> Result<T, PyErr>;
}

impl<T, E: Into<EngineError>> OrPy<T> for Result<T, E> {
    fn py(self) -> Result<T, PyErr> {
        self.map_err(|e| to_py(e.into()))
    }
}

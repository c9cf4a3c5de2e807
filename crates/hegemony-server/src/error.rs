//! Errors as JSON: `{"error": {"code": "unknown_state", "message": "..."}}`
//! with the HTTP status that fits. Codes are stable; messages are for people.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hegemony_engine::EngineError;
use hegemony_engine::evidence::EvidenceError;

/// An API error: an HTTP status, a stable code and a message for people.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable code (`unknown_state`, `bad_parameter` …).
    pub code: &'static str,
    /// What went wrong, for people.
    pub message: String,
}

impl ApiError {
    /// An error with this status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }

    /// A request parameter that cannot be used (400).
    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_parameter", message)
    }

    /// Nothing there (404).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// A failure of the server itself (500).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> ApiError {
        let message = e.to_string();
        let (status, code) = match &e {
            EngineError::UnknownState(_) => (StatusCode::NOT_FOUND, "unknown_state"),
            EngineError::NoVoteData { .. } | EngineError::NoDataFolder { .. } | EngineError::MissingDataset { .. } => {
                (StatusCode::NOT_FOUND, "no_data")
            }
            EngineError::Load(_) => (StatusCode::INTERNAL_SERVER_ERROR, "load_error"),
            EngineError::Request(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            EngineError::Evidence(ev) => match ev {
                EvidenceError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
                EvidenceError::Query(_) => (StatusCode::BAD_REQUEST, "bad_query"),
                EvidenceError::Review(_) => (StatusCode::UNPROCESSABLE_ENTITY, "review_refused"),
                EvidenceError::Decode(_) | EvidenceError::TooLarge { .. } => {
                    (StatusCode::UNPROCESSABLE_ENTITY, "document_refused")
                }
                EvidenceError::Io { .. } | EvidenceError::Db(_) => (StatusCode::INTERNAL_SERVER_ERROR, "store_error"),
            },
        };
        ApiError { status, code, message }
    }
}

impl From<EvidenceError> for ApiError {
    fn from(e: EvidenceError) -> ApiError {
        EngineError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": {"code": self.code, "message": self.message}});
        (self.status, axum::Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

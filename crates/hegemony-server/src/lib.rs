//! `hegemony serve`: one process serving the JSON API (`/api/v1`, described
//! by `/api/v1/openapi.json`) and the dashboard, over the engine the CLI
//! uses. No logic of its own: every answer is an engine call.
//!
//! * Read-only unless a token was given at start; writes (review decisions,
//!   ingest) need `Authorization: Bearer TOKEN`.
//! * Only the pages and scripts compiled into the binary are served: no path
//!   of a request ever reaches the file system.
//! * Request bodies are limited in size, requests in time; heavy engine calls
//!   run on the blocking pool.
//! * Every response carries a Content-Security-Policy without inline scripts;
//!   the dashboard sets document text with `textContent` only.

mod api;
mod assets;
pub mod chart;
mod error;
pub mod report;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hegemony_engine::measures::ideal::DynamicFit;
use hegemony_engine::profile::{Profile, Workspace};

pub use error::ApiError;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// The evidence store (SQLite); `None`: no evidence endpoints' data.
    pub store: Option<PathBuf>,
    /// Where accepted candidates are written as knowledge-base TOML
    /// (default: the user's knowledge-base folder).
    pub kb_file: Option<PathBuf>,
    /// The token writes need; `None`: the server is read-only.
    pub token: Option<String>,
    /// The longest a request may take.
    pub timeout: Duration,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The years of a profile when a request names none.
    pub years: (i32, i32),
    /// The knowledge-base files a what-if with assumed facts starts from
    /// (those the workspace was loaded from).
    pub kb: hegemony_engine::kb::LoadOptions,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            store: None,
            kb_file: None,
            token: None,
            timeout: Duration::from_secs(30),
            body_limit: 2 << 20,
            years: (1992, 2025),
            kb: hegemony_engine::kb::LoadOptions::default_paths(),
        }
    }
}

/// A dominant state's code and the years.
pub(crate) type ProfileKey = (String, i32, i32);

/// Everything the handlers share: the loaded workspace and the caches.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub(crate) struct Inner {
    pub workspace: Workspace,
    pub options: Options,
    /// The dynamic ideal-point fit of the whole record (seconds to compute):
    /// fitted once, on first use.
    pub ideal: OnceLock<Result<Arc<DynamicFit>, ApiError>>,
    /// Baseline profiles of a dominant state's comparison set, by dominant
    /// state and years. The workspace never changes while the server runs,
    /// so a cached answer is the answer.
    pub profiles: Mutex<HashMap<ProfileKey, Arc<Vec<Profile>>>>,
    /// Whole answers (headers and body) of the endpoints that depend only on
    /// the workspace, by path and query.
    pub answers: Mutex<HashMap<String, (HeaderMap, Bytes)>>,
}

impl AppState {
    pub fn new(workspace: Workspace, options: Options) -> AppState {
        AppState(Arc::new(Inner {
            workspace,
            options,
            ideal: OnceLock::new(),
            profiles: Mutex::new(HashMap::new()),
            answers: Mutex::new(HashMap::new()),
        }))
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.0
    }
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Security headers on every response.
async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // A response with its own policy (the report: inline style, nothing else) keeps it.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// At most this many answers are kept (then the store starts afresh) …
const ANSWERS: usize = 512;
/// … each at most this large.
const ANSWER_BYTES: usize = 4 << 20;

/// Serves a kept answer, or keeps a successful one. Only for endpoints whose
/// answer is a function of the request and the workspace, which never
/// changes while the server runs: a kept answer is the answer.
pub(crate) async fn cached(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let key = req.uri().to_string();
    let answers = &state.inner().answers;
    if let Some((headers, body)) = answers.lock().ok().and_then(|a| a.get(&key).cloned()) {
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return res;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ANSWER_BYTES).await else {
        return ApiError::internal("an answer too large to send").into_response();
    };
    if let Ok(mut a) = answers.lock() {
        if a.len() >= ANSWERS {
            a.clear();
        }
        a.insert(key, (parts.headers.clone(), bytes.clone()));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The time limit of a request: past it the client gets a JSON 503.
async fn time_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = state.inner().options.timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
        .into_response(),
    }
}

/// The API and the dashboard (for tests: drive it with `tower::ServiceExt::oneshot`).
pub fn router(state: AppState) -> Router {
    let limit = state.inner().options.body_limit;
    Router::new()
        .nest("/api/v1", api::routes(state.clone()))
        .merge(assets::routes())
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(state.clone(), time_limit))
        .layer(middleware::from_fn(headers))
        .with_state(state)
}

/// Serves `state` on `addr` until Ctrl-C or SIGTERM; `on_ready` gets the bound address
/// (useful with port 0).
pub async fn serve(addr: SocketAddr, state: AppState, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown()).await
}

/// Ctrl-C, or (on Unix) SIGTERM: requests in flight are finished, new ones refused.
async fn shutdown() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Runs [`serve`] on a multi-threaded runtime (for the CLI, which is not async).
pub fn run(addr: SocketAddr, state: AppState, on_ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(serve(addr, state, on_ready))
}

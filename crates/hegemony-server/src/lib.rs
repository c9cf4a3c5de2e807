#![warn(missing_docs)]
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
mod api_rsc;
mod assets;
mod error;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
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
    /// The knowledge-base files the workspace was loaded from: a what-if
    /// with assumed facts starts from them, and they are loaded again after
    /// a fact is accepted through review.
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
    /// The workspace and the answers kept on it, swapped whole when the
    /// knowledge base changes (a fact accepted through review): a request
    /// takes one [`Live`] and answers from it alone.
    live: RwLock<Arc<Live>>,
    /// Held while the knowledge base is written and loaded again, so that
    /// two writes never swap in their workspaces out of order.
    pub writing: Mutex<()>,
    pub options: Options,
    /// The dynamic ideal-point fit of the whole record (seconds to compute):
    /// fitted once, on first use. It rests on the votes alone, which a new
    /// knowledge base does not change.
    pub ideal: OnceLock<Result<Arc<DynamicFit>, ApiError>>,
}

/// One workspace and what is kept on it. A workspace never changes: a new
/// knowledge base makes a new `Live` with empty caches, so a kept answer is
/// the answer of the workspace it was computed on (invariant 7).
pub(crate) struct Live {
    pub workspace: Arc<Workspace>,
    /// Baseline profiles of a dominant state's comparison set, by dominant
    /// state and years.
    pub profiles: Mutex<HashMap<ProfileKey, Arc<Vec<Profile>>>>,
    /// Whole answers (headers and body) of the endpoints that depend only on
    /// the workspace, by path and query.
    pub answers: Mutex<HashMap<String, (HeaderMap, Bytes)>>,
}

impl Live {
    fn new(workspace: Arc<Workspace>) -> Arc<Live> {
        Arc::new(Live { workspace, profiles: Mutex::new(HashMap::new()), answers: Mutex::new(HashMap::new()) })
    }
}

impl AppState {
    /// The state of a server on `workspace`.
    pub fn new(workspace: Workspace, options: Options) -> AppState {
        AppState(Arc::new(Inner {
            live: RwLock::new(Live::new(Arc::new(workspace))),
            writing: Mutex::new(()),
            options,
            ideal: OnceLock::new(),
        }))
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.0
    }

    /// The current workspace with its caches (a request keeps the one it took).
    pub(crate) fn live(&self) -> Arc<Live> {
        self.0.live.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The current workspace.
    pub fn workspace(&self) -> Arc<Workspace> {
        self.live().workspace.clone()
    }

    /// Puts `workspace` in place of the current one, with empty caches: no
    /// answer of the previous workspace is served after this returns.
    fn swap(&self, workspace: Workspace) {
        let live = Live::new(Arc::new(workspace));
        *self.0.live.write().unwrap_or_else(|e| e.into_inner()) = live;
    }

    /// The knowledge-base files to load: those the server started with
    /// (`options.kb`) plus the folder accepted facts are written to, if it
    /// exists and is not among them (a review checks a new fact against
    /// the shipped files and that folder; it may not exist at start).
    pub(crate) fn kb_options(&self) -> hegemony_engine::kb::LoadOptions {
        let o = &self.0.options;
        let mut kb = o.kb.clone();
        let file = o.kb_file.clone().or_else(hegemony_engine::evidence::review::default_kb_file);
        if let Some(dir) = file.as_deref().and_then(std::path::Path::parent).filter(|d| d.is_dir()) {
            let canon = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
            if !kb.user_dirs.iter().any(|d| canon(d) == canon(dir)) {
                kb.user_dirs.push(dir.to_path_buf());
            }
        }
        kb
    }

    /// Loads the knowledge base again (after a fact was written) and swaps
    /// in a workspace on it that shares the loaded datasets; the kept
    /// profiles and answers go with the old one. On an error the current
    /// workspace stays in place.
    pub(crate) fn reload_kb(&self) -> Result<(), ApiError> {
        let ws = self.workspace().reload_kb(&self.kb_options()).map_err(|e| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "reload_failed", format!(
                "the knowledge base could not be loaded again; answers stay on the previous one until it can be: {e}"
            ))
        })?;
        self.swap(ws);
        Ok(())
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
/// answer is a function of the request and the workspace. Answers are kept
/// on the workspace taken before the handler runs (the handler takes the
/// same or a newer one): after a swap the kept answers go with the old
/// workspace, so a kept answer is the answer.
pub(crate) async fn cached(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let key = req.uri().to_string();
    let live = state.live();
    let answers = &live.answers;
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

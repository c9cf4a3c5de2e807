//! The dashboard: pages, script and style compiled into the binary. Only
//! these fixed paths are served; no request path reaches the file system.

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const RSC_JS: &str = include_str!("../assets/rsc.js");
const APP_CSS: &str = include_str!("../assets/app.css");
/// Natural Earth 1:110m country outlines for the map, derived by
/// `assets/map/vendor.mjs` (provenance in `assets/map/README.md`).
const COUNTRIES: &str = include_str!("../assets/map/countries.json");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], body).into_response()
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/rsc.js", get(|| async { asset("text/javascript; charset=utf-8", RSC_JS) }))
        .route("/assets/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route("/assets/map/countries.json", get(|| async { asset("application/json", COUNTRIES) }))
}

//! The `/api/v1/rsc` endpoints: regional security complexes by year, one
//! complex's network, a state's path between complexes, every year with the
//! moves, the comparison with *Regions and Powers*, and which datasets
//! cover which years. Each answer depends only on the workspace, so it is
//! kept ([`crate::cached`]).

use std::sync::OnceLock;

use axum::Json;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::get;
use hegemony_engine::rsc::{self, Inputs, RscSettings, Sector};
use serde_json::Value;

use crate::AppState;
use crate::api::{Params, blocking, params, text, to_json};
use crate::error::{ApiError, ApiResult};

/// The routes under `/api/v1/rsc` (the OpenAPI document lists each of them).
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/rsc/coverage", get(coverage))
        .route("/rsc/years/{year}", get(year))
        .route("/rsc/years/{year}/complexes/{id}", get(complex))
        .route("/rsc/years/{year}/book", get(book))
        .route("/rsc/states/{state}", get(path))
        .route("/rsc/timeline", get(timeline))
        .route_layer(axum::middleware::from_fn_with_state(state, crate::cached))
}

/// The shipped settings (`weights/rsc.toml`), read once.
fn settings() -> ApiResult<&'static RscSettings> {
    static S: OnceLock<Result<RscSettings, String>> = OnceLock::new();
    S.get_or_init(|| RscSettings::load(None).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ApiError::internal(e.clone()))
}

fn sector(m: &std::collections::HashMap<String, String>) -> ApiResult<Sector> {
    Ok(text(m, "sector").map(str::parse).transpose()?.unwrap_or_default())
}

fn year_of(p: Result<Path<i32>, PathRejection>) -> ApiResult<i32> {
    p.map(|Path(y)| y)
        .map_err(|e| ApiError::bad_parameter(format!("the year must be a whole number: {}", e.body_text())))
}

fn range(m: &std::collections::HashMap<String, String>, default: &str) -> ApiResult<(i32, i32)> {
    let y = hegemony_engine::select::years(text(m, "years").unwrap_or(default))?;
    if y.1 - y.0 > 200 {
        return Err(ApiError::bad_parameter(format!("years {}-{}: at most 200 years", y.0, y.1)));
    }
    Ok(y)
}

/// Runs `f` on the workspace's complexes' inputs, on the blocking pool.
async fn with_inputs(
    s: AppState,
    f: impl FnOnce(&Inputs<'_>) -> ApiResult<Value> + Send + 'static,
) -> ApiResult<Json<Value>> {
    let settings = settings()?;
    let ws = s.workspace();
    blocking(move || f(&Inputs::new(&ws, settings))).await.map(Json)
}

async fn coverage(State(s): State<AppState>) -> ApiResult<Json<Value>> {
    with_inputs(s, |i| to_json(&rsc::coverage(i))).await
}

async fn year(State(s): State<AppState>, y: Result<Path<i32>, PathRejection>, p: Params) -> ApiResult<Json<Value>> {
    let (year, m) = (year_of(y)?, params(p)?);
    let sector = sector(&m)?;
    let hierarchy = text(&m, "hierarchy").is_some_and(|h| h == "true" || h == "1");
    with_inputs(s, move |i| to_json(&rsc::year(i, year, sector, hierarchy)?)).await
}

async fn complex(
    State(s): State<AppState>,
    p: Result<Path<(i32, String)>, PathRejection>,
    q: Params,
) -> ApiResult<Json<Value>> {
    let Path((year, id)) = p.map_err(|e| ApiError::bad_parameter(e.body_text()))?;
    let sector = sector(&params(q)?)?;
    with_inputs(s, move |i| to_json(&rsc::complex_network(i, year, sector, &id)?)).await
}

async fn book(State(s): State<AppState>, y: Result<Path<i32>, PathRejection>) -> ApiResult<Json<Value>> {
    let year = year_of(y)?;
    with_inputs(s, move |i| to_json(&rsc::compare_with_book(i, year)?)).await
}

async fn path(State(s): State<AppState>, p: Result<Path<String>, PathRejection>, q: Params) -> ApiResult<Json<Value>> {
    let Path(state) = p.map_err(|e| ApiError::bad_parameter(e.body_text()))?;
    let m = params(q)?;
    let (sector, years) = (sector(&m)?, range(&m, "1991-2025")?);
    // An unknown state is answered before any computation (404 with suggestions).
    let code = hegemony_engine::select::state(&state)?.code().to_string();
    with_inputs(s, move |i| to_json(&rsc::state_path(i, &code, years, sector)?)).await
}

async fn timeline(State(s): State<AppState>, q: Params) -> ApiResult<Json<Value>> {
    let m = params(q)?;
    let (sector, years) = (sector(&m)?, range(&m, "1946-2025")?);
    with_inputs(s, move |i| to_json(&rsc::timeline(i, years, sector)?)).await
}

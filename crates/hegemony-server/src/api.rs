//! The `/api/v1` endpoints. Each parses its parameters, calls the engine
//! (on the blocking pool when the call is heavy) and returns JSON.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hegemony_core::{Registry, State as Country};
use hegemony_engine::evidence::candidate::ReviewStatus;
use hegemony_engine::evidence::{
    self, CandidateQuery, Decision, Evidence, Gazetteer, Kind, Outcome, SearchFilter, Verdict,
};
use hegemony_engine::measures::Weights;
use hegemony_engine::measures::agreement::{AgreementOptions, DyadSelection, PeriodKind};
use hegemony_engine::measures::ideal::DynamicFit;
use hegemony_engine::profile::{self, CompareView, PeriodsView, Profile, ProfileReport};
use hegemony_engine::{AgreementRequest, EngineError, agreement, ideal, kb, relation, select};
use hegemony_render::{chart, html};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::{AppState, Live};

/// The routes under `/api/v1` (the OpenAPI document lists each of them).
/// Answers that depend only on the workspace (relations, comparisons) are
/// kept by [`crate::cached`]; the evidence store changes, so its answers are not.
pub fn routes(state: AppState) -> Router<AppState> {
    let workspace_only = Router::new()
        .route("/relations/{dom}/{sub}/facts", get(facts))
        .route("/relations/{dom}/{sub}/timeline", get(timeline))
        .route("/relations/{dom}/{sub}/agreement", get(agreement_series))
        .route("/relations/{dom}/{sub}/ideal", get(ideal_series))
        .route("/relations/{dom}/{sub}/profile", get(profile_of))
        .route("/relations/{dom}/{sub}/periods", get(periods))
        .route("/relations/{dom}/{sub}/explain", get(explain))
        .route("/relations/{dom}/{sub}/chart.svg", get(chart_svg))
        .route("/relations/{dom}/{sub}/report.html", get(report_html))
        .route("/compare", get(compare))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), crate::cached));
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/health", get(health))
        .route("/states", get(states))
        .route("/measures", get(measures))
        .merge(workspace_only)
        .route("/whatif", post(whatif))
        .route("/evidence/search", get(search))
        .route("/evidence/documents", get(documents))
        .route("/evidence/documents/{id}", get(document))
        .route("/evidence/candidates", get(candidates))
        .route("/evidence/review", post(review))
        .route("/evidence/ingest", post(ingest))
        .merge(crate::api_rsc::routes(state))
        .fallback(not_found)
}

pub(crate) const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Anything not routed: JSON under `/api`, a plain 404 elsewhere (never a
/// file, never the dashboard's page).
pub async fn not_found(OriginalUri(uri): OriginalUri) -> Response {
    if uri.path().starts_with("/api") {
        ApiError::not_found(format!("no endpoint {}; see /api/v1/openapi.json", uri.path())).into_response()
    } else {
        (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found\n").into_response()
    }
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

pub(crate) type Params = Result<Query<HashMap<String, String>>, QueryRejection>;
type Dyad = Result<Path<(String, String)>, PathRejection>;

pub(crate) fn params(p: Params) -> ApiResult<HashMap<String, String>> {
    p.map(|Query(m)| m).map_err(|e| ApiError::bad_parameter(e.body_text()))
}

pub(crate) fn int<T: std::str::FromStr>(m: &HashMap<String, String>, key: &str) -> ApiResult<Option<T>> {
    match m.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| ApiError::bad_parameter(format!("{key}={s}: not a whole number"))),
    }
}

pub(crate) fn text<'a>(m: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    m.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
}

fn list(m: &HashMap<String, String>, key: &str) -> Vec<String> {
    text(m, key)
        .map(|s| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

fn years(state: &AppState, m: &HashMap<String, String>) -> ApiResult<(i32, i32)> {
    let y = match text(m, "years") {
        Some(s) => select::years(s)?,
        None => state.inner().options.years,
    };
    if y.1 - y.0 > 300 {
        return Err(ApiError::bad_parameter(format!("years {}-{}: at most 300 years", y.0, y.1)));
    }
    Ok(y)
}

fn dyad(p: Dyad) -> ApiResult<(&'static Country, &'static Country)> {
    let Path((dom, sub)) = p.map_err(|e| ApiError::bad_parameter(e.body_text()))?;
    Ok((select::state(&dom)?, select::state(&sub)?))
}

/// Runs an engine call on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> ApiResult<T> + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ApiError::internal(format!("the computation failed: {e}")))?
}

impl Live {
    /// Baseline profiles of every subordinate of `dom` over `years` (cached).
    fn baseline(&self, dom: &'static Country, years: (i32, i32)) -> ApiResult<Arc<Vec<Profile>>> {
        let key = (dom.code().to_string(), years.0, years.1);
        if let Some(p) = self.profiles.lock().map_err(|_| ApiError::internal("cache poisoned"))?.get(&key) {
            return Ok(p.clone());
        }
        let ws = &self.workspace;
        let set = profile::comparison_set(&ws.settings, &ws.kb, dom).members;
        let all = Arc::new(profile::profiles(&ws.inputs(None), dom, &set, years)?);
        let mut cache = self.profiles.lock().map_err(|_| ApiError::internal("cache poisoned"))?;
        if cache.len() >= 64 {
            cache.clear();
        }
        cache.insert(key, all.clone());
        Ok(all)
    }

    /// The baseline profile of one relation.
    fn profile(&self, dom: &'static Country, sub: &'static Country, years: (i32, i32)) -> ApiResult<Profile> {
        if let Some(p) = self.baseline(dom, years)?.iter().find(|p| p.subordinate == sub.code()) {
            return Ok(p.clone());
        }
        // A state outside the dominant state's comparison set joins it for this answer.
        let ws = &self.workspace;
        Ok(profile::profiles(&ws.inputs(None), dom, &[sub], years)?.remove(0))
    }

    /// The profile on the knowledge base changed by a what-if.
    fn scenario(
        &self,
        opts: &kb::LoadOptions,
        dom: &'static Country,
        sub: &'static Country,
        years: (i32, i32),
        what: &WhatIfChanges,
    ) -> ApiResult<Profile> {
        let ws = &self.workspace;
        let kb = if what.assume.trim().is_empty() {
            profile::without_facts(&ws.kb, &what.without)?
        } else {
            let file = kb::KbFile { path: "what-if".into(), text: what.assume.clone(), layer: kb::model::Layer::User };
            profile::scenario(opts, vec![file], &what.without)?
        };
        Ok(profile::profiles(&ws.inputs(Some(&kb)), dom, &[sub], years)?.remove(0))
    }
}

impl AppState {
    /// The UN vote record (the same in every workspace the server swaps in).
    fn votes(&self) -> ApiResult<Arc<hegemony_engine::data::LoadedVotes>> {
        self.workspace().votes.clone().ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "no_data",
                "the server's data folder has no UN vote record (start it with --data-dir)",
            )
        })
    }

    fn ideal_fit(&self) -> ApiResult<Arc<DynamicFit>> {
        let votes = self.votes()?;
        let fit =
            self.inner().ideal.get_or_init(|| ideal::fit_dynamic_by_year(&votes).map(Arc::new).map_err(ApiError::from));
        match fit {
            Ok(f) => Ok(f.clone()),
            Err(e) => Err(ApiError::new(e.status, e.code, e.message.clone())),
        }
    }

    /// The evidence store's file, as the server was started with it.
    fn store_path(&self) -> ApiResult<&std::path::Path> {
        self.inner().options.store.as_deref().ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, "no_store", "the server was started without an evidence store")
        })
    }

    /// The evidence store, which a first ingest creates.
    fn evidence(&self) -> ApiResult<Evidence> {
        let path = self.store_path()?;
        if !path.exists() {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "no_store",
                "the evidence store is empty: ingest a document first",
            ));
        }
        Ok(Evidence::open(path)?)
    }

    /// Writes need the token given at start.
    fn authorise(&self, headers: &HeaderMap) -> ApiResult<()> {
        let Some(token) = &self.inner().options.token else {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "read_only",
                "this server is read-only: start it with --token-file to allow changes",
            ));
        };
        let given =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        match given {
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "this change needs the server's token: Authorization: Bearer TOKEN",
            )),
            Some(g) if constant_time_eq(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
            Some(_) => Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "the token is not the server's")),
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// An engine view as JSON (objects with sorted keys).
pub(crate) fn to_json(view: &impl serde::Serialize) -> ApiResult<Value> {
    serde_json::to_value(view).map_err(|e| ApiError::internal(e.to_string()))
}

fn body<T: serde::de::DeserializeOwned>(b: Result<Bytes, BytesRejection>) -> ApiResult<T> {
    let bytes = b.map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "bad_body" };
        ApiError::new(status, code, e.body_text())
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_json", format!("the request body: {e}")))
}

async fn health(State(s): State<AppState>) -> Json<Value> {
    let i = s.inner();
    let ws = s.workspace();
    Json(json!({
        "status": "ok",
        "votes": ws.votes.is_some(),
        "inputs": ws.data.inputs().iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        "facts": ws.kb.facts().len(),
        "store": i.options.store.as_ref().is_some_and(|p| p.exists()),
        "writable": i.options.token.is_some(),
        "years": [i.options.years.0, i.options.years.1],
    }))
}

/// The catalogue of measures: names, labels, units, what each means, the
/// columns of tables (the dashboard's explanations and columns).
async fn measures() -> Json<Value> {
    static VIEW: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    Json(VIEW.get_or_init(|| serde_json::to_value(profile::catalogue::view()).unwrap_or_default()).clone())
}

fn state_json(s: &Country) -> Value {
    json!({"code": s.code(), "name": s.name, "iso3": s.iso3, "cow": s.cow, "cow_abb": s.cow_abb, "aliases": s.aliases})
}

async fn states(p: Params) -> ApiResult<Json<Value>> {
    let m = params(p)?;
    let q = text(&m, "q").unwrap_or("");
    let registry = Registry::global();
    let found = registry.search(q);
    if found.is_empty() {
        // resolve() explains the miss with did-you-mean hints.
        registry.resolve(q).map_err(EngineError::from)?;
    }
    Ok(Json(Value::Array(found.iter().map(|s| state_json(s)).collect())))
}

async fn facts(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let year = int(&m, "year")?;
    let kind = text(&m, "kind").map(str::parse).transpose().map_err(|e: String| ApiError::bad_parameter(e))?;
    let ws = s.workspace();
    let facts = relation::facts(&ws.kb, sub.code(), dom.code(), year, kind);
    Ok(Json(json!({
        "subordinate": sub.code(), "dominant": dom.code(), "year": year,
        "facts": relation::facts_view(&facts, year),
    })))
}

async fn timeline(State(s): State<AppState>, d: Dyad) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let t = relation::timeline(&s.workspace().kb, sub.code(), dom.code());
    Ok(Json(json!({"subordinate": sub.code(), "dominant": dom.code(), "timeline": t})))
}

async fn agreement_series(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let range = years(&s, &m)?;
    let pair = (select::cow_of(dom)?, select::cow_of(sub)?);
    blocking(move || {
        let votes = s.votes()?;
        let request = AgreementRequest {
            dyads: DyadSelection::Pairs(vec![pair]),
            options: AgreementOptions { period: PeriodKind::Year, range: Some(range), ..Default::default() },
            weights: Weights::Quadratic,
            explain: true,
        };
        let table = agreement::compute(&votes, request)?.to_table();
        Ok(Json(json!({
            "subordinate": sub.code(), "dominant": dom.code(), "years": [range.0, range.1],
            "inputs": votes.inputs, "rows": table.rows_view(),
        })))
    })
    .await
}

async fn ideal_series(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let range = years(&s, &m)?;
    let pair = (select::cow_of(dom)?, select::cow_of(sub)?);
    blocking(move || {
        let fit = s.ideal_fit()?;
        Ok(Json(json!({
            "subordinate": sub.code(), "dominant": dom.code(),
            "model": "dynamic ordinal, by session year, whole record (random walk, bridged resolutions)",
            "series": ideal::dyad_series(&fit, pair.0, pair.1, Some(range)),
        })))
    })
    .await
}

/// What a what-if changes: facts left out, facts assumed (knowledge-base TOML).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WhatIfChanges {
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    assume: String,
}

impl WhatIfChanges {
    fn is_empty(&self) -> bool {
        self.without.is_empty() && self.assume.trim().is_empty()
    }
}

/// The baseline profile and, with changes, the scenario's.
fn profiles_with(
    s: &AppState,
    live: &Live,
    dom: &'static Country,
    sub: &'static Country,
    years: (i32, i32),
    what: &WhatIfChanges,
) -> ApiResult<(Profile, Option<Profile>)> {
    let base = live.profile(dom, sub, years)?;
    let scenario = if what.is_empty() { None } else { Some(live.scenario(&s.kb_options(), dom, sub, years, what)?) };
    Ok((base, scenario))
}

async fn profile_of(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let range = years(&s, &m)?;
    let what = WhatIfChanges { without: list(&m, "without"), assume: String::new() };
    blocking(move || {
        let (base, scenario) = profiles_with(&s, &s.live(), dom, sub, range, &what)?;
        Ok(Json(to_json(&ProfileReport::new(&base, scenario.as_ref()))?))
    })
    .await
}

async fn periods(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let range = years(&s, &params(p)?)?;
    blocking(move || Ok(Json(to_json(&PeriodsView::new(&s.live().profile(dom, sub, range)?))?))).await
}

async fn explain(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Json<Value>> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let range = years(&s, &m)?;
    let year: i32 = int(&m, "year")?.ok_or_else(|| ApiError::bad_parameter("give year=YYYY"))?;
    if !(range.0..=range.1).contains(&year) {
        return Err(ApiError::bad_parameter(format!("year {year} is outside the years {}-{}", range.0, range.1)));
    }
    let measure = text(&m, "measure").map(str::to_string);
    blocking(move || {
        let live = s.live();
        let p = live.profile(dom, sub, range)?;
        // With the title of the fact behind each `kb:` source, for people.
        Ok(Json(to_json(&profile::explain_year(&p, year, measure.as_deref(), Some(&live.workspace.kb))?)?))
    })
    .await
}

async fn chart_svg(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Response> {
    let (dom, sub) = dyad(d)?;
    let m = params(p)?;
    let range = years(&s, &m)?;
    let what = WhatIfChanges { without: list(&m, "without"), assume: String::new() };
    let measures = list(&m, "measures");
    blocking(move || {
        let live = s.live();
        let (base, scenario) = profiles_with(&s, &live, dom, sub, range, &what)?;
        let names: Vec<&str> = measures.iter().map(String::as_str).collect();
        let svg = chart::profile_chart(&base, scenario.as_ref(), &names, &live.workspace.kb);
        Ok(([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], svg).into_response())
    })
    .await
}

async fn report_html(State(s): State<AppState>, d: Dyad, p: Params) -> ApiResult<Response> {
    let (dom, sub) = dyad(d)?;
    let range = years(&s, &params(p)?)?;
    blocking(move || {
        let live = s.live();
        let p = live.profile(dom, sub, range)?;
        let html = html::render(&p, &live.workspace.kb);
        Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CONTENT_SECURITY_POLICY, html::CSP)], html)
            .into_response())
    })
    .await
}

async fn compare(State(s): State<AppState>, p: Params) -> ApiResult<Json<Value>> {
    let m = params(p)?;
    let dom = select::state(text(&m, "dominant").ok_or_else(|| ApiError::bad_parameter("give dominant=STATE"))?)?;
    let range = years(&s, &m)?;
    let year = int(&m, "year")?.unwrap_or(range.1);
    let states = text(&m, "states").unwrap_or("all").to_string();
    blocking(move || {
        let ws = s.workspace();
        let (set, subs) = if states == "all" { (true, vec![]) } else { (false, select::states(&states)?) };
        let which = if set { profile::CompareSet::All } else { profile::CompareSet::States(&subs) };
        let profiles = profile::compare(&ws.inputs(None), dom, which, range, year)?;
        Ok(Json(to_json(&CompareView::new(dom.code(), &profiles, range, year))?))
    })
    .await
}

/// `POST /whatif`: the profile recomputed on a changed knowledge base.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhatIfRequest {
    dominant: String,
    subordinate: String,
    years: Option<String>,
    #[serde(flatten)]
    changes: WhatIfChanges,
}

async fn whatif(State(s): State<AppState>, b: Result<Bytes, BytesRejection>) -> ApiResult<Json<Value>> {
    let r: WhatIfRequest = body(b)?;
    let dom = select::state(&r.dominant)?;
    let sub = select::state(&r.subordinate)?;
    let range = match &r.years {
        Some(y) => select::years(y)?,
        None => s.inner().options.years,
    };
    if r.changes.is_empty() {
        return Err(ApiError::bad_parameter(
            "say what changes: without (fact ids) and/or assume (knowledge-base TOML)",
        ));
    }
    blocking(move || {
        let (base, scenario) = profiles_with(&s, &s.live(), dom, sub, range, &r.changes)?;
        Ok(Json(to_json(&ProfileReport::new(&base, scenario.as_ref()))?))
    })
    .await
}

async fn search(State(s): State<AppState>, p: Params) -> ApiResult<Json<Value>> {
    let m = params(p)?;
    let q = text(&m, "q").ok_or_else(|| ApiError::bad_parameter("give q=WORDS"))?.to_string();
    let actor = text(&m, "actor").map(str::to_string);
    let (since, until) = (int(&m, "from")?, int(&m, "to")?);
    let limit = int::<usize>(&m, "limit")?.unwrap_or(20).min(200);
    blocking(move || {
        let actor = actor.map(|a| evidence::resolve_actor(Some(&s.workspace().kb), &a)).transpose()?;
        let f = SearchFilter { actor, since, until, limit };
        let hits = s.evidence()?.search(&q, &f)?;
        Ok(Json(json!({"query": q, "hits": hits})))
    })
    .await
}

async fn documents(State(s): State<AppState>) -> ApiResult<Json<Value>> {
    blocking(move || Ok(Json(json!({"documents": s.evidence()?.documents()?})))).await
}

async fn document(
    State(s): State<AppState>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<evidence::DocumentView>> {
    let Path(id) = id.map_err(|e| ApiError::bad_parameter(e.body_text()))?;
    blocking(move || Ok(Json(s.evidence()?.document(id, &s.workspace().kb)?))).await
}

async fn candidates(State(s): State<AppState>, p: Params) -> ApiResult<Json<evidence::CandidateList>> {
    let m = params(p)?;
    let query = CandidateQuery {
        doc: int::<i64>(&m, "doc")?,
        kind: text(&m, "kind").map(str::parse::<Kind>).transpose().map_err(ApiError::bad_parameter)?,
        status: text(&m, "status").map(str::parse::<ReviewStatus>).transpose().map_err(ApiError::bad_parameter)?,
        limit: Some(int::<usize>(&m, "limit")?.unwrap_or(500)),
    };
    blocking(move || {
        let ws = s.workspace();
        Ok(Json(s.evidence()?.candidates(&query, || &ws.kb)?))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewRequest {
    id: i64,
    #[serde(default)]
    accept: bool,
    #[serde(default)]
    reject: bool,
    #[serde(default)]
    edits: Vec<String>,
    #[serde(default)]
    dry_run: bool,
}

async fn review(
    State(s): State<AppState>,
    h: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<evidence::Reviewed>> {
    s.authorise(&h)?;
    let r: ReviewRequest = body(b)?;
    blocking(move || {
        let d = Decision {
            verdict: Verdict::from_flags(r.accept, r.reject)?,
            edits: r.edits,
            kb_file: s.inner().options.kb_file.clone(),
            dry_run: r.dry_run,
        };
        // One write at a time, so workspaces are swapped in the order the
        // knowledge base was written.
        let _writing = s.inner().writing.lock().unwrap_or_else(|e| e.into_inner());
        let done = s.evidence()?.review(r.id, &d)?;
        if done.status == Outcome::Accepted {
            // The fact is in the file: profiles, facts and timelines show it from now on.
            s.reload_kb().map_err(|mut e| {
                let file = done.file.as_deref().unwrap_or("the knowledge-base file");
                let fact = done.fact.as_deref().unwrap_or("?");
                e.message = format!("fact {fact} was written to {file}, but {}", e.message);
                e
            })?;
        }
        Ok(Json(done))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestRequest {
    /// The document's name in the store (not a path: nothing is read from disk).
    name: String,
    /// Its text (plain text or HTML).
    text: String,
}

async fn ingest(State(s): State<AppState>, h: HeaderMap, b: Result<Bytes, BytesRejection>) -> ApiResult<Response> {
    s.authorise(&h)?;
    let r: IngestRequest = body(b)?;
    if r.name.trim().is_empty() {
        return Err(ApiError::bad_parameter("give the document a name"));
    }
    blocking(move || {
        let mut ev = Evidence::open(s.store_path()?)?;
        let gaz = Gazetteer::load(Some(&s.workspace().kb), None).map_err(EngineError::from)?;
        let done = ev.ingest(r.name.trim(), r.text.as_bytes(), &gaz)?;
        Ok((StatusCode::CREATED, Json(done)).into_response())
    })
    .await
}

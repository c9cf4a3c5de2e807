//! Every endpoint in process (`tower::ServiceExt::oneshot`), on the shipped
//! knowledge base without datasets, with an evidence store holding a
//! document that contains a script tag. Error bodies are checked too.

use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use hegemony_engine::evidence::{Gazetteer, Store};
use hegemony_engine::institutions;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{Settings, Workspace};
use hegemony_server::{AppState, Options, router};
use serde_json::{Value, json};
use tower::ServiceExt;

const TOKEN: &str = "test-token-1234";
const XSS_DOC: &str = "Yerevan, 14 November 2016. Russia and Armenia signed the agreement on the joint group of forces.\n\n\
Some commentators wrote <script>window.__xss=1</script> in their notes; the Collective Security Treaty Organization met in Yerevan.\n";

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
}

fn workspace() -> Workspace {
    let kb = KnowledgeBase::embedded().expect("shipped kb");
    Workspace::load(None, kb, Settings::load(None).unwrap(), institutions::weights(None).unwrap()).unwrap()
}

fn options(dir: &std::path::Path, token: Option<&str>) -> Options {
    Options {
        store: Some(dir.join("evidence.sqlite")),
        kb_file: Some(dir.join("kb/evidence.toml")),
        token: token.map(str::to_string),
        years: (1992, 2025),
        kb: hegemony_engine::kb::LoadOptions {
            base: hegemony_engine::kb::Base::Embedded,
            user_dirs: vec![],
            db: hegemony_engine::kb::DbLocation::None,
        },
        ..Options::default()
    }
}

/// One server state shared by the tests (the profile cache makes later calls fast).
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let kb = KnowledgeBase::embedded().unwrap();
        let mut store = Store::open(&dir.path().join("evidence.sqlite")).unwrap();
        store.ingest("xss.txt", XSS_DOC.as_bytes(), &Gazetteer::build(Some(&kb))).unwrap();
        let state = AppState::new(workspace(), options(dir.path(), Some(TOKEN)));
        Fixture { _dir: dir, state }
    })
}

async fn call(state: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, headers, body)
}

async fn get(path: &str) -> (StatusCode, Value) {
    let (status, _, body) = call(&fixture().state, Request::get(path).body(Body::empty()).unwrap()).await;
    let v = serde_json::from_slice(&body)
        .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&body)));
    (status, v)
}

async fn post(state: &AppState, path: &str, body: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let (status, _, body) = call(state, req.body(Body::from(body.to_string())).unwrap()).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

/// An error body: `{"error": {"code", "message"}}` with the code expected.
fn assert_error(status: StatusCode, v: &Value, want_status: StatusCode, code: &str) {
    assert_eq!(status, want_status, "{v}");
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
}

#[tokio::test]
async fn openapi_documents_every_routed_path() {
    let (status, doc) = get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    let source = [include_str!("../src/api.rs"), include_str!("../src/api_rsc.rs")].concat();
    let mut routed = 0;
    for line in source.lines().filter(|l| l.trim_start().starts_with(".route(\"")) {
        let path = line.split('"').nth(1).unwrap();
        assert!(paths.contains_key(&format!("/api/v1{path}")), "/api/v1{path} is routed but not in openapi.json");
        routed += 1;
    }
    assert_eq!(routed, paths.len(), "openapi.json lists a path that is not routed");
}

#[tokio::test]
async fn health_and_states() {
    let (s, v) = get("/api/v1/health").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["votes"], false);
    assert_eq!(v["writable"], true);
    let (s, v) = get("/api/v1/states?q=yerevan").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v[0]["code"], "ARM");
    let (s, v) = get("/api/v1/states?q=qqqqzz").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "unknown_state");
}

#[tokio::test]
async fn facts_and_timeline() {
    let (s, v) = get("/api/v1/relations/RUS/ARM/facts?year=2016").await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = v["facts"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"arm-csto"), "{ids:?}");
    let (s, v) = get("/api/v1/relations/Moscow/Armenia/facts?kind=membership").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["facts"].as_array().unwrap().iter().all(|f| f["kind"] == "membership"));
    let (s, v) = get("/api/v1/relations/RUS/ARM/facts?kind=nonsense").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get("/api/v1/relations/RUS/ARM/facts?year=twenty").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get("/api/v1/relations/RUS/Atlantis/facts").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "unknown_state");
    let (s, v) = get("/api/v1/relations/RUS/ARM/timeline").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["timeline"].as_array().unwrap().len() > 10);
}

#[tokio::test]
async fn votes_endpoints_say_when_the_data_is_missing() {
    for path in ["/api/v1/relations/RUS/ARM/agreement", "/api/v1/relations/RUS/ARM/ideal?years=2000-2010"] {
        let (s, v) = get(path).await;
        assert_error(s, &v, StatusCode::NOT_FOUND, "no_data");
    }
    let (s, v) = get("/api/v1/relations/RUS/ARM/agreement?years=2010-2000").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
}

#[tokio::test]
async fn profile_periods_explain() {
    let (s, v) = get("/api/v1/relations/RUS/ARM/profile").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["subordinate"], "ARM");
    let names: Vec<&str> = v["measures"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    for m in ["composite", "security", "economic", "institutionalisation", "alignment"] {
        assert!(names.contains(&m), "{names:?}");
    }
    assert!(!v["periods"].as_array().unwrap().is_empty());
    assert!(v.get("scenario").is_none());

    let (s, v) = get("/api/v1/relations/RUS/ARM/profile?without=arm-csto").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!v["differences"].as_array().unwrap().is_empty());
    let (s, v) = get("/api/v1/relations/RUS/ARM/profile?without=arm-cstoo").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    assert!(v["error"]["message"].as_str().unwrap().contains("did you mean arm-csto"), "{v}");
    let (s, v) = get("/api/v1/relations/RUS/ARM/profile?years=1000-1500").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");

    let (s, v) = get("/api/v1/relations/RUS/ARM/periods").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["periods"].as_array().is_some() && v["breaks"].as_array().is_some());

    let (s, v) = get("/api/v1/relations/RUS/ARM/explain?year=2016&measure=institutionalisation").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["measures"][0]["name"], "institutionalisation");
    assert!(v["measures"][0]["point"]["sources"].as_array().unwrap().iter().any(|s| s == "kb:arm-csto"), "{v}");
    assert!(v["fact_titles"]["arm-csto"].is_string());
    let (s, v) = get("/api/v1/relations/RUS/ARM/explain").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get("/api/v1/relations/RUS/ARM/explain?year=2016&measure=happiness").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    let (s, v) = get("/api/v1/relations/RUS/ARM/explain?year=1800").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
}

#[tokio::test]
async fn chart_and_report() {
    let st = &fixture().state;
    let (s, h, body) = call(st, Request::get("/api/v1/relations/RUS/ARM/chart.svg").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("image/svg+xml"));
    let svg = String::from_utf8(body).unwrap();
    assert!(svg.contains(r#"class="phase""#) && svg.contains(r#"data-measure="composite""#));
    assert!(svg.contains(r#"class="pt""#) && svg.contains(r#"class="fact""#));

    let (s, h, body) =
        call(st, Request::get("/api/v1/relations/RUS/ARM/report.html").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_SECURITY_POLICY].to_str().unwrap().starts_with("default-src 'none'"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<svg") && html.contains("Sources") && html.contains("arm-csto"));
    assert!(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"));
}

#[tokio::test]
async fn compare_and_whatif() {
    let (s, v) = get("/api/v1/compare?dominant=RUS&states=ARM,BLR&year=2016").await;
    assert_eq!(s, StatusCode::OK);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["values"]["composite"]["value"].is_number());
    let (s, v) = get("/api/v1/compare?dominant=RUS&states=all&year=2016").await;
    assert_eq!(s, StatusCode::OK);
    let ranks: Vec<u64> = v["rows"].as_array().unwrap().iter().filter_map(|r| r["rank"].as_u64()).collect();
    assert!(ranks.len() >= 10 && ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    let (s, v) = get("/api/v1/compare?states=ARM").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get("/api/v1/compare?dominant=RUS&year=1700").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");

    let st = &fixture().state;
    let (s, v) =
        post(st, "/api/v1/whatif", r#"{"dominant":"RUS","subordinate":"ARM","without":["arm-csto"]}"#, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let diffs = v["differences"].as_array().unwrap();
    assert!(diffs.iter().any(|d| d["measure"] == "institutionalisation"), "{diffs:?}");
    let assume = r#"{"dominant":"RUS","subordinate":"ARM","assume":"[[agreement]]\nid = \"whatif-x\"\n"}"#;
    let (s, v) = post(st, "/api/v1/whatif", assume, None).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    let (s, v) = post(st, "/api/v1/whatif", "{not json", None).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_json");
    let (s, v) = post(st, "/api/v1/whatif", r#"{"dominant":"RUS","subordinate":"ARM"}"#, None).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
}

#[tokio::test]
async fn evidence_search_document_candidates() {
    let (s, v) = get("/api/v1/evidence/documents").await;
    assert_eq!(s, StatusCode::OK);
    let doc = v["documents"][0]["doc"].as_i64().unwrap();
    let (s, v) = get("/api/v1/evidence/search?q=joint%20forces&actor=Armenia&from=2010").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(!v["hits"].as_array().unwrap().is_empty(), "{v}");
    let (s, v) = get("/api/v1/evidence/search").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get("/api/v1/evidence/search?q=forces&actor=Narnia").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");
    let (s, v) = get(&format!("/api/v1/evidence/documents/{doc}")).await;
    assert_eq!(s, StatusCode::OK);
    // The text is returned as it is; the page escapes it (see tests/browser).
    assert!(v["text"].as_str().unwrap().contains("<script>window.__xss=1</script>"));
    assert!(!v["spans"].as_array().unwrap().is_empty());
    let (s, v) = get("/api/v1/evidence/documents/999").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
    let (s, v) = get("/api/v1/evidence/documents/abc").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
    let (s, v) = get(&format!("/api/v1/evidence/candidates?doc={doc}&kind=relation")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["candidates"].as_array().unwrap().iter().all(|c| c["kind"] == "relation"));
    let (s, v) = get("/api/v1/evidence/candidates?kind=rumour").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
}

#[tokio::test]
async fn writes_need_the_token() {
    let st = &fixture().state;
    let (s, v) = post(st, "/api/v1/evidence/review", r#"{"id":1,"reject":true}"#, None).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, "unauthorized");
    let (s, v) = post(st, "/api/v1/evidence/review", r#"{"id":1,"reject":true}"#, Some("wrong-token")).await;
    assert_error(s, &v, StatusCode::FORBIDDEN, "forbidden");
    let (s, v) = post(st, "/api/v1/evidence/review", r#"{"id":1,"reject":true}"#, Some(TOKEN)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "rejected");
    let (s, v) = post(st, "/api/v1/evidence/review", r#"{"id":999999,"reject":true}"#, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
    let (s, v) = post(st, "/api/v1/evidence/review", r#"{"id":1}"#, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_request");

    let (s, v) = post(st, "/api/v1/evidence/ingest", r#"{"name":"n.txt","text":"Armenia and Russia."}"#, None).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED, "unauthorized");
    let body = json!({"name": "new.txt", "text": "In 2013 Armenia joined the customs union with Russia."}).to_string();
    let (s, v) = post(st, "/api/v1/evidence/ingest", &body, Some(TOKEN)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["outcome"], "stored");
    let (s, v) =
        post(st, "/api/v1/evidence/ingest", r#"{"name":"x.txt","text":"\u0000\u0001\u0002"}"#, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::UNPROCESSABLE_ENTITY, "document_refused");
}

#[tokio::test]
async fn read_only_server_refuses_changes() {
    let dir = tempfile::tempdir().unwrap();
    let st = AppState::new(workspace(), options(dir.path(), None));
    let (s, v) = post(&st, "/api/v1/evidence/review", r#"{"id":1,"reject":true}"#, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::FORBIDDEN, "read_only");
    let (s, v) = post(&st, "/api/v1/evidence/ingest", r#"{"name":"a","text":"b"}"#, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::FORBIDDEN, "read_only");
    // No store yet: the evidence endpoints say so.
    let (s, _, body) = call(&st, Request::get("/api/v1/evidence/search?q=x").body(Body::empty()).unwrap()).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_error(s, &v, StatusCode::NOT_FOUND, "no_store");
}

#[tokio::test]
async fn limits_on_size_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let small = Options { body_limit: 1024, ..options(dir.path(), Some(TOKEN)) };
    let st = AppState::new(workspace(), small);
    let big = json!({"name": "big.txt", "text": "a".repeat(5000)}).to_string();
    let (s, v) = post(&st, "/api/v1/evidence/ingest", &big, Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE, "too_large");

    let quick = Options { timeout: Duration::ZERO, ..options(dir.path(), None) };
    let st = AppState::new(workspace(), quick);
    let (s, _, body) = call(&st, Request::get("/api/v1/relations/RUS/BLR/profile").body(Body::empty()).unwrap()).await;
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_error(s, &v, StatusCode::SERVICE_UNAVAILABLE, "timeout");
}

#[tokio::test]
async fn only_the_dashboard_is_served() {
    let st = &fixture().state;
    let (s, h, body) = call(st, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains(r#"<script src="/assets/app.js""#));
    assert!(!html.contains("http://") && !html.contains("https://"), "no external resource");
    for path in ["/assets/app.js", "/assets/app.css", "/assets/map/countries.json"] {
        let (s, _, _) = call(st, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::OK, "{path}");
    }
    // No file outside the embedded assets: traversal, other names, no index.html fallback.
    for path in ["/assets/../Cargo.toml", "/assets/%2e%2e/%2e%2e/Cargo.toml", "/etc/passwd", "/index.html", "/assets/"]
    {
        let (s, _, body) = call(st, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("<html"), "{path}");
    }
    let (s, v) = get("/api/v1/no/such/endpoint").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
    let (s, v) = get("/api/v2/profile").await;
    assert_error(s, &v, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn the_map_outlines_are_served() {
    let (s, h, body) =
        call(&fixture().state, Request::get("/assets/map/countries.json").body(Body::empty()).unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"));
    let v: Value = serde_json::from_slice(&body).unwrap();
    let countries = v["countries"].as_array().unwrap();
    assert!(countries.len() > 150, "{}", countries.len());
    // Joined to the registry by ISO 3166-1 numeric code: Armenia is 051.
    let arm = countries.iter().find(|c| c["state"] == "ARM").expect("Armenia on the map");
    assert_eq!(arm["id"], "051");
    assert!(!arm["polygons"][0].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_kept_answer_is_the_answer() {
    let st = &fixture().state;
    let path = "/api/v1/relations/RUS/KAZ/chart.svg?years=2000-2010";
    let (s1, h1, b1) = call(st, Request::get(path).body(Body::empty()).unwrap()).await;
    let (s2, h2, b2) = call(st, Request::get(path).body(Body::empty()).unwrap()).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(b1, b2);
    assert_eq!(h1[header::CONTENT_TYPE], h2[header::CONTENT_TYPE]);
    assert!(h2.contains_key(header::CONTENT_SECURITY_POLICY));
    // Errors are not kept: a later good request with another query is answered afresh.
    let (s, v) = get("/api/v1/relations/RUS/KAZ/explain?year=1700").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST, "bad_parameter");
}

const AIR_DOC: &str =
    "Russia and Armenia signed an agreement on a unified regional air defence system on 23 December 2015.\n";

/// A writable server of its own (its knowledge-base file is written) with a
/// store holding a document with one relation candidate; the candidate's id.
fn writable(dir: &std::path::Path, opts: impl FnOnce(Options) -> Options) -> (AppState, i64) {
    let kb = KnowledgeBase::embedded().unwrap();
    let mut store = Store::open(&dir.join("evidence.sqlite")).unwrap();
    store.ingest("air.txt", AIR_DOC.as_bytes(), &Gazetteer::build(Some(&kb))).unwrap();
    let cands = store.candidates(None, Some(hegemony_engine::evidence::Kind::Relation), None).unwrap();
    let air = cands.iter().find(|c| c.value == "provision.unified_air_defence").expect("the air-defence candidate");
    (AppState::new(workspace(), opts(options(dir, Some(TOKEN)))), air.id)
}

async fn get_on(state: &AppState, path: &str) -> (StatusCode, Value, Vec<u8>) {
    let (status, _, body) = call(state, Request::get(path).body(Body::empty()).unwrap()).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null), body)
}

fn fact_ids(v: &Value) -> Vec<String> {
    v["facts"].as_array().unwrap().iter().filter_map(|f| f["id"].as_str().map(str::to_string)).collect()
}

#[tokio::test]
async fn an_accepted_fact_shows_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (st, cand) = writable(dir.path(), |o| o);
    let facts = "/api/v1/relations/RUS/ARM/facts";
    let timeline = "/api/v1/relations/RUS/ARM/timeline";
    let (s, before, _) = get_on(&st, facts).await;
    assert_eq!(s, StatusCode::OK);
    let (_, tl_before, _) = get_on(&st, timeline).await;
    let (_, health, _) = get_on(&st, "/api/v1/health").await;
    let n = health["facts"].as_u64().unwrap();

    let (s, v) =
        post(&st, "/api/v1/evidence/review", &json!({"id": cand, "accept": true}).to_string(), Some(TOKEN)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "accepted");
    let id = v["fact"].as_str().unwrap().to_string();
    assert!(!fact_ids(&before).contains(&id));

    // The kept answers went with the old workspace: the same requests show the fact.
    let (_, after, _) = get_on(&st, facts).await;
    assert!(fact_ids(&after).contains(&id), "{after:#}");
    let (_, tl_after, _) = get_on(&st, timeline).await;
    assert_ne!(tl_before, tl_after);
    assert!(tl_after.to_string().contains(&id), "{tl_after:#}");
    let (_, health, _) = get_on(&st, "/api/v1/health").await;
    assert_eq!(health["facts"].as_u64().unwrap(), n + 1);
}

#[tokio::test]
async fn a_kept_profile_is_not_served_after_the_knowledge_base_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (st, cand) = writable(dir.path(), |o| o);
    let path = "/api/v1/relations/RUS/ARM/explain?year=2017&measure=institutionalisation";
    let (s, first, b1) = get_on(&st, path).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    let (_, _, b2) = get_on(&st, path).await;
    assert_eq!(b1, b2, "kept");
    let (s, v) =
        post(&st, "/api/v1/evidence/review", &json!({"id": cand, "accept": true}).to_string(), Some(TOKEN)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = v["fact"].as_str().unwrap();
    let (s, after, b3) = get_on(&st, path).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(b1, b3, "a stale answer was served");
    assert!(!first.to_string().contains(id));
    assert!(after["fact_titles"].get(id).is_some(), "{after:#}");
}

#[tokio::test]
async fn a_failed_reload_keeps_the_previous_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    let with_other = |mut o: Options| {
        o.kb.user_dirs.push(other.clone());
        o
    };
    let (st, cand) = writable(dir.path(), with_other);
    let facts = "/api/v1/relations/RUS/ARM/facts";
    let (_, before, _) = get_on(&st, facts).await;
    // A broken file appears in a knowledge-base folder the review does not check.
    std::fs::write(other.join("broken.toml"), "[[agreement]\nid = 1\n").unwrap();
    let (s, v) =
        post(&st, "/api/v1/evidence/review", &json!({"id": cand, "accept": true}).to_string(), Some(TOKEN)).await;
    assert_error(s, &v, StatusCode::INTERNAL_SERVER_ERROR, "reload_failed");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("was written to") && msg.contains("broken.toml"), "{msg}");
    let (s, after, _) = get_on(&st, facts).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(fact_ids(&before), fact_ids(&after));
}

//! The `/api/v1/rsc` endpoints in process: without datasets (the errors
//! say what is missing; an unknown state is a 404 with suggestions) and on
//! the real data of ../shared/data (the JSON shape of the issue).

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hegemony_engine::Engine;
use hegemony_engine::institutions;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{Settings, Workspace};
use hegemony_server::{AppState, Options, router};
use serde_json::Value;
use tower::ServiceExt;

fn options() -> Options {
    Options {
        kb: hegemony_engine::kb::LoadOptions {
            base: hegemony_engine::kb::Base::Embedded,
            user_dirs: vec![],
            db: hegemony_engine::kb::DbLocation::None,
        },
        ..Options::default()
    }
}

async fn get(state: &AppState, path: &str) -> (StatusCode, Value) {
    let res = router(state.clone()).oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap_or_else(|_| panic!("{path}: not JSON")))
}

fn without_data() -> &'static AppState {
    static S: OnceLock<AppState> = OnceLock::new();
    S.get_or_init(|| {
        let kb = KnowledgeBase::embedded().unwrap();
        let ws =
            Workspace::load(None, kb, Settings::load(None).unwrap(), institutions::weights(None).unwrap()).unwrap();
        AppState::new(ws, options())
    })
}

fn with_data() -> &'static AppState {
    static S: OnceLock<AppState> = OnceLock::new();
    S.get_or_init(|| {
        let dir = hegemony_test_support::shared_data("ps_tss_rivalries.csv.gz");
        let ws = Workspace::open(Some(&Engine::new(dir).with_cache(None)), None, None).unwrap();
        AppState::new(ws, options())
    })
}

#[tokio::test]
async fn without_the_datasets_the_answer_names_them() {
    let s = without_data();
    let (status, v) = get(s, "/api/v1/rsc/years/2005").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{v}");
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("ps_cow_contdir") && msg.contains("ps_atop_alliance"), "{msg}");
    let (status, v) = get(s, "/api/v1/rsc/coverage").await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["datasets"].as_array().unwrap().iter().any(|d| d["dataset"] == "ps_cow_contdir" && d["years"].is_null()));
    let (status, v) = get(s, "/api/v1/rsc/states/Armenai").await;
    assert_eq!((status, v["error"]["code"].as_str()), (StatusCode::NOT_FOUND, Some("unknown_state")));
    assert!(v["error"]["message"].as_str().unwrap().contains("Armenia"), "{v}");
    let (status, v) = get(s, "/api/v1/rsc/years/2005?sector=societal").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(v["error"]["message"].as_str().unwrap().contains("not covered"), "{v}");
    let (status, _) = get(s, "/api/v1/rsc/years/twenty").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
#[ignore = "real data: needs ../shared/data"]
async fn a_year_a_complex_a_path_and_the_book_on_the_real_data() {
    let s = with_data();
    let (status, v) = get(s, "/api/v1/rsc/years/2005").await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["year"], 2005);
    assert!(v["method"].is_object() && v["insulators"].is_array());
    let ps =
        v["complexes"].as_array().unwrap().iter().find(|c| c["centre"] == "RUS").expect("a complex centred on Russia");
    for key in ["id", "name", "members", "centre", "polarity", "subcomplexes", "penetrating_powers"] {
        assert!(!ps[key].is_null(), "{key} missing: {ps}");
    }
    assert!(
        ps["subcomplexes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["members"].as_array().unwrap().contains(&Value::from("ARM")))
    );
    let id = ps["id"].as_str().unwrap();
    let (status, n) = get(s, &format!("/api/v1/rsc/years/2005/complexes/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let edges = n["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["a"] == "ARM" && e["b"] == "AZE" && e["enmity"].as_f64().unwrap() > 0.0));
    let (status, p) = get(s, "/api/v1/rsc/states/ARM?years=2019-2021").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(p["years"].as_array().unwrap().len(), 3);
    let (status, e) = get(s, "/api/v1/rsc/years/2031").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(e["error"]["message"].as_str().unwrap().contains("ps_cow_mid_ddydisps"), "{e}");
    let (status, b) = get(s, "/api/v1/rsc/years/2000/book").await;
    assert_eq!(status, StatusCode::OK);
    assert!(b["complexes"]["ari"].as_f64().is_some() && b["disagreements"].is_array());
    let (status, t) = get(s, "/api/v1/rsc/timeline?years=1990-1992").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(t["years"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn the_page_script_is_served_and_loaded_before_the_app() {
    let s = without_data();
    let res = router(s.clone()).oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    let html = String::from_utf8(axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    let (rsc, app) = (html.find(r#"<script src="/assets/rsc.js""#), html.find(r#"<script src="/assets/app.js""#));
    assert!(rsc.is_some() && rsc < app, "rsc.js must load before app.js, which registers its view");
    let res = router(s.clone()).oneshot(Request::get("/assets/rsc.js").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let js = String::from_utf8(axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    assert!(!js.contains("innerHTML") && !js.contains("eval("), "text is set as text, never as markup");
}

//! The API on the real datasets in ../shared/data: the profile has every
//! measure, and the agreement and ideal-point series of a dyad are served.
//!
//! Marked `#[ignore]`: CI runs them with `--ignored`; they fail loudly if the
//! data is missing.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{Settings, Workspace};
use hegemony_engine::{Engine, institutions};
use hegemony_server::{AppState, Options, router};
use hegemony_test_support::shared_data;
use serde_json::Value;
use tower::ServiceExt;

async fn get(state: &AppState, path: &str) -> (StatusCode, Value) {
    let res = router(state.clone()).oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&body).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "real data: needs ../shared/data"]
async fn profile_agreement_and_ideal_on_the_real_data() {
    let engine = Engine::new(shared_data("unvotes_un_votes.csv.gz")).with_cache(None);
    let ws = Workspace::load(
        Some(&engine),
        KnowledgeBase::embedded().unwrap(),
        Settings::load(None).unwrap(),
        institutions::weights(None).unwrap(),
    )
    .unwrap();
    let state = AppState::new(ws, Options { store: None, ..Options::default() });

    let (s, v) = get(&state, "/api/v1/relations/RUS/ARM/profile").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["needs"].as_array().unwrap().is_empty(), "every measure has its data: {}", v["needs"]);
    let alignment = v["measures"].as_array().unwrap().iter().find(|m| m["name"] == "alignment").unwrap();
    let y2010 = alignment["series"].as_array().unwrap().iter().find(|p| p["year"] == 2010).unwrap();
    assert_eq!(y2010["coverage"], "covered", "{y2010}");

    let (s, v) = get(&state, "/api/v1/relations/RUS/ARM/agreement?years=2010-2019").await;
    assert_eq!(s, StatusCode::OK);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 10);
    assert!(rows.iter().all(|r| r["n"].as_i64().unwrap() > 50 && r["kappa"].is_number()), "{rows:?}");

    let (s, v) = get(&state, "/api/v1/relations/RUS/ARM/ideal?years=1992-2019").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 28, "one position per year");
    assert!(series.iter().all(|p| p["distance"].as_f64().unwrap() >= 0.0));
    // Every dyad is read off one fit of the whole record, on one scale: Russia's position in a
    // year is the same in its series with Armenia and with Belarus. (That the fit is computed once
    // per server is a matter of time, measured in bench/, not asserted here.)
    let (s, w) = get(&state, "/api/v1/relations/RUS/BLR/ideal?years=1992-2019").await;
    assert_eq!(s, StatusCode::OK, "{w}");
    let dominant = |v: &Value| -> Vec<(i64, f64)> {
        let series = v["series"].as_array().unwrap();
        series.iter().map(|p| (p["year"].as_i64().unwrap(), p["dominant"]["theta"].as_f64().unwrap())).collect()
    };
    assert_eq!(dominant(&v).len(), 28);
    assert_eq!(dominant(&v), dominant(&w), "Russia's positions differ between two dyads");
}

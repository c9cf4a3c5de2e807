//! The `hegemony` binary as a user runs it: output on stdout, messages on
//! stderr, exit codes 0 / 1 / 2.

use std::path::Path;
use std::process::{Command, Output};

fn hegemony(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hegemony"))
        .args(args)
        .env_remove("HEGEMONY_DATA")
        .env("HEGEMONY_CACHE", std::env::temp_dir().join("hegemony-cli-test-cache"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A data folder with a three-state, five-vote world in the unvotes layout.
fn tiny_data(dir: &Path) {
    std::fs::write(
        dir.join("unvotes_un_roll_calls.csv"),
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n\
         1,71,0,2016-10-01,A/RES/71/1,0,0,a,b\n2,71,0,2016-10-02,A/RES/71/2,0,0,a,b\n\
         3,71,1,2016-10-03,A/RES/71/3,0,0,a,b\n4,71,0,2016-10-04,A/RES/71/4,0,0,a,b\n\
         5,71,0,2016-10-05,A/RES/71/5,0,0,a,b\n",
    )
    .unwrap();
    // Russia: yes yes no abstain yes; Armenia: yes no no yes abstain (the hand-computed table of joint.rs).
    let mut votes = String::from("rcid,country,country_code,vote\n");
    for (rc, (r, a)) in
        ["yes", "yes", "no", "abstain", "yes"].iter().zip(["yes", "no", "no", "yes", "abstain"]).enumerate()
    {
        votes += &format!("{},Russia,RU,{r}\n{},Armenia,AM,{a}\n{},United States,US,no\n", rc + 1, rc + 1, rc + 1);
    }
    std::fs::write(dir.join("unvotes_un_votes.csv"), votes).unwrap();
}

#[test]
fn states_search_and_did_you_mean() {
    let out = hegemony(&["states", "Yerevan", "--format", "csv"]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("iso3,ccode,"), "{stdout}");
    assert!(stdout.contains("ARM,371,"), "{stdout}");

    let out = hegemony(&["agreement", "--dyads", "RUS:Armnia", "--data-dir", "/nonexistent"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: unknown state 'Armnia'"), "{stderr}");
    assert!(stderr.contains("did you mean") && stderr.contains("Armenia"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let out = hegemony(&["agreement", "--by", "decade", "--all"]);
    assert_eq!(out.status.code(), Some(2));
    let out = hegemony(&["agreement"]);
    assert_eq!(out.status.code(), Some(2), "one of --dyads, --dominant, --all is required");
}

#[test]
fn missing_data_says_how_to_get_it() {
    let d = tempfile::tempdir().unwrap();
    let out = hegemony(&["agreement", "--dyads", "RUS:ARM", "--data-dir", d.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("no UN vote data") && stderr.contains("hegemony data fetch unvotes"), "{stderr}");
}

#[test]
fn agreement_csv_json_parquet_and_explain() {
    let d = tempfile::tempdir().unwrap();
    tiny_data(d.path());
    let dir = d.path().to_str().unwrap();
    let out =
        hegemony(&["agreement", "--dyads", "RUS:ARM", "--data-dir", dir, "--format", "csv", "--weights", "nominal"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "year,iso3_1,ccode1,iso3_2,ccode2,roll_calls,n,identical,agree,s_abs,s_sq,kappa,pi"
    );
    // The worked example of joint.rs: identical 0.4, agree 0.6, S 0.2 / 0.4, nominal kappa 0.0625.
    assert_eq!(
        lines.next().unwrap(),
        "2016,RUS,365,ARM,371,5,5,0.4,0.6,0.19999999999999996,0.4,0.0625,0.032258064516129004"
    );
    assert!(text(&out.stderr).contains("unvotes_un_votes.csv (sha256 "), "inputs are named on stderr");

    let out = hegemony(&[
        "agreement",
        "--dominant",
        "Moscow",
        "--with",
        "ARM,USA",
        "--data-dir",
        dir,
        "--format",
        "json",
        "--explain",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[0]["iso3_2"], "ARM");
    assert_eq!(rows[0]["yn"], 1, "Russia yes / Armenia no once");
    // Russia–USA: the USA votes no throughout; they agree only on roll call 3.
    assert_eq!(
        (rows[1]["iso3_2"].as_str(), rows[1]["n"].as_i64(), rows[1]["nn"].as_i64()),
        (Some("USA"), Some(5), Some(1))
    );

    let file = d.path().join("out.parquet");
    let out =
        hegemony(&["agreement", "--all", "--data-dir", dir, "--format", "parquet", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    // The footer names the inputs and their hashes.
    let footer = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(4096)..]);
    assert!(
        footer.contains("hegemony.inputs") && footer.contains("unvotes_un_votes.csv"),
        "no provenance in the footer"
    );
    let out = hegemony(&["agreement", "--all", "--data-dir", dir, "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(1), "parquet needs --out");
}

#[test]
fn undefined_scores_are_empty_not_nan() {
    let d = tempfile::tempdir().unwrap();
    tiny_data(d.path());
    // The USA votes no on every roll call: against itself every observed score is 1, but
    // with no variation there is no expected disagreement, so kappa and pi are undefined.
    let out =
        hegemony(&["agreement", "--dyads", "USA:USA", "--data-dir", d.path().to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout).lines().nth(1).unwrap().to_string();
    assert!(line.ends_with(",5,5,1,1,1,1,,"), "kappa and pi undefined, left empty: {line}");
}

#[test]
fn convergence_is_agreement_turned_around() {
    let d = tempfile::tempdir().unwrap();
    tiny_data(d.path());
    let dir = d.path().to_str().unwrap();
    let out = hegemony(&[
        "convergence",
        "--dominant",
        "RUS",
        "--with",
        "ARM",
        "--on",
        "identical",
        "--data-dir",
        dir,
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next().unwrap(), "year,dominant,iso3,ccode,distance,change,sub_move,dom_move");
    // 1 − identical (0.4): one year, so no change to split.
    assert_eq!(lines.next().unwrap(), "2016,RUS,ARM,371,0.6,,,");
}

/// A data folder in the unvotes layout: 14 states, three sessions of 8 roll
/// calls each, votes drawn from a one-dimensional model with the USA at the
/// positive end. Japan casts no vote in session 72 (the random walk carries
/// it); Cuba never votes on the third roll call of each session.
fn ideal_data(dir: &Path) {
    let states = [
        ("United States", "US", 2.0),
        ("Canada", "CA", 1.6),
        ("France", "FR", 1.4),
        ("Japan", "JP", 1.1),
        ("Israel", "IL", 1.8),
        ("Mexico", "MX", 0.2),
        ("Brazil", "BR", 0.0),
        ("India", "IN", -0.4),
        ("Armenia", "AM", -0.2),
        ("Egypt", "EG", -0.6),
        ("China", "CN", -1.0),
        ("Russia", "RU", -1.2),
        ("Belarus", "BY", -1.4),
        ("Cuba", "CU", -1.8),
    ];
    let mut rolls = String::from("rcid,session,importantvote,date,unres,amend,para,short,descr\n");
    let mut votes = String::from("rcid,country,country_code,vote\n");
    let mut rcid = 0;
    for session in 71..=73 {
        for k in 0..8 {
            rcid += 1;
            // Cut points spread over the scale; the same title recurs every session.
            let cut = -1.5 + 3.0 * (k as f64) / 7.0 + 0.1 * f64::from(session - 72);
            rolls +=
                &format!("{rcid},{session},0,{}-10-{:02},A/RES/{session}/{k},0,0,TITLE {k},d\n", session + 1945, k + 1);
            for (j, (name, iso2, x)) in states.iter().enumerate() {
                if (*name == "Japan" && session == 72) || (*name == "Cuba" && k == 2) {
                    continue;
                }
                // Deterministic noise: a few votes against the side the model predicts.
                let flip = (rcid * 7 + j * 13) % 17 == 0;
                let side = (x - cut) * if k % 2 == 0 { 1.0 } else { -1.0 };
                let v = if side.abs() < 0.15 {
                    "abstain"
                } else if (side > 0.0) != flip {
                    "yes"
                } else {
                    "no"
                };
                votes += &format!("{rcid},{name},{iso2},{v}\n");
            }
        }
    }
    std::fs::write(dir.join("unvotes_un_roll_calls.csv"), rolls).unwrap();
    std::fs::write(dir.join("unvotes_un_votes.csv"), votes).unwrap();
}

#[test]
fn dynamic_ideal_points_one_row_per_state_period() {
    let d = tempfile::tempdir().unwrap();
    ideal_data(d.path());
    let dir = d.path().to_str().unwrap();
    let out = hegemony(&["ideal", "--model", "dynamic", "--by", "session", "--data-dir", dir, "--format", "csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next().unwrap(), "session,iso3,ccode,theta,lo,hi,n");
    let rows: Vec<Vec<String>> = lines.map(|l| l.split(',').map(String::from).collect()).collect();
    assert_eq!(rows.len(), 14 * 3, "every state in every session, carried ones included");
    for r in &rows {
        let (theta, lo, hi): (f64, f64, f64) = (r[3].parse().unwrap(), r[4].parse().unwrap(), r[5].parse().unwrap());
        assert!(theta.is_finite() && lo < theta && theta < hi, "{r:?}");
        if r[1] == "USA" {
            assert!(theta > 0.0, "the anchor is positive: {r:?}");
        }
        let n: u32 = r[6].parse().unwrap();
        match (r[1].as_str(), r[0].as_str()) {
            ("JPN", "72") => assert_eq!(n, 0, "carried by the walk: {r:?}"),
            ("CUB", _) => assert_eq!(n, 7, "{r:?}"),
            _ => assert_eq!(n, 8, "{r:?}"),
        }
    }
    let stderr = text(&out.stderr);
    assert!(stderr.contains("carried by the random walk (rows with n = 0)"), "{stderr}");
    assert!(stderr.contains("recurring resolutions"), "{stderr}");
    // One scale: the USA stays to the right of Cuba in every session.
    for session in ["71", "72", "73"] {
        let th = |iso: &str| -> f64 {
            rows.iter().find(|r| r[0] == session && r[1] == iso).map(|r| r[3].parse().unwrap()).unwrap()
        };
        assert!(th("USA") > th("CUB") + 1.0, "session {session}");
    }

    // Convergence on the dynamic scale: the change splits into the two moves.
    let out = hegemony(&[
        "convergence",
        "--dominant",
        "RUS",
        "--with",
        "ARM,BLR",
        "--on",
        "ideal",
        "--data-dir",
        dir,
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let rows: Vec<Vec<String>> = stdout.lines().skip(1).map(|l| l.split(',').map(String::from).collect()).collect();
    assert_eq!(rows.len(), 6, "{stdout}");
    for r in rows.iter().filter(|r| !r[5].is_empty()) {
        let f = |i: usize| r[i].parse::<f64>().unwrap();
        assert!((f(5) - f(6) - f(7)).abs() < 1e-9, "change = sub_move + dom_move: {r:?}");
    }
}

#[test]
fn profile_on_the_knowledge_base_alone_says_what_needs_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = hegemony(&["profile", "ARM", "--dominant", "RUS", "--data-dir", data]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.starts_with("Armenia under Russia, 1992–2025"), "{report}");
    assert!(report.contains("Phases") && report.contains("Main facts"), "{report}");
    assert!(report.contains("hegemony data fetch unvotes"), "{report}");

    let out = hegemony(&["profile", "ARM", "--dominant", "RUS", "--data-dir", data, "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!((v["subordinate"].as_str(), v["dominant"].as_str()), (Some("ARM"), Some("RUS")));
    let inst = v["measures"].as_array().unwrap().iter().find(|m| m["name"] == "institutionalisation").unwrap();
    let y2016 = inst["series"].as_array().unwrap().iter().find(|p| p["year"] == 2016).unwrap();
    assert_eq!(y2016["coverage"], "covered");
    assert!(y2016["sources"].as_array().unwrap().iter().any(|s| s == "kb:rus-arm-joint-group-2016"), "{y2016}");
    let alignment = v["measures"].as_array().unwrap().iter().find(|m| m["name"] == "alignment").unwrap();
    assert_eq!(alignment["series"][0]["coverage"], "not_covered");
}

#[test]
fn explain_and_what_if_errors_name_the_culprit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out =
        hegemony(&["explain", "ARM", "--dominant", "RUS", "--year", "2016", "--measure", "trops", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(e.contains("no measure 'trops'") && e.contains("troops"), "{e}");

    let out =
        hegemony(&["profile", "ARM", "--dominant", "RUS", "--without", "rus-arm-joint-group-2061", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(1));
    let e = text(&out.stderr);
    assert!(e.contains("did you mean rus-arm-joint-group-2016"), "{e}");
}

#[test]
fn what_if_shows_the_difference_from_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let assume = dir.path().join("assume.toml");
    std::fs::write(
        &assume,
        r#"
[[agreement]]
id = "what-if-nuclear-2025"
title = "Hypothetical: Russian nuclear weapons stationed in Armenia"
parties = ["RUS", "ARM"]
signed = "2025-01-01"
provisions = ["nuclear_deployment"]
confidence = 0.1
sources = [{ ref = "general" }]
"#,
    )
    .unwrap();
    let args = ["profile", "ARM", "--dominant", "RUS", "--years", "2020-2025", "--data-dir", data.to_str().unwrap()];
    let out = hegemony(&[&args[..], &["--assume", assume.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("What-if (assuming"), "{report}");
    assert!(report.contains("2025 institutionalisation"), "{report}");
    assert!(!report.contains("2024 institutionalisation"), "only 2025 changes: {report}");

    let out = hegemony(&[&args[..], &["--without", "arm-csto", "--format", "json"]].concat());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diffs = v["differences"].as_array().unwrap();
    assert!(diffs.iter().any(|d| d["measure"] == "institutionalisation" && d["year"] == 2020), "{diffs:?}");
}

#[test]
fn compare_ranks_and_refuses_a_year_outside_the_range() {
    let dir = tempfile::tempdir().unwrap();
    tiny_data(dir.path());
    let data = dir.path().to_str().unwrap();
    let out = hegemony(&["compare", "ARM", "BLR", "--dominant", "RUS", "--data-dir", data, "--years", "2010-2016"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.contains("Subordinates of Russia in 2016") && table.contains("ARM") && table.contains("BLR"),
        "{table}"
    );
    let out = hegemony(&[
        "compare",
        "--all",
        "--dominant",
        "RUS",
        "--data-dir",
        data,
        "--years",
        "2010-2016",
        "--year",
        "2020",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--year 2020 is outside"));
}

#[test]
fn report_is_one_self_contained_html_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let out_file = dir.path().join("report.html");
    let out = hegemony(&[
        "report",
        "ARM",
        "--dominant",
        "RUS",
        "--data-dir",
        data.to_str().unwrap(),
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "the report goes to the file");
    let html = std::fs::read_to_string(&out_file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Armenia under Russia"));
    assert!(html.contains("<svg") && html.contains("class=\"phase\""), "the chart is inline");
    assert!(html.contains("<h2>Sources</h2>") && html.contains("rus-arm-joint-group-2016"), "sources listed");
    assert!(html.contains("What moved: institutionalisation:"), "phases say what moved");
    for outside in ["<script", "src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(outside), "the report loads nothing: found {outside}");
    }
}

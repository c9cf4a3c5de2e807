//! `hegemony rsc` as a user runs it: a hand-built data folder whose
//! complexes are worked out on paper, bad input, and the real data.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn hegemony(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hegemony"))
        .args(args)
        .env_remove("HEGEMONY_DATA")
        .env("HEGEMONY_CACHE", std::env::temp_dir().join("hegemony-cli-rsc-test-cache"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A small data folder (the engine's hand-built test has the same world and works it out on paper).
fn two_regions(dir: &Path) {
    let w = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    w(
        "ps_cow_contdir.csv",
        "ccode1,ccode2,conttype,stdate,enddate\n371,372,1,1991-12-01,2016-12-01\n365,372,1,1991-12-01,2016-12-01\n",
    );
    w(
        "ps_atop_alliance.csv",
        "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n365,371,2000,1,0,0,0,0\n",
    );
    w(
        "ps_tss_rivalries.csv",
        "tssr_id,rivalry,ccode1,ccode2,start,end,positional,spatial,ideological,interventionary,principal,aprin\n\
         199,Armenia-Azerbaijan,371,373,1991,2020,,1,,1,1,\n",
    );
    w("ps_cow_nmc.csv", "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n365,2000,,,,,,,0.05\n371,2000,,,,,,,0.001\n");
}

#[test]
fn a_year_as_a_table_and_as_json() {
    let dir = tempfile::tempdir().unwrap();
    two_regions(dir.path());
    let d = dir.path().to_str().unwrap();
    let out = hegemony(&["--data-dir", d, "rsc", "--year", "2000", "--format", "json", "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["year", "method", "complexes", "insulators", "unstructured"] {
        assert!(!v[key].is_null(), "{key}: {v:#}");
    }
    assert_eq!(v["year"], 2000);
    let out = hegemony(&["--data-dir", d, "rsc", "--year", "2000", "-q"]);
    assert!(out.status.success());
    let table = text(&out.stdout);
    assert!(table.contains("kind") && table.contains("unstructured"), "{table}");
    let out = hegemony(&["--data-dir", d, "rsc", "--coverage", "--format", "json", "-q"]);
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["military_political"][0], 1946);
}

#[test]
fn bad_input_says_what_covers_what_and_suggests_states() {
    let dir = tempfile::tempdir().unwrap();
    two_regions(dir.path());
    let d = dir.path().to_str().unwrap();
    let out = hegemony(&["--data-dir", d, "rsc", "--year", "2031"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("year 2031 is outside the years of the military_political complexes"), "{err}");
    assert!(err.contains("ps_cow_contdir (opportunity (contiguity)): 1991–2016; after: borders carried"), "{err}");
    assert!(err.contains("ps_cow_mid_ddydisps (militarised disputes): not in the data folder"), "{err}");
    assert!(out.stdout.is_empty());

    let out = hegemony(&["--data-dir", d, "rsc", "--state", "Armnia"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("unknown state 'Armnia'") && err.contains("Armenia"), "{err}");

    let out = hegemony(&["--data-dir", d, "rsc", "--year", "2000", "--sector", "economic"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("economic sector needs COW trade"), "{}", text(&out.stderr));

    let out = hegemony(&["--data-dir", d, "rsc"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("say what to show"));

    let empty = tempfile::tempdir().unwrap();
    let out = hegemony(&["--data-dir", empty.path().to_str().unwrap(), "rsc", "--year", "2000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("need datasets the data folder lacks") && err.contains("ps_cow_contdir"), "{err}");

    let out = hegemony(&["rsc", "--complex", "rsc-RUS"]);
    assert_eq!(out.status.code(), Some(2), "--complex needs --year");
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn a_state_path_and_the_book_on_the_real_data() {
    let data = hegemony_test_support::shared_data("ps_tss_rivalries.csv.gz");
    let d = data.to_str().unwrap();
    let out = hegemony(&["--data-dir", d, "rsc", "--state", "ARM", "--years", "2018-2021", "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("Caucasus") && table.contains("RUS") && table.contains("AZE"), "{table}");
    let out = hegemony(&["--data-dir", d, "rsc", "--year", "2000", "--compare-book"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("beside Regions and Powers: adjusted Rand index"));
}

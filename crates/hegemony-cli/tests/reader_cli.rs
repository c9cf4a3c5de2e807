//! What issue 18 asked of the command line: long tables for profiles and
//! comparisons, CSV in a pipe, what-if differences, words instead of Rust
//! debug text, warnings when years lie outside the votes, the convergence
//! window of a group, the states' search order and the citation; the report's
//! headline, date, versions and marks, and breaks' values and facts. Each runs
//! the binary as a user would, without a data folder unless one is made.

use std::path::Path;
use std::process::{Command, Output};

fn hegemony(args: &[&str], home: &Path) -> Output {
    std::fs::create_dir_all(home.join("kb")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_hegemony"))
        .args(args)
        .env("HEGEMONY_KB", home.join("kb"))
        .env("HEGEMONY_KB_DB", home.join("kb.sqlite"))
        .env("HEGEMONY_CACHE", home.join("cache"))
        .env("HEGEMONY_DATA", home.join("no-data"))
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn profile_as_a_long_table_in_csv_and_parquet() {
    let home = tempfile::tempdir().unwrap();
    let csv =
        ok(&hegemony(&["profile", "ARM", "--dominant", "RUS", "--years", "2015-2016", "--format", "csv"], home.path()));
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), "subordinate,dominant,year,measure,value,lo,hi,coverage,basis,source");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r[0] == "ARM" && r[1] == "RUS" && (r[2] == "2015" || r[2] == "2016")));
    // The composite's value equals the JSON profile's; its band brackets it.
    let json: serde_json::Value = serde_json::from_str(&ok(&hegemony(
        &["profile", "ARM", "--dominant", "RUS", "--years", "2015-2016", "--format", "json"],
        home.path(),
    )))
    .unwrap();
    let want = json["measures"][0]["series"][1]["value"].as_f64().unwrap();
    let c = rows.iter().find(|r| r[2] == "2016" && r[3] == "composite").unwrap();
    let (v, lo, hi): (f64, f64, f64) = (c[4].parse().unwrap(), c[5].parse().unwrap(), c[6].parse().unwrap());
    assert_eq!(v, want);
    assert!(lo <= v && v <= hi);
    // Every measure and component, and the rank as a row of its own.
    for m in ["security", "troops", "alliances", "arms_import_share", "provisions", "alignment", "rank"] {
        assert!(rows.iter().any(|r| r[2] == "2016" && r[3] == m), "no {m} row");
    }
    // Missing stays empty, never 0: the coercive presence is 0 (zero), the predicted basis is said.
    assert!(rows.iter().all(|r| r[7] != "missing" || r[4].is_empty()));

    // Parquet needs a file; --out writes it atomically.
    let out = hegemony(&["profile", "ARM", "--dominant", "RUS", "--format", "parquet"], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--out"), "{}", text(&out.stderr));
    let file = home.path().join("arm.parquet");
    ok(&hegemony(
        &["profile", "ARM", "--dominant", "RUS", "--format", "parquet", "--out", file.to_str().unwrap()],
        home.path(),
    ));
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let bytes = String::from_utf8_lossy(&bytes);
    assert!(bytes.contains("hegemony.citation") && bytes.contains("coverage"), "the citation travels as metadata");
    // --out for the readable report too.
    let report = home.path().join("arm.txt");
    ok(&hegemony(&["profile", "ARM", "--dominant", "RUS", "--out", report.to_str().unwrap()], home.path()));
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("Armenia under Russia"));
}

#[test]
fn compare_as_a_long_table_and_its_default_year() {
    let home = tempfile::tempdir().unwrap();
    let out =
        hegemony(&["compare", "ARM", "BLR", "--dominant", "RUS", "--year", "2012", "--format", "csv"], home.path());
    let csv = ok(&out);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(rows.iter().all(|r| r.contains(",2012,")), "only the year compared");
    assert!(rows.iter().any(|r| r.starts_with("ARM,RUS,2012,composite,")));
    assert!(rows.iter().any(|r| r.starts_with("BLR,RUS,2012,rank,")));
    // Without --year: the latest year measured in every part, said on stderr.
    let out = hegemony(&["compare", "--all", "--dominant", "RUS"], home.path());
    let stdout = ok(&out);
    let stderr = text(&out.stderr);
    let line =
        stderr.lines().find(|l| l.contains("the latest year every ranked state's composite is measured")).unwrap_or("");
    let year = &line[..4];
    assert!(stdout.starts_with(&format!("Subordinates of Russia in {year}")), "{line}\n{stdout}");
}

#[test]
fn what_if_differences_in_compare_and_explain() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(&hegemony(
        &["compare", "ARM", "BLR", "--dominant", "RUS", "--year", "2016", "--without", "arm-csto"],
        home.path(),
    ));
    // Armenia's values change without its CSTO membership; Belarus's do not.
    assert!(out.contains("What-if (ARM, without arm-csto):"), "{out}");
    let arm = out.split("What-if (ARM").nth(1).unwrap();
    assert!(arm.lines().any(|l| l.contains("2016 institutionalisation")), "{out}");
    let explain =
        ok(&hegemony(&["explain", "ARM", "--dominant", "RUS", "--year", "2016", "--without", "arm-csto"], home.path()));
    assert!(explain.contains("What-if (without arm-csto)") && explain.contains("→"), "{explain}");
    // The baseline's explanation lists the membership; the what-if's does not.
    let base = ok(&hegemony(&["explain", "ARM", "--dominant", "RUS", "--year", "2016"], home.path()));
    assert!(base.contains("kb:arm-csto"));
    assert!(!explain.split("What-if").next().unwrap().contains("kb:arm-csto"));
}

#[test]
fn errors_in_words() {
    let home = tempfile::tempdir().unwrap();
    let out = hegemony(&["profile", "ARM", "--dominant", "ARM"], home.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error: Armenia cannot be profiled under itself"), "{stderr}");
    assert!(!stderr.contains('{') && !stderr.contains("Some("), "no Rust debug text: {stderr}");
}

/// A data folder in the unvotes layout: five roll calls of 2016 (session 71).
fn votes_2016(dir: &Path) {
    std::fs::write(
        dir.join("unvotes_un_roll_calls.csv"),
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n\
         1,71,0,2016-10-01,A/RES/71/1,0,0,a,b\n2,71,0,2016-10-02,A/RES/71/2,0,0,a,b\n\
         3,71,0,2016-10-03,A/RES/71/3,0,0,a,b\n",
    )
    .unwrap();
    let mut votes = String::from("rcid,country,country_code,vote\n");
    for rc in 1..=3 {
        votes += &format!("{rc},Russia,RU,yes\n{rc},Armenia,AM,{}\n", if rc == 2 { "no" } else { "yes" });
    }
    std::fs::write(dir.join("unvotes_un_votes.csv"), votes).unwrap();
}

#[test]
fn years_past_the_votes_are_warned_about() {
    let home = tempfile::tempdir().unwrap();
    votes_2016(home.path());
    let dir = home.path().to_str().unwrap();
    let out = hegemony(&["agreement", "--dyads", "RUS:ARM", "--years", "2015-2020", "--data-dir", dir], home.path());
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("warning: the votes here end in 2016: 2017–2020 has no roll calls"), "{stderr}");
    assert!(stderr.contains("hegemony data fetch undl"), "{stderr}");
    assert!(stderr.contains("the votes here begin in 2016: 2015–2015"), "{stderr}");
    // Inside the record: no warning.
    let out = hegemony(&["agreement", "--dyads", "RUS:ARM", "--years", "2016", "--data-dir", dir], home.path());
    assert!(!text(&out.stderr).contains("warning"), "{}", text(&out.stderr));
}

#[test]
fn a_groups_convergence_starts_when_the_group_exists() {
    let home = tempfile::tempdir().unwrap();
    votes_2016(home.path());
    let dir = home.path().to_str().unwrap();
    let out = hegemony(
        &["convergence", "--dominant", "RUS", "--with", "post-soviet", "--group", "--data-dir", dir, "--format", "csv"],
        home.path(),
    );
    ok(&out);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--group without --years: from 1992, the first year all 14 states held UN seats"),
        "{stderr}"
    );
}

#[test]
fn tables_in_a_pipe_are_csv() {
    let home = tempfile::tempdir().unwrap();
    // The test's stdout is a pipe: facts come as CSV without --format.
    let facts = ok(&hegemony(&["facts", "ARM", "--with", "RUS", "--year", "2016"], home.path()));
    assert!(facts.starts_with("id,kind,dates,status,title,provisions,confidence,via\n"), "{}", &facts[..100]);
    assert!(facts.lines().any(|l| l.starts_with("arm-csto,membership,")));
    let timeline = ok(&hegemony(&["kb", "timeline", "ARM", "--with", "RUS"], home.path()));
    assert!(timeline.starts_with("date,kind,text,fact_id,confidence\n"));
    // Asked for, a table.
    let table = ok(&hegemony(&["facts", "ARM", "--with", "RUS", "--year", "2016", "--format", "table"], home.path()));
    assert!(table.contains('│') || table.contains('|'), "{table}");
}

#[test]
fn states_exact_and_prefix_matches_first() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(&hegemony(&["states", "arm", "--format", "csv"], home.path()));
    let names: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').nth(4).unwrap()).collect();
    assert_eq!(names[0], "Armenia", "{names:?}");
    let out = ok(&hegemony(&["states", "ger", "--format", "csv"], home.path()));
    let first = out.lines().nth(1).unwrap();
    assert!(first.contains("Germany") || first.contains("German"), "{out}");
}

#[test]
fn cite_names_the_program_and_every_input() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(&hegemony(&["cite"], home.path()));
    assert!(out.starts_with(&format!(
        "hegemony {} (hierarchy between states), computed on 2026-01-01;",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(out.contains("the data extract compiled into the program"));
    // One line per file: its full SHA-256 and name; the knowledge base last.
    let files: Vec<&str> = out.lines().filter(|l| l.len() > 66 && l.as_bytes()[64] == b' ').collect();
    assert!(files.len() >= 5 && files.last().unwrap().contains("knowledge base"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&hegemony(&["cite", "--format", "json"], home.path()))).unwrap();
    assert_eq!(json["made"], "2026-01-01");
    assert_eq!(json["default_data"], true);
    assert!(json["data"].as_array().unwrap().iter().all(|d| d["sha256"].as_str().unwrap().len() == 64));
}

#[test]
fn a_period_not_fitted_says_why_in_words() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    std::fs::write(
        dir.join("unvotes_un_roll_calls.csv"),
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n\
         1,71,0,2016-10-01,A/RES/71/1,0,0,a,b\n2,71,0,2016-10-02,A/RES/71/2,0,0,a,b\n",
    )
    .unwrap();
    // Every state votes yes on both: nothing to place anyone by.
    let mut votes = String::from("rcid,country,country_code,vote\n");
    for rc in 1..=2 {
        for (name, code) in [("Russia", "RU"), ("Armenia", "AM"), ("Belarus", "BY"), ("France", "FR")] {
            votes += &format!("{rc},{name},{code},yes\n");
        }
    }
    std::fs::write(dir.join("unvotes_un_votes.csv"), votes).unwrap();
    let out = hegemony(&["ideal", "--by", "session", "--data-dir", dir.to_str().unwrap()], dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("period 71: all 2 roll calls are unanimous (every counted vote the same)"), "{stderr}");
    assert!(!stderr.contains('{') && !stderr.contains("AllUnanimous"), "no Rust debug text: {stderr}");
}

#[test]
fn the_report_leads_with_the_headline_and_says_how_to_cite() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("report.html");
    let out = hegemony(&["report", "ARM", "--dominant", "RUS", "--out", file.to_str().unwrap()], home.path());
    ok(&out);
    let html = std::fs::read_to_string(&file).unwrap();
    // The headline comes before the chart, with the value, band, rank and parts.
    let headline = html.find(r#"class="headline""#).expect("a headline");
    assert!(headline < html.find("<svg").unwrap(), "the headline leads");
    let head = &html[headline..html[headline..].find("</div></div>").map_or(html.len(), |e| headline + e)];
    for part in ["hierarchy (composite) in 2025", "90% band", "rank 2 of 11", "Parts in 2025: measured:"] {
        assert!(head.contains(part), "{part} missing from {head}");
    }
    // The date it was made (SOURCE_DATE_EPOCH), the program and every input's SHA-256.
    assert!(html.contains("made on 2026-01-01 by hegemony"), "the date and program");
    let cite = &html[html.find("<h2>How to cite</h2>").expect("how to cite")..];
    assert!(cite.contains(&format!("hegemony {}", env!("CARGO_PKG_VERSION"))));
    let hashes = cite
        .split("<td")
        .filter(|c| {
            c.len() > 65
                && c[1..].split('<').next().is_some_and(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        })
        .count();
    assert!(hashes >= 5, "every data file with its SHA-256: {hashes}");
    // Predicted and carried values are marked in the table, the basis on hover.
    assert!(html.contains(r#"class="est" title="predicted">"#) && html.contains(r#"class="est" title="carried">"#));
    // Key facts numbered on the chart and listed with the same numbers.
    assert!(html.contains(r#"class="fact-label""#) && html.contains("<h2>Key facts</h2>"));
}

#[test]
fn breaks_show_the_years_values_and_list_a_fact_once() {
    let home = tempfile::tempdir().unwrap();
    let out = ok(&hegemony(&["profile", "ARM", "--dominant", "RUS", "--by", "year"], home.path()));
    // The headline's last break gives the years' values, which the table by year shows.
    let line = out.lines().find(|l| l.trim_start().starts_with("Last break ")).expect("the last break");
    let year: i32 = line.trim_start()[11..15].parse().unwrap();
    assert!(line.ends_with(&format!("({} → {year} values).", year - 1)), "{line}");
    let row = |y: i32| {
        out.lines()
            .find(|l| l.starts_with(&format!("  {y}  ")))
            .unwrap()
            .split_whitespace()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (before, after) = (row(year - 1), row(year));
    // Columns: year composite security economic institut. alignment …
    let col = |name: &str| {
        ["composite", "security", "economic", "institutionalisation", "alignment"]
            .iter()
            .position(|c| *c == name)
            .map(|i| i + 1)
    };
    let moves = line.split(": ").nth(1).unwrap();
    let mut checked = 0;
    for m in moves.split("; ") {
        let words: Vec<&str> = m.split_whitespace().collect();
        let Some(i) = col(&words[0].to_lowercase()) else { continue };
        // A table cell may carry its basis mark (0.57c, 0.33p).
        let num = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_alphabetic()).to_string();
        assert_eq!(num(words[1]), num(&before[i]), "{m} against {before:?}");
        assert_eq!(num(words[3]), num(&after[i]), "{m} against {after:?}");
        checked += 1;
    }
    assert!(checked >= 2, "{line}");
    // The breaks' list says its values are phase means, and a fact's entry
    // under one break is not repeated under the next.
    let breaks = &out[out.find("Breaks (means of the phase before → after)").expect("labelled as phase means")..];
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for l in breaks.lines().skip(1).take_while(|l| l.starts_with("  ")) {
        if l.starts_with("   ") {
            // A fact's entry: its date first, its id in brackets last.
            let entry = l.trim_end().ends_with(']') && l.trim_start().starts_with(|c: char| c.is_ascii_digit());
            if let (true, Some(b)) = (entry, blocks.last_mut()) {
                b.push(l.trim());
            }
        } else {
            blocks.push(Vec::new());
        }
    }
    assert!(blocks.len() > 5);
    for w in blocks.windows(2) {
        assert!(
            w[1].iter().all(|f| !w[0].contains(f)),
            "repeated in consecutive breaks: {:?}",
            w[1].iter().find(|f| w[0].contains(f))
        );
    }
}

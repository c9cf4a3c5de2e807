//! `hegemony evidence` as a user runs it: ingest, candidates, search, review
//! into a knowledge-base file that `hegemony kb check` accepts.

use std::path::Path;
use std::process::{Command, Output};

fn hegemony(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hegemony"))
        .args(args)
        .env("HOME", home)
        .env("HEGEMONY_DATA", home.join("data"))
        .env("HEGEMONY_KB", home.join("kb"))
        .env("HEGEMONY_KB_DB", home.join("kb.sqlite"))
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}", text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&o.stdout)))
}

#[test]
fn ingest_candidates_search_and_review_into_the_knowledge_base() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let doc = home.join("note.txt");
    std::fs::write(
        &doc,
        "Russia and Armenia signed an agreement on a unified regional air defence system on 23 December 2015.\n\n\
         RICHARD GIRAGOSIAN, Director of the Regional Studies Center.\n\
         The unit poses a danger and a threat to Armenian sovereignty, a disastrous challenge.\n",
    )
    .unwrap();
    let bin = home.join("junk.txt");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();

    // Store defaults to the data folder; one bad file fails the command but not the good one.
    let o = hegemony(home, &["evidence", "ingest", doc.to_str().unwrap(), bin.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(err.contains("junk.txt: a binary file") && err.contains("MB/s"), "{err}");
    assert!(home.join("data/evidence.sqlite").is_file());
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows[0]["outcome"], "stored");
    assert_eq!(rows[1]["outcome"], "failed");

    let cands = json(&hegemony(home, &["evidence", "candidates", "--doc", "1", "--format", "json"]));
    let find = |kind: &str, value: &str| {
        cands
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind && c["value"] == value)
            .unwrap_or_else(|| panic!("no {kind} {value} in {cands:#}"))
            .clone()
    };
    let air = find("relation", "provision.unified_air_defence");
    assert_eq!(air["actors"], serde_json::json!(["RUS", "ARM"]));
    assert_eq!(air["start"], 0);
    // Linked to the knowledge base's 2015 air-defence agreement.
    assert!(
        air["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["fact"] == "rus-arm-air-defence-2015" && l["relation"] == "supports"),
        "{air:#}"
    );
    let date = find("date", "2015-12-23");
    assert_eq!(date["span"], "23 December 2015");
    let claim = find("claim", "critical");
    assert_eq!(claim["detail"]["speaker"], "Richard Giragosian");

    let hits =
        json(&hegemony(home, &["evidence", "search", "unified air defense", "--actor", "Armenia", "--format", "json"]));
    assert!(hits[0]["snippet"].as_str().unwrap().contains("**unified**"), "{hits:#}");
    let none = json(&hegemony(home, &["evidence", "search", "air defence", "--until", "2010", "--format", "json"]));
    assert_eq!(none, serde_json::json!([]));

    // A date alone does not become a fact; nothing is written.
    let o = hegemony(home, &["evidence", "review", &date["id"].to_string(), "--accept"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("only relations and claims become facts"));
    assert!(!home.join("kb/evidence.toml").exists());

    // Accept with an edit: the fact lands in $HEGEMONY_KB/evidence.toml with the span as its quote.
    let id = air["id"].to_string();
    let title = "title=Agreement on the unified regional air defence system in the Caucasus";
    let o = hegemony(home, &["evidence", "review", &id, "--accept", "--edit", title]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let toml = std::fs::read_to_string(home.join("kb/evidence.toml")).unwrap();
    assert!(
        toml.contains("signed = \"2015-12-23\"") && toml.contains("provisions = [\"unified_air_defence\"]"),
        "{toml}"
    );
    assert!(toml.contains("quote = \"Russia and Armenia signed an agreement on a unified regional air defence system on 23 December 2015.\""));
    let o = hegemony(home, &["evidence", "review", &claim["id"].to_string(), "--accept"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = hegemony(home, &["kb", "check", home.join("kb").to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("0 error(s)"));

    // Accepting twice would duplicate the id: refused, file unchanged.
    let before = std::fs::read_to_string(home.join("kb/evidence.toml")).unwrap();
    let o = hegemony(home, &["evidence", "review", &id, "--accept"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("duplicate_id"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read_to_string(home.join("kb/evidence.toml")).unwrap(), before);

    // Reject, and the status shows.
    let o = hegemony(home, &["evidence", "review", &date["id"].to_string(), "--reject"]);
    assert!(o.status.success());
    let rejected = json(&hegemony(home, &["evidence", "candidates", "--status", "rejected", "--format", "json"]));
    assert_eq!(rejected.as_array().unwrap().len(), 1);

    // Re-ingest: no-op.
    let again = json(&hegemony(home, &["evidence", "ingest", doc.to_str().unwrap(), "--format", "json"]));
    assert_eq!(again[0]["outcome"], "unchanged");
    // A PDF without a body: refused with a clear message.
    let pdf = home.join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let o = hegemony(home, &["evidence", "ingest", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("paper.pdf: cannot read the PDF"), "{}", text(&o.stderr));
}

#[test]
fn ingest_a_pdf_and_find_its_evidence() {
    use hegemony_engine::evidence::pdf::testing::{MEDIA_BOX, text_pdf};
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let pdf = home.join("base.pdf");
    let lines: &[&[&str]] = &[
        &["Russia and Armenia signed a protocol extending the lease of the", "base at Gyumri on 20 August 2010."],
        &["The base hosts about 3,000 troops."],
    ];
    std::fs::write(&pdf, text_pdf(&[lines], MEDIA_BOX, Some("<< /Title (The Gyumri base) >>"))).unwrap();
    let rows = json(&hegemony(home, &["evidence", "ingest", pdf.to_str().unwrap(), "--format", "json"]));
    assert_eq!(rows[0]["outcome"], "stored", "{rows:#}");
    assert_eq!(rows[0]["passages"], 2);
    let docs = json(&hegemony(home, &["evidence", "docs", "--format", "json"]));
    assert_eq!(docs[0]["format"], "pdf");
    assert_eq!(docs[0]["title"], "The Gyumri base");
    let cands = json(&hegemony(home, &["evidence", "candidates", "--doc", "1", "--format", "json"]));
    let date = cands.as_array().unwrap().iter().find(|c| c["kind"] == "date").expect("a date");
    assert_eq!((date["value"].as_str(), date["span"].as_str()), (Some("2010-08-20"), Some("20 August 2010")));
    let hits = json(&hegemony(home, &["evidence", "search", "Gyumri lease", "--format", "json"]));
    assert_eq!(hits[0]["doc"], 1, "{hits:#}");
    let again = json(&hegemony(home, &["evidence", "ingest", pdf.to_str().unwrap(), "--format", "json"]));
    assert_eq!(again[0]["outcome"], "unchanged");
}

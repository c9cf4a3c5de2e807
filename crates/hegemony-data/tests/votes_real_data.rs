//! The vote loaders on the real files in ../shared/data.
//!
//! Marked `#[ignore]`: `cargo test` on a machine without ../shared passes;
//! CI runs them with `--ignored`, and they fail loudly if the data is missing.

use hegemony_data::{load_unvotes, load_voeten};
use hegemony_test_support::shared_data;

#[test]
#[ignore = "real data: needs ../shared/data"]
fn unvotes_loads_every_row() {
    let d = shared_data("unvotes_un_votes.csv.gz");
    let l = load_unvotes(
        &d.join("unvotes_un_votes.csv.gz"),
        &d.join("unvotes_un_roll_calls.csv.gz"),
        Some(&d.join("unvotes_un_roll_call_issues.csv.gz")),
    )
    .unwrap();
    for diag in l.diagnostics.items.iter().take(20) {
        eprintln!("{diag}");
    }
    assert_eq!(l.inputs[0].rows, 870_109);
    assert_eq!(l.record.roll_calls.len(), 6_203);
    assert!(l.diagnostics.is_empty(), "{} diagnostics", l.diagnostics.len());
    assert_eq!(l.record.len(), 870_109);
    l.record.validate().unwrap();
    // The SHA-256 of the stored file is the one SOURCES.tsv records.
    assert_eq!(l.inputs[0].sha256, "4a11b1324746892ae16eda1cdd6340e16ef8beb1f9dacada9124f14a585a746d");
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn voeten_2016_loads_with_absences() {
    let d = shared_data("unvotes_un_votes.csv.gz");
    let l =
        load_voeten(&d.join("voeten_unvotes2016_votes.csv.gz"), Some(&d.join("voeten_unvotes2016_rollcalls.csv.gz")))
            .unwrap();
    for diag in l.diagnostics.items.iter().take(20) {
        eprintln!("{diag}");
    }
    assert_eq!(l.inputs[0].rows, 1_066_613);
    assert_eq!(l.record.roll_calls.len(), 5_429);
    assert!(l.record.records_absences);
    assert!(l.diagnostics.is_empty(), "{} diagnostics", l.diagnostics.len());
    l.record.validate().unwrap();
}

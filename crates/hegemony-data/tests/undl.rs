//! The UN Digital Library loader on small fixtures of both layouts (`fixtures/undl/`): the file of
//! July 2025 with `vote_note`, and one under the 2024 name without it. Each has rows the loader must
//! refuse or report; every one shows up as a diagnostic with its line.

use std::io::Write;
use std::path::{Path, PathBuf};

use hegemony_core::{Vote, VoteCode};
use hegemony_data::catalog::find_undl;
use hegemony_data::{LoadError, LoadedVotes, VoteFormat, load_undl};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/undl").join(name)
}

const NEW: &str = "2025_7_23_ga_voting.csv";
const OLD: &str = "2024_09_12_ga_resolutions_voting.csv";

/// The diagnostics as `line: 'value': reason`, in file order.
fn diagnostics(l: &LoadedVotes) -> Vec<String> {
    l.diagnostics.items.iter().map(|d| format!("{}: '{}': {}", d.line, d.value, d.reason)).collect()
}

/// The votes of one roll call as (COW code, code), sorted.
fn votes_of(l: &LoadedVotes, rcid: u32) -> Vec<(u16, VoteCode)> {
    let rc = l.record.roll_call_index(rcid).expect("roll call present") as u32;
    let mut v: Vec<(u16, VoteCode)> = (0..l.record.len())
        .filter(|&i| l.record.roll_call[i] == rc)
        .map(|i| (l.record.state[i], l.record.code[i]))
        .collect();
    v.sort_by_key(|x| x.0);
    v
}

const Y: VoteCode = VoteCode::Cast(Vote::Yes);
const N: VoteCode = VoteCode::Cast(Vote::No);
const A: VoteCode = VoteCode::Cast(Vote::Abstain);
const X: VoteCode = VoteCode::Absent;

#[test]
fn the_2025_layout_loads_with_every_refusal_reported() {
    let l = load_undl(&fixture(NEW)).unwrap();
    assert_eq!(l.format, VoteFormat::Undl);
    assert!(l.record.records_absences);
    l.record.validate().unwrap();
    assert_eq!(l.inputs.len(), 1);
    assert_eq!(l.inputs[0].rows, 14);
    assert_eq!(
        diagnostics(&l),
        [
            "2: 'ES-11': not a regular session number; roll call 1000001 filed under session 76, by its date",
            "9: '4': the file's total of yes votes is 4, its rows hold 3",
            "12: '2022-11-05': date differs from line 9 of the same undl_id (2022-11-04); kept line 9",
            "13: 'XXX (ATLANTIS)': unknown Member State code and name; vote skipped",
            "14: 'Q': ms_vote must be Y, N, A, X, NV or empty; vote skipped",
            "15: 'abc': undl_id is not a whole number; row skipped",
        ]
    );
    let ukraine = &l.record.roll_calls[0];
    assert_eq!((ukraine.rcid, ukraine.session), (1000001, 76));
    assert_eq!(ukraine.date.unwrap().to_string(), "2022-03-02");
    assert_eq!(ukraine.unres.as_deref(), Some("A/RES/ES-11/1"));
    assert_eq!(ukraine.short.as_deref(), Some("Aggression against Ukraine"));
    assert!(ukraine.is_final_passage());
    // X and an empty cell are a member that did not vote.
    assert_eq!(votes_of(&l, 1000001), [(365, N), (369, Y), (370, N), (371, A), (373, X), (701, X), (705, A)]);
    assert_eq!(l.record.roll_calls[1].session, 77);
    assert_eq!(votes_of(&l, 1000002), [(365, Y), (369, N), (370, Y), (371, Y)]);
}

#[test]
fn the_2024_layout_without_vote_note_loads_with_the_seats_of_the_day() {
    let l = load_undl(&fixture(OLD)).unwrap();
    l.record.validate().unwrap();
    assert_eq!(
        diagnostics(&l),
        ["9: '': unknown Member State code and name; vote skipped"],
        "totals agree, sessions are numbers"
    );
    // Sorted by undl_id: the 1980 roll call comes first.
    assert_eq!(
        l.record.roll_calls.iter().map(|r| (r.rcid, r.session)).collect::<Vec<_>>(),
        [(1000100, 35), (1000101, 15)]
    );
    // 1980: `DEU` is the Federal Republic's seat (COW 260), `DDR` the GDR (265), `CHN` the PRC (710).
    assert_eq!(votes_of(&l, 1000100), [(260, Y), (265, N), (710, Y)]);
    // 1960: China's seat is the Republic of China's (713); `SUN` (withdrawn ISO) is Russia's identity
    // (365), `YUG` Yugoslavia (345).
    assert_eq!(votes_of(&l, 1000101), [(2, A), (345, Y), (365, Y), (713, Y)]);
}

#[test]
fn gzip_compressed_files_load_the_same() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("undl_ga_voting.csv.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&p).unwrap(), flate2::Compression::default());
    enc.write_all(&std::fs::read(fixture(NEW)).unwrap()).unwrap();
    enc.finish().unwrap();
    let (a, b) = (load_undl(&fixture(NEW)).unwrap(), load_undl(&p).unwrap());
    assert_eq!(a.record.roll_calls, b.record.roll_calls);
    assert_eq!((a.record.state.clone(), a.record.code.clone()), (b.record.state.clone(), b.record.code.clone()));
    assert_eq!(diagnostics(&a), diagnostics(&b));
}

#[test]
fn another_layout_is_refused_naming_the_missing_columns() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("votes.csv");
    std::fs::write(&p, "rcid,ccode,vote\n1,2,1\n").unwrap();
    let e = load_undl(&p).unwrap_err();
    assert!(matches!(e, LoadError::WrongColumns { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.contains("undl_id") && msg.contains("ms_vote") && msg.contains("votes.csv"), "{msg}");
}

#[test]
fn a_file_with_no_usable_row_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bad.csv");
    std::fs::write(&p, "undl_id,ms_code,ms_vote,date,session,resolution\nx,RUS,Y,2022-01-01,76,A/RES/76/1\n").unwrap();
    let e = load_undl(&p).unwrap_err();
    assert!(matches!(e, LoadError::NothingUsable { .. }), "{e}");
    assert!(e.to_string().contains("undl_id is not a whole number"), "{e}");
}

#[test]
fn the_catalogue_finds_the_fetched_name_else_the_newest_library_name() {
    let d = tempfile::tempdir().unwrap();
    assert_eq!(find_undl(d.path()), None);
    for name in ["2024_09_12_ga_resolutions_voting.csv", "2025_7_23_ga_voting.csv", "2025_10_3_ga_voting.csv.gz"] {
        std::fs::write(d.path().join(name), "x").unwrap();
    }
    std::fs::write(d.path().join("2026_1_1_sc_voting.csv"), "x").unwrap(); // the Security Council's
    // 2025-10-03 is newer than 2025-07-23 although "1" sorts before "7".
    assert_eq!(find_undl(d.path()), Some(d.path().join("2025_10_3_ga_voting.csv.gz")));
    std::fs::write(d.path().join("undl_ga_voting.csv"), "x").unwrap();
    assert_eq!(find_undl(d.path()), Some(d.path().join("undl_ga_voting.csv")));
}

//! `hegemony data fetch undl` against a local UN Digital Library look-alike (see `support/mod.rs`),
//! serving the fixture files of both layouts (`fixtures/undl/`): the newest release is chosen,
//! stored under its stable name, verified, recorded, resumed after a dropped connection, and loads.

mod support;

use std::path::{Path, PathBuf};

use hegemony_data::catalog::find_undl;
use hegemony_data::fetch::{
    self, FetchError, FetchOptions, FetchOutcome, NoProgress, PART_SUFFIX, Repository, SourceRecord, catalog_entry,
    fetch,
};
use hegemony_data::{VoteFormat, load_undl};
use support::{Behavior, Recorder, TestServer, md5_hex, read, sha256_hex, undl_listing};

const NEW: &str = "2025_7_23_ga_voting.csv";
const OLD: &str = "2024_09_12_ga_resolutions_voting.csv";

fn fixture(name: &str) -> Vec<u8> {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/undl").join(name))
}

/// A record like the real one: this year's and an earlier file of the same name pattern, the
/// 2024-named file, and the description.
fn record(with_md5: bool) -> (TestServer, Vec<u8>) {
    let (new, old) = (fixture(NEW), fixture(OLD));
    let earlier = b"undl_id,ms_code,ms_vote,date,session,resolution\n1,RUS,Y,2025-03-01,79,A/RES/79/1\n".to_vec();
    let readme = b"# UN General Assembly Voting Data".to_vec();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("2025_3_31_ga_voting.csv", earlier),
        (NEW, new.clone()),
        (OLD, old),
        ("2025_7_23_ga_voting_md.md", readme),
    ];
    let listing = undl_listing(&files.iter().map(|(n, b)| (*n, b.as_slice())).collect::<Vec<_>>(), with_md5);
    (TestServer::start_undl(Some(listing), files), new)
}

fn part_of(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(PART_SUFFIX);
    s.into()
}

#[test]
fn catalog_knows_the_library_record_and_its_terms() {
    let e = catalog_entry("undl").expect("undl in the catalogue");
    assert_eq!((e.repository, e.persistent_id), (Repository::UnDigitalLibrary, "4060887"));
    assert!(e.citation.contains("https://digitallibrary.un.org/record/4060887"), "{}", e.citation);
    assert!(e.terms.is_some_and(|t| t.contains("automated downloads")));
    assert_eq!(Repository::UnDigitalLibrary.default_url(), "https://digitallibrary.un.org");
    assert_eq!(Repository::UnDigitalLibrary.env_var(), "HEGEMONY_UNDL_URL");
}

#[test]
fn the_newest_release_is_fetched_verified_recorded_and_loads() {
    let (server, new) = record(true);
    let tmp = tempfile::tempdir().unwrap();
    let mut rec = Recorder::default();
    let report = fetch("undl", tmp.path(), &server.options(), &mut rec).expect("fetch");

    let path = tmp.path().join("undl_ga_voting.csv");
    assert_eq!(report.path, path);
    assert_eq!(read(&path), new);
    assert!(!part_of(&path).exists());
    assert_eq!(report.remote_file_name, NEW);
    assert_eq!(report.selected_by, "the newest of 2 files matching *_ga_voting.csv");
    assert_eq!(report.dataset_version, "2025-07-23");
    assert_eq!(report.file_id, None);
    assert_eq!(report.url, format!("{}/record/4060887/files/{NEW}", server.base_url()));
    assert_eq!(report.verified_checksum.as_ref().map(|c| c.value.clone()), Some(md5_hex(&new)));
    assert_eq!(report.sha256, sha256_hex(&new));
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: None, restarts: 0 });
    assert_eq!(report.available.len(), 4);
    assert!(rec.messages.iter().any(|m| m.contains("automated downloads")), "the terms are shown: {:?}", rec.messages);

    let sidecar = SourceRecord::read_for(&path).unwrap();
    assert_eq!((sidecar.dataset.as_str(), sidecar.persistent_id.as_str()), ("undl", "4060887"));
    assert_eq!((sidecar.dataset_version.as_str(), sidecar.remote_file_name.as_str()), ("2025-07-23", NEW));
    assert_eq!(
        (sidecar.file_id, sidecar.bytes, sidecar.sha256.as_str()),
        (None, new.len() as u64, report.sha256.as_str())
    );
    let raw: serde_json::Value = serde_json::from_slice(&read(&SourceRecord::path_for(&path))).unwrap();
    assert!(raw.get("file_id").is_none(), "no file id is written where the repository has none: {raw}");

    // It listed the record once, then asked for the one file.
    let log = server.log();
    assert_eq!(log[0].target, "/api/v1/file?recid=4060887");
    assert_eq!(server.file_requests().len(), 1);

    // The catalogue finds it, and it loads.
    assert_eq!(find_undl(tmp.path()), Some(path.clone()));
    let loaded = load_undl(&path).unwrap();
    assert_eq!(loaded.format, VoteFormat::Undl);
    assert_eq!(loaded.inputs[0].sha256, report.sha256);
    assert_eq!(loaded.record.roll_calls.len(), 2);

    // A second fetch finds the verified copy and downloads nothing.
    server.clear_log();
    let again = fetch("undl", tmp.path(), &server.options(), &mut NoProgress).unwrap();
    assert_eq!(again.outcome, FetchOutcome::AlreadyPresent);
    assert!(server.file_requests().is_empty());
}

#[test]
fn a_dropped_connection_resumes_and_a_size_only_listing_still_verifies() {
    let (server, new) = record(false);
    let tmp = tempfile::tempdir().unwrap();
    let cut = 1_000u64;
    server.set_behavior(Behavior { drop_after: Some(cut), drops_left: 1, ..Behavior::default() });
    let err = fetch("undl", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ConnectionDropped { received, .. } if received == cut), "{err:?}");
    let path = tmp.path().join("undl_ga_voting.csv");
    assert!(!path.exists());
    assert_eq!(read(&part_of(&path)), new[..cut as usize]);

    server.clear_log();
    let report = fetch("undl", tmp.path(), &server.options(), &mut NoProgress).expect("resumed");
    assert_eq!(server.file_requests()[0].range.as_deref(), Some("bytes=1000-"));
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: Some(cut), restarts: 0 });
    assert_eq!(report.verified_checksum, None, "no MD5 listed: the size is checked");
    assert_eq!(read(&path), new);
}

#[test]
fn a_release_date_and_a_named_file_choose_other_files() {
    let (server, _) = record(true);
    let tmp = tempfile::tempdir().unwrap();
    // --version 2025-03-31: the earlier release.
    let opts = FetchOptions { dataset_version: Some("2025-03-31".into()), ..server.options() };
    let r = fetch("undl", tmp.path(), &opts, &mut NoProgress).unwrap();
    assert_eq!((r.remote_file_name.as_str(), r.dataset_version.as_str()), ("2025_3_31_ga_voting.csv", "2025-03-31"));
    // --file NAME: no listing, the file under its own name (the catalogue finds the 2024 name too).
    server.clear_log();
    let other = tempfile::tempdir().unwrap();
    let opts = FetchOptions { file_name: Some(OLD.into()), ..server.options() };
    let r = fetch("undl", other.path(), &opts, &mut NoProgress).unwrap();
    assert_eq!((r.path.clone(), r.selected_by.as_str()), (other.path().join(OLD), "named with --file"));
    assert!(server.log().iter().all(|l| !l.target.starts_with("/api/")), "no listing: {:?}", server.log());
    assert_eq!(find_undl(other.path()), Some(other.path().join(OLD)));
    let loaded = load_undl(&r.path).unwrap();
    assert_eq!(loaded.record.roll_calls.len(), 2, "the layout without vote_note loads");
    // A date that is no release date is refused.
    let opts = FetchOptions { dataset_version: Some("July".into()), ..server.options() };
    let e = fetch("undl", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(e.to_string().contains("not a release date"), "{e}");
}

#[test]
fn an_unexpected_listing_says_to_name_the_file() {
    let server = TestServer::start_undl(Some("<html>search</html>".into()), vec![]);
    let tmp = tempfile::tempdir().unwrap();
    let e = fetch("undl", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(e, FetchError::BadApiResponse { .. }), "{e:?}");
    assert!(e.to_string().contains("--file NAME"), "{e}");
    let none = TestServer::start_undl(None, vec![]);
    let e = fetch("undl", tmp.path(), &none.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(e, FetchError::Http { status: 404, .. }), "{e:?}");
    assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none(), "nothing written after a failure");
}

#[test]
fn the_server_option_overrides_the_library_url() {
    // The default server is never contacted in tests: the option wins over the environment, and an
    // unreachable loopback port gives a network error naming the URL.
    let opts = FetchOptions { base_url: Some("http://127.0.0.1:9".into()), retries: 0, ..FetchOptions::default() };
    let tmp = tempfile::tempdir().unwrap();
    let e = fetch::fetch("undl", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(e, FetchError::Network { .. }), "{e:?}");
    assert!(e.to_string().contains("127.0.0.1:9/api/v1/file?recid=4060887"), "{e}");
}

//! `hegemony data fetch` against a local Dataverse look-alike (see `support/mod.rs`).
//!
//! Tests on synthetic bytes run everywhere; the ones serving a real file from ../shared/data are
//! `#[ignore]`d (CI runs them with `--ignored`) and panic if that directory is missing.

mod support;

use std::fs;
use std::path::Path;

use hegemony_data::fetch::{
    self, ChecksumAlgorithm, FetchError, FetchOutcome, NoProgress, PART_SUFFIX, SourceRecord, catalog, fetch,
};
use hegemony_test_support::{recorded_sha256, shared_data};
use support::{
    Behavior, ListedFile, Recorder, TestServer, dataset_envelope, md5_hex, read, sha1_hex, sha256_hex, synthetic_bytes,
    version_envelope, version_object,
};

/// A release like the real one: the votes file among others.
fn release_with(votes_name: &str, votes: &[u8]) -> (String, Vec<(u64, Vec<u8>)>) {
    let codebook = b"%PDF-1.4 codebook".to_vec();
    let rdata = b"RDX3 not really".to_vec();
    let files = vec![
        ListedFile::with_md5(11, "Codebook UN Voting Data.pdf", &codebook),
        ListedFile::with_md5(12, votes_name, votes),
        ListedFile::with_md5(13, "UNVotes-1.RData", &rdata),
    ];
    let json = dataset_envelope(version_object(33, 0, &files));
    (json, vec![(11, codebook), (12, votes.to_vec()), (13, rdata)])
}

fn part_of(p: &Path) -> std::path::PathBuf {
    let mut s = p.as_os_str().to_os_string();
    s.push(PART_SUFFIX);
    s.into()
}

fn assert_no_data_file(dir: &Path) {
    assert!(!dir.join("UNVotes.csv").exists(), "a final data file exists after a failed fetch");
    assert!(!dir.join("UNVotes.csv.source.json").exists(), "a sidecar exists after a failed fetch");
}

#[test]
fn catalog_knows_unvotes() {
    let e = catalog().iter().find(|e| e.name == "unvotes").expect("unvotes in catalog");
    assert_eq!(e.persistent_id, "hdl:1902.1/12379");
    assert!(e.citation.contains("Voeten") && e.citation.contains("Strezhnev") && e.citation.contains("Bailey"));
}

#[test]
fn unknown_dataset_lists_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("nope", tmp.path(), &fetch::FetchOptions::default(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::UnknownDataset { .. }));
    assert!(err.to_string().contains("unvotes"), "{err}");
}

#[test]
fn clean_download_is_verified_and_recorded() {
    let votes = synthetic_bytes(300_000, 1);
    let (json, files) = release_with("UNVotes-1.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("not-yet-created");
    let mut rec = Recorder::default();

    let report = fetch("unvotes", &dir, &server.options(), &mut rec).expect("fetch");

    let path = dir.join("UNVotes.csv");
    assert_eq!(report.path, path);
    assert_eq!(read(&path), votes);
    assert!(!part_of(&path).exists(), "the .part must be gone after success");
    assert_eq!(report.remote_file_name, "UNVotes-1.csv");
    assert_eq!(report.selected_by, "matched UNVotes*.csv");
    assert_eq!(report.dataset_version, "33.0");
    assert_eq!(report.file_id, Some(12));
    assert_eq!(report.bytes, votes.len() as u64);
    assert_eq!(report.sha256, sha256_hex(&votes));
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: None, restarts: 0 });
    let checksum = report.verified_checksum.clone().expect("verified against the API's checksum");
    assert_eq!((checksum.algorithm, checksum.value), (ChecksumAlgorithm::Md5, md5_hex(&votes)));
    assert_eq!(report.available.len(), 3);

    // Provenance sidecar.
    let rec_path = dir.join("UNVotes.csv.source.json");
    assert_eq!(report.sidecar, rec_path);
    let sidecar = SourceRecord::read_for(&path).expect("sidecar");
    assert_eq!(sidecar.dataset, "unvotes");
    assert_eq!(sidecar.persistent_id, "hdl:1902.1/12379");
    assert_eq!(sidecar.dataset_version, "33.0");
    assert_eq!(sidecar.release_time.as_deref(), Some("2024-06-24T12:00:00Z"));
    assert_eq!(sidecar.file_id, Some(12));
    assert_eq!(sidecar.remote_file_name, "UNVotes-1.csv");
    assert_eq!(sidecar.url, format!("{}/api/access/datafile/12", server.base_url()));
    assert_eq!(sidecar.bytes, votes.len() as u64);
    assert_eq!(sidecar.sha256, sha256_hex(&votes));
    assert_eq!(sidecar.checksum.as_ref().map(|c| c.value.clone()), Some(md5_hex(&votes)));
    assert!(sidecar.fetched_at.ends_with('Z') && sidecar.fetched_at.len() == 20, "{}", sidecar.fetched_at);
    let raw: serde_json::Value = serde_json::from_slice(&read(&rec_path)).unwrap();
    assert_eq!(raw["checksum"]["type"], "MD5");

    // Progress: one transfer, every byte reported, finished.
    assert_eq!(rec.starts, vec![Some(votes.len() as u64)]);
    assert_eq!(rec.advanced, votes.len() as u64);
    assert_eq!(rec.finishes, 1);
    assert!(rec.messages.iter().any(|m| m.contains("UNVotes-1.csv")), "{:?}", rec.messages);

    // It asked for the latest version by persistent id, then the chosen file, with no Range.
    let log = server.log();
    assert!(log[0].target.starts_with("/api/datasets/:persistentId/?persistentId=hdl:1902.1/12379"), "{log:?}");
    let reqs = server.file_requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].target, "/api/access/datafile/12");
    assert_eq!(reqs[0].range, None);
}

#[test]
fn dropped_connection_keeps_the_part_and_the_next_fetch_resumes() {
    let votes = synthetic_bytes(400_000, 2);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("UNVotes.csv");
    let cut = 150_001u64;
    server.set_behavior(Behavior { drop_after: Some(cut), drops_left: 1, ..Behavior::default() });

    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ConnectionDropped { received, .. } if received == cut), "{err:?}");
    assert!(err.is_resumable());
    let msg = err.to_string();
    assert!(msg.contains("resumes") && msg.contains(".part"), "{msg}");
    assert_no_data_file(tmp.path());
    let part = part_of(&path);
    assert_eq!(fs::metadata(&part).expect("the .part remains").len(), cut);
    assert_eq!(read(&part), votes[..cut as usize]);

    server.clear_log();
    let mut rec = Recorder::default();
    let report = fetch("unvotes", tmp.path(), &server.options(), &mut rec).expect("resumed fetch");
    let reqs = server.file_requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0].range.as_deref(), Some(format!("bytes={cut}-").as_str()));
    assert_eq!(reqs[0].status, 206);
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: Some(cut), restarts: 0 });
    assert_eq!(read(&path), votes);
    assert_eq!(report.sha256, sha256_hex(&votes));
    assert!(!part.exists());
    // The bar starts at the full size and counts the resumed bytes too.
    assert_eq!(rec.starts, vec![Some(votes.len() as u64)]);
    assert_eq!(rec.advanced, votes.len() as u64);
    assert_eq!(rec.finishes, 1);
}

#[test]
fn retries_resume_within_one_call() {
    let votes = synthetic_bytes(200_000, 3);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    let opts = fetch::FetchOptions { retries: 1, ..server.options() };

    // Two drops, one retry allowed: fails after two requests, with both pieces kept.
    server.set_behavior(Behavior { drop_after: Some(30_000), drops_left: 2, ..Behavior::default() });
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ConnectionDropped { received: 60_000, .. }), "{err:?}");
    let ranges: Vec<_> = server.file_requests().into_iter().map(|r| r.range).collect();
    assert_eq!(ranges, vec![None, Some("bytes=30000-".to_string())]);
    assert_eq!(read(&part_of(&tmp.path().join("UNVotes.csv"))), votes[..60_000]);

    // One drop, one retry allowed: the same call resumes twice and succeeds.
    server.clear_log();
    server.set_behavior(Behavior { drop_after: Some(30_000), drops_left: 1, ..Behavior::default() });
    let report = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).expect("fetch with a retry");
    let ranges: Vec<_> = server.file_requests().into_iter().map(|r| r.range).collect();
    assert_eq!(ranges, vec![Some("bytes=60000-".to_string()), Some("bytes=90000-".to_string())]);
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: Some(60_000), restarts: 0 });
    assert_eq!(read(&report.path), votes);
}

#[test]
fn checksum_mismatch_leaves_nothing() {
    let votes = synthetic_bytes(100_000, 4);
    let listed =
        ListedFile { checksum: Some(("MD5".into(), "0".repeat(32))), ..ListedFile::with_md5(5, "UNVotes.csv", &votes) };
    let server = TestServer::start(dataset_envelope(version_object(7, 1, &[listed])), vec![(5, votes.clone())]);
    let tmp = tempfile::tempdir().unwrap();

    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    let FetchError::ChecksumMismatch { algorithm, expected, actual, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*algorithm, ChecksumAlgorithm::Md5);
    assert_eq!(expected, &"0".repeat(32));
    assert_eq!(actual, &md5_hex(&votes));
    let msg = err.to_string();
    assert!(msg.contains(&"0".repeat(32)) && msg.contains(&md5_hex(&votes)), "both values in: {msg}");
    assert!(!err.is_resumable());
    assert_no_data_file(tmp.path());
    assert!(!part_of(&tmp.path().join("UNVotes.csv")).exists(), "a corrupt .part must not be resumed later");
}

#[test]
fn sha1_and_sha256_checksums_are_verified() {
    for (kind, good, bad) in [
        ("SHA-1", sha1_hex as fn(&[u8]) -> String, "f".repeat(40)),
        ("SHA-256", sha256_hex as fn(&[u8]) -> String, "f".repeat(64)),
    ] {
        let votes = synthetic_bytes(50_000, 5);
        for (value, ok) in [(good(&votes), true), (bad.clone(), false)] {
            let listed =
                ListedFile { checksum: Some((kind.into(), value)), ..ListedFile::with_md5(5, "UNVotes.csv", &votes) };
            let server = TestServer::start(dataset_envelope(version_object(1, 0, &[listed])), vec![(5, votes.clone())]);
            let tmp = tempfile::tempdir().unwrap();
            let result = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress);
            if ok {
                let r = result.unwrap_or_else(|e| panic!("{kind}: {e}"));
                assert_eq!(r.verified_checksum.unwrap().algorithm.to_string(), kind);
            } else {
                assert!(matches!(result, Err(FetchError::ChecksumMismatch { .. })), "{kind}: {result:?}");
                assert_no_data_file(tmp.path());
            }
        }
    }
}

#[test]
fn legacy_md5_field_is_used() {
    let votes = synthetic_bytes(10_000, 6);
    let listed = ListedFile { legacy_md5_field: true, ..ListedFile::with_md5(5, "UNVotes.csv", &votes) };
    let listed_bad = ListedFile {
        legacy_md5_field: true,
        checksum: Some(("MD5".into(), "1".repeat(32))),
        ..ListedFile::with_md5(5, "UNVotes.csv", &votes)
    };
    let ok = TestServer::start(dataset_envelope(version_object(1, 0, &[listed])), vec![(5, votes.clone())]);
    let tmp = tempfile::tempdir().unwrap();
    let r = fetch("unvotes", tmp.path(), &ok.options(), &mut NoProgress).unwrap();
    assert_eq!(r.verified_checksum.unwrap().value, md5_hex(&votes));
    let bad = TestServer::start(dataset_envelope(version_object(1, 0, &[listed_bad])), vec![(5, votes)]);
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("unvotes", tmp.path(), &bad.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ChecksumMismatch { .. }), "{err}");
}

#[test]
fn server_ignoring_range_restarts_from_zero() {
    let votes = synthetic_bytes(250_000, 7);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    server.set_behavior(Behavior { ignore_range: true, ..Behavior::default() });
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("UNVotes.csv");
    // A leftover .part whose bytes are wrong: appending to it would fail the checksum.
    fs::write(part_of(&path), vec![0xAA; 90_000]).unwrap();

    let mut rec = Recorder::default();
    let report = fetch("unvotes", tmp.path(), &server.options(), &mut rec).expect("fetch");
    let reqs = server.file_requests();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0].range.as_deref(), Some("bytes=90000-"));
    assert_eq!(reqs[0].status, 200);
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: None, restarts: 1 });
    assert_eq!(read(&path), votes);
    assert_eq!(rec.advanced, votes.len() as u64, "a restart must not count the discarded bytes");
}

#[test]
fn stale_part_from_another_release_is_replaced_after_one_mismatch() {
    let votes = synthetic_bytes(120_000, 8);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("UNVotes.csv");
    // Right length prefix, wrong content (as from an older release of the same name).
    fs::write(part_of(&path), synthetic_bytes(60_000, 99)).unwrap();

    let report = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).expect("fetch");
    let ranges: Vec<_> = server.file_requests().into_iter().map(|r| r.range).collect();
    assert_eq!(ranges, vec![Some("bytes=60000-".to_string()), None]);
    assert_eq!(report.outcome, FetchOutcome::Downloaded { resumed_from: Some(60_000), restarts: 1 });
    assert_eq!(read(&path), votes);
}

#[test]
fn http_errors_are_clear() {
    let votes = synthetic_bytes(1000, 9);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();

    server.set_behavior(Behavior { metadata_status: Some(404), ..Behavior::default() });
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::Http { status: 404, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("HTTP 404") && msg.contains("Not Found"), "{msg}");
    assert!(msg.contains("metadata is unavailable"), "the server's message is shown: {msg}");
    assert!(msg.contains("/api/datasets/"), "the URL is shown: {msg}");

    server.set_behavior(Behavior { file_status: Some(500), ..Behavior::default() });
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::Http { status: 500, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("HTTP 500") && msg.contains("file access failed"), "{msg}");
    assert!(msg.contains("/api/access/datafile/"), "{msg}");
    assert!(!err.is_resumable());
    assert_no_data_file(tmp.path());

    // 503 counts as passing trouble: retried, then reported.
    server.set_behavior(Behavior { file_status: Some(503), ..Behavior::default() });
    let opts = fetch::FetchOptions { retries: 2, ..server.options() };
    server.clear_log();
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::Http { status: 503, .. }) && err.is_resumable(), "{err:?}");
    assert_eq!(server.file_requests().len(), 3);
}

#[test]
fn wrong_persistent_id_is_a_404_with_the_message() {
    // Guards the query string: a server that does not find the PID answers 404, as Dataverse does.
    let (json, files) = release_with("UNVotes.csv", b"x");
    let server = TestServer::start(json, files);
    server.add_version("1.0", version_envelope(version_object(1, 0, &[])));
    let tmp = tempfile::tempdir().unwrap();
    let opts = fetch::FetchOptions { dataset_version: Some("2.0".into()), ..server.options() };
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(err.to_string().contains("Dataset version not found"), "{err}");
}

#[test]
fn no_matching_file_lists_what_there_is() {
    let files = [
        ListedFile::with_md5(1, "Codebook UN Voting Data.pdf", b"a"),
        ListedFile::with_md5(2, "UNVotes-1.RData", b"b"),
        ListedFile::with_md5(3, "Idealpointestimates1946-2025.tab", b"c"),
    ];
    let server = TestServer::start(dataset_envelope(version_object(38, 0, &files)), vec![]);
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::NoMatchingFile { .. }), "{err:?}");
    let msg = err.to_string();
    for name in ["Codebook UN Voting Data.pdf", "UNVotes-1.RData", "Idealpointestimates1946-2025.tab", "UNVotes*.csv"] {
        assert!(msg.contains(name), "{name} missing from: {msg}");
    }
    assert!(msg.contains("38.0"), "{msg}");
    assert!(server.file_requests().is_empty());
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 0, "nothing written");
}

#[test]
fn ambiguous_match_asks_for_a_choice_and_file_option_chooses() {
    let a = synthetic_bytes(5000, 10);
    let b = synthetic_bytes(6000, 11);
    let files = [ListedFile::with_md5(1, "UNVotes.csv", &a), ListedFile::with_md5(2, "UNVotes-2024.csv", &b)];
    let server = TestServer::start(dataset_envelope(version_object(3, 0, &files)), vec![(1, a), (2, b.clone())]);
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::AmbiguousFile { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("UNVotes.csv") && msg.contains("UNVotes-2024.csv") && msg.contains("--file"), "{msg}");

    let opts = fetch::FetchOptions { file_name: Some("UNVotes-2024.csv".into()), ..server.options() };
    let r = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).expect("explicit file");
    assert_eq!(r.path, tmp.path().join("UNVotes-2024.csv"));
    assert_eq!(r.selected_by, "named with --file");
    assert_eq!(read(&r.path), b);

    let opts = fetch::FetchOptions { file_name: Some("nope.csv".into()), ..server.options() };
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::FileNotInRelease { .. }) && err.to_string().contains("UNVotes-2024.csv"));
}

#[test]
fn names_from_the_server_cannot_escape_the_data_directory() {
    let evil = ListedFile::with_md5(1, "../../evil.csv", b"x");
    let server = TestServer::start(dataset_envelope(version_object(1, 0, &[evil])), vec![(1, b"x".to_vec())]);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let opts = fetch::FetchOptions { file_name: Some("../../evil.csv".into()), ..server.options() };
    let err = fetch("unvotes", &dir, &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::UnsafeFileName { .. }), "{err:?}");
    assert!(server.file_requests().is_empty());
    assert!(!tmp.path().join("evil.csv").exists());
}

#[test]
fn a_fixed_version_uses_the_versions_endpoint() {
    let old = synthetic_bytes(8000, 12);
    let (json, mut files) = release_with("UNVotes.csv", b"newer release");
    files.push((77, old.clone()));
    let server = TestServer::start(json, files);
    server
        .add_version("31.0", version_envelope(version_object(31, 0, &[ListedFile::with_md5(77, "UNVotes.csv", &old)])));
    let tmp = tempfile::tempdir().unwrap();
    let opts = fetch::FetchOptions { dataset_version: Some("31.0".into()), ..server.options() };
    let r = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).expect("fetch v31");
    assert_eq!(r.dataset_version, "31.0");
    assert_eq!(read(&r.path), old);
    assert!(
        server.log()[0].target.starts_with("/api/datasets/:persistentId/versions/31.0?persistentId=hdl:1902.1/12379"),
        "{:?}",
        server.log()
    );
    assert_eq!(SourceRecord::read_for(&r.path).unwrap().dataset_version, "31.0");
}

#[test]
fn ingested_tabular_files_are_fetched_in_their_original_format() {
    let votes = synthetic_bytes(30_000, 13);
    let listed = ListedFile { tabular: true, ..ListedFile::with_md5(9, "UNVotes.csv", &votes) };
    let server = TestServer::start(dataset_envelope(version_object(2, 0, &[listed])), vec![(9, votes.clone())]);
    let tmp = tempfile::tempdir().unwrap();
    let r = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).expect("fetch");
    assert_eq!(r.remote_file_name, "UNVotes.csv", "matched on the original name, not UNVotes.tab");
    assert_eq!(server.file_requests()[0].target, "/api/access/datafile/9?format=original");
    assert_eq!(read(&r.path), votes);
    assert!(r.url.ends_with("?format=original"));
}

#[test]
fn a_verified_copy_is_not_downloaded_again_but_a_damaged_one_is() {
    let votes = synthetic_bytes(40_000, 14);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    let first = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap();

    server.clear_log();
    let again = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap();
    assert_eq!(again.outcome, FetchOutcome::AlreadyPresent);
    assert_eq!(again.sha256, first.sha256);
    assert!(server.file_requests().is_empty(), "no download for a verified copy");

    // Damage the file: the next fetch notices and replaces it.
    let mut damaged = votes.clone();
    damaged[1234] ^= 1;
    fs::write(&first.path, &damaged).unwrap();
    let fixed = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap();
    assert!(matches!(fixed.outcome, FetchOutcome::Downloaded { .. }));
    assert_eq!(read(&fixed.path), votes);

    // --force downloads even a good copy.
    server.clear_log();
    let opts = fetch::FetchOptions { force: true, ..server.options() };
    fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap();
    assert_eq!(server.file_requests().len(), 1);
}

#[test]
fn resume_works_through_a_storage_redirect() {
    let votes = synthetic_bytes(180_000, 15);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    server.set_behavior(Behavior {
        redirect_files: true,
        drop_after: Some(64_000),
        drops_left: 1,
        ..Behavior::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ConnectionDropped { .. }), "{err:?}");
    server.clear_log();
    let r = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).expect("resume");
    let log = server.file_requests();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!((log[0].status, log[1].target.as_str()), (303, "/storage/12"));
    assert_eq!(log[1].range.as_deref(), Some("bytes=64000-"), "Range survives the redirect");
    assert_eq!(read(&r.path), votes);
    // The sidecar names the stable API URL, not the storage URL.
    assert!(SourceRecord::read_for(&r.path).unwrap().url.ends_with("/api/access/datafile/12"));
}

#[test]
fn server_announcing_another_size_is_refused() {
    let votes = synthetic_bytes(20_000, 16);
    let listed = ListedFile { size: 20_010, ..ListedFile::with_md5(5, "UNVotes.csv", &votes) };
    let server = TestServer::start(dataset_envelope(version_object(1, 0, &[listed])), vec![(5, votes)]);
    let tmp = tempfile::tempdir().unwrap();
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ServerSizeMismatch { expected: 20_010, announced: 20_000, .. }), "{err:?}");
    assert_no_data_file(tmp.path());
    assert!(!part_of(&tmp.path().join("UNVotes.csv")).exists());
}

#[test]
fn complete_part_left_before_the_rename_is_verified_without_downloading() {
    let votes = synthetic_bytes(33_000, 17);
    let (json, files) = release_with("UNVotes.csv", &votes);
    let server = TestServer::start(json, files);
    let tmp = tempfile::tempdir().unwrap();
    fs::write(part_of(&tmp.path().join("UNVotes.csv")), &votes).unwrap();
    let r = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap();
    assert!(server.file_requests().is_empty());
    assert_eq!(r.outcome, FetchOutcome::Downloaded { resumed_from: Some(votes.len() as u64), restarts: 0 });
    assert_eq!(read(&r.path), votes);
}

#[test]
fn nothing_listening_is_a_network_error() {
    // A port held by the client end of a live connection: nothing listens there, and no other test's
    // server can be given it while `held` lives, so the connection is refused every time.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let held = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let port = held.local_addr().unwrap().port();
    let tmp = tempfile::tempdir().unwrap();
    let opts = fetch::FetchOptions {
        base_url: Some(format!("http://127.0.0.1:{port}")),
        retries: 0,
        connect_timeout: std::time::Duration::from_secs(2),
        read_timeout: std::time::Duration::from_secs(2),
        ..fetch::FetchOptions::default()
    };
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::Network { .. }), "{err:?}");
    assert!(err.to_string().contains("cannot reach"), "{err}");
}

#[test]
fn bad_base_url_is_rejected_before_any_request() {
    let tmp = tempfile::tempdir().unwrap();
    let opts = fetch::FetchOptions { base_url: Some("ftp://example.invalid".into()), ..fetch::FetchOptions::default() };
    let err = fetch("unvotes", tmp.path(), &opts, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::BadBaseUrl { .. }), "{err:?}");
}

// ---------------------------------------------------------------------------------------------------------
// Real data from ../shared/data

/// The real votes file served as a release file named like Voeten's, with its true MD5.
fn real_release() -> (Vec<u8>, TestServer) {
    let name = "unvotes_un_votes.csv.gz";
    let dir = shared_data(name);
    let bytes = read(&dir.join(name));
    assert_eq!(sha256_hex(&bytes), recorded_sha256(&dir, name), "{name} differs from SOURCES.tsv");
    let (json, files) = release_with("UNVotes-1.csv.gz", &bytes);
    (bytes, TestServer::start(json, files))
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn real_file_clean_download() {
    let (bytes, server) = real_release();
    let tmp = tempfile::tempdir().unwrap();
    let mut rec = Recorder::default();
    let r = fetch("unvotes", tmp.path(), &server.options(), &mut rec).expect("fetch");
    assert_eq!(r.path, tmp.path().join("UNVotes.csv.gz"));
    assert_eq!(r.selected_by, "matched UNVotes*.csv.gz");
    assert_eq!(r.bytes, 2_650_768);
    // Checked against SOURCES.tsv's record, independent of this crate's hashing.
    let dir = shared_data("SOURCES.tsv");
    assert_eq!(r.sha256, recorded_sha256(&dir, "unvotes_un_votes.csv.gz"));
    assert_eq!(read(&r.path), bytes);
    let sidecar = SourceRecord::read_for(&r.path).unwrap();
    assert_eq!((sidecar.bytes, sidecar.sha256.as_str()), (r.bytes, r.sha256.as_str()));
    assert_eq!(rec.advanced, r.bytes);
    // Still a gzip stream that decodes in full.
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&read(&r.path)[..]), &mut text).unwrap();
    assert!(text.starts_with(b"rcid,"), "{:?}", String::from_utf8_lossy(&text[..40.min(text.len())]));
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn real_file_drop_then_resume() {
    let (bytes, server) = real_release();
    let tmp = tempfile::tempdir().unwrap();
    let cut = bytes.len() as u64 / 2 + 12_345;
    server.set_behavior(Behavior { drop_after: Some(cut), drops_left: 1, ..Behavior::default() });
    let err = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).unwrap_err();
    assert!(matches!(err, FetchError::ConnectionDropped { .. }), "{err:?}");
    let path = tmp.path().join("UNVotes.csv.gz");
    assert!(!path.exists());
    assert_eq!(fs::metadata(part_of(&path)).unwrap().len(), cut);

    server.clear_log();
    let r = fetch("unvotes", tmp.path(), &server.options(), &mut NoProgress).expect("resume");
    let reqs = server.file_requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].range.as_deref(), Some(format!("bytes={cut}-").as_str()));
    assert_eq!(r.outcome, FetchOutcome::Downloaded { resumed_from: Some(cut), restarts: 0 });
    assert_eq!(r.sha256, recorded_sha256(&shared_data("SOURCES.tsv"), "unvotes_un_votes.csv.gz"));
    assert_eq!(read(&path), bytes);
    assert!(!part_of(&path).exists());
}

//! Broken and hostile vote files: each gives a clear error or diagnostics
//! naming file, line and value — never a panic, never a silent drop.

use std::io::Write;
use std::path::{Path, PathBuf};

use hegemony_data::{LoadError, load_unvotes, load_voeten};

const ROLL_CALLS: &str = "rcid,session,importantvote,date,unres,amend,para,short,descr\n\
    10,47,0,1992-10-01,A/RES/47/1,0,0,a,b\n\
    11,47,1,1992-11-01,A/RES/47/2,0,0,c,d\n";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn gzip(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&p).unwrap(), flate2::Compression::default());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap();
    p
}

#[test]
fn clean_small_file_loads() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let v = gzip(
        d.path(),
        "v.csv.gz",
        "rcid,country,country_code,vote\n10,Russia,RU,yes\n10,Armenia,AM,no\n11,Yerevan,AM,abstain\n",
    );
    let l = load_unvotes(&v, &rc, None).unwrap();
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    assert_eq!(l.record.len(), 3);
    assert_eq!(l.inputs[0].rows, 3);
    assert_eq!(l.inputs[0].sha256.len(), 64);
    l.record.validate().unwrap();
}

#[test]
fn truncated_gzip_is_a_clear_error() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let body: String = (0..2000).map(|i| format!("10,Russia,RU,{}\n", ["yes", "no"][i % 2])).collect();
    let full = gzip(d.path(), "full.csv.gz", &format!("rcid,country,country_code,vote\n{body}"));
    let bytes = std::fs::read(&full).unwrap();
    let cut = d.path().join("cut.csv.gz");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let e = load_unvotes(&cut, &rc, None).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, LoadError::BadFile { .. }), "{msg}");
    assert!(msg.contains("cut.csv.gz") && msg.contains("gzip"), "{msg}");
}

#[test]
fn wrong_columns_name_what_is_missing() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let v = write(d.path(), "v.csv", "rcid,nation,ballot\n10,Russia,yes\n");
    let msg = load_unvotes(&v, &rc, None).unwrap_err().to_string();
    assert!(msg.contains("v.csv") && msg.contains("missing country, vote"), "{msg}");
    // A Voeten file handed to the unvotes loader is recognised as such.
    let voeten = write(d.path(), "voeten.csv", "rcid,session,year,ccode,vote,member\n10,47,1992,365,1,1\n");
    let msg = load_unvotes(&voeten, &rc, None).unwrap_err().to_string();
    assert!(msg.contains("Voeten layout"), "{msg}");
}

#[test]
fn bad_rows_become_diagnostics_with_line_and_value() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let v = write(
        d.path(),
        "v.csv",
        "rcid,country,country_code,vote\n\
         10,Russia,RU,yes\n\
         10,Atlantis,AT,yes\n\
         10,Armenia,AM,maybe\n\
         99,Armenia,AM,yes\n\
         10,Russia,RU,no\n\
         11,Armnia,AM,yes\n",
    );
    let l = load_unvotes(&v, &rc, None).unwrap();
    assert_eq!(l.record.len(), 1, "only the first Russia vote survives");
    let d: Vec<(u64, &str, &str)> =
        l.diagnostics.items.iter().map(|x| (x.line, x.value.as_str(), x.reason.as_str())).collect();
    assert_eq!(d.len(), 5, "{d:#?}");
    assert_eq!((d[0].0, d[0].1), (3, "Atlantis"));
    assert!(d[0].2.contains("unknown country name"));
    assert_eq!((d[1].0, d[1].1), (4, "maybe"));
    assert_eq!((d[2].0, d[2].1), (5, "99"));
    assert!(d[2].2.contains("not in the roll-call table"));
    assert_eq!(d[3].0, 6);
    assert!(d[3].2.contains("contradicting line 2"), "{}", d[3].2);
    assert_eq!((d[4].0, d[4].1), (7, "Armnia"));
    assert!(d[4].2.contains("did you mean"), "{}", d[4].2);
    assert!(l.diagnostics.items.iter().all(|x| x.file.ends_with("v.csv")));
}

#[test]
fn voeten_codes_outside_the_set_are_reported() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let v = write(
        d.path(),
        "v.csv",
        "rcid,session,year,ccode,vote,member\n10,47,1992,365,1,1\n10,47,1992,371,7,1\n10,47,1992,9999,1,1\n11,47,1992,371,8,1\n",
    );
    let l = load_voeten(&v, Some(&rc)).unwrap();
    assert_eq!(l.record.len(), 2);
    let reasons: Vec<&str> = l.diagnostics.items.iter().map(|x| x.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("1, 2, 3, 8 or 9"));
    assert!(reasons[1].contains("not in the state registry"));
}

#[test]
fn binary_and_empty_files_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", ROLL_CALLS);
    let bin = d.path().join("votes.csv");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    assert!(load_unvotes(&bin, &rc, None).unwrap_err().to_string().contains("binary"));
    let empty = write(d.path(), "empty.csv", "");
    assert!(load_unvotes(&empty, &rc, None).unwrap_err().to_string().contains("empty"));
    let fake_gz = write(d.path(), "plain.csv.gz", "rcid,country\n");
    assert!(load_unvotes(&fake_gz, &rc, None).unwrap_err().to_string().contains("not gzip"));
    let missing = d.path().join("nope.csv");
    assert!(load_unvotes(&missing, &rc, None).unwrap_err().to_string().contains("nope.csv"));
}

#[test]
fn roll_call_table_without_usable_rows_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let rc = write(d.path(), "rc.csv", "rcid,session\nx,47\n12,abc\n");
    let v = write(d.path(), "v.csv", "rcid,country,country_code,vote\n12,Russia,RU,yes\n");
    let msg = load_unvotes(&v, &rc, None).unwrap_err().to_string();
    assert!(msg.contains("rc.csv") && msg.contains("no usable rows"), "{msg}");
}

/// The full Voeten file (`UNVotes.csv` as `data fetch` stores it) repeats the
/// roll-call columns on every vote row; roll calls come from the first row of each rcid.
#[test]
fn voeten_full_layout_in_one_file() {
    let d = tempfile::tempdir().unwrap();
    let v = write(
        d.path(),
        "UNVotes.csv",
        "rcid,ccode,member,vote,Country,Countryname,year,session,importantvote,date,unres,amend,para,short,descr,me,nu,di,hr,co,ec\n\
         10,365,1,1,RUS,Russia,1992,47,0,1992-10-01,A/RES/47/1,0,0,a,b,0,0,0,1,0,0\n\
         10,371,1,3,ARM,Armenia,1992,47,0,1992-10-01,A/RES/47/1,0,0,a,b,0,0,0,1,0,0\n\
         11,365,1,8,RUS,Russia,1992,47,1,1992-11-01,A/RES/47/2,0,0,c,d,1,0,0,0,0,0\n\
         11,371,1,2,ARM,Armenia,1992,47,1,1992-11-01,A/RES/47/2,0,0,c,d,1,0,0,0,0,0\n",
    );
    let l = load_voeten(&v, None).unwrap();
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics.items);
    assert_eq!(l.record.roll_calls.len(), 2);
    assert_eq!(l.record.len(), 4);
    assert!(l.record.records_absences);
    let rc = &l.record.roll_calls[1];
    assert_eq!((rc.rcid, rc.session, rc.important), (11, 47, Some(true)));
    assert!(rc.issues.contains(hegemony_core::Issue::Me));
    assert_eq!(l.inputs.len(), 1);
    assert_eq!(l.inputs[0].rows, 4);
}

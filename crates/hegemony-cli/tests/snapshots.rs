//! What the profile commands print, pinned: the terminal report, JSON,
//! comparison, phases, an explained year and the HTML report of fixed
//! relations, without a data folder (on the data compiled in); and
//! (ignored: real data) the same printed with the datasets of ../shared/data.
//!
//! A restructuring must leave every snapshot as it is; an intended change
//! of output is its own commit whose snapshot diff says what changed and why
//! (`INSTA_UPDATE=always cargo test -p hegemony-cli --test snapshots`, then
//! review the diff).

use std::path::PathBuf;
use std::process::Command;

use hegemony_test_support::shared_data;

/// The commands pinned, each with the name of its snapshot.
const COMMANDS: &[(&str, &[&str])] = &[
    ("profile_arm", &["profile", "ARM", "--dominant", "RUS"]),
    ("profile_arm_by_year", &["profile", "ARM", "--dominant", "RUS", "--by", "year"]),
    ("profile_arm_json", &["profile", "ARM", "--dominant", "RUS", "--format", "json"]),
    ("profile_blr", &["profile", "BLR", "--dominant", "RUS"]),
    ("profile_arm_without_csto", &["profile", "ARM", "--dominant", "RUS", "--without", "arm-csto"]),
    ("compare_all_2016", &["compare", "--all", "--dominant", "RUS", "--year", "2016"]),
    ("compare_all_2005", &["compare", "--all", "--dominant", "RUS", "--year", "2005"]),
    ("compare_all_2023", &["compare", "--all", "--dominant", "RUS", "--year", "2023"]),
    ("compare_arm_blr_kaz_2012", &["compare", "ARM", "BLR", "KAZ", "--dominant", "RUS", "--year", "2012"]),
    ("periods_arm", &["periods", "ARM", "--dominant", "RUS"]),
    ("periods_blr_json", &["periods", "BLR", "--dominant", "RUS", "--format", "json"]),
    ("explain_arm_2016", &["explain", "ARM", "--dominant", "RUS", "--year", "2016"]),
    ("explain_arm_2016_json", &["explain", "ARM", "--dominant", "RUS", "--year", "2016", "--format", "json"]),
    ("explain_blr_2022_security", &["explain", "BLR", "--dominant", "RUS", "--year", "2022", "--measure", "security"]),
    ("report_arm", &["report", "ARM", "--dominant", "RUS"]),
    ("profile_jpn_usa", &["profile", "JPN", "--dominant", "USA", "--years", "1990-2025"]),
];

/// Runs the binary with no user knowledge base and no cache, on `data`
/// (`None`: no data folder); returns stdout, failing on a non-zero exit.
fn run(args: &[&str], data: Option<&PathBuf>) -> String {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("kb")).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hegemony"));
    cmd.args(args)
        .env("HEGEMONY_KB", home.path().join("kb"))
        .env("HEGEMONY_KB_DB", home.path().join("kb.sqlite"))
        .env("HEGEMONY_CACHE", home.path().join("cache"))
        .env("HEGEMONY_DATA", home.path().join("no-data"))
        // Reports carry the day they were made: a fixed one (2026-01-01).
        .env("SOURCE_DATE_EPOCH", "1767225600");
    if let Some(d) = data {
        cmd.arg("--data-dir").arg(d);
    }
    let out = cmd.output().expect("the binary runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn profile_commands_without_a_data_folder() {
    for (name, args) in COMMANDS {
        let out = run(args, None);
        insta::with_settings!({ snapshot_suffix => "default_data", description => args.join(" "), omit_expression => true }, {
            insta::assert_snapshot!(*name, out);
        });
    }
}

/// The data compiled in gives the full data's answer, printed: every pinned
/// command prints the same with `--data-dir ../shared/data` as without.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn profile_commands_print_the_same_on_the_real_data() {
    let data = shared_data("ps_cow_nmc.csv.gz");
    for (_, args) in COMMANDS {
        assert_eq!(without_citation(&run(args, Some(&data))), without_citation(&run(args, None)), "{args:?}");
    }
}

/// The output without its citation, which names the data files read (the
/// extract compiled in, or the data folder's) and so differs by design.
fn without_citation(out: &str) -> String {
    match (out.find("<h2>How to cite</h2>"), out.find("</table></body>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &out[..a], &out[b + "</table>".len()..]),
        _ => out.to_string(),
    }
}

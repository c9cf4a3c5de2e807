//! Agreement scores on the real UN record, against reference values.
//!
//! `#[ignore]`d so `cargo test` passes without ../shared; CI runs them with
//! `--ignored`, and they fail loudly when the data is missing.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hegemony_data::LoadedVotes;
use hegemony_data::pairwise::load_pairwise;
use hegemony_engine::{Engine, VoteSource, agreement, select};
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind};
use hegemony_measures::{JointTable, Weights};

fn shared() -> PathBuf {
    hegemony_test_support::shared_data("unvotes_un_votes.csv.gz")
}

fn unvotes() -> &'static LoadedVotes {
    static V: OnceLock<LoadedVotes> = OnceLock::new();
    V.get_or_init(|| Engine::new(shared()).with_cache(None).load_votes(VoteSource::Unvotes).unwrap())
}

/// The columnar cache gives back exactly what parsing gives.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn cached_record_equals_parsed_record() {
    let cache = std::env::temp_dir().join(format!("hegemony-cache-test-{}", std::process::id()));
    let engine = Engine::new(shared()).with_cache(Some(cache.clone()));
    let first = engine.load_votes(VoteSource::Unvotes).unwrap(); // parses and writes the cache
    let second = engine.load_votes(VoteSource::Unvotes).unwrap(); // reads the cache
    let _ = std::fs::remove_dir_all(&cache);
    let parsed = unvotes();
    for v in [&first, &second] {
        assert_eq!(v.record.roll_calls, parsed.record.roll_calls);
        assert_eq!(v.record.roll_call, parsed.record.roll_call);
        assert_eq!(v.record.state, parsed.record.state);
        assert_eq!(v.record.code, parsed.record.code);
        assert_eq!(v.inputs, parsed.inputs);
        assert_eq!(v.diagnostics.items, parsed.diagnostics.items);
    }
}

/// Rows of a (possibly gzipped) CSV as maps from column name to text.
fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let mut text = Vec::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut text).unwrap();
    } else {
        text = bytes;
    }
    let mut rdr = csv::Reader::from_reader(&text[..]);
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    rdr.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect()
}

fn num(row: &HashMap<String, String>, col: &str) -> f64 {
    row[col].parse().unwrap_or_else(|_| panic!("{col} = '{}'", row[col]))
}

/// Joint tables of the unvotes record, quadratic weights.
fn compute(dyads: DyadSelection, period: PeriodKind) -> agreement::AgreementResult {
    let options = AgreementOptions { period, ..Default::default() };
    let request = agreement::AgreementRequest { dyads, options, weights: Weights::Quadratic, explain: false };
    agreement::compute(unvotes(), request).unwrap()
}

fn russia_pairs() -> Vec<(u16, u16)> {
    select::dominant_dyads("RUS", "post-soviet").unwrap()
}

/// Six peer implementations (numpy, pandas, polars, base R, data.table,
/// dplyr) agree on these 480 dyad-years; so must we, to 1e-9.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn matches_peer_reference_to_1e9() {
    let reference = read_csv(&shared().join("../bench/peers/reference/agreement_russia.csv"));
    assert_eq!(reference.len(), 480);
    let ours = compute(DyadSelection::Pairs(russia_pairs()), PeriodKind::Year);
    let by_key: HashMap<(i32, u16), &JointTable> =
        ours.rows.iter().filter(|r| r.table.n() > 0).map(|r| ((r.period, r.second), &r.table)).collect();
    assert_eq!(by_key.len(), reference.len(), "same dyad-years with at least one joint vote");
    let mut worst = 0.0f64;
    for row in &reference {
        assert_eq!(num(row, "ccode1"), 365.0);
        let key = (num(row, "year") as i32, num(row, "ccode2") as u16);
        let t = by_key.get(&key).unwrap_or_else(|| panic!("we have no row for {key:?}"));
        let m1 = t.marginal_first();
        let m2 = t.marginal_second();
        let ints = [
            ("n", t.n()),
            ("n_same", t.n_same()),
            ("sum_abs", t.sum_abs()),
            ("sum_sq", t.sum_sq()),
            ("m1_1", m1[0]),
            ("m1_2", m1[1]),
            ("m1_3", m1[2]),
            ("m2_1", m2[0]),
            ("m2_2", m2[1]),
            ("m2_3", m2[2]),
        ];
        for (col, ours) in ints {
            assert_eq!(num(row, col), ours as f64, "{col} for {key:?}");
        }
        let floats = [
            ("pct_agree", t.identical()),
            ("agree", t.agree()),
            ("s_abs", t.s_abs()),
            ("s_sq", t.s_sq()),
            ("kappa_nom", t.kappa(Weights::Nominal)),
            ("pi_nom", t.pi(Weights::Nominal)),
            ("kappa_quad", t.kappa(Weights::Quadratic)),
            ("pi_quad", t.pi(Weights::Quadratic)),
        ];
        for (col, ours) in floats {
            let theirs = &row[col];
            match ours {
                None => assert!(
                    theirs.is_empty() || theirs == "NaN" || theirs == "NA",
                    "{col} {key:?}: ours undefined, theirs {theirs}"
                ),
                Some(v) => {
                    let d = (v - num(row, col)).abs();
                    worst = worst.max(d);
                    assert!(d < 1e-9, "{col} for {key:?}: ours {v}, reference {theirs}");
                }
            }
        }
    }
    eprintln!("largest difference from the peer reference: {worst:e}");
}

/// Voeten's published `RUSSAgree` (June 2024 release) is the share of
/// identical votes with Russia by session. Our vote files are older releases
/// (unvotes: February 2021), so small differences are expected; they are
/// measured here and bounded.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn reproduces_voeten_russia_agreement_by_session() {
    let published = read_csv(&shared().join("voeten_idealpoints_all_jun2024.csv.gz"));
    let ours = compute(DyadSelection::All, PeriodKind::Session);
    let with_russia: HashMap<(i32, u16), f64> = ours
        .rows
        .iter()
        .filter(|r| r.first == 365 || r.second == 365)
        .filter_map(|r| Some(((r.period, if r.first == 365 { r.second } else { r.first }), r.table.identical()?)))
        .collect();
    let (mut n, mut sum, mut within_002, mut worst) = (0usize, 0.0, 0usize, (0.0f64, 0, 0));
    let mut post_soviet = (0usize, 0.0);
    let ps: Vec<u16> = russia_pairs().iter().map(|p| p.1).collect();
    for row in &published {
        let (Ok(session), Ok(ccode), Ok(theirs)) =
            (row["session"].parse::<i32>(), row["ccode"].parse::<u16>(), row["RUSSAgree"].parse::<f64>())
        else {
            continue;
        };
        if ccode == 365 || session > 74 {
            continue; // our record ends with session 74
        }
        let Some(&mine) = with_russia.get(&(session, ccode)) else { continue };
        let d = (mine - theirs).abs();
        n += 1;
        sum += d;
        within_002 += usize::from(d <= 0.02);
        if d > worst.0 {
            worst = (d, session, ccode);
        }
        if ps.contains(&ccode) && session >= 47 {
            post_soviet.0 += 1;
            post_soviet.1 += d;
        }
    }
    let mean = sum / n as f64;
    let ps_mean = post_soviet.1 / post_soviet.0 as f64;
    eprintln!(
        "RUSSAgree vs ours: {n} state-sessions, mean |diff| {mean:.4}, {:.1}% within 0.02, worst {:.3} (session {}, ccode {}); \
         post-Soviet states 1992-2019: {} state-sessions, mean |diff| {ps_mean:.4}",
        100.0 * within_002 as f64 / n as f64,
        worst.0,
        worst.1,
        worst.2,
        post_soviet.0
    );
    assert!(n > 8_000, "only {n} state-sessions matched");
    assert!(mean < 0.02, "mean |diff| {mean}");
    assert!(ps_mean < 0.025, "post-Soviet mean |diff| {ps_mean}");
}

/// The un-project pairwise files code each roll call as same / one abstained /
/// opposite for the focal state against every other, from a 2021 Voeten
/// release. Per year their identical share with Russia must match ours.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn matches_unproject_pairwise_agreement_with_russia() {
    let ours = compute(DyadSelection::Pairs(russia_pairs()), PeriodKind::Year);
    let (mut compared, mut exact, mut worst) = (0, 0, 0.0f64);
    for &(_, focal) in &russia_pairs() {
        let file = load_pairwise(&shared().join(format!("unproject_pairwise_{focal}.csv.gz"))).unwrap();
        assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics.items.first());
        let mut by_year: HashMap<i32, (u64, u64, u64)> = HashMap::new();
        for r in file.rows.iter().filter(|r| r.other == 365) {
            let e = by_year.entry(i32::from(r.session) + 1945).or_default();
            e.0 += 1;
            e.1 += u64::from(r.distance == 0);
            e.2 += u64::from(r.distance);
        }
        for row in ours.rows.iter().filter(|r| r.second == focal && r.table.n() > 0) {
            let Some(&(n, same, sum_abs)) = by_year.get(&row.period) else {
                panic!("un-project has no votes of {focal} with Russia in {}", row.period)
            };
            compared += 1;
            if (n, same, sum_abs) == (row.table.n(), row.table.n_same(), row.table.sum_abs()) {
                exact += 1;
            }
            let d = (same as f64 / n as f64 - row.table.identical().unwrap()).abs();
            worst = worst.max(d);
        }
        // un-project adds 2020 (session 75), which our unvotes files lack.
        assert!(by_year.contains_key(&2020), "2020 missing for {focal}");
    }
    eprintln!(
        "un-project vs ours: {compared} dyad-years, {exact} identical tables, worst |diff| in identical {worst:.4}"
    );
    assert!(compared >= 400);
    // Both derive from Voeten's record: every joint table must agree exactly.
    assert_eq!(exact, compared, "only {exact} of {compared} dyad-years agree exactly (worst {worst})");
}

/// Convergence distances are the agreement scores turned around, and the
/// ideal-point basis gives a finite distance for every year Armenia voted.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn convergence_distances_on_the_real_record() {
    use hegemony_engine::convergence::{Basis, observations};
    let kappa = observations(unvotes(), 365, &[371, 370], Basis::Kappa, Some((1992, 2019))).unwrap();
    let tables = compute(DyadSelection::Pairs(vec![(365, 371), (365, 370)]), PeriodKind::Year);
    for o in &kappa {
        let t = tables.rows.iter().find(|r| r.period == o.year && r.second == o.sub).unwrap();
        assert!((o.distance - (1.0 - t.table.kappa(Weights::Quadratic).unwrap())).abs() < 1e-12);
    }
    assert_eq!(kappa.iter().filter(|o| o.sub == 371).count(), 28, "Armenia 1992-2019");
    let ideal = observations(unvotes(), 365, &[371], Basis::Ideal, Some((1992, 2019))).unwrap();
    assert_eq!(ideal.len(), 28);
    assert!(ideal.iter().all(|o| o.distance.is_finite() && o.positions.is_some()));
}

//! Static ideal points on simulated votes with known parameters.

use hegemony_core::{RollCall, Vote, VoteCode, VoteRecord};
use hegemony_measures::ideal::rng::SplitMix64;
use hegemony_measures::ideal::{
    Exclusion, IdealError, IdealFit, IdealModel, IdealOptions, PeriodKind, SkipReason, fit_static,
};

/// COW codes for simulated states: the first is the USA (the default anchor).
fn cow(i: usize) -> u16 {
    if i == 0 { 2 } else { 1000 + i as u16 }
}

/// A one-session record of `n` states × `m` roll calls drawn from the model
/// the estimator assumes. Binary: y* = α + βx + ε, yes iff y* > 0. Ordinal:
/// y* = βx + ε with cutpoints c ∓ w/2: no below, abstain between, yes above.
/// True x ~ N(0, 1), with the anchor (state 0) at 1 or beyond.
fn simulate(model: IdealModel, n: usize, m: usize, seed: u64) -> (VoteRecord, Vec<f64>) {
    let mut g = SplitMix64::new(seed);
    let mut x: Vec<f64> = (0..n).map(|_| g.normal()).collect();
    // A clearly positive anchor: one near 0 would not fix the sign.
    x[0] = x[0].abs().max(1.0);
    let mut r = VoteRecord::default();
    for k in 0..m {
        r.roll_calls.push(RollCall { rcid: k as u32 + 1, session: 1, ..Default::default() });
        let beta = 1.5 * g.normal();
        let alpha = g.normal();
        let width = 0.3 + 0.9 * g.uniform();
        for (i, &xi) in x.iter().enumerate() {
            let z = alpha + beta * xi + g.normal();
            let v = match model {
                IdealModel::Binary => {
                    if z > 0.0 {
                        Vote::Yes
                    } else {
                        Vote::No
                    }
                }
                IdealModel::Ordinal => {
                    if z > width / 2.0 {
                        Vote::Yes
                    } else if z > -width / 2.0 {
                        Vote::Abstain
                    } else {
                        Vote::No
                    }
                }
            };
            r.push(k as u32, cow(i), VoteCode::Cast(v));
        }
    }
    (r, x)
}

fn fitted(fit: &IdealFit, n: usize) -> Vec<f64> {
    (0..n).map(|i| fit.points.iter().find(|p| p.state == cow(i)).expect("state fitted").theta).collect()
}

fn standardised(v: &[f64]) -> Vec<f64> {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n).sqrt();
    v.iter().map(|x| (x - m) / sd).collect()
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let (a, b) = (standardised(a), standardised(b));
    a.iter().zip(&b).map(|(x, y)| x * y).sum::<f64>() / a.len() as f64
}

fn rmse_standardised(a: &[f64], b: &[f64]) -> f64 {
    let (a, b) = (standardised(a), standardised(b));
    (a.iter().zip(&b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>() / a.len() as f64).sqrt()
}

fn opts(model: IdealModel) -> IdealOptions {
    IdealOptions { model, threads: 1, ..Default::default() }
}

fn all_finite(fit: &IdealFit) -> bool {
    fit.points.iter().all(|p| p.theta.is_finite() && p.lo.is_none_or(f64::is_finite) && p.hi.is_none_or(f64::is_finite))
}

/// Recovery: correlation with the truth ≥ 0.9 from 100 items on, and the
/// error (RMSE of standardised positions, averaged over datasets) falls as
/// the number of roll calls grows.
fn recovery(model: IdealModel) {
    let sizes = [25, 50, 100, 200];
    let datasets = 3;
    let mut errors = Vec::new();
    for &m in &sizes {
        let (mut err, mut min_r) = (0.0, 1.0f64);
        for d in 0..datasets {
            let (rec, truth) = simulate(model, 100, m, 1000 * m as u64 + d);
            let fit = fit_static(&rec, &opts(model)).expect("fits");
            assert!(all_finite(&fit));
            let report = &fit.periods[0];
            assert!(report.converged, "{model:?} {m} items: {report:?}");
            let est = fitted(&fit, 100);
            // No absolute value: the anchor must have fixed the sign.
            let r = pearson(&est, &truth);
            min_r = min_r.min(r);
            err += rmse_standardised(&est, &truth) / datasets as f64;
            if m >= 100 {
                assert!(r >= 0.9, "{model:?}, {m} items: r = {r}");
            }
        }
        eprintln!("{model:?}: 100 states x {m:>3} items: RMSE (standardised) {err:.4}, min r {min_r:.4}");
        errors.push(err);
    }
    for w in errors.windows(2) {
        assert!(w[1] < w[0], "{model:?}: error does not fall with more items: {errors:?}");
    }
}

#[test]
fn binary_recovers_known_positions() {
    recovery(IdealModel::Binary);
}

#[test]
fn ordinal_recovers_known_positions() {
    recovery(IdealModel::Ordinal);
}

/// 100 states, 50 roll calls with 99 yes and 1 no (a different dissenter
/// each time; in the ordinal case also one abstention), plus one unanimous
/// roll call, which is dropped and counted.
#[test]
fn lopsided_votes_fit_and_stay_finite() {
    for model in [IdealModel::Binary, IdealModel::Ordinal] {
        let mut r = VoteRecord::default();
        for k in 0..51u32 {
            r.roll_calls.push(RollCall { rcid: k + 1, session: 1, ..Default::default() });
            for i in 0..100usize {
                let v = if k == 50 {
                    Vote::Yes
                } else if i == (k as usize * 7) % 100 {
                    Vote::No
                } else if model == IdealModel::Ordinal && i == (k as usize * 7 + 1) % 100 {
                    Vote::Abstain
                } else {
                    Vote::Yes
                };
                r.push(k, cow(i), VoteCode::Cast(v));
            }
        }
        let fit = fit_static(&r, &opts(model)).expect("lopsided votes fit");
        let p = &fit.periods[0];
        assert_eq!(p.unanimous_dropped, 1, "{model:?}");
        assert_eq!(p.binary_items + p.ordinal_items, 50);
        assert_eq!(fit.points.len(), 100);
        assert!(all_finite(&fit), "{model:?}: {:?}", fit.points);
        eprintln!("{model:?} lopsided: {} iterations, converged {}", p.iterations, p.converged);
    }
}

#[test]
fn all_yes_is_a_clear_error() {
    let mut r = VoteRecord::default();
    for k in 0..30u32 {
        r.roll_calls.push(RollCall { rcid: k + 1, session: 3, ..Default::default() });
        for i in 0..50 {
            r.push(k, cow(i), VoteCode::Cast(Vote::Yes));
        }
    }
    for model in [IdealModel::Binary, IdealModel::Ordinal] {
        let err = fit_static(&r, &opts(model)).unwrap_err();
        assert_eq!(err, IdealError::NothingFitted(vec![(3, SkipReason::AllUnanimous { roll_calls: 30 })]));
        let msg = err.to_string();
        assert!(msg.contains("period 3") && msg.contains("unanimous"), "{msg}");
    }
}

#[test]
fn states_without_enough_votes_are_excluded_with_a_reason() {
    let (mut r, _) = simulate(IdealModel::Ordinal, 40, 60, 5);
    // State 9001 is recorded on every roll call but only as absent; 9002
    // votes on 3 roll calls; 9003 is never a member.
    for k in 0..60u32 {
        r.push(k, 9001, VoteCode::Absent);
        r.push(k, 9003, VoteCode::NotMember);
        if k < 3 {
            r.push(k, 9002, VoteCode::Cast(Vote::No));
        }
    }
    let fit = fit_static(&r, &opts(IdealModel::Ordinal)).unwrap();
    let p = &fit.periods[0];
    let excluded: Vec<(u16, Exclusion)> = p.excluded.iter().map(|e| (e.state, e.why)).collect();
    assert_eq!(
        excluded,
        vec![
            (9001, Exclusion::TooFewVotes { votes: 0, min: 10 }),
            (9002, Exclusion::TooFewVotes { votes: 3, min: 10 })
        ]
    );
    assert_eq!(fit.points.len(), 40);
    assert!(fit.points.iter().all(|pt| pt.n_votes == 60 || pt.n_votes < 60 && pt.n_votes >= 10));
}

#[test]
fn abstentions_are_missing_in_the_binary_model() {
    let (r, _) = simulate(IdealModel::Ordinal, 30, 40, 11);
    let abstentions =
        |s: u16| (0..r.len()).filter(|&i| r.state[i] == s && r.code[i] == VoteCode::Cast(Vote::Abstain)).count();
    let bin = fit_static(&r, &opts(IdealModel::Binary)).unwrap();
    let ord = fit_static(&r, &opts(IdealModel::Ordinal)).unwrap();
    for p in &bin.points {
        let o = ord.points.iter().find(|q| q.state == p.state).unwrap();
        assert!(p.n_votes as usize <= 40 - abstentions(p.state));
        assert!(o.n_votes >= p.n_votes);
    }
}

#[test]
fn bootstrap_is_reproducible_and_independent_of_threads() {
    // Two sessions so that both threads have work.
    let (mut r, _) = simulate(IdealModel::Binary, 40, 30, 21);
    let (r2, _) = simulate(IdealModel::Binary, 40, 30, 22);
    let offset = r.roll_calls.len() as u32;
    for rc in &r2.roll_calls {
        r.roll_calls.push(RollCall { rcid: rc.rcid + 1000, session: 2, ..Default::default() });
    }
    for i in 0..r2.len() {
        r.push(r2.roll_call[i] + offset, r2.state[i], r2.code[i]);
    }
    let o = IdealOptions { bootstrap: 20, seed: 99, ..opts(IdealModel::Binary) };
    let a = fit_static(&r, &o).unwrap();
    let b = fit_static(&r, &o).unwrap();
    let c = fit_static(&r, &IdealOptions { threads: 2, ..o.clone() }).unwrap();
    assert_eq!(a, b);
    assert_eq!(a, c);
    let d = fit_static(&r, &IdealOptions { seed: 100, ..o }).unwrap();
    assert_ne!(a.points, d.points);
    // Each estimate lies inside its own percentile interval (not guaranteed by the method, but true
    // of every state of this seeded fit), and the interval has a width.
    for p in &a.points {
        let (lo, hi) = (p.lo.unwrap(), p.hi.unwrap());
        assert!(lo <= p.theta && p.theta <= hi && lo < hi, "state {}: {} outside [{lo}, {hi}]", p.state, p.theta);
    }
}

/// 90% bootstrap intervals contain the true position at roughly the nominal
/// rate. Location and scale are identified only through the N(0, 1) prior,
/// and a posterior mode is shrunk towards 0, so the truth is first put on the
/// fitted scale (least-squares line of estimate on truth); the bound is loose.
///
/// Coverage alone would accept intervals of any width (an infinite interval
/// covers everything), so the width is checked too: the mean width against
/// that of a calibrated 90% interval for the actual estimation error,
/// 2 · 1.645 · RMSE(estimate − truth on the fitted scale). Measured on this
/// dataset: 0.74 (binary) and 0.74 (ordinal); accepted 0.5–1.5, and coverage
/// 0.70–0.97 (nominal 0.90; 60 states, so one state is 0.017).
///
/// Measured over 8 datasets (seeds 31–38, 60 states × 80 items, 40
/// replicates), mean coverage on the fitted scale: percentile intervals
/// (shipped) binary 0.83, ordinal 0.78 (single datasets 0.60–0.93); the
/// "basic" interval 2θ̂ − q gave 0.86 and 0.75, the percentile interval
/// shifted by θ̂ − median(θ*) 0.86 and 0.74. Neither correction helps both
/// models, so the plain percentile interval stays; the shortfall is the
/// shrinkage of the posterior mode (the bootstrap cannot see the bias
/// between the mode and the truth, only the spread around the mode).
#[test]
fn bootstrap_intervals_cover_the_truth_roughly_nominally() {
    for model in [IdealModel::Binary, IdealModel::Ordinal] {
        let (rec, truth) = simulate(model, 60, 80, 31);
        let o = IdealOptions { bootstrap: 40, seed: 5, ..opts(model) };
        let fit = fit_static(&rec, &o).unwrap();
        let est = fitted(&fit, 60);
        let (mt, me) = (truth.iter().sum::<f64>() / 60.0, est.iter().sum::<f64>() / 60.0);
        let slope = truth.iter().zip(&est).map(|(t, e)| (t - mt) * (e - me)).sum::<f64>()
            / truth.iter().map(|t| (t - mt) * (t - mt)).sum::<f64>();
        let on_scale = |t: f64| me + slope * (t - mt);
        let rate = |f: &dyn Fn(f64) -> f64| {
            (0..60)
                .filter(|&i| {
                    let p = fit.points.iter().find(|p| p.state == cow(i)).unwrap();
                    p.lo.unwrap() <= f(truth[i]) && f(truth[i]) <= p.hi.unwrap()
                })
                .count() as f64
                / 60.0
        };
        let (raw, aligned) = (rate(&|t| t), rate(&on_scale));
        let width: f64 = fit.points.iter().map(|p| p.hi.unwrap() - p.lo.unwrap()).sum::<f64>() / 60.0;
        let rmse = ((0..60).map(|i| (est[i] - on_scale(truth[i])).powi(2)).sum::<f64>() / 60.0).sqrt();
        let calibration = width / (2.0 * 1.645 * rmse);
        eprintln!(
            "{model:?}: 90% bootstrap intervals (mean width {width:.3}, {calibration:.2} of a calibrated width) \
             cover the truth for {aligned:.2} of states on the fitted scale ({raw:.2} on the generating scale; \
             slope {slope:.3})"
        );
        assert!((0.7..=0.97).contains(&aligned), "{model:?}: coverage {aligned}");
        assert!((0.5..=1.5).contains(&calibration), "{model:?}: width {width} is {calibration} of a calibrated width");
        assert_eq!(fit.periods[0].bootstrap_unconverged, 0);
    }
}

#[test]
fn periods_by_year_relabel_sessions() {
    let (r, _) = simulate(IdealModel::Binary, 30, 20, 41);
    let by_session = fit_static(&r, &opts(IdealModel::Binary)).unwrap();
    let by_year = fit_static(&r, &IdealOptions { period: PeriodKind::Year, ..opts(IdealModel::Binary) }).unwrap();
    assert_eq!(by_year.points[0].period, 1946);
    assert_eq!(by_session.points[0].theta, by_year.points[0].theta);
}

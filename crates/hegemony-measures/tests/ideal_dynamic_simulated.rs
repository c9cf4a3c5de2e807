//! Dynamic ideal points on simulated votes with known parameters, and on bad input.

use hegemony_core::{RollCall, Vote, VoteCode, VoteRecord};
use hegemony_measures::ideal::rng::SplitMix64;
use hegemony_measures::ideal::{
    Bridging, DynamicFit, DynamicOptions, IdealError, IdealModel, PeriodKind, SkipReason, VoteSubset, fit_dynamic,
};

/// COW codes for simulated states: the first is the USA (the default anchor).
fn cow(i: usize) -> u16 {
    if i == 0 { 2 } else { 1000 + i as u16 }
}

/// A world of `n` states over `t_n` sessions with `m` roll calls each, drawn
/// from the model the estimator assumes: θ_i1 ~ N(0, 1), steps N(0, 0.05),
/// plus a common drift of +0.1 per session for half of the states (so the
/// positions move on the common scale, which only bridging and the walk can
/// pin down). `bridged` of each session's roll calls are one recurring
/// resolution each (same title, same item parameters every session); the
/// others are new each session. The USA (state 0) is held at +1.5 or beyond.
struct World {
    record: VoteRecord,
    /// truth[t][i]
    truth: Vec<Vec<f64>>,
}

fn simulate(model: IdealModel, n: usize, t_n: usize, m: usize, bridged: usize, seed: u64) -> World {
    let mut g = SplitMix64::new(seed);
    let mut truth = vec![(0..n).map(|_| g.normal()).collect::<Vec<f64>>()];
    for t in 1..t_n {
        let prev = &truth[t - 1];
        let next = (0..n).map(|i| prev[i] + 0.05f64.sqrt() * g.normal() + if i % 2 == 1 { 0.1 } else { 0.0 }).collect();
        truth.push(next);
    }
    for th in &mut truth {
        th[0] = th[0].max(1.5);
    }
    let item = |g: &mut SplitMix64| (g.normal(), 1.5 * g.normal(), 0.3 + 0.9 * g.uniform());
    let recurring: Vec<(f64, f64, f64)> = (0..bridged).map(|_| item(&mut g)).collect();
    let mut r = VoteRecord::default();
    for (t, th) in truth.iter().enumerate() {
        for k in 0..m {
            let (alpha, beta, width) = recurring.get(k).copied().unwrap_or_else(|| item(&mut g));
            let idx = r.roll_calls.len() as u32;
            r.roll_calls.push(RollCall {
                rcid: idx + 1,
                session: t as u16 + 1,
                short: Some(if k < bridged { format!("RECURRING {k}") } else { format!("ONCE {t} {k}") }),
                ..Default::default()
            });
            for (i, &x) in th.iter().enumerate() {
                let z = alpha + beta * x + g.normal();
                let v = match model {
                    IdealModel::Binary if z > 0.0 => Vote::Yes,
                    IdealModel::Binary => Vote::No,
                    IdealModel::Ordinal if z > width / 2.0 => Vote::Yes,
                    IdealModel::Ordinal if z > -width / 2.0 => Vote::Abstain,
                    IdealModel::Ordinal => Vote::No,
                };
                r.push(idx, cow(i), VoteCode::Cast(v));
            }
        }
    }
    World { record: r, truth }
}

fn opts(model: IdealModel) -> DynamicOptions {
    DynamicOptions { model, period: PeriodKind::Session, threads: 1, ..Default::default() }
}

fn all_finite(fit: &DynamicFit) -> bool {
    fit.points
        .iter()
        .all(|p| p.theta.is_finite() && p.lo.is_some_and(f64::is_finite) && p.hi.is_some_and(f64::is_finite))
}

/// (estimate, truth) over all state-periods.
fn pairs(fit: &DynamicFit, w: &World) -> Vec<(f64, f64)> {
    fit.points.iter().map(|p| (p.theta, w.truth[p.period as usize - 1][state_index(p.state)])).collect()
}

fn state_index(c: u16) -> usize {
    if c == 2 { 0 } else { usize::from(c - 1000) }
}

/// Pearson r and the RMSE after the least-squares line from estimate to truth
/// (the dynamic scale is identified up to one affine map for the whole record).
fn recovery_error(p: &[(f64, f64)]) -> (f64, f64) {
    let n = p.len() as f64;
    let (ma, mb) = (p.iter().map(|x| x.0).sum::<f64>() / n, p.iter().map(|x| x.1).sum::<f64>() / n);
    let sab = p.iter().map(|x| (x.0 - ma) * (x.1 - mb)).sum::<f64>();
    let saa = p.iter().map(|x| (x.0 - ma) * (x.0 - ma)).sum::<f64>();
    let sbb = p.iter().map(|x| (x.1 - mb) * (x.1 - mb)).sum::<f64>();
    let slope = sab / saa;
    let rmse = (p.iter().map(|x| (mb + slope * (x.0 - ma) - x.1).powi(2)).sum::<f64>() / n).sqrt();
    (sab / (saa * sbb).sqrt(), rmse)
}

/// Recovery: the pooled error over all state-periods (positions move on the
/// common scale) falls as the number of roll calls per period grows, and the
/// correlation with the truth is high from 25 roll calls per period on.
fn recovery(model: IdealModel) {
    let sizes = [10, 25, 50, 100];
    let datasets = 4;
    let mut errors = Vec::new();
    for &m in &sizes {
        let (mut err, mut min_r) = (0.0, 1.0f64);
        for d in 0..datasets {
            let w = simulate(model, 60, 8, m, m / 5, 100 * m as u64 + d);
            let fit = fit_dynamic(&w.record, &opts(model)).expect("fits");
            assert!(all_finite(&fit));
            assert!(fit.converged, "{model:?}, {m} roll calls: {} sweeps", fit.iterations);
            assert_eq!(fit.points.len(), 60 * 8);
            let (r, rmse) = recovery_error(&pairs(&fit, &w));
            min_r = min_r.min(r);
            err += rmse / datasets as f64;
            if m >= 25 {
                assert!(r >= 0.95, "{model:?}, {m} roll calls per period: pooled r = {r}");
            }
        }
        eprintln!(
            "{model:?}: 60 states x 8 periods x {m:>3} roll calls ({} bridged): pooled RMSE {err:.4} (truth SD ≈ 1.1), min r {min_r:.4}",
            m / 5
        );
        errors.push(err);
    }
    for w in errors.windows(2) {
        assert!(w[1] < w[0], "{model:?}: error does not fall with more roll calls: {errors:?}");
    }
}

#[test]
fn ordinal_recovers_known_paths() {
    recovery(IdealModel::Ordinal);
}

#[test]
fn binary_recovers_known_paths() {
    recovery(IdealModel::Binary);
}

/// Bridging earns its keep: with every state drifting the same way, the
/// items of each period alone cannot tell a drift from a shift of the items;
/// the recurring resolutions can.
#[test]
fn bridges_recover_a_common_drift() {
    // All states move +0.15 per period; 10 of 30 roll calls recur.
    let mut g = SplitMix64::new(7);
    let n = 50;
    let base: Vec<f64> = (0..n).map(|_| g.normal()).collect();
    let truth: Vec<Vec<f64>> = (0..8).map(|t| base.iter().map(|b| b + 0.15 * t as f64).collect()).collect();
    let recurring: Vec<(f64, f64)> = (0..10).map(|_| (g.normal(), 1.5 * g.normal())).collect();
    let mut r = VoteRecord::default();
    for (t, th) in truth.iter().enumerate() {
        for k in 0..30 {
            let (a, b) = recurring.get(k).copied().unwrap_or_else(|| (g.normal(), 1.5 * g.normal()));
            let idx = r.roll_calls.len() as u32;
            r.roll_calls.push(RollCall {
                rcid: idx + 1,
                session: t as u16 + 1,
                short: Some(format!("T{}", if k < 10 { k } else { 100 * t + k })),
                ..Default::default()
            });
            for (i, &x) in th.iter().enumerate() {
                let v = if a + b * x + g.normal() > 0.0 { Vote::Yes } else { Vote::No };
                r.push(idx, if i == 0 { 2 } else { 1000 + i as u16 }, VoteCode::Cast(v));
            }
        }
    }
    let w = World { record: r, truth };
    let mean_shift = |fit: &DynamicFit| {
        let first: f64 = fit.points.iter().filter(|p| p.period == 1).map(|p| p.theta).sum::<f64>() / n as f64;
        let last: f64 = fit.points.iter().filter(|p| p.period == 8).map(|p| p.theta).sum::<f64>() / n as f64;
        let sd = {
            let v: Vec<f64> = fit.points.iter().filter(|p| p.period == 1).map(|p| p.theta).collect();
            (v.iter().map(|x| (x - first).powi(2)).sum::<f64>() / n as f64).sqrt()
        };
        (last - first).abs() / sd
    };
    let with =
        fit_dynamic(&w.record, &DynamicOptions { model: IdealModel::Binary, ..opts(IdealModel::Binary) }).unwrap();
    let without = fit_dynamic(
        &w.record,
        &DynamicOptions { model: IdealModel::Binary, bridging: Bridging::None, ..opts(IdealModel::Binary) },
    )
    .unwrap();
    // Every recurring roll call is bridged, but for one that happens to be
    // unanimous in one period (dropped there): 10 per period but 9 in the last.
    assert_eq!(with.bridge_groups, 10);
    assert_eq!(with.periods.iter().map(|p| p.bridged).collect::<Vec<_>>(), [10, 10, 10, 10, 10, 10, 10, 9]);
    assert_eq!(without.bridge_groups, 0);
    // The truth moves 1.05 in units of the first period's SD of positions.
    let sd0 = {
        let m = w.truth[0].iter().sum::<f64>() / n as f64;
        (w.truth[0].iter().map(|x| (x - m).powi(2)).sum::<f64>() / n as f64).sqrt()
    };
    let true_shift = 1.05 / sd0;
    let (s_with, s_without) = (mean_shift(&with), mean_shift(&without));
    eprintln!("common drift (first-period SDs): truth {true_shift:.3}, bridged {s_with:.3}, walk only {s_without:.3}");
    // Measured: bridged 0.79 of the true 1.11, walk only 0.26. The bridged
    // fit falls short because the items' prior (slope SD 1) is tighter than
    // this world's slopes (SD 1.5), which shrinks the scale a little.
    assert!((s_with - true_shift).abs() < 0.35 * true_shift, "bridged fit misses the drift: {s_with} vs {true_shift}");
    assert!(s_without < 0.5 * true_shift, "without bridges the drift should be (mostly) invisible: {s_without}");
    assert!(s_with > 2.0 * s_without, "bridges should see much more of the drift: {s_with} vs {s_without}");
}

#[test]
fn anchor_fixes_the_sign_whatever_the_coding() {
    let w = simulate(IdealModel::Ordinal, 30, 4, 20, 4, 11);
    let fit = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
    // Reverse every vote (yes ↔ no): the positions must not flip.
    let mut rev = w.record.clone();
    for c in &mut rev.code {
        *c = match *c {
            VoteCode::Cast(Vote::Yes) => VoteCode::Cast(Vote::No),
            VoteCode::Cast(Vote::No) => VoteCode::Cast(Vote::Yes),
            other => other,
        };
    }
    let fit_rev = fit_dynamic(&rev, &opts(IdealModel::Ordinal)).unwrap();
    for f in [&fit, &fit_rev] {
        assert_eq!(f.anchor, Some(2));
        assert!(f.points.iter().filter(|p| p.state == 2).all(|p| p.theta > 0.0));
        assert!(all_finite(f));
    }
    let (r, _) =
        recovery_error(&fit.points.iter().zip(&fit_rev.points).map(|(a, b)| (a.theta, b.theta)).collect::<Vec<_>>());
    assert!(r > 0.99, "reversed coding, same positions: r = {r}");
}

#[test]
fn lopsided_votes_are_finite() {
    // 100 states, 6 sessions; each roll call 99 yes and 1 no (a different state each time), plus
    // enough ordinary roll calls to place everyone.
    let mut w = simulate(IdealModel::Ordinal, 100, 6, 15, 3, 5);
    for t in 0..6u16 {
        for k in 0..10u32 {
            let idx = w.record.roll_calls.len() as u32;
            w.record.roll_calls.push(RollCall { rcid: idx + 1, session: t + 1, ..Default::default() });
            for i in 0..100 {
                let v = if i == (k as usize * 7 + t as usize) % 100 { Vote::No } else { Vote::Yes };
                w.record.push(idx, cow(i), VoteCode::Cast(v));
            }
        }
    }
    let fit = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
    assert!(all_finite(&fit));
    assert!(fit.converged);
    assert_eq!(fit.points.len(), 600);
}

#[test]
fn bootstrap_is_seeded_and_independent_of_threads() {
    let w = simulate(IdealModel::Ordinal, 25, 4, 15, 3, 3);
    let o = DynamicOptions { bootstrap: 12, ..opts(IdealModel::Ordinal) };
    let a = fit_dynamic(&w.record, &o).unwrap();
    let b = fit_dynamic(&w.record, &DynamicOptions { threads: 2, ..o.clone() }).unwrap();
    let c = fit_dynamic(&w.record, &DynamicOptions { seed: 2, ..o.clone() }).unwrap();
    assert_eq!(a, b, "same seed, other thread count: identical");
    assert_ne!(a.points, c.points, "another seed, other draws");
    assert!(all_finite(&a));
    assert!(a.points.iter().all(|p| p.hi.unwrap() > p.lo.unwrap()));
    // The point estimate itself does not depend on the bootstrap.
    let plain = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
    assert!(a.points.iter().zip(&plain.points).all(|(x, y)| x.theta == y.theta));
}

/// How often the nominal 90% intervals cover the true position (after the
/// one affine map from our scale to the truth's, fitted on all
/// state-periods). Measured: smoother 0.86 (15 roll calls per period) and
/// 0.85 (40); bootstrap 0.68 and 0.60. Both fall short of 90%: the
/// posterior mode is shrunk towards the walk's prior, a bias the bootstrap
/// does not see (it resamples around the shrunk estimate), and the
/// smoother's variance is taken given the item parameters. The bounds below
/// are a little looser than measured: they catch a broken interval, not
/// noise.
#[test]
fn interval_coverage() {
    let mut coverage = Vec::new();
    for (m, boot) in [(15, 40), (40, 40)] {
        let w = simulate(IdealModel::Ordinal, 40, 6, m, m / 5, 21);
        let plain = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
        let boot = fit_dynamic(&w.record, &DynamicOptions { bootstrap: boot, threads: 2, ..opts(IdealModel::Ordinal) })
            .unwrap();
        for (name, f) in [("smoother", &plain), ("bootstrap", &boot)] {
            let p = pairs(f, &w);
            let n = p.len() as f64;
            let (ma, mb) = (p.iter().map(|x| x.0).sum::<f64>() / n, p.iter().map(|x| x.1).sum::<f64>() / n);
            let slope = p.iter().map(|x| (x.0 - ma) * (x.1 - mb)).sum::<f64>()
                / p.iter().map(|x| (x.0 - ma).powi(2)).sum::<f64>();
            let map = |v: f64| mb + slope * (v - ma);
            let cover =
                f.points.iter().zip(&p).filter(|(q, x)| map(q.lo.unwrap()) <= x.1 && x.1 <= map(q.hi.unwrap())).count();
            eprintln!("{m} roll calls/period, {name}: slope {slope:.3}, 90% coverage {:.3}", cover as f64 / n);
            coverage.push((m, name, cover as f64 / n));
        }
    }
    for (m, name, c) in coverage {
        let min = if name == "smoother" { 0.72 } else { 0.55 };
        assert!((min..1.0).contains(&c), "{m} roll calls, {name}: coverage {c}");
    }
}

#[test]
fn a_state_silent_for_a_period_is_carried_with_n_zero() {
    let mut w = simulate(IdealModel::Ordinal, 30, 5, 20, 4, 9);
    // State 5 casts no vote in session 3; state 7 is recorded only as absent throughout.
    let (s5, s7) = (cow(5), cow(7));
    let keep: Vec<bool> = (0..w.record.len())
        .map(|row| {
            let session = w.record.roll_calls[w.record.roll_call[row] as usize].session;
            !(w.record.state[row] == s5 && session == 3)
        })
        .collect();
    let mut r = VoteRecord { roll_calls: w.record.roll_calls.clone(), ..Default::default() };
    for (row, _) in keep.iter().enumerate().filter(|k| *k.1) {
        let code = if w.record.state[row] == s7 { VoteCode::Absent } else { w.record.code[row] };
        r.push(w.record.roll_call[row], w.record.state[row], code);
    }
    w.record = r;
    let fit = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
    assert!(all_finite(&fit));
    let p = fit.points.iter().find(|p| p.state == s5 && p.period == 3).expect("carried through session 3");
    assert_eq!(p.n_votes, 0);
    // Carried: between its neighbours, with a wider interval.
    let nb: Vec<_> = fit.points.iter().filter(|q| q.state == s5 && (q.period == 2 || q.period == 4)).collect();
    let (lo, hi) = (nb[0].theta.min(nb[1].theta), nb[0].theta.max(nb[1].theta));
    assert!(lo - 1e-9 <= p.theta && p.theta <= hi + 1e-9, "{} not in [{lo}, {hi}]", p.theta);
    assert!(nb.iter().all(|q| q.hi.unwrap() - q.lo.unwrap() < p.hi.unwrap() - p.lo.unwrap()));
    assert_eq!(fit.periods[2].states_carried, 1);
    assert_eq!(fit.never_voted, vec![s7]);
    assert!(fit.points.iter().all(|p| p.state != s7));
}

#[test]
fn a_period_with_too_few_votes_is_skipped_and_stepped_over() {
    let mut w = simulate(IdealModel::Ordinal, 30, 4, 20, 4, 13);
    // Session 10: three roll calls only; session 20: one unanimous roll call.
    for (session, n_rc, unanimous) in [(10u16, 3u32, false), (20, 1, true)] {
        for k in 0..n_rc {
            let idx = w.record.roll_calls.len() as u32;
            w.record.roll_calls.push(RollCall { rcid: 1000 + idx, session, ..Default::default() });
            for i in 0..30 {
                let v = if unanimous || (i + k as usize).is_multiple_of(2) { Vote::Yes } else { Vote::No };
                w.record.push(idx, cow(i), VoteCode::Cast(v));
            }
        }
    }
    let fit = fit_dynamic(&w.record, &opts(IdealModel::Ordinal)).unwrap();
    let skip = |s: i32| fit.periods.iter().find(|p| p.period == s).unwrap().skipped;
    assert_eq!(skip(10), Some(SkipReason::TooFewRollCalls { informative: 3, min: 5 }));
    assert_eq!(skip(20), Some(SkipReason::AllUnanimous { roll_calls: 1 }));
    assert!(fit.points.iter().all(|p| p.period <= 4));
    assert!(all_finite(&fit));
}

#[test]
fn all_yes_is_a_clear_error() {
    let mut r = VoteRecord::default();
    for t in 1..=3u16 {
        for _ in 0..6 {
            let idx = r.roll_calls.len() as u32;
            r.roll_calls.push(RollCall { rcid: idx + 1, session: t, ..Default::default() });
            for i in 0..20 {
                r.push(idx, cow(i), VoteCode::Cast(Vote::Yes));
            }
        }
    }
    let err = fit_dynamic(&r, &opts(IdealModel::Ordinal)).unwrap_err();
    assert_eq!(
        err,
        IdealError::NothingFitted((1..=3).map(|s| (s, SkipReason::AllUnanimous { roll_calls: 6 })).collect())
    );
    assert!(err.to_string().contains("unanimous"), "{err}");
    let empty = fit_dynamic(&VoteRecord::default(), &opts(IdealModel::Ordinal)).unwrap_err();
    assert_eq!(empty, IdealError::NoRollCalls);
    let final_only =
        DynamicOptions { subset: VoteSubset::FinalPassage, evolution_var: 0.0, ..opts(IdealModel::Ordinal) };
    assert!(matches!(fit_dynamic(&r, &final_only), Err(IdealError::InvalidOptions(_))));
}

//! Static one-dimensional ideal points per period, fitted by EM.
//!
//! The models are emIRT's `binIRT` and `ordIRT` (Imai, Lo & Olmsted 2016):
//! a probit item-response model y*_ik = α_k + β_k·x_i + ε_ik fitted to each
//! period's votes separately, with the exact posterior mode found by EM
//! (see `ideal/em.rs` for the updates and priors).
//!
//! - [`IdealModel::Binary`]: yes vs no; **abstentions are treated as missing**
//!   (an abstention is neither side of a binary choice; coding it as "no"
//!   would mix two different decisions).
//! - [`IdealModel::Ordinal`]: three ordered categories **no < abstain < yes**
//!   (the order of Bailey, Strezhnev & Voeten), two cutpoints per roll call.
//!   A roll call on which only two categories occur (say yes and abstain, no
//!   "no") is fitted as a binary item between those two: its third category
//!   has no data, and the ordinal likelihood would push a cutpoint to
//!   infinity (emIRT's `ordIRT` breaks on such items).
//!
//! Each period's scale is its own (location and scale come from the N(0, 1)
//! prior on x), so positions are comparable **within** a period, not across
//! periods. Orientation: the first anchor state present in a period gets a
//! positive position (default: the USA, then the UK), so positive means
//! "US-like", as in Voeten's estimates.
//!
//! Nothing is dropped silently: roll calls on which every counted vote is the
//! same are dropped (they carry no information) and counted; states with
//! fewer than `min_votes` votes are listed as excluded with their count; a
//! period that cannot be fitted is reported with its reason. Outputs are
//! finite: no NaN anywhere.

pub mod dynamic;
mod em;
pub mod rng;
mod tn;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use hegemony_core::{Vote, VoteCode, VoteRecord};
use serde::Serialize;

pub use crate::agreement::{PeriodKind, VoteSubset};
pub use dynamic::{Bridging, DynamicFit, DynamicOptions, DynamicPeriod, fit_dynamic};
use em::{Matrix, Params};
use rng::SplitMix64;

/// Which item-response model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdealModel {
    /// Yes vs no, abstentions missing (emIRT `binIRT`).
    Binary,
    /// No < abstain < yes (emIRT `ordIRT`).
    Ordinal,
}

#[derive(Clone, Debug)]
/// How static ideal points are fitted.
pub struct IdealOptions {
    /// Binary or ordinal.
    pub model: IdealModel,
    /// Session, session year or calendar year (`Session` and `Year` cut the
    /// record identically, only the labels differ).
    pub period: PeriodKind,
    /// Which roll calls count.
    pub subset: VoteSubset,
    /// Inclusive range of period labels to fit.
    pub range: Option<(i32, i32)>,
    /// States with fewer counted votes (on informative roll calls) in a period
    /// are excluded from it, and listed. Default 10.
    pub min_votes: u32,
    /// Periods with fewer informative roll calls are skipped. Default 5.
    pub min_roll_calls: u32,
    /// Periods with fewer fitted states are skipped. Default 10.
    pub min_states: u32,
    /// COW codes; the first one present in a period is oriented positive.
    /// Default: USA (2), then UK (200).
    pub anchors: Vec<u16>,
    /// Parametric bootstrap replicates (0 = no intervals). 100 or more for
    /// 5%/95% quantiles worth the name.
    pub bootstrap: u32,
    /// Seed of the bootstrap's generator (results depend on it, not on the thread count).
    pub seed: u64,
    /// EM stops when no position moves by more than `tol` in one sweep…
    /// Default 1e-4: far below the sampling error (bootstrap 90% intervals
    /// are ~0.3 wide on the record), and each tenfold tightening costs
    /// roughly 1.5–2× the sweeps (EM converges linearly on near-unanimous
    /// roll calls, even with SQUAREM).
    pub tol: f64,
    /// …or after this many sweeps (then `converged` is false).
    pub max_iter: u32,
    /// Worker threads (0 = as many as the machine has). Results do not depend on it.
    pub threads: usize,
}

impl Default for IdealOptions {
    fn default() -> Self {
        IdealOptions {
            model: IdealModel::Ordinal,
            period: PeriodKind::Session,
            subset: VoteSubset::All,
            range: None,
            min_votes: 10,
            min_roll_calls: 5,
            min_states: 10,
            anchors: vec![2, 200],
            bootstrap: 0,
            seed: 1,
            tol: 1e-4,
            max_iter: 5000,
            threads: 0,
        }
    }
}

/// One state's position in one period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct IdealPoint {
    /// The period label.
    pub period: i32,
    /// COW code.
    pub state: u16,
    /// Posterior mode of the position.
    pub theta: f64,
    /// 5% quantile over the bootstrap replicates (`None` without bootstrap).
    pub lo: Option<f64>,
    /// 95% quantile (`None` without bootstrap).
    pub hi: Option<f64>,
    /// Votes counted for this state (informative roll calls only; abstentions
    /// not counted in the binary model).
    pub n_votes: u32,
}

/// Why a state has no position in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Exclusion {
    /// Fewer counted votes on informative roll calls than `min_votes`
    /// (0 for a state recorded only as absent).
    TooFewVotes {
        /// Counted votes of the state in the period.
        votes: u32,
        /// The minimum asked for.
        min: u32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
/// A state left out of a period, and why.
pub struct ExcludedState {
    /// COW code.
    pub state: u16,
    #[serde(flatten)]
    /// Why it was left out.
    pub why: Exclusion,
}

/// Why a period was not fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum SkipReason {
    /// Every roll call is unanimous among the counted votes (e.g. all "yes").
    AllUnanimous {
        /// Roll calls in the period.
        roll_calls: u32,
    },
    /// Fewer informative roll calls than `min_roll_calls`.
    TooFewRollCalls {
        /// Informative roll calls in the period.
        informative: u32,
        /// The minimum asked for.
        min: u32,
    },
    /// Fewer states than `min_states`.
    TooFewStates {
        /// States with enough votes.
        states: u32,
        /// The minimum asked for.
        min: u32,
    },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            SkipReason::AllUnanimous { roll_calls } => write!(
                f,
                "all {roll_calls} roll calls are unanimous (every counted vote the same), \
                 so they say nothing about positions"
            ),
            SkipReason::TooFewRollCalls { informative, min } => {
                write!(f, "{informative} informative roll calls, fewer than the minimum {min}")
            }
            SkipReason::TooFewStates { states, min } => {
                write!(f, "{states} states with enough votes, fewer than the minimum {min}")
            }
        }
    }
}

/// What happened in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodReport {
    /// The period label.
    pub period: i32,
    /// Roll calls in the period after the subset filter.
    pub roll_calls: u32,
    /// Roll calls dropped because every counted vote was the same.
    pub unanimous_dropped: u32,
    /// Informative roll calls fitted as binary items (in the ordinal model:
    /// those with only two of the three categories).
    pub binary_items: u32,
    /// Roll calls fitted with two cutpoints.
    pub ordinal_items: u32,
    /// States left out, with the reason.
    pub excluded: Vec<ExcludedState>,
    /// `None` when fitted.
    pub skipped: Option<SkipReason>,
    /// EM sweeps of the point estimate, and whether it met `tol`.
    pub iterations: u32,
    /// Whether the EM met `tol` before `max_iter`.
    pub converged: bool,
    /// The state oriented positive; `None` when no anchor voted (orientation arbitrary).
    pub anchor: Option<u16>,
    /// Bootstrap replicates whose EM hit `max_iter` (they are still used).
    pub bootstrap_unconverged: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
/// Static ideal points: one fit per period.
pub struct IdealFit {
    /// Binary or ordinal.
    pub model: IdealModel,
    /// Sorted by period, then COW code.
    pub points: Vec<IdealPoint>,
    /// One per period with roll calls, fitted or not.
    pub periods: Vec<PeriodReport>,
}

#[derive(Clone, Debug, PartialEq)]
/// Why no fit could be made.
pub enum IdealError {
    /// The options are out of range (the message says which).
    InvalidOptions(String),
    /// No roll call in the record passes the filters.
    NoRollCalls,
    /// No period could be fitted; each one's reason.
    NothingFitted(Vec<(i32, SkipReason)>),
}

impl std::fmt::Display for IdealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdealError::InvalidOptions(s) => write!(f, "invalid ideal-point options: {s}"),
            IdealError::NoRollCalls => write!(f, "no roll calls in the record pass the filters"),
            IdealError::NothingFitted(v) => {
                write!(f, "no period could be fitted")?;
                for (p, r) in v.iter().take(5) {
                    write!(f, "; period {p}: {r}")?;
                }
                if v.len() > 5 {
                    write!(f, "; … ({} periods in all)", v.len())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for IdealError {}

/// Fits one static model per period.
pub fn fit_static(record: &VoteRecord, opts: &IdealOptions) -> Result<IdealFit, IdealError> {
    if !(opts.tol > 0.0 && opts.tol.is_finite()) || opts.max_iter == 0 {
        return Err(IdealError::InvalidOptions("tol must be positive and max_iter at least 1".into()));
    }
    if opts.min_votes == 0 || opts.min_states < 2 || opts.min_roll_calls == 0 {
        return Err(IdealError::InvalidOptions(
            "min_votes and min_roll_calls must be at least 1, min_states at least 2".into(),
        ));
    }
    // Period label of every roll call that passes the filters.
    let mut period_of: Vec<Option<usize>> = vec![None; record.roll_calls.len()];
    let mut labels: BTreeMap<i32, usize> = BTreeMap::new();
    let mut rc_label = Vec::with_capacity(record.roll_calls.len());
    for rc in &record.roll_calls {
        let label = match opts.period {
            PeriodKind::Session => Some(i32::from(rc.session)),
            PeriodKind::Year => Some(rc.session_year()),
            PeriodKind::CalendarYear => rc.date.map(|d| d.year()),
        };
        let keep = opts.subset == VoteSubset::All || rc.is_final_passage();
        let label = label.filter(|l| keep && opts.range.is_none_or(|(a, b)| (a..=b).contains(l)));
        rc_label.push(label);
        if let Some(l) = label {
            labels.insert(l, 0);
        }
    }
    if labels.is_empty() {
        return Err(IdealError::NoRollCalls);
    }
    for (i, v) in labels.values_mut().enumerate() {
        *v = i;
    }
    let mut buckets: Vec<Bucket> = labels.keys().map(|&l| Bucket { label: l, ..Default::default() }).collect();
    for (rc, label) in rc_label.iter().enumerate() {
        if let Some(l) = label {
            let p = labels[l];
            period_of[rc] = Some(p);
            buckets[p].roll_calls.push(rc as u32);
        }
    }
    for row in 0..record.len() {
        let rc = record.roll_call[row] as usize;
        if let Some(p) = period_of.get(rc).copied().flatten() {
            buckets[p].rows.push((record.roll_call[row], record.state[row], record.code[row]));
        }
    }

    // Periods in parallel: workers take the next period from a counter; each
    // period's result (bootstrap included) depends only on its own data and
    // (seed, period, replicate), so the thread count changes nothing.
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        t => t,
    }
    .min(buckets.len())
    .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<PeriodResult>>> = Mutex::new(vec![None; buckets.len()]);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(b) = buckets.get(i) else { break };
                    let r = fit_period(b, opts);
                    results.lock().expect("no worker panics while holding the lock")[i] = Some(r);
                }
            });
        }
    });
    let results = results.into_inner().expect("workers finished");
    let mut fit = IdealFit { model: opts.model, points: Vec::new(), periods: Vec::new() };
    for r in results.into_iter().map(|r| r.expect("every period was fitted")) {
        fit.points.extend(r.points);
        fit.periods.push(r.report);
    }
    if fit.points.is_empty() {
        let reasons = fit.periods.iter().filter_map(|p| p.skipped.map(|r| (p.period, r))).collect();
        return Err(IdealError::NothingFitted(reasons));
    }
    Ok(fit)
}

#[derive(Default)]
struct Bucket {
    label: i32,
    roll_calls: Vec<u32>,
    rows: Vec<(u32, u16, VoteCode)>,
}

#[derive(Clone)]
struct PeriodResult {
    points: Vec<IdealPoint>,
    report: PeriodReport,
}

/// The category of a cast vote (no < abstain < yes), or `None` when it does
/// not count in this model.
fn category(model: IdealModel, code: VoteCode) -> Option<u8> {
    match (code.cast()?, model) {
        (Vote::No, _) => Some(0),
        (Vote::Abstain, IdealModel::Ordinal) => Some(1),
        (Vote::Abstain, IdealModel::Binary) => None,
        (Vote::Yes, _) => Some(2),
    }
}

fn fit_period(b: &Bucket, opts: &IdealOptions) -> PeriodResult {
    // States present: any row other than "not a member" (a state recorded
    // only as absent is present, and is reported as excluded with 0 votes).
    let mut states: Vec<u16> = b.rows.iter().filter(|r| r.2 != VoteCode::NotMember).map(|r| r.1).collect();
    states.sort_unstable();
    states.dedup();
    let state_index = |s: u16| states.binary_search(&s).ok();
    // Counted votes per roll call (local index), as (state index, category).
    let rc_local: BTreeMap<u32, usize> = b.roll_calls.iter().enumerate().map(|(i, &rc)| (rc, i)).collect();
    let mut items: Vec<Vec<(u32, u8)>> = vec![Vec::new(); b.roll_calls.len()];
    for &(rc, s, code) in &b.rows {
        if let (Some(c), Some(i)) = (category(opts.model, code), state_index(s)) {
            items[rc_local[&rc]].push((i as u32, c));
        }
    }
    let mut report = PeriodReport {
        period: b.label,
        roll_calls: b.roll_calls.len() as u32,
        unanimous_dropped: 0,
        binary_items: 0,
        ordinal_items: 0,
        excluded: Vec::new(),
        skipped: None,
        iterations: 0,
        converged: false,
        anchor: None,
        bootstrap_unconverged: 0,
    };
    // Exclude states short of votes on informative roll calls; dropping a
    // state can make a roll call unanimous, so repeat until stable.
    let mut kept = vec![true; states.len()];
    let (matrix, kept_states) = loop {
        let filtered: Vec<Vec<(u32, u8)>> =
            items.iter().map(|v| v.iter().copied().filter(|&(i, _)| kept[i as usize]).collect()).collect();
        let (m, dropped) = Matrix::build(states.len(), filtered.iter().map(|v| v.as_slice()));
        let counts = m.counts();
        let short: Vec<usize> = (0..states.len()).filter(|&i| kept[i] && counts[i] < opts.min_votes).collect();
        if short.is_empty() {
            report.unanimous_dropped = dropped as u32;
            break (m, (0..states.len()).filter(|&i| kept[i]).collect::<Vec<usize>>());
        }
        for i in short {
            kept[i] = false;
            report.excluded.push(ExcludedState {
                state: states[i],
                why: Exclusion::TooFewVotes { votes: counts[i], min: opts.min_votes },
            });
        }
    };
    report.excluded.sort_by_key(|e| e.state);
    report.binary_items = matrix.binary.iter().filter(|k| k.is_some()).count() as u32;
    report.ordinal_items = matrix.n_items() as u32 - report.binary_items;
    let informative = matrix.n_items() as u32;
    let skip = if informative == 0 && report.unanimous_dropped > 0 {
        Some(SkipReason::AllUnanimous { roll_calls: report.unanimous_dropped })
    } else if informative < opts.min_roll_calls {
        Some(SkipReason::TooFewRollCalls { informative, min: opts.min_roll_calls })
    } else if (kept_states.len() as u32) < opts.min_states {
        Some(SkipReason::TooFewStates { states: kept_states.len() as u32, min: opts.min_states })
    } else {
        None
    };
    if skip.is_some() {
        report.skipped = skip;
        return PeriodResult { points: Vec::new(), report };
    }

    // Excluded states keep their index but have no votes: their x stays at
    // the prior mode and is never reported.
    let anchor = opts.anchors.iter().find_map(|&a| state_index(a).filter(|&i| kept[i]).map(|i| (a, i)));
    report.anchor = anchor.map(|(a, _)| a);
    let mut p = Params::with_x(&matrix, em::start(&matrix, anchor.map(|(_, i)| i)));
    let conv = em::fit(&matrix, &mut p, opts.max_iter, opts.tol, &em::StandardNormal, 1, 1);
    report.iterations = conv.iterations;
    report.converged = conv.converged;
    if let Some((_, i)) = anchor
        && p.x[i] < 0.0
    {
        p.flip();
    }

    // Parametric bootstrap: votes drawn from the fitted model on the same
    // (roll call, state) pattern, refitted from the point estimate; each
    // replicate's sign is matched to the point estimate by correlation
    // (more robust than the anchor, whose own draw may sit near 0).
    let r_n = opts.bootstrap as usize;
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(r_n); states.len()];
    for r in 0..r_n {
        let mut rng = SplitMix64::for_stream(opts.seed, i64::from(b.label), r as u64);
        let sim = matrix.simulate(&p, &mut rng);
        let (m_r, _) = Matrix::build(states.len(), sim.iter().map(|v| v.as_slice()));
        let mut p_r = Params::with_x(&m_r, p.x.clone());
        let c = em::fit(&m_r, &mut p_r, opts.max_iter, opts.tol, &em::StandardNormal, 1, 1);
        if !c.converged {
            report.bootstrap_unconverged += 1;
        }
        if correlation(&kept_states, &p.x, &p_r.x) < 0.0 {
            p_r.flip();
        }
        for &i in &kept_states {
            draws[i].push(p_r.x[i]);
        }
    }
    let counts = matrix.counts();
    let points = kept_states
        .iter()
        .map(|&i| {
            let (lo, hi) = if r_n > 0 {
                let d = &mut draws[i];
                d.sort_by(f64::total_cmp);
                (Some(quantile(d, 0.05)), Some(quantile(d, 0.95)))
            } else {
                (None, None)
            };
            IdealPoint { period: b.label, state: states[i], theta: p.x[i], lo, hi, n_votes: counts[i] }
        })
        .collect();
    PeriodResult { points, report }
}

/// Pearson correlation of x and y over the states in `idx` (0 if either is constant).
fn correlation(idx: &[usize], x: &[f64], y: &[f64]) -> f64 {
    let n = idx.len() as f64;
    let mx = idx.iter().map(|&i| x[i]).sum::<f64>() / n;
    let my = idx.iter().map(|&i| y[i]).sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for &i in idx {
        let (dx, dy) = (x[i] - mx, y[i] - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx > 0.0 && syy > 0.0 { sxy / (sxx * syy).sqrt() } else { 0.0 }
}

/// Quantile of sorted values by linear interpolation (R's type 7).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let j = h.floor() as usize;
    let frac = h - j as f64;
    match sorted.get(j + 1) {
        Some(&next) => sorted[j] + frac * (next - sorted[j]),
        None => sorted[j],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hegemony_core::RollCall;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.05) - 1.2).abs() < 1e-12);
        assert!((quantile(&v, 0.95) - 4.8).abs() < 1e-12);
        assert_eq!(quantile(&[7.0], 0.95), 7.0);
    }

    #[test]
    fn too_few_roll_calls_is_a_skip_with_reason() {
        let mut r = VoteRecord::default();
        for k in 0..3u32 {
            r.roll_calls.push(RollCall { rcid: k, session: 1, ..Default::default() });
            for s in 0..20u16 {
                let v = if (s as u32 + k).is_multiple_of(3) { Vote::No } else { Vote::Yes };
                r.push(k, 100 + s, VoteCode::Cast(v));
            }
        }
        let opts = IdealOptions { min_votes: 1, ..Default::default() };
        let err = fit_static(&r, &opts).unwrap_err();
        assert_eq!(err, IdealError::NothingFitted(vec![(1, SkipReason::TooFewRollCalls { informative: 3, min: 5 })]));
        assert!(err.to_string().contains("3 informative roll calls"));
    }
}

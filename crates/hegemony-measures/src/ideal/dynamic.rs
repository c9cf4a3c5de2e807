//! Dynamic one-dimensional ideal points: one scale for the whole record.
//!
//! The item model is the static one (`em.rs`: binary or ordinal probit,
//! z = a_k + b_k·θ + e), with two changes that put every period on one scale
//! (the approach of Bailey, Strezhnev & Voeten 2017, fitted like emIRT's
//! `dynIRT`):
//!
//! - **Random walk.** A state's position θ_it is one unknown per period from
//!   the first to the last period in which it cast a counted vote:
//!   θ_i,first ~ N(0, 1), θ_it − θ_i,t−1 ~ N(0, ω²·g), where g is the gap
//!   between the two period labels (2 across 1964, which is skipped). A period
//!   inside that span in which the state cast no counted vote has no
//!   likelihood term: the walk carries the state through it, and its row is
//!   reported with `n = 0` (its θ is the smoother's interpolation between the
//!   neighbouring years).
//! - **Bridging.** Roll calls on the same recurring resolution share one set of
//!   item parameters across periods, so the same text anchors the scale in
//!   every year it is voted on. The rule ([`Bridging::ShortTitle`]): a
//!   final-passage roll call (not flagged as an amendment or paragraph vote)
//!   whose normalised short title (`short`: upper case, letters and digits
//!   only, spaces collapsed) occurs **exactly once** among the period's
//!   informative roll calls is bridged with every other such roll call of the
//!   same title in other periods. A title voted on several times in one
//!   period (paragraph votes, rival drafts) is not bridged in that period:
//!   which of them recurs is ambiguous. Records without titles (Voeten's 2016
//!   file) get no bridges, and only the walk links the years.
//!
//! The fit is the joint posterior mode of (θ, items) by the same ECM sweeps
//! and SQUAREM acceleration as the static model; only the θ-step differs: for
//! each state, given the items, the path θ_i,· maximises a Gaussian with a
//! tridiagonal precision (the E-step's Σ b²/s² on the diagonal plus the
//! walk), solved exactly in O(T) — the Kalman smoother's answer for a
//! Gaussian state-space model. Items: (a, b) ~ N(0, `item_prior_var`).
//!
//! Identification: location and scale come from the priors (first
//! positions N(0, 1), items N(0, `item_prior_var`)), as in emIRT.
//! Orientation: the first anchor state fitted (default the USA) gets
//! a positive mean position, as in Voeten's estimates.
//!
//! Intervals: with `bootstrap = N > 0`, the 5% and 95% quantiles of N
//! parametric bootstrap refits (votes simulated from the fitted model on the
//! same (roll call, state) pattern, seeded, independent of the thread count).
//! Without, θ ± 1.645·sd where sd comes from the smoother's posterior variance
//! given the item parameters (the observed information of the probit
//! likelihood at the mode plus the walk). Neither reaches its nominal 90% in
//! simulation (`tests/ideal_dynamic_simulated.rs`: smoother 0.85,
//! bootstrap 0.6–0.7): the mode is shrunk towards the walk, a bias the
//! bootstrap resamples around, and the smoother ignores the items'
//! uncertainty. Read them as lower bounds on the uncertainty.
//!
//! Nothing is dropped silently: unanimous roll calls (one category among the
//! counted votes) are dropped and counted per period; a period with fewer
//! informative roll calls than `min_roll_calls` (or fewer voting states than
//! `min_states`) is skipped with its reason and the walk steps over it;
//! states present in the record that never cast a counted vote are listed.

mod intervals;
mod select;
mod walk;

use hegemony_core::VoteRecord;
use serde::Serialize;

use super::em::{self, Matrix, Params};
use super::{IdealError, IdealModel, IdealPoint, PeriodKind, SkipReason, VoteSubset};
use intervals::{bootstrap_intervals, smoother_intervals};
pub use select::bridge_key;
use select::{
    PeriodLabels, counted_votes, fitted_periods, informative_roll_calls, period_verdicts, roll_calls_fitted,
    share_items,
};
use walk::{Units, starting_positions};

/// The sweeps cut the items into this many runs (threads share them out;
/// the result depends on this number, not on the thread count).
const SWEEP_CHUNKS: usize = 8;

/// Which roll calls share item parameters across periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bridging {
    /// None: only the random walk links the periods.
    None,
    /// Final-passage roll calls with the same normalised short title, once per period (see the module docs).
    ShortTitle,
}

#[derive(Clone, Debug)]
/// How the dynamic model is fitted.
pub struct DynamicOptions {
    /// Binary or ordinal.
    pub model: IdealModel,
    /// What a period is.
    pub period: PeriodKind,
    /// Which roll calls count.
    pub subset: VoteSubset,
    /// Inclusive range of period labels to fit.
    pub range: Option<(i32, i32)>,
    /// Which roll calls share item parameters across periods.
    pub bridging: Bridging,
    /// ω²: variance of a state's step from one period to the next. Default 0.1.
    pub evolution_var: f64,
    /// Prior variance of each item's intercept and slope, (a, b) ~ N(0, v·I),
    /// Default 1 (emIRT's static default is 25): on the UN record it stops
    /// in half the sweeps and agrees better with the published estimates
    /// (pooled r 0.954 vs 0.945), since roll calls that a bloc splits off
    /// perfectly cannot take ever steeper slopes.
    pub item_prior_var: f64,
    /// Periods with fewer informative roll calls are skipped (the walk steps over them). Default 5.
    pub min_roll_calls: u32,
    /// Periods with fewer states casting a counted vote are skipped. Default 10.
    pub min_states: u32,
    /// COW codes; the first one fitted is oriented positive. Default USA, UK.
    pub anchors: Vec<u16>,
    /// Parametric bootstrap replicates (0 = intervals from the smoother's variance).
    pub bootstrap: u32,
    /// Seed of the bootstrap's generator.
    pub seed: u64,
    /// EM stops when no position moves by more than `tol` in a sweep.
    /// Default 1e-2, a tenth or less of the positions' standard errors. The
    /// exact posterior mode lies further out along slow directions (on the
    /// UN record the Soviet bloc of the early 1980s, which voted as one,
    /// drifts outwards for thousands of sweeps, and the overall scale creeps
    /// with it): the stopping rule acts as a regulariser there, as emIRT's
    /// does, and tighter values lower the agreement with Bailey, Strezhnev &
    /// Voeten a little.
    pub tol: f64,
    /// Most EM sweeps (the fit reports whether it converged).
    pub max_iter: u32,
    /// Worker threads for the bootstrap (0 = as many as the machine has). Results do not depend on it.
    pub threads: usize,
}

impl Default for DynamicOptions {
    fn default() -> Self {
        DynamicOptions {
            model: IdealModel::Ordinal,
            period: PeriodKind::Year,
            subset: VoteSubset::All,
            range: None,
            bridging: Bridging::ShortTitle,
            evolution_var: 0.1,
            item_prior_var: 1.0,
            min_roll_calls: 5,
            min_states: 10,
            anchors: vec![2, 200],
            bootstrap: 0,
            seed: 1,
            tol: 1e-2,
            max_iter: 5000,
            threads: 0,
        }
    }
}

/// What happened in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DynamicPeriod {
    /// The period label.
    pub period: i32,
    /// Roll calls in the period after the subset filter.
    pub roll_calls: u32,
    /// Roll calls dropped because every counted vote was the same (or none was cast).
    pub unanimous_dropped: u32,
    /// Informative roll calls fitted.
    pub informative: u32,
    /// Of which share item parameters with roll calls of other periods.
    pub bridged: u32,
    /// States with at least one counted vote.
    pub states_voting: u32,
    /// States carried by the walk through this period (no counted vote, reported with n = 0).
    pub states_carried: u32,
    /// `None` when fitted.
    pub skipped: Option<SkipReason>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
/// Dynamic ideal points: every state-period on one scale.
pub struct DynamicFit {
    /// Binary or ordinal.
    pub model: IdealModel,
    /// Sorted by period, then COW code. `lo`/`hi` are always set (see the module docs).
    pub points: Vec<IdealPoint>,
    /// One per period with roll calls, fitted or not.
    pub periods: Vec<DynamicPeriod>,
    /// Item parameter sets fitted, of which binary (two categories seen) and bridged (shared by ≥ 2 periods).
    pub items: u32,
    /// Item sets fitted as binary (two categories seen).
    pub binary_items: u32,
    /// Item sets shared by roll calls of two or more periods.
    pub bridge_groups: u32,
    /// States in the record that cast no counted vote in any fitted period (no rows).
    pub never_voted: Vec<u16>,
    /// EM sweeps of the point estimate.
    pub iterations: u32,
    /// Whether the EM met `tol` before `max_iter`.
    pub converged: bool,
    /// The state oriented positive; `None` when no anchor was fitted (orientation arbitrary).
    pub anchor: Option<u16>,
    /// Whether `lo`/`hi` come from the bootstrap (else from the smoother's variance).
    pub bootstrap: u32,
    /// Bootstrap refits whose EM hit `max_iter` (still used).
    pub bootstrap_unconverged: u32,
    /// ω² used.
    pub evolution_var: f64,
}

/// Fits one dynamic model to the whole record (or `range`).
pub fn fit_dynamic(record: &VoteRecord, opts: &DynamicOptions) -> Result<DynamicFit, IdealError> {
    check_options(opts)?;
    let labels = PeriodLabels::of(record, opts)?;
    let (votes, present) = counted_votes(record, opts, &labels);
    let informative = informative_roll_calls(&votes);
    let mut periods = period_verdicts(&labels, &votes, &informative, opts);
    let fitted = fitted_periods(&periods)?;
    let used = roll_calls_fitted(&labels, &informative, &fitted, periods.len());
    let items = share_items(record, opts, &used, &fitted, &mut periods);
    let units = Units::lay_out(&used, &votes);
    let walk = units.random_walk(&periods, &fitted, opts);

    let mut item_votes: Vec<Vec<(u32, u8)>> = vec![Vec::new(); items.count];
    for (j, &(rc, t)) in used.iter().enumerate() {
        item_votes[items.of_roll_call[j]].extend(votes[rc].iter().map(|&(s, c)| (units.unit(s, t) as u32, c)));
    }
    let (matrix, dropped) = Matrix::build(units.len(), item_votes.iter().map(|v| v.as_slice()));
    debug_assert_eq!(dropped, 0, "every item has an informative roll call");
    let counts = matrix.counts();
    for u in 0..units.len() {
        if counts[u] == 0 {
            periods[fitted[units.unit_t[u]]].states_carried += 1;
        }
    }
    let never_voted: Vec<u16> = present.iter().copied().filter(|s| !units.span.contains_key(s)).collect();

    let anchor = opts.anchors.iter().copied().find(|a| units.span.contains_key(a));
    let x0 = starting_positions(&units, &used, &votes, &counts, fitted.len(), anchor);
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        t => t,
    };
    let mut p = Params::with_x(&matrix, x0);
    let conv = em::fit(&matrix, &mut p, opts.max_iter, opts.tol, &walk, SWEEP_CHUNKS, threads);
    if let Some(a) = anchor
        && units.run_of(a).map(|u| p.x[u]).sum::<f64>() < 0.0
    {
        p.flip();
    }

    let intervals = if opts.bootstrap > 0 {
        bootstrap_intervals(&matrix, &p, &walk, opts, threads)
    } else {
        smoother_intervals(&matrix, &p, &walk)
    };
    let mut points: Vec<IdealPoint> = (0..units.len())
        .map(|u| IdealPoint {
            period: periods[fitted[units.unit_t[u]]].period,
            state: units.states[units.unit_state[u]],
            theta: p.x[u],
            lo: Some(intervals.lo[u]),
            hi: Some(intervals.hi[u]),
            n_votes: counts[u],
        })
        .collect();
    points.sort_by_key(|q| (q.period, q.state));
    Ok(DynamicFit {
        model: opts.model,
        points,
        periods,
        items: matrix.n_items() as u32,
        binary_items: matrix.binary.iter().filter(|b| b.is_some()).count() as u32,
        bridge_groups: items.bridge_groups,
        never_voted,
        iterations: conv.iterations,
        converged: conv.converged,
        anchor,
        bootstrap: opts.bootstrap,
        bootstrap_unconverged: intervals.unconverged,
        evolution_var: opts.evolution_var,
    })
}

fn check_options(opts: &DynamicOptions) -> Result<(), IdealError> {
    if !(opts.tol > 0.0 && opts.tol.is_finite()) || opts.max_iter == 0 {
        return Err(IdealError::InvalidOptions("tol must be positive and max_iter at least 1".into()));
    }
    let positive = |v: f64| v > 0.0 && v.is_finite();
    if !positive(opts.evolution_var) || !positive(opts.item_prior_var) {
        return Err(IdealError::InvalidOptions("the evolution and item prior variances must be positive".into()));
    }
    if opts.min_states < 2 || opts.min_roll_calls == 0 {
        return Err(IdealError::InvalidOptions("min_roll_calls must be at least 1, min_states at least 2".into()));
    }
    Ok(())
}

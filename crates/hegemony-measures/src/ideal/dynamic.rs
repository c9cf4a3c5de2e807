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

use std::collections::HashMap;

use hegemony_core::{RollCall, VoteCode, VoteRecord};
use serde::Serialize;

use super::em::{self, Matrix, Params, Prior};
use super::rng::SplitMix64;
use super::tn;
use super::{IdealError, IdealModel, IdealPoint, PeriodKind, SkipReason, VoteSubset, category, correlation, quantile};

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
pub struct DynamicOptions {
    pub model: IdealModel,
    pub period: PeriodKind,
    pub subset: VoteSubset,
    /// Inclusive range of period labels to fit.
    pub range: Option<(i32, i32)>,
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
pub struct DynamicFit {
    pub model: IdealModel,
    /// Sorted by period, then COW code. `lo`/`hi` are always set (see the module docs).
    pub points: Vec<IdealPoint>,
    /// One per period with roll calls, fitted or not.
    pub periods: Vec<DynamicPeriod>,
    /// Item parameter sets fitted, of which binary (two categories seen) and bridged (shared by ≥ 2 periods).
    pub items: u32,
    pub binary_items: u32,
    pub bridge_groups: u32,
    /// States in the record that cast no counted vote in any fitted period (no rows).
    pub never_voted: Vec<u16>,
    pub iterations: u32,
    pub converged: bool,
    /// The state oriented positive; `None` when no anchor was fitted (orientation arbitrary).
    pub anchor: Option<u16>,
    /// Whether `lo`/`hi` come from the bootstrap (else from the smoother's variance).
    pub bootstrap: u32,
    pub bootstrap_unconverged: u32,
    pub evolution_var: f64,
}

/// The bridging key of a roll call: its normalised short title, for final-passage votes.
pub fn bridge_key(rc: &RollCall) -> Option<String> {
    if !rc.is_final_passage() {
        return None;
    }
    let norm: String = rc
        .short
        .as_deref()?
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { ' ' })
        .collect();
    let key = norm.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then_some(key)
}

/// Gaussian random walks over contiguous runs of units (one run per state).
struct RandomWalk {
    /// Prior precision of the items' (a, b).
    item_precision: f64,
    /// (first unit, length) of each state's run.
    chains: Vec<(usize, usize)>,
    /// Precision of the step from unit u to u + 1 (within a run).
    link: Vec<f64>,
}

impl RandomWalk {
    /// The tridiagonal precision of one run: diagonal `d`, off-diagonal `−link`.
    fn diagonal(&self, start: usize, len: usize, den: &[f64], d: &mut [f64]) {
        for (j, dj) in d.iter_mut().enumerate().take(len) {
            let u = start + j;
            let mut v = den[u] + if j == 0 { 1.0 } else { 0.0 };
            if j > 0 {
                v += self.link[u - 1];
            }
            if j + 1 < len {
                v += self.link[u];
            }
            *dj = v;
        }
    }

    /// Marginal posterior variances of a Gaussian with precision `den` on the
    /// diagonal plus the walk: the diagonal of the inverse of each run's
    /// tridiagonal matrix, by forward and backward elimination.
    fn variances(&self, den: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; den.len()];
        for &(start, len) in &self.chains {
            let mut d = vec![0.0; len];
            self.diagonal(start, len, den, &mut d);
            let mut fwd = vec![0.0; len];
            let mut bwd = vec![0.0; len];
            for j in 0..len {
                fwd[j] = if j == 0 { d[0] } else { d[j] - self.link[start + j - 1].powi(2) / fwd[j - 1] };
            }
            for j in (0..len).rev() {
                bwd[j] = if j + 1 == len { d[j] } else { d[j] - self.link[start + j].powi(2) / bwd[j + 1] };
            }
            for j in 0..len {
                out[start + j] = 1.0 / (fwd[j] + bwd[j] - d[j]);
            }
        }
        out
    }
}

impl Prior for RandomWalk {
    fn item_precision(&self) -> f64 {
        self.item_precision
    }

    fn log_density(&self, x: &[f64]) -> f64 {
        let mut lp = 0.0;
        for &(start, len) in &self.chains {
            lp -= 0.5 * x[start] * x[start];
            for u in start..start + len - 1 {
                let d = x[u + 1] - x[u];
                lp -= 0.5 * self.link[u] * d * d;
            }
        }
        lp
    }

    /// Thomas algorithm per run: (D + Q) θ = num.
    fn solve(&self, num: &[f64], den: &[f64], x: &mut [f64]) -> f64 {
        let mut change: f64 = 0.0;
        let longest = self.chains.iter().map(|c| c.1).max().unwrap_or(0);
        let (mut d, mut c, mut r) = (vec![0.0; longest], vec![0.0; longest], vec![0.0; longest]);
        for &(start, len) in &self.chains {
            self.diagonal(start, len, den, &mut d);
            for j in 0..len {
                let u = start + j;
                let off = if j + 1 < len { -self.link[u] } else { 0.0 };
                if j == 0 {
                    c[0] = off / d[0];
                    r[0] = num[u] / d[0];
                } else {
                    let prev = -self.link[u - 1];
                    let m = d[j] - prev * c[j - 1];
                    c[j] = off / m;
                    r[j] = (num[u] - prev * r[j - 1]) / m;
                }
            }
            for j in (0..len).rev() {
                let v = if j + 1 == len { r[j] } else { r[j] - c[j] * x[start + j + 1] };
                change = change.max((v - x[start + j]).abs());
                x[start + j] = v;
            }
        }
        change
    }
}

/// Fits one dynamic model to the whole record (or `range`).
pub fn fit_dynamic(record: &VoteRecord, opts: &DynamicOptions) -> Result<DynamicFit, IdealError> {
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
    // Period label of every roll call that passes the filters.
    let labels: Vec<Option<i32>> = record
        .roll_calls
        .iter()
        .map(|rc| {
            let label = match opts.period {
                PeriodKind::Session => Some(i32::from(rc.session)),
                PeriodKind::Year => Some(rc.session_year()),
                PeriodKind::CalendarYear => rc.date.map(|d| d.year()),
            };
            let keep = opts.subset == VoteSubset::All || rc.is_final_passage();
            label.filter(|l| keep && opts.range.is_none_or(|(a, b)| (a..=b).contains(l)))
        })
        .collect();
    let mut all_labels: Vec<i32> = labels.iter().flatten().copied().collect();
    all_labels.sort_unstable();
    all_labels.dedup();
    if all_labels.is_empty() {
        return Err(IdealError::NoRollCalls);
    }
    let label_index = |l: i32| all_labels.binary_search(&l).expect("label listed");

    // Counted votes per roll call; states present (any row but "not a member").
    let mut votes: Vec<Vec<(u16, u8)>> = vec![Vec::new(); record.roll_calls.len()];
    let mut present: Vec<u16> = Vec::new();
    for row in 0..record.len() {
        let rc = record.roll_call[row] as usize;
        if labels.get(rc).copied().flatten().is_none() {
            continue;
        }
        let code = record.code[row];
        if code != VoteCode::NotMember {
            present.push(record.state[row]);
        }
        if let Some(c) = category(opts.model, code) {
            votes[rc].push((record.state[row], c));
        }
    }
    present.sort_unstable();
    present.dedup();

    // Informative roll calls and the periods' verdicts.
    let informative: Vec<bool> = votes
        .iter()
        .map(|v| {
            let mut seen = [false; 3];
            v.iter().for_each(|&(_, c)| seen[usize::from(c)] = true);
            seen.iter().filter(|&&s| s).count() >= 2
        })
        .collect();
    let mut periods: Vec<DynamicPeriod> = all_labels
        .iter()
        .map(|&period| DynamicPeriod {
            period,
            roll_calls: 0,
            unanimous_dropped: 0,
            informative: 0,
            bridged: 0,
            states_voting: 0,
            states_carried: 0,
            skipped: None,
        })
        .collect();
    let mut voters: Vec<Vec<u16>> = vec![Vec::new(); all_labels.len()];
    for (rc, l) in labels.iter().enumerate() {
        let Some(l) = *l else { continue };
        let p = label_index(l);
        periods[p].roll_calls += 1;
        if informative[rc] {
            periods[p].informative += 1;
            voters[p].extend(votes[rc].iter().map(|v| v.0));
        } else {
            periods[p].unanimous_dropped += 1;
        }
    }
    for (p, v) in periods.iter_mut().zip(voters.iter_mut()) {
        v.sort_unstable();
        v.dedup();
        p.states_voting = v.len() as u32;
        p.skipped = if p.informative == 0 && p.unanimous_dropped > 0 {
            Some(SkipReason::AllUnanimous { roll_calls: p.unanimous_dropped })
        } else if p.informative < opts.min_roll_calls {
            Some(SkipReason::TooFewRollCalls { informative: p.informative, min: opts.min_roll_calls })
        } else if p.states_voting < opts.min_states {
            Some(SkipReason::TooFewStates { states: p.states_voting, min: opts.min_states })
        } else {
            None
        };
        if p.skipped.is_some() {
            p.states_voting = 0;
        }
    }
    // Fitted periods, t = 0..T.
    let fitted: Vec<usize> = (0..periods.len()).filter(|&p| periods[p].skipped.is_none()).collect();
    if fitted.is_empty() {
        return Err(IdealError::NothingFitted(
            periods.iter().filter_map(|p| p.skipped.map(|r| (p.period, r))).collect(),
        ));
    }
    let mut t_of_period = vec![usize::MAX; periods.len()];
    for (t, &p) in fitted.iter().enumerate() {
        t_of_period[p] = t;
    }
    // The roll calls fitted, with their t.
    let used: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(rc, l)| {
            let t = t_of_period[label_index((*l)?)];
            (t != usize::MAX && informative[rc]).then_some((rc, t))
        })
        .collect();

    // Items: bridged roll calls share one; every other roll call has its own.
    let keys: Vec<Option<String>> = used
        .iter()
        .map(|&(rc, _)| match opts.bridging {
            Bridging::None => None,
            Bridging::ShortTitle => bridge_key(&record.roll_calls[rc]),
        })
        .collect();
    let mut per_period_count: HashMap<(&str, usize), u32> = HashMap::new();
    for (j, &(_, t)) in used.iter().enumerate() {
        if let Some(k) = &keys[j] {
            *per_period_count.entry((k.as_str(), t)).or_default() += 1;
        }
    }
    let bridge_of = |j: usize| keys[j].as_deref().filter(|k| per_period_count[&(*k, used[j].1)] == 1);
    let mut key_periods: HashMap<&str, u32> = HashMap::new();
    for j in 0..used.len() {
        if let Some(k) = bridge_of(j) {
            *key_periods.entry(k).or_default() += 1;
        }
    }
    let mut item_of = vec![0usize; used.len()];
    let mut key_item: HashMap<&str, usize> = HashMap::new();
    let mut n_items = 0;
    let mut bridge_groups = 0;
    for j in 0..used.len() {
        match bridge_of(j).filter(|k| key_periods[k] >= 2) {
            Some(k) => {
                periods[fitted[used[j].1]].bridged += 1;
                item_of[j] = *key_item.entry(k).or_insert_with(|| {
                    n_items += 1;
                    bridge_groups += 1;
                    n_items - 1
                });
            }
            None => {
                item_of[j] = n_items;
                n_items += 1;
            }
        }
    }

    // States and their runs of units: from the first to the last fitted period with a counted vote.
    let mut span: std::collections::BTreeMap<u16, (usize, usize)> = Default::default();
    for &(rc, t) in &used {
        for &(s, _) in &votes[rc] {
            let e = span.entry(s).or_insert((t, t));
            e.0 = e.0.min(t);
            e.1 = e.1.max(t);
        }
    }
    let states: Vec<u16> = span.keys().copied().collect();
    let mut offset = Vec::with_capacity(states.len());
    let mut unit_state = Vec::new();
    let mut unit_t = Vec::new();
    let mut chains = Vec::new();
    for (i, (_, &(t0, t1))) in span.iter().enumerate() {
        offset.push(unit_state.len());
        chains.push((unit_state.len(), t1 - t0 + 1));
        for t in t0..=t1 {
            unit_state.push(i);
            unit_t.push(t);
        }
    }
    let n_units = unit_state.len();
    let unit = |s: u16, t: usize| {
        let i = states.binary_search(&s).expect("state has a span");
        offset[i] + t - span[&s].0
    };
    let mut link = vec![0.0; n_units];
    for &(start, len) in &chains {
        for u in start..start + len - 1 {
            let gap = periods[fitted[unit_t[u + 1]]].period - periods[fitted[unit_t[u]]].period;
            link[u] = 1.0 / (opts.evolution_var * f64::from(gap.max(1)));
        }
    }
    let walk = RandomWalk { item_precision: 1.0 / opts.item_prior_var, chains, link };

    let mut item_votes: Vec<Vec<(u32, u8)>> = vec![Vec::new(); n_items];
    for (j, &(rc, t)) in used.iter().enumerate() {
        item_votes[item_of[j]].extend(votes[rc].iter().map(|&(s, c)| (unit(s, t) as u32, c)));
    }
    let (matrix, dropped) = Matrix::build(n_units, item_votes.iter().map(|v| v.as_slice()));
    debug_assert_eq!(dropped, 0, "every item has an informative roll call");
    let counts = matrix.counts();
    for u in 0..n_units {
        if counts[u] == 0 {
            periods[fitted[unit_t[u]]].states_carried += 1;
        }
    }
    let never_voted: Vec<u16> = present.iter().copied().filter(|s| !span.contains_key(s)).collect();

    // Start: each period's leading principal component, oriented by the
    // anchor (or by correlation with the previous period), carried over gaps.
    let anchor = opts.anchors.iter().copied().find(|a| span.contains_key(a));
    let mut x0 = vec![f64::NAN; n_units];
    for t in 0..fitted.len() {
        let local: Vec<usize> = (0..n_units).filter(|&u| unit_t[u] == t && counts[u] > 0).collect();
        let local_of: HashMap<usize, u32> = local.iter().enumerate().map(|(l, &u)| (u, l as u32)).collect();
        let items: Vec<Vec<(u32, u8)>> = used
            .iter()
            .filter(|&&(_, tt)| tt == t)
            .map(|&(rc, _)| votes[rc].iter().map(|&(s, c)| (local_of[&unit(s, t)], c)).collect())
            .collect();
        let (m, _) = Matrix::build(local.len(), items.iter().map(|v| v.as_slice()));
        let a_local = anchor.filter(|&a| span[&a].0 <= t && t <= span[&a].1).and_then(|a| local_of.get(&unit(a, t)));
        let mut g = em::start(&m, a_local.map(|&l| l as usize));
        let flip = match a_local {
            Some(&l) if g[l as usize] != 0.0 => g[l as usize] < 0.0,
            _ => {
                // Agreement with the previous period over the states in both.
                let (mut s, mut any) = (0.0, false);
                for (l, &u) in local.iter().enumerate() {
                    if u > 0 && unit_state[u - 1] == unit_state[u] && x0[u - 1].is_finite() {
                        s += g[l] * x0[u - 1];
                        any = true;
                    }
                }
                any && s < 0.0
            }
        };
        for (l, &u) in local.iter().enumerate() {
            x0[u] = if flip { -g[l] } else { g[l] };
        }
        g.clear();
    }
    for u in 0..n_units {
        if !x0[u].is_finite() {
            // A carried unit: the previous year's start (a run begins with a vote).
            x0[u] = if u > 0 && unit_state[u - 1] == unit_state[u] { x0[u - 1] } else { 0.0 };
        }
    }

    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        t => t,
    };
    let mut p = Params::with_x(&matrix, x0);
    let conv = em::fit(&matrix, &mut p, opts.max_iter, opts.tol, &walk, SWEEP_CHUNKS, threads);
    let anchor_units = |a: u16| {
        let i = states.binary_search(&a).expect("anchor fitted");
        (offset[i]..offset[i] + walk.chains[i].1).collect::<Vec<_>>()
    };
    if let Some(a) = anchor {
        let us = anchor_units(a);
        if us.iter().map(|&u| p.x[u]).sum::<f64>() < 0.0 {
            p.flip();
        }
    }

    // Intervals.
    let all_units: Vec<usize> = (0..n_units).collect();
    let r_n = opts.bootstrap as usize;
    let mut bootstrap_unconverged = 0;
    let (lo, hi): (Vec<f64>, Vec<f64>) = if r_n > 0 {
        let threads = threads.clamp(1, r_n);
        let next = std::sync::atomic::AtomicUsize::new(0);
        // Per replicate: its positions and whether its EM converged.
        type Draw = Option<(Vec<f64>, bool)>;
        let draws: std::sync::Mutex<Vec<Draw>> = std::sync::Mutex::new(vec![None; r_n]);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let r = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if r >= r_n {
                            break;
                        }
                        let mut rng = SplitMix64::for_stream(opts.seed, -1, r as u64);
                        let sim = matrix.simulate(&p, &mut rng);
                        let (m_r, _) = Matrix::build(n_units, sim.iter().map(|v| v.as_slice()));
                        let mut p_r = Params::with_x(&m_r, p.x.clone());
                        let c = em::fit(&m_r, &mut p_r, opts.max_iter, opts.tol, &walk, SWEEP_CHUNKS, 1);
                        if correlation(&all_units, &p.x, &p_r.x) < 0.0 {
                            p_r.flip();
                        }
                        draws.lock().expect("no worker panics holding the lock")[r] = Some((p_r.x, c.converged));
                    }
                });
            }
        });
        let draws: Vec<(Vec<f64>, bool)> = draws
            .into_inner()
            .expect("workers finished")
            .into_iter()
            .map(|d| d.expect("every replicate ran"))
            .collect();
        bootstrap_unconverged = draws.iter().filter(|d| !d.1).count() as u32;
        (0..n_units)
            .map(|u| {
                let mut v: Vec<f64> = draws.iter().map(|d| d.0[u]).collect();
                v.sort_by(f64::total_cmp);
                (quantile(&v, 0.05), quantile(&v, 0.95))
            })
            .unzip()
    } else {
        let var = walk.variances(&observed_information(&matrix, &p));
        (0..n_units)
            .map(|u| {
                let h = 1.644_853_626_951_472_2 * var[u].sqrt();
                (p.x[u] - h, p.x[u] + h)
            })
            .unzip()
    };

    let mut points: Vec<IdealPoint> = (0..n_units)
        .map(|u| IdealPoint {
            period: periods[fitted[unit_t[u]]].period,
            state: states[unit_state[u]],
            theta: p.x[u],
            lo: Some(lo[u]),
            hi: Some(hi[u]),
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
        bridge_groups,
        never_voted,
        iterations: conv.iterations,
        converged: conv.converged,
        anchor,
        bootstrap: opts.bootstrap,
        bootstrap_unconverged,
        evolution_var: opts.evolution_var,
    })
}

/// Per unit: −∂² log-likelihood / ∂θ² at the mode, Σ b²(1 − v)/s², where v
/// is the variance of the standardised latent given the vote (Louis: the
/// complete-data information b²/s² less the missing information).
fn observed_information(m: &Matrix, p: &Params) -> Vec<f64> {
    let mut info = vec![0.0; m.n_states];
    for k in 0..m.n_items() {
        let (a, b, s2) = (p.a[k], p.b[k], p.s2[k]);
        let s = s2.sqrt();
        for v in m.item_ptr[k]..m.item_ptr[k + 1] {
            let u = m.vote_state[v] as usize;
            let mu = a + b * p.x[u];
            let var = match (m.binary[k].is_some(), m.vote_y[v]) {
                (true, 1) => tn::upper_tail(-mu).1,
                (true, _) => tn::upper_tail(mu).1,
                (false, 0) => tn::upper_tail(mu / s).1,
                (false, 1) => tn::interval_lp(-mu / s, (1.0 - mu) / s).1,
                (false, _) => tn::upper_tail((1.0 - mu) / s).1,
            };
            info[u] += b * b * (1.0 - var) / s2;
        }
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk's θ-step solves (D + Q)θ = num exactly: check against a
    /// hand-built 3×3 system. One run of 3 units, den = (1, 2, 0), links
    /// with precision 10 and 5:
    ///   [1+1+10, −10, 0; −10, 2+10+5, −5; 0, −5, 0+5] θ = (1, 2, 3).
    /// Solution (by Cramer, checked on paper): det = 12·(17·5 − 25) − (−10)·(−10·5)
    /// = 720 − 500 = 220; θ₃ follows from the last row: θ₃ = θ₂ + 0.6.
    #[test]
    fn walk_solve_matches_the_tridiagonal_system() {
        let w = RandomWalk { item_precision: 0.04, chains: vec![(0, 3)], link: vec![10.0, 5.0, 0.0] };
        let num = [1.0, 2.0, 3.0];
        let den = [1.0, 2.0, 0.0];
        let mut x = vec![0.0; 3];
        w.solve(&num, &den, &mut x);
        let a = [[12.0, -10.0, 0.0], [-10.0, 17.0, -5.0], [0.0, -5.0, 5.0]];
        for r in 0..3 {
            let lhs: f64 = (0..3).map(|c| a[r][c] * x[c]).sum();
            assert!((lhs - num[r]).abs() < 1e-12, "row {r}: {lhs}");
        }
        assert!((x[2] - x[1] - 0.6).abs() < 1e-12);
        // θ₁ = 220⁻¹·det(A with column 1 replaced): (1·(85−25) + 10·(10+15))/220 = 310/220.
        assert!((x[0] - 310.0 / 220.0).abs() < 1e-12, "{x:?}");
        // The variances are the diagonal of the inverse: (A⁻¹)₁₁ = (17·5 − 25)/220 = 60/220.
        let v = w.variances(&den);
        assert!((v[0] - 60.0 / 220.0).abs() < 1e-12, "{v:?}");
        // (A⁻¹)₃₃ = (12·17 − 100)/220 = 104/220.
        assert!((v[2] - 104.0 / 220.0).abs() < 1e-12, "{v:?}");
    }

    #[test]
    fn bridge_keys_normalise_titles_of_final_votes_only() {
        let rc = |short: &str, amend| RollCall { short: Some(short.into()), amend, ..Default::default() };
        assert_eq!(bridge_key(&rc("Arms race, outer space", None)).as_deref(), Some("ARMS RACE OUTER SPACE"));
        assert_eq!(bridge_key(&rc("ARMS RACE  OUTER-SPACE", Some(false))).as_deref(), Some("ARMS RACE OUTER SPACE"));
        assert_eq!(bridge_key(&rc("ARMS RACE OUTER SPACE", Some(true))), None);
        assert_eq!(bridge_key(&rc(" ,; ", None)), None);
        assert_eq!(bridge_key(&RollCall::default()), None);
    }
}

//! The EM algorithm of emIRT's `binIRT` and `ordIRT` (Imai, Lo & Olmsted
//! 2016) for one vote matrix, in one dimension.
//!
//! Every item k has a latent z_ik = a_k + b_k·x_i + e_ik, e ~ N(0, s²_k):
//! - a **binary** item has s² = 1 and one cut at 0 (upper category iff z > 0):
//!   binIRT's y* = α + βx + ε with α = a, β = b;
//! - an **ordinal** item (three categories seen) has cuts at 0 and 1 and a free
//!   s²_k: ordIRT's re-parameterisation of y* = βx + ε with cutpoints τ1 < τ2,
//!   z = (y* − τ1)/(τ2 − τ1), so a = −τ1/d, b = β/d, s = 1/d with d = τ2 − τ1.
//!   Fixing the cuts turns the cutpoints into a residual variance, which has a
//!   closed-form M-step (cutpoints themselves have none).
//!
//! Priors: x_i ~ N(0, 1); (a_k, b_k) ~ N(0, 25·I), a weak ridge that keeps
//! items that split the states perfectly finite. s²_k has no prior; it is kept
//! in [1e-4, 1e4] as a numerical guard (an ordinal item has every category
//! observed, so its likelihood bounds s² away from 0 and ∞ anyway).
//!
//! One iteration is an ECM sweep: E-step (truncated-normal moments of z given
//! the current parameters), then per item the ridge update of (a, b) and of
//! s², then x given the new item parameters. Each step raises the posterior,
//! so the sweep converges to a posterior mode like emIRT's.

use super::rng::SplitMix64;
use super::tn;

/// Prior precision of (a, b): 1/25.
const ITEM_PRIOR_PRECISION: f64 = 1.0 / 25.0;
const S2_MIN: f64 = 1e-4;
const S2_MAX: f64 = 1e4;

/// Votes of one period, grouped by item. Categories are ordered
/// 0 < 1 < 2 = no < abstain < yes (BSV's order, so that larger z means "yes").
#[derive(Clone, Debug, Default)]
pub(crate) struct Matrix {
    pub n_states: usize,
    /// Votes of item k are `item_ptr[k]..item_ptr[k+1]`.
    pub item_ptr: Vec<usize>,
    pub vote_state: Vec<u32>,
    /// Binary item: 1 = upper category, 0 = lower. Ordinal: 0, 1, 2.
    pub vote_y: Vec<u8>,
    /// Per item: the categories (lower, upper) of a binary item, or `None`
    /// for an ordinal item.
    pub binary: Vec<Option<(u8, u8)>>,
}

impl Matrix {
    pub fn n_items(&self) -> usize {
        self.binary.len()
    }

    /// Builds a matrix from items given as (state index, category) lists,
    /// classifying each by the categories present: one → uninformative
    /// (dropped, counted in the return value), two → binary, three → ordinal.
    pub fn build<'a>(n_states: usize, items: impl IntoIterator<Item = &'a [(u32, u8)]>) -> (Matrix, usize) {
        let mut m = Matrix { n_states, item_ptr: vec![0], ..Default::default() };
        let mut dropped = 0;
        for votes in items {
            let mut seen = [false; 3];
            for &(_, c) in votes {
                seen[usize::from(c)] = true;
            }
            let cats: Vec<u8> = (0..3u8).filter(|&c| seen[usize::from(c)]).collect();
            let kind = match cats.len() {
                2 => Some((cats[0], cats[1])),
                3 => None,
                _ => {
                    dropped += 1;
                    continue;
                }
            };
            for &(s, c) in votes {
                m.vote_state.push(s);
                m.vote_y.push(match kind {
                    Some((_, hi)) => u8::from(c == hi),
                    None => c,
                });
            }
            m.binary.push(kind);
            m.item_ptr.push(m.vote_state.len());
        }
        (m, dropped)
    }

    /// Votes per state.
    pub fn counts(&self) -> Vec<u32> {
        let mut n = vec![0u32; self.n_states];
        for &s in &self.vote_state {
            n[s as usize] += 1;
        }
        n
    }

    /// A matrix with the same (item, state) pattern and votes drawn from the
    /// model with parameters `p`, as (state, category) lists per item (ready
    /// for [`Matrix::build`], which re-classifies the items).
    pub fn simulate(&self, p: &Params, rng: &mut SplitMix64) -> Vec<Vec<(u32, u8)>> {
        (0..self.n_items())
            .map(|k| {
                let s = p.s2[k].sqrt();
                (self.item_ptr[k]..self.item_ptr[k + 1])
                    .map(|v| {
                        let i = self.vote_state[v];
                        let z = p.a[k] + p.b[k] * p.x[i as usize] + s * rng.normal();
                        let c = match self.binary[k] {
                            Some((lo, hi)) => {
                                if z > 0.0 {
                                    hi
                                } else {
                                    lo
                                }
                            }
                            None => u8::from(z >= 0.0) + u8::from(z >= 1.0),
                        };
                        (i, c)
                    })
                    .collect()
            })
            .collect()
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Params {
    pub x: Vec<f64>,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    pub s2: Vec<f64>,
}

impl Params {
    /// Items at a = b = 0, s² = 1 (the first E-step then gives each vote its
    /// marginal latent mean, and the first M-step a regression on x).
    pub fn with_x(m: &Matrix, x: Vec<f64>) -> Params {
        let k = m.n_items();
        Params { x, a: vec![0.0; k], b: vec![0.0; k], s2: vec![1.0; k] }
    }

    /// Reverses the scale: x → −x, b → −b (the likelihood is unchanged).
    pub fn flip(&mut self) {
        self.x.iter_mut().for_each(|v| *v = -*v);
        self.b.iter_mut().for_each(|v| *v = -*v);
    }
}

/// Starting positions: the leading principal component of the item-centred
/// vote matrix (−1 lower, 0 middle, +1 upper; missing = item mean), by power
/// iteration on the sparse votes, standardised. `seed_state` (the anchor, if
/// present) supplies the start vector: agreement with it is close to the
/// answer already, so a few dozen iterations suffice.
pub(crate) fn start(m: &Matrix, seed_state: Option<usize>) -> Vec<f64> {
    let n = m.n_states;
    let k_n = m.n_items();
    // Centred values per vote.
    let mut val = vec![0.0; m.vote_y.len()];
    for k in 0..k_n {
        let r = m.item_ptr[k]..m.item_ptr[k + 1];
        let code = |y: u8| match m.binary[k] {
            Some(_) => 2.0 * f64::from(y) - 1.0,
            None => f64::from(y) - 1.0,
        };
        let mean = r.clone().map(|v| code(m.vote_y[v])).sum::<f64>() / r.len().max(1) as f64;
        for v in r {
            val[v] = code(m.vote_y[v]) - mean;
        }
    }
    let mut g = vec![0.0; n];
    let mut h = vec![0.0; k_n];
    // Start vector: each state's (centred) agreement with the seed state, or
    // a deterministic non-constant vector.
    match seed_state {
        Some(s) => {
            for (k, hk) in h.iter_mut().enumerate() {
                if let Some(v) = (m.item_ptr[k]..m.item_ptr[k + 1]).find(|&v| m.vote_state[v] as usize == s) {
                    *hk = val[v];
                }
            }
            multiply_states(m, &val, &h, &mut g);
        }
        None => g.iter_mut().enumerate().for_each(|(i, v)| *v = ((i * 7919) % 101) as f64 - 50.0),
    }
    for _ in 0..50 {
        normalise(&mut g);
        for (k, hk) in h.iter_mut().enumerate() {
            *hk = (m.item_ptr[k]..m.item_ptr[k + 1]).map(|v| val[v] * g[m.vote_state[v] as usize]).sum();
        }
        multiply_states(m, &val, &h, &mut g);
    }
    standardise(&mut g);
    g
}

fn multiply_states(m: &Matrix, val: &[f64], h: &[f64], g: &mut [f64]) {
    g.iter_mut().for_each(|v| *v = 0.0);
    for (k, &hk) in h.iter().enumerate() {
        for v in m.item_ptr[k]..m.item_ptr[k + 1] {
            g[m.vote_state[v] as usize] += val[v] * hk;
        }
    }
}

fn normalise(g: &mut [f64]) {
    let norm = g.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        g.iter_mut().for_each(|v| *v /= norm);
    }
}

/// To mean 0, standard deviation 1 (left alone when constant).
pub(crate) fn standardise(g: &mut [f64]) {
    let n = g.len().max(1) as f64;
    let mean = g.iter().sum::<f64>() / n;
    let sd = (g.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt();
    for v in g.iter_mut() {
        *v = if sd > 0.0 { (*v - mean) / sd } else { 0.0 };
    }
}

/// How the EM stopped.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Convergence {
    pub iterations: u32,
    pub converged: bool,
}

/// Latent mean (and variance, for ordinal items) of one vote, and the log
/// probability of the vote (the likelihood term of the objective).
/// Without `need_lp` the tails skip their log probability (returned as 0):
/// the sweeps whose objective nobody reads save a logarithm per vote.
#[inline]
fn e_step(y: u8, mu: f64, s2: f64, s: f64, binary: bool, need_lp: bool) -> (f64, f64, f64) {
    let tail = |t: f64| {
        if need_lp {
            tn::upper_tail_lp(t)
        } else {
            let (m, v) = tn::upper_tail(t);
            (m, v, 0.0)
        }
    };
    if binary {
        // Unit variance, cut at 0: upper → [0, ∞) gives μ + λ(−μ); lower →
        // (−∞, 0) gives μ − λ(μ).
        if y == 1 {
            let (m, _, lp) = tail(-mu);
            (mu + m, 0.0, lp)
        } else {
            let (m, _, lp) = tail(mu);
            (mu - m, 0.0, lp)
        }
    } else {
        let (m, v, lp) = match y {
            0 => {
                let (m, v, lp) = tail(mu / s);
                (-m, v, lp)
            }
            1 => tn::interval_lp(-mu / s, (1.0 - mu) / s),
            _ => tail((1.0 - mu) / s),
        };
        (mu + s * m, s2 * v, lp)
    }
}

/// The prior on the positions x, and the x-step of a sweep under it.
///
/// Given the new item parameters, the x-step maximises
/// Σ_u (num_u·x_u − ½·den_u·x_u²) + log_density(x): the E-step's normal
/// equations plus the prior. Static fits use independent N(0, 1) positions;
/// the dynamic fit links each state's positions by a random walk
/// (`dynamic.rs`).
pub(crate) trait Prior: Sync {
    /// Log prior density of x, up to a constant.
    fn log_density(&self, x: &[f64]) -> f64;
    /// Sets x to the maximiser above; returns the largest change of an x.
    fn solve(&self, num: &[f64], den: &[f64], x: &mut [f64]) -> f64;
    /// Prior precision of each item's (a, b). Default 1/25 (emIRT's).
    fn item_precision(&self) -> f64 {
        ITEM_PRIOR_PRECISION
    }
}

/// Independent x_i ~ N(0, 1) (the static model).
pub(crate) struct StandardNormal;

impl Prior for StandardNormal {
    fn log_density(&self, x: &[f64]) -> f64 {
        -0.5 * x.iter().map(|x| x * x).sum::<f64>()
    }

    fn solve(&self, num: &[f64], den: &[f64], x: &mut [f64]) -> f64 {
        // x_i = Σ b(z − a)/s² / (Σ b²/s² + 1).
        let mut change: f64 = 0.0;
        for i in 0..x.len() {
            let v = num[i] / (den[i] + 1.0);
            change = change.max((v - x[i]).abs());
            x[i] = v;
        }
        change
    }
}

/// Scratch space of a sweep.
///
/// The items are cut into `chunks` runs of about equal numbers of votes,
/// each with its own accumulators for x's normal equations, added in a
/// fixed order: the result is the same however many threads process the
/// chunks.
struct Work {
    ez: Vec<f64>,
    /// Item boundaries of the chunks (`chunks + 1` values).
    bounds: Vec<usize>,
    /// Per chunk: Σ b(z − a)/s² and Σ b²/s² per state.
    acc: Vec<(Vec<f64>, Vec<f64>)>,
    num: Vec<f64>,
    den: Vec<f64>,
    threads: usize,
}

impl Work {
    fn new(m: &Matrix, chunks: usize, threads: usize) -> Work {
        let k_n = m.n_items();
        let total = m.vote_y.len();
        let chunks = chunks.clamp(1, k_n.max(1));
        let mut bounds = vec![0];
        for c in 1..chunks {
            let target = total * c / chunks;
            let k = m.item_ptr.partition_point(|&v| v < target).min(k_n);
            bounds.push(k.max(*bounds.last().expect("non-empty")));
        }
        bounds.push(k_n);
        Work {
            ez: vec![0.0; total],
            acc: vec![(vec![0.0; m.n_states], vec![0.0; m.n_states]); chunks],
            bounds,
            num: vec![0.0; m.n_states],
            den: vec![0.0; m.n_states],
            threads: threads.max(1),
        }
    }
}

/// One chunk's items: its slices of the item parameters and latent means.
struct Chunk<'a> {
    items: std::ops::Range<usize>,
    a: &'a mut [f64],
    b: &'a mut [f64],
    s2: &'a mut [f64],
    ez: &'a mut [f64],
    num: &'a mut [f64],
    den: &'a mut [f64],
}

/// E-step and item updates for one chunk; adds the chunk's contributions
/// to x's normal equations and returns its log-likelihood and item-prior terms.
fn item_pass(m: &Matrix, x: &[f64], c: Chunk, prec: f64, need_lp: bool) -> f64 {
    let Chunk { items, a: pa, b: pb, s2: ps2, ez, num, den } = c;
    num.iter_mut().for_each(|v| *v = 0.0);
    den.iter_mut().for_each(|v| *v = 0.0);
    let (k0, v0) = (items.start, m.item_ptr[items.start]);
    let mut lp = 0.0;
    for k in items {
        let r = m.item_ptr[k]..m.item_ptr[k + 1];
        let binary = m.binary[k].is_some();
        let (a, b, s2) = (pa[k - k0], pb[k - k0], ps2[k - k0]);
        let s = s2.sqrt();
        lp -= 0.5 * prec * (a * a + b * b);
        // E-step and the sufficient statistics of the item's regression.
        let (mut sn, mut sx, mut sxx, mut sz, mut sxz, mut svar) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for v in r.clone() {
            let x = x[m.vote_state[v] as usize];
            let (e, var, l) = e_step(m.vote_y[v], a + b * x, s2, s, binary, need_lp);
            lp += l;
            ez[v - v0] = e;
            sn += 1.0;
            sx += x;
            sxx += x * x;
            sz += e;
            sxz += x * e;
            svar += var;
        }
        // Ridge update of (a, b): (XᵀX/s² + P)⁻¹ Xᵀz/s², 2×2 by Cramer.
        let w = 1.0 / s2;
        let (m11, m12, m22) = (sn * w + prec, sx * w, sxx * w + prec);
        let (r1, r2) = (sz * w, sxz * w);
        let det = m11 * m22 - m12 * m12; // ≥ (1/25)²: positive definite
        let a = (m22 * r1 - m12 * r2) / det;
        let b = (m11 * r2 - m12 * r1) / det;
        let s2 = if binary {
            1.0
        } else {
            // E[(z − a − bx)²] = Var z + (E z − a − bx)², summed.
            let mut ss = svar;
            for v in r.clone() {
                let d = ez[v - v0] - a - b * x[m.vote_state[v] as usize];
                ss += d * d;
            }
            (ss / sn).clamp(S2_MIN, S2_MAX)
        };
        pa[k - k0] = a;
        pb[k - k0] = b;
        ps2[k - k0] = s2;
        // Contributions to x's normal equations with the new item.
        let (bw, bbw) = (b / s2, b * b / s2);
        for v in r {
            let i = m.vote_state[v] as usize;
            num[i] += bw * (ez[v - v0] - a);
            den[i] += bbw;
        }
    }
    lp
}

/// One ECM sweep (E-step, items, then x); returns the largest change of x
/// and the log posterior of the parameters it started from (every E-step
/// term is evaluated there, so the objective comes with the moments).
/// Without `need_lp` the objective is not evaluated and NaN is returned in its place.
fn sweep(m: &Matrix, p: &mut Params, w: &mut Work, prior: &impl Prior, need_lp: bool) -> (f64, f64) {
    let Params { x, a, b, s2 } = p;
    // Cut the item parameters, latent means and accumulators into chunks.
    let mut chunks = Vec::with_capacity(w.acc.len());
    let (mut a_rest, mut b_rest, mut s2_rest, mut ez_rest) = (&mut a[..], &mut b[..], &mut s2[..], &mut w.ez[..]);
    for (c, (num, den)) in w.acc.iter_mut().enumerate() {
        let items = w.bounds[c]..w.bounds[c + 1];
        let n_votes = m.item_ptr[items.end] - m.item_ptr[items.start];
        let (ca, ra) = std::mem::take(&mut a_rest).split_at_mut(items.len());
        let (cb, rb) = std::mem::take(&mut b_rest).split_at_mut(items.len());
        let (cs, rs) = std::mem::take(&mut s2_rest).split_at_mut(items.len());
        let (ce, re) = std::mem::take(&mut ez_rest).split_at_mut(n_votes);
        (a_rest, b_rest, s2_rest, ez_rest) = (ra, rb, rs, re);
        chunks.push(Chunk { items, a: ca, b: cb, s2: cs, ez: ce, num, den });
    }
    let x_now: &[f64] = x;
    let prec = prior.item_precision();
    let mut lps = vec![0.0; chunks.len()];
    let threads = w.threads.min(chunks.len());
    if threads <= 1 {
        for (c, lp) in chunks.into_iter().zip(lps.iter_mut()) {
            *lp = item_pass(m, x_now, c, prec, need_lp);
        }
    } else {
        // Chunk c goes to worker c mod threads.
        let mut per_worker: Vec<Vec<(usize, Chunk)>> = (0..threads).map(|_| Vec::new()).collect();
        for (c, chunk) in chunks.into_iter().enumerate() {
            per_worker[c % threads].push((c, chunk));
        }
        let results: Vec<Vec<(usize, f64)>> = std::thread::scope(|s| {
            let handles: Vec<_> = per_worker
                .into_iter()
                .map(|work| {
                    s.spawn(move || {
                        work.into_iter().map(|(c, chunk)| (c, item_pass(m, x_now, chunk, prec, need_lp))).collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("an item pass does not panic")).collect()
        });
        for (c, lp) in results.into_iter().flatten() {
            lps[c] = lp;
        }
    }
    let mut lp = prior.log_density(x);
    for l in lps {
        lp += l;
    }
    let (num, den) = (&mut w.num, &mut w.den);
    num.copy_from_slice(&w.acc[0].0);
    den.copy_from_slice(&w.acc[0].1);
    for (cn, cd) in &w.acc[1..] {
        for i in 0..num.len() {
            num[i] += cn[i];
            den[i] += cd[i];
        }
    }
    let change = prior.solve(num, den, x);
    (change, if need_lp { lp } else { f64::NAN })
}

/// The log posterior (up to a constant) that the sweeps climb, by a pass of
/// its own (the sweeps compute it on the way; this checks them).
#[cfg(test)]
pub(crate) fn log_posterior(m: &Matrix, p: &Params, prior: &impl Prior) -> f64 {
    let mut lp = prior.log_density(&p.x);
    for k in 0..m.n_items() {
        lp -= 0.5 * prior.item_precision() * (p.a[k] * p.a[k] + p.b[k] * p.b[k]);
        let s = p.s2[k].sqrt();
        let binary = m.binary[k].is_some();
        for v in m.item_ptr[k]..m.item_ptr[k + 1] {
            let mu = p.a[k] + p.b[k] * p.x[m.vote_state[v] as usize];
            let (lo, hi) = match (binary, m.vote_y[v]) {
                (_, 0) => (f64::NEG_INFINITY, -mu / s),
                (true, _) => (-mu / s, f64::INFINITY),
                (false, 1) => (-mu / s, (1.0 - mu) / s),
                (false, _) => ((1.0 - mu) / s, f64::INFINITY),
            };
            lp += tn::log_prob(lo, hi);
        }
    }
    lp
}

/// Runs ECM sweeps until no x moves by more than `tol` in a sweep (or
/// `max_iter` sweeps), accelerated by SQUAREM.
///
/// Plain EM crawls here: a roll call that splits the states almost
/// perfectly has a slope that creeps towards its (prior-bounded) mode by a
/// little each sweep, and lopsided periods took thousands of sweeps. SQUAREM
/// (Varadhan & Roland 2008, scheme S3) extrapolates along two successive
/// sweeps p0 → p1 → p2 to a point q and sweeps it once more, to F(q). F(q)
/// is kept only if its posterior is at least L(p1); otherwise the cycle goes
/// on from p2. So the posterior at the start of every cycle never falls, and
/// the fixed point (the posterior mode) is the same as EM's. (Demanding
/// L(F(q)) ≥ L(p2), as before, or judging the extrapolated point q itself
/// rather than F(q), rejects long steps that pay off: on the UN record
/// either costs 20–30% more sweeps.)
///
/// The posteriors cost no pass of their own: every sweep evaluates the
/// objective at its starting point along with the E-step, so L(F(q)) comes
/// with the first sweep of the next cycle, which is undone (back to p2) when
/// the check fails.
///
/// `chunks` cuts the items into that many runs for the sweeps (1 for small
/// matrices), processed by up to `threads` threads; the result depends on
/// `chunks`, not on `threads`.
pub(crate) fn fit(
    m: &Matrix,
    p: &mut Params,
    max_iter: u32,
    tol: f64,
    prior: &impl Prior,
    chunks: usize,
    threads: usize,
) -> Convergence {
    let mut w = Work::new(m, chunks, threads);
    let mut iterations = 0;
    let mut step_max: f64 = 1.0;
    let done = |iterations: u32| Convergence { iterations, converged: true };
    // An extrapolation awaiting its check: (p2 to fall back on, the bound
    // L(F(q)) must reach, whether the step was the longest allowed).
    let mut pending: Option<(Params, f64, bool)> = None;
    let (mut p0, mut p1) = (p.clone(), p.clone());
    while iterations < max_iter {
        p0.clone_from(p);
        let (change, l0) = sweep(m, p, &mut w, prior, pending.is_some());
        iterations += 1;
        if let Some((fallback, bound, longest)) = pending.take() {
            if l0.is_finite() && l0 >= bound {
                if longest {
                    step_max *= 4.0;
                }
            } else {
                // Too long a step: back to the plain sweeps, shorten the next one.
                *p = fallback;
                step_max = (step_max / 4.0).max(1.0);
                continue;
            }
        }
        if change < tol {
            return done(iterations);
        }
        if iterations >= max_iter {
            break;
        }
        p1.clone_from(p);
        let (change, l1) = sweep(m, p, &mut w, prior, true);
        iterations += 1;
        if change < tol {
            return done(iterations);
        }
        if iterations >= max_iter {
            break;
        }
        // r = p1 − p0, v = p2 − 2p1 + p0 over every parameter.
        let (mut rr, mut vv) = (0.0, 0.0);
        let vecs = |q: &Params| [&q.x, &q.a, &q.b, &q.s2].map(|v| v.as_slice().to_owned());
        let (v0, v1, v2) = (vecs(&p0), vecs(&p1), vecs(p));
        for j in 0..4 {
            for i in 0..v0[j].len() {
                let r = v1[j][i] - v0[j][i];
                let v = v2[j][i] - 2.0 * v1[j][i] + v0[j][i];
                rr += r * r;
                vv += v * v;
            }
        }
        if vv.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            continue;
        }
        // Step length, kept in [1, step_max]; step_max grows while the
        // proposed steps are longer than allowed and are accepted.
        let raw = -(rr / vv).sqrt();
        let alpha = raw.clamp(-step_max, -1.0);
        if alpha == -1.0 {
            // The extrapolation is the plain second sweep.
            if raw < -1.0 {
                step_max *= 4.0;
            }
            continue;
        }
        let mut q = p.clone();
        let extrapolate = |dst: &mut [f64], j: usize| {
            for (i, d) in dst.iter_mut().enumerate() {
                let r = v1[j][i] - v0[j][i];
                let v = v2[j][i] - 2.0 * v1[j][i] + v0[j][i];
                *d = v0[j][i] - 2.0 * alpha * r + alpha * alpha * v;
            }
        };
        extrapolate(&mut q.x, 0);
        extrapolate(&mut q.a, 1);
        extrapolate(&mut q.b, 2);
        extrapolate(&mut q.s2, 3);
        for (k, s2) in q.s2.iter_mut().enumerate() {
            *s2 = if m.binary[k].is_some() { 1.0 } else { s2.clamp(S2_MIN, S2_MAX) };
        }
        let _ = sweep(m, &mut q, &mut w, prior, false);
        iterations += 1;
        pending = Some((std::mem::replace(p, q), l1, alpha == -step_max));
    }
    // Out of sweeps with an unchecked extrapolation: keep the checked point.
    if let Some((fallback, _, _)) = pending {
        *p = fallback;
    }
    Convergence { iterations, converged: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One hand-checked sweep: two states, one binary item, everything at 0.
    ///
    /// State 0 votes upper, state 1 lower; x = (1, −1); a = b = 0.
    /// E-step: μ = 0, so E z = +√(2/π) = 0.797885 for state 0 and −0.797885
    /// for state 1. M-step with prior precision 0.04:
    ///   [[2.04, 0], [0, 2.04]] (a, b) = (0, 2·0.797885) → a = 0,
    ///   b = 1.595769/2.04 = 0.782240.
    /// x update: x_0 = b·(0.797885 − 0)/(b² + 1) = 0.624137/1.611899 = 0.387206,
    /// x_1 = −0.387206.
    #[test]
    fn one_hand_checked_sweep() {
        let (m, dropped) = Matrix::build(2, [&[(0u32, 2u8), (1, 0)][..]]);
        assert_eq!(dropped, 0);
        assert_eq!(m.binary, vec![Some((0, 2))]);
        let mut p = Params::with_x(&m, vec![1.0, -1.0]);
        let c = fit(&m, &mut p, 1, 0.0, &StandardNormal, 1, 1);
        assert_eq!(c.iterations, 1);
        let e = (2.0 / std::f64::consts::PI).sqrt();
        let b = 2.0 * e / 2.04;
        assert!((p.a[0]).abs() < 1e-12);
        assert!((p.b[0] - b).abs() < 1e-10, "{}", p.b[0]);
        let x0 = b * e / (b * b + 1.0);
        assert!((p.x[0] - x0).abs() < 1e-10 && (p.x[1] + x0).abs() < 1e-10, "{:?}", p.x);
        assert!((x0 - 0.387_206).abs() < 1e-6);
    }

    /// The objective a sweep reports is the log posterior at its start.
    #[test]
    fn sweep_reports_the_log_posterior_of_its_start() {
        // 6 states; one binary item, one ordinal, one lopsided binary.
        let items: Vec<Vec<(u32, u8)>> = vec![
            vec![(0, 2), (1, 2), (2, 0), (3, 2), (4, 0), (5, 0)],
            vec![(0, 2), (1, 1), (2, 0), (3, 2), (4, 1), (5, 0)],
            vec![(0, 2), (1, 2), (2, 2), (3, 2), (4, 2), (5, 0)],
        ];
        let (m, _) = Matrix::build(6, items.iter().map(|v| v.as_slice()));
        let mut p = Params::with_x(&m, vec![1.5, 0.4, -1.0, 2.0, 0.1, -6.0]);
        p.a = vec![0.3, 0.2, 9.0];
        p.b = vec![2.0, 0.7, 3.0];
        p.s2 = vec![1.0, 0.5, 1.0];
        let mut w = Work::new(&m, 2, 1);
        for _ in 0..5 {
            let expected = log_posterior(&m, &p, &StandardNormal);
            let (_, lp) = sweep(&m, &mut p, &mut w, &StandardNormal, true);
            assert!((lp - expected).abs() < 1e-10 * expected.abs(), "{lp} vs {expected}");
            // EM ascends.
            assert!(log_posterior(&m, &p, &StandardNormal) >= expected - 1e-12);
        }
    }

    #[test]
    fn items_are_classified_by_categories_present() {
        let items: Vec<Vec<(u32, u8)>> =
            vec![vec![(0, 2), (1, 2)], vec![(0, 1), (1, 2)], vec![(0, 0), (1, 1), (2, 2)], vec![]];
        let (m, dropped) = Matrix::build(3, items.iter().map(|v| v.as_slice()));
        assert_eq!(dropped, 2);
        assert_eq!(m.binary, vec![Some((1, 2)), None]);
        assert_eq!(m.vote_y, vec![0, 1, 0, 1, 2]);
        assert_eq!(m.counts(), vec![2, 2, 1]);
    }
}

//! The unknowns and their prior: one unit per state and fitted period (a state's units form a run),
//! the Gaussian random walk over each run (solved per run in O(T)), and the starting positions.

use std::collections::{BTreeMap, HashMap};

use super::super::em::{self, Matrix, Prior};
use super::{DynamicOptions, DynamicPeriod};

/// Gaussian random walks over contiguous runs of units (one run per state).
pub(super) struct RandomWalk {
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
    pub(super) fn variances(&self, den: &[f64]) -> Vec<f64> {
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

/// The unknowns: one unit per state and fitted period from the state's first to its last fitted
/// period with a counted vote, each state's units contiguous (a run).
pub(super) struct Units {
    /// The states with a run, sorted.
    pub(super) states: Vec<u16>,
    /// First and last t of each state's run.
    pub(super) span: BTreeMap<u16, (usize, usize)>,
    /// First unit of each state's run, by index into `states`.
    offset: Vec<usize>,
    /// By unit: its state (index into `states`) and its t.
    pub(super) unit_state: Vec<usize>,
    pub(super) unit_t: Vec<usize>,
    /// (first unit, length) of each run.
    chains: Vec<(usize, usize)>,
}

impl Units {
    pub(super) fn lay_out(used: &[(usize, usize)], votes: &[Vec<(u16, u8)>]) -> Units {
        let mut span: BTreeMap<u16, (usize, usize)> = Default::default();
        for &(rc, t) in used {
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
        Units { states, span, offset, unit_state, unit_t, chains }
    }

    pub(super) fn len(&self) -> usize {
        self.unit_state.len()
    }

    /// The unit of state `s` at `t` (inside its run).
    pub(super) fn unit(&self, s: u16, t: usize) -> usize {
        let i = self.states.binary_search(&s).expect("state has a span");
        self.offset[i] + t - self.span[&s].0
    }

    /// The units of a fitted state's run.
    pub(super) fn run_of(&self, s: u16) -> std::ops::Range<usize> {
        let i = self.states.binary_search(&s).expect("anchor fitted");
        self.offset[i]..self.offset[i] + self.chains[i].1
    }

    /// The walk over the runs: a step's precision is 1 / (ω² · the gap between the period labels).
    pub(super) fn random_walk(&self, periods: &[DynamicPeriod], fitted: &[usize], opts: &DynamicOptions) -> RandomWalk {
        let mut link = vec![0.0; self.len()];
        for &(start, len) in &self.chains {
            for u in start..start + len - 1 {
                let gap = periods[fitted[self.unit_t[u + 1]]].period - periods[fitted[self.unit_t[u]]].period;
                link[u] = 1.0 / (opts.evolution_var * f64::from(gap.max(1)));
            }
        }
        RandomWalk { item_precision: 1.0 / opts.item_prior_var, chains: self.chains.clone(), link }
    }
}

/// Start: each period's leading principal component, oriented by the anchor (or by correlation with
/// the previous period), carried over gaps.
pub(super) fn starting_positions(
    units: &Units,
    used: &[(usize, usize)],
    votes: &[Vec<(u16, u8)>],
    counts: &[u32],
    n_fitted: usize,
    anchor: Option<u16>,
) -> Vec<f64> {
    let n_units = units.len();
    let mut x0 = vec![f64::NAN; n_units];
    for t in 0..n_fitted {
        let local: Vec<usize> = (0..n_units).filter(|&u| units.unit_t[u] == t && counts[u] > 0).collect();
        let local_of: HashMap<usize, u32> = local.iter().enumerate().map(|(l, &u)| (u, l as u32)).collect();
        let items: Vec<Vec<(u32, u8)>> = used
            .iter()
            .filter(|&&(_, tt)| tt == t)
            .map(|&(rc, _)| votes[rc].iter().map(|&(s, c)| (local_of[&units.unit(s, t)], c)).collect())
            .collect();
        let (m, _) = Matrix::build(local.len(), items.iter().map(|v| v.as_slice()));
        let a_local = anchor
            .filter(|&a| units.span[&a].0 <= t && t <= units.span[&a].1)
            .and_then(|a| local_of.get(&units.unit(a, t)));
        let mut g = em::start(&m, a_local.map(|&l| l as usize));
        let flip = match a_local {
            Some(&l) if g[l as usize] != 0.0 => g[l as usize] < 0.0,
            _ => {
                // Agreement with the previous period over the states in both.
                let (mut s, mut any) = (0.0, false);
                for (l, &u) in local.iter().enumerate() {
                    if u > 0 && units.unit_state[u - 1] == units.unit_state[u] && x0[u - 1].is_finite() {
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
            x0[u] = if u > 0 && units.unit_state[u - 1] == units.unit_state[u] { x0[u - 1] } else { 0.0 };
        }
    }
    x0
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
}

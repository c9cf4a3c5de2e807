//! Intervals of the positions: parametric bootstrap quantiles, or the smoother's posterior variance.

use super::super::em::{self, Matrix, Params};
use super::super::rng::SplitMix64;
use super::super::{correlation, quantile, tn};
use super::walk::RandomWalk;
use super::{DynamicOptions, SWEEP_CHUNKS};

/// Each unit's interval, and how many bootstrap refits did not converge.
pub(super) struct Intervals {
    pub(super) lo: Vec<f64>,
    pub(super) hi: Vec<f64>,
    pub(super) unconverged: u32,
}

/// The 5% and 95% quantiles of `opts.bootstrap` parametric bootstrap refits (seeded per replicate,
/// so the result does not depend on `threads`).
pub(super) fn bootstrap_intervals(
    matrix: &Matrix,
    p: &Params,
    walk: &RandomWalk,
    opts: &DynamicOptions,
    threads: usize,
) -> Intervals {
    let n_units = matrix.n_states;
    let all_units: Vec<usize> = (0..n_units).collect();
    let r_n = opts.bootstrap as usize;
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
                    let sim = matrix.simulate(p, &mut rng);
                    let (m_r, _) = Matrix::build(n_units, sim.iter().map(|v| v.as_slice()));
                    let mut p_r = Params::with_x(&m_r, p.x.clone());
                    let c = em::fit(&m_r, &mut p_r, opts.max_iter, opts.tol, walk, SWEEP_CHUNKS, 1);
                    if correlation(&all_units, &p.x, &p_r.x) < 0.0 {
                        p_r.flip();
                    }
                    draws.lock().expect("no worker panics holding the lock")[r] = Some((p_r.x, c.converged));
                }
            });
        }
    });
    let draws: Vec<(Vec<f64>, bool)> =
        draws.into_inner().expect("workers finished").into_iter().map(|d| d.expect("every replicate ran")).collect();
    let unconverged = draws.iter().filter(|d| !d.1).count() as u32;
    let (lo, hi) = (0..n_units)
        .map(|u| {
            let mut v: Vec<f64> = draws.iter().map(|d| d.0[u]).collect();
            v.sort_by(f64::total_cmp);
            (quantile(&v, 0.05), quantile(&v, 0.95))
        })
        .unzip();
    Intervals { lo, hi, unconverged }
}

/// θ ± 1.645·sd, sd from the smoother's posterior variance given the item parameters.
pub(super) fn smoother_intervals(matrix: &Matrix, p: &Params, walk: &RandomWalk) -> Intervals {
    let var = walk.variances(&observed_information(matrix, p));
    let (lo, hi) = (0..matrix.n_states)
        .map(|u| {
            let h = 1.644_853_626_951_472_2 * var[u].sqrt();
            (p.x[u] - h, p.x[u] + h)
        })
        .unzip();
    Intervals { lo, hi, unconverged: 0 }
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

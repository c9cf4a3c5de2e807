//! Convergence towards a dominant state (`docs/methods.md` §8), on a
//! distance series d_it between each subordinate i and the dominant state:
//!
//! - **δ**: mean distance δ_t = (1/n) Σ_i d_it; for one dyad, d_it itself.
//!   With positions on one scale, each year's change is split exactly into
//!   the subordinate's move and the dominant state's move:
//!   sub_move = |x_i,t − x_D,t−1| − |x_i,t−1 − x_D,t−1| (the benchmark held
//!   still), dom_move = Δd − sub_move.
//! - **σ**: dispersion of the distances, SD_i d_it and the coefficient of variation.
//! - **β**: slope of (d_iT − d_i0)/(T − 0) on d_i0; b < 0 means the most
//!   distant catch up.
//! - **γ**: Boyle–McCarthy rank concordance Var(R_it + R_i0) / Var(2 R_i0);
//!   1 = the ranking of distances unchanged since the first year, lower =
//!   more mobility.

use std::collections::BTreeMap;

use serde::Serialize;

/// One subordinate in one year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Observation {
    /// The year.
    pub year: i32,
    /// COW code of the subordinate.
    pub sub: u16,
    /// Its distance to the dominant state.
    pub distance: f64,
    /// Positions of the subordinate and the dominant state on a common scale,
    /// when the distance comes from positions (ideal points).
    pub positions: Option<(f64, f64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
/// One observation with how it moved since the subordinate's previous observed year.
pub struct Movement {
    /// The year.
    pub year: i32,
    /// COW code of the subordinate.
    pub sub: u16,
    /// Its distance to the dominant state.
    pub distance: f64,
    /// Change since the subordinate's previous observed year.
    pub change: Option<f64>,
    /// The part of the change due to the subordinate's own move (positions only).
    pub sub_move: Option<f64>,
    /// The part due to the dominant state's move (`change − sub_move`).
    pub dom_move: Option<f64>,
}

/// Each observation with its change since the previous observed year of the same subordinate.
pub fn movements(obs: &[Observation]) -> Vec<Movement> {
    let mut by_sub: BTreeMap<u16, Vec<&Observation>> = BTreeMap::new();
    for o in obs {
        by_sub.entry(o.sub).or_default().push(o);
    }
    let mut out = Vec::with_capacity(obs.len());
    for series in by_sub.values_mut() {
        series.sort_by_key(|o| o.year);
        let mut prev: Option<&Observation> = None;
        for &o in series.iter() {
            let change = prev.map(|p| o.distance - p.distance);
            let sub_move = match (prev.and_then(|p| p.positions), o.positions) {
                (Some((xs0, xd0)), Some((xs1, _))) => Some((xs1 - xd0).abs() - (xs0 - xd0).abs()),
                _ => None,
            };
            let dom_move = sub_move.zip(change).map(|(s, c)| c - s);
            out.push(Movement { year: o.year, sub: o.sub, distance: o.distance, change, sub_move, dom_move });
            prev = Some(o);
        }
    }
    out.sort_by_key(|m| (m.year, m.sub));
    out
}

/// Group measures in one year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GroupYear {
    /// The year.
    pub year: i32,
    /// Subordinates observed that year.
    pub n: usize,
    /// δ: mean distance to the dominant state.
    pub delta: f64,
    /// σ: standard deviation of the distances (population SD).
    pub sigma: f64,
    /// σ / δ; `None` when δ = 0.
    pub cv: Option<f64>,
    /// γ against the first year, over subordinates observed in both; `None`
    /// with fewer than two such or no variation in the first year's ranks.
    pub gamma: Option<f64>,
}

fn ranks(values: &[f64]) -> Vec<f64> {
    // Average ranks for ties.
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut r = vec![0.0; values.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && values[idx[j + 1]] == values[idx[i]] {
            j += 1;
        }
        for &k in &idx[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

fn variance(x: &[f64]) -> f64 {
    let m = x.iter().sum::<f64>() / x.len() as f64;
    x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / x.len() as f64
}

/// δ, σ and γ for every year with at least one observation.
pub fn group(obs: &[Observation]) -> Vec<GroupYear> {
    let mut by_year: BTreeMap<i32, BTreeMap<u16, f64>> = BTreeMap::new();
    for o in obs {
        by_year.entry(o.year).or_default().insert(o.sub, o.distance);
    }
    let first = by_year.values().next().cloned().unwrap_or_default();
    by_year
        .iter()
        .map(|(&year, d)| {
            let v: Vec<f64> = d.values().copied().collect();
            let n = v.len();
            let delta = v.iter().sum::<f64>() / n as f64;
            let sigma = variance(&v).sqrt();
            let common: Vec<(f64, f64)> = d.iter().filter_map(|(s, &x)| first.get(s).map(|&x0| (x0, x))).collect();
            let gamma = (common.len() >= 2).then(|| {
                let r0 = ranks(&common.iter().map(|c| c.0).collect::<Vec<_>>());
                let rt = ranks(&common.iter().map(|c| c.1).collect::<Vec<_>>());
                let sum: Vec<f64> = r0.iter().zip(&rt).map(|(a, b)| a + b).collect();
                let twice: Vec<f64> = r0.iter().map(|a| 2.0 * a).collect();
                (variance(&sum), variance(&twice))
            });
            let gamma = gamma.and_then(|(num, den)| (den > 0.0).then(|| num / den));
            GroupYear { year, n, delta, sigma, cv: (delta != 0.0).then(|| sigma / delta), gamma }
        })
        .collect()
}

/// β-convergence between two years: slope and intercept of the yearly change
/// on the initial distance, over subordinates observed in both.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Beta {
    /// The initial year.
    pub from: i32,
    /// The final year.
    pub to: i32,
    /// Subordinates observed in both years.
    pub n: usize,
    /// Intercept of the fitted line.
    pub intercept: f64,
    /// Slope: negative when the distant converge faster (β-convergence).
    pub slope: f64,
}

/// β-convergence from `from` to `to`; `None` when `to <= from`, or fewer than two subordinates are
/// observed in both years, or their initial distances are all equal.
pub fn beta(obs: &[Observation], from: i32, to: i32) -> Option<Beta> {
    if to <= from {
        return None;
    }
    let at = |y: i32| obs.iter().filter(move |o| o.year == y).map(|o| (o.sub, o.distance)).collect::<BTreeMap<_, _>>();
    let (d0, d1) = (at(from), at(to));
    let pairs: Vec<(f64, f64)> =
        d0.iter().filter_map(|(s, &x0)| d1.get(s).map(|&x1| (x0, (x1 - x0) / f64::from(to - from)))).collect();
    let n = pairs.len();
    let xs: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let vx = variance(&xs);
    if n < 2 || vx == 0.0 {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n as f64;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n as f64;
    let cov = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / n as f64;
    let slope = cov / vx;
    Some(Beta { from, to, n, intercept: my - slope * mx, slope })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(year: i32, sub: u16, distance: f64) -> Observation {
        Observation { year, sub, distance, positions: None }
    }

    #[test]
    fn moves_split_into_subordinate_and_dominant() {
        // Year 1: sub at 0, dominant at 2 (d = 2). Year 2: sub moves to 1, dominant to 4 (d = 3).
        // Sub's move with the benchmark held at 2: |1 − 2| − |0 − 2| = −1; the dominant's: 3 − 2 − (−1) = +2.
        let o = [
            Observation { year: 1, sub: 7, distance: 2.0, positions: Some((0.0, 2.0)) },
            Observation { year: 2, sub: 7, distance: 3.0, positions: Some((1.0, 4.0)) },
        ];
        let m = movements(&o);
        assert_eq!((m[0].change, m[0].sub_move), (None, None));
        assert_eq!((m[1].change, m[1].sub_move, m[1].dom_move), (Some(1.0), Some(-1.0), Some(2.0)));
    }

    #[test]
    fn group_measures_by_hand() {
        // Year 1: distances 1, 2, 3; year 2: 1, 1, 1 (converged, ranks tied).
        let o = [obs(1, 1, 1.0), obs(1, 2, 2.0), obs(1, 3, 3.0), obs(2, 1, 1.0), obs(2, 2, 1.0), obs(2, 3, 1.0)];
        let g = group(&o);
        assert_eq!((g[0].n, g[0].delta), (3, 2.0));
        assert!((g[0].sigma - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(g[0].gamma, Some(1.0), "a ranking agrees with itself");
        assert_eq!((g[1].delta, g[1].sigma), (1.0, 0.0));
        // Ranks 1,2,3 then all tied at 2: Var(R0 + Rt) = Var(3, 4, 5) = 2/3; Var(2 R0) = 8/3 → 0.25.
        assert!((g[1].gamma.unwrap() - 0.25).abs() < 1e-12);
        // β: changes per year −0, −1, −2 on initial 1, 2, 3 → slope −1 (the farthest catch up).
        let b = beta(&o, 1, 2).unwrap();
        assert!((b.slope + 1.0).abs() < 1e-12 && (b.intercept - 1.0).abs() < 1e-12);
        assert_eq!(beta(&o, 2, 1), None);
    }

    #[test]
    fn reversed_ranking_has_low_gamma() {
        let o = [obs(1, 1, 1.0), obs(1, 2, 2.0), obs(1, 3, 3.0), obs(2, 1, 3.0), obs(2, 2, 2.0), obs(2, 3, 1.0)];
        assert_eq!(group(&o)[1].gamma, Some(0.0));
    }
}

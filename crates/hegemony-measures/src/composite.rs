//! The composite hierarchy score, its sensitivity to the weights, and the
//! "more or less aligned than its dependence predicts" residual
//! (`docs/methods.md` §11).
//!
//! Parts are on [0, 1] with 1 = most hierarchy. A part that is missing in a
//! year is neither zero nor its maximum: [`bounded_mean`] counts it over its
//! whole range — the value with the part at 0.5, the bounds with it at 0 and
//! at 1 — and reports the share of the weight that was present
//! (`weight_covered`), so a composite resting on one part of four says so.
//! [`weighted_mean`] (renormalising over the parts present) remains for
//! averages of values that are all known.

use serde::Serialize;

use crate::ideal::rng::SplitMix64;

/// A composite value and how much of the weight it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompositeValue {
    /// The weighted mean of the parts present.
    pub value: f64,
    /// Σ weights of the parts present / Σ all weights.
    pub weight_covered: f64,
}

/// Weighted mean of the parts present. `None` when no part is present.
pub fn weighted_mean(parts: &[Option<f64>], weights: &[f64]) -> Option<CompositeValue> {
    assert_eq!(parts.len(), weights.len(), "one weight per part");
    let total: f64 = weights.iter().sum();
    let (mut num, mut den) = (0.0, 0.0);
    for (p, w) in parts.iter().zip(weights) {
        if let Some(v) = p {
            num += w * v;
            den += w;
        }
    }
    (den > 0.0).then(|| CompositeValue { value: num / den, weight_covered: den / total })
}

/// A composite over parts on [0, 1] with missing parts counted over their
/// whole range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoundedValue {
    /// The mean with every missing part at 0.5, the middle of its range.
    pub value: f64,
    /// The mean with every missing part at 0.
    pub lo: f64,
    /// The mean with every missing part at 1.
    pub hi: f64,
    /// Σ weights of the parts present / Σ all weights.
    pub weight_covered: f64,
}

/// The weighted mean of parts on [0, 1], a missing part counted over its
/// whole range (see the module). `None` when no part with weight is present:
/// a value resting on nothing is missing itself.
pub fn bounded_mean(parts: &[Option<f64>], weights: &[f64]) -> Option<BoundedValue> {
    assert_eq!(parts.len(), weights.len(), "one weight per part");
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let (mut known, mut missing, mut present) = (0.0, 0.0, 0.0);
    for (p, w) in parts.iter().zip(weights) {
        match p {
            Some(v) => {
                known += w * v;
                present += w;
            }
            None => missing += w,
        }
    }
    (present > 0.0).then(|| BoundedValue {
        value: (known + 0.5 * missing) / total,
        lo: known / total,
        hi: (known + missing) / total,
        weight_covered: present / total,
    })
}

/// Weights drawn uniformly from the simplex (Dirichlet(1, …, 1)): normalised
/// exponential draws.
fn dirichlet(rng: &mut SplitMix64, k: usize) -> Vec<f64> {
    let mut w: Vec<f64> = (0..k).map(|_| -(1.0 - rng.uniform()).ln()).collect();
    let s: f64 = w.iter().sum();
    w.iter_mut().for_each(|x| *x /= s);
    w
}

/// One unit's interval under random weights.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    /// 5th percentile of the composite.
    pub lo: f64,
    /// 95th percentile of the composite.
    pub hi: f64,
    /// Best rank (1 = most hierarchy) among the units, 5th percentile.
    pub rank_best: usize,
    /// Worst rank, 95th percentile.
    pub rank_worst: usize,
    /// Rank under the given weights.
    pub rank: usize,
}

/// Recomputes the composite ([`bounded_mean`]) of every unit under `draws`
/// random weightings (seeded, reproducible), each missing part drawn
/// uniformly on [0, 1] in every draw, and reports each unit's 90 % interval
/// of value and rank: the uncertainty of the weights and of what is not
/// known. `parts[u]` are unit u's parts; units with no part present get `None`.
pub fn sensitivity(parts: &[Vec<Option<f64>>], weights: &[f64], draws: usize, seed: u64) -> Vec<Option<Sensitivity>> {
    let n = parts.len();
    let k = weights.len();
    // Ranks by value, highest first, ties by unit; buffers reused across draws.
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut ranks_of = |values: &[Option<f64>], rank: &mut Vec<usize>| {
        order.clear();
        order.extend((0..n).filter(|&u| values[u].is_some()));
        order.sort_by(|&a, &b| values[b].unwrap_or(0.0).total_cmp(&values[a].unwrap_or(0.0)).then(a.cmp(&b)));
        rank.clear();
        rank.resize(n, 0);
        for (r, &u) in order.iter().enumerate() {
            rank[u] = r + 1;
        }
    };
    let base: Vec<Option<f64>> = parts.iter().map(|p| bounded_mean(p, weights).map(|c| c.value)).collect();
    let mut base_rank = Vec::new();
    ranks_of(&base, &mut base_rank);
    let mut values: Vec<Vec<f64>> = vec![Vec::with_capacity(draws); n];
    let mut ranks: Vec<Vec<f64>> = vec![Vec::with_capacity(draws); n];
    let mut rng = SplitMix64::new(seed);
    let (mut v, mut r): (Vec<Option<f64>>, Vec<usize>) = (vec![None; n], Vec::with_capacity(n));
    for _ in 0..draws {
        let w = dirichlet(&mut rng, k);
        let total: f64 = w.iter().sum();
        for (u, p) in parts.iter().enumerate() {
            // A unit resting on nothing stays unranked; its unknown parts take a random value.
            v[u] = p.iter().any(Option::is_some).then(|| {
                let sum: f64 = p.iter().zip(&w).map(|(x, w)| w * x.unwrap_or_else(|| rng.uniform())).sum();
                if total > 0.0 { sum / total } else { 0.0 }
            });
        }
        ranks_of(&v, &mut r);
        for u in 0..n {
            if let Some(x) = v[u] {
                values[u].push(x);
                ranks[u].push(r[u] as f64);
            }
        }
    }
    (0..n)
        .map(|u| {
            base[u]?;
            let (lo, hi) = quantiles(&mut values[u]);
            let (rb, rw) = quantiles(&mut ranks[u]);
            Some(Sensitivity {
                lo,
                hi,
                rank_best: rb.round() as usize,
                rank_worst: rw.round() as usize,
                rank: base_rank[u],
            })
        })
        .collect()
}

/// 5th and 95th percentiles (nearest rank), by selection rather than a
/// full sort; (NaN, NaN) never escapes because callers only ask for units
/// with values.
fn quantiles(x: &mut [f64]) -> (f64, f64) {
    let at = |x: &mut [f64], q: f64| {
        let i = ((q * (x.len() - 1) as f64).round() as usize).min(x.len() - 1);
        *x.select_nth_unstable_by(i, f64::total_cmp).1
    };
    (at(x, 0.05), at(x, 0.95))
}

/// Ordinary least squares y = a + b·x over the units with both values;
/// returns (a, b) and each unit's residual (`None` where a value is missing
/// or fewer than 3 units have both).
pub fn linear_fit(x: &[Option<f64>], y: &[Option<f64>]) -> (Option<(f64, f64)>, Vec<Option<f64>>) {
    let pairs: Vec<(f64, f64)> = x.iter().zip(y).filter_map(|(a, b)| Some(((*a)?, (*b)?))).collect();
    let n = pairs.len() as f64;
    if pairs.len() < 3 {
        return (None, vec![None; x.len()]);
    }
    let mx = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = pairs.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pairs.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let b = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let a = my - b * mx;
    let res = x.iter().zip(y).map(|(a_, b_)| Some((*b_)? - (a + b * (*a_)?))).collect();
    (Some((a, b)), res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn missing_parts_renormalise_and_say_so() {
        let c = weighted_mean(&[Some(1.0), None, Some(0.0)], &[1.0, 2.0, 1.0]).unwrap();
        assert_eq!(c.value, 0.5);
        assert_eq!(c.weight_covered, 0.5);
        assert_eq!(weighted_mean(&[None, None], &[1.0, 1.0]), None);
    }

    #[test]
    fn a_missing_part_counts_over_its_whole_range() {
        // Parts 1.0 and missing, equal weights: 0.5 known; the missing half spans 0–0.5.
        let c = bounded_mean(&[Some(1.0), None], &[1.0, 1.0]).unwrap();
        assert_eq!((c.value, c.lo, c.hi, c.weight_covered), (0.75, 0.5, 1.0, 0.5));
        // A weight of 0 on the missing part: it cannot move the value.
        let c = bounded_mean(&[Some(0.2), None], &[1.0, 0.0]).unwrap();
        assert_eq!((c.value, c.lo, c.hi, c.weight_covered), (0.2, 0.2, 0.2, 1.0));
        assert_eq!(bounded_mean(&[None, Some(0.3)], &[1.0, 0.0]), None, "resting on no weight");
        assert_eq!(bounded_mean(&[None, None], &[1.0, 1.0]), None);
    }

    #[test]
    fn a_unit_with_a_missing_part_gets_a_wider_interval() {
        // Two units equal on the known part; the second misses the other part.
        let parts = vec![vec![Some(0.5), Some(0.5)], vec![Some(0.5), None]];
        let s = sensitivity(&parts, &[1.0, 1.0], 400, 3);
        let (known, unknown) = (s[0].as_ref().unwrap(), s[1].as_ref().unwrap());
        assert!((known.hi - known.lo).abs() < 1e-12, "{known:?}");
        assert!(unknown.hi - unknown.lo > 0.5, "{unknown:?}");
        assert_eq!((unknown.rank_best, unknown.rank_worst), (1, 2));
    }

    #[test]
    fn a_unit_that_dominates_on_every_part_ranks_first_under_any_weights() {
        let parts = vec![
            vec![Some(0.9), Some(0.8), Some(0.7)],
            vec![Some(0.5), Some(0.4), Some(0.3)],
            vec![Some(0.1), Some(0.6), Some(0.2)],
            vec![None, None, None],
        ];
        let s = sensitivity(&parts, &[1.0, 1.0, 1.0], 500, 7);
        let first = s[0].as_ref().unwrap();
        assert_eq!((first.rank, first.rank_best, first.rank_worst), (1, 1, 1));
        assert!(first.lo >= 0.7 && first.hi <= 0.9);
        // Units 1 and 2 swap places depending on the weights.
        let (b, c) = (s[1].as_ref().unwrap(), s[2].as_ref().unwrap());
        assert!(b.rank_worst == 3 || c.rank_best == 2, "{b:?} {c:?}");
        assert!(s[3].is_none());
        // Seeded: the same seed gives the same intervals.
        assert_eq!(s, sensitivity(&parts, &[1.0, 1.0, 1.0], 500, 7));
    }

    #[test]
    fn linear_fit_by_hand() {
        // y = 2x exactly, except unit 3 which is 1 above the line.
        let x = [Some(0.0), Some(1.0), Some(2.0), Some(1.0), None];
        let y = [Some(0.0), Some(2.0), Some(4.0), Some(3.0), Some(1.0)];
        let (fit, r) = linear_fit(&x, &y);
        let (a, b) = fit.unwrap();
        // OLS on (0,0),(1,2),(2,4),(1,3): mean x 1, mean y 2.25, sxx 2, sxy 4 → b 2, a 0.25.
        assert!((b - 2.0).abs() < 1e-12 && (a - 0.25).abs() < 1e-12);
        assert!((r[3].unwrap() - 0.75).abs() < 1e-12);
        assert_eq!(r[4], None);
    }

    proptest! {
        #[test]
        fn bounded_mean_brackets_its_value_and_lies_in_the_unit_interval(p in proptest::collection::vec(proptest::option::of(0.0f64..1.0), 1..6), seed in 0u64..1000) {
            let w: Vec<f64> = (0..p.len()).map(|i| 1.0 + ((seed + i as u64) % 3) as f64).collect();
            match bounded_mean(&p, &w) {
                Some(c) => {
                    prop_assert!(0.0 <= c.lo && c.lo <= c.value && c.value <= c.hi && c.hi <= 1.0 + 1e-12);
                    // The bounds are the value with every missing part at 0 and at 1.
                    let at = |x: f64| { let q: Vec<Option<f64>> = p.iter().map(|v| Some(v.unwrap_or(x))).collect(); weighted_mean(&q, &w).unwrap().value };
                    prop_assert!((c.lo - at(0.0)).abs() < 1e-9 && (c.hi - at(1.0)).abs() < 1e-9 && (c.value - at(0.5)).abs() < 1e-9);
                }
                None => prop_assert!(p.iter().all(Option::is_none)),
            }
        }

        #[test]
        fn composite_lies_between_its_parts(p in proptest::collection::vec(proptest::option::of(0.0f64..1.0), 1..6), seed in 0u64..1000) {
            let w: Vec<f64> = (0..p.len()).map(|i| 1.0 + ((seed + i as u64) % 3) as f64).collect();
            if let Some(c) = weighted_mean(&p, &w) {
                let present: Vec<f64> = p.iter().flatten().copied().collect();
                let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(c.value >= lo - 1e-12 && c.value <= hi + 1e-12);
                prop_assert!(c.weight_covered > 0.0 && c.weight_covered <= 1.0 + 1e-12);
            } else {
                prop_assert!(p.iter().all(Option::is_none));
            }
        }
    }
}

//! Periodisation: change points in the mean of an annual series, by exact
//! penalised optimal partitioning (Jackson et al. 2005) with a minimum
//! segment length — `docs/methods.md` §13.
//!
//! For the 30–80 points of an annual series the O(n²) dynamic programme is
//! instant and, unlike binary segmentation, exact: the returned segmentation
//! minimises Σ segment cost + penalty × number of breaks over every
//! segmentation whose segments are at least `min_segment` long.

use serde::Serialize;

/// How much a break must buy before it is accepted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Penalty {
    /// 2 log n per break (BIC/SIC for a change in mean with known variance).
    Bic,
    /// 3 log n per break: the modified BIC, more conservative on short series.
    Mbic,
    /// A fixed penalty, in units of the normalised cost.
    Fixed(f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
/// How the series is segmented.
pub struct ChangePointOptions {
    /// Fewest points in a segment (≥ 1; 3–4 recommended for annual politics data).
    pub min_segment: usize,
    /// What a break costs.
    pub penalty: Penalty,
    /// The noise standard deviation; `None` estimates it robustly from the
    /// first differences (MAD / (0.6745 √2)), so a level shift does not inflate it.
    pub sigma: Option<f64>,
}

impl Default for ChangePointOptions {
    fn default() -> Self {
        ChangePointOptions { min_segment: 3, penalty: Penalty::Bic, sigma: None }
    }
}

/// One regime: points `start..end` (end exclusive) and their mean.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Segment {
    /// Index of the first point.
    pub start: usize,
    /// Index one past the last point.
    pub end: usize,
    /// Mean of the points.
    pub mean: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
/// The optimal segmentation of a series.
pub struct Segmentation {
    /// The segments, in order, covering the series.
    pub segments: Vec<Segment>,
    /// The penalty per break that was applied, in normalised cost units.
    pub penalty: f64,
    /// The noise standard deviation used to normalise the cost.
    pub sigma: f64,
    /// Σ segment cost + penalty × breaks, at the optimum.
    pub objective: f64,
}

impl Segmentation {
    /// Indices at which a new segment starts (the break points).
    pub fn breaks(&self) -> Vec<usize> {
        self.segments.iter().skip(1).map(|s| s.start).collect()
    }
}

/// Robust noise scale from first differences; 0 for a constant series.
pub fn robust_sigma(y: &[f64]) -> f64 {
    let mut d: Vec<f64> = y.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    if d.is_empty() {
        return 0.0;
    }
    d.sort_by(f64::total_cmp);
    let mid = d.len() / 2;
    let median = if d.len().is_multiple_of(2) { (d[mid - 1] + d[mid]) / 2.0 } else { d[mid] };
    let mad = median / (0.674_489_75 * std::f64::consts::SQRT_2);
    if mad > 0.0 {
        return mad;
    }
    // Most differences are zero (a step series): fall back to their root mean square.
    (d.iter().map(|x| x * x).sum::<f64>() / d.len() as f64 / 2.0).sqrt()
}

/// Cost of `y[s..t]` around its mean: Σ (y − ȳ)², from prefix sums.
fn sse(s1: &[f64], s2: &[f64], s: usize, t: usize) -> f64 {
    let n = (t - s) as f64;
    let sum = s1[t] - s1[s];
    (s2[t] - s2[s] - sum * sum / n).max(0.0)
}

impl Penalty {
    /// The penalty per break for a series of `n` points, in normalised cost units.
    fn per_break(self, n: usize) -> f64 {
        let log_n = (n.max(2) as f64).ln();
        match self {
            Penalty::Bic => 2.0 * log_n,
            Penalty::Mbic => 3.0 * log_n,
            Penalty::Fixed(b) => b,
        }
    }
}

/// Prefix sums of a series centred on its mean (Σy² − (Σy)²/n then cancels far less).
struct Prefix {
    s1: Vec<f64>,
    s2: Vec<f64>,
}

impl Prefix {
    fn new(y: &[f64]) -> Prefix {
        let centre = y.iter().sum::<f64>() / y.len().max(1) as f64;
        let (mut s1, mut s2) = (vec![0.0; y.len() + 1], vec![0.0; y.len() + 1]);
        for (i, &v) in y.iter().enumerate() {
            let v = v - centre;
            s1[i + 1] = s1[i] + v;
            s2[i + 1] = s2[i] + v * v;
        }
        Prefix { s1, s2 }
    }

    fn sse(&self, s: usize, t: usize) -> f64 {
        sse(&self.s1, &self.s2, s, t)
    }
}

/// Exact optimal partitioning of `0..n` into segments of at least `m` points,
/// minimising Σ cost(segment) + penalty × breaks. Returns the segment bounds
/// (0, …, n) and the optimal objective.
fn optimal_partition(n: usize, m: usize, penalty: f64, cost: impl Fn(usize, usize) -> f64) -> (Vec<usize>, f64) {
    // best[t]: optimal objective of the first t points (+ one penalty too many,
    // removed at the end); from[t]: where its last segment starts.
    let mut best = vec![f64::INFINITY; n + 1];
    let mut from = vec![0usize; n + 1];
    best[0] = 0.0;
    for t in m..=n {
        for s in (0..=t - m).filter(|&s| s == 0 || s >= m) {
            if best[s].is_finite() {
                let v = best[s] + cost(s, t) + penalty;
                if v < best[t] {
                    best[t] = v;
                    from[t] = s;
                }
            }
        }
    }
    let mut bounds = vec![n];
    let mut t = n;
    while t > 0 {
        t = from[t];
        bounds.push(t);
    }
    bounds.reverse();
    (bounds, best[n] - penalty)
}

/// The optimal segmentation of `y` (finite values only; the caller drops or
/// fills missing years and says so).
pub fn segment_means(y: &[f64], opts: &ChangePointOptions) -> Segmentation {
    let n = y.len();
    let m = opts.min_segment.max(1);
    let sigma = opts.sigma.unwrap_or_else(|| robust_sigma(y));
    let penalty = opts.penalty.per_break(n);
    let mean = |s: usize, t: usize| y[s..t].iter().sum::<f64>() / (t - s) as f64;
    // A constant (or too short) series has nothing to split.
    if n == 0 || sigma <= 0.0 || n < 2 * m {
        let segments = if n == 0 { vec![] } else { vec![Segment { start: 0, end: n, mean: mean(0, n) }] };
        return Segmentation { segments, penalty, sigma, objective: 0.0 };
    }
    let scale = 1.0 / (sigma * sigma);
    let prefix = Prefix::new(y);
    let (bounds, objective) = optimal_partition(n, m, penalty, |s, t| prefix.sse(s, t) * scale);
    let segments = bounds.windows(2).map(|w| Segment { start: w[0], end: w[1], mean: mean(w[0], w[1]) }).collect();
    Segmentation { segments, penalty, sigma, objective }
}

/// One regime of a path through several series: points `start..end` and the
/// mean of each series there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathSegment {
    /// Index of the first point.
    pub start: usize,
    /// Index one past the last point.
    pub end: usize,
    /// Mean of each series over the segment, in the order of the series.
    pub means: Vec<f64>,
}

/// Change points of a path in several dimensions at once (e.g. the plane
/// institutionalisation × convergence): the cost of a segment is the sum over
/// dimensions of its squared deviations, each scaled by that dimension's own
/// robust noise variance, so no dimension dominates by its units (`opts.sigma`,
/// if given, is a floor under each dimension's scale). All series must have
/// the same length; a constant dimension adds no cost.
pub fn segment_path(series: &[&[f64]], opts: &ChangePointOptions) -> Vec<PathSegment> {
    let n = series.first().map_or(0, |s| s.len());
    assert!(series.iter().all(|s| s.len() == n), "segment_path: series of different lengths");
    let m = opts.min_segment.max(1);
    let means = |s: usize, t: usize| series.iter().map(|y| y[s..t].iter().sum::<f64>() / (t - s) as f64).collect();
    let dims: Vec<(Prefix, f64)> = series
        .iter()
        .map(|y| (Prefix::new(y), robust_sigma(y)))
        .filter(|(_, sigma)| *sigma > 0.0)
        .map(|(p, sigma)| (p, sigma.max(opts.sigma.unwrap_or(0.0))))
        .map(|(p, sigma)| (p, 1.0 / (sigma * sigma)))
        .collect();
    if n == 0 {
        return vec![];
    }
    if dims.is_empty() || n < 2 * m {
        return vec![PathSegment { start: 0, end: n, means: means(0, n) }];
    }
    // A break must pay for itself in every dimension it could have moved.
    let penalty = opts.penalty.per_break(n) * dims.len() as f64;
    let cost = |s: usize, t: usize| dims.iter().map(|(p, scale)| p.sse(s, t) * scale).sum::<f64>();
    let (bounds, _) = optimal_partition(n, m, penalty, cost);
    bounds.windows(2).map(|w| PathSegment { start: w[0], end: w[1], means: means(w[0], w[1]) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fixed(min_segment: usize, penalty: f64) -> ChangePointOptions {
        ChangePointOptions { min_segment, penalty: Penalty::Fixed(penalty), sigma: Some(1.0) }
    }

    #[test]
    fn one_step_is_found_where_it_is() {
        // 0 0 0 10 10 10: splitting at 3 costs 0 + one penalty (5); not splitting costs Σ(y − 5)² = 150.
        let s = segment_means(&[0.0, 0.0, 0.0, 10.0, 10.0, 10.0], &fixed(2, 5.0));
        assert_eq!(s.breaks(), vec![3]);
        assert_eq!((s.segments[0].mean, s.segments[1].mean), (0.0, 10.0));
        assert!((s.objective - 5.0).abs() < 1e-12);
    }

    #[test]
    fn a_break_must_pay_its_penalty() {
        // 0 0 1 1: one split saves Σ(y − ½)² = 1 but costs the penalty.
        let y = [0.0, 0.0, 1.0, 1.0];
        assert_eq!(segment_means(&y, &fixed(2, 0.9)).breaks(), vec![2]);
        assert!(segment_means(&y, &fixed(2, 1.1)).breaks().is_empty());
    }

    #[test]
    fn minimum_segment_length_is_respected() {
        // A one-year spike cannot be its own regime with segments of at least 3.
        let y = [0.0, 0.0, 0.0, 9.0, 0.0, 0.0, 0.0];
        let s = segment_means(&y, &fixed(3, 1.0));
        assert!(s.segments.iter().all(|seg| seg.end - seg.start >= 3), "{s:?}");
        assert_eq!(segment_means(&y, &fixed(1, 1.0)).breaks(), vec![3, 4]);
    }

    #[test]
    fn constant_and_short_series() {
        assert!(segment_means(&[2.0; 10], &ChangePointOptions::default()).breaks().is_empty());
        assert!(segment_means(&[1.0, 5.0], &ChangePointOptions::default()).breaks().is_empty());
        assert!(segment_means(&[], &ChangePointOptions::default()).segments.is_empty());
    }

    #[test]
    fn robust_sigma_ignores_a_level_shift() {
        let y: Vec<f64> =
            (0..30).map(|i| if i < 15 { 0.0 } else { 100.0 } + if i % 2 == 0 { 1.0 } else { -1.0 }).collect();
        let sigma = robust_sigma(&y);
        // Differences are ±2 (and one of ~100): the MAD sees the noise, not the step.
        assert!((sigma - 2.0 / (0.674_489_75 * 2f64.sqrt())).abs() < 1e-9, "{sigma}");
        assert_eq!(segment_means(&y, &ChangePointOptions::default()).breaks(), vec![15]);
    }

    #[test]
    fn a_path_breaks_where_either_coordinate_moves() {
        // x steps at 4, y at 8: the path has two breaks; each series alone has one.
        let x: Vec<f64> = (0..12).map(|i| if i < 4 { 0.0 } else { 1.0 } + 0.01 * (i % 2) as f64).collect();
        let y: Vec<f64> = (0..12).map(|i| if i < 8 { 5.0 } else { 2.0 } + 0.01 * (i % 3) as f64).collect();
        let segs = segment_path(&[&x, &y], &ChangePointOptions::default());
        let breaks: Vec<usize> = segs.iter().skip(1).map(|s| s.start).collect();
        assert_eq!(breaks, vec![4, 8]);
        assert!((segs[2].means[1] - 2.0).abs() < 0.02);
        // One constant dimension changes nothing.
        let flat = vec![1.0; 12];
        let alone = segment_path(&[&x, &flat], &ChangePointOptions::default());
        assert_eq!(alone.iter().skip(1).map(|s| s.start).collect::<Vec<_>>(), vec![4]);
    }

    /// Every segmentation of 0..n into segments of length ≥ m, by brute force.
    fn all_segmentations(n: usize, m: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![vec![]];
        }
        let mut out = Vec::new();
        for last in m..=n {
            let rest = n - last;
            if rest != 0 && rest < m {
                continue;
            }
            for mut head in all_segmentations(rest, m) {
                head.push(n);
                out.push(head);
            }
        }
        out
    }

    proptest! {
        /// The dynamic programme finds the true optimum (checked by enumeration).
        #[test]
        fn optimal_partitioning_is_exact(y in proptest::collection::vec(-5.0f64..5.0, 1..11), m in 1usize..4, pen in 0.0f64..6.0) {
            let opts = fixed(m, pen);
            let s = segment_means(&y, &opts);
            if y.len() < 2 * m {
                prop_assert_eq!(s.segments.len(), 1);
                return Ok(());
            }
            let (mut s1, mut s2) = (vec![0.0], vec![0.0]);
            for v in &y { s1.push(s1.last().unwrap() + v); s2.push(s2.last().unwrap() + v * v); }
            let brute = all_segmentations(y.len(), m)
                .into_iter()
                .map(|ends| {
                    let mut start = 0;
                    let mut cost = pen * (ends.len() as f64 - 1.0);
                    for &e in &ends { cost += sse(&s1, &s2, start, e); start = e; }
                    cost
                })
                .fold(f64::INFINITY, f64::min);
            prop_assert!((s.objective - brute).abs() < 1e-9, "dp {} brute {}", s.objective, brute);
            prop_assert!(s.segments.iter().all(|g| g.end - g.start >= m));
        }

        /// Shifting the series moves the means, never the breaks.
        #[test]
        fn breaks_are_shift_invariant(y in proptest::collection::vec(-5.0f64..5.0, 6..30), c in -100.0f64..100.0) {
            let shifted: Vec<f64> = y.iter().map(|v| v + c).collect();
            let opts = ChangePointOptions::default();
            prop_assert_eq!(segment_means(&y, &opts).breaks(), segment_means(&shifted, &opts).breaks());
        }
    }
}

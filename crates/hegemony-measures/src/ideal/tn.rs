//! Moments of a truncated standard normal, computed without cancellation.
//!
//! The E-step of the probit EM needs E[z | l < z < u] (and, for the ordinal
//! model's variance update, Var[z | l < z < u]) for z ~ N(0, 1), often far in a
//! tail: a lopsided vote (99 yes, 1 no) puts the lone "no" 3–40 standard
//! deviations out. The textbook φ(l)/(1 − Φ(l)) is 0/0 there (both underflow
//! near l ≈ 38, and 1 − Φ(l) loses every digit long before). Everything here
//! goes through the scaled complementary error function
//! erfcx(x) = exp(x²)·erfc(x), which stays of order 1/x, so no ratio of two
//! tiny numbers is ever formed.
//!
//! erfcx on [0, 8) comes from a table of exact values and exact derivatives
//! (erfcx′ = 2x·erfcx − 2/√π) with cubic Hermite interpolation, step 1/128:
//! interpolation error below 1e-10 relative, and a lookup costs a few
//! multiplications (the E-step calls this once per vote per iteration). The
//! table itself is built once from a power series (x < 2) and Laplace's
//! continued fraction (x ≥ 2). Beyond the table, the continued fraction of
//! the Mills ratio is evaluated directly.

use std::sync::OnceLock;

const FRAC_2_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;
/// √(2/π) = 2φ(0).
const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;
/// 1/√(2π) = φ(0).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
const FRAC_1_SQRT_2: f64 = std::f64::consts::FRAC_1_SQRT_2;

const TABLE_STEP_INV: f64 = 128.0;
const TABLE_END: f64 = 8.0;
const TABLE_LEN: usize = 8 * 128 + 1;
/// From here on (t in standard-normal units) the Mills-ratio continued
/// fraction is used: it converges in a few dozen terms this far out, and it
/// gives the variance without the cancellation of 1 − λ(λ − t).
const CF_FROM: f64 = 11.0;
const CF_DEPTH: usize = 48;

/// erfcx by its power series: exp(x²) − (2/√π) Σ 2ⁿ x^(2n+1) / (2n+1)!!.
/// All terms are positive; accurate to ~1e-13 for x < 2 (the subtraction
/// loses at most log10(exp(4)/erfcx(2)) ≈ 2.3 digits).
fn erfcx_series(x: f64) -> f64 {
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term > 1e-18 * sum {
        term *= 2.0 * x * x / (2.0 * n + 3.0);
        sum += term;
        n += 1.0;
    }
    (x * x).exp() - FRAC_2_SQRT_PI * sum
}

/// erfcx by Laplace's continued fraction
/// 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
fn erfcx_cf(x: f64, depth: usize) -> f64 {
    let mut t = x;
    for k in (1..=depth).rev() {
        t = x + (k as f64 / 2.0) / t;
    }
    1.0 / (std::f64::consts::PI.sqrt() * t)
}

/// Slow reference erfcx for x ≥ 0 (table construction and tests).
fn erfcx_reference(x: f64) -> f64 {
    if x < 2.0 { erfcx_series(x) } else { erfcx_cf(x, 4000) }
}

fn table() -> &'static [(f64, f64)] {
    static TABLE: OnceLock<Vec<(f64, f64)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABLE_LEN)
            .map(|j| {
                let x = j as f64 / TABLE_STEP_INV;
                let f = erfcx_reference(x);
                (f, 2.0 * x * f - FRAC_2_SQRT_PI)
            })
            .collect()
    })
}

/// erfcx(x) = exp(x²)·erfc(x) for x ≥ 0.
pub(crate) fn erfcx(x: f64) -> f64 {
    debug_assert!(x >= 0.0);
    if x >= TABLE_END {
        return erfcx_cf(x, CF_DEPTH);
    }
    let t = table();
    let pos = x * TABLE_STEP_INV;
    let j = (pos as usize).min(TABLE_LEN - 2);
    let s = pos - j as f64;
    let h = 1.0 / TABLE_STEP_INV;
    let (f0, d0) = t[j];
    let (f1, d1) = t[j + 1];
    // Cubic Hermite basis on [0, 1].
    let s2 = s * s;
    let s3 = s2 * s;
    let h00 = 2.0 * s3 - 3.0 * s2 + 1.0;
    let h10 = s3 - 2.0 * s2 + s;
    let h01 = -2.0 * s3 + 3.0 * s2;
    let h11 = s3 - s2;
    h00 * f0 + h10 * h * d0 + h01 * f1 + h11 * h * d1
}

/// Standard normal density.
#[cfg(test)]
fn phi(t: f64) -> f64 {
    FRAC_1_SQRT_2PI * (-0.5 * t * t).exp()
}

/// Below this t, Q(−t) = 1 − Φ(t) is under 1e-17 (Q(8.5) ≈ 9.5e-18), so
/// Φ(t) = 1 to double precision and λ(t) = φ(t)/Φ(t) is just φ(t).
const NEG_FAR: f64 = -8.5;
/// Below this t, φ(t) underflows (φ(38.6) ≈ 1e-324).
const NEG_UNDERFLOW: f64 = -38.6;
/// ln √(2π).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// For t < 0: the inverse Mills ratio λ(t) = φ(t)/(1 − Q(−t)) and Q(−t),
/// from one exponential (φ(t) and Q(−t) = φ(t)·√(π/2)·erfcx(−t/√2) share it).
/// This is the branch of every vote on the side its item predicts (most
/// votes), so it skips erfcx altogether where Q(−t) is below rounding.
#[inline]
fn lower_branch(t: f64) -> (f64, f64) {
    if t <= NEG_UNDERFLOW {
        return (0.0, 0.0);
    }
    let e = (-0.5 * t * t).exp();
    let density = FRAC_1_SQRT_2PI * e;
    if t <= NEG_FAR {
        // Q(−t) ≈ φ(t)/|t|·(1 − 1/t² + 3/t⁴) (relative error 15/t⁶ < 5e-5):
        // below 1e-17, it only matters for ln Φ(t).
        let r = 1.0 / (t * t);
        return (density, density / -t * (1.0 - r + 3.0 * r * r));
    }
    let q = 0.5 * erfcx(-t * FRAC_1_SQRT_2) * e;
    (density / (1.0 - q), q)
}

/// Mean and variance of z ~ N(0, 1) truncated to [t, ∞).
///
/// The mean is the inverse Mills ratio λ(t) = φ(t)/Q(t); the variance is
/// 1 − λ(λ − t). Both are finite for every finite t: as t → −∞ they tend to
/// (0, 1), as t → +∞ to (t + 1/t, 1/t²).
#[inline]
pub(crate) fn upper_tail(t: f64) -> (f64, f64) {
    if t >= CF_FROM {
        // Mills ratio R = Q/φ = 1/B₀, B_j = t + (j+1)/B_{j+1}: then
        // λ = B₀ = t + δ with δ = 1/B₁, B₁ = t + c, c = 2/B₂, and
        // 1 − λ(λ − t) = δ(c − δ) exactly, with no cancellation.
        let mut b = t;
        for j in (2..CF_DEPTH).rev() {
            b = t + (j + 1) as f64 / b;
        }
        let c = 2.0 / b;
        let delta = 1.0 / (t + c);
        return (t + delta, (delta * (c - delta)).clamp(0.0, 1.0));
    }
    let lambda = if t >= 0.0 {
        SQRT_2_OVER_PI / erfcx(t * FRAC_1_SQRT_2)
    } else {
        // Φ(t) ≥ 1/2 here, so dividing by it is harmless; for t ≪ 0 the
        // density underflows to 0 and λ → 0 as it should.
        lower_branch(t).0
    };
    (lambda, (1.0 - lambda * (lambda - t)).clamp(0.0, 1.0))
}

/// [`upper_tail`] and ln Q(t), the log probability of the tail, together
/// (the E-step needs the moments and the EM's objective needs the log
/// probability of the same vote: computing both at once saves a pass).
#[inline]
pub(crate) fn upper_tail_lp(t: f64) -> (f64, f64, f64) {
    if t >= 0.0 {
        let (m, v) = upper_tail(t);
        // Q(t) = φ(t)/λ(t).
        (m, v, -0.5 * t * t - LN_SQRT_2PI - m.ln())
    } else {
        let (lambda, q) = lower_branch(t);
        // ln(1 − q) with q ≤ 1/2: for q < 1e-3 three terms of the series
        // (truncation error below q⁴/4 < 2.5e-13), else ln of 1 − q, which
        // is exact to 1.1e-16 absolute, so relative error below 1.2e-13 —
        // both far cheaper than log1p (a sixth of the sweep's time).
        let ln_phi = if t <= NEG_FAR {
            -q
        } else if q < 1e-3 {
            -q * (1.0 + q * (0.5 + q / 3.0))
        } else {
            (1.0 - q).ln()
        };
        (lambda, (1.0 - lambda * (lambda - t)).clamp(0.0, 1.0), ln_phi)
    }
}

/// Mean and variance of z ~ N(0, 1) truncated to [l, u] (l < u; either may be
/// infinite). Never NaN for l < u.
#[cfg(test)]
pub(crate) fn interval(l: f64, u: f64) -> (f64, f64) {
    let (m, v, _) = interval_lp(l, u);
    (m, v)
}

/// Mean, variance and ln(Φ(u) − Φ(l)) of z ~ N(0, 1) truncated to [l, u]
/// (l < u; either may be infinite). Never NaN for l < u. The log
/// probability is formed without the subtraction of two tiny or two near-1
/// numbers.
pub(crate) fn interval_lp(l: f64, u: f64) -> (f64, f64, f64) {
    debug_assert!(l < u, "empty interval [{l}, {u}]");
    if u == f64::INFINITY {
        return upper_tail_lp(l);
    }
    if l == f64::NEG_INFINITY {
        let (m, v, lp) = upper_tail_lp(-u);
        return (-m, v, lp);
    }
    let w = u - l;
    let c = 0.5 * (l + u);
    if w * (1.0 + c.abs()) < 1e-4 {
        // A sliver: the density is nearly exp(−c·s) across it, so the mean
        // moves from the midpoint by −c·w²/12 and the variance is w²/12
        // (uniform), to O((c·w)²). Avoids 0/0 as w → 0.
        return (c - c * w * w / 12.0, w * w / 12.0, w.ln() - 0.5 * c * c - LN_SQRT_2PI);
    }
    if u <= 0.0 {
        let (m, v, lp) = interval_lp(-u, -l);
        return (-m, v, lp);
    }
    let (m, v, lp) = if l >= 0.0 {
        // Both ends in the upper tail: divide through by φ(l) and write
        // Q(t) = φ(t)R(t) with Mills ratios R = 1/λ, so that with
        // D = φ(u)/φ(l) = exp(−w(u+l)/2):
        //   m = (1 − D)/(R(l) − D·R(u)),
        //   v = 1 + (l − u·D)/(R(l) − D·R(u)) − m²,
        //   Φ(u) − Φ(l) = φ(l)·(R(l) − D·R(u)).
        let rl = 1.0 / upper_tail(l).0;
        let ru = 1.0 / upper_tail(u).0;
        let e = -0.5 * w * (u + l);
        let d = e.exp();
        let den = rl - d * ru;
        let m = -e.exp_m1() / den;
        (m, 1.0 + (l - u * d) / den - m * m, -0.5 * l * l - LN_SQRT_2PI + den.ln())
    } else {
        // l < 0 < u: the mass Φ(u) − Φ(l) = 1 − Q(u) − Q(−l) is at least
        // that of a sliver around 0, which the branch above already took.
        let (eu, el) = ((-0.5 * u * u).exp(), (-0.5 * l * l).exp());
        let (qu, ql) = (0.5 * erfcx(u * FRAC_1_SQRT_2) * eu, 0.5 * erfcx(-l * FRAC_1_SQRT_2) * el);
        let z = 1.0 - qu - ql;
        let (pl, pu) = (FRAC_1_SQRT_2PI * el, FRAC_1_SQRT_2PI * eu);
        let m = (pl - pu) / z;
        (m, 1.0 + (l * pl - u * pu) / z - m * m, (-qu - ql).ln_1p())
    };
    (m.clamp(l, u), v.clamp(0.0, (w * w / 4.0).min(1.0)), lp)
}

/// ln(Φ(u) − Φ(l)) for z ~ N(0, 1), l < u (either may be infinite): the log
/// probability of a vote, for the EM's objective.
#[cfg(test)]
pub(crate) fn log_prob(l: f64, u: f64) -> f64 {
    interval_lp(l, u).2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn erfcx_matches_known_values() {
        // erfc(1) = 0.157299207050285130658…, erfcx(1) = e·erfc(1).
        let e1 = std::f64::consts::E * 0.157_299_207_050_285_13;
        assert!(close(erfcx(1.0), e1, 1e-12), "{}", erfcx(1.0));
        // erfc(0.5) = 0.479500122186953462…
        assert!(close(erfcx(0.5), 0.25f64.exp() * 0.479_500_122_186_953_5, 1e-12));
        assert!(close(erfcx(0.0), 1.0, 1e-15));
        // Asymptotically erfcx(x) ≈ 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴)).
        let x = 100.0;
        let asym = 1.0 / (x * std::f64::consts::PI.sqrt()) * (1.0 - 0.5 / (x * x) + 0.75 / x.powi(4));
        assert!(close(erfcx(x), asym, 1e-10));
    }

    #[test]
    fn series_and_continued_fraction_agree_where_both_work() {
        for i in 0..=40 {
            let x = 1.5 + i as f64 * 0.025;
            assert!(close(erfcx_series(x), erfcx_cf(x, 4000), 1e-11), "x = {x}");
        }
    }

    #[test]
    fn table_interpolation_is_accurate_between_nodes() {
        for i in 0..2000 {
            let x = i as f64 * 0.003_999_7;
            assert!(close(erfcx(x), erfcx_reference(x), 2e-10), "x = {x}: {} vs {}", erfcx(x), erfcx_reference(x));
        }
        // Continuity at the table's end (CF with the shipped depth).
        assert!(close(erfcx_cf(7.999, CF_DEPTH), erfcx(7.999), 1e-10));
    }

    #[test]
    fn half_normal_moments() {
        // E[z | z > 0] = √(2/π); Var = 1 − 2/π.
        let (m, v) = upper_tail(0.0);
        assert!(close(m, (2.0 / std::f64::consts::PI).sqrt(), 1e-12));
        assert!(close(v, 1.0 - 2.0 / std::f64::consts::PI, 1e-11));
        let (m, v) = interval(f64::NEG_INFINITY, 0.0);
        assert!(close(m, -(2.0 / std::f64::consts::PI).sqrt(), 1e-12));
        assert!(close(v, 1.0 - 2.0 / std::f64::consts::PI, 1e-11));
    }

    #[test]
    fn mills_ratio_at_one() {
        // λ(1) = φ(1)/Q(1) = 0.241970724519143 / 0.158655253931457 = 1.525135276160981.
        let (m, _) = upper_tail(1.0);
        assert!(close(m, 1.525_135_276_160_981, 1e-10), "{m}");
        // λ(−1) = φ(1)/Φ(1) = 0.241970724519143 / 0.841344746068543 = 0.287599970939...
        let (m, _) = upper_tail(-1.0);
        assert!(close(m, 0.241_970_724_519_143 / 0.841_344_746_068_543, 1e-10), "{m}");
    }

    #[test]
    fn extreme_tails_are_finite_and_asymptotic() {
        for t in [5.0, 10.9, 11.0, 20.0, 40.0, 1e3, 1e8] {
            let (m, v) = upper_tail(t);
            // λ(t) = t + 1/t − 2/t³ + O(t⁻⁵); Var = 1/t² − 6/t⁴ + O(t⁻⁶).
            let m_asym = t + 1.0 / t - 2.0 / t.powi(3) + 10.0 / t.powi(5);
            assert!(m.is_finite() && v.is_finite());
            assert!((m - m_asym).abs() < 80.0 / t.powi(7), "t = {t}: {m} vs {m_asym}");
            if t >= 20.0 {
                let v_asym = 1.0 / (t * t) - 6.0 / t.powi(4);
                assert!(close(v, v_asym, 1e-3), "t = {t}: {v} vs {v_asym}");
            }
        }
        for t in [-40.0, -1e3, -1e300] {
            let (m, v) = upper_tail(t);
            assert!((0.0..1e-300).contains(&m) && (v - 1.0).abs() < 1e-12, "{t}: {m} {v}");
        }
        // The lower tail at −40 by symmetry.
        let (m, v) = interval(f64::NEG_INFINITY, -40.0);
        assert!((m + 40.025).abs() < 1e-3 && v > 0.0 && v < 1e-3);
    }

    #[test]
    fn continued_fraction_meets_table_at_the_switch() {
        // Just below CF_FROM the table path is used, at CF_FROM the fraction.
        let below = upper_tail(CF_FROM - 1e-9);
        let at = upper_tail(CF_FROM);
        assert!((below.0 - at.0).abs() < 1e-8);
        assert!((below.1 - at.1).abs() < 1e-6 * at.1.max(1e-3));
    }

    #[test]
    fn intervals_match_direct_formula_where_that_is_safe() {
        // Direct (φ(l) − φ(u))/(Φ(u) − Φ(l)) with Φ from the reference erfcx.
        let cdf = |t: f64| {
            if t >= 0.0 {
                1.0 - 0.5 * erfcx_reference(t * FRAC_1_SQRT_2) * (-0.5 * t * t).exp()
            } else {
                0.5 * erfcx_reference(-t * FRAC_1_SQRT_2) * (-0.5 * t * t).exp()
            }
        };
        for &(l, u) in &[(-1.0, 1.0), (0.2, 0.9), (-2.0, -0.5), (0.5, 3.0), (-0.3, 2.5), (1.0, 1.5)] {
            let z = cdf(u) - cdf(l);
            let m_direct = (phi(l) - phi(u)) / z;
            let v_direct = 1.0 + (l * phi(l) - u * phi(u)) / z - m_direct * m_direct;
            let (m, v) = interval(l, u);
            assert!((m - m_direct).abs() < 1e-9, "[{l}, {u}]: {m} vs {m_direct}");
            assert!((v - v_direct).abs() < 1e-8, "[{l}, {u}]: {v} vs {v_direct}");
        }
        // Symmetric interval: mean exactly 0.
        assert_eq!(interval(-1.0, 1.0).0, 0.0);
    }

    #[test]
    fn far_tail_intervals_are_finite() {
        // Both ends 30–40 sd out: the mass is ~1e-197 but the mean sits just
        // above l (the density falls by e^{−30·s}); never 0/0.
        let (m, v) = interval(30.0, 40.0);
        assert!(m > 30.0 && m < 30.04 && v > 0.0 && v < 0.01, "{m} {v}");
        let (m, v) = interval(-40.0, -30.0);
        assert!(m < -30.0 && m > -30.04 && v > 0.0, "{m} {v}");
        // A sliver: midpoint.
        let (m, v) = interval(5.0, 5.0 + 1e-9);
        assert!((m - 5.0).abs() < 1e-8 && v < 1e-17);
        // Widths near the sliver switch agree on both sides.
        let a = interval(2.0, 2.0 + 3.3e-5);
        let b = interval(2.0, 2.0 + 3.4e-5);
        assert!((a.0 - b.0).abs() < 1e-6);
    }

    #[test]
    fn lower_branch_is_continuous_where_it_drops_erfcx() {
        // Either side of NEG_FAR: λ(t) = φ(t)/Φ(t) and ln Φ(t) ≈ −Q(−t).
        let (a, b) = (upper_tail_lp(NEG_FAR + 1e-9), upper_tail_lp(NEG_FAR - 1e-9));
        // (λ moves by |t|·2e-9 relatively across the gap; the tail series is good to 15/t⁶.)
        assert!((a.0 - b.0).abs() < 1e-7 * a.0 && (a.2 - b.2).abs() < 5e-5 * a.2.abs());
        // Q(8.5) = 9.47953e-18, so ln Q(−8.5) = ln(1 − Q(8.5)) ≈ −9.4795e-18.
        assert!((upper_tail_lp(-8.5).2 + 9.479_5e-18).abs() < 1e-3 * 9.48e-18, "{}", upper_tail_lp(-8.5).2);
        // And at −3, the exact ln Φ(3) = ln(1 − 0.0013498980316301).
        assert!((upper_tail_lp(-3.0).2 - (-0.001_349_898_031_630_1f64).ln_1p()).abs() < 1e-12);
        let (m, v, lp) = upper_tail_lp(-40.0);
        assert!(m == 0.0 && v == 1.0 && lp == 0.0);
    }

    #[test]
    fn log_probabilities() {
        // ln Φ(0) = ln 1/2; ln(Φ(1) − Φ(−1)) = ln 0.682689492137086.
        assert!((log_prob(f64::NEG_INFINITY, 0.0) - 0.5f64.ln()).abs() < 1e-12);
        assert!((log_prob(-1.0, 1.0) - 0.682_689_492_137_086f64.ln()).abs() < 1e-10);
        assert!((log_prob(1.0, f64::INFINITY) - 0.158_655_253_931_457f64.ln()).abs() < 1e-10);
        // ln Q(40) ≈ −40²/2 − ln(40·√(2π)) − 1/40² (Mills ratio ≈ (1 − 1/t²)/t).
        let asym = -800.0 - (40.0 * (2.0 * std::f64::consts::PI).sqrt()).ln() - 1.0 / 1600.0;
        assert!((log_prob(40.0, f64::INFINITY) - asym).abs() < 1e-5);
        assert!(log_prob(-1e6, 1e6).abs() < 1e-15);
        assert!(log_prob(30.0, 40.0).is_finite() && log_prob(-40.0, -30.0).is_finite());
        assert!((log_prob(30.0, 40.0) - log_prob(30.0, f64::INFINITY)).abs() < 1e-12);
    }
}

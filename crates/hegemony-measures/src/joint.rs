//! The joint contingency table of two states' votes, and every agreement
//! score derived from it.
//!
//! All scores of `docs/methods.md` §2–4 are functions of this 3×3 table, so
//! the table is what gets stored and shown (`--explain`): any score can be
//! recomputed from it by hand.

use hegemony_core::Vote;
use serde::Serialize;

/// Counts of roll calls on which the first state voted `a` and the second `b`
/// (`counts[a][b]`, indices yes = 0, abstain = 1, no = 2); only roll calls on
/// which both cast a vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct JointTable {
    /// `counts[a][b]`.
    pub counts: [[u32; 3]; 3],
}

/// Disagreement weights for the chance-corrected scores.
///
/// Only the ratio of observed to expected disagreement matters, so integer
/// weights proportional to δ(a, b) give the exact scores: nominal 1 off the
/// diagonal, linear |a − b|, quadratic (a − b)² (∝ ((a − b)/2)²).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weights {
    /// 1 for any disagreement.
    Nominal,
    /// |a − b|: yes–no counts twice yes–abstain.
    Linear,
    /// (a − b)²: yes–no counts four times yes–abstain.
    Quadratic,
}

impl Weights {
    fn of(self, a: usize, b: usize) -> u64 {
        let d = a.abs_diff(b) as u64;
        match self {
            Weights::Nominal => u64::from(d != 0),
            Weights::Linear => d,
            Weights::Quadratic => d * d,
        }
    }
}

impl JointTable {
    /// Counts one roll call on which the first voted `a` and the second `b`.
    pub fn add(&mut self, a: Vote, b: Vote) {
        self.counts[a.index()][b.index()] += 1;
    }

    /// The same table seen from the second state.
    pub fn transposed(&self) -> JointTable {
        let mut t = JointTable::default();
        for a in 0..3 {
            for b in 0..3 {
                t.counts[b][a] = self.counts[a][b];
            }
        }
        t
    }

    /// Joint votes N.
    pub fn n(&self) -> u64 {
        self.counts.iter().flatten().map(|&c| u64::from(c)).sum()
    }

    /// Roll calls on which both cast the same vote.
    pub fn n_same(&self) -> u64 {
        (0..3).map(|a| u64::from(self.counts[a][a])).sum()
    }

    /// Σ |v₁ − v₂| over joint votes.
    pub fn sum_abs(&self) -> u64 {
        self.weighted(Weights::Linear)
    }

    /// Σ (v₁ − v₂)² over joint votes.
    pub fn sum_sq(&self) -> u64 {
        self.weighted(Weights::Quadratic)
    }

    fn weighted(&self, w: Weights) -> u64 {
        let mut s = 0;
        for a in 0..3 {
            for b in 0..3 {
                s += w.of(a, b) * u64::from(self.counts[a][b]);
            }
        }
        s
    }

    /// The first state's votes by category (yes, abstain, no).
    pub fn marginal_first(&self) -> [u64; 3] {
        std::array::from_fn(|a| self.counts[a].iter().map(|&c| u64::from(c)).sum())
    }

    /// The second state's votes by category (yes, abstain, no).
    pub fn marginal_second(&self) -> [u64; 3] {
        std::array::from_fn(|b| (0..3).map(|a| u64::from(self.counts[a][b])).sum())
    }

    fn ratio(num: f64, den: f64) -> Option<f64> {
        (den != 0.0).then(|| num / den)
    }

    /// Share of identical votes (yes/yes, abstain/abstain, no/no) — the
    /// measure behind Voeten's published `…Agree` columns.
    pub fn identical(&self) -> Option<f64> {
        Self::ratio(self.n_same() as f64, self.n() as f64)
    }

    /// Lijphart's index: 1 for the same vote, ½ when one abstains, 0 for opposite votes.
    pub fn agree(&self) -> Option<f64> {
        Self::ratio(self.sum_abs() as f64, 2.0 * self.n() as f64).map(|d| 1.0 - d)
    }

    /// Signorino–Ritter S with absolute distances and a fixed range of 2: 1 − Σ|d| / N.
    pub fn s_abs(&self) -> Option<f64> {
        Self::ratio(self.sum_abs() as f64, self.n() as f64).map(|d| 1.0 - d)
    }

    /// Signorino–Ritter S with squared distances and a fixed range of 2: 1 − Σd² / (2N).
    pub fn s_sq(&self) -> Option<f64> {
        Self::ratio(self.sum_sq() as f64, 2.0 * self.n() as f64).map(|d| 1.0 - d)
    }

    /// Cohen's weighted kappa: 1 − D_o / D_e with each state's own marginals.
    /// `None` when the expected disagreement is zero (both states always cast
    /// the same single vote): chance correction is undefined there.
    pub fn kappa(&self, w: Weights) -> Option<f64> {
        let expected = cross_weighted(w, &self.marginal_first(), &self.marginal_second());
        // D_o / D_e = (Σ w c / N) / (Σ w m₁ m₂ / N²).
        Self::ratio(self.n() as f64 * self.weighted(w) as f64, expected as f64).map(|r| 1.0 - r)
    }

    /// Scott's pi: like kappa, with the pooled marginal (m₁ + m₂) / 2N for both states.
    pub fn pi(&self, w: Weights) -> Option<f64> {
        let (m1, m2) = (self.marginal_first(), self.marginal_second());
        let pooled: [u64; 3] = std::array::from_fn(|a| m1[a] + m2[a]);
        let expected = cross_weighted(w, &pooled, &pooled);
        // D_o / D_e = (Σ w c / N) / (Σ w M M / 4N²).
        Self::ratio(4.0 * self.n() as f64 * self.weighted(w) as f64, expected as f64).map(|r| 1.0 - r)
    }
}

/// Σ_ab w(a, b) p_a q_b: expected disagreement (up to scale) of independent marginals.
fn cross_weighted(w: Weights, p: &[u64; 3], q: &[u64; 3]) -> u64 {
    let mut sum = 0;
    for (a, &pa) in p.iter().enumerate() {
        for (b, &qb) in q.iter().enumerate() {
            sum += w.of(a, b) * pa * qb;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;
    use Vote::*;
    use proptest::prelude::*;

    fn table(pairs: &[(Vote, Vote)]) -> JointTable {
        let mut t = JointTable::default();
        for &(a, b) in pairs {
            t.add(a, b);
        }
        t
    }

    /// Five roll calls, worked out on paper:
    /// A: yes yes no  abstain yes
    /// B: yes no  no  yes     abstain
    /// same on 2 of 5; |d| = 0,2,0,1,1 → Σ|d| = 4, Σd² = 6.
    /// marginals A: yes 3, abstain 1, no 1; B: yes 2, abstain 1, no 2.
    #[test]
    fn hand_computed_example() {
        let t = table(&[(Yes, Yes), (Yes, No), (No, No), (Abstain, Yes), (Yes, Abstain)]);
        assert_eq!(t.n(), 5);
        assert_eq!(t.n_same(), 2);
        assert_eq!(t.sum_abs(), 4);
        assert_eq!(t.sum_sq(), 6);
        assert_eq!(t.marginal_first(), [3, 1, 1]);
        assert_eq!(t.marginal_second(), [2, 1, 2]);
        let close = |x: Option<f64>, y: f64| (x.unwrap() - y).abs() < 1e-12;
        assert!(close(t.identical(), 0.4));
        assert!(close(t.agree(), 1.0 - 4.0 / 10.0)); // 0.6
        assert!(close(t.s_abs(), 1.0 - 4.0 / 5.0)); // 0.2
        assert!(close(t.s_sq(), 1.0 - 6.0 / 10.0)); // 0.4
        // Nominal kappa: p_o = 0.4, p_e = (3·2 + 1·1 + 1·2)/25 = 9/25; κ = (0.4 − 0.36)/(0.64) = 0.0625.
        assert!(close(t.kappa(Weights::Nominal), 0.0625));
        // Nominal pi: pooled = (5, 2, 3)/10, p_e = 0.25 + 0.04 + 0.09 = 0.38; π = 0.02/0.62.
        assert!(close(t.pi(Weights::Nominal), 0.02 / 0.62));
        // Quadratic kappa: D_o = Σ((a−b)/2)² c / N = (6/4)/5 = 0.3;
        // D_e = Σ ((a−b)/2)² p1 p2 = [1/4 (3·1 + 1·2 + 1·1 + 1·2) + 1 (3·2 + 1·2)]/25 = (2 + 8)/25 = 0.4
        // κ = 1 − 0.3/0.4 = 0.25.
        assert!(close(t.kappa(Weights::Quadratic), 0.25));
        // Quadratic pi: pooled p = (0.5, 0.2, 0.3); D_e = 1/4·2(0.5·0.2 + 0.2·0.3) + 1·2(0.5·0.3) = 0.08 + 0.3 = 0.38.
        assert!(close(t.pi(Weights::Quadratic), 1.0 - 0.3 / 0.38));
    }

    #[test]
    fn empty_and_degenerate_tables_have_no_scores() {
        let empty = JointTable::default();
        assert_eq!(empty.identical(), None);
        assert_eq!(empty.kappa(Weights::Quadratic), None);
        // Both always vote yes: perfect observed agreement, no chance correction possible.
        let unanimous = table(&[(Yes, Yes), (Yes, Yes)]);
        assert_eq!(unanimous.identical(), Some(1.0));
        assert_eq!(unanimous.kappa(Weights::Nominal), None);
        assert_eq!(unanimous.pi(Weights::Quadratic), None);
    }

    #[test]
    fn opposite_voters_score_minimum() {
        let t = table(&[(Yes, No), (No, Yes), (Yes, No)]);
        assert_eq!(t.identical(), Some(0.0));
        assert_eq!(t.agree(), Some(0.0));
        assert_eq!(t.s_abs(), Some(-1.0));
        assert_eq!(t.s_sq(), Some(-1.0));
    }

    fn arb_table() -> impl Strategy<Value = JointTable> {
        proptest::array::uniform3(proptest::array::uniform3(0u32..50)).prop_map(|counts| JointTable { counts })
    }

    proptest! {
        #[test]
        fn scores_are_bounded_and_symmetric(t in arb_table()) {
            let tt = t.transposed();
            for (x, y) in [(t.identical(), tt.identical()), (t.agree(), tt.agree()), (t.s_abs(), tt.s_abs()),
                           (t.s_sq(), tt.s_sq())] {
                prop_assert_eq!(x, y);
            }
            if let Some(v) = t.identical() { prop_assert!((0.0..=1.0).contains(&v)); }
            if let Some(v) = t.agree() { prop_assert!((0.0..=1.0).contains(&v)); }
            if let Some(v) = t.s_abs() { prop_assert!((-1.0..=1.0).contains(&v)); }
            if let Some(v) = t.s_sq() { prop_assert!((-1.0..=1.0).contains(&v)); }
            for w in [Weights::Nominal, Weights::Linear, Weights::Quadratic] {
                match (t.kappa(w), tt.kappa(w)) {
                    (Some(a), Some(b)) => { prop_assert!((a - b).abs() < 1e-12); prop_assert!(a <= 1.0 + 1e-12); }
                    (a, b) => prop_assert_eq!(a, b),
                }
                match (t.pi(w), tt.pi(w)) {
                    (Some(a), Some(b)) => { prop_assert!((a - b).abs() < 1e-12); prop_assert!(a <= 1.0 + 1e-12); }
                    (a, b) => prop_assert_eq!(a, b),
                }
            }
            // agree = (S_abs + 1) / 2 on three ordered categories (methods.md §2).
            if let (Some(a), Some(s)) = (t.agree(), t.s_abs()) { prop_assert!((a - (s + 1.0) / 2.0).abs() < 1e-12); }
        }

        #[test]
        fn self_agreement_is_perfect(m in proptest::array::uniform3(0u32..50)) {
            let mut t = JointTable::default();
            for (a, &count) in m.iter().enumerate() { t.counts[a][a] = count; }
            if t.n() > 0 {
                prop_assert_eq!(t.identical(), Some(1.0));
                prop_assert_eq!(t.s_sq(), Some(1.0));
                for w in [Weights::Nominal, Weights::Quadratic] {
                    if let Some(k) = t.kappa(w) { prop_assert!((k - 1.0).abs() < 1e-12); }
                    if let Some(p) = t.pi(w) { prop_assert!((p - 1.0).abs() < 1e-12); }
                }
            }
        }
    }
}

//! A small seeded generator for the parametric bootstrap and simulations.
//!
//! `hegemony-measures` is a pure crate (run-time dependencies: `hegemony-core`
//! and `serde` only), so instead of `rand` it carries SplitMix64 (Steele,
//! Lea & Flood 2014; passes BigCrush), which is ample for simulating vote
//! matrices, and Box–Muller normals. Streams are derived from
//! (seed, period, replicate) by hashing, so a replicate's draws never depend
//! on which thread runs it or in which order.

/// SplitMix64: a 64-bit state advanced by the golden-ratio increment and
/// scrambled on output.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
    spare: Option<f64>,
}

/// The SplitMix64 output function, also used to hash seeds together.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl SplitMix64 {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed, spare: None }
    }

    /// The generator for one (seed, period, replicate): each part is mixed in
    /// turn, so nearby seeds and periods give unrelated streams.
    pub fn for_stream(seed: u64, period: i64, replicate: u64) -> Self {
        let h = mix64(mix64(mix64(seed) ^ period as u64) ^ replicate.wrapping_add(0x9e37_79b9_7f4a_7c15));
        SplitMix64::new(h)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix64(self.state)
    }

    /// Uniform on (0, 1]: never 0, so its logarithm is finite.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Standard normal by Box–Muller (the second value of each pair is kept).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let r = (-2.0 * self.uniform().ln()).sqrt();
        let a = std::f64::consts::TAU * self.uniform();
        self.spare = Some(r * a.sin());
        r * a.cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_first_output_and_reproducible() {
        // Reference value of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        assert_eq!(SplitMix64::new(0).next_u64(), 0xe220_a839_7b1d_cdaf);
        let a: Vec<f64> = (0..5)
            .map({
                let mut g = SplitMix64::for_stream(7, 74, 3);
                move |_| g.normal()
            })
            .collect();
        let b: Vec<f64> = (0..5)
            .map({
                let mut g = SplitMix64::for_stream(7, 74, 3);
                move |_| g.normal()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(SplitMix64::for_stream(7, 74, 3).next_u64(), SplitMix64::for_stream(7, 74, 4).next_u64());
    }

    #[test]
    fn normals_have_unit_moments() {
        let mut g = SplitMix64::new(42);
        let n = 200_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let z = g.normal();
            s += z;
            s2 += z * z;
        }
        let mean = s / n as f64;
        let var = s2 / n as f64 - mean * mean;
        // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance.
        assert!(mean.abs() < 0.01 && (var - 1.0).abs() < 0.015, "{mean} {var}");
    }
}

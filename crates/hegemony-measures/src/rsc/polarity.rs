//! The distribution of power inside a complex: capability shares, the
//! Ray–Singer concentration index and the number of poles.
//!
//! ```text
//! s_i = cinc_i / Σ_j cinc_j                      (members with a CINC)
//! CON = sqrt( (Σ s_i² − 1/n) / (1 − 1/n) )        (Ray & Singer 1973; 0 equal, 1 one holds all)
//! N_eff = 1 / Σ s_i²                              (the equivalent number of equal powers)
//! ```
//!
//! A *pole* holds at least `pole_share` of the complex's capabilities and at
//! least half the share of the strongest member (where no member reaches
//! `pole_share`, half the strongest share alone); one pole is unipolar, two
//! bipolar, three or more multipolar. The thresholds are our choice: Buzan &
//! Wæver classify polarity by judgement, not by a number.

use serde::Serialize;

/// The polarity of a group of states.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Polarity {
    /// (node, share of the group's capabilities), largest first; members
    /// without a CINC are left out here and listed in `missing`.
    pub shares: Vec<(usize, f64)>,
    /// Members without a CINC that year (not counted as zero).
    pub missing: Vec<usize>,
    /// The Ray–Singer concentration; `None` with fewer than two shares.
    pub concentration: Option<f64>,
    /// 1 / Σ share²; `None` without shares.
    pub effective_powers: Option<f64>,
    /// The poles, strongest first.
    pub poles: Vec<usize>,
    /// `unipolar`, `bipolar`, `multipolar`, or `unknown` without shares.
    pub kind: &'static str,
}

/// The polarity of `members` whose capabilities are `cinc[member]`.
pub fn polarity(members: &[usize], cinc: &[Option<f64>], pole_share: f64) -> Polarity {
    let known: Vec<(usize, f64)> =
        members.iter().filter_map(|&m| cinc[m].filter(|c| c.is_finite() && *c >= 0.0).map(|c| (m, c))).collect();
    let missing: Vec<usize> = members.iter().copied().filter(|m| !known.iter().any(|(k, _)| k == m)).collect();
    let total: f64 = known.iter().map(|(_, c)| c).sum();
    if total <= 0.0 {
        return Polarity {
            shares: vec![],
            missing,
            concentration: None,
            effective_powers: None,
            poles: vec![],
            kind: "unknown",
        };
    }
    let mut shares: Vec<(usize, f64)> = known.iter().map(|&(m, c)| (m, c / total)).collect();
    shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let hhi: f64 = shares.iter().map(|(_, s)| s * s).sum();
    let n = shares.len() as f64;
    let concentration = (shares.len() >= 2).then(|| ((hhi - 1.0 / n) / (1.0 - 1.0 / n)).max(0.0).sqrt());
    let top = shares[0].1;
    // Where no member reaches `pole_share` (power is diffuse), the members
    // with at least half the top share are the poles.
    let floor = if top >= pole_share { pole_share } else { 0.0 };
    let poles: Vec<usize> = shares.iter().filter(|(_, s)| *s >= floor && *s >= top / 2.0).map(|(m, _)| *m).collect();
    let kind = match poles.len() {
        0 => "unknown",
        1 => "unipolar",
        2 => "bipolar",
        _ => "multipolar",
    };
    Polarity { shares, missing, concentration, effective_powers: Some(1.0 / hhi), poles, kind }
}

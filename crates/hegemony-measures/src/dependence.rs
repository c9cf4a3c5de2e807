//! Supplier shares and concentration over a window (`docs/methods.md` §10),
//! and the two indicators of Lake's security hierarchy (§7) as sets and ratios.

use std::collections::BTreeMap;

use serde::Serialize;

/// Shares of one recipient's imports by supplier over a window of years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupplierShares {
    /// First year of the window.
    pub from: i32,
    /// Last year of the window.
    pub to: i32,
    /// Σ over suppliers and years of the window.
    pub total: f64,
    /// (supplier, amount, share), largest first.
    pub suppliers: Vec<(u16, f64, f64)>,
    /// Σ share² ∈ (0, 1]; `None` when nothing was imported.
    pub hhi: Option<f64>,
    /// (HHI − 1/n) / (1 − 1/n), n = suppliers with a non-zero share; 1 for a
    /// single supplier.
    pub hhi_normalised: Option<f64>,
}

impl SupplierShares {
    /// The share of `supplier`, 0 when it delivered nothing; `None` when
    /// nothing was imported at all (a share of nothing is undefined, not 0).
    pub fn share_of(&self, supplier: u16) -> Option<f64> {
        if self.total <= 0.0 {
            return None;
        }
        Some(self.suppliers.iter().find(|s| s.0 == supplier).map_or(0.0, |s| s.2))
    }
}

/// Shares of the deliveries `(supplier, year, amount)` that fall in `from..=to`.
pub fn supplier_shares(deliveries: impl IntoIterator<Item = (u16, i32, f64)>, from: i32, to: i32) -> SupplierShares {
    let mut by: BTreeMap<u16, f64> = BTreeMap::new();
    for (s, y, v) in deliveries {
        if (from..=to).contains(&y) && v > 0.0 {
            *by.entry(s).or_default() += v;
        }
    }
    let total: f64 = by.values().sum();
    let mut suppliers: Vec<(u16, f64, f64)> = by.into_iter().map(|(s, v)| (s, v, v / total)).collect();
    suppliers.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (hhi, hhi_normalised) = if total > 0.0 {
        let h: f64 = suppliers.iter().map(|s| s.2 * s.2).sum();
        let n = suppliers.len() as f64;
        (Some(h), Some(if n > 1.0 { (h - 1.0 / n) / (1.0 - 1.0 / n) } else { 1.0 }))
    } else {
        (None, None)
    };
    SupplierShares { from, to, total, suppliers, hhi, hhi_normalised }
}

/// The subordinate's allies that are not allied with the dominant state
/// (Lake's *independent alliances*): { j ≠ D : ally(i, j) ∧ ¬ally(D, j) }.
pub fn independent_allies(sub_allies: &[u16], dom_allies: &[u16], dominant: u16) -> Vec<u16> {
    let mut out: Vec<u16> = sub_allies.iter().copied().filter(|j| *j != dominant && !dom_allies.contains(j)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Troops per 1,000 inhabitants, for a troop range and a population in thousands.
pub fn troops_per_thousand(low: f64, high: f64, population_thousands: f64) -> Option<(f64, f64)> {
    (population_thousands > 0.0).then(|| (low / population_thousands, high / population_thousands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shares_and_hhi_by_hand() {
        // Armenia 2011–2020 in SIPRI: Russia 374, Jordan 21 → 94.7 %.
        let d = [(365, 2011, 2.0), (365, 2016, 110.0), (365, 2019, 262.0), (663, 2019, 21.0), (341, 2010, 2.0)];
        let s = supplier_shares(d, 2011, 2020);
        assert_eq!(s.total, 395.0);
        assert!((s.share_of(365).unwrap() - 374.0 / 395.0).abs() < 1e-12);
        assert_eq!(s.share_of(341), Some(0.0));
        let h = (374.0f64 / 395.0).powi(2) + (21.0f64 / 395.0).powi(2);
        assert!((s.hhi.unwrap() - h).abs() < 1e-12);
        assert!((s.hhi_normalised.unwrap() - (h - 0.5) / 0.5).abs() < 1e-12);
        let none = supplier_shares(d, 1990, 1991);
        assert_eq!((none.hhi, none.share_of(365)), (None, None));
    }

    #[test]
    fn independent_allies_by_hand() {
        // Armenia allied with Russia, Belarus, Kazakhstan, Iran; Russia with Belarus, Kazakhstan.
        assert_eq!(independent_allies(&[365, 370, 705, 630], &[370, 705, 371], 365), vec![630]);
        assert_eq!(troops_per_thousand(3000.0, 5000.0, 3000.0), Some((1.0, 5000.0 / 3000.0)));
        assert_eq!(troops_per_thousand(1.0, 1.0, 0.0), None);
    }

    proptest! {
        #[test]
        fn shares_sum_to_one_and_hhi_is_bounded(d in proptest::collection::vec((0u16..6, 2000i32..2010, 0.0f64..100.0), 1..30)) {
            let s = supplier_shares(d.clone(), 2000, 2009);
            if s.total > 0.0 {
                let sum: f64 = s.suppliers.iter().map(|x| x.2).sum();
                prop_assert!((sum - 1.0).abs() < 1e-9);
                let h = s.hhi.unwrap();
                prop_assert!(h >= 1.0 / s.suppliers.len() as f64 - 1e-12 && h <= 1.0 + 1e-12);
                let hn = s.hhi_normalised.unwrap();
                prop_assert!((-1e-9..=1.0 + 1e-9).contains(&hn));
            }
        }
    }
}

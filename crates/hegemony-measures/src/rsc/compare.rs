//! Comparing two partitions: the adjusted Rand index (Hubert & Arabie
//! 1985), and which group of one year continues which group of the year
//! before.
//!
//! ```text
//! ARI = (Σ_ij C(n_ij,2) − E) / (½[Σ_i C(a_i,2) + Σ_j C(b_j,2)] − E),
//! E   = Σ_i C(a_i,2) · Σ_j C(b_j,2) / C(n,2)
//! ```
//!
//! over the n items both partitions place (n_ij: items in group i of the
//! first and j of the second; a_i, b_j the group sizes). 1 is identical, 0
//! what chance gives; it can be negative.

use std::collections::BTreeMap;

use serde::Serialize;

/// The adjusted Rand index of two partitions and the items it rests on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RandIndex {
    /// Items both partitions place.
    pub n: usize,
    /// The index; `None` when it is undefined (fewer than two items, or both
    /// partitions put every item alone, or both put all in one group).
    pub ari: Option<f64>,
}

fn pairs(k: usize) -> f64 {
    (k * k.saturating_sub(1)) as f64 / 2.0
}

/// The ARI of `a` and `b` (the group of each item, `None` where a partition
/// does not place it), over the items both place.
pub fn adjusted_rand_index(a: &[Option<usize>], b: &[Option<usize>]) -> RandIndex {
    assert_eq!(a.len(), b.len(), "the two partitions must label the same items");
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let (mut rows, mut cols): (BTreeMap<usize, usize>, BTreeMap<usize, usize>) = Default::default();
    let mut n = 0;
    for (x, y) in a.iter().zip(b) {
        if let (Some(x), Some(y)) = (x, y) {
            *cells.entry((*x, *y)).or_default() += 1;
            *rows.entry(*x).or_default() += 1;
            *cols.entry(*y).or_default() += 1;
            n += 1;
        }
    }
    if n < 2 {
        return RandIndex { n, ari: None };
    }
    let index: f64 = cells.values().map(|&k| pairs(k)).sum();
    let (sa, sb): (f64, f64) = (rows.values().map(|&k| pairs(k)).sum(), cols.values().map(|&k| pairs(k)).sum());
    let expected = sa * sb / pairs(n);
    let max = (sa + sb) / 2.0;
    let ari = (max - expected).abs() > 1e-12 * pairs(n).max(1.0);
    RandIndex { n, ari: ari.then(|| (index - expected) / (max - expected)) }
}

/// For each group of `next`, the group of `prev` it shares most members
/// with (the earlier group on a tie; `None` when it shares none).
pub fn match_groups<T: Ord>(prev: &[Vec<T>], next: &[Vec<T>]) -> Vec<Option<usize>> {
    next.iter()
        .map(|g| {
            let overlap = |p: &Vec<T>| g.iter().filter(|x| p.contains(x)).count();
            let mut best: Option<(usize, usize)> = None;
            for (i, p) in prev.iter().enumerate() {
                let o = overlap(p);
                if o > 0 && best.is_none_or(|(_, b)| o > b) {
                    best = Some((i, o));
                }
            }
            best.map(|(i, _)| i)
        })
        .collect()
}

/// A one-to-one matching of the groups of `ours` to those of `theirs`, by
/// Jaccard similarity |A ∩ B| / |A ∪ B|, greedily from the most similar pair
/// (a tie: the earlier pair), pairs below `min` left out; `None` for a group
/// of `ours` left without a partner.
pub fn match_one_to_one<T: Ord>(ours: &[Vec<T>], theirs: &[Vec<T>], min: f64) -> Vec<Option<usize>> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, a) in ours.iter().enumerate() {
        for (j, b) in theirs.iter().enumerate() {
            let common = a.iter().filter(|x| b.contains(x)).count();
            let jaccard = common as f64 / (a.len() + b.len() - common).max(1) as f64;
            if common > 0 && jaccard >= min {
                pairs.push((jaccard, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut out = vec![None; ours.len()];
    let mut taken = vec![false; theirs.len()];
    for (_, i, j) in pairs {
        if out[i].is_none() && !taken[j] {
            out[i] = Some(j);
            taken[j] = true;
        }
    }
    out
}

//! The raw indicators of every subordinate in the comparison set, year by
//! year, by family: security (troops, alliances), economic (arms, trade,
//! assets), alignment (UN votes, published ideal points), institutions, and
//! intervening powers. All are computed together so that scales, ranks and
//! residuals are shared by the whole set.

mod alignment;
mod economic;
mod institutions;
mod intervening;
mod security;

use hegemony_core::{Registry, State};
use hegemony_measures::composite;
use hegemony_measures::convergence::Observation;
use hegemony_measures::institutions::IndexValue;

use super::{Inputs, Point};
pub(super) use alignment::distances;

/// The raw indicators of one subordinate, one entry per year of the range.
pub(super) struct Raw {
    pub(super) troops: Vec<Point>,
    pub(super) coercive: Vec<Point>,
    pub(super) alliance_tie: Vec<Point>,
    pub(super) independent: Vec<Point>,
    pub(super) alliances: Vec<Point>,
    pub(super) arms_share: Vec<Point>,
    pub(super) arms_hhi: Vec<Point>,
    pub(super) trade_share: Vec<Point>,
    pub(super) assets: Vec<Point>,
    pub(super) institutions: Vec<IndexValue>,
    pub(super) distance: Vec<Point>,
    pub(super) vote_agreement: Vec<Point>,
    pub(super) ideal_distance: Vec<Point>,
    pub(super) intervening: Vec<Point>,
}

/// Distances to the dominant state from the vote record, and its last year.
pub(super) type VoteDistances = (Vec<Observation>, Option<i32>);

/// The indicators of the whole comparison set and the scales they share.
pub(super) struct Indicators<'a> {
    pub(super) inputs: &'a Inputs<'a>,
    votes: Option<&'a VoteDistances>,
    pub(super) dominant: &'static State,
    dom_cow: Option<u16>,
    pub(super) set: Vec<&'static State>,
    pub(super) years: (i32, i32),
    /// One entry per member of `set`.
    pub(super) raw: Vec<Raw>,
    /// The largest troops per 1,000 inhabitants in the set (the troops' scale).
    pub(super) troops_max: f64,
    /// The knowledge base's alliance ties, per year index, made when first asked.
    kb_ties: Vec<std::cell::OnceCell<crate::alliances::KbTies>>,
    /// κ ≈ a + b·(published agreement with the dominant state), fitted
    /// over the state-years both exist across the comparison set: bridges
    /// alignment past the vote record.
    pub(super) agreement_bridge: Option<Bridge>,
    /// κ ≈ a + b·(published ideal-point distance), likewise: bridges
    /// alignment past the published agreement.
    pub(super) ideal_bridge: Option<Bridge>,
}

/// A linear bridge from a published figure to κ, fitted across the set.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bridge {
    pub(super) intercept: f64,
    pub(super) slope: f64,
    /// State-years it was fitted on.
    pub(super) n: usize,
    /// Share of κ's variance it explains.
    pub(super) r2: f64,
}

impl Bridge {
    /// OLS of κ on `x` over pairs with both values; `None` on fewer than 30
    /// pairs or a slope of the wrong sign (`rising`: more x, more agreement).
    fn fit(x: &[Option<f64>], kappa: &[Option<f64>], rising: bool) -> Option<Bridge> {
        let (fit, residuals) = composite::linear_fit(x, kappa);
        let (intercept, slope) = fit?;
        let used: Vec<f64> = kappa.iter().zip(&residuals).filter(|(_, r)| r.is_some()).filter_map(|(k, _)| *k).collect();
        let mean = used.iter().sum::<f64>() / used.len().max(1) as f64;
        let total: f64 = used.iter().map(|k| (k - mean).powi(2)).sum();
        let residual: f64 = residuals.iter().flatten().map(|r| r * r).sum();
        let r2 = if total > 0.0 { 1.0 - residual / total } else { 0.0 };
        (used.len() >= 30 && (slope > 0.0) == rising).then_some(Bridge { intercept, slope, n: used.len(), r2 })
    }
}

fn code_of(cow: u16) -> String {
    Registry::global().by_cow(cow).map_or_else(|| cow.to_string(), |s| s.code().to_string())
}

fn kb_ref(id: &str) -> String {
    format!("kb:{id}")
}

impl<'a> Indicators<'a> {
    /// Every indicator of every member of `set` over `years`, and the scales.
    pub(super) fn build(
        inputs: &'a Inputs<'a>,
        votes: Option<&'a VoteDistances>,
        dominant: &'static State,
        set: &[&'static State],
        years: (i32, i32),
    ) -> Indicators<'a> {
        let mut w = Indicators {
            inputs,
            votes,
            dominant,
            dom_cow: dominant.cow,
            set: set.to_vec(),
            years,
            raw: Vec::new(),
            troops_max: 0.0,
            kb_ties: (years.0..=years.1).map(|_| std::cell::OnceCell::new()).collect(),
            agreement_bridge: None,
            ideal_bridge: None,
        };
        w.raw = set.iter().map(|s| w.raw_of(s)).collect();
        let max = |pick: fn(&Raw) -> &Vec<Point>| {
            w.raw.iter().flat_map(|r| pick(r).iter().filter_map(|p| p.value)).fold(0.0f64, f64::max)
        };
        w.troops_max = max(|r| &r.troops);
        let kappa: Vec<Option<f64>> =
            w.raw.iter().flat_map(|r| r.distance.iter().map(|d| d.value.map(|d| 1.0 - d))).collect();
        let values = |pick: fn(&Raw) -> &Vec<Point>| -> Vec<Option<f64>> {
            w.raw.iter().flat_map(|r| pick(r).iter().map(|p| p.value)).collect()
        };
        w.agreement_bridge = Bridge::fit(&values(|r| &r.vote_agreement), &kappa, true);
        w.ideal_bridge = Bridge::fit(&values(|r| &r.ideal_distance), &kappa, false);
        w
    }

    fn year_range(&self) -> std::ops::RangeInclusive<i32> {
        self.years.0..=self.years.1
    }

    /// The years of the range, in order.
    pub(super) fn year_list(&self) -> Vec<i32> {
        self.year_range().collect()
    }

    fn raw_of(&self, sub: &State) -> Raw {
        let years: Vec<i32> = self.year_range().collect();
        let each = |f: &dyn Fn(i32) -> Point| years.iter().map(|&y| f(y)).collect::<Vec<_>>();
        let (arms_share, arms_hhi) = years.iter().map(|&y| self.arms(sub, y)).unzip();
        let mut alliance_tie = Vec::new();
        let mut independent = Vec::new();
        let mut alliances = Vec::new();
        for &y in &years {
            let (t, i, a) = self.alliances(sub, y);
            alliance_tie.push(t);
            independent.push(i);
            alliances.push(a);
        }
        Raw {
            troops: each(&|y| self.troops(sub, y)),
            coercive: each(&|y| self.coercive(sub, y)),
            alliance_tie,
            independent,
            alliances,
            arms_share,
            arms_hhi,
            trade_share: each(&|y| self.trade(sub, y)),
            assets: each(&|y| self.assets(sub, y)),
            institutions: years.iter().map(|&y| self.institutions(sub, y)).collect(),
            distance: each(&|y| self.distance(sub, y)),
            vote_agreement: each(&|y| self.vote_agreement(sub, y)),
            ideal_distance: each(&|y| self.ideal_distance(sub, y)),
            intervening: each(&|y| self.intervening(sub, y)),
        }
    }
}

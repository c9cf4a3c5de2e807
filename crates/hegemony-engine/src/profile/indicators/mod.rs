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
    pub(super) independent: Vec<Point>,
    pub(super) arms_share: Vec<Point>,
    pub(super) arms_hhi: Vec<Point>,
    pub(super) trade_share: Vec<Point>,
    pub(super) assets: Vec<Point>,
    pub(super) institutions: Vec<IndexValue>,
    pub(super) distance: Vec<Point>,
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
    /// The most independent alliances in the set (their scale).
    pub(super) independent_max: f64,
    /// κ ≈ a + b·(published ideal-point distance), fitted over the years both
    /// exist across the comparison set: bridges alignment past the vote record.
    pub(super) bridge: Option<(f64, f64)>,
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
            independent_max: 0.0,
            bridge: None,
        };
        w.raw = set.iter().map(|s| w.raw_of(s)).collect();
        let max = |pick: fn(&Raw) -> &Vec<Point>| {
            w.raw.iter().flat_map(|r| pick(r).iter().filter_map(|p| p.value)).fold(0.0f64, f64::max)
        };
        w.troops_max = max(|r| &r.troops);
        w.independent_max = max(|r| &r.independent);
        w.bridge = w.fit_bridge();
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
        Raw {
            troops: each(&|y| self.troops(sub, y)),
            independent: each(&|y| self.independent(sub, y)),
            arms_share,
            arms_hhi,
            trade_share: each(&|y| self.trade(sub, y)),
            assets: each(&|y| self.assets(sub, y)),
            institutions: years.iter().map(|&y| self.institutions(sub, y)).collect(),
            distance: each(&|y| self.distance(sub, y)),
            ideal_distance: each(&|y| self.ideal_distance(sub, y)),
            intervening: each(&|y| self.intervening(sub, y)),
        }
    }

    /// The bridge from published ideal-point distances to κ: only a fit on
    /// enough pairs, and one where more distance means less agreement.
    fn fit_bridge(&self) -> Option<(f64, f64)> {
        let (ideal, kappa): (Vec<Option<f64>>, Vec<Option<f64>>) = self
            .raw
            .iter()
            .flat_map(|r| r.ideal_distance.iter().zip(&r.distance))
            .filter(|(a, b)| a.value.is_some() && b.value.is_some())
            .map(|(a, b)| (a.value, b.value.map(|d| 1.0 - d)))
            .unzip();
        composite::linear_fit(&ideal, &kappa).0.filter(|(_, b)| *b < 0.0 && ideal.len() >= 30)
    }
}

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
    /// The comparison set's members, then the states profiled outside it.
    pub(super) set: Vec<&'static State>,
    /// How many of `set` are members (scales, bridges and ranks rest on them).
    pub(super) members: usize,
    pub(super) years: (i32, i32),
    /// One entry per member of `set`.
    pub(super) raw: Vec<Raw>,
    /// The largest troops per 1,000 inhabitants in the set (the troops' scale).
    pub(super) troops_max: f64,
    /// The vote record's layout, the source of vote distances (`unvotes`, `voeten`, `undl`).
    vote_source: &'static str,
    /// ATOP's alliance networks of the years it covers, for the set and the dominant state.
    atop_networks: std::collections::BTreeMap<i32, crate::alliances::Network>,
    /// The knowledge base's alliance network of each year (index), made when first asked.
    kb_networks: Vec<std::cell::OnceCell<crate::alliances::Network>>,
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
    /// Levels: κ ≈ intercept + level_slope·x (for a state without the year before).
    pub(super) intercept: f64,
    pub(super) level_slope: f64,
    /// Changes: Δκ ≈ slope·Δx from one year to the next, within a state
    /// (what a chained prediction uses).
    pub(super) slope: f64,
    /// Year-on-year changes it was fitted on.
    pub(super) n: usize,
    /// Share of the changes' variance it explains.
    pub(super) r2: f64,
}

impl Bridge {
    /// Fits κ on `x` per state (`x[state][year]`, `kappa[state][year]`):
    /// levels by OLS, changes through the origin. `None` on fewer than 30
    /// year-on-year changes or a slope of the wrong sign (`rising`: more x,
    /// more agreement).
    fn fit(x: &[Vec<Option<f64>>], kappa: &[Vec<Option<f64>>], rising: bool) -> Option<Bridge> {
        let flat = |v: &[Vec<Option<f64>>]| -> Vec<Option<f64>> { v.iter().flatten().copied().collect() };
        let (levels, _) = composite::linear_fit(&flat(x), &flat(kappa));
        let (intercept, level_slope) = levels?;
        let mut changes = Vec::new();
        for (xs, ks) in x.iter().zip(kappa) {
            for t in 1..xs.len() {
                if let (Some(x0), Some(x1), Some(k0), Some(k1)) = (xs[t - 1], xs[t], ks[t - 1], ks[t]) {
                    changes.push((x1 - x0, k1 - k0));
                }
            }
        }
        let sxx: f64 = changes.iter().map(|(dx, _)| dx * dx).sum();
        let sxy: f64 = changes.iter().map(|(dx, dk)| dx * dk).sum();
        let syy: f64 = changes.iter().map(|(_, dk)| dk * dk).sum();
        if changes.len() < 30 || sxx <= 0.0 {
            return None;
        }
        let slope = sxy / sxx;
        let residual: f64 = changes.iter().map(|(dx, dk)| (dk - slope * dx).powi(2)).sum();
        let r2 = if syy > 0.0 { 1.0 - residual / syy } else { 0.0 };
        ((slope > 0.0) == rising).then_some(Bridge { intercept, level_slope, slope, n: changes.len(), r2 })
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
        members: usize,
        years: (i32, i32),
    ) -> Indicators<'a> {
        let mut w = Indicators {
            inputs,
            votes,
            dominant,
            dom_cow: dominant.cow,
            set: set.to_vec(),
            members,
            years,
            raw: Vec::new(),
            troops_max: 0.0,
            vote_source: match inputs.votes.map(|v| v.format) {
                Some(hegemony_data::VoteFormat::Voeten) => "voeten",
                Some(hegemony_data::VoteFormat::Undl) => "undl",
                _ => "unvotes",
            },
            atop_networks: match &inputs.data.alliances {
                Some(atop) => {
                    let wanted: Vec<&State> = set.iter().copied().chain([dominant]).collect();
                    crate::alliances::Network::of_atop(atop, years, &wanted)
                }
                None => Default::default(),
            },
            kb_networks: (years.0..=years.1).map(|_| std::cell::OnceCell::new()).collect(),
            agreement_bridge: None,
            ideal_bridge: None,
        };
        w.raw = set.iter().map(|s| w.raw_of(s)).collect();
        let members = &w.raw[..w.members];
        w.troops_max = members.iter().flat_map(|r| r.troops.iter().filter_map(|p| p.value)).fold(0.0f64, f64::max);
        let kappa: Vec<Vec<Option<f64>>> =
            members.iter().map(|r| r.distance.iter().map(|d| d.value.map(|d| 1.0 - d)).collect()).collect();
        let values = |pick: fn(&Raw) -> &Vec<Point>| -> Vec<Vec<Option<f64>>> {
            members.iter().map(|r| pick(r).iter().map(|p| p.value).collect()).collect()
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

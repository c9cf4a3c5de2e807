//! Convergence towards a dominant state: the distance series behind
//! [`hegemony_measures::convergence`], from agreement scores or ideal points.

use std::collections::HashMap;

use hegemony_core::Registry;
use hegemony_data::LoadedVotes;
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind, dyad_tables};
use hegemony_measures::convergence::{Observation, group, movements};
use hegemony_measures::{JointTable, Weights};

use crate::EngineError;
use crate::table::{ColumnData, Table};

/// What the distance to the dominant state is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// |θ_sub − θ_dom| of dynamic ideal points (ordinal, by session year,
    /// all votes, default options), fitted to the whole record so that every
    /// year is on one scale and a year's value does not depend on the range
    /// asked for. Years in which either state cast no counted vote (the
    /// random walk only carries it there) are left out.
    Ideal,
    /// 1 − Cohen's kappa (quadratic weights).
    Kappa,
    /// 1 − share of identical votes.
    Identical,
    /// 1 − Lijphart's agree.
    Agree,
}

/// The distance of each subordinate to `dominant` per session year.
pub fn observations(
    votes: &LoadedVotes,
    dominant: u16,
    subs: &[u16],
    basis: Basis,
    range: Option<(i32, i32)>,
) -> Result<Vec<Observation>, EngineError> {
    match basis {
        Basis::Ideal => {
            let fit = crate::ideal::fit_dynamic_by_year(votes)?;
            let mut by_year: HashMap<(i32, u16), f64> = HashMap::new();
            for p in fit.points.iter().filter(|p| p.n_votes > 0) {
                by_year.insert((p.period, p.state), p.theta);
            }
            let mut out = Vec::new();
            for (&(year, state), &xd) in &by_year {
                if state != dominant || range.is_some_and(|(a, b)| !(a..=b).contains(&year)) {
                    continue;
                }
                for &s in subs {
                    if let Some(&xs) = by_year.get(&(year, s)) {
                        out.push(Observation { year, sub: s, distance: (xs - xd).abs(), positions: Some((xs, xd)) });
                    }
                }
            }
            out.sort_by_key(|o| (o.year, o.sub));
            Ok(out)
        }
        _ => {
            let score: fn(&JointTable) -> Option<f64> = match basis {
                Basis::Kappa => |t| t.kappa(Weights::Quadratic),
                Basis::Identical => JointTable::identical,
                _ => JointTable::agree,
            };
            let options = AgreementOptions { period: PeriodKind::Year, range, ..Default::default() };
            let pairs = DyadSelection::Pairs(subs.iter().map(|&s| (dominant, s)).collect());
            let rows = dyad_tables(&votes.record, &options, &pairs).map_err(|e| EngineError::Request(e.to_string()))?;
            Ok(rows
                .iter()
                .filter_map(|r| {
                    Some(Observation {
                        year: r.period,
                        sub: r.second,
                        distance: 1.0 - score(&r.table)?,
                        positions: None,
                    })
                })
                .collect())
        }
    }
}

/// One row per subordinate and year (`hegemony convergence`): `year`,
/// `dominant`, `iso3`, `ccode`, `distance`, `change` (from the year before),
/// `sub_move` and `dom_move` (the part of the change each state's own
/// movement made, on the ideal-point scale).
pub fn dyads_table(obs: &[Observation], dominant: u16) -> Table {
    let registry = Registry::global();
    let code = |c: u16| registry.by_cow(c).map(|s| s.code().to_string());
    let m = movements(obs);
    let mut t = Table::default();
    t.push("year", ColumnData::Int(m.iter().map(|x| Some(i64::from(x.year))).collect()));
    t.push("dominant", ColumnData::category(m.iter().map(|_| dominant), code));
    t.push("iso3", ColumnData::category(m.iter().map(|x| x.sub), code));
    t.push("ccode", ColumnData::Int(m.iter().map(|x| Some(i64::from(x.sub))).collect()));
    t.push("distance", ColumnData::Float(m.iter().map(|x| Some(x.distance)).collect()));
    t.push("change", ColumnData::Float(m.iter().map(|x| x.change).collect()));
    t.push("sub_move", ColumnData::Float(m.iter().map(|x| x.sub_move).collect()));
    t.push("dom_move", ColumnData::Float(m.iter().map(|x| x.dom_move).collect()));
    t
}

/// The group's convergence per year (`hegemony convergence --group`):
/// `year`, `n`, `delta` (mean distance), `sigma` (dispersion), `cv`, `gamma`.
pub fn group_table(obs: &[Observation]) -> Table {
    let g = group(obs);
    let mut t = Table::default();
    t.push("year", ColumnData::Int(g.iter().map(|y| Some(i64::from(y.year))).collect()));
    t.push("n", ColumnData::Int(g.iter().map(|y| Some(y.n as i64)).collect()));
    t.push("delta", ColumnData::Float(g.iter().map(|y| Some(y.delta)).collect()));
    t.push("sigma", ColumnData::Float(g.iter().map(|y| Some(y.sigma)).collect()));
    t.push("cv", ColumnData::Float(g.iter().map(|y| y.cv).collect()));
    t.push("gamma", ColumnData::Float(g.iter().map(|y| y.gamma).collect()));
    t
}

//! Convergence towards a dominant state: the distance series behind
//! [`hegemony_measures::convergence`], from agreement scores or ideal points.

use std::collections::HashMap;

use hegemony_data::LoadedVotes;
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind, dyad_tables};
use hegemony_measures::convergence::Observation;
use hegemony_measures::{JointTable, Weights};

use crate::EngineError;

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

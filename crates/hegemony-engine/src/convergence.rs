//! Convergence towards a dominant state: the distance series behind
//! [`hegemony_measures::convergence`], from agreement scores or ideal points.

use std::collections::HashMap;

use hegemony_data::LoadedVotes;
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind, dyad_tables};
use hegemony_measures::convergence::Observation;
use hegemony_measures::ideal::{IdealOptions, fit_static};
use hegemony_measures::{JointTable, Weights};

use crate::EngineError;

/// What the distance to the dominant state is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// |θ_sub − θ_dom| of static ideal points, in units of the year's SD of
    /// all states' positions (each year's fit has its own scale; the distance
    /// is location-free, and dividing by the spread makes years comparable
    /// as far as the dimension keeps its meaning).
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
            let options = IdealOptions { period: PeriodKind::Year, range, ..IdealOptions::default() };
            let fit = fit_static(&votes.record, &options).map_err(|e| EngineError::Request(e.to_string()))?;
            let mut by_year: HashMap<i32, Vec<(u16, f64)>> = HashMap::new();
            for p in &fit.points {
                by_year.entry(p.period).or_default().push((p.state, p.theta));
            }
            let mut out = Vec::new();
            for (year, points) in by_year {
                let n = points.len() as f64;
                let mean = points.iter().map(|p| p.1).sum::<f64>() / n;
                let sd = (points.iter().map(|p| (p.1 - mean).powi(2)).sum::<f64>() / n).sqrt();
                let z = |c: u16| points.iter().find(|p| p.0 == c).map(|p| p.1 / sd);
                let Some(zd) = z(dominant).filter(|_| sd > 0.0) else { continue };
                for &s in subs {
                    if let Some(zs) = z(s) {
                        out.push(Observation { year, sub: s, distance: (zs - zd).abs(), positions: Some((zs, zd)) });
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

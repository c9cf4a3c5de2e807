//! Alignment's indicators: the distance 1 − κ between the two states' UN
//! votes, and the distance of their published ideal points.

use hegemony_core::State;
use hegemony_data::LoadedVotes;
use hegemony_data::structural::PublishedAgreement;
use hegemony_measures::convergence::Observation;

use super::Indicators;
use crate::EngineError;
use crate::profile::{Coverage, Point};

/// Distances 1 − κ (quadratic weights) of each subordinate to the dominant
/// state per year, and the last year of the vote record.
pub(in crate::profile) fn distances(
    votes: &LoadedVotes,
    dominant: &State,
    set: &[&'static State],
    years: (i32, i32),
) -> Result<(Vec<Observation>, Option<i32>), EngineError> {
    // Years are session years (session + 1945), as in the distances: a January
    // vote of the last session does not open a new year.
    let last = votes.record.roll_calls.iter().map(|r| i32::from(r.session) + 1945).max();
    let Some(dom) = dominant.cow else { return Ok((vec![], last)) };
    let subs: Vec<u16> = set.iter().filter_map(|s| s.cow).collect();
    let obs = crate::convergence::observations(votes, dom, &subs, crate::convergence::Basis::Kappa, Some(years))?;
    Ok((obs, last))
}

impl Indicators<'_> {
    /// 1 − κ between the subordinate's and the dominant state's UN votes.
    pub(super) fn distance(&self, sub: &State, year: i32) -> Point {
        let Some((obs, Some(last))) = self.votes.map(|(o, l)| (o, *l)) else {
            return Point::absent(year, Coverage::NotCovered, "needs the UN vote record");
        };
        if year > last {
            return Point::absent(year, Coverage::NotCovered, format!("the vote record ends {last}"));
        }
        match obs.iter().find(|o| o.year == year && Some(o.sub) == sub.cow) {
            Some(o) => {
                let source = self.vote_source;
                Point::measured(year, o.distance, source, vec![format!("{source}:{}/{year}", sub.code())])
            }
            None => Point::absent(year, Coverage::Missing, "no votes of both states that year"),
        }
    }

    /// The published share of UN votes in which `sub` voted as the dominant
    /// state (Bailey, Strezhnev & Voeten, by session year), where the
    /// dominant state is one the file has a column for.
    pub(super) fn vote_agreement(&self, sub: &State, year: i32) -> Point {
        let Some(agree) = &self.inputs.data.published_agreement else {
            return Point::absent(year, Coverage::NotCovered, "needs voeten_idealpoints_all_jun2024");
        };
        let (Some(s), Some(d)) = (sub.cow, self.dom_cow) else {
            return Point::absent(year, Coverage::Missing, "no COW code");
        };
        if !PublishedAgreement::WITH.contains(&d) {
            return Point::absent(year, Coverage::NotCovered, "published only with Russia and the United States");
        }
        if year > agree.last_year {
            return Point::absent(
                year,
                Coverage::NotCovered,
                format!("the published agreement ends {}", agree.last_year),
            );
        }
        match agree.get(s, d, year) {
            Some(v) => {
                Point::measured(year, v, "voeten_agree", vec![format!("voeten_idealpoints_all:{s}/{}", year - 1945)])
                    .with_note(format!("session {}", year - 1945))
            }
            None => Point::absent(year, Coverage::Missing, "no published agreement that session"),
        }
    }

    /// |θ_sub − θ_dom| in the published Bailey–Strezhnev–Voeten ideal points
    /// (a reference that reaches past the vote record parsed here).
    pub(super) fn ideal_distance(&self, sub: &State, year: i32) -> Point {
        let Some(ideal) = &self.inputs.data.published_ideal else {
            return Point::absent(year, Coverage::NotCovered, "needs voeten_idealpoints_jul2025");
        };
        if year > ideal.last_year {
            return Point::absent(
                year,
                Coverage::NotCovered,
                format!("the published estimates end {}", ideal.last_year),
            );
        }
        let (Some(s), Some(d)) = (sub.cow, self.dom_cow) else {
            return Point::absent(year, Coverage::Missing, "no COW code");
        };
        match (ideal.get(s, year), ideal.get(d, year)) {
            (Some((ts, ns)), Some((td, _))) => {
                let sources = vec![format!("voeten_idealpoints:{s}/{year}"), format!("voeten_idealpoints:{d}/{year}")];
                Point::measured(year, (ts - td).abs(), "voeten_ideal", sources)
                    .with_note(format!("θ {ts:.2} vs {td:.2} ({ns} votes)"))
            }
            _ => Point::absent(year, Coverage::Missing, "no published estimate for one of the two states"),
        }
    }
}

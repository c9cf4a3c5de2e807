//! One subordinate's profile from the indicators of the whole set: each
//! measure built from its catalogue entry and its series, then the phases.

use hegemony_core::State;
use hegemony_measures::institutions::IndexValue;

use super::catalogue::{self, DATASETS, Dataset};
use super::composite::Scores;
use super::indicators::{Indicators, Raw};
use super::{Comparison, Coverage, Inputs, Measure, NeededData, Point, Profile, Settings, periods};
use crate::EngineError;

/// The measure `name` of the catalogue with its series and components.
fn measure(settings: &Settings, name: &'static str, series: Vec<Point>, components: Vec<Measure>) -> Measure {
    let spec = catalogue::spec(name).unwrap_or_else(|| panic!("measure {name} is not in the catalogue"));
    Measure {
        name: spec.name,
        label: spec.label,
        unit: spec.unit,
        about: spec.about,
        weight: settings.weight_of(name),
        series,
        components,
    }
}

/// The profile of `sub`, which must be in the indicators' set.
pub(super) fn profile(
    w: &Indicators,
    scores: &Scores,
    comparison: &Comparison,
    sub: &'static State,
) -> Result<Profile, EngineError> {
    let i = w.set.iter().position(|s| s.code() == sub.code()).ok_or_else(|| {
        EngineError::Request(format!("{} is not in the comparison set of {}", sub.code(), w.dominant.code()))
    })?;
    let r = &w.raw[i];
    let s = w.inputs.settings;
    let years = w.year_list();
    let n = years.len();
    let m = |name, series, components| measure(s, name, series, components);
    let security = m(
        "security",
        (0..n).map(|t| scores.parts(i, t)[0].clone()).collect(),
        vec![
            m("troops", r.troops.clone(), vec![]),
            m(
                "alliances",
                r.alliances.clone(),
                vec![
                    m("alliance_tie", r.alliance_tie.clone(), vec![]),
                    m("independent_alliances", r.independent.clone(), vec![]),
                ],
            ),
        ],
    );
    let economic = m(
        "economic",
        (0..n).map(|t| scores.parts(i, t)[1].clone()).collect(),
        vec![
            m("arms_import_share", r.arms_share.clone(), vec![]),
            m("trade_share", r.trade_share.clone(), vec![]),
            m("strategic_assets", r.assets.clone(), vec![]),
            m("arms_supplier_concentration", r.arms_hhi.clone(), vec![]),
        ],
    );
    let institutionalisation = institutionalisation(s, &years, r);
    let alignment = m(
        "alignment",
        (0..n).map(|t| scores.parts(i, t)[3].clone()).collect(),
        vec![
            m("un_distance", r.distance.clone(), vec![]),
            m("un_distance_change", distance_change(&years, r), vec![]),
            m("vote_agreement", r.vote_agreement.clone(), vec![]),
            m("ideal_distance", r.ideal_distance.clone(), vec![]),
        ],
    );
    let (composite_series, ranks) = scores.composite(w, i);
    let residual = (0..n)
        .map(|t| match scores.residuals[t][i] {
            Some(v) => Point::measured(years[t], v, "composite", vec![]),
            None => {
                Point::absent(years[t], Coverage::NotCovered, "needs alignment and dependence for three or more states")
            }
        })
        .collect();
    let measures = vec![
        m("composite", composite_series, vec![]),
        security,
        economic,
        institutionalisation,
        alignment,
        m("alignment_residual", residual, vec![]),
        m("coercive_presence", r.coercive.clone(), vec![]),
        m("intervening_powers", r.intervening.clone(), vec![]),
    ];
    let facts = w.inputs.kb.timeline(sub.code(), w.dominant.code());
    let (periods, breaks, source_changes) = periods::periodise(&measures, &years, &facts, s.settings.min_phase);
    let scales = [("troops_per_1000_max", w.troops_max)].into();
    Ok(Profile {
        subordinate: sub.code().to_string(),
        dominant: w.dominant.code().to_string(),
        years: w.years,
        measures,
        periods,
        breaks,
        source_changes,
        ranks,
        comparison_set: comparison.members.iter().map(|s| s.code().to_string()).collect(),
        comparison_rule: comparison.rule.clone(),
        ranked: i < w.members,
        warnings: warnings(w, comparison, sub, i),
        facts,
        needs: needs(w.inputs),
        scales,
    })
}

fn institutionalisation(s: &Settings, years: &[i32], r: &Raw) -> Measure {
    let points = years.iter().zip(&r.institutions);
    let part = |part: &str, value: fn(&IndexValue) -> f64| -> Vec<Point> {
        points
            .clone()
            .map(|(&y, v)| {
                let facts = v
                    .contributions
                    .iter()
                    .filter(|c| c.part == part)
                    .flat_map(|c| c.facts.iter().map(|f| format!("kb:{f}")))
                    .collect();
                Point::covered(y, value(v), "kb", facts)
            })
            .collect()
    };
    let index: Vec<Point> = points
        .clone()
        .map(|(&y, v)| {
            let sources = v.contributions.iter().flat_map(|c| c.facts.iter().map(|f| format!("kb:{f}"))).collect();
            let p = Point::covered(y, v.value, "kb", sources);
            if v.contributions.is_empty() {
                p
            } else {
                p.with_note(v.contributions.iter().map(|c| c.item.clone()).collect::<Vec<_>>().join(", "))
            }
        })
        .collect();
    let m = |name, series| measure(s, name, series, vec![]);
    measure(
        s,
        "institutionalisation",
        index,
        vec![
            m("provisions", part("provision", |v| v.provisions)),
            m("memberships", part("membership", |v| v.memberships)),
        ],
    )
}

/// The change of the vote distance from the year before.
fn distance_change(years: &[i32], r: &Raw) -> Vec<Point> {
    (0..years.len())
        .map(|t| match (t.checked_sub(1).and_then(|p| r.distance[p].value), r.distance[t].value) {
            (Some(a), Some(b)) => {
                let source = r.distance[t].source.as_deref().unwrap_or("unvotes");
                Point::measured(years[t], b - a, source, r.distance[t].sources.clone()).with_note(if b < a {
                    "moved closer"
                } else {
                    "moved apart"
                })
            }
            _ => Point::absent(years[t], r.distance[t].coverage, "needs this year and the one before"),
        })
        .collect()
}

/// What a reader must know before reading the numbers: a state outside the
/// comparison set, a set that was derived rather than configured.
fn warnings(w: &Indicators, comparison: &Comparison, sub: &State, i: usize) -> Vec<String> {
    let dom = w.dominant.code();
    let mut out = Vec::new();
    if i >= w.members {
        out.push(format!(
            "{} is not in {dom}'s comparison set ({}): it is shown on that set's scales, without a rank",
            sub.name,
            comparison.members.iter().map(|s| s.code()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !comparison.configured {
        out.push(comparison.rule.clone());
    }
    out
}

/// Which datasets the data folder lacks, and which measures they would fill.
fn needs(inputs: &Inputs) -> Vec<NeededData> {
    let d = inputs.data;
    let lacking = |ds: Dataset| match ds {
        Dataset::Population => d.population.is_none(),
        Dataset::Alliances => d.alliances.is_none(),
        Dataset::Trade => d.trade.is_none(),
        Dataset::Arms => d.arms.is_none(),
        Dataset::Votes => inputs.votes.is_none(),
        Dataset::PublishedIdeal => d.published_ideal.is_none(),
        Dataset::PublishedAgreement => d.published_agreement.is_none(),
        Dataset::UsTroops => d.us_troops.is_none(),
    };
    DATASETS
        .iter()
        .filter(|s| lacking(s.dataset))
        .map(|s| NeededData { measure: catalogue::needing(s.dataset), files: s.files, how: s.how })
        .collect()
}

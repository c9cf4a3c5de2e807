//! The hierarchy profile of a dominant–subordinate relation, year by year
//! (SPEC capability C; `docs/methods.md` §7–13): security and economic
//! hierarchy, institutionalisation, alignment in UN votes, intervening
//! powers, a composite with its sensitivity to the weights, and phases.
//!
//! Every value is a [`Point`] that keeps *not covered* (the source does not
//! reach that year), *missing* (it does, but has no figure) and *zero* apart,
//! and lists the sources it rests on: knowledge-base facts as `kb:<id>`, data
//! rows as `<dataset>:<key>`.
//!
//! Scaling needs a comparison set: the dominant state's subordinates (for
//! Russia the post-Soviet states; otherwise every state with a knowledge-base
//! fact tying it to the dominant state). All are computed together, so a
//! profile, a comparison and a ranking share one scale.
//!
//! The folder: [`model`] (points, measures, the profile), [`catalogue`] (every
//! measure written once), [`settings`], [`workspace`] (what a profile reads),
//! `indicators/` (the raw indicators by family), `composite` (combining them,
//! ranks), `assemble` (one relation's measures), [`periods`], [`whatif`] and
//! [`views`] (what interfaces return), [`long`] (profiles as one long table).

mod assemble;
pub mod catalogue;
mod composite;
mod indicators;
pub mod long;
pub mod model;
pub mod periods;
pub mod settings;
pub mod views;
pub mod whatif;
pub mod workspace;

use hegemony_core::{Registry, State};
use hegemony_kb::KnowledgeBase;

use crate::EngineError;
pub use long::long_table;
pub use model::{Basis, Coverage, KEY_FACT_CONFIDENCE, Measure, NeededData, Point, Profile, RankYear};
pub use periods::{Break, Driver, Period, SourceChange, what_moved};
pub use settings::{Options, Settings};
pub use views::{CompareView, ExplainedYear, Headline, PeriodsView, ProfileReport, explain_year, explained};
pub use whatif::{Difference, differences, scenario, what_if, without_fact, without_facts};
pub use workspace::{Inputs, Workspace};

/// A dominant state's comparison set: the states its relations are scaled
/// and ranked among, and why.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The members, by code.
    pub members: Vec<&'static State>,
    /// The rule that chose them, in words.
    pub rule: String,
    /// Whether the settings file names the set (else it was derived).
    pub configured: bool,
}

/// The comparison set of `dominant`: the settings file's, or where it has
/// none, every state a knowledge-base fact ties to the dominant state.
pub fn comparison_set(settings: &Settings, kb: &KnowledgeBase, dominant: &State) -> Comparison {
    let registry = Registry::global();
    let dom = dominant.code();
    let configured = settings.comparison_sets.iter().find(|(d, _)| registry.resolve(d).is_ok_and(|d| d.code() == dom));
    let (mut members, rule, configured): (Vec<&'static State>, String, bool) = match configured {
        Some((_, set)) => {
            (set.states.iter().filter_map(|s| registry.resolve(s).ok()).collect(), set.rule.clone(), true)
        }
        None => (
            registry.states().iter().filter(|s| !kb.facts_for_dyad(s.code(), dom, None).is_empty()).collect(),
            format!(
                "No comparison set is configured for {dom} ([comparison_sets] in the settings file): every state a \
                 knowledge-base fact ties to {dom}."
            ),
            false,
        ),
    };
    members.retain(|s| s.code() != dom);
    members.sort_by_key(|s| s.code().to_string());
    members.dedup_by_key(|s| s.code().to_string());
    Comparison { members, rule, configured }
}

/// Profiles of `subs` under `dominant`, all on the scale of the comparison set.
pub fn profiles(
    inputs: &Inputs,
    dominant: &'static State,
    subs: &[&'static State],
    years: (i32, i32),
) -> Result<Vec<Profile>, EngineError> {
    if years.0 > years.1 {
        return Err(EngineError::Request(format!("the range {}-{} is empty", years.0, years.1)));
    }
    if years.1 - years.0 > 300 {
        return Err(EngineError::Request(format!("the range {}-{} is too long (at most 300 years)", years.0, years.1)));
    }
    let comparison = comparison_set(inputs.settings, inputs.kb, dominant);
    // States outside the set are computed on its scales, but not ranked.
    let outsiders: Vec<&'static State> =
        subs.iter().copied().filter(|s| !comparison.members.iter().any(|m| m.code() == s.code())).collect();
    if let Some(s) = outsiders.iter().find(|s| s.code() == dominant.code()) {
        return Err(EngineError::Request(format!(
            "{} cannot be profiled under itself: give another dominant state (--dominant) or another subordinate",
            s.name
        )));
    }
    let set: Vec<&'static State> = comparison.members.iter().chain(&outsiders).copied().collect();
    let votes = inputs.votes.map(|v| indicators::distances(v, dominant, &set, years)).transpose()?;
    let world = indicators::Indicators::build(inputs, votes.as_ref(), dominant, &set, comparison.members.len(), years);
    let scores = composite::Scores::of(&world);
    subs.iter().map(|s| assemble::profile(&world, &scores, &comparison, s)).collect()
}

/// Ranking of every subordinate in the comparison set in `year`.
pub fn ranking(
    inputs: &Inputs,
    dominant: &'static State,
    years: (i32, i32),
    year: i32,
) -> Result<Vec<Profile>, EngineError> {
    let set = comparison_set(inputs.settings, inputs.kb, dominant).members;
    let mut all = profiles(inputs, dominant, &set, years)?;
    let rank = |p: &Profile| p.rank(year).map_or(usize::MAX, |r| r.sensitivity.rank);
    all.sort_by_key(|p| (rank(p), p.subordinate.clone()));
    Ok(all)
}

/// Which subordinates a comparison is about.
pub enum CompareSet<'a> {
    /// These states, in this order.
    States(&'a [&'static State]),
    /// Every subordinate of the dominant state, ranked in the year compared.
    All,
}

/// Profiles side by side for a comparison in `year` (which must lie in `years`).
pub fn compare(
    inputs: &Inputs,
    dominant: &'static State,
    set: CompareSet,
    years: (i32, i32),
    year: i32,
) -> Result<Vec<Profile>, EngineError> {
    if !(years.0..=years.1).contains(&year) {
        return Err(EngineError::Request(format!("year {year} is outside the years {}-{}", years.0, years.1)));
    }
    match set {
        CompareSet::All => ranking(inputs, dominant, years, year),
        CompareSet::States([]) => {
            Err(EngineError::Request("name the states to compare (e.g. ARM BLR KAZ), or ask for all of them".into()))
        }
        CompareSet::States(subs) => profiles(inputs, dominant, subs, years),
    }
}

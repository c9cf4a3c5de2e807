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

mod indicators;
mod periods;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use hegemony_core::{Registry, State};
use hegemony_data::LoadedVotes;
use hegemony_data::structural::Structural;
use hegemony_kb::KnowledgeBase;
use hegemony_kb::TimelineEntry;
use hegemony_measures::composite::{self, Sensitivity};
use hegemony_measures::convergence::Observation;
use hegemony_measures::institutions::Weights as InstitutionWeights;
use serde::{Deserialize, Serialize};

use crate::EngineError;
pub use periods::{Break, Driver, Period, SourceChange, what_moved};

const DEFAULT_SETTINGS: &str = include_str!("../weights/profile.toml");

/// How a year's value stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// A value from a source that covers the year.
    Covered,
    /// The source covers the year and records nothing: the value is 0.
    Zero,
    /// The source covers the year but lacks a figure needed.
    Missing,
    /// No source reaches the year (or the dataset is not in the data folder).
    NotCovered,
}

/// One year of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lo: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hi: Option<f64>,
    pub coverage: Coverage,
    /// The dataset or layer the value comes from (`kb`, `sipri`, `atop` …;
    /// joined with `+` for a value combining several).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when no source reaches this year and the value is the one of
    /// this earlier year, carried forward.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<i32>,
}

impl Point {
    /// A value from a source covering the year; 0 is reported as `zero`
    /// (the source records nothing: no troops, no assets).
    pub fn covered(year: i32, value: f64, source: &str, mut sources: Vec<String>) -> Point {
        let coverage = if value == 0.0 { Coverage::Zero } else { Coverage::Covered };
        let mut seen = std::collections::HashSet::new();
        sources.retain(|s| seen.insert(s.clone()));
        Point {
            year,
            value: Some(value),
            lo: None,
            hi: None,
            coverage,
            source: Some(source.to_string()),
            sources,
            note: None,
            carried_from: None,
        }
    }

    /// A measured value for which 0 is a measurement like any other (a
    /// distance, a share of a total, an index), never an absence.
    pub fn measured(year: i32, value: f64, source: &str, sources: Vec<String>) -> Point {
        Point { coverage: Coverage::Covered, ..Point::covered(year, value, source, sources) }
    }

    pub fn absent(year: i32, coverage: Coverage, note: impl Into<String>) -> Point {
        Point {
            year,
            value: None,
            lo: None,
            hi: None,
            coverage,
            source: None,
            sources: vec![],
            note: Some(note.into()),
            carried_from: None,
        }
    }

    fn with_note(mut self, note: impl Into<String>) -> Point {
        self.note = Some(note.into());
        self
    }

    fn with_range(mut self, lo: f64, hi: f64) -> Point {
        self.lo = Some(lo);
        self.hi = Some(hi);
        self
    }
}

/// A measure (or component): its series and the components it is made of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measure {
    pub name: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// What it means, in a sentence a journalist can use.
    pub about: &'static str,
    /// Its weight in the measure above it (`None`: not weighted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    pub series: Vec<Point>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Measure>,
}

impl Measure {
    pub fn at(&self, year: i32) -> Option<&Point> {
        self.series.iter().find(|p| p.year == year)
    }

    pub fn value(&self, year: i32) -> Option<f64> {
        self.at(year).and_then(|p| p.value)
    }

    /// This measure or a component of it (depth first) by name.
    pub fn find(&self, name: &str) -> Option<&Measure> {
        if self.name == name {
            return Some(self);
        }
        self.components.iter().find_map(|c| c.find(name))
    }
}

/// The settings file: weights of every level and the options of the measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub composite: BTreeMap<String, f64>,
    pub security: BTreeMap<String, f64>,
    pub economic: BTreeMap<String, f64>,
    pub settings: Options,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub arms_window: i32,
    pub arms_min_tiv: f64,
    pub sensitivity_draws: usize,
    pub seed: u64,
    pub strategic_sectors: Vec<String>,
    pub intervening_powers: Vec<String>,
    pub min_phase: usize,
}

impl Settings {
    /// The settings in `path`, or the shipped ones.
    pub fn load(path: Option<&Path>) -> Result<Settings, EngineError> {
        crate::read_toml(path, DEFAULT_SETTINGS, "built-in profile settings", Settings::validate)
    }

    fn validate(&self) -> Result<(), String> {
        let tables: [(&str, &BTreeMap<String, f64>, &[&str]); 3] = [
            ("composite", &self.composite, &["security", "economic", "institutionalisation", "alignment"]),
            ("security", &self.security, &["troops", "independent_alliances"]),
            (
                "economic",
                &self.economic,
                &["arms_import_share", "trade_share", "strategic_assets", "arms_supplier_concentration"],
            ),
        ];
        for (table, map, known) in tables {
            for (k, v) in map {
                if !known.contains(&k.as_str()) {
                    return Err(format!("[{table}] {k}: unknown part; known: {}", known.join(", ")));
                }
                if !(v.is_finite() && *v >= 0.0) {
                    return Err(format!("[{table}] {k} = {v}: weights must be finite and ≥ 0"));
                }
            }
            if map.values().sum::<f64>() <= 0.0 {
                return Err(format!("[{table}] needs at least one positive weight"));
            }
        }
        let o = &self.settings;
        if !(1..=30).contains(&o.arms_window) {
            return Err(format!("arms_window = {}: must be 1–30 years", o.arms_window));
        }
        if !(o.arms_min_tiv.is_finite() && o.arms_min_tiv >= 0.0) {
            return Err(format!("arms_min_tiv = {}: must be ≥ 0", o.arms_min_tiv));
        }
        if o.sensitivity_draws > 100_000 {
            return Err(format!("sensitivity_draws = {}: at most 100000", o.sensitivity_draws));
        }
        if o.min_phase == 0 {
            return Err("min_phase must be at least 1".into());
        }
        for p in &o.intervening_powers {
            Registry::global().resolve(p).map_err(|e| format!("intervening_powers: {e}"))?;
        }
        Ok(())
    }

    fn weight(map: &BTreeMap<String, f64>, name: &str) -> f64 {
        map.get(name).copied().unwrap_or(0.0)
    }
}

/// What a profile is computed from. Parts that are absent make their
/// measures *not covered*, and the profile says which dataset would fill them.
pub struct Inputs<'a> {
    pub kb: &'a KnowledgeBase,
    pub data: &'a Structural,
    /// The UN vote record (`None`: not in the data folder).
    pub votes: Option<&'a LoadedVotes>,
    pub institution_weights: &'a InstitutionWeights,
    pub settings: &'a Settings,
}

/// Distances 1 − κ (quadratic weights) of each subordinate to the dominant
/// state per year, and the last year of the vote record.
fn distances(
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

/// Everything a profile reads, loaded once: the CLI loads it per command, a
/// server keeps it and swaps in a new one when its knowledge base changes
/// ([`Workspace::with_kb`]: the datasets are shared, not read again).
pub struct Workspace {
    pub kb: KnowledgeBase,
    pub data: Arc<Structural>,
    /// The UN vote record, if the data folder has one.
    pub votes: Option<Arc<LoadedVotes>>,
    pub settings: Settings,
    pub institution_weights: InstitutionWeights,
}

impl Workspace {
    /// Loads the data folder of `engine` (`None`: no data folder, the
    /// knowledge base alone). A folder without UN votes is not an error.
    pub fn load(
        engine: Option<&crate::Engine>,
        kb: KnowledgeBase,
        settings: Settings,
        institution_weights: InstitutionWeights,
    ) -> Result<Workspace, EngineError> {
        let (data, votes) = match engine {
            Some(e) => {
                let data = e.load_structural()?;
                let votes = match e.load_votes(crate::VoteSource::Auto) {
                    Ok(v) => Some(v),
                    Err(EngineError::NoVoteData { .. }) => None,
                    Err(err) => return Err(err),
                };
                (data, votes)
            }
            None => (Structural::default(), None),
        };
        Ok(Workspace { kb, data: Arc::new(data), votes: votes.map(Arc::new), settings, institution_weights })
    }

    /// The same datasets and settings with another knowledge base (the
    /// datasets are shared, not copied or read again).
    pub fn with_kb(&self, kb: KnowledgeBase) -> Workspace {
        Workspace {
            kb,
            data: self.data.clone(),
            votes: self.votes.clone(),
            settings: self.settings.clone(),
            institution_weights: self.institution_weights.clone(),
        }
    }

    /// The knowledge base loaded again from `opts` (after a fact was
    /// written), on the same datasets; the error leaves `self` as it was.
    pub fn reload_kb(&self, opts: &hegemony_kb::LoadOptions) -> Result<Workspace, EngineError> {
        let kb = KnowledgeBase::load(opts).map_err(|e| EngineError::Request(e.to_string()))?;
        Ok(self.with_kb(kb))
    }

    /// The inputs of a profile on this workspace, with `kb` in place of the
    /// workspace's knowledge base if given (what-if).
    pub fn inputs<'a>(&'a self, kb: Option<&'a KnowledgeBase>) -> Inputs<'a> {
        Inputs {
            kb: kb.unwrap_or(&self.kb),
            data: &self.data,
            votes: self.votes.as_deref(),
            institution_weights: &self.institution_weights,
            settings: &self.settings,
        }
    }
}

/// A what-if knowledge base: the files `opts` names plus `assumed` (facts
/// added, or shipped facts replaced with `override = true`), without the
/// facts `without`. Nothing is written to disk.
pub fn scenario(
    opts: &hegemony_kb::LoadOptions,
    assumed: Vec<hegemony_kb::KbFile>,
    without: &[String],
) -> Result<KnowledgeBase, EngineError> {
    let mut files = hegemony_kb::gather_files(opts).map_err(|e| EngineError::Request(e.to_string()))?;
    files.extend(assumed);
    let compiled = hegemony_kb::compile(&files);
    if !compiled.errors.is_empty() {
        let errors: Vec<String> = compiled.errors.iter().map(|d| d.to_string()).collect();
        return Err(EngineError::Request(format!("the assumed facts do not load:\n{}", errors.join("\n"))));
    }
    without_facts(&KnowledgeBase::from_facts(compiled.facts), without)
}

/// A dataset a measure needs and the data folder lacks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NeededData {
    pub measure: &'static str,
    pub files: &'static str,
    pub how: &'static str,
}

/// Everything about one relation.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    pub subordinate: String,
    pub dominant: String,
    pub years: (i32, i32),
    /// composite first, then its parts, then context measures.
    pub measures: Vec<Measure>,
    pub periods: Vec<Period>,
    pub breaks: Vec<Break>,
    pub source_changes: Vec<SourceChange>,
    /// Rank among the comparison set per year (1 = most hierarchy), with its
    /// interval under random weights.
    pub ranks: Vec<RankYear>,
    pub comparison_set: Vec<String>,
    /// The dated facts of the relation (knowledge base), for the report.
    pub facts: Vec<TimelineEntry>,
    pub needs: Vec<NeededData>,
    /// How the scales were set (largest values among the comparison set).
    pub scales: BTreeMap<&'static str, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankYear {
    pub year: i32,
    pub of: usize,
    #[serde(flatten)]
    pub sensitivity: Sensitivity,
}

impl Profile {
    pub fn measure(&self, name: &str) -> Option<&Measure> {
        self.measures.iter().find_map(|m| m.find(name))
    }
}

/// The dominant state's subordinates: for Russia the post-Soviet states, else
/// every state a knowledge-base fact ties to it. `extra` are always included.
pub fn comparison_set(kb: &KnowledgeBase, dominant: &State, extra: &[&'static State]) -> Vec<&'static State> {
    let registry = Registry::global();
    let dom = dominant.code();
    let mut out: Vec<&'static State> = if dom == "RUS" {
        registry.group("post-soviet").unwrap_or_default()
    } else {
        registry.states().iter().filter(|s| !kb.facts_for_dyad(s.code(), dom, None).is_empty()).collect()
    };
    out.extend(extra.iter().copied());
    out.retain(|s| s.code() != dom);
    out.sort_by_key(|s| s.code().to_string());
    out.dedup_by_key(|s| s.code().to_string());
    out
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
    let set = comparison_set(inputs.kb, dominant, subs);
    let votes = inputs.votes.map(|v| distances(v, dominant, &set, years)).transpose()?;
    let world = indicators::World::build(inputs, votes.as_ref(), dominant, &set, years)?;
    subs.iter().map(|s| world.profile(s)).collect()
}

/// Ranking of every subordinate in the comparison set in `year`.
pub fn ranking(
    inputs: &Inputs,
    dominant: &'static State,
    years: (i32, i32),
    year: i32,
) -> Result<Vec<Profile>, EngineError> {
    let set = comparison_set(inputs.kb, dominant, &[]);
    let mut all = profiles(inputs, dominant, &set, years)?;
    let rank = |p: &Profile| p.ranks.iter().find(|r| r.year == year).map_or(usize::MAX, |r| r.sensitivity.rank);
    all.sort_by_key(|p| (rank(p), p.subordinate.clone()));
    Ok(all)
}

/// The difference between two profiles of the same relation (what-if).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub measure: &'static str,
    pub year: i32,
    pub baseline: Option<f64>,
    pub scenario: Option<f64>,
}

/// Every measure-year whose value changed between `baseline` and `scenario`.
pub fn differences(baseline: &Profile, scenario: &Profile) -> Vec<Difference> {
    fn walk(a: &Measure, b: &Measure, out: &mut Vec<Difference>) {
        for pa in &a.series {
            let vb = b.value(pa.year);
            let changed = match (pa.value, vb) {
                (Some(x), Some(y)) => (x - y).abs() > 1e-9,
                (None, None) => false,
                _ => true,
            };
            if changed {
                out.push(Difference { measure: a.name, year: pa.year, baseline: pa.value, scenario: vb });
            }
        }
        for ca in &a.components {
            if let Some(cb) = b.components.iter().find(|c| c.name == ca.name) {
                walk(ca, cb, out);
            }
        }
    }
    let mut out = Vec::new();
    for a in &baseline.measures {
        if let Some(b) = scenario.measures.iter().find(|m| m.name == a.name) {
            walk(a, b, &mut out);
        }
    }
    out
}

/// The knowledge base with a fact removed (for `--without`); an unknown id is
/// an error that suggests close ids.
pub fn without_fact(kb: &KnowledgeBase, id: &str) -> Result<KnowledgeBase, EngineError> {
    without_facts(kb, &[id.to_string()])
}

/// The knowledge base with these facts removed, rebuilt once; an unknown id
/// is an error that suggests close ids.
pub fn without_facts(kb: &KnowledgeBase, ids: &[String]) -> Result<KnowledgeBase, EngineError> {
    if let Some(id) = ids.iter().find(|id| kb.get(id).is_none()) {
        let mut close: Vec<(usize, &str)> = kb
            .facts()
            .iter()
            .map(|f| (hegemony_core::states::edit_distance(id, &f.id), f.id.as_str()))
            .filter(|(d, f)| *d <= 3 || f.contains(id.as_str()))
            .collect();
        close.sort();
        let close: Vec<&str> = close.into_iter().take(5).map(|(_, f)| f).collect();
        let hint = if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) };
        return Err(EngineError::Request(format!("--without {id}: no fact with this id{hint}")));
    }
    Ok(KnowledgeBase::from_facts(kb.facts().iter().filter(|f| !ids.contains(&f.id)).cloned().collect()))
}

/// Sensitivity of the composite across the comparison set in one year.
fn rank_year(parts: &[Vec<Option<f64>>], weights: &[f64], opts: &Options, year: i32) -> Vec<Option<Sensitivity>> {
    composite::sensitivity(parts, weights, opts.sensitivity_draws, opts.seed ^ year as u64)
}

/// The profile as JSON, with the scenario's profile and the differences from
/// the baseline when there is a what-if (`hegemony profile --format json`,
/// the API's profile and what-if).
pub fn report_json(baseline: &Profile, scenario: Option<&Profile>) -> serde_json::Value {
    let mut v = serde_json::to_value(baseline).unwrap_or_default();
    if let Some(s) = scenario {
        v["scenario"] = serde_json::to_value(s).unwrap_or_default();
        v["differences"] = serde_json::to_value(differences(baseline, s)).unwrap_or_default();
    }
    v
}

/// The measures `explain` takes apart: the one named (a measure or a
/// component), or all. An unknown name is an error listing the known ones.
pub fn explained<'a>(p: &'a Profile, name: Option<&str>) -> Result<Vec<&'a Measure>, EngineError> {
    match name {
        Some(name) => Ok(vec![p.measure(name).ok_or_else(|| {
            let mut names = Vec::new();
            for m in &p.measures {
                names.push(m.name);
                names.extend(m.components.iter().map(|c| c.name));
            }
            EngineError::Request(format!("no measure '{name}'; known: {}", names.join(", ")))
        })?]),
        None => Ok(p.measures.iter().collect()),
    }
}

/// One measure in one year with its components, as JSON (`explain`).
pub fn explain_json(m: &Measure, year: i32) -> serde_json::Value {
    serde_json::json!({
        "name": m.name, "label": m.label, "unit": m.unit, "about": m.about, "weight": m.weight,
        "point": m.at(year),
        "components": m.components.iter().map(|c| explain_json(c, year)).collect::<Vec<_>>(),
    })
}

/// `explain` of one year as JSON: the relation, the year and each measure.
pub fn explain_year(p: &Profile, year: i32, name: Option<&str>) -> Result<serde_json::Value, EngineError> {
    let out: Vec<serde_json::Value> = explained(p, name)?.iter().map(|m| explain_json(m, year)).collect();
    Ok(serde_json::json!({"subordinate": p.subordinate, "dominant": p.dominant, "year": year, "measures": out}))
}

/// The phases of a relation as JSON (`hegemony periods --format json`).
pub fn periods_json(p: &Profile) -> serde_json::Value {
    serde_json::json!({
        "subordinate": p.subordinate, "dominant": p.dominant,
        "periods": p.periods, "breaks": p.breaks, "source_changes": p.source_changes,
    })
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

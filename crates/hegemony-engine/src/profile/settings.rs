//! The profile's settings file (`weights/profile.toml`, or the user's
//! `--settings FILE`): the weights of every level and the measures' options.

use std::collections::BTreeMap;
use std::path::Path;

use hegemony_core::Registry;
use serde::{Deserialize, Serialize};

use super::catalogue;
use crate::EngineError;

const DEFAULT_SETTINGS: &str = include_str!("../../weights/profile.toml");

/// The settings file: weights of every level and the options of the measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Weights of the composite's parts.
    pub composite: BTreeMap<String, f64>,
    /// Weights of security hierarchy's components.
    pub security: BTreeMap<String, f64>,
    /// Weights of economic hierarchy's components.
    pub economic: BTreeMap<String, f64>,
    /// Each dominant state's comparison set, by state code.
    #[serde(default)]
    pub comparison_sets: BTreeMap<String, ComparisonSet>,
    /// The measures' options.
    pub settings: Options,
}

/// The states a dominant state's relations are scaled and ranked among, and
/// the rule that chose them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonSet {
    /// The rule in words (shown with every ranking).
    pub rule: String,
    /// The states, by code.
    pub states: Vec<String>,
}

/// Options of the measures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Years of the trailing window of arms-import shares.
    pub arms_window: i32,
    /// Smallest volume (SIPRI TIV) a window needs before it is widened.
    pub arms_min_tiv: f64,
    /// Random weightings drawn for the composite's band and rank intervals.
    pub sensitivity_draws: usize,
    /// Seed of those draws.
    pub seed: u64,
    /// The sectors of strategic assets.
    pub strategic_sectors: Vec<String>,
    /// Powers counted as intervening powers.
    pub intervening_powers: Vec<String>,
    /// Shortest phase, in years.
    pub min_phase: usize,
}

/// The weighted tables of the settings file: each names a measure of the
/// catalogue whose weighted components it weighs.
const WEIGHTED: [&str; 3] = ["composite", "security", "economic"];

impl Settings {
    /// The settings in `path`, or the shipped ones.
    pub fn load(path: Option<&Path>) -> Result<Settings, EngineError> {
        crate::read_toml(path, DEFAULT_SETTINGS, "built-in profile settings", Settings::validate)
    }

    fn table(&self, name: &str) -> &BTreeMap<String, f64> {
        match name {
            "composite" => &self.composite,
            "security" => &self.security,
            _ => &self.economic,
        }
    }

    fn validate(&self) -> Result<(), String> {
        for table in WEIGHTED {
            let map = self.table(table);
            let known = catalogue::weighted_parts(table);
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
        for (dom, set) in &self.comparison_sets {
            let d = Registry::global().resolve(dom).map_err(|e| format!("[comparison_sets.{dom}]: {e}"))?;
            for s in &set.states {
                let s = Registry::global().resolve(s).map_err(|e| format!("[comparison_sets.{dom}] states: {e}"))?;
                if s.code() == d.code() {
                    return Err(format!("[comparison_sets.{dom}] lists the dominant state itself"));
                }
            }
            if set.rule.trim().is_empty() {
                return Err(format!("[comparison_sets.{dom}] needs a rule saying why these states"));
            }
        }
        Ok(())
    }

    /// The weight of measure `name` in its parent (0 when the settings leave it out);
    /// `None` for a measure its parent does not weigh.
    pub fn weight_of(&self, name: &str) -> Option<f64> {
        let spec = catalogue::spec(name)?;
        let parent = spec.parent.filter(|p| spec.weighted && WEIGHTED.contains(p))?;
        Some(self.table(parent).get(name).copied().unwrap_or(0.0))
    }

    /// The weights of `parent`'s weighted components, in catalogue order.
    pub fn weights_of(&self, parent: &str) -> Vec<f64> {
        catalogue::weighted_parts(parent).iter().map(|n| self.weight_of(n).unwrap_or(0.0)).collect()
    }
}

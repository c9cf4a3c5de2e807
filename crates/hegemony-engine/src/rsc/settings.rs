//! The settings file of the complexes (`weights/rsc.toml`, or the user's
//! `--settings FILE`): the weights of every component, the opportunity to
//! interact, and the method's thresholds.

use std::collections::BTreeMap;
use std::path::Path;

use hegemony_measures::rsc::Settings as Thresholds;
use serde::{Deserialize, Serialize};

use crate::EngineError;

const DEFAULT: &str = include_str!("../../weights/rsc.toml");

/// The weights of the amity components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Amity {
    pub alliance: f64,
    pub organisation: f64,
    pub defence_cooperation: f64,
    pub basing: f64,
    pub arms: f64,
    pub un_votes: f64,
}

/// The weights of the enmity components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Enmity {
    pub rivalry: f64,
    pub dispute: f64,
    pub war: f64,
    pub occupation: f64,
}

/// The weight of the economic sector's component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Economic {
    pub trade: f64,
}

/// The opportunity to interact, by contact and distance in the contiguity network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Opportunity {
    pub land: f64,
    pub water_12: f64,
    pub water_24: f64,
    pub water_150: f64,
    pub water_400: f64,
    pub decay: f64,
    pub power_reach: u8,
    pub rivalry_floor: f64,
}

impl Opportunity {
    /// The opportunity of a direct contact of COW kind 1–5.
    pub fn contact(&self, kind: u8) -> f64 {
        match kind {
            1 => self.land,
            2 => self.water_12,
            3 => self.water_24,
            4 => self.water_150,
            5 => self.water_400,
            _ => 0.0,
        }
    }
}

/// Options of the components.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Years summed for arms-import shares.
    pub arms_window: i32,
    /// The smallest supplier share that counts as an arms tie.
    pub arms_min_share: f64,
    /// The fewest joint UN votes a kappa needs.
    pub un_min_votes: u64,
    /// Years a dispute is remembered (its level halved each year after it).
    pub dispute_memory: i32,
    /// Security organisations (knowledge-base ids) and the value of a shared full membership.
    pub organisations: BTreeMap<String, f64>,
    /// The share of a complex's arms imports that makes an outside supplier penetrating.
    pub penetration_arms_share: f64,
}

/// Everything in the settings file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RscSettings {
    /// Amity weights.
    pub amity: Amity,
    /// Enmity weights.
    pub enmity: Enmity,
    /// The economic sector's weight.
    pub economic: Economic,
    /// Opportunity.
    pub opportunity: Opportunity,
    /// Options.
    pub options: Options,
    /// The method's thresholds.
    pub structure: Thresholds,
}

impl RscSettings {
    /// The settings in `path`, or the shipped ones.
    pub fn load(path: Option<&Path>) -> Result<RscSettings, EngineError> {
        crate::read_toml(path, DEFAULT, "built-in complex settings (weights/rsc.toml)", RscSettings::validate)
    }

    fn validate(&self) -> Result<(), String> {
        let a = &self.amity;
        let e = &self.enmity;
        let o = &self.opportunity;
        let weights = [
            ("amity.alliance", a.alliance),
            ("amity.organisation", a.organisation),
            ("amity.defence_cooperation", a.defence_cooperation),
            ("amity.basing", a.basing),
            ("amity.arms", a.arms),
            ("amity.un_votes", a.un_votes),
            ("enmity.rivalry", e.rivalry),
            ("enmity.dispute", e.dispute),
            ("enmity.war", e.war),
            ("enmity.occupation", e.occupation),
            ("economic.trade", self.economic.trade),
        ];
        for (name, w) in weights {
            if !(w.is_finite() && w >= 0.0) {
                return Err(format!("{name} = {w}: weights must be finite and ≥ 0"));
            }
        }
        let shares = [
            ("opportunity.land", o.land),
            ("opportunity.water_12", o.water_12),
            ("opportunity.water_24", o.water_24),
            ("opportunity.water_150", o.water_150),
            ("opportunity.water_400", o.water_400),
            ("opportunity.decay", o.decay),
            ("opportunity.rivalry_floor", o.rivalry_floor),
            ("options.arms_min_share", self.options.arms_min_share),
            ("options.penetration_arms_share", self.options.penetration_arms_share),
            ("structure.insulator_own", self.structure.insulator_own),
            ("structure.insulator_other", self.structure.insulator_other),
            ("structure.centre_share", self.structure.centre_share),
            ("structure.centre_reach", self.structure.centre_reach),
            ("structure.pole_share", self.structure.pole_share),
        ];
        for (name, v) in shares {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!("{name} = {v}: must lie between 0 and 1"));
            }
        }
        if !(1..=6).contains(&o.power_reach) {
            return Err(format!("opportunity.power_reach = {}: must be 1–6 steps", o.power_reach));
        }
        if !(1..=20).contains(&self.options.dispute_memory) {
            return Err(format!("options.dispute_memory = {}: must be 1–20 years", self.options.dispute_memory));
        }
        if !(1..=30).contains(&self.options.arms_window) {
            return Err(format!("options.arms_window = {}: must be 1–30 years", self.options.arms_window));
        }
        let s = &self.structure;
        if !(s.resolution.is_finite() && s.resolution > 0.0) {
            return Err(format!("structure.resolution = {}: must be > 0", s.resolution));
        }
        if s.min_members < 2 {
            return Err(format!("structure.min_members = {}: a complex has at least 2 states", s.min_members));
        }
        for (org, v) in &self.options.organisations {
            if !(v.is_finite() && *v >= 0.0) {
                return Err(format!("options.organisations.{org} = {v}: must be ≥ 0"));
            }
        }
        Ok(())
    }
}

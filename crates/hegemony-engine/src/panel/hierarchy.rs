//! The hierarchy profile's composite and parts as panel columns: the
//! profiles of every dominant state with a configured comparison set, over
//! the profile's years within the panel's.

use hegemony_core::Registry;
use hegemony_kb::KnowledgeBase;
use rustc_hash::FxHashMap;

use super::key;
use crate::profile::{self, Settings, Workspace};
use crate::{Engine, EngineError};

/// The years the profiles span (the CLI's default `--years`).
pub const YEARS: (i32, i32) = (1992, 2025);

/// The measures the panel shows, in its column order.
pub const MEASURES: [&str; 5] = ["composite", "security", "economic", "institutionalisation", "alignment"];

/// The dominant state's COW code and the five values of a relation-year.
pub(super) type RelationYear = (u16, [Option<f64>; 5]);

/// Relation-years by unordered dyad-year.
pub struct Hierarchy {
    pub(super) values: FxHashMap<(u16, u16, i32), RelationYear>,
}

impl Hierarchy {
    /// The profiles of every configured dominant state's comparison set over
    /// [`YEARS`] (the profiles' scales span their years, so a value never
    /// depends on the panel's years), kept in the panel's `years`.
    pub(super) fn compute(engine: &Engine, years: (i32, i32)) -> Result<Hierarchy, EngineError> {
        let mut values = FxHashMap::default();
        let span = (years.0.max(YEARS.0), years.1.min(YEARS.1));
        if span.0 > span.1 {
            return Ok(Hierarchy { values });
        }
        let kb = KnowledgeBase::load_default().map_err(|e| EngineError::Request(e.to_string()))?;
        let ws = Workspace::load(Some(engine), kb, Settings::load(None)?, crate::institutions::weights(None)?)?;
        let registry = Registry::global();
        for dom in ws.settings.comparison_sets.keys() {
            let dominant = registry.resolve(dom)?;
            let set = profile::comparison_set(&ws.settings, &ws.kb, dominant).members;
            let (Some(d), profiles) = (dominant.cow, profile::profiles(&ws.inputs(None), dominant, &set, YEARS)?)
            else {
                continue;
            };
            for p in &profiles {
                let Some(s) = registry.lookup(&p.subordinate).and_then(|s| s.cow) else { continue };
                for year in span.0..=span.1 {
                    let v = MEASURES.map(|m| p.measure(m).and_then(|x| x.value(year)));
                    if v.iter().any(Option::is_some) {
                        values.insert(key(d, s, year), (d, v));
                    }
                }
            }
        }
        Ok(Hierarchy { values })
    }
}

//! What-if: the knowledge base with facts removed or assumed, and what
//! changes in a profile recomputed on it.

use hegemony_kb::KnowledgeBase;
use serde::Serialize;

use super::{Measure, Profile};
use crate::EngineError;

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

/// The what-if of an interface's options: facts left out (`without`, ids)
/// and facts assumed (`assume`, knowledge-base TOML files or folders) on top
/// of the default knowledge base; `None` when neither is given.
pub fn what_if(without: &[String], assume: &[std::path::PathBuf]) -> Result<Option<KnowledgeBase>, EngineError> {
    if without.is_empty() && assume.is_empty() {
        return Ok(None);
    }
    let mut assumed = Vec::new();
    for path in assume {
        assumed.extend(
            hegemony_kb::read_dir_files(path, hegemony_kb::model::Layer::User, "")
                .map_err(|e| EngineError::Request(e.to_string()))?,
        );
    }
    scenario(&hegemony_kb::LoadOptions::default_paths(), assumed, without).map(Some)
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

/// One measure-year whose value differs between a baseline and a what-if.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// The measure's catalogue name.
    pub measure: &'static str,
    /// The year.
    pub year: i32,
    /// Its value on the baseline.
    pub baseline: Option<f64>,
    /// Its value in the what-if.
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

//! A search's actor filter from what a user typed.

use hegemony_evidence::Gazetteer;
use hegemony_kb::KnowledgeBase;

use crate::EngineError;

/// A search's actor filter: an id with a colon (`org:csto`) as is, a state
/// by any of its names, else a name of the gazetteer (`Gyumri`).
pub fn resolve_actor(kb: Option<&KnowledgeBase>, a: &str) -> Result<String, EngineError> {
    if a.contains(':') {
        return Ok(a.to_string());
    }
    if let Ok(code) = hegemony_kb::canonical_state(a) {
        return Ok(code);
    }
    let g = Gazetteer::build(kb);
    let chars: Vec<char> = a.chars().collect();
    let toks = hegemony_evidence::gazetteer::tokenize(&chars);
    match g.find(&chars, &toks).first() {
        Some(m) if m.end - m.start == chars.len() => Ok(m.actor.id.clone()),
        _ => Err(EngineError::Request(format!(
            "unknown actor '{a}': give a state (ARM, Armenia) or an id such as org:csto or place:gyumri"
        ))),
    }
}

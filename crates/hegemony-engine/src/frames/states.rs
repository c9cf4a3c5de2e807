//! The state registry as a table (`hegemony states`).

use hegemony_core::states::Spell;
use hegemony_core::{Registry, State};

use super::{ints, texts};
use crate::EngineError;
use crate::table::Table;

fn spells(s: &[Spell]) -> Option<String> {
    (!s.is_empty()).then(|| {
        s.iter()
            .map(|sp| format!("{}..{}", sp.start, sp.end.map(|e| e.to_string()).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The states whose code, name, capital or alias matches `query` (all
/// states without one): `iso3`, `ccode`, `cow_abb`, `gwcode`, `name`,
/// `cow_system` and `un_member` (spells `start..end`, space-separated),
/// `aliases` (`; `-separated). A query matching nothing is an error with
/// did-you-mean hints.
pub fn states(query: Option<&str>) -> Result<Table, EngineError> {
    let registry = Registry::global();
    let found: Vec<&State> = registry.search(query.unwrap_or(""));
    if found.is_empty() {
        // resolve() explains the miss with did-you-mean hints.
        registry.resolve(query.unwrap_or(""))?;
    }
    let mut t = Table::default();
    t.push("iso3", texts(&found, |s| s.iso3.clone()));
    t.push("ccode", ints(&found, |s| s.cow.map(i64::from)));
    t.push("cow_abb", texts(&found, |s| s.cow_abb.clone()));
    t.push("gwcode", ints(&found, |s| s.gw.map(i64::from)));
    t.push("name", texts(&found, |s| Some(s.name.clone())));
    t.push("cow_system", texts(&found, |s| spells(&s.cow_spells)));
    t.push("un_member", texts(&found, |s| spells(&s.un_spells)));
    t.push("aliases", texts(&found, |s| (!s.aliases.is_empty()).then(|| s.aliases.join("; "))));
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_finds_its_state_and_a_miss_is_an_error() {
        // A misspelling still finds the state (the search is fuzzy).
        for q in ["armenia", "Armnia"] {
            let t = states(Some(q)).unwrap();
            assert_eq!(t.column("iso3").unwrap().text(0), Some("ARM"));
            assert_eq!(t.column("ccode").unwrap().cell(0), crate::table::Cell::Int(371));
        }
        let e = states(Some("Qzqzq")).unwrap_err().to_string();
        assert!(e.starts_with("unknown state 'Qzqzq'"), "{e}");
        assert_eq!(states(None).unwrap().rows(), Registry::global().states().len());
    }
}

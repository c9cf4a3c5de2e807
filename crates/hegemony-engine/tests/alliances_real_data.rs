//! The knowledge base carries what ATOP carried: in ATOP's last year, every
//! state of every comparison set (and each dominant state) has the same
//! military allies in the knowledge base as in ATOP — so the switch of
//! source after 2018 moves nothing by itself.

use std::collections::BTreeMap;

use hegemony_engine::Engine;
use hegemony_engine::alliances::Network;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::Settings;
use hegemony_engine::select;

#[test]
#[ignore = "real data: needs ../shared/data"]
fn alliances_continue_past_atop() {
    let dir = hegemony_test_support::shared_data("ps_atop_alliance.csv.gz");
    let data = Engine::new(dir).with_cache(None).load_structural().unwrap();
    let atop = data.alliances.expect("ATOP in the data folder");
    let last = atop.last_year;
    let kb = KnowledgeBase::embedded().unwrap();
    let kb_ties = Network::of_kb(&kb, last);

    let settings = Settings::load(None).unwrap();
    let mut states: Vec<String> = settings.comparison_sets.values().flat_map(|s| s.states.clone()).collect();
    states.extend(settings.comparison_sets.keys().cloned());
    states.sort();
    states.dedup();
    let wanted: Vec<&_> = states.iter().map(|c| select::state(c).unwrap()).collect();
    let atop_ties = Network::of_atop(&atop, (last, last), &wanted).remove(&last).unwrap();
    let mut gaps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for code in &states {
        let state = select::state(code).unwrap();
        let (a, k) = (atop_ties.of(state, last), kb_ties.of(state, last));
        let (am, km) = (&a.allies, &k.allies);
        let missing: Vec<&String> = am.iter().filter(|p| !km.contains(*p)).collect();
        let extra: Vec<&String> = km.iter().filter(|p| !am.contains(*p)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            gaps.entry(code.clone())
                .or_default()
                .push(format!("military allies only in ATOP {missing:?}, only in the knowledge base {extra:?}"));
        }
    }
    for (s, g) in &gaps {
        eprintln!("{s}: {}", g.join("; "));
    }
    assert!(
        gaps.is_empty(),
        "{} states whose alliances in {last} differ between ATOP and the knowledge base",
        gaps.len()
    );
}

//! The data compiled into the program (default-data/, made by its make.py)
//! gives the full data's answer: every relation of every configured
//! comparison set is profiled twice — on ../shared/data and on the default
//! data — and the two profiles must be identical, value for value and
//! source for source.

use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{self, Settings, Workspace};
use hegemony_engine::{Engine, default_data, institutions, select};

fn workspace(engine: &Engine) -> Workspace {
    let kb = KnowledgeBase::embedded().unwrap();
    Workspace::load(Some(engine), kb, Settings::load(None).unwrap(), institutions::weights(None).unwrap()).unwrap()
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn default_data_gives_the_full_data_answer() {
    let full = workspace(&Engine::new(hegemony_test_support::shared_data("ps_cow_nmc.csv.gz")).with_cache(None));
    let default = workspace(&Engine::new(default_data::folder().unwrap()).with_cache(None));
    let settings = Settings::load(None).unwrap();
    let mut compared = 0;
    for dom in settings.comparison_sets.keys() {
        let dom = select::state(dom).unwrap();
        let set = profile::comparison_set(&settings, &full.kb, dom).members;
        let a = profile::profiles(&full.inputs(None), dom, &set, (1992, 2025)).unwrap();
        let b = profile::profiles(&default.inputs(None), dom, &set, (1992, 2025)).unwrap();
        for (a, b) in a.iter().zip(&b) {
            let (ja, jb) = (serde_json::to_value(a).unwrap(), serde_json::to_value(b).unwrap());
            if ja != jb {
                let diff = first_difference(&ja, &jb, String::new()).unwrap_or_default();
                panic!("{} under {}: the default data differs from the full data at {diff}", a.subordinate, a.dominant);
            }
            compared += 1;
        }
    }
    assert!(compared >= 40, "only {compared} relations compared");
}

/// The path of the first value that differs, and the two values.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.iter().find_map(|(k, v)| first_difference(v, y.get(k).unwrap_or(&Value::Null), format!("{at}.{k}")))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| first_difference(v, w, format!("{at}[{i}]")))
        }
        _ => (a != b).then(|| format!("{at}: {a} vs {b}")),
    }
}

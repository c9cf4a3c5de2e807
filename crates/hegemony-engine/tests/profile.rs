//! The hierarchy profile on a small hand-built world, where every value can be
//! computed on paper, and what-if recomputation.

use std::path::Path;

use hegemony_engine::kb::model::Layer;
use hegemony_engine::kb::{KbFile, KnowledgeBase, compile};
use hegemony_engine::measures::institutions::Weights;
use hegemony_engine::profile::{self, Coverage, Inputs, Profile, Settings};
use hegemony_engine::select;

/// Russia and Armenia: a defence treaty from 2000, a base with 3,000 troops
/// (estimate of 2005), a gas network held by a Russian firm.
const FACTS: &str = r#"
[[source]]
id = "general"
kind = "unverified"
title = "Test world"
note = "invented for the test"

[[agreement]]
id = "t-defence"
title = "Test defence treaty"
parties = ["RUS", "ARM"]
signed = "2000-01-01"
provisions = ["mutual_defence"]
confidence = 0.9
sources = [{ ref = "general" }]

[[presence]]
id = "t-base"
dominant = "RUS"
host = "ARM"
facility = "base"
since = "2000-01-01"
consent = [{ status = "consented" }]
confidence = 0.9
sources = [{ ref = "general" }]
troops = [{ date = "2005", low = 3000, high = 3000, sources = [{ ref = "general" }] }]

[[asset]]
id = "t-gas"
sector = "gas"
asset = "Test gas network"
owner = "Testgaz"
owner_state = "RUS"
host = "ARM"
share = 100.0
since = "2000-01-01"
confidence = 0.9
sources = [{ ref = "general" }]
"#;

fn kb() -> KnowledgeBase {
    let c = compile(&[KbFile { path: "test.toml".into(), text: FACTS.into(), layer: Layer::User }]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    KnowledgeBase::from_facts(c.facts)
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The data folder: Armenia 3 million people; ATOP to 2006 with Armenia
/// allied to Russia and Iran, Russia to Armenia only; SIPRI to 2006 with
/// Russia 90 and China 10 TIV a year; COW trade to 2006.
fn data_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let mut nmc = String::from("ccode,year,tpop\n");
    let mut atop = String::from("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n");
    let mut sipri = String::from("supplier,recipient,year,value,supplier_cown,recipient_cown\n");
    let mut ndy = String::from("ccode1,ccode2,year,flow1,flow2\n");
    let mut sy = String::from("ccode,year,imports,exports\n");
    for y in 2000..=2006 {
        nmc += &format!("371,{y},3000\n370,{y},9000\n");
        atop +=
            &format!("371,365,{y},1,0,0,0,0\n365,371,{y},1,0,0,0,0\n371,630,{y},1,0,0,0,0\n630,371,{y},1,0,0,0,0\n");
        // A consultation pact only: not a military ally.
        atop += &format!("371,2,{y},0,0,0,0,1\n");
        sipri += &format!("Russia,Armenia,{y},90,365,371\nChina,Armenia,{y},10,710,371\n");
        ndy += &format!("371,365,{y},60,40\n");
        sy += &format!("371,{y},600,400\n");
    }
    write(d.path(), "ps_cow_nmc.csv", &nmc);
    write(d.path(), "ps_atop_alliance.csv", &atop);
    write(d.path(), "sipri_tiv_transfers_1950_2021.csv", &sipri);
    write(d.path(), "ps_cow_trade_ndy.csv", &ndy);
    write(d.path(), "ps_cow_trade_sy.csv", &sy);
    d
}

/// Institutionalisation weights that make the index easy to compute: two
/// provision kinds of equal weight, memberships not counted.
fn inst_weights() -> Weights {
    toml::from_str(
        "provision_share = 1.0\n[provisions]\nmutual_defence = 1\nbasing_rights = 1\n[statuses]\nmember = 1.0\n[organisations]\ncsto = 1\n",
    )
    .unwrap()
}

fn profile_of(kb: &KnowledgeBase, data_dir: Option<&Path>, sub: &str) -> Profile {
    let data = match data_dir {
        Some(d) => hegemony_engine::Engine::new(d).with_cache(None).load_structural().unwrap(),
        None => Default::default(),
    };
    let settings = Settings::load(None).unwrap();
    let weights = inst_weights();
    let inputs = Inputs { kb, data: &data, votes: None, institution_weights: &weights, settings: &settings };
    let dom = select::state("RUS").unwrap();
    let sub = select::state(sub).unwrap();
    profile::profiles(&inputs, dom, &[sub], (2000, 2008)).unwrap().remove(0)
}

fn value(p: &Profile, measure: &str, year: i32) -> Option<f64> {
    p.measure(measure).unwrap_or_else(|| panic!("no measure {measure}")).value(year)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn every_index_by_hand() {
    let d = data_dir();
    let p = profile_of(&kb(), Some(d.path()), "ARM");
    // Troops: 3,000 / 3,000 thousand = 1 per 1,000; the largest in the set, so scaled to 1.
    assert!(close(value(&p, "troops", 2005), 1.0));
    // Independent alliances: Iran (a military ally of Armenia, not of Russia); the US pact is consultation only.
    assert!(close(value(&p, "independent_alliances", 2005), 1.0));
    // Alliances: a defence pact with Russia (tie 1) × (1 − 1 of 1 military allies bypassing Russia) = 0.
    assert!(close(value(&p, "alliance_tie", 2005), 1.0));
    assert!(close(value(&p, "alliances", 2005), 0.0));
    // Security = mean(troops scaled 1, alliances 0) = 0.5.
    assert!(close(value(&p, "security", 2005), 0.5));
    // Arms 2001–2005: Russia 450 of 500 TIV.
    assert!(close(value(&p, "arms_import_share", 2005), 0.9));
    // Concentration: HHI 0.82, normalised (0.82 − 0.5) / 0.5.
    assert!(close(value(&p, "arms_supplier_concentration", 2005), 0.64));
    // Trade: 100 of 1,000.
    assert!(close(value(&p, "trade_share", 2005), 0.1));
    // Assets: gas, one of the seven strategic sectors.
    assert!(close(value(&p, "strategic_assets", 2005), 1.0 / 7.0));
    let economic = (0.9 + 0.1 + 1.0 / 7.0) / 3.0; // concentration weighs 0
    assert!(close(value(&p, "economic", 2005), economic));
    // Institutionalisation: mutual defence, one of two equally weighted kinds.
    assert!(close(value(&p, "institutionalisation", 2005), 0.5));
    // Composite: no vote data, so alignment is missing and counts over its
    // whole range: at 0.5 for the value, 0 and 1 for the bounds (before the
    // random weights widen the band).
    let known = 0.5 + economic + 0.5;
    assert!(close(value(&p, "composite", 2005), (known + 0.5) / 4.0));
    let c = p.measure("composite").unwrap().at(2005).unwrap();
    assert!(
        c.note.as_deref().unwrap().contains("75%") && c.note.as_deref().unwrap().contains("missing: alignment"),
        "{:?}",
        c.note
    );
    assert!(c.lo.unwrap() <= known / 4.0 + 1e-9 && c.hi.unwrap() >= (known + 1.0) / 4.0 - 1e-9, "{c:?}");
    let a = p.measure("alignment").unwrap().at(2005).unwrap();
    assert_eq!((a.value, a.coverage), (None, Coverage::NotCovered));
    assert!(p.needs.iter().any(|n| n.measure.starts_with("alignment")), "{:?}", p.needs);
}

#[test]
fn not_covered_zero_and_missing_stay_apart() {
    let d = data_dir();
    let arm = profile_of(&kb(), Some(d.path()), "ARM");
    // SIPRI and COW trade end in 2006: later years are not covered, not zero.
    for m in ["arms_import_share", "trade_share"] {
        let pt = arm.measure(m).unwrap().at(2007).unwrap();
        assert_eq!((pt.value, pt.coverage), (None, Coverage::NotCovered), "{m}");
    }
    // After ATOP the knowledge base takes over, and the switch is an annotation.
    let ind = arm.measure("independent_alliances").unwrap().at(2007).unwrap();
    assert_eq!(ind.source.as_deref(), Some("kb"));
    assert!(arm.source_changes.iter().any(|c| c.year == 2007 && c.measure == "independent_alliances"));
    assert!(!arm.breaks.iter().any(|b| b.year == 2007 && b.measure == "independent_alliances"));
    // Economic carries the ended parts instead of renormalising onto the asset alone.
    let econ = arm.measure("economic").unwrap().at(2008).unwrap();
    assert!(close(econ.value, (0.9 + 0.1 + 1.0 / 7.0) / 3.0), "{econ:?}");
    assert!(econ.note.as_deref().unwrap().contains("carried"), "{:?}", econ.note);
    // Belarus: no presence recorded is zero troops; no arms imports is missing.
    let blr = profile_of(&kb(), Some(d.path()), "BLR");
    let t = blr.measure("troops").unwrap().at(2005).unwrap();
    assert_eq!((t.value, t.coverage), (Some(0.0), Coverage::Zero));
    let arms = blr.measure("arms_import_share").unwrap().at(2005).unwrap();
    assert_eq!((arms.value, arms.coverage), (None, Coverage::Missing));
}

#[test]
fn troops_before_the_first_estimate_are_that_estimate_and_say_so() {
    let d = data_dir();
    let p = profile_of(&kb(), Some(d.path()), "ARM");
    let t = p.measure("troops").unwrap().at(2001).unwrap();
    assert!(close(t.value, 1.0));
    assert!(t.note.as_deref().unwrap().contains("carried back"), "{:?}", t.note);
    assert!(t.sources.iter().any(|s| s == "kb:t-base") && t.sources.iter().any(|s| s.starts_with("ps_cow_nmc:")));
}

#[test]
fn without_data_the_knowledge_base_alone_gives_a_profile_and_names_what_is_missing() {
    let p = profile_of(&kb(), None, "ARM");
    assert!(close(value(&p, "institutionalisation", 2005), 0.5));
    let t = p.measure("troops").unwrap().at(2005).unwrap();
    assert_eq!(t.coverage, Coverage::NotCovered);
    assert!(value(&p, "composite", 2005).is_some());
    let needs: Vec<&str> = p.needs.iter().map(|n| n.files).collect();
    assert!(needs.contains(&"ps_cow_nmc") && needs.contains(&"ps_atop_alliance"), "{needs:?}");
}

#[test]
fn what_if_without_the_treaty_lowers_institutionalisation_and_shows_the_difference() {
    let d = data_dir();
    let base = kb();
    let scenario = profile::without_fact(&base, "t-defence").unwrap();
    let a = profile_of(&base, Some(d.path()), "ARM");
    let b = profile_of(&scenario, Some(d.path()), "ARM");
    assert!(close(value(&b, "institutionalisation", 2005), 0.0));
    let diff = profile::differences(&a, &b);
    assert!(diff.iter().any(|x| x.measure == "institutionalisation" && x.year == 2005 && close(x.scenario, 0.0)));
    assert!(diff.iter().any(|x| x.measure == "composite" && x.year == 2005));
    assert!(!diff.iter().any(|x| x.measure == "troops"), "troops do not depend on the treaty");
    let e = profile::without_fact(&base, "t-defense").unwrap_err().to_string();
    assert!(e.contains("t-defense") && e.contains("t-defence"), "{e}");
}

#[test]
fn a_broken_settings_file_names_itself_and_the_field() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("s.toml");
    let text = Settings::load(None).map(|s| toml::to_string(&s).unwrap()).unwrap();
    std::fs::write(&p, text.replace("arms_window = 5", "arms_window = 0")).unwrap();
    let e = Settings::load(Some(&p)).unwrap_err().to_string();
    assert!(e.contains("s.toml") && e.contains("arms_window"), "{e}");
    std::fs::write(&p, text.replace("[security]", "[security]\nbogus = 1")).unwrap();
    let e = Settings::load(Some(&p)).unwrap_err().to_string();
    assert!(e.contains("bogus"), "{e}");
}

#[test]
fn a_profile_shows_every_measure_of_the_catalogue_and_no_other() {
    use hegemony_engine::profile::catalogue::{CATALOGUE, spec};
    let d = data_dir();
    let p = profile_of(&kb(), Some(d.path()), "ARM");
    let shown: Vec<&str> = p.measures.iter().flat_map(|m| m.walk()).map(|m| m.name).collect();
    for m in p.measures.iter().flat_map(|m| m.walk()) {
        let s = spec(m.name).unwrap_or_else(|| panic!("{}: not in the catalogue", m.name));
        assert_eq!((m.label, m.unit, m.about), (s.label, s.unit, s.about), "{}", m.name);
        for c in &m.components {
            assert_eq!(spec(c.name).and_then(|s| s.parent), Some(m.name), "{} is listed under {}", c.name, m.name);
        }
    }
    for s in CATALOGUE {
        assert!(shown.contains(&s.name), "{} is in the catalogue but not in a profile", s.name);
    }
    assert_eq!(shown.len(), CATALOGUE.len(), "a measure is shown twice: {shown:?}");
}

/// With the UN Digital Library's voting file in the data folder, alignment
/// is measured to its last session (here 2023), not predicted.
#[test]
fn alignment_is_measured_from_the_un_digital_library_file() {
    let d = tempfile::tempdir().unwrap();
    let mut csv = String::from("undl_id,ms_code,ms_vote,date,session,resolution\n");
    // Russia yes yes no abstain yes, Armenia yes no no yes abstain, in sessions 77 and 78.
    for (session, year) in [(77, 2022), (78, 2023)] {
        for (i, (r, a)) in ["Y", "Y", "N", "A", "Y"].iter().zip(["Y", "N", "N", "Y", "A"]).enumerate() {
            let id = session * 10 + i;
            csv += &format!("{id},RUS,{r},{year}-11-0{},{session},A/RES/{session}/{i}\n", i + 1);
            csv += &format!("{id},ARM,{a},{year}-11-0{},{session},A/RES/{session}/{i}\n", i + 1);
        }
    }
    write(d.path(), "undl_ga_voting.csv", &csv);
    let engine = hegemony_engine::Engine::new(d.path()).with_cache(None);
    let votes = engine.load_votes(hegemony_engine::VoteSource::Auto).unwrap();
    let settings = Settings::load(None).unwrap();
    let weights = inst_weights();
    let data = Default::default();
    let kb = kb();
    let inputs =
        Inputs { kb: &kb, data: &data, votes: Some(&votes), institution_weights: &weights, settings: &settings };
    let p = profile::profiles(&inputs, select::state("RUS").unwrap(), &[select::state("ARM").unwrap()], (2021, 2023))
        .unwrap()
        .remove(0);
    let a = p.measure("alignment").unwrap().at(2023).unwrap();
    assert_eq!((a.basis, a.source.as_deref()), (Some(profile::Basis::Measured), Some("undl")), "{a:?}");
    assert!(p.measure("un_distance").unwrap().value(2022).is_some());
    assert!(!p.needs.iter().any(|n| n.files.contains("unvotes")), "the votes are there: {:?}", p.needs);
}

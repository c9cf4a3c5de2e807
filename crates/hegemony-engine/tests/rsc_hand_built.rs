//! The complexes of a hand-built world whose answer is worked out on paper
//! (the data files in a temporary folder, an empty knowledge base).

use std::path::Path;

use hegemony_engine::Engine;
use hegemony_engine::institutions;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{Settings, Workspace};
use hegemony_engine::rsc::{Inputs, RscSettings, Sector, complex_network, year};

/// Two regions in 2000. The Caucasus and Russia: land borders ARM–GEO,
/// ARM–AZE, GEO–AZE, GEO–RUS, AZE–RUS; an ATOP defence pact RUS–ARM and a
/// non-aggression pact RUS–GEO; the TSS rivalry ARM–AZE. The Southern Cone:
/// BRA, ARG, URY, PRY all allied; all border one another but Paraguay and
/// Uruguay, which do not. CINC: RUS 0.05, AZE 0.002, ARM and GEO 0.001; BRA
/// 0.025, ARG 0.006, URY and PRY 0.0005.
///
/// On paper (γ = 1.5, the settings file's): Russia is a major power, so it
/// reaches Armenia two steps away at half the opportunity: RUS–ARM amity
/// 1 × 0.5, RUS–GEO 0.5 × 1, ARM–AZE enmity 1 × 1. In the Cone, the
/// PRY–URY alliance has no opportunity (no border, neither a power): five
/// ties of 1. m = 7, 2m = 14; degree sums 4 and 10. One community per region:
/// Q = (2/7 − 1.5·(4/14)²) + (5/7 − 1.5·(10/14)²) = 0.163265 − 0.051020 =
/// 0.112245. Splitting the Caucasus into {ARM, AZE}, {RUS, GEO} gives
/// 0.095025 + 0.054209 = 0.149235 < 0.163265 for it; splitting the Cone
/// into pairs, 2·(1/7 − 1.5·(5/14)²) = −0.0969 < −0.0510: two complexes.
/// Russia holds 0.05/0.054 and has amity with Armenia and Georgia (2 of 3):
/// centred on Russia; Brazil holds 0.025/0.032 and is allied with all three:
/// centred on Brazil. No other state has a tie: unstructured.
fn two_regions(dir: &Path) {
    let w = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    w(
        "ps_cow_contdir.csv",
        "ccode1,ccode2,conttype,stdate,enddate\n371,372,1,1991-12-01,2016-12-01\n371,373,1,1991-12-01,2016-12-01\n\
         372,373,1,1991-12-01,2016-12-01\n365,372,1,1991-12-01,2016-12-01\n365,373,1,1991-12-01,2016-12-01\n\
         140,160,1,1816-01-01,2016-12-01\n140,165,1,1828-01-01,2016-12-01\n140,150,1,1816-01-01,2016-12-01\n\
         160,165,1,1828-01-01,2016-12-01\n150,160,1,1816-01-01,2016-12-01\n",
    );
    let mut atop = String::from("ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n");
    atop += "365,371,2000,1,0,0,0,0\n365,372,2000,0,0,0,1,0\n";
    for (a, b) in [(140, 160), (140, 165), (140, 150), (160, 165), (150, 160), (150, 165)] {
        atop += &format!("{a},{b},2000,1,0,0,0,0\n");
    }
    w("ps_atop_alliance.csv", &atop);
    w(
        "ps_tss_rivalries.csv",
        "tssr_id,rivalry,ccode1,ccode2,start,end,positional,spatial,ideological,interventionary,principal,aprin\n\
         199,Armenia-Azerbaijan,371,373,1991,2020,,1,,1,1,\n",
    );
    let mut nmc = String::from("ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n");
    for (c, cinc) in [
        (365, 0.05),
        (371, 0.001),
        (372, 0.001),
        (373, 0.002),
        (140, 0.025),
        (160, 0.006),
        (165, 0.0005),
        (150, 0.0005),
    ] {
        nmc += &format!("{c},2000,,,,,,,{cinc}\n");
    }
    w("ps_cow_nmc.csv", &nmc);
    w("ps_cow_majors.csv", "ccode,styear,endyear\n365,1922,2016\n2,1898,2016\n");
    w("ps_maoz_powers.csv", "ccode,regstdate,regenddate,globstdate,globenddate\n365,1991-01-01,2019-12-31,,\n");
}

#[test]
fn complexes_of_a_hand_built_world_as_worked_out_on_paper() {
    let dir = tempfile::tempdir().unwrap();
    two_regions(dir.path());
    let kb = KnowledgeBase::from_facts(vec![]);
    let engine = Engine::new(dir.path()).with_cache(None);
    let ws = Workspace::load(Some(&engine), kb, Settings::load(None).unwrap(), institutions::weights(None).unwrap())
        .unwrap();
    let s = RscSettings::load(None).unwrap();
    assert_eq!(s.structure.resolution, 1.5, "the figures below are for γ = 1.5");
    let inputs = Inputs::new(&ws, &s);
    let v = year(&inputs, 2000, Sector::MilitaryPolitical, false).unwrap();
    let sorted = |m: &[String]| {
        let mut m = m.to_vec();
        m.sort();
        m
    };
    assert_eq!(v.complexes.len(), 2);
    let (a, b) = (&v.complexes[0], &v.complexes[1]);
    assert_eq!((a.id.as_str(), a.centre.as_deref()), ("rsc-RUS", Some("RUS")));
    assert_eq!(sorted(&a.members), ["ARM", "AZE", "GEO", "RUS"]);
    assert_eq!((b.id.as_str(), b.centre.as_deref()), ("rsc-BRA", Some("BRA")));
    assert_eq!(sorted(&b.members), ["ARG", "BRA", "PRY", "URY"]);
    assert!((a.polarity.shares[0].share - 0.05 / 0.054).abs() < 1e-12);
    assert!((b.polarity.shares[0].share - 0.025 / 0.032).abs() < 1e-12);
    // ARM–AZE enmity 1 against RUS–ARM 0.5 and RUS–GEO 0.5 of amity: enmity share 0.5, a conflict formation.
    assert_eq!((a.character.amity, a.character.enmity, a.character.kind), (1.0, 1.0, "conflict_formation"));
    assert_eq!(b.character.kind, "security_community");
    assert!(
        (v.method.quality - (2.0 / 7.0 - 1.5 * (4.0f64 / 14.0).powi(2) + 5.0 / 7.0 - 1.5 * (10.0f64 / 14.0).powi(2)))
            .abs()
            < 1e-12
    );
    assert!(v.insulators.is_empty());
    assert!(v.unstructured.contains(&"USA".to_string()) && !v.unstructured.contains(&"ARM".to_string()));
    let n = complex_network(&inputs, 2000, Sector::MilitaryPolitical, "ARM").unwrap();
    let edge = |x: &str, y: &str| n.edges.iter().find(|e| e.a == x && e.b == y).unwrap();
    let arm_aze = edge("ARM", "AZE");
    assert_eq!((arm_aze.enmity, arm_aze.components[0].sources[0].as_str()), (1.0, "ps_tss_rivalries:199"));
    let rus_arm = edge("RUS", "ARM");
    assert_eq!((rus_arm.opportunity, rus_arm.amity, rus_arm.steps), (0.5, 0.5, Some(2)));
    assert_eq!(rus_arm.components[0].sources[0], "ps_atop_alliance:365-371/2000");
}

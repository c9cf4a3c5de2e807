//! The institutionalisation index on the shipped knowledge base: what the
//! documents describe must show (issue 5's checks on the Russia–Armenia frame).

use hegemony_engine::institutions::{self, InstitutionYear};
use hegemony_engine::kb::KnowledgeBase;

fn series(sub: &str, years: std::ops::RangeInclusive<i32>) -> Vec<InstitutionYear> {
    let kb = KnowledgeBase::embedded().expect("the shipped knowledge base loads");
    let w = institutions::weights(None).unwrap();
    institutions::series(&kb, sub, "RUS", years, &w)
}

fn at(s: &[InstitutionYear], year: i32) -> f64 {
    s.iter().find(|y| y.year == year).unwrap().index.value
}

#[test]
fn armenia_rises_with_the_2013_2016_agreements_and_falls_with_the_2024_freeze() {
    let s = series("ARM", 1992..=2025);
    for y in &s {
        eprintln!(
            "{} {:.3} (provisions {:.3}, memberships {:.3})",
            y.year, y.index.value, y.index.provisions, y.index.memberships
        );
        assert!((0.0..=1.0).contains(&y.index.value));
    }
    assert!(at(&s, 2016) > at(&s, 2012), "2013 MTC, 2015 air defence, 2016 joint group raise it");
    assert!(at(&s, 2024) < at(&s, 2023), "the CSTO freeze lowers it");
    let y2016 = s.iter().find(|y| y.year == 2016).unwrap();
    let jf = y2016.index.contributions.iter().find(|c| c.item == "joint_forces").expect("joint forces in 2016");
    assert!(jf.facts.iter().any(|f| f == "rus-arm-joint-group-2016"), "{:?}", jf.facts);
    let csto_2024 = s.iter().find(|y| y.year == 2024).unwrap();
    assert!(!csto_2024.index.contributions.iter().any(|c| c.item.starts_with("csto:member")));
}

#[test]
fn belarus_is_more_institutionalised_than_azerbaijan() {
    let blr = series("BLR", 2010..=2010);
    let aze = series("AZE", 2010..=2010);
    assert!(blr[0].index.value > aze[0].index.value + 0.2, "{} vs {}", blr[0].index.value, aze[0].index.value);
    assert!(blr[0].index.contributions.iter().any(|c| c.item.starts_with("union-state:")));
}

#[test]
fn a_broken_weights_file_names_itself() {
    let d = std::env::temp_dir().join(format!("hegemony-weights-{}.toml", std::process::id()));
    std::fs::write(
        &d,
        "provision_share = 2\n[provisions]\nmutual_defence = 1\n[statuses]\n[organisations]\ncsto = 1\n",
    )
    .unwrap();
    let e = institutions::weights(Some(&d)).unwrap_err().to_string();
    let _ = std::fs::remove_file(&d);
    assert!(e.contains("hegemony-weights") && e.contains("provision_share"), "{e}");
}

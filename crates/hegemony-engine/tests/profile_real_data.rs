//! The Russia–Armenia profile on the real data and the shipped knowledge
//! base: what the documents in ../shared/documents describe must show.
//!
//! `#[ignore]`d so `cargo test` passes without ../shared; CI runs them with
//! `--ignored`, and they fail loudly when the data is missing.

use std::path::PathBuf;
use std::sync::OnceLock;

use hegemony_data::LoadedVotes;
use hegemony_data::structural::Structural;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::measures::dependence::supplier_shares;
use hegemony_engine::profile::{self, Coverage, Inputs, Profile, Settings};
use hegemony_engine::{Engine, VoteSource, institutions, select};

fn shared() -> PathBuf {
    hegemony_test_support::shared_data("ps_cow_nmc.csv.gz")
}

struct World {
    kb: KnowledgeBase,
    data: Structural,
    votes: LoadedVotes,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let engine = Engine::new(shared()).with_cache(None);
        World {
            kb: KnowledgeBase::embedded().unwrap(),
            data: engine.load_structural().unwrap(),
            votes: engine.load_votes(VoteSource::Unvotes).unwrap(),
        }
    })
}

fn profiles(subs: &[&str]) -> Vec<Profile> {
    let w = world();
    let settings = Settings::load(None).unwrap();
    let weights = institutions::weights(None).unwrap();
    let inputs =
        Inputs { kb: &w.kb, data: &w.data, votes: Some(&w.votes), institution_weights: &weights, settings: &settings };
    let subs: Vec<_> = subs.iter().map(|s| select::state(s).unwrap()).collect();
    profile::profiles(&inputs, select::state("RUS").unwrap(), &subs, (1992, 2025)).unwrap()
}

fn value(p: &Profile, m: &str, y: i32) -> f64 {
    p.measure(m).unwrap().value(y).unwrap_or_else(|| panic!("{} {m} {y} has no value", p.subordinate))
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn every_real_data_file_loads_without_refused_rows() {
    let d = &world().data;
    assert!(d.population.is_some() && d.alliances.is_some() && d.trade.is_some() && d.arms.is_some());
    assert!(d.us_troops.is_some());
    // troopdata lists territories too (Puerto Rico, Guam …), which have no COW
    // state code: those rows, and only those, are refused, each named.
    for diag in &d.diagnostics.items {
        assert!(diag.file.to_string_lossy().contains("troopdata"), "{diag}");
        assert_eq!(diag.reason, "unknown COW state code", "{diag}");
    }
    assert_eq!(d.alliances.as_ref().unwrap().last_year, 2018);
    assert_eq!(d.trade.as_ref().unwrap().last_year, 2014);
    assert_eq!(d.arms.as_ref().unwrap().last_year, 2021);
    // US troops in Japan in 2016 as troopdata has them.
    assert_eq!(d.us_troops.as_ref().unwrap().get(740, 2016), Some(38818.0));
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn armenia_profile_shows_what_the_documents_describe() {
    let p = &profiles(&["ARM"])[0];
    // Every series has every year, and no value is NaN; indices stay on [0, 1].
    for m in &p.measures {
        for c in std::iter::once(m).chain(m.components.iter()) {
            assert_eq!(c.series.len(), 34, "{}", c.name);
            for pt in &c.series {
                if let Some(v) = pt.value {
                    assert!(v.is_finite(), "{} {}", c.name, pt.year);
                }
            }
        }
        if m.unit.starts_with("index") {
            assert!(m.series.iter().filter_map(|x| x.value).all(|v| (0.0..=1.0).contains(&v)), "{}", m.name);
        }
    }
    // Institutionalisation rises with the 2013–2016 agreements and falls with the 2024 CSTO freeze.
    assert!(value(p, "institutionalisation", 2016) > value(p, "institutionalisation", 2012));
    assert!(value(p, "institutionalisation", 2024) < value(p, "institutionalisation", 2023));
    assert!(p.breaks.iter().any(|b| b.measure == "institutionalisation" && b.year == 2024), "{:?}", p.breaks);
    // The 2024 break lists the freeze among its facts.
    let b = p.breaks.iter().find(|b| b.measure == "institutionalisation" && b.year == 2024).unwrap();
    assert!(b.facts.iter().any(|f| f.id == "arm-csto"), "{:?}", b.facts);
    // ... and names what moved: memberships fell, the frozen CSTO membership changed.
    let d = b.drivers.iter().find(|d| d.component == "memberships").expect("memberships drove the 2024 break");
    assert!(d.after < d.before, "{d:?}");
    assert!(d.changed.iter().any(|id| id == "kb:arm-csto"), "{d:?}");
    // Arms: "Russia supplied 94 per cent of Armenia's arms imports 2011–2020" (SIPRI, quoted in the documents).
    let arms = world().data.arms.as_ref().unwrap();
    let share = supplier_shares(arms.to(371).iter().map(|t| (t.supplier, t.year, t.tiv)), 2011, 2020);
    let s = share.share_of(365).unwrap();
    assert!((0.93..=0.96).contains(&s), "{s}");
    assert!(value(p, "arms_import_share", 2020) > 0.9);
    // Russian troops at Gyumri and Erebuni: about 1 per 1,000 inhabitants or more.
    assert!(value(p, "troops", 2016) > 1.0);
    // Coverage: COW trade ends 2014, SIPRI 2021, the vote record in January 2020.
    let cov = |m: &str, y: i32| p.measure(m).unwrap().at(y).unwrap().coverage;
    assert_eq!(cov("trade_share", 2015), Coverage::NotCovered);
    assert_eq!(cov("arms_import_share", 2022), Coverage::NotCovered);
    assert_eq!(cov("un_distance", 2021), Coverage::NotCovered);
    assert_eq!(cov("trade_share", 2014), Coverage::Covered);
    // After the vote record ends, the published ideal points show Armenia
    // moving away from Russia (2022–2024: the war in Ukraine, the CSTO freeze).
    let mean = |a: i32, b: i32| (a..=b).map(|y| value(p, "ideal_distance", y)).sum::<f64>() / f64::from(b - a + 1);
    assert!(mean(2022, 2024) > 2.0 * mean(2012, 2019), "{} vs {}", mean(2022, 2024), mean(2012, 2019));
    // Alignment past 2019 is predicted from the published agreement with
    // Russia (to 2023), then from those ideal points (2024), each chained on
    // the year before and marked predicted, said as a source change; 2025 is carried.
    let al = p.measure("alignment").unwrap();
    assert_eq!(al.at(2023).unwrap().source.as_deref(), Some("voeten_agree"));
    assert_eq!(al.at(2024).unwrap().source.as_deref(), Some("voeten_ideal"));
    assert_eq!(al.at(2023).unwrap().basis, Some(profile::Basis::Predicted));
    assert_eq!(al.at(2025).unwrap().carried_from, Some(2024));
    assert!(p.source_changes.iter().any(|c| c.measure == "alignment" && c.year == 2020), "{:?}", p.source_changes);
    assert!(value(p, "composite", 2024) < value(p, "composite", 2019));
    // Source changes are annotations, never breaks.
    for c in &p.source_changes {
        assert!(!p.breaks.iter().any(|b| b.year == c.year && b.measure == c.measure), "{c:?}");
    }
    assert!(p.source_changes.iter().any(|c| c.year == 2019 && c.measure == "independent_alliances"));
    // Sources: the 2016 institutionalisation rests on the joint-forces agreement.
    let inst = p.measure("institutionalisation").unwrap().at(2016).unwrap();
    assert!(inst.sources.iter().any(|s| s == "kb:rus-arm-joint-group-2016"), "{:?}", inst.sources);
}

/// Armenia and Belarus as document 003 compares them: Russia's closest
/// military relation is with Armenia (a base with about 3,000 troops; in
/// Belarus no combat troops, about 850 at two facilities), while Belarus is
/// bound more tightly by institutions (the Union State) and "consistently
/// supports" Russia's positions in the UN.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn armenia_and_belarus_as_document_003_compares_them() {
    let ps = profiles(&["ARM", "BLR"]);
    let (arm, blr) = (&ps[0], &ps[1]);
    for y in [2005, 2012] {
        assert!(value(arm, "troops", y) > 5.0 * value(blr, "troops", y), "{y}");
        assert!(value(arm, "security", y) > value(blr, "security", y), "{y}");
        assert!(value(blr, "institutionalisation", y) > value(arm, "institutionalisation", y), "{y}");
    }
    // UN alignment: Belarus closer to Russia than Armenia on average over 2000–2012.
    let mean = |p: &Profile| (2000..=2012).map(|y| value(p, "alignment", y)).sum::<f64>() / 13.0;
    assert!(mean(blr) > mean(arm), "BLR {} ARM {}", mean(blr), mean(arm));
    // Both are in Russia's comparison set (the eleven CIS states), ranked with intervals.
    assert_eq!(arm.comparison_set.len(), 11);
    let r = arm.ranks.iter().find(|r| r.year == 2012).unwrap();
    assert!(r.sensitivity.rank_best <= r.sensitivity.rank && r.sensitivity.rank <= r.sensitivity.rank_worst);
}

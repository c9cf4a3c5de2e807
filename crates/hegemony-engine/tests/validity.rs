//! Expert judgements about Russia's relations, written as tests: each says
//! what an area specialist would sign, why, and on what source. They run on
//! the data compiled into the program (which gives the full data's answer:
//! `default_data_real_data.rs`), so a fresh clone checks them too.
//!
//! These are judgements about rankings and magnitudes, not pinned numbers:
//! each can fail when a measure reads an artefact as politics.

use std::sync::OnceLock;

use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{self, Basis, Profile, Settings, Workspace};
use hegemony_engine::{Engine, default_data, institutions, select};

fn workspace() -> &'static Workspace {
    static W: OnceLock<Workspace> = OnceLock::new();
    W.get_or_init(|| {
        let engine = Engine::new(default_data::folder().unwrap()).with_cache(None);
        let kb = KnowledgeBase::embedded().unwrap();
        Workspace::load(Some(&engine), kb, Settings::load(None).unwrap(), institutions::weights(None).unwrap()).unwrap()
    })
}

/// Russia's comparison set, profiled 1992–2025.
fn russia() -> &'static [Profile] {
    static P: OnceLock<Vec<Profile>> = OnceLock::new();
    P.get_or_init(|| {
        let ws = workspace();
        let rus = select::state("RUS").unwrap();
        let set = profile::comparison_set(&ws.settings, &ws.kb, rus).members;
        profile::profiles(&ws.inputs(None), rus, &set, (1992, 2025)).unwrap()
    })
}

fn of(code: &str) -> &'static Profile {
    russia().iter().find(|p| p.subordinate == code).unwrap_or_else(|| panic!("{code} is not in Russia's set"))
}

fn value(p: &Profile, measure: &str, year: i32) -> f64 {
    p.measure(measure)
        .and_then(|m| m.value(year))
        .unwrap_or_else(|| panic!("{} {measure} {year}: no value", p.subordinate))
}

fn rank(p: &Profile, year: i32) -> usize {
    p.rank(year).unwrap_or_else(|| panic!("{} not ranked in {year}", p.subordinate)).sensitivity.rank
}

/// The NATO members among the post-Soviet states are not Russia's
/// subordinates: no Russian forces since 1994, no alliance with Russia, in
/// NATO since 29 March 2004 (kb: est-nato, lva-nato, ltu-nato). Profiled
/// outside Russia's comparison set, with a warning and no rank.
#[test]
fn the_baltic_nato_members_show_no_security_hierarchy() {
    let ws = workspace();
    let rus = select::state("RUS").unwrap();
    for code in ["EST", "LVA", "LTU"] {
        let p =
            profile::profiles(&ws.inputs(None), rus, &[select::state(code).unwrap()], (1992, 2025)).unwrap().remove(0);
        assert!(!p.ranked && p.rank(2016).is_none(), "{code} is outside the comparison set");
        assert!(p.warnings.iter().any(|w| w.contains("not in RUS's comparison set")), "{code}: {:?}", p.warnings);
        for y in 2004..=2025 {
            assert!(value(&p, "security", y) <= 0.05, "{code} {y}: security {}", value(&p, "security", y));
            assert_eq!(value(&p, "alliance_tie", y), 0.0, "{code} {y}");
        }
    }
}

/// Belarus is Russia's closest ally in 2022–2024: the Union State, Russian
/// forces on its territory for the invasion of Ukraine, Russian
/// non-strategic nuclear weapons from 2023 (kb: rus-blr-forces-2022,
/// rus-blr-nuclear-storage).
#[test]
fn belarus_is_first_or_second_in_2022_to_2024() {
    for y in 2022..=2024 {
        assert!(rank(of("BLR"), y) <= 2, "{y}: Belarus ranks {}", rank(of("BLR"), y));
    }
}

/// From the annexation of Crimea (UN General Assembly resolution 68/262,
/// 27 March 2014) Ukraine is at war with Russia and not its subordinate:
/// the bottom third of the eleven.
#[test]
fn ukraine_is_in_the_bottom_tier_from_2014() {
    let n = russia().len();
    for y in 2014..=2025 {
        assert!(rank(of("UKR"), y) > n - n / 3 - 1, "{y}: Ukraine ranks {} of {n}", rank(of("UKR"), y));
        assert_eq!(value(of("UKR"), "alliance_tie", y), 0.0, "{y}: no alliance holds under occupation");
        assert!(value(of("UKR"), "coercive_presence", y) > 0.0, "{y}: Crimea is occupied");
    }
}

/// Russian forces in Abkhazia and South Ossetia since 2008 are held against
/// Georgia's will (kb: rus-geo-abkhazia-base and rus-geo-south-ossetia-base,
/// occupation): coercion, not authority. Armenia hosts the 102nd base under
/// the 1995 treaty (kb: rus-arm-102-base). Georgia's security hierarchy
/// stays well below Armenia's, and its forces show as coercive presence.
#[test]
fn georgia_shows_occupation_not_hierarchy() {
    for y in 2009..=2025 {
        let (geo, arm) = (value(of("GEO"), "security", y), value(of("ARM"), "security", y));
        assert!(geo + 0.5 < arm, "{y}: Georgia {geo:.2}, Armenia {arm:.2}");
        assert!(value(of("GEO"), "coercive_presence", y) > 0.5, "{y}: {}", value(of("GEO"), "coercive_presence", y));
        assert_eq!(value(of("GEO"), "troops", y), 0.0, "{y}: no consented Russian troops");
    }
}

/// Turkmenistan's permanent neutrality (UN General Assembly resolution
/// 50/80, 12 December 1995) keeps it out of alliances once its 1992 defence
/// treaty with Russia lapsed (ATOP 5.1, atopid 4300, 1992–2002) and the
/// Russian border troops left (1999): a neutral state is not subordinate
/// for lacking other allies.
#[test]
fn neutral_turkmenistan_is_low() {
    for y in 2003..=2025 {
        assert!(value(of("TKM"), "security", y) <= 0.15, "{y}: {}", value(of("TKM"), "security", y));
        assert!(rank(of("TKM"), y) >= 7, "{y}: ranks {}", rank(of("TKM"), y));
    }
}

/// Kazakhstan hosts test ranges and Baikonur but few Russian troops (about
/// 900 servicemen in 2024, kb: rus-kaz-sary-shagan): a part without a
/// figure must not lift it above Belarus or Armenia.
#[test]
fn kazakhstan_does_not_lead_on_missing_troop_figures() {
    for y in 2015..=2025 {
        assert!(rank(of("KAZ"), y) >= 3, "{y}: Kazakhstan ranks {}", rank(of("KAZ"), y));
        let s = of("KAZ").measure("security").unwrap().at(y).unwrap();
        if s.missing.contains(&"troops") {
            let (lo, hi) = (s.lo.unwrap(), s.hi.unwrap());
            assert!(lo < s.value.unwrap() && s.value.unwrap() < hi, "{y}: a missing part counts over its range");
            assert!(s.value.unwrap() < 1.0, "{y}: missing read as the maximum");
        }
    }
}

/// Armenia, with the 102nd base, the joint group of forces (2016) and the
/// unified air defence (2015), is among Russia's two closest subordinates
/// until its turn away after 2023 (document 000).
#[test]
fn armenia_is_first_or_second_in_2014_to_2019() {
    for y in 2014..=2019 {
        assert!(rank(of("ARM"), y) <= 2, "{y}: Armenia ranks {}", rank(of("ARM"), y));
    }
}

/// A change of source is not a change in the world: where the alliance
/// part passes from ATOP to the knowledge base (after 2018), its value does
/// not move unless a knowledge-base fact dated that year or the year before
/// is added or removed among its sources.
#[test]
fn no_alliance_value_jumps_at_a_source_switch() {
    for p in russia() {
        for c in p
            .source_changes
            .iter()
            .filter(|c| ["alliances", "alliance_tie", "independent_alliances"].contains(&c.measure))
        {
            let m = p.measure(c.measure).unwrap();
            let (before, after) = (m.value(c.year - 1), m.value(c.year));
            if before != after {
                let facts: Vec<String> =
                    m.at(c.year).unwrap().sources.iter().filter(|s| s.starts_with("kb:")).cloned().collect();
                let dated = facts.iter().any(|id| {
                    p.facts
                        .iter()
                        .any(|f| format!("kb:{}", f.fact_id) == *id && (c.year - 1..=c.year).contains(&f.date.year))
                });
                assert!(
                    dated,
                    "{} {} {}: {before:?} → {after:?} at a switch {} → {} with no dated fact",
                    p.subordinate, c.measure, c.year, c.from, c.to
                );
            }
        }
    }
}

/// The same for every indicator of the profile (the measures with no
/// components, whose value rests on their own source alone) and for
/// alignment, at every switch of source: where a value moves at a switch, a
/// dated fact or a published figure of that year explains it (a
/// knowledge-base fact dated that year or the year before among its
/// sources, or a prediction from that year's published figure), never the
/// switch itself. (A combined measure moves with its parts every year —
/// troops per capita with the population — so it is checked through them.)
#[test]
fn no_value_moves_at_a_source_switch_without_a_reason() {
    let mut unexplained = Vec::new();
    for p in russia() {
        for c in &p.source_changes {
            let m = p.measure(c.measure).unwrap();
            if !m.components.is_empty() && m.name != "alignment" {
                continue;
            }
            let (Some(before), Some(now)) = (m.at(c.year - 1), m.at(c.year)) else { continue };
            let (Some(a), Some(b)) = (before.value, now.value) else { continue };
            if (a - b).abs() < 1e-9 {
                continue;
            }
            let kb = &workspace().kb;
            let ids = || before.sources.iter().chain(&now.sources).filter_map(|s| s.strip_prefix("kb:"));
            // A fact that began or ended that year or the year before …
            let near =
                |d: Option<hegemony_core::PartialDate>| d.is_some_and(|d| (c.year - 1..=c.year).contains(&d.year));
            let dated = ids().any(|id| kb.get(id).is_some_and(|f| near(f.start) || near(f.end)));
            // … or a published figure for the year: a prediction from one, or a dependence figure whose window holds it.
            let published = now.basis == Some(Basis::Predicted)
                || ids().any(|id| {
                    kb.get(id).is_some_and(|f| {
                        f.kind() == hegemony_engine::kb::model::FactKind::Dependence && f.touches_year(c.year)
                    })
                });
            if !(dated || published) {
                unexplained.push(format!(
                    "{} {} {}: {a:.3} → {b:.3} ({} → {})",
                    p.subordinate, c.measure, c.year, c.from, c.to
                ));
            }
        }
    }
    assert!(unexplained.is_empty(), "values that move at a source switch with no reason:\n{}", unexplained.join("\n"));
}

/// Past the vote record (2019 here) alignment is predicted from the
/// published agreement and ideal points and carried after them: marked so
/// in every year, never as measured.
#[test]
fn alignment_past_the_votes_is_marked_predicted_or_carried() {
    for p in russia() {
        let a = p.measure("alignment").unwrap();
        for y in 2020..=2024 {
            assert_eq!(a.at(y).unwrap().basis, Some(Basis::Predicted), "{} {y}", p.subordinate);
        }
        assert_eq!(a.at(2025).unwrap().basis, Some(Basis::Carried), "{}", p.subordinate);
        assert_eq!(a.at(2019).unwrap().basis, Some(Basis::Measured), "{}", p.subordinate);
    }
}

//! Regional security complexes on the real data of ../shared/data: the
//! comparison with *Regions and Powers* for 2000 and 2005, the South
//! Caucasus year by year with sources, every year 1946–2025, and bad input.
//!
//! `docs/rsc.md` is written from these results: `HEGEMONY_WRITE_DOCS=1`
//! writes it, otherwise the test fails when the file differs (an intended
//! change of results is its own commit, with the diff of that file).

use std::fmt::Write as _;
use std::sync::OnceLock;

use hegemony_engine::Engine;
use hegemony_engine::profile::Workspace;
use hegemony_engine::rsc::reference::BookComparison;
use hegemony_engine::rsc::timeline::PathYear;
use hegemony_engine::rsc::{Inputs, RscSettings, Sector, compare_with_book, state_path, timeline};

fn workspace() -> &'static Workspace {
    static WS: OnceLock<Workspace> = OnceLock::new();
    WS.get_or_init(|| {
        let dir = hegemony_test_support::shared_data("ps_tss_rivalries.csv.gz");
        Workspace::open(Some(&Engine::new(dir).with_cache(None)), None, None).unwrap()
    })
}

fn settings(resolution: Option<f64>) -> RscSettings {
    let mut s = RscSettings::load(None).unwrap();
    if let Some(r) = resolution {
        s.structure.resolution = r;
    }
    s
}

fn ari(x: &hegemony_engine::measures::rsc::RandIndex) -> String {
    x.ari.map_or("undefined".into(), |a| format!("{a:.3}"))
}

fn comparison_section(out: &mut String, c: &BookComparison, sensitivity: &[(f64, BookComparison)]) {
    let _ = writeln!(out, "\n### {}\n", c.year);
    let _ = writeln!(
        out,
        "Adjusted Rand index over the {} states both place in a complex: **{}**; over the {} whose placement in \
         the book rests on a checked source (document 003, a secondary text, the book's front matter): **{}**.\n",
        c.complexes.n,
        ari(&c.complexes),
        c.complexes_checked.n,
        ari(&c.complexes_checked)
    );
    let _ = writeln!(
        out,
        "| resolution γ | ARI (all) | ARI (checked) | post-Soviet subcomplexes ARI |\n|---:|---:|---:|---:|"
    );
    for (g, s) in sensitivity {
        let _ = writeln!(
            out,
            "| {g} | {} | {} | {} |",
            ari(&s.complexes),
            ari(&s.complexes_checked),
            ari(&s.post_soviet_subcomplexes)
        );
    }
    let _ = writeln!(out, "\nOur complexes and the book's they match (most members in common):\n");
    for (ours, book) in &c.matched {
        let _ = writeln!(out, "- {ours} → {}", book.as_deref().unwrap_or("(no book complex)"));
    }
    let _ =
        writeln!(out, "\nInsulators: the book {}; ours {}.\n", c.insulators.0.join(", "), c.insulators.1.join(", "));
    let subs: Vec<String> = c.post_soviet_ours.iter().map(|g| g.join(" ")).collect();
    let _ = writeln!(
        out,
        "Post-Soviet subcomplexes (ours): {}; ARI with the book's Caucasus, Central Asia and Western group: {}.\n",
        subs.join(" | "),
        ari(&c.post_soviet_subcomplexes)
    );
    let _ = writeln!(out, "Every disagreement ({}):\n", c.disagreements.len());
    let _ =
        writeln!(out, "| state | ours | the book | book's source | why the data put it there |\n|---|---|---|---|---|");
    for d in &c.disagreements {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            d.state,
            d.ours,
            d.book,
            d.book_source,
            d.reason.replace('|', "/")
        );
    }
}

fn partner<'a>(y: &'a PathYear, amity: bool, state: &str) -> Option<&'a hegemony_engine::rsc::timeline::Partner> {
    (if amity { &y.amity } else { &y.enmity }).iter().find(|p| p.state == state)
}

fn caucasus_section(out: &mut String, arm: &[PathYear], aze: &[PathYear]) {
    let _ = writeln!(
        out,
        "\n| year | ARM complex / subcomplex | enmity ARM–AZE | amity ARM–RUS | amity AZE–TUR | amity AZE–RUS |\n|---:|---|---:|---:|---:|---:|"
    );
    let w =
        |p: Option<&hegemony_engine::rsc::timeline::Partner>| p.map_or("–".into(), |p| format!("{:.2}", p.weight));
    for (a, z) in arm.iter().zip(aze) {
        let place = format!(
            "{} / {}",
            a.placement.complex.as_deref().unwrap_or(a.placement.kind),
            a.subcomplex.as_ref().map_or("–", |s| s.1.as_str())
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            a.year,
            place,
            w(partner(a, false, "AZE")),
            w(partner(a, true, "RUS")),
            w(partner(z, true, "TUR")),
            w(partner(z, true, "RUS"))
        );
    }
    let _ = writeln!(out, "\nSources of the ties in 2019, 2021 and 2024 (what each weight rests on):\n");
    for (a, z) in arm.iter().zip(aze).filter(|(a, _)| [2019, 2021, 2024].contains(&a.year)) {
        for (label, p) in [
            ("ARM–AZE enmity", partner(a, false, "AZE")),
            ("ARM–RUS amity", partner(a, true, "RUS")),
            ("AZE–TUR amity", partner(z, true, "TUR")),
        ] {
            if let Some(p) = p {
                let _ = writeln!(out, "- {} {label}: {} — {}", a.year, p.components.join("; "), p.sources.join(" "));
            }
        }
    }
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn complexes_beside_regions_and_powers_and_the_south_caucasus_by_year() {
    let ws = workspace();
    let base = settings(None);
    let inputs = Inputs::new(ws, &base);
    let mut doc = String::from(include_str!("rsc_doc_head.md"));
    let _ = writeln!(
        doc,
        "\n## Beside *Regions and Powers* (2003)\n\nγ = {} (the settings file's).",
        base.structure.resolution
    );
    for year in [2000, 2005] {
        let c = compare_with_book(&inputs, year).unwrap();
        let mut sensitivity = Vec::new();
        for g in [1.0, 1.25, 1.5, 2.0] {
            let s = settings(Some(g));
            sensitivity.push((g, compare_with_book(&Inputs::new(ws, &s), year).unwrap()));
        }
        // The post-Soviet complex is the former USSR without the Baltic states, centred on Russia,
        // as document 003 reads the book; its Caucasus subcomplex is Armenia, Azerbaijan, Georgia.
        let view = hegemony_engine::rsc::year(&inputs, year, Sector::MilitaryPolitical, false).unwrap();
        let ps = view.complexes.iter().find(|x| x.members.iter().any(|m| m == "RUS")).unwrap();
        let mut members = ps.members.clone();
        members.sort();
        assert_eq!(
            members,
            ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"],
            "{year}"
        );
        assert_eq!(ps.centre.as_deref(), Some("RUS"));
        let caucasus = ps.subcomplexes.iter().find(|s| s.members.contains(&"ARM".to_string())).unwrap();
        assert_eq!(caucasus.members, ["ARM", "GEO", "AZE"], "{year}");
        // Every disagreement has a reason naming the data.
        assert!(c.disagreements.iter().all(|d| !d.reason.is_empty()));
        // Of the 136 states in the book's complexes, the data place most in complexes too.
        assert!(c.complexes.n >= 110, "{} states compared", c.complexes.n);
        comparison_section(&mut doc, &c, &sensitivity);
    }
    let arm = state_path(&inputs, "ARM", (1991, 2025), Sector::MilitaryPolitical).unwrap();
    let aze = state_path(&inputs, "AZE", (1991, 2025), Sector::MilitaryPolitical).unwrap();
    let at = |p: &[PathYear], y: i32| p.iter().find(|x| x.year == y).unwrap().clone();
    for y in 1992..=2025 {
        let a = at(&arm.years, y);
        let e = partner(&a, false, "AZE").unwrap_or_else(|| panic!("ARM–AZE enmity in {y}"));
        assert!(e.sources.iter().any(|s| s == "ps_tss_rivalries:199"), "{y}: {:?}", e.sources);
        let r = partner(&a, true, "RUS").unwrap_or_else(|| panic!("ARM–RUS amity in {y}"));
        assert!(r.weight > 0.5, "{y}: {}", r.weight);
    }
    for (y, war) in [(2020, "kb:nk-war-2020"), (2023, "kb:nk-fall-2023")] {
        assert!(partner(&at(&arm.years, y), false, "AZE").unwrap().sources.iter().any(|s| s == war), "{y}");
    }
    // Armenia froze its CSTO participation in 2024: the shared organisation is gone.
    let csto =
        |y: i32| partner(&at(&arm.years, y), true, "RUS").unwrap().components.iter().any(|c| c == "both in the CSTO");
    assert!(csto(2019) && !csto(2024));
    // The Shusha declaration (2021) adds defence cooperation to Azerbaijan and Turkey's alliance.
    let tur = |y: i32| partner(&at(&aze.years, y), true, "TUR").unwrap().weight;
    assert!(tur(2021) > tur(2019), "{} {}", tur(2019), tur(2021));
    assert!(partner(&at(&aze.years, 2021), true, "TUR").unwrap().sources.iter().any(|s| s == "kb:aze-tur-shusha-2021"));
    let t = timeline(&inputs, (1991, 2025), Sector::MilitaryPolitical).unwrap();
    let uncentred: Vec<String> = t
        .years
        .iter()
        .filter(|y| !y.complexes.iter().any(|c| c.centre.as_deref() == Some("RUS")))
        .map(|y| {
            let c = y.complexes.iter().find(|c| c.members.iter().any(|m| m == "RUS")).unwrap();
            format!("{} (Russia's complex: {})", y.year, c.members.join(" "))
        })
        .collect();
    let _ = writeln!(
        doc,
        "\n## The post-Soviet complex, 1991–2025\n\nYears in which no complex is centred on Russia: {}.",
        if uncentred.is_empty() { "none".to_string() } else { uncentred.join("; ") }
    );
    let _ = writeln!(
        doc,
        "\n## The South Caucasus by year\n\nWeights are amity or enmity after opportunity (Armenia and Russia are two steps apart, through Georgia; Azerbaijan and Turkey share a border through Nakhchivan). Armenia's moves between complexes: {}.",
        if arm.moves.is_empty() {
            "none".to_string()
        } else {
            arm.moves
                .iter()
                .map(|m| format!("{} to {}", m.year, m.to.complex.as_deref().unwrap_or(m.to.kind)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    caucasus_section(&mut doc, &arm.years, &aze.years);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rsc.md");
    if std::env::var_os("HEGEMONY_WRITE_DOCS").is_some() {
        std::fs::write(path, &doc).unwrap();
    } else {
        let old = std::fs::read_to_string(path).unwrap_or_default();
        assert!(old == doc, "docs/rsc.md differs from the results: run with HEGEMONY_WRITE_DOCS=1 and review the diff");
    }
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn every_year_from_1946_has_complexes_and_moves_name_their_ties() {
    let s = settings(None);
    let inputs = Inputs::new(workspace(), &s);
    let t = timeline(&inputs, (1946, 2025), Sector::MilitaryPolitical).unwrap();
    assert_eq!(t.years.len(), 80);
    for y in &t.years {
        assert!(y.complexes.len() >= 4, "{}: {} complexes", y.year, y.complexes.len());
    }
    assert!(!t.moves.is_empty());
    assert!(t.moves.iter().all(|m| m.causes.iter().all(|c| !c.changes.is_empty())));
    // From 1992 Armenia, Azerbaijan and Georgia are in Russia's complex every year.
    for y in t.years.iter().filter(|y| y.year >= 1992) {
        let rus = y.complexes.iter().find(|c| c.members.iter().any(|m| m == "RUS")).unwrap();
        for s in ["ARM", "AZE", "GEO"] {
            assert!(rus.members.iter().any(|m| m == s), "{s} not with Russia in {}", y.year);
        }
    }
    // Russia centres its complex in most years after 1991 (the doc lists those it does not).
    let centred =
        t.years.iter().filter(|y| y.year >= 1992 && y.complexes.iter().any(|c| c.centre.as_deref() == Some("RUS")));
    assert!(centred.count() >= 30);
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn the_economic_sector_is_a_layer_of_its_own() {
    let s = settings(None);
    let inputs = Inputs::new(workspace(), &s);
    let v = hegemony_engine::rsc::year(&inputs, 2005, Sector::Economic, false).unwrap();
    assert_eq!(v.sector, Sector::Economic);
    let na = v.complexes.iter().find(|c| c.members.iter().any(|m| m == "USA")).unwrap();
    for s in ["CAN", "MEX"] {
        assert!(na.members.iter().any(|m| m == s), "{s}: {:?}", na.members);
    }
    // Only trade: no enmity, so every complex is a security community on this layer.
    assert!(v.complexes.iter().all(|c| c.character.enmity == 0.0));
    let n = hegemony_engine::rsc::complex_network(&inputs, 2005, Sector::Economic, "USA").unwrap();
    assert!(n.edges.iter().all(|e| e.components.iter().all(|c| c.kind == hegemony_engine::rsc::Kind::Trade)));
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn bad_input_says_which_datasets_cover_which_years() {
    let s = settings(None);
    let inputs = Inputs::new(workspace(), &s);
    let err = hegemony_engine::rsc::year(&inputs, 2031, Sector::MilitaryPolitical, false).unwrap_err().to_string();
    assert!(
        err.contains("year 2031 is outside") && err.contains("ps_atop_alliance") && err.contains("1815–2018"),
        "{err}"
    );
    assert!(err.contains("ps_cow_mid_ddydisps (militarised disputes): 1816–2014"), "{err}");
    let err = hegemony_engine::rsc::year(&inputs, 2020, Sector::Economic, false).unwrap_err().to_string();
    assert!(err.contains("economic") && err.contains("1946–2014"), "{err}");
    let err = state_path(&inputs, "Armenai", (2000, 2001), Sector::MilitaryPolitical).unwrap_err().to_string();
    assert!(err.contains("Armenia"), "{err}");
    let err = "societal".parse::<Sector>().unwrap_err().to_string();
    assert!(err.contains("not covered"), "{err}");
}

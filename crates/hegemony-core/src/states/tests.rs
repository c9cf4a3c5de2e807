//! The registry on the compiled-in tables: lookups, names, spells, successions, groups, and refused tables.

use super::*;
use proptest::prelude::*;

fn r() -> &'static Registry {
    Registry::global()
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn cow(q: &str) -> Option<u16> {
    r().resolve(q).unwrap_or_else(|e| panic!("{q}: {e}")).cow
}

#[test]
fn resolves_codes_names_and_metonyms() {
    for q in
        ["RUS", "365", "cow 365", "Russia", "moscow", "the Kremlin", "Kremlin", "USSR", "Soviet Union", "SUN", "SU"]
    {
        assert_eq!(cow(q), Some(365), "{q}");
    }
    for (q, want) in [
        ("ARM", 371),
        ("AM", 371),
        ("371", 371),
        ("armenia", 371),
        ("ARMENIA", 371),
        ("  Armenia ", 371),
        ("Yerevan", 371),
        ("Minsk", 370),
        ("Byelorussian SSR", 370),
        ("Washington", 2),
        ("the White House", 2),
        ("Beijing", 710),
        ("GRG", 372),
        ("KZK", 705),
        ("Ivory Coast", 437),
        ("Federal Republic of Germany", 260),
        ("Yemen Arab Republic", 678),
        ("Czechoslovakia", 315),
        ("Yugoslavia", 345),
        ("Serbia and Montenegro", 345),
        ("Taiwan", 713),
        ("UK", 200),
        ("DD", 265),
    ] {
        assert_eq!(cow(q), Some(want), "{q}");
    }
    assert_eq!(r().resolve("Yerevan").unwrap().code(), "ARM");
}

#[test]
fn names_are_accent_case_and_punctuation_insensitive() {
    let a = r().resolve("Cote d'Ivoire").unwrap();
    for q in ["Côte d’Ivoire", "COTE D`IVOIRE", "Co\u{302}te d'Ivoire", "côte  d'ivoire"] {
        assert!(std::ptr::eq(a, r().resolve(q).unwrap()), "{q}");
    }
    assert_eq!(cow("Sao Tome & Principe"), Some(403));
    assert_eq!(cow("São Tomé and Príncipe"), Some(403));
    assert_eq!(cow("St Kitts and Nevis"), Some(60));
    assert_eq!(cow("Guinea Bissau"), Some(404));
    assert_eq!(cow("Chisinau"), Some(359));
    assert_eq!(cow("The Hague"), Some(210));
}

#[test]
fn russian_names_of_the_post_soviet_states() {
    for (q, want) in [
        ("Россия", 365),
        ("Беларусь", 370),
        ("Белоруссия", 370),
        ("Армения", 371),
        ("Азербайджан", 373),
        ("Грузия", 372),
        ("Молдова", 359),
        ("Молдавия", 359),
        ("Украина", 369),
        ("Казахстан", 705),
        ("Кыргызстан", 703),
        ("Киргизия", 703),
        ("Таджикистан", 702),
        ("Туркменистан", 701),
        ("Туркмения", 701),
        ("Узбекистан", 704),
        ("Эстония", 366),
        ("Латвия", 367),
        ("Литва", 368),
        ("Кремль", 365),
        ("россия", 365),
        ("Кишинев", 359), // ё written as е
    ] {
        assert_eq!(cow(q), Some(want), "{q}");
    }
    for c in GROUPS[0].members {
        assert!(r().by_cow(*c).unwrap().name_ru.is_some(), "{c} lacks a Russian name");
    }
}

#[test]
fn iso2_only_in_capitals_and_only_when_unambiguous() {
    assert_eq!(cow("NA"), Some(565));
    let e = r().resolve("na").unwrap_err();
    assert!(!e.ambiguous);
    assert!(e.suggestions.iter().any(|s| s == "Namibia (NAM)"), "{e}");
    assert!(r().resolve("no").is_err(), "a vote word is not Norway");
    assert_eq!(cow("NO"), Some(385));
    // CS was Czechoslovakia, then Serbia and Montenegro.
    let e = r().resolve("CS").unwrap_err();
    assert!(e.ambiguous);
    assert_eq!(e.suggestions.len(), 2);
    assert!(e.to_string().starts_with("unknown state 'CS': it is ambiguous"), "{e}");
    assert_eq!(r().by_iso2("CS").unwrap().cow, Some(315));
    assert_eq!(r().by_iso2("na").unwrap().cow, Some(565));
}

#[test]
fn iso3_beats_another_states_cow_abbreviation() {
    for (code, iso_state, cow_state) in
        [("AUS", 900, 305), ("SWZ", 572, 225), ("CZE", 316, 315), ("MNG", 712, 341), ("SLV", 92, 349)]
    {
        assert_eq!(cow(code), Some(iso_state), "{code}");
        assert_eq!(r().by_cow_abb(code).unwrap().cow, Some(cow_state), "{code}");
    }
    // Joseon Korea's COW abbreviation is South Korea's ISO3, so its code is its number.
    assert_eq!(r().by_cow(730).unwrap().code(), "COW 730");
    assert_eq!(cow("COW 730"), Some(730));
}

#[test]
fn numbers_are_cow_codes_and_gw_needs_a_prefix() {
    // 340 is GW's Serbia; as a bare number it is no COW code.
    let e = r().resolve("340").unwrap_err();
    assert_eq!(e.suggestions, vec!["Serbia (GW 340)".to_string()]);
    assert_eq!(r().resolve("gw 340").unwrap().gw, Some(340));
    assert_eq!(r().resolve("GW:340").unwrap().gw, Some(340));
    // GW 260 is the FRG row, COW 260 the same row; COW 255 is not GW 255's successor.
    assert_eq!(r().resolve("gw260").unwrap().cow, Some(260));
    assert!(r().resolve("999").is_err());
    assert!(r().resolve("gw 2x").is_err());
}

#[test]
fn ambiguous_names_list_every_candidate() {
    let e = r().resolve("Korea").unwrap_err();
    assert!(e.ambiguous, "{e}");
    assert!(e.suggestions.contains(&"South Korea (KOR)".to_string()), "{e}");
    assert!(e.suggestions.contains(&"Joseon Korea (COW 730)".to_string()), "{e}");
    assert_eq!(cow("South Korea"), Some(732));
}

#[test]
fn did_you_mean() {
    let e = r().resolve("Armnia").unwrap_err();
    assert_eq!(e.suggestions.first().map(String::as_str), Some("Armenia (ARM)"));
    assert!(e.to_string().starts_with("unknown state 'Armnia'; did you mean Armenia (ARM)"), "{e}");
    assert_eq!(r().resolve("Rusia").unwrap_err().suggestions[0], "Russia (RUS)");
    assert_eq!(r().resolve("Kazakstan").unwrap_err().suggestions[0], "Kazakhstan (KAZ)");
    assert_eq!(r().resolve("Azerbajan").unwrap_err().suggestions[0], "Azerbaijan (AZE)");
    assert_eq!(r().resolve("Belraus").unwrap_err().suggestions[0], "Belarus (BLR)", "transposition");
    assert!(r().resolve("Guinea").is_ok());
    for q in ["Atlantis", "Narnia Republic", "zzzz", "Guinee"] {
        let e = r().resolve(q).unwrap_err();
        assert!(e.suggestions.len() <= 3, "{q}: {e}");
        assert!(e.to_string().starts_with(&format!("unknown state '{q}'")));
    }
    assert!(r().resolve("Atlantis").unwrap_err().suggestions.is_empty());
    assert!(r().resolve("").unwrap_err().suggestions.is_empty());
}

#[test]
fn spells_and_validity() {
    let arm = r().by_cow(371).unwrap();
    assert!(!arm.in_cow_system_in(1990));
    assert!(arm.in_cow_system_in(1991), "COW has Armenia from 1991-12-26");
    assert!(arm.in_cow_system_in(1992));
    assert!(!arm.un_member_on(d("1992-03-01")));
    assert!(arm.un_member_on(d("1992-03-02")));
    let blr = r().by_cow(370).unwrap();
    assert!(blr.un_member_on(d("1950-01-01")));
    assert!(!blr.in_cow_system_in(1950));
    assert!(blr.in_cow_system_on(d("2020-01-01")), "COW's 2016-12-31 is an open end");
    let rus = r().by_cow(365).unwrap();
    assert!(rus.in_cow_system_in(1950) && rus.un_member_in(1950) && rus.un_member_in(2024));
    let ger = r().by_cow(255).unwrap();
    assert!(ger.in_cow_system_in(1930) && !ger.in_cow_system_in(1970) && ger.in_cow_system_in(1991));
    assert!(r().by_cow(260).unwrap().un_member_on(d("1990-10-02")));
    assert!(!r().by_cow(260).unwrap().un_member_on(d("1990-10-03")));
    assert!(!r().by_cow(652).unwrap().un_member_in(1960), "Syria sat as part of the UAR");
    let srb = r().by_cow(345).unwrap();
    assert!(srb.un_member_in(1990) && !srb.un_member_in(1995) && srb.un_member_in(2001));
}

#[test]
fn data_ends_are_open_and_spells_sane() {
    for s in r().states() {
        let ends = s.cow_spells.iter().chain(&s.gw_spells).chain(&s.un_spells).filter_map(|x| x.end);
        for e in ends {
            assert!(e.year() < 2016 || (e.year() == 2016 && e.month() < 12), "{}: closed end {e}", s.name);
        }
        // Original members may predate independence (India, the SSRs); admitted ones may not.
        if let Some(un) = s.un_spells.first() {
            assert!(un.start >= d("1945-10-24"), "{}", s.name);
            let first = s.cow_spells.iter().chain(&s.gw_spells).map(|x| x.start).min();
            // A month's slack: COW and GW start Zanzibar on 19 Dec 1963, after its admission on the 16th.
            let rough_days = |x: Date| x.year() * 372 + i32::from(x.month()) * 31 + i32::from(x.day());
            if un.start.year() > 1945 {
                let ok = first.is_some_and(|f| rough_days(f) <= rough_days(un.start) + 31);
                assert!(ok, "{}: admitted before statehood", s.name);
            }
        }
    }
}

#[test]
fn successions_and_seats() {
    let succ: Vec<_> = r().successions_of(315).collect();
    assert_eq!(succ.len(), 2);
    assert!(succ.iter().all(|s| s.kind == SuccessionKind::Dissolution && s.date == d("1993-01-01")));
    let germany: Vec<_> = r().successions().iter().filter(|s| s.successor == 255).collect();
    assert_eq!(germany.iter().map(|s| s.predecessor).collect::<Vec<_>>(), vec![260, 265]);
    assert!(germany.iter().all(|s| s.kind == SuccessionKind::Merger && s.date == d("1990-10-03")));
    let china = r().successions().iter().find(|s| s.kind == SuccessionKind::SeatTransfer).unwrap();
    assert_eq!((china.predecessor, china.successor, china.date), (713, 710, d("1971-10-25")));

    let holder = |c, day| r().un_seat_holder(c, d(day)).and_then(|s| s.cow);
    assert_eq!(holder(710, "1960-01-01"), Some(713));
    assert_eq!(holder(710, "1971-10-24"), Some(713));
    assert_eq!(holder(710, "1971-10-25"), Some(710));
    assert_eq!(holder(255, "1980-01-01"), Some(260));
    assert_eq!(holder(255, "1960-01-01"), None, "neither German state sat before 1973");
    assert_eq!(holder(679, "1985-01-01"), Some(678));
    assert_eq!(holder(365, "1970-01-01"), Some(365));
    assert_eq!(holder(345, "1995-01-01"), None);
    assert_eq!(holder(713, "1980-01-01"), None);
    assert_eq!(holder(371, "1985-01-01"), None);
}

/// The day before `d` (test helper; `Date` has no arithmetic).
fn prev_day(d: Date) -> Date {
    match (d.month(), d.day()) {
        (1, 1) => Date::end_of_year(d.year() - 1),
        (m, 1) => Date::new(d.year(), m - 1, crate::date::days_in_month(d.year(), m - 1)).unwrap(),
        (m, day) => Date::new(d.year(), m, day - 1).unwrap(),
    }
}

#[test]
fn successions_fit_the_spells() {
    for s in r().successions() {
        let (p, q) = (r().by_cow(s.predecessor).unwrap(), r().by_cow(s.successor).unwrap());
        let what = format!("{} → {} on {}", p.name, q.name, s.date);
        if s.predecessor != s.successor && s.kind != SuccessionKind::SeatTransfer {
            // A new successor enters COW within a year of the event; an old one was there before.
            let near = q.cow_spells.iter().any(|x| (x.start.year() - s.date.year()).abs() <= 1);
            let existed = q.cow_spells.iter().any(|x| x.start < s.date);
            assert!(near || existed, "{what}");
        }
        if s.un_seat && s.predecessor != s.successor {
            // The seat passes overnight: the predecessor's last day is the eve of the successor's first.
            assert!(p.un_member_on(prev_day(s.date)) && !p.un_member_on(s.date), "{what}");
            assert!(q.un_member_on(s.date), "{what}");
        }
    }
    assert_eq!(prev_day(d("2000-03-01")), d("2000-02-29"));
    assert_eq!(prev_day(d("1991-01-01")), d("1990-12-31"));
}

#[test]
fn groups() {
    let ps = r().group("post-soviet").unwrap();
    assert_eq!(ps.len(), 15);
    assert!(ps.iter().any(|s| s.cow == Some(365)));
    assert!(ps.iter().all(|s| s.in_cow_system_in(1992)));
    for alias in ["Post Soviet", "post_soviet", "former-ussr", "FSU"] {
        assert_eq!(r().group(alias).unwrap().len(), 15, "{alias}");
    }
    assert_eq!(r().group("baltic").unwrap().iter().map(|s| s.code()).collect::<Vec<_>>(), ["EST", "LVA", "LTU"]);
    assert_eq!(r().group("south-caucasus").unwrap().len(), 3);
    assert_eq!(r().group("central-asia").unwrap().len(), 5);
    assert!(r().group("nato").is_none());
    assert!(r().group("Armenia").is_none());
}

#[test]
fn search_ranks_exact_then_prefix_then_fuzzy() {
    assert_eq!(r().search("").len(), r().states().len());
    assert_eq!(r().search("arm")[0].cow, Some(371));
    assert_eq!(r().search("kremlin")[0].cow, Some(365));
    assert_eq!(r().search("Belarsu")[0].cow, Some(370));
    let guinea: Vec<_> = r().search("guinea").iter().filter_map(|s| s.cow).collect();
    assert_eq!(guinea[0], 438, "exact name first");
    for c in [404, 411, 910] {
        assert!(guinea.contains(&c), "{c} contains 'guinea'");
    }
    assert!(r().search("qqqqqq").is_empty());
}

#[test]
fn every_state_resolves_by_its_own_codes_and_names() {
    for s in r().states() {
        let back = |q: &str| r().resolve(q).map(|x| std::ptr::eq(x, s));
        assert_eq!(back(s.code()), Ok(true), "code {}", s.code());
        assert_eq!(back(&s.name), Ok(true), "name {}", s.name);
        if let Some(c) = s.cow {
            assert_eq!(back(&c.to_string()), Ok(true));
        }
        if let Some(g) = s.gw {
            assert_eq!(back(&format!("gw {g}")), Ok(true));
        }
        if let Some(ru) = &s.name_ru {
            assert_eq!(back(ru), Ok(true), "{ru}");
        }
    }
}

#[test]
fn codes_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for s in r().states() {
        assert!(seen.insert(s.code()), "code {} twice", s.code());
    }
}

#[test]
fn bad_tables_are_refused_with_the_line() {
    let good = "2\tUSA\t2\tUSA\tUS\t840\t\tUnited States\t1816-01-01..\t\t\t\t";
    assert!(Registry::from_tsv(good).is_ok());
    let bad = |text: &str, want: &str| {
        let e = Registry::from_tsv(text).err().unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(e.contains(want), "{e}");
    };
    bad("# header\n2\tUSA", "states line 2: expected 13");
    bad(&good.replace("1816-01-01..", "1816-02-30.."), "not a real date");
    bad(&good.replace("1816-01-01..", "1900-01-01..1850-01-01"), "ends before");
    bad(&good.replace("1816-01-01..", "1816-01-01..|1900-01-01.."), "overlap");
    bad(&format!("{good}\n{}", good.replace("United States", "USA2")), "COW code 2 appears twice");
    bad(&good.replacen("2\t", "\t", 1).replacen("\t2\t", "\t\t", 1), "neither a COW nor a GW");
    let e = Registry::from_tables(good, "2\t999\t1990-01-01\tmerger\tno\tx").err().unwrap();
    assert!(e.contains("COW code 999 is not in the states table"), "{e}");
    let e = Registry::from_tables(good, "2\t2\t1990-01-01\tannexation\tno\tx").err().unwrap();
    assert!(e.contains("kind 'annexation'"), "{e}");
}

#[test]
fn edit_distance_basics() {
    assert_eq!(edit_distance("armenia", "armnia"), 1);
    assert_eq!(edit_distance("belarus", "belraus"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("россия", "росия"), 1);
}

fn mangle_case(s: &str, mask: &[bool]) -> String {
    s.chars()
        .zip(mask.iter().cycle())
        .map(|(c, &up)| if up { c.to_uppercase().collect::<String>() } else { c.to_lowercase().collect() })
        .collect()
}

proptest! {
    #[test]
    fn normalize_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn any_name_in_any_case_with_any_spacing_finds_its_state(
        i in 0usize..400, j in 0usize..40, mask in proptest::collection::vec(any::<bool>(), 1..8),
        pad in "[ \t]{0,3}", the in any::<bool>(),
    ) {
        let reg = r();
        let s = &reg.states()[i % reg.states().len()];
        let names: Vec<&str> = s.names().collect();
        let name = names[j % names.len()];
        let query = format!("{pad}{}{}{pad}", if the { "the " } else { "" }, mangle_case(name, &mask));
        match reg.resolve(&query) {
            Ok(found) => prop_assert!(std::ptr::eq(found, s) || found.names().any(|n| normalize(n) == normalize(name)),
                "{:?} found {}", query, found.name),
            // Allowed only where the name is deliberately ambiguous or shadowed.
            Err(e) => prop_assert!(e.ambiguous && e.suggestions.contains(&s.label()), "{:?}: {}", query, e),
        }
    }

    #[test]
    fn edit_distance_is_a_symmetric_bound(a in "\\PC{0,12}", b in "\\PC{0,12}") {
        let dist = edit_distance(&a, &b);
        prop_assert_eq!(dist, edit_distance(&b, &a));
        prop_assert!(dist <= a.chars().count().max(b.chars().count()));
        prop_assert_eq!(edit_distance(&a, &a), 0);
    }
}

//! The compiled-in state registry checked against the real datasets in
//! `../shared/data` (COW and GW state lists, the unvotes names, Voeten's votes).
//!
//! Ignored by default; CI runs them with `cargo test -- --ignored`. They panic
//! when the data directory is missing rather than pass without looking.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;

use hegemony_core::Registry;
use hegemony_core::date::Date;
use hegemony_core::states::Spell;
use hegemony_test_support::shared_data;

/// The rows of a gzip-compressed CSV file, as maps from column name to value.
fn read_csv(name: &str) -> Vec<HashMap<String, String>> {
    let path = shared_data(name).join(name);
    let file = File::open(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut rdr = csv::Reader::from_reader(flate2::read::GzDecoder::new(file));
    let headers = rdr.headers().unwrap_or_else(|e| panic!("{}: {e}", path.display())).clone();
    rdr.records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            headers.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// Streams some columns of a large file without building a map per row.
fn for_each_row(name: &str, cols: &[&str], mut f: impl FnMut(&[&str])) {
    let path = shared_data(name).join(name);
    let file = File::open(&path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let mut rdr = csv::Reader::from_reader(flate2::read::GzDecoder::new(file));
    let headers = rdr.headers().unwrap().clone();
    let idx: Vec<usize> = cols
        .iter()
        .map(|c| headers.iter().position(|h| h == *c).unwrap_or_else(|| panic!("{name} has no column {c}")))
        .collect();
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec).unwrap_or_else(|e| panic!("{name}: {e}")) {
        let vals: Vec<&str> = idx.iter().map(|&i| &rec[i]).collect();
        f(&vals);
    }
}

fn date(s: &str) -> Date {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn ymd(y: &str, m: &str, d: &str) -> Date {
    Date::new(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap()).unwrap()
}

/// A data file's spell, with its "still going at the end of the data" date read as open.
fn spell(start: Date, end: Date, open_end: Date) -> Spell {
    Spell { start, end: (end != open_end).then_some(end) }
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn every_cow_spell_is_in_the_registry() {
    let reg = Registry::global();
    let mut want: BTreeMap<u16, Vec<Spell>> = BTreeMap::new();
    for row in read_csv("ps_cow_states.csv.gz") {
        let code: u16 = row["ccode"].parse().unwrap();
        let s = ymd(&row["styear"], &row["stmonth"], &row["stday"]);
        let e = ymd(&row["endyear"], &row["endmonth"], &row["endday"]);
        want.entry(code).or_default().push(spell(s, e, date("2016-12-31")));
        let state = reg.by_cow(code).unwrap_or_else(|| panic!("COW {code} {} missing", row["statenme"]));
        assert_eq!(state.cow_abb.as_deref(), Some(row["stateabb"].as_str()), "COW {code} abbreviation");
    }
    assert!(want.len() > 200, "only {} COW codes read", want.len());
    for (code, spells) in &want {
        assert_eq!(&reg.by_cow(*code).unwrap().cow_spells, spells, "COW {code} spells");
    }
    let extra: Vec<u16> = reg.states().iter().filter(|s| !s.cow_spells.is_empty()).filter_map(|s| s.cow).collect();
    assert_eq!(extra.len(), want.len(), "registry has COW spells for codes COW lacks");
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn every_gw_spell_is_in_the_registry() {
    let reg = Registry::global();
    let mut want: BTreeMap<u16, Vec<Spell>> = BTreeMap::new();
    for row in read_csv("ps_gw_states.csv.gz") {
        let code: u16 = row["gwcode"].parse().unwrap();
        let s = spell(date(&row["startdate"]), date(&row["enddate"]), date("2017-12-31"));
        want.entry(code).or_default().push(s);
    }
    assert!(want.len() > 180, "only {} GW codes read", want.len());
    for (code, spells) in &want {
        let state = reg.by_gw(*code).unwrap_or_else(|| panic!("GW {code} missing"));
        assert_eq!(&state.gw_spells, spells, "GW {code} ({}) spells", state.name);
    }
    let with_gw = reg.states().iter().filter(|s| s.gw.is_some() || !s.gw_spells.is_empty()).count();
    assert_eq!(with_gw, want.len(), "registry has GW codes or spells the GW list lacks");
}

/// Every GW state-year maps to a COW identity in the system that day, and to
/// the same number wherever COW has that number in the system.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn gw_codes_translate_to_cow_codes_in_the_system() {
    let reg = Registry::global();
    let mut translated = 0;
    for row in read_csv("ps_gw_states.csv.gz") {
        let gw: u16 = row["gwcode"].parse().unwrap();
        let (start, end) = (date(&row["startdate"]), date(&row["enddate"]));
        for year in start.year()..=end.year() {
            let day = Date::new(year, 7, 1).unwrap().clamp(start, end);
            let got = reg.cow_for_gw(gw, day);
            if let Some(c) = got {
                assert!(reg.by_cow(c).unwrap().in_cow_system_on(day), "GW {gw} on {day} -> COW {c}, not in the system");
                translated += 1;
            }
            if reg.by_cow(gw).is_some_and(|s| s.in_cow_system_on(day)) {
                assert_eq!(got, Some(gw), "GW {gw} on {day}");
            }
        }
    }
    assert!(translated > 10_000, "only {translated} GW state-years translated");
    // The three places where the two lists part ways.
    assert_eq!(reg.cow_for_gw(260, date("2000-07-01")), Some(255));
    assert_eq!(reg.cow_for_gw(678, date("2000-07-01")), Some(679));
    assert_eq!(reg.cow_for_gw(340, date("2010-07-01")), Some(345));
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn every_unvotes_name_resolves_to_the_crosswalk_code() {
    let reg = Registry::global();
    let crosswalk: HashMap<String, (u16, String)> = read_csv("unvotes_country_ccode_crosswalk.csv.gz")
        .into_iter()
        .map(|r| (r["country"].clone(), (r["ccode"].parse().unwrap(), r["country_code"].clone())))
        .collect();
    let mut names = BTreeSet::new();
    for_each_row("unvotes_un_votes.csv.gz", &["country"], |v| {
        if !names.contains(v[0]) {
            names.insert(v[0].to_string());
        }
    });
    assert!(names.len() >= 190, "only {} names read", names.len());
    let mut wrong = Vec::new();
    for name in &names {
        let (want, iso2) = crosswalk.get(name).unwrap_or_else(|| panic!("'{name}' is not in the crosswalk"));
        match reg.resolve(name) {
            Ok(s) if s.cow == Some(*want) => {
                // The ISO2 code unvotes gives is this state's, current or withdrawn (CS, YU, DD, YD).
                let knows = s.iso2.as_deref() == Some(iso2.as_str()) || s.iso_former.contains(iso2);
                assert!(iso2.is_empty() || knows, "'{name}': unvotes code {iso2}, registry {:?}", s.iso2);
            }
            Ok(s) => wrong.push(format!("'{name}' -> {} ({:?}), crosswalk {want}", s.name, s.cow)),
            Err(e) => wrong.push(format!("'{name}': {e}")),
        }
    }
    assert!(wrong.is_empty(), "{} names resolve wrongly:\n{}", wrong.len(), wrong.join("\n"));
}

/// Voeten's 2016 file: every code is known, and UN membership agrees with
/// the votes session by session. The roll-call dates in these files are
/// unreliable to the day, so the check works on sessions: a state casting a
/// vote (yes/abstain/no) in session s was a member at some time in the
/// session's span; a state coded 9 (not a member) on every roll call of the
/// session was not a member all through that autumn. Absences (8) prove nothing:
/// Voeten codes Syria absent during the UAR and South Africa 1974-94.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn voeten_codes_are_registry_states_and_membership_agrees() {
    let reg = Registry::global();
    // (ccode, session) -> (cast votes, non-member rows, rows)
    let mut tally: BTreeMap<(u16, i32), (u32, u32, u32)> = BTreeMap::new();
    for_each_row("voeten_unvotes2016_votes.csv.gz", &["ccode", "session", "vote"], |v| {
        let code: u16 = v[0].parse().unwrap_or_else(|_| panic!("ccode '{}'", v[0]));
        let session: i32 = v[1].parse().unwrap();
        let t = tally.entry((code, session)).or_default();
        match v[2] {
            "1" | "2" | "3" => t.0 += 1,
            "9" => t.1 += 1,
            _ => {}
        }
        t.2 += 1;
    });
    let codes: BTreeSet<u16> = tally.keys().map(|k| k.0).collect();
    assert!(codes.len() > 190, "only {} codes read", codes.len());
    let unknown: Vec<u16> = codes.iter().copied().filter(|&c| reg.by_cow(c).is_none()).collect();
    assert!(unknown.is_empty(), "Voeten codes not in the registry: {unknown:?}");

    let mut wrong = Vec::new();
    for (&(code, session), &(cast, non_member, rows)) in &tally {
        let state = reg.by_cow(code).unwrap();
        let year = 1945 + session; // a regular session opens in September and runs into the next year
        let span = (Date::start_of_year(year), Date::new(year + 1, 9, 30).unwrap());
        if cast > 0 && !state.un_spells.iter().any(|s| s.overlaps(span.0, span.1)) {
            wrong.push(format!("{} ({code}) voted in session {session} ({year}) but is no member then", state.name));
        }
        // Most roll calls fall in October-December; a member through all of it would have been coded.
        let (autumn, year_end) = (Date::new(year, 10, 1).unwrap(), Date::end_of_year(year));
        if non_member == rows && state.un_member_on(autumn) && state.un_member_on(year_end) {
            wrong.push(format!(
                "{} ({code}) is a member in autumn {year} but coded 9 all session {session}",
                state.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{} disagreements:\n{}", wrong.len(), wrong.join("\n"));
}

//! `kb check` on deliberately broken files: each error's kind, file and line.

use hegemony_kb::{Diagnostic, ErrorKind, KbFile, Layer, compile};

fn read(rel: &str) -> KbFile {
    let path = format!("{}/tests/{rel}", env!("CARGO_MANIFEST_DIR"));
    KbFile { path: rel.to_string(), text: std::fs::read_to_string(&path).unwrap(), layer: Layer::Shipped }
}

/// Compiles `base.toml` plus one broken file and returns the errors.
fn errors_of(name: &str) -> Vec<Diagnostic> {
    let files = vec![read("base.toml"), read(&format!("broken/{name}"))];
    let c = compile(&files);
    for e in &c.errors {
        eprintln!("{e}");
    }
    c.errors
}

/// Asserts exactly one error, of this kind, in this file and line.
fn assert_one(name: &str, kind: ErrorKind, line: usize) -> Diagnostic {
    let errs = errors_of(name);
    assert_eq!(errs.len(), 1, "{name}: expected one error, got {errs:#?}");
    let e = &errs[0];
    assert_eq!((e.kind, e.file.as_str(), e.line), (kind, format!("broken/{name}").as_str(), line), "{e}");
    assert!(!e.hint.is_empty(), "every error has a hint: {e}");
    e.clone()
}

#[test]
fn base_fixture_is_valid() {
    let c = compile(&[read("base.toml")]);
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(c.facts.len(), 2);
}

#[test]
fn syntax_error_names_the_line() {
    assert_one("syntax.toml", ErrorKind::Syntax, 3);
}

#[test]
fn unknown_field_is_a_syntax_error_at_the_field() {
    let e = assert_one("unknown_field.toml", ErrorKind::Syntax, 5);
    assert!(e.message.contains("sigend"), "{e}");
}

#[test]
fn unknown_state() {
    let e = assert_one("unknown_state.toml", ErrorKind::UnknownState, 7);
    assert!(e.message.contains("'XYZ'"), "{e}");
}

#[test]
fn impossible_date() {
    let e = assert_one("impossible_date.toml", ErrorKind::ImpossibleDate, 5);
    assert!(e.message.contains("2023-02-29"), "{e}");
}

#[test]
fn malformed_date() {
    assert_one("malformed_date.toml", ErrorKind::MalformedDate, 8);
}

#[test]
fn inverted_dates() {
    let e = assert_one("inverted_dates.toml", ErrorKind::InvertedDates, 7);
    assert!(e.message.contains("in_force (2009) is before signed (2010-08-20)"), "{e}");
}

#[test]
fn membership_ending_before_it_starts() {
    let e = assert_one("spell_ends_before_start.toml", ErrorKind::SpellEndsBeforeStart, 8);
    assert_eq!(e.message, "membership 'arm-csto' ends (1999-04-02) before it starts (2002-05-14)");
}

#[test]
fn overlapping_contradictory_spells() {
    let e = assert_one("overlapping_spells.toml", ErrorKind::OverlappingSpells, 9);
    assert!(e.message.contains("'suspended' from 2012-06-28 overlaps spell 'member'"), "{e}");
}

#[test]
fn missing_source() {
    assert_one("missing_source.toml", ErrorKind::MissingSource, 1);
}

#[test]
fn duplicate_id() {
    let e = assert_one("duplicate_id.toml", ErrorKind::DuplicateId, 1);
    assert!(e.message.contains("first defined at base.toml:"), "{e}");
}

#[test]
fn bad_confidence() {
    assert_one("bad_confidence.toml", ErrorKind::BadConfidence, 7);
}

#[test]
fn unknown_reference_suggests_the_near_id() {
    let e = assert_one("unknown_reference.toml", ErrorKind::UnknownReference, 4);
    assert!(e.hint.contains("did you mean csto"), "{e}");
}

#[test]
fn incomplete_source() {
    assert_one("incomplete_source.toml", ErrorKind::IncompleteSource, 11);
}

#[test]
fn all_errors_are_collected_not_only_the_first() {
    let errs = errors_of("many_errors.toml");
    let got: Vec<(ErrorKind, usize)> = errs.iter().map(|e| (e.kind, e.line)).collect();
    assert_eq!(
        got,
        vec![
            (ErrorKind::MissingSource, 2),
            (ErrorKind::ImpossibleDate, 13),
            (ErrorKind::BadValue, 14),
            (ErrorKind::UnknownReference, 23),
        ]
    );
    assert!(errs.iter().all(|e| e.file == "broken/many_errors.toml"));
}

#[test]
fn errors_display_as_file_line_message_and_hint() {
    let e = assert_one("spell_ends_before_start.toml", ErrorKind::SpellEndsBeforeStart, 8);
    let s = e.to_string();
    assert!(
        s.starts_with("broken/spell_ends_before_start.toml:8: [spell_ends_before_start] membership 'arm-csto' ends"),
        "{s}"
    );
    assert!(s.contains("\n  hint: "), "{s}");
}

#[test]
fn a_user_file_may_override_a_shipped_fact_only_when_it_says_so() {
    let user = |text: &str| KbFile { path: "user/mine.toml".into(), text: text.into(), layer: Layer::User };
    let fact = "[[agreement]]\nid = \"base-treaty\"\ntitle = \"Corrected\"\nparties = [\"RUS\", \"ARM\"]\nsigned = \"1995-03-16\"\nconfidence = 0.9\nsources = [{ ref = \"doc\" }]\n";
    let c = compile(&[read("base.toml"), user(fact)]);
    assert_eq!(c.errors.len(), 1);
    assert_eq!(c.errors[0].kind, ErrorKind::DuplicateId);
    assert!(c.errors[0].hint.contains("override = true"));

    let c = compile(&[read("base.toml"), user(&format!("{fact}override = true\n"))]);
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    assert_eq!(c.overridden, vec!["base-treaty".to_string()]);
    let f = c.facts.iter().find(|f| f.id == "base-treaty").unwrap();
    assert_eq!(f.title, "Corrected");
    assert_eq!(f.origin.file, "user/mine.toml");
}

mod prop {
    use super::*;
    use hegemony_core::PartialDate;
    use proptest::prelude::*;

    fn partial_date() -> impl Strategy<Value = PartialDate> {
        // Up to last year: a spell cannot end after today (`kb check` refuses future dates).
        (1950i32..2026, proptest::option::of(1u8..=12), any::<u8>()).prop_map(|(y, m, d)| match m {
            None => PartialDate::year(y),
            Some(m) => {
                let max = hegemony_core::date::days_in_month(y, m);
                let day = Some(d % (max + 1)).filter(|x| *x > 0);
                PartialDate { year: y, month: Some(m), day }
            }
        })
    }

    fn membership(from: PartialDate, to: PartialDate) -> KbFile {
        let text = format!(
            "[[membership]]\nid = \"m\"\nstate = \"ARM\"\norg = \"csto\"\nconfidence = 0.5\nsources = [{{ ref = \"doc\" }}]\nspells = [\n  {{ status = \"member\", from = \"{from}\", to = \"{to}\" }},\n]\n"
        );
        KbFile { path: "p.toml".into(), text, layer: Layer::Shipped }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// A spell written in the text format reads back as the same dates,
        /// or, when it surely ends before it starts, as exactly that error.
        #[test]
        fn spell_round_trip(a in partial_date(), b in partial_date()) {
            let c = compile(&[read("base.toml"), membership(a, b)]);
            if b.latest() < a.earliest() {
                prop_assert_eq!(c.errors.len(), 1);
                prop_assert_eq!(c.errors[0].kind, ErrorKind::SpellEndsBeforeStart);
                prop_assert_eq!(c.errors[0].line, 8);
            } else {
                prop_assert!(c.errors.is_empty(), "{:?}", c.errors);
                let f = c.facts.iter().find(|f| f.id == "m").unwrap();
                let hegemony_kb::Detail::Membership(m) = &f.detail else { panic!() };
                prop_assert_eq!(m.spells[0].from, a);
                prop_assert_eq!(m.spells[0].to, Some(b));
                // And through the database's JSON.
                let back: hegemony_kb::Fact = serde_json::from_str(&serde_json::to_string(f).unwrap()).unwrap();
                prop_assert_eq!(&back, f);
            }
        }
    }
}

#[test]
fn consent_spells_are_read_in_order_and_checked() {
    let text = r#"
[[presence]]
id = "p1"
dominant = "RUS"
host = "UKR"
facility = "naval_base"
since = "1997-05-28"
consent = [
  { status = "occupation", from = "2014-02-27" },
  { status = "consented" },
]
troops_unknown = "no public figure"
confidence = 0.8
sources = [{ kind = "treaty", title = "Agreement on the Black Sea Fleet", date = "1997-05-28" }]
"#;
    let c = compile(&[KbFile { path: "c.toml".into(), text: text.into(), layer: Layer::Shipped }]);
    assert!(c.errors.is_empty(), "{:#?}", c.errors);
    let hegemony_kb::model::Detail::Presence(p) = &c.facts[0].detail else { panic!("not a presence") };
    use hegemony_kb::model::Consent;
    assert_eq!(p.consent_in(2013), Some(Consent::Consented));
    assert_eq!(p.consent_in(2014), Some(Consent::Occupation));
    assert_eq!(p.troops_unknown.as_deref(), Some("no public figure"));

    let bad = text.replace("\"occupation\"", "\"annexed\"");
    let c = compile(&[KbFile { path: "c.toml".into(), text: bad, layer: Layer::Shipped }]);
    assert_eq!(c.errors.len(), 1, "{:#?}", c.errors);
    assert_eq!((c.errors[0].kind, c.errors[0].line), (ErrorKind::BadValue, 9));
    assert!(c.errors[0].hint.contains("consented, contested, occupation"), "{}", c.errors[0]);
}

/// Compiles `base.toml` and `text` and returns the kinds of error with their lines.
fn kinds_of(text: &str) -> Vec<(ErrorKind, usize)> {
    let c = compile(&[read("base.toml"), KbFile { path: "r.toml".into(), text: text.into(), layer: Layer::Shipped }]);
    c.errors.iter().map(|e| (e.kind, e.line)).collect()
}

#[test]
fn a_presence_needs_its_hosts_consent_and_its_people() {
    let base = "[[presence]]\nid = \"p\"\ndominant = \"RUS\"\nhost = \"ARM\"\nfacility = \"base\"\nsince = \"1995\"\nconfidence = 0.9\nsources = [{ ref = \"doc\" }]\n";
    assert_eq!(kinds_of(base), vec![(ErrorKind::MissingConsent, 1), (ErrorKind::MissingTroops, 1)]);
    let ok = format!("{base}consent = [{{ status = \"consented\" }}]\ntroops_unknown = \"no public figure\"\n");
    assert_eq!(kinds_of(&ok), vec![]);
    // counted_in must name a presence of the same two states with a figure of its own.
    let counted = format!(
        "{base}consent = [{{ status = \"consented\" }}]\ncounted_in = \"q\"\n\n[[presence]]\nid = \"q\"\ndominant = \"RUS\"\nhost = \"BLR\"\nfacility = \"radar\"\nconsent = [{{ status = \"consented\" }}]\ntroops = [{{ date = \"2000\", low = 1, high = 2 }}]\nconfidence = 0.9\nsources = [{{ ref = \"doc\" }}]\n"
    );
    assert_eq!(kinds_of(&counted), vec![(ErrorKind::BadValue, 1)]);
    assert_eq!(kinds_of(&counted.replace("host = \"BLR\"", "host = \"ARM\"")), vec![]);
}

#[test]
fn no_date_after_today_but_a_scheduled_end() {
    let event = "[[event]]\nid = \"e\"\ntitle = \"Something\"\nevent_type = \"other\"\nactors = [\"ARM\"]\ndate = \"2099-01-01\"\nconfidence = 0.9\nsources = [{ ref = \"doc\" }]\n";
    assert_eq!(kinds_of(event), vec![(ErrorKind::DateInFuture, 1)]);
    let scheduled = "[[agreement]]\nid = \"a\"\ntitle = \"Lease\"\nparties = [\"RUS\", \"KAZ\"]\nsigned = \"1994\"\nexpires = \"2050\"\nprovisions = [\"basing_rights\"]\nconfidence = 0.9\nsources = [{ ref = \"doc\" }]\n";
    assert_eq!(kinds_of(scheduled), vec![]);
}

#[test]
fn an_alliance_past_its_end_says_how_it_ended_or_what_prolonged_it() {
    let alliance = "[[agreement]]\nid = \"a\"\ntitle = \"Pact\"\nparties = [\"RUS\", \"KAZ\"]\nsigned = \"1992\"\nexpires = \"2002\"\nprovisions = [\"mutual_defence\"]\nconfidence = 0.9\nsources = [{ ref = \"doc\" }]\n";
    assert_eq!(kinds_of(alliance), vec![(ErrorKind::AllianceEndMissing, 1)]);
    assert_eq!(kinds_of(&alliance.replace("expires = \"2002\"", "expires = \"2002\"\nexpired = \"2002\"")), vec![]);
    let prolonged = format!(
        "{alliance}\n[[agreement]]\nid = \"b\"\ntitle = \"Prolongation\"\nparties = [\"RUS\", \"KAZ\"]\nsigned = \"2002\"\namends = \"a\"\nprovisions = [\"mutual_defence\"]\nconfidence = 0.9\nsources = [{{ ref = \"doc\" }}]\n"
    );
    assert_eq!(kinds_of(&prolonged), vec![]);
}

#[test]
fn a_fact_on_general_knowledge_alone_is_a_warning_not_an_error() {
    let text = "[[source]]\nid = \"gk\"\nkind = \"unverified\"\nnote = \"to verify\"\n\n[[event]]\nid = \"e\"\ntitle = \"Something\"\nevent_type = \"other\"\nactors = [\"ARM\"]\ndate = \"2001\"\nconfidence = 0.5\nsources = [{ ref = \"gk\" }]\n";
    let c = compile(&[read("base.toml"), KbFile { path: "r.toml".into(), text: text.into(), layer: Layer::Shipped }]);
    assert!(c.errors.is_empty(), "{:?}", c.errors);
    assert_eq!(c.warnings.len(), 1);
    assert!(c.warnings[0].message.contains("'e' rests only on unverified"), "{}", c.warnings[0]);
}

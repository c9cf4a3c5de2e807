//! Hostile input: every case is a clear error or a correct result, never a
//! crash, and a failed ingest leaves the store exactly as it was.

use hegemony_evidence::text::DecodeError;
use hegemony_evidence::{EvidenceError, Ingested, Kind};

mod common;
use common::{counts, setup};

#[test]
fn pdf_malformed_or_text_huge_is_refused_without_touching_the_store() {
    // More PDF cases (over-large, a panic in the reader, a timeout, encrypted, scanned): tests/pdf.rs.
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    // Malformed: a PDF header and garbage.
    let bad = dir.path().join("broken.pdf");
    std::fs::write(&bad, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Length 999999 >> stream\n\x00\x01garbage").unwrap();
    let e = store.ingest_file(&bad, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Pdf { .. })), "{e}");
    assert!(e.to_string().contains("broken.pdf: cannot read the PDF"), "{e}");
    // A PDF renamed .txt is still a PDF.
    let renamed = dir.path().join("paper.txt");
    std::fs::write(&renamed, b"%PDF-1.5\nxyz").unwrap();
    assert!(matches!(store.ingest_file(&renamed, &gaz), Err(EvidenceError::Decode(DecodeError::Pdf { .. }))));
    // A huge text file is refused with the limit named.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big).unwrap().set_len(65 << 20).unwrap();
    let e = store.ingest_file(&big, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::TooLarge { .. }), "{e}");
    assert_eq!(counts(&db), before);
}

#[test]
fn binary_file_named_txt_is_refused() {
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    let bin = dir.path().join("photo.txt");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    std::fs::write(&bin, &bytes).unwrap();
    let e = store.ingest_file(&bin, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Binary { .. })), "{e}");
    assert!(e.to_string().contains("photo.txt: a binary file"), "{e}");
    // Latin-1 text is not UTF-8: the byte and its line are named.
    let latin = dir.path().join("latin1.txt");
    std::fs::write(&latin, b"Line one\nCaf\xe9 in Yerevan\n").unwrap();
    let e = store.ingest_file(&latin, &gaz).unwrap_err();
    assert!(e.to_string().ends_with("not UTF-8 text: invalid byte 0xe9 at byte offset 12 (line 2)"), "{e}");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"\n \n").unwrap();
    assert!(matches!(store.ingest_file(&empty, &gaz), Err(EvidenceError::Decode(DecodeError::Empty { .. }))));
    assert_eq!(counts(&db), before);
}

#[test]
fn html_with_scripts_and_entities_gives_clean_text_and_correct_offsets() {
    let (_dir, _db, mut store, gaz) = setup();
    let html = "<!DOCTYPE html><html><head><title>Base &amp; treaty</title>\
        <script>document.write('Moscow signed <b>nothing</b>'); if (a < b && c > d) {}</script></head>\
        <body><nav>Menu</nav><p>Russia&nbsp;&amp; Armenia signed &ldquo;the treaty&rdquo; on Nov.&#160;14, 2016.</p>\
        <style>p { color: red }</style><p>Cost: &#36;300 million &bogus; &#xZZ; &#99999999;</p>\
        <!-- Moscow in a comment --><p>Unclosed <b>bold";
    let Ingested::Stored { doc, .. } = store.ingest("page.html", html.as_bytes(), &gaz).unwrap() else { panic!() };
    let (orig, norm) = store.texts(doc).unwrap();
    assert!(!orig.contains("document.write") && !orig.contains("color: red") && !orig.contains("comment"));
    assert!(orig.contains("Russia & Armenia signed “the treaty” on Nov. 14, 2016."), "{orig}");
    // Unknown names stay as written; invalid numbers become U+FFFD, as in browsers.
    assert!(norm.contains("$300 million &bogus; \u{fffd} \u{fffd}\nUnclosed bold"), "{norm}");
    assert_eq!(store.document(doc).unwrap().title.as_deref(), Some("Base & treaty"));
    let cands = store.candidates(Some(doc), None, None).unwrap();
    let has = |k: Kind, v: &str| cands.iter().any(|c| c.kind == k && c.value == v);
    assert!(
        has(Kind::Date, "2016-11-14")
            && has(Kind::Quantity, "300000000 USD")
            && has(Kind::Relation, "agreement.signed")
    );
    // No actor from the script or the comment: one RUS (Russia), none for "Moscow".
    assert_eq!(cands.iter().filter(|c| c.kind == Kind::Actor && c.value == "RUS").count(), 1);
    let chars: Vec<char> = orig.chars().collect();
    for c in &cands {
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.span);
    }
}

#[test]
fn other_scripts_are_read_and_matched() {
    let (_dir, _db, mut store, gaz) = setup();
    let text = "Россия и Армения подписали договор. Москва разместила базу в Гюмри.\n\n\
                Հայաստանը և Ռուսաստանը։ Գյումրի քաղաքում ռուսական ռազմաբազա է։ 2016";
    let Ingested::Stored { doc, .. } = store.ingest("ru-hy.txt", text.as_bytes(), &gaz).unwrap() else { panic!() };
    let cands = store.candidates(Some(doc), Some(Kind::Actor), None).unwrap();
    let values: Vec<(&str, &str)> = cands.iter().map(|c| (c.span.as_str(), c.value.as_str())).collect();
    assert!(values.contains(&("Россия", "RUS")) && values.contains(&("Армения", "ARM")), "{values:?}");
    assert!(values.contains(&("Москва", "RUS")) && values.contains(&("Гюмри", "place:gyumri")), "{values:?}");
    assert!(values.contains(&("Գյումրի", "place:gyumri")), "{values:?}");
    let dates = store.candidates(Some(doc), Some(Kind::Date), None).unwrap();
    assert_eq!(dates.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(), ["2016"]);
}

#[test]
fn a_failure_inside_the_transaction_leaves_nothing_half_written() {
    let (_dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    // Make the database refuse candidates, so the ingest fails after the
    // document, its version and passages were inserted.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch(
        "CREATE TRIGGER no_cands BEFORE INSERT ON candidates BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;",
    )
    .unwrap();
    let e = store
        .ingest("new.txt", "Armenia joined the CSTO in 2002. Russia deployed troops.".as_bytes(), &gaz)
        .unwrap_err();
    assert!(e.to_string().contains("disk full (simulated)"), "{e}");
    assert_eq!(counts(&db), before);
    c.execute_batch("DROP TRIGGER no_cands;").unwrap();
    // The same document goes in once the cause is gone; a change is a new version.
    assert!(matches!(
        store.ingest("new.txt", b"Armenia joined in 2002.", &gaz).unwrap(),
        Ingested::Stored { version: 1, .. }
    ));
    assert!(matches!(
        store.ingest("new.txt", b"Armenia joined in 2002.", &gaz).unwrap(),
        Ingested::Unchanged { version: 1, .. }
    ));
    let Ingested::Stored { doc, version, .. } = store.ingest("new.txt", b"Armenia left in 2024.", &gaz).unwrap() else {
        panic!()
    };
    assert_eq!(version, 2);
    let dates = store.candidates(Some(doc), Some(Kind::Date), None).unwrap();
    assert_eq!(dates.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(), ["2024"]);
}

#[test]
fn a_passage_ending_on_since_until_or_from_is_read_without_a_crash() {
    // These once indexed past the last token (found by the Spark benchmark's documents).
    let (dir, _db, mut store, gaz) = setup();
    for (i, text) in
        ["Troops have stayed there ever since the", "Troops stayed there until", "Russia held the base from the"]
            .iter()
            .enumerate()
    {
        let path = dir.path().join(format!("end{i}.txt"));
        std::fs::write(&path, text).unwrap();
        let got = store.ingest_file(&path, &gaz).unwrap();
        let Ingested::Stored { .. } = got else { panic!("{text}: {got:?}") };
    }
    let found = hegemony_evidence::ingest::extract_document("a.txt", b"Russia kept 3,000 troops there since the", &gaz)
        .unwrap();
    assert!(found.candidates.iter().all(|(_, c)| c.found.kind != Kind::Date), "no date in a dangling 'since the'");
}

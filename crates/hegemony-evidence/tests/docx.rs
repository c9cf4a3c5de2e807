//! DOCX ingest: the paragraphs become the stored original text; a damaged,
//! truncated or non-Word ZIP is a clear error that leaves the store as it was.

use hegemony_evidence::docx::testing::{docx, zip};
use hegemony_evidence::text::DecodeError;
use hegemony_evidence::{EvidenceError, Gazetteer, Ingested, Kind, Store};

#[test]
fn a_deflated_docx_is_ingested_and_damaged_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ev.sqlite")).unwrap();
    let gaz = Gazetteer::build(None);
    let bytes = docx(
        &["Russia &amp; Armenia signed an agreement on 23 December 2015.", "The base is at Gyumri."],
        "Air defence",
        true,
    );
    let file = dir.path().join("note.docx");
    std::fs::write(&file, &bytes).unwrap();
    let Ingested::Stored { doc, passages: 2, .. } = store.ingest_file(&file, &gaz).unwrap() else { panic!() };
    let info = store.document(doc).unwrap();
    assert_eq!((info.format.as_str(), info.title.as_deref()), ("docx", Some("Air defence")));
    let (orig, _) = store.texts(doc).unwrap();
    assert_eq!(orig, "Russia & Armenia signed an agreement on 23 December 2015.\n\nThe base is at Gyumri.");
    let chars: Vec<char> = orig.chars().collect();
    let cands = store.candidates(Some(doc), None, None).unwrap();
    assert!(cands.iter().any(|c| c.kind == Kind::Date && c.value == "2015-12-23"));
    for c in &cands {
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.span);
    }
    assert_eq!(store.ingest_file(&file, &gaz).unwrap(), Ingested::Unchanged { doc, version: 1 });

    let before = store.documents().unwrap().len();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("cut.docx", bytes[..bytes.len() / 2].to_vec(), "not a whole ZIP archive"),
        ("sheet.docx", zip(&[("xl/workbook.xml", b"<workbook/>")], true), "not a Word document"),
        (
            "garbled.docx",
            {
                // Damage the deflated document.xml (not the directory).
                let mut b = bytes.clone();
                let at = b.windows(17).position(|w| w == b"word/document.xml").unwrap() + 17;
                for x in &mut b[at..at + 40] {
                    *x ^= 0x5a;
                }
                b
            },
            "word/document.xml",
        ),
    ];
    for (name, b, why) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, b).unwrap();
        let e = store.ingest_file(&f, &gaz).unwrap_err();
        assert!(matches!(e, EvidenceError::Decode(DecodeError::Docx { .. })), "{name}: {e}");
        assert!(e.to_string().contains(why) && e.to_string().contains(name), "{e}");
    }
    assert_eq!(store.documents().unwrap().len(), before);
}

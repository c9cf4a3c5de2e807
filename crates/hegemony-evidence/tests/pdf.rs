//! PDF ingest: the text layer becomes the stored original text, offsets point
//! into it, and a malformed, over-large, encrypted or text-less PDF is a clear
//! error that leaves the store as it was. The PDFs are written in the tests
//! by hand (`pdf::testing`: objects, a cross-reference table with exact byte
//! offsets, a trailer).

use std::path::{Path, PathBuf};
use std::time::Duration;

use hegemony_evidence::pdf::testing::{MEDIA_BOX, pdf_from_objects, stream, text_pdf};
use hegemony_evidence::text::DecodeError;
use hegemony_evidence::{EvidenceError, Ingested, Kind};

mod common;
use common::{counts, setup};

fn treaty_pdf() -> Vec<u8> {
    text_pdf(
        &[&[
            &[
                "Russia and Armenia signed an agreement on a unified regional",
                "air defence system on 23 December 2015.",
            ],
            &["The system is based at Gyumri."],
        ]],
        MEDIA_BOX,
        Some("<< /Title (Air defence in the Caucasus) /Author (A. Analyst) >>"),
    )
}

/// Objects 1-4 of a PDF: catalog, page tree (`kids`: its Kids array and
/// Count), one page without resources, its content stream.
fn one_page(kids: &str, content: &str) -> Vec<String> {
    vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!("<< /Type /Pages /Kids {kids} >>"),
        format!("<< /Type /Page /Parent 2 0 R {MEDIA_BOX} /Contents 4 0 R >>"),
        stream(content),
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_one_page_pdf_is_ingested_with_offsets_into_its_text_layer() {
    let (dir, db, mut store, gaz) = setup();
    let file = write(dir.path(), "treaty.pdf", &treaty_pdf());
    let Ingested::Stored { doc, passages, .. } = store.ingest_file(&file, &gaz).unwrap() else { panic!() };
    assert_eq!(passages, 2);
    let info = store.document(doc).unwrap();
    assert_eq!(info.format, "pdf");
    assert_eq!(info.title.as_deref(), Some("Air defence in the Caucasus"));
    assert_eq!(info.author.as_deref(), Some("A. Analyst"));
    let (orig, norm) = store.texts(doc).unwrap();
    assert!(orig.contains("on a unified regional\nair defence system"), "{orig:?}");
    assert_eq!(
        norm,
        "Russia and Armenia signed an agreement on a unified regional air defence system on 23 December 2015.\n\
         The system is based at Gyumri."
    );
    // Every passage's text is its slice of the original, up to the line
    // breaks the normaliser joined.
    let chars: Vec<char> = orig.chars().collect();
    let c = rusqlite::Connection::open(&db).unwrap();
    let mut st = c
        .prepare("SELECT p.start, p.end, p.text FROM passages p JOIN versions v ON v.id = p.version_id WHERE v.doc_id = ?1 ORDER BY p.seq")
        .unwrap();
    let rows: Vec<(usize, usize, String)> = st
        .query_map([doc], |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows[1].2, "The system is based at Gyumri.");
    for (s, e, t) in &rows {
        assert_eq!(chars[*s..*e].iter().collect::<String>().replace('\n', " "), *t);
    }
    // Candidates: actors, the date and the relation, each span exactly its slice.
    let cands = store.candidates(Some(doc), None, None).unwrap();
    let has = |k: Kind, v: &str| cands.iter().any(|c| c.kind == k && c.value == v);
    assert!(has(Kind::Actor, "RUS") && has(Kind::Actor, "ARM") && has(Kind::Date, "2015-12-23"), "{cands:#?}");
    assert!(has(Kind::Relation, "provision.unified_air_defence"), "{cands:#?}");
    for c in &cands {
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.span);
    }
    let date = cands.iter().find(|c| c.kind == Kind::Date).unwrap();
    assert_eq!(date.span, "23 December 2015");
}

#[test]
fn pages_are_read_in_order_and_re_ingesting_the_same_bytes_is_a_no_op() {
    let (dir, db, mut store, gaz) = setup();
    let bytes = text_pdf(
        &[&[&["Armenia joined the CSTO in 2002."]], &[&["Russia deployed troops at Gyumri in 1995."]]],
        MEDIA_BOX,
        None,
    );
    let file = write(dir.path(), "two.pdf", &bytes);
    let Ingested::Stored { doc, version: 1, .. } = store.ingest_file(&file, &gaz).unwrap() else { panic!() };
    let (_, norm) = store.texts(doc).unwrap();
    assert_eq!(norm, "Armenia joined the CSTO in 2002.\nRussia deployed troops at Gyumri in 1995.");
    let after = counts(&db);
    assert_eq!(store.ingest_file(&file, &gaz).unwrap(), Ingested::Unchanged { doc, version: 1 });
    assert_eq!(counts(&db), after);
    // Changed bytes under the same name: a new version.
    let changed = text_pdf(&[&[&["Armenia froze its CSTO membership in 2024."]]], MEDIA_BOX, None);
    std::fs::write(&file, changed).unwrap();
    assert!(matches!(store.ingest_file(&file, &gaz).unwrap(), Ingested::Stored { version: 2, .. }));
}

#[test]
fn malformed_pdfs_are_refused_and_the_store_is_unchanged() {
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    // Garbage after a PDF header.
    let garbage = write(
        dir.path(),
        "broken.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Length 999999 >> stream\n\x00\x01garbage",
    );
    let e = store.ingest_file(&garbage, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Pdf { .. })), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}: cannot read the PDF: ", std::fs::canonicalize(&garbage).unwrap().display())),
        "{e}"
    );
    // A valid PDF cut in half.
    let full = treaty_pdf();
    let cut = write(dir.path(), "cut.pdf", &full[..full.len() / 2]);
    let e = store.ingest_file(&cut, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Pdf { .. } | DecodeError::PdfNoText { .. })), "{e}");
    // A header and nothing else; a PDF renamed .txt is still a PDF.
    let renamed = write(dir.path(), "paper.txt", b"%PDF-1.5\nxyz");
    let e = store.ingest_file(&renamed, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Pdf { .. })), "{e}");
    assert_eq!(counts(&db), before);
}

#[test]
fn a_panic_inside_the_reader_is_caught_and_reported() {
    // A page without a MediaBox: pdf-extract `expect`s one and panics.
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    let file = write(dir.path(), "no-mediabox.pdf", &text_pdf(&[&[&["Russia and Armenia."]]], "", None));
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Pdf { .. })), "{msg}");
    assert!(msg.contains("no-mediabox.pdf") && msg.contains("panicked: MediaBox, at "), "{msg}");
    assert!(msg.contains("pdf-extract-0.12") && !msg.contains("registry"), "{msg}");
    assert_eq!(counts(&db), before);
    // The store still works afterwards.
    assert!(matches!(store.ingest("after.txt", b"Armenia joined in 2002.", &gaz), Ok(Ingested::Stored { .. })));
}

#[test]
fn a_reader_that_takes_too_long_is_abandoned() {
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    // 40,000 lines of text take the reader far longer than a millisecond.
    let lines: Vec<String> = (0..40_000).map(|i| format!("Line {i} of a long report on Gyumri.")).collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    store.set_pdf_timeout(Duration::from_millis(1));
    let file = write(dir.path(), "slow.pdf", &text_pdf(&[&[&lines]], MEDIA_BOX, None));
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    assert!(e.to_string().contains("slow.pdf") && e.to_string().contains("abandoned"), "{e}");
    assert_eq!(counts(&db), before);
}

#[test]
fn over_large_encrypted_and_text_less_pdfs_are_refused_with_the_reason() {
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    // Over the size limit (80 MB, sparse): refused from its size, never read.
    let huge = dir.path().join("huge.pdf");
    let f = std::fs::File::create(&huge).unwrap();
    std::io::Write::write_all(&mut &f, b"%PDF-1.4\n").unwrap();
    f.set_len(80 << 20).unwrap();
    let e = store.ingest_file(&huge, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::TooLarge { .. }), "{e}");
    // A page with a drawing and no text: a scan, as far as text goes.
    let scan = pdf_from_objects(&one_page("[3 0 R] /Count 1", "0 0 m 300 300 l S"), "");
    let file = write(dir.path(), "scan.pdf", &scan);
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::PdfNoText { pages: 1, .. })), "{e}");
    assert!(e.to_string().contains("no text layer") && e.to_string().contains("OCR"), "{e}");
    // Encrypted with a password we do not have.
    let mut objects = one_page("[3 0 R] /Count 1", "BT /F1 12 Tf 72 720 Td (secret) Tj ET");
    objects.push(format!(
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{}> /U <{}> >>",
        "ab".repeat(32),
        "cd".repeat(32)
    ));
    let locked = pdf_from_objects(
        &objects,
        "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    );
    let file = write(dir.path(), "locked.pdf", &locked);
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::PdfEncrypted { .. })), "{e}");
    assert!(e.to_string().contains("locked.pdf: the PDF is encrypted"), "{e}");
    assert_eq!(counts(&db), before);
}

#[test]
fn a_text_file_named_pdf_is_read_as_the_text_it_is() {
    let (dir, _db, mut store, gaz) = setup();
    let file = write(dir.path(), "notes.pdf", "Armenia and Russia: a note of 2016.\n".as_bytes());
    let Ingested::Stored { doc, .. } = store.ingest_file(&file, &gaz).unwrap() else { panic!() };
    assert_eq!(store.document(doc).unwrap().format, "text");
    // A binary file named .pdf without a PDF header: refused as binary.
    let bin: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let file = write(dir.path(), "image.pdf", &bin);
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    assert!(matches!(e, EvidenceError::Decode(DecodeError::Binary { .. })), "{e}");
}

#[test]
fn a_page_tree_that_contains_itself_is_an_error_not_a_crash() {
    let (dir, db, mut store, gaz) = setup();
    let before = counts(&db);
    let cyclic = pdf_from_objects(&one_page("[2 0 R 3 0 R] /Count 2", "BT /F1 12 Tf 72 720 Td (loop) Tj ET"), "");
    let file = write(dir.path(), "cyclic.pdf", &cyclic);
    let e = store.ingest_file(&file, &gaz).unwrap_err();
    assert!(e.to_string().ends_with("cyclic.pdf: cannot read the PDF: no pages"), "{e}");
    // Arrays nested a hundred thousand deep: an error, not a stack overflow.
    let deep = format!("<< /Type /Catalog /Pages 2 0 R /X {}{} >>", "[".repeat(100_000), "]".repeat(100_000));
    let nested = pdf_from_objects(&[deep, "<< /Type /Pages /Kids [] /Count 0 >>".into()], "");
    let file = write(dir.path(), "deep.pdf", &nested);
    assert!(matches!(store.ingest_file(&file, &gaz), Err(EvidenceError::Decode(DecodeError::Pdf { .. }))));
    assert_eq!(counts(&db), before);
}

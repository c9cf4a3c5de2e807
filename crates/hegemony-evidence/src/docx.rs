//! The text of DOCX (Office Open XML) documents: the paragraphs of
//! `word/document.xml`, with title and author from `docProps/core.xml`. The
//! ZIP container is read with `zip` (stored and deflated entries, CRC-checked,
//! size-capped; encrypted entries refused), the parts' XML with `quick-xml`.
//!
//! The *original text* of a DOCX version is the text built here (one
//! paragraph per block, a blank line between paragraphs): the store keeps it
//! and every offset refers to it. Footnotes, comments, headers and deleted
//! (tracked) text are not read.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use zip::ZipArchive;

use crate::text::{DecodeError, Meta};

/// The most one part may unpack to: a ZIP bomb is refused, not inflated.
const MAX_PART: u64 = 256 << 20;

/// Whether the bytes are a ZIP archive (a DOCX is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text and metadata of a DOCX, or why it cannot be read.
pub fn extract(name: &str, bytes: &[u8]) -> Result<(String, Meta), DecodeError> {
    let err = |reason: String| DecodeError::Docx { name: name.to_string(), reason };
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| err(format!("not a whole ZIP archive ({e}): truncated or damaged?")))?;
    if zip.index_for_name("word/document.xml").is_none() {
        return Err(err("a ZIP archive, but not a Word document (no word/document.xml)".into()));
    }
    let xml = read_part(&mut zip, "word/document.xml", MAX_PART).map_err(err)?;
    let xml = String::from_utf8(xml).map_err(|e| err(format!("word/document.xml is not UTF-8 ({e})")))?;
    let text = document_text(&xml).map_err(|e| err(format!("word/document.xml is not well-formed XML ({e})")))?;
    if !text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::Empty { name: name.to_string() });
    }
    let meta = read_part(&mut zip, "docProps/core.xml", MAX_PART)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map(|x| core_meta(&x))
        .unwrap_or_default();
    Ok((text, meta))
}

/// The unpacked bytes of one part, checked against its declared size (at
/// most `cap`) and its CRC-32 (which `zip` checks on reaching the end).
fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, part: &str, cap: u64) -> Result<Vec<u8>, String> {
    let damaged = |why: String| format!("{part}: damaged ZIP entry ({why})");
    let i = zip.index_for_name(part).ok_or_else(|| format!("{part}: not in the archive"))?;
    let (encrypted, size) = {
        let entry = zip.by_index_data(i).map_err(|e| damaged(e.to_string()))?;
        (entry.encrypted(), entry.size())
    };
    if encrypted {
        return Err(format!("{part} is encrypted; save an unprotected copy and ingest that"));
    }
    if size > cap {
        return Err(format!("{part} unpacks to {size} bytes, more than {cap}"));
    }
    let file = zip.by_index(i).map_err(|e| format!("{part}: cannot unpack ({e})"))?;
    // One byte past the declared size (itself within the cap) at most: data
    // that inflate to more than the header says are refused, not unpacked.
    let mut out = Vec::with_capacity(size as usize);
    file.take(size + 1).read_to_end(&mut out).map_err(|e| damaged(e.to_string()))?;
    if out.len() as u64 > size {
        return Err(damaged(format!("unpacks to more than the {size} bytes its header declares")));
    }
    if (out.len() as u64) < size {
        return Err(damaged(format!("unpacks to {} bytes, not the {size} its header declares", out.len())));
    }
    Ok(out)
}

/// The text of a text, CDATA or reference event (entities resolved; an
/// unknown entity stays as written), or `None` for markup.
fn text_of<'a>(event: &Event<'a>) -> Option<Cow<'a, str>> {
    match event {
        Event::Text(t) => Some(t.xml10_content()),
        Event::CData(t) => Some(t.xml10_content()),
        Event::GeneralRef(r) => Some(match r.resolve_char_ref() {
            Ok(Some(c)) => Cow::Owned(c.to_string()),
            Err(_) => Cow::Borrowed("\u{FFFD}"),
            Ok(None) => match resolve_predefined_entity(r) {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(format!("&{};", &**r)),
            },
        }),
        _ => None,
    }
}

/// The paragraphs' text: `w:t` runs, `w:tab` as a tab, `w:br`/`w:cr` as a
/// line break, a blank line after each paragraph. Skipped whole: the
/// fallback copy of alternate content (`mc:Fallback`, which repeats a text
/// box), tab-stop definitions (`w:tabs`) and tracked deletions (`w:del`).
fn document_text(xml: &str) -> Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = String::new();
    let (mut in_t, mut skip) = (false, 0usize);
    loop {
        let event = reader.read_event()?;
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match &event {
            Event::Start(e) if matches!(e.name().as_ref(), "mc:Fallback" | "w:tabs" | "w:del") => skip = 1,
            Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => out.push('\t'),
                "w:br" | "w:cr" => out.push('\n'),
                "w:p" if matches!(event, Event::Empty(_)) => out.push_str("\n\n"),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "w:p" => out.push_str("\n\n"),
            Event::Eof => break,
            _ if in_t => out.push_str(&text_of(&event).unwrap_or_default()),
            _ => {}
        }
    }
    // At most one blank line in a row (empty paragraphs), none at the ends.
    let mut text = String::with_capacity(out.len());
    for c in out.chars() {
        if c == '\n' && (text.is_empty() || text.ends_with("\n\n")) {
            continue;
        }
        text.push(c);
    }
    Ok(text.trim_end().to_string())
}

/// Title (`dc:title`) and author (`dc:creator`) from `docProps/core.xml`:
/// the first of each, white space collapsed; a damaged part gives what was
/// read before the damage.
fn core_meta(xml: &str) -> Meta {
    let mut reader = Reader::from_str(xml);
    let (mut meta, mut field, mut buf) = (Meta::default(), None, String::new());
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(e) => e,
        };
        match &event {
            Event::Start(e) if field.is_none() => {
                field = match e.name().as_ref() {
                    "dc:title" if meta.title.is_none() => Some(true),
                    "dc:creator" if meta.author.is_none() => Some(false),
                    _ => None,
                };
                buf.clear();
            }
            Event::End(e) if matches!(e.name().as_ref(), "dc:title" | "dc:creator") => {
                let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                match field.take() {
                    Some(true) if !t.is_empty() => meta.title = Some(t),
                    Some(false) if !t.is_empty() => meta.author = Some(t),
                    _ => {}
                }
            }
            _ if field.is_some() => buf.push_str(&text_of(&event).unwrap_or_default()),
            _ => {}
        }
    }
    meta
}

/// Hand-made DOCX files for tests, written with `zip`.
#[doc(hidden)]
pub mod testing {
    use std::io::{Cursor, Write};

    use zip::CompressionMethod;
    use zip::write::{SimpleFileOptions, ZipWriter};

    /// A ZIP archive of `files` (name, content), deflated or stored.
    pub fn zip(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let method = if deflate { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        let options = SimpleFileOptions::default().compression_method(method);
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            w.start_file(*name, options).expect("in memory");
            w.write_all(data).expect("in memory");
        }
        w.finish().expect("in memory").into_inner()
    }

    /// A DOCX with these paragraphs (XML-escaped already) and a title.
    pub fn docx(paragraphs: &[&str], title: &str, deflate: bool) -> Vec<u8> {
        let body: String =
            paragraphs.iter().map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>")).collect();
        let doc = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
             xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        let core = format!(
            "<cp:coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title></cp:coreProperties>"
        );
        let files: [(&str, &[u8]); 3] = [
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", doc.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
        ];
        zip(&files, deflate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tabs_breaks_and_no_tab_stops_or_fallback_copies() {
        let xml = "<w:body><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                   <w:r><w:t>Russia &amp; Armenia</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> signed </w:t></w:r>\
                   <w:r><w:br/><w:t>in 2016.</w:t><w:delText>deleted</w:delText></w:r></w:p><w:p/><w:p/>\
                   <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>Box</w:t></mc:Choice><mc:Fallback><w:t>Box</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body>";
        assert_eq!(document_text(xml).unwrap(), "Russia & Armenia\t signed \nin 2016.\n\nBox");
    }

    #[test]
    fn a_stored_archive_reads_back_and_damage_is_named() {
        let bytes = testing::docx(&["Armenia joined the CSTO in 2002."], "CSTO &amp; Armenia", false);
        let (text, meta) = extract("a.docx", &bytes).unwrap();
        assert_eq!(text, "Armenia joined the CSTO in 2002.");
        assert_eq!(meta.title.as_deref(), Some("CSTO & Armenia"));
        let e = extract("cut.docx", &bytes[..bytes.len() - 30]).unwrap_err();
        assert!(e.to_string().starts_with("cut.docx: cannot read the DOCX: not a whole ZIP archive"), "{e}");
        let mut flipped = bytes.clone();
        let at = flipped.windows(7).position(|w| w == b"Armenia").unwrap();
        flipped[at] = b'X';
        let e = extract("crc.docx", &flipped).unwrap_err();
        assert!(e.to_string().contains("word/document.xml: damaged ZIP entry"), "{e}");
        let other = testing::zip(&[("xl/workbook.xml", b"<workbook/>")], true);
        assert!(extract("x.docx", &other).unwrap_err().to_string().contains("not a Word document"));
    }

    /// Overwrites a little-endian `u32` field of the local and the central
    /// header of `part` (at `local`/`central` bytes from each header's start).
    fn patch(bytes: &mut [u8], part: &str, local: usize, central: usize, value: u32) {
        let names: Vec<usize> =
            bytes.windows(part.len()).enumerate().filter(|(_, w)| *w == part.as_bytes()).map(|(i, _)| i).collect();
        let (l, c) = (names[0] - 30, names[names.len() - 1] - 46);
        assert_eq!((&bytes[l..l + 4], &bytes[c..c + 4]), (&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]));
        bytes[l + local..l + local + 4].copy_from_slice(&value.to_le_bytes());
        bytes[c + central..c + central + 4].copy_from_slice(&value.to_le_bytes());
    }

    #[test]
    fn tracked_deletions_are_skipped() {
        let xml = "<w:p><w:r><w:t>kept</w:t></w:r><w:del w:id=\"1\"><w:r><w:t>gone</w:t><w:delText>gone</w:delText></w:r></w:del>\
                   <w:r><w:rPr><w:del w:id=\"2\"/></w:rPr><w:t xml:space=\"preserve\"> too &#x2014; &lt;ok&gt;</w:t></w:r></w:p>";
        assert_eq!(document_text(xml).unwrap(), "kept too \u{2014} <ok>");
    }

    #[test]
    fn lying_sizes_encryption_and_the_cap_are_refused() {
        let text = "Armenia joined the CSTO in 2002. ".repeat(200);
        let bytes = testing::docx(&[&text], "CSTO", true);
        // Both headers claim 100 bytes; the data inflate to much more.
        let mut lying = bytes.clone();
        patch(&mut lying, "word/document.xml", 22, 24, 100);
        let e = extract("lie.docx", &lying).unwrap_err().to_string();
        assert!(e.starts_with("lie.docx: cannot read the DOCX: word/document.xml: damaged ZIP entry"), "{e}");
        // The encryption flag (bit 0 of the flags).
        let mut locked = bytes.clone();
        patch(&mut locked, "word/document.xml", 6, 8, 1);
        let e = extract("locked.docx", &locked).unwrap_err().to_string();
        assert!(e.contains("locked.docx") && e.contains("word/document.xml is encrypted"), "{e}");
        // A declared size over the cap is refused before anything is unpacked.
        let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let e = read_part(&mut zip, "word/document.xml", 1000).unwrap_err();
        assert!(e.starts_with("word/document.xml unpacks to ") && e.ends_with("bytes, more than 1000"), "{e}");
        assert!(read_part(&mut zip, "word/document.xml", MAX_PART).is_ok());
    }
}

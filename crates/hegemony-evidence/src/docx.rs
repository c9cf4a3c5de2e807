//! The text of DOCX (Office Open XML) documents: the paragraphs of
//! `word/document.xml`, read from the ZIP container by a small reader here
//! (stored and deflated entries through `flate2`, CRC-checked; no ZIP64, no
//! encryption), with title and author from `docProps/core.xml`.
//!
//! The *original text* of a DOCX version is the text built here (one
//! paragraph per block, a blank line between paragraphs): the store keeps it
//! and every offset refers to it. Footnotes, comments, headers and deleted
//! (tracked) text are not read.

use std::io::Read;

use crate::text::{DecodeError, HtmlMeta, decode_entities};

/// The most one part may unpack to: a ZIP bomb is refused, not inflated.
const MAX_PART: u64 = 256 << 20;

/// Whether the bytes are a ZIP archive (a DOCX is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The text and metadata of a DOCX, or why it cannot be read.
pub fn extract(name: &str, bytes: &[u8]) -> Result<(String, HtmlMeta), DecodeError> {
    let err = |reason: String| DecodeError::Docx { name: name.to_string(), reason };
    let zip = Zip::open(bytes).map_err(err)?;
    let Some(doc) = zip.find("word/document.xml") else {
        return Err(err("a ZIP archive, but not a Word document (no word/document.xml)".into()));
    };
    let xml = zip.read(doc).map_err(err)?;
    let xml = String::from_utf8(xml).map_err(|e| err(format!("word/document.xml is not UTF-8 ({e})")))?;
    let text = document_text(&xml);
    if !text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::Empty { name: name.to_string() });
    }
    let meta = zip
        .find("docProps/core.xml")
        .and_then(|e| zip.read(e).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .map(|x| HtmlMeta {
            title: element(&x, "dc:title"),
            author: element(&x, "dc:creator"),
            publisher: None,
            date: None,
        })
        .unwrap_or_default();
    Ok((text, meta))
}

/// The paragraphs' text: `w:t` runs, `w:tab` as a tab, `w:br`/`w:cr` as a
/// line break, a blank line after each paragraph. The fallback copy of
/// alternate content (`mc:Fallback`, which repeats a text box) is skipped.
fn document_text(xml: &str) -> String {
    let mut out = String::new();
    let (mut i, mut in_t, mut in_tabs, mut fallback) = (0, false, false, 0usize);
    while let Some(p) = xml[i..].find('<') {
        let lt = i + p;
        if in_t && fallback == 0 {
            out.push_str(&decode_entities(&xml[i..lt]));
        }
        let Some(q) = xml[lt..].find('>') else { break };
        let gt = lt + q;
        let tag = &xml[lt + 1..gt];
        let (end, body) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let empty = body.ends_with('/');
        let name = body.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        match (name, end) {
            ("mc:Fallback", false) if !empty => fallback += 1,
            ("mc:Fallback", true) => fallback = fallback.saturating_sub(1),
            _ if fallback > 0 => {}
            ("w:t", false) => in_t = !empty,
            ("w:t", true) => in_t = false,
            // Tab stops of a paragraph's properties are not tab characters.
            ("w:tabs", false) => in_tabs = !empty,
            ("w:tabs", true) => in_tabs = false,
            ("w:tab", false) if !in_tabs => out.push('\t'),
            ("w:br" | "w:cr", false) => out.push('\n'),
            ("w:p", true) => out.push_str("\n\n"),
            ("w:p", false) if empty => out.push_str("\n\n"),
            _ => {}
        }
        i = gt + 1;
    }
    // At most one blank line in a row (empty paragraphs), none at the ends.
    let mut text = String::with_capacity(out.len());
    for c in out.chars() {
        if c == '\n' && (text.is_empty() || text.ends_with("\n\n")) {
            continue;
        }
        text.push(c);
    }
    text.trim_end().to_string()
}

/// The text of the first `<tag>…</tag>`, entities decoded, white space collapsed.
fn element(xml: &str, tag: &str) -> Option<String> {
    let open = xml.find(&format!("<{tag}"))?;
    let start = open + xml[open..].find('>')? + 1;
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    let t = decode_entities(&xml[start..end]).split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// One file of the archive, from the central directory.
struct Entry {
    name: String,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: usize,
    size: u64,
    local: usize,
}

struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Zip<'a> {
    /// Reads the central directory (found from the end record, which may be
    /// followed by a comment of up to 64 KB).
    fn open(bytes: &'a [u8]) -> Result<Zip<'a>, String> {
        let last = bytes.len().checked_sub(22).ok_or("not a ZIP archive (too short)")?;
        let eocd = (last.saturating_sub(65535)..=last)
            .rev()
            .find(|&k| bytes[k..].starts_with(b"PK\x05\x06"))
            .ok_or("not a whole ZIP archive (no end of central directory: truncated?)")?;
        let count = le16(bytes, eocd + 10).unwrap_or(0);
        let offset = le32(bytes, eocd + 16).unwrap_or(0);
        if count == u16::MAX || offset == u32::MAX {
            return Err("a ZIP64 archive (not supported)".into());
        }
        let mut at = offset as usize;
        let mut entries = Vec::new();
        for _ in 0..count {
            let entry = (|| {
                if !bytes.get(at..)?.starts_with(b"PK\x01\x02") {
                    return None;
                }
                let (n, extra, comment) =
                    (le16(bytes, at + 28)? as usize, le16(bytes, at + 30)? as usize, le16(bytes, at + 32)? as usize);
                let e = Entry {
                    flags: le16(bytes, at + 8)?,
                    method: le16(bytes, at + 10)?,
                    crc: le32(bytes, at + 16)?,
                    compressed: le32(bytes, at + 20)? as usize,
                    size: le32(bytes, at + 24)? as u64,
                    local: le32(bytes, at + 42)? as usize,
                    name: String::from_utf8_lossy(bytes.get(at + 46..at + 46 + n)?).into_owned(),
                };
                Some((e, 46 + n + extra + comment))
            })();
            let Some((e, len)) = entry else {
                return Err(format!("damaged ZIP central directory at byte {at}"));
            };
            entries.push(e);
            at += len;
        }
        Ok(Zip { bytes, entries })
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The unpacked bytes of one entry, checked against its size and CRC-32.
    fn read(&self, e: &Entry) -> Result<Vec<u8>, String> {
        let damaged = || format!("{}: damaged ZIP entry (truncated file?)", e.name);
        if e.flags & 1 != 0 {
            return Err(format!("{} is encrypted; save an unprotected copy and ingest that", e.name));
        }
        if e.size > MAX_PART {
            return Err(format!("{} unpacks to {} bytes, more than {MAX_PART}", e.name, e.size));
        }
        let b = self.bytes;
        if !b.get(e.local..).is_some_and(|s| s.starts_with(b"PK\x03\x04")) {
            return Err(damaged());
        }
        let n = le16(b, e.local + 26).ok_or_else(damaged)? as usize;
        let extra = le16(b, e.local + 28).ok_or_else(damaged)? as usize;
        let start = e.local + 30 + n + extra;
        let data = b.get(start..start + e.compressed).ok_or_else(damaged)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => {
                let mut out = Vec::with_capacity(e.size as usize);
                flate2::read::DeflateDecoder::new(data)
                    .take(e.size + 1)
                    .read_to_end(&mut out)
                    .map_err(|err| format!("{}: damaged compressed data ({err})", e.name))?;
                out
            }
            m => return Err(format!("{}: compression method {m} not supported (only stored and deflate)", e.name)),
        };
        let mut crc = flate2::Crc::new();
        crc.update(&out);
        if out.len() as u64 != e.size || crc.sum() != e.crc {
            return Err(damaged());
        }
        Ok(out)
    }
}

/// Hand-made DOCX files for tests: a small ZIP writer.
#[doc(hidden)]
pub mod testing {
    use std::io::Write;

    /// A ZIP archive of `files` (name, content), deflated or stored.
    pub fn zip(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let (mut out, mut central) = (Vec::new(), Vec::new());
        for (name, data) in files {
            let mut crc = flate2::Crc::new();
            crc.update(data);
            let packed = if deflate {
                let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
                z.write_all(data).expect("in memory");
                z.finish().expect("in memory")
            } else {
                data.to_vec()
            };
            let local = out.len() as u32;
            // version needed, flags, method, time, date, CRC-32, sizes, name length
            let fixed = |out: &mut Vec<u8>| {
                out.extend_from_slice(&[20, 0, 0, 0, if deflate { 8 } else { 0 }, 0, 0, 0, 0, 0]);
                out.extend_from_slice(&crc.sum().to_le_bytes());
                out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            };
            out.extend_from_slice(b"PK\x03\x04");
            fixed(&mut out);
            out.extend_from_slice(&[0, 0]); // extra
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&packed);
            central.extend_from_slice(b"PK\x01\x02\x14\x00");
            fixed(&mut central);
            central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
            central.extend_from_slice(&local.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        let n = (files.len() as u16).to_le_bytes();
        out.extend_from_slice(&[n[0], n[1], n[0], n[1]]);
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
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
        assert_eq!(document_text(xml), "Russia & Armenia\t signed \nin 2016.\n\nBox");
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
}

//! The format of a document from its content, and the dispatch to the reader
//! of each format. The readers ([`crate::pdf`], [`crate::docx`], [`crate::text`])
//! share the types of [`crate::text`] and know nothing of each other or of
//! this module, so the imports point one way: format → readers → text.

use std::time::Duration;

use crate::text::{self, DecodeError, Meta};

/// What kind of document the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text (UTF-8, or UTF-16 with a BOM).
    Text,
    /// An HTML page.
    Html,
    /// A PDF (its text layer).
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
}

impl Format {
    /// The name in the store (`text`, `html`, `pdf`, `docx`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// The format from the first bytes (a PDF is a PDF whatever its name, and a
/// text named `.pdf` is text) and, for HTML, the name.
pub fn sniff(name: &str, bytes: &[u8]) -> Format {
    if crate::pdf::is_pdf(name, bytes) {
        return Format::Pdf;
    }
    if crate::docx::is_zip(bytes) {
        return Format::Docx;
    }
    let lower = name.to_ascii_lowercase();
    let head: Vec<u8> = bytes.iter().skip_while(|b| b.is_ascii_whitespace()).take(512).copied().collect();
    let head_lc = String::from_utf8_lossy(&head).to_ascii_lowercase();
    if lower.ends_with(".html")
        || lower.ends_with(".htm")
        || lower.ends_with(".xhtml")
        || head_lc.starts_with("<!doctype html")
        || head_lc.starts_with("<html")
    {
        return Format::Html;
    }
    Format::Text
}

/// A document's original text and metadata, read by the reader of its
/// format; `pdf_timeout` bounds the PDF reader.
pub fn read(name: &str, bytes: &[u8], pdf_timeout: Duration) -> Result<(String, Meta), DecodeError> {
    match sniff(name, bytes) {
        Format::Pdf => crate::pdf::extract(name, bytes, pdf_timeout),
        Format::Docx => crate::docx::extract(name, bytes),
        Format::Html => Ok(text::html_to_text(&text::decode(name, bytes)?)),
        Format::Text => Ok((text::decode(name, bytes)?, Meta::default())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{DecodeError, decode};

    #[test]
    fn sniffs_pdf_by_content_and_refuses_binary_with_reasons() {
        assert_eq!(sniff("a.pdf", b"%PDF-1.7"), Format::Pdf);
        assert_eq!(sniff("a.txt", b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(sniff("a.pdf", b"Just text."), Format::Text);
        assert_eq!(sniff("a.htm", b"<p>x"), Format::Html);
        let e = decode("x.txt", b"abc\0def").unwrap_err();
        assert_eq!(e.to_string(), "x.txt: a binary file, not text (NUL byte at byte offset 3)");
        let e = decode("x.txt", b"line\nbad \xff here").unwrap_err();
        assert_eq!(e.to_string(), "x.txt: not UTF-8 text: invalid byte 0xff at byte offset 9 (line 2)");
        let bin: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).filter(|b| *b != 0).collect();
        assert!(matches!(decode("y.txt", &bin), Err(DecodeError::Binary { .. })));
        assert_eq!(decode("r.txt", "Ереван — Երևան".as_bytes()).unwrap(), "Ереван — Երևան");
        assert!(matches!(decode("e.txt", b"  \n "), Err(DecodeError::Empty { .. })));
    }
}

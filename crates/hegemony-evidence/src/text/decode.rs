//! Bytes to a string: UTF-8 (a BOM dropped) or UTF-16 with a BOM; binary
//! content refused with the reason. Also the errors of every reader.

/// Why bytes could not be read as a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The PDF reader failed, panicked or hung on the file.
    #[error("{name}: cannot read the PDF: {reason}")]
    Pdf {
        /// The document.
        name: String,
        /// What went wrong.
        reason: String,
    },
    /// The PDF needs a password.
    #[error("{name}: the PDF is encrypted (it needs a password); save an unprotected copy and ingest that")]
    PdfEncrypted {
        /// The document.
        name: String,
    },
    /// The PDF has no text layer (a scan).
    #[error("{name}: no text layer ({pages} page(s), no text): scanned PDF? run OCR first (e.g. `ocrmypdf`)")]
    PdfNoText {
        /// The document.
        name: String,
        /// Its pages.
        pages: usize,
    },
    /// The DOCX is damaged, truncated or not a Word document.
    #[error("{name}: cannot read the DOCX: {reason}")]
    Docx {
        /// The document.
        name: String,
        /// What went wrong.
        reason: String,
    },
    /// The bytes are not text.
    #[error("{name}: a binary file, not text ({reason})")]
    Binary {
        /// The document.
        name: String,
        /// What gives it away.
        reason: String,
    },
    /// The bytes are text in another encoding than UTF-8.
    #[error("{name}: not UTF-8 text: invalid byte 0x{byte:02x} at byte offset {offset} (line {line})")]
    NotUtf8 {
        /// The document.
        name: String,
        /// The first invalid byte.
        byte: u8,
        /// Its offset.
        offset: usize,
        /// Its line.
        line: usize,
    },
    /// Nothing but white space.
    #[error("{name}: the file is empty (no text after extraction)")]
    Empty {
        /// The document.
        name: String,
    },
}

/// Bytes to a string: UTF-8 (BOM dropped) or UTF-16 with a BOM. Refuses
/// binary content (NUL bytes, many control characters) with the reason.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, DecodeError> {
    let binary = |reason: String| DecodeError::Binary { name: name.to_string(), reason };
    if bytes.len() >= 2 && (bytes[..2] == [0xff, 0xfe] || bytes[..2] == [0xfe, 0xff]) {
        let le = bytes[0] == 0xff;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
            })
            .collect();
        let s: String = char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect();
        return check_controls(name, s);
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Some(pos) = body.iter().position(|&b| b == 0) {
        return Err(binary(format!("NUL byte at byte offset {pos}")));
    }
    match std::str::from_utf8(body) {
        Ok(s) => check_controls(name, s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = body[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            // Many invalid bytes early on: say binary rather than "bad encoding".
            let bad = String::from_utf8_lossy(&body[..body.len().min(4096)]).matches('\u{fffd}').count();
            if bad > 8 {
                return Err(binary(format!("{bad} invalid UTF-8 sequences in the first 4 KB")));
            }
            Err(DecodeError::NotUtf8 { name: name.to_string(), byte: body[offset], offset, line })
        }
    }
}

fn check_controls(name: &str, s: String) -> Result<String, DecodeError> {
    let (mut total, mut controls) = (0usize, 0usize);
    for c in s.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            controls += 1;
        }
    }
    if total > 0 && controls * 20 > total {
        return Err(DecodeError::Binary {
            name: name.to_string(),
            reason: format!("{controls} control characters in the first {total} characters"),
        });
    }
    if s.trim().is_empty() {
        return Err(DecodeError::Empty { name: name.to_string() });
    }
    Ok(s)
}

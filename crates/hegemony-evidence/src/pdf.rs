//! The text layer of PDF files, read with `pdf-extract` (`lopdf` underneath).
//!
//! The extractor panics on many malformed files (it `unwrap`s what a valid
//! file would have) and may loop on others, so it runs on a worker thread
//! under [`std::panic::catch_unwind`] and is waited for with a timeout
//! ([`guarded`]); a panic or a timeout becomes a [`DecodeError::Pdf`] naming
//! the file. A timed-out worker cannot be stopped: it is abandoned and ends
//! with the process. The caller enforces the size limit before the bytes get
//! here. A panic on the worker is not printed by the panic hook (a filter in
//! front of the hook installed before the first PDF, for that thread only):
//! its message and place are in the error instead.
//!
//! The *original text* of a PDF document version is the extracted text: the
//! store keeps it and every offset refers to it.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use crate::text::{DecodeError, Meta};

/// How long the extractor may take on one file before it is abandoned.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Stack of the worker thread: room for the reader's recursion (nested
/// objects, form XObjects within form XObjects).
const WORKER_STACK: usize = 64 << 20;

/// The worker thread's name, which the panic-hook filter recognises.
const WORKER: &str = "pdf-extract";

/// Readers alive at once, abandoned ones included. A thread cannot be
/// killed, so a reader abandoned after its timeout runs on until it ends;
/// past this many, a new PDF is refused rather than piling up threads (in a
/// long-running server fed hostile files).
pub const MAX_READERS: usize = 4;
static READERS: AtomicUsize = AtomicUsize::new(0);

/// Counts a reader thread while it lives (also when its job panics).
struct Alive;

impl Drop for Alive {
    fn drop(&mut self) {
        READERS.fetch_sub(1, Ordering::SeqCst);
    }
}

thread_local! {
    /// Where the worker's last panic happened (file:line), set by the hook filter.
    static PANIC_PLACE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Puts a filter in front of the panic hook, once: a panic on a worker is
/// not printed (it is reported as an error), its place is kept for the error.
fn quiet_worker_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(WORKER) {
                // A dependency's place without the registry's folders: `pdf-extract-0.12.1/src/lib.rs:2413`.
                let place = info.location().map(|l| {
                    let f = l.file();
                    let short =
                        f.split_once("/registry/src/").and_then(|(_, r)| r.split_once('/')).map_or(f, |(_, r)| r);
                    format!("{short}:{}", l.line())
                });
                PANIC_PLACE.with(|p| *p.borrow_mut() = place);
            } else {
                previous(info);
            }
        }));
    });
}

/// Whether the bytes are a PDF: `%PDF-` at the start (after white space), or,
/// for a file named `.pdf`, anywhere in the first 1024 bytes (as readers accept).
pub fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    head[start..].starts_with(b"%PDF")
        || (name.to_ascii_lowercase().ends_with(".pdf") && head.windows(5).any(|w| w == b"%PDF-"))
}

/// The text layer of a PDF and what its Info dictionary says (title, author).
/// Refuses encrypted files, files without text (scans) and files the reader
/// fails, panics or hangs on, each with the reason.
pub fn extract(name: &str, bytes: &[u8], timeout: Duration) -> Result<(String, Meta), DecodeError> {
    let owned = bytes.to_vec();
    let (text, meta, pages) = guarded(name, timeout, move || read(&owned))?.map_err(|f| match f {
        Failure::Encrypted => DecodeError::PdfEncrypted { name: name.to_string() },
        Failure::Malformed(reason) => DecodeError::Pdf { name: name.to_string(), reason },
    })?;
    let text = clean(&text);
    if !text.chars().any(char::is_alphanumeric) {
        return Err(DecodeError::PdfNoText { name: name.to_string(), pages });
    }
    Ok((text, meta))
}

/// Runs `job` on a worker thread: its panic is caught and reported, and after
/// `timeout` it is abandoned; either way the error names the file `name`.
pub fn guarded<T: Send + 'static>(
    name: &str,
    timeout: Duration,
    job: impl FnOnce() -> T + Send + 'static,
) -> Result<T, DecodeError> {
    let err = |reason: String| DecodeError::Pdf { name: name.to_string(), reason };
    quiet_worker_panics();
    if READERS.fetch_add(1, Ordering::SeqCst) >= MAX_READERS {
        READERS.fetch_sub(1, Ordering::SeqCst);
        return Err(err(format!(
            "{MAX_READERS} PDF readers are still busy with earlier files (abandoned after their time limit); \
             try again when they end"
        )));
    }
    let alive = Alive;
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name(WORKER.into()).stack_size(WORKER_STACK).spawn(move || {
        let _alive = alive;
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".into());
            match PANIC_PLACE.with(|p| p.borrow_mut().take()) {
                Some(place) => format!("{what}, at {place}"),
                None => what,
            }
        });
        let _ = tx.send(r);
    });
    // On failure the closure, and the reader's count with it, is dropped.
    spawned.map_err(|e| err(format!("cannot start the PDF reader: {e}")))?;
    match rx.recv_timeout(timeout) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(what)) => Err(err(format!(
            "the PDF reader failed on this file (it panicked: {what}); the file is probably malformed"
        ))),
        Err(RecvTimeoutError::Timeout) => Err(err(format!(
            "the PDF reader found no end after {:.0} s and was abandoned; the file is probably malformed",
            timeout.as_secs_f64()
        ))),
        Err(RecvTimeoutError::Disconnected) => Err(err("the PDF reader ended without an answer".into())),
    }
}

enum Failure {
    Encrypted,
    Malformed(String),
}

/// Parses and extracts (on the worker thread). Returns text, metadata and the page count.
fn read(bytes: &[u8]) -> Result<(String, Meta, usize), Failure> {
    use pdf_extract::{Document, Error as PdfError};
    let mut doc = Document::load_mem(bytes).map_err(|e| match e {
        PdfError::Decryption(_) | PdfError::InvalidPassword => Failure::Encrypted,
        e => Failure::Malformed(e.to_string()),
    })?;
    // Encrypted with an empty user password (permissions only): readable.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().into_keys().collect();
    if pages.is_empty() {
        return Err(Failure::Malformed("no pages".into()));
    }
    let meta = info(&doc);
    // Page by page, a blank line between pages (the reader itself would run
    // the last line of a page into the first of the next).
    let mut text = String::new();
    for &n in &pages {
        let mut page = String::new();
        pdf_extract::output_doc_page(&doc, &mut pdf_extract::PlainTextOutput::new(&mut page), n)
            .map_err(|e| Failure::Malformed(format!("page {n}: {e}")))?;
        let page = page.trim_end();
        if !page.trim().is_empty() {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(page);
        }
    }
    Ok((text, meta, pages.len()))
}

/// Title and author from the Info dictionary (a title that is only a file
/// name, as word processors write, is ignored).
fn info(doc: &pdf_extract::Document) -> Meta {
    let dict = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        o => o.as_dict().ok(),
    });
    let get = |key: &[u8]| -> Option<String> {
        let s = dict?.get(key).ok()?.as_str().ok()?;
        let t = pdf_string(s).split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    let title = get(b"Title").filter(|t| {
        let l = t.to_ascii_lowercase();
        !(l.starts_with("microsoft word")
            || [".doc", ".docx", ".pdf", ".rtf", ".odt", ".tex"].iter().any(|e| l.ends_with(e)))
    });
    Meta { title, author: get(b"Author"), publisher: None, date: None }
}

/// A PDF text string: UTF-16BE with a BOM, UTF-8 with a BOM, else PDFDocEncoding (as Latin-1).
fn pdf_string(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(&[0xfe, 0xff]) {
        let units = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]));
        return char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect();
    }
    if let Some(rest) = s.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    s.iter().map(|&b| b as char).collect()
}

/// Control characters a broken font map may produce are dropped (the result
/// is the stored original, so offsets stay exact); a form feed is a page
/// break, a carriage return (alone or before a line feed) a line break.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{c}' => out.push_str("\n\n"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Hand-written PDFs for tests (here and in the interfaces' tests): objects, a
/// cross-reference table with exact byte offsets, a trailer. Not for real documents.
#[doc(hidden)]
pub mod testing {
    /// A page size for page dictionaries: US Letter.
    pub const MEDIA_BOX: &str = "/MediaBox [0 0 612 792]";

    /// A PDF from its objects (numbered from 1; object 1 is the catalog), with
    /// `trailer_extra` added to the trailer dictionary.
    pub fn pdf_from_objects(objects: &[String], trailer_extra: &str) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    pub fn stream(content: &str) -> String {
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len())
    }

    /// A PDF whose pages hold these paragraphs (lines in Helvetica, paragraphs
    /// separated by a wider gap); `page_extra` goes into every page dictionary.
    pub fn text_pdf(pages: &[&[&[&str]]], page_extra: &str, info: Option<&str>) -> Vec<u8> {
        let n = pages.len();
        // 1 catalog, 2 page tree, 3 font, then per page: page, content; then info.
        let kids: Vec<String> = (0..n).map(|k| format!("{} 0 R", 4 + 2 * k)).collect();
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        ];
        for (k, paragraphs) in pages.iter().enumerate() {
            let mut content = String::from("BT /F1 12 Tf 72 720 Td");
            for (p, lines) in paragraphs.iter().enumerate() {
                for (l, line) in lines.iter().enumerate() {
                    if p + l > 0 {
                        content.push_str(if l == 0 { " 0 -30 Td" } else { " 0 -15 Td" });
                    }
                    let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
                    content.push_str(&format!(" ({escaped}) Tj"));
                }
            }
            content.push_str(" ET");
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R {page_extra} /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * k
            ));
            objects.push(stream(&content));
        }
        let trailer = match info {
            Some(dict) => {
                objects.push(dict.to_string());
                format!("/Info {} 0 R", objects.len())
            }
            None => String::new(),
        };
        pdf_from_objects(&objects, &trailer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_header_not_the_name() {
        assert!(is_pdf("a.txt", b"\n %PDF-1.7\n"));
        assert!(is_pdf("a.pdf", b"junk before %PDF-1.4\n"));
        assert!(!is_pdf("a.txt", b"junk before %PDF-1.4\n"));
        assert!(!is_pdf("a.pdf", b"Plain text in a file named .pdf"));
    }

    #[test]
    fn info_strings_and_cleaning() {
        assert_eq!(pdf_string(b"\xfe\xff\x04\x20\x04\x3e"), "Ро");
        assert_eq!(pdf_string(b"Caf\xe9"), "Café");
        assert_eq!(clean("\n\na\0b\u{c}c\r\nd\re  "), "ab\n\nc\nd\ne");
    }

    /// The tests that start readers run one at a time: they share the count of live readers.
    static READER_TESTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn a_panic_and_a_hang_become_errors_naming_the_file() {
        let _one = READER_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let e = guarded("x.pdf", Duration::from_secs(5), || -> u8 { panic!("missing MediaBox") }).unwrap_err();
        assert!(e.to_string().starts_with("x.pdf: cannot read the PDF: the PDF reader failed"), "{e}");
        assert!(e.to_string().contains("missing MediaBox, at crates/hegemony-evidence/src/pdf.rs:"), "{e}");
        let e =
            guarded("slow.pdf", Duration::from_millis(50), || std::thread::sleep(Duration::from_secs(2))).unwrap_err();
        assert!(e.to_string().contains("slow.pdf") && e.to_string().contains("abandoned"), "{e}");
        assert_eq!(guarded("ok.pdf", Duration::from_secs(5), || 7).unwrap(), 7);
    }

    #[test]
    fn abandoned_readers_are_capped() {
        let _one = READER_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        let slow = || std::thread::sleep(Duration::from_millis(1500));
        // A reader abandoned by an earlier test may still run: refusal comes within MAX_READERS + 1 files.
        let refused = (0..=MAX_READERS)
            .map(|i| guarded(&format!("slow{i}.pdf"), Duration::from_millis(1), slow))
            .find_map(|r| r.err().filter(|e| e.to_string().contains("still busy")));
        let e = refused.expect("a new PDF is refused while the abandoned readers run");
        assert!(e.to_string().contains("PDF readers are still busy"), "{e}");
        // Once they end, PDFs are read again.
        std::thread::sleep(Duration::from_millis(2500));
        assert_eq!(guarded("ok.pdf", Duration::from_secs(5), || 7).unwrap(), 7);
    }
}

//! From bytes to text: the format (by content), decoding (with refusals for
//! binary files), the text layer of HTML, and normalisation with a map back to
//! the original. PDFs are read in [`crate::pdf`], DOCX in [`crate::docx`].
//!
//! Offsets are **character offsets** (Unicode scalar values) into the
//! document's *original text*: the file itself for plain text, the text layer
//! (tags and scripts removed, entities decoded) for HTML, the extracted text
//! layer for PDF, the paragraphs' text for DOCX. The original text is stored, so every offset can be checked
//! against it.

use std::collections::HashSet;

/// Why bytes could not be read as a document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("{name}: cannot read the PDF: {reason}")]
    Pdf { name: String, reason: String },
    #[error("{name}: the PDF is encrypted (it needs a password); save an unprotected copy and ingest that")]
    PdfEncrypted { name: String },
    #[error("{name}: no text layer ({pages} page(s), no text): scanned PDF? run OCR first (e.g. `ocrmypdf`)")]
    PdfNoText { name: String, pages: usize },
    #[error("{name}: cannot read the DOCX: {reason}")]
    Docx { name: String, reason: String },
    #[error("{name}: a binary file, not text ({reason})")]
    Binary { name: String, reason: String },
    #[error("{name}: not UTF-8 text: invalid byte 0x{byte:02x} at byte offset {offset} (line {line})")]
    NotUtf8 { name: String, byte: u8, offset: usize, line: usize },
    #[error("{name}: the file is empty (no text after extraction)")]
    Empty { name: String },
}

/// What kind of document the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Html,
    Pdf,
    Docx,
}

impl Format {
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

/// Metadata found in HTML markup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "table",
    "ul",
    "ol",
    "pre",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "hr",
    "dl",
    "form",
];
const LINE: &[&str] = &["br", "li", "tr", "dt", "dd", "td", "th", "caption"];
const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "svg", "iframe", "object"];

/// The text layer of an HTML page: scripts, styles and the head dropped,
/// block elements as blank lines, entities decoded, white space collapsed as
/// a browser would. Never fails: malformed markup yields what text it holds.
pub fn html_to_text(html: &str) -> (String, HtmlMeta) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut meta = HtmlMeta::default();
    let b = html.as_bytes();
    let mut i = 0;
    let mut pending_space = false;
    let mut in_pre = 0usize;
    let mut title: Option<String> = None;
    let mut in_title = false;
    let push_text = |out: &mut String, text: &str, pending_space: &mut bool, pre: bool| {
        for c in decode_entities(text).chars() {
            if !pre && c.is_whitespace() {
                *pending_space = true;
                continue;
            }
            if *pending_space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
                out.push(' ');
            }
            *pending_space = false;
            out.push(if c == '\u{a0}' { ' ' } else { c });
        }
    };
    let newline = |out: &mut String, n: usize, pending_space: &mut bool| {
        *pending_space = false;
        while out.ends_with(' ') {
            out.pop();
        }
        if out.is_empty() {
            return;
        }
        let have = out.chars().rev().take_while(|&c| c == '\n').count();
        for _ in have..n {
            out.push('\n');
        }
    };
    while i < b.len() {
        if b[i] == b'<' {
            if html[i..].starts_with("<!--") {
                i = html[i + 4..].find("-->").map(|p| i + 4 + p + 3).unwrap_or(b.len());
                continue;
            }
            let Some(close) = find_tag_end(b, i + 1) else {
                // A lone '<' that opens no tag: text.
                push_text(&mut out, "<", &mut pending_space, in_pre > 0);
                i += 1;
                continue;
            };
            let tag = &html[i + 1..close];
            let end_tag = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            i = close + 1;
            if name.is_empty() {
                continue; // <!DOCTYPE>, <?xml?>, stray '</>'
            }
            if !end_tag && name == "meta" {
                read_meta(tag, &mut meta);
                continue;
            }
            if !end_tag && name == "title" {
                in_title = true;
                title = Some(String::new());
                continue;
            }
            if end_tag && name == "title" {
                in_title = false;
                continue;
            }
            if !end_tag && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                // Skip to the matching end tag (case-insensitive); everything
                // inside is not text (a <title> in <head> is read above first).
                let needle = format!("</{name}");
                let rest = html[i..].to_ascii_lowercase();
                if name == "head" {
                    if let Some(p) = rest.find("<title") {
                        let tstart = rest[p..].find('>').map(|q| p + q + 1);
                        if let Some(ts) = tstart
                            && let Some(te) = rest[ts..].find("</title")
                        {
                            title = Some(html[i + ts..i + ts + te].to_string());
                        }
                    }
                    for m in rest.match_indices("<meta") {
                        if let Some(e) = find_tag_end(rest.as_bytes(), m.0 + 1) {
                            read_meta(&html[i + m.0 + 1..i + e], &mut meta);
                        }
                    }
                }
                i = match rest.find(&needle) {
                    Some(p) => find_tag_end(b, i + p + 1).map(|e| e + 1).unwrap_or(b.len()),
                    None => b.len(),
                };
                continue;
            }
            if name == "pre" {
                in_pre = if end_tag { in_pre.saturating_sub(1) } else { in_pre + 1 };
            }
            if BLOCK.contains(&name.as_str()) {
                newline(&mut out, 2, &mut pending_space);
            } else if LINE.contains(&name.as_str()) {
                newline(&mut out, 1, &mut pending_space);
            }
            continue;
        }
        let next = html[i..].find('<').map(|p| i + p).unwrap_or(b.len());
        if in_title {
            if let Some(t) = title.as_mut() {
                t.push_str(&html[i..next]);
            }
        } else {
            push_text(&mut out, &html[i..next], &mut pending_space, in_pre > 0);
        }
        i = next;
    }
    while out.ends_with(['\n', ' ']) {
        out.pop();
    }
    if let Some(t) = title {
        let t = decode_entities(&t).split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            meta.title = Some(t);
        }
    }
    (out, meta)
}

/// The index of the '>' closing a tag opened before `from`, honouring quotes;
/// `None` if the '<' opens no tag (e.g. "a < b").
fn find_tag_end(b: &[u8], from: usize) -> Option<usize> {
    let first = *b.get(from)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!' || first == b'?') {
        return None;
    }
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(k),
            None => {}
        }
    }
    None
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let (q, body) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &v[1..]),
            _ => (None, v),
        };
        let end = match q {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(body.len()),
        };
        return Some(decode_entities(&body[..end]).trim().to_string());
    }
    None
}

fn read_meta(tag: &str, meta: &mut HtmlMeta) {
    let key = attr(tag, "name").or_else(|| attr(tag, "property")).unwrap_or_default().to_ascii_lowercase();
    let Some(content) = attr(tag, "content").filter(|c| !c.is_empty()) else { return };
    match key.as_str() {
        "author" | "article:author" | "dc.creator" => meta.author.get_or_insert(content),
        "og:site_name" | "publisher" | "dc.publisher" => meta.publisher.get_or_insert(content),
        "date" | "article:published_time" | "dc.date" | "citation_publication_date" => meta.date.get_or_insert(content),
        "og:title" | "dc.title" | "citation_title" => meta.title.get_or_insert(content),
        _ => return,
    };
}

/// Decodes HTML character references: numeric ones and the common named
/// ones. Unknown names stay as written; invalid numbers become U+FFFD.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[1..].find(';').map(|q| q + 1).filter(|&q| q <= 12);
        let Some(semi) = semi else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            Some(v.and_then(char::from_u32).filter(|c| *c != '\0').unwrap_or('\u{fffd}'))
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "euro" => '€',
        "pound" => '£',
        "shy" => '\u{ad}',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

/// A text with, for each of its characters, the offset of the character it
/// came from in the original (`map.len() == chars + 1`; the last entry is the
/// original offset just past the end).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapped {
    pub text: String,
    pub map: Vec<usize>,
}

impl Mapped {
    fn push(&mut self, c: char, orig: usize) {
        self.text.push(c);
        self.map.push(orig);
    }
    /// The original range `[start, end)` behind the characters `[a, b)` of this text.
    pub fn original_range(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b {
            let o = self.map[a.min(self.map.len() - 1)];
            return (o, o);
        }
        (self.map[a], self.map[b - 1] + 1)
    }
    pub fn char_len(&self) -> usize {
        self.map.len().saturating_sub(1)
    }
}

/// The normalised document: the main text and the footnotes, each mapped back
/// to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalised {
    /// Paragraphs separated by '\n'.
    pub main: Mapped,
    pub footnotes: Vec<Mapped>,
    /// How many characters of furniture were dropped, by reason.
    pub dropped: Vec<(&'static str, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Keep,
    Drop,
    Foot(u32),
}

/// Normalises a document's original text: drops word-processor bookmarks
/// (`[bookmark: …]`), footnote references (`[footnoteRef:12]`, `[3]`, and
/// numbers glued to a word, "field1", "20013" = 2001 + note 3), page numbers;
/// moves footnote bodies (inline `[12: …]` or blocks of "1 Text" lines at a
/// page's foot) out of the main text; joins words hyphenated across line
/// breaks ("de-\n\nployment" → "deployment", "Russian-\nArmenian" keeps its
/// hyphen); collapses white space, keeping paragraph breaks as '\n'.
pub fn normalise(original: &str) -> Normalised {
    let chars: Vec<char> = original.chars().collect();
    let n = chars.len();
    let mut mark = vec![Mark::Keep; n];
    let mut dropped: Vec<(&'static str, usize)> = Vec::new();
    let mut count = |what: &'static str, k: usize| {
        if let Some(e) = dropped.iter_mut().find(|e| e.0 == what) {
            e.1 += k;
        } else {
            dropped.push((what, k));
        }
    };
    let mut foot_id = 0u32;

    // 1. Bracketed word-processor markers and inline footnote bodies.
    let mut i = 0;
    while i < n {
        if chars[i] == '[' {
            let rest: String = chars[i + 1..n.min(i + 20)].iter().collect();
            let close = |from: usize| -> Option<usize> {
                let mut depth = 0;
                for (k, &c) in chars.iter().enumerate().skip(from) {
                    match c {
                        '[' => depth += 1,
                        ']' if depth == 0 => return Some(k),
                        ']' => depth -= 1,
                        _ => {}
                    }
                    if k - from > 20_000 {
                        return None;
                    }
                }
                None
            };
            if (rest.starts_with("bookmark:") || rest.starts_with("footnoteRef:") || rest.starts_with("endnoteRef:"))
                && let Some(e) = close(i + 1)
            {
                mark[i..=e].iter_mut().for_each(|m| *m = Mark::Drop);
                count(if rest.starts_with("bookmark") { "bookmark" } else { "footnote marker" }, e + 1 - i);
                i = e + 1;
                continue;
            }
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if (1..=4).contains(&digits) {
                let after = rest.chars().nth(digits);
                if after == Some(':') {
                    if let Some(e) = close(i + 1) {
                        foot_id += 1;
                        mark[i..=e].iter_mut().for_each(|m| *m = Mark::Foot(foot_id));
                        // The body proper: after "[12:", before "]".
                        mark[i..i + 2 + digits].iter_mut().for_each(|m| *m = Mark::Drop);
                        mark[e] = Mark::Drop;
                        count("footnote", e + 1 - i);
                        i = e + 1;
                        continue;
                    }
                } else if after == Some(']') {
                    // A citation marker "[3]".
                    mark[i..i + digits + 2].iter_mut().for_each(|m| *m = Mark::Drop);
                    count("footnote marker", digits + 2);
                    i += digits + 2;
                    continue;
                }
            }
        }
        i += 1;
    }

    // 2. Lines: page numbers, footnote blocks at the foot of a page.
    let lines = line_starts(&chars);
    let line_text = |k: usize| -> String {
        let (a, b) = lines[k];
        chars[a..b].iter().collect()
    };
    let mut k = 0;
    let mut last_foot_end = 0usize;
    while k < lines.len() {
        let t = line_text(k);
        let trimmed = t.trim();
        let (a, b) = lines[k];
        if !trimmed.is_empty() && is_page_number(trimmed) && mark[a..b].iter().all(|m| *m == Mark::Keep) {
            mark[a..b].iter_mut().for_each(|m| *m = Mark::Drop);
            count("page number", b - a);
            k += 1;
            continue;
        }
        if footnote_line_number(&t).is_some() {
            // A block: this line and the following ones until a page starts
            // (a line opening with a single space) or 30 lines pass.
            let mut end = k + 1;
            while end < lines.len() && end < k + 30 {
                let u = line_text(end);
                if u.starts_with(' ') && u.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
                    break;
                }
                end += 1;
            }
            let closed = end < lines.len() && end < k + 30;
            if closed {
                let nums = (k..end).filter_map(|j| footnote_line_number(&line_text(j))).collect::<Vec<_>>();
                // Remove the markers of these notes from the text before.
                let region_start = lines[k].0;
                for &m in nums.iter().rev() {
                    if let Some((ma, mb)) = find_marker(&chars, &mark, last_foot_end, region_start, m) {
                        mark[ma..mb].iter_mut().for_each(|x| *x = Mark::Drop);
                        count("footnote marker", mb - ma);
                    }
                }
                for j in k..end {
                    let (a, b) = lines[j];
                    // The line break after the line belongs to the note too.
                    let next = lines.get(j + 1).map(|l| l.0).unwrap_or(b);
                    if footnote_line_number(&line_text(j)).is_some() {
                        foot_id += 1;
                        let digits = chars[a..b].iter().take_while(|c| c.is_ascii_digit() || **c == ' ').count();
                        mark[a..a + digits].iter_mut().for_each(|x| *x = Mark::Drop);
                        mark[a + digits..next].iter_mut().for_each(|x| *x = Mark::Foot(foot_id));
                    } else {
                        mark[a..next].iter_mut().for_each(|x| *x = Mark::Foot(foot_id));
                    }
                    count("footnote", next - a);
                }
                last_foot_end = lines[end - 1].1;
                k = end;
                continue;
            }
        }
        k += 1;
    }

    // 3. Build the main text and the footnotes.
    let hyphen_words = hyphenated_inline(&chars);
    let single_line_paragraphs = median_line_len(&chars, &lines) > 200;
    let double_spaced = is_double_spaced(&lines, &chars);
    let main_idx: Vec<usize> = (0..n).filter(|&j| mark[j] == Mark::Keep).collect();
    let main = build(&chars, &main_idx, &hyphen_words, single_line_paragraphs, double_spaced);
    let mut by_note: Vec<Vec<usize>> = vec![Vec::new(); foot_id as usize + 1];
    for (j, m) in mark.iter().enumerate() {
        if let Mark::Foot(id) = m {
            by_note[*id as usize].push(j);
        }
    }
    let footnotes = by_note
        .iter()
        .filter(|idx| !idx.is_empty())
        .map(|idx| build(&chars, idx, &hyphen_words, false, true))
        .filter(|f| !f.text.trim().is_empty())
        .collect();
    Normalised { main, footnotes, dropped }
}

/// (start, end) char offsets of each line, without its '\n'.
fn line_starts(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let b = if i > a && chars[i - 1] == '\r' { i - 1 } else { i };
            out.push((a, b));
            a = i + 1;
        }
    }
    if a <= chars.len() {
        out.push((a, chars.len()));
    }
    out
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// "1 Russia, Armenia unite …" → 1: a line opening with a note number and a
/// space, then text that does not start with a digit.
fn footnote_line_number(line: &str) -> Option<u32> {
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = &line[digits.len()..];
    let after = rest.strip_prefix(' ')?;
    let first = after.chars().next()?;
    if first.is_ascii_digit() || first.is_whitespace() || first.is_lowercase() {
        return None;
    }
    if after.trim().len() < 8 {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// The last marker of note `num` between `from` and `to`: the number glued to
/// a word or a closing quote/bracket ("field1", "fighting”4"), or glued to a
/// year ("20013" = 2001 + 3). Returns the range of the marker's digits.
fn find_marker(chars: &[char], mark: &[Mark], from: usize, to: usize, num: u32) -> Option<(usize, usize)> {
    let digits: Vec<char> = num.to_string().chars().collect();
    let d = digits.len();
    let mut i = to;
    while i > from + d {
        i -= 1;
        // chars[i - d + 1 ..= i] == digits, followed by a non-digit.
        let start = i + 1 - d;
        if chars[start..=i] != digits[..] || mark[start..=i].iter().any(|m| *m != Mark::Keep) {
            continue;
        }
        if chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let prev = chars[start - 1];
        if prev.is_alphabetic() && !(start >= 2 && chars[start - 2].is_uppercase() && prev.is_uppercase()) {
            // "field1" — but not acronyms with numbers such as "S300" (two capitals before).
            return Some((start, i + 1));
        }
        if matches!(prev, '”' | '"' | '’' | ')' | '.' | ',' | ';' | ':')
            && start >= 2
            && !chars[start - 2].is_whitespace()
        {
            return Some((start, i + 1));
        }
        if prev.is_ascii_digit() && start >= 4 {
            let year: String = chars[start - 4..start].iter().collect();
            let before = if start >= 5 { chars[start - 5] } else { ' ' };
            if !before.is_ascii_digit()
                && let Ok(y) = year.parse::<u32>()
                && (1800..=2100).contains(&y)
            {
                return Some((start, i + 1));
            }
        }
    }
    None
}

/// Lower-cased words written with a hyphen inside a line ("military-political"):
/// such a word split at its hyphen across a line break keeps the hyphen.
fn hyphenated_inline(chars: &[char]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut i = 1;
    while i + 1 < chars.len() {
        if chars[i] == '-' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic() {
            let mut a = i;
            while a > 0 && chars[a - 1].is_alphabetic() {
                a -= 1;
            }
            let mut b = i + 1;
            while b < chars.len() && chars[b].is_alphabetic() {
                b += 1;
            }
            out.insert(chars[a..b].iter().collect::<String>().to_lowercase());
            i = b;
        } else {
            i += 1;
        }
    }
    out
}

fn median_line_len(chars: &[char], lines: &[(usize, usize)]) -> usize {
    let _ = chars;
    let mut lens: Vec<usize> = lines.iter().map(|(a, b)| b - a).filter(|&l| l > 0).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// Whether most text lines are followed by exactly one blank line (a PDF
/// export with double line spacing): then a blank line is not a paragraph.
fn is_double_spaced(lines: &[(usize, usize)], chars: &[char]) -> bool {
    let blank = |k: usize| chars[lines[k].0..lines[k].1].iter().all(|c| c.is_whitespace());
    let (mut text, mut followed) = (0, 0);
    for k in 0..lines.len().saturating_sub(2) {
        if !blank(k) {
            text += 1;
            if blank(k + 1) && !blank(k + 2) {
                followed += 1;
            }
        }
    }
    text > 10 && followed * 10 > text * 7
}

/// Builds normalised text from the kept characters `idx` (increasing).
fn build(
    chars: &[char],
    idx: &[usize],
    hyphen_words: &HashSet<String>,
    single_line_paragraphs: bool,
    double_spaced: bool,
) -> Mapped {
    let mut out = Mapped::default();
    let mut k = 0;
    // Length of the current original line, for the "short last line" rule.
    let mut line_len = 0usize;
    let typical = {
        let mut lens = Vec::new();
        let mut l = 0;
        for &j in idx {
            if chars[j] == '\n' {
                if l > 0 {
                    lens.push(l);
                }
                l = 0;
            } else {
                l += 1;
            }
        }
        lens.sort_unstable();
        lens.get(lens.len() * 3 / 4).copied().unwrap_or(80)
    };
    while k < idx.len() {
        let j = idx[k];
        let c = chars[j];
        if c == '\u{ad}' {
            k += 1;
            continue;
        }
        if c.is_whitespace() {
            // A run of white space (over kept characters).
            let mut newlines = 0;
            let start = k;
            while k < idx.len() && chars[idx[k]].is_whitespace() {
                if chars[idx[k]] == '\n' {
                    newlines += 1;
                }
                k += 1;
            }
            if out.text.is_empty() || k >= idx.len() {
                line_len = 0;
                continue;
            }
            let last = out.text.chars().last().unwrap_or(' ');
            let terminal = matches!(last, '.' | '?' | '!' | ':' | '”' | '"' | ')') || last.is_ascii_digit();
            let short = line_len * 10 < typical * 8;
            let paragraph = if newlines == 0 {
                false
            } else if single_line_paragraphs {
                true
            } else if double_spaced {
                newlines >= 4 || (terminal && short) || (newlines >= 2 && chars[idx[k]] == '•')
            } else {
                // A blank line is a paragraph break unless the line clearly
                // runs on ("…, Iran, and" / lower-case continuation).
                let tail: String = out.text.chars().rev().take_while(|c| c.is_alphabetic()).collect();
                let runs_on = matches!(
                    tail.chars().rev().collect::<String>().as_str(),
                    "and" | "or" | "the" | "of" | "with" | "to" | "a" | "an" | "in" | "for" | "by" | "on" | "at"
                ) || last == ','
                    || chars[idx[k]].is_lowercase();
                (newlines >= 2 && !runs_on) || (terminal && short && newlines >= 1) || chars[idx[k]] == '•'
            };
            let _ = start;
            if newlines > 0 {
                line_len = 0;
            }
            if paragraph {
                if !out.text.ends_with('\n') {
                    out.push('\n', idx[start]);
                }
            } else if !out.text.ends_with([' ', '\n']) {
                out.push(' ', idx[start]);
            }
            continue;
        }
        // A hyphen at a line end: join or keep.
        if c == '-' && k + 1 < idx.len() && !out.text.is_empty() {
            let mut m = k + 1;
            let mut nl = false;
            while m < idx.len() && chars[idx[m]].is_whitespace() {
                nl |= chars[idx[m]] == '\n';
                m += 1;
            }
            let prev_alpha = out.text.chars().last().is_some_and(|p| p.is_alphabetic());
            if nl && m < idx.len() && prev_alpha && chars[idx[m]].is_alphabetic() {
                let mut w_end = m;
                while w_end < idx.len() && chars[idx[w_end]].is_alphabetic() {
                    w_end += 1;
                }
                let head: String = out
                    .text
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let tail: String = idx[m..w_end].iter().map(|&x| chars[x]).collect();
                let compound = format!("{head}-{tail}").to_lowercase();
                let keep_hyphen = chars[idx[m]].is_uppercase() || hyphen_words.contains(&compound);
                if keep_hyphen {
                    out.push('-', j);
                }
                k = m;
                line_len = 0;
                continue;
            }
        }
        out.push(
            match c {
                '\u{a0}' | '\t' => ' ',
                c => c,
            },
            j,
        );
        line_len += 1;
        k += 1;
    }
    while out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.map.pop();
    }
    let end = idx.last().map(|&j| j + 1).unwrap_or(0);
    let end = out.map.last().map(|&x| x + 1).unwrap_or(end);
    out.map.push(end);
    out
}

/// A passage: a paragraph of the normalised text (long ones split at
/// sentence ends), with its place in the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    pub text: String,
    /// Original character offsets.
    pub start: usize,
    pub end: usize,
    /// For each char of `text`, its original offset (plus one past the end).
    pub map: Vec<usize>,
    pub footnote: bool,
}

/// Splits normalised text into passages of at most about `max` characters.
pub fn passages(m: &Mapped, footnote: bool, max: usize) -> Vec<Passage> {
    let chars: Vec<char> = m.text.chars().collect();
    let mut out = Vec::new();
    let mut a = 0;
    let emit = |a: usize, b: usize, out: &mut Vec<Passage>| {
        // Trim white space at both ends.
        let (mut a, mut b) = (a, b);
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a == b {
            return;
        }
        let (s, e) = m.original_range(a, b);
        let mut map = m.map[a..b].to_vec();
        map.push(e);
        out.push(Passage { text: chars[a..b].iter().collect(), start: s, end: e, map, footnote });
    };
    while a < chars.len() {
        let para_end = chars[a..].iter().position(|&c| c == '\n').map(|p| a + p).unwrap_or(chars.len());
        let mut s = a;
        while para_end - s > max {
            // The last sentence end before s + max, else the last space.
            let window = s + max;
            let cut = (s + max / 3..window)
                .rev()
                .find(|&q| matches!(chars[q], '.' | '?' | '!') && chars.get(q + 1).is_some_and(|c| *c == ' '))
                .map(|q| q + 1)
                .or_else(|| (s + max / 3..window).rev().find(|&q| chars[q] == ' '))
                .unwrap_or(window);
            emit(s, cut, &mut out);
            s = cut;
        }
        emit(s, para_end, &mut out);
        a = para_end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(original: &str, m: &Mapped) {
        let orig: Vec<char> = original.chars().collect();
        for (c, &o) in m.text.chars().zip(&m.map) {
            let oc = orig[o];
            assert!(
                c == oc || (c == ' ' && oc.is_whitespace()) || (c == '\n' && oc.is_whitespace()),
                "{c:?} vs {oc:?}"
            );
        }
    }

    #[test]
    fn dehyphenates_across_line_breaks_and_keeps_real_compounds() {
        let t = "force de-\n\nployment and the Russian-\n\nArmenian group; a military-political tie and military-\n\npolitical issues.";
        let n = normalise(t);
        assert_eq!(
            n.main.text,
            "force deployment and the Russian-Armenian group; a military-political tie and military-political issues."
        );
        check_map(t, &n.main);
        // "deployment" maps back to "de-\n\nployment".
        let p = n.main.text.find("deployment").unwrap();
        let (s, e) = n.main.original_range(p, p + "deployment".len());
        assert_eq!(&t[s..e], "de-\n\nployment");
    }

    #[test]
    fn drops_bookmarks_footnote_refs_and_moves_inline_footnotes() {
        let t =
            "[bookmark: _Toc1]Introduction\nRussia[footnoteRef:1] acts.  [1:  The Baltic states are excluded. ]  Next.";
        let n = normalise(t);
        // A short single-spaced line is not a paragraph of its own here (a wrapped line).
        assert_eq!(n.main.text, "Introduction Russia acts. Next.");
        assert_eq!(n.footnotes.len(), 1);
        assert_eq!(n.footnotes[0].text, "The Baltic states are excluded.");
        check_map(t, &n.main);
        check_map(t, &n.footnotes[0]);
    }

    #[test]
    fn footnote_blocks_at_page_foot_and_glued_markers() {
        let t = "in this field1. Once joined, troops2 and April 20013 it was.\n\n1 Russia Today, 23.12.2015.  \n2 V. Litovkin, UPI, 2016.\n3 RFE/RL Newsline, 17.04.2001.\n ranging from the next page.";
        let n = normalise(t);
        // A page continuing in lower case runs on.
        assert_eq!(
            n.main.text,
            "in this field. Once joined, troops and April 2001 it was. ranging from the next page."
        );
        assert_eq!(n.footnotes.len(), 3);
        assert_eq!(n.footnotes[1].text, "V. Litovkin, UPI, 2016.");
    }

    #[test]
    fn page_numbers_are_dropped_and_citations_too() {
        let t = "as such” [1].\n\n12\n\nNext page text.";
        let n = normalise(t);
        assert_eq!(n.main.text, "as such” .\nNext page text.");
    }

    #[test]
    fn html_text_layer_drops_scripts_and_decodes_entities() {
        let h = "<!DOCTYPE html><html><head><title>Joint &amp; force</title><meta name=\"author\" content=\"A. B\">\
                 <script>var x = '<p>not text</p>';</script></head><body><p>Russia &amp; Armenia&nbsp;signed \
                 on Nov.&#32;14,&#x20;2016.</p><style>p{}</style><p>a &lt; b &bogus; &#99999999;</p></body></html>";
        let (t, meta) = html_to_text(h);
        assert_eq!(t, "Russia & Armenia signed on Nov. 14, 2016.\n\na < b &bogus; \u{fffd}");
        assert_eq!(meta.title.as_deref(), Some("Joint & force"));
        assert_eq!(meta.author.as_deref(), Some("A. B"));
    }

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

    #[test]
    fn passages_split_long_paragraphs_at_sentences() {
        let text = "One sentence here. Two sentence here. Three sentence here.\n\nSecond paragraph.";
        let n = normalise(text);
        let ps = passages(&n.main, false, 40);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["One sentence here. Two sentence here.", "Three sentence here.", "Second paragraph."]);
        let chars: Vec<char> = text.chars().collect();
        for p in &ps {
            assert_eq!(chars[p.start..p.end].iter().collect::<String>(), p.text);
        }
    }
}

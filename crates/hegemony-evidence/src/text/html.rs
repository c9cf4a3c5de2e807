//! The text layer of an HTML page: a small tokenizer that never fails on
//! malformed markup, dropping scripts, styles and the head, reading the
//! metadata of `<title>` and `<meta>`, decoding entities and collapsing
//! white space as a browser would.

use super::Meta;
use super::entities::decode_entities;

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
pub fn html_to_text(html: &str) -> (String, Meta) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut meta = Meta::default();
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

fn read_meta(tag: &str, meta: &mut Meta) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

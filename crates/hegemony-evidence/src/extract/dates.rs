//! Dates and periods: full and partial dates, dates relative to the
//! document's year, decades and their parts, spans of years. Each rule
//! reads the tokens from one position; the first that matches wins.

use hegemony_core::PartialDate;

use super::{Context, Found, is, word, year_of};
use crate::candidate::{DateDetail, Detail};
use crate::gazetteer::{TokKind, Token};

/// The months, in order.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month a word names, and whether it is written in full.
fn month_of(w: &str) -> Option<(u8, bool)> {
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    let l = w.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == l) {
        return Some((i as u8 + 1, true));
    }
    let abbr = ["jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if l == "sept" {
        return Some((9, false));
    }
    abbr.iter().position(|a| !a.is_empty() && *a == l).map(|i| (i as u8 + 1, false))
}

/// A day of the month (1 to 31).
fn day_of(t: &Token) -> Option<u8> {
    if t.kind != TokKind::Num || t.text.len() > 2 {
        return None;
    }
    t.text.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

/// A valid date value (`2016`, `2016-11`, `2016-11-14`).
fn pd(y: i32, m: Option<u8>, d: Option<u8>) -> Option<String> {
    let s = match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    s.parse::<PartialDate>().ok().map(|p| p.to_string())
}

/// A date found from a token: the last token it takes, its value, the
/// rule's confidence and name.
struct DateAt {
    last: usize,
    value: String,
    confidence: f64,
    rule: &'static str,
}

impl DateAt {
    fn new(last: usize, value: String, confidence: f64, rule: &'static str) -> DateAt {
        DateAt { last, value, confidence, rule }
    }
}

/// Every date and period among `tokens`, outside the `quantities`.
pub(super) fn dates(tokens: &[Token], cx: &Context, quantities: &[Found]) -> Vec<Found> {
    let doc_year = cx.doc_date.map(|d| d.year);
    let in_quantity = |t: &Token| quantities.iter().any(|q| t.start >= q.start && t.end <= q.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = if in_quantity(&tokens[i]) { None } else { date_at(tokens, i, doc_year) };
        let Some(d) = found else {
            i += 1;
            continue;
        };
        let detail = DateDetail { rule: d.rule.to_string(), doc_date: None };
        out.push(Found::new(tokens[i].start, tokens[d.last].end, d.value, vec![], d.confidence, Detail::Date(detail)));
        i = d.last + 1;
    }
    out
}

/// The date that starts at token `i`, by the first rule that matches.
fn date_at(tokens: &[Token], i: usize, doc_year: Option<i32>) -> Option<DateAt> {
    part_of_month_or_decade(tokens, i, doc_year)
        .or_else(|| month_first(tokens, i, doc_year))
        .or_else(|| day_first(tokens, i, doc_year))
        .or_else(|| dotted(tokens, i))
        .or_else(|| from_year_to_year(tokens, i))
        .or_else(|| year_dash_year(tokens, i))
        .or_else(|| since_or_until(tokens, i))
        .or_else(|| decade_or_year(tokens, i))
}

/// "(early|mid|late)-Month [Year]" (the document's year if none), "the early 1990s".
fn part_of_month_or_decade(tokens: &[Token], i: usize, doc_year: Option<i32>) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    if !matches!(w, "mid" | "early" | "late") {
        return None;
    }
    let k = if is(tokens.get(i + 1), "-") { i + 2 } else { i + 1 };
    if let Some((m, _)) = tokens.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| month_of(&x.text)) {
        let (year, last, relative) = match tokens.get(k + 1).and_then(year_of) {
            Some(y) => (Some(y), k + 1, false),
            None => (doc_year, k, true),
        };
        if let Some(v) = year.and_then(|y| pd(y, Some(m), None)) {
            return Some(if relative {
                DateAt::new(last, v, 0.7, "part of a month, year of the document")
            } else {
                DateAt::new(last, v, 0.85, "part of a month")
            });
        }
    }
    // "the early 1990s", "early 2010s"
    let dec = tokens.get(k).filter(|x| x.kind == TokKind::Num && x.text.len() == 4)?;
    if !is(tokens.get(k + 1), "s") {
        return None;
    }
    let y = year_of(dec)?;
    let (a, b) = match w {
        "early" => (y, y + 3),
        "mid" => (y + 3, y + 6),
        _ => (y + 6, y + 9),
    };
    Some(DateAt::new(k + 1, format!("{a}/{b}"), 0.75, "part of a decade"))
}

/// "Month [.] Day [th] [,] [Year]" (the document's year if none), else "Month [,] Year".
fn month_first(tokens: &[Token], i: usize, doc_year: Option<i32>) -> Option<DateAt> {
    let t = &tokens[i];
    if t.kind != TokKind::Word {
        return None;
    }
    let (m, full) = month_of(&t.text)?;
    if !((full || is(tokens.get(i + 1), "."))
        && (t.text != "May" || tokens.get(i + 1).is_some_and(|x| x.kind == TokKind::Num))
        && t.text.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    let mut k = i + 1;
    if is(tokens.get(k), ".") {
        k += 1;
    }
    if let Some(d) = tokens.get(k).and_then(day_of) {
        let mut last = k;
        if matches!(word(tokens.get(k + 1)), "th" | "st" | "nd" | "rd") && tokens[k + 1].start == tokens[k].end {
            last = k + 1;
        }
        let mut y_at = last + 1;
        if is(tokens.get(y_at), ",") {
            y_at += 1;
        }
        if let Some(y) = tokens.get(y_at).and_then(year_of) {
            if let Some(v) = pd(y, Some(m), Some(d)) {
                return Some(DateAt::new(y_at, v, 0.95, "month day, year"));
            }
        } else if let Some(v) = doc_year.and_then(|y| pd(y, Some(m), Some(d))) {
            return Some(DateAt::new(last, v, 0.7, "month day, year of the document"));
        }
    }
    // Month [,] Year. (A footnote year "April 20013" was split off at normalisation.)
    let mut y_at = i + 1;
    if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
        y_at += 1;
    }
    let y = tokens.get(y_at).and_then(year_of)?;
    pd(y, Some(m), None).map(|v| DateAt::new(y_at, v, 0.9, "month year"))
}

/// "Day [th] [of] Month [,] [Year]" (the document's year if none).
fn day_first(tokens: &[Token], i: usize, doc_year: Option<i32>) -> Option<DateAt> {
    let t = &tokens[i];
    let d = day_of(t)?;
    let mut k = i + 1;
    if matches!(word(tokens.get(k)), "th" | "st" | "nd" | "rd") && tokens[k].start == t.end {
        k += 1;
    }
    if word(tokens.get(k)) == "of" {
        k += 1;
    }
    let (m, full) = tokens.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| month_of(&x.text))?;
    if !((full || is(tokens.get(k + 1), ".")) && tokens[k].text.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let mut y_at = k + 1;
    if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
        y_at += 1;
    }
    match tokens.get(y_at).and_then(year_of) {
        Some(y) => pd(y, Some(m), Some(d)).map(|v| DateAt::new(y_at, v, 0.95, "day month year")),
        None => doc_year
            .and_then(|y| pd(y, Some(m), Some(d)))
            .map(|v| DateAt::new(k, v, 0.7, "day month, year of the document")),
    }
}

/// "dd.mm.yyyy" (one token).
fn dotted(tokens: &[Token], i: usize) -> Option<DateAt> {
    let t = &tokens[i];
    if t.kind != TokKind::Num || t.text.matches('.').count() != 2 {
        return None;
    }
    let parts: Vec<&str> = t.text.split('.').collect();
    let (d, m, y) = (parts[0].parse::<u8>().ok()?, parts[1].parse::<u8>().ok()?, parts[2].parse::<i32>().ok()?);
    if parts[2].len() != 4 {
        return None;
    }
    pd(y, Some(m), Some(d)).map(|v| DateAt::new(i, v, 0.9, "dd.mm.yyyy"))
}

/// "from Y to|till|until|through Y", "between Y and Y".
fn from_year_to_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    if !matches!(w, "from" | "between") {
        return None;
    }
    let y1 = tokens.get(i + 1).and_then(year_of)?;
    let conn = word(tokens.get(i + 2));
    let ok = if w == "from" { matches!(conn, "to" | "till" | "until" | "through") } else { conn == "and" };
    if !ok {
        return None;
    }
    let y2 = tokens.get(i + 3).and_then(year_of).filter(|&y2| y2 >= y1)?;
    Some(DateAt::new(i + 3, format!("{y1}/{y2}"), 0.9, "from year to year"))
}

/// "Y-Y" (a dash glued to the first year, the second later).
fn year_dash_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let t = &tokens[i];
    let y1 = year_of(t)?;
    if !tokens.get(i + 1).is_some_and(|x| matches!(x.text.as_str(), "-" | "–" | "—") && x.start == t.end) {
        return None;
    }
    let y2 = tokens.get(i + 2).and_then(year_of).filter(|&y2| y2 > y1)?;
    Some(DateAt::new(i + 2, format!("{y1}/{y2}"), 0.85, "year-year"))
}

/// "since Y" (open end), "until|till|through Y" (open start).
fn since_or_until(tokens: &[Token], i: usize) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    if !matches!(w, "until" | "till" | "through" | "since") {
        return None;
    }
    let y = tokens.get(i + 1).and_then(year_of)?;
    Some(if w == "since" {
        DateAt::new(i + 1, format!("{y}/.."), 0.9, "since year")
    } else {
        DateAt::new(i + 1, format!("../{y}"), 0.9, "until year")
    })
}

/// "the 1990s", else a year alone (not a page or issue number: "p 1995", "No 2001").
fn decade_or_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let t = &tokens[i];
    let y = year_of(t)?;
    if is(tokens.get(i + 1), "s") && tokens[i + 1].start == t.end {
        return Some(DateAt::new(i + 1, format!("{y}/{}", y + 9), 0.8, "decade"));
    }
    let prev = if i > 0 { tokens[i - 1].text.as_str() } else { "" };
    (!matches!(prev, "p" | "pp" | "No" | "N" | "№")).then(|| DateAt::new(i, format!("{y}"), 0.8, "year"))
}

//! Dates and periods: full and partial dates, decades and their parts,
//! seasons, quarters and halves of a year, ranges ("from 2011 to 2020",
//! "March–May 2015", "2002/2003") and open ranges ("since 1997", "after
//! 2012", "post-2008", "until 2044"). What is relative to the document's
//! date ("last year", "in April", "on Monday") is read in [`super::relative`].
//!
//! A value is a date (`2016`, `2016-11`, `2016-11-14`) or a period
//! `from/to` whose ends are dates or `..` (open). Each rule reads the tokens
//! from one position; the first that matches wins.

use hegemony_core::PartialDate;

use super::relative::{self, Anchor};
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
pub(super) fn month_of(w: &str) -> Option<(u8, bool)> {
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    if let Some(i) = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w)) {
        return Some((i as u8 + 1, true));
    }
    let abbr = ["jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if w.eq_ignore_ascii_case("sept") {
        return Some((9, false));
    }
    abbr.iter().position(|a| !a.is_empty() && a.eq_ignore_ascii_case(w)).map(|i| (i as u8 + 1, false))
}

/// Whether a date can start at this token: a number, or a word that opens
/// one (a month, "since", "early", "last", "autumn" …). Most tokens cannot,
/// and are passed over without trying every rule.
fn may_start_date(t: &Token) -> bool {
    match t.kind {
        TokKind::Num => true,
        TokKind::Punct => false,
        TokKind::Word => {
            (t.text.len() >= 3 && t.text.len() <= 9 && month_of(&t.text).is_some())
                || matches!(
                    t.lower(),
                    "from"
                        | "between"
                        | "since"
                        | "after"
                        | "post"
                        | "until"
                        | "till"
                        | "through"
                        | "before"
                        | "pre"
                        | "by"
                        | "mid"
                        | "early"
                        | "late"
                        | "q"
                        | "first"
                        | "second"
                        | "third"
                        | "fourth"
                        | "spring"
                        | "summer"
                        | "autumn"
                        | "fall"
                        | "winter"
                        | "last"
                        | "this"
                        | "next"
                        | "coming"
                        | "yesterday"
                        | "tomorrow"
                        | "a"
                        | "one"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                )
        }
    }
}

/// A month name at token `k`, capitalised, written in full or abbreviated
/// (with a dot, or before a number: "Oct 30"); "May" only before a number
/// (it is also a verb).
pub(super) fn month_at(tokens: &[Token], k: usize) -> Option<u8> {
    let t = tokens.get(k).filter(|t| t.kind == TokKind::Word)?;
    let (m, full) = month_of(&t.text)?;
    let capital = t.text.chars().next().is_some_and(char::is_uppercase);
    let before_number = tokens.get(k + 1).is_some_and(|x| x.kind == TokKind::Num);
    let dotted = is(tokens.get(k + 1), ".");
    let may_ok = t.text != "May" || before_number;
    (capital && (full || dotted || before_number) && may_ok).then_some(m)
}

/// A day of the month (1 to 31).
pub(super) fn day_of(t: &Token) -> Option<u8> {
    if t.kind != TokKind::Num || t.text.len() > 2 {
        return None;
    }
    t.text.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

/// A valid date value (`2016`, `2016-11`, `2016-11-14`).
pub(super) fn pd(y: i32, m: Option<u8>, d: Option<u8>) -> Option<String> {
    let s = match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    s.parse::<PartialDate>().ok().map(|p| p.to_string())
}

/// A date or a period found from a token: the last token it takes, its
/// ends (equal for a date), the rule's confidence and name.
#[derive(Clone, Debug)]
pub(super) struct DateAt {
    pub last: usize,
    pub from: String,
    pub to: String,
    pub confidence: f64,
    pub rule: &'static str,
}

impl DateAt {
    /// A date (a point, at its precision).
    pub fn point(last: usize, value: String, confidence: f64, rule: &'static str) -> DateAt {
        DateAt { last, from: value.clone(), to: value, confidence, rule }
    }

    /// A period between two dates (`..` for an open end).
    pub fn period(last: usize, from: String, to: String, confidence: f64, rule: &'static str) -> DateAt {
        DateAt { last, from, to, confidence, rule }
    }

    /// `2016-11-14`, or `2011/2020`, `2020/..`.
    pub fn value(&self) -> String {
        if self.from == self.to { self.from.clone() } else { format!("{}/{}", self.from, self.to) }
    }
}

/// Every date and period among `tokens`, outside the `quantities`.
pub(super) fn dates(tokens: &[Token], cx: &Context, quantities: &[Found]) -> Vec<Found> {
    let anchor = Anchor::new(cx.doc_date);
    let in_quantity = |t: &Token| quantities.iter().any(|q| t.start >= q.start && t.end <= q.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found =
            if !may_start_date(&tokens[i]) || in_quantity(&tokens[i]) { None } else { date_at(tokens, i, &anchor) };
        let Some(d) = found else {
            i += 1;
            continue;
        };
        let detail = DateDetail { rule: d.rule.to_string(), doc_date: None };
        out.push(Found::new(
            tokens[i].start,
            tokens[d.last].end,
            d.value(),
            vec![],
            d.confidence,
            Detail::Date(detail),
        ));
        i = d.last + 1;
    }
    out
}

/// The date or period that starts at token `i`, by the first rule that matches.
fn date_at(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    range(tokens, i, anchor)
        .or_else(|| open_range(tokens, i, anchor))
        .or_else(|| expr_at(tokens, i, anchor))
        .or_else(|| relative::relative_at(tokens, i, anchor))
}

/// A date or period written out in full at token `k` (no "since", "from"):
/// parts of months and decades, seasons and quarters of a year, dates,
/// years and decades. Dates without a year take the document's (see
/// [`Anchor::year_for`]).
pub(super) fn expr_at(tokens: &[Token], k: usize, anchor: &Anchor) -> Option<DateAt> {
    // A passage may end on "since the", "until": nothing follows.
    if k >= tokens.len() {
        return None;
    }
    part_of_month_or_decade(tokens, k, anchor)
        .or_else(|| season_of_year(tokens, k))
        .or_else(|| quarter_or_half(tokens, k))
        .or_else(|| month_first(tokens, k, anchor))
        .or_else(|| day_first(tokens, k, anchor))
        .or_else(|| dotted(tokens, k))
        .or_else(|| year_slash_year(tokens, k))
        .or_else(|| decade_or_year(tokens, k))
}

/// Whether token `k` is a dash or "to", "till", "until", "through" (between the ends of a range).
fn range_joint(t: Option<&Token>) -> bool {
    t.is_some_and(|t| {
        matches!(t.text.as_str(), "-" | "–" | "—") || matches!(t.lower(), "to" | "till" | "until" | "through")
    })
}

/// "from X to Y", "between X and Y", "X–Y" (Y not before X), "March–May
/// 2015" and "14–16 November 2016" (the later end's year and month).
fn range(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    let (k, lead) = if matches!(w, "from" | "between") { (i + 1, Some(w)) } else { (i, None) };
    // "March–May 2015", "14–16 November 2016": the first end borrows from the second.
    if let Some(d) = month_or_day_range(tokens, k, lead) {
        return Some(d);
    }
    let a = expr_at(tokens, k, anchor)?;
    let joint = tokens.get(a.last + 1);
    let ok = match lead {
        Some("between") => word(joint) == "and",
        Some(_) => range_joint(joint),
        // Without "from": a dash glued to the first end ("2008-2012", "(1991-1992)").
        None => joint.is_some_and(|j| matches!(j.text.as_str(), "-" | "–") && j.start == tokens[a.last].end),
    };
    if !ok {
        return None;
    }
    let b_at = a.last + 2;
    // "1990-91": a two-digit second year.
    if let (Some(y1), Some(t)) = (year_of(&tokens[a.last]), tokens.get(b_at))
        && a.from == a.to
        && t.kind == TokKind::Num
        && t.text.len() == 2
        && a.last == k
    {
        let y2 = (y1 / 100) * 100 + t.text.parse::<i32>().ok()?;
        return (y2 > y1).then(|| DateAt::period(b_at, y1.to_string(), y2.to_string(), 0.8, "year-year"));
    }
    let b = expr_at(tokens, b_at, anchor)?;
    if b.to < a.from {
        return None;
    }
    let rule = if lead.is_some() { "from date to date" } else { "date-date" };
    Some(DateAt::period(b.last, a.from, b.to, a.confidence.min(b.confidence), rule))
}

/// "March–May 2015", "from March to May 2015", "14–16 November 2016".
fn month_or_day_range(tokens: &[Token], k: usize, lead: Option<&str>) -> Option<DateAt> {
    let joint_ok =
        |j: usize| if lead == Some("between") { word(tokens.get(j)) == "and" } else { range_joint(tokens.get(j)) };
    if let Some(m1) = month_at(tokens, k) {
        let j = if is(tokens.get(k + 1), ".") { k + 2 } else { k + 1 };
        let m2 = month_at(tokens, j + 1).filter(|_| joint_ok(j))?;
        let y_at = if is(tokens.get(j + 2), ".") { j + 3 } else { j + 2 };
        let y_at = if is(tokens.get(y_at), ",") { y_at + 1 } else { y_at };
        let y = tokens.get(y_at).and_then(year_of)?;
        let y1 = if m1 > m2 { y - 1 } else { y };
        return Some(DateAt::period(y_at, pd(y1, Some(m1), None)?, pd(y, Some(m2), None)?, 0.85, "month-month year"));
    }
    let d1 = tokens.get(k).and_then(day_of)?;
    let d2 = tokens.get(k + 2).and_then(day_of).filter(|d2| *d2 > d1 && joint_ok(k + 1))?;
    let m = month_at(tokens, k + 3)?;
    let y_at = if is(tokens.get(k + 4), ",") { k + 5 } else { k + 4 };
    let y = tokens.get(y_at).and_then(year_of)?;
    Some(DateAt::period(y_at, pd(y, Some(m), Some(d1))?, pd(y, Some(m), Some(d2))?, 0.9, "day-day month year"))
}

/// Nouns of events that a date before them dates ("after November 2016 approval").
const EVENT_NOUNS: &[&str] = &[
    "approval",
    "war",
    "conflict",
    "crisis",
    "election",
    "elections",
    "revolution",
    "summit",
    "invasion",
    "annexation",
    "referendum",
    "decision",
    "visit",
    "meeting",
    "talks",
    "signing",
    "agreement",
    "treaty",
    "decree",
    "protests",
    "ceasefire",
    "offensive",
    "attack",
    "fighting",
    "events",
    "reform",
    "statement",
];

/// "since|after|post-X" (open end), "until|till|through|before|pre-|by X"
/// (open start), "from X on(wards)"; X any date or period ("since the
/// early 2010s" = 2010/..). "from 2008" alone is the date, not a period.
fn open_range(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    let opens_end = matches!(w, "since" | "after" | "post" | "from");
    if !opens_end && !matches!(w, "until" | "till" | "through" | "before" | "pre" | "by") {
        return None;
    }
    let mut k = i + 1;
    if matches!(w, "post" | "pre") {
        // Only glued: "post-2008", "pre-2014".
        if !(is(tokens.get(k), "-") && tokens[k].start == tokens[i].end) {
            return None;
        }
        k += 1;
    }
    let the = word(tokens.get(k)) == "the";
    if the {
        k += 1;
    }
    let x = expr_at(tokens, k, anchor)?;
    // "since the 2008 war", "after November 2016 approval of …": the date of an event, not a period.
    if (the && x.from == x.to && x.from.len() == 4) || EVENT_NOUNS.contains(&word(tokens.get(x.last + 1))) {
        return None;
    }
    if w == "by" && x.from.len() < 4 {
        return None;
    }
    if w == "from" {
        let on = matches!(word(tokens.get(x.last + 1)), "on" | "onwards" | "onward");
        return on.then(|| DateAt::period(x.last + 1, x.from, "..".into(), 0.85, "from date on"));
    }
    Some(if opens_end {
        DateAt::period(x.last, x.from, "..".into(), x.confidence.min(0.9), "since or after a date")
    } else {
        DateAt::period(x.last, "..".into(), x.to, x.confidence.min(0.9), "until or before a date")
    })
}

/// "(early|mid|late)-Month [Year]" (the document's year if none), "the early 1990s", "mid-1990s".
fn part_of_month_or_decade(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    if !matches!(w, "mid" | "early" | "late") {
        return None;
    }
    let k = if is(tokens.get(i + 1), "-") { i + 2 } else { i + 1 };
    if let Some(m) = tokens.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| month_of(&x.text)).map(|x| x.0) {
        return match tokens.get(k + 1).and_then(year_of) {
            Some(y) => pd(y, Some(m), None).map(|v| DateAt::point(k + 1, v, 0.85, "part of a month")),
            None => anchor
                .year_for(m, None)
                .and_then(|y| pd(y, Some(m), None))
                .map(|v| DateAt::point(k, v, 0.7, "part of a month, year of the document")),
        };
    }
    // "the early 1990s", "early 2010s", "mid-1990s"
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
    Some(DateAt::period(k + 1, a.to_string(), b.to_string(), 0.75, "part of a decade"))
}

/// The months of a season in a year (northern, meteorological): spring
/// March–May, summer June–August, autumn September–November, winter
/// December to the next February.
pub(super) fn season(w: &str, y: i32) -> Option<(String, String)> {
    let (a, b, next) = match w {
        "spring" => (3, 5, 0),
        "summer" => (6, 8, 0),
        "autumn" | "fall" => (9, 11, 0),
        "winter" => (12, 2, 1),
        _ => return None,
    };
    Some((pd(y, Some(a), None)?, pd(y + next, Some(b), None)?))
}

/// "autumn 2015", "the spring of 2014", "fall of 2015" ("fall" only with "of").
fn season_of_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let w = word(Some(&tokens[i]));
    let of = word(tokens.get(i + 1)) == "of";
    if w == "fall" && !of {
        return None;
    }
    let y_at = if of { i + 2 } else { i + 1 };
    let y = tokens.get(y_at).and_then(year_of)?;
    let (a, b) = season(w, y)?;
    Some(DateAt::period(y_at, a, b, 0.85, "season of a year"))
}

/// "4th quarter 2009", "the first quarter of 2015", "Q3 2016", "the second half of 2015".
fn quarter_or_half(tokens: &[Token], i: usize) -> Option<DateAt> {
    let t = &tokens[i];
    let (n, next) = if t.text == "Q" && tokens.get(i + 1).is_some_and(|d| d.kind == TokKind::Num && d.start == t.end) {
        (tokens[i + 1].text.parse::<u8>().ok()?, i + 2)
    } else {
        let (n, k) = match t.lower() {
            "first" => (1, i + 1),
            "second" => (2, i + 1),
            "third" => (3, i + 1),
            "fourth" => (4, i + 1),
            _ if t.kind == TokKind::Num && matches!(word(tokens.get(i + 1)), "st" | "nd" | "rd" | "th") => {
                (t.text.parse::<u8>().ok()?, i + 2)
            }
            _ => return None,
        };
        let unit = word(tokens.get(k));
        if !matches!(unit, "quarter" | "half") {
            return None;
        }
        let n = if unit == "half" { 10 + n } else { n };
        (n, k + 1)
    };
    let y_at = if word(tokens.get(next)) == "of" { next + 1 } else { next };
    let y = tokens.get(y_at).and_then(year_of)?;
    let (a, b) = match n {
        1..=4 => (3 * n - 2, 3 * n),
        11 => (1, 6),
        12 => (7, 12),
        _ => return None,
    };
    Some(DateAt::period(y_at, pd(y, Some(a), None)?, pd(y, Some(b), None)?, 0.85, "quarter or half of a year"))
}

/// "Month [.] Day [th] [,] [Year]" (the document's year if none), else "Month [,] Year".
fn month_first(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let m = month_at(tokens, i)?;
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
                return Some(DateAt::point(y_at, v, 0.95, "month day, year"));
            }
        } else if let Some(v) = anchor.year_for(m, Some(d)).and_then(|y| pd(y, Some(m), Some(d))) {
            return Some(DateAt::point(last, v, 0.7, "month day, year of the document"));
        }
    }
    // Month [,] Year. (A footnote year "April 20013" was split off at normalisation.)
    let mut y_at = i + 1;
    if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
        y_at += 1;
    }
    let y = tokens.get(y_at).and_then(year_of)?;
    pd(y, Some(m), None).map(|v| DateAt::point(y_at, v, 0.9, "month year"))
}

/// "Day [th] [of] Month [,] [Year]" (the document's year if none).
fn day_first(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let t = &tokens[i];
    let d = day_of(t)?;
    let mut k = i + 1;
    if matches!(word(tokens.get(k)), "th" | "st" | "nd" | "rd") && tokens[k].start == t.end {
        k += 1;
    }
    if word(tokens.get(k)) == "of" {
        k += 1;
    }
    let m = month_at(tokens, k)?;
    let mut y_at = k + 1;
    if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
        y_at += 1;
    }
    match tokens.get(y_at).and_then(year_of) {
        Some(y) => pd(y, Some(m), Some(d)).map(|v| DateAt::point(y_at, v, 0.95, "day month year")),
        None => anchor
            .year_for(m, Some(d))
            .and_then(|y| pd(y, Some(m), Some(d)))
            .map(|v| DateAt::point(k, v, 0.7, "day month, year of the document")),
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
    pd(y, Some(m), Some(d)).map(|v| DateAt::point(i, v, 0.9, "dd.mm.yyyy"))
}

/// "2002/2003", "2008/2009": two years joined by a slash, the second later.
fn year_slash_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let y1 = year_of(&tokens[i])?;
    let slash = tokens.get(i + 1).filter(|s| s.text == "/" && s.start == tokens[i].end)?;
    let y2 = tokens.get(i + 2).filter(|t| t.start == slash.end).and_then(year_of).filter(|&y2| y2 > y1)?;
    Some(DateAt::period(i + 2, y1.to_string(), y2.to_string(), 0.85, "year/year"))
}

/// "the 1990s", else a year alone (not a page or issue number: "p 1995", "No 2001").
fn decade_or_year(tokens: &[Token], i: usize) -> Option<DateAt> {
    let t = &tokens[i];
    let y = year_of(t)?;
    if is(tokens.get(i + 1), "s") && tokens[i + 1].start == t.end {
        return Some(DateAt::period(i + 1, y.to_string(), (y + 9).to_string(), 0.8, "decade"));
    }
    let prev = if i > 0 { tokens[i - 1].text.as_str() } else { "" };
    (!matches!(prev, "p" | "pp" | "No" | "N" | "№")).then(|| DateAt::point(i, format!("{y}"), 0.8, "year"))
}

//! Dates relative to the document's date: a day and month or a month
//! without a year ("on October 29th", "in April"), "last year", "next
//! month", "this autumn", "two years ago", "yesterday", "on Monday".
//!
//! The document's date comes from its metadata, dateline or byline (see
//! [`crate::ingest`]). Without it (or without the precision a rule needs:
//! a day for "yesterday", a month for "last month") nothing is resolved.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use hegemony_core::PartialDate;

use super::dates::{DateAt, month_at, pd, season};
use super::{is, word};
use crate::gazetteer::{TokKind, Token};

/// The document's date, as relative expressions read it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Anchor {
    date: Option<PartialDate>,
}

impl Anchor {
    /// The anchor of a document dated `date` (if known).
    pub fn new(date: Option<PartialDate>) -> Anchor {
        Anchor { date }
    }

    /// The year of a month (and day) named without one: the document's,
    /// or, when the document's month is known, the year that puts the date
    /// within nine months before to three months after it (a text of
    /// January 2017 speaking of "December 29" means 2016).
    pub fn year_for(&self, m: u8, d: Option<u8>) -> Option<i32> {
        let doc = self.date?;
        let Some(dm) = doc.month else { return Some(doc.year) };
        let months = |y: i32, m: u8| y * 12 + i32::from(m);
        let here = months(doc.year, dm) * 31 + i32::from(doc.day.unwrap_or(15));
        [doc.year, doc.year - 1, doc.year + 1].into_iter().find(|&y| {
            let at = months(y, m) * 31 + i32::from(d.unwrap_or(15));
            at > here - 9 * 31 && at <= here + 3 * 31
        })
    }

    /// The document's day, when known.
    fn day(&self) -> Option<NaiveDate> {
        let d = self.date?;
        NaiveDate::from_ymd_opt(d.year, u32::from(d.month?), u32::from(d.day?))
    }
}

/// The relative date that starts at token `i`.
pub(super) fn relative_at(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    anchor.date?;
    deictic(tokens, i, anchor)
        .or_else(|| years_ago(tokens, i, anchor))
        .or_else(|| day_word(tokens, i, anchor))
        .or_else(|| month_alone(tokens, i, anchor))
}

/// "last|this|next|coming year|month|spring|summer|autumn|fall|winter".
fn deictic(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let shift = match word(Some(&tokens[i])) {
        "last" => -1,
        "this" => 0,
        "next" | "coming" => 1,
        _ => return None,
    };
    let doc = anchor.date?;
    let unit = word(tokens.get(i + 1));
    let last = i + 1;
    match unit {
        "year" => Some(DateAt::point(last, (doc.year + shift).to_string(), 0.75, "last, this or next year")),
        "month" => {
            let m = i32::from(doc.month?) - 1 + shift;
            let (y, m) = (doc.year + m.div_euclid(12), m.rem_euclid(12) as u8 + 1);
            Some(DateAt::point(last, pd(y, Some(m), None)?, 0.7, "last, this or next month"))
        }
        "spring" | "summer" | "autumn" | "fall" | "winter" => {
            // The season this text is in (a winter runs into the next year), shifted.
            let dm = doc.month.unwrap_or(6);
            let current = if unit == "winter" && dm <= 2 { doc.year - 1 } else { doc.year };
            let (a, b) = season(unit, current + shift)?;
            Some(DateAt::period(last, a, b, 0.65, "last, this or next season"))
        }
        _ => None,
    }
}

/// "two years ago", "a year ago", "three months ago".
fn years_ago(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    const WORDS: [&str; 11] = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    let t = &tokens[i];
    let n: i32 = match t.kind {
        TokKind::Num if t.text.len() <= 2 => t.text.parse().ok()?,
        TokKind::Word => WORDS.iter().position(|w| *w == t.lower()).map(|p| p.max(1) as i32)?,
        _ => return None,
    };
    if word(tokens.get(i + 2)) != "ago" {
        return None;
    }
    let doc = anchor.date?;
    match word(tokens.get(i + 1)) {
        "year" | "years" => Some(DateAt::point(i + 2, (doc.year - n).to_string(), 0.7, "years ago")),
        "month" | "months" => {
            let m = i32::from(doc.month?) - 1 - n;
            let (y, m) = (doc.year + m.div_euclid(12), m.rem_euclid(12) as u8 + 1);
            Some(DateAt::point(i + 2, pd(y, Some(m), None)?, 0.65, "months ago"))
        }
        _ => None,
    }
}

/// "yesterday", "tomorrow", and a weekday after "on", "last", "this" or
/// "next" (on or before the document's day unless "next"); the document's
/// day must be known.
fn day_word(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let t = &tokens[i];
    let day = anchor.day()?;
    let value = |d: NaiveDate| pd(d.year(), Some(d.month() as u8), Some(d.day() as u8));
    match t.lower() {
        "yesterday" => return Some(DateAt::point(i, value(day.checked_sub_days(Days::new(1))?)?, 0.75, "yesterday")),
        "tomorrow" => return Some(DateAt::point(i, value(day.checked_add_days(Days::new(1))?)?, 0.75, "tomorrow")),
        _ => {}
    }
    let w = word(i.checked_sub(1).and_then(|p| tokens.get(p)));
    if !matches!(w, "on" | "last" | "this" | "next") || !t.text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let wd: Weekday = t.lower().parse().ok().filter(|_| t.lower().ends_with("day"))?;
    let back = (7 + day.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    let d = if w == "next" {
        let ahead = (7 + wd.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
        day.checked_add_days(Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))?
    } else if w == "last" && back == 0 {
        day.checked_sub_days(Days::new(7))?
    } else {
        day.checked_sub_days(Days::new(u64::from(back)))?
    };
    Some(DateAt::point(i, value(d)?, 0.6, "weekday near the document's date"))
}

/// A month named alone after "in", "on", "during", "since", "until", "by",
/// "from", "last", "this", "next", "early", "late" or "the" ("the April
/// fighting"; not "the March", "the May"), without a day or a year after it.
fn month_alone(tokens: &[Token], i: usize, anchor: &Anchor) -> Option<DateAt> {
    let prev = word(i.checked_sub(1).and_then(|p| tokens.get(p)));
    let t = &tokens[i];
    let lead = matches!(
        prev,
        "in" | "on" | "during" | "since" | "until" | "by" | "from" | "last" | "this" | "next" | "early" | "late"
    ) || (prev == "the" && !matches!(t.text.as_str(), "March" | "May"));
    if !lead || t.text == "May" {
        return None;
    }
    let m = month_at(tokens, i).filter(|_| is(tokens.get(i + 1), ".") || t.text.chars().count() > 3)?;
    if tokens.get(i + 1).is_some_and(|n| n.kind == TokKind::Num) {
        return None;
    }
    let y = anchor.year_for(m, None)?;
    Some(DateAt::point(i, pd(y, Some(m), None)?, 0.65, "month, year of the document"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_without_a_year_falls_near_the_document() {
        let a = Anchor::new(Some("2017-01-05".parse().unwrap()));
        assert_eq!(a.year_for(12, Some(29)), Some(2016));
        assert_eq!(a.year_for(1, Some(3)), Some(2017));
        assert_eq!(a.year_for(3, None), Some(2017));
        assert_eq!(a.year_for(5, None), Some(2016));
        let y = Anchor::new(Some("2016".parse().unwrap()));
        assert_eq!(y.year_for(12, None), Some(2016));
        assert_eq!(Anchor::new(None).year_for(4, None), None);
    }
}

//! Calendar dates, full and partial.
//!
//! Facts about states are often known only to the year or month ("2016",
//! "2016-11"). A [`PartialDate`] says so explicitly instead of inventing a day,
//! and can be widened to the first or last [`Date`] it may stand for.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A valid proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    /// Not of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Syntax(String),
    #[error("'{0}' is not a real date (month must be 1-12 and the day must exist in that month)")]
    /// Well formed but not on the calendar (month 13, 2023-02-29).
    Impossible(String),
}

/// Whether `year` is a leap year of the proleptic Gregorian calendar.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Builds a date, refusing impossible ones (2023-02-29, month 13, day 0).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The last day of `year`.
    pub fn end_of_year(year: i32) -> Date {
        Date { year, month: 12, day: 31 }
    }

    /// The first day of `year`.
    pub fn start_of_year(year: i32) -> Date {
        Date { year, month: 1, day: 1 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let p: PartialDate = s.parse()?;
        match (p.month, p.day) {
            (Some(m), Some(d)) => Ok(Date { year: p.year, month: m, day: d }),
            _ => Err(DateError::Syntax(s.to_string())),
        }
    }
}

/// A date known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    /// The year, always known.
    pub year: i32,
    /// The month, when known.
    pub month: Option<u8>,
    /// Only set when `month` is.
    pub day: Option<u8>,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Known to the year (`2016`).
    Year,
    /// Known to the month (`2016-11`).
    Month,
    /// Known to the day (`2016-11-14`).
    Day,
}

impl PartialDate {
    /// A date known only to the year.
    pub fn year(year: i32) -> PartialDate {
        PartialDate { year, month: None, day: None }
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The earliest full date this partial date may stand for.
    pub fn earliest(&self) -> Date {
        let month = self.month.unwrap_or(1);
        Date { year: self.year, month, day: self.day.unwrap_or(1) }
    }

    /// The latest full date this partial date may stand for.
    pub fn latest(&self) -> Date {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        Date { year: self.year, month, day }
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate { year: d.year, month: Some(d.month), day: Some(d.day) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<PartialDate, DateError> {
        let syntax = || DateError::Syntax(s.to_string());
        let mut parts = s.trim().split('-');
        let year_part = parts.next().ok_or_else(syntax)?;
        if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(syntax());
        }
        let year: i32 = year_part.parse().map_err(|_| syntax())?;
        let mut number = |len: usize| -> Result<Option<u8>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| syntax())?))
                }
                Some(_) => Err(syntax()),
            }
        };
        let month = number(2)?;
        let day = if month.is_some() { number(2)? } else { None };
        if parts.next().is_some() {
            return Err(syntax());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Impossible(s.to_string()));
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return Err(DateError::Impossible(s.to_string()));
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial() {
        let d: PartialDate = "2016-11-14".parse().unwrap();
        assert_eq!(d.precision(), Precision::Day);
        assert_eq!(d.to_string(), "2016-11-14");
        let m: PartialDate = "2016-11".parse().unwrap();
        assert_eq!(m.precision(), Precision::Month);
        assert_eq!(m.earliest().to_string(), "2016-11-01");
        assert_eq!(m.latest().to_string(), "2016-11-30");
        let y: PartialDate = "2016".parse().unwrap();
        assert_eq!(y.latest().to_string(), "2016-12-31");
        assert_eq!("2024-02".parse::<PartialDate>().unwrap().latest().day(), 29);
    }

    #[test]
    fn refuses_impossible_and_malformed() {
        assert!(matches!("2023-02-29".parse::<PartialDate>(), Err(DateError::Impossible(_))));
        assert!(matches!("2016-13".parse::<PartialDate>(), Err(DateError::Impossible(_))));
        assert!(matches!("2016-04-31".parse::<PartialDate>(), Err(DateError::Impossible(_))));
        assert!(matches!("16-04-01".parse::<PartialDate>(), Err(DateError::Syntax(_))));
        assert!(matches!("2016/04/01".parse::<PartialDate>(), Err(DateError::Syntax(_))));
        assert!(matches!("2016-4-1".parse::<PartialDate>(), Err(DateError::Syntax(_))));
        assert!("2016-11".parse::<Date>().is_err());
        assert_eq!(Date::new(2000, 2, 29).map(|d| d.to_string()), Some("2000-02-29".into()));
        assert_eq!(Date::new(1900, 2, 29), None);
    }

    #[test]
    fn dates_order_chronologically() {
        let a: Date = "1991-12-25".parse().unwrap();
        let b: Date = "1992-01-01".parse().unwrap();
        assert!(a < b);
    }
}

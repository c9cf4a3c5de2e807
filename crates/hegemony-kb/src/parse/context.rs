//! The checking context of one file: where errors go, and the checks every kind of fact shares
//! (dates, state codes, references to other facts, the order of two dates, confidence, enumerated values).

use std::collections::HashMap;

use hegemony_core::{DateError, PartialDate, Registry};
use toml::Spanned;

use super::KbFile;
use super::raw::SVal;
use crate::diag::{Diagnostic, ErrorKind, LineIndex};
use crate::model::{FactKind, Source};

/// Per-file state while converting.
pub(super) struct Ctx<'a> {
    pub(super) file: &'a KbFile,
    pub(super) lines: LineIndex,
    pub(super) errors: &'a mut Vec<Diagnostic>,
    pub(super) catalogue: &'a HashMap<String, Source>,
    /// References to check once every file is read: (target kind, id, file, line).
    pub(super) refs: &'a mut Vec<PendingRef>,
}

pub(super) struct PendingRef {
    pub(super) kind: FactKind,
    pub(super) id: String,
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) what: &'static str,
}

impl Ctx<'_> {
    pub(super) fn line(&self, span: std::ops::Range<usize>) -> usize {
        self.lines.line(span.start)
    }

    pub(super) fn err(&mut self, kind: ErrorKind, line: usize, message: String, hint: &str) {
        self.errors.push(Diagnostic { kind, file: self.file.path.clone(), line, message, hint: hint.to_string() });
    }

    pub(super) fn date(&mut self, v: &SVal, what: &str, id: &str) -> Option<PartialDate> {
        let line = self.line(v.span());
        let text = match v.get_ref() {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(i) => format!("{i:04}"),
            toml::Value::Datetime(dt) => match dt.date {
                Some(d) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                None => dt.to_string(),
            },
            other => other.to_string(),
        };
        match text.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(DateError::Impossible(s)) => {
                self.err(
                    ErrorKind::ImpossibleDate,
                    line,
                    format!("{what} of '{id}' is not a real date: '{s}'"),
                    "months run 1-12 and the day must exist in that month (2023-02-29 does not)",
                );
                None
            }
            Err(DateError::Syntax(s)) => {
                self.err(
                    ErrorKind::MalformedDate,
                    line,
                    format!("{what} of '{id}' is not a date: '{s}'"),
                    "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" (a partial date says how precisely it is known)",
                );
                None
            }
        }
    }

    pub(super) fn opt_date(&mut self, v: &Option<SVal>, what: &str, id: &str) -> Option<PartialDate> {
        v.as_ref().and_then(|v| self.date(v, what, id))
    }

    pub(super) fn state(&mut self, s: &Spanned<String>) -> Option<String> {
        let line = self.line(s.span());
        match Registry::global().resolve(s.get_ref()) {
            Ok(st) => Some(st.code().to_string()),
            Err(e) => {
                let hint = if e.suggestions.is_empty() {
                    "use a state code the registry knows (ISO3 such as ARM, RUS; see `hegemony states`)".to_string()
                } else {
                    format!("did you mean {}?", e.suggestions.join(", "))
                };
                self.err(ErrorKind::UnknownState, line, format!("unknown state '{}'", s.get_ref()), &hint);
                None
            }
        }
    }

    pub(super) fn reference(&mut self, kind: FactKind, s: &Spanned<String>, what: &'static str) -> String {
        let line = self.line(s.span());
        self.refs.push(PendingRef { kind, id: s.get_ref().clone(), file: self.file.path.clone(), line, what });
        s.get_ref().clone()
    }

    /// Orders two dates: `a` must not be after `b`.
    pub(super) fn ordered(
        &mut self,
        id: &str,
        line: usize,
        a: Option<(PartialDate, &str)>,
        b: Option<(PartialDate, &str)>,
    ) -> bool {
        if let (Some((da, na)), Some((db, nb))) = (a, b)
            && db.latest() < da.earliest()
        {
            self.err(
                ErrorKind::InvertedDates,
                line,
                format!("'{id}': {nb} ({db}) is before {na} ({da})"),
                "check the order of the dates; a partial date may be used when unsure",
            );
            return false;
        }
        true
    }

    pub(super) fn confidence(&mut self, c: &Option<Spanned<f64>>, id: &str, line: usize) -> Option<f64> {
        match c {
            None => {
                self.err(
                    ErrorKind::BadConfidence,
                    line,
                    format!("'{id}' has no confidence"),
                    "add confidence = 0.0 … 1.0",
                );
                None
            }
            Some(c) if !(0.0..=1.0).contains(c.get_ref()) => {
                let l = self.line(c.span());
                self.err(
                    ErrorKind::BadConfidence,
                    l,
                    format!("confidence of '{id}' is {} (outside 0 … 1)", c.get_ref()),
                    "1.0 = certain from the quoted source, about 0.6 = general knowledge to verify",
                );
                None
            }
            Some(c) => Some(*c.get_ref()),
        }
    }

    pub(super) fn enum_value<T: serde::de::DeserializeOwned>(
        &mut self,
        s: &Spanned<String>,
        what: &str,
        allowed: &str,
    ) -> Option<T> {
        match serde_json::from_value(serde_json::Value::String(s.get_ref().clone())) {
            Ok(v) => Some(v),
            Err(_) => {
                let l = self.line(s.span());
                self.err(
                    ErrorKind::BadValue,
                    l,
                    format!("unknown {what} '{}'", s.get_ref()),
                    &format!("use one of: {allowed}"),
                );
                None
            }
        }
    }
}

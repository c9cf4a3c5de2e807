//! Diagnostics of `kb check`: each names its kind, file, line and a hint.

use std::fmt;

use serde::Serialize;

/// What is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not valid TOML, or a table of the wrong shape (unknown or missing field).
    Syntax,
    /// A state code the registry does not know.
    UnknownState,
    /// An id (organisation, agreement, source) that no fact or catalogue entry has.
    UnknownReference,
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    MalformedDate,
    /// A well-formed date that does not exist (2023-02-29, month 13).
    ImpossibleDate,
    /// An end date before the start date (or signature after entry into force …).
    InvertedDates,
    /// A membership spell that ends before it starts.
    SpellEndsBeforeStart,
    /// Two spells of the same state in the same organisation overlap.
    OverlappingSpells,
    /// A fact (or source) with no source.
    MissingSource,
    /// A source lacking what its kind needs (title, file, note …).
    IncompleteSource,
    /// Two facts (or catalogue sources) with the same id.
    DuplicateId,
    /// A confidence missing or outside [0, 1].
    BadConfidence,
    /// Any other value out of range or not in the allowed list.
    BadValue,
    /// A presence without the host's consent status.
    MissingConsent,
    /// A presence without troops, `troops_unknown` or `counted_in`.
    MissingTroops,
    /// A date after today (a scheduled `expires` may be later).
    DateInFuture,
    /// An alliance past its `expires` date that says neither how it ended nor what prolonged it.
    AllianceEndMissing,
}

impl ErrorKind {
    /// The kind as `kb check --format json` writes it (`syntax`, `unknown_state`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::UnknownState => "unknown_state",
            ErrorKind::UnknownReference => "unknown_reference",
            ErrorKind::MalformedDate => "malformed_date",
            ErrorKind::ImpossibleDate => "impossible_date",
            ErrorKind::InvertedDates => "inverted_dates",
            ErrorKind::SpellEndsBeforeStart => "spell_ends_before_start",
            ErrorKind::OverlappingSpells => "overlapping_spells",
            ErrorKind::MissingSource => "missing_source",
            ErrorKind::IncompleteSource => "incomplete_source",
            ErrorKind::DuplicateId => "duplicate_id",
            ErrorKind::BadConfidence => "bad_confidence",
            ErrorKind::BadValue => "bad_value",
            ErrorKind::MissingConsent => "missing_consent",
            ErrorKind::MissingTroops => "missing_troops",
            ErrorKind::DateInFuture => "date_in_future",
            ErrorKind::AllianceEndMissing => "alliance_end_missing",
        }
    }
}

/// One error found in the knowledge-base files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// What kind of error.
    pub kind: ErrorKind,
    /// The file, as shown (`kb/rus/arm.toml`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong, naming the value.
    pub message: String,
    /// How to put it right.
    pub hint: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: [{}] {}", self.file, self.line, self.kind.as_str(), self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Converts byte offsets into 1-based line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_to_lines() {
        let idx = LineIndex::new("a\nbc\n\nd");
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(1), 1);
        assert_eq!(idx.line(2), 2);
        assert_eq!(idx.line(5), 3);
        assert_eq!(idx.line(6), 4);
    }
}

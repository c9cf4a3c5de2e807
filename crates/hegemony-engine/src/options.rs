//! The words interfaces take for options (`by="year"`, `absent="abstain"`),
//! read into the engine's types, with the CLI's spellings (`calendar-year`)
//! and an error naming the choices. The CLI reads the same words through
//! `clap`; the Python package reads them here.

use hegemony_core::{Issue, IssueSet};
use hegemony_measures::Weights;
use hegemony_measures::agreement::{AbsencePolicy, PeriodKind, VoteSubset};
use hegemony_measures::ideal::{Bridging, IdealModel};

use crate::{EngineError, VoteSource};

/// Reads `value` as one of `choices` (`-` and `_` alike, case ignored), or
/// fails naming the option and the choices.
fn choose<T: Copy>(option: &str, value: &str, choices: &[(&str, T)]) -> Result<T, EngineError> {
    let v = value.trim().to_ascii_lowercase().replace('_', "-");
    choices.iter().find(|(name, _)| *name == v).map(|(_, t)| *t).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        EngineError::Request(format!("{option}: '{value}' is not one of {}", names.join(", ")))
    })
}

/// `session`, `year` (session + 1945) or `calendar-year`.
pub fn period(value: &str) -> Result<PeriodKind, EngineError> {
    choose(
        "by",
        value,
        &[("session", PeriodKind::Session), ("year", PeriodKind::Year), ("calendar-year", PeriodKind::CalendarYear)],
    )
}

/// `all` or `final` (final-passage votes only).
pub fn votes(value: &str) -> Result<VoteSubset, EngineError> {
    choose("votes", value, &[("all", VoteSubset::All), ("final", VoteSubset::FinalPassage)])
}

/// `exclude` (joint votes only) or `abstain` (an absence counts as abstaining).
pub fn absent(value: &str) -> Result<AbsencePolicy, EngineError> {
    choose("absent", value, &[("exclude", AbsencePolicy::Exclude), ("abstain", AbsencePolicy::AsAbstain)])
}

/// `nominal`, `linear` or `quadratic` disagreement weights.
pub fn weights(value: &str) -> Result<Weights, EngineError> {
    choose(
        "weights",
        value,
        &[("nominal", Weights::Nominal), ("linear", Weights::Linear), ("quadratic", Weights::Quadratic)],
    )
}

/// `auto`, `unvotes`, `voeten` or `undl`.
pub fn source(value: &str) -> Result<VoteSource, EngineError> {
    choose(
        "source",
        value,
        &[
            ("auto", VoteSource::Auto),
            ("unvotes", VoteSource::Unvotes),
            ("voeten", VoteSource::Voeten),
            ("undl", VoteSource::Undl),
        ],
    )
}

/// `ordinal` or `binary` item model.
pub fn ideal_kind(value: &str) -> Result<IdealModel, EngineError> {
    choose("kind", value, &[("ordinal", IdealModel::Ordinal), ("binary", IdealModel::Binary)])
}

/// `title` (recurring resolutions share items) or `none`.
pub fn bridging(value: &str) -> Result<Bridging, EngineError> {
    choose("bridging", value, &[("title", Bridging::ShortTitle), ("none", Bridging::None)])
}

/// What convergence measures the distance on: `ideal`, `kappa`, `identical` or `agree`.
pub fn convergence_basis(value: &str) -> Result<crate::convergence::Basis, EngineError> {
    use crate::convergence::Basis;
    choose(
        "on",
        value,
        &[("ideal", Basis::Ideal), ("kappa", Basis::Kappa), ("identical", Basis::Identical), ("agree", Basis::Agree)],
    )
}

/// Issue codes (`me`, `nu`, `di`, `hr`, `co`, `ec`) as a set; none = no subset.
pub fn issues<S: AsRef<str>>(codes: &[S]) -> Result<Option<IssueSet>, EngineError> {
    if codes.is_empty() {
        return Ok(None);
    }
    let mut set = IssueSet::default();
    for code in codes {
        let code = code.as_ref().trim();
        let issue = Issue::from_code(code)
            .ok_or_else(|| EngineError::Request(format!("unknown issue '{code}': use me, nu, di, hr, co or ec")))?;
        set.insert(issue);
    }
    Ok(Some(set))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_as_the_cli_spells_them_and_others_name_the_choices() {
        assert_eq!(period("calendar-year").unwrap(), PeriodKind::CalendarYear);
        assert_eq!(period("Calendar_Year").unwrap(), PeriodKind::CalendarYear);
        assert_eq!(absent("abstain").unwrap(), AbsencePolicy::AsAbstain);
        assert_eq!(source("undl").unwrap(), VoteSource::Undl);
        let e = weights("cubic").unwrap_err().to_string();
        assert_eq!(e, "weights: 'cubic' is not one of nominal, linear, quadratic");
        assert_eq!(issues::<&str>(&[]).unwrap(), None);
        let set = issues(&["hr", " me"]).unwrap().unwrap();
        assert!(set.contains(Issue::from_code("hr").unwrap()) && set.contains(Issue::from_code("me").unwrap()));
        assert!(issues(&["xx"]).unwrap_err().to_string().contains("unknown issue 'xx'"));
    }
}

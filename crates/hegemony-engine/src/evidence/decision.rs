//! A reviewer's decision on a candidate and what it did.

use std::path::PathBuf;

use hegemony_evidence::candidate::{Edits, ReviewRecord, ReviewStatus};
use hegemony_evidence::{Store, review};
use serde::Serialize;

use crate::EngineError;

/// What a reviewer decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Write the fact (with the edits, these and earlier ones) to the knowledge base.
    Accept,
    /// Mark the candidate rejected; nothing is written.
    Reject,
    /// Record the edits and keep the candidate pending.
    Edit,
}

impl Verdict {
    /// The verdict of an interface's two flags: accept, reject, or neither
    /// (edits only); both is an error.
    pub fn from_flags(accept: bool, reject: bool) -> Result<Verdict, EngineError> {
        match (accept, reject) {
            (true, true) => Err(EngineError::Request("accept or reject, not both".into())),
            (true, false) => Ok(Verdict::Accept),
            (false, true) => Ok(Verdict::Reject),
            (false, false) => Ok(Verdict::Edit),
        }
    }
}

/// A reviewer's decision on a candidate.
#[derive(Clone, Debug)]
pub struct Decision {
    /// Accept, reject or only edit.
    pub verdict: Verdict,
    /// `key=value` changes (see [`review::parse_edits`]).
    pub edits: Vec<String>,
    /// Where an accepted fact is written (default: [`review::default_kb_file`]).
    pub kb_file: Option<PathBuf>,
    /// On accepting: return the fact that would be written, write nothing.
    pub dry_run: bool,
}

/// What a decision did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The fact was written; the candidate is accepted.
    Accepted,
    /// The candidate is rejected.
    Rejected,
    /// Edits were recorded; the candidate is still pending.
    Pending,
    /// The fact that would be written (nothing was).
    DryRun,
}

/// What a decision did, and the fact it wrote (or would write).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reviewed {
    /// The candidate's id.
    pub candidate: i64,
    /// What happened.
    pub status: Outcome,
    /// The fact's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// The fact as knowledge-base TOML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toml: Option<String>,
    /// The file it was written to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Reviewed {
    fn new(candidate: i64, status: Outcome) -> Reviewed {
        Reviewed { candidate, status, fact: None, toml: None, file: None }
    }
}

/// Applies a decision: reject, record edits, or accept (the fact written to
/// the user's knowledge-base file only if the knowledge base still passes
/// `kb check` with it).
pub(super) fn review(store: &Store, id: i64, d: &Decision) -> Result<Reviewed, EngineError> {
    let c = store.candidate(id)?;
    let edits = review::parse_edits(&d.edits)?;
    let record = |edits: Edits| ReviewRecord { edits, ..Default::default() };
    match d.verdict {
        Verdict::Reject => {
            store.set_review(id, ReviewStatus::Rejected, &record(edits))?;
            return Ok(Reviewed::new(id, Outcome::Rejected));
        }
        Verdict::Edit if edits.is_empty() => {
            return Err(EngineError::Request("say accept, reject or give edits KEY=VALUE".into()));
        }
        Verdict::Edit | Verdict::Accept => {}
    }
    let doc = store.document(c.doc)?;
    if doc.version != c.version {
        return Err(EngineError::Request(format!(
            "candidate {id} belongs to version {} of document {}, which has a newer version {}",
            c.version, c.doc, doc.version
        )));
    }
    if d.verdict == Verdict::Edit {
        store.set_review(id, ReviewStatus::Pending, &record(edits))?;
        return Ok(Reviewed::new(id, Outcome::Pending));
    }
    let mut all_edits: Edits = c.review.as_ref().map(|r| r.edits.clone()).unwrap_or_default();
    all_edits.extend(edits);
    let (fact_id, toml) = review::fact_toml(&c, &doc, &all_edits)?;
    if d.dry_run {
        return Ok(Reviewed { fact: Some(fact_id), toml: Some(toml), ..Reviewed::new(id, Outcome::DryRun) });
    }
    let file = match &d.kb_file {
        Some(f) => f.clone(),
        None => review::default_kb_file().ok_or_else(|| {
            EngineError::Request("no home folder for the knowledge base; give a knowledge-base file".into())
        })?,
    };
    review::append_fact(&file, &toml)?;
    let shown = file.display().to_string();
    let accepted = ReviewRecord { edits: all_edits, fact: Some(fact_id.clone()), file: Some(shown.clone()) };
    store.set_review(id, ReviewStatus::Accepted, &accepted)?;
    Ok(Reviewed { fact: Some(fact_id), toml: Some(toml), file: Some(shown), ..Reviewed::new(id, Outcome::Accepted) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_flags_make_one_verdict_and_both_is_refused() {
        assert_eq!(Verdict::from_flags(true, false).unwrap(), Verdict::Accept);
        assert_eq!(Verdict::from_flags(false, true).unwrap(), Verdict::Reject);
        assert_eq!(Verdict::from_flags(false, false).unwrap(), Verdict::Edit);
        assert!(Verdict::from_flags(true, true).unwrap_err().to_string().contains("not both"));
    }
}

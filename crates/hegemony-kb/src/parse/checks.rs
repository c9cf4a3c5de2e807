//! The checks that need every file: duplicate ids (a user fact replaces a shipped one only with
//! `override = true`) and references between facts (to an existing fact of the right kind).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::builders::Built;
use super::context::PendingRef;
use crate::diag::{Diagnostic, ErrorKind};
use crate::model::{FactKind, Layer};

/// A fact table's id and place, whether or not it built.
pub(super) struct RawId {
    pub(super) id: String,
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) layer: Layer,
    pub(super) override_: bool,
}

/// Duplicate ids: within a layer always an error; a user fact may replace a shipped one only with
/// `override = true`. Returns the ids so replaced.
pub(super) fn duplicate_ids(raw_ids: &[RawId], errors: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut first: HashMap<String, (String, usize, Layer)> = HashMap::new();
    let mut overridden = Vec::new();
    for RawId { id, file, line, layer, override_: ov } in raw_ids {
        match first.get(id) {
            None => {
                first.insert(id.clone(), (file.clone(), *line, *layer));
            }
            Some((_, _, Layer::Shipped)) if *layer == Layer::User && *ov => {
                overridden.push(id.clone());
            }
            Some((f0, l0, layer0)) => {
                let hint = if *layer0 == Layer::Shipped && *layer == Layer::User {
                    "set override = true to replace the shipped fact, or choose another id"
                } else {
                    "ids must be unique; choose another id (e.g. add a date or a suffix)"
                };
                errors.push(Diagnostic {
                    kind: ErrorKind::DuplicateId,
                    file: file.clone(),
                    line: *line,
                    message: format!("duplicate id '{id}' (first defined at {f0}:{l0})"),
                    hint: hint.into(),
                });
            }
        }
    }
    overridden
}

/// The facts kept, by id: the first of each id, or a user fact marked `override = true` in place of a
/// shipped one.
pub(super) fn keep_overrides(built: Vec<Built>) -> BTreeMap<String, Built> {
    let mut by_id: BTreeMap<String, Built> = BTreeMap::new();
    for b in built {
        let replace = match by_id.get(&b.fact.id) {
            None => true,
            Some(old) => old.fact.origin.layer == Layer::Shipped && b.fact.origin.layer == Layer::User && b.override_,
        };
        if replace {
            by_id.insert(b.fact.id.clone(), b);
        }
    }
    by_id
}

/// Every reference names a fact of the kind it needs (with a did-you-mean when it names none). A
/// reference to a fact that exists but did not build is left to that fact's own errors.
pub(super) fn references(
    refs: &[PendingRef],
    by_id: &BTreeMap<String, Built>,
    raw_ids: &[RawId],
    errors: &mut Vec<Diagnostic>,
) {
    let kinds: HashMap<&str, FactKind> = by_id.values().map(|b| (b.fact.id.as_str(), b.fact.kind())).collect();
    let known_ids: HashSet<&str> = raw_ids.iter().map(|r| r.id.as_str()).collect();
    for r in refs {
        match kinds.get(r.id.as_str()) {
            Some(k) if *k == r.kind => {}
            Some(k) => errors.push(Diagnostic {
                kind: ErrorKind::UnknownReference,
                file: r.file.clone(),
                line: r.line,
                message: format!("{} '{}' is a {k}, not an {}", r.what, r.id, r.kind),
                hint: format!("refer to the id of an {} fact", r.kind),
            }),
            None if known_ids.contains(r.id.as_str()) => {} // exists but has its own errors
            None => {
                let mut near: Vec<&str> = kinds
                    .iter()
                    .filter(|(_, k)| **k == r.kind)
                    .map(|(id, _)| *id)
                    .filter(|id| similar(id, &r.id))
                    .collect();
                near.sort();
                near.truncate(3);
                errors.push(Diagnostic {
                    kind: ErrorKind::UnknownReference,
                    file: r.file.clone(),
                    line: r.line,
                    message: format!("{} refers to unknown {} '{}'", r.what, r.kind, r.id),
                    hint: if near.is_empty() {
                        format!("define an {} with id = \"{}\"", r.kind, r.id)
                    } else {
                        format!("did you mean {}?", near.join(", "))
                    },
                });
            }
        }
    }
}

/// A cheap did-you-mean: same prefix or edit distance ≤ 2.
fn similar(a: &str, b: &str) -> bool {
    if a.len() >= 3 && b.len() >= 3 && (a.starts_with(&b[..3]) && a.len().abs_diff(b.len()) <= 3) {
        return true;
    }
    hegemony_core::states::edit_distance(a, b) <= 2
}

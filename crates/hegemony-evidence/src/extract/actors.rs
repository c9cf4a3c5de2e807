//! Actor candidates from the gazetteer's matches.

use super::Found;
use crate::candidate::{ActorDetail, Detail};
use crate::gazetteer::{ActorKind, ActorMatch, NameKind, Token};

/// The candidate of a gazetteer match: a capital after "in", "at", "from"
/// is a place; otherwise it stands for the state.
pub(super) fn actor_candidate(m: &ActorMatch, chars: &[char], tokens: &[Token]) -> Found {
    let at = tokens.partition_point(|t| t.end <= m.start);
    let before = at.checked_sub(1).map(|k| tokens[k].lower()).unwrap_or("");
    let place_use = m.name_kind == NameKind::Metonym && matches!(before, "in" | "at" | "from" | "near" | "to");
    let (value, kind, conf, rule) = match (m.actor.kind, m.name_kind) {
        (ActorKind::State, NameKind::Metonym) if place_use => {
            let surface: String = chars[m.start..m.end].iter().collect();
            (
                format!("place:{}", crate::gazetteer::slug(&surface)),
                ActorKind::Place,
                0.8,
                "gazetteer: capital as a place",
            )
        }
        (ActorKind::State, NameKind::Metonym) => (m.actor.id.clone(), ActorKind::State, 0.8, "gazetteer: metonym"),
        (ActorKind::State, NameKind::Adjective) => (m.actor.id.clone(), ActorKind::State, 0.75, "gazetteer: adjective"),
        (k, _) => match m.rule {
            Some(r) => (m.actor.id.clone(), k, 0.7, r),
            None => (m.actor.id.clone(), k, 0.95, "gazetteer: name"),
        },
    };
    let detail = ActorDetail {
        rule: rule.to_string(),
        actor_kind: kind,
        label: m.actor.label.clone(),
        role: m.role.clone(),
        doc_date: None,
    };
    Found::new(m.start, m.end, value, m.actor.state.iter().cloned().collect(), conf, Detail::Actor(detail))
}

//! The checks that protect the measures: what the hierarchy profile needs of
//! a presence (the host's consent, a troop figure or why there is none), of
//! an alliance (how it ended, once past its scheduled end) and of every date
//! (none after today). And a warning for facts resting only on unverified
//! sources (`ref = "general"`).

use std::collections::{BTreeMap, HashSet};

use hegemony_core::{Date, PartialDate};

use super::builders::Built;
use crate::diag::{Diagnostic, ErrorKind};
use crate::model::{Detail, Fact, ProvisionKind};

fn diagnostic(b: &Built, kind: ErrorKind, message: String, hint: &str) -> Diagnostic {
    Diagnostic { kind, file: b.fact.origin.file.clone(), line: b.line, message, hint: hint.into() }
}

/// Every rule on every fact kept.
pub(super) fn check(by_id: &BTreeMap<String, Built>, today: Date, errors: &mut Vec<Diagnostic>) {
    let prolonged: HashSet<&str> = by_id
        .values()
        .filter_map(|b| match &b.fact.detail {
            Detail::Agreement(a) => a.amends.as_deref(),
            _ => None,
        })
        .collect();
    for b in by_id.values() {
        presence(b, by_id, errors);
        alliance_end(b, today, &prolonged, errors);
        future_dates(b, today, errors);
    }
}

/// A presence needs the host's consent, and its people: a troop figure, a
/// reason why there is none, or the presence whose figure counts them.
fn presence(b: &Built, by_id: &BTreeMap<String, Built>, errors: &mut Vec<Diagnostic>) {
    let Detail::Presence(p) = &b.fact.detail else { return };
    let id = &b.fact.id;
    if p.consent.is_empty() {
        errors.push(diagnostic(
            b,
            ErrorKind::MissingConsent,
            format!("presence '{id}' has no consent status"),
            "add consent = [{ status = \"consented\" | \"contested\" | \"occupation\", sources = [...] }]",
        ));
    }
    if p.troops.is_empty() && p.troops_unknown.is_none() && p.counted_in.is_none() {
        errors.push(diagnostic(
            b,
            ErrorKind::MissingTroops,
            format!("presence '{id}' has no troop figure"),
            "add troops = [{ date, low, high, sources }], or troops_unknown = \"why no figure\", or counted_in = \"<presence whose figure includes it>\"",
        ));
    }
    let Some(target) = &p.counted_in else { return };
    let fits = by_id.get(target).is_some_and(|t| match &t.fact.detail {
        Detail::Presence(q) => q.dominant == p.dominant && q.host == p.host && q.counted_in.is_none(),
        _ => false,
    });
    if !fits {
        errors.push(diagnostic(
            b,
            ErrorKind::BadValue,
            format!("presence '{id}' is counted_in '{target}', which is not a presence of the same states with a figure of its own"),
            "counted_in names a presence of the same dominant and host states that is not itself counted in another",
        ));
    }
}

/// An alliance past its scheduled end must say how it ended (`expired`,
/// `denounced`, `suspended`, `superseded_by`) or be prolonged by an
/// agreement that `amends` it: else it would silently end or run on.
fn alliance_end(b: &Built, today: Date, prolonged: &HashSet<&str>, errors: &mut Vec<Diagnostic>) {
    let Detail::Agreement(a) = &b.fact.detail else { return };
    let alliance = a.has(ProvisionKind::MutualDefence) || a.has(ProvisionKind::SecurityGuarantee);
    let Some(expires) = a.expires.filter(|e| alliance && e.latest() < today) else { return };
    let ended = a.expired.is_some() || a.denounced.is_some() || a.suspended.is_some() || a.superseded_by.is_some();
    if !ended && !prolonged.contains(b.fact.id.as_str()) {
        errors.push(diagnostic(
            b,
            ErrorKind::AllianceEndMissing,
            format!("alliance '{}' was due to end on {expires}, but says neither how it ended nor what prolonged it", b.fact.id),
            "give expired = \"…\" (or denounced, superseded_by), or add the agreement that prolonged it with amends = this id; drop `expires` if it renews itself",
        ));
    }
}

/// The dates of a fact that must not lie after today (a scheduled
/// `expires` may).
fn dates(f: &Fact) -> Vec<(&'static str, PartialDate)> {
    let mut out: Vec<(&'static str, PartialDate)> = Vec::new();
    out.extend(f.start.map(|d| ("start", d)));
    match &f.detail {
        Detail::Agreement(a) => {
            for (n, d) in [
                ("signed", a.signed),
                ("ratified", a.ratified),
                ("in_force", a.in_force),
                ("expired", a.expired),
                ("denounced", a.denounced),
                ("suspended", a.suspended),
            ] {
                out.extend(d.map(|d| (n, d)));
            }
        }
        Detail::Membership(m) => {
            for s in &m.spells {
                out.push(("spell from", s.from));
                out.extend(s.to.map(|d| ("spell to", d)));
            }
        }
        Detail::Presence(p) => {
            out.extend(f.end.map(|d| ("until", d)));
            out.extend(p.troops.iter().map(|t| ("troop date", t.date)));
            out.extend(p.consent.iter().filter_map(|c| c.from).map(|d| ("consent from", d)));
        }
        _ => out.extend(f.end.map(|d| ("end", d))),
    }
    out
}

fn future_dates(b: &Built, today: Date, errors: &mut Vec<Diagnostic>) {
    for (what, d) in dates(&b.fact) {
        if d.earliest() > today {
            errors.push(diagnostic(
                b,
                ErrorKind::DateInFuture,
                format!("'{}': {what} {d} is after today ({today})", b.fact.id),
                "a fact records what has happened; a scheduled end goes in `expires`",
            ));
        }
    }
}

/// Facts resting only on unverified sources (`ref = "general"`), as warnings.
pub(super) fn unverified(by_id: &BTreeMap<String, Built>) -> Vec<Diagnostic> {
    by_id
        .values()
        .filter(|b| !b.fact.sources.is_empty() && b.fact.sources.iter().all(|s| s.kind == "unverified"))
        .map(|b| {
            diagnostic(
                b,
                ErrorKind::MissingSource,
                format!("'{}' rests only on unverified general knowledge", b.fact.id),
                "cite a treaty, a dataset row or a named publication (kb/README.md, Sources)",
            )
        })
        .collect()
}

//! Memberships: the builder, and the rules on spells (a spell ends after it starts; spells of one
//! state in one organisation never overlap, within a fact or across facts).

use std::collections::{BTreeMap, HashMap};

use hegemony_core::PartialDate;
use toml::Spanned;

use super::builders::{Built, common, errs_len, finish};
use super::context::Ctx;
use super::raw::{HasCommon, RawMembership};
use crate::diag::{Diagnostic, ErrorKind};
use crate::model::*;

const STATUSES: &str = "member, participant, associate, observer, partner, candidate, suspended, frozen, withdrawn";

pub(super) fn membership(ctx: &mut Ctx, raw: &Spanned<RawMembership>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let state = ctx.state(&r.state);
    let org = ctx.reference(FactKind::Organisation, &r.org, "org");
    let mut spells = Vec::new();
    if r.spells.is_empty() {
        ctx.err(
            ErrorKind::BadValue,
            c.line,
            format!("membership '{}' has no spells", c.id),
            "add spells = [{ status = \"member\", from = \"YYYY-MM-DD\" }]",
        );
    }
    for sp in &r.spells {
        let s = sp.get_ref();
        let line = ctx.line(sp.span());
        let status: Option<MembershipStatus> = ctx.enum_value(&s.status, "membership status", STATUSES);
        let from = ctx.date(&s.from, "spell start", &c.id);
        let to = ctx.opt_date(&s.to, "spell end", &c.id);
        let sources = ctx.sources(&s.sources, &c.id, line, false);
        if let (Some(f), Some(t)) = (from, to)
            && t.latest() < f.earliest()
        {
            ctx.err(
                ErrorKind::SpellEndsBeforeStart,
                line,
                format!("membership '{}' ends ({t}) before it starts ({f})", c.id),
                "swap `from` and `to`, or split the spell; `to` is the day the status ended",
            );
            continue;
        }
        if let (Some(status), Some(from)) = (status, from) {
            spells.push((line, MembershipSpell { status, from, to, note: s.note.clone(), sources }));
        }
    }
    spells.sort_by_key(|(_, s)| s.from.earliest());
    check_overlaps(ctx, &c.id, &spells);
    let start = spells.first().map(|(_, s)| s.from);
    let end = if spells.iter().any(|(_, s)| s.to.is_none()) {
        None
    } else {
        spells.iter().filter_map(|(_, s)| s.to).max_by_key(|d| d.latest())
    };
    let state = state?;
    let title = format!("{state} in {org}");
    let detail = Detail::Membership(Membership {
        state: state.clone(),
        org: org.clone(),
        spells: spells.into_iter().map(|(_, s)| s).collect(),
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, title, vec![state], vec![org], start, end, detail, ok)
}

/// Two spells overlap when each surely starts before the other surely ends.
fn spells_overlap(a: &MembershipSpell, b: &MembershipSpell) -> bool {
    let ends_after = |s: &MembershipSpell, d: PartialDate| s.to.is_none_or(|t| d.latest() < t.earliest());
    ends_after(a, b.from) && ends_after(b, a.from)
}

fn check_overlaps(ctx: &mut Ctx, id: &str, spells: &[(usize, MembershipSpell)]) {
    for i in 0..spells.len() {
        for j in i + 1..spells.len() {
            let (_, a) = &spells[i];
            let (lb, b) = &spells[j];
            if spells_overlap(a, b) {
                let to = a.to.map(|t| t.to_string()).unwrap_or_else(|| "open".into());
                ctx.err(
                    ErrorKind::OverlappingSpells,
                    *lb,
                    format!(
                        "membership '{id}': spell '{}' from {} overlaps spell '{}' {}..{to}",
                        b.status.as_str(),
                        b.from,
                        a.status.as_str(),
                        a.from
                    ),
                    "end the earlier spell (`to`) on or before the day the later one starts",
                );
            }
        }
    }
}

/// Membership spells of the same state in the same organisation written as separate facts must not
/// overlap either.
pub(super) fn check_overlaps_across_facts(by_id: &BTreeMap<String, Built>, errors: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<(String, String), Vec<&Built>> = BTreeMap::new();
    for b in by_id.values() {
        if let Detail::Membership(m) = &b.fact.detail {
            groups.entry((m.state.clone(), m.org.clone())).or_default().push(b);
        }
    }
    for ((state, org), list) in &groups {
        for i in 0..list.len() {
            for j in i + 1..list.len() {
                let (a, b) = (list[i], list[j]);
                let (Detail::Membership(ma), Detail::Membership(mb)) = (&a.fact.detail, &b.fact.detail) else {
                    continue;
                };
                if ma.spells.iter().any(|x| mb.spells.iter().any(|y| spells_overlap(x, y))) {
                    errors.push(Diagnostic {
                        kind: ErrorKind::OverlappingSpells,
                        file: b.fact.origin.file.clone(),
                        line: b.line,
                        message: format!(
                            "memberships '{}' and '{}' of {state} in {org} overlap in time",
                            a.fact.id, b.fact.id
                        ),
                        hint: "merge them into one membership with consecutive spells".into(),
                    });
                }
            }
        }
    }
}

/// Memberships without a title are named after the organisation's abbreviation (`ARM in CSTO`).
pub(super) fn name_after_organisations(by_id: &mut BTreeMap<String, Built>) {
    let abbrevs: HashMap<String, String> = by_id
        .values()
        .filter_map(|b| match &b.fact.detail {
            Detail::Organisation(o) => Some((b.fact.id.clone(), o.abbrev.clone())),
            _ => None,
        })
        .collect();
    for b in by_id.values_mut() {
        if let Detail::Membership(m) = &b.fact.detail
            && b.fact.title == format!("{} in {}", m.state, m.org)
            && let Some(a) = abbrevs.get(&m.org)
        {
            b.fact.title = format!("{} in {a}", m.state);
        }
    }
}

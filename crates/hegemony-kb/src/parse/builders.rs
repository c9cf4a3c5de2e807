//! The builders of each kind of fact: a raw TOML table checked and turned into a [`Fact`], or `None`
//! with its errors recorded. Memberships, whose spells need checks of their own, are in `membership`.

use hegemony_core::PartialDate;
use toml::Spanned;

use super::context::Ctx;
use super::raw::{
    CommonRaw, HasCommon, RawAgreement, RawAsset, RawClaim, RawDependence, RawEvent, RawOrganisation, RawPresence,
    RawProvision,
};
use crate::diag::ErrorKind;
use crate::model::*;

/// A fact under construction with the bits every kind shares.
pub(super) struct Common {
    pub(super) id: String,
    pub(super) line: usize,
    pub(super) sources: Vec<Source>,
    pub(super) confidence: Option<f64>,
    pub(super) title: Option<String>,
    pub(super) note: Option<String>,
    pub(super) override_: bool,
}

/// The fields every kind shares, checked: a valid id, sources (at least one) and a confidence.
pub(super) fn common(ctx: &mut Ctx, raw: CommonRaw, span: std::ops::Range<usize>) -> Common {
    let line = ctx.line(span);
    let id = raw.id.get_ref().clone();
    if !valid_id(&id) {
        let l = ctx.line(raw.id.span());
        ctx.err(
            ErrorKind::BadValue,
            l,
            format!("id '{id}' is not a valid id"),
            "ids are lower-case letters, digits, '-', '_' and '.', starting with a letter or digit",
        );
    }
    let sources = ctx.sources(raw.sources, &id, line, true);
    let confidence = ctx.confidence(raw.confidence, &id, line);
    Common { id, line, sources, confidence, title: raw.title.clone(), note: raw.note.clone(), override_: raw.override_ }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

const PROVISIONS: &str = "mutual_defence, consultation, non_aggression, no_hostile_alliance, integrated_command, wartime_command, basing_rights, joint_forces, unified_air_defence, border_guarding, arms_domestic_prices, military_technical_cooperation, military_aid, training, peacekeeping, nuclear_deployment, status_of_forces, intelligence_sharing, security_guarantee, political_coordination, customs_union, free_trade, economic_integration, common_currency, energy_supply, other";
const CONSENTS: &str = "consented, contested, occupation";
const STANCES: &str = "supportive, critical, concerned, neutral, descriptive";

pub(super) struct Built {
    pub(super) fact: Fact,
    pub(super) override_: bool,
    /// Line of the fact, for cross-file checks.
    pub(super) line: usize,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn finish(
    ctx: &Ctx,
    c: Common,
    title: String,
    actors: Vec<String>,
    orgs: Vec<String>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    detail: Detail,
    ok: bool,
) -> Option<Built> {
    let confidence = c.confidence?;
    if !ok {
        return None;
    }
    Some(Built {
        fact: Fact {
            id: c.id,
            title: c.title.unwrap_or(title),
            actors,
            orgs,
            start,
            end,
            detail,
            sources: c.sources,
            confidence,
            note: c.note,
            origin: Origin { file: ctx.file.path.clone(), line: c.line, layer: ctx.file.layer },
        },
        override_: c.override_,
        line: c.line,
    })
}

pub(super) fn errs_len(ctx: &Ctx) -> usize {
    ctx.errors.len()
}

pub(super) fn organisation(ctx: &mut Ctx, raw: &Spanned<RawOrganisation>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let founded = ctx.opt_date(&r.founded, "founded", &c.id);
    let dissolved = ctx.opt_date(&r.dissolved, "dissolved", &c.id);
    ctx.ordered(&c.id, c.line, founded.map(|d| (d, "founded")), dissolved.map(|d| (d, "dissolved")));
    let dominant = r.dominant.as_ref().and_then(|d| ctx.state(d));
    let successor_of = r.successor_of.as_ref().map(|s| ctx.reference(FactKind::Organisation, s, "successor_of"));
    let actors = dominant.iter().cloned().collect();
    let detail = Detail::Organisation(Organisation {
        abbrev: r.abbrev.clone(),
        founding_treaty: r.founding_treaty.clone(),
        purpose: r.purpose.clone(),
        dominant,
        successor_of,
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, r.name.clone(), actors, vec![], founded, dissolved, detail, ok)
}

pub(super) fn agreement(ctx: &mut Ctx, raw: &Spanned<RawAgreement>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let parties: Vec<String> = r.parties.iter().filter_map(|p| ctx.state(p)).collect();
    let orgs: Vec<String> =
        r.party_orgs.iter().map(|o| ctx.reference(FactKind::Organisation, o, "party_orgs")).collect();
    if r.parties.len() + r.party_orgs.len() < 2 {
        ctx.err(
            ErrorKind::BadValue,
            c.line,
            format!("agreement '{}' has fewer than two parties", c.id),
            "list parties = [\"RUS\", \"ARM\"] (and party_orgs for organisations)",
        );
    }
    let signed = ctx.opt_date(&r.signed, "signed", &c.id);
    let ratified = ctx.opt_date(&r.ratified, "ratified", &c.id);
    let in_force = ctx.opt_date(&r.in_force, "in_force", &c.id);
    let expires = ctx.opt_date(&r.expires, "expires", &c.id);
    let expired = ctx.opt_date(&r.expired, "expired", &c.id);
    let denounced = ctx.opt_date(&r.denounced, "denounced", &c.id);
    let suspended = ctx.opt_date(&r.suspended, "suspended", &c.id);
    if r.signed.is_none() && r.in_force.is_none() {
        ctx.err(
            ErrorKind::BadValue,
            c.line,
            format!("agreement '{}' has neither `signed` nor `in_force`", c.id),
            "give at least the signature date (partial dates are fine)",
        );
    }
    let s = signed.map(|d| (d, "signed"));
    ctx.ordered(&c.id, c.line, s, ratified.map(|d| (d, "ratified")));
    ctx.ordered(&c.id, c.line, s, in_force.map(|d| (d, "in_force")));
    let start = in_force.or(signed).map(|d| (d, if in_force.is_some() { "in_force" } else { "signed" }));
    for (d, n) in [(expires, "expires"), (expired, "expired"), (denounced, "denounced"), (suspended, "suspended")] {
        ctx.ordered(&c.id, c.line, start.or(s), d.map(|d| (d, n)));
    }
    let amends = r.amends.as_ref().map(|a| ctx.reference(FactKind::Agreement, a, "amends"));
    let superseded_by = r.superseded_by.as_ref().map(|a| ctx.reference(FactKind::Agreement, a, "superseded_by"));
    let mut provisions = Vec::new();
    for p in &r.provisions {
        let (kind, note) = match p.get_ref() {
            RawProvision::Name(n) => (n.clone(), None),
            RawProvision::Full { kind, note } => (kind.clone(), note.clone()),
        };
        let spanned = Spanned::new(p.span(), kind);
        if let Some(k) = ctx.enum_value::<ProvisionKind>(&spanned, "provision", PROVISIONS) {
            provisions.push(Provision { kind: k, note });
        }
    }
    let a = Agreement {
        parties: parties.clone(),
        signed,
        ratified,
        in_force,
        expires,
        expired,
        denounced,
        suspended,
        amends,
        superseded_by,
        provisions,
    };
    let (st, en) = (a.effective_start(), a.effective_end());
    let ok = errs_len(ctx) == before;
    let title = c.title.clone().unwrap_or_default();
    if title.is_empty() {
        ctx.err(
            ErrorKind::BadValue,
            c.line,
            format!("agreement '{}' has no title", c.id),
            "give the official title (title = \"...\")",
        );
        return None;
    }
    finish(ctx, c, title, parties, orgs, st, en, Detail::Agreement(a), ok)
}

pub(super) fn presence(ctx: &mut Ctx, raw: &Spanned<RawPresence>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let dominant = ctx.state(&r.dominant);
    let host = ctx.state(&r.host);
    let since = ctx.opt_date(&r.since, "since", &c.id);
    let until = ctx.opt_date(&r.until, "until", &c.id);
    ctx.ordered(&c.id, c.line, since.map(|d| (d, "since")), until.map(|d| (d, "until")));
    let agreement = r.agreement.as_ref().map(|a| ctx.reference(FactKind::Agreement, a, "agreement"));
    let mut troops = Vec::new();
    for t in &r.troops {
        let tr = t.get_ref();
        let line = ctx.line(t.span());
        let date = ctx.date(&tr.date, "troop date", &c.id);
        if tr.low < 0 || tr.high < tr.low {
            ctx.err(
                ErrorKind::BadValue,
                line,
                format!("troop range of '{}' is {}..{} (low must be ≥ 0 and ≤ high)", c.id, tr.low, tr.high),
                "troops are a range: low = …, high = …",
            );
            continue;
        }
        let sources = ctx.sources(&tr.sources, &c.id, line, false);
        if let Some(date) = date {
            troops.push(TroopLevel { date, low: tr.low as u32, high: tr.high as u32, note: tr.note.clone(), sources });
        }
    }
    troops.sort_by_key(|t| t.date.earliest());
    let mut consent = Vec::new();
    for sp in &r.consent {
        let s = sp.get_ref();
        let line = ctx.line(sp.span());
        let status: Option<Consent> = ctx.enum_value(&s.status, "consent status", CONSENTS);
        let from = ctx.opt_date(&s.from, "consent from", &c.id);
        let sources = ctx.sources(&s.sources, &c.id, line, false);
        if let Some(status) = status {
            consent.push(ConsentSpell { status, from, note: s.note.clone(), sources });
        }
    }
    let counted_in = r.counted_in.as_ref().map(|p| ctx.reference(FactKind::Presence, p, "counted_in"));
    // A spell without `from` begins with the presence: it sorts first.
    consent.sort_by_key(|s| s.from.map(|d| d.earliest()));
    let (dominant, host) = (dominant?, host?);
    let title = format!("{} ({}) of {dominant} in {host}", r.facility, r.location.clone().unwrap_or_default());
    let detail = Detail::Presence(Presence {
        dominant: dominant.clone(),
        host: host.clone(),
        facility: r.facility.clone(),
        location: r.location.clone(),
        agreement,
        troops,
        consent,
        troops_unknown: r.troops_unknown.clone(),
        counted_in,
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, title, vec![dominant, host], vec![], since, until, detail, ok)
}

pub(super) fn asset(ctx: &mut Ctx, raw: &Spanned<RawAsset>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let owner_state = ctx.state(&r.owner_state);
    let host = ctx.state(&r.host);
    let since = ctx.opt_date(&r.since, "since", &c.id);
    let until = ctx.opt_date(&r.until, "until", &c.id);
    ctx.ordered(&c.id, c.line, since.map(|d| (d, "since")), until.map(|d| (d, "until")));
    if let Some(s) = &r.share
        && !(0.0..=100.0).contains(s.get_ref())
    {
        let l = ctx.line(s.span());
        ctx.err(
            ErrorKind::BadValue,
            l,
            format!("share of '{}' is {} (outside 0 … 100 percent)", c.id, s.get_ref()),
            "shares are percentages",
        );
    }
    let (owner_state, host) = (owner_state?, host?);
    let title = format!("{} controls {} ({})", r.owner, r.asset, r.sector);
    let detail = Detail::Asset(Asset {
        sector: r.sector.clone(),
        asset: r.asset.clone(),
        owner: r.owner.clone(),
        owner_state: owner_state.clone(),
        host: host.clone(),
        share: r.share.as_ref().map(|s| *s.get_ref()),
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, title, vec![owner_state, host], vec![], since, until, detail, ok)
}

pub(super) fn dependence(ctx: &mut Ctx, raw: &Spanned<RawDependence>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let subject = ctx.state(&r.subject);
    let partner = ctx.state(&r.partner);
    let (mut wf, mut wt) = (None, None);
    if let Some(w) = &r.window {
        let l = ctx.line(w.span());
        match w.get_ref().as_slice() {
            [a, b] if a <= b => {
                wf = Some(*a as i32);
                wt = Some(*b as i32);
            }
            [a, b] => ctx.err(
                ErrorKind::InvertedDates,
                l,
                format!("'{}': window {a}..{b} ends before it starts", c.id),
                "window = [first_year, last_year]",
            ),
            _ => ctx.err(
                ErrorKind::BadValue,
                l,
                format!("'{}': window must be [first_year, last_year]", c.id),
                "window = [2011, 2020]",
            ),
        }
    }
    let date = ctx.opt_date(&r.date, "date", &c.id);
    if r.unit == "percent" && !(0.0..=100.0).contains(r.value.get_ref()) {
        let l = ctx.line(r.value.span());
        ctx.err(
            ErrorKind::BadValue,
            l,
            format!("'{}': {} percent is outside 0 … 100", c.id, r.value.get_ref()),
            "percentages lie in 0 … 100",
        );
    }
    let (subject, partner) = (subject?, partner?);
    let start = wf.map(PartialDate::year).or(date);
    let end = wt.map(PartialDate::year).or(date);
    let title = format!("{} of {subject} on {partner}: {} {}", r.indicator, r.value.get_ref(), r.unit);
    let detail = Detail::Dependence(Dependence {
        subject: subject.clone(),
        partner: partner.clone(),
        indicator: r.indicator.clone(),
        value: *r.value.get_ref(),
        unit: r.unit.clone(),
        window_from: wf,
        window_to: wt,
        definition: r.definition.clone(),
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, title, vec![subject, partner], vec![], start, end, detail, ok)
}

pub(super) fn event(ctx: &mut Ctx, raw: &Spanned<RawEvent>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let actors: Vec<String> = r.actors.iter().filter_map(|a| ctx.state(a)).collect();
    let date = ctx.date(&r.date, "date", &c.id);
    let end = ctx.opt_date(&r.end, "end", &c.id);
    ctx.ordered(&c.id, c.line, date.map(|d| (d, "date")), end.map(|d| (d, "end")));
    let ok = errs_len(ctx) == before;
    let title = c.title.clone().unwrap_or_default();
    if title.is_empty() {
        ctx.err(ErrorKind::BadValue, c.line, format!("event '{}' has no title", c.id), "title = \"...\"");
        return None;
    }
    finish(ctx, c, title, actors, vec![], date, end, Detail::Event(Event { event_type: r.event_type.clone() }), ok)
}

pub(super) fn claim(ctx: &mut Ctx, raw: &Spanned<RawClaim>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common(ctx, r.common(), raw.span());
    let about: Vec<String> = r.about.iter().filter_map(|a| ctx.state(a)).collect();
    let date = ctx.date(&r.date, "date", &c.id);
    let stance: Option<Stance> = ctx.enum_value(&r.stance, "stance", STANCES);
    let stance = stance?;
    let title = format!("{}: {}", r.speaker, r.text);
    let detail = Detail::Claim(Claim {
        speaker: r.speaker.clone(),
        affiliation: r.affiliation.clone(),
        stance,
        text: r.text.clone(),
    });
    let ok = errs_len(ctx) == before;
    finish(ctx, c, title, about, vec![], date, None, detail, ok)
}

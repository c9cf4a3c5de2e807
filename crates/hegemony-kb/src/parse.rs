//! The text format: TOML files read into [`Fact`]s, with every error
//! collected as a [`Diagnostic`] (file, line, hint).
//!
//! The format is documented for researchers in `kb/README.md`.

use std::collections::{BTreeMap, HashMap};

use hegemony_core::{DateError, PartialDate, Registry};
use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, ErrorKind, LineIndex};
use crate::model::*;

/// One knowledge-base file handed to the compiler.
#[derive(Clone, Debug)]
pub struct KbFile {
    /// The path shown in diagnostics (e.g. `kb/rus/arm.toml`).
    pub path: String,
    pub text: String,
    pub layer: Layer,
}

/// The result of compiling a set of files.
#[derive(Debug, Default)]
pub struct Compiled {
    /// Valid facts (facts with errors are left out), sorted by id.
    pub facts: Vec<Fact>,
    /// Every error found; empty means the files are valid.
    pub errors: Vec<Diagnostic>,
    /// Shipped facts replaced by user facts marked `override = true`.
    pub overridden: Vec<String>,
}

type SVal = Spanned<toml::Value>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    organisation: Vec<Spanned<RawOrganisation>>,
    #[serde(default)]
    membership: Vec<Spanned<RawMembership>>,
    #[serde(default)]
    agreement: Vec<Spanned<RawAgreement>>,
    #[serde(default)]
    presence: Vec<Spanned<RawPresence>>,
    #[serde(default)]
    asset: Vec<Spanned<RawAsset>>,
    #[serde(default)]
    dependence: Vec<Spanned<RawDependence>>,
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    claim: Vec<Spanned<RawClaim>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Option<String>,
    #[serde(rename = "ref")]
    reference: Option<Spanned<String>>,
    kind: Option<String>,
    title: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    date: Option<SVal>,
    url: Option<String>,
    file: Option<String>,
    page: Option<String>,
    rows: Option<String>,
    quote: Option<String>,
    note: Option<String>,
}

macro_rules! common_fields {
    ($(#[$m:meta])* struct $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            id: Spanned<String>,
            title: Option<String>,
            #[serde(default)]
            sources: Vec<Spanned<RawSource>>,
            confidence: Option<Spanned<f64>>,
            note: Option<String>,
            #[serde(rename = "override", default)]
            override_: bool,
            $($(#[$fm])* $f: $t),*
        }
    };
}

common_fields!(
    struct RawOrganisation {
        name: String,
        abbrev: String,
        founded: Option<SVal>,
        dissolved: Option<SVal>,
        founding_treaty: Option<String>,
        purpose: String,
        dominant: Option<Spanned<String>>,
        successor_of: Option<Spanned<String>>,
    }
);

common_fields!(
    struct RawMembership {
        state: Spanned<String>,
        org: Spanned<String>,
        spells: Vec<Spanned<RawSpell>>,
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpell {
    status: Spanned<String>,
    from: SVal,
    to: Option<SVal>,
    note: Option<String>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

common_fields!(
    struct RawAgreement {
        #[serde(default)]
        parties: Vec<Spanned<String>>,
        #[serde(default)]
        party_orgs: Vec<Spanned<String>>,
        signed: Option<SVal>,
        ratified: Option<SVal>,
        in_force: Option<SVal>,
        expires: Option<SVal>,
        expired: Option<SVal>,
        denounced: Option<SVal>,
        suspended: Option<SVal>,
        amends: Option<Spanned<String>>,
        superseded_by: Option<Spanned<String>>,
        #[serde(default)]
        provisions: Vec<Spanned<RawProvision>>,
    }
);

#[derive(Deserialize)]
#[serde(untagged)]
enum RawProvision {
    Name(String),
    Full {
        #[serde(rename = "type")]
        kind: String,
        note: Option<String>,
    },
}

common_fields!(
    struct RawPresence {
        dominant: Spanned<String>,
        host: Spanned<String>,
        facility: String,
        location: Option<String>,
        since: Option<SVal>,
        until: Option<SVal>,
        agreement: Option<Spanned<String>>,
        #[serde(default)]
        troops: Vec<Spanned<RawTroops>>,
        #[serde(default)]
        consent: Vec<Spanned<RawConsent>>,
        troops_unknown: Option<String>,
        counted_in: Option<Spanned<String>>,
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsent {
    status: Spanned<String>,
    from: Option<SVal>,
    note: Option<String>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTroops {
    date: SVal,
    low: i64,
    high: i64,
    note: Option<String>,
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
}

common_fields!(
    struct RawAsset {
        sector: String,
        asset: String,
        owner: String,
        owner_state: Spanned<String>,
        host: Spanned<String>,
        share: Option<Spanned<f64>>,
        since: Option<SVal>,
        until: Option<SVal>,
    }
);

common_fields!(
    struct RawDependence {
        subject: Spanned<String>,
        partner: Spanned<String>,
        indicator: String,
        value: Spanned<f64>,
        unit: String,
        window: Option<Spanned<Vec<i64>>>,
        date: Option<SVal>,
        definition: String,
    }
);

common_fields!(
    struct RawEvent {
        event_type: String,
        #[serde(default)]
        actors: Vec<Spanned<String>>,
        date: SVal,
        end: Option<SVal>,
    }
);

common_fields!(
    struct RawClaim {
        speaker: String,
        affiliation: Option<String>,
        date: SVal,
        #[serde(default)]
        about: Vec<Spanned<String>>,
        stance: Spanned<String>,
        text: String,
    }
);

/// Per-file state while converting.
struct Ctx<'a> {
    file: &'a KbFile,
    lines: LineIndex,
    errors: &'a mut Vec<Diagnostic>,
    catalogue: &'a HashMap<String, Source>,
    /// References to check once every file is read: (target kind, id, file, line).
    refs: &'a mut Vec<PendingRef>,
}

pub(crate) struct PendingRef {
    pub kind: FactKind,
    pub id: String,
    pub file: String,
    pub line: usize,
    pub what: &'static str,
}

impl Ctx<'_> {
    fn line(&self, span: std::ops::Range<usize>) -> usize {
        self.lines.line(span.start)
    }

    fn err(&mut self, kind: ErrorKind, line: usize, message: String, hint: &str) {
        self.errors.push(Diagnostic { kind, file: self.file.path.clone(), line, message, hint: hint.to_string() });
    }

    fn date(&mut self, v: &SVal, what: &str, id: &str) -> Option<PartialDate> {
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

    fn opt_date(&mut self, v: &Option<SVal>, what: &str, id: &str) -> Option<PartialDate> {
        v.as_ref().and_then(|v| self.date(v, what, id))
    }

    fn state(&mut self, s: &Spanned<String>) -> Option<String> {
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

    fn reference(&mut self, kind: FactKind, s: &Spanned<String>, what: &'static str) -> String {
        let line = self.line(s.span());
        self.refs.push(PendingRef { kind, id: s.get_ref().clone(), file: self.file.path.clone(), line, what });
        s.get_ref().clone()
    }

    /// Orders two dates: `a` must not be after `b`.
    fn ordered(
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

    fn source(&mut self, raw: &Spanned<RawSource>, owner: &str) -> Option<Source> {
        let line = self.line(raw.span());
        let r = raw.get_ref();
        let mut src = Source::default();
        if let Some(reference) = &r.reference {
            match self.catalogue.get(reference.get_ref()) {
                Some(base) => src = base.clone(),
                None => {
                    let rl = self.line(reference.span());
                    self.err(
                        ErrorKind::UnknownReference,
                        rl,
                        format!("source of '{owner}' refers to unknown catalogue source '{}'", reference.get_ref()),
                        "define it in a [[source]] table (id = \"...\") in any knowledge-base file",
                    );
                    return None;
                }
            }
        }
        let set = |slot: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                slot.clone_from(v);
            }
        };
        if let Some(k) = &r.kind {
            src.kind = k.clone();
        }
        set(&mut src.title, &r.title);
        set(&mut src.author, &r.author);
        set(&mut src.publisher, &r.publisher);
        set(&mut src.url, &r.url);
        set(&mut src.file, &r.file);
        set(&mut src.page, &r.page);
        set(&mut src.rows, &r.rows);
        set(&mut src.quote, &r.quote);
        set(&mut src.note, &r.note);
        if let Some(d) = &r.date {
            src.date = self.date(d, "source date", owner);
        }
        self.check_source(&src, owner, line).then_some(src)
    }

    fn check_source(&mut self, src: &Source, owner: &str, line: usize) -> bool {
        let need = |ok: bool, what: &str| if ok { None } else { Some(what.to_string()) };
        let missing = match src.kind.as_str() {
            "document" | "publication" => need(src.title.is_some(), "a title"),
            "treaty" => need(src.title.is_some() && src.date.is_some(), "an official title and a signature date"),
            "dataset" => need(src.file.is_some() && src.rows.is_some(), "a file and rows"),
            "web" => need(src.url.is_some() && src.title.is_some(), "a url and a title"),
            "unverified" => need(src.note.is_some(), "a note saying what is to verify"),
            "" => Some("a kind".to_string()),
            other => {
                self.err(
                    ErrorKind::BadValue,
                    line,
                    format!("source of '{owner}' has unknown kind '{other}'"),
                    "use document, publication, treaty, dataset, web or unverified",
                );
                return false;
            }
        };
        if let Some(what) = missing {
            self.err(
                ErrorKind::IncompleteSource,
                line,
                format!("source of '{owner}' (kind '{}') lacks {what}", src.kind),
                "sources must be checkable: see kb/README.md, 'Sources'",
            );
            return false;
        }
        true
    }

    fn sources(&mut self, raws: &[Spanned<RawSource>], owner: &str, line: usize, required: bool) -> Vec<Source> {
        if raws.is_empty() && required {
            self.err(
                ErrorKind::MissingSource,
                line,
                format!("'{owner}' has no source"),
                "add sources = [{ ref = \"...\", quote = \"...\" }] or { kind = \"unverified\", note = \"...\" } with a lower confidence",
            );
        }
        raws.iter().filter_map(|r| self.source(r, owner)).collect()
    }

    fn confidence(&mut self, c: &Option<Spanned<f64>>, id: &str, line: usize) -> Option<f64> {
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

    fn enum_value<T: serde::de::DeserializeOwned>(
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

/// A fact under construction with the bits every kind shares.
struct Common {
    id: String,
    line: usize,
    sources: Vec<Source>,
    confidence: Option<f64>,
    title: Option<String>,
    note: Option<String>,
    override_: bool,
}

macro_rules! common {
    ($ctx:expr, $raw:expr, $span:expr) => {{
        let line = $ctx.line($span);
        let id = $raw.id.get_ref().clone();
        if !valid_id(&id) {
            let l = $ctx.line($raw.id.span());
            $ctx.err(
                ErrorKind::BadValue,
                l,
                format!("id '{id}' is not a valid id"),
                "ids are lower-case letters, digits, '-', '_' and '.', starting with a letter or digit",
            );
        }
        let sources = $ctx.sources(&$raw.sources, &id, line, true);
        let confidence = $ctx.confidence(&$raw.confidence, &id, line);
        Common {
            id,
            line,
            sources,
            confidence,
            title: $raw.title.clone(),
            note: $raw.note.clone(),
            override_: $raw.override_,
        }
    }};
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

pub(crate) const PROVISIONS: &str = "mutual_defence, consultation, non_aggression, no_hostile_alliance, integrated_command, wartime_command, basing_rights, joint_forces, unified_air_defence, border_guarding, arms_domestic_prices, military_technical_cooperation, military_aid, training, peacekeeping, nuclear_deployment, status_of_forces, intelligence_sharing, security_guarantee, political_coordination, customs_union, free_trade, economic_integration, common_currency, energy_supply, other";
const CONSENTS: &str = "consented, contested, occupation";
const STATUSES: &str = "member, participant, associate, observer, partner, candidate, suspended, frozen, withdrawn";
const STANCES: &str = "supportive, critical, concerned, neutral, descriptive";

struct Built {
    fact: Fact,
    override_: bool,
    /// Line of the fact, for cross-file checks.
    line: usize,
}

#[allow(clippy::too_many_arguments)]
fn finish(
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

fn errs_len(ctx: &Ctx) -> usize {
    ctx.errors.len()
}

fn organisation(ctx: &mut Ctx, raw: &Spanned<RawOrganisation>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn membership(ctx: &mut Ctx, raw: &Spanned<RawMembership>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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
pub(crate) fn spells_overlap(a: &MembershipSpell, b: &MembershipSpell) -> bool {
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

fn agreement(ctx: &mut Ctx, raw: &Spanned<RawAgreement>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn presence(ctx: &mut Ctx, raw: &Spanned<RawPresence>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn asset(ctx: &mut Ctx, raw: &Spanned<RawAsset>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn dependence(ctx: &mut Ctx, raw: &Spanned<RawDependence>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn event(ctx: &mut Ctx, raw: &Spanned<RawEvent>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

fn claim(ctx: &mut Ctx, raw: &Spanned<RawClaim>) -> Option<Built> {
    let before = errs_len(ctx);
    let r = raw.get_ref();
    let c = common!(ctx, r, raw.span());
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

/// Compiles a set of files into facts, collecting every error.
pub fn compile(files: &[KbFile]) -> Compiled {
    let mut errors = Vec::new();
    let mut parsed: Vec<(usize, RawFile)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match toml::from_str::<RawFile>(&f.text) {
            Ok(raw) => parsed.push((i, raw)),
            Err(e) => {
                let line = e.span().map(|s| LineIndex::new(&f.text).line(s.start)).unwrap_or(1);
                errors.push(Diagnostic {
                    kind: ErrorKind::Syntax,
                    file: f.path.clone(),
                    line,
                    message: e.message().trim().to_string(),
                    hint: "see kb/README.md for the tables and fields of each kind of fact".into(),
                });
            }
        }
    }

    // The source catalogue, across all files.
    let mut catalogue: HashMap<String, Source> = HashMap::new();
    let mut catalogue_at: HashMap<String, (String, usize)> = HashMap::new();
    let empty = HashMap::new();
    let mut refs = Vec::new();
    for (i, raw) in &parsed {
        let file = &files[*i];
        let mut ctx =
            Ctx { file, lines: LineIndex::new(&file.text), errors: &mut errors, catalogue: &empty, refs: &mut refs };
        for s in &raw.source {
            let line = ctx.line(s.span());
            let Some(id) = s.get_ref().id.clone() else {
                ctx.err(
                    ErrorKind::BadValue,
                    line,
                    "a [[source]] catalogue entry has no id".into(),
                    "give it id = \"...\" so facts can cite it with ref = \"...\"",
                );
                continue;
            };
            if let Some((f, l)) = catalogue_at.get(&id) {
                let msg = format!("source id '{id}' is already defined at {f}:{l}");
                ctx.err(ErrorKind::DuplicateId, line, msg, "source ids must be unique across all files");
                continue;
            }
            if let Some(src) = ctx.source(s, &id) {
                let mut src = src;
                src.id = Some(id.clone());
                catalogue.insert(id.clone(), src);
                catalogue_at.insert(id, (file.path.clone(), line));
            }
        }
    }

    let mut built: Vec<Built> = Vec::new();
    let mut raw_ids: Vec<(String, String, usize, Layer, bool)> = Vec::new();
    for (i, raw) in &parsed {
        let file = &files[*i];
        let mut ctx = Ctx {
            file,
            lines: LineIndex::new(&file.text),
            errors: &mut errors,
            catalogue: &catalogue,
            refs: &mut refs,
        };
        macro_rules! each {
            ($list:expr, $f:ident) => {
                for item in &$list {
                    let line = ctx.line(item.span());
                    raw_ids.push((
                        item.get_ref().id.get_ref().clone(),
                        file.path.clone(),
                        line,
                        file.layer,
                        item.get_ref().override_,
                    ));
                    if let Some(b) = $f(&mut ctx, item) {
                        built.push(b);
                    }
                }
            };
        }
        each!(raw.organisation, organisation);
        each!(raw.membership, membership);
        each!(raw.agreement, agreement);
        each!(raw.presence, presence);
        each!(raw.asset, asset);
        each!(raw.dependence, dependence);
        each!(raw.event, event);
        each!(raw.claim, claim);
    }

    // Duplicate ids: within a layer always an error; a user fact may replace a
    // shipped one only with `override = true`.
    let mut first: HashMap<String, (String, usize, Layer)> = HashMap::new();
    let mut overridden = Vec::new();
    for (id, file, line, layer, ov) in &raw_ids {
        match first.get(id) {
            None => {
                first.insert(id.clone(), (file.clone(), *line, *layer));
            }
            Some((f0, l0, Layer::Shipped)) if *layer == Layer::User && *ov => {
                let _ = (f0, l0);
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

    // References.
    let kinds: HashMap<&str, FactKind> = by_id.values().map(|b| (b.fact.id.as_str(), b.fact.kind())).collect();
    let known_ids: std::collections::HashSet<&str> = raw_ids.iter().map(|r| r.0.as_str()).collect();
    for r in &refs {
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

    // Membership spells of the same state in the same organisation written as
    // separate facts must not overlap either.
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

    // Memberships without a title are named after the organisation.
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

    errors.sort_by(|a, b| (a.file.as_str(), a.line).cmp(&(b.file.as_str(), b.line)));
    errors.dedup();
    let facts = by_id.into_values().map(|b| b.fact).collect();
    Compiled { facts, errors, overridden }
}

/// A cheap did-you-mean: same prefix or edit distance ≤ 2.
fn similar(a: &str, b: &str) -> bool {
    if a.len() >= 3 && b.len() >= 3 && (a.starts_with(&b[..3]) && a.len().abs_diff(b.len()) <= 3) {
        return true;
    }
    hegemony_core::states::edit_distance(a, b) <= 2
}

//! Queries the measures and the CLI use.
//!
//! Dyad semantics (`facts_for_dyad(sub, dom, ..)`): a fact concerns the dyad
//! when both states are among its actors (bilateral and multilateral
//! agreements with both as parties, presences, assets, dependence figures,
//! events, claims about both), or when it is a membership of the subordinate
//! in an organisation whose dominant member is the dominant state (CSTO for
//! Russia, NATO for the United States). Organisation facts themselves are not
//! listed.

use std::collections::BTreeMap;

use hegemony_core::{Date, PartialDate};
use serde::Serialize;
use serde_json::Value;

use crate::KnowledgeBase;
use crate::model::*;

/// A fact relevant to a dyad, and why.
#[derive(Clone, Debug, Serialize)]
pub struct DyadFact<'a> {
    /// The fact.
    pub fact: &'a Fact,
    /// `None`: both states are actors. `Some(org)`: a membership of the
    /// subordinate in an organisation dominated by the dominant state.
    pub via_org: Option<String>,
}

/// A state's status in an organisation in a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MembershipAt {
    /// Id of the membership fact.
    pub fact_id: String,
    /// Id of the organisation.
    pub org: String,
    /// Its abbreviation (`CSTO`), or the id when the organisation is unknown.
    pub org_abbrev: String,
    /// The state's status in that year.
    pub status: MembershipStatus,
    /// The organisation's dominant member, if recorded.
    pub dominant: Option<String>,
}

/// The latest known troop level of a presence, as of a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TroopsAt {
    /// Id of the presence fact.
    pub fact_id: String,
    /// What is there (`102nd military base`).
    pub facility: String,
    /// Where, if recorded.
    pub location: Option<String>,
    /// Date of the estimate used (may be earlier than the year asked).
    pub estimate_date: Option<PartialDate>,
    /// Low end of the estimate (`None`: no estimate by then).
    pub low: Option<u32>,
    /// High end of the estimate.
    pub high: Option<u32>,
}

/// One dated line of a relation's history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// When.
    pub date: PartialDate,
    /// The fact it comes from.
    pub fact_id: String,
    /// The kind of that fact.
    pub kind: FactKind,
    /// What happened, in a line.
    pub text: String,
    /// The fact's confidence.
    pub confidence: f64,
}

impl KnowledgeBase {
    /// Facts concerning the dyad (see the module docs), optionally only those
    /// in force or happening in `year`.
    pub fn facts_for_dyad(&self, sub: &str, dom: &str, year: Option<i32>) -> Vec<DyadFact<'_>> {
        let mut out = Vec::new();
        for f in self.facts() {
            if year.is_some_and(|y| !f.touches_year(y)) {
                continue;
            }
            let has = |s: &str| f.actors.iter().any(|a| a == s);
            match &f.detail {
                Detail::Organisation(_) => {}
                Detail::Membership(m)
                    if m.state == sub
                        && self.organisation(&m.org).is_some_and(|(_, o)| o.dominant.as_deref() == Some(dom)) =>
                {
                    out.push(DyadFact { fact: f, via_org: Some(m.org.clone()) });
                }
                _ if sub != dom && has(sub) && has(dom) => out.push(DyadFact { fact: f, via_org: None }),
                _ => {}
            }
        }
        out
    }

    /// Every organisation `state` takes part in (or has a recorded status
    /// in, e.g. frozen or suspended) during `year`.
    pub fn memberships(&self, state: &str, year: i32) -> Vec<MembershipAt> {
        let mut out = Vec::new();
        for f in self.facts() {
            if let Detail::Membership(m) = &f.detail {
                if m.state != state {
                    continue;
                }
                if let Some(status) = m.status_in_year(year) {
                    let (abbrev, dominant) = match self.organisation(&m.org) {
                        Some((_, o)) => (o.abbrev.clone(), o.dominant.clone()),
                        None => (m.org.clone(), None),
                    };
                    out.push(MembershipAt {
                        fact_id: f.id.clone(),
                        org: m.org.clone(),
                        org_abbrev: abbrev,
                        status,
                        dominant,
                    });
                }
            }
        }
        out
    }

    /// Agreements with both `a` and `b` as parties in force at some time in
    /// `year`, with their provisions ([`Fact::provisions`]).
    pub fn agreements_in_force(&self, a: &str, b: &str, year: i32) -> Vec<&Fact> {
        self.facts()
            .iter()
            .filter(|f| match &f.detail {
                Detail::Agreement(ag) => {
                    ag.parties.iter().any(|p| p == a) && ag.parties.iter().any(|p| p == b) && ag.in_force_in(year)
                }
                _ => false,
            })
            .collect()
    }

    /// Provisions binding `a` and `b` in `year`, with the agreement ids.
    pub fn provisions_in_force(&self, a: &str, b: &str, year: i32) -> BTreeMap<ProvisionKind, Vec<String>> {
        let mut out: BTreeMap<ProvisionKind, Vec<String>> = BTreeMap::new();
        for f in self.agreements_in_force(a, b, year) {
            for p in f.provisions() {
                out.entry(p.kind).or_default().push(f.id.clone());
            }
        }
        out
    }

    /// Military presences of `dominant` in `host` in `year`.
    pub fn presences(&self, dominant: &str, host: &str, year: i32) -> Vec<&Fact> {
        self.facts()
            .iter()
            .filter(|f| {
                matches!(&f.detail, Detail::Presence(p) if p.dominant == dominant && p.host == host)
                    && f.touches_year(year)
            })
            .collect()
    }

    /// Troop levels of `dominant` in `host` in `year`: for each presence, the
    /// latest estimate dated in or before `year`.
    pub fn troops(&self, dominant: &str, host: &str, year: i32) -> Vec<TroopsAt> {
        self.presences(dominant, host, year)
            .into_iter()
            .filter_map(|f| match &f.detail {
                Detail::Presence(p) => {
                    let est = p.troops.iter().rfind(|t| t.date.earliest().year() <= year);
                    Some(TroopsAt {
                        fact_id: f.id.clone(),
                        facility: p.facility.clone(),
                        location: p.location.clone(),
                        estimate_date: est.map(|t| t.date),
                        low: est.map(|t| t.low),
                        high: est.map(|t| t.high),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// Strategic assets in `host` held by firms of `owner_state` in `year`.
    pub fn assets(&self, owner_state: &str, host: &str, year: i32) -> Vec<&Fact> {
        self.facts()
            .iter()
            .filter(|f| {
                matches!(&f.detail, Detail::Asset(a) if a.owner_state == owner_state && a.host == host)
                    && f.touches_year(year)
            })
            .collect()
    }

    /// Dependence figures of `subject` on `partner` (all windows).
    pub fn dependence(&self, subject: &str, partner: &str) -> Vec<(&Fact, &Dependence)> {
        self.facts()
            .iter()
            .filter_map(|f| match &f.detail {
                Detail::Dependence(d) if d.subject == subject && d.partner == partner => Some((f, d)),
                _ => None,
            })
            .collect()
    }

    /// A dated, readable history of the relation, in chronological order.
    pub fn timeline(&self, sub: &str, dom: &str) -> Vec<TimelineEntry> {
        let mut out = Vec::new();
        let mut push = |date: PartialDate, f: &Fact, text: String| {
            out.push(TimelineEntry { date, fact_id: f.id.clone(), kind: f.kind(), text, confidence: f.confidence });
        };
        let mut facts: Vec<&Fact> = self.facts_for_dyad(sub, dom, None).into_iter().map(|d| d.fact).collect();
        // Events of the subordinate alone belong to its history too.
        facts.extend(self.facts().iter().filter(|f| matches!(f.detail, Detail::Event(_)) && f.actors == [sub]));
        for f in facts {
            match &f.detail {
                Detail::Membership(m) => {
                    let org = self.organisation(&m.org).map(|(_, o)| o.abbrev.clone()).unwrap_or_else(|| m.org.clone());
                    let mut prev: Option<&MembershipSpell> = None;
                    for s in &m.spells {
                        let verb = match (s.status, prev.map(|p| p.status)) {
                            (MembershipStatus::Member, None) => format!("{} joins {org}", m.state),
                            (MembershipStatus::Member, Some(_)) => {
                                format!("{} becomes a full member of {org} again", m.state)
                            }
                            (MembershipStatus::Withdrawn, _) => format!("{} withdraws from {org}", m.state),
                            (st, _) => format!("{} {org} status: {}", m.state, st.as_str()),
                        };
                        let verb = match &s.note {
                            Some(n) => format!("{verb} ({n})"),
                            None => verb,
                        };
                        push(s.from, f, verb);
                        if let Some(t) = s.to {
                            let next_starts = m.spells.iter().any(|n| n.from == t);
                            let successor = self.facts().iter().find_map(|g| match &g.detail {
                                Detail::Membership(n)
                                    if n.state == m.state
                                        && n.spells.first().is_some_and(|x| x.from == t)
                                        && self.organisation(&n.org).is_some_and(|(_, o)| {
                                            o.successor_of.as_deref() == Some(m.org.as_str())
                                        }) =>
                                {
                                    self.organisation(&n.org).map(|(_, o)| o.abbrev.clone())
                                }
                                _ => None,
                            });
                            if let Some(succ) = successor {
                                push(t, f, format!("{}'s {org} membership passes into {succ}", m.state));
                            } else if !next_starts {
                                push(t, f, format!("{} leaves {org} (end of {} status)", m.state, s.status.as_str()));
                            }
                        }
                        prev = Some(s);
                    }
                }
                Detail::Agreement(a) => {
                    let provs: Vec<String> = a.provisions.iter().map(|p| p.kind.as_str()).collect();
                    let provs = if provs.is_empty() { String::new() } else { format!(" [{}]", provs.join(", ")) };
                    if let Some(d) = a.signed {
                        push(d, f, format!("signed: {}{provs}", f.title));
                    }
                    if let Some(d) = a.in_force {
                        push(d, f, format!("in force: {}", f.title));
                    }
                    if let Some(d) = a.suspended {
                        push(d, f, format!("suspended: {}", f.title));
                    }
                    if let Some(d) = a.denounced {
                        push(d, f, format!("denounced: {}", f.title));
                    }
                    if let Some(d) = a.expired {
                        push(d, f, format!("expired: {}", f.title));
                    }
                }
                Detail::Presence(p) => {
                    let loc = p.location.clone().map(|l| format!(" at {l}")).unwrap_or_default();
                    if let Some(d) = f.start {
                        push(d, f, format!("{} {}{loc} established/legalised", p.dominant, p.facility));
                    }
                    for t in &p.troops {
                        let range = if t.low == t.high { t.low.to_string() } else { format!("{}-{}", t.low, t.high) };
                        push(t.date, f, format!("{} troops{loc}: {range}", p.dominant));
                    }
                    if let Some(d) = f.end {
                        push(d, f, format!("{} {}{loc} closed/withdrawn", p.dominant, p.facility));
                    }
                }
                Detail::Asset(a) => {
                    let share = a.share.map(|s| format!(" ({s}%)")).unwrap_or_default();
                    if let Some(d) = f.start {
                        push(d, f, format!("{} takes control of {}{share}", a.owner, a.asset));
                    }
                    if let Some(d) = f.end {
                        push(d, f, format!("{} no longer controls {}", a.owner, a.asset));
                    }
                }
                Detail::Dependence(d) => {
                    if let Some(s) = f.end.or(f.start) {
                        // In words: "ARM trade share: 35 percent in 2023".
                        let w = match (d.window_from, d.window_to) {
                            (Some(a), Some(b)) if a == b => format!(" in {a}"),
                            (Some(a), Some(b)) => format!(" over {a}–{b}"),
                            _ => String::new(),
                        };
                        let words = |s: &str| s.replace('_', " ");
                        push(s, f, format!("{} {}: {} {}{w}", d.subject, words(&d.indicator), d.value, words(&d.unit)));
                    }
                }
                Detail::Event(_) | Detail::Claim(_) => {
                    if let Some(s) = f.start {
                        push(s, f, f.title.clone());
                    }
                }
                Detail::Organisation(_) => {}
            }
        }
        out.sort_by(|a, b| {
            (a.date.earliest(), a.date.precision(), &a.fact_id).cmp(&(
                b.date.earliest(),
                b.date.precision(),
                &b.fact_id,
            ))
        });
        out.dedup_by(|a, b| a.date == b.date && a.text == b.text);
        out
    }

    /// Counts of facts by kind.
    pub fn counts_by_kind(&self) -> BTreeMap<FactKind, usize> {
        let mut m = BTreeMap::new();
        for f in self.facts() {
            *m.entry(f.kind()).or_insert(0) += 1;
        }
        m
    }

    /// Counts of facts by state (each fact counts once for each actor) and kind.
    pub fn counts_by_state(&self) -> BTreeMap<String, BTreeMap<FactKind, usize>> {
        let mut m: BTreeMap<String, BTreeMap<FactKind, usize>> = BTreeMap::new();
        for f in self.facts() {
            for a in &f.actors {
                *m.entry(a.clone()).or_default().entry(f.kind()).or_insert(0) += 1;
            }
        }
        m
    }

    /// All facts as JSON: id, kind, title, actors (ISO3), orgs, dates, status
    /// today, provisions, details, sources, confidence, origin.
    pub fn export_json(&self) -> Value {
        let today = today();
        Value::Array(self.facts().iter().map(|f| fact_json(f, today)).collect())
    }
}

/// Whether an agreement was in force at some time during `year`: [`Agreement::in_force_in`], kept
/// for callers that hold the agreement apart from its fact.
pub fn agreement_in_force_in(a: &Agreement, year: i32) -> bool {
    a.in_force_in(year)
}

/// One fact as `kb export` writes it: id, kind, title, actors (ISO3), orgs,
/// dates with their precision, status, provisions, the kind's details,
/// sources, confidence, note and origin.
#[derive(Serialize)]
pub struct FactExport<'a> {
    id: &'a str,
    kind: FactKind,
    title: &'a str,
    actors: &'a [String],
    orgs: &'a [String],
    start: Option<String>,
    start_precision: Option<hegemony_core::date::Precision>,
    end: Option<String>,
    end_precision: Option<hegemony_core::date::Precision>,
    status: String,
    provisions: &'a [Provision],
    details: Details<'a>,
    sources: &'a [Source],
    confidence: f64,
    note: &'a Option<String>,
    origin: &'a Origin,
}

impl<'a> FactExport<'a> {
    /// `f` with its status on `today`.
    pub fn new(f: &'a Fact, today: Date) -> FactExport<'a> {
        FactExport::with_status(f, f.status_on(today))
    }

    /// `f` with the status given (its status in a year, say).
    pub fn with_status(f: &'a Fact, status: String) -> FactExport<'a> {
        FactExport {
            id: &f.id,
            kind: f.kind(),
            title: &f.title,
            actors: &f.actors,
            orgs: &f.orgs,
            start: f.start.map(|d| d.to_string()),
            start_precision: f.start.map(|d| d.precision()),
            end: f.end.map(|d| d.to_string()),
            end_precision: f.end.map(|d| d.precision()),
            status,
            provisions: f.provisions(),
            details: Details(&f.detail),
            sources: &f.sources,
            confidence: f.confidence,
            note: &f.note,
            origin: &f.origin,
        }
    }
}

/// A fact's details without what the export gives apart (its kind, its provisions).
struct Details<'a>(&'a Detail);

impl Serialize for Details<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut detail = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
        if let Some(o) = detail.as_object_mut() {
            o.remove("kind");
            o.remove("provisions");
        }
        detail.serialize(s)
    }
}

/// One fact as the JSON of `kb export`.
pub fn fact_json(f: &Fact, today: Date) -> Value {
    serde_json::to_value(FactExport::new(f, today)).unwrap_or(Value::Null)
}

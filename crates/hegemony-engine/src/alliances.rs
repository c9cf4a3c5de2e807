//! Who is allied with whom in a year: ATOP's alliance obligations up to its
//! last year, the knowledge base's treaties after (ATOP ends in 2018). The
//! knowledge base carries what ATOP carried — every alliance in force at
//! ATOP's end for the states profiled and their partners (generated from
//! ATOP by `kb/tools/atop_alliances.py`, plus the treaties of NATO, the EU
//! and the CSTO through their memberships) — so a change of source does not
//! move a value: the real-data test `alliances_continue_past_atop` checks it.
//!
//! Two kinds of tie: a *military* alliance (a defence or offence pact in
//! ATOP; `mutual_defence` or `security_guarantee` in the knowledge base) and
//! a lesser *obligation* (neutrality, non-aggression or consultation).

use std::collections::{BTreeMap, BTreeSet};

use hegemony_core::{Registry, State};
use hegemony_data::structural::{Alliances, obligation};
use hegemony_kb::KnowledgeBase;
use hegemony_kb::model::{Detail, Fact, ProvisionKind};

use crate::institutions::binds;

/// The strongest tie between two states in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tie {
    /// Neutrality, non-aggression or consultation only.
    Obligation,
    /// A defence or offence pact.
    Military,
}

/// A state's ties in one year, and what they rest on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ties {
    /// Partner code → the strongest tie.
    pub partners: BTreeMap<String, Tie>,
    /// Where the ties come from: `ps_atop_alliance:<cow>/<year>` or `kb:<fact id>`.
    pub sources: BTreeSet<String>,
    /// `atop` or `kb`.
    pub source: &'static str,
}

impl Ties {
    /// The military allies, by code.
    pub fn military(&self) -> impl Iterator<Item = &str> {
        self.partners.iter().filter(|(_, t)| **t == Tie::Military).map(|(p, _)| p.as_str())
    }

    /// The tie with `partner`, if any.
    pub fn with(&self, partner: &str) -> Option<Tie> {
        self.partners.get(partner).copied()
    }
}

/// Whether an agreement obliges its parties as an alliance, and how.
fn agreement_tie(f: &Fact) -> Option<Tie> {
    let Detail::Agreement(a) = &f.detail else { return None };
    if a.has(ProvisionKind::MutualDefence) || a.has(ProvisionKind::SecurityGuarantee) {
        Some(Tie::Military)
    } else if a.has(ProvisionKind::NonAggression)
        || a.has(ProvisionKind::Consultation)
        || a.has(ProvisionKind::NoHostileAlliance)
    {
        Some(Tie::Obligation)
    } else {
        None
    }
}

/// The parties bound by agreement `f` in `year`: its named parties and the
/// active members of its party organisations, each only while an
/// organisation's treaty binds it.
pub fn parties_in(kb: &KnowledgeBase, f: &Fact, year: i32) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    if let Detail::Agreement(a) = &f.detail {
        out.extend(a.parties.iter().cloned());
    }
    for org in &f.orgs {
        for m in kb.facts() {
            if let Detail::Membership(ms) = &m.detail
                && &ms.org == org
                && ms.status_in_year(year).is_some_and(|s| s.is_active())
            {
                out.insert(ms.state.clone());
            }
        }
    }
    out.into_iter().filter(|p| binds(kb, f, p, year)).collect()
}

/// Every knowledge-base alliance tie in `year`, by state: computed once per
/// year and shared by every state asked about.
#[derive(Clone, Debug, Default)]
pub struct KbTies {
    by_state: BTreeMap<String, Ties>,
}

impl KbTies {
    /// The ties the knowledge base records in `year`.
    pub fn of_year(kb: &KnowledgeBase, year: i32) -> KbTies {
        let mut by_state: BTreeMap<String, Ties> = BTreeMap::new();
        for f in kb.facts() {
            let Some(tie) = agreement_tie(f) else { continue };
            let Detail::Agreement(a) = &f.detail else { continue };
            if !hegemony_kb::query::agreement_in_force_in(a, year) {
                continue;
            }
            let parties = parties_in(kb, f, year);
            for p in &parties {
                let ties = by_state.entry(p.clone()).or_insert_with(|| Ties { source: "kb", ..Ties::default() });
                ties.sources.insert(format!("kb:{}", f.id));
                for q in parties.iter().filter(|q| *q != p) {
                    let t = ties.partners.entry(q.clone()).or_insert(tie);
                    *t = (*t).max(tie);
                }
            }
        }
        KbTies { by_state }
    }

    /// The ties of `state` (none recorded: empty).
    pub fn of(&self, state: &str) -> Ties {
        self.by_state.get(state).cloned().unwrap_or(Ties { source: "kb", ..Ties::default() })
    }
}

/// The ties of `state` in `year` from ATOP, if ATOP covers the year and the
/// state has a COW code.
pub fn atop_ties(atop: &Alliances, state: &State, year: i32) -> Option<Ties> {
    let c = state.cow?;
    if !atop.covers(year) {
        return None;
    }
    let registry = Registry::global();
    let code = |cow: u16| registry.by_cow(cow).map_or_else(|| cow.to_string(), |s| s.code().to_string());
    let mut partners = BTreeMap::new();
    let lesser = obligation::NEUTRALITY | obligation::NON_AGGRESSION | obligation::CONSULTATION;
    for a in atop.allies(c, year, lesser) {
        partners.insert(code(a), Tie::Obligation);
    }
    for a in atop.allies(c, year, obligation::MILITARY) {
        partners.insert(code(a), Tie::Military);
    }
    Some(Ties { partners, sources: [format!("ps_atop_alliance:{c}/{year}")].into(), source: "atop" })
}

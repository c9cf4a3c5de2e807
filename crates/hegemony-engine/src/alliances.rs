//! Who is allied with whom in a year: ATOP's alliance obligations up to its
//! last year, the knowledge base's treaties after (ATOP ends in 2018). The
//! knowledge base carries what ATOP carried — every alliance in force at
//! ATOP's end for the states profiled and their partners (generated from
//! ATOP by `kb/tools/atop_alliances.py`, plus the treaties of NATO, the EU
//! and the CSTO through their memberships) — so a change of source does not
//! move a value: the real-data test `alliances_continue_past_atop` checks it.
//!
//! A tie is a *military* alliance: a defence or offence pact in ATOP,
//! `mutual_defence` or `security_guarantee` in the knowledge base. Lesser
//! obligations (neutrality, non-aggression, consultation) are not alliances
//! in Lake's sense: ATOP codes the Helsinki Final Act as a non-aggression
//! pact among 56 states, which makes no state anyone's subordinate.

use std::collections::{BTreeMap, BTreeSet};

use hegemony_core::{Registry, State};
use hegemony_data::structural::{Alliances, obligation};
use hegemony_kb::KnowledgeBase;
use hegemony_kb::model::{Detail, Fact, ProvisionKind};

use crate::institutions::binds;

/// A state's military allies in one year, and what the ties rest on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ties {
    /// The allies, by code.
    pub allies: BTreeSet<String>,
    /// Where the ties come from: `ps_atop_alliance:<cow>/<year>` or `kb:<fact id>`.
    pub sources: BTreeSet<String>,
    /// `atop` or `kb`.
    pub source: &'static str,
}

impl Ties {
    /// Whether `partner` is a military ally.
    pub fn with(&self, partner: &str) -> bool {
        self.allies.contains(partner)
    }
}

/// Whether an agreement makes its parties military allies.
fn is_alliance(f: &Fact) -> bool {
    matches!(&f.detail, Detail::Agreement(a) if a.has(ProvisionKind::MutualDefence) || a.has(ProvisionKind::SecurityGuarantee))
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
        for f in kb.facts().iter().filter(|f| is_alliance(f)) {
            let Detail::Agreement(a) = &f.detail else { continue };
            if !hegemony_kb::query::agreement_in_force_in(a, year) {
                continue;
            }
            let parties = parties_in(kb, f, year);
            for p in &parties {
                let ties = by_state.entry(p.clone()).or_insert_with(|| Ties { source: "kb", ..Ties::default() });
                ties.sources.insert(format!("kb:{}", f.id));
                ties.allies.extend(parties.iter().filter(|q| *q != p).cloned());
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
/// state has a COW code. ATOP's obligations are directed (the United States
/// defends Japan; Japan does not defend the United States); a tie here is
/// mutual: a defence obligation either way makes two states military allies,
/// as a protected state is no less under its protector for not protecting it.
pub fn atop_ties(atop: &Alliances, state: &State, year: i32) -> Option<Ties> {
    let c = state.cow?;
    if !atop.covers(year) {
        return None;
    }
    let registry = Registry::global();
    let code = |cow: u16| registry.by_cow(cow).map_or_else(|| cow.to_string(), |s| s.code().to_string());
    let mut allies: BTreeSet<String> = atop.allies(c, year, obligation::MILITARY).into_iter().map(code).collect();
    for other in registry.states().iter().filter_map(|s| s.cow).filter(|&o| o != c) {
        if atop.allies(other, year, obligation::MILITARY).contains(&c) {
            allies.insert(code(other));
        }
    }
    Some(Ties { allies, sources: [format!("ps_atop_alliance:{c}/{year}")].into(), source: "atop" })
}

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

/// Every military alliance tie in one year, by state, from one source:
/// made once per year and shared by every state asked about.
#[derive(Clone, Debug, Default)]
pub struct Network {
    by_state: BTreeMap<String, Ties>,
    source: &'static str,
}

impl Network {
    /// The ties the knowledge base records in `year`.
    pub fn of_kb(kb: &KnowledgeBase, year: i32) -> Network {
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
        Network { by_state, source: "kb" }
    }

    /// The ties ATOP records in each year of `years` it covers, for the
    /// states `wanted` (and their allies), made in one pass over ATOP.
    /// ATOP's obligations are directed (the United States defends Japan;
    /// Japan does not defend the United States); a tie here is mutual: a
    /// defence obligation either way makes two states military allies, as a
    /// protected state is no less under its protector for not protecting it.
    pub fn of_atop(atop: &Alliances, years: (i32, i32), wanted: &[&State]) -> BTreeMap<i32, Network> {
        let registry = Registry::global();
        let wanted: BTreeSet<u16> = wanted.iter().filter_map(|s| s.cow).collect();
        let mut out: BTreeMap<i32, Network> = BTreeMap::new();
        for (c, year, a, mask) in atop.dyads() {
            let military = mask & obligation::MILITARY != 0;
            if !military || !(years.0..=years.1).contains(&year) || !(wanted.contains(&c) || wanted.contains(&a)) {
                continue;
            }
            let (Some(x), Some(y)) = (registry.by_cow(c), registry.by_cow(a)) else { continue };
            let net = out.entry(year).or_insert_with(|| Network { by_state: BTreeMap::new(), source: "atop" });
            for (p, q) in [(x, y), (y, x)] {
                let ties = net.by_state.entry(p.code().to_string()).or_insert_with(|| Ties {
                    source: "atop",
                    sources: p.cow.map(|c| format!("ps_atop_alliance:{c}/{year}")).into_iter().collect(),
                    ..Ties::default()
                });
                ties.allies.insert(q.code().to_string());
            }
        }
        for year in (years.0..=years.1).filter(|y| atop.covers(*y)) {
            out.entry(year).or_insert_with(|| Network { by_state: BTreeMap::new(), source: "atop" });
        }
        out
    }

    /// The ties of `state` (none recorded: empty; from ATOP, its rows say so).
    pub fn of(&self, state: &State, year: i32) -> Ties {
        self.by_state.get(state.code()).cloned().unwrap_or_else(|| Ties {
            source: self.source,
            sources: state
                .cow
                .filter(|_| self.source == "atop")
                .map(|c| format!("ps_atop_alliance:{c}/{year}"))
                .into_iter()
                .collect(),
            ..Ties::default()
        })
    }
}

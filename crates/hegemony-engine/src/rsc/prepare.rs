//! What every year's network reads, indexed once for a range of years: ATOP's
//! obligations by year, UN-vote kappas by dyad-year, the dyads the data
//! record as adversaries, and the knowledge base's agreements, memberships,
//! presences and wars.

use std::collections::{BTreeMap, BTreeSet};

use hegemony_core::Registry;
use hegemony_data::structural::obligation;
use hegemony_kb::KnowledgeBase;
use hegemony_kb::model::{Consent, Detail, Fact, MembershipStatus, ProvisionKind};
use hegemony_measures::Weights;
use hegemony_measures::agreement::{AgreementOptions, DyadSelection, PeriodKind, dyad_tables};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Inputs;
use crate::EngineError;
use crate::alliances::parties_in;

/// The provisions that make an agreement defence cooperation. Peacekeeping
/// is not among them: a ceasefire's peacekeepers do not make its parties,
/// who were at war, cooperate in defence.
pub(crate) const DEFENCE_COOPERATION: [ProvisionKind; 13] = [
    ProvisionKind::IntegratedCommand,
    ProvisionKind::WartimeCommand,
    ProvisionKind::BasingRights,
    ProvisionKind::JointForces,
    ProvisionKind::UnifiedAirDefence,
    ProvisionKind::BorderGuarding,
    ProvisionKind::ArmsDomesticPrices,
    ProvisionKind::MilitaryTechnicalCooperation,
    ProvisionKind::MilitaryAid,
    ProvisionKind::Training,
    ProvisionKind::NuclearDeployment,
    ProvisionKind::StatusOfForces,
    ProvisionKind::IntelligenceSharing,
];

/// An unordered pair of COW codes, lower first.
pub(crate) fn pair(a: u16, b: u16) -> (u16, u16) {
    hegemony_data::relations::dyad(a, b)
}

/// A state code of the knowledge base as a COW code.
pub(crate) fn cow(code: &str) -> Option<u16> {
    Registry::global().resolve(code).ok().and_then(|s| s.cow)
}

/// A pair and its ATOP obligations (both directions OR-ed).
pub(crate) type Obligation = ((u16, u16), u8);
/// A pair, the kappa of its joint UN votes, and their number.
pub(crate) type Kappa = ((u16, u16), f64, u64);

/// Indexes over the inputs for the years `from..=to`.
pub(crate) struct Prepared<'a> {
    /// ATOP: year → (pair, both directions' obligations OR-ed).
    pub atop: FxHashMap<i32, Vec<Obligation>>,
    /// ATOP's last year (`None`: no ATOP in the data folder).
    pub atop_last: Option<i32>,
    /// States whose alliances past ATOP the knowledge base carries (the
    /// profiles' comparison sets and their dominant states).
    pub kb_carried: FxHashSet<u16>,
    /// UN votes: session year → (pair, kappa, joint votes).
    pub un: FxHashMap<i32, Vec<Kappa>>,
    /// The first and last session years of the vote record.
    pub un_years: Option<(i32, i32)>,
    /// Pairs the data record as strategic rivals at some time.
    pub rivals: FxHashSet<(u16, u16)>,
    /// Pairs the data record as adversaries at some time (a rivalry or a dispute).
    pub adversaries: FxHashSet<(u16, u16)>,
    /// Knowledge-base agreements (the pairs each binds depend on the year).
    pub agreements: Vec<&'a Fact>,
    /// Security organisations: org id → (state, membership fact id, the membership fact).
    pub memberships: BTreeMap<String, Vec<(u16, &'a Fact)>>,
    /// Presences (facts) in the knowledge base.
    pub presences: Vec<&'a Fact>,
    /// Wars (facts) in the knowledge base.
    pub wars: Vec<&'a Fact>,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(inputs: &Inputs<'a>, from: i32, to: i32) -> Result<Prepared<'a>, EngineError> {
        let data = inputs.data;
        let mut atop: FxHashMap<i32, FxHashMap<(u16, u16), u8>> = FxHashMap::default();
        let atop_last = data.alliances.as_ref().map(|a| a.last_year);
        if let Some(a) = &data.alliances {
            // Years past ATOP's end read its last year (carried for the states the knowledge base does not carry).
            let want = |y: i32| (from..=to).contains(&y) || (to > a.last_year && y == a.last_year);
            for (c, y, ally, mask) in a.dyads() {
                if want(y) {
                    *atop.entry(y).or_default().entry(pair(c, ally)).or_default() |= mask;
                }
            }
        }
        let atop = atop.into_iter().map(|(y, m)| (y, m.into_iter().collect())).collect();
        let mut kb_carried = FxHashSet::default();
        for (dom, set) in &inputs.workspace.settings.comparison_sets {
            kb_carried.extend(cow(dom));
            kb_carried.extend(set.states.iter().filter_map(|s| cow(s)));
        }
        let (un, un_years) = un_kappas(inputs, from, to)?;
        let mut rivals = FxHashSet::default();
        for r in [&inputs.relations.tss, &inputs.relations.td].into_iter().flatten() {
            rivals.extend(r.items.iter().map(|x| (x.a, x.b)));
        }
        let mut adversaries = rivals.clone();
        if let Some(m) = &inputs.relations.disputes {
            for y in m.first_year..=m.last_year {
                adversaries.extend(m.in_year(y).iter().map(|d| (d.a, d.b)));
            }
        }
        let kb: &'a KnowledgeBase = inputs.kb;
        let mut memberships: BTreeMap<String, Vec<(u16, &'a Fact)>> = BTreeMap::new();
        for f in kb.facts() {
            if let Detail::Membership(m) = &f.detail
                && inputs.settings.options.organisations.contains_key(&m.org)
                && let Some(c) = cow(&m.state)
            {
                memberships.entry(m.org.clone()).or_default().push((c, f));
            }
        }
        let of = |p: fn(&Fact) -> bool| kb.facts().iter().filter(|f| p(f)).collect::<Vec<_>>();
        Ok(Prepared {
            atop,
            atop_last,
            kb_carried,
            un,
            un_years,
            rivals,
            adversaries,
            agreements: of(|f| matches!(f.detail, Detail::Agreement(_))),
            memberships,
            presences: of(|f| matches!(f.detail, Detail::Presence(_))),
            wars: of(|f| matches!(&f.detail, Detail::Event(e) if e.event_type == "war")),
        })
    }

    /// ATOP's obligations of `year` by pair (or of its last year, for later years).
    pub(crate) fn atop_in(&self, year: i32) -> &[Obligation] {
        let y = self.atop_last.map_or(year, |l| year.min(l));
        self.atop.get(&y).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The pairs an agreement binds in `year`: every two parties, except that
    /// an agreement of named states with an organisation binds each named
    /// state with the organisation's members, not the members with one another.
    pub(crate) fn agreement_pairs(kb: &KnowledgeBase, f: &Fact, year: i32) -> Vec<((u16, u16), String, String)> {
        let Detail::Agreement(a) = &f.detail else { return vec![] };
        let bound = parties_in(kb, f, year);
        let named: BTreeSet<&String> = a.parties.iter().collect();
        let mut out = Vec::new();
        for (i, x) in bound.iter().enumerate() {
            for y in &bound[i + 1..] {
                let with_org = !named.is_empty() && !f.orgs.is_empty();
                if with_org && !named.contains(x) && !named.contains(y) {
                    continue;
                }
                if let (Some(cx), Some(cy)) = (cow(x), cow(y)) {
                    out.push((pair(cx, cy), x.clone(), y.clone()));
                }
            }
        }
        out
    }

    /// The knowledge base's memberships of `org` active as full members (or
    /// participants) in `year`.
    pub(crate) fn members_in(&self, org: &str, year: i32) -> Vec<(u16, &'a Fact)> {
        self.memberships
            .get(org)
            .map(|v| {
                v.iter()
                    .filter(|(_, f)| match &f.detail {
                        Detail::Membership(m) => {
                            matches!(
                                m.status_in_year(year),
                                Some(MembershipStatus::Member | MembershipStatus::Participant)
                            )
                        }
                        _ => false,
                    })
                    .copied()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The presences touching `year`, with the host's consent that year.
    pub(crate) fn presences_in(&self, year: i32) -> Vec<(&'a Fact, Consent, u16, u16)> {
        self.presences
            .iter()
            .filter(|f| f.touches_year(year))
            .filter_map(|f| match &f.detail {
                Detail::Presence(p) => Some((*f, p.consent_in(year)?, cow(&p.dominant)?, cow(&p.host)?)),
                _ => None,
            })
            .collect()
    }
}

type UnKappas = (FxHashMap<i32, Vec<Kappa>>, Option<(i32, i32)>);

/// Cohen's kappa (nominal) of every dyad's joint votes in every session year
/// the record covers within `from..=to`, and the record's years.
fn un_kappas(inputs: &Inputs<'_>, from: i32, to: i32) -> Result<UnKappas, EngineError> {
    let mut out: FxHashMap<i32, Vec<Kappa>> = FxHashMap::default();
    let Some(votes) = inputs.votes else { return Ok((out, None)) };
    let years = votes.record.roll_calls.iter().map(|rc| rc.session_year());
    let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    if lo > hi {
        return Ok((out, None));
    }
    // Years past the record read its last year (carried).
    let range = (from.max(lo), to.min(hi).max(from.min(hi)));
    let opts = AgreementOptions { period: PeriodKind::Year, range: Some(range), ..AgreementOptions::default() };
    let rows =
        dyad_tables(&votes.record, &opts, &DyadSelection::All).map_err(|e| EngineError::Request(e.to_string()))?;
    for r in rows {
        if let Some(k) = r.table.kappa(Weights::Nominal) {
            out.entry(r.period).or_default().push((pair(r.first, r.second), k, r.table.n()));
        }
    }
    Ok((out, Some((lo, hi))))
}

/// ATOP's value of an obligation mask: defence or offence 1, neutrality or
/// non-aggression 0.5, consultation 0.25.
pub(crate) fn atop_value(mask: u8) -> f64 {
    if mask & obligation::MILITARY != 0 {
        1.0
    } else if mask & (obligation::NEUTRALITY | obligation::NON_AGGRESSION) != 0 {
        0.5
    } else if mask & obligation::CONSULTATION != 0 {
        0.25
    } else {
        0.0
    }
}

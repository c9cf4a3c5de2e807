//! Outside powers that penetrate a complex: a major, regional or global
//! power outside it with a military alliance with a member, forces
//! stationed in one, or a share of the members' arms imports over the arms
//! window of at least `penetration_arms_share`.

use std::collections::{BTreeMap, BTreeSet};

use hegemony_data::structural::obligation;
use hegemony_kb::model::{Detail, ProvisionKind};
use serde::Serialize;

use super::Inputs;
use super::network::{YearNetwork, code};
use super::prepare::Prepared;

/// One outside power's penetration of a complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Penetration {
    /// The power.
    pub state: String,
    /// `global`, `major` or `regional`.
    pub status: &'static str,
    /// Members it has a military alliance with.
    pub allies: Vec<String>,
    /// Members it has forces in (with the host's consent status).
    pub forces: Vec<String>,
    /// Its share of the members' arms imports over the window.
    pub arms_share: Option<f64>,
    /// The window.
    pub arms_window: Option<(i32, i32)>,
    /// The rows and facts.
    pub sources: Vec<String>,
}

#[derive(Default)]
struct Tally {
    allies: BTreeSet<String>,
    forces: BTreeSet<String>,
    tiv: f64,
    sources: BTreeSet<String>,
}

/// The outside powers penetrating the complex of `members` (nodes of `net`).
pub(crate) fn penetrating(
    prep: &Prepared<'_>,
    inputs: &Inputs<'_>,
    net: &YearNetwork,
    members: &[usize],
) -> Vec<Penetration> {
    let year = net.year;
    let inside: BTreeSet<u16> = members.iter().map(|&m| net.cows[m]).collect();
    let outside_power = |c: u16| !inside.contains(&c) && net.node(c).is_some_and(|i| net.powers[i].any());
    let mut by: BTreeMap<u16, Tally> = BTreeMap::new();
    // Alliances: ATOP (its last year after it ends), and the knowledge base's past ATOP.
    for &((a, b), mask) in prep.atop_in(year) {
        if mask & obligation::MILITARY == 0 {
            continue;
        }
        for (p, m) in [(a, b), (b, a)] {
            if outside_power(p) && inside.contains(&m) {
                let t = by.entry(p).or_default();
                t.allies.insert(code(m));
                t.sources.insert(format!(
                    "ps_atop_alliance:{}-{}/{}",
                    a,
                    b,
                    prep.atop_last.map_or(year, |l| year.min(l))
                ));
            }
        }
    }
    if prep.atop_last.is_some_and(|l| year > l) {
        for f in &prep.agreements {
            let Detail::Agreement(ag) = &f.detail else { continue };
            let military = ag.has(ProvisionKind::MutualDefence) || ag.has(ProvisionKind::SecurityGuarantee);
            if !military || !ag.in_force_in(year) {
                continue;
            }
            for ((a, b), _, _) in Prepared::agreement_pairs(inputs.kb, f, year) {
                for (p, m) in [(a, b), (b, a)] {
                    if outside_power(p) && inside.contains(&m) {
                        let t = by.entry(p).or_default();
                        t.allies.insert(code(m));
                        t.sources.insert(format!("kb:{}", f.id));
                    }
                }
            }
        }
    }
    for (f, consent, dom, host) in prep.presences_in(year) {
        if outside_power(dom) && inside.contains(&host) {
            let t = by.entry(dom).or_default();
            t.forces.insert(format!("{} ({})", code(host), consent.as_str()));
            t.sources.insert(format!("kb:{}", f.id));
        }
    }
    if let Some(us) = &inputs.data.us_troops
        && year >= us.first_year
        && outside_power(2)
    {
        let y = year.min(us.last_year);
        for &m in &inside {
            if us.get(m, y).is_some_and(|n| n >= 100.0) {
                let t = by.entry(2).or_default();
                t.forces.insert(format!("{} (US troops)", code(m)));
                t.sources.insert(format!("troopdata_us_troops_legacy:{m}/{y}"));
            }
        }
    }
    let (window, total) = arms(inputs, year, &inside, &mut by);
    let min_share = inputs.settings.options.penetration_arms_share;
    let mut out: Vec<Penetration> = by
        .into_iter()
        .filter(|(p, _)| outside_power(*p))
        .filter_map(|(p, t)| {
            let share = (total > 0.0).then(|| t.tiv / total);
            let counts = !t.allies.is_empty() || !t.forces.is_empty() || share.is_some_and(|s| s >= min_share);
            let power = net.powers[net.node(p)?];
            let status = if power.global {
                "global"
            } else if power.major {
                "major"
            } else {
                "regional"
            };
            counts.then(|| Penetration {
                state: code(p),
                status,
                allies: t.allies.into_iter().collect(),
                forces: t.forces.into_iter().collect(),
                arms_share: share.filter(|s| *s > 0.0),
                arms_window: window,
                sources: t.sources.into_iter().collect(),
            })
        })
        .collect();
    let rank = |p: &Penetration| {
        (p.status == "global", p.allies.len() + p.forces.len(), (p.arms_share.unwrap_or(0.0) * 1e6) as i64)
    };
    out.sort_by(|a, b| rank(b).cmp(&rank(a)).then(a.state.cmp(&b.state)));
    out
}

/// Each supplier's TIV to the members over the window, and the members' total.
fn arms(
    inputs: &Inputs<'_>,
    year: i32,
    inside: &BTreeSet<u16>,
    by: &mut BTreeMap<u16, Tally>,
) -> (Option<(i32, i32)>, f64) {
    let Some(arms) = &inputs.data.arms else { return (None, 0.0) };
    if year < arms.first_year {
        return (None, 0.0);
    }
    let to = year.min(arms.last_year);
    let from = to - inputs.settings.options.arms_window + 1;
    let mut total = 0.0;
    for &m in inside {
        for t in arms.to(m).iter().filter(|t| (from..=to).contains(&t.year)) {
            total += t.tiv;
            if !inside.contains(&t.supplier) {
                let e = by.entry(t.supplier).or_default();
                e.tiv += t.tiv;
                e.sources.insert(format!("sipri_tiv_transfers_1950_2021:{}>{m}/{from}-{to}", t.supplier));
            }
        }
    }
    (Some((from, to)), total)
}

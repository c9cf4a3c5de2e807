//! Complexes over time: every year of a range, the lineage of each complex
//! (the complex of a year continues the one of the year before it shares
//! most members with), the moves of states between complexes with the ties
//! that changed most, and one state's path.

use std::collections::BTreeMap;

use hegemony_measures::rsc::match_groups;
use serde::Serialize;

use super::network::{Component, YearNetwork};
use super::prepare::Prepared;
use super::views::{Computed, YearView, compute, view_of};
use super::{Inputs, Sector};
use crate::EngineError;

/// Where a state stands in a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Placement {
    /// `complex`, `insulator`, `unstructured`, or `absent` (not in the state system).
    pub kind: &'static str,
    /// The complex's id that year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complex: Option<String>,
    /// The complex's lineage (the id it had when it first appeared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lineage: Option<String>,
    /// The complex's name that year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A tie that changed between two years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cause {
    /// The other state.
    pub partner: String,
    /// Amity + enmity the year before.
    pub before: f64,
    /// Amity + enmity this year.
    pub after: f64,
    /// The components that appeared, ended or changed, in words with their sources.
    pub changes: Vec<String>,
}

/// A state's move between complexes (or in or out of one).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Move {
    /// The year of the new placement.
    pub year: i32,
    /// The state.
    pub state: String,
    /// Its placement the year before.
    pub from: Placement,
    /// Its placement this year.
    pub to: Placement,
    /// Whether the new placement holds the year after (`None` in the range's last year):
    /// a move that does not is a flicker of the optimisation or of a one-year tie.
    pub lasting: Option<bool>,
    /// The ties that changed most (largest change of amity + enmity first).
    pub causes: Vec<Cause>,
}

/// Sets each move's `lasting`: whether the state's placement the year after equals the new one.
fn mark_lasting(moves: &mut [Move], placed: &BTreeMap<(String, i32), Placement>, last: i32) {
    for m in moves.iter_mut() {
        m.lasting = (m.year < last).then(|| {
            placed.get(&(m.state.clone(), m.year + 1)).is_some_and(|p| p.kind == m.to.kind && p.lineage == m.to.lineage)
        });
    }
}

/// One year of the timeline, in brief.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearBrief {
    /// The year.
    pub year: i32,
    /// (id, lineage, name, members, centre) of each complex.
    pub complexes: Vec<BriefComplex>,
    /// Insulators.
    pub insulators: Vec<String>,
    /// Unstructured states.
    pub unstructured: Vec<String>,
}

/// A complex in brief.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BriefComplex {
    /// Its id that year.
    pub id: String,
    /// Its lineage.
    pub lineage: String,
    /// Its name that year.
    pub name: String,
    /// Its members.
    pub members: Vec<String>,
    /// Its centre.
    pub centre: Option<String>,
    /// Its subcomplexes' members.
    pub subcomplexes: Vec<Vec<String>>,
}

/// Every year of a range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// The sector.
    pub sector: Sector,
    /// The years.
    pub years: Vec<YearBrief>,
    /// Every move, by year.
    pub moves: Vec<Move>,
}

fn check_range(inputs: &Inputs<'_>, years: (i32, i32), sector: Sector) -> Result<(), EngineError> {
    inputs.check()?;
    if years.0 > years.1 {
        return Err(EngineError::Request(format!("the range {}-{} is empty", years.0, years.1)));
    }
    let cov = super::coverage(inputs);
    cov.check(years.0, sector)?;
    cov.check(years.1, sector)
}

/// Runs `each` on every year of the range with the year's computation and
/// view (without penetration), giving it the previous year's too.
fn each_year(
    inputs: &Inputs<'_>,
    years: (i32, i32),
    sector: Sector,
    mut each: impl FnMut(&Computed, &YearView, Option<(&Computed, &YearView)>),
) -> Result<(), EngineError> {
    check_range(inputs, years, sector)?;
    let prep = Prepared::new(inputs, years.0, years.1)?;
    let mut prev: Option<(Computed, YearView)> = None;
    for y in years.0..=years.1 {
        let c = compute(&prep, inputs, y, sector);
        let v = view_of(&prep, inputs, &c, false);
        each(&c, &v, prev.as_ref().map(|(c, v)| (c, v)));
        prev = Some((c, v));
    }
    Ok(())
}

/// The lineage of each complex of `view`, continuing `prev` (id → lineage).
fn lineages(prev: Option<(&YearView, &BTreeMap<String, String>)>, view: &YearView) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some((pv, pl)) = prev else {
        return view.complexes.iter().map(|c| (c.id.clone(), c.id.clone())).collect();
    };
    let before: Vec<Vec<String>> = pv.complexes.iter().map(|c| c.members.clone()).collect();
    let after: Vec<Vec<String>> = view.complexes.iter().map(|c| c.members.clone()).collect();
    let matched = match_groups(&before, &after);
    // The complex sharing most members with an earlier one continues it; a second one starts a new lineage.
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, m) in matched.iter().enumerate() {
        if let Some(p) = m {
            let overlap = |i: usize| after[i].iter().filter(|x| before[*p].contains(x)).count();
            if used.get(p).is_none_or(|&q| overlap(k) > overlap(q)) {
                used.insert(*p, k);
            }
        }
    }
    for (k, c) in view.complexes.iter().enumerate() {
        let lineage = match matched[k] {
            Some(p) if used.get(&p) == Some(&k) => pl.get(&pv.complexes[p].id).cloned().unwrap_or_else(|| c.id.clone()),
            _ => format!("{}@{}", c.id, view.year),
        };
        out.insert(c.id.clone(), lineage);
    }
    out
}

fn placement(view: &YearView, lineage: &BTreeMap<String, String>, state: &str, present: bool) -> Placement {
    if let Some(c) = view.complexes.iter().find(|c| c.members.iter().any(|m| m == state)) {
        return Placement {
            kind: "complex",
            complex: Some(c.id.clone()),
            lineage: lineage.get(&c.id).cloned(),
            name: Some(c.name.clone()),
        };
    }
    let kind = if view.insulators.iter().any(|i| i == state) {
        "insulator"
    } else if present {
        "unstructured"
    } else {
        "absent"
    };
    Placement { kind, complex: None, lineage: None, name: None }
}

fn component_words(c: &Component) -> String {
    format!("{:?} {:.2}{} [{}]", c.kind, c.value, if c.carried { " (carried)" } else { "" }, c.sources.join(" "))
        .to_lowercase()
        .replacen("unvotes", "un votes", 1)
}

/// The ties of `state` that changed most from `prev` to `next`.
fn causes(prev: &YearNetwork, next: &YearNetwork, cow: u16, most: usize) -> Vec<Cause> {
    fn tie(net: &YearNetwork, cow: u16, other: u16) -> Option<&super::Edge> {
        net.edge(net.node(cow)?, net.node(other)?)
    }
    let mut partners: Vec<u16> = Vec::new();
    for net in [prev, next] {
        if let Some(i) = net.node(cow) {
            partners.extend(net.ties_of(i).into_iter().map(|(j, _)| net.cows[j]));
        }
    }
    partners.sort_unstable();
    partners.dedup();
    let mut out: Vec<Cause> = partners
        .into_iter()
        .map(|p| {
            let (a, b) = (tie(prev, cow, p), tie(next, cow, p));
            let w = |e: Option<&super::Edge>| e.map_or(0.0, |e| e.amity + e.enmity);
            let mut changes = Vec::new();
            let comps = |e: Option<&super::Edge>| e.map(|e| e.components.clone()).unwrap_or_default();
            let (ca, cb) = (comps(a), comps(b));
            for c in &cb {
                match ca.iter().find(|x| x.kind == c.kind) {
                    None => changes.push(format!("began: {} — {}", component_words(c), c.detail)),
                    Some(x) if (x.value - c.value).abs() > 1e-9 => {
                        changes.push(format!("changed {:.2} → {}", x.value, component_words(c)))
                    }
                    _ => {}
                }
            }
            for c in ca.iter().filter(|c| !cb.iter().any(|x| x.kind == c.kind)) {
                changes.push(format!("ended: {} — {}", component_words(c), c.detail));
            }
            let partner = super::network::code(p);
            Cause { partner, before: w(a), after: w(b), changes }
        })
        .filter(|c| (c.after - c.before).abs() > 1e-9)
        .collect();
    out.sort_by(|x, y| {
        (y.after - y.before).abs().total_cmp(&(x.after - x.before).abs()).then(x.partner.cmp(&y.partner))
    });
    out.truncate(most);
    out
}

/// The complexes of every year of `years`, their lineages and the moves of states between them.
pub fn timeline(inputs: &Inputs<'_>, years: (i32, i32), sector: Sector) -> Result<Timeline, EngineError> {
    let mut out = Timeline { sector, years: Vec::new(), moves: Vec::new() };
    let mut lineage_prev: BTreeMap<String, String> = BTreeMap::new();
    let mut placed: BTreeMap<(String, i32), Placement> = BTreeMap::new();
    each_year(inputs, years, sector, |c, v, prev| {
        let lineage = lineages(prev.map(|(_, pv)| (pv, &lineage_prev)), v);
        for s in &c.net.states {
            placed.insert((s.code().to_string(), v.year), placement(v, &lineage, s.code(), true));
        }
        if let Some((pc, pv)) = prev {
            for (i, s) in c.net.states.iter().enumerate() {
                let present_before = pc.net.node(c.net.cows[i]).is_some();
                let from = placement(pv, &lineage_prev, s.code(), present_before);
                let to = placement(v, &lineage, s.code(), true);
                let same = from.kind == to.kind && from.lineage == to.lineage;
                if !same && from.kind != "absent" {
                    let causes = causes(&pc.net, &c.net, c.net.cows[i], 3);
                    out.moves.push(Move { year: v.year, state: s.code().into(), from, to, lasting: None, causes });
                }
            }
        }
        out.years.push(YearBrief {
            year: v.year,
            complexes: v
                .complexes
                .iter()
                .map(|x| BriefComplex {
                    id: x.id.clone(),
                    lineage: lineage.get(&x.id).cloned().unwrap_or_else(|| x.id.clone()),
                    name: x.name.clone(),
                    members: x.members.clone(),
                    centre: x.centre.clone(),
                    subcomplexes: x.subcomplexes.iter().map(|s| s.members.clone()).collect(),
                })
                .collect(),
            insulators: v.insulators.clone(),
            unstructured: v.unstructured.clone(),
        });
        lineage_prev = lineage;
    })?;
    mark_lasting(&mut out.moves, &placed, years.1);
    Ok(out)
}

/// A partner of a state in one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partner {
    /// The partner.
    pub state: String,
    /// The weighted amity (or enmity) of the tie.
    pub weight: f64,
    /// The components on that side, in words.
    pub components: Vec<String>,
    /// Their sources.
    pub sources: Vec<String>,
}

/// One year of a state's path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathYear {
    /// The year.
    pub year: i32,
    /// Where it stands.
    pub placement: Placement,
    /// Its subcomplex (id and name), if any.
    pub subcomplex: Option<(String, String)>,
    /// Its amity partners, strongest first.
    pub amity: Vec<Partner>,
    /// Its enmity partners, strongest first.
    pub enmity: Vec<Partner>,
}

/// A state's complex, subcomplex and partners by year, and its moves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatePath {
    /// The state.
    pub state: String,
    /// The sector.
    pub sector: Sector,
    /// Each year (years it was not in the state system are left out).
    pub years: Vec<PathYear>,
    /// Its moves.
    pub moves: Vec<Move>,
}

fn partners(net: &YearNetwork, cow: u16, amity: bool) -> Vec<Partner> {
    let Some(i) = net.node(cow) else { return vec![] };
    let mut out: Vec<Partner> = net
        .ties_of(i)
        .into_iter()
        .filter_map(|(j, e)| {
            let weight = if amity { e.amity } else { e.enmity };
            let comps: Vec<&Component> = e.components.iter().filter(|c| c.kind.is_amity() == amity).collect();
            (weight > 0.0).then(|| Partner {
                state: net.states[j].code().to_string(),
                weight,
                components: comps.iter().map(|c| c.detail.clone()).collect(),
                sources: comps.iter().flat_map(|c| c.sources.clone()).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.state.cmp(&b.state)));
    out
}

/// The path of `state` over `years`.
pub fn state_path(
    inputs: &Inputs<'_>,
    state: &str,
    years: (i32, i32),
    sector: Sector,
) -> Result<StatePath, EngineError> {
    let s = crate::select::state(state)?;
    let cow = crate::select::cow_of(s)?;
    let code = s.code().to_string();
    let mut out = StatePath { state: code.clone(), sector, years: Vec::new(), moves: Vec::new() };
    let mut lineage_prev: BTreeMap<String, String> = BTreeMap::new();
    let mut placed: BTreeMap<(String, i32), Placement> = BTreeMap::new();
    each_year(inputs, years, sector, |c, v, prev| {
        let lineage = lineages(prev.map(|(_, pv)| (pv, &lineage_prev)), v);
        if c.net.node(cow).is_some() {
            let place = placement(v, &lineage, &code, true);
            placed.insert((code.clone(), v.year), place.clone());
            if let Some((pc, pv)) = prev
                && pc.net.node(cow).is_some()
            {
                let from = placement(pv, &lineage_prev, &code, true);
                if from.kind != place.kind || from.lineage != place.lineage {
                    let causes = causes(&pc.net, &c.net, cow, 5);
                    out.moves.push(Move {
                        year: v.year,
                        state: code.clone(),
                        from,
                        to: place.clone(),
                        lasting: None,
                        causes,
                    });
                }
            }
            let subcomplex = v
                .complexes
                .iter()
                .flat_map(|x| &x.subcomplexes)
                .find(|x| x.members.contains(&code))
                .map(|x| (x.id.clone(), x.name.clone()));
            out.years.push(PathYear {
                year: v.year,
                placement: place,
                subcomplex,
                amity: partners(&c.net, cow, true),
                enmity: partners(&c.net, cow, false),
            });
        }
        lineage_prev = lineage;
    })?;
    mark_lasting(&mut out.moves, &placed, years.1);
    if out.years.is_empty() {
        return Err(EngineError::Request(format!(
            "{} is not in the state system in {}–{}",
            s.label(),
            years.0,
            years.1
        )));
    }
    Ok(out)
}

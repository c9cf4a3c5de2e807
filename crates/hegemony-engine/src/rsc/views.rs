//! What the interfaces get: one year's complexes (the JSON shape of the
//! issue: `year`, `method`, `complexes` with `id`, `name`, `members`,
//! `centre`, `polarity`, `subcomplexes`, `penetrating_powers`, and
//! `insulators`), and the network of one complex.

use hegemony_measures::rsc::{Complex, Node, Structure, structure};
use serde::Serialize;

use super::network::{Edge, YearNetwork, build};
use super::penetration::{Penetration, penetrating};
use super::prepare::Prepared;
use super::{Inputs, Sector, names};
use crate::EngineError;
use crate::table::Table;

/// How the complexes were found, for the record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Method {
    /// The method in a line.
    pub name: &'static str,
    /// The modularity resolution γ.
    pub resolution: f64,
    /// The modularity of the communities found.
    pub quality: f64,
    /// Sources carried past their end this year, and sources not covering it.
    pub carried: Vec<String>,
    /// Sectors not covered.
    pub not_covered: &'static str,
}

/// A capability share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Share {
    /// The state.
    pub state: String,
    /// Its share of the complex's CINC.
    pub share: f64,
}

/// The distribution of power in a complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolarityView {
    /// `unipolar`, `bipolar`, `multipolar` or `unknown`.
    pub kind: &'static str,
    /// The poles.
    pub poles: Vec<String>,
    /// Capability shares, largest first.
    pub shares: Vec<Share>,
    /// The Ray–Singer concentration.
    pub concentration: Option<f64>,
    /// The equivalent number of equal powers.
    pub effective_powers: Option<f64>,
    /// Members without a CINC that year (not counted as zero).
    pub missing: Vec<String>,
}

/// The pattern of amity and enmity inside a complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CharacterView {
    /// `conflict_formation`, `security_regime`, `security_community` or `none`.
    pub kind: &'static str,
    /// Σ amity inside.
    pub amity: f64,
    /// Σ enmity inside.
    pub enmity: f64,
    /// enmity / (amity + enmity).
    pub enmity_share: Option<f64>,
}

/// A subcomplex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubcomplexView {
    /// `sub-` and its strongest member's code.
    pub id: String,
    /// Its region.
    pub name: String,
    /// Its members.
    pub members: Vec<String>,
}

/// The hierarchy of a complex's centre over the other members, from the profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HierarchyView {
    /// The centre.
    pub dominant: String,
    /// Each member's composite hierarchy under the centre that year (0–1).
    pub members: Vec<HierarchyMember>,
    /// Why these states are the centre's comparison set (the profile's rule), or why no value.
    pub note: String,
}

/// One member's hierarchy under the centre.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HierarchyMember {
    /// The member.
    pub state: String,
    /// The composite (`None`: no value).
    pub composite: Option<f64>,
    /// Its range under missing parts.
    pub lo: Option<f64>,
    /// Its range under missing parts.
    pub hi: Option<f64>,
}

/// One complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComplexView {
    /// `rsc-` and its strongest member's code.
    pub id: String,
    /// Its region, and its centre if it has one.
    pub name: String,
    /// Its members.
    pub members: Vec<String>,
    /// The state it is centred on, if any.
    pub centre: Option<String>,
    /// Power inside.
    pub polarity: PolarityView,
    /// Amity and enmity inside.
    pub character: CharacterView,
    /// Its subcomplexes.
    pub subcomplexes: Vec<SubcomplexView>,
    /// Outside powers with alliances, forces or arms inside.
    pub penetrating_powers: Vec<Penetration>,
    /// Alignment blocs (signed communities inside); empty: one bloc.
    pub blocs: Vec<Vec<String>>,
    /// The centre's hierarchy over the others (asked for, and centred only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hierarchy: Option<HierarchyView>,
}

/// A state between complexes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InsulatorView {
    /// The state.
    pub state: String,
    /// (complex id, share of its interdependence with it).
    pub between: Vec<(String, f64)>,
}

/// One year's complexes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// The sector.
    pub sector: Sector,
    /// How they were found.
    pub method: Method,
    /// The complexes, largest capabilities first.
    pub complexes: Vec<ComplexView>,
    /// States between complexes.
    pub insulators: Vec<String>,
    /// Which complexes each insulator stands between.
    pub insulators_between: Vec<InsulatorView>,
    /// States too weakly tied to form or join a complex.
    pub unstructured: Vec<String>,
}

/// One year computed: its network and its structure.
pub(crate) struct Computed {
    pub net: YearNetwork,
    pub structure: Structure,
}

pub(crate) fn compute(prep: &Prepared<'_>, inputs: &Inputs<'_>, year: i32, sector: Sector) -> Computed {
    let net = build(prep, inputs, year, sector);
    let nodes: Vec<Node> = net.cinc.iter().map(|&cinc| Node { cinc }).collect();
    let structure = structure(&net.network(), &nodes, &inputs.settings.structure);
    Computed { net, structure }
}

/// The complexes of `year` in `sector`; with `hierarchy`, each centre's
/// hierarchy over the other members from the profile.
pub fn year(inputs: &Inputs<'_>, year: i32, sector: Sector, hierarchy: bool) -> Result<YearView, EngineError> {
    inputs.check()?;
    super::coverage(inputs).check(year, sector)?;
    let prep = Prepared::new(inputs, year, year)?;
    let c = compute(&prep, inputs, year, sector);
    let mut view = view_of(&prep, inputs, &c, true);
    if hierarchy {
        for cx in view.complexes.iter_mut() {
            cx.hierarchy = cx.centre.as_deref().map(|centre| hierarchy_of(inputs, centre, &cx.members, year));
        }
    }
    Ok(view)
}

/// The strongest member (by CINC; the first member without capabilities).
fn strongest(c: &Complex, members: &[usize]) -> usize {
    c.polarity.shares.first().map_or(members[0], |s| s.0)
}

/// The view of one computed year.
pub(crate) fn view_of(prep: &Prepared<'_>, inputs: &Inputs<'_>, c: &Computed, penetration: bool) -> YearView {
    let (net, s) = (&c.net, &c.structure);
    let code = |i: usize| net.states[i].code().to_string();
    let mut order: Vec<usize> = (0..s.complexes.len()).collect();
    let total = |k: usize| s.complexes[k].members.iter().filter_map(|&m| net.cinc[m]).sum::<f64>();
    order.sort_by(|&x, &y| total(y).total_cmp(&total(x)).then(x.cmp(&y)));
    let mut taken: Vec<String> = Vec::new();
    let mut ids = vec![String::new(); s.complexes.len()];
    let mut complexes = Vec::new();
    for k in order {
        let cx = &s.complexes[k];
        let top = strongest(cx, &cx.members);
        let name = names::name(net.cows[top], &net.states[top].name, names::region, cx.centre.is_some(), &taken);
        taken.push(name.clone());
        ids[k] = format!("rsc-{}", code(top));
        let mut view = complex_view(net, cx, ids[k].clone(), name);
        if penetration {
            view.penetrating_powers = penetrating(prep, inputs, net, &cx.members);
        }
        complexes.push(view);
    }
    YearView {
        year: net.year,
        sector: net.sector,
        method: Method {
            name: "communities of the interdependence graph (amity + enmity) by modularity; blocs by the signed Potts model",
            resolution: inputs.settings.structure.resolution,
            quality: s.quality,
            carried: net.carried.clone(),
            not_covered: "the societal and environmental sectors (no dataset measures them between states)",
        },
        complexes,
        insulators: s.insulators.iter().map(|i| code(i.node)).collect(),
        insulators_between: s
            .insulators
            .iter()
            .map(|i| InsulatorView {
                state: code(i.node),
                between: i.between.iter().map(|(k, x)| (ids[*k].clone(), *x)).collect(),
            })
            .collect(),
        unstructured: s.unstructured.iter().map(|&i| code(i)).collect(),
    }
}

fn complex_view(net: &YearNetwork, cx: &Complex, id: String, name: String) -> ComplexView {
    let code = |i: usize| net.states[i].code().to_string();
    let codes = |v: &[usize]| v.iter().map(|&i| code(i)).collect::<Vec<_>>();
    let p = &cx.polarity;
    let mut taken = Vec::new();
    let subcomplexes = cx
        .subcomplexes
        .iter()
        .map(|m| {
            let top = m
                .iter()
                .copied()
                .max_by(|&a, &b| net.cinc[a].unwrap_or(0.0).total_cmp(&net.cinc[b].unwrap_or(0.0)).then(b.cmp(&a)));
            let top = top.unwrap_or(m[0]);
            let name = names::name(net.cows[top], &net.states[top].name, names::subregion, false, &taken);
            taken.push(name.clone());
            SubcomplexView { id: format!("sub-{}", code(top)), name, members: codes(m) }
        })
        .collect();
    ComplexView {
        id,
        name,
        members: codes(&cx.members),
        centre: cx.centre.map(code),
        polarity: PolarityView {
            kind: p.kind,
            poles: codes(&p.poles),
            shares: p.shares.iter().map(|&(i, share)| Share { state: code(i), share }).collect(),
            concentration: p.concentration,
            effective_powers: p.effective_powers,
            missing: codes(&p.missing),
        },
        character: CharacterView {
            kind: cx.character.kind,
            amity: cx.character.amity,
            enmity: cx.character.enmity,
            enmity_share: cx.character.enmity_share,
        },
        subcomplexes,
        penetrating_powers: vec![],
        blocs: cx.blocs.iter().map(|b| codes(b)).collect(),
        hierarchy: None,
    }
}

/// The centre's hierarchy over the members, from the profile of that year.
fn hierarchy_of(inputs: &Inputs<'_>, centre: &str, members: &[String], year: i32) -> HierarchyView {
    let ws = inputs.workspace;
    let reg = hegemony_core::Registry::global();
    let Ok(dom) = reg.resolve(centre) else {
        return HierarchyView { dominant: centre.into(), members: vec![], note: "unknown state".into() };
    };
    let subs: Vec<&'static hegemony_core::State> =
        members.iter().filter(|m| *m != centre).filter_map(|m| reg.resolve(m).ok()).collect();
    let comparison = crate::profile::comparison_set(&ws.settings, &ws.kb, dom);
    match crate::profile::profiles(&ws.inputs(None), dom, &subs, (year, year)) {
        Ok(profiles) => HierarchyView {
            dominant: centre.into(),
            members: profiles
                .iter()
                .map(|p| {
                    let pt = p.measure("composite").and_then(|m| m.at(year));
                    HierarchyMember {
                        state: p.subordinate.clone(),
                        composite: pt.and_then(|x| x.value),
                        lo: pt.and_then(|x| x.lo),
                        hi: pt.and_then(|x| x.hi),
                    }
                })
                .collect(),
            note: comparison.rule,
        },
        Err(e) => HierarchyView { dominant: centre.into(), members: vec![], note: format!("no profile: {e}") },
    }
}

/// The network of one complex: its members and the ties among them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComplexNetwork {
    /// The year.
    pub year: i32,
    /// The complex.
    pub complex: ComplexView,
    /// The ties among its members, with their components.
    pub edges: Vec<Edge>,
}

/// The network of the complex `id` (or of the complex holding state `id`) in `year`.
pub fn complex_network(
    inputs: &Inputs<'_>,
    year: i32,
    sector: Sector,
    id: &str,
) -> Result<ComplexNetwork, EngineError> {
    inputs.check()?;
    super::coverage(inputs).check(year, sector)?;
    let prep = Prepared::new(inputs, year, year)?;
    let c = compute(&prep, inputs, year, sector);
    let view = view_of(&prep, inputs, &c, true);
    let want = id.trim().to_ascii_uppercase();
    let state = hegemony_core::Registry::global().resolve(id).ok().map(|s| s.code().to_string());
    let Some(complex) = view
        .complexes
        .into_iter()
        .find(|x| x.id.eq_ignore_ascii_case(&want) || state.as_ref().is_some_and(|s| x.members.contains(s)))
    else {
        return Err(EngineError::Request(format!(
            "no complex '{id}' in {year}: give a complex id (rsc-RUS …) or a member state; \
             a state between or outside complexes is an insulator or unstructured"
        )));
    };
    let nodes: Vec<usize> =
        complex.members.iter().filter_map(|m| c.net.states.iter().position(|s| s.code() == m)).collect();
    let mut edges = Vec::new();
    for (k, &i) in nodes.iter().enumerate() {
        for &j in &nodes[k + 1..] {
            if let Some(e) = c.net.edge(i, j).filter(|e| e.amity + e.enmity > 0.0) {
                edges.push(e.clone());
            }
        }
    }
    Ok(ComplexNetwork { year, complex, edges })
}

impl YearView {
    /// One row per complex, subcomplex, insulator and unstructured state.
    pub fn to_table(&self) -> Table {
        let mut rows: Vec<Vec<Option<String>>> = Vec::new();
        let f = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{v:.2}"));
        for c in &self.complexes {
            let pen: Vec<&str> = c.penetrating_powers.iter().map(|p| p.state.as_str()).collect();
            rows.push(vec![
                Some("complex".into()),
                Some(c.id.clone()),
                Some(c.name.clone()),
                Some(c.members.join(" ")),
                c.centre.clone(),
                Some(format!("{} (CON {})", c.polarity.kind, f(c.polarity.concentration))),
                Some(format!(
                    "{}; penetrated by {}",
                    c.character.kind,
                    if pen.is_empty() { "none".into() } else { pen.join(" ") }
                )),
            ]);
            for s in &c.subcomplexes {
                rows.push(vec![
                    Some("subcomplex".into()),
                    Some(s.id.clone()),
                    Some(s.name.clone()),
                    Some(s.members.join(" ")),
                    None,
                    None,
                    Some(format!("in {}", c.id)),
                ]);
            }
        }
        for i in &self.insulators_between {
            let between: Vec<String> = i.between.iter().map(|(c, x)| format!("{c} {x:.2}")).collect();
            rows.push(vec![
                Some("insulator".into()),
                None,
                None,
                Some(i.state.clone()),
                None,
                None,
                Some(format!("between {}", between.join(", "))),
            ]);
        }
        if !self.unstructured.is_empty() {
            rows.push(vec![
                Some("unstructured".into()),
                None,
                None,
                Some(self.unstructured.join(" ")),
                None,
                None,
                None,
            ]);
        }
        super::tables::text_table(&["kind", "id", "name", "members", "centre", "polarity", "character"], rows)
    }
}

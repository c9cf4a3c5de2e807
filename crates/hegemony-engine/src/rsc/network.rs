//! One year's network of security interdependence: every dyad's components
//! (what each source says, its weight, its rows), the opportunity the two
//! states have to interact, and the amity and enmity the complexes are
//! found from.

use std::collections::BTreeMap;

use hegemony_core::{Registry, State};
use hegemony_data::relations::PowerKind;
use hegemony_kb::model::ProvisionKind;
use hegemony_measures::dependence::supplier_shares;
use hegemony_measures::rsc::Network;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::prepare::Prepared;
use super::{Inputs, Sector};

/// What a component measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An alliance obligation (ATOP; the knowledge base past ATOP).
    Alliance,
    /// Full membership of a security organisation, both states.
    Organisation,
    /// An agreement with defence-cooperation provisions.
    DefenceCooperation,
    /// Forces stationed with the host's consent.
    Basing,
    /// The supplier's share of the recipient's arms imports.
    Arms,
    /// Chance-corrected agreement of UN votes (kappa).
    UnVotes,
    /// A strategic rivalry.
    Rivalry,
    /// A militarised dispute.
    Dispute,
    /// A war between recorded adversaries.
    War,
    /// Forces held against the host's will.
    Occupation,
    /// Trade interdependence (the economic sector).
    Trade,
}

impl Kind {
    /// Whether the component is amity (else enmity).
    pub fn is_amity(self) -> bool {
        !matches!(self, Kind::Rivalry | Kind::Dispute | Kind::War | Kind::Occupation)
    }
}

/// One component of a dyad's tie in one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Component {
    /// What it measures.
    pub kind: Kind,
    /// What the source says, on [0, 1].
    pub value: f64,
    /// Its weight (the settings file).
    pub weight: f64,
    /// The source ends before this year and its last value is carried.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
    /// In words.
    pub detail: String,
    /// The rows and facts: `<dataset>:<key>`, `kb:<fact id>`.
    pub sources: Vec<String>,
}

/// The tie of two states in one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    /// One state (code).
    pub a: String,
    /// The other.
    pub b: String,
    /// The opportunity to interact, on [0, 1] (contact and distance).
    pub opportunity: f64,
    /// The kind of direct contact (1 land … 5 up to 400 miles of water), if any.
    pub contact: Option<u8>,
    /// Steps apart in the contiguity network, if within reach.
    pub steps: Option<u8>,
    /// A tie between a global power and another power: the global level,
    /// left out of the complexes (shown, and read as penetration).
    pub global_level: bool,
    /// Σ amity components × weight × opportunity (0 at the global level).
    pub amity: f64,
    /// Σ enmity components × weight × opportunity (rivalries and wars at
    /// least `rivalry_floor`; 0 at the global level).
    pub enmity: f64,
    /// The components.
    pub components: Vec<Component>,
}

/// A state's power status in a year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Power {
    /// A COW major power.
    pub major: bool,
    /// A Maoz regional power.
    pub regional: bool,
    /// A Maoz global power.
    pub global: bool,
}

impl Power {
    /// Any of the three.
    pub fn any(&self) -> bool {
        self.major || self.regional || self.global
    }
}

/// One year's network.
pub struct YearNetwork {
    /// The year.
    pub year: i32,
    /// The sector.
    pub sector: Sector,
    /// The states in the system that year, by node number.
    pub states: Vec<&'static State>,
    /// Their COW codes.
    pub cows: Vec<u16>,
    index: FxHashMap<u16, usize>,
    /// The ties, by (lower node, higher node).
    pub edges: BTreeMap<(usize, usize), Edge>,
    /// CINC by node.
    pub cinc: Vec<Option<f64>>,
    /// Power status by node.
    pub powers: Vec<Power>,
    /// Sources carried past their end this year, in words.
    pub carried: Vec<String>,
    /// (node, node, amity whatever the distance) of every pair with amity components.
    centre_ties: Vec<(usize, usize, f64)>,
}

impl YearNetwork {
    /// The node of a COW code.
    pub fn node(&self, cow: u16) -> Option<usize> {
        self.index.get(&cow).copied()
    }

    /// The tie of two nodes, if any.
    pub fn edge(&self, i: usize, j: usize) -> Option<&Edge> {
        self.edges.get(&(i.min(j), i.max(j)))
    }

    /// The amity and enmity graphs the method reads, and the amity whatever
    /// the distance for the centre test.
    pub fn network(&self) -> Network {
        let mut net = Network::new(self.states.len());
        let mut reach = hegemony_measures::rsc::Graph::new(self.states.len());
        for (&(i, j), e) in &self.edges {
            net.amity.add(i, j, e.amity);
            net.enmity.add(i, j, e.enmity);
        }
        for &(i, j, w) in &self.centre_ties {
            reach.add(i, j, w);
        }
        net.centre_ties = Some(reach);
        net
    }

    /// The ties of node `i`, strongest first.
    pub fn ties_of(&self, i: usize) -> Vec<(usize, &Edge)> {
        let mut out: Vec<(usize, &Edge)> =
            self.edges.iter().filter(|((a, b), _)| *a == i || *b == i).map(|(&(a, b), e)| (a + b - i, e)).collect();
        out.sort_by(|x, y| (y.1.amity + y.1.enmity).total_cmp(&(x.1.amity + x.1.enmity)).then(x.0.cmp(&y.0)));
        out
    }
}

/// Collects components by dyad; one of each kind per dyad (the larger value wins, sources merge).
pub(crate) struct Builder<'n> {
    index: &'n FxHashMap<u16, usize>,
    comps: FxHashMap<(usize, usize), Vec<Component>>,
}

impl Builder<'_> {
    /// The COW codes of the year's states, in order.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = u16> + use<> {
        let mut v: Vec<u16> = self.index.keys().copied().collect();
        v.sort_unstable();
        v.into_iter()
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn add(
        &mut self,
        a: u16,
        b: u16,
        kind: Kind,
        value: f64,
        weight: f64,
        carried: bool,
        detail: String,
        sources: Vec<String>,
    ) {
        let (Some(&i), Some(&j)) = (self.index.get(&a), self.index.get(&b)) else { return };
        if i == j || value <= 0.0 || weight <= 0.0 {
            return;
        }
        let list = self.comps.entry((i.min(j), i.max(j))).or_default();
        match list.iter_mut().find(|c| c.kind == kind) {
            Some(c) => {
                if value > c.value {
                    c.value = value;
                    c.detail = detail;
                    c.carried = carried;
                }
                for s in sources {
                    if !c.sources.contains(&s) {
                        c.sources.push(s);
                    }
                }
            }
            None => list.push(Component { kind, value, weight, carried, detail, sources }),
        }
    }
}

/// The states in the system in `year`, by COW code.
fn states_in(year: i32) -> Vec<&'static State> {
    let mut out: Vec<&'static State> =
        Registry::global().states().iter().filter(|s| s.cow.is_some() && s.in_cow_system_in(year)).collect();
    out.sort_by_key(|s| s.cow);
    out.dedup_by_key(|s| s.cow);
    out
}

/// The network of `year` in `sector`.
pub(crate) fn build(prep: &Prepared<'_>, inputs: &Inputs<'_>, year: i32, sector: Sector) -> YearNetwork {
    let states = states_in(year);
    let cows: Vec<u16> = states.iter().filter_map(|s| s.cow).collect();
    let index: FxHashMap<u16, usize> = cows.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let rel = &inputs.relations;
    let mut carried = Vec::new();
    let clamp = |last: i32, name: &str, carried: &mut Vec<String>| {
        if year > last {
            carried.push(format!("{name} ends in {last}: its {last} values are carried"));
        }
        year.min(last)
    };
    let powers: Vec<Power> = cows
        .iter()
        .map(|&c| {
            let mut p = Power::default();
            if let Some(m) = &rel.majors {
                p.major = m.has(c, year.min(m.last_year), PowerKind::Major);
            }
            if let Some(m) = &rel.maoz {
                let y = year.min(m.last_year);
                p.regional = m.has(c, y, PowerKind::Regional);
                p.global = m.has(c, y, PowerKind::Global);
            }
            p
        })
        .collect();
    for (last, name) in [
        (rel.majors.as_ref().map(|m| m.last_year), "COW major powers"),
        (rel.maoz.as_ref().map(|m| m.last_year), "Maoz's powers"),
    ] {
        if let Some(l) = last {
            clamp(l, name, &mut carried);
        }
    }
    let cinc = match &rel.capabilities {
        Some(n) => {
            let y = clamp(n.last_year, "NMC capabilities", &mut carried);
            cows.iter().map(|&c| n.cinc(c, y)).collect()
        }
        None => vec![None; cows.len()],
    };
    let reach = opportunity(inputs, year, &cows, &powers, &mut carried);
    let mut b = Builder { index: &index, comps: FxHashMap::default() };
    // Whether two states can interact: `Some(true)` in direct contact, `Some(false)` within reach.
    let within = |a: u16, c: u16| match (index.get(&a), index.get(&c)) {
        (Some(&i), Some(&j)) => reach.get(&(i.min(j), i.max(j))).filter(|r| r.2 > 0.0).map(|r| r.0.is_some()),
        _ => None,
    };
    match sector {
        Sector::MilitaryPolitical => super::components::military(prep, inputs, year, &within, &mut b, &mut carried),
        Sector::Economic => super::components::economic(inputs, year, &cows, &within, &mut b),
    }
    let s = &inputs.settings;
    let mut edges = BTreeMap::new();
    let mut centre_ties = Vec::new();
    for ((i, j), mut components) in b.comps {
        components.sort_by_key(|c| c.kind);
        let raw: f64 = components.iter().filter(|c| c.kind.is_amity()).map(|c| c.value * c.weight).sum();
        if raw > 0.0 {
            centre_ties.push((i, j, raw));
        }
        let (contact, steps, opp) = reach.get(&(i, j)).copied().unwrap_or((None, None, 0.0));
        let (pi, pj) = (powers[i], powers[j]);
        let global_level = (pi.global && pj.any()) || (pj.global && pi.any());
        // Global powers count in complexes with their direct neighbours only.
        let opp = if (pi.global || pj.global) && contact.is_none() { 0.0 } else { opp };
        let (mut amity, mut enmity) = (0.0, 0.0);
        if !global_level {
            for c in &components {
                if c.kind.is_amity() {
                    amity += c.value * c.weight * opp;
                } else {
                    // A rivalry or a war is itself evidence that the two matter to each other's security.
                    let rival = matches!(c.kind, Kind::Rivalry | Kind::War) && !pi.global && !pj.global;
                    let floor = if rival { s.opportunity.rivalry_floor } else { 0.0 };
                    enmity += c.value * c.weight * opp.max(floor);
                }
            }
        }
        // A tie out of reach counts nowhere (a distant ally is penetration, listed apart).
        if amity + enmity <= 0.0 && !global_level {
            continue;
        }
        edges.insert(
            (i, j),
            Edge {
                a: states[i].code().to_string(),
                b: states[j].code().to_string(),
                opportunity: opp,
                contact,
                steps,
                global_level,
                amity,
                enmity,
                components,
            },
        );
    }
    carried.sort();
    carried.dedup();
    YearNetwork { year, sector, states, cows, index, edges, cinc, powers, carried, centre_ties }
}

/// (contact kind, steps, opportunity) of a pair.
type Reach = (Option<u8>, Option<u8>, f64);

/// The reach of every pair within reach.
fn opportunity(
    inputs: &Inputs<'_>,
    year: i32,
    cows: &[u16],
    powers: &[Power],
    carried: &mut Vec<String>,
) -> FxHashMap<(usize, usize), Reach> {
    let o = &inputs.settings.opportunity;
    let n = cows.len();
    let mut out = FxHashMap::default();
    let Some(cont) = &inputs.relations.contiguity else { return out };
    if year > cont.last_year {
        carried.push(format!("COW contiguity ends in {}: its {} borders are carried", cont.last_year, cont.last_year));
    }
    let index: FxHashMap<u16, usize> = cows.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in cont.in_year(year.min(cont.last_year)) {
        if let (Some(&i), Some(&j)) = (index.get(&c.a), index.get(&c.b)) {
            adj[i].push(j);
            adj[j].push(i);
            out.insert((i.min(j), i.max(j)), (Some(c.kind), Some(1), o.contact(c.kind)));
        }
    }
    let reach: Vec<u8> =
        powers.iter().map(|p| if !p.global && (p.major || p.regional) { o.power_reach } else { 1 }).collect();
    for start in 0..n {
        if reach[start] < 2 {
            continue;
        }
        // Breadth-first up to the power's reach.
        let mut dist = vec![u8::MAX; n];
        dist[start] = 0;
        let mut frontier = vec![start];
        for d in 1..=reach[start] {
            let mut next = Vec::new();
            for &u in &frontier {
                for &v in &adj[u] {
                    if dist[v] == u8::MAX {
                        dist[v] = d;
                        next.push(v);
                    }
                }
            }
            frontier = next;
        }
        for (v, &d) in dist.iter().enumerate() {
            if d >= 2 && d != u8::MAX {
                let key = (start.min(v), start.max(v));
                let value = o.decay.powi(i32::from(d) - 1);
                let slot = out.entry(key).or_insert((None, Some(d), 0.0));
                if slot.0.is_none() && value > slot.2 {
                    *slot = (None, Some(d), value);
                }
            }
        }
    }
    out
}

/// (first year, last year, (supplier, TIV, share) largest first, whether the window is carried).
pub(crate) type ArmsWindow = (i32, i32, Vec<(u16, f64, f64)>, bool);

/// The shares of each recipient's arms imports in the window ending at
/// `year` (or at the register's last year), by supplier.
pub(crate) fn arms_shares(inputs: &Inputs<'_>, year: i32, recipient: u16) -> Option<ArmsWindow> {
    let arms = inputs.data.arms.as_ref()?;
    let to = year.min(arms.last_year);
    let from = to - inputs.settings.options.arms_window + 1;
    let shares = supplier_shares(arms.to(recipient).iter().map(|t| (t.supplier, t.year, t.tiv)), from, to);
    (shares.total > 0.0).then_some((from, to, shares.suppliers, year > arms.last_year))
}

/// The code of a COW state (`COW n` when the registry does not know it).
pub(crate) fn code(cow: u16) -> String {
    Registry::global().by_cow(cow).map_or_else(|| format!("COW {cow}"), |s| s.code().to_string())
}

/// The names of the provisions of `f` among `kinds`.
pub(crate) fn provisions_of(f: &hegemony_kb::model::Fact, kinds: &[ProvisionKind]) -> Vec<String> {
    f.provisions()
        .iter()
        .filter(|p| kinds.contains(&p.kind))
        .map(|p| serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
        .collect()
}

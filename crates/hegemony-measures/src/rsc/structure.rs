//! From one year's network to its complexes, insulators and unstructured
//! states, and each complex's polarity, centre, subcomplexes, character and
//! alignment blocs (the steps are in the module's parent docs).

use serde::{Deserialize, Serialize};

use super::community::detect;
use super::polarity::{Polarity, polarity};
use super::{Graph, Network};

/// The thresholds of the method, with their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Modularity resolution γ (1 = Newman's modularity; larger, smaller complexes).
    pub resolution: f64,
    /// The fewest states a complex has.
    pub min_members: usize,
    /// Below this share of its interdependence with its own complex …
    pub insulator_own: f64,
    /// … and with at least this share with a second complex, a state is an insulator.
    pub insulator_other: f64,
    /// A state whose total interdependence is below this is unstructured.
    pub unstructured_below: f64,
    /// The share of a complex's capabilities its centre holds at least …
    pub centre_share: f64,
    /// … having amity with at least this share of the other members.
    pub centre_reach: f64,
    /// The share of capabilities a pole holds at least.
    pub pole_share: f64,
    /// The fewest members a complex needs to be searched for subcomplexes.
    pub sub_min_complex: usize,
    /// The modularity a split into subcomplexes needs.
    pub sub_quality: f64,
    /// An enmity share of internal weight at or above this: a conflict formation.
    pub conflict_formation: f64,
    /// At or below this: a security community (between: a security regime).
    pub security_community: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            resolution: 1.0,
            min_members: 3,
            insulator_own: 0.5,
            insulator_other: 0.25,
            unstructured_below: 0.5,
            centre_share: 0.5,
            centre_reach: 0.5,
            pole_share: 0.2,
            sub_min_complex: 5,
            sub_quality: 0.05,
            conflict_formation: 0.25,
            security_community: 0.02,
        }
    }
}

/// What the method knows of a state besides its ties.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Node {
    /// Its CINC that year (`None`: missing, not zero).
    pub cinc: Option<f64>,
}

/// The pattern of amity and enmity inside a complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Character {
    /// Σ amity over the dyads inside.
    pub amity: f64,
    /// Σ enmity over the dyads inside.
    pub enmity: f64,
    /// enmity / (amity + enmity); `None` without ties.
    pub enmity_share: Option<f64>,
    /// `conflict_formation`, `security_regime`, `security_community` or `none`.
    pub kind: &'static str,
}

/// One complex.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Complex {
    /// Its members (node numbers), sorted.
    pub members: Vec<usize>,
    /// The dominant state it is centred on, if any.
    pub centre: Option<usize>,
    /// Capability shares and poles.
    pub polarity: Polarity,
    /// Amity and enmity inside.
    pub character: Character,
    /// Its subcomplexes (members of none are in no subcomplex).
    pub subcomplexes: Vec<Vec<usize>>,
    /// The modularity of the split into subcomplexes (`None`: not searched).
    pub subcomplex_quality: Option<f64>,
    /// Alignment blocs (signed communities inside); empty when there is one.
    pub blocs: Vec<Vec<usize>>,
}

/// A state between complexes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Insulator {
    /// The state.
    pub node: usize,
    /// (complex, share of the state's interdependence with it), largest
    /// first: the complexes it stands between.
    pub between: Vec<(usize, f64)>,
}

/// One year's structure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Structure {
    /// The complexes, ordered by their first member.
    pub complexes: Vec<Complex>,
    /// The insulators, by node.
    pub insulators: Vec<Insulator>,
    /// The unstructured states, by node.
    pub unstructured: Vec<usize>,
    /// The modularity of the communities found (before insulators were taken out).
    pub quality: f64,
    /// For each node, (complex, share of its interdependence with that complex's members), largest first.
    pub shares: Vec<Vec<(usize, f64)>>,
}

impl Structure {
    /// The complex of `node`, if it is in one.
    pub fn complex_of(&self, node: usize) -> Option<usize> {
        self.complexes.iter().position(|c| c.members.binary_search(&node).is_ok())
    }
}

/// Each node's share of its interdependence with each group, largest first.
fn shares_to(g: &Graph, groups: &[Vec<usize>]) -> Vec<Vec<(usize, f64)>> {
    (0..g.n())
        .map(|i| {
            let total = g.strength(i);
            let mut out: Vec<(usize, f64)> = groups
                .iter()
                .enumerate()
                .map(|(c, m)| (c, m.iter().filter(|&&j| j != i).map(|&j| g.get(i, j)).sum::<f64>()))
                .filter(|(_, w)| *w > 0.0 && total > 0.0)
                .map(|(c, w)| (c, w / total))
                .collect();
            out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            out
        })
        .collect()
}

/// The structure of one year's network.
pub fn structure(net: &Network, nodes: &[Node], s: &Settings) -> Structure {
    let inter = net.interdependence();
    let n = inter.n();
    assert_eq!(nodes.len(), n, "one node per state of the network");
    let found = detect(&inter, s.resolution);
    let weak: Vec<bool> = (0..n).map(|i| inter.strength(i) < s.unstructured_below).collect();
    let candidates: Vec<Vec<usize>> = found
        .members()
        .into_iter()
        .map(|g| g.into_iter().filter(|&i| !weak[i]).collect::<Vec<_>>())
        .filter(|g| g.len() >= s.min_members)
        .collect();
    let shares = shares_to(&inter, &candidates);
    let own: Vec<Option<usize>> = (0..n).map(|i| candidates.iter().position(|c| c.contains(&i))).collect();
    let is_insulator = |i: usize| {
        let sh = &shares[i];
        let own_share = own[i].and_then(|c| sh.iter().find(|(k, _)| *k == c)).map_or(0.0, |x| x.1);
        !weak[i] && sh.len() >= 2 && sh[1].1 >= s.insulator_other && own_share < s.insulator_own
    };
    let insulators: Vec<usize> = (0..n).filter(|&i| is_insulator(i)).collect();
    let mut groups: Vec<Vec<usize>> = candidates
        .iter()
        .map(|c| c.iter().copied().filter(|i| !insulators.contains(i)).collect::<Vec<_>>())
        .filter(|c| c.len() >= s.min_members)
        .collect();
    groups.sort();
    let shares = shares_to(&inter, &groups);
    let placed = |i: usize| groups.iter().any(|g| g.contains(&i)) || insulators.contains(&i);
    let unstructured: Vec<usize> = (0..n).filter(|&i| !placed(i)).collect();
    let insulators: Vec<Insulator> = insulators
        .into_iter()
        .map(|i| Insulator {
            node: i,
            between: shares[i].iter().copied().filter(|(_, x)| *x >= s.insulator_other).collect(),
        })
        .collect();
    let cinc: Vec<Option<f64>> = nodes.iter().map(|x| x.cinc).collect();
    let complexes = groups.into_iter().map(|m| complex(net, &inter, &cinc, m, s)).collect();
    Structure { complexes, insulators, unstructured, quality: found.quality, shares }
}

/// One complex's polarity, centre, character, subcomplexes and blocs.
fn complex(net: &Network, inter: &Graph, cinc: &[Option<f64>], members: Vec<usize>, s: &Settings) -> Complex {
    let polarity = polarity(&members, cinc, s.pole_share);
    let centre = polarity.shares.first().filter(|(_, share)| *share >= s.centre_share).map(|(c, _)| *c).filter(|&c| {
        let ties = net.centre_ties.as_ref().unwrap_or(&net.amity);
        let reached = members.iter().filter(|&&j| j != c && ties.get(c, j) > 0.0).count();
        reached as f64 >= s.centre_reach * (members.len() - 1) as f64
    });
    let (mut amity, mut enmity) = (0.0, 0.0);
    for (k, &i) in members.iter().enumerate() {
        for &j in &members[k + 1..] {
            amity += net.amity.get(i, j);
            enmity += net.enmity.get(i, j);
        }
    }
    let enmity_share = (amity + enmity > 0.0).then(|| enmity / (amity + enmity));
    let kind = match enmity_share {
        None => "none",
        Some(e) if e >= s.conflict_formation => "conflict_formation",
        Some(e) if e <= s.security_community => "security_community",
        Some(_) => "security_regime",
    };
    let (subcomplexes, subcomplex_quality) = subcomplexes(inter, &members, centre, s);
    let signed = net.signed().subgraph(&members);
    let found = detect(&signed, 1.0);
    let blocs: Vec<Vec<usize>> = if found.groups >= 2 {
        found.members().into_iter().map(|g| g.into_iter().map(|k| members[k]).collect()).collect()
    } else {
        vec![]
    };
    Complex {
        members,
        centre,
        polarity,
        character: Character { amity, enmity, enmity_share, kind },
        subcomplexes,
        subcomplex_quality,
        blocs,
    }
}

/// The communities of the complex without its centre, when the split is clear enough.
pub(super) fn subcomplexes(
    inter: &Graph,
    members: &[usize],
    centre: Option<usize>,
    s: &Settings,
) -> (Vec<Vec<usize>>, Option<f64>) {
    if members.len() < s.sub_min_complex {
        return (vec![], None);
    }
    let rest: Vec<usize> = members.iter().copied().filter(|m| Some(*m) != centre).collect();
    let found = detect(&inter.subgraph(&rest), s.resolution);
    let parts: Vec<Vec<usize>> = found
        .members()
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|g| g.into_iter().map(|k| rest[k]).collect())
        .collect();
    if parts.len() >= 2 && found.quality >= s.sub_quality {
        (parts, Some(found.quality))
    } else {
        (vec![], Some(found.quality))
    }
}

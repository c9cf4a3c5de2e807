//! # Regional security complexes (Buzan & Wæver)
//!
//! ## What it measures
//! Which states' security is so interlinked that it cannot be analysed apart
//! (a *regional security complex*), and the structure of each complex: its
//! members and subcomplexes, the states between complexes that belong to
//! none (*insulators*), the states too weakly tied to form or join one
//! (*unstructured*), its polarity, whether it is centred on a dominant state,
//! and its pattern of amity and enmity (`docs/methods.md` §12).
//!
//! ## Definition
//! The input is one year's network of states with two non-negative weights
//! per dyad, *amity* and *enmity* (the engine builds them from alliances,
//! organisations, bases, arms, UN votes, rivalries, disputes and wars, and
//! scales them by the opportunity to interact). Then:
//!
//! 1. **Complexes** are communities of the *interdependence* graph, amity +
//!    enmity: in regional security complex theory enemies are bound into one
//!    complex (India and Pakistan make South Asia), so enmity joins states as
//!    amity does. Communities maximise modularity (Newman 2006) with a
//!    resolution γ, by [`community::detect`]; a community needs
//!    `min_members` states to be a complex.
//! 2. **Insulators**: a state whose interdependence is split, less than
//!    `insulator_own` of it with its own complex and at least
//!    `insulator_other` with a second one, stands between them and belongs
//!    to neither. **Unstructured**: a state whose total interdependence is
//!    below `unstructured_below`, or whose community is too small and which is
//!    not an insulator.
//! 3. **Polarity**: capability (CINC) shares inside the complex, the
//!    Ray–Singer concentration and the number of poles ([`polarity()`]).
//!    **Centred** on a state that holds at least `centre_share` of the
//!    complex's capabilities and has amity with at least `centre_reach` of
//!    the other members (counted whatever the distance, `centre_ties`).
//! 4. **Subcomplexes**: communities of the complex's own interdependence
//!    graph, the centre left out (it belongs to the whole), kept when the
//!    split's modularity reaches `sub_quality`.
//! 5. **Amity and enmity**: the share of enmity in the complex's internal
//!    weight places it on Buzan & Wæver's spectrum (conflict formation,
//!    security regime, security community); **alignment blocs** are the
//!    communities of the *signed* graph, amity − enmity, inside the complex —
//!    the signed Potts model of Traag & Bruggeman (2009), whose communities
//!    put friends together and enemies apart.
//!
//! ## Inputs
//! A [`Network`] (dense, symmetric, n ≤ a few hundred states) and each
//! state's CINC ([`Node`]); no I/O.
//!
//! ## Caveats
//! Modularity has a resolution limit (Fortunato & Barthélemy 2007): small
//! complexes beside large ones can merge; γ moves the scale. The thresholds
//! are choices, written in one [`Settings`] with their defaults, and the
//! engine's settings file can change them. The optimisation is a heuristic
//! (Louvain-style local moving and aggregation) run in an order fixed by the
//! states' interdependence, so relabelling states does not change the result
//! unless two states (or two moves) tie exactly.
//!
//! ## References
//! Buzan, B., & Wæver, O. (2003). *Regions and Powers*. Cambridge UP.
//! Newman, M. E. J. (2006). Modularity and community structure in networks. *PNAS* 103(23).
//! Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of
//! communities in large networks. *J. Stat. Mech.* P10008.
//! Gómez, S., Jensen, P., & Arenas, A. (2009). Analysis of community structure in networks of
//! correlated data. *Phys. Rev. E* 80, 016114.
//! Traag, V. A., & Bruggeman, J. (2009). Community detection in networks with positive and
//! negative links. *Phys. Rev. E* 80, 036115.
//! Ray, J. L., & Singer, J. D. (1973). Measuring the concentration of power in the
//! international system. *Sociological Methods & Research* 1(4).
//! Hubert, L., & Arabie, P. (1985). Comparing partitions. *J. Classification* 2.

pub mod community;
pub mod compare;
pub mod polarity;
mod structure;
#[cfg(test)]
mod tests;

pub use community::{Partition, detect};
pub use compare::{RandIndex, adjusted_rand_index, match_groups, match_one_to_one};
pub use polarity::{Polarity, polarity};
pub use structure::{Character, Complex, Insulator, Node, Settings, Structure, structure};

use serde::Serialize;

/// A symmetric weighted graph on nodes `0..n`, dense (the state system has
/// about two hundred states); weights may be negative (a signed graph).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Graph {
    n: usize,
    w: Vec<f64>,
}

impl Graph {
    /// A graph of `n` nodes and no edges.
    pub fn new(n: usize) -> Graph {
        Graph { n, w: vec![0.0; n * n] }
    }

    /// The number of nodes.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Adds `x` to the weight between `i` and `j` (both directions; a
    /// self-loop when `i == j`, counted once).
    pub fn add(&mut self, i: usize, j: usize, x: f64) {
        self.w[i * self.n + j] += x;
        if i != j {
            self.w[j * self.n + i] += x;
        }
    }

    /// The weight between `i` and `j`.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.w[i * self.n + j]
    }

    /// The weights of node `i` to every node.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.w[i * self.n..(i + 1) * self.n]
    }

    /// The sum of `i`'s weights to the other nodes.
    pub fn strength(&self, i: usize) -> f64 {
        self.row(i).iter().enumerate().filter(|(j, _)| *j != i).map(|(_, x)| x).sum()
    }

    /// The graph induced by `nodes` (node `k` of the result is `nodes[k]`).
    pub fn subgraph(&self, nodes: &[usize]) -> Graph {
        let mut g = Graph::new(nodes.len());
        for (a, &i) in nodes.iter().enumerate() {
            for (b, &j) in nodes.iter().enumerate() {
                g.w[a * g.n + b] = self.get(i, j);
            }
        }
        g
    }

    /// `self + k·other`, node for node.
    pub fn plus(&self, other: &Graph, k: f64) -> Graph {
        assert_eq!(self.n, other.n, "graphs of different sizes");
        Graph { n: self.n, w: self.w.iter().zip(&other.w).map(|(a, b)| a + k * b).collect() }
    }

    /// The same graph with its nodes renumbered: node `perm[i]` of the
    /// result is node `i` of this one.
    pub fn permuted(&self, perm: &[usize]) -> Graph {
        let mut g = Graph::new(self.n);
        for i in 0..self.n {
            for j in 0..self.n {
                g.w[perm[i] * self.n + perm[j]] = self.get(i, j);
            }
        }
        g
    }
}

/// One year's network: amity and enmity between every two states, each
/// non-negative and symmetric.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// Cooperation: alliances, shared organisations, bases, arms, UN votes.
    pub amity: Graph,
    /// Hostility: rivalries, disputes, wars, occupation.
    pub enmity: Graph,
    /// Amity whatever the distance, for the centre test (a centre reaches
    /// its members by power projection); `None`: `amity`.
    pub centre_ties: Option<Graph>,
}

impl Network {
    /// A network of `n` states and no ties.
    pub fn new(n: usize) -> Network {
        Network { amity: Graph::new(n), enmity: Graph::new(n), centre_ties: None }
    }

    /// The number of states.
    pub fn n(&self) -> usize {
        self.amity.n()
    }

    /// Interdependence: amity + enmity (both bind states into a complex).
    pub fn interdependence(&self) -> Graph {
        self.amity.plus(&self.enmity, 1.0)
    }

    /// The signed graph: amity − enmity (friends together, enemies apart).
    pub fn signed(&self) -> Graph {
        self.amity.plus(&self.enmity, -1.0)
    }
}

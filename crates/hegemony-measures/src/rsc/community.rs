//! Communities of a weighted, possibly signed graph: the partition that
//! maximises modularity with positive and negative links (Gómez, Jensen &
//! Arenas 2009), which is the signed Potts model of Traag & Bruggeman (2009)
//! with one resolution γ for both signs:
//!
//! ```text
//! Q = 1/(2m⁺ + 2m⁻) · Σ_ij [ w_ij − γ k⁺_i k⁺_j / 2m⁺ + γ k⁻_i k⁻_j / 2m⁻ ] δ(c_i, c_j)
//! ```
//!
//! where w = w⁺ − w⁻, k±_i = Σ_j w±_ij and 2m± = Σ_i k±_i. Without negative
//! links it is Newman's modularity.
//!
//! Why written here rather than taken from a crate: of the graph crates with
//! community detection (petgraph has none), the documentation of
//! `leiden-rs`, `rune-leiden` and `rust-igraph` describes modularity and CPM
//! on weighted graphs and says nothing of negative weights or of a signed
//! null model; and the measures layer depends on no third-party crate but
//! serde (`.ci/check-layers.py`). The graphs are small (about two hundred states),
//! so a dense Louvain is a hundred lines and milliseconds.
//!
//! The heuristic is Louvain's (Blondel et al. 2008): move single nodes to the
//! community that raises Q most until none does, merge each community into
//! one node, repeat. Two changes make the result independent of how nodes
//! are numbered: nodes are visited in order of decreasing strength (Σ|w|),
//! not by index, and a tie between two target communities goes to the one
//! holding the strongest node. Finally a community that is not connected by
//! positive links is split into its connected parts (Traag, Waltman & van
//! Eck 2019 show Louvain can leave such communities).

use serde::Serialize;

use super::Graph;

/// A partition of the nodes into groups.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partition {
    /// The group of each node, numbered `0..groups` in the order of each
    /// group's first node.
    pub labels: Vec<usize>,
    /// The number of groups.
    pub groups: usize,
    /// The modularity Q of the partition.
    pub quality: f64,
}

impl Partition {
    /// The members of each group, each sorted, groups in label order.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.groups];
        for (i, &c) in self.labels.iter().enumerate() {
            out[c].push(i);
        }
        out
    }
}

/// One level of the optimisation: net weights (a community merged into one
/// node keeps its internal weight on the diagonal, both orders summed) and
/// each node's positive and negative strength.
struct Level {
    n: usize,
    a: Vec<f64>,
    kp: Vec<f64>,
    kn: Vec<f64>,
}

/// The sums the quality needs, fixed for the whole optimisation.
#[derive(Clone, Copy)]
struct Totals {
    m2p: f64,
    m2n: f64,
    gamma: f64,
    eps: f64,
}

impl Totals {
    /// The null model's term for two (groups of) nodes.
    fn null(&self, kp_i: f64, kn_i: f64, kp_c: f64, kn_c: f64) -> f64 {
        let pos = if self.m2p > 0.0 { self.gamma * kp_i * kp_c / self.m2p } else { 0.0 };
        let neg = if self.m2n > 0.0 { self.gamma * kn_i * kn_c / self.m2n } else { 0.0 };
        pos - neg
    }
}

/// The modularity Q of `labels` on `g` with resolution `gamma` (0 for a
/// graph without weights).
pub fn quality(g: &Graph, labels: &[usize], gamma: f64) -> f64 {
    let level = Level::of(g);
    let t = level.totals(gamma);
    let total = t.m2p + t.m2n;
    if total <= 0.0 {
        return 0.0;
    }
    let mut q = 0.0;
    for i in 0..level.n {
        for j in 0..level.n {
            if labels[i] == labels[j] {
                q += level.a[i * level.n + j] - t.null(level.kp[i], level.kn[i], level.kp[j], level.kn[j]);
            }
        }
    }
    q / total
}

impl Level {
    fn of(g: &Graph) -> Level {
        let n = g.n();
        let mut a = vec![0.0; n * n];
        let (mut kp, mut kn) = (vec![0.0; n], vec![0.0; n]);
        for i in 0..n {
            for (j, &x) in g.row(i).iter().enumerate() {
                a[i * n + j] = x;
                if x > 0.0 {
                    kp[i] += x;
                } else {
                    kn[i] -= x;
                }
            }
        }
        Level { n, a, kp, kn }
    }

    fn totals(&self, gamma: f64) -> Totals {
        let (m2p, m2n) = (self.kp.iter().sum::<f64>(), self.kn.iter().sum::<f64>());
        Totals { m2p, m2n, gamma, eps: 1e-12 * (m2p + m2n).max(f64::MIN_POSITIVE) }
    }

    /// Nodes in the order they are visited: strongest first (index breaks ties).
    fn order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.n).collect();
        let s: Vec<f64> = (0..self.n).map(|i| self.kp[i] + self.kn[i]).collect();
        order.sort_by(|&x, &y| s[y].total_cmp(&s[x]).then(x.cmp(&y)));
        order
    }

    /// Local moving until no node gains by moving; the community of each node.
    fn move_nodes(&self, t: &Totals) -> (Vec<usize>, bool) {
        let n = self.n;
        let order = self.order();
        let mut rank = vec![0usize; n];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r;
        }
        let mut comm: Vec<usize> = (0..n).collect();
        let (mut kp_c, mut kn_c) = (self.kp.clone(), self.kn.clone());
        let mut size = vec![1usize; n];
        let mut link = vec![0.0; n];
        let mut moved_any = false;
        for _sweep in 0..1000 {
            let mut moved = false;
            for &i in &order {
                let ci = comm[i];
                link.iter_mut().for_each(|x| *x = 0.0);
                for j in (0..n).filter(|&j| j != i) {
                    link[comm[j]] += self.a[i * n + j];
                }
                kp_c[ci] -= self.kp[i];
                kn_c[ci] -= self.kn[i];
                size[ci] -= 1;
                let gain = |c: usize| link[c] - t.null(self.kp[i], self.kn[i], kp_c[c], kn_c[c]);
                // Staying (or, if i was alone, being alone: gain 0).
                let (mut best, mut best_gain) = (ci, if size[ci] == 0 { 0.0 } else { gain(ci) });
                // The strongest node of a community names it for tie-breaks.
                let key = |c: usize, comm: &[usize]| (0..n).filter(|&j| j != i && comm[j] == c).map(|j| rank[j]).min();
                for c in (0..n).filter(|&c| size[c] > 0 && c != ci) {
                    let g = gain(c);
                    if g > best_gain + t.eps
                        || ((g - best_gain).abs() <= t.eps && best != ci && key(c, &comm) < key(best, &comm))
                    {
                        best = c;
                        best_gain = g;
                    }
                }
                comm[i] = best;
                kp_c[best] += self.kp[i];
                kn_c[best] += self.kn[i];
                size[best] += 1;
                moved |= best != ci;
            }
            moved_any |= moved;
            if !moved {
                break;
            }
        }
        (comm, moved_any)
    }

    /// One node per community; labels renumbered `0..k` in node order.
    fn aggregate(&self, comm: &[usize]) -> (Level, Vec<usize>) {
        let mut id = vec![usize::MAX; self.n];
        let mut k = 0;
        let labels: Vec<usize> = comm
            .iter()
            .map(|&c| {
                if id[c] == usize::MAX {
                    id[c] = k;
                    k += 1;
                }
                id[c]
            })
            .collect();
        let mut next = Level { n: k, a: vec![0.0; k * k], kp: vec![0.0; k], kn: vec![0.0; k] };
        for i in 0..self.n {
            next.kp[labels[i]] += self.kp[i];
            next.kn[labels[i]] += self.kn[i];
            for j in 0..self.n {
                next.a[labels[i] * k + labels[j]] += self.a[i * self.n + j];
            }
        }
        (next, labels)
    }
}

/// The communities of `g` with resolution `gamma` (1 = modularity).
pub fn detect(g: &Graph, gamma: f64) -> Partition {
    let n = g.n();
    let mut level = Level::of(g);
    let t = level.totals(gamma);
    let mut of_node: Vec<usize> = (0..n).collect();
    if t.m2p + t.m2n > 0.0 {
        for _ in 0..64 {
            let (comm, moved) = level.move_nodes(&t);
            if !moved {
                break;
            }
            let (next, labels) = level.aggregate(&comm);
            for c in of_node.iter_mut() {
                *c = labels[*c];
            }
            level = next;
        }
    }
    let labels = split_disconnected(g, &of_node);
    let groups = labels.iter().max().map_or(0, |m| m + 1);
    Partition { quality: quality(g, &labels, gamma), labels, groups }
}

/// Splits every group into the parts its positive links connect, and
/// numbers the groups `0..k` in the order of their first node.
fn split_disconnected(g: &Graph, labels: &[usize]) -> Vec<usize> {
    let n = labels.len();
    let mut out = vec![usize::MAX; n];
    let mut k = 0;
    for start in 0..n {
        if out[start] != usize::MAX {
            continue;
        }
        out[start] = k;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            for j in 0..n {
                if out[j] == usize::MAX && labels[j] == labels[start] && g.get(i, j) > 0.0 {
                    out[j] = k;
                    stack.push(j);
                }
            }
        }
        k += 1;
    }
    out
}

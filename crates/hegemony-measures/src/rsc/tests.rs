//! Hand-built networks whose answer is worked out in the comments, and the
//! relabelling property.

use proptest::prelude::*;

use super::community::quality;
use super::structure::subcomplexes;
use super::*;

fn graph(n: usize, edges: &[(usize, usize, f64)]) -> Graph {
    let mut g = Graph::new(n);
    for &(i, j, w) in edges {
        g.add(i, j, w);
    }
    g
}

fn sets(groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut g: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|mut x| {
            x.sort();
            x
        })
        .collect();
    g.sort();
    g
}

#[test]
fn two_triangles_joined_by_a_bridge_are_two_communities_with_q_five_fourteenths() {
    // m = 7 unit edges, 2m = 14; each triangle has 3 edges inside and degree
    // sum 7: Q = 2·(3/7 − (7/14)²) = 2·(12/28 − 7/28) = 10/28 = 5/14.
    let g = graph(6, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 1.0)]);
    let p = detect(&g, 1.0);
    assert_eq!(sets(p.members()), vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert!((p.quality - 5.0 / 14.0).abs() < 1e-12, "{}", p.quality);
    // One community: Q = 7/7 − (14/14)² = 0.
    assert!(quality(&g, &[0; 6], 1.0).abs() < 1e-12);
}

#[test]
fn signed_links_put_friends_together_and_enemies_apart() {
    // + between 0–1 and 2–3, − between 0–2 and 1–3. k⁺ = k⁻ = 1 for every
    // node, 2m⁺ = 2m⁻ = 4: the null terms cancel, so Q = Σ_same w / 8 =
    // 4/8 = 0.5 for {0,1},{2,3}, and 0 for one group or for {0,3},{1,2}.
    let g = graph(4, &[(0, 1, 1.0), (2, 3, 1.0), (0, 2, -1.0), (1, 3, -1.0)]);
    let p = detect(&g, 1.0);
    assert_eq!(sets(p.members()), vec![vec![0, 1], vec![2, 3]]);
    assert!((p.quality - 0.5).abs() < 1e-12);
    assert!(quality(&g, &[0, 1, 1, 0], 1.0).abs() < 1e-12);
}

#[test]
fn a_graph_without_weights_leaves_every_node_alone() {
    let p = detect(&Graph::new(3), 1.0);
    assert_eq!((p.groups, p.quality), (3, 0.0));
}

/// Two regions and two loners. Region X (0, 1, 2): 0 and 1 are rivals
/// (enmity 1), 0 and 2 allies (amity 1). Region Y (3, 4, 5): all allied
/// (amity 1 each). A weak tie 2–3 (0.2). Node 7 has amity 0.5 with 0 (X),
/// 0.5 with 3 (Y) and 0.4 with node 6; node 6 has nothing else.
fn two_regions() -> (Network, Vec<Node>) {
    let mut net = Network::new(8);
    net.enmity.add(0, 1, 1.0);
    for (i, j, w) in
        [(0, 2, 1.0), (3, 4, 1.0), (4, 5, 1.0), (3, 5, 1.0), (2, 3, 0.2), (7, 0, 0.5), (7, 3, 0.5), (7, 6, 0.4)]
    {
        net.amity.add(i, j, w);
    }
    let cinc = [0.06, 0.03, 0.01, 0.02, 0.02, 0.01, 0.001, 0.002];
    (net, cinc.iter().map(|&c| Node { cinc: Some(c) }).collect())
}

#[test]
fn enemies_share_a_complex_a_split_state_is_an_insulator_and_a_weak_one_unstructured() {
    let (net, nodes) = two_regions();
    let s = structure(&net, &nodes, &Settings::default());
    let members: Vec<Vec<usize>> = s.complexes.iter().map(|c| c.members.clone()).collect();
    // The rivals 0 and 1 are in one complex: enmity binds as amity does.
    assert_eq!(members, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    // Node 7: 0.5 + 0.5 + 0.4 = 1.4; 0.5/1.4 = 0.357 with each region:
    // below 0.5 with its own, at least 0.25 with a second: an insulator.
    assert_eq!(s.insulators.len(), 1);
    assert_eq!(s.insulators[0].node, 7);
    let between: Vec<usize> = s.insulators[0].between.iter().map(|b| b.0).collect();
    assert_eq!(sets(vec![between]), vec![vec![0, 1]]);
    assert!((s.insulators[0].between[0].1 - 0.5 / 1.4).abs() < 1e-12);
    // Node 6: total 0.4 < 0.5: unstructured.
    assert_eq!(s.unstructured, vec![6]);
    assert_eq!(s.complex_of(1), Some(0));
    assert_eq!(s.complex_of(7), None);
}

#[test]
fn polarity_centre_and_character_of_the_hand_built_regions() {
    let (net, nodes) = two_regions();
    let s = structure(&net, &nodes, &Settings::default());
    let x = &s.complexes[0];
    // Shares 0.06/0.10 = 0.6, 0.3, 0.1: Σs² = 0.46; CON = √((0.46 − 1/3)/(2/3))
    // = √0.19 = 0.43589; N_eff = 1/0.46 = 2.1739. Poles: ≥ 0.2 and ≥ 0.3
    // (half the top): 0 and 1, bipolar.
    let shares: Vec<usize> = x.polarity.shares.iter().map(|s| s.0).collect();
    assert_eq!(shares, vec![0, 1, 2]);
    assert!((x.polarity.shares[0].1 - 0.6).abs() < 1e-12);
    assert!((x.polarity.concentration.unwrap() - 0.19f64.sqrt()).abs() < 1e-12);
    assert!((x.polarity.effective_powers.unwrap() - 1.0 / 0.46).abs() < 1e-12);
    assert_eq!((x.polarity.poles.clone(), x.polarity.kind), (vec![0, 1], "bipolar"));
    // 0 holds 0.6 ≥ 0.5 and is allied with 2, one of the two others (≥ half): centred on 0.
    assert_eq!(x.centre, Some(0));
    // Amity 1, enmity 1 inside: enmity share 0.5, a conflict formation.
    assert_eq!((x.character.amity, x.character.enmity, x.character.kind), (1.0, 1.0, "conflict_formation"));
    // Signed inside X: 0–1 −1, 0–2 +1. {0,2},{1} has Q = (0 + 0.5 + 0.5 − 0.5 + 0.5)/4 = 0.25, the best.
    assert_eq!(sets(x.blocs.clone()), vec![vec![0, 2], vec![1]]);
    let y = &s.complexes[1];
    // Equal shares 0.4, 0.4, 0.2: no one holds half, not centred; no enmity: a security community.
    assert_eq!((y.centre, y.character.kind, y.polarity.kind), (None, "security_community", "bipolar"));
    assert!(y.blocs.is_empty(), "allies all: one bloc");
    assert!(y.subcomplexes.is_empty() && y.subcomplex_quality.is_none(), "three members: not searched");
}

#[test]
fn a_centre_reaches_its_members_whatever_the_distance() {
    // 0 (CINC 0.6 of 1.0) tied to 1; 1, 2, 3 a triangle. With γ = 0.5 one
    // community: Q = 1 − 0.5 = 0.5 against 2·(1/4 − 0.5·(4/8)²) = 0.25 for
    // {0,1},{2,3}. 0 holds 0.6 but has amity with 1 of 3 others (< half): not
    // centred — unless `centre_ties` gives it amity with 2 and 3 beyond reach.
    let mut net = Network::new(4);
    for (i, j) in [(0, 1), (1, 2), (2, 3), (1, 3)] {
        net.amity.add(i, j, 1.0);
    }
    let nodes: Vec<Node> = [0.6, 0.2, 0.1, 0.1].iter().map(|&c| Node { cinc: Some(c) }).collect();
    let s = Settings { resolution: 0.5, ..Settings::default() };
    let x = structure(&net, &nodes, &s);
    assert_eq!(x.complexes.len(), 1);
    assert_eq!(x.complexes[0].members, vec![0, 1, 2, 3]);
    assert_eq!(x.complexes[0].centre, None);
    let mut ties = net.amity.clone();
    ties.add(0, 2, 0.3);
    ties.add(0, 3, 0.3);
    let reach = Network { centre_ties: Some(ties), ..net };
    assert_eq!(structure(&reach, &nodes, &s).complexes[0].centre, Some(0));
}

#[test]
fn subcomplexes_are_found_without_the_centre() {
    // Centre 0 tied to all; pairs 1–2 and 3–4 (weight 2) joined by 0.1.
    // Without 0: 2m = 8.2, each pair has 4 inside (both orders) and degree
    // sum 4.1: Q = 2·(4/8.2 − 0.5²) = 0.47561.
    let g = graph(5, &[(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0), (0, 4, 1.0), (1, 2, 2.0), (3, 4, 2.0), (2, 3, 0.1)]);
    let (parts, q) = subcomplexes(&g, &[0, 1, 2, 3, 4], Some(0), &Settings::default());
    assert_eq!(sets(parts), vec![vec![1, 2], vec![3, 4]]);
    assert!((q.unwrap() - 2.0 * (4.0 / 8.2 - 0.25)).abs() < 1e-12);
    // A split below the threshold is not kept.
    let strict = Settings { sub_quality: 0.5, ..Settings::default() };
    assert!(subcomplexes(&g, &[0, 1, 2, 3, 4], Some(0), &strict).0.is_empty());
}

#[test]
fn polarity_without_capabilities_is_unknown_and_missing_is_not_zero() {
    let p = polarity(&[0, 1, 2], &[Some(0.5), None, Some(0.5)], 0.2);
    assert_eq!(p.missing, vec![1]);
    assert_eq!((p.kind, p.poles.len()), ("bipolar", 2));
    assert_eq!(polarity(&[0], &[None], 0.2).kind, "unknown");
    // Ten equal states: no one reaches 0.2; all reach half the top: multipolar.
    let even = polarity(&(0..10).collect::<Vec<_>>(), &[Some(1.0); 10], 0.2);
    // CON = √(Σs² − 1/n)/(1 − 1/n) = 0 up to rounding (the square root of a rounding error of 1e-17 is 1e-9).
    assert_eq!(even.kind, "multipolar");
    assert!(even.concentration.unwrap() < 1e-6);
}

#[test]
fn adjusted_rand_index_by_hand() {
    // {0,1,2},{3,4} against {0,1},{2,3,4}: cells 2,1,2 → Σ C = 2; rows
    // 3,2 → 4; columns 2,3 → 4; C(5,2) = 10; E = 1.6; ARI = 0.4/2.4 = 1/6.
    let a = [Some(0), Some(0), Some(0), Some(1), Some(1), Some(7)];
    let b = [Some(0), Some(0), Some(1), Some(1), Some(1), None];
    let r = adjusted_rand_index(&a, &b);
    assert_eq!(r.n, 5, "the item only one partition places is left out");
    assert!((r.ari.unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(adjusted_rand_index(&a[..5], &a[..5]).ari, Some(1.0));
    assert_eq!(adjusted_rand_index(&[Some(0), Some(0)], &[Some(1), Some(1)]).ari, None, "one group each: undefined");
}

#[test]
fn groups_are_matched_to_the_year_before_by_overlap() {
    let prev = vec![vec![1, 2, 3], vec![4, 5]];
    let next = vec![vec![1, 2], vec![3, 4, 5], vec![9]];
    assert_eq!(match_groups(&prev, &next), vec![Some(0), Some(1), None]);
}

#[test]
fn one_to_one_matching_goes_by_jaccard_not_by_overlap() {
    // Ours: a big group sharing 3 with each of the book's first two, and a
    // small one inside the first. By overlap the big group would take the
    // first; by Jaccard {0,1,2} (3/3 = 1 with the first) goes first, and the
    // big one (3/7 with the second) takes the second.
    let theirs = vec![vec![0, 1, 2], vec![3, 4, 5]];
    let ours = vec![vec![0, 1, 2, 3, 4, 5, 6], vec![0, 1, 2]];
    assert_eq!(match_one_to_one(&ours, &theirs, 0.0), vec![Some(1), Some(0)]);
    assert_eq!(match_one_to_one(&[vec![9]], &theirs, 0.0), vec![None]);
    // 3/7 = 0.43 is below a minimum of 0.5: the big group stays unmatched.
    assert_eq!(match_one_to_one(&ours, &theirs, 0.5), vec![None, Some(0)]);
}

fn random_network(n: usize, ties: &[(f64, f64, f64)]) -> Network {
    let mut net = Network::new(n);
    let mut k = 0;
    for i in 0..n {
        for j in i + 1..n {
            let (p, a, e) = ties[k % ties.len()];
            k += 1;
            if p < 0.35 {
                net.amity.add(i, j, a);
            } else if p < 0.45 {
                net.enmity.add(i, j, e);
            }
        }
    }
    net
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Relabelling the states (any permutation) gives the same complexes,
    /// insulators, unstructured states, subcomplexes and blocs.
    #[test]
    fn relabelling_states_does_not_change_the_complexes(
        n in 4usize..16,
        ties in prop::collection::vec((0.0f64..1.0, 0.05f64..2.0, 0.05f64..2.0), 120),
        cinc in prop::collection::vec(0.0001f64..0.2, 16),
        perm in Just((0..16usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let net = random_network(n, &ties);
        let nodes: Vec<Node> = cinc[..n].iter().map(|&c| Node { cinc: Some(c) }).collect();
        let perm: Vec<usize> = perm.into_iter().filter(|&p| p < n).collect();
        let moved = Network { amity: net.amity.permuted(&perm), enmity: net.enmity.permuted(&perm), centre_ties: None };
        let mut moved_nodes = nodes.clone();
        for i in 0..n {
            moved_nodes[perm[i]] = nodes[i];
        }
        let mut back = vec![0; n];
        for i in 0..n {
            back[perm[i]] = i;
        }
        let s = Settings::default();
        let (a, b) = (structure(&net, &nodes, &s), structure(&moved, &moved_nodes, &s));
        let undo = |g: &Vec<usize>| g.iter().map(|&m| back[m]).collect::<Vec<_>>();
        let view = |x: &Structure, f: &dyn Fn(&Vec<usize>) -> Vec<usize>| {
            let complexes = sets(x.complexes.iter().map(|c| f(&c.members)).collect());
            let subs: Vec<Vec<Vec<usize>>> = {
                let mut v: Vec<Vec<Vec<usize>>> = x.complexes.iter().map(|c| sets(c.subcomplexes.iter().map(f).collect())).collect();
                v.sort();
                v
            };
            let blocs: Vec<Vec<Vec<usize>>> = {
                let mut v: Vec<Vec<Vec<usize>>> = x.complexes.iter().map(|c| sets(c.blocs.iter().map(f).collect())).collect();
                v.sort();
                v
            };
            let centres = sets(vec![x.complexes.iter().filter_map(|c| c.centre).map(|c| f(&vec![c])[0]).collect()]);
            let ins = sets(vec![f(&x.insulators.iter().map(|i| i.node).collect())]);
            let uns = sets(vec![f(&x.unstructured)]);
            (complexes, subs, blocs, centres, ins, uns)
        };
        let id = |g: &Vec<usize>| g.clone();
        prop_assert_eq!(view(&a, &id), view(&b, &undo));
        prop_assert!((a.quality - b.quality).abs() < 1e-9);
    }

    /// The signed detection itself is unchanged by relabelling, and never
    /// worse than leaving every node alone.
    #[test]
    fn signed_detection_is_unchanged_by_relabelling(
        n in 3usize..14,
        w in prop::collection::vec(-1.0f64..1.0, 200),
        perm in Just((0..14usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let mut g = Graph::new(n);
        let mut k = 0;
        for i in 0..n {
            for j in i + 1..n {
                if w[k % w.len()].abs() > 0.3 {
                    g.add(i, j, w[k % w.len()]);
                }
                k += 1;
            }
        }
        let perm: Vec<usize> = perm.into_iter().filter(|&p| p < n).collect();
        let (a, b) = (detect(&g, 1.0), detect(&g.permuted(&perm), 1.0));
        let mut back = vec![0; n];
        for i in 0..n {
            back[perm[i]] = i;
        }
        prop_assert_eq!(sets(a.members()), sets(b.members().into_iter().map(|m| m.into_iter().map(|x| back[x]).collect()).collect()));
        let singletons: Vec<usize> = (0..n).collect();
        prop_assert!(a.quality >= quality(&g, &singletons, 1.0) - 1e-12);
    }
}

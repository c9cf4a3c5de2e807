//! The institutionalisation index of a dominant–subordinate relation in one
//! year (SPEC framework 3): how deep the bilateral and multilateral frame is.
//!
//! Two parts, each in [0, 1], with weights a user can change:
//! - **provisions**: the weighted share of provision kinds (mutual defence,
//!   basing rights, joint forces, unified air defence …) that bind the two
//!   states through agreements in force that year; a kind counts once however
//!   many agreements carry it;
//! - **memberships**: the weighted share of the dominant state's
//!   organisations in which the subordinate takes part, each scaled by its
//!   status (member 1, observer less, frozen or withdrawn 0).
//!
//! index = provision_share × provisions + (1 − provision_share) × memberships.
//! The frame (which provisions and memberships hold) is assembled by the
//! engine from the knowledge base; this module only weighs it, and keeps
//! every contribution with the facts behind it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What binds the two states in one year, with the facts behind each item.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Frame {
    /// (provision kind, id of an agreement carrying it).
    pub provisions: Vec<(String, String)>,
    /// (organisation id, the subordinate's status, membership fact id), for
    /// organisations the dominant state leads.
    pub memberships: Vec<(String, String, String)>,
}

/// The weights, as read from a weights file (`[provisions]`, `[statuses]`,
/// `[organisations]`, `provision_share`). Kinds, statuses and organisations
/// not listed weigh 0 (and are reported as unweighted).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// The share of the index given to provisions (the rest to memberships), in [0, 1].
    pub provision_share: f64,
    /// Weight of each provision kind.
    pub provisions: BTreeMap<String, f64>,
    /// Factor in [0, 1] of each membership status (member 1, observer less, …).
    pub statuses: BTreeMap<String, f64>,
    /// Weight of each organisation.
    pub organisations: BTreeMap<String, f64>,
}

impl Weights {
    /// Refuses weights that would make the index leave [0, 1] or divide by zero.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.provision_share) {
            return Err(format!("provision_share must lie in [0, 1], not {}", self.provision_share));
        }
        for (table, map) in [("provisions", &self.provisions), ("organisations", &self.organisations)] {
            if let Some((k, v)) = map.iter().find(|(_, v)| !(v.is_finite() && **v >= 0.0)) {
                return Err(format!("[{table}] {k} = {v}: weights must be finite and ≥ 0"));
            }
            if map.values().sum::<f64>() <= 0.0 {
                return Err(format!("[{table}] needs at least one positive weight"));
            }
        }
        if let Some((k, v)) = self.statuses.iter().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
            return Err(format!("[statuses] {k} = {v}: a status scales a membership, so it must lie in [0, 1]"));
        }
        Ok(())
    }
}

/// One term of the index and the facts behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// `provision` or `membership`.
    pub part: &'static str,
    /// The provision kind, or `org:status`.
    pub item: String,
    /// Its share of the whole index.
    pub value: f64,
    /// Ids of the facts behind it.
    pub facts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
/// The institutionalisation index of one dyad-year, with its parts.
pub struct IndexValue {
    /// The index, in [0, 1].
    pub value: f64,
    /// The provisions part, in [0, 1] before its share.
    pub provisions: f64,
    /// The memberships part, in [0, 1] before its share.
    pub memberships: f64,
    /// Each term, with the facts behind it.
    pub contributions: Vec<Contribution>,
    /// Items in the frame that the weights do not name (weighed 0).
    pub unweighted: Vec<String>,
}

/// Weighs a frame. `weights` must have passed [`Weights::validate`].
pub fn index(frame: &Frame, weights: &Weights) -> IndexValue {
    let a = weights.provision_share;
    let p_total: f64 = weights.provisions.values().sum();
    let o_total: f64 = weights.organisations.values().sum();
    let mut contributions = Vec::new();
    let mut unweighted = Vec::new();

    let mut kinds: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (kind, fact) in &frame.provisions {
        let facts = kinds.entry(kind).or_default();
        if !facts.contains(fact) {
            facts.push(fact.clone());
        }
    }
    let mut provisions = 0.0;
    for (kind, facts) in kinds {
        match weights.provisions.get(kind) {
            Some(&w) if w > 0.0 => {
                provisions += w / p_total;
                contributions.push(Contribution {
                    part: "provision",
                    item: kind.to_string(),
                    value: a * w / p_total,
                    facts,
                });
            }
            _ => unweighted.push(format!("provision {kind}")),
        }
    }

    // One status per organisation: the most integrated one recorded that year.
    let mut orgs: BTreeMap<&str, (f64, &str, Vec<String>)> = BTreeMap::new();
    for (org, status, fact) in &frame.memberships {
        let s = weights.statuses.get(status.as_str()).copied().unwrap_or(0.0);
        let entry = orgs.entry(org).or_insert((-1.0, status, Vec::new()));
        if s > entry.0 {
            entry.0 = s;
            entry.1 = status;
        }
        if !entry.2.contains(fact) {
            entry.2.push(fact.clone());
        }
    }
    let mut memberships = 0.0;
    for (org, (status_weight, status, facts)) in orgs {
        match weights.organisations.get(org) {
            Some(&w) if w > 0.0 => {
                let v = w / o_total * status_weight.max(0.0);
                memberships += v;
                contributions.push(Contribution {
                    part: "membership",
                    item: format!("{org}:{status}"),
                    value: (1.0 - a) * v,
                    facts,
                });
            }
            _ => unweighted.push(format!("organisation {org}")),
        }
    }
    IndexValue { value: a * provisions + (1.0 - a) * memberships, provisions, memberships, contributions, unweighted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn weights() -> Weights {
        Weights {
            provision_share: 0.5,
            provisions: [("mutual_defence", 3.0), ("basing_rights", 1.0)].map(|(k, v)| (k.to_string(), v)).into(),
            statuses: [("member", 1.0), ("observer", 0.25), ("frozen", 0.0)].map(|(k, v)| (k.to_string(), v)).into(),
            organisations: [("csto", 2.0), ("eaeu", 2.0)].map(|(k, v)| (k.to_string(), v)).into(),
        }
    }

    fn frame(provisions: &[(&str, &str)], memberships: &[(&str, &str, &str)]) -> Frame {
        Frame {
            provisions: provisions.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            memberships: memberships.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect(),
        }
    }

    #[test]
    fn hand_computed_world() {
        // Provisions: mutual defence (3 of 4) via two treaties, plus one unweighted kind.
        // Memberships: CSTO member (2 of 4 × 1), EAEU observer (2 of 4 × 0.25).
        // index = 0.5 × 0.75 + 0.5 × (0.5 + 0.125) = 0.375 + 0.3125 = 0.6875.
        let f = frame(
            &[("mutual_defence", "treaty-a"), ("mutual_defence", "treaty-b"), ("peacekeeping", "treaty-b")],
            &[("csto", "member", "m1"), ("eaeu", "observer", "m2")],
        );
        let v = index(&f, &weights());
        assert!((v.provisions - 0.75).abs() < 1e-12);
        assert!((v.memberships - 0.625).abs() < 1e-12);
        assert!((v.value - 0.6875).abs() < 1e-12);
        assert_eq!(v.unweighted, vec!["provision peacekeeping".to_string()]);
        let md = v.contributions.iter().find(|c| c.item == "mutual_defence").unwrap();
        assert_eq!(md.facts, vec!["treaty-a", "treaty-b"]);
        let total: f64 = v.contributions.iter().map(|c| c.value).sum();
        assert!((total - v.value).abs() < 1e-12, "contributions add up to the index");
    }

    #[test]
    fn a_frozen_membership_counts_nothing() {
        let member = index(&frame(&[], &[("csto", "member", "m")]), &weights()).value;
        let frozen = index(&frame(&[], &[("csto", "frozen", "m")]), &weights()).value;
        assert!(member > 0.0);
        assert_eq!(frozen, 0.0);
    }

    #[test]
    fn weights_are_checked() {
        let mut w = weights();
        assert!(w.validate().is_ok());
        w.provision_share = 1.5;
        assert!(w.validate().unwrap_err().contains("provision_share"));
        let mut w = weights();
        w.statuses.insert("member".into(), 2.0);
        assert!(w.validate().is_err());
        let mut w = weights();
        w.provisions.values_mut().for_each(|v| *v = 0.0);
        assert!(w.validate().unwrap_err().contains("positive"));
    }

    proptest! {
        /// Adding a provision or a membership never lowers the index, and it stays in [0, 1].
        #[test]
        fn monotone_and_bounded(p in proptest::collection::vec(0usize..3, 0..5), m in proptest::collection::vec((0usize..2, 0usize..3), 0..4), extra in 0usize..3) {
            let kinds = ["mutual_defence", "basing_rights", "other"];
            let orgs = ["csto", "eaeu"];
            let statuses = ["member", "observer", "frozen"];
            let mut f = Frame::default();
            for &k in &p { f.provisions.push((kinds[k].into(), format!("t{k}"))); }
            for &(o, s) in &m { f.memberships.push((orgs[o].into(), statuses[s].into(), format!("m{o}"))); }
            let before = index(&f, &weights()).value;
            prop_assert!((0.0..=1.0 + 1e-12).contains(&before));
            let mut more = f.clone();
            more.provisions.push((kinds[extra].into(), "new".into()));
            prop_assert!(index(&more, &weights()).value >= before - 1e-12);
            let mut joined = f.clone();
            joined.memberships.push((orgs[extra % 2].into(), statuses[extra].into(), "new".into()));
            prop_assert!(index(&joined, &weights()).value >= before - 1e-12);
        }
    }
}

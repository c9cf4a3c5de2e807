//! What is fitted: the period of each roll call, the counted votes, the periods fitted or skipped
//! (with the reason), and which roll calls share item parameters across periods (bridging).

use std::collections::HashMap;

use hegemony_core::{RollCall, VoteCode, VoteRecord};

use super::super::{IdealError, PeriodKind, SkipReason, VoteSubset, category};
use super::{Bridging, DynamicOptions, DynamicPeriod};

/// The bridging key of a roll call: its normalised short title, for final-passage votes.
pub fn bridge_key(rc: &RollCall) -> Option<String> {
    if !rc.is_final_passage() {
        return None;
    }
    let norm: String = rc
        .short
        .as_deref()?
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { ' ' })
        .collect();
    let key = norm.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then_some(key)
}

/// The period label of every roll call that passes the filters, and the labels in use, sorted.
pub(super) struct PeriodLabels {
    /// By roll call; `None`: left out by the subset or the range.
    pub(super) of_roll_call: Vec<Option<i32>>,
    /// Every label in use, sorted and distinct: the periods, p = 0..P.
    pub(super) all: Vec<i32>,
}

impl PeriodLabels {
    pub(super) fn of(record: &VoteRecord, opts: &DynamicOptions) -> Result<PeriodLabels, IdealError> {
        let of_roll_call: Vec<Option<i32>> = record
            .roll_calls
            .iter()
            .map(|rc| {
                let label = match opts.period {
                    PeriodKind::Session => Some(i32::from(rc.session)),
                    PeriodKind::Year => Some(rc.session_year()),
                    PeriodKind::CalendarYear => rc.date.map(|d| d.year()),
                };
                let keep = opts.subset == VoteSubset::All || rc.is_final_passage();
                label.filter(|l| keep && opts.range.is_none_or(|(a, b)| (a..=b).contains(l)))
            })
            .collect();
        let mut all: Vec<i32> = of_roll_call.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        if all.is_empty() {
            return Err(IdealError::NoRollCalls);
        }
        Ok(PeriodLabels { of_roll_call, all })
    }

    /// The period p of a label in use.
    fn index(&self, label: i32) -> usize {
        self.all.binary_search(&label).expect("label listed")
    }
}

/// The counted votes (state, category) of each roll call kept, and the states present in those
/// roll calls (any row but "not a member"), sorted.
pub(super) fn counted_votes(
    record: &VoteRecord,
    opts: &DynamicOptions,
    labels: &PeriodLabels,
) -> (Vec<Vec<(u16, u8)>>, Vec<u16>) {
    let mut votes: Vec<Vec<(u16, u8)>> = vec![Vec::new(); record.roll_calls.len()];
    let mut present: Vec<u16> = Vec::new();
    for row in 0..record.len() {
        let rc = record.roll_call[row] as usize;
        if labels.of_roll_call.get(rc).copied().flatten().is_none() {
            continue;
        }
        let code = record.code[row];
        if code != VoteCode::NotMember {
            present.push(record.state[row]);
        }
        if let Some(c) = category(opts.model, code) {
            votes[rc].push((record.state[row], c));
        }
    }
    present.sort_unstable();
    present.dedup();
    (votes, present)
}

/// Whether each roll call's counted votes fall in at least two categories.
pub(super) fn informative_roll_calls(votes: &[Vec<(u16, u8)>]) -> Vec<bool> {
    votes
        .iter()
        .map(|v| {
            let mut seen = [false; 3];
            v.iter().for_each(|&(_, c)| seen[usize::from(c)] = true);
            seen.iter().filter(|&&s| s).count() >= 2
        })
        .collect()
}

/// Each period's counts and whether it is fitted or skipped (and why).
pub(super) fn period_verdicts(
    labels: &PeriodLabels,
    votes: &[Vec<(u16, u8)>],
    informative: &[bool],
    opts: &DynamicOptions,
) -> Vec<DynamicPeriod> {
    let mut periods: Vec<DynamicPeriod> = labels
        .all
        .iter()
        .map(|&period| DynamicPeriod {
            period,
            roll_calls: 0,
            unanimous_dropped: 0,
            informative: 0,
            bridged: 0,
            states_voting: 0,
            states_carried: 0,
            skipped: None,
        })
        .collect();
    let mut voters: Vec<Vec<u16>> = vec![Vec::new(); labels.all.len()];
    for (rc, l) in labels.of_roll_call.iter().enumerate() {
        let Some(l) = *l else { continue };
        let p = labels.index(l);
        periods[p].roll_calls += 1;
        if informative[rc] {
            periods[p].informative += 1;
            voters[p].extend(votes[rc].iter().map(|v| v.0));
        } else {
            periods[p].unanimous_dropped += 1;
        }
    }
    for (p, v) in periods.iter_mut().zip(voters.iter_mut()) {
        v.sort_unstable();
        v.dedup();
        p.states_voting = v.len() as u32;
        p.skipped = if p.informative == 0 && p.unanimous_dropped > 0 {
            Some(SkipReason::AllUnanimous { roll_calls: p.unanimous_dropped })
        } else if p.informative < opts.min_roll_calls {
            Some(SkipReason::TooFewRollCalls { informative: p.informative, min: opts.min_roll_calls })
        } else if p.states_voting < opts.min_states {
            Some(SkipReason::TooFewStates { states: p.states_voting, min: opts.min_states })
        } else {
            None
        };
        if p.skipped.is_some() {
            p.states_voting = 0;
        }
    }
    periods
}

/// The periods fitted, t = 0..T, as indices p into the periods; an error when none is.
pub(super) fn fitted_periods(periods: &[DynamicPeriod]) -> Result<Vec<usize>, IdealError> {
    let fitted: Vec<usize> = (0..periods.len()).filter(|&p| periods[p].skipped.is_none()).collect();
    if fitted.is_empty() {
        return Err(IdealError::NothingFitted(
            periods.iter().filter_map(|p| p.skipped.map(|r| (p.period, r))).collect(),
        ));
    }
    Ok(fitted)
}

/// The roll calls fitted (informative, in a fitted period), each with its t.
pub(super) fn roll_calls_fitted(
    labels: &PeriodLabels,
    informative: &[bool],
    fitted: &[usize],
    n_periods: usize,
) -> Vec<(usize, usize)> {
    let mut t_of_period = vec![usize::MAX; n_periods];
    for (t, &p) in fitted.iter().enumerate() {
        t_of_period[p] = t;
    }
    labels
        .of_roll_call
        .iter()
        .enumerate()
        .filter_map(|(rc, l)| {
            let t = t_of_period[labels.index((*l)?)];
            (t != usize::MAX && informative[rc]).then_some((rc, t))
        })
        .collect()
}

/// Which item parameter set each fitted roll call uses.
pub(super) struct Items {
    /// By index into the fitted roll calls.
    pub(super) of_roll_call: Vec<usize>,
    pub(super) count: usize,
    /// Item sets shared by roll calls of two or more periods.
    pub(super) bridge_groups: u32,
}

/// Items: bridged roll calls share one (see [`Bridging`]); every other roll call has its own. Counts
/// the bridged roll calls of each period.
pub(super) fn share_items(
    record: &VoteRecord,
    opts: &DynamicOptions,
    used: &[(usize, usize)],
    fitted: &[usize],
    periods: &mut [DynamicPeriod],
) -> Items {
    let keys: Vec<Option<String>> = used
        .iter()
        .map(|&(rc, _)| match opts.bridging {
            Bridging::None => None,
            Bridging::ShortTitle => bridge_key(&record.roll_calls[rc]),
        })
        .collect();
    let mut per_period_count: HashMap<(&str, usize), u32> = HashMap::new();
    for (j, &(_, t)) in used.iter().enumerate() {
        if let Some(k) = &keys[j] {
            *per_period_count.entry((k.as_str(), t)).or_default() += 1;
        }
    }
    let bridge_of = |j: usize| keys[j].as_deref().filter(|k| per_period_count[&(*k, used[j].1)] == 1);
    let mut key_periods: HashMap<&str, u32> = HashMap::new();
    for j in 0..used.len() {
        if let Some(k) = bridge_of(j) {
            *key_periods.entry(k).or_default() += 1;
        }
    }
    let mut item_of = vec![0usize; used.len()];
    let mut key_item: HashMap<&str, usize> = HashMap::new();
    let mut n_items = 0;
    let mut bridge_groups = 0;
    for j in 0..used.len() {
        match bridge_of(j).filter(|k| key_periods[k] >= 2) {
            Some(k) => {
                periods[fitted[used[j].1]].bridged += 1;
                item_of[j] = *key_item.entry(k).or_insert_with(|| {
                    n_items += 1;
                    bridge_groups += 1;
                    n_items - 1
                });
            }
            None => {
                item_of[j] = n_items;
                n_items += 1;
            }
        }
    }
    Items { of_roll_call: item_of, count: n_items, bridge_groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bridge_keys_normalise_titles_of_final_votes_only() {
        let rc = |short: &str, amend| RollCall { short: Some(short.into()), amend, ..Default::default() };
        assert_eq!(bridge_key(&rc("Arms race, outer space", None)).as_deref(), Some("ARMS RACE OUTER SPACE"));
        assert_eq!(bridge_key(&rc("ARMS RACE  OUTER-SPACE", Some(false))).as_deref(), Some("ARMS RACE OUTER SPACE"));
        assert_eq!(bridge_key(&rc("ARMS RACE OUTER SPACE", Some(true))), None);
        assert_eq!(bridge_key(&rc(" ,; ", None)), None);
        assert_eq!(bridge_key(&RollCall::default()), None);
    }
}

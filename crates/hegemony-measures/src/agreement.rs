//! Joint vote tables for many dyads and periods at once.
//!
//! The record is cut into periods (session, session year, calendar year, or a
//! rolling window of them). Within a period every state's votes become three
//! bit sets over the period's roll calls (yes, abstain, no); the joint table
//! of a dyad is then nine popcounts of ANDed words. That makes all 826,638
//! dyad-years of the full record a few hundred million word operations.

use std::collections::BTreeMap;

use hegemony_core::{IssueSet, Vote, VoteCode, VoteRecord};
use serde::Serialize;

use crate::joint::JointTable;

/// What a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// UN session number.
    Session,
    /// Session year, session + 1945 (Voeten's `year`).
    Year,
    /// Calendar year of the vote's date (roll calls without a date are left out).
    CalendarYear,
}

impl PeriodKind {
    /// The name of the period column in result tables.
    pub fn column_name(self) -> &'static str {
        match self {
            PeriodKind::Session => "session",
            PeriodKind::Year => "year",
            PeriodKind::CalendarYear => "calendar_year",
        }
    }
}

/// How absences (code 8) count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsencePolicy {
    /// Only votes cast count: a roll call enters a dyad's table when both voted.
    Exclude,
    /// An absent member counts as abstaining (needs a record that keeps absences).
    AsAbstain,
}

/// Which roll calls count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteSubset {
    /// Every roll call.
    All,
    /// Leave out votes on amendments and paragraphs (coded until 1985).
    FinalPassage,
}

#[derive(Clone, Debug)]
/// Which votes count, and how they are grouped into periods.
pub struct AgreementOptions {
    /// What a period is (session, session year, calendar year).
    pub period: PeriodKind,
    /// Number of periods pooled, ending at the labelled one (1 = no pooling).
    pub window: u16,
    /// Keep only roll calls tagged with one of these issues.
    pub issues: Option<IssueSet>,
    /// Keep only US State Department "important" votes.
    pub important_only: bool,
    /// How absences count.
    pub absences: AbsencePolicy,
    /// Which roll calls count.
    pub subset: VoteSubset,
    /// Inclusive range of period labels to report.
    pub range: Option<(i32, i32)>,
}

impl Default for AgreementOptions {
    fn default() -> Self {
        AgreementOptions {
            period: PeriodKind::Year,
            window: 1,
            issues: None,
            important_only: false,
            absences: AbsencePolicy::Exclude,
            subset: VoteSubset::All,
            range: None,
        }
    }
}

/// Which dyads to compute.
#[derive(Clone, Debug)]
pub enum DyadSelection {
    /// Every pair of states with at least one joint vote, ordered by COW code (first < second).
    All,
    /// These ordered pairs (first, second) of COW codes.
    Pairs(Vec<(u16, u16)>),
}

/// The joint table of one dyad in one period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DyadPeriod {
    /// The period label (session, or year): the last period of a window.
    pub period: i32,
    /// COW code of the first state of the dyad.
    pub first: u16,
    /// COW code of the second state.
    pub second: u16,
    /// Roll calls in the period after filters (whether or not both voted).
    pub roll_calls: u32,
    /// Their votes, cross-tabulated.
    pub table: JointTable,
}

/// Why a computation was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementError {
    /// Absences were asked to count, but the record does not keep them (unvotes).
    AbsencesNotRecorded,
    /// A window of zero periods.
    ZeroWindow,
}

impl std::fmt::Display for AgreementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgreementError::AbsencesNotRecorded => write!(
                f,
                "this vote record does not keep absences (the unvotes files drop them); \
                 counting absences needs the Voeten file (voeten_unvotes2016_votes)"
            ),
            AgreementError::ZeroWindow => write!(f, "a window must span at least one period"),
        }
    }
}

impl std::error::Error for AgreementError {}

/// Computes the joint table of every selected dyad in every period.
///
/// Results are ordered by period, then by dyad (the order of `Pairs`, or by
/// COW codes for `All`). A period in which one of the two states cast no vote
/// at all is not covered and has no row. For `All`, dyads without a joint vote
/// are left out; for `Pairs` they are kept (N = 0, scores undefined) when both
/// states voted in the period, so "never voted together" stays visible.
pub fn dyad_tables(
    record: &VoteRecord,
    opts: &AgreementOptions,
    dyads: &DyadSelection,
) -> Result<Vec<DyadPeriod>, AgreementError> {
    if opts.window == 0 {
        return Err(AgreementError::ZeroWindow);
    }
    if opts.absences == AbsencePolicy::AsAbstain && !record.records_absences {
        return Err(AgreementError::AbsencesNotRecorded);
    }
    let votes_by_rc = VotesByRollCall::new(record, opts.absences);
    let periods = group_periods(record, opts);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(periods.len().max(1));
    let chunk = periods.len().div_ceil(threads.max(1)).max(1);
    let results: Vec<Vec<DyadPeriod>> = std::thread::scope(|s| {
        let handles: Vec<_> = periods
            .chunks(chunk)
            .map(|part| {
                let votes_by_rc = &votes_by_rc;
                s.spawn(move || {
                    let mut out = Vec::new();
                    let mut scratch = Scratch::default();
                    for (label, rcs) in part {
                        period_tables(*label, rcs, votes_by_rc, dyads, &mut scratch, &mut out);
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("agreement worker panicked")).collect()
    });
    Ok(results.into_iter().flatten().collect())
}

/// The period labels and, for each, the roll calls (indices) it pools.
fn group_periods(record: &VoteRecord, opts: &AgreementOptions) -> Vec<(i32, Vec<u32>)> {
    let mut by_label: BTreeMap<i32, Vec<u32>> = BTreeMap::new();
    for (i, rc) in record.roll_calls.iter().enumerate() {
        if opts.important_only && rc.important != Some(true) {
            continue;
        }
        if opts.subset == VoteSubset::FinalPassage && !rc.is_final_passage() {
            continue;
        }
        if let Some(issues) = opts.issues
            && !rc.issues.intersects(issues)
        {
            continue;
        }
        let label = match opts.period {
            PeriodKind::Session => i32::from(rc.session),
            PeriodKind::Year => rc.session_year(),
            PeriodKind::CalendarYear => match rc.date {
                Some(d) => d.year(),
                None => continue,
            },
        };
        by_label.entry(label).or_default().push(i as u32);
    }
    let w = i32::from(opts.window);
    let labels: Vec<i32> = if w == 1 {
        by_label.keys().copied().collect()
    } else {
        let (Some(&lo), Some(&hi)) = (by_label.keys().next(), by_label.keys().next_back()) else {
            return Vec::new();
        };
        (lo..=hi + w - 1).collect()
    };
    labels
        .into_iter()
        .filter(|l| opts.range.is_none_or(|(a, b)| (a..=b).contains(l)))
        .filter_map(|l| {
            let rcs: Vec<u32> = by_label.range(l - w + 1..=l).flat_map(|(_, v)| v.iter().copied()).collect();
            (!rcs.is_empty()).then_some((l, rcs))
        })
        .collect()
}

/// Votes cast, grouped by roll call (compressed rows), with absences already
/// mapped as the policy says.
struct VotesByRollCall {
    offsets: Vec<u32>,
    states: Vec<u16>,
    votes: Vec<Vote>,
}

impl VotesByRollCall {
    fn new(record: &VoteRecord, absences: AbsencePolicy) -> Self {
        let cast = |code: VoteCode| match (code, absences) {
            (VoteCode::Cast(v), _) => Some(v),
            (VoteCode::Absent, AbsencePolicy::AsAbstain) => Some(Vote::Abstain),
            _ => None,
        };
        let mut offsets = vec![0u32; record.roll_calls.len() + 1];
        for i in 0..record.len() {
            if cast(record.code[i]).is_some() {
                offsets[record.roll_call[i] as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let total = *offsets.last().unwrap_or(&0) as usize;
        let mut fill = offsets.clone();
        let mut states = vec![0u16; total];
        let mut votes = vec![Vote::Yes; total];
        for i in 0..record.len() {
            if let Some(v) = cast(record.code[i]) {
                let slot = &mut fill[record.roll_call[i] as usize];
                states[*slot as usize] = record.state[i];
                votes[*slot as usize] = v;
                *slot += 1;
            }
        }
        VotesByRollCall { offsets, states, votes }
    }

    fn of(&self, rc: u32) -> impl Iterator<Item = (u16, Vote)> + '_ {
        let (a, b) = (self.offsets[rc as usize] as usize, self.offsets[rc as usize + 1] as usize);
        self.states[a..b].iter().copied().zip(self.votes[a..b].iter().copied())
    }
}

/// Buffers reused across periods by one worker.
#[derive(Default)]
struct Scratch {
    /// COW code → local state index + 1 (0 = absent from the period).
    local: Vec<u32>,
    codes: Vec<u16>,
    /// Per local state, `words` groups of three bit words: (yes, abstain, no)
    /// for 64 roll calls, interleaved so a pair's table is one pass.
    bits: Vec<u64>,
}

fn period_tables(
    label: i32,
    rcs: &[u32],
    votes: &VotesByRollCall,
    dyads: &DyadSelection,
    scratch: &mut Scratch,
    out: &mut Vec<DyadPeriod>,
) {
    let words = rcs.len().div_ceil(64);
    let stride = 3 * words;
    scratch.local.clear();
    scratch.local.resize(usize::from(u16::MAX) + 1, 0);
    scratch.codes.clear();
    scratch.bits.clear();
    for (col, &rc) in rcs.iter().enumerate() {
        for (state, vote) in votes.of(rc) {
            let slot = &mut scratch.local[usize::from(state)];
            if *slot == 0 {
                scratch.codes.push(state);
                *slot = scratch.codes.len() as u32;
                scratch.bits.resize(scratch.codes.len() * stride, 0);
            }
            let at = (*slot as usize - 1) * stride + (col / 64) * 3 + vote.index();
            scratch.bits[at] |= 1 << (col % 64);
        }
    }
    let bits = &scratch.bits;
    let of = |i: usize| &bits[i * stride..(i + 1) * stride];
    let roll_calls = rcs.len() as u32;
    match dyads {
        DyadSelection::All => {
            let mut order: Vec<usize> = (0..scratch.codes.len()).collect();
            order.sort_unstable_by_key(|&i| scratch.codes[i]);
            let rows: Vec<&[u64]> = order.iter().map(|&i| of(i)).collect();
            let codes: Vec<u16> = order.iter().map(|&i| scratch.codes[i]).collect();
            all_pairs(&rows, &codes, label, roll_calls, out);
        }
        DyadSelection::Pairs(pairs) => {
            for &(first, second) in pairs {
                let (i, j) = (scratch.local[usize::from(first)], scratch.local[usize::from(second)]);
                // A state that cast no vote in the period (not yet a member, say) is not covered: no row.
                if i != 0 && j != 0 {
                    let table = joint(of(i as usize - 1), of(j as usize - 1));
                    out.push(DyadPeriod { period: label, first, second, roll_calls, table });
                }
            }
        }
    }
}

/// The joint table of two states from their interleaved bit words.
#[inline(always)]
fn joint(x: &[u64], y: &[u64]) -> JointTable {
    let mut counts = [[0u32; 3]; 3];
    for (xw, yw) in x.chunks_exact(3).zip(y.chunks_exact(3)) {
        for (a, row) in counts.iter_mut().enumerate() {
            for (b, cell) in row.iter_mut().enumerate() {
                *cell += (xw[a] & yw[b]).count_ones();
            }
        }
    }
    JointTable { counts }
}

/// Every pair (i < j) of `rows` with at least one joint vote.
#[inline(always)]
fn all_pairs_body(rows: &[&[u64]], codes: &[u16], period: i32, roll_calls: u32, out: &mut Vec<DyadPeriod>) {
    for (i, x) in rows.iter().enumerate() {
        for (j, y) in rows.iter().enumerate().skip(i + 1) {
            let table = joint(x, y);
            if table.n() > 0 {
                out.push(DyadPeriod { period, first: codes[i], second: codes[j], roll_calls, table });
            }
        }
    }
}

/// The hot loop, compiled a second time with the POPCNT instruction where the
/// CPU has it (the x86-64 baseline lacks it, and `count_ones` then costs a
/// dozen instructions instead of one).
fn all_pairs(rows: &[&[u64]], codes: &[u16], period: i32, roll_calls: u32, out: &mut Vec<DyadPeriod>) {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "popcnt")]
        fn with_popcnt(rows: &[&[u64]], codes: &[u16], period: i32, roll_calls: u32, out: &mut Vec<DyadPeriod>) {
            all_pairs_body(rows, codes, period, roll_calls, out)
        }
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU was just checked to support POPCNT.
            unsafe { with_popcnt(rows, codes, period, roll_calls, out) };
            return;
        }
    }
    all_pairs_body(rows, codes, period, roll_calls, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hegemony_core::{Issue, RollCall};

    /// Three states (2, 365, 371) and five roll calls in two sessions.
    fn small_world() -> VoteRecord {
        let mut r = VoteRecord { records_absences: true, ..Default::default() };
        for (rcid, session) in [(1, 47), (2, 47), (3, 47), (4, 48), (5, 48)] {
            let mut issues = IssueSet::default();
            if rcid % 2 == 1 {
                issues.insert(Issue::Hr);
            }
            r.roll_calls.push(RollCall { rcid, session, issues, important: Some(rcid == 5), ..Default::default() });
        }
        use VoteCode::*;
        let (y, a, n) = (Cast(Vote::Yes), Cast(Vote::Abstain), Cast(Vote::No));
        let rows: [(u32, [VoteCode; 3]); 5] =
            [(0, [y, n, n]), (1, [n, y, Absent]), (2, [a, y, y]), (3, [y, y, y]), (4, [n, n, NotMember])];
        for (rc, votes) in rows {
            for (state, code) in [2u16, 365, 371].into_iter().zip(votes) {
                r.push(rc, state, code);
            }
        }
        r.validate().unwrap();
        r
    }

    fn find(res: &[DyadPeriod], period: i32, a: u16, b: u16) -> JointTable {
        res.iter().find(|d| d.period == period && d.first == a && d.second == b).unwrap().table
    }

    #[test]
    fn all_dyads_by_session_match_paper() {
        let opts = AgreementOptions { period: PeriodKind::Session, ..Default::default() };
        let res = dyad_tables(&small_world(), &opts, &DyadSelection::All).unwrap();
        // Session 47, USA–Russia: (y,n) (n,y) (a,y): 3 joint votes, 0 identical.
        let t = find(&res, 47, 2, 365);
        assert_eq!((t.n(), t.n_same(), t.sum_abs()), (3, 0, 5));
        // Session 47, Russia–Armenia: rc1 (n,n), rc2 absent, rc3 (y,y): 2 joint, both identical.
        let t = find(&res, 47, 365, 371);
        assert_eq!((t.n(), t.n_same()), (2, 2));
        // Session 48, Russia–Armenia: only rc4 (Armenia not a member on rc5).
        assert_eq!(find(&res, 48, 365, 371).n(), 1);
        assert_eq!(res.len(), 6);
    }

    #[test]
    fn absences_as_abstentions() {
        let opts =
            AgreementOptions { period: PeriodKind::Session, absences: AbsencePolicy::AsAbstain, ..Default::default() };
        let res = dyad_tables(&small_world(), &opts, &DyadSelection::All).unwrap();
        let t = find(&res, 47, 365, 371);
        assert_eq!(t.n(), 3);
        assert_eq!(t.counts[0][1], 1); // Russia yes, Armenia absent → abstain
        let mut no_absences = small_world();
        no_absences.records_absences = false;
        assert_eq!(dyad_tables(&no_absences, &opts, &DyadSelection::All), Err(AgreementError::AbsencesNotRecorded));
    }

    #[test]
    fn filters_windows_and_pairs() {
        let w = small_world();
        let hr = AgreementOptions {
            period: PeriodKind::Session,
            issues: Some([Issue::Hr].into_iter().collect()),
            ..Default::default()
        };
        let res = dyad_tables(&w, &hr, &DyadSelection::Pairs(vec![(365, 2)])).unwrap();
        // Sessions 47 (rc 1, 3) and 48 (rc 5): Russia–USA (n,y), (y,a) / (n,n).
        assert_eq!(res.len(), 2);
        assert_eq!((res[0].table.n(), res[0].table.counts[2][0], res[0].roll_calls), (2, 1, 2));
        assert_eq!(res[1].table.n_same(), 1);

        let important = AgreementOptions { period: PeriodKind::Year, important_only: true, ..Default::default() };
        let res = dyad_tables(&w, &important, &DyadSelection::Pairs(vec![(2, 365), (2, 371)])).unwrap();
        // Only roll call 5 (1993) is important; Armenia was not a member then: no row for it.
        assert_eq!(res.len(), 1);
        assert_eq!((res[0].period, res[0].second, res[0].table.n()), (1993, 365, 1));

        let pooled = AgreementOptions { period: PeriodKind::Session, window: 2, ..Default::default() };
        let res = dyad_tables(&w, &pooled, &DyadSelection::Pairs(vec![(2, 365)])).unwrap();
        // Windows ending 47 (rc 1–3), 48 (rc 1–5), 49 (rc 4–5).
        let labels: Vec<(i32, u64)> = res.iter().map(|d| (d.period, d.table.n())).collect();
        assert_eq!(labels, vec![(47, 3), (48, 5), (49, 2)]);
    }

    #[test]
    fn pair_order_is_kept_and_tables_transpose() {
        let w = small_world();
        let opts = AgreementOptions { period: PeriodKind::Session, ..Default::default() };
        let ab = dyad_tables(&w, &opts, &DyadSelection::Pairs(vec![(2, 365)])).unwrap();
        let ba = dyad_tables(&w, &opts, &DyadSelection::Pairs(vec![(365, 2)])).unwrap();
        for (x, y) in ab.iter().zip(&ba) {
            assert_eq!(x.table, y.table.transposed());
        }
    }
}

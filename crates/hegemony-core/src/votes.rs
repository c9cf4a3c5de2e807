//! The UN General Assembly voting record, held column-wise.
//!
//! Every loader (unvotes, Voeten, UN Digital Library …) produces one
//! [`VoteRecord`]: a table of roll calls and a table of (roll call, state,
//! vote code) rows. Measures read it as plain slices.

use serde::Serialize;

use crate::date::Date;
use crate::vote::{Vote, VoteCode};

/// Voeten's six issue codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Issue {
    /// The Palestinian conflict.
    Me,
    /// Nuclear weapons and nuclear material.
    Nu,
    /// Arms control and disarmament.
    Di,
    /// Human rights.
    Hr,
    /// Colonialism.
    Co,
    /// Economic development.
    Ec,
}

impl Issue {
    /// The six issues in the order of their bits.
    pub const ALL: [Issue; 6] = [Issue::Me, Issue::Nu, Issue::Di, Issue::Hr, Issue::Co, Issue::Ec];

    /// The two-letter code the unvotes issue table uses (`me`, `nu`, …).
    pub fn code(self) -> &'static str {
        match self {
            Issue::Me => "me",
            Issue::Nu => "nu",
            Issue::Di => "di",
            Issue::Hr => "hr",
            Issue::Co => "co",
            Issue::Ec => "ec",
        }
    }

    /// The issue with this two-letter code.
    pub fn from_code(s: &str) -> Option<Issue> {
        Issue::ALL.into_iter().find(|i| i.code() == s)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of issues, as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct IssueSet(u8);

impl IssueSet {
    /// Adds an issue.
    pub fn insert(&mut self, i: Issue) {
        self.0 |= i.bit();
    }
    /// Whether the set holds `i`.
    pub fn contains(self, i: Issue) -> bool {
        self.0 & i.bit() != 0
    }
    /// Whether the two sets share an issue.
    pub fn intersects(self, other: IssueSet) -> bool {
        self.0 & other.0 != 0
    }
    /// Whether the set holds no issue.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The bit mask (bit i = `Issue::ALL[i]`), for compact storage.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The set of a bit mask from [`IssueSet::bits`] (unknown bits dropped).
    pub fn from_bits(bits: u8) -> IssueSet {
        IssueSet(bits & 0b11_1111)
    }

    /// The issues in the set, in [`Issue::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Issue> {
        Issue::ALL.into_iter().filter(move |i| self.contains(*i))
    }
}

impl FromIterator<Issue> for IssueSet {
    fn from_iter<T: IntoIterator<Item = Issue>>(iter: T) -> Self {
        let mut s = IssueSet::default();
        for i in iter {
            s.insert(i);
        }
        s
    }
}

/// One recorded vote of the General Assembly.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RollCall {
    /// Roll-call id, unique in the record.
    pub rcid: u32,
    /// General Assembly session (1 = 1946).
    pub session: u16,
    /// The day of the vote, where recorded.
    pub date: Option<Date>,
    /// Resolution symbol, e.g. `A/RES/74/168`.
    pub unres: Option<String>,
    /// US State Department "important vote" flag; `None` where not coded.
    pub important: Option<bool>,
    /// A vote on an amendment (coded only until 1985).
    pub amend: Option<bool>,
    /// A vote on a paragraph (coded only until 1985).
    pub para: Option<bool>,
    #[serde(skip)]
    /// The issues the record codes it under.
    pub issues: IssueSet,
    /// Short title of the resolution, where recorded (the key for bridging across years).
    pub short: Option<String>,
}

impl RollCall {
    /// Voeten's session year: session 1 = 1946.
    pub fn session_year(&self) -> i32 {
        i32::from(self.session) + 1945
    }

    /// Whether this is a vote on a whole resolution, as far as the record says.
    pub fn is_final_passage(&self) -> bool {
        self.amend != Some(true) && self.para != Some(true)
    }
}

/// The voting record: roll calls and the votes on them.
///
/// Invariants (upheld by loaders, checked by [`VoteRecord::validate`]):
/// `roll_calls` sorted by `rcid` without duplicates; the three vote columns
/// have equal length; each `(roll call, state)` pair appears at most once.
#[derive(Clone, Debug, Default)]
pub struct VoteRecord {
    /// The roll calls, sorted by `rcid`.
    pub roll_calls: Vec<RollCall>,
    /// Per vote row: index into `roll_calls`.
    pub roll_call: Vec<u32>,
    /// Per vote row: COW code of the voting state.
    pub state: Vec<u16>,
    /// Per vote row: the vote code.
    pub code: Vec<VoteCode>,
    /// Whether absences (code 8) are recorded; unvotes drops them.
    pub records_absences: bool,
}

impl VoteRecord {
    /// Number of vote rows.
    pub fn len(&self) -> usize {
        self.state.len()
    }

    /// Whether the record has no vote rows.
    pub fn is_empty(&self) -> bool {
        self.state.is_empty()
    }

    /// Appends a vote row (roll call index, COW code, vote code); keeps the invariants only if the caller does.
    pub fn push(&mut self, roll_call: u32, state: u16, code: VoteCode) {
        self.roll_call.push(roll_call);
        self.state.push(state);
        self.code.push(code);
    }

    /// Index of the roll call with this id.
    pub fn roll_call_index(&self, rcid: u32) -> Option<usize> {
        self.roll_calls.binary_search_by_key(&rcid, |r| r.rcid).ok()
    }

    /// The vote cast by `state` on roll call index `rc`, if any (linear scan; for tests and explain).
    pub fn vote_of(&self, rc: u32, state: u16) -> Option<Vote> {
        (0..self.len()).find(|&i| self.roll_call[i] == rc && self.state[i] == state).and_then(|i| self.code[i].cast())
    }

    /// Checks the invariants; returns a description of the first violation.
    pub fn validate(&self) -> Result<(), String> {
        if self.roll_calls.windows(2).any(|w| w[0].rcid >= w[1].rcid) {
            return Err("roll calls are not sorted by unique rcid".into());
        }
        if self.roll_call.len() != self.state.len() || self.state.len() != self.code.len() {
            return Err("vote columns differ in length".into());
        }
        if let Some(&rc) = self.roll_call.iter().find(|&&rc| rc as usize >= self.roll_calls.len()) {
            return Err(format!("vote row points at roll call index {rc} out of range"));
        }
        // Rows grouped by roll call (as loaders write them) are checked with a
        // stamp per state in one pass; any other order falls back to sorting.
        let grouped = self.roll_call.windows(2).all(|w| w[0] <= w[1]);
        let duplicate = if grouped {
            let mut stamp = vec![u32::MAX; usize::from(u16::MAX) + 1];
            (0..self.len()).find(|&i| {
                let seen = std::mem::replace(&mut stamp[usize::from(self.state[i])], self.roll_call[i]);
                seen == self.roll_call[i]
            })
        } else {
            let mut keys: Vec<(u32, u16, usize)> =
                (0..self.len()).map(|i| (self.roll_call[i], self.state[i], i)).collect();
            keys.sort_unstable();
            keys.windows(2).find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)).map(|w| w[1].2)
        };
        if let Some(i) = duplicate {
            let rcid = self.roll_calls[self.roll_call[i] as usize].rcid;
            return Err(format!("state {} votes twice on roll call {rcid}", self.state[i]));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(rows: &[(u32, u16)]) -> VoteRecord {
        let mut r = VoteRecord::default();
        for rcid in 0..3 {
            r.roll_calls.push(RollCall { rcid: rcid + 10, session: 1, ..Default::default() });
        }
        for &(rc, state) in rows {
            r.push(rc, state, VoteCode::Cast(Vote::Yes));
        }
        r
    }

    #[test]
    fn validate_finds_duplicates_in_any_order() {
        assert!(record(&[(0, 2), (0, 365), (1, 2), (2, 2)]).validate().is_ok());
        let grouped = record(&[(0, 2), (0, 365), (0, 2), (1, 2)]).validate().unwrap_err();
        assert_eq!(grouped, "state 2 votes twice on roll call 10");
        let scattered = record(&[(1, 2), (0, 365), (1, 2)]).validate().unwrap_err();
        assert_eq!(scattered, "state 2 votes twice on roll call 11");
        assert!(record(&[(3, 2)]).validate().unwrap_err().contains("out of range"));
    }
}

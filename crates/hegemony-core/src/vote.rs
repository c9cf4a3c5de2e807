//! UN General Assembly vote values.
//!
//! Voeten's coding is the lingua franca: 1 yes, 2 abstain, 3 no, 8 absent,
//! 9 not a member. Only yes/abstain/no are votes *cast*; absences and
//! non-membership are kept apart so that "absent" never reads as "no".

use serde::Serialize;

/// A vote cast on a roll call, ordered as in Voeten's coding (yes < abstain < no).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum Vote {
    /// Yes (Voeten's code 1).
    Yes = 1,
    /// Abstain (code 2).
    Abstain = 2,
    /// No (code 3).
    No = 3,
}

impl Vote {
    /// The three votes in order: yes, abstain, no.
    pub const ALL: [Vote; 3] = [Vote::Yes, Vote::Abstain, Vote::No];

    /// Index 0..3 (yes, abstain, no), for contingency tables.
    pub fn index(self) -> usize {
        self as usize - 1
    }

    /// The vote at index 0..3 (the inverse of [`Vote::index`]).
    pub fn from_index(i: usize) -> Option<Vote> {
        Vote::ALL.get(i).copied()
    }

    /// Voeten's numeric code (1, 2, 3).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// Parses the unvotes spelling (`yes`, `abstain`, `no`).
    pub fn from_word(s: &str) -> Option<Vote> {
        match s {
            "yes" => Some(Vote::Yes),
            "abstain" => Some(Vote::Abstain),
            "no" => Some(Vote::No),
            _ => None,
        }
    }
}

/// Every value Voeten's files use in a vote column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteCode {
    /// Codes 1–3: a vote cast.
    Cast(Vote),
    /// Code 8: a member present in the UN that did not vote on this roll call.
    Absent,
    /// Code 9: not a UN member when the roll call was held.
    NotMember,
}

impl VoteCode {
    /// Parses Voeten's numeric codes 1, 2, 3, 8, 9.
    pub fn from_voeten(code: u8) -> Option<VoteCode> {
        match code {
            1 => Some(VoteCode::Cast(Vote::Yes)),
            2 => Some(VoteCode::Cast(Vote::Abstain)),
            3 => Some(VoteCode::Cast(Vote::No)),
            8 => Some(VoteCode::Absent),
            9 => Some(VoteCode::NotMember),
            _ => None,
        }
    }

    /// The vote cast, if one was.
    pub fn cast(self) -> Option<Vote> {
        match self {
            VoteCode::Cast(v) => Some(v),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voeten_codes_round_trip() {
        for v in Vote::ALL {
            assert_eq!(VoteCode::from_voeten(v.code()), Some(VoteCode::Cast(v)));
            assert_eq!(Vote::from_index(v.index()), Some(v));
        }
        assert_eq!(VoteCode::from_voeten(8), Some(VoteCode::Absent));
        assert_eq!(VoteCode::from_voeten(9), Some(VoteCode::NotMember));
        assert_eq!(VoteCode::from_voeten(0), None);
        assert_eq!(VoteCode::from_voeten(4), None);
    }

    #[test]
    fn words() {
        assert_eq!(Vote::from_word("abstain"), Some(Vote::Abstain));
        assert_eq!(Vote::from_word("Yes"), None);
    }
}

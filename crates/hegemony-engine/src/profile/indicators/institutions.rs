//! Institutionalisation's indicator: the index of treaty provisions and
//! memberships binding the two states in a year.

use hegemony_core::State;
use hegemony_measures::institutions::{self as inst, IndexValue};

use super::Indicators;
use crate::institutions::frame;

impl Indicators<'_> {
    /// The institutionalisation index of `sub` under the dominant state in `year`.
    pub(super) fn institutions(&self, sub: &State, year: i32) -> IndexValue {
        inst::index(&frame(self.inputs.kb, sub.code(), self.dominant.code(), year), self.inputs.institution_weights)
    }
}

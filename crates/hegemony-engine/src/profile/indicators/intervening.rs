//! Intervening powers: other powers tied to the subordinate (alliance,
//! agreement in force, membership in an organisation they lead).

use hegemony_core::{Registry, State};
use hegemony_kb::model::Detail;

use super::{Indicators, kb_ref};
use crate::institutions::binds;
use crate::profile::Point;

impl Indicators<'_> {
    /// Powers other than the dominant state with a tie to the subordinate:
    /// a military alliance (ATOP to its last year, the knowledge base after),
    /// an agreement in force, or a membership in an organisation the power leads.
    pub(super) fn intervening(&self, sub: &State, year: i32) -> Point {
        let kb = self.inputs.kb;
        let registry = Registry::global();
        let mut tied: Vec<String> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        let members = kb.memberships(sub.code(), year);
        // The subordinate's small agreements in force that year, found once for all the powers.
        let agreements: Vec<_> = kb
            .facts()
            .iter()
            .filter(|f| match &f.detail {
                Detail::Agreement(a) => {
                    f.actors.len() <= 4 && a.parties.iter().any(|p| p == sub.code()) && a.in_force_in(year)
                }
                _ => false,
            })
            .collect();
        for power in &self.inputs.settings.settings.intervening_powers {
            let Ok(p) = registry.resolve(power) else { continue };
            if p.code() == self.dominant.code() || p.code() == sub.code() {
                continue;
            }
            let mut why = Vec::new();
            // A military alliance, from the same networks as the alliance part (ATOP, then the knowledge base).
            let ties = self.ties(sub, year);
            if ties.with(p.code()) {
                why.extend(ties.sources.iter().cloned());
            }
            for f in &agreements {
                let Detail::Agreement(a) = &f.detail else { continue };
                if a.parties.iter().any(|q| q == p.code())
                    && binds(kb, f, sub.code(), year)
                    && binds(kb, f, p.code(), year)
                {
                    why.push(kb_ref(&f.id));
                }
            }
            for m in &members {
                if m.dominant.as_deref() == Some(p.code()) && m.status.is_active() {
                    why.push(kb_ref(&m.fact_id));
                }
            }
            if !why.is_empty() {
                tied.push(p.code().to_string());
                sources.extend(why);
            }
        }
        let note = if tied.is_empty() { "none recorded".to_string() } else { tied.join(", ") };
        let source = if self.ties(sub, year).source == "atop" { "atop+kb" } else { "kb" };
        Point::covered(year, tied.len() as f64, source, sources).with_note(note)
    }
}

//! Security hierarchy's indicators: the dominant state's troops stationed
//! with the host's consent per 1,000 inhabitants (and, apart, those held
//! against its will), and the subordinate's alliance ties to the dominant
//! state against those that bypass it.

use hegemony_core::State;
use hegemony_data::structural;
use hegemony_kb::model::{Consent, Detail};
use hegemony_measures::dependence::troops_per_thousand;

use super::{Indicators, kb_ref};
use crate::alliances::{Network, Ties};
use crate::profile::{Coverage, Point};

/// troopdata counts the troops abroad of this state only.
const US_TROOPS_OF: &str = "USA";

impl Indicators<'_> {
    /// Troops of the dominant state stationed with the host's consent, per
    /// 1,000 inhabitants (knowledge-base ranges or troopdata for the United
    /// States, COW population). Forces held against the host's will are not
    /// authority: they are [`Self::coercive`].
    pub(super) fn troops(&self, sub: &State, year: i32) -> Point {
        if self.dominant.code() == US_TROOPS_OF
            && let Some(us) = &self.inputs.data.us_troops
            && us.covers(year)
            && let Some(p) = self.us_troops(us, sub, year)
        {
            return p;
        }
        self.presence(sub, year, |c| c == Consent::Consented, "no military presence recorded")
    }

    /// Troops of the dominant state held in the subordinate against its
    /// will (contested presence or occupation), per 1,000 inhabitants.
    pub(super) fn coercive(&self, sub: &State, year: i32) -> Point {
        self.presence(sub, year, |c| c != Consent::Consented, "no contested presence or occupation recorded")
    }

    /// Troops per 1,000 inhabitants of the presences whose consent status in
    /// `year` passes `counted` (a presence without a status counts as
    /// consented: `kb check` asks every presence for one). A presence without
    /// a troop figure makes the year missing, never zero.
    fn presence(&self, sub: &State, year: i32, counted: impl Fn(Consent) -> bool, none: &str) -> Point {
        let kb = self.inputs.kb;
        // A presence whose people another presence's figure includes adds nothing.
        let facts: Vec<_> = kb
            .presences(self.dominant.code(), sub.code(), year)
            .into_iter()
            .filter(|f| match &f.detail {
                Detail::Presence(p) => {
                    p.counted_in.is_none() && counted(p.consent_in(year).unwrap_or(Consent::Consented))
                }
                _ => false,
            })
            .collect();
        if facts.is_empty() {
            return Point::covered(year, 0.0, "kb", vec![]).with_note(none);
        }
        let sources: Vec<String> = facts.iter().map(|f| kb_ref(&f.id)).collect();
        let mut estimated: Vec<String> = Vec::new();
        let present: Vec<(String, Option<(f64, f64)>)> = facts
            .iter()
            .map(|f| {
                let Detail::Presence(p) = &f.detail else { return (f.id.clone(), None) };
                let (range, how) = troop_estimate(&p.troops, year);
                if let Some(how) = how {
                    estimated.push(format!("{}: {how}", f.id));
                }
                (f.id.clone(), range)
            })
            .collect();
        let unknown: Vec<&str> = present.iter().filter(|t| t.1.is_none()).map(|t| t.0.as_str()).collect();
        let low: f64 = present.iter().filter_map(|t| t.1).map(|r| r.0).sum();
        let high: f64 = present.iter().filter_map(|t| t.1).map(|r| r.1).sum();
        if !unknown.is_empty() {
            let known = if low > 0.0 { format!("; at least {low:.0} troops at the others") } else { String::new() };
            let note = format!("presence without a troop figure: {}{known}", unknown.join(", "));
            return Point::absent(year, Coverage::Missing, note).with_sources(sources);
        }
        let Some(pop) = &self.inputs.data.population else {
            return Point::absent(year, Coverage::NotCovered, "needs population (ps_cow_nmc)").with_sources(sources);
        };
        let Some((from, thousands)) = sub.cow.and_then(|c| pop.latest(c, year)) else {
            return Point::absent(year, Coverage::Missing, "no population figure").with_sources(sources);
        };
        let Some((lo, hi)) = troops_per_thousand(low, high, thousands) else {
            return Point::absent(year, Coverage::Missing, "population 0");
        };
        let mut sources = sources;
        sources.push(format!("ps_cow_nmc:{}/{from}", sub.cow.unwrap_or_default()));
        let mut p = Point::covered(year, (lo + hi) / 2.0, "kb", sources).with_range(lo, hi);
        let mut notes = vec![format!("{low:.0}–{high:.0} troops, population {:.0} thousand", thousands)];
        if from != year {
            notes.push(format!("population of {from}"));
        }
        notes.extend(estimated);
        p.note = Some(notes.join("; "));
        p
    }

    /// US troops per 1,000 inhabitants from troopdata; `None` leaves the
    /// year to the knowledge base (no row, or no population figure).
    fn us_troops(&self, us: &structural::UsTroops, sub: &State, year: i32) -> Option<Point> {
        let c = sub.cow?;
        let troops = us.get(c, year)?;
        let source = vec![format!("troopdata_us_troops_legacy:{c}/{year}")];
        if troops == 0.0 {
            return Some(Point::covered(year, 0.0, "troopdata", source));
        }
        let (from, thousands) = self.inputs.data.population.as_ref()?.latest(c, year)?;
        let (v, _) = troops_per_thousand(troops, troops, thousands)?;
        let mut sources = source;
        sources.push(format!("ps_cow_nmc:{c}/{from}"));
        let mut note = format!("{troops:.0} troops, population {thousands:.0} thousand");
        if from != year {
            note.push_str(&format!("; population of {from}"));
        }
        Some(Point::covered(year, v, "troopdata", sources).with_note(note))
    }

    /// The alliance ties of `state` in `year`: ATOP while it covers the
    /// year, the knowledge base after (each year's network made once).
    pub(super) fn ties(&self, state: &State, year: i32) -> Ties {
        if let Some(network) = self.atop_networks.get(&year) {
            return network.of(state, year);
        }
        let t = (year - self.years.0) as usize;
        self.kb_networks[t].get_or_init(|| Network::of_kb(self.inputs.kb, year)).of(state, year)
    }

    /// A presence by which the dominant state occupies part of `sub`'s
    /// territory in `year`, if any: a state the dominant state occupies is
    /// not its ally, whatever treaties remain on paper.
    fn occupation(&self, sub: &State, year: i32) -> Option<String> {
        self.inputs.kb.presences(self.dominant.code(), sub.code(), year).into_iter().find_map(|f| match &f.detail {
            Detail::Presence(p) if p.consent_in(year) == Some(Consent::Occupation) => Some(f.id.clone()),
            _ => None,
        })
    }

    /// The alliance indicators of `sub` in `year`: its formal alliance with
    /// the dominant state (1 a defence pact, else 0; how deep the alliance
    /// runs — integrated command, joint forces, bases — is measured by
    /// institutionalisation, not again here), its military allies not allied
    /// with the dominant state (Lake's independent alliances), and the
    /// alliance part of security hierarchy: tie × (1 − share of its military
    /// allies that bypass the dominant state). A neutral state and one the
    /// dominant state occupies have no tie, so no alliance hierarchy.
    pub(super) fn alliances(&self, sub: &State, year: i32) -> (Point, Point, Point) {
        let dom = self.dominant.code();
        let mine = self.ties(sub, year);
        let theirs = self.ties(self.dominant, year);
        let source = mine.source;
        let sources: Vec<String> = mine.sources.iter().chain(&theirs.sources).cloned().collect();
        let occupied = self.occupation(sub, year);
        let (depth, kind) = match (mine.with(dom), &occupied) {
            (_, Some(id)) => (0.0, format!("no alliance holds while {dom} occupies part of its territory ({id}):")),
            (true, None) => (1.0, "a defence pact".into()),
            (false, None) => (0.0, "no defence pact".into()),
        };
        let allies: Vec<&str> = mine.allies.iter().map(String::as_str).filter(|a| *a != dom).collect();
        let bypass: Vec<&str> = allies.iter().copied().filter(|a| !theirs.with(a)).collect();
        let mut tie_sources = sources.clone();
        tie_sources.extend(occupied.iter().map(|id| kb_ref(id)));
        let tie = Point::measured(year, depth, source, tie_sources).with_note(format!("{kind} with {dom}"));
        let mut independent = Point::covered(year, bypass.len() as f64, source, sources.clone());
        independent.note = Some(if bypass.is_empty() {
            format!("{} military allies, all also allied with {dom}", allies.len())
        } else {
            format!("{} of {} military allies not allied with {dom}: {}", bypass.len(), allies.len(), bypass.join(", "))
        });
        let share = if allies.is_empty() { 0.0 } else { bypass.len() as f64 / allies.len() as f64 };
        let value = depth * (1.0 - share);
        let index = Point::measured(year, value, source, sources).with_note(format!(
            "tie {depth:.2} × (1 − {} of {} allies bypassing {dom})",
            bypass.len(),
            allies.len()
        ));
        (tie, independent, index)
    }
}

/// A presence's troops in `year` from its dated estimates: linear between the
/// two estimates around the year, the nearest one before the first or after
/// the last. The second value says how, unless an estimate is of that year.
fn troop_estimate(levels: &[hegemony_kb::model::TroopLevel], year: i32) -> (Option<(f64, f64)>, Option<String>) {
    let mut dated: Vec<(i32, f64, f64)> =
        levels.iter().map(|l| (l.date.earliest().year(), f64::from(l.low), f64::from(l.high))).collect();
    dated.sort_by_key(|d| d.0);
    let (Some(first), Some(last)) = (dated.first().copied(), dated.last().copied()) else { return (None, None) };
    if let Some(d) = dated.iter().find(|d| d.0 == year) {
        return (Some((d.1, d.2)), None);
    }
    if year < first.0 {
        return (Some((first.1, first.2)), Some(format!("estimate of {} carried back", first.0)));
    }
    if year > last.0 {
        return (Some((last.1, last.2)), Some(format!("estimate of {}", last.0)));
    }
    let i = dated.iter().position(|d| d.0 > year).unwrap_or(dated.len() - 1);
    let (a, b) = (dated[i - 1], dated[i]);
    let f = f64::from(year - a.0) / f64::from(b.0 - a.0);
    let lerp = |x: f64, y: f64| x + f * (y - x);
    (Some((lerp(a.1, b.1), lerp(a.2, b.2))), Some(format!("interpolated between {} and {}", a.0, b.0)))
}

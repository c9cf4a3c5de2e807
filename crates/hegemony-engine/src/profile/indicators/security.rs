//! Security hierarchy's indicators: the dominant state's troops per 1,000
//! inhabitants, and the subordinate's alliances that bypass it.

use hegemony_core::State;
use hegemony_data::structural::{self, obligation};
use hegemony_kb::model::{Detail, ProvisionKind};
use hegemony_measures::dependence::{independent_allies, troops_per_thousand};

use super::{Indicators, code_of, kb_ref};
use crate::institutions::binds;
use crate::profile::{Coverage, Point};

/// troopdata counts the troops abroad of this state only.
const US_TROOPS_OF: &str = "USA";

impl Indicators<'_> {
    /// Troops of the dominant state per 1,000 inhabitants (knowledge-base
    /// ranges, COW population).
    pub(super) fn troops(&self, sub: &State, year: i32) -> Point {
        if self.dominant.code() == US_TROOPS_OF
            && let Some(us) = &self.inputs.data.us_troops
            && us.covers(year)
            && let Some(p) = self.us_troops(us, sub, year)
        {
            return p;
        }
        let kb = self.inputs.kb;
        let facts = kb.presences(self.dominant.code(), sub.code(), year);
        if facts.is_empty() {
            return Point::covered(year, 0.0, "kb", vec![]).with_note("no military presence recorded");
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
        if !unknown.is_empty() && unknown.len() == present.len() {
            let note = format!("presence without a troop figure: {}", unknown.join(", "));
            return Point::absent(year, Coverage::Missing, note).with_sources(sources);
        }
        let low: f64 = present.iter().filter_map(|t| t.1).map(|r| r.0).sum();
        let high: f64 = present.iter().filter_map(|t| t.1).map(|r| r.1).sum();
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
        if !unknown.is_empty() {
            notes.push(format!("without a troop figure: {}", unknown.join(", ")));
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

    /// Allies of `state` in `year` from the knowledge base: parties to
    /// agreements in force with a mutual-defence or security-guarantee
    /// provision that bind both.
    fn kb_allies(&self, state: &str, year: i32) -> Vec<(String, String)> {
        let kb = self.inputs.kb;
        let mut out: Vec<(String, String)> = Vec::new();
        for f in kb.facts() {
            let Detail::Agreement(a) = &f.detail else { continue };
            if !a.parties.iter().any(|p| p == state)
                || !(a.has(ProvisionKind::MutualDefence) || a.has(ProvisionKind::SecurityGuarantee))
                || !hegemony_kb::query::agreement_in_force_in(a, year)
                || !binds(kb, f, state, year)
            {
                continue;
            }
            for p in &a.parties {
                if p != state && binds(kb, f, p, year) && !out.iter().any(|(q, _)| q == p) {
                    out.push((p.clone(), f.id.clone()));
                }
            }
        }
        out.sort();
        out
    }

    /// Lake's independent alliances: the subordinate's allies not allied with
    /// the dominant state (ATOP defence or offence pacts; the knowledge base
    /// after ATOP ends).
    pub(super) fn independent(&self, sub: &State, year: i32) -> Point {
        let dom = self.dominant;
        if let Some(atop) = &self.inputs.data.alliances
            && atop.covers(year)
            && let (Some(s), Some(d)) = (sub.cow, dom.cow)
        {
            let mine = atop.allies(s, year, obligation::MILITARY);
            let theirs = atop.allies(d, year, obligation::MILITARY);
            let ind = independent_allies(&mine, &theirs, d);
            let names: Vec<String> = ind.iter().map(|&c| code_of(c)).collect();
            let mut p = Point::covered(year, ind.len() as f64, "atop", vec![format!("ps_atop_alliance:{s}/{year}")]);
            p.note = Some(if names.is_empty() {
                format!("{} military allies, all also allied with {}", mine.len(), dom.code())
            } else {
                format!(
                    "{} of {} military allies not allied with {}: {}",
                    ind.len(),
                    mine.len(),
                    dom.code(),
                    names.join(", ")
                )
            });
            return p;
        }
        let mine = self.kb_allies(sub.code(), year);
        let theirs = self.kb_allies(dom.code(), year);
        let ind: Vec<&(String, String)> =
            mine.iter().filter(|(s, _)| s != dom.code() && !theirs.iter().any(|(t, _)| t == s)).collect();
        let sources: Vec<String> =
            mine.iter().map(|(_, f)| kb_ref(f)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut p = Point::covered(year, ind.len() as f64, "kb", sources);
        p.note = Some(format!(
            "knowledge base (ATOP {}): {} allies by treaty{}",
            if self.inputs.data.alliances.is_some() { "ends 2018" } else { "not in the data folder" },
            mine.len(),
            if ind.is_empty() {
                String::new()
            } else {
                format!(
                    ", not allied with {}: {}",
                    dom.code(),
                    ind.iter().map(|x| x.0.as_str()).collect::<Vec<_>>().join(", ")
                )
            }
        ));
        p
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

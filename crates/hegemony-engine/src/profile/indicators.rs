//! The indicators of every subordinate in the comparison set, year by year,
//! and their assembly into measures.

use hegemony_core::{Registry, State};
use hegemony_data::structural::{self, obligation};
use hegemony_kb::model::{Detail, ProvisionKind};
use hegemony_measures::composite::{self, Sensitivity};
use hegemony_measures::convergence::Observation;
use hegemony_measures::dependence::{independent_allies, supplier_shares, troops_per_thousand};
use hegemony_measures::institutions::{self as inst, IndexValue};

use super::{Coverage, Inputs, Measure, NeededData, Point, Profile, RankYear, Settings, periods};
use crate::EngineError;
use crate::institutions::{binds, frame};

/// The raw indicators of one subordinate, one entry per year of the range.
struct Raw {
    troops: Vec<Point>,
    independent: Vec<Point>,
    arms_share: Vec<Point>,
    arms_hhi: Vec<Point>,
    trade_share: Vec<Point>,
    assets: Vec<Point>,
    institutions: Vec<IndexValue>,
    distance: Vec<Point>,
    ideal_distance: Vec<Point>,
    intervening: Vec<Point>,
}

pub(super) struct World<'a> {
    inputs: &'a Inputs<'a>,
    /// Distances to the dominant state from the vote record, and its last year.
    votes: Option<&'a (Vec<Observation>, Option<i32>)>,
    dominant: &'static State,
    dom_cow: Option<u16>,
    set: Vec<&'static State>,
    years: (i32, i32),
    raw: Vec<Raw>,
    troops_max: f64,
    independent_max: f64,
    /// κ ≈ a + b·(published ideal-point distance), fitted over the years both
    /// exist across the comparison set: bridges alignment past the vote record.
    bridge: Option<(f64, f64)>,
    /// Per year (index), per member of the set: the four composite parts.
    parts: Vec<Vec<[Option<f64>; 4]>>,
    sensitivity: Vec<Vec<Option<Sensitivity>>>,
    residuals: Vec<Vec<Option<f64>>>,
}

fn code_of(cow: u16) -> String {
    Registry::global().by_cow(cow).map_or_else(|| cow.to_string(), |s| s.code().to_string())
}

fn kb_ref(id: &str) -> String {
    format!("kb:{id}")
}

impl<'a> World<'a> {
    pub(super) fn build(
        inputs: &'a Inputs<'a>,
        votes: Option<&'a (Vec<Observation>, Option<i32>)>,
        dominant: &'static State,
        set: &[&'static State],
        years: (i32, i32),
    ) -> Result<World<'a>, EngineError> {
        let mut w = World {
            inputs,
            votes,
            dominant,
            dom_cow: dominant.cow,
            set: set.to_vec(),
            years,
            raw: Vec::new(),
            troops_max: 0.0,
            independent_max: 0.0,
            bridge: None,
            parts: Vec::new(),
            sensitivity: Vec::new(),
            residuals: Vec::new(),
        };
        w.raw = set.iter().map(|s| w.raw_of(s)).collect();
        let max = |pick: fn(&Raw) -> &Vec<Point>| {
            w.raw.iter().flat_map(|r| pick(r).iter().filter_map(|p| p.value)).fold(0.0f64, f64::max)
        };
        w.troops_max = max(|r| &r.troops);
        w.independent_max = max(|r| &r.independent);
        let (ideal, kappa): (Vec<Option<f64>>, Vec<Option<f64>>) = w
            .raw
            .iter()
            .flat_map(|r| r.ideal_distance.iter().zip(&r.distance))
            .filter(|(a, b)| a.value.is_some() && b.value.is_some())
            .map(|(a, b)| (a.value, b.value.map(|d| 1.0 - d)))
            .unzip();
        // Only a fit on enough pairs, and one where more distance means less agreement.
        w.bridge = composite::linear_fit(&ideal, &kappa).0.filter(|(_, b)| *b < 0.0 && ideal.len() >= 30);
        let settings = inputs.settings;
        let weights: Vec<f64> = ["security", "economic", "institutionalisation", "alignment"]
            .iter()
            .map(|k| Settings::weight(&settings.composite, k))
            .collect();
        for (t, _) in (years.0..=years.1).enumerate() {
            let parts: Vec<[Option<f64>; 4]> = (0..set.len()).map(|i| w.parts_of(i, t)).collect();
            let as_vec: Vec<Vec<Option<f64>>> = parts.iter().map(|p| p.to_vec()).collect();
            w.sensitivity.push(super::rank_year(&as_vec, &weights, &settings.settings, years.0 + t as i32));
            // Alignment against structural dependence (the mean of the other three parts).
            let dependence: Vec<Option<f64>> =
                parts.iter().map(|p| composite::weighted_mean(&p[..3], &weights[..3]).map(|c| c.value)).collect();
            // Only years with votes: a carried alignment would compare the past with the present.
            let alignment: Vec<Option<f64>> =
                w.raw.iter().map(|r| r.distance[t].value.map(|d| (1.0 - d).clamp(0.0, 1.0))).collect();
            w.residuals.push(composite::linear_fit(&dependence, &alignment).1);
            w.parts.push(parts);
        }
        Ok(w)
    }

    fn year_range(&self) -> std::ops::RangeInclusive<i32> {
        self.years.0..=self.years.1
    }

    fn raw_of(&self, sub: &State) -> Raw {
        let years: Vec<i32> = self.year_range().collect();
        let each = |f: &dyn Fn(i32) -> Point| years.iter().map(|&y| f(y)).collect::<Vec<_>>();
        let arms: Vec<(Point, Point)> = years.iter().map(|&y| self.arms(sub, y)).collect();
        Raw {
            troops: each(&|y| self.troops(sub, y)),
            independent: each(&|y| self.independent(sub, y)),
            arms_share: arms.iter().map(|a| a.0.clone()).collect(),
            arms_hhi: arms.into_iter().map(|a| a.1).collect(),
            trade_share: each(&|y| self.trade(sub, y)),
            assets: each(&|y| self.assets(sub, y)),
            institutions: years
                .iter()
                .map(|&y| {
                    inst::index(
                        &frame(self.inputs.kb, sub.code(), self.dominant.code(), y),
                        self.inputs.institution_weights,
                    )
                })
                .collect(),
            distance: each(&|y| self.distance(sub, y)),
            ideal_distance: each(&|y| self.ideal_distance(sub, y)),
            intervening: each(&|y| self.intervening(sub, y)),
        }
    }

    /// Troops of the dominant state per 1,000 inhabitants (knowledge-base
    /// ranges, COW population).
    fn troops(&self, sub: &State, year: i32) -> Point {
        if self.dom_cow == Some(2)
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
            let mut p = Point::absent(
                year,
                Coverage::Missing,
                format!("presence without a troop figure: {}", unknown.join(", ")),
            );
            p.sources = sources;
            return p;
        }
        let low: f64 = present.iter().filter_map(|t| t.1).map(|r| r.0).sum();
        let high: f64 = present.iter().filter_map(|t| t.1).map(|r| r.1).sum();
        let Some(pop) = &self.inputs.data.population else {
            let mut p = Point::absent(year, Coverage::NotCovered, "needs population (ps_cow_nmc)");
            p.sources = sources;
            return p;
        };
        let Some((from, thousands)) = sub.cow.and_then(|c| pop.latest(c, year)) else {
            let mut p = Point::absent(year, Coverage::Missing, "no population figure");
            p.sources = sources;
            return p;
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
    fn independent(&self, sub: &State, year: i32) -> Point {
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

    /// The dominant state's share of the subordinate's arms imports, and the
    /// concentration of all its suppliers, over a trailing window (SIPRI TIV;
    /// knowledge-base figures where the register is not in the data folder).
    fn arms(&self, sub: &State, year: i32) -> (Point, Point) {
        let window = self.inputs.settings.settings.arms_window;
        let mut from = year - window + 1;
        match (&self.inputs.data.arms, sub.cow, self.dom_cow) {
            (Some(arms), Some(s), Some(d)) if year <= arms.last_year && from >= arms.first_year => {
                let rows = arms.to(s);
                // Deliveries are lumpy: a window with too little volume for a
                // share to mean anything is widened, up to three times its length.
                let min_tiv = self.inputs.settings.settings.arms_min_tiv;
                let delivered = |from: i32| {
                    rows.iter().filter(|t| (from..=year).contains(&t.year)).map(|t| t.tiv).sum::<f64>() >= min_tiv
                };
                while !delivered(from) && year - from + 1 < 3 * window && from > arms.first_year {
                    from -= 1;
                }
                let used: Vec<String> = rows
                    .iter()
                    .filter(|t| (from..=year).contains(&t.year) && t.tiv > 0.0)
                    .map(|t| format!("sipri:{}", t.line))
                    .collect();
                let shares = supplier_shares(rows.iter().map(|t| (t.supplier, t.year, t.tiv)), from, year);
                let Some(share) = shares.share_of(d) else {
                    let none = format!("no arms imports recorded {from}–{year}");
                    return (
                        Point::absent(year, Coverage::Missing, &none),
                        Point::absent(year, Coverage::Missing, none),
                    );
                };
                let dom_tiv = shares.suppliers.iter().find(|x| x.0 == d).map_or(0.0, |x| x.1);
                let share_p = Point::covered(year, share, "sipri", used.clone())
                    .with_note(format!("{from}–{year}: {dom_tiv:.0} of {:.0} TIV", shares.total));
                let top: Vec<String> =
                    shares.suppliers.iter().take(3).map(|x| format!("{} {:.0}%", code_of(x.0), 100.0 * x.2)).collect();
                let hhi_p = Point::covered(year, shares.hhi_normalised.unwrap_or(0.0), "sipri", used)
                    .with_note(format!("{} suppliers {from}–{year}: {}", shares.suppliers.len(), top.join(", ")));
                (share_p, hhi_p)
            }
            _ => {
                let kb = self.inputs.kb;
                let figure = kb.dependence(sub.code(), self.dominant.code()).into_iter().find(|(_, d)| {
                    d.indicator == "arms_import_share"
                        && d.window_from.is_some_and(|f| f <= year)
                        && d.window_to.is_some_and(|t| t >= year)
                });
                let hhi = Point::absent(year, Coverage::NotCovered, "needs the SIPRI register for this window");
                match figure {
                    Some((f, d)) => {
                        let v = if d.unit == "percent" { d.value / 100.0 } else { d.value };
                        let p = Point::covered(year, v, "kb", vec![kb_ref(&f.id)]).with_note(format!(
                            "knowledge-base figure for {}–{}",
                            d.window_from.unwrap_or(year),
                            d.window_to.unwrap_or(year)
                        ));
                        (p, hhi)
                    }
                    None => (Point::absent(year, Coverage::NotCovered, "no SIPRI data or figure for this window"), hhi),
                }
            }
        }
    }

    /// The dominant state's share of the subordinate's total trade (COW).
    fn trade(&self, sub: &State, year: i32) -> Point {
        if let (Some(trade), Some(s), Some(d)) = (&self.inputs.data.trade, sub.cow, self.dom_cow)
            && year <= trade.last_year
        {
            let (Some(with), Some(total)) = (trade.between(s, d, year), trade.total(s, year)) else {
                return Point::absent(year, Coverage::Missing, "no COW trade figure");
            };
            if total <= 0.0 {
                return Point::absent(year, Coverage::Missing, "total trade recorded as 0");
            }
            let sources = vec![format!("ps_cow_trade_ndy:{s}-{d}/{year}"), format!("ps_cow_trade_sy:{s}/{year}")];
            return Point::covered(year, (with / total).min(1.0), "cow_trade", sources)
                .with_note(format!("{with:.0} of {total:.0} million US$"));
        }
        let kb = self.inputs.kb;
        let figure = kb.dependence(sub.code(), self.dominant.code()).into_iter().find(|(_, d)| {
            d.indicator == "trade_share"
                && d.window_from.is_some_and(|f| f <= year)
                && d.window_to.is_some_and(|t| t >= year)
        });
        match figure {
            Some((f, d)) => {
                let v = if d.unit == "percent" { d.value / 100.0 } else { d.value };
                Point::covered(year, v, "kb", vec![kb_ref(&f.id)])
            }
            None => Point::absent(year, Coverage::NotCovered, "COW trade ends 2014; no knowledge-base figure"),
        }
    }

    /// Share of the strategic sectors in which the dominant state's firms
    /// control an asset in the subordinate.
    fn assets(&self, sub: &State, year: i32) -> Point {
        let sectors = &self.inputs.settings.settings.strategic_sectors;
        let mut held: Vec<String> = Vec::new();
        let mut sources = Vec::new();
        for f in self.inputs.kb.assets(self.dominant.code(), sub.code(), year) {
            if let Detail::Asset(a) = &f.detail
                && sectors.contains(&a.sector)
            {
                if !held.contains(&a.sector) {
                    held.push(a.sector.clone());
                }
                sources.push(kb_ref(&f.id));
            }
        }
        let v = held.len() as f64 / sectors.len().max(1) as f64;
        let note = if held.is_empty() { "none recorded".to_string() } else { held.join(", ") };
        Point::covered(year, v, "kb", sources).with_note(note)
    }

    /// 1 − κ between the subordinate's and the dominant state's UN votes.
    fn distance(&self, sub: &State, year: i32) -> Point {
        let Some((obs, Some(last))) = self.votes.map(|(o, l)| (o, *l)) else {
            return Point::absent(year, Coverage::NotCovered, "needs the UN vote record");
        };
        if year > last {
            return Point::absent(year, Coverage::NotCovered, format!("the vote record ends {last}"));
        }
        match obs.iter().find(|o| o.year == year && Some(o.sub) == sub.cow) {
            Some(o) => Point::measured(year, o.distance, "unvotes", vec![format!("unvotes:{}/{year}", sub.code())]),
            None => Point::absent(year, Coverage::Missing, "no votes of both states that year"),
        }
    }

    /// |θ_sub − θ_dom| in the published Bailey–Strezhnev–Voeten ideal points
    /// (a reference that reaches past the vote record parsed here).
    fn ideal_distance(&self, sub: &State, year: i32) -> Point {
        let Some(ideal) = &self.inputs.data.published_ideal else {
            return Point::absent(year, Coverage::NotCovered, "needs voeten_idealpoints_jul2025");
        };
        if year > ideal.last_year {
            return Point::absent(
                year,
                Coverage::NotCovered,
                format!("the published estimates end {}", ideal.last_year),
            );
        }
        let (Some(s), Some(d)) = (sub.cow, self.dom_cow) else {
            return Point::absent(year, Coverage::Missing, "no COW code");
        };
        match (ideal.get(s, year), ideal.get(d, year)) {
            (Some((ts, ns)), Some((td, _))) => {
                let sources = vec![format!("voeten_idealpoints:{s}/{year}"), format!("voeten_idealpoints:{d}/{year}")];
                Point::measured(year, (ts - td).abs(), "voeten_ideal", sources)
                    .with_note(format!("θ {ts:.2} vs {td:.2} ({ns} votes)"))
            }
            _ => Point::absent(year, Coverage::Missing, "no published estimate for one of the two states"),
        }
    }

    /// Powers other than the dominant state with a tie to the subordinate:
    /// an ATOP military alliance, an agreement in force, or a membership in
    /// an organisation the power leads.
    fn intervening(&self, sub: &State, year: i32) -> Point {
        let kb = self.inputs.kb;
        let registry = Registry::global();
        let mut tied: Vec<String> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        let members = kb.memberships(sub.code(), year);
        for power in &self.inputs.settings.settings.intervening_powers {
            let Ok(p) = registry.resolve(power) else { continue };
            if p.code() == self.dominant.code() || p.code() == sub.code() {
                continue;
            }
            let mut why = Vec::new();
            if let (Some(atop), Some(s), Some(c)) = (&self.inputs.data.alliances, sub.cow, p.cow)
                && atop.covers(year)
                && atop.allies(s, year, obligation::MILITARY).contains(&c)
            {
                why.push(format!("ps_atop_alliance:{s}-{c}/{year}"));
            }
            for f in kb.agreements_in_force(sub.code(), p.code(), year) {
                if binds(kb, f, sub.code(), year) && binds(kb, f, p.code(), year) && f.actors.len() <= 4 {
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
        let source = if self.inputs.data.alliances.as_ref().is_some_and(|a| a.covers(year)) { "atop+kb" } else { "kb" };
        Point::covered(year, tied.len() as f64, source, sources).with_note(note)
    }

    /// The four composite parts of set member `i` in year index `t`, each on [0, 1].
    fn parts_of(&self, i: usize, t: usize) -> [Option<f64>; 4] {
        [
            self.security(i, t).value,
            self.economic(i, t).value,
            Some(self.raw[i].institutions[t].value),
            self.alignment(i, t).value,
        ]
    }

    fn security(&self, i: usize, t: usize) -> Point {
        let r = &self.raw[i];
        let s = &self.inputs.settings.security;
        let scale_troops = |v: f64| if self.troops_max > 0.0 { v / self.troops_max } else { 0.0 };
        let invert_independent = |v: f64| if self.independent_max > 0.0 { 1.0 - v / self.independent_max } else { 1.0 };
        let parts: [Part; 2] = [
            (&r.troops, Settings::weight(s, "troops"), &scale_troops),
            (&r.independent, Settings::weight(s, "independent_alliances"), &invert_independent),
        ];
        combine(self.years.0 + t as i32, t, &parts)
    }

    fn economic(&self, i: usize, t: usize) -> Point {
        let r = &self.raw[i];
        let e = &self.inputs.settings.economic;
        let same = |v: f64| v;
        let parts: [Part; 4] = [
            (&r.arms_share, Settings::weight(e, "arms_import_share"), &same),
            (&r.trade_share, Settings::weight(e, "trade_share"), &same),
            (&r.assets, Settings::weight(e, "strategic_assets"), &same),
            (&r.arms_hhi, Settings::weight(e, "arms_supplier_concentration"), &same),
        ];
        combine(self.years.0 + t as i32, t, &parts)
    }

    /// Alignment in UN votes: κ clipped at 0 (1 − distance); after the vote
    /// record ends, the last year's value carried forward (and said so).
    fn alignment(&self, i: usize, t: usize) -> Point {
        let d = &self.raw[i].distance[t];
        if let Some(v) = d.value {
            let mut p = d.clone();
            p.value = Some((1.0 - v).clamp(0.0, 1.0));
            p.coverage = Coverage::Covered;
            return p;
        }
        // No votes parsed for the year: κ predicted from the published ideal points, if they reach it.
        if let Some((a, b)) = self.bridge
            && let Some(x) = self.raw[i].ideal_distance[t].value
        {
            let ideal = &self.raw[i].ideal_distance[t];
            let mut p = Point::measured(d.year, (a + b * x).clamp(0.0, 1.0), "voeten_ideal", ideal.sources.clone());
            p.note = Some(format!(
                "κ predicted from the published ideal-point distance {x:.2} (κ ≈ {a:.2} {b:+.2}·distance, fitted where both exist)"
            ));
            return p;
        }
        // Past every source: the last value, carried.
        if d.coverage == Coverage::NotCovered && t > 0 {
            let prev = self.alignment(i, t - 1);
            if prev.value.is_some() {
                let from = prev.carried_from.unwrap_or(prev.year);
                let mut p = prev;
                p.year = d.year;
                p.carried_from = Some(from);
                p.note = Some(format!("carried from {from}: {}", d.note.clone().unwrap_or_default()));
                return p;
            }
        }
        d.clone()
    }

    pub(super) fn profile(&self, sub: &'static State) -> Result<Profile, EngineError> {
        let i = self.set.iter().position(|s| s.code() == sub.code()).ok_or_else(|| {
            EngineError::Request(format!("{} is not in the comparison set of {}", sub.code(), self.dominant.code()))
        })?;
        let r = &self.raw[i];
        let n = r.troops.len();
        let years: Vec<i32> = self.year_range().collect();
        let settings = self.inputs.settings;
        let cw = |k: &str| Some(Settings::weight(&settings.composite, k));
        let sw = |k: &str| Some(Settings::weight(&settings.security, k));
        let ew = |k: &str| Some(Settings::weight(&settings.economic, k));

        let security = Measure {
            name: "security",
            label: "Security hierarchy",
            unit: "index 0–1",
            about: "Lake's security hierarchy: the dominant state's troops per inhabitant (scaled by the largest among \
                    its subordinates) and the subordinate's alliances that bypass the dominant state (fewer = more hierarchy).",
            weight: cw("security"),
            series: (0..n).map(|t| self.security(i, t)).collect(),
            components: vec![
                component(
                    "troops",
                    "Troops per 1,000 inhabitants",
                    "per 1,000",
                    "The dominant state's military personnel stationed in the subordinate, per 1,000 inhabitants (range from the knowledge base's troop estimates).",
                    sw("troops"),
                    r.troops.clone(),
                ),
                component(
                    "independent_alliances",
                    "Independent alliances",
                    "count",
                    "Military allies of the subordinate that are not allied with the dominant state (ATOP defence/offence pacts; knowledge-base treaties after ATOP ends).",
                    sw("independent_alliances"),
                    r.independent.clone(),
                ),
            ],
        };
        let economic = Measure {
            name: "economic",
            label: "Economic hierarchy and dependence",
            unit: "index 0–1",
            about: "How much the subordinate depends on the dominant state for arms, trade and strategic infrastructure.",
            weight: cw("economic"),
            series: (0..n).map(|t| self.economic(i, t)).collect(),
            components: vec![
                component(
                    "arms_import_share",
                    "Arms-import share",
                    "share",
                    "The dominant state's share of the subordinate's arms imports over a trailing window (SIPRI trend-indicator values).",
                    ew("arms_import_share"),
                    r.arms_share.clone(),
                ),
                component(
                    "trade_share",
                    "Trade share",
                    "share",
                    "The dominant state's share of the subordinate's total trade (COW).",
                    ew("trade_share"),
                    r.trade_share.clone(),
                ),
                component(
                    "strategic_assets",
                    "Strategic assets",
                    "share of sectors",
                    "Share of the strategic sectors (gas, power, rail …) in which the dominant state's firms control an asset.",
                    ew("strategic_assets"),
                    r.assets.clone(),
                ),
                component(
                    "arms_supplier_concentration",
                    "Arms supplier concentration",
                    "normalised HHI",
                    "How concentrated the subordinate's arms suppliers are, whoever they are (normalised Herfindahl index).",
                    ew("arms_supplier_concentration"),
                    r.arms_hhi.clone(),
                ),
            ],
        };
        let inst_points: Vec<Point> =
            years.iter().zip(&r.institutions).map(|(&y, v)| institution_point(y, v)).collect();
        let part = |y: i32, v: &IndexValue, part: &str, value: f64| {
            let facts: Vec<String> = v
                .contributions
                .iter()
                .filter(|c| c.part == part)
                .flat_map(|c| c.facts.iter().map(|f| kb_ref(f)))
                .collect();
            Point::covered(y, value, "kb", facts)
        };
        let institutionalisation = Measure {
            name: "institutionalisation",
            label: "Institutionalisation",
            unit: "index 0–1",
            about: "How deep the treaty frame is: the weighted share of provisions (mutual defence, bases, joint forces …) \
                    binding the two states, and of the dominant state's organisations the subordinate takes part in.",
            weight: cw("institutionalisation"),
            series: inst_points,
            components: vec![
                component(
                    "provisions",
                    "Provisions in force",
                    "share",
                    "Weighted share of provision kinds binding the two states through agreements in force.",
                    None,
                    years.iter().zip(&r.institutions).map(|(&y, v)| part(y, v, "provision", v.provisions)).collect(),
                ),
                component(
                    "memberships",
                    "Memberships",
                    "share",
                    "Weighted share of the dominant state's organisations the subordinate takes part in, scaled by status.",
                    None,
                    years.iter().zip(&r.institutions).map(|(&y, v)| part(y, v, "membership", v.memberships)).collect(),
                ),
            ],
        };
        let change: Vec<Point> = (0..n)
            .map(|t| match (t.checked_sub(1).and_then(|p| r.distance[p].value), r.distance[t].value) {
                (Some(a), Some(b)) => {
                    let mut p = Point::measured(years[t], b - a, "unvotes", r.distance[t].sources.clone());
                    p.note = Some(if b < a { "moved closer" } else { "moved apart" }.into());
                    p
                }
                _ => Point::absent(years[t], r.distance[t].coverage, "needs this year and the one before"),
            })
            .collect();
        let alignment = Measure {
            name: "alignment",
            label: "Alignment in UN votes",
            unit: "kappa 0–1",
            about: "How closely the subordinate votes with the dominant state in the UN General Assembly (Cohen's kappa, \
                    chance-corrected, clipped at 0). Its distance 1 − κ falling means convergence.",
            weight: cw("alignment"),
            series: (0..n).map(|t| self.alignment(i, t)).collect(),
            components: vec![
                component(
                    "un_distance",
                    "Distance in UN votes",
                    "1 − kappa",
                    "1 − Cohen's kappa (quadratic weights) between the two states' votes that year.",
                    None,
                    r.distance.clone(),
                ),
                component(
                    "un_distance_change",
                    "Change of distance",
                    "Δ(1 − kappa)",
                    "The change from the year before: negative = the subordinate's votes moved towards the dominant state's (or the dominant state's towards it).",
                    None,
                    change,
                ),
                component(
                    "ideal_distance",
                    "Distance of ideal points (published)",
                    "|Δθ|",
                    "The distance between the two states' UN ideal points as published by Bailey, Strezhnev and \
                     Voeten (final-passage votes): one scale for all years, and it reaches past the vote record \
                     parsed here. Shown, not weighted.",
                    None,
                    r.ideal_distance.clone(),
                ),
            ],
        };
        let weights: Vec<f64> = ["security", "economic", "institutionalisation", "alignment"]
            .iter()
            .map(|k| Settings::weight(&settings.composite, k))
            .collect();
        let mut ranks = Vec::new();
        let composite_series: Vec<Point> = (0..n)
            .map(|t| {
                let y = years[t];
                let parts = self.parts[t][i];
                let Some(c) = composite::weighted_mean(&parts, &weights) else {
                    return Point::absent(y, Coverage::NotCovered, "no part covered");
                };
                let mut p = Point::measured(y, c.value, "composite", vec![]);
                let carried: Vec<String> = [
                    ("security", self.security(i, t)),
                    ("economic", self.economic(i, t)),
                    ("alignment", self.alignment(i, t)),
                ]
                .into_iter()
                .filter_map(|(name, x)| {
                    let note = x.note?;
                    let at = note.find("carried")?;
                    Some(format!("{name} {}", note[at..].split(':').next().unwrap_or("").trim()))
                })
                .collect();
                if !carried.is_empty() {
                    p.note = Some(format!("{} (the source ends earlier)", carried.join("; ")));
                }
                let missing: Vec<&str> = ["security", "economic", "institutionalisation", "alignment"]
                    .iter()
                    .zip(parts)
                    .filter(|(_, v)| v.is_none())
                    .map(|(k, _)| *k)
                    .collect();
                if !missing.is_empty() {
                    let note = format!(
                        "rests on {:.0}% of the weight; not covered: {}",
                        100.0 * c.weight_covered,
                        missing.join(", ")
                    );
                    p.note = Some(match p.note.take() {
                        Some(n) => format!("{note}; {n}"),
                        None => note,
                    });
                }
                if let Some(s) = &self.sensitivity[t][i] {
                    p = p.with_range(s.lo, s.hi);
                    let of = self.sensitivity[t].iter().filter(|x| x.is_some()).count();
                    ranks.push(RankYear { year: y, of, sensitivity: s.clone() });
                }
                p
            })
            .collect();
        let composite_m = Measure {
            name: "composite",
            label: "Hierarchy (composite)",
            unit: "index 0–1",
            about: "The weighted mean of security, economic, institutional and voting alignment; the band is the 90% \
                    range under random weights.",
            weight: None,
            series: composite_series,
            components: vec![],
        };
        let residual = Measure {
            name: "alignment_residual",
            label: "Alignment beyond dependence",
            unit: "kappa",
            about: "Alignment minus what the subordinate's dependence (security, economic, institutional) predicts across \
                    the dominant state's subordinates that year: positive = more aligned than its dependence predicts.",
            weight: None,
            series: (0..n)
                .map(|t| match self.residuals[t][i] {
                    Some(v) => Point::measured(years[t], v, "composite", vec![]),
                    None => Point::absent(
                        years[t],
                        Coverage::NotCovered,
                        "needs alignment and dependence for three or more states",
                    ),
                })
                .collect(),
            components: vec![],
        };
        let intervening = Measure {
            name: "intervening_powers",
            label: "Intervening powers",
            unit: "count",
            about: "Other powers with a tie to the subordinate that year (alliance, agreement in force, or membership in \
                    an organisation they lead): counterweights to the dominant state.",
            weight: None,
            series: r.intervening.clone(),
            components: vec![],
        };
        let measures = vec![composite_m, security, economic, institutionalisation, alignment, residual, intervening];
        let facts = self.inputs.kb.timeline(sub.code(), self.dominant.code());
        let (periods, breaks, source_changes) =
            periods::periodise(&measures, &years, &facts, settings.settings.min_phase);
        let mut scales = std::collections::BTreeMap::new();
        scales.insert("troops_per_1000_max", self.troops_max);
        scales.insert("independent_alliances_max", self.independent_max);
        Ok(Profile {
            subordinate: sub.code().to_string(),
            dominant: self.dominant.code().to_string(),
            years: self.years,
            measures,
            periods,
            breaks,
            source_changes,
            ranks,
            comparison_set: self.set.iter().map(|s| s.code().to_string()).collect(),
            facts,
            needs: needs(self.inputs),
            scales,
        })
    }
}

fn component(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    about: &'static str,
    weight: Option<f64>,
    series: Vec<Point>,
) -> Measure {
    Measure { name, label, unit, about, weight, series, components: vec![] }
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

/// The value of `series[t]`, or where no source reaches that year (a dataset
/// ended), the last covered value before it, with the year it is from.
fn carried(series: &[Point], t: usize) -> Option<(f64, i32)> {
    let p = &series[t];
    if let Some(v) = p.value {
        return Some((v, p.year));
    }
    if p.coverage != Coverage::NotCovered {
        return None;
    }
    series[..t].iter().rev().find_map(|q| q.value.map(|v| (v, q.year)))
}

/// One part of a combined measure: its series, its weight, and how a value
/// is scaled onto [0, 1].
type Part<'a> = (&'a [Point], f64, &'a dyn Fn(f64) -> f64);

/// A weighted mean of the parts at year index `t`, each scaled onto [0, 1];
/// a part its source no longer reaches is carried from its last covered year
/// (a dataset ending must not move the mean by renormalisation).
fn combine(year: i32, t: usize, parts: &[Part]) -> Point {
    let mut values = Vec::new();
    let mut weights = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut carried_from: Vec<String> = Vec::new();
    for (series, w, scale) in parts {
        weights.push(*w);
        let v = carried(series, t);
        values.push(v.map(|(v, _)| scale(v)));
        if let Some((_, from)) = v
            && *w > 0.0
        {
            let src = series.iter().find(|p| p.year == from).unwrap_or(&series[t]);
            sources.extend(src.sources.iter().cloned());
            if let Some(l) = &src.source
                && !labels.contains(l)
            {
                labels.push(l.clone());
            }
            if from != year {
                carried_from.push(format!("{} from {from}", src.source.as_deref().unwrap_or("?")));
            }
        }
    }
    match composite::weighted_mean(&values, &weights) {
        Some(c) => {
            labels.sort();
            let mut p = Point::measured(year, c.value, &labels.join("+"), sources);
            let mut notes = Vec::new();
            if c.weight_covered < 1.0 - 1e-9 {
                notes.push(format!("rests on {:.0}% of the weight", 100.0 * c.weight_covered));
            }
            if !carried_from.is_empty() {
                notes.push(format!("carried: {}", carried_from.join(", ")));
            }
            if !notes.is_empty() {
                p.note = Some(notes.join("; "));
            }
            p
        }
        None => {
            let all_not_covered = parts.iter().all(|(s, _, _)| s[t].coverage == Coverage::NotCovered);
            let worst = if all_not_covered { Coverage::NotCovered } else { Coverage::Missing };
            Point::absent(year, worst, "no weighted component has a value")
        }
    }
}

fn institution_point(year: i32, v: &IndexValue) -> Point {
    let sources: Vec<String> = v.contributions.iter().flat_map(|c| c.facts.iter().map(|f| kb_ref(f))).collect();
    let mut p = Point::covered(year, v.value, "kb", sources);
    if !v.contributions.is_empty() {
        p.note = Some(v.contributions.iter().map(|c| c.item.clone()).collect::<Vec<_>>().join(", "));
    }
    p
}

/// Which datasets the data folder lacks, and which measures they would fill.
fn needs(inputs: &Inputs) -> Vec<NeededData> {
    let d = inputs.data;
    let mut out = Vec::new();
    // None of the structural datasets is fetchable yet: say where each file comes from.
    macro_rules! by_hand {
        ($origin:literal) => {
            concat!($origin, "; not fetchable with `hegemony data fetch` yet: put the file in the data folder")
        };
    }
    if d.population.is_none() {
        out.push(NeededData {
            measure: "security.troops",
            files: structural::POPULATION,
            how: by_hand!(
                "COW National Material Capabilities v7 (population), as exported by the R package peacesciencer"
            ),
        });
    }
    if d.alliances.is_none() {
        out.push(NeededData {
            measure: "security.independent_alliances (before 2019)",
            files: structural::ALLIANCES,
            how: by_hand!("ATOP alliance dyad-years, as exported by the R package peacesciencer"),
        });
    }
    if d.trade.is_none() {
        out.push(NeededData {
            measure: "economic.trade_share",
            files: "ps_cow_trade_ndy + ps_cow_trade_sy",
            how: by_hand!("COW dyadic and national trade, as exported by the R package peacesciencer"),
        });
    }
    if d.arms.is_none() {
        out.push(NeededData {
            measure: "economic.arms_supplier_concentration",
            files: structural::ARMS,
            how: by_hand!("SIPRI arms-transfer TIV 1950-2021, as extracted by 360-info/report-arms-trade"),
        });
    }
    if inputs.votes.is_none() {
        out.push(NeededData {
            measure: "alignment",
            files: "unvotes_un_votes + unvotes_un_roll_calls (or Voeten's UNVotes.csv)",
            how: "hegemony data fetch unvotes",
        });
    }
    out
}

//! Combining indicators: security, economic hierarchy and alignment from
//! their components, the composite of the four parts with its band under
//! random weights, ranks among the comparison set, and alignment against
//! dependence.
//!
//! Two rules keep artefacts out:
//! - when a dataset ends, a part carries its last covered value instead of
//!   renormalising onto the parts left (ARCHITECTURE.md, invariant 11), and
//!   the value says it is carried;
//! - a part without a value counts over its whole range
//!   ([`composite::bounded_mean`]): never as zero, never as its maximum.

use hegemony_measures::composite::{self, BoundedValue, Sensitivity};

use super::catalogue::COMPOSITE_PARTS;
use super::indicators::{Bridge, Indicators};
use super::{Basis, Coverage, Point, RankYear};

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

/// One part of a combined measure: its name, series, weight, and how a
/// value is scaled onto [0, 1].
struct Part<'a> {
    name: &'static str,
    series: &'a [Point],
    weight: f64,
    scale: &'a dyn Fn(f64) -> f64,
}

/// The note of a value resting on part of the weight: which parts are
/// missing and the range they leave.
fn missing_note(c: &BoundedValue, missing: &[&str]) -> Option<String> {
    (!missing.is_empty()).then(|| {
        format!(
            "rests on {:.0}% of the weight; missing: {} (counted over its whole range: {:.2}–{:.2})",
            100.0 * c.weight_covered,
            missing.join(", "),
            c.lo,
            c.hi
        )
    })
}

/// A weighted mean of the parts at year index `t`, each scaled onto [0, 1];
/// a part its source no longer reaches is carried from its last covered year
/// (a dataset ending must not move the mean by renormalisation), a part
/// without a value counts over its whole range.
fn combine(year: i32, t: usize, parts: &[Part]) -> Point {
    let mut values = Vec::new();
    let mut sources: Vec<String> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut carried_from: Vec<String> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    let mut basis = Basis::Measured;
    for part in parts {
        let v = carried(part.series, t);
        values.push(v.map(|(v, _)| (part.scale)(v)));
        if part.weight <= 0.0 {
            continue;
        }
        let Some((_, from)) = v else {
            missing.push(part.name);
            continue;
        };
        let src = part.series.iter().find(|p| p.year == from).unwrap_or(&part.series[t]);
        sources.extend(src.sources.iter().cloned());
        if let Some(l) = &src.source
            && !labels.contains(l)
        {
            labels.push(l.clone());
        }
        basis = basis.max(src.basis.unwrap_or(Basis::Measured));
        if from != year {
            carried_from.push(format!("{} from {from}", src.source.as_deref().unwrap_or("?")));
            basis = Basis::Carried;
        }
    }
    let weights: Vec<f64> = parts.iter().map(|p| p.weight).collect();
    let Some(c) = composite::bounded_mean(&values, &weights) else {
        let all_not_covered = parts.iter().all(|p| p.series[t].coverage == Coverage::NotCovered);
        let worst = if all_not_covered { Coverage::NotCovered } else { Coverage::Missing };
        return Point::absent(year, worst, "no weighted component has a value");
    };
    labels.sort();
    let mut p = Point::measured(year, c.value, &labels.join("+"), sources);
    p.basis = Some(basis);
    if !missing.is_empty() {
        p = p.with_range(c.lo, c.hi);
    }
    let mut notes: Vec<String> = missing_note(&c, &missing).into_iter().collect();
    p.missing = missing;
    if !carried_from.is_empty() {
        notes.push(format!("carried: {}", carried_from.join(", ")));
    }
    if !notes.is_empty() {
        p.note = Some(notes.join("; "));
    }
    p
}

impl Indicators<'_> {
    /// Security hierarchy of set member `i` in year index `t`: consented
    /// troops scaled by the largest in the set, and the alliance part.
    pub(super) fn security(&self, i: usize, t: usize) -> Point {
        let r = &self.raw[i];
        let s = &self.inputs.settings;
        let scale_troops = |v: f64| if self.troops_max > 0.0 { v / self.troops_max } else { 0.0 };
        let same = |v: f64| v;
        let part = |name, series, scale| Part { name, series, weight: s.weight_of(name).unwrap_or(0.0), scale };
        let parts = [part("troops", &r.troops, &scale_troops), part("alliances", &r.alliances, &same)];
        combine(self.years.0 + t as i32, t, &parts)
    }

    /// Economic hierarchy of set member `i` in year index `t`.
    pub(super) fn economic(&self, i: usize, t: usize) -> Point {
        let r = &self.raw[i];
        let s = &self.inputs.settings;
        let same = |v: f64| v;
        let part = |name, series| Part { name, series, weight: s.weight_of(name).unwrap_or(0.0), scale: &same };
        let parts = [
            part("arms_import_share", &r.arms_share),
            part("trade_share", &r.trade_share),
            part("strategic_assets", &r.assets),
            part("arms_supplier_concentration", &r.arms_hhi),
        ];
        combine(self.years.0 + t as i32, t, &parts)
    }

    /// Alignment in UN votes: κ clipped at 0 (1 − distance) where votes are
    /// parsed; past the vote record, κ predicted from the published
    /// agreement with the dominant state, else from the published ideal
    /// points (each anchored on the state's last measured year, so the switch
    /// of source moves nothing by itself); past those, carried forward.
    pub(super) fn alignment(&self, i: usize, t: usize) -> Point {
        let r = &self.raw[i];
        let d = &r.distance[t];
        if let Some(v) = d.value {
            let mut p = d.clone();
            p.value = Some((1.0 - v).clamp(0.0, 1.0));
            p.coverage = Coverage::Covered;
            return p;
        }
        let predictors = [
            (&self.agreement_bridge, &r.vote_agreement, "agreement"),
            (&self.ideal_bridge, &r.ideal_distance, "ideal-point distance"),
        ];
        for (bridge, series, what) in predictors {
            if let Some(bridge) = bridge
                && let Some(p) = self.predict(i, t, bridge, series, what)
            {
                return p;
            }
        }
        if d.coverage == Coverage::NotCovered && t > 0 {
            let prev = self.alignment(i, t - 1);
            if prev.value.is_some() {
                let from = prev.carried_from.unwrap_or(prev.year);
                let mut p = prev;
                p.year = d.year;
                p.carried_from = Some(from);
                p.basis = Some(Basis::Carried);
                p.note = Some(format!("carried from {from}: {}", d.note.clone().unwrap_or_default()));
                return p;
            }
        }
        d.clone()
    }

    /// κ of set member `i` at year index `t` predicted from `series` through
    /// `bridge`, chained on the year before: that year's alignment (measured
    /// or itself predicted) moved by the bridge's slope times the
    /// predictor's change, so neither the end of the vote record nor a
    /// switch of predictor moves the value by itself. Without the predictor
    /// the year before, the pooled fit. `None` without a predictor value.
    fn predict(&self, i: usize, t: usize, bridge: &Bridge, series: &[Point], what: &str) -> Option<Point> {
        let x = series[t].value?;
        let before = t.checked_sub(1).and_then(|s| Some((series[s].value?, self.alignment(i, s))));
        let (kappa, how) = match before {
            Some((x0, prev)) if prev.value.is_some() && prev.basis != Some(Basis::Carried) => {
                let k0 = prev.value.unwrap_or_default();
                (
                    k0 + bridge.slope * (x - x0),
                    format!("κ of {} {k0:.2} moved by {:+.2} × Δ{what}", prev.year, bridge.slope),
                )
            }
            _ => (
                bridge.intercept + bridge.level_slope * x,
                format!("κ ≈ {:.2} {:+.2} × {what}", bridge.intercept, bridge.level_slope),
            ),
        };
        let source = series[t].source.as_deref()?;
        let mut p = Point::measured(series[t].year, kappa.clamp(0.0, 1.0), source, series[t].sources.clone());
        p.basis = Some(Basis::Predicted);
        p.note = Some(format!(
            "predicted from the published {what} {x:.2}: {how} (fitted on {} year-on-year changes in the comparison set, R² {:.2})",
            bridge.n, bridge.r2
        ));
        Some(p)
    }

    /// The four composite parts of set member `i` in year index `t`, each on
    /// [0, 1], with their bases.
    fn parts_of(&self, i: usize, t: usize) -> [Point; 4] {
        let inst = &self.raw[i].institutions[t];
        let year = self.years.0 + t as i32;
        [
            self.security(i, t),
            self.economic(i, t),
            Point::measured(year, inst.value, "kb", vec![]),
            self.alignment(i, t),
        ]
    }
}

/// The composite's inputs across the set: per year index, per set member,
/// the four parts, the sensitivity to the weights, and the residual of
/// alignment against dependence.
pub(super) struct Scores {
    parts: Vec<Vec<[Point; 4]>>,
    sensitivity: Vec<Vec<Option<Sensitivity>>>,
    pub(super) residuals: Vec<Vec<Option<f64>>>,
    weights: Vec<f64>,
}

impl Scores {
    /// The composite's parts, sensitivity and residuals for every member of the set.
    pub(super) fn of(w: &Indicators) -> Scores {
        let settings = w.inputs.settings;
        let weights = settings.weights_of("composite");
        let mut s = Scores { parts: vec![], sensitivity: vec![], residuals: vec![], weights };
        for t in 0..w.year_list().len() {
            let parts: Vec<[Point; 4]> = (0..w.set.len()).map(|i| w.parts_of(i, t)).collect();
            // Ranks and residuals are among the members; outsiders get neither.
            let values: Vec<Vec<Option<f64>>> =
                parts[..w.members].iter().map(|p| p.iter().map(|x| x.value).collect()).collect();
            let year = w.years.0 + t as i32;
            let o = &settings.settings;
            let mut sensitivity =
                composite::sensitivity(&values, &s.weights, o.sensitivity_draws, o.seed ^ year as u64);
            sensitivity.resize(w.set.len(), None);
            s.sensitivity.push(sensitivity);
            // Alignment against structural dependence (the mean of the other three parts).
            let dependence: Vec<Option<f64>> =
                values.iter().map(|p| composite::bounded_mean(&p[..3], &s.weights[..3]).map(|c| c.value)).collect();
            // Only years with votes: a carried or predicted alignment would compare the past with the present.
            let alignment: Vec<Option<f64>> =
                w.raw[..w.members].iter().map(|r| r.distance[t].value.map(|d| (1.0 - d).clamp(0.0, 1.0))).collect();
            let mut residuals = composite::linear_fit(&dependence, &alignment).1;
            residuals.resize(w.set.len(), None);
            s.residuals.push(residuals);
            s.parts.push(parts);
        }
        s
    }

    /// The parts of set member `i` at year index `t` (security, economic,
    /// institutionalisation, alignment).
    pub(super) fn parts(&self, i: usize, t: usize) -> &[Point; 4] {
        &self.parts[t][i]
    }

    /// The composite series of set member `i`, and its ranks.
    pub(super) fn composite(&self, w: &Indicators, i: usize) -> (Vec<Point>, Vec<RankYear>) {
        let mut ranks = Vec::new();
        let series = w
            .year_list()
            .into_iter()
            .enumerate()
            .map(|(t, y)| {
                let parts = &self.parts[t][i];
                let values: Vec<Option<f64>> = parts.iter().map(|p| p.value).collect();
                let Some(c) = composite::bounded_mean(&values, &self.weights) else {
                    return Point::absent(y, Coverage::NotCovered, "no part covered");
                };
                let mut p = Point::measured(y, c.value, "composite", vec![]);
                p.basis = parts
                    .iter()
                    .zip(&self.weights)
                    .filter(|(x, w)| **w > 0.0 && x.value.is_some())
                    .filter_map(|(x, _)| x.basis)
                    .max();
                p.note = composite_note(parts, &self.weights, &c);
                p.missing = COMPOSITE_PARTS
                    .iter()
                    .zip(parts.iter())
                    .zip(&self.weights)
                    .filter(|((_, x), w)| **w > 0.0 && x.value.is_none())
                    .map(|((n, _), _)| *n)
                    .collect();
                if let Some(s) = &self.sensitivity[t][i] {
                    p = p.with_range(s.lo, s.hi);
                    let of = self.sensitivity[t].iter().filter(|x| x.is_some()).count();
                    ranks.push(RankYear { year: y, of, sensitivity: s.clone() });
                }
                p
            })
            .collect();
        (series, ranks)
    }
}

/// What a composite value rests on, for people: the parts missing, then the
/// parts predicted or carried past their sources.
fn composite_note(parts: &[Point; 4], weights: &[f64], c: &BoundedValue) -> Option<String> {
    let weighted = || COMPOSITE_PARTS.iter().zip(parts).zip(weights).filter(|(_, w)| **w > 0.0).map(|(x, _)| x);
    let missing: Vec<&str> = weighted().filter(|(_, p)| p.value.is_none()).map(|(n, _)| *n).collect();
    let mut notes: Vec<String> = missing_note(c, &missing).into_iter().collect();
    let estimated: Vec<String> = weighted()
        .filter_map(|(name, p)| match (p.basis?, p.carried_from) {
            (Basis::Measured, _) => None,
            (Basis::Predicted, _) => Some(format!("{name} predicted")),
            (Basis::Carried, Some(y)) => Some(format!("{name} carried from {y}")),
            (Basis::Carried, None) => Some(format!("{name} carried")),
        })
        .collect();
    if !estimated.is_empty() {
        notes.push(format!("{} (the source ends earlier)", estimated.join("; ")));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

//! Combining indicators: security, economic hierarchy and alignment from
//! their components, the composite of the four parts with its band under
//! random weights, ranks among the comparison set, and alignment against
//! dependence.
//!
//! When a dataset ends, a part carries its last covered value instead of
//! renormalising onto the parts left (ARCHITECTURE.md, invariant 11), and
//! says so.

use hegemony_measures::composite::{self, Sensitivity};

use super::catalogue::COMPOSITE_PARTS;
use super::indicators::Indicators;
use super::{Coverage, Point, RankYear};

/// Whether a value reaches back past the end of its sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Carry {
    /// Every part from a source covering the year.
    None,
    /// Some weighted components carry an earlier year's value.
    Parts,
    /// The whole value is an earlier year's, carried forward.
    From(i32),
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
fn combine(year: i32, t: usize, parts: &[Part]) -> (Point, Carry) {
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
    let Some(c) = composite::weighted_mean(&values, &weights) else {
        let all_not_covered = parts.iter().all(|(s, _, _)| s[t].coverage == Coverage::NotCovered);
        let worst = if all_not_covered { Coverage::NotCovered } else { Coverage::Missing };
        return (Point::absent(year, worst, "no weighted component has a value"), Carry::None);
    };
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
    (p, if carried_from.is_empty() { Carry::None } else { Carry::Parts })
}

impl Indicators<'_> {
    /// Security hierarchy of set member `i` in year index `t`: troops scaled
    /// by the largest in the set, independent alliances inverted.
    pub(super) fn security(&self, i: usize, t: usize) -> (Point, Carry) {
        let r = &self.raw[i];
        let s = &self.inputs.settings;
        let scale_troops = |v: f64| if self.troops_max > 0.0 { v / self.troops_max } else { 0.0 };
        let invert_independent = |v: f64| if self.independent_max > 0.0 { 1.0 - v / self.independent_max } else { 1.0 };
        let w = |n: &str| s.weight_of(n).unwrap_or(0.0);
        let parts: [Part; 2] = [
            (&r.troops, w("troops"), &scale_troops),
            (&r.independent, w("independent_alliances"), &invert_independent),
        ];
        combine(self.years.0 + t as i32, t, &parts)
    }

    /// Economic hierarchy of set member `i` in year index `t`.
    pub(super) fn economic(&self, i: usize, t: usize) -> (Point, Carry) {
        let r = &self.raw[i];
        let w = |n: &str| self.inputs.settings.weight_of(n).unwrap_or(0.0);
        let same = |v: f64| v;
        let parts: [Part; 4] = [
            (&r.arms_share, w("arms_import_share"), &same),
            (&r.trade_share, w("trade_share"), &same),
            (&r.assets, w("strategic_assets"), &same),
            (&r.arms_hhi, w("arms_supplier_concentration"), &same),
        ];
        combine(self.years.0 + t as i32, t, &parts)
    }

    /// Alignment in UN votes: κ clipped at 0 (1 − distance); past the vote
    /// record, κ predicted from the published ideal points where they reach,
    /// else the last year's value carried forward (and said so).
    pub(super) fn alignment(&self, i: usize, t: usize) -> (Point, Carry) {
        let d = &self.raw[i].distance[t];
        if let Some(v) = d.value {
            let mut p = d.clone();
            p.value = Some((1.0 - v).clamp(0.0, 1.0));
            p.coverage = Coverage::Covered;
            return (p, Carry::None);
        }
        if let Some((a, b)) = self.bridge
            && let Some(x) = self.raw[i].ideal_distance[t].value
        {
            let ideal = &self.raw[i].ideal_distance[t];
            let mut p = Point::measured(d.year, (a + b * x).clamp(0.0, 1.0), "voeten_ideal", ideal.sources.clone());
            p.note = Some(format!(
                "κ predicted from the published ideal-point distance {x:.2} (κ ≈ {a:.2} {b:+.2}·distance, fitted where both exist)"
            ));
            return (p, Carry::None);
        }
        if d.coverage == Coverage::NotCovered && t > 0 {
            let (prev, _) = self.alignment(i, t - 1);
            if prev.value.is_some() {
                let from = prev.carried_from.unwrap_or(prev.year);
                let mut p = prev;
                p.year = d.year;
                p.carried_from = Some(from);
                p.note = Some(format!("carried from {from}: {}", d.note.clone().unwrap_or_default()));
                return (p, Carry::From(from));
            }
        }
        (d.clone(), Carry::None)
    }

    /// The four composite parts of set member `i` in year index `t`, each on [0, 1].
    fn parts_of(&self, i: usize, t: usize) -> [Option<f64>; 4] {
        [
            self.security(i, t).0.value,
            self.economic(i, t).0.value,
            Some(self.raw[i].institutions[t].value),
            self.alignment(i, t).0.value,
        ]
    }
}

/// The composite's inputs across the set: per year index, per set member,
/// the four parts, the sensitivity to the weights, and the residual of
/// alignment against dependence.
pub(super) struct Scores {
    parts: Vec<Vec<[Option<f64>; 4]>>,
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
            let parts: Vec<[Option<f64>; 4]> = (0..w.set.len()).map(|i| w.parts_of(i, t)).collect();
            let as_vec: Vec<Vec<Option<f64>>> = parts.iter().map(|p| p.to_vec()).collect();
            let year = w.years.0 + t as i32;
            let o = &settings.settings;
            s.sensitivity.push(composite::sensitivity(&as_vec, &s.weights, o.sensitivity_draws, o.seed ^ year as u64));
            // Alignment against structural dependence (the mean of the other three parts).
            let dependence: Vec<Option<f64>> =
                parts.iter().map(|p| composite::weighted_mean(&p[..3], &s.weights[..3]).map(|c| c.value)).collect();
            // Only years with votes: a carried alignment would compare the past with the present.
            let alignment: Vec<Option<f64>> =
                w.raw.iter().map(|r| r.distance[t].value.map(|d| (1.0 - d).clamp(0.0, 1.0))).collect();
            s.residuals.push(composite::linear_fit(&dependence, &alignment).1);
            s.parts.push(parts);
        }
        s
    }

    /// The composite series of set member `i`, and its ranks.
    pub(super) fn composite(&self, w: &Indicators, i: usize) -> (Vec<Point>, Vec<RankYear>) {
        let mut ranks = Vec::new();
        let series = w
            .year_list()
            .into_iter()
            .enumerate()
            .map(|(t, y)| {
                let parts = self.parts[t][i];
                let Some(c) = composite::weighted_mean(&parts, &self.weights) else {
                    return Point::absent(y, Coverage::NotCovered, "no part covered");
                };
                let mut p = Point::measured(y, c.value, "composite", vec![]);
                p.note = composite_note(w, i, t, &parts, c.weight_covered);
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

/// What a composite value rests on, for people: the share of the weight
/// covered and the parts left out, then the parts carried past their sources.
fn composite_note(w: &Indicators, i: usize, t: usize, parts: &[Option<f64>; 4], covered: f64) -> Option<String> {
    let carried: Vec<String> =
        [("security", w.security(i, t).1), ("economic", w.economic(i, t).1), ("alignment", w.alignment(i, t).1)]
            .into_iter()
            .filter_map(|(name, carry)| match carry {
                Carry::None => None,
                Carry::Parts => Some(format!("{name} carried")),
                Carry::From(y) => Some(format!("{name} carried from {y}")),
            })
            .collect();
    let carried = (!carried.is_empty()).then(|| format!("{} (the source ends earlier)", carried.join("; ")));
    let missing: Vec<&str> = COMPOSITE_PARTS.iter().zip(parts).filter(|(_, v)| v.is_none()).map(|(k, _)| *k).collect();
    if missing.is_empty() {
        return carried;
    }
    let note = format!("rests on {:.0}% of the weight; not covered: {}", 100.0 * covered, missing.join(", "));
    Some(match carried {
        Some(n) => format!("{note}; {n}"),
        None => note,
    })
}

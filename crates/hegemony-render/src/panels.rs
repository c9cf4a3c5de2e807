//! Small multiples: one small SVG chart per part of the composite with its
//! indicators, and one for each indicator on a scale of its own (troops per
//! 1,000 inhabitants, the distance of ideal points). Lines are labelled
//! directly at their last value; predicted values dashed, carried ones
//! dotted, both with hollow points, as in the main chart ([`crate::chart`]).
//!
//! Structure the dashboard relies on: `svg.multiple[data-measure]`, each line a
//! `g.series[data-measure]` with `path.line` (and `path.line.predicted` /
//! `path.line.carried`), `circle.pt` (`data-year`, `data-basis`) and
//! `text.line-label`.

use std::fmt::Write as _;

use hegemony_engine::profile::catalogue;
use hegemony_engine::profile::{Basis, Measure, Profile};

use crate::chart::colour;
use crate::{esc, short};

/// The panels a relation page shows, in order: the four parts, then the
/// indicators on scales of their own.
pub const PANELS: [&str; 6] = ["security", "economic", "institutionalisation", "alignment", "troops", "ideal_distance"];

/// Components drawn in a part's panel: those on the part's 0–1 scale (the
/// others have a panel of their own or are counts).
fn on_unit_scale(m: &Measure) -> bool {
    let unit = m.unit;
    unit.contains("0–1") || unit.contains("share") || unit == "1 − kappa" || unit == "normalised HHI"
}

const W: f64 = 330.0;
const H: f64 = 210.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 92.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 180.0;

/// Greys and dashes for the indicators beside a part's own colour.
const INDICATOR_STYLES: [(&str, &str); 4] = [("#555", ""), ("#555", "6 2"), ("#777", "2 2"), ("#777", "8 2 2 2")];

struct Scale {
    from: i32,
    to: i32,
    max: f64,
}

impl Scale {
    fn x(&self, year: i32) -> f64 {
        let span = f64::from((self.to - self.from).max(1));
        LEFT + f64::from(year - self.from) / span * (W - LEFT - RIGHT)
    }

    fn y(&self, v: f64) -> f64 {
        BOTTOM - (v / self.max).clamp(0.0, 1.0) * (BOTTOM - TOP)
    }
}

/// A round upper end for an axis from 0 that holds `max`.
fn nice_max(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powf(max.log10().floor());
    let m = max / step;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * step
}

/// The panel of `name` (a part with its indicators, or one indicator on its
/// own scale); `None` if the profile has no such measure.
pub fn panel(p: &Profile, name: &str) -> Option<String> {
    let m = p.measure(name)?;
    let part = catalogue::COMPOSITE_PARTS.contains(&name);
    let lines: Vec<&Measure> = if part {
        std::iter::once(m).chain(m.components.iter().filter(|c| on_unit_scale(c))).collect()
    } else {
        vec![m]
    };
    let max = if part { 1.0 } else { nice_max(m.series.iter().filter_map(|x| x.hi.or(x.value)).fold(0.0, f64::max)) };
    let sc = Scale { from: p.years.0, to: p.years.1, max };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="multiple" data-measure="{}" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" font-family="sans-serif" font-size="10"><title>{}</title>"#,
        esc(name),
        esc(&format!("{}: {} ({})", m.label, if part { "with its indicators" } else { "on its own scale" }, m.unit))
    );
    let _ =
        write!(s, r##"<text x="{LEFT}" y="14" font-size="12" font-weight="bold" fill="#222">{}</text>"##, esc(m.label));
    axes(&mut s, &sc, m.unit);
    let mut labels: Vec<(f64, &'static str, &str)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let (stroke, dash, width) = if i == 0 {
            (colour(if part { name } else { "composite" }), "", 2.2)
        } else {
            let (c, d) = INDICATOR_STYLES[(i - 1) % INDICATOR_STYLES.len()];
            (c, d, 1.3)
        };
        draw(&mut s, line, &sc, stroke, dash, width);
        // The label at the last value, on the right margin.
        if let Some(v) = line.series.iter().rev().find_map(|x| x.value) {
            labels.push((sc.y(v), catalogue::spec(line.name).map_or(line.label, |c| c.short), stroke));
        }
    }
    // Labels at least a line apart, in the order of their values.
    labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last = f64::NEG_INFINITY;
    for (y, text, stroke) in labels {
        let y = y.max(last + 11.0);
        last = y;
        let _ = write!(
            s,
            r#"<text class="line-label" x="{:.1}" y="{:.1}" fill="{stroke}">{}</text>"#,
            W - RIGHT + 4.0,
            y + 3.0,
            esc(text)
        );
    }
    s.push_str("</svg>");
    Some(s)
}

fn axes(s: &mut String, sc: &Scale, unit: &str) {
    s.push_str(r##"<g class="axes" fill="#444" stroke="none">"##);
    for k in 0..=4 {
        let v = sc.max * f64::from(k) / 4.0;
        let y = sc.y(v);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#ddd" stroke-width="0.6"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            W - RIGHT,
            LEFT - 3.0,
            y + 3.0,
            short(v)
        );
    }
    let step = if sc.to - sc.from > 20 { 10 } else { 5 };
    let mut year = sc.from + (step - sc.from.rem_euclid(step)) % step;
    while year <= sc.to {
        let _ = write!(s, r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{year}</text>"#, sc.x(year), BOTTOM + 13.0);
        year += step;
    }
    let _ = write!(
        s,
        r#"<text class="y-title" x="9" y="{:.1}" transform="rotate(-90 9 {:.1})" text-anchor="middle">{}</text></g>"#,
        (TOP + BOTTOM) / 2.0,
        (TOP + BOTTOM) / 2.0,
        esc(unit)
    );
}

fn draw(s: &mut String, m: &Measure, sc: &Scale, stroke: &str, dash: &str, width: f64) {
    let _ = write!(s, r#"<g class="series" data-measure="{}">"#, esc(m.name));
    crate::chart::lines(s, m, &|year| sc.x(year), &|v| sc.y(v), stroke, dash, &format!("{width}"));
    for pt in &m.series {
        let Some(v) = pt.value else { continue };
        if pt.basis.is_some_and(|b| b != Basis::Measured) {
            let _ = write!(
                s,
                r##"<circle class="pt estimated" data-year="{}" data-basis="{}" cx="{:.1}" cy="{:.1}" r="1.8" fill="#fff" stroke="{stroke}"><title>{} {}: {} ({})</title></circle>"##,
                pt.year,
                pt.marker_word(),
                sc.x(pt.year),
                sc.y(v),
                esc(m.label),
                pt.year,
                short(v),
                pt.marker_word()
            );
        }
    }
    s.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::nice_max;

    #[test]
    fn axes_end_on_round_numbers_above_the_data() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(2.84), 5.0);
        assert_eq!(nice_max(0.75), 1.0);
        assert_eq!(nice_max(1.9), 2.0);
        assert_eq!(nice_max(11.0), 20.0);
        assert!((nice_max(0.23) - 0.25).abs() < 1e-12);
    }
}

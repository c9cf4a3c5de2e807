//! The profile chart as SVG, drawn once here for the dashboard (fetched from
//! `/api/v1/relations/{dom}/{sub}/chart.svg`, made clickable by the page's
//! script) and the HTML report (inline). Every text is escaped.
//!
//! Structure the dashboard and its tests rely on: `g.phases > rect.phase`
//! (`data-from`, `data-to`), `g.series[data-measure]` with `path.line`,
//! `path.band` (lo–hi) and `circle.pt` (`data-year`, `data-value`),
//! `g.scenario[data-measure]` (what-if, long dashes), `path.line.predicted`
//! (dashed) and `path.line.carried` (dotted) beside the measured `path.line`,
//! `g.facts > g.fact` (`data-id`, `data-year`, `data-n`: the key fact's
//! number, its label; focusable) holding `path.fact` and `text.fact-label`,
//! each with a `<title>`; `text.y-title` (the y axis); the legend's
//! `g.legend-band`.

use std::fmt::Write as _;

use hegemony_engine::kb::{KnowledgeBase, TimelineEntry};
use hegemony_engine::profile::{Basis, Measure, Profile};

use crate::esc;

/// The measures drawn when none are named: the composite and its four parts.
pub const DEFAULT_MEASURES: [&str; 5] = ["composite", "security", "economic", "institutionalisation", "alignment"];

/// A colour per measure (colour-blind safe, Okabe–Ito: [`crate::palette`]).
pub fn colour(measure: &str) -> &'static str {
    let find = |n: &str| crate::palette::SERIES.iter().find(|(m, _)| *m == n).map(|(_, c)| *c);
    find(measure).or_else(|| find("other")).unwrap_or("#000000")
}

const W: f64 = 960.0;
const H: f64 = 440.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 34.0;
/// The plot ends here; below are the year axis and the facts' rows.
const PLOT_BOTTOM: f64 = 320.0;
/// The first row of key facts (a year's facts are stacked below it).
const FACT_ROW: f64 = 356.0;
/// The height of one row of key facts.
const FACT_STEP: f64 = 13.0;
/// Key facts of one year drawn at most (the rest are listed, not drawn).
const FACT_ROWS: usize = 6;

struct Frame {
    from: i32,
    to: i32,
}

impl Frame {
    fn x(&self, year: f64) -> f64 {
        let span = f64::from((self.to - self.from).max(1));
        LEFT + (year - f64::from(self.from)) / span * (W - LEFT - RIGHT)
    }

    fn y(v: f64) -> f64 {
        PLOT_BOTTOM - v.clamp(0.0, 1.0) * (PLOT_BOTTOM - TOP)
    }
}

/// The chart of `p` (and of a what-if `scenario`, dashed) for the measures
/// named (all on 0–1; default [`DEFAULT_MEASURES`]).
pub fn profile_chart(p: &Profile, scenario: Option<&Profile>, names: &[&str], kb: &KnowledgeBase) -> String {
    let names: Vec<&str> = if names.is_empty() { DEFAULT_MEASURES.to_vec() } else { names.to_vec() };
    let f = Frame { from: p.years.0, to: p.years.1 };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="profile-chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" font-family="sans-serif" font-size="11" data-subordinate="{}" data-dominant="{}"><title>{}</title>"#,
        esc(&p.subordinate),
        esc(&p.dominant),
        esc(&format!("{} under {}, {}–{}", p.subordinate, p.dominant, p.years.0, p.years.1)),
    );
    phases(&mut s, p, &f);
    axes(&mut s, &f);
    for name in &names {
        if let Some(m) = p.measure(name) {
            series(&mut s, m, &f, "series", true);
        }
    }
    if let Some(sc) = scenario {
        for name in &names {
            if let Some(m) = sc.measure(name) {
                series(&mut s, m, &f, "scenario", false);
            }
        }
    }
    facts(&mut s, p, &f, kb);
    legend(&mut s, p, &names, scenario.is_some());
    s.push_str("</svg>");
    s
}

fn phases(s: &mut String, p: &Profile, f: &Frame) {
    s.push_str(r#"<g class="phases">"#);
    for (i, ph) in p.periods.iter().enumerate() {
        let (x0, x1) = (f.x(f64::from(ph.from) - 0.5).max(LEFT), f.x(f64::from(ph.to) + 0.5).min(W - RIGHT));
        let fill = if i % 2 == 0 { "#f2f2f2" } else { "#e4e9f2" };
        let means: Vec<String> = ph.means.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let mut why = format!("Phase {}–{}: {}", ph.from, ph.to, means.join(", "));
        let mut moved: Vec<String> = Vec::new();
        for b in p.breaks.iter().filter(|b| b.year == ph.from) {
            if b.measure != "path" {
                moved.push(format!("{} {:.2} → {:.2}", b.measure, b.before, b.after));
            }
            for fact in b.facts.iter().filter(|x| !x.id.starts_with("claim")).take(4) {
                let line = format!("{} {}", fact.date, fact.text);
                if !moved.contains(&line) {
                    moved.push(line);
                }
            }
        }
        if !moved.is_empty() {
            why.push_str(". It began with: ");
            why.push_str(&moved.join("; "));
        }
        let _ = write!(
            s,
            r#"<rect class="phase" data-from="{}" data-to="{}" x="{x0:.1}" y="{TOP}" width="{:.1}" height="{:.1}" fill="{fill}"><title>{}</title></rect>"#,
            ph.from,
            ph.to,
            (x1 - x0).max(0.0),
            PLOT_BOTTOM - TOP,
            esc(&why)
        );
        let label = phase_label(ph.from, ph.to, x1 - x0);
        // Smaller in a narrow band; about 0.56 units a character per unit of
        // font size: kept inside the chart.
        let (size, attr, pad) = if x1 - x0 < 62.0 { (10.0, r#" font-size="10""#, 2.0) } else { (11.0, "", 3.0) };
        let width = 0.56 * size * label.chars().count() as f64;
        let _ = write!(
            s,
            r##"<text class="phase-label" x="{:.1}" y="{:.1}"{attr} fill="#555">{label}</text>"##,
            (x0 + pad).min(W - 2.0 - width),
            TOP + 12.0,
        );
    }
    s.push_str("</g>");
}

/// A phase's years as its label: one year alone; in a band too narrow for
/// "2024–2025" (`width` in chart units), the second year's last two digits
/// when both are in the same century ("2024–25").
fn phase_label(from: i32, to: i32, width: f64) -> String {
    if from == to {
        from.to_string()
    } else if width < 62.0 && from / 100 == to / 100 {
        format!("{from}–{:02}", to % 100)
    } else {
        format!("{from}–{to}")
    }
}

fn axes(s: &mut String, f: &Frame) {
    s.push_str(r##"<g class="axes" stroke="#888" fill="#333">"##);
    for v in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = Frame::y(v);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#ccc" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" text-anchor="end" stroke="none">{v:.2}</text>"##,
            W - RIGHT,
            LEFT - 4.0,
            y + 4.0
        );
    }
    let step = if f.to - f.from > 40 { 10 } else { 2 };
    let mut y = f.from + (step - f.from.rem_euclid(step)) % step;
    while y <= f.to {
        let x = f.x(f64::from(y));
        let _ = write!(
            s,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{PLOT_BOTTOM}" y2="{:.1}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" stroke="none">{y}</text>"#,
            PLOT_BOTTOM + 4.0,
            PLOT_BOTTOM + 16.0
        );
        y += step;
    }
    let _ = write!(
        s,
        r#"<text class="y-title" x="14" y="{:.1}" transform="rotate(-90 14 {:.1})" text-anchor="middle" stroke="none">index 0–1 (1 = most hierarchy)</text>"#,
        (TOP + PLOT_BOTTOM) / 2.0,
        (TOP + PLOT_BOTTOM) / 2.0
    );
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" stroke="none">key facts</text></g>"#,
        LEFT - 6.0,
        FACT_ROW + 3.0
    );
}

/// The line of `m` as paths: broken where a year has no value; a segment
/// reaching a predicted value dashed, one reaching a carried value dotted,
/// apart from the measured line (`dash` its own pattern, if any). Shared by
/// the chart and the small multiples ([`crate::panels`]).
pub(crate) fn lines(
    s: &mut String,
    m: &Measure,
    x: &dyn Fn(i32) -> f64,
    y: &dyn Fn(f64) -> f64,
    stroke: &str,
    dash: &str,
    width: &str,
) {
    let (mut measured, mut predicted, mut carried) = (String::new(), String::new(), String::new());
    for w in m.series.windows(2) {
        let (Some(a), Some(b)) = (w[0].value, w[1].value) else { continue };
        let d = match w[1].basis.unwrap_or(Basis::Measured) {
            Basis::Measured => &mut measured,
            Basis::Predicted => &mut predicted,
            Basis::Carried => &mut carried,
        };
        let _ = write!(d, "M{:.1},{:.1}L{:.1},{:.1}", x(w[0].year), y(a), x(w[1].year), y(b));
    }
    let own = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
    let _ =
        write!(s, r#"<path class="line" d="{measured}" fill="none" stroke="{stroke}" stroke-width="{width}"{own}/>"#);
    for (d, class, dash) in [(&predicted, "predicted", PREDICTED_DASH), (&carried, "carried", CARRIED_DASH)] {
        if !d.is_empty() {
            let _ = write!(
                s,
                r#"<path class="line estimated {class}" d="{d}" fill="none" stroke="{stroke}" stroke-width="{width}" stroke-dasharray="{dash}"/>"#
            );
        }
    }
}

/// How a segment reaching a predicted value is dashed.
pub const PREDICTED_DASH: &str = "5 3";
/// How a segment reaching a carried value is dotted.
pub const CARRIED_DASH: &str = "1.5 3";

fn series(s: &mut String, m: &Measure, f: &Frame, class: &str, points: bool) {
    let c = colour(m.name);
    let _ = write!(s, r#"<g class="{class}" data-measure="{}">"#, esc(m.name));
    // The band: lo along the years, hi back, in stretches of years that have both.
    let mut band: Vec<(f64, f64, f64)> = Vec::new();
    let flush = |band: &mut Vec<(f64, f64, f64)>, s: &mut String| {
        if band.len() > 1 {
            let mut d = String::new();
            for (i, (x, lo, _)) in band.iter().enumerate() {
                let _ = write!(d, "{}{x:.1},{:.1}", if i == 0 { "M" } else { "L" }, Frame::y(*lo));
            }
            for (x, _, hi) in band.iter().rev() {
                let _ = write!(d, "L{x:.1},{:.1}", Frame::y(*hi));
            }
            let _ = write!(s, r#"<path class="band" d="{d}Z" fill="{c}" fill-opacity="0.15" stroke="none"/>"#);
        }
        band.clear();
    };
    for p in &m.series {
        match (p.lo, p.hi) {
            (Some(lo), Some(hi)) if class == "series" => band.push((f.x(f64::from(p.year)), lo, hi)),
            _ => flush(&mut band, s),
        }
    }
    flush(&mut band, s);
    let (width, dash) = match (m.name, class) {
        (_, "scenario") => ("2", "9 4"),
        ("composite", _) => ("2.5", ""),
        _ => ("1.5", ""),
    };
    lines(s, m, &|year| f.x(f64::from(year)), &Frame::y, c, dash, width);
    if points {
        for p in &m.series {
            let Some(v) = p.value else { continue };
            let mut title = format!("{} {}: {v:.3}", m.label, p.year);
            if let (Some(lo), Some(hi)) = (p.lo, p.hi) {
                let _ = write!(title, " (range {lo:.2}–{hi:.2})");
            }
            match (p.basis, p.carried_from) {
                (Some(Basis::Predicted), _) => title.push_str("; predicted from a published figure"),
                (_, Some(from)) => {
                    let _ = write!(title, "; carried from {from}");
                }
                _ => {}
            }
            if !p.missing.is_empty() {
                let _ = write!(title, "; no data for {} (counted over its whole range)", p.missing.join(", "));
            }
            let estimated = p.basis.is_some_and(|b| b != Basis::Measured);
            if let Some(src) = &p.source {
                let _ = write!(title, "; source {src}");
            }
            // Predicted and carried values are hollow: not drawn like measured ones.
            let fill = if estimated {
                format!(r##"fill="#fff" stroke="{c}" stroke-width="1.2""##)
            } else {
                format!(r#"fill="{c}""#)
            };
            let _ = write!(
                s,
                r#"<circle class="pt{}" data-measure="{}" data-year="{}" data-value="{v:.4}" data-basis="{}" cx="{:.1}" cy="{:.1}" r="{}" {fill}><title>{}</title></circle>"#,
                if estimated { " estimated" } else { "" },
                esc(m.name),
                p.year,
                p.marker_word(),
                f.x(f64::from(p.year)),
                Frame::y(v),
                if m.name == "composite" { 3.5 } else { 2.5 },
                esc(&title)
            );
        }
    }
    s.push_str("</g>");
}

/// The relation's key facts inside its years, numbered from 1 in date
/// order: the numbers the chart labels its markers with and the reports
/// list the facts under.
pub fn numbered_key_facts(p: &Profile) -> Vec<(usize, &TimelineEntry)> {
    p.key_facts()
        .filter(|e| (p.years.0..=p.years.1).contains(&e.date.earliest().year()))
        .enumerate()
        .map(|(i, e)| (i + 1, e))
        .collect()
}

fn facts(s: &mut String, p: &Profile, f: &Frame, kb: &KnowledgeBase) {
    s.push_str(r#"<g class="facts">"#);
    let mut row_of_year: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    for (n, e) in numbered_key_facts(p) {
        let year = e.date.earliest().year();
        let row = row_of_year.entry(year).or_insert(0);
        if *row >= FACT_ROWS {
            continue;
        }
        let (x, y) = (f.x(f64::from(year)), FACT_ROW + *row as f64 * FACT_STEP);
        *row += 1;
        let title = kb.get(&e.fact_id).map(|x| x.title.as_str()).unwrap_or("");
        let full = format!("{n}. {} {} — {title} [{}]", e.date, e.text, e.fact_id);
        // A group per fact: focusable, its title read on hover and focus.
        let _ = write!(
            s,
            r##"<g class="fact" data-id="{}" data-year="{year}" data-n="{n}" tabindex="0" role="button" aria-label="{}"><title>{}</title><path class="fact" data-id="{}" data-year="{year}" d="M{x:.1},{:.1}l4,5l-4,5l-4,-5Z" fill="#444" fill-opacity="0.7"/><text class="fact-label" x="{:.1}" y="{:.1}" font-size="9" fill="#333">{n}</text></g>"##,
            esc(&e.fact_id),
            esc(&full),
            esc(&full),
            esc(&e.fact_id),
            y - 5.0,
            x + 5.0,
            y + 3.0,
        );
    }
    s.push_str("</g>");
}

fn legend(s: &mut String, p: &Profile, names: &[&str], scenario: bool) {
    s.push_str(r#"<g class="legend">"#);
    // Entries left to right, wrapping to a second row before the right edge.
    let (mut x, mut y) = (LEFT, 14.0);
    let mut place = |label: &str, s: &mut String, key: &dyn Fn(f64, f64) -> String| {
        let width = 26.0 + 6.5 * label.chars().count() as f64;
        if x + width > W - RIGHT {
            (x, y) = (LEFT, y + 13.0);
        }
        let _ = write!(s, r#"{}<text x="{:.1}" y="{y}">{}</text>"#, key(x, y), x + 18.0, esc(label));
        x += width;
    };
    for name in names {
        let Some(m) = p.measure(name) else { continue };
        let c = colour(name);
        place(m.label, s, &|x, y| format!(r#"<rect x="{x:.1}" y="{:.1}" width="14" height="4" fill="{c}"/>"#, y - 6.0));
    }
    if scenario {
        place("what-if", s, &|x, y| {
            format!(r##"<path d="M{x:.1},{:.1}h14" stroke="#000" stroke-dasharray="4 2"/>"##, y - 4.0)
        });
    }
    if names.iter().any(|n| p.measure(n).is_some_and(|m| m.series.iter().any(|x| x.lo.is_some()))) {
        place("90% band (random weights, unknown parts)", s, &|x, y| {
            format!(
                r##"<g class="legend-band"><rect x="{x:.1}" y="{:.1}" width="14" height="9" fill="#000" fill-opacity="0.15"/></g>"##,
                y - 8.0
            )
        });
    }
    let has =
        |b: Basis| names.iter().filter_map(|n| p.measure(n)).any(|m| m.series.iter().any(|pt| pt.basis == Some(b)));
    for (basis, label, dash) in
        [(Basis::Predicted, "predicted", PREDICTED_DASH), (Basis::Carried, "carried past its source", CARRIED_DASH)]
    {
        if has(basis) {
            place(label, s, &|x, y| {
                format!(
                    r##"<path d="M{x:.1},{:.1}h14" stroke="#000" stroke-dasharray="{dash}"/><circle cx="{:.1}" cy="{:.1}" r="2.5" fill="#fff" stroke="#000"/>"##,
                    y - 4.0,
                    x + 7.0,
                    y - 4.0
                )
            });
        }
    }
    s.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::phase_label;

    #[test]
    fn phase_labels_fit_their_band() {
        assert_eq!(phase_label(2025, 2025, 27.0), "2025");
        assert_eq!(phase_label(2024, 2025, 54.0), "2024–25");
        assert_eq!(phase_label(1999, 2000, 54.0), "1999–2000", "across a century the years stay whole");
        assert_eq!(phase_label(1995, 2002, 214.0), "1995–2002");
    }
}

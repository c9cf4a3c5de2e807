//! The terminal report of a profile, a comparison, the phases and an
//! explained year: what `hegemony profile | compare | periods | explain`
//! print as text.

use std::fmt::Write as _;

use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::catalogue::{self, TABLE};
use hegemony_engine::profile::{self, Coverage, Headline, Measure, Point, Profile};

use crate::{cell, name_of, short};

/// Components by phase (compact) or by year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// One row per phase, the means of its years.
    Phase,
    /// One row per year.
    Year,
}

/// A column header of the profile's table.
fn column(name: &str) -> &'static str {
    catalogue::spec(name).map_or("?", |s| s.short)
}

/// `explain` of one year: each measure with its components, value, note and sources.
pub fn explain(p: &Profile, year: i32, measures: &[&Measure], kb: &KnowledgeBase) -> String {
    let mut s = format!("{} under {} in {year}\n", name_of(&p.subordinate), name_of(&p.dominant));
    for m in measures {
        explain_text(&mut s, m, year, 0, kb);
    }
    s
}

fn explain_text(s: &mut String, m: &Measure, year: i32, depth: usize, kb: &KnowledgeBase) {
    let pad = "  ".repeat(depth + 1);
    let Some(p) = m.at(year) else { return };
    let weight = m.weight.map(|w| format!(" (weight {w})")).unwrap_or_default();
    let _ = writeln!(s, "{pad}{}{weight}: {}", m.label, value_text(p, m.unit));
    if depth == 0 {
        let _ = writeln!(s, "{pad}  {}", m.about);
    }
    if let Some(note) = &p.note {
        let _ = writeln!(s, "{pad}  {note}");
    }
    for src in p.sources.iter().take(12) {
        let title = src.strip_prefix("kb:").and_then(|id| kb.get(id)).map(|f| format!(" — {}", f.title));
        let _ = writeln!(s, "{pad}  · {src}{}", title.unwrap_or_default());
    }
    if p.sources.len() > 12 {
        let _ = writeln!(s, "{pad}  · … and {} more", p.sources.len() - 12);
    }
    for c in &m.components {
        explain_text(s, c, year, depth + 1, kb);
    }
}

/// A value with its coverage, for people.
fn value_text(p: &Point, unit: &str) -> String {
    match (p.value, p.coverage) {
        (Some(v), _) => {
            let range = match (p.lo, p.hi) {
                (Some(lo), Some(hi)) if (hi - lo).abs() > 1e-9 => format!(" [{lo:.2}–{hi:.2}]"),
                _ => String::new(),
            };
            let how = match p.basis {
                Some(profile::Basis::Predicted) => " (predicted)",
                Some(profile::Basis::Carried) => " (carried)",
                _ => "",
            };
            format!("{}{range} {unit}{how}", short(v))
        }
        (None, Coverage::NotCovered) => "not covered".into(),
        (None, _) => "missing".into(),
    }
}

/// The terminal report of one profile.
pub fn report(p: &Profile, by: By) -> String {
    let mut s = String::new();
    let (from, to) = p.years;
    let _ = writeln!(s, "{} under {}, {from}–{to}\n", name_of(&p.subordinate), name_of(&p.dominant));
    for w in &p.warnings {
        let _ = writeln!(s, "  Warning: {w}.");
    }
    summary(&mut s, p);
    let _ = writeln!(
        s,
        "\nComponents by {} (0–1, 1 = most hierarchy; troops per 1,000 inhabitants; n/c = not covered{})",
        if by == By::Phase { "phase" } else { "year" },
        if by == By::Year { format!(";\n {}", crate::MARKERS) } else { String::new() }
    );
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    let mut header = vec![if by == By::Phase { "years".to_string() } else { "year".to_string() }];
    header.extend(TABLE.iter().map(|n| column(n).to_string()));
    t.set_header(header);
    match by {
        By::Year => {
            for y in from..=to {
                let mut row = vec![y.to_string()];
                row.extend(TABLE.iter().map(|n| cell(p.measure(n), y, "n/c")));
                t.add_row(row);
            }
        }
        By::Phase => {
            for ph in &p.periods {
                let mut row = vec![format!("{}–{}", ph.from, ph.to)];
                for n in TABLE {
                    let v: Vec<f64> = (ph.from..=ph.to).filter_map(|y| p.measure(n).and_then(|m| m.value(y))).collect();
                    row.push(if v.is_empty() { "n/c".into() } else { short(v.iter().sum::<f64>() / v.len() as f64) });
                }
                t.add_row(row);
            }
        }
    }
    for line in t.to_string().lines() {
        let _ = writeln!(s, " {}", line.trim_end());
    }
    s.push('\n');
    phases(&mut s, p);
    let _ = writeln!(s, "\nMain facts");
    let mut facts: Vec<_> = p.key_facts().collect();
    if facts.len() > 14 {
        facts = facts.split_off(facts.len() - 14);
    }
    for f in facts {
        let _ = writeln!(s, "  {:<10} {}  [{}]", f.date.to_string(), f.text, f.fact_id);
    }
    if !p.needs.is_empty() {
        let _ = writeln!(s, "\nNot computed for lack of data");
        for n in &p.needs {
            let _ = writeln!(s, "  {}: needs {} ({})", n.measure, n.files, n.how);
        }
    }
    let _ = writeln!(s, "\nExplain a year: hegemony explain {} --dominant {} --year YEAR", p.subordinate, p.dominant);
    s
}

/// The headline: the composite of the last year with its band, the rank
/// and its interval, how each part was obtained that year, and what
/// changed at the last break (the years' values).
pub fn headline(s: &mut String, h: &Headline) {
    let Some(year) = h.year else {
        let _ = writeln!(s, "  No year could be computed.");
        return;
    };
    let _ = write!(s, "  Hierarchy (composite) {} in {year}", h.composite.map_or("–".into(), |v| format!("{v:.2}")));
    if let (Some(lo), Some(hi)) = (h.lo, h.hi) {
        let _ = write!(s, ", 90% band {lo:.2}–{hi:.2}");
    }
    if h.basis != "measured" {
        let _ = write!(s, " (resting on {} values)", h.basis);
    }
    match (h.rank, h.rank_best, h.rank_worst, h.of) {
        (Some(r), Some(best), Some(worst), Some(of)) => {
            let _ = write!(s, "; rank {r} of {of} among {}'s subordinates (interval {best}–{worst})", h.dominant_name);
        }
        _ if !h.ranked => {
            let _ = write!(s, "; not ranked (outside {}'s comparison set)", h.dominant_name);
        }
        _ => {}
    }
    let _ = writeln!(s, ".");
    let mut by_basis: Vec<String> = Vec::new();
    for basis in ["measured", "predicted", "carried", "none"] {
        let parts: Vec<String> = h
            .parts
            .iter()
            .filter(|x| x.basis == basis)
            .map(|x| match x.carried_from {
                Some(from) => format!("{} (from {from})", x.name),
                None => x.name.to_string(),
            })
            .collect();
        if !parts.is_empty() {
            let word = if basis == "none" { "without data" } else { basis };
            by_basis.push(format!("{word}: {}", parts.join(", ")));
        }
    }
    let _ = writeln!(s, "  Parts in {year}: {}.", by_basis.join("; "));
    if let Some(b) = &h.last_break {
        let moves: Vec<String> = b
            .moves
            .iter()
            .map(|m| {
                let v = |x: Option<f64>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
                format!("{} {} → {}", m.measure, v(m.before), v(m.after))
            })
            .collect();
        let _ = writeln!(
            s,
            "  Last break {}{}: {} ({} → {} values).",
            b.year,
            if b.new_phase { ", a new phase" } else { "" },
            if moves.is_empty() { "the path moved".to_string() } else { moves.join("; ") },
            b.year - 1,
            b.year
        );
        for f in b.facts.iter().take(3) {
            let _ = writeln!(s, "    {} {} [{}]", f.date, f.text, f.id);
        }
    }
}

fn summary(s: &mut String, p: &Profile) {
    let Some(c) = p.measure("composite") else { return };
    let covered: Vec<&Point> = c.series.iter().filter(|x| x.value.is_some()).collect();
    headline(s, &Headline::of(p));
    if covered.is_empty() {
        return;
    }
    let max = covered.iter().max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    let min = covered.iter().min_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    if let (Some(hi), Some(lo)) = (max, min) {
        let _ = writeln!(
            s,
            "  Highest {:.2} in {}, lowest {:.2} in {}.",
            hi.value.unwrap_or_default(),
            hi.year,
            lo.value.unwrap_or_default(),
            lo.year
        );
    }
    for name in ["institutionalisation", "alignment", "ideal_distance", "arms_import_share"] {
        if let Some(m) = p.measure(name) {
            let pts: Vec<&Point> = m.series.iter().filter(|x| x.value.is_some() && x.carried_from.is_none()).collect();
            if let (Some(a), Some(b)) = (pts.first(), pts.last()) {
                // The last year of the highest value.
                let peak =
                    pts.iter().max_by(|x, y| x.value.unwrap_or(0.0).total_cmp(&y.value.unwrap_or(0.0))).unwrap_or(b);
                let (va, vb, vp) =
                    (a.value.unwrap_or_default(), b.value.unwrap_or_default(), peak.value.unwrap_or_default());
                // A peak above both ends is news; a plateau from the start says how long it lasted.
                let middle = if vp - va.max(vb) >= 0.005 {
                    format!(" → peak {vp:.2} in {}", peak.year)
                } else if vp - va < 0.005 && vp - vb >= 0.005 && peak.year > a.year && peak.year < b.year {
                    format!(" (still {vp:.2} in {})", peak.year)
                } else {
                    String::new()
                };
                let _ = writeln!(s, "  {}: {va:.2} in {}{middle} → {vb:.2} in {}.", m.label, a.year, b.year);
            }
        }
    }
    if let Some(r) = p.measure("alignment_residual").and_then(|m| m.series.iter().rev().find(|x| x.value.is_some())) {
        let v = r.value.unwrap_or_default();
        let _ = writeln!(
            s,
            "  In {} it voted {} with {} than its dependence predicts (residual {v:+.2}).",
            r.year,
            if v >= 0.0 { "more" } else { "less" },
            p.dominant
        );
    }
}

/// The phases, breaks and source changes of a profile.
pub fn phases(s: &mut String, p: &Profile) {
    let _ = writeln!(s, "Phases (change points on the path institutionalisation × alignment)");
    for ph in &p.periods {
        let means: Vec<String> = ph.means.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let _ = writeln!(s, "  {}–{}: {}", ph.from, ph.to, means.join(", "));
    }
    if !p.breaks.is_empty() {
        let _ = writeln!(
            s,
            "Breaks (means of the phase before → after), with the facts dated that year or the year before"
        );
        let mut years: Vec<i32> = p.breaks.iter().map(|b| b.year).collect();
        years.dedup();
        // A fact's entry listed under one break is not listed again under the next.
        let mut listed: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
        for y in years {
            let here: Vec<&profile::Break> = p.breaks.iter().filter(|b| b.year == y).collect();
            let moves: Vec<String> = here
                .iter()
                .filter(|b| b.measure != "path")
                .map(|b| format!("{} {:.2} → {:.2}", b.measure, b.before, b.after))
                .collect();
            let path = if here.iter().any(|b| b.measure == "path") { " (a new phase)" } else { "" };
            let _ = writeln!(
                s,
                "  {y}{path}: {}",
                if moves.is_empty() { "the path moved".to_string() } else { moves.join("; ") }
            );
            for line in profile::what_moved(&p.breaks, y) {
                let _ = writeln!(s, "       {line}");
            }
            let fresh: Vec<_> = here[0]
                .facts
                .iter()
                .filter(|f| !f.id.starts_with("claim") && !listed.contains(&(f.id.as_str(), f.date.as_str())))
                .collect();
            for f in fresh.iter().take(5) {
                let _ = writeln!(s, "       {} {} [{}]", f.date, f.text, f.id);
            }
            listed.extend(fresh.iter().map(|f| (f.id.as_str(), f.date.as_str())));
        }
    }
    if !p.source_changes.is_empty() {
        let _ = writeln!(s, "Source changes (annotations, not breaks)");
        for c in &p.source_changes {
            let _ = writeln!(s, "  {} {}: {} → {}", c.year, c.measure, c.from, c.to);
        }
    }
}

/// A comparison of subordinates in `year`, one row each.
pub fn comparison(profiles: &[Profile], year: i32) -> String {
    let mut s = String::new();
    let Some(first) = profiles.first() else { return s };
    let _ = writeln!(
        s,
        "Subordinates of {} in {year} (0–1, 1 = most hierarchy; rank among {} states)\n",
        name_of(&first.dominant),
        first.comparison_set.len()
    );
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    let mut header = vec!["state".to_string(), "rank".into(), "range".into()];
    header.extend(TABLE.iter().map(|n| column(n).to_string()));
    header.push("residual".into());
    t.set_header(header);
    for p in profiles {
        let r = p.rank(year);
        let mut row = vec![
            p.subordinate.clone(),
            r.map_or("–".into(), |r| r.sensitivity.rank.to_string()),
            r.map_or("–".into(), |r| format!("{}–{}", r.sensitivity.rank_best, r.sensitivity.rank_worst)),
        ];
        row.extend(TABLE.iter().map(|n| cell(p.measure(n), year, "n/c")));
        row.push(cell(p.measure("alignment_residual"), year, "n/c"));
        t.add_row(row);
    }
    for line in t.to_string().lines() {
        let _ = writeln!(s, " {}", line.trim_end());
    }
    let _ = writeln!(s, "\n {}", crate::MARKERS);
    let _ = writeln!(s, " Comparison set: {}", first.comparison_rule.split_whitespace().collect::<Vec<_>>().join(" "));
    for p in profiles.iter().filter(|p| !p.ranked) {
        for w in &p.warnings {
            let _ = writeln!(s, " Warning: {w}.");
        }
    }
    s
}

/// What a what-if changed (`changes` describes it: "without arm-csto").
pub fn what_if(changes: &[String], diff: &[profile::Difference]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "\nWhat-if ({}): {} values change", changes.join(", "), diff.len());
    for d in diff.iter().filter(|d| d.measure == "composite" || catalogue::COMPOSITE_PARTS.contains(&d.measure)) {
        let f = |v: Option<f64>| v.map_or("n/c".to_string(), |v| format!("{v:.2}"));
        let _ = writeln!(s, "  {} {:<22} {} → {}", d.year, d.measure, f(d.baseline), f(d.scenario));
    }
    s
}

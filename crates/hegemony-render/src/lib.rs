#![warn(missing_docs)]
//! A hierarchy profile rendered for people, in one place for every
//! interface: the terminal report ([`text`]), the self-contained HTML report
//! ([`html`]) and the SVG chart ([`chart`]) — the CLI prints and writes them,
//! the server serves them. Numbers come from the engine's profile; this crate
//! only decides how they look. Every text that reaches HTML or SVG is escaped
//! ([`esc`]).

pub mod chart;
pub mod html;
pub mod measures;
pub mod palette;
pub mod panels;
pub mod text;

use hegemony_core::Registry;
use hegemony_engine::profile::{Coverage, Measure};

/// Escapes text for HTML and XML (content and quoted attributes).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A state's name from its code (the code itself if unknown).
pub fn name_of(code: &str) -> String {
    Registry::global().lookup(code).map_or_else(|| code.to_string(), |s| s.name.clone())
}

/// A value in a table: two decimals, whole numbers from 10 up.
pub fn short(v: f64) -> String {
    if v.abs() >= 10.0 { format!("{v:.0}") } else { format!("{v:.2}") }
}

/// What the letters after a value in a table mean.
pub const MARKERS: &str = "p = predicted from a published figure, c = carried from an earlier year (the source ends earlier), m = rests on a part without data (counted over its whole range)";

/// How a table cell shows the value of `m` in `year`: the value with its
/// marker (predicted, carried, resting on a missing part), `not covered` as
/// given, a missing value as "–", nothing if the series does not reach the year.
pub fn cell(m: Option<&Measure>, year: i32, not_covered: &str) -> String {
    match m.and_then(|m| m.at(year)) {
        Some(p) => match (p.value, p.coverage) {
            (Some(v), _) => format!("{}{}", short(v), p.marker()),
            (None, Coverage::NotCovered) => not_covered.into(),
            (None, _) => "–".into(),
        },
        None => String::new(),
    }
}

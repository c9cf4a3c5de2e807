//! The catalogue of measures for people: `docs/measures.md` and
//! `hegemony measures --format markdown` (the same text, so the document
//! cannot drift from the code: a test compares them).

use std::fmt::Write as _;

use hegemony_engine::profile::catalogue::{CATALOGUE, DATASETS, Direction, needing};

/// The catalogue as Markdown: for each measure its construct, what counts
/// and what does not, its coverage, and how a year without data is treated.
pub fn markdown() -> String {
    let mut s = String::from(
        "# The measures of the hierarchy profile\n\n\
         Generated from the catalogue of measures (`crates/hegemony-engine/src/profile/catalogue.rs`) by\n\
         `hegemony measures --format markdown`; a test keeps this file equal to it. Every value is on the\n\
         scale its unit gives; indices run from 0 (no hierarchy) to 1 (the most among the dominant state's\n\
         subordinates). Each value says how it was obtained: measured, predicted from a published figure\n\
         (marked `p` in tables, drawn hollow and dotted), or carried from an earlier year (`c`); a value\n\
         resting on a part without data is marked `m`.\n",
    );
    for m in CATALOGUE {
        let direction = match m.direction {
            Direction::Up => "higher = more hierarchy",
            Direction::Down => "higher = less hierarchy",
            Direction::Context => "context, not a degree of hierarchy",
        };
        let place = match (m.parent, m.weighted) {
            (Some(p), true) => format!("a weighted part of `{p}`"),
            (Some(p), false) => format!("shown under `{p}`, not weighted"),
            (None, _) => "a measure of its own".to_string(),
        };
        let _ = write!(
            s,
            "\n## `{}` — {}\n\n{} Unit: {}; {direction}; {place}.\n\n- **What counts:** {}\n- **Coverage:** {}\n- **Without data:** {}\n- **In plain words:** {}\n",
            m.name, m.label, m.about, m.unit, m.counts, m.coverage, m.missing, m.plain
        );
    }
    s.push_str("\n## Datasets\n\n| files | fills | where from |\n|---|---|---|\n");
    for d in DATASETS {
        let _ = writeln!(s, "| `{}` | {} | {} |", d.files, needing(d.dataset), d.how);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn docs_measures_md_is_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/measures.md");
        let now = super::markdown();
        if std::env::var_os("HEGEMONY_WRITE_DOCS").is_some() {
            std::fs::write(path, &now).unwrap();
        }
        let file = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            file == now,
            "docs/measures.md is not the catalogue: run HEGEMONY_WRITE_DOCS=1 cargo test -p hegemony-render"
        );
    }
}

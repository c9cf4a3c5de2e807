//! The complexes' views as result tables, for the interfaces that print tables.

use super::coverage::Coverage;
use super::timeline::{Move, Partner, StatePath, Timeline};
use super::views::ComplexNetwork;
use crate::table::{ColumnData, Table};

/// A table of text columns.
pub(crate) fn text_table(names: &[&str], rows: Vec<Vec<Option<String>>>) -> Table {
    let mut t = Table::default();
    for (k, name) in names.iter().enumerate() {
        t.push(name, ColumnData::Text(rows.iter().map(|r| r[k].clone()).collect()));
    }
    t
}

fn partners(p: &[Partner], most: usize) -> Option<String> {
    (!p.is_empty())
        .then(|| p.iter().take(most).map(|x| format!("{} {:.2}", x.state, x.weight)).collect::<Vec<_>>().join(", "))
}

fn move_row(m: &Move) -> Vec<Option<String>> {
    let place = |p: &super::timeline::Placement| match &p.complex {
        Some(c) => format!("{c} ({})", p.name.as_deref().unwrap_or("")),
        None => p.kind.to_string(),
    };
    let causes: Vec<String> = m
        .causes
        .iter()
        .map(|c| format!("{} {:.2}→{:.2}: {}", c.partner, c.before, c.after, c.changes.join("; ")))
        .collect();
    vec![
        Some(m.year.to_string()),
        Some(m.state.clone()),
        Some(place(&m.from)),
        Some(place(&m.to)),
        m.lasting.map(|l| if l { "yes" } else { "no" }.to_string()),
        Some(causes.join(" | ")),
    ]
}

const MOVE_COLUMNS: [&str; 6] = ["year", "state", "from", "to", "lasting", "ties that changed"];

impl StatePath {
    /// One row per year: complex, subcomplex, strongest amity and enmity partners.
    pub fn to_table(&self) -> Table {
        let rows = self
            .years
            .iter()
            .map(|y| {
                vec![
                    Some(y.year.to_string()),
                    Some(y.placement.complex.clone().unwrap_or_else(|| y.placement.kind.to_string())),
                    y.placement.name.clone(),
                    y.subcomplex.as_ref().map(|s| format!("{} ({})", s.1, s.0)),
                    partners(&y.amity, 4),
                    partners(&y.enmity, 3),
                ]
            })
            .collect();
        text_table(&["year", "complex", "name", "subcomplex", "amity", "enmity"], rows)
    }

    /// One row per move.
    pub fn moves_table(&self) -> Table {
        text_table(&MOVE_COLUMNS, self.moves.iter().map(move_row).collect())
    }
}

impl Timeline {
    /// One row per move of a state between complexes.
    pub fn to_table(&self) -> Table {
        text_table(&MOVE_COLUMNS, self.moves.iter().map(move_row).collect())
    }
}

impl ComplexNetwork {
    /// One row per tie inside the complex.
    pub fn to_table(&self) -> Table {
        let rows = self
            .edges
            .iter()
            .map(|e| {
                let comps: Vec<String> =
                    e.components.iter().map(|c| format!("{:?} {:.2}", c.kind, c.value).to_lowercase()).collect();
                vec![
                    Some(e.a.clone()),
                    Some(e.b.clone()),
                    Some(format!("{:.2}", e.amity)),
                    Some(format!("{:.2}", e.enmity)),
                    Some(format!("{:.2}", e.opportunity)),
                    Some(comps.join(", ")),
                ]
            })
            .collect();
        text_table(&["a", "b", "amity", "enmity", "opportunity", "components"], rows)
    }
}

impl Coverage {
    /// One row per dataset.
    pub fn to_table(&self) -> Table {
        let rows = self
            .datasets
            .iter()
            .map(|d| {
                vec![
                    Some(d.dataset.clone()),
                    Some(d.role.to_string()),
                    Some(d.years.map_or("not in the data folder".into(), |(a, b)| format!("{a}–{b}"))),
                    Some(d.after.to_string()),
                ]
            })
            .collect();
        text_table(&["dataset", "gives", "years", "after its last year"], rows)
    }
}

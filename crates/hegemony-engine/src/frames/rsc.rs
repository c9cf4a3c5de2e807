//! A year's regional security complexes as one row per state: what the
//! Python package's `rsc(year=...)` returns (the CLI's `rsc --year Y` prints
//! one row per complex instead; its JSON is the [`YearView`] itself).

use super::{ints, texts};
use crate::rsc::YearView;
use crate::table::{ColumnData, Table};

/// One state's place in a year.
struct Row<'a> {
    state: &'a str,
    role: &'static str,
    complex: Option<&'a crate::rsc::ComplexView>,
    subcomplex: Option<(&'a str, &'a str)>,
}

/// Columns: `year`, `state`, `role` (`member` of a complex, `insulator`
/// between complexes, `unstructured`), `complex` (its id, e.g. `rsc-RUS`),
/// `complex_name`, `centre`, `subcomplex`, `subcomplex_name`, `polarity`
/// (the complex's kind), `character` (amity/enmity kind), `between` (an
/// insulator's complexes, `"; "`-joined). Members in the complexes' order,
/// then insulators, then unstructured states; null where a column does not
/// apply.
pub fn members(v: &YearView) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    for c in &v.complexes {
        for m in &c.members {
            let sub = c
                .subcomplexes
                .iter()
                .find(|s| s.members.iter().any(|x| x == m))
                .map(|s| (s.id.as_str(), s.name.as_str()));
            rows.push(Row { state: m, role: "member", complex: Some(c), subcomplex: sub });
        }
    }
    for s in &v.insulators {
        rows.push(Row { state: s, role: "insulator", complex: None, subcomplex: None });
    }
    for s in &v.unstructured {
        rows.push(Row { state: s, role: "unstructured", complex: None, subcomplex: None });
    }
    let between = |state: &str| {
        v.insulators_between
            .iter()
            .find(|i| i.state == state)
            .and_then(|i| super::joined(i.between.iter().map(|(c, share)| format!("{c} {share:.2}"))))
    };
    let mut t = Table::default();
    t.push("year", ints(&rows, |_| Some(v.year.into())));
    t.push("state", texts(&rows, |r| Some(r.state.to_string())));
    t.push("role", texts(&rows, |r| Some(r.role.to_string())));
    t.push("complex", texts(&rows, |r| r.complex.map(|c| c.id.clone())));
    t.push("complex_name", texts(&rows, |r| r.complex.map(|c| c.name.clone())));
    t.push("centre", texts(&rows, |r| r.complex.and_then(|c| c.centre.clone())));
    t.push("subcomplex", texts(&rows, |r| r.subcomplex.map(|s| s.0.to_string())));
    t.push("subcomplex_name", texts(&rows, |r| r.subcomplex.map(|s| s.1.to_string())));
    t.push("polarity", texts(&rows, |r| r.complex.map(|c| c.polarity.kind.to_string())));
    t.push("character", texts(&rows, |r| r.complex.map(|c| c.character.kind.to_string())));
    t.push(
        "between",
        ColumnData::Text(rows.iter().map(|r| (r.role == "insulator").then(|| between(r.state)).flatten()).collect()),
    );
    t
}

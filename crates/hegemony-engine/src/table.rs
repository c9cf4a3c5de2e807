//! A typed, column-oriented result table: what every query returns, and what
//! the interfaces render as text, CSV, JSON or Parquet.

use serde::Serialize;

/// The values of one column.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ColumnData {
    /// Whole numbers.
    Int(Vec<Option<i64>>),
    /// Whole numbers that fit 32 bits (state codes, years): half the memory
    /// of `Int` in the million-row panels, `Int32` in Arrow.
    Int32(Vec<Option<i32>>),
    /// Small whole numbers (flags 0/1, levels and types up to 127): `Int8` in Arrow.
    Small(Vec<Option<i8>>),
    /// Real numbers.
    Float(Vec<Option<f64>>),
    /// Text.
    Text(Vec<Option<String>>),
    /// Text with few distinct values (state codes): an index into `labels` per
    /// row, so a million rows do not mean a million strings.
    Category {
        /// Each row's index into `labels`.
        codes: Vec<Option<u32>>,
        /// The distinct values.
        labels: Vec<String>,
    },
}

impl ColumnData {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Int(v) => v.len(),
            ColumnData::Int32(v) => v.len(),
            ColumnData::Small(v) => v.len(),
            ColumnData::Float(v) => v.len(),
            ColumnData::Text(v) => v.len(),
            ColumnData::Category { codes, .. } => codes.len(),
        }
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether any cell is missing (non-finite floats count as missing).
    pub fn has_missing(&self) -> bool {
        match self {
            ColumnData::Int(v) => v.iter().any(Option::is_none),
            ColumnData::Int32(v) => v.iter().any(Option::is_none),
            ColumnData::Small(v) => v.iter().any(Option::is_none),
            ColumnData::Float(v) => v.iter().any(|x| !x.is_some_and(f64::is_finite)),
            ColumnData::Text(v) => v.iter().any(Option::is_none),
            ColumnData::Category { codes, .. } => codes.iter().any(Option::is_none),
        }
    }

    /// One cell, serialised as a number, a string or `null` (missing;
    /// non-finite floats are missing too).
    pub fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            ColumnData::Int(v) => v[row].map_or(Cell::Missing, Cell::Int),
            ColumnData::Int32(v) => v[row].map_or(Cell::Missing, |x| Cell::Int(i64::from(x))),
            ColumnData::Small(v) => v[row].map_or(Cell::Missing, |x| Cell::Int(i64::from(x))),
            ColumnData::Float(v) => v[row].filter(|x| x.is_finite()).map_or(Cell::Missing, Cell::Float),
            ColumnData::Text(_) | ColumnData::Category { .. } => self.text(row).map_or(Cell::Missing, Cell::Text),
        }
    }

    /// The text of a cell of a `Text` or `Category` column.
    pub fn text(&self, row: usize) -> Option<&str> {
        match self {
            ColumnData::Text(v) => v[row].as_deref(),
            ColumnData::Category { codes, labels } => codes[row].map(|c| labels[c as usize].as_str()),
            _ => None,
        }
    }

    /// Builds a category column from 16-bit keys (state codes), labelling each distinct key once.
    pub fn category(keys: impl IntoIterator<Item = u16>, label: impl Fn(u16) -> Option<String>) -> ColumnData {
        // key → 1 + label index; 0 = not seen yet; u32::MAX = no label.
        let mut index = vec![0u32; usize::from(u16::MAX) + 1];
        let mut labels = Vec::new();
        let codes = keys
            .into_iter()
            .map(|k| {
                let slot = &mut index[usize::from(k)];
                if *slot == 0 {
                    *slot = match label(k) {
                        Some(l) => {
                            labels.push(l);
                            labels.len() as u32
                        }
                        None => u32::MAX,
                    };
                }
                (*slot != u32::MAX).then(|| *slot - 1)
            })
            .collect();
        ColumnData::Category { codes, labels }
    }
}

/// A named column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// Its values.
    pub data: ColumnData,
}

/// Columns of equal length: what every tabular command returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Where the rows came from (e.g. `inputs`: the input files with their
    /// SHA-256, as JSON), for formats that can carry it (Parquet metadata).
    pub provenance: Vec<(String, String)>,
}

impl Table {
    /// Adds a column.
    pub fn push(&mut self, name: &str, data: ColumnData) {
        debug_assert!(self.columns.first().is_none_or(|c| c.data.len() == data.len()), "column {name} length");
        self.columns.push(Column { name: name.to_string(), data });
    }

    /// Records the input files (path, SHA-256, rows) as the `hegemony.inputs` provenance.
    pub fn set_inputs(&mut self, inputs: &[hegemony_data::InputFile]) {
        self.provenance.retain(|(k, _)| k != "hegemony.inputs");
        self.provenance.push(("hegemony.inputs".into(), serde_json::to_string(inputs).unwrap_or_default()));
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.data.len())
    }

    /// The rows, serialised as objects (column name → cell, in column order;
    /// `null` for missing): what `--format json` and the API write.
    pub fn rows_view(&self) -> RowsView<'_> {
        RowsView(self)
    }

    /// Appends the rows of `other`, a table with the same columns in the
    /// same order (a block of a table built in parts); columns whose names or
    /// kinds differ are an error naming the first.
    pub fn append(&mut self, other: Table) -> Result<(), String> {
        if self.columns.is_empty() {
            *self = other;
            return Ok(());
        }
        if self.columns.len() != other.columns.len() {
            return Err(format!("{} columns, and {} to append", self.columns.len(), other.columns.len()));
        }
        for (mine, theirs) in self.columns.iter_mut().zip(other.columns) {
            if mine.name != theirs.name {
                return Err(format!("column '{}' meets '{}'", mine.name, theirs.name));
            }
            match (&mut mine.data, theirs.data) {
                (ColumnData::Int(a), ColumnData::Int(b)) => a.extend(b),
                (ColumnData::Int32(a), ColumnData::Int32(b)) => a.extend(b),
                (ColumnData::Small(a), ColumnData::Small(b)) => a.extend(b),
                (ColumnData::Float(a), ColumnData::Float(b)) => a.extend(b),
                (ColumnData::Text(a), ColumnData::Text(b)) => a.extend(b),
                (a, b) => {
                    // Categories (or text meeting categories) are appended as text.
                    let rows = |c: &ColumnData| (0..c.len()).map(|r| c.text(r).map(str::to_string)).collect::<Vec<_>>();
                    match (&*a, &b) {
                        (
                            ColumnData::Category { .. } | ColumnData::Text(_),
                            ColumnData::Category { .. } | ColumnData::Text(_),
                        ) => {
                            let mut all = rows(a);
                            all.extend(rows(&b));
                            *a = ColumnData::Text(all);
                        }
                        _ => return Err(format!("column '{}' changes kind", mine.name)),
                    }
                }
            }
        }
        Ok(())
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnData> {
        self.columns.iter().find(|c| c.name == name).map(|c| &c.data)
    }
}

/// One cell of a table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell<'a> {
    /// A whole number.
    Int(i64),
    /// A finite real number.
    Float(f64),
    /// Text.
    Text(&'a str),
    /// No value (`null`).
    Missing,
}

/// A table's rows as a sequence of objects, column name → cell.
pub struct RowsView<'a>(&'a Table);

impl Serialize for RowsView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Row<'a>(&'a Table, usize);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.columns.len()))?;
                for c in &self.0.columns {
                    m.serialize_entry(&c.name, &c.data.cell(self.1))?;
                }
                m.end()
            }
        }
        let mut seq = s.serialize_seq(Some(self.0.rows()))?;
        for r in 0..self.0.rows() {
            seq.serialize_element(&Row(self.0, r))?;
        }
        seq.end()
    }
}

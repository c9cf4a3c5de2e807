//! A typed, column-oriented result table: what every query returns, and what
//! the interfaces render as text, CSV, JSON or Parquet.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ColumnData {
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Text(Vec<Option<String>>),
}

impl ColumnData {
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Int(v) => v.len(),
            ColumnData::Float(v) => v.len(),
            ColumnData::Text(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One cell as JSON (`null` for missing; non-finite floats are missing too).
    pub fn json(&self, row: usize) -> serde_json::Value {
        use serde_json::Value;
        match self {
            ColumnData::Int(v) => v[row].map_or(Value::Null, Value::from),
            ColumnData::Float(v) => v[row].filter(|x| x.is_finite()).map_or(Value::Null, Value::from),
            ColumnData::Text(v) => v[row].clone().map_or(Value::Null, Value::from),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
}

impl Table {
    pub fn push(&mut self, name: &str, data: ColumnData) {
        debug_assert!(self.columns.first().is_none_or(|c| c.data.len() == data.len()), "column {name} length");
        self.columns.push(Column { name: name.to_string(), data });
    }

    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.data.len())
    }

    pub fn column(&self, name: &str) -> Option<&ColumnData> {
        self.columns.iter().find(|c| c.name == name).map(|c| &c.data)
    }
}

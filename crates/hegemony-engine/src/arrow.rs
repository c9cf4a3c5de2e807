//! A [`Table`] as an Arrow record batch (feature `arrow`): what the Python
//! package hands over through the Arrow C data interface and what Arrow
//! output files hold.
//!
//! Types: whole numbers are `Int64` (`Int32` and `Int8` for the compact
//! columns of large tables: codes, years, flags), real numbers `Float64` (a non-finite
//! value is null, as in every other output: missing is never NaN), text and
//! category columns `Utf8` (plain strings rather than dictionaries, so that
//! joins across tables in pandas and polars need no categorical alignment).
//! A column with no missing cell is declared non-nullable. The table's
//! provenance (`hegemony.inputs` …) is the schema's metadata.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::{ArrayRef, Float64Array, Int8Array, Int32Array, Int64Array, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};

use crate::table::{ColumnData, Table};

/// The Arrow type of a column.
fn data_type(data: &ColumnData) -> DataType {
    match data {
        ColumnData::Int(_) => DataType::Int64,
        ColumnData::Int32(_) => DataType::Int32,
        ColumnData::Small(_) => DataType::Int8,
        ColumnData::Float(_) => DataType::Float64,
        ColumnData::Text(_) | ColumnData::Category { .. } => DataType::Utf8,
    }
}

/// One column as an Arrow array (one copy of the values into Arrow's layout).
fn array(data: &ColumnData) -> ArrayRef {
    match data {
        ColumnData::Int(v) => Arc::new(Int64Array::from_iter(v.iter().copied())),
        ColumnData::Int32(v) => Arc::new(Int32Array::from_iter(v.iter().copied())),
        ColumnData::Small(v) => Arc::new(Int8Array::from_iter(v.iter().copied())),
        ColumnData::Float(v) => Arc::new(Float64Array::from_iter(v.iter().map(|x| x.filter(|x| x.is_finite())))),
        ColumnData::Text(v) => {
            let bytes = v.iter().flatten().map(String::len).sum();
            let mut b = StringBuilder::with_capacity(v.len(), bytes);
            for s in v {
                b.append_option(s.as_deref());
            }
            Arc::new(b.finish())
        }
        ColumnData::Category { codes, labels } => {
            let bytes = codes.iter().flatten().map(|&c| labels[c as usize].len()).sum();
            let mut b = StringBuilder::with_capacity(codes.len(), bytes);
            for c in codes {
                b.append_option(c.map(|c| labels[c as usize].as_str()));
            }
            Arc::new(b.finish())
        }
    }
}

/// The schema of `table`: its columns' names and types, its provenance as metadata.
pub fn schema(table: &Table) -> Schema {
    let fields: Vec<Field> =
        table.columns.iter().map(|c| Field::new(&c.name, data_type(&c.data), c.data.has_missing())).collect();
    let metadata: HashMap<String, String> = table.provenance.iter().cloned().collect();
    Schema::new(fields).with_metadata(metadata)
}

/// `table` as one record batch.
pub fn record_batch(table: &Table) -> Result<RecordBatch, ArrowError> {
    let columns: Vec<ArrayRef> = table.columns.iter().map(|c| array(&c.data)).collect();
    let schema = Arc::new(schema(table));
    if columns.is_empty() {
        return Ok(RecordBatch::new_empty(schema));
    }
    RecordBatch::try_new(schema, columns)
}

#[cfg(test)]
mod tests {
    use arrow_array::{Array, StringArray};

    use super::*;

    #[test]
    fn columns_keep_their_names_types_and_missing_cells() {
        let mut t = Table::default();
        t.push("year", ColumnData::Int(vec![Some(1992), None]));
        t.push("score", ColumnData::Float(vec![Some(0.5), Some(f64::NAN)]));
        t.push("iso3", ColumnData::category([643u16, 371], |c| (c == 643).then(|| "RUS".to_string())));
        t.push("note", ColumnData::Text(vec![None, Some("x".into())]));
        t.provenance.push(("hegemony.inputs".into(), "[]".into()));
        let b = record_batch(&t).unwrap();
        assert_eq!(b.num_rows(), 2);
        let s = b.schema();
        let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names, ["year", "score", "iso3", "note"]);
        assert_eq!(s.field(0).data_type(), &DataType::Int64);
        assert_eq!(s.field(1).data_type(), &DataType::Float64);
        assert_eq!(s.field(2).data_type(), &DataType::Utf8);
        assert_eq!(s.metadata().get("hegemony.inputs").map(String::as_str), Some("[]"));
        // NaN is missing, never a number; a category without a label is missing.
        assert!(b.column(1).is_null(1) && !b.column(1).is_null(0));
        let iso = b.column(2).as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!((iso.value(0), iso.is_null(1)), ("RUS", true));
        assert!(b.column(0).is_null(1));
    }

    #[test]
    fn a_column_without_missing_cells_is_not_nullable() {
        let mut t = Table::default();
        t.push("n", ColumnData::Int(vec![Some(1), Some(2)]));
        t.push("m", ColumnData::Float(vec![Some(1.0), None]));
        let s = schema(&t);
        assert!(!s.field(0).is_nullable() && s.field(1).is_nullable());
    }
}

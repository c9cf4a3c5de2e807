//! Rendering result tables: a terminal table, CSV, JSON or Parquet, to
//! stdout or to a file (written atomically: a temporary file renamed into place).

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use hegemony_engine::{ColumnData, Table};
use parquet::file::writer::SerializedFileWriter;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Parquet,
    /// The Arrow IPC file format (Feather 2): pyarrow.ipc.open_file, polars.read_ipc, arrow::read_feather
    Arrow,
}

/// Where and how to write results; shared by every command.
#[derive(Clone, Debug, clap::Args)]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write to this file instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        self.format.unwrap_or(if self.out.is_none() && io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        })
    }

    /// Writes `table` in the chosen format.
    pub fn emit(&self, table: &Table) -> Result<()> {
        let format = self.format();
        match &self.out {
            Some(path) => write_atomically(path, |w| render(table, format, w)),
            None => {
                if matches!(format, Format::Parquet | Format::Arrow) {
                    bail!("{} is binary: give --out FILE", if format == Format::Parquet { "parquet" } else { "arrow" });
                }
                let stdout = io::stdout();
                let mut w = BufWriter::new(stdout.lock());
                match render(table, format, &mut w).and_then(|()| Ok(w.flush()?)) {
                    // The reader went away (`| head`): not an error of ours.
                    Err(e) if is_broken_pipe(&e) => Ok(()),
                    other => other,
                }
            }
        }
    }

    /// Writes a table that arrives in blocks with the same columns (the
    /// panel, a year at a time) and returns its rows and columns. CSV and
    /// Parquet are written as the blocks come, so only a few blocks are in
    /// memory at a time; the other formats gather the blocks first.
    pub fn emit_blocks(&self, blocks: impl Iterator<Item = Table>) -> Result<(usize, usize)> {
        let format = self.format();
        if !matches!(format, Format::Csv | Format::Parquet) {
            let mut all = Table::default();
            for b in blocks {
                all.append(b).map_err(anyhow::Error::msg)?;
            }
            self.emit(&all)?;
            return Ok((all.rows(), all.columns.len()));
        }
        let mut size = (0, 0);
        let write = |w: &mut dyn Write| -> Result<()> {
            size = match format {
                Format::Csv => write_csv_blocks(blocks, w)?,
                _ => write_parquet_blocks(blocks, w)?,
            };
            Ok(())
        };
        match &self.out {
            Some(path) => write_atomically(path, write)?,
            None => {
                if format == Format::Parquet {
                    bail!("parquet is binary: give --out FILE");
                }
                let stdout = io::stdout();
                let mut w = BufWriter::new(stdout.lock());
                match write(&mut w).and_then(|()| Ok(w.flush()?)) {
                    Err(e) if is_broken_pipe(&e) => {}
                    other => other?,
                }
            }
        }
        Ok(size)
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let io = cause.downcast_ref::<io::Error>().or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
            csv::ErrorKind::Io(io) => Some(io),
            _ => None,
        });
        io.is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes through a temporary file in the same directory, renamed into place
/// on success, so a failure never leaves a half-written output. Paths that
/// exist but are not regular files (`/dev/stdout`, a pipe) are written directly.
pub fn write_atomically(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    if path.exists() && !path.is_file() {
        let mut w = BufWriter::new(File::create(path).with_context(|| format!("cannot open {}", path.display()))?);
        f(&mut w)?;
        return Ok(w.flush()?);
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().context("output path has no file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let file = File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::new(file);
        f(&mut w)?;
        // No fsync: the rename already makes the output all-or-nothing for
        // this process, and a result that can be recomputed is not worth the wait.
        w.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot move the output into {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub fn render(table: &Table, format: Format, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::Csv => write_csv(table, w),
        Format::Json => write_json(table, w),
        Format::Table => write_text_table(table, w),
        Format::Parquet => write_parquet(table, w),
        Format::Arrow => write_arrow(table, w),
    }
}

/// The table as an Arrow IPC file: the engine's Arrow types, its provenance as schema metadata.
fn write_arrow(table: &Table, w: &mut dyn Write) -> Result<()> {
    let batch = hegemony_engine::arrow::record_batch(table)?;
    let mut writer = arrow_ipc::writer::FileWriter::try_new(w, &batch.schema())?;
    writer.write(&batch)?;
    writer.finish()?;
    Ok(())
}

fn cell_text(data: &ColumnData, row: usize) -> String {
    match data {
        ColumnData::Int(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
        ColumnData::Int32(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
        ColumnData::Small(v) => v[row].map(|x| x.to_string()).unwrap_or_default(),
        ColumnData::Float(v) => v[row].filter(|x| x.is_finite()).map(|x| x.to_string()).unwrap_or_default(),
        text @ (ColumnData::Text(_) | ColumnData::Category { .. }) => text.text(row).unwrap_or_default().to_string(),
    }
}

fn write_csv(table: &Table, w: &mut dyn Write) -> Result<()> {
    let mut out = csv_writer(w);
    out.write_record(table.columns.iter().map(|c| c.name.as_str()))?;
    csv_rows(table, &mut out)?;
    out.flush()?;
    Ok(())
}

/// CSV of blocks: the first block's header, then every block's rows.
fn write_csv_blocks(blocks: impl Iterator<Item = Table>, w: &mut dyn Write) -> Result<(usize, usize)> {
    let mut out = csv_writer(w);
    let (mut rows, mut columns) = (0, 0);
    for (i, table) in blocks.enumerate() {
        if i == 0 {
            out.write_record(table.columns.iter().map(|c| c.name.as_str()))?;
            columns = table.columns.len();
        }
        csv_rows(&table, &mut out)?;
        rows += table.rows();
    }
    out.flush()?;
    Ok((rows, columns))
}

fn csv_rows(table: &Table, out: &mut csv::Writer<&mut dyn Write>) -> Result<()> {
    let mut record = csv::ByteRecord::new();
    let mut buf = Vec::with_capacity(32);
    for row in 0..table.rows() {
        record.clear();
        for c in &table.columns {
            buf.clear();
            // Shortest round-trip representation of floats; empty for missing.
            match &c.data {
                ColumnData::Int(v) => {
                    if let Some(x) = v[row] {
                        write!(buf, "{x}")?;
                    }
                }
                ColumnData::Int32(v) => {
                    if let Some(x) = v[row] {
                        write!(buf, "{x}")?;
                    }
                }
                ColumnData::Small(v) => {
                    if let Some(x) = v[row] {
                        write!(buf, "{x}")?;
                    }
                }
                ColumnData::Float(v) => {
                    if let Some(x) = v[row].filter(|x| x.is_finite()) {
                        write!(buf, "{x}")?;
                    }
                }
                text @ (ColumnData::Text(_) | ColumnData::Category { .. }) => {
                    buf.extend_from_slice(text.text(row).unwrap_or("").as_bytes())
                }
            }
            record.push_field(&buf);
        }
        out.write_byte_record(&record)?;
    }
    Ok(())
}

fn csv_writer(w: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().from_writer(w)
}

fn write_json(table: &Table, w: &mut dyn Write) -> Result<()> {
    serde_json::to_writer_pretty(&mut *w, &table.rows_view())?;
    writeln!(w)?;
    Ok(())
}

fn write_text_table(table: &Table, w: &mut dyn Write) -> Result<()> {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    // As wide as the terminal (wrapping long cells), when there is one.
    t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
    t.set_style(comfy_table::TableComponent::HeaderLines, '─');
    t.set_style(comfy_table::TableComponent::MiddleHeaderIntersections, '─');
    t.set_header(table.columns.iter().map(|c| c.name.as_str()));
    for row in 0..table.rows() {
        t.add_row(table.columns.iter().map(|c| match &c.data {
            // Four decimals are enough to read; csv/json/parquet keep full precision.
            ColumnData::Float(v) => v[row].filter(|x| x.is_finite()).map(|x| format!("{x:.4}")).unwrap_or_default(),
            other => cell_text(other, row),
        }));
    }
    writeln!(w, "{t}")?;
    Ok(())
}

/// Rows gathered into one row group when a table arrives in blocks.
const ROW_GROUP: usize = 128 * 1024;

/// Parquet of one table, one row group: columns without a missing value are
/// REQUIRED (no definition levels to encode).
fn write_parquet(table: &Table, w: &mut dyn Write) -> Result<()> {
    let optional: Vec<bool> = table.columns.iter().map(|c| c.data.has_missing()).collect();
    let mut writer = parquet_writer(table, &optional)?;
    row_group(&mut writer, table, &optional)?;
    w.write_all(&writer.into_inner()?)?;
    Ok(())
}

/// Parquet of blocks, row groups of about [`ROW_GROUP`] rows; every column
/// OPTIONAL, since a later block may miss a value the first has.
fn write_parquet_blocks(blocks: impl Iterator<Item = Table>, w: &mut dyn Write) -> Result<(usize, usize)> {
    let (mut writer, mut optional, mut pending, mut rows) = (None, Vec::new(), Table::default(), 0);
    for block in blocks {
        rows += block.rows();
        pending.append(block).map_err(anyhow::Error::msg)?;
        if pending.rows() >= ROW_GROUP {
            if writer.is_none() {
                optional = vec![true; pending.columns.len()];
                writer = Some(parquet_writer(&pending, &optional)?);
            }
            let full = std::mem::take(&mut pending);
            row_group(writer.as_mut().context("the parquet writer")?, &full, &optional)?;
        }
    }
    let mut writer = match writer {
        Some(w) => w,
        None => {
            optional = vec![true; pending.columns.len()];
            parquet_writer(&pending, &optional)?
        }
    };
    if pending.rows() > 0 {
        row_group(&mut writer, &pending, &optional)?;
    }
    w.write_all(&writer.into_inner()?)?;
    Ok((rows, optional.len()))
}

/// A Parquet writer for `table`'s columns (`optional` per column), with the
/// table's provenance as key-value metadata. The file is built in memory
/// (the writer wants a `Send` sink) and copied out when finished.
fn parquet_writer(table: &Table, optional: &[bool]) -> Result<SerializedFileWriter<Vec<u8>>> {
    use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
    use parquet::file::metadata::KeyValue;
    use parquet::file::properties::{EnabledStatistics, WriterProperties};
    use parquet::schema::types::ColumnPath;
    use parquet::schema::types::Type;

    let fields = table
        .columns
        .iter()
        .zip(optional)
        .map(|(c, &optional)| {
            let (physical, logical) = match c.data {
                ColumnData::Int(_) => (Physical::INT64, None),
                ColumnData::Int32(_) => (Physical::INT32, None),
                ColumnData::Small(_) => (
                    Physical::INT32,
                    Some(LogicalType::Integer(parquet::basic::IntType { bit_width: 8, is_signed: true })),
                ),
                ColumnData::Float(_) => (Physical::DOUBLE, None),
                ColumnData::Text(_) | ColumnData::Category { .. } => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
            };
            let repetition = if optional { Repetition::OPTIONAL } else { Repetition::REQUIRED };
            Type::primitive_type_builder(&c.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let schema = Arc::new(Type::group_type_builder("hegemony").with_fields(fields).build()?);
    // Dictionary encoding pays only for repeated text (state codes), not for scores.
    // Large batches and chunk-level statistics only: per-page bookkeeping
    // dominated the write of a million rows.
    let mut props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_dictionary_enabled(false)
        .set_write_batch_size(64 * 1024)
        .set_data_page_size_limit(8 * 1024 * 1024)
        .set_statistics_enabled(EnabledStatistics::Chunk);
    for c in &table.columns {
        if matches!(c.data, ColumnData::Category { .. }) {
            props = props.set_column_dictionary_enabled(ColumnPath::from(c.name.as_str()), true);
        }
    }
    let metadata = table.provenance.iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
    let props = Arc::new(props.set_key_value_metadata(Some(metadata)).build());
    Ok(SerializedFileWriter::new(Vec::new(), schema, props)?)
}

/// `table` as one row group of `writer`.
fn row_group(writer: &mut SerializedFileWriter<Vec<u8>>, table: &Table, optional: &[bool]) -> Result<()> {
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};

    let mut group = writer.next_row_group()?;
    let mut columns = table.columns.iter().zip(optional.iter().copied());
    while let Some(mut col) = group.next_column()? {
        let (column, optional) = columns.next().context("parquet schema and table disagree")?;
        let data = &column.data;
        // Definition level 1 = value present, 0 = missing; none for REQUIRED columns.
        let levels = |defs: &[i16]| -> Option<Vec<i16>> { optional.then(|| defs.to_vec()) };
        match data {
            ColumnData::Int(v) => {
                let (vals, defs) = split(v, |x| *x);
                col.typed::<Int64Type>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
            ColumnData::Int32(v) => {
                let (vals, defs) = split(v, |x| *x);
                col.typed::<Int32Type>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
            ColumnData::Small(v) => {
                let (vals, defs) = split(v, |x| i32::from(*x));
                col.typed::<Int32Type>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
            ColumnData::Float(v) => {
                let (vals, defs) = split(v, |x: &f64| *x);
                col.typed::<DoubleType>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
            ColumnData::Text(v) => {
                let (vals, defs) = split(v, |s: &String| ByteArray::from(s.as_str()));
                col.typed::<ByteArrayType>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
            ColumnData::Category { codes, labels } => {
                // One buffer per label; rows share it (a reference count, not a copy).
                let labels: Vec<ByteArray> = labels.iter().map(|l| ByteArray::from(l.as_str())).collect();
                let (vals, defs) = split(codes, |&c| labels[c as usize].clone());
                col.typed::<ByteArrayType>().write_batch(&vals, levels(&defs).as_deref(), None)?;
            }
        }
        col.close()?;
    }
    group.close()?;
    Ok(())
}

fn split<T, U>(v: &[Option<T>], f: impl Fn(&T) -> U) -> (Vec<U>, Vec<i16>) {
    let defs = v.iter().map(|x| i16::from(x.is_some())).collect();
    (v.iter().flatten().map(f).collect(), defs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block of `years`, one row each: a code, a score missing in odd
    /// years (so the first block has no missing value and a later one has).
    fn block(years: std::ops::RangeInclusive<i64>) -> Table {
        let mut t = Table::default();
        t.push("year", ColumnData::Int(years.clone().map(Some).collect()));
        t.push("score", ColumnData::Float(years.map(|y| (y % 2 == 0).then_some(y as f64 / 4.0)).collect()));
        t
    }

    fn blocks() -> Vec<Table> {
        vec![block(2000..=2000), block(2001..=2003), block(2004..=2004)]
    }

    fn whole() -> Table {
        let mut t = Table::default();
        for b in blocks() {
            t.append(b).unwrap();
        }
        t
    }

    #[test]
    fn csv_in_blocks_is_the_csv_of_the_whole() {
        let (mut streamed, mut at_once) = (Vec::new(), Vec::new());
        assert_eq!(write_csv_blocks(blocks().into_iter(), &mut streamed).unwrap(), (5, 2));
        write_csv(&whole(), &mut at_once).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(at_once).unwrap());
    }

    /// Every row of a Parquet file, as text.
    fn parquet_rows(bytes: Vec<u8>) -> Vec<String> {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(&bytes).unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        reader.get_row_iter(None).unwrap().map(|r| r.unwrap().to_string()).collect()
    }

    #[test]
    fn parquet_in_blocks_holds_the_rows_of_the_whole_and_its_missing_values() {
        let (mut streamed, mut at_once) = (Vec::new(), Vec::new());
        assert_eq!(write_parquet_blocks(blocks().into_iter(), &mut streamed).unwrap(), (5, 2));
        write_parquet(&whole(), &mut at_once).unwrap();
        let rows = parquet_rows(streamed);
        assert_eq!(rows, parquet_rows(at_once));
        // 2001 has no score: null, not 0 (the first block had none missing).
        assert_eq!(rows[1], "{year: 2001, score: null}");
        assert_eq!(rows[4], "{year: 2004, score: 501.0}");
    }

    #[test]
    fn parquet_of_no_block_is_a_file_without_rows() {
        let mut out = Vec::new();
        assert_eq!(write_parquet_blocks(std::iter::empty(), &mut out).unwrap(), (0, 0));
        assert!(out.starts_with(b"PAR1") && out.ends_with(b"PAR1"));
    }
}

//! `hegemony data list|fetch`.

use anyhow::Result;
use hegemony_engine::data::catalog;
use hegemony_engine::{ColumnData, Table};

use crate::Context;
use crate::output::OutputArgs;

#[derive(clap::Subcommand)]
pub enum DataCommand {
    /// The datasets in the data folder: rows, years, content hashes
    List {
        #[command(flatten)]
        output: OutputArgs,
    },
}

pub fn run(ctx: &Context, cmd: &DataCommand) -> Result<()> {
    match cmd {
        DataCommand::List { output } => list(ctx, output),
    }
}

fn list(ctx: &Context, output: &OutputArgs) -> Result<()> {
    let dir = ctx.data_dir()?;
    ctx.note(format!("data directory: {dir}"));
    if !dir.exists() {
        anyhow::bail!("the data directory {} does not exist yet (`hegemony data fetch unvotes` creates it)", dir.path().display());
    }
    let found = catalog::list(dir.path())?;
    let mut t = Table::default();
    t.push("dataset", ColumnData::Text(found.iter().map(|d| Some(d.name.clone())).collect()));
    t.push("rows", ColumnData::Int(found.iter().map(|d| Some(d.file.rows as i64)).collect()));
    t.push("first_year", ColumnData::Int(found.iter().map(|d| d.years.map(|y| i64::from(y.0))).collect()));
    t.push("last_year", ColumnData::Int(found.iter().map(|d| d.years.map(|y| i64::from(y.1))).collect()));
    t.push("bytes", ColumnData::Int(found.iter().map(|d| Some(d.file.bytes as i64)).collect()));
    t.push("sha256", ColumnData::Text(found.iter().map(|d| Some(d.file.sha256.clone())).collect()));
    output.emit(&t)?;
    Ok(())
}

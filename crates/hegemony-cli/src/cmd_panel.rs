//! `hegemony panel`: the dyad-year panel, with the columns asked for.

use anyhow::Result;
use hegemony_engine::panel::{GROUPS, Panel, PanelRequest, System};

use crate::Context;
use crate::output::OutputArgs;

#[derive(clap::Args)]
pub struct PanelArgs {
    /// The years, e.g. 1816-2014 (or one year)
    #[arg(long, value_name = "FROM-TO", default_value = "1816-2014")]
    years: String,
    /// Both orders of every pair (else the lower code first)
    #[arg(long)]
    directed: bool,
    /// The state system: cow (COW v2016) or gw (Gleditsch-Ward)
    #[arg(long, default_value = "cow")]
    system: String,
    /// Column groups to add, comma-separated: atop, cow_alliance, mids, rivalries, contiguity, cinc,
    /// majors, trade, igo, unvotes, idealpoints, hierarchy (see --list)
    #[arg(long, value_delimiter = ',')]
    add: Vec<String>,
    /// List the column groups: their columns, datasets, coverage and joins
    #[arg(long)]
    list: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &PanelArgs) -> Result<()> {
    if args.list {
        for g in GROUPS {
            println!(
                "{} ({})\n  columns: {}\n  files: {}\n  {}\n",
                g.name,
                g.coverage,
                g.columns.join(", "),
                g.files.join(", "),
                g.about
            );
        }
        return Ok(());
    }
    let mut clock = std::time::Instant::now();
    let request = PanelRequest {
        years: crate::parse_range(&args.years)?,
        directed: args.directed,
        system: System::parse(&args.system)?,
        add: args.add.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
    };
    let p = Panel::open(&ctx.engine()?, request)?;
    ctx.phase(&mut clock, "read");
    for input in p.sources().inputs() {
        ctx.note(format!("input: {input}"));
    }
    let diags = &p.sources().diagnostics;
    if let Some(first) = diags.items.first() {
        ctx.note(format!("{} rows of the inputs were not used; first: {first}", diags.len()));
    }
    // One thread makes the year blocks while this one writes them: the
    // panel is never whole in memory, and making and writing overlap.
    let (rows, columns) = std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel(2);
        let panel = &p;
        scope.spawn(move || {
            for years in panel.blocks() {
                if tx.send(panel.block(years)).is_err() {
                    break; // the writer stopped (an error, or the reader of a pipe went away)
                }
            }
        });
        args.output.emit_blocks(rx.into_iter())
    })?;
    ctx.phase(&mut clock, "panel and write");
    ctx.note(format!("{rows} dyad-years, {columns} columns"));
    Ok(())
}

//! `hegemony rsc`: regional security complexes (Buzan & Wæver) — one
//! year's complexes, a state's path between them, every year with the
//! moves, one complex's network, the comparison with *Regions and Powers*,
//! and which datasets cover which years.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use hegemony_engine::rsc::{self, Inputs, RscSettings, Sector};
use hegemony_engine::{Table, select};

use crate::Context;
use crate::output::{Format, render};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RscFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
#[command(after_help = "Examples:\n  hegemony rsc --year 2005\n  hegemony rsc --year 2005 --format json\n  \
                        hegemony rsc --state ARM --years 1991-2025\n  hegemony rsc --years 1946-2025 (every year: the moves)\n  \
                        hegemony rsc --year 2016 --complex rsc-RUS\n  hegemony rsc --year 2000 --compare-book\n  hegemony rsc --coverage")]
pub struct RscArgs {
    /// One year's complexes
    #[arg(long, conflicts_with = "state")]
    year: Option<i32>,
    /// A state's complex and subcomplex by year, with its amity and enmity partners
    #[arg(long)]
    state: Option<String>,
    /// Years: with --state its path (default 1991-2025); alone every year with the moves between complexes
    #[arg(long, value_name = "FROM-TO")]
    years: Option<String>,
    /// With --year: the network of one complex (its id, e.g. rsc-RUS, or a member state)
    #[arg(long, requires = "year")]
    complex: Option<String>,
    /// With --year: the complexes beside Regions and Powers (2003), every disagreement with its reason
    #[arg(long, requires = "year")]
    compare_book: bool,
    /// With --year: each centre's hierarchy over its members, from the profile (slower)
    #[arg(long, requires = "year")]
    hierarchy: bool,
    /// The sector: military-political (default) or economic (trade; to 2014)
    #[arg(long, default_value = "military-political")]
    sector: String,
    /// Weights and thresholds (see crates/hegemony-engine/weights/rsc.toml)
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Which datasets cover which years
    #[arg(long)]
    coverage: bool,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: RscFormat,
}

fn json(value: &impl serde::Serialize) -> Result<()> {
    print(&(serde_json::to_string_pretty(value)? + "\n"))
}

fn table(t: &Table) -> Result<()> {
    let mut buf = Vec::new();
    render(t, Format::Table, &mut buf)?;
    print(&String::from_utf8_lossy(&buf))
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

pub fn run(ctx: &Context, args: &RscArgs) -> Result<()> {
    let sector: Sector = args.sector.parse()?;
    let settings = RscSettings::load(args.settings.as_deref())?;
    // The state is checked before the data are read: a typo costs nothing.
    let state = args.state.as_deref().map(select::state).transpose()?;
    if args.year.is_none() && state.is_none() && args.years.is_none() && !args.coverage {
        bail!("say what to show: --year Y, --state ARM, --years FROM-TO or --coverage (see hegemony rsc --help)");
    }
    let mut clock = std::time::Instant::now();
    let ws = crate::cmd_profile::load_workspace(ctx, None, None)?;
    for input in ws.relations.inputs() {
        ctx.note(format!("input: {input}"));
    }
    if !ws.relations.diagnostics.is_empty() {
        ctx.note(format!(
            "{} rows of the relations datasets were not used; first: {}",
            ws.relations.diagnostics.len(),
            ws.relations.diagnostics.items[0]
        ));
    }
    let inputs = Inputs::new(&ws, &settings);
    let fmt = args.format;
    if args.coverage {
        let c = rsc::coverage(&inputs);
        return if fmt == RscFormat::Json { json(&c) } else { table(&c.to_table()) };
    }
    let result = if let Some(year) = args.year {
        if let Some(id) = &args.complex {
            let n = rsc::complex_network(&inputs, year, sector, id)?;
            if fmt == RscFormat::Json { json(&n) } else { table(&n.to_table()) }
        } else if args.compare_book {
            let c = rsc::compare_with_book(&inputs, year)?;
            ctx.note(format!(
                "{year} beside Regions and Powers: adjusted Rand index {} over {} states both place ({} over the {} checked placements); {} disagreements",
                c.complexes.ari.map_or("undefined".into(), |a| format!("{a:.3}")),
                c.complexes.n,
                c.complexes_checked.ari.map_or("undefined".into(), |a| format!("{a:.3}")),
                c.complexes_checked.n,
                c.disagreements.len()
            ));
            if fmt == RscFormat::Json { json(&c) } else { table(&c.to_table()) }
        } else {
            let v = rsc::year(&inputs, year, sector, args.hierarchy)?;
            for note in &v.method.carried {
                ctx.note(format!("note: {note}"));
            }
            if fmt == RscFormat::Json { json(&v) } else { table(&v.to_table()) }
        }
    } else if let Some(s) = state {
        let years = crate::parse_range(args.years.as_deref().unwrap_or("1991-2025"))?;
        let p = rsc::state_path(&inputs, s.code(), years, sector)?;
        if fmt == RscFormat::Json {
            json(&p)
        } else {
            table(&p.to_table())?;
            if !p.moves.is_empty() {
                print("\nmoves between complexes:\n")?;
                table(&p.moves_table())?;
            }
            Ok(())
        }
    } else {
        let years = crate::parse_range(args.years.as_deref().unwrap_or_default())?;
        let t = rsc::timeline(&inputs, years, sector)?;
        ctx.note(format!("{} years, {} moves between complexes", t.years.len(), t.moves.len()));
        if fmt == RscFormat::Json { json(&t) } else { table(&t.to_table()) }
    };
    ctx.phase(&mut clock, "rsc");
    result
}

//! `hegemony data list|fetch`.

use anyhow::Result;
use hegemony_engine::data::{catalog, fetch};
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
    /// Download an official release into the data folder (resumable, verified, atomic)
    Fetch(FetchArgs),
}

#[derive(clap::Args)]
pub struct FetchArgs {
    /// The dataset: unvotes (UN General Assembly votes, Voeten et al., Harvard Dataverse) or undl
    /// (UN General Assembly votes to the latest session, UN Digital Library)
    name: String,
    /// A dataset version such as 33.0, or for undl a release date such as 2025-07-23 [default: the latest]
    #[arg(long)]
    version: Option<String>,
    /// Take the release file with this exact name instead of the catalog's choice
    #[arg(long)]
    file: Option<String>,
    /// Download again even if a verified copy is present
    #[arg(long)]
    force: bool,
    /// Server URL [default: $HEGEMONY_DATAVERSE_URL, else dataverse.harvard.edu; for undl
    /// $HEGEMONY_UNDL_URL, else digitallibrary.un.org]
    #[arg(long, value_name = "URL")]
    server: Option<String>,
}

pub fn run(ctx: &Context, cmd: &DataCommand) -> Result<()> {
    match cmd {
        DataCommand::List { output } => list(ctx, output),
        DataCommand::Fetch(args) => fetch_dataset(ctx, args),
    }
}

fn list(ctx: &Context, output: &OutputArgs) -> Result<()> {
    let dir = ctx.data_dir()?;
    ctx.note(format!("data directory: {dir}"));
    if !dir.exists() {
        anyhow::bail!(
            "the data directory {} does not exist yet (`hegemony data fetch unvotes` creates it)",
            dir.path().display()
        );
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

/// Shows a download as an indicatif bar on stderr (hidden when stderr is not a terminal).
struct Bar {
    bar: indicatif::ProgressBar,
    quiet: bool,
}

impl fetch::Progress for Bar {
    fn start(&mut self, total: Option<u64>) {
        self.bar = match total {
            Some(n) if !self.quiet => indicatif::ProgressBar::new(n),
            None if !self.quiet => indicatif::ProgressBar::new_spinner(),
            _ => indicatif::ProgressBar::hidden(),
        };
        self.bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    fn advance(&mut self, n: u64) {
        self.bar.inc(n);
    }
    fn finish(&mut self) {
        self.bar.finish_and_clear();
    }
    fn message(&mut self, msg: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("{msg}"));
        }
    }
}

fn fetch_dataset(ctx: &Context, args: &FetchArgs) -> Result<()> {
    if fetch::catalog_entry(&args.name).is_none() {
        let names: Vec<&str> = fetch::catalog().iter().map(|e| e.name).collect();
        anyhow::bail!("unknown dataset '{}'; known: {}", args.name, names.join(", "));
    }
    let dd = ctx.data_dir()?;
    ctx.note(format!("data directory: {dd}"));
    let dir = dd.ensure_exists()?;
    let options = fetch::FetchOptions {
        base_url: args.server.clone(),
        dataset_version: args.version.clone(),
        file_name: args.file.clone(),
        force: args.force,
        ..Default::default()
    };
    let mut bar = Bar { bar: indicatif::ProgressBar::hidden(), quiet: ctx.quiet };
    let report = fetch::fetch(&args.name, dir, &options, &mut bar)?;
    ctx.note(format!(
        "{} version {}: {} ({})",
        report.persistent_id, report.dataset_version, report.remote_file_name, report.selected_by
    ));
    match report.outcome {
        fetch::FetchOutcome::AlreadyPresent => {
            ctx.note(format!("already present and verified: {}", report.path.display()))
        }
        fetch::FetchOutcome::Downloaded { resumed_from, restarts } => ctx.note(format!(
            "downloaded {} bytes to {}{}{}",
            report.bytes,
            report.path.display(),
            resumed_from.map(|b| format!(", resumed from byte {b}")).unwrap_or_default(),
            if restarts > 0 { format!(", restarted {restarts}×") } else { String::new() }
        )),
    }
    ctx.note(format!("sha256 {}; provenance in {}", report.sha256, report.sidecar.display()));
    Ok(())
}

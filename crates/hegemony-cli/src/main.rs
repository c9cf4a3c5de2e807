//! `hegemony`: measure, explain and track hierarchy between states.
//!
//! Data goes to stdout, messages to stderr. Exit codes: 0 success; 1 the
//! command failed (bad input, missing data, an unknown state …); 2 the
//! command line itself was wrong.

mod cmd_agreement;
mod cmd_convergence;
mod cmd_data;
mod cmd_evidence;
mod cmd_ideal;
mod cmd_institutions;
mod cmd_kb;
mod cmd_panel;
mod cmd_profile;
mod cmd_rsc;
mod cmd_serve;
mod cmd_states;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "hegemony", version, about = "Measure, explain and track hierarchy between states")]
struct Cli {
    /// Folder with the datasets [default: $HEGEMONY_DATA, else the platform's user data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print no messages on stderr, only errors
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Always parse the input files; do not read or write the cache of parsed inputs
    #[arg(long, global = true)]
    no_cache: bool,
    /// Print how long each phase took (read, compute, write) on stderr
    #[arg(long, global = true)]
    timings: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List and search the state registry (codes, names, validity, UN membership)
    States(cmd_states::StatesArgs),
    /// Agreement scores between states in UN General Assembly votes
    Agreement(cmd_agreement::AgreementArgs),
    /// Convergence towards a dominant state in UN voting (δ with the movement split, σ, β, γ)
    Convergence(cmd_convergence::ConvergenceArgs),
    /// One-dimensional ideal points from UN votes, per session or year
    Ideal(cmd_ideal::IdealArgs),
    /// The hierarchy profile of a relation, year by year: measures, components, phases, sources
    Profile(cmd_profile::ProfileArgs),
    /// Profiles side by side, or every subordinate of a dominant state ranked (--all)
    Compare(cmd_profile::CompareArgs),
    /// The profile as one self-contained HTML file (charts inline, sources listed)
    Report(cmd_profile::ReportArgs),
    /// Serve the JSON API (/api/v1) and the dashboard
    Serve(cmd_serve::ServeArgs),
    /// The phases of a relation and the facts behind each break
    Periods(cmd_profile::PeriodsArgs),
    /// One year of a profile taken apart: every component and the facts and data rows behind it
    Explain(cmd_profile::ExplainArgs),
    /// The measures of the profile: what each means, what counts, coverage, and how missing years are treated
    Measures(cmd_profile::MeasuresArgs),
    /// How to cite results: the program's version, the knowledge base's and every data file's SHA-256, the date
    Cite(cmd_profile::CiteArgs),
    /// The datasets: what the data folder holds, and downloads
    #[command(subcommand)]
    Data(cmd_data::DataCommand),
    /// The institutionalisation index of a relation by year (provisions in force, memberships)
    #[command(name = "institutionalisation", alias = "institutions")]
    Institutionalisation(cmd_institutions::InstitutionsArgs),
    /// The dyad-year panel (peacesciencer's create_dyadyears and add_*), with the columns asked for
    Panel(cmd_panel::PanelArgs),
    /// Facts of the knowledge base about a relation (agreements, memberships, bases …)
    Facts(cmd_kb::FactsArgs),
    /// The knowledge base: check, export, timeline, stats
    #[command(subcommand)]
    Kb(cmd_kb::KbCommand),
    /// Evidence from documents: ingest, candidate facts, search, review into the knowledge base
    Evidence(cmd_evidence::EvidenceArgs),
    /// Regional security complexes (Buzan & Wæver) by year: members, centre, polarity, subcomplexes, insulators, penetration
    Rsc(cmd_rsc::RscArgs),
}

/// What every command needs from the global options.
pub struct Context {
    pub data_dir: Option<PathBuf>,
    pub quiet: bool,
    pub timings: bool,
    pub no_cache: bool,
    pub started: std::time::Instant,
}

impl Context {
    /// A message for people, on stderr (unless --quiet).
    pub fn note(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// With --timings: the time since the previous phase mark, on stderr.
    pub fn phase(&self, last: &mut std::time::Instant, name: &str) {
        if self.timings {
            let now = std::time::Instant::now();
            eprintln!("timing: {name:<8} {:>8.1} ms", (now - *last).as_secs_f64() * 1e3);
            *last = now;
        }
    }

    /// The inputs a command read (with their SHA-256) and the rows the
    /// loaders could not use, grouped by reason.
    pub fn report_load(&self, votes: &hegemony_engine::data::LoadedVotes) {
        for input in &votes.inputs {
            self.note(format!("input: {input}"));
        }
        if !votes.diagnostics.is_empty() {
            self.note(format!("{} rows of the input were not used:", votes.diagnostics.len()));
            for (reason, n) in votes.diagnostics.summary() {
                self.note(format!("  {n:>7} × {reason}"));
            }
            if let Some(first) = votes.diagnostics.items.first() {
                self.note(format!("  first: {first}"));
            }
        }
    }

    /// The engine over the data folder, with the cache unless --no-cache.
    pub fn engine(&self) -> anyhow::Result<hegemony_engine::Engine> {
        let engine = hegemony_engine::Engine::new(self.data_dir()?.path());
        Ok(if self.no_cache { engine.with_cache(None) } else { engine })
    }

    pub fn data_dir(&self) -> anyhow::Result<hegemony_engine::data::datadir::DataDir> {
        Ok(hegemony_engine::data::datadir::resolve_data_dir(self.data_dir.as_deref())?)
    }
}

/// `1992-2019` (or one year, `2016`) as an inclusive range.
pub fn parse_range(s: &str) -> anyhow::Result<(i32, i32)> {
    Ok(hegemony_engine::select::years(s)?)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context {
        data_dir: cli.data_dir,
        quiet: cli.quiet,
        timings: cli.timings,
        no_cache: cli.no_cache,
        started: std::time::Instant::now(),
    };
    let result = match &cli.command {
        Command::States(a) => cmd_states::run(&ctx, a),
        Command::Agreement(a) => cmd_agreement::run(&ctx, a),
        Command::Data(c) => cmd_data::run(&ctx, c),
        Command::Profile(a) => cmd_profile::run_profile(&ctx, a),
        Command::Compare(a) => cmd_profile::run_compare(&ctx, a),
        Command::Periods(a) => cmd_profile::run_periods(&ctx, a),
        Command::Report(a) => cmd_profile::run_report(&ctx, a),
        Command::Serve(a) => cmd_serve::run(&ctx, a),
        Command::Explain(a) => cmd_profile::run_explain(&ctx, a),
        Command::Measures(a) => cmd_profile::run_measures(a),
        Command::Cite(a) => cmd_profile::run_cite(&ctx, a),
        Command::Ideal(a) => cmd_ideal::run(&ctx, a),
        Command::Convergence(a) => cmd_convergence::run(&ctx, a),
        Command::Institutionalisation(a) => cmd_institutions::run(&ctx, a),
        Command::Panel(a) => cmd_panel::run(&ctx, a),
        Command::Facts(a) => cmd_kb::run_facts(a),
        Command::Kb(k) => cmd_kb::run_kb(k),
        Command::Evidence(a) => cmd_evidence::run(&ctx, a),
        Command::Rsc(a) => cmd_rsc::run(&ctx, a),
    };
    if ctx.timings {
        eprintln!("timing: {:<8} {:>8.1} ms", "total", ctx.started.elapsed().as_secs_f64() * 1e3);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            // Engine messages that already start with "error:" are not prefixed twice.
            if msg.starts_with("error:") {
                eprintln!("{msg}")
            } else {
                eprintln!("error: {msg}")
            }
            ExitCode::from(1)
        }
    }
}

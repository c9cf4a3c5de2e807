//! `hegemony profile | compare | periods | explain`: the hierarchy profile of a
//! relation, side by side, its phases, and one year taken apart.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use hegemony_core::State;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::profile::{self, Profile, ProfileReport, Workspace};
use hegemony_engine::select;
use hegemony_render::text;

use crate::Context;

/// What every profile command needs: the dominant state, the years, the
/// weights, and the what-if changes to the knowledge base.
#[derive(Clone, Debug, clap::Args)]
pub struct ProfileInputArgs {
    /// The dominant state
    #[arg(long)]
    dominant: String,
    /// Years, e.g. 1992-2025
    #[arg(long, value_name = "FROM-TO", default_value = "1992-2025")]
    years: String,
    /// Profile weights and settings (see crates/hegemony-engine/weights/profile.toml)
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Institutionalisation weights (see crates/hegemony-engine/weights/institutionalisation.toml)
    #[arg(long, value_name = "FILE")]
    weights: Option<PathBuf>,
    /// What-if: leave this knowledge-base fact out (repeatable)
    #[arg(long, value_name = "FACT_ID")]
    without: Vec<String>,
    /// What-if: add or change facts from this file, in the knowledge-base format (repeatable)
    #[arg(long, value_name = "FILE")]
    assume: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

/// The formats of `profile` and `compare`: the report, JSON, or the long
/// table (one row per state, year and measure) as CSV or Parquet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileFormat {
    /// The readable report
    Table,
    /// Every series, component and source
    Json,
    /// subordinate, dominant, year, measure, value, lo, hi, coverage, basis, source
    Csv,
    /// The same long table as Parquet (needs --out)
    Parquet,
}

#[derive(clap::Args)]
pub struct ProfileArgs {
    /// The subordinate state
    state: String,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    /// Components by phase (compact) or by year
    #[arg(long, value_enum, default_value = "phase")]
    by: By,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ProfileFormat,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Phase,
    Year,
}

#[derive(clap::Args)]
pub struct CompareArgs {
    /// Subordinate states (or a group such as post-soviet)
    states: Vec<String>,
    /// Rank every subordinate of the dominant state
    #[arg(long)]
    all: bool,
    /// The year compared [default: the latest year in which every ranked state's composite is measured in all
    /// its parts (none predicted, carried or without data)]
    #[arg(long)]
    year: Option<i32>,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ProfileFormat,
    /// Write to this file (atomically) instead of stdout
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// The subordinate state
    state: String,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    /// Write the report here (atomically) instead of to stdout
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct PeriodsArgs {
    state: String,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ReportFormat,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    state: String,
    #[arg(long)]
    year: i32,
    /// Only this measure or component (e.g. institutionalisation, troops)
    #[arg(long)]
    measure: Option<String>,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ReportFormat,
}

impl ProfileInputArgs {
    /// The what-if changes in words ("without arm-csto", "assuming my.toml").
    fn changes(&self) -> Vec<String> {
        let mut changes: Vec<String> = self.without.iter().map(|id| format!("without {id}")).collect();
        changes.extend(self.assume.iter().map(|p| format!("assuming {}", p.display())));
        changes
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MeasuresFormat {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
pub struct MeasuresArgs {
    /// table (name, label, unit, part of), json (the whole catalogue) or markdown (docs/measures.md)
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: MeasuresFormat,
}

#[derive(clap::Args)]
pub struct CiteArgs {
    /// table (the line to cite and the files) or json
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ReportFormat,
}

/// `hegemony cite`: how to cite results computed on this knowledge base and data folder.
pub fn run_cite(ctx: &Context, args: &CiteArgs) -> Result<()> {
    let ws = load_workspace(ctx, None, None)?;
    let c = hegemony_engine::citation::Citation::of(&ws, None);
    match args.format {
        ReportFormat::Json => json(&c),
        ReportFormat::Table => {
            let mut out = format!("{}\n\n", c.text);
            for d in &c.data {
                out.push_str(&format!("{}  {}  {} rows\n", d.sha256, d.file, d.rows));
            }
            out.push_str(&format!("{}  knowledge base, {} facts\n", c.knowledge_base.sha256, c.knowledge_base.facts));
            print(&out)
        }
    }
}

/// `hegemony measures`: the catalogue of measures.
pub fn run_measures(args: &MeasuresArgs) -> Result<()> {
    use hegemony_engine::profile::catalogue;
    match args.format {
        MeasuresFormat::Json => json(&catalogue::view()),
        MeasuresFormat::Markdown => print(&hegemony_render::measures::markdown()),
        MeasuresFormat::Table => {
            let mut t = comfy_table::Table::new();
            t.load_preset(comfy_table::presets::NOTHING);
            t.set_header(["measure", "label", "unit", "part of", "weighted"]);
            for m in catalogue::CATALOGUE {
                t.add_row([m.name, m.label, m.unit, m.parent.unwrap_or("–"), if m.weighted { "yes" } else { "no" }]);
            }
            let text = t.to_string();
            let table: Vec<&str> = text.lines().map(str::trim_end).collect();
            print(&format!(
                "{}\n\nWhat each means, what counts and how missing years are treated: hegemony measures --format markdown\n",
                table.join("\n")
            ))
        }
    }
}

/// Everything read once for a command.
struct Loaded {
    workspace: Workspace,
    /// The knowledge base with the what-if changes, if any were asked for.
    scenario: Option<KnowledgeBase>,
    years: (i32, i32),
}

fn load(ctx: &Context, args: &ProfileInputArgs) -> Result<Loaded> {
    let years = crate::parse_range(&args.years)?;
    let scenario = profile::what_if(&args.without, &args.assume)?;
    let workspace = load_workspace(ctx, args.settings.as_deref(), args.weights.as_deref())?;
    Ok(Loaded { workspace, scenario, years })
}

/// The knowledge base, the settings and the data folder's datasets, with
/// the inputs and the rows not used reported on stderr (`profile`, `serve`).
pub fn load_workspace(ctx: &Context, settings: Option<&Path>, weights: Option<&Path>) -> Result<Workspace> {
    let mut clock = std::time::Instant::now();
    let dir = ctx.data_dir()?;
    let engine = if dir.path().is_dir() {
        ctx.engine()?
    } else {
        let default = hegemony_engine::default_data::folder()?;
        ctx.note(format!(
            "no data folder at {}: using the data compiled in (an extract of the datasets these profiles need; \
             give --data-dir, or set HEGEMONY_DATA, to use your own)",
            dir.path().display()
        ));
        let engine = hegemony_engine::Engine::new(default);
        if ctx.no_cache { engine.with_cache(None) } else { engine }
    };
    let engine = Some(engine);
    let workspace = Workspace::open(engine.as_ref(), settings, weights)?;
    ctx.phase(&mut clock, "kb and data");
    for input in workspace.data.inputs() {
        ctx.note(format!("input: {input}"));
    }
    let diags = &workspace.data.diagnostics;
    if !diags.is_empty() {
        ctx.note(format!("{} rows of the structural data were not used; first: {}", diags.len(), diags.items[0]));
    }
    if let Some(v) = &workspace.votes {
        ctx.report_load(v);
    }
    Ok(workspace)
}

impl Loaded {
    /// Profiles on the baseline, and on the scenario if there is one.
    fn profiles(
        &self,
        dominant: &'static State,
        subs: &[&'static State],
    ) -> Result<(Vec<Profile>, Option<Vec<Profile>>)> {
        let base = profile::profiles(&self.workspace.inputs(None), dominant, subs, self.years)?;
        let scenario = match &self.scenario {
            Some(kb) => Some(profile::profiles(&self.workspace.inputs(Some(kb)), dominant, subs, self.years)?),
            None => None,
        };
        Ok((base, scenario))
    }
}

impl Loaded {
    /// The profile a command shows: the what-if's when there is one (said on stderr).
    fn shown<'a>(
        &self,
        ctx: &Context,
        args: &ProfileInputArgs,
        base: &'a [Profile],
        scenario: Option<&'a [Profile]>,
    ) -> &'a Profile {
        match scenario {
            Some(s) => {
                ctx.note(format!("what-if ({}): values on the changed knowledge base", args.changes().join(", ")));
                &s[0]
            }
            None => &base[0],
        }
    }
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// JSON with the keys of every object sorted, so outputs diff well.
fn json(value: &impl serde::Serialize) -> Result<()> {
    print(&(serde_json::to_string_pretty(&serde_json::to_value(value)?)? + "\n"))
}

pub fn run_profile(ctx: &Context, args: &ProfileArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    let started = std::time::Instant::now();
    let (base, scenario) = loaded.profiles(dom, &[sub])?;
    ctx.note(format!("profile computed in {:.0} ms", started.elapsed().as_secs_f64() * 1e3));
    let p = &base[0];
    let scenario = scenario.as_ref().map(|s| &s[0]);
    let out = args.out.as_deref();
    match args.format {
        ProfileFormat::Json => write_text(out, &json_text(&ProfileReport::new(p, scenario))?),
        ProfileFormat::Csv | ProfileFormat::Parquet => {
            // With a what-if, the scenario's values (the baseline is the same command without it).
            let shown = scenario.unwrap_or(p);
            long(args.format, out, &profile::long_table(std::slice::from_ref(shown), None), &loaded, scenario.is_some())
        }
        ProfileFormat::Table => {
            let by = match args.by {
                By::Phase => text::By::Phase,
                By::Year => text::By::Year,
            };
            let mut text = text::report(p, by);
            if let Some(s) = scenario {
                text.push_str(&text::what_if(&args.inputs.changes(), &profile::differences(p, s)));
            }
            write_text(out, &text)
        }
    }
}

/// Text to `out`, or to stdout.
fn write_text(out: Option<&Path>, text: &str) -> Result<()> {
    match out {
        Some(path) => crate::output::write_atomically(path, |w| Ok(w.write_all(text.as_bytes())?)),
        None => print(text),
    }
}

/// JSON with the keys of every object sorted.
fn json_text(value: &impl serde::Serialize) -> Result<String> {
    Ok(serde_json::to_string_pretty(&serde_json::to_value(value)?)? + "\n")
}

/// The long table as CSV or Parquet, with the citation's inputs as its
/// provenance (Parquet metadata).
fn long(
    format: ProfileFormat,
    out: Option<&Path>,
    table: &hegemony_engine::Table,
    loaded: &Loaded,
    what_if: bool,
) -> Result<()> {
    let mut table = table.clone();
    let citation = hegemony_engine::citation::Citation::of(&loaded.workspace, loaded.scenario.as_ref());
    table.provenance.push(("hegemony.citation".into(), serde_json::to_string(&citation)?));
    if what_if {
        table.provenance.push(("hegemony.what_if".into(), "values on the changed knowledge base".into()));
    }
    let output = crate::output::OutputArgs {
        format: Some(if format == ProfileFormat::Parquet {
            crate::output::Format::Parquet
        } else {
            crate::output::Format::Csv
        }),
        out: out.map(Path::to_path_buf),
    };
    output.emit(&table)
}

/// `hegemony report`: the profile as one self-contained HTML file.
pub fn run_report(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    let (base, scenario) = loaded.profiles(dom, &[sub])?;
    let kb = loaded.scenario.as_ref().unwrap_or(&loaded.workspace.kb);
    let citation = hegemony_engine::citation::Citation::of(&loaded.workspace, loaded.scenario.as_ref());
    let html = hegemony_render::html::render(scenario.as_ref().map_or(&base[0], |s| &s[0]), kb, &citation);
    match &args.out {
        Some(path) => {
            crate::output::write_atomically(path, |w| Ok(w.write_all(html.as_bytes())?))?;
            ctx.note(format!("report written to {}", path.display()));
            Ok(())
        }
        None => print(&html),
    }
}

pub fn run_compare(ctx: &Context, args: &CompareArgs) -> Result<()> {
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    if let Some(year) = args.year
        && !(loaded.years.0..=loaded.years.1).contains(&year)
    {
        anyhow::bail!("--year {year} is outside --years {}", args.inputs.years);
    }
    if args.all && !args.states.is_empty() {
        anyhow::bail!("give states or --all, not both");
    }
    if !args.all && args.states.is_empty() {
        anyhow::bail!("name the states to compare (e.g. ARM BLR KAZ), or give --all");
    }
    let subs = if args.all { vec![] } else { select::states(&args.states.join(","))? };
    let set = if args.all { profile::CompareSet::All } else { profile::CompareSet::States(&subs) };
    // A what-if (--without, --assume) compares on the changed knowledge base.
    let inputs = loaded.workspace.inputs(loaded.scenario.as_ref());
    let (year, complete, profiles) = profile::views::compare_in(&inputs, dom, set, loaded.years, args.year)?;
    if args.year.is_none() {
        ctx.note(match complete {
            Some(y) => format!("{y}: the latest year every ranked state's composite is measured in all its parts (none predicted, carried or without data)"),
            None => format!("{year}: no year has every part of every ranked state measured"),
        });
    }
    let out = args.out.as_deref();
    let mut text = match args.format {
        ProfileFormat::Json => json_text(&profiles)?,
        ProfileFormat::Table => text::comparison(&profiles, year),
        ProfileFormat::Csv | ProfileFormat::Parquet => {
            return long(
                args.format,
                out,
                &profile::long_table(&profiles, Some(year)),
                &loaded,
                loaded.scenario.is_some(),
            );
        }
    };
    if loaded.scenario.is_some() && args.format == ProfileFormat::Table {
        let again = if args.all { profile::CompareSet::All } else { profile::CompareSet::States(&subs) };
        let base = profile::views::compare_in(&loaded.workspace.inputs(None), dom, again, loaded.years, Some(year))?.2;
        for w in &profiles {
            let Some(b) = base.iter().find(|b| b.subordinate == w.subordinate) else { continue };
            let diff: Vec<profile::Difference> =
                profile::differences(b, w).into_iter().filter(|d| d.year == year).collect();
            text.push_str(&text::what_if(&[format!("{}, {}", b.subordinate, args.inputs.changes().join(", "))], &diff));
        }
    }
    write_text(out, &text)
}

pub fn run_periods(ctx: &Context, args: &PeriodsArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    let (base, scenario) = loaded.profiles(dom, &[sub])?;
    let p = loaded.shown(ctx, &args.inputs, &base, scenario.as_deref());
    match args.format {
        ReportFormat::Json => json(&profile::PeriodsView::new(p)),
        ReportFormat::Table => {
            let mut s = String::new();
            text::phases(&mut s, p);
            print(&s)
        }
    }
}

pub fn run_explain(ctx: &Context, args: &ExplainArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    if !(loaded.years.0..=loaded.years.1).contains(&args.year) {
        anyhow::bail!("--year {} is outside --years {}", args.year, args.inputs.years);
    }
    let (base, scenario) = loaded.profiles(dom, &[sub])?;
    let p = loaded.shown(ctx, &args.inputs, &base, scenario.as_deref());
    match args.format {
        ReportFormat::Json => json(&profile::explain_year(p, args.year, args.measure.as_deref(), None)?),
        ReportFormat::Table => {
            let measures = profile::explained(p, args.measure.as_deref())?;
            let kb = loaded.scenario.as_ref().unwrap_or(&loaded.workspace.kb);
            let mut out = text::explain(p, args.year, &measures, kb);
            if let Some(s) = &scenario {
                let diff: Vec<profile::Difference> =
                    profile::differences(&base[0], &s[0]).into_iter().filter(|d| d.year == args.year).collect();
                out.push_str(&text::what_if(&args.inputs.changes(), &diff));
            }
            print(&out)
        }
    }
}

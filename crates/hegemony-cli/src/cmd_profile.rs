//! `hegemony profile | compare | periods | explain`: the hierarchy profile of a
//! relation, side by side, its phases, and one year taken apart.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use hegemony_core::State;
use hegemony_engine::kb::{self, KnowledgeBase};
use hegemony_engine::profile::{self, Coverage, Measure, Point, Profile, Settings, Workspace};
use hegemony_engine::{institutions, select};

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
    format: ReportFormat,
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
    /// The year compared [default: the last year of the range]
    #[arg(long)]
    year: Option<i32>,
    #[command(flatten)]
    inputs: ProfileInputArgs,
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    format: ReportFormat,
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

/// Everything read once for a command.
struct Loaded {
    workspace: Workspace,
    /// The knowledge base with the what-if changes, if any were asked for.
    scenario: Option<KnowledgeBase>,
    years: (i32, i32),
}

fn load(ctx: &Context, args: &ProfileInputArgs) -> Result<Loaded> {
    let years = crate::parse_range(&args.years)?;
    let scenario = if args.without.is_empty() && args.assume.is_empty() {
        None
    } else {
        let mut assumed = Vec::new();
        for path in &args.assume {
            assumed.extend(kb::read_dir_files(path, kb::model::Layer::User, "")?);
        }
        Some(profile::scenario(&kb::LoadOptions::default_paths(), assumed, &args.without)?)
    };
    let workspace = load_workspace(ctx, args.settings.as_deref(), args.weights.as_deref())?;
    Ok(Loaded { workspace, scenario, years })
}

/// The knowledge base, the settings and the data folder's datasets, with
/// the inputs and the rows not used reported on stderr (`profile`, `serve`).
pub fn load_workspace(ctx: &Context, settings: Option<&Path>, weights: Option<&Path>) -> Result<Workspace> {
    let mut clock = std::time::Instant::now();
    let settings = Settings::load(settings)?;
    let weights = institutions::weights(weights)?;
    let kb = KnowledgeBase::load_default()?;
    ctx.phase(&mut clock, "kb");
    let dir = ctx.data_dir()?;
    let engine = if dir.path().is_dir() {
        Some(ctx.engine()?)
    } else {
        ctx.note(format!(
            "no data folder at {}: running on the knowledge base alone (give --data-dir, or set HEGEMONY_DATA)",
            dir.path().display()
        ));
        None
    };
    let workspace = Workspace::load(engine.as_ref(), kb, settings, weights)?;
    ctx.phase(&mut clock, "data");
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

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn json(value: &impl serde::Serialize) -> Result<()> {
    print(&(serde_json::to_string_pretty(value)? + "\n"))
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
    match args.format {
        ReportFormat::Json => json(&profile::report_json(p, scenario)),
        ReportFormat::Table => {
            let mut text = report(p, args.by);
            if let Some(s) = scenario {
                text.push_str(&what_if(&args.inputs, &profile::differences(p, s)));
            }
            print(&text)
        }
    }
}

/// `hegemony report`: the profile as one self-contained HTML file.
pub fn run_report(ctx: &Context, args: &ReportArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    let (base, scenario) = loaded.profiles(dom, &[sub])?;
    let kb = loaded.scenario.as_ref().unwrap_or(&loaded.workspace.kb);
    let html = hegemony_server::report::render(scenario.as_ref().map_or(&base[0], |s| &s[0]), kb);
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
    let year = args.year.unwrap_or(loaded.years.1);
    if !(loaded.years.0..=loaded.years.1).contains(&year) {
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
    let profiles = profile::compare(&loaded.workspace.inputs(None), dom, set, loaded.years, year)?;
    match args.format {
        ReportFormat::Json => json(&profiles),
        ReportFormat::Table => print(&comparison(&profiles, year)),
    }
}

pub fn run_periods(ctx: &Context, args: &PeriodsArgs) -> Result<()> {
    let sub = select::state(&args.state)?;
    let dom = select::state(&args.inputs.dominant)?;
    let loaded = load(ctx, &args.inputs)?;
    let (base, _) = loaded.profiles(dom, &[sub])?;
    let p = &base[0];
    match args.format {
        ReportFormat::Json => json(&profile::periods_json(p)),
        ReportFormat::Table => {
            let mut s = String::new();
            phases(&mut s, p);
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
    let (base, _) = loaded.profiles(dom, &[sub])?;
    let p = &base[0];
    match args.format {
        ReportFormat::Json => json(&profile::explain_year(p, args.year, args.measure.as_deref())?),
        ReportFormat::Table => {
            let mut s = format!("{} under {} in {}\n", name_of(&p.subordinate), name_of(&p.dominant), args.year);
            for m in profile::explained(p, args.measure.as_deref())? {
                explain_text(&mut s, m, args.year, 0, &loaded.workspace.kb);
            }
            print(&s)
        }
    }
}

fn explain_text(s: &mut String, m: &Measure, year: i32, depth: usize, kb: &KnowledgeBase) {
    let pad = "  ".repeat(depth + 1);
    let Some(p) = m.at(year) else { return };
    let weight = m.weight.map(|w| format!(" (weight {w})")).unwrap_or_default();
    let _ = writeln!(s, "{pad}{}{weight}: {}", m.label, value_text(p, m.unit));
    if depth == 0 {
        let _ = writeln!(s, "{pad}  {}", m.about);
    }
    if let Some(note) = &p.note {
        let _ = writeln!(s, "{pad}  {note}");
    }
    for src in p.sources.iter().take(12) {
        let title = src.strip_prefix("kb:").and_then(|id| kb.get(id)).map(|f| format!(" — {}", f.title));
        let _ = writeln!(s, "{pad}  · {src}{}", title.unwrap_or_default());
    }
    if p.sources.len() > 12 {
        let _ = writeln!(s, "{pad}  · … and {} more", p.sources.len() - 12);
    }
    for c in &m.components {
        explain_text(s, c, year, depth + 1, kb);
    }
}

/// A value with its coverage, for people.
fn value_text(p: &Point, unit: &str) -> String {
    match (p.value, p.coverage) {
        (Some(v), _) => {
            let range = match (p.lo, p.hi) {
                (Some(lo), Some(hi)) if (hi - lo).abs() > 1e-9 => format!(" [{lo:.2}–{hi:.2}]"),
                _ => String::new(),
            };
            format!("{}{range} {unit}", short(v))
        }
        (None, Coverage::NotCovered) => "not covered".into(),
        (None, _) => "missing".into(),
    }
}

fn short(v: f64) -> String {
    if v.abs() >= 10.0 { format!("{v:.0}") } else { format!("{v:.2}") }
}

fn cell(m: Option<&Measure>, year: i32) -> String {
    match m.and_then(|m| m.at(year)) {
        Some(p) => match (p.value, p.coverage) {
            (Some(v), _) => short(v),
            (None, Coverage::NotCovered) => "n/c".into(),
            (None, _) => "–".into(),
        },
        None => String::new(),
    }
}

fn name_of(code: &str) -> String {
    hegemony_core::Registry::global().lookup(code).map_or_else(|| code.to_string(), |s| s.name.clone())
}

const COLUMNS: [(&str, &str); 7] = [
    ("composite", "composite"),
    ("security", "security"),
    ("economic", "economic"),
    ("institutionalisation", "institut."),
    ("alignment", "alignment"),
    ("arms_import_share", "arms sh."),
    ("troops", "troops/1k"),
];

/// The terminal report of one profile.
fn report(p: &Profile, by: By) -> String {
    let mut s = String::new();
    let (from, to) = p.years;
    let _ = writeln!(s, "{} under {}, {from}–{to}\n", name_of(&p.subordinate), name_of(&p.dominant));
    summary(&mut s, p);
    let _ = writeln!(
        s,
        "\nComponents by {} (0–1, 1 = most hierarchy; troops per 1,000 inhabitants; n/c = not covered)",
        if by == By::Phase { "phase" } else { "year" }
    );
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    let mut header = vec![if by == By::Phase { "years".to_string() } else { "year".to_string() }];
    header.extend(COLUMNS.iter().map(|c| c.1.to_string()));
    t.set_header(header);
    match by {
        By::Year => {
            for y in from..=to {
                let mut row = vec![y.to_string()];
                row.extend(COLUMNS.iter().map(|(n, _)| cell(p.measure(n), y)));
                t.add_row(row);
            }
        }
        By::Phase => {
            for ph in &p.periods {
                let mut row = vec![format!("{}–{}", ph.from, ph.to)];
                for (n, _) in COLUMNS {
                    let v: Vec<f64> = (ph.from..=ph.to).filter_map(|y| p.measure(n).and_then(|m| m.value(y))).collect();
                    row.push(if v.is_empty() { "n/c".into() } else { short(v.iter().sum::<f64>() / v.len() as f64) });
                }
                t.add_row(row);
            }
        }
    }
    for line in t.to_string().lines() {
        let _ = writeln!(s, " {}", line.trim_end());
    }
    s.push('\n');
    phases(&mut s, p);
    let _ = writeln!(s, "\nMain facts");
    let mut facts: Vec<_> = p
        .facts
        .iter()
        .filter(|f| f.confidence >= 0.8 && f.kind != hegemony_engine::kb::model::FactKind::Claim)
        .collect();
    if facts.len() > 14 {
        facts = facts.split_off(facts.len() - 14);
    }
    for f in facts {
        let _ = writeln!(s, "  {:<10} {}  [{}]", f.date.to_string(), f.text, f.fact_id);
    }
    if !p.needs.is_empty() {
        let _ = writeln!(s, "\nNot computed for lack of data");
        for n in &p.needs {
            let _ = writeln!(s, "  {}: needs {} ({})", n.measure, n.files, n.how);
        }
    }
    let _ = writeln!(s, "\nExplain a year: hegemony explain {} --dominant {} --year YEAR", p.subordinate, p.dominant);
    s
}

fn summary(s: &mut String, p: &Profile) {
    let Some(c) = p.measure("composite") else { return };
    let covered: Vec<&Point> = c.series.iter().filter(|x| x.value.is_some()).collect();
    let Some(last) = covered.last() else {
        let _ = writeln!(s, "  No year could be computed.");
        return;
    };
    let rank = p.ranks.iter().find(|r| r.year == last.year);
    let _ = write!(s, "  Hierarchy (composite) {:.2} in {}", last.value.unwrap_or_default(), last.year);
    if let (Some(lo), Some(hi)) = (last.lo, last.hi) {
        let _ = write!(s, " (90% under random weights {lo:.2}–{hi:.2})");
    }
    if let Some(r) = rank {
        let _ = write!(
            s,
            "; rank {} of {} among {}'s subordinates (between {} and {} under random weights)",
            r.sensitivity.rank, r.of, p.dominant, r.sensitivity.rank_best, r.sensitivity.rank_worst
        );
    }
    let _ = writeln!(s, ".");
    if let Some(note) = &last.note {
        let _ = writeln!(s, "  {}: {note}.", last.year);
    }
    let max = covered.iter().max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    let min = covered.iter().min_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    if let (Some(hi), Some(lo)) = (max, min) {
        let _ = writeln!(
            s,
            "  Highest {:.2} in {}, lowest {:.2} in {}.",
            hi.value.unwrap_or_default(),
            hi.year,
            lo.value.unwrap_or_default(),
            lo.year
        );
    }
    for name in ["institutionalisation", "alignment", "ideal_distance", "arms_import_share"] {
        if let Some(m) = p.measure(name) {
            let pts: Vec<&Point> = m.series.iter().filter(|x| x.value.is_some() && x.carried_from.is_none()).collect();
            if let (Some(a), Some(b)) = (pts.first(), pts.last()) {
                // The last year of the highest value.
                let peak =
                    pts.iter().max_by(|x, y| x.value.unwrap_or(0.0).total_cmp(&y.value.unwrap_or(0.0))).unwrap_or(b);
                let (va, vb, vp) =
                    (a.value.unwrap_or_default(), b.value.unwrap_or_default(), peak.value.unwrap_or_default());
                // A peak above both ends is news; a plateau from the start says how long it lasted.
                let middle = if vp - va.max(vb) >= 0.005 {
                    format!(" → peak {vp:.2} in {}", peak.year)
                } else if vp - va < 0.005 && vp - vb >= 0.005 && peak.year > a.year && peak.year < b.year {
                    format!(" (still {vp:.2} in {})", peak.year)
                } else {
                    String::new()
                };
                let _ = writeln!(s, "  {}: {va:.2} in {}{middle} → {vb:.2} in {}.", m.label, a.year, b.year);
            }
        }
    }
    if let Some(r) = p.measure("alignment_residual").and_then(|m| m.series.iter().rev().find(|x| x.value.is_some())) {
        let v = r.value.unwrap_or_default();
        let _ = writeln!(
            s,
            "  In {} it voted {} with {} than its dependence predicts (residual {v:+.2}).",
            r.year,
            if v >= 0.0 { "more" } else { "less" },
            p.dominant
        );
    }
}

fn phases(s: &mut String, p: &Profile) {
    let _ = writeln!(s, "Phases (change points on the path institutionalisation × alignment)");
    for ph in &p.periods {
        let means: Vec<String> = ph.means.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
        let _ = writeln!(s, "  {}–{}: {}", ph.from, ph.to, means.join(", "));
    }
    if !p.breaks.is_empty() {
        let _ = writeln!(s, "Breaks, with the facts dated that year or the year before");
        let mut years: Vec<i32> = p.breaks.iter().map(|b| b.year).collect();
        years.dedup();
        for y in years {
            let here: Vec<&profile::Break> = p.breaks.iter().filter(|b| b.year == y).collect();
            let moves: Vec<String> = here
                .iter()
                .filter(|b| b.measure != "path")
                .map(|b| format!("{} {:.2} → {:.2}", b.measure, b.before, b.after))
                .collect();
            let path = if here.iter().any(|b| b.measure == "path") { " (a new phase)" } else { "" };
            let _ = writeln!(
                s,
                "  {y}{path}: {}",
                if moves.is_empty() { "the path moved".to_string() } else { moves.join("; ") }
            );
            for line in profile::what_moved(&p.breaks, y) {
                let _ = writeln!(s, "       {line}");
            }
            for f in here[0].facts.iter().filter(|f| !f.id.starts_with("claim")).take(5) {
                let _ = writeln!(s, "       {} {} [{}]", f.date, f.text, f.id);
            }
        }
    }
    if !p.source_changes.is_empty() {
        let _ = writeln!(s, "Source changes (annotations, not breaks)");
        for c in &p.source_changes {
            let _ = writeln!(s, "  {} {}: {} → {}", c.year, c.measure, c.from, c.to);
        }
    }
}

fn comparison(profiles: &[Profile], year: i32) -> String {
    let mut s = String::new();
    let Some(first) = profiles.first() else { return s };
    let _ = writeln!(
        s,
        "Subordinates of {} in {year} (0–1, 1 = most hierarchy; rank among {} states)\n",
        name_of(&first.dominant),
        first.comparison_set.len()
    );
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::NOTHING);
    let mut header = vec!["state".to_string(), "rank".into(), "range".into()];
    header.extend(COLUMNS.iter().map(|c| c.1.to_string()));
    header.push("residual".into());
    t.set_header(header);
    for p in profiles {
        let r = p.ranks.iter().find(|r| r.year == year);
        let mut row = vec![
            p.subordinate.clone(),
            r.map_or("–".into(), |r| r.sensitivity.rank.to_string()),
            r.map_or("–".into(), |r| format!("{}–{}", r.sensitivity.rank_best, r.sensitivity.rank_worst)),
        ];
        row.extend(COLUMNS.iter().map(|(n, _)| cell(p.measure(n), year)));
        row.push(cell(p.measure("alignment_residual"), year));
        t.add_row(row);
    }
    for line in t.to_string().lines() {
        let _ = writeln!(s, " {}", line.trim_end());
    }
    s
}

fn what_if(args: &ProfileInputArgs, diff: &[profile::Difference]) -> String {
    let mut s = String::new();
    let mut changes: Vec<String> = args.without.iter().map(|id| format!("without {id}")).collect();
    changes.extend(args.assume.iter().map(|p| format!("assuming {}", p.display())));
    let _ = writeln!(s, "\nWhat-if ({}): {} values change", changes.join(", "), diff.len());
    for d in diff
        .iter()
        .filter(|d| matches!(d.measure, "composite" | "security" | "economic" | "institutionalisation" | "alignment"))
    {
        let f = |v: Option<f64>| v.map_or("n/c".to_string(), |v| format!("{v:.2}"));
        let _ = writeln!(s, "  {} {:<22} {} → {}", d.year, d.measure, f(d.baseline), f(d.scenario));
    }
    s
}

//! `hegemony facts` and `hegemony kb check|export|timeline|stats`: the
//! knowledge base from the command line. Data goes to stdout, messages to
//! stderr.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use hegemony_engine::kb::{
    Base, DbLocation, Fact, FactKind, KbFile, KnowledgeBase, Layer, LoadError, LoadOptions, canonical_state, compile,
    gather_files,
};
use hegemony_engine::relation;

/// Output formats of the knowledge-base commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KbFormat {
    Table,
    Json,
    Csv,
}

/// The format asked for, else a table on a terminal and CSV in a pipe.
pub fn or_by_terminal(f: Option<KbFormat>) -> KbFormat {
    use std::io::IsTerminal;
    f.unwrap_or(if std::io::stdout().is_terminal() { KbFormat::Table } else { KbFormat::Csv })
}

/// Which knowledge-base files to use (shared by every kb command).
#[derive(Clone, Debug, Default, clap::Args)]
pub struct KbSourceArgs {
    /// Use the TOML files under DIR instead of the knowledge base built into
    /// the program (e.g. a working copy of the repository's kb/)
    #[arg(long, value_name = "DIR")]
    pub kb_dir: Option<PathBuf>,
    /// A directory of your own facts loaded on top [default: $HEGEMONY_KB,
    /// else ~/.local/share/hegemony/kb if it exists]
    #[arg(long, value_name = "DIR")]
    pub user_kb: Vec<PathBuf>,
    /// Ignore the user's own files
    #[arg(long)]
    pub no_user: bool,
    /// Where to keep the compiled database [default: $HEGEMONY_KB_DB, else
    /// ~/.cache/hegemony/kb.sqlite]
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Do not read or write the database (compile in memory)
    #[arg(long)]
    pub no_db: bool,
}

impl KbSourceArgs {
    fn options(&self) -> LoadOptions {
        let base = match &self.kb_dir {
            Some(d) => Base::Dir(d.clone()),
            None => Base::Embedded,
        };
        let user_dirs = if self.no_user {
            vec![]
        } else if !self.user_kb.is_empty() {
            self.user_kb.clone()
        } else {
            hegemony_engine::kb::default_user_dir().into_iter().collect()
        };
        let db = if self.no_db {
            DbLocation::None
        } else {
            match &self.db {
                Some(p) => DbLocation::At(p.clone()),
                None => DbLocation::Default,
            }
        };
        LoadOptions { base, user_dirs, db }
    }

    fn load(&self) -> Result<KnowledgeBase> {
        match KnowledgeBase::load(&self.options()) {
            Ok(kb) => {
                if let Some(w) = &kb.db_warning {
                    eprintln!("warning: knowledge base kept in memory only: {w}");
                }
                Ok(kb)
            }
            Err(LoadError::Invalid(errors)) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                bail!("the knowledge base has {} error(s); run `hegemony kb check` for details", errors.len())
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// `hegemony facts SUB --with DOM [--year Y] [--kind K] [--format F]`.
#[derive(Clone, Debug, clap::Args)]
pub struct FactsArgs {
    /// The subordinate state (ISO3, COW code, name or alias), e.g. ARM
    pub state: String,
    /// The dominant state, e.g. RUS. Facts listed: those with both states as
    /// actors, and memberships of STATE in organisations this state dominates
    #[arg(long = "with", value_name = "STATE")]
    pub with: String,
    /// Only facts in force or happening in this year
    #[arg(long)]
    pub year: Option<i32>,
    /// Only facts of this kind (organisation, membership, agreement, presence,
    /// asset, dependence, event, claim)
    #[arg(long)]
    pub kind: Option<String>,
    /// Output format [default: table on a terminal, csv otherwise]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<KbFormat>,
    #[command(flatten)]
    pub kb: KbSourceArgs,
}

/// `hegemony kb ...`.
#[derive(Clone, Debug, clap::Subcommand)]
pub enum KbCommand {
    /// Validate the knowledge-base files: every error with file, line and hint
    Check {
        /// Check these files or directories as your own files, on top of the
        /// built-in knowledge base (or of --kb-dir)
        paths: Vec<PathBuf>,
        /// Print the errors as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        kb: KbSourceArgs,
    },
    /// Export all facts (id, kind, actors, title, dates, status, provisions,
    /// sources, confidence)
    Export {
        #[arg(long, short = 'f', value_enum, default_value_t = KbFormat::Json)]
        format: KbFormat,
        #[command(flatten)]
        kb: KbSourceArgs,
    },
    /// A dated, readable history of a relation, in chronological order
    Timeline {
        /// The subordinate state, e.g. ARM
        state: String,
        /// The dominant state, e.g. RUS
        #[arg(long = "with", value_name = "STATE")]
        with: String,
        /// Output format [default: table on a terminal, csv otherwise]
        #[arg(long, short = 'f', value_enum)]
        format: Option<KbFormat>,
        #[command(flatten)]
        kb: KbSourceArgs,
    },
    /// Counts of facts by kind and by state
    Stats {
        /// Output format [default: table on a terminal, csv otherwise]
        #[arg(long, short = 'f', value_enum)]
        format: Option<KbFormat>,
        #[command(flatten)]
        kb: KbSourceArgs,
    },
}

fn state(q: &str) -> Result<String> {
    canonical_state(q).map_err(|e| anyhow::anyhow!("{e}"))
}

fn dates(f: &Fact) -> String {
    match (f.start, f.end) {
        (Some(s), Some(e)) if s == e => s.to_string(),
        (Some(s), Some(e)) => format!("{s} – {e}"),
        (Some(s), None) => format!("{s} –"),
        (None, Some(e)) => format!("– {e}"),
        (None, None) => String::new(),
    }
}

fn provisions(f: &Fact) -> String {
    f.provisions().iter().map(|p| p.kind.as_str()).collect::<Vec<_>>().join(", ")
}

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_header(header.to_vec());
    t
}

/// A reader that closed the pipe early (`| head`) is not an error.
fn quiet_pipe(r: std::io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn print_json(v: &serde_json::Value) -> Result<()> {
    let mut out = std::io::stdout().lock();
    quiet_pipe(serde_json::to_writer_pretty(&mut out, v).map_err(std::io::Error::from).and_then(|()| writeln!(out)))
}

fn print_csv(header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(header)?;
    for r in rows {
        if let Err(e) = w.write_record(r) {
            return match e.kind() {
                csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(e.into()),
            };
        }
    }
    quiet_pipe(w.flush())
}

/// Runs `hegemony facts`.
pub fn run_facts(args: &FactsArgs) -> Result<()> {
    let sub = state(&args.state)?;
    let dom = state(&args.with)?;
    let kind: Option<FactKind> =
        args.kind.as_deref().map(str::parse).transpose().map_err(|e: String| anyhow::anyhow!(e))?;
    let kb = args.kb.load()?;
    let facts = relation::facts(&kb, &sub, &dom, args.year, kind);
    eprintln!(
        "{} fact(s) for {sub} with {dom}{}{}",
        facts.len(),
        args.year.map(|y| format!(" in {y}")).unwrap_or_default(),
        kind.map(|k| format!(", kind {k}")).unwrap_or_default()
    );
    let header = ["id", "kind", "dates", "status", "title", "provisions", "confidence", "via"];
    let rows: Vec<Vec<String>> = facts
        .iter()
        .map(|d| {
            let f = d.fact;
            vec![
                f.id.clone(),
                f.kind().to_string(),
                dates(f),
                relation::status_for(f, args.year),
                f.title.clone(),
                provisions(f),
                format!("{:.2}", f.confidence),
                d.via_org.clone().unwrap_or_default(),
            ]
        })
        .collect();
    match or_by_terminal(args.format) {
        KbFormat::Json => print_json(&serde_json::to_value(relation::facts_view(&facts, args.year))?),
        KbFormat::Csv => print_csv(&header, &rows),
        KbFormat::Table => {
            let mut t = new_table(&header);
            for r in rows {
                t.add_row(r);
            }
            println!("{t}");
            Ok(())
        }
    }
}

/// Runs `hegemony kb ...`.
pub fn run_kb(cmd: &KbCommand) -> Result<()> {
    match cmd {
        KbCommand::Check { paths, json, kb } => check(paths, *json, kb),
        KbCommand::Export { format, kb } => {
            let kb = kb.load()?;
            let v = kb.export_json();
            match format {
                KbFormat::Json => print_json(&v),
                KbFormat::Csv | KbFormat::Table => {
                    let header = [
                        "id",
                        "kind",
                        "actors",
                        "orgs",
                        "start",
                        "end",
                        "status",
                        "title",
                        "provisions",
                        "confidence",
                        "sources",
                    ];
                    let rows: Vec<Vec<String>> = kb
                        .facts()
                        .iter()
                        .map(|f| {
                            vec![
                                f.id.clone(),
                                f.kind().to_string(),
                                f.actors.join(" "),
                                f.orgs.join(" "),
                                f.start.map(|d| d.to_string()).unwrap_or_default(),
                                f.end.map(|d| d.to_string()).unwrap_or_default(),
                                f.status_on(hegemony_engine::kb::today()),
                                f.title.clone(),
                                provisions(f),
                                format!("{:.2}", f.confidence),
                                f.sources.iter().map(|s| s.short()).collect::<Vec<_>>().join(" | "),
                            ]
                        })
                        .collect();
                    if *format == KbFormat::Csv {
                        print_csv(&header, &rows)
                    } else {
                        let mut t = new_table(&header);
                        for r in rows {
                            t.add_row(r);
                        }
                        println!("{t}");
                        Ok(())
                    }
                }
            }
        }
        KbCommand::Timeline { state: s, with, format, kb } => {
            let sub = state(s)?;
            let dom = state(with)?;
            let kb = kb.load()?;
            let entries = kb.timeline(&sub, &dom);
            eprintln!("{} dated entries for {sub} with {dom}", entries.len());
            match or_by_terminal(*format) {
                KbFormat::Json => print_json(&serde_json::to_value(&entries)?),
                KbFormat::Csv => {
                    let rows: Vec<Vec<String>> = entries
                        .iter()
                        .map(|e| {
                            vec![
                                e.date.to_string(),
                                e.kind.to_string(),
                                e.text.clone(),
                                e.fact_id.clone(),
                                format!("{:.2}", e.confidence),
                            ]
                        })
                        .collect();
                    print_csv(&["date", "kind", "text", "fact_id", "confidence"], &rows)
                }
                KbFormat::Table => {
                    let mut out = std::io::stdout().lock();
                    let mut write = || -> std::io::Result<()> {
                        for e in &entries {
                            let unsure = if e.confidence < 0.7 { " (?)" } else { "" };
                            writeln!(
                                out,
                                "{:<10}  {:<12} {}{unsure}  [{}]",
                                e.date.to_string(),
                                e.kind.to_string(),
                                e.text,
                                e.fact_id
                            )?;
                        }
                        Ok(())
                    };
                    quiet_pipe(write())
                }
            }
        }
        KbCommand::Stats { format, kb } => {
            let kb = kb.load()?;
            let by_kind = kb.counts_by_kind();
            let by_state = kb.counts_by_state();
            let format = &or_by_terminal(*format);
            match format {
                KbFormat::Json => {
                    let v = serde_json::json!({ "total": kb.facts().len(), "by_kind": by_kind, "by_state": by_state });
                    print_json(&v)
                }
                _ => {
                    let mut header = vec!["state".to_string()];
                    header.extend(FactKind::ALL.iter().map(|k| k.to_string()));
                    header.push("total".into());
                    let mut rows = Vec::new();
                    let mut total_row = vec!["(all facts)".to_string()];
                    total_row.extend(FactKind::ALL.iter().map(|k| by_kind.get(k).copied().unwrap_or(0).to_string()));
                    total_row.push(kb.facts().len().to_string());
                    rows.push(total_row);
                    for (st, m) in &by_state {
                        let mut r = vec![st.clone()];
                        r.extend(FactKind::ALL.iter().map(|k| m.get(k).copied().unwrap_or(0).to_string()));
                        r.push(m.values().sum::<usize>().to_string());
                        rows.push(r);
                    }
                    let h: Vec<&str> = header.iter().map(String::as_str).collect();
                    if *format == KbFormat::Csv {
                        print_csv(&h, &rows)
                    } else {
                        let mut t = new_table(&h);
                        for r in rows {
                            t.add_row(r);
                        }
                        println!("{t}");
                        Ok(())
                    }
                }
            }
        }
    }
}

fn check(paths: &[PathBuf], json: bool, args: &KbSourceArgs) -> Result<()> {
    let mut opts = args.options();
    opts.db = DbLocation::None;
    if !paths.is_empty() {
        opts.user_dirs = paths.to_vec();
    }
    let mut files: Vec<KbFile> = gather_files(&opts).context("reading the knowledge-base files")?;
    files.sort_by_key(|f| f.layer == Layer::User);
    let c = compile(&files);
    if json {
        print_json(&serde_json::to_value(&c.errors)?)?;
    } else {
        for e in &c.errors {
            eprintln!("{e}");
        }
        for w in &c.warnings {
            eprintln!("warning: {w}");
        }
    }
    let user = files.iter().filter(|f| f.layer == Layer::User).count();
    eprintln!(
        "{} file(s) ({} of your own), {} valid fact(s), {} error(s), {} warning(s){}",
        files.len(),
        user,
        c.facts.len(),
        c.errors.len(),
        c.warnings.len(),
        if c.overridden.is_empty() {
            String::new()
        } else {
            format!(", {} shipped fact(s) overridden", c.overridden.len())
        }
    );
    if !c.errors.is_empty() {
        bail!("kb check found {} error(s)", c.errors.len());
    }
    Ok(())
}

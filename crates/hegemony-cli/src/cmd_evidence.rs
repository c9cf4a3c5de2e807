//! `hegemony evidence ingest|docs|candidates|search|review`: documents into
//! the evidence store, candidate facts out of them, and reviewed facts into
//! the user's knowledge base. Data on stdout, messages on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, bail};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use hegemony_engine::evidence::{
    self, CandidateQuery, Decision, Evidence, Gazetteer, Ingested, Kind, Outcome, SearchFilter, Verdict,
    candidate::ReviewStatus,
};
use hegemony_engine::kb::KnowledgeBase;
use serde::Serialize;

use crate::Context;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EvFormat {
    Table,
    Json,
}

#[derive(Clone, Debug, clap::Args)]
pub struct StoreArg {
    /// The evidence store (SQLite) [default: evidence.sqlite in the data folder]
    #[arg(long, value_name = "FILE", global = true)]
    pub store: Option<PathBuf>,
}

/// `hegemony evidence ...`.
#[derive(Clone, Debug, clap::Args)]
pub struct EvidenceArgs {
    #[command(flatten)]
    pub store: StoreArg,
    #[command(subcommand)]
    pub command: EvidenceCommand,
}

#[derive(Clone, Debug, clap::Subcommand)]
pub enum EvidenceCommand {
    /// Ingest documents: plain text, HTML, PDF (its text layer) and DOCX; the format is read from the content
    Ingest {
        /// The files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, short = 'f', value_enum, default_value_t = EvFormat::Table)]
        format: EvFormat,
        /// Your own names of actors (the format of the built-in gazetteer: kind, id, state,
        /// names separated by '|'); default: gazetteer.tsv beside your knowledge base, if there is one
        #[arg(long, value_name = "FILE")]
        gazetteer: Option<PathBuf>,
    },
    /// The stored documents (latest versions) with their metadata
    Docs {
        #[arg(long, short = 'f', value_enum, default_value_t = EvFormat::Table)]
        format: EvFormat,
    },
    /// Candidate facts: span, kind, normalised value, actors, confidence, links to the knowledge base
    Candidates {
        /// Only this document
        #[arg(long)]
        doc: Option<i64>,
        /// Only this kind: actor, date, quantity, relation, claim
        #[arg(long)]
        kind: Option<String>,
        /// Only this review status: pending, accepted, rejected
        #[arg(long)]
        status: Option<String>,
        #[arg(long, short = 'f', value_enum, default_value_t = EvFormat::Table)]
        format: EvFormat,
    },
    /// Full-text search over the passages, ranked, with highlighted snippets
    Search {
        /// Words to find ("unified air defence"); British and American spellings match each other
        query: String,
        /// Only passages naming this actor: a state (ARM, Armenia), or an id such as org:csto
        #[arg(long)]
        actor: Option<String>,
        /// Only passages dated (or in documents dated) in or after this year
        #[arg(long)]
        since: Option<i32>,
        /// … in or before this year
        #[arg(long)]
        until: Option<i32>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, short = 'f', value_enum, default_value_t = EvFormat::Table)]
        format: EvFormat,
    },
    /// Accept (writing a knowledge-base fact with the span as its source), edit or reject a candidate
    Review {
        /// The candidate id (see `evidence candidates`)
        id: i64,
        /// Accept: write the fact to the knowledge-base file (relations and claims)
        #[arg(long, conflicts_with = "reject")]
        accept: bool,
        /// Reject: mark the candidate rejected (nothing is written to the knowledge base)
        #[arg(long)]
        reject: bool,
        /// Change a field before accepting: key=value (title, parties=RUS,ARM, date, org, stance, speaker,
        /// affiliation, text, facility, event_type, value, id, state, confidence); repeatable
        #[arg(long, value_name = "KEY=VALUE")]
        edit: Vec<String>,
        /// The knowledge-base file to append to [default: $HEGEMONY_KB/evidence.toml, else
        /// ~/.local/share/hegemony/kb/evidence.toml]
        #[arg(long, value_name = "FILE")]
        kb_file: Option<PathBuf>,
        /// Print the fact that would be written, write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

fn store_path(ctx: &Context, a: &StoreArg) -> Result<PathBuf> {
    Ok(match &a.store {
        Some(p) => p.clone(),
        None => evidence::default_store_path(ctx.data_dir()?.path()),
    })
}

fn load_kb(ctx: &Context) -> KnowledgeBase {
    match KnowledgeBase::load_default() {
        Ok(kb) => kb,
        Err(e) => {
            ctx.note(format!("warning: your knowledge-base files do not load ({e}); using the built-in ones"));
            KnowledgeBase::embedded().expect("the built-in knowledge base is valid")
        }
    }
}

pub fn run(ctx: &Context, args: &EvidenceArgs) -> Result<()> {
    let path = store_path(ctx, &args.store)?;
    match &args.command {
        EvidenceCommand::Ingest { files, format, gazetteer } => {
            ingest(ctx, &path, files, *format, gazetteer.as_deref())
        }
        EvidenceCommand::Docs { format } => docs(&open(&path)?, *format),
        EvidenceCommand::Candidates { doc, kind, status, format } => {
            let kind = kind.as_deref().map(str::parse::<Kind>).transpose().map_err(anyhow::Error::msg)?;
            let status = status.as_deref().map(str::parse::<ReviewStatus>).transpose().map_err(anyhow::Error::msg)?;
            let query = CandidateQuery { doc: *doc, kind, status, limit: None };
            candidates(ctx, &open(&path)?, &query, *format)
        }
        EvidenceCommand::Search { query, actor, since, until, limit, format } => {
            let actor = actor.as_deref().map(|a| resolve_actor(ctx, a)).transpose()?;
            let f = SearchFilter { actor, since: *since, until: *until, limit: *limit };
            search(&open(&path)?, query, &f, *format)
        }
        EvidenceCommand::Review { id, accept, reject, edit, kb_file, dry_run } => {
            review_cmd(ctx, &open(&path)?, *id, *accept, *reject, edit, kb_file.as_ref(), *dry_run)
        }
    }
}

fn open(path: &Path) -> Result<Evidence> {
    if !path.exists() {
        bail!(
            "no evidence store at {}: run `hegemony evidence ingest FILE...` first (or pass --store)",
            path.display()
        );
    }
    Ok(Evidence::open(path)?)
}

fn resolve_actor(ctx: &Context, a: &str) -> Result<String> {
    // A code or an id needs no knowledge base (which takes a moment to load).
    if a.contains(':') || hegemony_engine::kb::canonical_state(a).is_ok() {
        return Ok(evidence::resolve_actor(None, a)?);
    }
    Ok(evidence::resolve_actor(Some(&load_kb(ctx)), a)?)
}

/// One file's row of `evidence ingest`.
#[derive(Serialize)]
struct IngestRow {
    file: String,
    #[serde(flatten)]
    result: FileResult,
}

/// What became of a file: ingested (stored or unchanged), or refused.
#[derive(Serialize)]
#[serde(untagged)]
enum FileResult {
    Ingested(Ingested),
    Failed { outcome: &'static str, error: String },
}

fn ingest(ctx: &Context, path: &Path, files: &[PathBuf], format: EvFormat, user: Option<&Path>) -> Result<()> {
    let mut ev = Evidence::open(path)?;
    let kb = load_kb(ctx);
    let gaz = Gazetteer::load(Some(&kb), user)?;
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let bar = if ctx.quiet || files.len() < 2 {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new(total);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg}")
                .expect("valid template"),
        );
        b
    };
    let started = Instant::now();
    let mut rows = Vec::new();
    let (mut failed, mut bytes_done) = (0usize, 0u64);
    for f in files {
        bar.set_message(f.display().to_string());
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        let r = ev.ingest_file(f, &gaz);
        bar.inc(size);
        bytes_done += size;
        let result = match r {
            Ok(o) => FileResult::Ingested(o),
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("error: {e}"));
                FileResult::Failed { outcome: "failed", error: e.to_string() }
            }
        };
        rows.push(IngestRow { file: f.display().to_string(), result });
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    match format {
        EvFormat::Json => print_json(&rows)?,
        EvFormat::Table => {
            let mut t = table(&["file", "outcome", "doc", "version", "passages", "candidates"]);
            for row in &rows {
                let cells: [String; 5] = match &row.result {
                    FileResult::Ingested(Ingested::Stored { doc, version, passages, candidates, .. }) => [
                        "stored".into(),
                        doc.to_string(),
                        version.to_string(),
                        passages.to_string(),
                        candidates.to_string(),
                    ],
                    FileResult::Ingested(Ingested::Unchanged { doc, version }) => {
                        ["unchanged".into(), doc.to_string(), version.to_string(), String::new(), String::new()]
                    }
                    FileResult::Failed { error, .. } => {
                        [format!("failed: {error}"), String::new(), String::new(), String::new(), String::new()]
                    }
                };
                let mut line = vec![row.file.clone()];
                line.extend(cells);
                t.add_row(line);
            }
            println!("{t}");
        }
    }
    ctx.note(format!(
        "store: {}\ningested {} file(s), {:.2} MB in {:.2} s = {:.2} MB/s (one core){}",
        path.display(),
        files.len(),
        bytes_done as f64 / 1e6,
        secs,
        bytes_done as f64 / 1e6 / secs.max(1e-9),
        if failed > 0 { format!("; {failed} failed (nothing of them stored)") } else { String::new() }
    ));
    if failed > 0 {
        bail!("{failed} of {} file(s) could not be ingested", files.len());
    }
    Ok(())
}

fn docs(ev: &Evidence, format: EvFormat) -> Result<()> {
    let docs = ev.documents()?;
    match format {
        EvFormat::Json => print_json(&docs),
        EvFormat::Table => {
            let mut t = table(&["doc", "v", "title", "date", "format", "passages", "candidates", "sha256", "name"]);
            for d in docs {
                t.add_row(vec![
                    d.doc.to_string(),
                    d.version.to_string(),
                    d.title.unwrap_or_default(),
                    d.date.unwrap_or_default(),
                    d.format,
                    d.passages.to_string(),
                    d.candidates.to_string(),
                    d.sha256[..12].to_string(),
                    d.name,
                ]);
            }
            println!("{t}");
            Ok(())
        }
    }
}

fn candidates(ctx: &Context, ev: &Evidence, query: &CandidateQuery, format: EvFormat) -> Result<()> {
    let cands = ev.candidates(query, || load_kb(ctx))?.candidates;
    match format {
        EvFormat::Json => print_json(&cands),
        EvFormat::Table => {
            let mut t =
                table(&["id", "doc", "start-end", "kind", "value", "actors", "conf", "status", "span", "links"]);
            for v in &cands {
                let c = &v.candidate;
                let span: String = c.span.split_whitespace().collect::<Vec<_>>().join(" ");
                let span = if span.chars().count() > 70 {
                    format!("{}…", span.chars().take(70).collect::<String>())
                } else {
                    span
                };
                let links: Vec<String> =
                    v.links.iter().map(|l| format!("{} {}", l.relation.as_str(), l.fact)).collect();
                t.add_row(vec![
                    c.id.to_string(),
                    c.doc.to_string(),
                    format!("{}-{}", c.start, c.end),
                    c.kind.as_str().to_string(),
                    c.value.clone(),
                    c.actors.join(","),
                    format!("{:.2}", c.confidence),
                    c.status.as_str().to_string(),
                    span,
                    links.join("; "),
                ]);
            }
            println!("{t}");
            ctx.note(format!("{} candidate(s)", cands.len()));
            Ok(())
        }
    }
}

fn search(ev: &Evidence, query: &str, f: &SearchFilter, format: EvFormat) -> Result<()> {
    let hits = ev.search(query, f)?;
    match format {
        EvFormat::Json => print_json(&hits),
        EvFormat::Table => {
            let mut t = table(&["rank", "doc", "start-end", "score", "all words", "snippet"]);
            for (i, h) in hits.iter().enumerate() {
                t.add_row(vec![
                    (i + 1).to_string(),
                    h.doc.to_string(),
                    format!("{}-{}", h.start, h.end),
                    format!("{:.2}", h.score),
                    if h.all_words { "yes".into() } else { "some".into() },
                    h.snippet.clone(),
                ]);
            }
            println!("{t}");
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn review_cmd(
    ctx: &Context,
    ev: &Evidence,
    id: i64,
    accept: bool,
    reject: bool,
    edit: &[String],
    kb_file: Option<&PathBuf>,
    dry_run: bool,
) -> Result<()> {
    if !accept && !reject && edit.is_empty() {
        bail!("say --accept, --reject or --edit KEY=VALUE");
    }
    let decision = Decision {
        verdict: Verdict::from_flags(accept, reject)?,
        edits: edit.to_vec(),
        kb_file: kb_file.cloned(),
        dry_run,
    };
    let done = ev.review(id, &decision)?;
    match done.status {
        Outcome::Rejected => ctx.note(format!("candidate {id} rejected")),
        Outcome::Pending => {
            ctx.note(format!("candidate {id}: edits recorded; accept with --accept (edits given then apply)"))
        }
        _ => {
            print!("{}", done.toml.unwrap_or_default());
            if let (Some(fact), Some(file)) = (done.fact, done.file) {
                ctx.note(format!("candidate {id} accepted as fact '{fact}' in {file}"));
            }
        }
    }
    Ok(())
}

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_header(header.to_vec());
    t
}

fn print_json(v: &impl Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v)?;
    writeln!(out)?;
    Ok(())
}

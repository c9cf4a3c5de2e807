//! `hegemony serve`: the JSON API and the dashboard (`hegemony-server`) over
//! the same workspace the other commands load.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use hegemony_engine::evidence;

use crate::Context;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback by default; port 0 picks a free one)
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A file holding the token that changes (review decisions, ingest) need;
    /// without it the server is read-only
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// The evidence store [default: evidence.sqlite in the data folder]
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
    /// Where accepted candidates are written [default: $HEGEMONY_KB/evidence.toml]
    #[arg(long, value_name = "FILE")]
    kb_file: Option<PathBuf>,
    /// Years of a profile when a request names none
    #[arg(long, value_name = "FROM-TO", default_value = "1992-2025")]
    years: String,
    /// The longest a request may take, in seconds
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// The largest request body accepted, in bytes
    #[arg(long, default_value_t = 4 << 20)]
    max_body: usize,
    /// Profile weights and settings (see crates/hegemony-engine/weights/profile.toml)
    #[arg(long, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Institutionalisation weights
    #[arg(long, value_name = "FILE")]
    weights: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &ServeArgs) -> Result<()> {
    let token = match &args.token_file {
        Some(path) => {
            let t = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            let t = t.trim().to_string();
            if t.len() < 8 {
                bail!("{}: the token must have at least 8 characters", path.display());
            }
            Some(t)
        }
        None => None,
    };
    let store = match &args.store {
        Some(p) => Some(p.clone()),
        None => Some(evidence::default_store_path(ctx.data_dir()?.path())),
    };
    let workspace = crate::cmd_profile::load_workspace(ctx, args.settings.as_deref(), args.weights.as_deref())?;
    let options = hegemony_server::Options {
        store,
        kb_file: args.kb_file.clone(),
        token,
        timeout: Duration::from_secs(args.timeout.max(1)),
        body_limit: args.max_body,
        years: crate::parse_range(&args.years)?,
        ..hegemony_server::Options::default()
    };
    let writable = options.token.is_some();
    let state = hegemony_server::AppState::new(workspace, options);
    hegemony_server::run(args.addr, state, |addr| {
        // On stderr, always (even --quiet): scripts wait for this line.
        eprintln!(
            "hegemony serving http://{addr}/ ({}); Ctrl-C stops",
            if writable { "changes allowed with the token" } else { "read-only" }
        );
    })
    .with_context(|| format!("cannot serve on {}", args.addr))
}

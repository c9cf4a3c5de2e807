//! `hegemony institutionalisation SUB --dominant DOM`: the index by year, with the facts behind it.

use std::path::PathBuf;

use anyhow::Result;
use hegemony_engine::kb::KnowledgeBase;
use hegemony_engine::{ColumnData, Table, institutions, select};

use crate::Context;
use crate::output::OutputArgs;

#[derive(clap::Args)]
pub struct InstitutionsArgs {
    /// The subordinate state
    state: String,
    /// The dominant state
    #[arg(long)]
    dominant: String,
    /// Years, e.g. 1992-2025
    #[arg(long, value_name = "FROM-TO", default_value = "1992-2025")]
    years: String,
    /// A weights file (see crates/hegemony-engine/weights/institutionalisation.toml) [default: the built-in weights]
    #[arg(long, value_name = "FILE")]
    weights: Option<PathBuf>,
    /// Add a column listing every contribution and the facts behind it
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &InstitutionsArgs) -> Result<()> {
    let sub = select::state(&args.state)?.code().to_string();
    let dom = select::state(&args.dominant)?.code().to_string();
    let (from, to) = crate::parse_range(&args.years)?;
    let weights = institutions::weights(args.weights.as_deref())?;
    let kb = KnowledgeBase::load_default()?;
    let series = institutions::series(&kb, &sub, &dom, from..=to, &weights);
    let mut t = Table::default();
    t.push("year", ColumnData::Int(series.iter().map(|y| Some(i64::from(y.year))).collect()));
    t.push("subordinate", ColumnData::Text(series.iter().map(|_| Some(sub.clone())).collect()));
    t.push("dominant", ColumnData::Text(series.iter().map(|_| Some(dom.clone())).collect()));
    t.push("institutionalisation", ColumnData::Float(series.iter().map(|y| Some(y.index.value)).collect()));
    t.push("provisions", ColumnData::Float(series.iter().map(|y| Some(y.index.provisions)).collect()));
    t.push("memberships", ColumnData::Float(series.iter().map(|y| Some(y.index.memberships)).collect()));
    if args.explain {
        let explain = series.iter().map(|y| {
            let parts: Vec<String> = y
                .index
                .contributions
                .iter()
                .map(|c| format!("{} {:.3} [{}]", c.item, c.value, c.facts.join(" ")))
                .collect();
            Some(parts.join("; "))
        });
        t.push("contributions", ColumnData::Text(explain.collect()));
    }
    ctx.note(format!(
        "institutionalisation of {sub} under {dom}: {} weights, knowledge base of {} facts",
        if args.weights.is_some() { "user" } else { "built-in" },
        kb.facts().len()
    ));
    args.output.emit(&t)
}

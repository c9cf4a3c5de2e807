//! `hegemony states [QUERY]`.

use anyhow::Result;
use hegemony_core::Registry;

use crate::Context;
use crate::output::OutputArgs;

#[derive(clap::Args)]
pub struct StatesArgs {
    /// A code, name, capital or part of one (all states if omitted)
    query: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &StatesArgs) -> Result<()> {
    let t = hegemony_engine::frames::states::states(args.query.as_deref())?;
    args.output.emit(&t)?;
    ctx.note(format!("{} of {} states", t.rows(), Registry::global().states().len()));
    Ok(())
}

//! `hegemony ideal`: one-dimensional ideal points per period.

use anyhow::{Result, bail};
use hegemony_engine::measures::ideal::{IdealModel, IdealOptions};
use hegemony_engine::measures::{PeriodKind, VoteSubset};
use hegemony_engine::{VoteSource, ideal, select};

use crate::Context;
use crate::output::OutputArgs;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Model {
    /// One fit per period (each period has its own scale)
    Static,
    /// A random walk across years with bridging (not built yet)
    Dynamic,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    /// no < abstain < yes (emIRT ordIRT)
    Ordinal,
    /// yes vs no, abstentions missing (emIRT binIRT)
    Binary,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum By {
    Session,
    Year,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Votes {
    All,
    Final,
}

#[derive(clap::Args)]
pub struct IdealArgs {
    #[arg(long, value_enum, default_value = "static")]
    model: Model,
    /// The item model
    #[arg(long, value_enum, default_value = "ordinal")]
    kind: Kind,
    #[arg(long, value_enum, default_value = "session")]
    by: By,
    #[arg(long, value_enum, default_value = "all")]
    votes: Votes,
    /// Only periods in this range, e.g. 47-74 (sessions) or 1992-2019 (years)
    #[arg(long, value_name = "FROM-TO")]
    range: Option<String>,
    /// Parametric bootstrap replicates for the lo/hi interval (0 = none)
    #[arg(long, default_value_t = 0)]
    bootstrap: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// States oriented positive, first one present per period (e.g. USA,GBR)
    #[arg(long, default_value = "USA,GBR")]
    anchor: String,
    /// States with fewer votes in a period are left out (and listed on stderr)
    #[arg(long, default_value_t = 10)]
    min_votes: u32,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &IdealArgs) -> Result<()> {
    if let Model::Dynamic = args.model {
        bail!(
            "dynamic ideal points (a random walk across years with bridging) are not built yet; \
             use --model static, whose positions are comparable within a period only"
        );
    }
    let period = match args.by {
        By::Session => PeriodKind::Session,
        By::Year => PeriodKind::Year,
    };
    let anchors = select::states(&args.anchor)?.iter().map(|s| select::cow_of(s)).collect::<Result<Vec<_>, _>>()?;
    let options = IdealOptions {
        model: match args.kind {
            Kind::Ordinal => IdealModel::Ordinal,
            Kind::Binary => IdealModel::Binary,
        },
        period,
        subset: match args.votes {
            Votes::All => VoteSubset::All,
            Votes::Final => VoteSubset::FinalPassage,
        },
        range: args.range.as_deref().map(crate::parse_range).transpose()?,
        min_votes: args.min_votes,
        anchors,
        bootstrap: args.bootstrap,
        seed: args.seed,
        ..IdealOptions::default()
    };
    let mut clock = std::time::Instant::now();
    let engine = ctx.engine()?;
    let votes = engine.load_votes(VoteSource::Auto)?;
    ctx.phase(&mut clock, "read");
    let fit = ideal::fit(&votes, &options)?;
    ctx.phase(&mut clock, "fit");
    ctx.report_load(&votes);
    let excluded: usize = fit.periods.iter().map(|p| p.excluded.len()).sum();
    let skipped: Vec<String> =
        fit.periods.iter().filter_map(|p| p.skipped.as_ref().map(|why| format!("{} ({why:?})", p.period))).collect();
    let unconverged = fit.periods.iter().filter(|p| p.skipped.is_none() && !p.converged).count();
    ctx.note(format!(
        "{} periods fitted; {excluded} state-periods left out for fewer than {} votes; {unconverged} not converged",
        fit.periods.len() - skipped.len(),
        args.min_votes
    ));
    if !skipped.is_empty() {
        ctx.note(format!("not fitted: {}", skipped.join(", ")));
    }
    ctx.note("positions are comparable within a period, not across periods (static model)");
    args.output.emit(&ideal::to_table(&fit, period, &votes))?;
    ctx.phase(&mut clock, "write");
    Ok(())
}

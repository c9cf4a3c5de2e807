//! `hegemony ideal`: one-dimensional ideal points per period (static) or on
//! one scale across periods (dynamic).

use anyhow::Result;
use hegemony_engine::measures::ideal::{Bridging, DynamicOptions, IdealModel, IdealOptions};
use hegemony_engine::measures::{PeriodKind, VoteSubset};
use hegemony_engine::{VoteSource, ideal, select};

use crate::Context;
use crate::output::OutputArgs;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Model {
    /// One fit per period (each period has its own scale)
    Static,
    /// One scale for all periods: a random walk per state, recurring resolutions share item parameters
    Dynamic,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Bridge {
    /// Final-passage roll calls with the same normalised short title, once per period
    Title,
    /// No shared items: only the random walk links the periods
    None,
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
    /// States with fewer votes in a period are left out (and listed on stderr); static model only
    #[arg(long, default_value_t = 10)]
    min_votes: u32,
    /// Which roll calls share item parameters across periods (dynamic model)
    #[arg(long, value_enum, default_value = "title")]
    bridging: Bridge,
    /// Variance of a state's step from one period to the next (dynamic model)
    #[arg(long, default_value_t = 0.1)]
    evolution_var: f64,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &IdealArgs) -> Result<()> {
    let period = match args.by {
        By::Session => PeriodKind::Session,
        By::Year => PeriodKind::Year,
    };
    let anchors = select::states(&args.anchor)?.iter().map(|s| select::cow_of(s)).collect::<Result<Vec<_>, _>>()?;
    let model = match args.kind {
        Kind::Ordinal => IdealModel::Ordinal,
        Kind::Binary => IdealModel::Binary,
    };
    let subset = match args.votes {
        Votes::All => VoteSubset::All,
        Votes::Final => VoteSubset::FinalPassage,
    };
    let range = args.range.as_deref().map(crate::parse_range).transpose()?;
    let mut clock = std::time::Instant::now();
    let engine = ctx.engine()?;
    let votes = engine.load_votes(VoteSource::Auto)?;
    ctx.phase(&mut clock, "read");
    if let Model::Dynamic = args.model {
        let options = DynamicOptions {
            model,
            period,
            subset,
            range,
            bridging: match args.bridging {
                Bridge::Title => Bridging::ShortTitle,
                Bridge::None => Bridging::None,
            },
            evolution_var: args.evolution_var,
            anchors,
            bootstrap: args.bootstrap,
            seed: args.seed,
            ..DynamicOptions::default()
        };
        let fit = ideal::fit_dynamic_model(&votes, &options)?;
        ctx.phase(&mut clock, "fit");
        ctx.report_load(&votes);
        let skipped: Vec<String> =
            fit.periods.iter().filter_map(|p| p.skipped.as_ref().map(|why| format!("{} ({why})", p.period))).collect();
        let dropped: u32 = fit.periods.iter().map(|p| p.unanimous_dropped).sum();
        let bridged: u32 = fit.periods.iter().map(|p| p.bridged).sum();
        let carried = fit.points.iter().filter(|p| p.n_votes == 0).count();
        ctx.note(format!(
            "{} periods fitted on one scale; {} item parameter sets ({} binary), {bridged} roll calls bridged in {} \
             recurring resolutions; {dropped} unanimous roll calls dropped; EM {} after {} sweeps",
            fit.periods.len() - skipped.len(),
            fit.items,
            fit.binary_items,
            fit.bridge_groups,
            if fit.converged { "converged" } else { "NOT converged" },
            fit.iterations
        ));
        if !skipped.is_empty() {
            ctx.note(format!("not fitted (the random walk steps over them): {}", skipped.join(", ")));
        }
        if carried > 0 {
            ctx.note(format!(
                "{carried} state-periods without a counted vote inside a state's span are carried by the random walk \
                 (rows with n = 0)"
            ));
        }
        if !fit.never_voted.is_empty() {
            let registry = hegemony_core::Registry::global();
            let names: Vec<String> = fit
                .never_voted
                .iter()
                .map(|&c| registry.by_cow(c).map_or_else(|| c.to_string(), |s| s.code().to_string()))
                .collect();
            ctx.note(format!("states that never cast a counted vote (no rows): {}", names.join(", ")));
        }
        if fit.anchor.is_none() {
            ctx.note("no anchor state was fitted: the orientation is arbitrary");
        }
        ctx.note(if fit.bootstrap > 0 {
            format!(
                "lo/hi: 5% and 95% of {} parametric bootstrap refits ({} not converged; in simulation such \
                 intervals cover 60-70%, not 90%: the refits do not see the shrinkage of the mode)",
                fit.bootstrap, fit.bootstrap_unconverged
            )
        } else {
            "lo/hi: θ ± 1.645 sd from the smoother's variance given the item parameters (no item uncertainty; \
             in simulation such nominal 90% intervals cover about 85%)"
                .to_string()
        });
        args.output.emit(&ideal::to_table(&fit.points, period, &votes))?;
        ctx.phase(&mut clock, "write");
        return Ok(());
    }
    let options = IdealOptions {
        model,
        period,
        subset,
        range,
        min_votes: args.min_votes,
        anchors,
        bootstrap: args.bootstrap,
        seed: args.seed,
        ..IdealOptions::default()
    };
    let fit = ideal::fit(&votes, &options)?;
    ctx.phase(&mut clock, "fit");
    ctx.report_load(&votes);
    let excluded: usize = fit.periods.iter().map(|p| p.excluded.len()).sum();
    let skipped: Vec<String> =
        fit.periods.iter().filter_map(|p| p.skipped.as_ref().map(|why| format!("{} ({why})", p.period))).collect();
    let unconverged = fit.periods.iter().filter(|p| p.skipped.is_none() && !p.converged).count();
    ctx.note(format!(
        "{} periods fitted; {excluded} state-periods left out for fewer than {} votes; {unconverged} not converged",
        fit.periods.len() - skipped.len(),
        args.min_votes
    ));
    if !skipped.is_empty() {
        ctx.note(format!("not fitted: {}", skipped.join(", ")));
    }
    ctx.note(
        "positions are comparable within a period, not across periods (static model; --model dynamic for one scale)",
    );
    args.output.emit(&ideal::to_table(&fit.points, period, &votes))?;
    ctx.phase(&mut clock, "write");
    Ok(())
}

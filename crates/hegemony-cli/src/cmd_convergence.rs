//! `hegemony convergence`: is each subordinate's UN voting moving towards the dominant state's?

use anyhow::Result;
use hegemony_core::Registry;
use hegemony_engine::convergence::{self, Basis, observations};
use hegemony_engine::measures::convergence::beta;
use hegemony_engine::{VoteSource, select};

use crate::Context;
use crate::output::OutputArgs;

#[derive(Clone, Copy, clap::ValueEnum)]
enum On {
    /// Dynamic ideal points (one scale for all years): |θ_sub − θ_dom|
    Ideal,
    /// 1 − Cohen's kappa (quadratic weights)
    Kappa,
    /// 1 − share of identical votes
    Identical,
    /// 1 − Lijphart's agree
    Agree,
}

#[derive(clap::Args)]
pub struct ConvergenceArgs {
    /// The dominant state
    #[arg(long)]
    dominant: String,
    /// Subordinate states or groups, e.g. ARM,BLR or post-soviet
    #[arg(long)]
    with: String,
    /// What the distance is measured on
    #[arg(long, value_enum, default_value = "kappa")]
    on: On,
    /// Only these session years, e.g. 1992-2019
    #[arg(long, value_name = "FROM-TO")]
    years: Option<String>,
    /// The group's δ, σ and γ per year instead of one row per dyad-year (β is printed on stderr)
    #[arg(long)]
    group: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &ConvergenceArgs) -> Result<()> {
    let pairs = select::dominant_dyads(&args.dominant, &args.with)?;
    let dominant = pairs.first().map(|p| p.0).unwrap_or_default();
    let subs: Vec<u16> = pairs.iter().map(|p| p.1).collect();
    let basis = match args.on {
        On::Ideal => Basis::Ideal,
        On::Kappa => Basis::Kappa,
        On::Identical => Basis::Identical,
        On::Agree => Basis::Agree,
    };
    let mut range = args.years.as_deref().map(crate::parse_range).transpose()?;
    let registry = Registry::global();
    if args.group && range.is_none() {
        // A group's δ, σ and γ mean something only while all its members vote: from the year they all sat.
        let members: Vec<&hegemony_core::State> = subs.iter().filter_map(|&c| registry.by_cow(c)).collect();
        if let Some((from, to)) = select::common_un_years(&members) {
            range = Some((from, to.min(9999)));
            ctx.note(format!(
                "--group without --years: from {from}, the first year all {} states held UN seats{}",
                members.len(),
                if to < 9999 { format!(", to {to}, the last") } else { String::new() }
            ));
        }
    }
    let votes = ctx.engine()?.load_votes(VoteSource::Auto)?;
    if let Some(w) = args.years.as_deref().and(range).and_then(|r| select::votes_range_warning(&votes, r)) {
        ctx.note(format!("warning: {w}"));
    }
    let obs = observations(&votes, dominant, &subs, basis, range)?;
    ctx.report_load(&votes);
    let t = if args.group {
        if let (Some(first), Some(last)) = (obs.iter().map(|o| o.year).min(), obs.iter().map(|o| o.year).max())
            && let Some(b) = beta(&obs, first, last)
        {
            ctx.note(format!(
                "β-convergence {}–{}: slope {:.4} over {} states ({})",
                b.from,
                b.to,
                b.slope,
                b.n,
                if b.slope < 0.0 { "the most distant moved closer fastest" } else { "no catching up" }
            ));
        }
        convergence::group_table(&obs)
    } else {
        convergence::dyads_table(&obs, dominant)
    };
    if matches!(args.on, On::Ideal) {
        ctx.note(
            "ideal-point distances are |θ_sub − θ_dom| on the dynamic model's one scale for all years \
             (whole record fitted; years where either state cast no counted vote are left out)",
        );
    }
    args.output.emit(&t)
}

//! `hegemony agreement`: joint tables and agreement scores per dyad and period.

use anyhow::{Result, bail};
use hegemony_core::{Issue, IssueSet};
use hegemony_engine::measures::Weights;
use hegemony_engine::measures::agreement::{AbsencePolicy, AgreementOptions, DyadSelection, PeriodKind, VoteSubset};
use hegemony_engine::{VoteSource, agreement, select};

use crate::Context;
use crate::output::{Format, OutputArgs};

#[derive(Clone, Copy, clap::ValueEnum)]
enum By {
    /// UN session number
    Session,
    /// Session year, session + 1945 (Voeten's convention; the published agreement columns use it)
    Year,
    /// Calendar year of the vote date
    CalendarYear,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Source {
    /// unvotes tables if present, else Voeten's file
    Auto,
    Unvotes,
    Voeten,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Votes {
    All,
    /// Leave out amendment and paragraph votes (coded until 1985)
    Final,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Absent {
    /// Only votes cast count (joint votes)
    Exclude,
    /// An absent member counts as abstaining (needs the Voeten file)
    Abstain,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum WeightArg {
    Nominal,
    Linear,
    Quadratic,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["dyads", "dominant", "all"])))]
pub struct AgreementArgs {
    /// Dyads as FIRST:SECOND, comma-separated (e.g. RUS:ARM,RUS:BLR)
    #[arg(long)]
    dyads: Option<String>,
    /// The dominant state; pair it with every state of --with
    #[arg(long, requires = "with")]
    dominant: Option<String>,
    /// States or groups (e.g. ARM,BLR or post-soviet) to pair with --dominant
    #[arg(long)]
    with: Option<String>,
    /// Every dyad with a joint vote in every period
    #[arg(long)]
    all: bool,
    /// The period of each score
    #[arg(long, value_enum, default_value = "year")]
    by: By,
    /// Only periods in this range, e.g. 1992-2019 (or one year)
    #[arg(long, value_name = "FROM-TO")]
    years: Option<String>,
    /// Pool this many periods, ending at the labelled one
    #[arg(long, default_value_t = 1)]
    window: u16,
    /// Only roll calls on these issues: me, nu, di, hr, co, ec (comma-separated)
    #[arg(long, value_delimiter = ',')]
    issues: Vec<String>,
    /// Only the US State Department's "important" votes
    #[arg(long)]
    important: bool,
    #[arg(long, value_enum, default_value = "all")]
    votes: Votes,
    /// How absences count
    #[arg(long, value_enum, default_value = "exclude")]
    absent: Absent,
    /// Disagreement weights of kappa and pi
    #[arg(long, value_enum, default_value = "quadratic")]
    weights: WeightArg,
    /// Which vote record to read from the data folder
    #[arg(long, value_enum, default_value = "auto")]
    source: Source,
    /// Add the joint table (yy, ya, yn, ay, …: first state's vote, second's) to every row
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(ctx: &Context, args: &AgreementArgs) -> Result<()> {
    let dyads = if args.all {
        DyadSelection::All
    } else if let Some(d) = &args.dyads {
        DyadSelection::Pairs(select::dyads(d)?)
    } else {
        let (Some(d), Some(w)) = (&args.dominant, &args.with) else { bail!("--dominant needs --with") };
        DyadSelection::Pairs(select::dominant_dyads(d, w)?)
    };
    let issues = if args.issues.is_empty() {
        None
    } else {
        let mut set = IssueSet::default();
        for code in &args.issues {
            let Some(i) = Issue::from_code(code.trim()) else {
                bail!("unknown issue '{code}': use me, nu, di, hr, co or ec");
            };
            set.insert(i);
        }
        Some(set)
    };
    let options = AgreementOptions {
        period: match args.by {
            By::Session => PeriodKind::Session,
            By::Year => PeriodKind::Year,
            By::CalendarYear => PeriodKind::CalendarYear,
        },
        window: args.window,
        issues,
        important_only: args.important,
        absences: match args.absent {
            Absent::Exclude => AbsencePolicy::Exclude,
            Absent::Abstain => AbsencePolicy::AsAbstain,
        },
        subset: match args.votes {
            Votes::All => VoteSubset::All,
            Votes::Final => VoteSubset::FinalPassage,
        },
        range: args.years.as_deref().map(crate::parse_range).transpose()?,
    };
    let weights = match args.weights {
        WeightArg::Nominal => Weights::Nominal,
        WeightArg::Linear => Weights::Linear,
        WeightArg::Quadratic => Weights::Quadratic,
    };
    let mut clock = std::time::Instant::now();
    let engine = ctx.engine()?;
    let spinner = spinner(ctx, "reading UN votes");
    let votes = engine.load_votes(match args.source {
        Source::Auto => VoteSource::Auto,
        Source::Unvotes => VoteSource::Unvotes,
        Source::Voeten => VoteSource::Voeten,
    })?;
    ctx.phase(&mut clock, "read");
    if let Some(w) = options.range.and_then(|r| select::votes_range_warning(&votes, r)) {
        spinner.suspend(|| ctx.note(format!("warning: {w}")));
    }
    spinner.set_message("computing agreement");
    let request = agreement::AgreementRequest { dyads, options, weights, explain: args.explain };
    let result = agreement::compute(&votes, request)?;
    ctx.phase(&mut clock, "measure");
    let table = result.to_table();
    spinner.finish_and_clear();
    ctx.phase(&mut clock, "table");
    ctx.report_load(&votes);
    if args.explain && args.output.format() == Format::Table && args.output.out.is_none() {
        print_joint_tables(&result);
    } else {
        args.output.emit(&table)?;
    }
    ctx.phase(&mut clock, "write");
    ctx.note(format!("{} dyad-periods", table.rows()));
    Ok(())
}

/// A spinner on stderr when it is a terminal (indicatif hides it otherwise).
fn spinner(ctx: &Context, msg: &'static str) -> indicatif::ProgressBar {
    if ctx.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    pb.set_message(msg);
    pb.enable_steady_tick(std::time::Duration::from_millis(100));
    pb
}

/// The joint table of each dyad-period, laid out for reading (`--explain` on a terminal).
fn print_joint_tables(result: &agreement::AgreementResult) {
    let registry = hegemony_core::Registry::global();
    let code = |c: u16| registry.by_cow(c).map_or_else(|| c.to_string(), |s| s.code().to_string());
    let w = result.request.weights;
    let fmt = |x: Option<f64>| x.map_or_else(|| "undefined".to_string(), |v| format!("{v:.4}"));
    for r in &result.rows {
        let (a, b, t) = (code(r.first), code(r.second), &r.table);
        println!("{a}–{b}, period {}: N = {} joint votes of {} roll calls", r.period, t.n(), r.roll_calls);
        println!("  {:<12}{:>9}{:>9}{:>9}", format!("{a} \\ {b}"), "yes", "abstain", "no");
        for (i, name) in ["yes", "abstain", "no"].iter().enumerate() {
            println!("  {:<12}{:>9}{:>9}{:>9}", name, t.counts[i][0], t.counts[i][1], t.counts[i][2]);
        }
        println!(
            "  identical {}  agree {}  S(abs) {}  S(sq) {}  kappa {}  pi {}  ({} weights)\n",
            fmt(t.identical()),
            fmt(t.agree()),
            fmt(t.s_abs()),
            fmt(t.s_sq()),
            fmt(t.kappa(w)),
            fmt(t.pi(w)),
            match w {
                Weights::Nominal => "nominal",
                Weights::Linear => "linear",
                Weights::Quadratic => "quadratic",
            }
        );
    }
}

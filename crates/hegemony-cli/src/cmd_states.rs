//! `hegemony states [QUERY]`.

use anyhow::Result;
use hegemony_core::Registry;
use hegemony_core::states::Spell;
use hegemony_engine::{ColumnData, Table};

use crate::Context;
use crate::output::OutputArgs;

#[derive(clap::Args)]
pub struct StatesArgs {
    /// A code, name, capital or part of one (all states if omitted)
    query: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

fn spells(s: &[Spell]) -> Option<String> {
    (!s.is_empty()).then(|| {
        s.iter()
            .map(|sp| format!("{}..{}", sp.start, sp.end.map(|e| e.to_string()).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

pub fn run(ctx: &Context, args: &StatesArgs) -> Result<()> {
    let registry = Registry::global();
    let found = registry.search(args.query.as_deref().unwrap_or(""));
    if found.is_empty() {
        let q = args.query.clone().unwrap_or_default();
        // resolve() explains the miss with did-you-mean hints.
        registry.resolve(&q)?;
    }
    let text =
        |f: &dyn Fn(&hegemony_core::State) -> Option<String>| ColumnData::Text(found.iter().map(|s| f(s)).collect());
    let int = |f: &dyn Fn(&hegemony_core::State) -> Option<u16>| {
        ColumnData::Int(found.iter().map(|s| f(s).map(i64::from)).collect())
    };
    let mut t = Table::default();
    t.push("iso3", text(&|s| s.iso3.clone()));
    t.push("ccode", int(&|s| s.cow));
    t.push("cow_abb", text(&|s| s.cow_abb.clone()));
    t.push("gwcode", int(&|s| s.gw));
    t.push("name", text(&|s| Some(s.name.clone())));
    t.push("cow_system", text(&|s| spells(&s.cow_spells)));
    t.push("un_member", text(&|s| spells(&s.un_spells)));
    t.push("aliases", text(&|s| (!s.aliases.is_empty()).then(|| s.aliases.join("; "))));
    args.output.emit(&t)?;
    ctx.note(format!("{} of {} states", found.len(), registry.states().len()));
    Ok(())
}

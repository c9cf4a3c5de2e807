//! Which datasets cover which years, and the years the complexes are offered for.

use serde::Serialize;

use super::{Inputs, Sector};
use crate::EngineError;

/// The first year the complexes are offered for: the post-war state system
/// (the UN vote record and the knowledge base start there or later).
pub const FIRST_YEAR: i32 = 1946;

/// One dataset's years and what happens after them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatasetYears {
    /// The dataset (file stem, or `knowledge base`).
    pub dataset: String,
    /// What it gives the complexes.
    pub role: &'static str,
    /// First and last year with data (`None`: not in the data folder).
    pub years: Option<(i32, i32)>,
    /// After its last year: `carried` (its last values stand), `not covered`,
    /// or what takes over.
    pub after: &'static str,
}

/// Every dataset the complexes read, with its years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coverage {
    /// The years the complexes are offered for, by sector.
    pub military_political: (i32, i32),
    /// The economic sector's years (COW trade), if the trade files are there.
    pub economic: Option<(i32, i32)>,
    /// The datasets.
    pub datasets: Vec<DatasetYears>,
}

/// The coverage of the inputs; the last year offered is the knowledge base's present year.
pub fn coverage(inputs: &Inputs<'_>) -> Coverage {
    let d = inputs.data;
    let r = &inputs.relations;
    let now = hegemony_kb::model::today().year();
    let row = |dataset: &str, role, years, after| DatasetYears { dataset: dataset.to_string(), role, years, after };
    let un = inputs.votes.and_then(|v| {
        let ys = v.record.roll_calls.iter().map(|rc| rc.session_year());
        let (lo, hi) = ys.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
        (lo <= hi).then_some((lo, hi))
    });
    let datasets = vec![
        row(
            "ps_atop_alliance",
            "alliances",
            d.alliances.as_ref().map(|a| (a.first_year, a.last_year)),
            "the knowledge base for the states it carries, the last year carried for the others",
        ),
        row(
            "knowledge base",
            "organisations, defence cooperation, bases, occupation, wars; alliances after ATOP",
            Some((1945, now)),
            "—",
        ),
        row(
            "ps_tss_rivalries",
            "rivalries",
            r.tss.as_ref().map(|x| (x.items.iter().map(|i| i.start).min().unwrap_or(x.last_year), x.last_year)),
            "rivalries ongoing at the end carried",
        ),
        row(
            "ps_td_rivalries",
            "rivalries",
            r.td.as_ref().map(|x| (x.items.iter().map(|i| i.start).min().unwrap_or(x.last_year), x.last_year)),
            "Thompson, Sakuwa & Suhas continue it",
        ),
        row(
            "ps_cow_mid_ddydisps",
            "militarised disputes",
            r.disputes.as_ref().map(|x| (x.first_year, x.last_year)),
            "not covered (the knowledge base's wars for the states it covers)",
        ),
        row(
            "ps_cow_contdir",
            "opportunity (contiguity)",
            r.contiguity
                .as_ref()
                .map(|x| (x.spells.iter().map(|s| s.from.0).min().unwrap_or(x.last_year), x.last_year)),
            "borders carried",
        ),
        row(
            "ps_cow_nmc",
            "capabilities (CINC)",
            r.capabilities.as_ref().map(|x| (x.first_year, x.last_year)),
            "carried",
        ),
        row(
            "ps_cow_majors",
            "major powers",
            r.majors.as_ref().map(|x| (x.spells.iter().map(|s| s.from).min().unwrap_or(x.last_year), x.last_year)),
            "carried",
        ),
        row(
            "ps_maoz_powers",
            "regional and global powers",
            r.maoz.as_ref().map(|x| (x.spells.iter().map(|s| s.from).min().unwrap_or(x.last_year), x.last_year)),
            "carried",
        ),
        row("UN votes", "political alignment (kappa)", un, "carried"),
        row(
            "sipri_tiv_transfers_1950_2021",
            "arms transfers",
            d.arms.as_ref().map(|a| (a.first_year, a.last_year)),
            "the last window carried",
        ),
        row(
            "troopdata_us_troops_legacy",
            "US troops abroad",
            d.us_troops.as_ref().map(|a| (a.first_year, a.last_year)),
            "carried",
        ),
        row(
            "ps_cow_trade_ndy + ps_cow_trade_sy",
            "economic sector (trade)",
            d.trade.as_ref().map(|t| (1870, t.last_year)),
            "not covered",
        ),
    ];
    Coverage {
        military_political: (FIRST_YEAR, now),
        economic: d.trade.as_ref().map(|t| (FIRST_YEAR, t.last_year)),
        datasets,
    }
}

impl Coverage {
    /// The datasets and their years, one per line, for messages.
    pub fn lines(&self) -> String {
        self.datasets
            .iter()
            .map(|d| match d.years {
                Some((a, b)) => format!("  {} ({}): {a}–{b}; after: {}", d.dataset, d.role, d.after),
                None => format!("  {} ({}): not in the data folder", d.dataset, d.role),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// An error unless `year` is offered for `sector`, naming which datasets cover which years.
    pub fn check(&self, year: i32, sector: Sector) -> Result<(), EngineError> {
        let range = match sector {
            Sector::MilitaryPolitical => Some(self.military_political),
            Sector::Economic => self.economic,
        };
        match range {
            Some((a, b)) if (a..=b).contains(&year) => Ok(()),
            Some((a, b)) => Err(EngineError::Request(format!(
                "year {year} is outside the years of the {} complexes ({a}–{b}). The datasets cover:\n{}",
                sector.as_str(),
                self.lines()
            ))),
            None => Err(EngineError::Request(format!(
                "the economic sector needs COW trade (ps_cow_trade_ndy and ps_cow_trade_sy) in the data folder. The datasets cover:\n{}",
                self.lines()
            ))),
        }
    }
}

/// The datasets the complexes cannot do without, absent from the folder.
pub(crate) fn required_missing(inputs: &Inputs<'_>) -> Vec<&'static str> {
    let r = &inputs.relations;
    let mut out = Vec::new();
    if r.contiguity.is_none() {
        out.push("ps_cow_contdir (COW direct contiguity: who can interact)");
    }
    if r.capabilities.is_none() {
        out.push("ps_cow_nmc (COW capabilities: polarity)");
    }
    if inputs.data.alliances.is_none() {
        out.push("ps_atop_alliance (ATOP alliances)");
    }
    if r.tss.is_none() && r.td.is_none() {
        out.push("ps_tss_rivalries or ps_td_rivalries (strategic rivalries)");
    }
    out
}

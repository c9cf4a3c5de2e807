//! The dyad-year panel (`hegemony panel`, `hegemony.panel`): what
//! researchers build with peacesciencer's `create_dyadyears()` and its
//! `add_*()` functions, from the same datasets, as one typed table.
//!
//! **Rows.** Every pair of states that are both in the state system in a
//! year ([`universe`]): COW membership (v2016) or the Gleditsch–Ward list,
//! from the registry compiled into the program; a state counts in every
//! year its membership touches, as `create_dyadyears()` counts it. Spells
//! still open at the end of the lists (COW 2016, GW 2017) run on to the
//! years asked for, as peacesciencer's `mry = TRUE` runs them to the last
//! complete year. Directed: both orders of every pair; non-directed: the
//! lower code first. Ordered by year, then codes.
//!
//! **Columns**, added on request ([`GROUPS`]; `add = ["atop", "cinc", …]`),
//! each documented there with its dataset, its coverage and how it is
//! joined. A column is null outside its dataset's coverage, never 0: a
//! dataset that records events (alliances, disputes, rivalries, contiguity)
//! gives 0 in a covered year without an event; a dataset of values
//! (capabilities, trade, IGOs, ideal points) gives null where it has no row.
//! Codes of a Gleditsch–Ward panel are joined to the COW-coded datasets
//! through the registry's GW→COW crosswalk (`ccode1`, `ccode2` in the
//! table).
//!
//! The panel is made in blocks of one year ([`Panel::block`]), so an interface
//! can hand each block on before the next is made (the Python package
//! streams them as Arrow batches; the CLI writes them as they come): the
//! whole panel is never one table in memory.

mod columns;
mod hierarchy;
mod sources;
pub mod universe;

use crate::table::Table;
use crate::{Engine, EngineError};

/// An unordered dyad-year key, lower code first: how every source of the
/// panel is indexed and every row joined.
pub(super) fn key(a: u16, b: u16, year: i32) -> (u16, u16, i32) {
    if a <= b { (a, b, year) } else { (b, a, year) }
}
pub use sources::Sources;
pub use universe::System;

/// A group of columns the panel can add, and where its values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Group {
    /// Its name in `add=` (peacesciencer's function in parentheses in `about`).
    pub name: &'static str,
    /// Other names accepted.
    pub aliases: &'static [&'static str],
    /// The columns it adds, in order.
    pub columns: &'static [&'static str],
    /// The dataset files it reads (stems in the data folder).
    pub files: &'static [&'static str],
    /// The years its dataset covers, in words.
    pub coverage: &'static str,
    /// What the columns mean and how they are joined.
    pub about: &'static str,
}

/// Every group of columns, in the order they are added.
pub const GROUPS: &[Group] = &[
    Group {
        name: "atop",
        aliases: &["atop_alliance"],
        columns: &["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"],
        files: &["ps_atop_alliance"],
        coverage: "1815-2018",
        about: "ATOP 5.1 alliance obligations (add_atop_alliance): 1 when ccode1 has that obligation towards ccode2 \
                in the year, joined on the ordered pair as peacesciencer joins it (so in a non-directed panel, the \
                lower code's obligation); 0 in a covered year without one.",
    },
    Group {
        name: "cow_alliance",
        aliases: &["cow_alliances"],
        columns: &["cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"],
        files: &["ps_cow_alliance"],
        coverage: "1816-2012",
        about: "COW Formal Alliances 4.1 (add_cow_alliance): 1 when the dyad has an alliance of that type in the \
                year (types collapsed per dyad-year by peacesciencer); 0 in a covered year without one.",
    },
    Group {
        name: "mids",
        aliases: &["cow_mids", "disputes"],
        columns: &["cowmidongoing", "cowmidonset", "dispnum", "hostlev_dyad", "fatality_dyad"],
        files: &["ps_cow_mid_ddydisps"],
        coverage: "1816-2014",
        about: "COW MID 5.0 dyad-years, one dispute per dyad-year as peacesciencer whittled them (add_cow_mids): \
                ongoing and onset flags (0 in a covered year without a dispute), the dispute's number, and the \
                dyad's highest hostility level (1-5) and fatality level (0-6) of the two states; a dyad-level \
                fact, the same in both orders.",
    },
    Group {
        name: "rivalries",
        aliases: &["strategic_rivalries"],
        columns: &["td_rivalry", "tss_rivalry", "tss_principal"],
        files: &["ps_td_rivalries", "ps_tss_rivalries"],
        coverage: "Thompson-Dreyer to 2010, Thompson-Sakuwa-Suhas to 2020",
        about: "Strategic rivalries ongoing in the year (add_strategic_rivalries): Thompson & Dreyer (2012) and \
                Thompson, Sakuwa & Suhas (2021), and whether the TSS rivalry is principal (for both or \
                asymmetrically); 0 in a covered year without one, null after each dataset's last year.",
    },
    Group {
        name: "contiguity",
        aliases: &["contdir"],
        columns: &["conttype"],
        files: &["ps_cow_contdir"],
        coverage: "1816-2016",
        about: "COW Direct Contiguity 3.2 (add_contiguity): the closest contact of the year, 1 land border, 2-5 \
                separated by at most 12, 24, 150 or 400 miles of water, 0 none; a spell counts in every year it \
                touches.",
    },
    Group {
        name: "cinc",
        aliases: &["nmc", "capabilities"],
        columns: &[
            "milex1", "milper1", "irst1", "pec1", "tpop1", "upop1", "cinc1", "milex2", "milper2", "irst2", "pec2",
            "tpop2", "upop2", "cinc2",
        ],
        files: &["ps_cow_nmc"],
        coverage: "1816-2022",
        about: "COW National Material Capabilities 7.0 (add_nmc): each state's six parts and CINC, as the file \
                has them; null where the state-year has no row or the part is missing.",
    },
    Group {
        name: "majors",
        aliases: &["cow_majors", "major_powers"],
        columns: &["cowmaj1", "cowmaj2"],
        files: &["ps_cow_majors"],
        coverage: "1816-2016",
        about: "COW major powers (add_cow_majors): 1 when the state is a major power at some time in the year, 0 \
                when not, null after 2016.",
    },
    Group {
        name: "trade",
        aliases: &["cow_trade"],
        columns: &["flow1", "flow2", "smoothflow1", "smoothflow2"],
        files: &["ps_cow_trade_ndy"],
        coverage: "1870-2014",
        about: "COW Dyadic Trade 4.0 (add_cow_trade), current million US dollars rounded to whole millions by \
                peacesciencer: flow1 imports of ccode1 from ccode2, flow2 the reverse (turned with the dyad in a \
                directed panel), and COW's smoothed flows; null where the dyad-year has no row.",
    },
    Group {
        name: "igo",
        aliases: &["igos", "cow_igo"],
        columns: &["dyadigos"],
        files: &["ps_cow_igo_ndy"],
        coverage: "1816-2014",
        about: "COW IGO 3.0 (add_igos): the number of IGOs in which both states are full members; null where \
                the IGO data has no row for the dyad-year (its state list differs from COW's in a few).",
    },
    Group {
        name: "unvotes",
        aliases: &["agreement", "un_agreement"],
        columns: &["un_n", "un_agree", "un_kappa"],
        files: &["unvotes_un_votes", "voeten_unvotes2016_votes", "undl_ga_voting"],
        coverage: "1946 to the vote record's last session",
        about: "UN General Assembly vote agreement by session year (session + 1945), from the data folder's vote \
                record as `hegemony agreement --all --by year`: joint votes, Lijphart's agree and Cohen's kappa \
                (quadratic weights); null where the two states have no joint vote that year.",
    },
    Group {
        name: "idealpoints",
        aliases: &["ideal", "ideal_points"],
        columns: &["idealpoint1", "idealpoint2", "idealpoint_distance"],
        files: &["voeten_idealpoints_jul2025"],
        coverage: "1946-2024",
        about: "Bailey, Strezhnev & Voeten's published UN ideal points (final-passage estimates, the file's year) \
                and their absolute difference; null where either state has no estimate.",
    },
    Group {
        name: "hierarchy",
        aliases: &["hegemony"],
        columns: &[
            "hier_dominant",
            "hier_composite",
            "hier_security",
            "hier_economic",
            "hier_institutionalisation",
            "hier_alignment",
        ],
        files: &[],
        coverage: "1992-2025, the dominant states with a comparison set (Russia, the United States)",
        about: "The hierarchy profile's composite and its four parts for the relation between a dominant state \
                and a member of its comparison set (`hegemony profile`), with the dominant state's COW code; the \
                same in both orders; null for other dyads and years (carried and predicted values as the profile \
                gives them). The profiles span 1992-2025 whatever years the panel has, so a value is the one \
                `hegemony profile` shows.",
    },
];

/// The group named `name` (or one of its aliases).
pub fn group(name: &str) -> Result<&'static Group, EngineError> {
    let n = name.trim().to_ascii_lowercase().replace('-', "_");
    GROUPS.iter().find(|g| g.name == n || g.aliases.contains(&n.as_str())).ok_or_else(|| {
        let names: Vec<&str> = GROUPS.iter().map(|g| g.name).collect();
        EngineError::Request(format!("add: no column group '{name}'; known: {}", names.join(", ")))
    })
}

/// What panel to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelRequest {
    /// First and last year.
    pub years: (i32, i32),
    /// Both orders of every pair (else the lower code first).
    pub directed: bool,
    /// The state system.
    pub system: System,
    /// The column groups to add, by name, in any order (added in [`GROUPS`] order).
    pub add: Vec<String>,
}

/// A panel being made: the request and the datasets it reads.
pub struct Panel {
    request: PanelRequest,
    groups: Vec<&'static Group>,
    sources: Sources,
}

impl Panel {
    /// Checks the request and reads the datasets its groups need from
    /// `engine`'s data folder (a group whose dataset is missing is an
    /// error naming the files).
    pub fn open(engine: &Engine, request: PanelRequest) -> Result<Panel, EngineError> {
        let (lo, hi) = request.years;
        if lo > hi {
            return Err(EngineError::Request(format!("the range {lo}-{hi} ends before it starts")));
        }
        if lo < 1816 || hi > 2100 {
            return Err(EngineError::Request(format!(
                "years {lo}-{hi}: the state system lists start in 1816 (ask for years from 1816)"
            )));
        }
        let mut groups: Vec<&'static Group> = Vec::new();
        for name in &request.add {
            let g = group(name)?;
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
        groups.sort_by_key(|g| GROUPS.iter().position(|x| x == *g));
        let sources = Sources::load(engine, &groups, request.years)?;
        Ok(Panel { request, groups, sources })
    }

    /// The request.
    pub fn request(&self) -> &PanelRequest {
        &self.request
    }

    /// The datasets read, with their SHA-256, and the rows they refused.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The blocks the panel is made in: one year each (at most about 40,000
    /// directed dyads, a few megabytes while it is converted).
    pub fn blocks(&self) -> Vec<(i32, i32)> {
        let (lo, hi) = self.request.years;
        (lo..=hi).map(|y| (y, y)).collect()
    }

    /// The panel's rows in `years` (a block), with every column asked for.
    pub fn block(&self, years: (i32, i32)) -> Table {
        let rows = universe::rows(self.request.system, years, self.request.directed);
        let mut t = rows.table(self.request.system);
        for g in &self.groups {
            columns::add(&mut t, g, &rows, &self.sources);
        }
        t.set_inputs(&self.sources.inputs());
        t
    }
}

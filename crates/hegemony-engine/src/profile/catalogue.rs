//! The catalogue of measures: each measure of the profile written once —
//! name, label, unit, direction, parent, what it means (for specialists and
//! for everyone), and the datasets it needs. The profile's measures, the
//! settings' weights, the CLI's columns, the reports, the dashboard's
//! explanations and the list of missing datasets all read it from here.

use serde::Serialize;
use serde::ser::SerializeMap;

/// Which way a measure points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher values mean more hierarchy.
    Up,
    /// Higher values mean less hierarchy (it enters its parent inverted).
    Down,
    /// Context: shown, not a degree of hierarchy.
    Context,
}

/// A dataset the profile reads from the data folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    /// COW National Material Capabilities (population).
    Population,
    /// ATOP alliance dyad-years.
    Alliances,
    /// COW dyadic and national trade.
    Trade,
    /// The SIPRI arms-transfer register.
    Arms,
    /// The UN General Assembly vote record.
    Votes,
    /// Bailey, Strezhnev and Voeten's published ideal points.
    PublishedIdeal,
    /// US troops abroad (troopdata); the knowledge base's presences stand in without it.
    UsTroops,
}

/// Where a dataset's files come from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatasetSpec {
    /// The dataset.
    pub dataset: Dataset,
    /// The file names in the data folder.
    pub files: &'static str,
    /// Where they come from, or the command that fetches them.
    pub how: &'static str,
}

/// One measure of the profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureSpec {
    /// The name used everywhere (settings, JSON, `--measure`).
    pub name: &'static str,
    /// The name for people.
    pub label: &'static str,
    /// A column header for narrow tables.
    pub short: &'static str,
    /// The unit of its values.
    pub unit: &'static str,
    /// The measure it is a component of (`None`: a top-level measure).
    pub parent: Option<&'static str>,
    /// Whether its parent weighs it (by the settings file's table named after the parent).
    pub weighted: bool,
    /// Which way it points.
    pub direction: Direction,
    /// What it means, in a sentence for a specialist.
    pub about: &'static str,
    /// What it means, in plain language for a reader who is not a specialist.
    pub plain: &'static str,
    /// The datasets it reads (it may fall back on the knowledge base without them).
    pub needs: &'static [Dataset],
}

/// Every measure of the profile, parents before their components, in the
/// order the profile lists them.
pub const CATALOGUE: &[MeasureSpec] = &[
    MeasureSpec {
        name: "composite",
        label: "Hierarchy (composite)",
        short: "composite",
        unit: "index 0–1",
        parent: None,
        weighted: false,
        direction: Direction::Up,
        about: "The weighted mean of security, economic, institutional and voting alignment; the band is the 90% \
                range under random weights.",
        plain: "One number for how far the bigger power shapes the smaller state's security and foreign policy in a year: the average of four parts (military presence and alliances, economic dependence, treaty ties, and voting with the bigger power at the UN). 0 means no sign of hierarchy; 1 means as much as the most dependent state in the group. The shaded band shows how much the number would move if the four parts were weighted differently, so a small rise inside the band is not news.",
        needs: &[],
    },
    MeasureSpec {
        name: "security",
        label: "Security hierarchy",
        short: "security",
        unit: "index 0–1",
        parent: Some("composite"),
        weighted: true,
        direction: Direction::Up,
        about: "Lake's security hierarchy: the dominant state's troops per inhabitant (scaled by the largest among \
                its subordinates) and the subordinate's alliances that bypass the dominant state (fewer = more hierarchy).",
        plain: "How much the bigger power guards the smaller state: how many of its soldiers are stationed there for each thousand inhabitants, and whether the smaller state has military allies of its own that are not also the bigger power's allies. Many foreign troops and no independent allies push it towards 1.",
        needs: &[],
    },
    MeasureSpec {
        name: "troops",
        label: "Troops per 1,000 inhabitants",
        short: "troops/1k",
        unit: "per 1,000",
        parent: Some("security"),
        weighted: true,
        direction: Direction::Up,
        about: "The dominant state's military personnel stationed in the subordinate, per 1,000 inhabitants (range from the knowledge base's troop estimates).",
        plain: "Soldiers of the bigger power stationed in the smaller state for every 1,000 of its inhabitants, from published estimates of bases and deployments (a range where sources disagree).",
        needs: &[Dataset::Population],
    },
    MeasureSpec {
        name: "independent_alliances",
        label: "Independent alliances",
        short: "indep. all.",
        unit: "count",
        parent: Some("security"),
        weighted: true,
        direction: Direction::Down,
        about: "Military allies of the subordinate that are not allied with the dominant state (ATOP defence/offence pacts; knowledge-base treaties after ATOP ends).",
        plain: "Military allies the smaller state has that the bigger power does not share. Having such allies is a sign of independence, so this part counts them inverted: none at all gives 1.",
        needs: &[Dataset::Alliances],
    },
    MeasureSpec {
        name: "economic",
        label: "Economic hierarchy and dependence",
        short: "economic",
        unit: "index 0–1",
        parent: Some("composite"),
        weighted: true,
        direction: Direction::Up,
        about: "How much the subordinate depends on the dominant state for arms, trade and strategic infrastructure.",
        plain: "How much the smaller state depends on the bigger power for the things it cannot easily replace: the share of its weapons bought from it, the share of its trade with it, and how many strategic sectors (gas network, railways, power plants, banks, telecoms …) are owned by the bigger power's companies.",
        needs: &[],
    },
    MeasureSpec {
        name: "arms_import_share",
        label: "Arms-import share",
        short: "arms sh.",
        unit: "share",
        parent: Some("economic"),
        weighted: true,
        direction: Direction::Up,
        about: "The dominant state's share of the subordinate's arms imports over a trailing window (SIPRI trend-indicator values).",
        plain: "Of all the major weapons the smaller state imported over the last five years, the share that came from the bigger power (SIPRI's register of arms transfers).",
        needs: &[Dataset::Arms],
    },
    MeasureSpec {
        name: "trade_share",
        label: "Trade share",
        short: "trade sh.",
        unit: "share",
        parent: Some("economic"),
        weighted: true,
        direction: Direction::Up,
        about: "The dominant state's share of the subordinate's total trade (COW).",
        plain: "The share of the smaller state's foreign trade (imports plus exports) that is with the bigger power.",
        needs: &[Dataset::Trade],
    },
    MeasureSpec {
        name: "strategic_assets",
        label: "Strategic assets",
        short: "assets",
        unit: "share of sectors",
        parent: Some("economic"),
        weighted: true,
        direction: Direction::Up,
        about: "Share of the strategic sectors (gas, power, rail …) in which the dominant state's firms control an asset.",
        plain: "Out of seven strategic sectors, how many have a major asset owned or controlled by the bigger power's state or firms.",
        needs: &[],
    },
    MeasureSpec {
        name: "arms_supplier_concentration",
        label: "Arms supplier concentration",
        short: "arms HHI",
        unit: "normalised HHI",
        parent: Some("economic"),
        weighted: true,
        direction: Direction::Context,
        about: "How concentrated the subordinate's arms suppliers are, whoever they are (normalised Herfindahl index).",
        plain: "Whether the smaller state buys its weapons from one supplier or from many, whoever they are. Shown for context; it does not count in the score.",
        needs: &[Dataset::Arms],
    },
    MeasureSpec {
        name: "institutionalisation",
        label: "Institutionalisation",
        short: "institut.",
        unit: "index 0–1",
        parent: Some("composite"),
        weighted: true,
        direction: Direction::Up,
        about: "How deep the treaty frame is: the weighted share of provisions (mutual defence, bases, joint forces …) \
                binding the two states, and of the dominant state's organisations the subordinate takes part in.",
        plain: "How deep the written ties are: treaties in force between the two and what they commit to (mutual defence, bases, joint forces, a common air-defence system, guarding each other's borders, weapons at domestic prices), and membership in organisations the bigger power leads (CIS, CSTO, Eurasian Economic Union, Union State). Signing a treaty raises it; freezing a membership or suspending a treaty lowers it.",
        needs: &[],
    },
    MeasureSpec {
        name: "provisions",
        label: "Provisions in force",
        short: "provisions",
        unit: "share",
        parent: Some("institutionalisation"),
        weighted: false,
        direction: Direction::Up,
        about: "Weighted share of provision kinds binding the two states through agreements in force.",
        plain: "The weighted share of the possible treaty commitments that are in force between the two in that year.",
        needs: &[],
    },
    MeasureSpec {
        name: "memberships",
        label: "Memberships",
        short: "memberships",
        unit: "share",
        parent: Some("institutionalisation"),
        weighted: false,
        direction: Direction::Up,
        about: "Weighted share of the dominant state's organisations the subordinate takes part in, scaled by status.",
        plain: "Membership in organisations led by the bigger power, counting full membership more than observer or frozen status.",
        needs: &[],
    },
    MeasureSpec {
        name: "alignment",
        label: "Alignment in UN votes",
        short: "alignment",
        unit: "kappa 0–1",
        parent: Some("composite"),
        weighted: true,
        direction: Direction::Up,
        about: "How closely the subordinate votes with the dominant state in the UN General Assembly (Cohen's kappa, \
                chance-corrected, clipped at 0). Its distance 1 − κ falling means convergence.",
        plain: "How closely the smaller state votes with the bigger power in the UN General Assembly, corrected for the votes two countries would share by chance. 1 means it votes like the bigger power; lower means it goes its own way. After the vote record ends the value is carried forward and marked as such.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "un_distance",
        label: "Distance in UN votes",
        short: "UN dist.",
        unit: "1 − kappa",
        parent: Some("alignment"),
        weighted: false,
        direction: Direction::Down,
        about: "1 − Cohen's kappa (quadratic weights) between the two states' votes that year.",
        plain: "1 minus the chance-corrected agreement (Cohen's kappa) between the two states' votes in the UN General Assembly that year.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "un_distance_change",
        label: "Change of distance",
        short: "Δ dist.",
        unit: "Δ(1 − kappa)",
        parent: Some("alignment"),
        weighted: false,
        direction: Direction::Context,
        about: "The change from the year before: negative = the subordinate's votes moved towards the dominant state's (or the dominant state's towards it).",
        plain: "How much the voting distance moved since the year before, and whether the smaller or the bigger state did the moving.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "ideal_distance",
        label: "Distance of ideal points (published)",
        short: "ideal dist.",
        unit: "|Δθ|",
        parent: Some("alignment"),
        weighted: false,
        direction: Direction::Down,
        about: "The distance between the two states' UN ideal points as published by Bailey, Strezhnev and \
                Voeten (final-passage votes): one scale for all years, and it reaches past the vote record \
                parsed here. Shown, not weighted.",
        plain: "How far apart the two states sit on a left-to-right line estimated from all UN votes (published ideal points). Shown for context.",
        needs: &[Dataset::PublishedIdeal],
    },
    MeasureSpec {
        name: "alignment_residual",
        label: "Alignment beyond dependence",
        short: "residual",
        unit: "kappa",
        parent: None,
        weighted: false,
        direction: Direction::Context,
        about: "Alignment minus what the subordinate's dependence (security, economic, institutional) predicts across \
                the dominant state's subordinates that year: positive = more aligned than its dependence predicts.",
        plain: "Whether the smaller state votes with the bigger power more or less than its dependence would lead one to expect, compared with the other states in the group. Positive: more loyal than its dependence predicts; negative: more independent.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "intervening_powers",
        label: "Intervening powers",
        short: "interv.",
        unit: "count",
        parent: None,
        weighted: false,
        direction: Direction::Context,
        about: "Other powers with a tie to the subordinate that year (alliance, agreement in force, or membership in \
                an organisation they lead): counterweights to the dominant state.",
        plain: "Other powers (United States, EU, Turkey, Iran, China …) that have an alliance, a treaty or a shared organisation with the smaller state in that year: a counterweight to the bigger power.",
        needs: &[],
    },
];

/// Concepts the pages explain besides the measures: `(name, plain text)`.
pub const TOPICS: &[(&str, &str)] = &[
    (
        "phases",
        "Phases are stretches of years in which the relation was stable. A new phase starts where the data show a lasting change in treaty ties or voting, and the facts dated that year or the year before are listed as its likely causes. A change of data source is never counted as a new phase.",
    ),
    (
        "ideal",
        "Ideal points place every state on one line from all its UN votes, so that two states far apart on the line rarely vote alike. Here both states' positions are on one scale for every year since 1946, so a change in the distance is a real change in behaviour.",
    ),
    (
        "agreement",
        "The share of UN General Assembly votes in which the two states voted the same way, and the same corrected for chance (kappa): two states that both vote yes on almost everything agree a lot by chance alone.",
    ),
];

/// The measures shown in a profile's table, in order (the terminal report,
/// the HTML report, the comparison).
pub const TABLE: [&str; 7] =
    ["composite", "security", "economic", "institutionalisation", "alignment", "arms_import_share", "troops"];

/// The four parts of the composite, in the order of its weights.
pub const COMPOSITE_PARTS: [&str; 4] = ["security", "economic", "institutionalisation", "alignment"];

// None of the structural datasets is fetchable yet: say where each file comes from.
macro_rules! by_hand {
    ($origin:literal) => {
        concat!($origin, "; not fetchable with `hegemony data fetch` yet: put the file in the data folder")
    };
}

/// The datasets the profile reads, in the order the "needs" list gives them.
pub const DATASETS: &[DatasetSpec] = &[
    DatasetSpec {
        dataset: Dataset::Population,
        files: hegemony_data::structural::POPULATION,
        how: by_hand!("COW National Material Capabilities v7 (population), as exported by the R package peacesciencer"),
    },
    DatasetSpec {
        dataset: Dataset::Alliances,
        files: hegemony_data::structural::ALLIANCES,
        how: by_hand!("ATOP alliance dyad-years, as exported by the R package peacesciencer"),
    },
    DatasetSpec {
        dataset: Dataset::Trade,
        files: "ps_cow_trade_ndy + ps_cow_trade_sy",
        how: by_hand!("COW dyadic and national trade, as exported by the R package peacesciencer"),
    },
    DatasetSpec {
        dataset: Dataset::Arms,
        files: hegemony_data::structural::ARMS,
        how: by_hand!("SIPRI arms-transfer TIV 1950-2021, as extracted by 360-info/report-arms-trade"),
    },
    DatasetSpec {
        dataset: Dataset::Votes,
        files: "unvotes_un_votes + unvotes_un_roll_calls (or Voeten's UNVotes.csv)",
        how: "hegemony data fetch unvotes",
    },
    DatasetSpec {
        dataset: Dataset::PublishedIdeal,
        files: hegemony_data::structural::PUBLISHED_IDEAL,
        how: by_hand!("Bailey, Strezhnev and Voeten's UN ideal points by year (July 2025 release)"),
    },
];

/// The measures that need `dataset`, as "parent.name" (a component whose
/// parent needs it too is left out: the parent says it).
pub fn needing(dataset: Dataset) -> String {
    let needs = |m: &MeasureSpec| m.needs.contains(&dataset);
    let names: Vec<String> = CATALOGUE
        .iter()
        .filter(|m| needs(m) && !m.parent.and_then(spec).is_some_and(needs))
        .map(|m| match m.parent.filter(|p| *p != "composite") {
            Some(p) => format!("{p}.{}", m.name),
            None => m.name.to_string(),
        })
        .collect();
    names.join(", ")
}

/// The catalogue entry of `name`.
pub fn spec(name: &str) -> Option<&'static MeasureSpec> {
    CATALOGUE.iter().find(|m| m.name == name)
}

/// The components of `parent` its settings table weighs, in catalogue order.
pub fn weighted_parts(parent: &str) -> Vec<&'static str> {
    CATALOGUE.iter().filter(|m| m.parent == Some(parent) && m.weighted).map(|m| m.name).collect()
}

/// The catalogue as interfaces serve it (`/api/v1/measures`): every measure,
/// the table's columns, the comparison's, and the plain texts of measures
/// and topics by name.
#[derive(Serialize)]
pub struct CatalogueView {
    /// Every measure, parents first.
    pub measures: &'static [MeasureSpec],
    /// The columns of a profile's table.
    pub table: [&'static str; 7],
    /// The columns of a comparison.
    pub compared: Vec<&'static str>,
    /// Name → plain-language text, measures then topics.
    pub about: PlainTexts,
}

/// The catalogue as interfaces serve it.
pub fn view() -> CatalogueView {
    CatalogueView {
        measures: CATALOGUE,
        table: TABLE,
        compared: super::views::compared_measures().collect(),
        about: PlainTexts,
    }
}

/// Serialises as one JSON object, name → plain text, in catalogue order.
pub struct PlainTexts;

impl Serialize for PlainTexts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(CATALOGUE.len() + TOPICS.len()))?;
        for m in CATALOGUE {
            map.serialize_entry(m.name, m.plain)?;
        }
        for (name, text) in TOPICS {
            map.serialize_entry(name, text)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_is_described_and_its_parent_known() {
        for m in CATALOGUE {
            for (field, text) in
                [("label", m.label), ("short", m.short), ("unit", m.unit), ("about", m.about), ("plain", m.plain)]
            {
                assert!(!text.trim().is_empty(), "{}: no {field}", m.name);
            }
            if let Some(p) = m.parent {
                let at = |n: &str| CATALOGUE.iter().position(|x| x.name == n);
                assert!(at(p) < at(m.name), "{}: parent {p} unknown or listed after it", m.name);
            }
        }
        let mut names: Vec<&str> = CATALOGUE.iter().map(|m| m.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CATALOGUE.len(), "a name is listed twice");
    }

    #[test]
    fn tables_and_composite_name_known_measures() {
        for n in TABLE.iter().chain(&COMPOSITE_PARTS) {
            assert!(spec(n).is_some(), "{n} is not in the catalogue");
        }
        assert_eq!(weighted_parts("composite"), COMPOSITE_PARTS);
    }

    #[test]
    fn every_dataset_fills_a_measure() {
        for d in DATASETS {
            assert!(!needing(d.dataset).is_empty(), "{:?} fills no measure", d.dataset);
        }
        assert_eq!(needing(Dataset::Arms), "economic.arms_import_share, economic.arms_supplier_concentration");
        assert_eq!(needing(Dataset::Votes), "alignment, alignment_residual");
    }
}

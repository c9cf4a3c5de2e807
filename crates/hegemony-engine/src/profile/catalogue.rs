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
    /// Bailey, Strezhnev and Voeten's published agreement with Russia and the United States, by session.
    PublishedAgreement,
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
    /// What counts and what does not.
    pub counts: &'static str,
    /// The years and states its sources reach.
    pub coverage: &'static str,
    /// How a year without data is treated.
    pub missing: &'static str,
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
        about: "The weighted mean of security, economic, institutional and voting alignment; the band is the 90% range under random weights.",
        plain: "One number for how far the bigger power shapes the smaller state's security and foreign policy in a year: the average of four parts (military presence and alliances, economic dependence, treaty ties, and voting with the bigger power at the UN). 0 means no sign of hierarchy; 1 means as much as the most dependent state in the group. The shaded band shows how much the number would move if the four parts were weighted differently, so a small rise inside the band is not news.",
        counts: "The four parts, each on 0–1, weighted by the settings file ([composite]); a part carried past the end of its sources counts with its last value.",
        coverage: "Every year any part covers.",
        missing: "A part without a value counts over the whole range it could take: the value is the mean with the missing part at the middle of its range, and lo–hi spans it at 0 and at 1 (widened further by the random weights). The note names the missing parts.",
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
        about: "Lake's security hierarchy: the dominant state's troops stationed with the host's consent per inhabitant (scaled by the largest among its subordinates) and the subordinate's alliance ties to the dominant state against those that bypass it.",
        plain: "How much the bigger power guards the smaller state with its consent: how many of its soldiers are stationed there for each thousand inhabitants, and whether the smaller state's military alliances run through the bigger power or around it. Forces held against the smaller state's will do not count here: they are shown apart as coercive presence.",
        counts: "Consented troops (scaled) and the alliance part, weighted by [security]. Occupation and contested presence do not count; neither does a lack of alliances (neutrality, war with the dominant state).",
        coverage: "Every year: troops from the knowledge base (troopdata for the United States to 2023), alliances from ATOP to 2018 and the knowledge base after.",
        missing: "As the composite: a missing component counts over its whole range.",
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
        about: "The dominant state's military personnel stationed in the subordinate with the host's consent, per 1,000 inhabitants (range from the knowledge base's troop estimates).",
        plain: "Soldiers of the bigger power stationed in the smaller state with its consent, for every 1,000 of its inhabitants, from published estimates of bases and deployments (a range where sources disagree).",
        counts: "Presences whose consent status that year is `consented` (bases under an agreement the host keeps in force, peacekeepers it invited). Not counted: contested presence and occupation (see coercive_presence).",
        coverage: "Every year the knowledge base and COW population reach (population to 2022, then its last figure).",
        missing: "A consented presence without a troop figure makes the year missing (never zero); the note gives the troops known at the others. No presence recorded is zero.",
        needs: &[Dataset::Population],
    },
    MeasureSpec {
        name: "alliances",
        label: "Alliance hierarchy",
        short: "alliances",
        unit: "index 0–1",
        parent: Some("security"),
        weighted: true,
        direction: Direction::Up,
        about: "Lake's alliance criterion: the depth of the subordinate's formal alliance with the dominant state times the share of its military allies that are also the dominant state's allies (1 − the share that bypass it).",
        plain: "Whether the smaller state's military alliances run through the bigger power: 1 for a defence pact with it and no allies of its own outside the bigger power's circle; lower when it also has allies the bigger power does not share; 0 with no alliance with the bigger power at all, as for a neutral state or one at war with it.",
        counts: "alliance_tie × (1 − independent military allies / all military allies). Military allies: ATOP defence or offence obligations either way (to 2018), knowledge-base treaties with mutual defence or a security guarantee (after). A state without any military ally has a bypass share of 0; a state without an alliance with the dominant state scores 0, whatever its other ties (a neutral state, one at war with the dominant state).",
        coverage: "Every year: ATOP to 2018, the knowledge base after (which carries every alliance in force at ATOP's end).",
        missing: "Never missing: no recorded tie is a measured 0.",
        needs: &[Dataset::Alliances],
    },
    MeasureSpec {
        name: "alliance_tie",
        label: "Alliance with the dominant state",
        short: "tie",
        unit: "0 or 1",
        parent: Some("alliances"),
        weighted: false,
        direction: Direction::Up,
        about: "Whether the subordinate has a formal military alliance with the dominant state that year: 1 a defence (or offence) pact, 0 none. How deep the alliance runs (integrated command, joint forces, bases) is measured by institutionalisation, not again here.",
        plain: "Whether the smaller state has a military alliance with the bigger power (1) or not (0).",
        counts: "A defence or offence obligation either way between the two in ATOP (to 2018); knowledge-base agreements in force binding both with mutual_defence or security_guarantee (after). Lesser pacts (consultation, non-aggression, neutrality: ATOP codes the Helsinki Final Act as one) are not alliances here. No alliance holds while the dominant state occupies part of the subordinate's territory.",
        coverage: "Every year.",
        missing: "Never missing: no tie is 0.",
        needs: &[Dataset::Alliances],
    },
    MeasureSpec {
        name: "independent_alliances",
        label: "Independent alliances",
        short: "indep. all.",
        unit: "count",
        parent: Some("alliances"),
        weighted: false,
        direction: Direction::Down,
        about: "Military allies of the subordinate that are not allied with the dominant state (Lake's independent alliances; ATOP defence/offence pacts, knowledge-base treaties after ATOP ends).",
        plain: "Military allies the smaller state has that the bigger power does not share: a sign of independence.",
        counts: "Defence or offence pacts with states that have no such pact with the dominant state. Lesser pacts (consultation, non-aggression) are not alliances here.",
        coverage: "Every year: ATOP to 2018, the knowledge base after.",
        missing: "Never missing: none recorded is zero.",
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
        counts: "Arms-import share, trade share and strategic assets, weighted by [economic] (supplier concentration is shown with weight 0).",
        coverage: "Arms to 2021 (SIPRI) then knowledge-base figures, trade to 2014 (COW) then knowledge-base figures, assets every year.",
        missing: "As the composite: a missing component counts over its whole range; a component whose source has ended is carried from its last year.",
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
        counts: "SIPRI TIV deliveries over the window ([settings] arms_window, widened when less than arms_min_tiv was delivered); after the register ends, knowledge-base figures whose window contains the year.",
        coverage: "SIPRI 1950–2021; knowledge-base figures after.",
        missing: "No imports in the window is missing (a share of nothing), not zero.",
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
        counts: "COW dyadic trade with the dominant state over COW national trade (imports + exports); after COW ends, knowledge-base figures whose window contains the year.",
        coverage: "COW 1870–2014; knowledge-base figures after.",
        missing: "A dyad COW records as 0 in both directions while the subordinate trades is read as not recorded (missing), not as no trade.",
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
        counts: "Knowledge-base assets in the sectors of [settings] strategic_sectors held in the year.",
        coverage: "Every year the knowledge base covers.",
        missing: "None recorded is zero.",
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
        counts: "All suppliers' SIPRI TIV over the arms window.",
        coverage: "SIPRI 1950–2021.",
        missing: "No imports in the window is missing.",
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
        about: "How deep the treaty frame is: the weighted share of provisions (mutual defence, bases, joint forces …) binding the two states, and of the dominant state's organisations the subordinate takes part in.",
        plain: "How deep the written ties are: treaties in force between the two and what they commit to (mutual defence, bases, joint forces, a common air-defence system, guarding each other's borders, weapons at domestic prices), and membership in organisations the bigger power leads (CIS, CSTO, Eurasian Economic Union, Union State). Signing a treaty raises it; freezing a membership or suspending a treaty lowers it.",
        counts: "Agreements in force binding both (an organisation's treaty only while the state is an active member) and membership spells, weighted by weights/institutionalisation.toml.",
        coverage: "Every year the knowledge base covers.",
        missing: "None recorded is zero.",
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
        counts: "Provision kinds of agreements in force binding both.",
        coverage: "Every year.",
        missing: "None in force is zero.",
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
        counts: "Membership spells in organisations the dominant state leads, weighted by status.",
        coverage: "Every year.",
        missing: "None is zero.",
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
        about: "How closely the subordinate votes with the dominant state in the UN General Assembly (Cohen's kappa, chance-corrected, clipped at 0). Its distance 1 − κ falling means convergence.",
        plain: "How closely the smaller state votes with the bigger power in the UN General Assembly, corrected for the votes two countries would share by chance. 1 means it votes like the bigger power; lower means it goes its own way. Past the vote record it is predicted from published figures (marked predicted), and past those carried forward (marked carried).",
        counts: "κ (quadratic weights) over the roll calls both states voted on in the session year. Past the vote record: predicted from the published agreement with the dominant state (Bailey, Strezhnev and Voeten, by session), or else from the published ideal points, anchored on the state's last measured year.",
        coverage: "The vote record (unvotes to 2019, or a fetched UN Digital Library file to its last session); predictions to the published figures' end (agreement 2023, ideal points 2024); carried after.",
        missing: "A year in which the two states share no vote is missing.",
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
        counts: "Roll calls both states voted on.",
        coverage: "The vote record.",
        missing: "No shared vote is missing.",
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
        counts: "This year's distance minus last year's.",
        coverage: "The vote record.",
        missing: "Needs both years.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "vote_agreement",
        label: "Agreement with the dominant state (published)",
        short: "agree",
        unit: "share",
        parent: Some("alignment"),
        weighted: false,
        direction: Direction::Up,
        about: "The share of UN votes in which the subordinate voted as the dominant state, as published by Bailey, Strezhnev and Voeten by session (available for Russia and the United States as dominant states). Bridges alignment past the vote record parsed here.",
        plain: "How often the smaller state voted the same way as the bigger power at the UN, as published by researchers who keep the record up to date.",
        counts: "The published per-session agreement (RUSSAgree, USAgree), by session year.",
        coverage: "Sessions 1–78 (to 2023).",
        missing: "No published figure is missing.",
        needs: &[Dataset::PublishedAgreement],
    },
    MeasureSpec {
        name: "ideal_distance",
        label: "Distance of ideal points (published)",
        short: "ideal dist.",
        unit: "|Δθ|",
        parent: Some("alignment"),
        weighted: false,
        direction: Direction::Down,
        about: "The distance between the two states' UN ideal points as published by Bailey, Strezhnev and Voeten (final-passage votes): one scale for all years, and it reaches past the vote record parsed here. Shown, not weighted.",
        plain: "How far apart the two states sit on a left-to-right line estimated from all UN votes (published ideal points). Shown for context.",
        counts: "|θ_sub − θ_dom| in the July 2025 release.",
        coverage: "1946–2024.",
        missing: "No estimate for one of the two is missing.",
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
        about: "Alignment minus what the subordinate's dependence (security, economic, institutional) predicts across the dominant state's subordinates that year: positive = more aligned than its dependence predicts.",
        plain: "Whether the smaller state votes with the bigger power more or less than its dependence would lead one to expect, compared with the other states in the group. Positive: more loyal than its dependence predicts; negative: more independent.",
        counts: "OLS residual across the comparison set, years with measured votes only.",
        coverage: "Years of the vote record.",
        missing: "Needs alignment and dependence for three or more states.",
        needs: &[Dataset::Votes],
    },
    MeasureSpec {
        name: "coercive_presence",
        label: "Coercive presence",
        short: "coercive/1k",
        unit: "per 1,000",
        parent: None,
        weighted: false,
        direction: Direction::Context,
        about: "The dominant state's forces held in the subordinate against its will — contested presence or occupation — per 1,000 inhabitants. Coercion, not authority: shown beside security hierarchy, never part of it.",
        plain: "Soldiers of the bigger power kept in the smaller state against its will (occupied or disputed territory), for every 1,000 of its inhabitants. This is force, not accepted authority, so it does not raise the hierarchy score.",
        counts: "Presences whose consent status that year is `contested` or `occupation`.",
        coverage: "Every year the knowledge base and COW population reach.",
        missing: "A presence without a troop figure makes the year missing.",
        needs: &[Dataset::Population],
    },
    MeasureSpec {
        name: "intervening_powers",
        label: "Intervening powers",
        short: "interv.",
        unit: "count",
        parent: None,
        weighted: false,
        direction: Direction::Context,
        about: "Other powers with a tie to the subordinate that year (alliance, agreement in force, or membership in an organisation they lead): counterweights to the dominant state.",
        plain: "Other powers (United States, EU, Turkey, Iran, China …) that have an alliance, a treaty or a shared organisation with the smaller state in that year: a counterweight to the bigger power.",
        counts: "The powers of [settings] intervening_powers other than the dominant state.",
        coverage: "Every year.",
        missing: "None is zero.",
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
pub const TABLE: [&str; 8] = [
    "composite",
    "security",
    "economic",
    "institutionalisation",
    "alignment",
    "arms_import_share",
    "troops",
    "coercive_presence",
];

/// The measures a comparison shows: the table's, and the residual.
pub fn compared_measures() -> impl Iterator<Item = &'static str> {
    TABLE.into_iter().chain(["alignment_residual"])
}

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
        files: "undl_ga_voting (or unvotes_un_votes + unvotes_un_roll_calls, or Voeten's UNVotes.csv)",
        how: "hegemony data fetch undl (to the latest session) or hegemony data fetch unvotes",
    },
    DatasetSpec {
        dataset: Dataset::PublishedIdeal,
        files: hegemony_data::structural::PUBLISHED_IDEAL,
        how: by_hand!("Bailey, Strezhnev and Voeten's UN ideal points by year (July 2025 release)"),
    },
    DatasetSpec {
        dataset: Dataset::PublishedAgreement,
        files: hegemony_data::structural::PUBLISHED_AGREEMENT,
        how: by_hand!("Bailey, Strezhnev and Voeten's UN ideal points and agreement by session (June 2024 release)"),
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
    pub table: [&'static str; 8],
    /// The columns of a comparison.
    pub compared: Vec<&'static str>,
    /// Name → plain-language text, measures then topics.
    pub about: PlainTexts,
}

/// The catalogue as interfaces serve it.
pub fn view() -> CatalogueView {
    CatalogueView { measures: CATALOGUE, table: TABLE, compared: compared_measures().collect(), about: PlainTexts }
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
            let texts = [
                ("label", m.label),
                ("short", m.short),
                ("unit", m.unit),
                ("about", m.about),
                ("plain", m.plain),
                ("counts", m.counts),
                ("coverage", m.coverage),
                ("missing", m.missing),
            ];
            for (field, text) in texts {
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

//! The model of facts.
//!
//! Every fact has a stable [`Fact::id`], the states it concerns
//! ([`Fact::actors`], canonical registry codes such as `ARM`), optional
//! partial start and end dates, one or more [`Source`]s and a confidence in
//! `[0, 1]`. What is specific to a kind of fact lives in [`Detail`].

use std::fmt;
use std::str::FromStr;

use hegemony_core::{Date, PartialDate};
use serde::{Deserialize, Serialize};

/// The kinds of fact the knowledge base holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// An international organisation or treaty community.
    Organisation,
    /// A state's membership of an organisation.
    Membership,
    /// An agreement between states, with its provisions.
    Agreement,
    /// A military presence of one state in another.
    Presence,
    /// A strategic asset controlled by another state's firms.
    Asset,
    /// A dependence figure (arms, trade, energy, debt …).
    Dependence,
    /// An event (war, revolution, crisis …).
    Event,
    /// A statement by someone about a relation.
    Claim,
}

impl FactKind {
    /// Every kind, in the order of the TOML tables.
    pub const ALL: [FactKind; 8] = [
        FactKind::Organisation,
        FactKind::Membership,
        FactKind::Agreement,
        FactKind::Presence,
        FactKind::Asset,
        FactKind::Dependence,
        FactKind::Event,
        FactKind::Claim,
    ];

    /// The kind as the TOML table and the JSON name it (`membership`).
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Organisation => "organisation",
            FactKind::Membership => "membership",
            FactKind::Agreement => "agreement",
            FactKind::Presence => "presence",
            FactKind::Asset => "asset",
            FactKind::Dependence => "dependence",
            FactKind::Event => "event",
            FactKind::Claim => "claim",
        }
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FactKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim().to_lowercase();
        let s = s.strip_suffix('s').unwrap_or(&s);
        FactKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || (s == "organization" && *k == FactKind::Organisation))
            .ok_or_else(|| {
                let names: Vec<&str> = FactKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown fact kind '{s}' (expected one of {})", names.join(", "))
            })
    }
}

/// Where a fact was written down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Path of the file, relative to its knowledge-base root, prefixed by the
    /// layer for user files (`user:`).
    pub file: String,
    /// 1-based line of the fact's table header.
    pub line: usize,
    /// Shipped or user.
    pub layer: Layer,
}

/// Which set of files a fact comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// Shipped with the program (the repository's `kb/`).
    Shipped,
    /// A user's own files, loaded on top and surviving upgrades.
    User,
}

/// One fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Unique id (lower case, digits, `-`, `_`, `.`), as cited by other facts and by users.
    pub id: String,
    /// A title for people (given, or made from the detail).
    pub title: String,
    /// The states concerned, as canonical registry codes (ISO3 where known).
    pub actors: Vec<String>,
    /// Organisations concerned (ids of organisation facts), e.g. the EU as a
    /// party to an agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<String>,
    #[serde(with = "opt_pdate", default)]
    /// When the fact begins to hold (`None`: not recorded).
    pub start: Option<PartialDate>,
    /// `None`: still ongoing (or a point event).
    #[serde(with = "opt_pdate", default)]
    pub end: Option<PartialDate>,
    /// What is specific to its kind.
    pub detail: Detail,
    /// Where it comes from; at least one.
    pub sources: Vec<Source>,
    /// How sure the knowledge base is, 0–1 (general knowledge to verify ≈ 0.6).
    pub confidence: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    /// The file and line it was written in.
    pub origin: Origin,
}

impl Fact {
    /// The fact's kind.
    pub fn kind(&self) -> FactKind {
        match &self.detail {
            Detail::Organisation(_) => FactKind::Organisation,
            Detail::Membership(_) => FactKind::Membership,
            Detail::Agreement(_) => FactKind::Agreement,
            Detail::Presence(_) => FactKind::Presence,
            Detail::Asset(_) => FactKind::Asset,
            Detail::Dependence(_) => FactKind::Dependence,
            Detail::Event(_) => FactKind::Event,
            Detail::Claim(_) => FactKind::Claim,
        }
    }

    /// Whether the fact's validity period touches the calendar year.
    pub fn touches_year(&self, year: i32) -> bool {
        match &self.detail {
            Detail::Membership(m) => m.spells.iter().any(|s| s.touches_year(year)),
            Detail::Claim(_) => self.start.is_some_and(|d| d.year == year),
            Detail::Agreement(a) => a.in_force_in(year),
            _ => {
                let starts = self.start.is_none_or(|s| s.earliest().year() <= year);
                let ends = match self.end {
                    Some(e) => e.latest().year() >= year,
                    None => true,
                };
                starts && ends
            }
        }
    }

    /// A short status word as of `on` (e.g. `in_force`, `frozen`, `active`).
    pub fn status_on(&self, on: Date) -> String {
        match &self.detail {
            Detail::Agreement(a) => a.status_on(on).as_str().to_string(),
            Detail::Membership(m) => m.status_on(on).map(|s| s.as_str().to_string()).unwrap_or_else(|| "none".into()),
            Detail::Organisation(_) | Detail::Presence(_) | Detail::Asset(_) => {
                if self.start.is_some_and(|s| s.earliest() > on) {
                    "future".into()
                } else if self.end.is_some_and(|e| e.latest() < on) {
                    "ended".into()
                } else {
                    "active".into()
                }
            }
            Detail::Dependence(_) => "measured".into(),
            Detail::Event(_) => {
                if self.end.is_some_and(|e| e.latest() < on)
                    || (self.end.is_none() && self.start.is_some_and(|s| s.latest() < on))
                {
                    "past".into()
                } else {
                    "ongoing".into()
                }
            }
            Detail::Claim(c) => c.stance.as_str().to_string(),
        }
    }

    /// The provisions of an agreement (empty for other kinds).
    pub fn provisions(&self) -> &[Provision] {
        match &self.detail {
            Detail::Agreement(a) => &a.provisions,
            _ => &[],
        }
    }
}

/// What is specific to each kind of fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// See [`Organisation`].
    Organisation(Organisation),
    /// See [`Membership`].
    Membership(Membership),
    /// See [`Agreement`].
    Agreement(Agreement),
    /// See [`Presence`].
    Presence(Presence),
    /// See [`Asset`].
    Asset(Asset),
    /// See [`Dependence`].
    Dependence(Dependence),
    /// See [`Event`].
    Event(Event),
    /// See [`Claim`].
    Claim(Claim),
}

/// An international organisation or treaty community (CIS, CSTO, EAEU …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Its usual abbreviation (`CSTO`).
    pub abbrev: String,
    /// Id of the founding agreement fact, or its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founding_treaty: Option<String>,
    /// What it is for, in a line.
    pub purpose: String,
    /// The dominant member, if any (registry code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dominant: Option<String>,
    /// Id of the organisation this one succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_of: Option<String>,
}

/// The status of a state in an organisation during a spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// A full member.
    Member,
    /// Takes part without full membership (e.g. never ratified the charter).
    Participant,
    /// An associate member.
    Associate,
    /// An observer.
    Observer,
    /// Partnership programme participant (e.g. NATO Partnership for Peace).
    Partner,
    /// A candidate for membership.
    Candidate,
    /// Membership suspended by the organisation.
    Suspended,
    /// Participation frozen by the state itself (Armenia in the CSTO from 2024).
    Frozen,
    /// Left the organisation.
    Withdrawn,
}

impl MembershipStatus {
    /// The status as the TOML writes it (`member`).
    pub fn as_str(self) -> &'static str {
        match self {
            MembershipStatus::Member => "member",
            MembershipStatus::Participant => "participant",
            MembershipStatus::Associate => "associate",
            MembershipStatus::Observer => "observer",
            MembershipStatus::Partner => "partner",
            MembershipStatus::Candidate => "candidate",
            MembershipStatus::Suspended => "suspended",
            MembershipStatus::Frozen => "frozen",
            MembershipStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether a state with this status takes part in the organisation.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            MembershipStatus::Member
                | MembershipStatus::Participant
                | MembershipStatus::Associate
                | MembershipStatus::Observer
                | MembershipStatus::Partner
        )
    }
}

/// A period with one membership status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembershipSpell {
    /// The status during the spell.
    pub status: MembershipStatus,
    #[serde(with = "pdate")]
    /// The day it began.
    pub from: PartialDate,
    /// `None`: still so.
    #[serde(with = "opt_pdate", default)]
    pub to: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this spell in particular.
    pub sources: Vec<Source>,
}

impl MembershipSpell {
    /// Whether the spell holds at some time in `year`.
    pub fn touches_year(&self, year: i32) -> bool {
        self.from.earliest().year() <= year && self.to.is_none_or(|t| t.latest().year() >= year)
    }
    /// Whether the status held on `d`. `to` is the day the status ended or
    /// changed (exclusive); a partial `to` counts from its earliest day.
    pub fn contains(&self, d: Date) -> bool {
        self.from.earliest() <= d && self.to.is_none_or(|t| d < t.earliest())
    }
}

/// A state's membership of an organisation, as a sequence of status spells.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    /// The member state (registry code).
    pub state: String,
    /// Id of the organisation fact.
    pub org: String,
    /// The status spells, earliest first, not overlapping.
    pub spells: Vec<MembershipSpell>,
}

impl Membership {
    /// The status on a day; the later spell wins where partial dates overlap.
    pub fn status_on(&self, d: Date) -> Option<MembershipStatus> {
        self.spells.iter().filter(|s| s.contains(d)).max_by_key(|s| s.from.earliest()).map(|s| s.status)
    }

    /// The status that held longest in `year` (ties: the later one).
    pub fn status_in_year(&self, year: i32) -> Option<MembershipStatus> {
        self.spells.iter().rfind(|s| s.touches_year(year)).map(|s| s.status)
    }
}

/// Typed provisions of an agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionKind {
    /// Each party defends the others if attacked.
    MutualDefence,
    /// The parties consult in a crisis.
    Consultation,
    /// The parties do not attack one another.
    NonAggression,
    /// No party joins alliances or blocs directed against another.
    NoHostileAlliance,
    /// Forces under one joint command in peacetime.
    IntegratedCommand,
    /// One party commands the other's forces in war.
    WartimeCommand,
    /// One party may base forces on the other's territory.
    BasingRights,
    /// A joint group of forces.
    JointForces,
    /// A unified air-defence system.
    UnifiedAirDefence,
    /// One party guards the other's borders.
    BorderGuarding,
    /// Arms sold at the supplier's domestic prices.
    ArmsDomesticPrices,
    /// Cooperation in arms production and supply.
    MilitaryTechnicalCooperation,
    /// Military aid: arms, money or equipment given.
    MilitaryAid,
    /// Training of one party's officers or forces by the other.
    Training,
    /// Joint peacekeeping forces or missions.
    Peacekeeping,
    /// Nuclear weapons deployed on the other's territory.
    NuclearDeployment,
    /// The legal status of forces stationed abroad.
    StatusOfForces,
    /// Intelligence shared between the services.
    IntelligenceSharing,
    /// One party guarantees the other's security.
    SecurityGuarantee,
    /// Foreign-policy positions coordinated.
    PoliticalCoordination,
    /// A customs union (common external tariff).
    CustomsUnion,
    /// A free-trade area.
    FreeTrade,
    /// Deeper economic integration (common market, common rules).
    EconomicIntegration,
    /// A common currency.
    CommonCurrency,
    /// Energy supplied on agreed terms.
    EnergySupply,
    /// Anything else (say what in the provision's note).
    Other,
}

impl ProvisionKind {
    /// The kind as the TOML writes it (`mutual_defence`).
    pub fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// One provision of an agreement, with an optional note on its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Provision {
    #[serde(rename = "type")]
    /// The kind of provision.
    pub kind: ProvisionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// What the agreement says, in a line.
    pub note: Option<String>,
}

/// Where an agreement stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// Not signed yet on that day.
    NotYetSigned,
    /// Signed, not yet in force.
    Signed,
    /// In force (also when only signed and no entry into force is recorded).
    InForce,
    /// Suspended by a party.
    Suspended,
    /// Ended by expiry or termination.
    Expired,
    /// Denounced by a party.
    Denounced,
    /// Ended and replaced by another agreement.
    Superseded,
}

impl AgreementStatus {
    /// The status as a word (`in_force`).
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::NotYetSigned => "not_yet_signed",
            AgreementStatus::Signed => "signed",
            AgreementStatus::InForce => "in_force",
            AgreementStatus::Suspended => "suspended",
            AgreementStatus::Expired => "expired",
            AgreementStatus::Denounced => "denounced",
            AgreementStatus::Superseded => "superseded",
        }
    }
}

/// A bilateral or multilateral agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// States party to it (registry codes).
    pub parties: Vec<String>,
    #[serde(with = "opt_pdate", default)]
    /// Signature.
    pub signed: Option<PartialDate>,
    #[serde(with = "opt_pdate", default)]
    /// Ratification.
    pub ratified: Option<PartialDate>,
    #[serde(with = "opt_pdate", default)]
    /// Entry into force.
    pub in_force: Option<PartialDate>,
    /// Scheduled end (may lie in the future, e.g. 2044).
    #[serde(with = "opt_pdate", default)]
    pub expires: Option<PartialDate>,
    /// Actually ended by expiry or termination.
    #[serde(with = "opt_pdate", default)]
    pub expired: Option<PartialDate>,
    #[serde(with = "opt_pdate", default)]
    /// Denunciation by a party.
    pub denounced: Option<PartialDate>,
    #[serde(with = "opt_pdate", default)]
    /// Suspension.
    pub suspended: Option<PartialDate>,
    /// Id of the agreement this one amends, extends or builds on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<String>,
    /// Id of the agreement that replaced this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// What it provides for.
    pub provisions: Vec<Provision>,
}

impl Agreement {
    /// The day the obligations started (entry into force, else signature).
    pub fn effective_start(&self) -> Option<PartialDate> {
        self.in_force.or(self.signed)
    }

    /// The day the obligations stopped, if they did.
    pub fn effective_end(&self) -> Option<PartialDate> {
        [self.denounced, self.expired, self.suspended].into_iter().flatten().min_by_key(|d| d.earliest())
    }

    /// Whether the agreement was in force at some time during `year`.
    pub fn in_force_in(&self, year: i32) -> bool {
        let Some(start) = self.effective_start() else { return false };
        if start.earliest().year() > year {
            return false;
        }
        if self.effective_end().is_some_and(|e| e.latest().year() < year || e.earliest() <= Date::start_of_year(year)) {
            return false;
        }
        self.expires.is_none_or(|e| e.latest().year() >= year)
    }

    /// Where the agreement stands on `d`.
    pub fn status_on(&self, d: Date) -> AgreementStatus {
        if self.denounced.is_some_and(|x| x.earliest() <= d) {
            return AgreementStatus::Denounced;
        }
        if self.expired.is_some_and(|x| x.earliest() <= d) {
            return if self.superseded_by.is_some() { AgreementStatus::Superseded } else { AgreementStatus::Expired };
        }
        if self.expires.is_some_and(|x| x.latest() < d) {
            return AgreementStatus::Expired;
        }
        if self.suspended.is_some_and(|x| x.earliest() <= d) {
            return AgreementStatus::Suspended;
        }
        if self.in_force.is_some_and(|x| x.earliest() <= d) {
            return AgreementStatus::InForce;
        }
        if self.signed.is_some_and(|x| x.earliest() <= d) {
            // An agreement with no recorded entry into force is taken as in
            // force from signature (many take effect on signature).
            return if self.in_force.is_none() { AgreementStatus::InForce } else { AgreementStatus::Signed };
        }
        AgreementStatus::NotYetSigned
    }

    /// Whether the agreement has a provision of kind `p`.
    pub fn has(&self, p: ProvisionKind) -> bool {
        self.provisions.iter().any(|x| x.kind == p)
    }
}

/// A troop level known at a date, as a range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TroopLevel {
    #[serde(with = "pdate")]
    /// The date of the estimate.
    pub date: PartialDate,
    /// Fewest troops.
    pub low: u32,
    /// Most troops.
    pub high: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark (what is counted, how sure).
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this figure in particular.
    pub sources: Vec<Source>,
}

/// A military presence of one state on another's territory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Presence {
    /// The state whose forces are there (registry code).
    pub dominant: String,
    /// The state they are in (registry code).
    pub host: String,
    /// Base, air_base, naval_base, radar, space, test_site, border_guards,
    /// peacekeeping, training, facility …
    pub facility: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where (`Gyumri`).
    pub location: Option<String>,
    /// Id of the agreement it rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<String>,
    #[serde(default)]
    /// Troop levels by date, earliest first.
    pub troops: Vec<TroopLevel>,
    /// The host's consent over time, earliest first (Lake's hierarchy counts
    /// only forces stationed with the host's consent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<ConsentSpell>,
    /// Why no troop figure is given (a presence without people, or no
    /// public figure), when `troops` is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub troops_unknown: Option<String>,
}

/// Whether the host state agrees to a foreign military presence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    /// Stationed under an agreement the host keeps in force.
    Consented,
    /// The host demands withdrawal or disputes the legal basis, without
    /// having lost control of the territory (Transnistria, Gudauta after 1999).
    Contested,
    /// Held on the host's territory against its will, the territory out of
    /// its control (Abkhazia and South Ossetia after 2008, Crimea after 2014).
    Occupation,
}

impl Consent {
    /// The status as the TOML writes it (`consented`).
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Consented => "consented",
            Consent::Contested => "contested",
            Consent::Occupation => "occupation",
        }
    }
}

/// The host's consent from a date until the next spell (or the end of the presence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentSpell {
    /// The host's consent during the spell.
    pub status: Consent,
    /// When this status began; `None` = since the presence began.
    #[serde(default, with = "opt_pdate", skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark for readers.
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    /// Sources of this spell in particular.
    pub sources: Vec<Source>,
}

impl Presence {
    /// The host's consent in `year`: the last spell begun by the end of the
    /// year (`None`: not recorded).
    pub fn consent_in(&self, year: i32) -> Option<Consent> {
        self.consent.iter().rfind(|s| s.from.is_none_or(|d| d.earliest().year() <= year)).map(|s| s.status)
    }
}

/// A strategic asset in one state controlled by another's firms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Asset {
    /// gas, oil, rail, power, nuclear, banking, telecom, mining, defence_industry …
    pub sector: String,
    /// What it is (`Gazprom Armenia`).
    pub asset: String,
    /// Who controls it (the firm).
    pub owner: String,
    /// The firm's state (registry code).
    pub owner_state: String,
    /// The state the asset is in (registry code).
    pub host: String,
    /// Share held, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// A dependence figure with its definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dependence {
    /// The dependent state.
    pub subject: String,
    /// The state depended upon.
    pub partner: String,
    /// arms_import_share, trade_share, import_share, export_share,
    /// remittance_share, debt, loan, gas_import_share …
    pub indicator: String,
    /// The figure, in `unit`.
    pub value: f64,
    /// percent, usd_million, share …
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// First year of the window the figure covers.
    pub window_from: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Last year of the window.
    pub window_to: Option<i32>,
    /// How the figure is defined, in the source's words.
    pub definition: String,
}

/// An event: war, revolution, crisis …
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// war, revolution, crisis, coup, ceasefire, intervention, recognition,
    /// referendum, annexation, other.
    pub event_type: String,
}

/// How a claim regards the relation it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Approves of the relation.
    Supportive,
    /// Criticises it.
    Critical,
    /// Worries about it.
    Concerned,
    /// Takes no side.
    Neutral,
    /// States facts without judging.
    Descriptive,
}

impl Stance {
    /// The stance as the TOML writes it (`critical`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supportive => "supportive",
            Stance::Critical => "critical",
            Stance::Concerned => "concerned",
            Stance::Neutral => "neutral",
            Stance::Descriptive => "descriptive",
        }
    }
}

/// Who said what about which relation, when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Who said it.
    pub speaker: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The speaker's office or organisation.
    pub affiliation: Option<String>,
    /// How it regards the relation.
    pub stance: Stance,
    /// What was claimed, in the knowledge base's own words.
    pub text: String,
}

/// Where a fact comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// document, treaty, dataset, web, publication, unverified.
    pub kind: String,
    /// Id of a `[[source]]` catalogue entry this source was resolved from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Title of the document, treaty or dataset.
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Author.
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Publisher.
    pub publisher: Option<String>,
    #[serde(with = "opt_pdate", default, skip_serializing_if = "Option::is_none")]
    /// Date of publication or signature.
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where it is on the web.
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The file, relative to the checkout's parent (`shared/documents/…`).
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Page(s) in the document.
    pub page: Option<String>,
    /// Rows of a dataset file, e.g. "lines 6540-6541".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    /// The exact quoted span, copied from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark (for an unverified source: what is to verify).
    pub note: Option<String>,
}

impl Source {
    /// One line for people: "title (author, date)".
    pub fn short(&self) -> String {
        let mut s = self.title.clone().unwrap_or_else(|| self.note.clone().unwrap_or_else(|| self.kind.clone()));
        let mut bits = Vec::new();
        if let Some(a) = self.author.as_ref().or(self.publisher.as_ref()) {
            bits.push(a.clone());
        }
        if let Some(d) = self.date {
            bits.push(d.to_string());
        }
        if let Some(f) = &self.file {
            bits.push(f.clone());
        }
        if !bits.is_empty() {
            s.push_str(&format!(" ({})", bits.join(", ")));
        }
        if self.kind == "unverified" {
            s = format!("unverified: {s}");
        }
        s
    }
}

/// Serde helpers for [`PartialDate`] as a string.
pub mod pdate {
    use hegemony_core::PartialDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(d: &PartialDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
    /// Reads a date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PartialDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Serde helpers for `Option<PartialDate>` as an optional string.
pub mod opt_pdate {
    use hegemony_core::PartialDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the date as a string, or nothing.
    pub fn serialize<S: Serializer>(d: &Option<PartialDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
    /// Reads an optional date string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PartialDate>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| s.parse().map_err(serde::de::Error::custom)).transpose()
    }
}

/// Today's date from the system clock (UTC).
pub fn today() -> Date {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    civil_from_days(secs.div_euclid(86_400))
}

/// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y } as i32;
    Date::new(y, m, d).expect("civil_from_days yields valid dates")
}

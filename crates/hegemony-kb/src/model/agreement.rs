//! Agreements: parties, dates, typed provisions, and where one stands on a day or in a year.

use hegemony_core::{Date, PartialDate};
use serde::{Deserialize, Serialize};

use super::opt_pdate;

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

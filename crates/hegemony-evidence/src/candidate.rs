//! What a candidate is: its kind, the relations a sentence can state, the
//! detail each kind carries (the rule that fired and what it read), its
//! review status and the record of a review.
//!
//! One home for the vocabulary that extraction writes, the store keeps and
//! review reads. Each value goes into the store as text once and is read
//! back once ([`Detail::parse`], `FromStr`); a value this program does not
//! know (a store written by another version) is an error naming it, never a
//! panic or a silent default.

use std::collections::BTreeMap;

use hegemony_kb::{MembershipStatus, ProvisionKind};
use serde::{Deserialize, Serialize};

use crate::gazetteer::ActorKind;

/// The kinds of candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A state, organisation, place, unit, agency, firm or person.
    Actor,
    /// A date or a period.
    Date,
    /// A number with its unit (troops, a share, money, a weight, a distance).
    Quantity,
    /// A relation a sentence states ([`RelationKind`]).
    Relation,
    /// An attributed judgement, with its stance.
    Claim,
}

impl Kind {
    /// Every kind, in the order candidates of one place are listed.
    pub const ALL: [Kind; 5] = [Kind::Actor, Kind::Date, Kind::Quantity, Kind::Relation, Kind::Claim];

    /// The name in the store and the interfaces (`actor`, `date` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Date => "date",
            Kind::Quantity => "quantity",
            Kind::Relation => "relation",
            Kind::Claim => "claim",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown candidate kind '{s}' (expected actor, date, quantity, relation or claim)"))
    }
}

/// A relation a sentence states: the value of a relation candidate,
/// written `family.what` (`agreement.signed`, `membership.frozen`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// An agreement was signed.
    AgreementSigned,
    /// An agreement was ratified.
    AgreementRatified,
    /// An agreement was extended (until a year, for years).
    AgreementExtended,
    /// A state joined an organisation.
    MembershipJoined,
    /// A state froze its membership.
    MembershipFrozen,
    /// A state left an organisation.
    MembershipLeft,
    /// Troops or a base were deployed or stationed.
    PresenceDeployment,
    /// Arms, equipment or gas were delivered.
    EventDelivery,
    /// A joint or wartime command.
    ProvisionCommand,
    /// Guarding or patrolling a border.
    ProvisionBorderGuarding,
    /// Mutual defence (or the collective-defence formula).
    ProvisionMutualDefence,
    /// A unified (joint, regional) air defence.
    ProvisionUnifiedAirDefence,
    /// A joint force or group of forces.
    ProvisionJointForces,
    /// Arms sold at the supplier's domestic prices.
    ProvisionArmsDomesticPrices,
}

/// What part of the knowledge base a relation belongs to: the part of its
/// name before the dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelationFamily {
    /// `agreement.*`
    Agreement,
    /// `membership.*`
    Membership,
    /// `presence.*`
    Presence,
    /// `event.*`
    Event,
    /// `provision.*`: a provision of an agreement.
    Provision,
}

impl RelationKind {
    /// Every relation kind, in the order extraction tries them.
    pub const ALL: [RelationKind; 14] = [
        RelationKind::AgreementSigned,
        RelationKind::AgreementRatified,
        RelationKind::AgreementExtended,
        RelationKind::MembershipJoined,
        RelationKind::MembershipFrozen,
        RelationKind::MembershipLeft,
        RelationKind::PresenceDeployment,
        RelationKind::EventDelivery,
        RelationKind::ProvisionCommand,
        RelationKind::ProvisionBorderGuarding,
        RelationKind::ProvisionMutualDefence,
        RelationKind::ProvisionUnifiedAirDefence,
        RelationKind::ProvisionJointForces,
        RelationKind::ProvisionArmsDomesticPrices,
    ];

    /// The name in the store and the interfaces.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::AgreementSigned => "agreement.signed",
            RelationKind::AgreementRatified => "agreement.ratified",
            RelationKind::AgreementExtended => "agreement.extended",
            RelationKind::MembershipJoined => "membership.joined",
            RelationKind::MembershipFrozen => "membership.frozen",
            RelationKind::MembershipLeft => "membership.left",
            RelationKind::PresenceDeployment => "presence.deployment",
            RelationKind::EventDelivery => "event.delivery",
            RelationKind::ProvisionCommand => "provision.command",
            RelationKind::ProvisionBorderGuarding => "provision.border_guarding",
            RelationKind::ProvisionMutualDefence => "provision.mutual_defence",
            RelationKind::ProvisionUnifiedAirDefence => "provision.unified_air_defence",
            RelationKind::ProvisionJointForces => "provision.joint_forces",
            RelationKind::ProvisionArmsDomesticPrices => "provision.arms_domestic_prices",
        }
    }

    /// The family (the part before the dot).
    pub fn family(self) -> RelationFamily {
        use RelationKind::*;
        match self {
            AgreementSigned | AgreementRatified | AgreementExtended => RelationFamily::Agreement,
            MembershipJoined | MembershipFrozen | MembershipLeft => RelationFamily::Membership,
            PresenceDeployment => RelationFamily::Presence,
            EventDelivery => RelationFamily::Event,
            ProvisionCommand
            | ProvisionBorderGuarding
            | ProvisionMutualDefence
            | ProvisionUnifiedAirDefence
            | ProvisionJointForces
            | ProvisionArmsDomesticPrices => RelationFamily::Provision,
        }
    }

    /// The part after the dot (`signed`, `joint_forces`).
    pub fn name(self) -> &'static str {
        let s = self.as_str();
        &s[s.find('.').map_or(0, |i| i + 1)..]
    }

    /// The membership status a `membership.*` relation starts.
    pub fn membership_status(self) -> Option<MembershipStatus> {
        match self {
            RelationKind::MembershipJoined => Some(MembershipStatus::Member),
            RelationKind::MembershipFrozen => Some(MembershipStatus::Frozen),
            RelationKind::MembershipLeft => Some(MembershipStatus::Withdrawn),
            _ => None,
        }
    }

    /// The knowledge base's provision a `provision.*` relation names
    /// (`provision.command` is an integrated command).
    pub fn provision(self) -> Option<ProvisionKind> {
        match self {
            RelationKind::ProvisionCommand => Some(ProvisionKind::IntegratedCommand),
            RelationKind::ProvisionBorderGuarding => Some(ProvisionKind::BorderGuarding),
            RelationKind::ProvisionMutualDefence => Some(ProvisionKind::MutualDefence),
            RelationKind::ProvisionUnifiedAirDefence => Some(ProvisionKind::UnifiedAirDefence),
            RelationKind::ProvisionJointForces => Some(ProvisionKind::JointForces),
            RelationKind::ProvisionArmsDomesticPrices => Some(ProvisionKind::ArmsDomesticPrices),
            _ => None,
        }
    }
}

impl std::str::FromStr for RelationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<RelationKind, String> {
        RelationKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            let known: Vec<&str> = RelationKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("unknown relation kind '{s}' (known: {})", known.join(", "))
        })
    }
}

/// The unit of a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// A share in percent.
    #[serde(rename = "percent")]
    Percent,
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// Euros.
    #[serde(rename = "EUR")]
    Eur,
    /// Pounds sterling.
    #[serde(rename = "GBP")]
    Gbp,
    /// Russian roubles.
    #[serde(rename = "RUB")]
    Rub,
    /// Belarusian roubles.
    #[serde(rename = "BYN")]
    Byn,
    /// Armenian drams.
    #[serde(rename = "AMD")]
    Amd,
    /// Azerbaijani manats.
    #[serde(rename = "AZN")]
    Azn,
    /// Georgian lari.
    #[serde(rename = "GEL")]
    Gel,
    /// Ukrainian hryvnias.
    #[serde(rename = "UAH")]
    Uah,
    /// Kazakh tenge.
    #[serde(rename = "KZT")]
    Kzt,
    /// Kyrgyz som.
    #[serde(rename = "KGS")]
    Kgs,
    /// Tajik somoni.
    #[serde(rename = "TJS")]
    Tjs,
    /// Chinese yuan.
    #[serde(rename = "CNY")]
    Cny,
    /// Japanese yen.
    #[serde(rename = "JPY")]
    Jpy,
    /// Metric tonnes.
    #[serde(rename = "tonnes")]
    Tonnes,
    /// Kilometres.
    #[serde(rename = "km")]
    Km,
    /// Square kilometres.
    #[serde(rename = "km2")]
    Km2,
    /// Miles.
    #[serde(rename = "miles")]
    Miles,
    /// Soldiers, servicemen, personnel, peacekeepers, border guards (a
    /// headcount of a force: "4000 persons", "1,500-strong").
    #[serde(rename = "troops")]
    Troops,
    /// People ("two million Armenians", "5,000 people").
    #[serde(rename = "people")]
    People,
    /// A count of things ("nine Russian flights", "40 deaths"): the noun
    /// counted is in the detail and the value (`9 flights`).
    #[serde(rename = "count")]
    Count,
}

impl Unit {
    /// The name in values (`94 percent`, `300000000 USD`) and the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Usd => "USD",
            Unit::Eur => "EUR",
            Unit::Gbp => "GBP",
            Unit::Rub => "RUB",
            Unit::Byn => "BYN",
            Unit::Amd => "AMD",
            Unit::Azn => "AZN",
            Unit::Gel => "GEL",
            Unit::Uah => "UAH",
            Unit::Kzt => "KZT",
            Unit::Kgs => "KGS",
            Unit::Tjs => "TJS",
            Unit::Cny => "CNY",
            Unit::Jpy => "JPY",
            Unit::Tonnes => "tonnes",
            Unit::Km => "km",
            Unit::Km2 => "km2",
            Unit::Miles => "miles",
            Unit::Troops => "troops",
            Unit::People => "people",
            Unit::Count => "count",
        }
    }

    /// Whether the unit is a currency.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Unit::Usd
                | Unit::Eur
                | Unit::Gbp
                | Unit::Rub
                | Unit::Byn
                | Unit::Amd
                | Unit::Azn
                | Unit::Gel
                | Unit::Uah
                | Unit::Kzt
                | Unit::Kgs
                | Unit::Tjs
                | Unit::Cny
                | Unit::Jpy
        )
    }
}

/// Which rule fired and what it read, by kind of candidate. Serialised
/// as one JSON object (the fields of the kind's detail), which is how the
/// store keeps it and the interfaces show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Detail {
    /// Of an actor.
    Actor(ActorDetail),
    /// Of a date or period.
    Date(DateDetail),
    /// Of a quantity.
    Quantity(QuantityDetail),
    /// Of a relation.
    Relation(RelationDetail),
    /// Of a claim.
    Claim(ClaimDetail),
}

/// The detail of an actor candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorDetail {
    /// The rule (`gazetteer: name`, `gazetteer: metonym` …).
    pub rule: String,
    /// What the name stands for here (a capital after "in" is a place).
    pub actor_kind: ActorKind,
    /// The actor's label in the gazetteer.
    pub label: String,
    /// A person's role or title as written before the name ("Defense Minister").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The document's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<String>,
}

/// The detail of a date candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateDetail {
    /// The rule (`day month year`, `from year to year` …).
    pub rule: String,
    /// The document's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<String>,
}

/// The detail of a quantity candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuantityDetail {
    /// The rule (`number + unit`, `number + counted noun` …).
    pub rule: String,
    /// The number, scaled ("$300 million" = 300000000); a range's lower end.
    pub amount: f64,
    /// The unit.
    pub unit: Unit,
    /// The span's text.
    pub text: String,
    /// What is counted, for a count (`flights`, `deaths`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    /// The words that make the number approximate or a bound ("about",
    /// "more than", "up to"), lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approx: Option<String>,
    /// The lowest the text allows ("more than 40": 40; a range's lower end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// The highest the text allows ("up to 5,000": 5000; a range's upper end).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// What a percentage is a share of ("94 per cent of its arms": "its arms").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of: Option<String>,
    /// The document's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<String>,
}

/// The detail of a relation candidate (the candidate spans its clause).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationDetail {
    /// The rule (`trigger 'signed' (verb) in a clause; parties: subject and object`).
    pub rule: String,
    /// The trigger word's character offsets (in the original text once stored).
    pub trigger: (usize, usize),
    /// The states party to the relation (registry codes), in the order the
    /// knowledge base wants them: a deployment's deploying state then its
    /// host, a delivery's supplier then its recipient, a membership's member.
    pub parties: Vec<String>,
    /// The organisation the relation concerns (a membership's, an agreement's party) (`org:csto`).
    pub org: Option<String>,
    /// The first date of the clause (else of the sentence).
    pub date: Option<String>,
    /// Who acts (the subject, or the agent after "by"): actor ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
    /// Who else takes part (the object, "with X", "to X", "between X and Y"): actor ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub object: Vec<String>,
    /// Where (a deployment's host, "in X"): an actor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The provisions an agreement's clause names (`provision.unified_air_defence`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provisions: Vec<String>,
    /// For a provision named in an agreement's clause: that agreement's trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_agreement: Option<(usize, usize)>,
    /// Whether the parties fit the knowledge base's model of the kind (an
    /// agreement's parties, a deployment's deploying state and another host,
    /// a delivery's supplier and recipient, a membership's member and
    /// organisation); only then is the candidate linked to facts.
    #[serde(default)]
    pub fits: bool,
    /// The document's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<String>,
}

/// The detail of a claim candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimDetail {
    /// The rule (`speech verb 'notes'`, `according to`, `expert header …`).
    pub rule: String,
    /// Who speaks, as written ("the Kremlin", "Kommersant", "Peter B. Humphrey").
    pub speaker: String,
    /// The speaker's actor id, when it is an actor (`RUS`, `person:putin`, `org:stratfor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_id: Option<String>,
    /// What kind of speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_kind: Option<SpeakerKind>,
    /// The speaker's affiliation, when a header gives it.
    pub affiliation: Option<String>,
    /// The first date of the sentence, or the document's (expert headers).
    pub date: Option<String>,
    /// What is claimed: character offsets of the claim's content (after
    /// "says that", around "according to X"), in the original text once stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<(usize, usize)>,
    /// An expert header's section (character offsets after the header, up
    /// to the next header) while it lies within one passage; once the whole
    /// section is read across passages, its length in `section_chars` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<(usize, usize)>,
    /// The length of an expert header's whole section, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_chars: Option<usize>,
    /// The lexicon's hits behind the stance.
    pub lexicon: Lexicon,
    /// The document's date, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<String>,
}

/// Who speaks in a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A person ("Yurii Godin", "the CSTO's Secretary General").
    Person,
    /// An organisation, agency or unit ("the European Bank for Reconstruction and Development").
    Organisation,
    /// A state, or its seat standing for it ("Armenia", "the Kremlin").
    State,
    /// A newspaper, journal or news service ("Kommersant", "Russia Today").
    Periodical,
    /// Unnamed experts as a group ("some scholars").
    Group,
    /// The text itself, or an unnamed source ("it is concluded").
    Unnamed,
}

/// Hits of each stance lexicon in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Words of danger, coercion, domination.
    pub critical: usize,
    /// Words of concern and risk.
    pub concerned: usize,
    /// Words of benefit and stability.
    pub supportive: usize,
}

impl Detail {
    /// The kind of candidate this detail belongs to.
    pub fn kind(&self) -> Kind {
        match self {
            Detail::Actor(_) => Kind::Actor,
            Detail::Date(_) => Kind::Date,
            Detail::Quantity(_) => Kind::Quantity,
            Detail::Relation(_) => Kind::Relation,
            Detail::Claim(_) => Kind::Claim,
        }
    }

    /// The rule that fired.
    pub fn rule(&self) -> &str {
        match self {
            Detail::Actor(d) => &d.rule,
            Detail::Date(d) => &d.rule,
            Detail::Quantity(d) => &d.rule,
            Detail::Relation(d) => &d.rule,
            Detail::Claim(d) => &d.rule,
        }
    }

    /// The date a relation or claim is of (a date value: `2016-11-14`, `2011/2020`).
    pub fn date(&self) -> Option<&str> {
        match self {
            Detail::Relation(d) => d.date.as_deref(),
            Detail::Claim(d) => d.date.as_deref(),
            _ => None,
        }
    }

    fn doc_date_slot(&mut self) -> &mut Option<String> {
        match self {
            Detail::Actor(d) => &mut d.doc_date,
            Detail::Date(d) => &mut d.doc_date,
            Detail::Quantity(d) => &mut d.doc_date,
            Detail::Relation(d) => &mut d.doc_date,
            Detail::Claim(d) => &mut d.doc_date,
        }
    }

    /// The date of the candidate's document, when it has one.
    pub fn doc_date(&self) -> Option<&str> {
        match self {
            Detail::Actor(d) => d.doc_date.as_deref(),
            Detail::Date(d) => d.doc_date.as_deref(),
            Detail::Quantity(d) => d.doc_date.as_deref(),
            Detail::Relation(d) => d.doc_date.as_deref(),
            Detail::Claim(d) => d.doc_date.as_deref(),
        }
    }

    /// Records the document's date.
    pub fn set_doc_date(&mut self, date: Option<String>) {
        *self.doc_date_slot() = date;
    }

    /// The detail of a candidate of `kind` from its stored JSON; an error
    /// (naming what does not fit) if the text is not such a detail.
    pub fn parse(kind: Kind, json: &str) -> Result<Detail, String> {
        let fit = |e: serde_json::Error| format!("the detail is not that of a {} candidate ({e})", kind.as_str());
        Ok(match kind {
            Kind::Actor => Detail::Actor(serde_json::from_str(json).map_err(fit)?),
            Kind::Date => Detail::Date(serde_json::from_str(json).map_err(fit)?),
            Kind::Quantity => Detail::Quantity(serde_json::from_str(json).map_err(fit)?),
            Kind::Relation => Detail::Relation(serde_json::from_str(json).map_err(fit)?),
            Kind::Claim => Detail::Claim(serde_json::from_str(json).map_err(fit)?),
        })
    }
}

/// Where a candidate stands in review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Not decided yet (edits may be recorded).
    Pending,
    /// Written to the knowledge base as a fact.
    Accepted,
    /// Rejected; nothing written.
    Rejected,
}

impl ReviewStatus {
    /// Every status.
    pub const ALL: [ReviewStatus; 3] = [ReviewStatus::Pending, ReviewStatus::Accepted, ReviewStatus::Rejected];

    /// The name in the store and the interfaces.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Accepted => "accepted",
            ReviewStatus::Rejected => "rejected",
        }
    }
}

impl std::str::FromStr for ReviewStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<ReviewStatus, String> {
        ReviewStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown review status '{s}' (expected pending, accepted or rejected)"))
    }
}

/// Edits a reviewer makes: `key=value` pairs (see [`crate::review::parse_edits`]).
pub type Edits = BTreeMap<String, String>;

/// What a review recorded on a candidate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The reviewer's edits (all of them, when accepted).
    pub edits: Edits,
    /// The id of the fact an accepted candidate became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// The knowledge-base file the fact was written to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A candidate as stored, with its span in the original text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// Its id in the store.
    pub id: i64,
    /// The document.
    pub doc: i64,
    /// The document's version the candidate was extracted from.
    pub version: i64,
    /// The passage (its id in the store).
    pub passage: i64,
    /// The kind.
    pub kind: Kind,
    /// Character offset of the span's start in the document version's original text.
    pub start: usize,
    /// Character offset just past the span's end.
    pub end: usize,
    /// The original text of the span (exactly the slice `start..end`).
    pub span: String,
    /// The span as read: words hyphenated across line breaks joined
    /// ("devel-\nopment" → "development"), footnote markers dropped, white
    /// space collapsed. What a quote of the candidate shows.
    pub text: String,
    /// The normalised value: `RUS`, `2016-11-14`, `94 percent`, `agreement.signed`, `critical` …
    pub value: String,
    /// For a relation, its `value` read as a [`RelationKind`].
    #[serde(skip)]
    pub relation: Option<RelationKind>,
    /// States concerned (registry codes).
    pub actors: Vec<String>,
    /// How sure the rule is, 0 to 1.
    pub confidence: f64,
    /// The rule that fired and what it read.
    pub detail: Detail,
    /// Where it stands in review.
    pub status: ReviewStatus,
    /// What a review recorded, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_unknown_ones_are_errors() {
        for k in RelationKind::ALL {
            assert_eq!(k.as_str().parse::<RelationKind>(), Ok(k));
            assert!(k.as_str().ends_with(k.name()) && k.name().len() < k.as_str().len());
        }
        assert!("membership.paused".parse::<RelationKind>().unwrap_err().contains("unknown relation kind"));
        assert_eq!("rejected".parse::<ReviewStatus>(), Ok(ReviewStatus::Rejected));
        assert!("maybe".parse::<ReviewStatus>().is_err());
        assert_eq!(RelationKind::MembershipLeft.membership_status(), Some(MembershipStatus::Withdrawn));
        assert_eq!(RelationKind::ProvisionCommand.family(), RelationFamily::Provision);
    }

    #[test]
    fn a_detail_is_one_object_and_parses_back_by_kind() {
        let json = r#"{"rule":"trigger 'signed' in a sentence","trigger":[3,9],"parties":["RUS","ARM"],
                      "org":null,"date":"2016","fits":true,"doc_date":"2016-11-30"}"#;
        let d = Detail::parse(Kind::Relation, json).unwrap();
        assert_eq!((d.kind(), d.date(), d.doc_date()), (Kind::Relation, Some("2016"), Some("2016-11-30")));
        let back: serde_json::Value = serde_json::to_value(&d).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());
        let e = Detail::parse(Kind::Quantity, json).unwrap_err();
        assert!(e.starts_with("the detail is not that of a quantity candidate"), "{e}");
        let e = Detail::parse(Kind::Actor, r#"{"rule":"x","actor_kind":"planet","label":"Mars"}"#).unwrap_err();
        assert!(e.contains("planet"), "{e}");
    }
}

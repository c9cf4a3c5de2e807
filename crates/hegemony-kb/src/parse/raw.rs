//! The TOML shapes of a knowledge-base file, as `serde` reads them (with spans for line numbers).
//!
//! Every table refuses unknown fields, so a misspelt key is an error, not a silently ignored line.

use serde::Deserialize;
use toml::Spanned;

pub(super) type SVal = Spanned<toml::Value>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub(super) source: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub(super) organisation: Vec<Spanned<RawOrganisation>>,
    #[serde(default)]
    pub(super) membership: Vec<Spanned<RawMembership>>,
    #[serde(default)]
    pub(super) agreement: Vec<Spanned<RawAgreement>>,
    #[serde(default)]
    pub(super) presence: Vec<Spanned<RawPresence>>,
    #[serde(default)]
    pub(super) asset: Vec<Spanned<RawAsset>>,
    #[serde(default)]
    pub(super) dependence: Vec<Spanned<RawDependence>>,
    #[serde(default)]
    pub(super) event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    pub(super) claim: Vec<Spanned<RawClaim>>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    pub(super) id: Option<String>,
    #[serde(rename = "ref")]
    pub(super) reference: Option<Spanned<String>>,
    pub(super) kind: Option<String>,
    pub(super) title: Option<String>,
    pub(super) author: Option<String>,
    pub(super) publisher: Option<String>,
    pub(super) date: Option<SVal>,
    pub(super) url: Option<String>,
    pub(super) file: Option<String>,
    pub(super) page: Option<String>,
    pub(super) rows: Option<String>,
    pub(super) quote: Option<String>,
    pub(super) note: Option<String>,
}

/// A fact's table: the common fields, then `$f`, and its [`HasCommon`] impl.
macro_rules! common_fields {
    ($(#[$m:meta])* struct $name:ident { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $name {
            pub(super) id: Spanned<String>,
            pub(super) title: Option<String>,
            #[serde(default)]
            pub(super) sources: Vec<Spanned<RawSource>>,
            pub(super) confidence: Option<Spanned<f64>>,
            pub(super) note: Option<String>,
            #[serde(rename = "override", default)]
            pub(super) override_: bool,
            $($(#[$fm])* pub(super) $f: $t),*
        }

        impl HasCommon for $name {
            fn common(&self) -> CommonRaw<'_> {
                CommonRaw {
                    id: &self.id,
                    title: &self.title,
                    sources: &self.sources,
                    confidence: &self.confidence,
                    note: &self.note,
                    override_: self.override_,
                }
            }
        }
    };
}

/// The fields every kind of fact has (id, title, sources, confidence, note, override), borrowed.
pub(super) struct CommonRaw<'a> {
    pub(super) id: &'a Spanned<String>,
    pub(super) title: &'a Option<String>,
    pub(super) sources: &'a [Spanned<RawSource>],
    pub(super) confidence: &'a Option<Spanned<f64>>,
    pub(super) note: &'a Option<String>,
    pub(super) override_: bool,
}

/// A fact's table: gives its common fields to the shared checks.
pub(super) trait HasCommon {
    fn common(&self) -> CommonRaw<'_>;
}

common_fields!(
    struct RawOrganisation {
        name: String,
        abbrev: String,
        founded: Option<SVal>,
        dissolved: Option<SVal>,
        founding_treaty: Option<String>,
        purpose: String,
        dominant: Option<Spanned<String>>,
        successor_of: Option<Spanned<String>>,
    }
);

common_fields!(
    struct RawMembership {
        state: Spanned<String>,
        org: Spanned<String>,
        spells: Vec<Spanned<RawSpell>>,
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSpell {
    pub(super) status: Spanned<String>,
    pub(super) from: SVal,
    pub(super) to: Option<SVal>,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) sources: Vec<Spanned<RawSource>>,
}

common_fields!(
    struct RawAgreement {
        #[serde(default)]
        parties: Vec<Spanned<String>>,
        #[serde(default)]
        party_orgs: Vec<Spanned<String>>,
        signed: Option<SVal>,
        ratified: Option<SVal>,
        in_force: Option<SVal>,
        expires: Option<SVal>,
        expired: Option<SVal>,
        denounced: Option<SVal>,
        suspended: Option<SVal>,
        amends: Option<Spanned<String>>,
        superseded_by: Option<Spanned<String>>,
        #[serde(default)]
        provisions: Vec<Spanned<RawProvision>>,
    }
);

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawProvision {
    Name(String),
    Full {
        #[serde(rename = "type")]
        kind: String,
        note: Option<String>,
    },
}

common_fields!(
    struct RawPresence {
        dominant: Spanned<String>,
        host: Spanned<String>,
        facility: String,
        location: Option<String>,
        since: Option<SVal>,
        until: Option<SVal>,
        agreement: Option<Spanned<String>>,
        #[serde(default)]
        troops: Vec<Spanned<RawTroops>>,
        #[serde(default)]
        consent: Vec<Spanned<RawConsent>>,
        troops_unknown: Option<String>,
        counted_in: Option<Spanned<String>>,
    }
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConsent {
    pub(super) status: Spanned<String>,
    pub(super) from: Option<SVal>,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) sources: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTroops {
    pub(super) date: SVal,
    pub(super) low: i64,
    pub(super) high: i64,
    pub(super) note: Option<String>,
    #[serde(default)]
    pub(super) sources: Vec<Spanned<RawSource>>,
}

common_fields!(
    struct RawAsset {
        sector: String,
        asset: String,
        owner: String,
        owner_state: Spanned<String>,
        host: Spanned<String>,
        share: Option<Spanned<f64>>,
        since: Option<SVal>,
        until: Option<SVal>,
    }
);

common_fields!(
    struct RawDependence {
        subject: Spanned<String>,
        partner: Spanned<String>,
        indicator: String,
        value: Spanned<f64>,
        unit: String,
        window: Option<Spanned<Vec<i64>>>,
        date: Option<SVal>,
        definition: String,
    }
);

common_fields!(
    struct RawEvent {
        event_type: String,
        #[serde(default)]
        actors: Vec<Spanned<String>>,
        date: SVal,
        end: Option<SVal>,
    }
);

common_fields!(
    struct RawClaim {
        speaker: String,
        affiliation: Option<String>,
        date: SVal,
        #[serde(default)]
        about: Vec<Spanned<String>>,
        stance: Spanned<String>,
        text: String,
    }
);

//! Strategic assets held by another state's firms, and dependence figures.

use serde::{Deserialize, Serialize};

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

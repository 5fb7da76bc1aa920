//! What a workshop recorded for an order, as the order's snapshot carries it: so that every desk
//! of the supplier sees the sessions and the fitted mark, whichever desk recorded them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Measurement;
pub use portal_rules::WarrantyServiceKind;

/// A fitting session (`RecordFittingSession`) as the portal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FittingSession {
    pub id: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub session_on: NaiveDate,
    pub technician: String,
    pub notes: String,
    pub measurements: Vec<Measurement>,
}

/// A fitted mark (`RecordFitting`) as the portal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FittingMark {
    pub id: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub fitted_on: NaiveDate,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub warranty_start: NaiveDate,
}

/// A warranty service (`RecordWarrantyService`) as the portal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WarrantyService {
    pub id: String,
    #[serde(deserialize_with = "crate::dates::date")]
    pub serviced_on: NaiveDate,
    pub kind: WarrantyServiceKind,
    /// The serviced item's serial, as the delivery or fitting recorded it.
    pub serial_number: String,
    /// A replacement's new item; absent for a repair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_serial_number: Option<String>,
    pub notes: String,
}

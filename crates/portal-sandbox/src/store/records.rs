//! The records of what desks did to orders, as the store keeps them: deliveries, fitting
//! sessions, fitted marks, returns and replacements, each with the mutation that recorded it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    pub id: String,
    pub order_id: String,
    pub delivered_on: NaiveDate,
    pub place: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
    /// The mutation that recorded it.
    pub mutation_id: String,
    /// When the portal recorded it (its clock).
    pub recorded_at: DateTime<Utc>,
    /// The photos taken as evidence (sha256 of uploaded attachments).
    #[serde(default)]
    pub photos: Vec<String>,
    /// The serial numbers of each order line; none when an older desk sent the flat list only.
    #[serde(default)]
    pub items: Vec<portal_api::DeliveredItem>,
    #[serde(default)]
    pub received_by: Option<portal_api::ReceivedBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FittingSessionRecord {
    pub id: String,
    pub order_id: String,
    pub session_on: NaiveDate,
    pub technician: String,
    pub notes: String,
    pub measurements: Vec<portal_api::Measurement>,
    pub mutation_id: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FittingRecord {
    pub id: String,
    pub order_id: String,
    pub fitted_on: NaiveDate,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    pub warranty_start: NaiveDate,
    pub mutation_id: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnRecord {
    pub id: String,
    pub order_id: String,
    pub returned_on: NaiveDate,
    pub reason: String,
    pub notes: String,
    pub mutation_id: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementRecord {
    pub id: String,
    pub order_id: String,
    pub replaced_on: NaiveDate,
    pub serial_numbers: Vec<String>,
    pub notes: String,
    pub mutation_id: String,
    pub recorded_at: DateTime<Utc>,
}

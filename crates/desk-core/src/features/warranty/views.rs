//! What the Warranty tab receives over IPC; generated into the UI's bindings with the rest of
//! the features' views.

use chrono::NaiveDate;
use portal_api::{LocalizedText, WarrantyServiceKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One item under the supplier's warranty: a serial number as one order holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WarrantyRow {
    /// Upper-cased, as the serials' index keeps it.
    pub serial: String,
    pub order_id: String,
    pub number: String,
    pub participant_name: String,
    /// The order line the serial belongs to; `None` when the desk does not hold its classifier.
    pub item: Option<WarrantyItem>,
    /// When the item was handed over (a delivery, or a replacement's date); `None` when it was
    /// fitted and not delivered yet.
    pub delivered_on: Option<NaiveDate>,
    pub fitted_on: Option<NaiveDate>,
    /// The fitting's warranty start when the serial was fitted, else the handover's date.
    pub warranty_start: NaiveDate,
    pub warranty_months: Option<u32>,
    pub warranty_end: Option<NaiveDate>,
    /// Days from today to the end; negative once it has ended.
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    /// How many other orders hold the same serial: one item handed over twice, or a serial
    /// typed wrong (flagged, not refused).
    pub other_orders: u32,
    /// The serial of the item this one was exchanged for under warranty, if it was.
    pub exchanged_for: Option<String>,
    /// Its repairs and exchanges under warranty, oldest first.
    pub services: Vec<WarrantyServiceView>,
}

/// A repair or an exchange under warranty, as the register lists it under its item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WarrantyServiceView {
    pub id: String,
    pub serviced_on: NaiveDate,
    pub kind: WarrantyServiceKind,
    pub serial_number: String,
    pub new_serial_number: Option<String>,
    pub notes: String,
    /// Recorded here and not yet sent to the portal.
    pub pending: bool,
}

/// A warranty service as the window sends it: the date as `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WarrantyServiceInput {
    pub order_id: String,
    pub serial_number: String,
    pub kind: WarrantyServiceKind,
    pub serviced_on: String,
    pub new_serial_number: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WarrantyItem {
    pub classifier_code: String,
    pub name: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WarrantyPage {
    pub rows: Vec<WarrantyRow>,
    /// Rows that matched, before the limit.
    pub total: u32,
}

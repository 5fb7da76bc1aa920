//! What the Warranty tab receives over IPC; generated into the UI's bindings with the rest of
//! the features' views.

use chrono::NaiveDate;
use portal_api::LocalizedText;
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

//! What the Workshop tab receives and sends over IPC; generated into the UI's bindings with the
//! rest of the features' views.

use chrono::{DateTime, Utc};
use portal_api::OrderStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::features::orders::views::InboxItem;

/// One order waiting in the workshop: something of it needs fitting and it is not fitted yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopRow {
    pub order_id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant_name: String,
    /// The items that need fitting.
    pub items: Vec<InboxItem>,
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
    pub sessions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkshopQueue {
    pub rows: Vec<WorkshopRow>,
    #[ts(type = "number")]
    pub total: u64,
}

/// Where a workshop record stands with the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Queued, not yet accepted by the portal.
    Pending,
    Applied,
    /// The portal refused it: see the conflicts.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeasurementInput {
    pub name: String,
    /// As typed: `24,5` or `24.5`.
    pub value: String,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FittingSessionView {
    pub id: String,
    /// `YYYY-MM-DD`.
    pub session_on: String,
    pub technician: String,
    pub notes: String,
    pub measurements: Vec<MeasurementInput>,
    pub sync: SyncState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FittedView {
    pub fitted_on: String,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    pub warranty_start: String,
    pub sync: SyncState,
}

/// An order's fitting record: the order, its sessions so far, and the fitted mark if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FittingCard {
    pub order_id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant_name: String,
    /// The items that need fitting.
    pub items: Vec<InboxItem>,
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
    /// Whether sessions and the fitted mark may be recorded now (the order needs fitting and is
    /// accepted, in work or in fitting).
    pub can_record: bool,
    pub sessions: Vec<FittingSessionView>,
    pub fitted: Option<FittedView>,
}

/// A fitting session as the technician entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FittingSessionInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, local.
    pub session_on: String,
    pub technician: String,
    pub notes: String,
    pub measurements: Vec<MeasurementInput>,
}

/// The "fitted" mark as the technician entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FittedInput {
    pub order_id: String,
    pub fitted_on: String,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    pub warranty_start: String,
}

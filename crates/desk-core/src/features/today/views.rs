//! What the Today screen receives over IPC (generated into the UI's bindings).

use chrono::{DateTime, Utc};
use portal_api::OrderStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One part of a person's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TodayKind {
    /// Placed orders whose acceptance window closes within 24 hours.
    AcceptSoon,
    /// Every placed order waiting for acceptance or decline, the nearest deadline first.
    AcceptQueue,
    /// Open orders past their deadline.
    Overdue,
    /// Orders waiting in the workshop, the nearest deadline first.
    Fittings,
    /// The signed-in person's open deliveries, by locality.
    Deliveries,
}

/// An order in a part of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayRow {
    pub order_id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant_name: String,
    pub address: String,
    pub phone: String,
    /// The settlement the address starts with (what a courier groups a round by).
    pub locality: String,
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub total_tiyn: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodaySection {
    pub kind: TodayKind,
    /// How many orders the part holds (the rows are the first of them).
    pub count: u32,
    pub rows: Vec<TodayRow>,
}

/// Money this week, for those who see money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayMoney {
    /// Owed and due from today to a week ahead.
    #[ts(type = "number")]
    pub due_this_week_tiyn: i64,
    /// Owed and past the payment term.
    #[ts(type = "number")]
    pub late_tiyn: i64,
    /// Received in the last seven days, net of reversals.
    #[ts(type = "number")]
    pub received_this_week_tiyn: i64,
}

/// A person's day: the parts their role works on, money for those who see it, and the changes
/// the portal refused that wait for someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayView {
    pub sections: Vec<TodaySection>,
    pub money: Option<TodayMoney>,
    /// Refused changes not yet resolved (for those who resolve them).
    pub conflicts: Option<u32>,
}

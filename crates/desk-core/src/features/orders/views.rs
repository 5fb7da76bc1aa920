//! What the inbox and the order screen receive and send over IPC (generated into the UI's
//! bindings).

use chrono::{DateTime, Utc};
use portal_api::{Category, DeliveredItem, LocalizedText, OrderStatus, ReceivedBy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::features::documents::DocumentKind;
use crate::kernel::access::Command;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    /// Only orders that still need something (not paid, declined, cancelled or returned).
    pub open_only: bool,
    pub offset: u32,
    pub limit: u32,
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// An ISO 3166-2:KZ region code: the participant's region.
    #[serde(default)]
    pub region: Option<String>,
    /// Orders with at least one item of this category.
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub deadline: Option<DeadlineFilter>,
    /// Words that must each start a word of the order's number, participant's name or items.
    #[serde(default)]
    pub text: Option<String>,
    /// By deadline (open first, the nearest first) unless said otherwise.
    #[serde(default)]
    pub sort: Option<InboxSort>,
    /// Only orders assigned to this user name.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// Orders by their next deadline: passed, or within 48 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineFilter {
    Overdue,
    Soon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InboxSort {
    Deadline,
    Newest,
    Total,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxItem {
    pub classifier_code: String,
    pub name: LocalizedText,
    pub quantity: u32,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxRow {
    pub order_id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant_name: String,
    pub region: String,
    pub items: Vec<InboxItem>,
    #[ts(type = "string")]
    pub placed_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub accept_by: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub deliver_by: Option<DateTime<Utc>>,
    /// The next deadline the supplier must meet, if any.
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub total_tiyn: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    #[ts(type = "number")]
    pub total: u64,
}

/// What a person may do with an order in its current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Accept,
    Decline,
    RecordDelivery,
    RecordFitting,
    /// Take a refused item back (the order ends as returned).
    RecordReturn,
    /// Hand over another item in place of a refused one.
    RecordReplacement,
    /// Name who of the supplier's staff handles the order (any open order).
    Assign,
}

impl OrderAction {
    pub const ALL: [OrderAction; 7] = [
        OrderAction::Accept,
        OrderAction::Decline,
        OrderAction::RecordDelivery,
        OrderAction::RecordFitting,
        OrderAction::RecordReturn,
        OrderAction::RecordReplacement,
        OrderAction::Assign,
    ];

    /// The permission a person needs to take this action (the UI offers it only then).
    pub fn command(self) -> Command {
        match self {
            OrderAction::Accept => Command::OrderAccept,
            OrderAction::Decline => Command::OrderDecline,
            OrderAction::RecordDelivery => Command::DeliveryRecord,
            OrderAction::RecordFitting => Command::FittingMarkFitted,
            OrderAction::RecordReturn => Command::ReturnRecord,
            OrderAction::RecordReplacement => Command::ReplacementRecord,
            OrderAction::Assign => Command::OrderAssign,
        }
    }

    /// The actions an order in `status` allows, given whether one of its items needs fitting.
    pub fn allowed(status: OrderStatus, needs_fitting: bool) -> Vec<OrderAction> {
        match status {
            OrderStatus::Placed => vec![OrderAction::Accept, OrderAction::Decline],
            OrderStatus::Accepted | OrderStatus::InWork | OrderStatus::Fitting if needs_fitting => {
                vec![OrderAction::RecordFitting, OrderAction::RecordDelivery]
            }
            OrderStatus::Accepted | OrderStatus::InWork => vec![OrderAction::RecordDelivery],
            OrderStatus::RefusedAtReceipt => vec![OrderAction::RecordReturn, OrderAction::RecordReplacement],
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderLineView {
    pub classifier_code: String,
    pub name: LocalizedText,
    pub quantity: u32,
    pub unit: String,
    #[ts(type = "number")]
    pub unit_price_tiyn: i64,
    pub needs_fitting: bool,
    /// For a line fitted in the workshop, the serial numbers of the order's latest fitted mark:
    /// what the delivery form starts from. Filled in by the order screen only.
    pub serial_numbers_from_fitting: Vec<String>,
}

/// One entry of an order's history as the desk recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `accept_order`, `record_delivery`, `mutation_rejected`, …
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderDetail {
    pub row: InboxRow,
    /// What the portal last said, which `row.status` differs from while a local move waits.
    pub portal_status: OrderStatus,
    pub participant_phone: String,
    pub participant_address: String,
    pub lines: Vec<OrderLineView>,
    pub timeline: Vec<TimelineEntry>,
    pub actions: Vec<OrderAction>,
    /// Local changes of this order that have not reached the portal yet.
    #[ts(type = "number")]
    pub pending_mutations: u64,
    /// The documents the facts on this desk allow (the label always; an act once its delivery
    /// or fitting is recorded).
    pub documents: Vec<DocumentKind>,
    /// Who of the supplier's staff handles the order, if anyone: the account's user name as the
    /// portal holds it.
    pub assignee: Option<String>,
    /// The assignee's display name on this desk (the user name when this desk has no such account).
    pub assignee_name: Option<String>,
    /// Why the participant refused the item at receipt, when the portal says.
    pub refusal_reason: Option<String>,
    /// The photos (sha256) of the order's deliveries, oldest delivery first.
    pub delivery_photos: Vec<String>,
    /// For a placed order: the lines its offerings cannot cover from the stock held in the
    /// participant's region (accepting is still allowed).
    pub stock_warnings: Vec<StockWarning>,
    /// Serial numbers of this order that the desk also holds for another order: one item
    /// handed over twice, or a serial typed wrong (flagged, not refused).
    pub serials_elsewhere: Vec<SerialElsewhere>,
    /// The payments and reversals that touched the order, oldest first.
    pub payments: Vec<crate::features::money::views::OrderPayment>,
}

/// A serial number of the order that another order holds too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SerialElsewhere {
    pub serial: String,
    pub order_id: String,
    pub number: String,
}

/// An order line its offering's stock in the order's region does not cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StockWarning {
    pub classifier_code: String,
    pub region: String,
    #[ts(type = "number")]
    pub needed: i64,
    #[ts(type = "number")]
    pub held: i64,
    /// The offering's stock in its other regions that hold some.
    pub elsewhere: Vec<portal_api::RegionStock>,
}

/// A delivery as the courier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeliveryInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date of the handover.
    pub delivered_on: String,
    pub place: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
    /// Photos as evidence: sha256 returned by `photo_add`.
    #[serde(default)]
    pub photos: Vec<String>,
    /// The serial numbers of each order line; when given, `serial_numbers` is not read.
    #[serde(default)]
    pub items: Vec<DeliveredItem>,
    /// Who took the items; `null` says nothing.
    #[serde(default)]
    pub received_by: Option<ReceivedBy>,
}

/// A refused item taken back, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date the item was taken back.
    pub returned_on: String,
    pub reason: String,
    pub notes: String,
}

/// Another item handed over in place of a refused one, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplacementInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date of the handover.
    pub replaced_on: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
}

/// A mutation the portal refused, waiting for a person to retry or discard it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictRow {
    pub mutation_id: String,
    /// The mutation's kind: `accept_order`, `record_delivery`, `create_offering`, …
    pub kind: String,
    /// `order` or `offering`.
    pub entity: String,
    pub entity_id: String,
    /// The order's number, when the entity is an order the desk knows.
    pub order_number: Option<String>,
    /// The portal's machine-readable reason (`acceptance_window_closed`, `price_above_limit`, …).
    pub reason: String,
    /// The portal's words.
    pub message: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub rejected_at: DateTime<Utc>,
}

/// An account an order may be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssignableStaff {
    pub username: String,
    pub display_name: String,
    pub role: crate::kernel::access::Role,
}

/// An order in someone's "My work": the inbox row with the participant's address and phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkItem {
    pub row: InboxRow,
    pub address: String,
    pub phone: String,
}

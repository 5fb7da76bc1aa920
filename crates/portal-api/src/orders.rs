use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The status of an order on the portal, following the lifecycle in the domain notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    Accepted,
    InWork,
    Fitting,
    Delivered,
    Confirmed,
    Paid,
    DeclinedBySupplier,
    CancelledByParticipant,
    CancelledAutomatically,
    Cancelled,
    RefusedAtReceipt,
    Returned,
    Replaced,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 14] = [
        OrderStatus::Placed,
        OrderStatus::Accepted,
        OrderStatus::InWork,
        OrderStatus::Fitting,
        OrderStatus::Delivered,
        OrderStatus::Confirmed,
        OrderStatus::Paid,
        OrderStatus::DeclinedBySupplier,
        OrderStatus::CancelledByParticipant,
        OrderStatus::CancelledAutomatically,
        OrderStatus::Cancelled,
        OrderStatus::RefusedAtReceipt,
        OrderStatus::Returned,
        OrderStatus::Replaced,
    ];

    /// The wire name, also used as the stored value in SQLite.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Accepted => "accepted",
            OrderStatus::InWork => "in_work",
            OrderStatus::Fitting => "fitting",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Confirmed => "confirmed",
            OrderStatus::Paid => "paid",
            OrderStatus::DeclinedBySupplier => "declined_by_supplier",
            OrderStatus::CancelledByParticipant => "cancelled_by_participant",
            OrderStatus::CancelledAutomatically => "cancelled_automatically",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::RefusedAtReceipt => "refused_at_receipt",
            OrderStatus::Returned => "returned",
            OrderStatus::Replaced => "replaced",
        }
    }

    pub fn parse(s: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the order still needs something from the supplier or the portal. Terminal
    /// statuses (paid, declined, cancelled, returned) are closed.
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            OrderStatus::Paid
                | OrderStatus::DeclinedBySupplier
                | OrderStatus::CancelledByParticipant
                | OrderStatus::CancelledAutomatically
                | OrderStatus::Cancelled
                | OrderStatus::Returned
        )
    }
}

/// The participant as a supplier sees them: enough to deliver, nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Participant {
    pub id: String,
    pub full_name: String,
    /// Region code (e.g. `KZ-ALA` for Almaty city).
    pub region: String,
    pub phone: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderLine {
    pub classifier_code: String,
    pub offering_id: String,
    pub quantity: u32,
    pub unit_price_tiyn: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Order {
    pub id: String,
    /// The human-facing order number printed on labels and acts.
    pub number: String,
    pub status: OrderStatus,
    pub participant: Participant,
    pub lines: Vec<OrderLine>,
    #[serde(deserialize_with = "crate::dates::instant")]
    pub placed_at: DateTime<Utc>,
    /// When the portal cancels the order if the supplier has not accepted it.
    #[serde(deserialize_with = "crate::dates::instant")]
    pub accept_by: DateTime<Utc>,
    /// When the order must be delivered, once accepted.
    #[serde(default, deserialize_with = "crate::dates::opt_instant")]
    pub deliver_by: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "crate::dates::instant")]
    pub updated_at: DateTime<Utc>,
    /// The workshop's fitting sessions of the order, oldest first (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fitting_sessions: Vec<crate::FittingSession>,
    /// The order's fitted marks, oldest first (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fittings: Vec<crate::FittingMark>,
    /// Who of the supplier's staff handles the order, as a supplier's desk last named them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Why the participant refused the item at receipt, when they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<String>,
}

/// `GET /v1/orders/counts`: how many of the supplier's orders are in each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OrderCounts {
    pub open: u64,
    pub total: u64,
    /// One entry per status, every status listed (0 for none).
    pub by_status: Vec<StatusCount>,
}

/// How many of the supplier's orders are in one status.
// An object rather than a `[status, count]` pair: the shape of the contract's other breakdowns,
// and one every OpenAPI tool reads, where a tuple needs JSON Schema's `prefixItems` (which
// schemathesis 4.32 cannot validate responses against).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatusCount {
    pub status: OrderStatus,
    pub count: u64,
}

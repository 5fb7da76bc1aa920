use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use portal_rules::OrderStatus;

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
    /// Repairs and replacements under warranty of the order's items, oldest first (absent when
    /// none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warranty_services: Vec<crate::WarrantyService>,
    /// Who of the supplier's staff handles the order, as a supplier's desk last named them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Why the participant refused the item at receipt, when they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_reason: Option<String>,
    /// When the participant (last) confirmed receipt: the payment term runs from it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::dates::opt_instant")]
    pub confirmed_at: Option<DateTime<Utc>>,
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

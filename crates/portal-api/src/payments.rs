//! What the state's paying office paid the supplier, as the change feed carries it: a payment
//! order covering one or more confirmed orders with an amount each, or the reversal of one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    /// Money paid to the supplier.
    Payment,
    /// A payment taken back whole (wrong details, a bank's return): its lines are negative.
    Reversal,
}

/// One order's share of a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PaymentLine {
    pub order_id: String,
    /// The order's number, as the payment order's purpose names it.
    pub order_number: String,
    /// Negative in a reversal.
    pub amount_tiyn: i64,
}

/// A payment order as the portal holds it. Once recorded it never changes: a reversal is a
/// payment of its own that names the one it takes back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Payment {
    pub id: String,
    /// The payment order's number, as the bank statement shows it.
    pub number: String,
    pub kind: PaymentKind,
    /// The value date.
    #[serde(deserialize_with = "crate::dates::date")]
    pub paid_on: NaiveDate,
    /// The sum of the lines (negative for a reversal).
    pub amount_tiyn: i64,
    /// For a reversal, the id of the payment it takes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<String>,
    #[schema(max_items = 5000)]
    pub lines: Vec<PaymentLine>,
    #[serde(deserialize_with = "crate::dates::instant")]
    pub recorded_at: DateTime<Utc>,
}

//! An order's status on the portal: the states of the lifecycle (`lifecycle`).

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

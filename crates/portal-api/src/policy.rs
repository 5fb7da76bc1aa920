use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Where a policy value comes from: published by the portal, or a default that stands in for a
/// number no public source gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolicyBasis {
    Published,
    Default,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PolicyTerm {
    pub days: u32,
    pub basis: PolicyBasis,
}

/// The time limits of the order lifecycle. The app never hard-codes them: it stores what the
/// portal sends and computes deadlines from that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PolicyTerms {
    /// Calendar days a supplier has to accept a placed order before the portal cancels it.
    pub acceptance_window: PolicyTerm,
    /// Calendar days from acceptance to delivery.
    pub delivery_term: PolicyTerm,
    /// Calendar days the participant has to confirm receipt.
    pub confirmation_window: PolicyTerm,
    /// Calendar days from confirmation to payment.
    pub payment_term: PolicyTerm,
}

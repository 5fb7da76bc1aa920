//! `POST /v1/mutations`: what a desk owes the portal, sent in batches from its outbox.
//!
//! Every mutation carries a client-made id (UUID v7), the device id and a per-device sequence
//! number. The portal records each applied mutation with its result, so a replay (the response
//! was lost, the desk crashed before storing it) is answered with the original result and never
//! applied twice. Each mutation is answered on its own: applied, rejected with a reason (it
//! becomes a conflict the user resolves) or retryable; a rejection never blocks the mutations
//! behind it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use crate::RegionStock;

/// The most mutations one batch may carry.
pub const MAX_BATCH: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MutationBatch {
    /// The sending device's id: 1 to 200 characters, not all blank.
    #[schema(min_length = 1, max_length = 200)]
    pub device_id: String,
    /// At most 200 mutations (`MAX_BATCH`).
    #[schema(max_items = 200)]
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// UUID v7 made on the device; the portal's idempotency key.
    pub id: String,
    /// The device's own sequence number of this mutation (1, 2, 3 …).
    pub device_seq: u64,
    /// When the user acted, by the device's clock: kept as evidence, never used for ordering.
    pub created_at: DateTime<Utc>,
    pub body: MutationBody,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum MutationBody {
    AcceptOrder { order_id: String },
    DeclineOrder { order_id: String, reason: String },
    RecordDelivery {
        order_id: String,
        delivery_id: String,
        delivered_on: NaiveDate,
        place: String,
        serial_numbers: Vec<String>,
        notes: String,
        /// Photos as evidence: sha256 (lowercase hex) of attachments uploaded before this
        /// mutation (`PUT /v1/attachments/{sha256}`). Absent in older payloads.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    RecordFitting {
        order_id: String,
        fitting_id: String,
        fitted_on: NaiveDate,
        technician: String,
        serial_numbers: Vec<String>,
        adjustments: String,
        warranty_start: NaiveDate,
    },
    CreateOffering {
        offering_id: String,
        classifier_code: String,
        price_tiyn: i64,
        /// The whole stock: the sum of `stock_by_region` when that is given.
        stock: i64,
        regions: Vec<String>,
        /// The stock of each region; absent in older payloads, whose stock is held in the
        /// first region.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        stock_by_region: Vec<RegionStock>,
        warranty_months: u32,
        description: String,
        published: bool,
        /// sha256 of the offering's photos, uploaded before this mutation.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        photos: Vec<String>,
    },
    /// Changes the fields given; absent fields keep their value.
    UpdateOffering {
        offering_id: String,
        price_tiyn: Option<i64>,
        regions: Option<Vec<String>>,
        warranty_months: Option<u32>,
        description: Option<String>,
        published: Option<bool>,
        /// The offering's photos (sha256), replacing the ones it had; absent keeps them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        photos: Option<Vec<String>>,
    },
    /// Adds `delta` (negative to take away) to an offering's stock in one of its regions: deltas
    /// from several devices add up, where a "set stock to N" would let the last writer win.
    ChangeStock {
        offering_id: String,
        delta: i64,
        /// One of the offering's regions; absent in older payloads, which change the first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// A session in the workshop (measuring, trying on, adjusting) before the item is fitted;
    /// a fitted item is recorded by `RecordFitting`.
    RecordFittingSession {
        order_id: String,
        session_id: String,
        session_on: NaiveDate,
        technician: String,
        notes: String,
        measurements: Vec<Measurement>,
    },
    /// The participant refused the item at receipt and the supplier took it back without a
    /// replacement: the order ends as returned.
    RecordReturn {
        order_id: String,
        return_id: String,
        returned_on: NaiveDate,
        reason: String,
        notes: String,
    },
    /// The participant refused the item at receipt and the supplier handed over another one;
    /// the participant then confirms (or not) as after a delivery.
    RecordReplacement {
        order_id: String,
        replacement_id: String,
        replaced_on: NaiveDate,
        serial_numbers: Vec<String>,
        notes: String,
    },
    /// Names the member of the supplier's staff who handles an open order (free text: the
    /// portal does not model the supplier's staff), so the supplier's other desks learn it.
    AssignOrder { order_id: String, assignee: String },
}

/// One measurement taken in a fitting session: `value` is a decimal number written with a dot
/// (`24.5`), kept as text so that it travels exactly as it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub name: String,
    pub value: String,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MutationBatchResult {
    /// One result per mutation sent, in the order sent.
    pub results: Vec<MutationResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MutationResult {
    pub id: String,
    #[serde(flatten)]
    pub outcome: MutationOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum MutationOutcome {
    /// Applied now, or earlier (a replay is answered with the original result).
    Applied,
    /// Refused for good; the desk shows it as a conflict.
    Rejected { reason: RejectReason, message: String },
    /// Not applied this time; send it again later.
    Retryable { message: String },
}

/// Why the portal refused a mutation, for machines; `message` says it for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    OrderNotFound,
    /// The order's status does not allow this (it was cancelled meanwhile, say).
    TransitionRefused,
    /// The acceptance window closed before the acceptance arrived.
    AcceptanceWindowClosed,
    OfferingNotFound,
    OfferingExists,
    ClassifierNotFound,
    /// The price is above the classifier item's limit price.
    PriceAboveLimit,
    /// The stock change would take the stock below zero.
    StockWouldGoNegative,
    InvalidInput,
    /// The same id arrived earlier with a different body or device.
    IdReused,
    /// A photo the mutation names has not been uploaded (completely) to the portal.
    AttachmentMissing,
}

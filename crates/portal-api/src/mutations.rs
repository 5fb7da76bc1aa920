//! `POST /v1/mutations`: what a desk owes the portal, sent in batches from its outbox.
//!
//! Every mutation carries a client-made id (UUID v7), the device id and a per-device sequence
//! number. The portal records each applied mutation with its result, so a replay (the response
//! was lost, the desk crashed before storing it) is answered with the original result and never
//! applied twice. Each mutation is answered on its own: applied, rejected with a reason (it
//! becomes a conflict the user resolves) or retryable; a rejection never blocks the mutations
//! behind it.

use crate::{DeliveredItem, ReceivedBy, RegionStock};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Whether `id` is a UUID written in its canonical form: 36 characters, lower-case hex digits
/// with hyphens after the 8th, 12th, 16th and 20th. The portal takes mutation ids in this form
/// only, so that one id has one spelling.
pub fn is_canonical_uuid(id: &str) -> bool {
    id.len() == 36
        && id.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
}

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
    /// UUID v7 made on the device, in canonical form (lower case, hyphenated); the portal's
    /// idempotency key. Other spellings are refused.
    #[schema(
        min_length = 36,
        max_length = 36,
        pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    )]
    pub id: String,
    /// The device's own sequence number of this mutation (1, 2, 3 …).
    pub device_seq: u64,
    /// When the user acted, by the device's clock: kept as evidence, never used for ordering.
    pub created_at: DateTime<Utc>,
    pub body: MutationBody,
}

/// Unknown fields are refused inside `data` as at every other level of a batch: a field the
/// portal does not know would otherwise be dropped without a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case", deny_unknown_fields)]
pub enum MutationBody {
    AcceptOrder {
        #[schema(max_length = 100)]
        order_id: String,
    },
    DeclineOrder {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 4000)]
        reason: String,
    },
    RecordDelivery {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        delivery_id: String,
        delivered_on: NaiveDate,
        #[schema(max_length = 200)]
        place: String,
        #[schema(max_items = 100)]
        serial_numbers: Vec<String>,
        #[schema(max_length = 4000)]
        notes: String,
        /// Photos as evidence: sha256 (lowercase hex) of attachments uploaded before this
        /// mutation (`PUT /v1/attachments/{sha256}`). Absent in older payloads.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schema(max_items = 100)]
        photos: Vec<String>,
        /// The serial numbers of each order line handed over. When given, `serial_numbers` is
        /// all of theirs in order, for peers that read the flat list only. Absent in older
        /// payloads.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schema(max_items = 100)]
        items: Vec<DeliveredItem>,
        /// Who took the items; absent in older payloads (the act then names no one).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        received_by: Option<ReceivedBy>,
    },
    RecordFitting {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        fitting_id: String,
        fitted_on: NaiveDate,
        #[schema(max_length = 200)]
        technician: String,
        #[schema(max_items = 100)]
        serial_numbers: Vec<String>,
        #[schema(max_length = 4000)]
        adjustments: String,
        warranty_start: NaiveDate,
    },
    CreateOffering {
        #[schema(max_length = 100)]
        offering_id: String,
        #[schema(max_length = 200)]
        classifier_code: String,
        price_tiyn: i64,
        /// The whole stock: the sum of `stock_by_region` when that is given.
        stock: i64,
        #[schema(max_items = 100)]
        regions: Vec<String>,
        /// The stock of each region; absent in older payloads, whose stock is held in the
        /// first region.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schema(max_items = 100)]
        stock_by_region: Vec<RegionStock>,
        warranty_months: u32,
        #[schema(max_length = 4000)]
        description: String,
        published: bool,
        /// sha256 of the offering's photos, uploaded before this mutation.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schema(max_items = 100)]
        photos: Vec<String>,
        /// The model of the offered item, trimmed (at most 120 characters); absent for none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 120)]
        model: Option<String>,
        /// Who makes the offered item, as `model`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 120)]
        manufacturer: Option<String>,
    },
    /// Changes the fields given; absent fields keep their value.
    UpdateOffering {
        #[schema(max_length = 100)]
        offering_id: String,
        price_tiyn: Option<i64>,
        #[schema(max_items = 100)]
        regions: Option<Vec<String>>,
        warranty_months: Option<u32>,
        #[schema(max_length = 4000)]
        description: Option<String>,
        published: Option<bool>,
        /// The offering's photos (sha256), replacing the ones it had; absent keeps them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_items = 100)]
        photos: Option<Vec<String>>,
        /// The model of the offered item (at most 120 characters): absent keeps it, an empty
        /// text clears it. Sent only when it changes, so that other edits still reach a portal
        /// older than models.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 120)]
        model: Option<String>,
        /// Who makes the offered item, as `model`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 120)]
        manufacturer: Option<String>,
    },
    /// Adds `delta` (negative to take away) to an offering's stock in one of its regions: deltas
    /// from several devices add up, where a "set stock to N" would let the last writer win.
    ChangeStock {
        #[schema(max_length = 100)]
        offering_id: String,
        delta: i64,
        /// One of the offering's regions; absent in older payloads, which change the first.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 200)]
        region: Option<String>,
    },
    /// A session in the workshop (measuring, trying on, adjusting) before the item is fitted;
    /// a fitted item is recorded by `RecordFitting`.
    RecordFittingSession {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        session_id: String,
        session_on: NaiveDate,
        #[schema(max_length = 200)]
        technician: String,
        #[schema(max_length = 4000)]
        notes: String,
        #[schema(max_items = 100)]
        measurements: Vec<Measurement>,
    },
    /// The participant refused the item at receipt and the supplier took it back without a
    /// replacement: the order ends as returned.
    RecordReturn {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        return_id: String,
        returned_on: NaiveDate,
        #[schema(max_length = 4000)]
        reason: String,
        #[schema(max_length = 4000)]
        notes: String,
    },
    /// The participant refused the item at receipt and the supplier handed over another one;
    /// the participant then confirms (or not) as after a delivery.
    RecordReplacement {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        replacement_id: String,
        replaced_on: NaiveDate,
        #[schema(max_items = 100)]
        serial_numbers: Vec<String>,
        #[schema(max_length = 4000)]
        notes: String,
    },
    /// Names the member of the supplier's staff who handles an open order (free text: the
    /// portal does not model the supplier's staff), so the supplier's other desks learn it.
    AssignOrder {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 200)]
        assignee: String,
    },
    /// An item of the order repaired, or exchanged for another, under its warranty. The portal
    /// refuses a serial the order does not hold (saying so when another supplier's order holds
    /// it) and a service outside the item's warranty (`portal_rules::warranty`).
    RecordWarrantyService {
        #[schema(max_length = 100)]
        order_id: String,
        #[schema(max_length = 100)]
        service_id: String,
        serviced_on: NaiveDate,
        kind: crate::WarrantyServiceKind,
        #[schema(max_length = 200)]
        serial_number: String,
        /// The new item's serial: required for a replacement, absent for a repair.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schema(max_length = 200)]
        new_serial_number: Option<String>,
        /// The fault and the work done (at most 1000 characters).
        #[schema(max_length = 1000)]
        notes: String,
    },
}

impl MutationBody {
    /// The entity the mutation changes: ("order" or "offering", its id). A device's mutations
    /// of one entity reach the portal in the device's order.
    pub fn entity(&self) -> (&'static str, &str) {
        match self {
            MutationBody::AcceptOrder { order_id }
            | MutationBody::DeclineOrder { order_id, .. }
            | MutationBody::RecordDelivery { order_id, .. }
            | MutationBody::RecordFitting { order_id, .. }
            | MutationBody::RecordFittingSession { order_id, .. }
            | MutationBody::RecordReturn { order_id, .. }
            | MutationBody::RecordReplacement { order_id, .. }
            | MutationBody::AssignOrder { order_id, .. }
            | MutationBody::RecordWarrantyService { order_id, .. } => ("order", order_id),
            MutationBody::CreateOffering { offering_id, .. }
            | MutationBody::UpdateOffering { offering_id, .. }
            | MutationBody::ChangeStock { offering_id, .. } => ("offering", offering_id),
        }
    }
}

/// One measurement taken in a fitting session: `value` is a decimal number written with a dot
/// (`24.5`), kept as text so that it travels exactly as it was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    #[schema(max_length = 200)]
    pub name: String,
    #[schema(max_length = 200)]
    pub value: String,
    #[schema(max_length = 200)]
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
    /// The serial is not on the order; another supplier's order holds it.
    SerialOfAnotherSupplier,
    /// The serial is on no order of this supplier.
    SerialNotFound,
    /// The service falls outside the item's warranty.
    OutOfWarranty,
}

#[cfg(test)]
mod tests {
    use super::is_canonical_uuid;

    #[test]
    fn one_uuid_has_one_spelling() {
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert!(is_canonical_uuid(id));
        for other in [
            id.to_uppercase(),
            format!("{{{id}}}"),
            format!("urn:uuid:{id}"),
            id.replace('-', ""),
            id.replacen('-', "x", 1),
        ] {
            assert!(!is_canonical_uuid(&other), "{other}");
        }
    }
}

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{ClassifierItem, Offering, Order, Payment, PolicyTerms};

/// The largest page the change feed serves; larger `limit`s are refused with a 400.
pub const MAX_PAGE_SIZE: u32 = 5000;

/// The longest device id, in characters (as in `MutationBatch::device_id`).
pub const MAX_DEVICE_ID_CHARS: usize = 200;

/// `GET /v1/changes?after=<cursor>&limit=N&latest_only=true&device_id=<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ChangesQuery {
    /// Return changes with a sequence number strictly greater than this (0 for the start).
    #[serde(default)]
    pub after: u64,
    /// Page size, 1..=5000. Defaults to 500.
    #[param(minimum = 1, maximum = 5000)]
    pub limit: Option<u32>,
    /// Serve only the latest snapshot of each entity changed after `after`, skipping the
    /// snapshots a later change of the same entity superseded. A client that keeps only the
    /// current state (the desk) asks for this: a first sync then reads each entity once instead
    /// of replaying its whole history. Defaults to false (every change, in order).
    #[serde(default)]
    pub latest_only: bool,
    /// The asking desk's device id (as it sends with its mutations): each change then says which
    /// of that device's mutations its snapshot already includes (`Change::includes_device_seq`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(min_length = 1, max_length = 200)]
    pub device_id: Option<String>,
}

/// A snapshot of one entity as it was when the change was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Entity {
    Policy(PolicyTerms),
    Classifier(ClassifierItem),
    Offering(Offering),
    Order(Order),
    /// A payment order (or a reversal) covering some of the supplier's orders.
    Payment(Payment),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Change {
    /// Monotonic, gap-tolerant sequence number of the change.
    pub seq: u64,
    pub entity: Entity,
    /// Asked with `device_id`: the highest `device_seq` of that device's mutations of this
    /// entity whose effect this snapshot includes; absent when it includes none. A device's
    /// mutations are applied in its order, so every one of its mutations of this entity up to
    /// that number is in the snapshot (or was refused), and none after it: a desk lays over the
    /// snapshot exactly its later ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes_device_seq: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChangePage {
    pub changes: Vec<Change>,
    /// The cursor to pass as `after` for the next page: the last `seq` served, or, on the last
    /// page, the highest sequence number the page accounts for (the request's `after` when
    /// nothing was served; the head when a `latest_only` page skipped superseded changes).
    pub next_after: u64,
    /// Whether more changes exist beyond this page.
    pub has_more: bool,
    /// The highest sequence number in the feed when the page was served; lets a client show
    /// progress of a long first sync.
    pub head: u64,
}

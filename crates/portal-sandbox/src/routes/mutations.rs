//! `POST /v1/mutations`: a desk pushes a batch of queued mutations; each is answered on its own
//! (see `crate::mutations`).

use axum::Json;
use axum::extract::State;
use portal_api::{MAX_BATCH, MutationBatch, MutationBatchResult};

use super::AppState;
use crate::extract::{JsonBody, Supplier};
use crate::mutations;
use crate::problem::ApiError;

/// Longer device ids (in characters, as the contract states it) are refused.
const MAX_DEVICE_ID_LEN: usize = 200;

pub(super) async fn push(
    supplier: Supplier,
    State(state): State<AppState>,
    JsonBody(batch): JsonBody<MutationBatch>,
) -> Result<Json<MutationBatchResult>, ApiError> {
    if batch.mutations.len() > MAX_BATCH {
        return Err(ApiError::BatchTooLarge { got: batch.mutations.len(), max: MAX_BATCH });
    }
    if batch.device_id.trim().is_empty() || batch.device_id.chars().count() > MAX_DEVICE_ID_LEN {
        return Err(ApiError::invalid_body_field(
            "device_id",
            format!("must be 1 to {MAX_DEVICE_ID_LEN} characters and not blank"),
        ));
    }
    let retry = state.faults.retryable(batch.mutations.len());
    let clock = state.clock.clone();
    let results = state
        .db
        .run(move |conn| {
            mutations::apply_batch(conn, &supplier.id, &batch.device_id, &batch.mutations, &retry, || clock.now())
        })
        .await?;
    Ok(Json(MutationBatchResult { results }))
}

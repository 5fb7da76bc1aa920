//! `GET /v1/changes?after=&limit=&latest_only=&device_id=`: the supplier's change feed.

use axum::Json;
use axum::extract::State;
use portal_api::{ChangesQuery, MAX_DEVICE_ID_CHARS, MAX_PAGE_SIZE};

use super::AppState;
use crate::extract::{QueryParams, Supplier};
use crate::problem::ApiError;
use crate::store::changes;

/// The page size when the request names none.
pub const DEFAULT_PAGE_SIZE: u32 = 500;

pub(super) async fn changes(
    supplier: Supplier,
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ChangesQuery>,
) -> Result<Json<changes::RawPage>, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE_SIZE);
    if limit == 0 || limit > MAX_PAGE_SIZE {
        return Err(ApiError::invalid_field("limit", format!("must be from 1 to {MAX_PAGE_SIZE}, got {limit}")));
    }
    if let Some(device) = &query.device_id
        && (device.trim().is_empty() || device.chars().count() > MAX_DEVICE_ID_CHARS)
    {
        return Err(ApiError::invalid_field(
            "device_id",
            format!("must be 1 to {MAX_DEVICE_ID_CHARS} characters and not blank"),
        ));
    }
    let ChangesQuery { after, latest_only, device_id, .. } = query;
    let page = state
        .db
        .run(move |conn| changes::page(conn, &supplier.id, after, limit, latest_only, device_id.as_deref()))
        .await?;
    Ok(Json(page))
}

//! `GET /v1/changes?after=&limit=`: the supplier's change feed.

use axum::Json;
use axum::extract::State;
use portal_api::{ChangesQuery, MAX_PAGE_SIZE};

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
    let ChangesQuery { after, latest_only, .. } = query;
    let page = state.db.run(move |conn| changes::page(conn, &supplier.id, after, limit, latest_only)).await?;
    Ok(Json(page))
}

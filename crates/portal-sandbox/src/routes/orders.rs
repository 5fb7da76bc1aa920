//! `GET /v1/orders/counts`: how many of the supplier's orders are in each status.

use axum::Json;
use axum::extract::State;
use portal_api::OrderCounts;

use super::AppState;
use crate::extract::Supplier;
use crate::problem::ApiError;
use crate::store::orders;

pub(super) async fn counts(supplier: Supplier, State(state): State<AppState>) -> Result<Json<OrderCounts>, ApiError> {
    let counts = state.db.run(move |conn| orders::counts(conn, &supplier.id)).await?;
    Ok(Json(counts))
}

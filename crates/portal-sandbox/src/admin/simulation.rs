//! `/admin/tick`, `/admin/participants`, `/admin/orders…`, `/admin/classifier/…/limit-price`:
//! the simulation on demand.

use axum::Json;
use axum::extract::{Path, State};
use portal_api::{ClassifierItem, Order, Payment};
use serde::Deserialize;

use super::store_problem;
use crate::context::AppState;
use crate::control::{ParticipantAction, PlaceOrder};
use crate::extract::JsonBody;
use crate::problem::ApiError;
use crate::simulation::TickReport;
use crate::simulation::participants::ParticipantBehaviour;

pub(super) async fn tick(State(state): State<AppState>) -> Result<Json<TickReport>, ApiError> {
    Ok(Json(state.tick().await.map_err(store_problem)?))
}

pub(super) async fn behaviour(State(state): State<AppState>) -> Json<ParticipantBehaviour> {
    Json(state.behaviour())
}

pub(super) async fn set_behaviour(
    State(state): State<AppState>,
    JsonBody(b): JsonBody<ParticipantBehaviour>,
) -> Result<Json<ParticipantBehaviour>, ApiError> {
    state.set_behaviour(b).map_err(|m| ApiError::InvalidBody { detail: m, errors: Vec::new() })?;
    Ok(Json(state.behaviour()))
}

pub(super) async fn place_order(
    State(state): State<AppState>,
    JsonBody(spec): JsonBody<PlaceOrder>,
) -> Result<Json<Order>, ApiError> {
    if let Some(at) = spec.placed_at {
        super::checked_date("placed_at", at)?;
    }
    let order = state.place_order(spec).await.map_err(store_problem)?;
    order.map(Json).ok_or_else(|| ApiError::Conflict("no participant or no published offering to order".into()))
}

pub(super) async fn participant_acts(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
) -> Result<Json<Order>, ApiError> {
    let action = match action.as_str() {
        "cancel" => ParticipantAction::Cancel,
        "confirm" => ParticipantAction::Confirm,
        "refuse" => ParticipantAction::Refuse,
        _ => return Err(ApiError::NotFound(format!("/admin/orders/{id}/participant/{action}"))),
    };
    Ok(Json(state.participant_acts(&id, action).await.map_err(store_problem)?))
}

/// `POST /admin/payments`: the paying office pays orders in one payment order.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PayBody {
    lines: Vec<PayLine>,
    #[serde(default)]
    paid_on: Option<chrono::NaiveDate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PayLine {
    order_id: String,
    /// All still owed when absent.
    #[serde(default)]
    amount_tiyn: Option<i64>,
}

pub(super) async fn pay(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<PayBody>,
) -> Result<Json<Payment>, ApiError> {
    if body.lines.is_empty() || body.lines.len() > portal_api::MAX_PAGE_SIZE as usize {
        return Err(ApiError::InvalidBody { detail: "a payment covers 1 to 5000 orders".into(), errors: Vec::new() });
    }
    let lines = body.lines.into_iter().map(|l| (l.order_id, l.amount_tiyn)).collect();
    Ok(Json(state.pay(lines, body.paid_on).await.map_err(store_problem)?))
}

pub(super) async fn reverse_payment(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Payment>, ApiError> {
    Ok(Json(state.reverse_payment(&id).await.map_err(store_problem)?))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LimitPrice {
    limit_price_tiyn: i64,
}

pub(super) async fn set_limit_price(
    State(state): State<AppState>,
    Path(code): Path<String>,
    JsonBody(body): JsonBody<LimitPrice>,
) -> Result<Json<ClassifierItem>, ApiError> {
    Ok(Json(state.set_limit_price(&code, body.limit_price_tiyn).await.map_err(store_problem)?))
}

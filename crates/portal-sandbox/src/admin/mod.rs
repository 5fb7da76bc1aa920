//! The admin API that only the sandbox has (`/admin/*`, no token: keep the sandbox on
//! loopback). It drives faults, the clock, simulated participants and limit prices, and reads
//! the whole state; docs/sandbox-admin.md has the paths with curl examples. Every handler is a
//! thin adapter over `crate::control`, which `RunningSandbox` uses too.

mod clock;
mod faults;
mod simulation;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post, put};

use crate::problem::ApiError;
use crate::routes::AppState;
use crate::state::SandboxState;
use crate::store::StoreError;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/faults", get(faults::report).put(faults::set).delete(faults::clear))
        .route("/admin/maintenance", put(faults::maintenance).delete(faults::end_maintenance))
        .route("/admin/tokens/expire", post(faults::expire_tokens))
        .route("/admin/clock", get(clock::show))
        .route("/admin/clock/advance", post(clock::advance))
        .route("/admin/tick", post(simulation::tick))
        .route("/admin/participants", get(simulation::behaviour).put(simulation::set_behaviour))
        .route("/admin/orders", post(simulation::place_order))
        .route("/admin/orders/{id}/participant/{action}", post(simulation::participant_acts))
        .route("/admin/classifier/{code}/limit-price", put(simulation::set_limit_price))
        .route("/admin/state", get(state))
}

/// Store errors of admin actions, as problems: an unknown order or item is 404, a move the
/// lifecycle refuses is 409, a bad value 422.
pub(crate) fn store_problem(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound { kind, id } => ApiError::NotFound(format!("{kind} {id}")),
        StoreError::Transition(t) => ApiError::Conflict(t.to_string()),
        StoreError::Invalid(message) => ApiError::InvalidBody { detail: message, errors: Vec::new() },
        other => ApiError::Internal(other),
    }
}

async fn state(State(state): State<AppState>) -> Result<Json<SandboxState>, ApiError> {
    Ok(Json(state.state().await.map_err(store_problem)?))
}

//! `/admin/faults`, `/admin/maintenance`, `/admin/tokens/expire`.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::store_problem;
use crate::context::AppState;
use crate::extract::JsonBody;
use crate::faults::{FaultReport, Faults, MAX_MAINTENANCE};
use crate::problem::ApiError;

pub(super) async fn report(State(state): State<AppState>) -> Json<FaultReport> {
    Json(state.faults.report())
}

/// Replaces the faults in force (absent fields: off). Counters go on.
pub(super) async fn set(
    State(state): State<AppState>,
    JsonBody(faults): JsonBody<Faults>,
) -> Result<Json<FaultReport>, ApiError> {
    state.faults.set(faults).map_err(|m| ApiError::InvalidBody { detail: m, errors: Vec::new() })?;
    Ok(Json(state.faults.report()))
}

/// No faults, counters at zero.
pub(super) async fn clear(State(state): State<AppState>) -> Json<FaultReport> {
    state.faults.clear();
    Json(state.faults.report())
}

/// `{"seconds": N}` or `{"until": "<RFC 3339>"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Maintenance {
    seconds: Option<u64>,
    until: Option<DateTime<Utc>>,
}

/// Opens a maintenance window, keeping the other faults as they are.
pub(super) async fn maintenance(
    State(state): State<AppState>,
    JsonBody(m): JsonBody<Maintenance>,
) -> Result<Json<FaultReport>, ApiError> {
    let until = match (m.seconds, m.until) {
        (Some(s), None) if s > MAX_MAINTENANCE.as_secs() => {
            return Err(ApiError::invalid_body_field(
                "seconds",
                format!("may be at most {}, got {s}", MAX_MAINTENANCE.as_secs()),
            ));
        }
        (Some(s), None) => Faults::maintenance_for(Duration::from_secs(s)).maintenance_until,
        (None, Some(until)) => Some(super::checked_date("until", until)?),
        _ => {
            return Err(ApiError::invalid_body_field("seconds", "give either `seconds` or `until`"));
        }
    };
    let faults = Faults { maintenance_until: until, ..state.faults.report().faults };
    state.faults.set(faults).map_err(|m| ApiError::InvalidBody { detail: m, errors: Vec::new() })?;
    Ok(Json(state.faults.report()))
}

pub(super) async fn end_maintenance(State(state): State<AppState>) -> Result<Json<FaultReport>, ApiError> {
    let faults = Faults { maintenance_until: None, ..state.faults.report().faults };
    state.faults.set(faults).map_err(|m| ApiError::InvalidBody { detail: m, errors: Vec::new() })?;
    Ok(Json(state.faults.report()))
}

pub(super) async fn expire_tokens(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let expired = state.expire_tokens().await.map_err(store_problem)?;
    Ok(Json(json!({ "expired": expired })))
}

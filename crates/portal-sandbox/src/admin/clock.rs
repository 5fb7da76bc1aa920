//! `/admin/clock`: the sandbox's now, and moving it forward.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::store_problem;
use crate::context::AppState;
use crate::extract::JsonBody;
use crate::problem::ApiError;

#[derive(Debug, Serialize)]
pub(super) struct ClockView {
    now: DateTime<Utc>,
    offset_seconds: i64,
}

fn view(state: &AppState) -> ClockView {
    ClockView { now: state.clock.now(), offset_seconds: state.clock.offset().num_seconds() }
}

pub(super) async fn show(State(state): State<AppState>) -> Json<ClockView> {
    Json(view(&state))
}

/// `{"days": 11}`, `{"hours": 2, "minutes": 30}`, …: the parts add up.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct Advance {
    days: i64,
    hours: i64,
    minutes: i64,
    seconds: i64,
}

impl Advance {
    fn total(&self) -> Option<TimeDelta> {
        let secs = self
            .days
            .checked_mul(86_400)?
            .checked_add(self.hours.checked_mul(3_600)?)?
            .checked_add(self.minutes.checked_mul(60)?)?
            .checked_add(self.seconds)?;
        TimeDelta::try_seconds(secs)
    }
}

pub(super) async fn advance(
    State(state): State<AppState>,
    JsonBody(a): JsonBody<Advance>,
) -> Result<Json<ClockView>, ApiError> {
    let by = a.total().ok_or_else(|| ApiError::invalid_body_field("days", "the advance is out of range"))?;
    state.advance_clock(by).await.map_err(store_problem)?;
    Ok(Json(view(&state)))
}

//! Reports: orders, revenue, shares in time and decline reasons over a span of days.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::reports::views::{Report, ReportQuery};
use tauri::State;

use crate::state::DeskState;

/// The report over the query's days (Kazakhstan's calendar).
#[tauri::command]
pub async fn report(state: State<'_, DeskState>, query: ReportQuery) -> Result<Report, AppError> {
    let actor = state.actor_for(Command::Reports)?;
    Ok(state.store().report(&actor, query)?)
}

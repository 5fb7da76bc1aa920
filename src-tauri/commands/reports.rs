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

/// Saves the report over the query's days as a spreadsheet in the data dir's exports; returns
/// where it was saved.
#[tauri::command]
pub async fn report_export(state: State<'_, DeskState>, query: ReportQuery, lang: String) -> Result<String, AppError> {
    let lang = super::documents::language(&lang)?;
    let actor = state.actor_for(Command::Reports)?;
    let xlsx = state.store().report_xlsx(&actor, query, lang)?;
    crate::exports::write_file(&state.data_dir, "report", "xlsx", &xlsx)
}

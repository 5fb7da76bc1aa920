//! Reports: orders, revenue, shares in time and decline reasons over a span of days, and the
//! monthly report as PDF.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::documents::{Fonts, kazakhstan_today};
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

/// Makes the report of a calendar month (`YYYY-MM`) as PDF in the data dir's `documents/`;
/// returns where it was saved.
#[tauri::command]
pub async fn report_month_pdf(state: State<'_, DeskState>, month: String, lang: String) -> Result<String, AppError> {
    let lang = super::documents::language(&lang)?;
    let first = chrono::NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| AppError::new("invalid_input", format!("'{month}' is not a month (YYYY-MM)")).at("month"))?;
    let actor = state.actor_for(Command::Reports)?;
    let fonts = Fonts::from_system().map_err(desk_core::documents::DocumentError::from)?;
    let dir = state.data_dir.join("documents");
    let path = state.store().make_monthly_report(&actor, first, kazakhstan_today(), lang, &fonts, &dir)?;
    Ok(path.display().to_string())
}

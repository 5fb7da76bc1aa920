//! The audit trail viewer, for the manager.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::audit::{AuditPage, AuditQuery};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn audit_page(state: State<'_, DeskState>, query: AuditQuery) -> Result<AuditPage, AppError> {
    let actor = state.actor_for(Command::AuditView)?;
    Ok(state.store().audit_page(&actor, &query)?)
}

/// Writes the entries the filters match as CSV into the data dir's `exports/`; returns its path.
#[tauri::command]
pub async fn audit_export(state: State<'_, DeskState>, query: AuditQuery) -> Result<String, AppError> {
    let actor = state.actor_for(Command::AuditView)?;
    let csv = state.store().audit_csv(&actor, &query)?;
    crate::exports::write(&state.data_dir, "audit", &csv)
}

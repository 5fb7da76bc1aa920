use desk_core::views::{AppError, SyncStatus};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub fn sync_status(state: State<'_, DeskState>) -> Result<SyncStatus, AppError> {
    Ok(state.engine.status()?)
}

/// Wakes the background sync; the outcome arrives as `sync-status` events.
#[tauri::command]
pub fn sync_now(state: State<'_, DeskState>) -> Result<SyncStatus, AppError> {
    state.engine.request_sync();
    Ok(state.engine.status()?)
}

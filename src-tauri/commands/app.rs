//! Quitting: the window's close button asks the page to confirm when changes have not reached
//! the portal yet (losing a queue on quit is what the desk must never do silently).

use crate::error::{AppError, QuitRequest};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::state::DeskState;

/// The page asks to be told when a quit needs confirming.
#[tauri::command]
pub async fn quit_guard(state: State<'_, DeskState>, on_request: Channel<QuitRequest>) -> Result<(), AppError> {
    state.set_quit_guard(on_request);
    Ok(())
}

/// The user confirmed: quit even with changes queued (they stay queued for the next start).
#[tauri::command]
pub fn app_quit<R: Runtime>(app: AppHandle<R>) {
    tracing::info!("quitting at the user's request");
    app.exit(0);
}

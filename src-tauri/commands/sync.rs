use crate::error::AppError;
use desk_core::access::Command;
use desk_core::sync::status::SyncStatus;
use tauri::State;
use tauri::ipc::Channel;

use crate::state::DeskState;

/// Wakes the background sync; the outcome reaches the subscribers of `sync_subscribe`.
#[tauri::command]
pub async fn sync_now(state: State<'_, DeskState>) -> Result<SyncStatus, AppError> {
    state.actor_for(Command::SyncStatus)?;
    state.engine.request_sync();
    Ok(state.engine.status()?)
}

/// Subscribes the page to sync status updates and returns the status as it is now.
#[tauri::command]
pub async fn sync_subscribe(
    state: State<'_, DeskState>,
    on_status: Channel<SyncStatus>,
) -> Result<SyncStatus, AppError> {
    state.actor_for(Command::SyncStatus)?;
    let now = state.engine.status()?;
    state.subscribers.add(on_status);
    Ok(now)
}

/// After the portal refused the credentials: signs in again with the ones the user typed, and
/// keeps them in the desk's vault (the OS keychain, or the sealed file) for the next start.
#[tauri::command]
pub async fn portal_sign_in(state: State<'_, DeskState>, bin: String, password: String) -> Result<(), AppError> {
    state.actor_for(Command::PortalSignIn)?;
    let kept = desk_core::vault::PortalCredentials { bin: bin.trim().to_owned(), password: password.clone() };
    state.engine.sign_in_again(desk_core::sync::Credentials { bin, password })?;
    state.keep_portal_credentials(&kept)?;
    Ok(())
}

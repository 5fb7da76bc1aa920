//! Desktop notices: the page takes what is due after each sync, words it in its language, and
//! asks the shell to show it on the desktop.

use crate::error::AppError;
use desk_core::Notices;
use desk_core::access::Command;
use tauri::State;

use crate::state::DeskState;

/// New orders and deadlines within 48 hours not announced yet; each is given once.
#[tauri::command]
pub async fn notices_take(state: State<'_, DeskState>) -> Result<Notices, AppError> {
    state.actor_for(Command::Notices)?;
    Ok(state.store().take_notices(chrono::Utc::now())?)
}

/// Shows one notice through the desktop's notification service (org.freedesktop.Notifications).
/// A desktop without one is not an error the user can act on: the window shows every notice in
/// its own live region as well, so this only logs the failure.
#[tauri::command]
pub async fn notice_show(title: String, body: String) {
    let shown = tauri::async_runtime::spawn_blocking(move || {
        notify_rust::Notification::new()
            .appname("Supplier Desk")
            .summary(&title)
            .body(&body)
            .icon("supplier-desk")
            .show()
            .map(|_| ())
    })
    .await;
    match shown {
        Ok(Ok(())) => {}
        Ok(Err(e)) => tracing::debug!(error = %e, "no desktop notification service"),
        Err(e) => tracing::warn!(error = %e, "showing a desktop notification failed"),
    }
}

//! Backups of the whole desk, for the manager: written into the data dir's `backups/` folder
//! (the webview has no file system access; the folder is shown so it can be copied to safe
//! keeping), and restored from a backup file put there. Progress goes over a channel.

use std::path::PathBuf;

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::backup::{
    BackupError, BackupFolder, BackupProgress, BackupSummary, backup_file_name, is_backup_file_name, list_backups,
};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::DeskState;

fn folder(state: &DeskState) -> PathBuf {
    state.data_dir.join("backups")
}

/// Runs `work` on the store off the async runtime (a backup or restore takes seconds), sending
/// its progress over `on_progress`.
async fn on_store_blocking(
    state: &DeskState,
    on_progress: Channel<BackupProgress>,
    work: impl FnOnce(&mut desk_core::Store, &mut dyn FnMut(BackupProgress)) -> Result<BackupSummary, BackupError>
    + Send
    + 'static,
) -> Result<BackupSummary, AppError> {
    let store = state.engine.store().clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut store, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
    .map_err(|e| AppError::new("backup", e.to_string()))??;
    Ok(summary)
}

#[tauri::command]
pub async fn backup_list(state: State<'_, DeskState>) -> Result<BackupFolder, AppError> {
    state.actor_for(Command::BackupCreate)?;
    let dir = folder(&state);
    Ok(BackupFolder { files: list_backups(&dir)?, dir: dir.display().to_string(), secrets: state.vault_kind() })
}

/// Writes a backup encrypted with `password`; returns its file name and what it holds.
#[tauri::command]
pub async fn backup_create(
    state: State<'_, DeskState>,
    password: String,
    on_progress: Channel<BackupProgress>,
) -> Result<(String, BackupSummary), AppError> {
    let actor = state.actor_for(Command::BackupCreate)?;
    let dir = folder(&state);
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::new("backup", format!("could not create {}: {e}", dir.display())))?;
    let name = backup_file_name(chrono::Utc::now());
    let path = dir.join(&name);
    let summary = on_store_blocking(&state, on_progress, move |store, progress| {
        store.create_backup(&actor, &path, &password, progress)
    })
    .await?;
    Ok((name, summary))
}

/// Replaces the desk's data with the backup `name` from the backups folder. The staff of the
/// backup come with it, so the session ends: the next person signs in again.
#[tauri::command]
pub async fn backup_restore(
    state: State<'_, DeskState>,
    name: String,
    password: String,
    on_progress: Channel<BackupProgress>,
) -> Result<BackupSummary, AppError> {
    let actor = state.actor_for(Command::BackupRestore)?;
    // Only a file of the backups folder, named as listed: no path from the page is followed.
    if !is_backup_file_name(&name) {
        return Err(AppError::new("invalid_input", format!("{name} is not a backup in the backups folder")).at("name"));
    }
    let path = folder(&state).join(&name);
    let summary = on_store_blocking(&state, on_progress, move |store, progress| {
        store.restore_backup(&actor, &path, &password, progress)
    })
    .await?;
    state.end_session();
    state.engine.request_sync();
    Ok(summary)
}

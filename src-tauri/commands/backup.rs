//! Backups of the whole desk, for the manager: written into the data dir's `backups/` folder
//! (the webview has no file system access; the folder is shown so it can be copied to safe
//! keeping), and restored from a backup file put there. Progress goes over a channel.

use std::path::PathBuf;

use desk_core::access::Command;
use desk_core::backup::{BackupProgress, BackupSummary};
use desk_core::vault::VaultKind;
use desk_core::views::AppError;
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::state::DeskState;

/// The folder of backups and what is in it.
#[derive(Debug, Serialize)]
pub struct BackupFolder {
    pub dir: String,
    /// Newest first.
    pub files: Vec<BackupFile>,
    /// Where this desk keeps its secrets (the keychain, or the sealed file where there is none).
    pub secrets: VaultKind,
}

#[derive(Debug, Serialize)]
pub struct BackupFile {
    pub name: String,
    pub bytes: u64,
    /// RFC 3339.
    pub modified: String,
}

/// The ending of a backup file's name.
const EXTENSION: &str = "sdbackup";

fn folder(state: &DeskState) -> PathBuf {
    state.data_dir.join("backups")
}

#[tauri::command]
pub async fn backup_list(state: State<'_, DeskState>) -> Result<BackupFolder, AppError> {
    state.actor_for(Command::BackupCreate)?;
    let dir = folder(&state);
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().map(chrono::DateTime::<chrono::Utc>::from).unwrap_or_default();
            files.push(BackupFile {
                name: entry.file_name().to_string_lossy().into_owned(),
                bytes: meta.len(),
                modified: modified.to_rfc3339(),
            });
        }
    }
    files.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| b.name.cmp(&a.name)));
    Ok(BackupFolder { dir: dir.display().to_string(), files, secrets: state.vault_kind() })
}

/// Writes a backup encrypted with `password`; returns what it holds and its file name.
#[tauri::command]
pub async fn backup_create(
    state: State<'_, DeskState>,
    password: String,
    on_progress: Channel<BackupProgress>,
) -> Result<(String, BackupSummary), AppError> {
    let actor = state.actor_for(Command::BackupCreate)?;
    let dir = folder(&state);
    std::fs::create_dir_all(&dir).map_err(|e| AppError::new("backup", format!("could not create {}: {e}", dir.display())))?;
    let name = format!("supplier-desk-{}.{EXTENSION}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ"));
    let path = dir.join(&name);
    let store = state.engine.store().clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        store.create_backup(&actor, &path, &password, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
    .map_err(|e| AppError::new("backup", e.to_string()))??;
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
    if name.contains(['/', '\\']) || name.starts_with('.') || !name.ends_with(&format!(".{EXTENSION}")) {
        return Err(AppError { code: "invalid_input".into(), message: format!("{name} is not a backup in the backups folder"), field: Some("name".into()) });
    }
    let path = folder(&state).join(&name);
    let store = state.engine.store().clone();
    let summary = tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
        store.restore_backup(&actor, &path, &password, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
    .map_err(|e| AppError::new("backup", e.to_string()))??;
    state.end_session();
    state.engine.request_sync();
    Ok(summary)
}

//! A document or export the desk made, handed to the OS: opened in its viewer (where it prints),
//! shown in its folder, or saved as a copy where the person chooses.

use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::AppError;
use crate::files;
use crate::state::DeskState;

/// Opens a made file in the OS's viewer for its kind (a PDF viewer prints it, a spreadsheet
/// program opens an XLSX).
#[tauri::command]
pub async fn file_open<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DeskState>,
    path: String,
) -> Result<(), AppError> {
    state.touch()?;
    let path = files::made_file(&state.data_dir, &path)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| AppError::new("file", format!("could not open the file: {e}")).keyed("file_not_opened"))
}

/// Shows a made file selected in the OS's file manager.
#[tauri::command]
pub async fn file_reveal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DeskState>,
    path: String,
) -> Result<(), AppError> {
    state.touch()?;
    let path = files::made_file(&state.data_dir, &path)?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| AppError::new("file", format!("could not show the folder: {e}")).keyed("file_not_opened"))
}

/// Asks where to save a copy of a made file; true when one was saved, false when the person
/// closed the dialog.
#[tauri::command]
pub async fn file_save_as<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, DeskState>,
    path: String,
) -> Result<bool, AppError> {
    state.touch()?;
    let source = files::made_file(&state.data_dir, &path)?;
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let extension = source.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    let window = app.get_webview_window("main");
    let (answer, chosen) = tokio::sync::oneshot::channel();
    // GTK's dialogs are made on the main thread; the answer is awaited off it.
    app.run_on_main_thread(move || {
        let mut dialog = rfd::AsyncFileDialog::new().set_file_name(&name);
        if !extension.is_empty() {
            dialog = dialog.add_filter(extension.to_uppercase(), &[extension.as_str()]);
        }
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        let dialog = dialog.save_file();
        std::thread::spawn(move || {
            let _ = answer.send(tauri::async_runtime::block_on(dialog).map(|f| f.path().to_path_buf()));
        });
    })
    .map_err(|e| AppError::new("file", format!("the save dialog failed: {e}")))?;
    let chosen = chosen.await.ok().flatten();
    let Some(target) = chosen else { return Ok(false) };
    files::save_copy(&source, &target)?;
    tracing::info!("a copy of a made file was saved");
    Ok(true)
}

//! Photos chosen in the delivery form and the offering dialog: the page reads a file's bytes and
//! sends them as the raw IPC body (no base64, no file path), and gets the photo's sha256 back.

use crate::error::AppError;
use desk_core::access::Command;
use tauri::State;
use tauri::ipc::{InvokeBody, Request, Response};

use crate::state::DeskState;

/// Keeps the photo in the request's raw body; resolves to its sha256. A file that is not a
/// JPEG, PNG or WebP image, or is over 10 MiB, is refused on the `photos` field.
#[tauri::command]
pub async fn photo_add(state: State<'_, DeskState>, request: Request<'_>) -> Result<String, AppError> {
    state.actor_for(Command::PhotoAdd)?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(AppError::new("invalid_input", "the photo must be sent as raw bytes").at("photos"));
    };
    Ok(state.store().add_photo(bytes)?)
}

/// A kept photo's bytes, for a thumbnail (an `ArrayBuffer` in the page).
#[tauri::command]
pub async fn photo_data(state: State<'_, DeskState>, sha256: String) -> Result<Response, AppError> {
    state.actor_for(Command::PhotoView)?;
    let (bytes, _media_type) = state.store().photo_bytes(&sha256)?;
    Ok(Response::new(bytes))
}

/// The photos of an offering, for the dialog that edits it.
#[tauri::command]
pub async fn offering_photos(state: State<'_, DeskState>, offering_id: String) -> Result<Vec<String>, AppError> {
    state.actor_for(Command::OfferingsList)?;
    Ok(state.store().offering_photos(&offering_id)?)
}

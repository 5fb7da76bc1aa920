//! Desktop notices: the page takes what is due after each sync and shows it in its language.

use desk_core::Notices;
use desk_core::views::AppError;
use tauri::State;

use crate::state::DeskState;

/// New orders and deadlines within 48 hours not announced yet; each is given once.
#[tauri::command]
pub async fn notices_take(state: State<'_, DeskState>) -> Result<Notices, AppError> {
    Ok(state.store().take_notices(chrono::Utc::now())?)
}

//! Today: the signed-in person's day, the first screen of everyone.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::documents::kazakhstan_today;
use desk_core::features::today::views::TodayView;
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn today(state: State<'_, DeskState>) -> Result<TodayView, AppError> {
    let actor = state.actor_for(Command::Today)?;
    Ok(state.store().today(&actor, chrono::Utc::now(), kazakhstan_today())?)
}

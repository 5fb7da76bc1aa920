//! Money: what is owed and paid, and the claim letter for late payments.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::documents::{Fonts, kazakhstan_today};
use desk_core::features::money::views::MoneyView;
use tauri::State;

use crate::state::DeskState;

/// What is owed (aged on today's date in Kazakhstan), what was paid, what does not match.
#[tauri::command]
pub async fn money(state: State<'_, DeskState>) -> Result<MoneyView, AppError> {
    let actor = state.actor_for(Command::Money)?;
    Ok(state.store().money(&actor, kazakhstan_today())?)
}

/// Makes the claim letter for the late orders in the data dir's `documents/` folder; returns
/// where it was saved.
#[tauri::command]
pub async fn money_claim_letter(state: State<'_, DeskState>, lang: String) -> Result<String, AppError> {
    let lang = super::documents::language(&lang)?;
    let actor = state.actor_for(Command::Money)?;
    let fonts = Fonts::from_system().map_err(desk_core::documents::DocumentError::from)?;
    let dir = state.data_dir.join("documents");
    let path = state.store().make_claim_letter(&actor, kazakhstan_today(), lang, &fonts, &dir)?;
    Ok(path.display().to_string())
}

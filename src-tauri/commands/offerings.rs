use desk_core::views::{AppError, ClassifierOption, OfferingInput, OfferingRow};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn offerings_list(state: State<'_, DeskState>) -> Result<Vec<OfferingRow>, AppError> {
    Ok(state.store().offerings()?)
}

#[tauri::command]
pub async fn classifier_options(state: State<'_, DeskState>) -> Result<Vec<ClassifierOption>, AppError> {
    Ok(state.store().classifier_options()?)
}

/// Saves the offering form (a new offering or an edit); resolves to the offering's id. A refused
/// field comes back as an error naming it (`price` above the limit price, say).
#[tauri::command]
pub async fn offering_save(state: State<'_, DeskState>, input: OfferingInput) -> Result<String, AppError> {
    let id = state.store().save_offering(&state.actor, &input)?;
    state.engine.request_sync();
    Ok(id)
}

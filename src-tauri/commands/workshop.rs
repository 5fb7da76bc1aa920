//! The Workshop tab: the fitting queue, opening an order by its number (typed or scanned), and
//! recording fitting sessions and the fitted mark.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::workshop::views::{FittedInput, FittingCard, FittingSessionInput, WorkshopQueue};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn workshop_queue(state: State<'_, DeskState>, offset: u32, limit: u32) -> Result<WorkshopQueue, AppError> {
    state.actor_for(Command::WorkshopQueue)?;
    Ok(state.store().workshop_queue(offset, limit)?)
}

#[tauri::command]
pub async fn workshop_find(state: State<'_, DeskState>, number: String) -> Result<FittingCard, AppError> {
    state.actor_for(Command::WorkshopQueue)?;
    Ok(state.store().fitting_card_by_number(&number)?)
}

#[tauri::command]
pub async fn workshop_card(state: State<'_, DeskState>, order_id: String) -> Result<FittingCard, AppError> {
    state.actor_for(Command::WorkshopQueue)?;
    Ok(state.store().fitting_card(&order_id)?)
}

#[tauri::command]
pub async fn fitting_session_record(
    state: State<'_, DeskState>,
    input: FittingSessionInput,
) -> Result<FittingCard, AppError> {
    let actor = state.actor_for(Command::FittingSessionRecord)?;
    let mut store = state.store();
    store.record_fitting_session(&actor, &input)?;
    let card = store.fitting_card(&input.order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(card)
}

#[tauri::command]
pub async fn fitting_mark_fitted(state: State<'_, DeskState>, input: FittedInput) -> Result<FittingCard, AppError> {
    let actor = state.actor_for(Command::FittingMarkFitted)?;
    let mut store = state.store();
    store.mark_fitted(&actor, &input)?;
    let card = store.fitting_card(&input.order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(card)
}

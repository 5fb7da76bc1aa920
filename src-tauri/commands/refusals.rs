//! After a refusal at receipt: record that the item was taken back, or replaced.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::orders::refusals::{ItemReturn, Replacement};
use desk_core::features::orders::views::{OrderDetail, ReplacementInput, ReturnInput};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn return_record(state: State<'_, DeskState>, input: ReturnInput) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::ReturnRecord)?;
    let item_return = ItemReturn::try_from(input)?;
    let mut store = state.store();
    store.record_return(&actor, &item_return)?;
    let detail = store.order_detail(&item_return.order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

#[tauri::command]
pub async fn replacement_record(state: State<'_, DeskState>, input: ReplacementInput) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::ReplacementRecord)?;
    let replacement = Replacement::try_from(input)?;
    let mut store = state.store();
    store.record_replacement(&actor, &replacement)?;
    let detail = store.order_detail(&replacement.order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

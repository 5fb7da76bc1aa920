//! Assigning an order to a member of the supplier's staff, and each person's own work.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::orders::views::{AssignableStaff, OrderDetail, WorkItem};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn order_assign(
    state: State<'_, DeskState>,
    order_id: String,
    username: String,
) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::OrderAssign)?;
    let mut store = state.store();
    store.assign_order(&actor, &order_id, &username)?;
    let detail = store.order_detail(&order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

/// The accounts an order may be assigned to.
#[tauri::command]
pub async fn staff_assignable(state: State<'_, DeskState>) -> Result<Vec<AssignableStaff>, AppError> {
    let actor = state.actor_for(Command::OrderAssign)?;
    Ok(state.store().assignable_staff(&actor)?)
}

/// The open orders assigned to the signed-in person.
#[tauri::command]
pub async fn my_work(state: State<'_, DeskState>) -> Result<Vec<WorkItem>, AppError> {
    let actor = state.actor_for(Command::MyWork)?;
    Ok(state.store().my_work(&actor)?)
}

//! Assigning an order to a member of the supplier's staff.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::orders::views::OrderDetail;
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn order_assign(
    state: State<'_, DeskState>,
    order_id: String,
    assignee: String,
) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::OrderAssign)?;
    let mut store = state.store();
    store.assign_order(&actor, &order_id, &assignee)?;
    let detail = store.order_detail(&order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

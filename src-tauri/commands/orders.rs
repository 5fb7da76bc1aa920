use crate::error::AppError;
use desk_core::Delivery;
use desk_core::access::Command;
use desk_core::features::orders::views::{DeliveryInput, OrderDetail};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn order_detail(state: State<'_, DeskState>, order_id: String) -> Result<OrderDetail, AppError> {
    state.actor_for(Command::OrderDetail)?;
    Ok(state.store().order_detail(&order_id)?)
}

#[tauri::command]
pub async fn order_accept(state: State<'_, DeskState>, order_id: String) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::OrderAccept)?;
    let mut store = state.store();
    store.accept_order(&actor, &order_id)?;
    let detail = store.order_detail(&order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

#[tauri::command]
pub async fn order_decline(
    state: State<'_, DeskState>,
    order_id: String,
    reason: String,
) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::OrderDecline)?;
    let mut store = state.store();
    store.decline_order(&actor, &order_id, &reason)?;
    let detail = store.order_detail(&order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

#[tauri::command]
pub async fn delivery_record(state: State<'_, DeskState>, input: DeliveryInput) -> Result<OrderDetail, AppError> {
    let actor = state.actor_for(Command::DeliveryRecord)?;
    let photos = input.photos.clone();
    let delivery = Delivery::try_from(input)?;
    let mut store = state.store();
    store.record_delivery_with_photos(&actor, &delivery, &photos)?;
    let detail = store.order_detail(&delivery.order_id)?;
    drop(store);
    state.engine.request_sync();
    Ok(detail)
}

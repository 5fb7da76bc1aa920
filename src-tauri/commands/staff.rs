//! Staff accounts, for the manager.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::staff::views::{NewStaffInput, StaffRow, StaffUpdate};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn staff_list(state: State<'_, DeskState>) -> Result<Vec<StaffRow>, AppError> {
    let actor = state.actor_for(Command::StaffList)?;
    Ok(state.store().staff_list(&actor)?)
}

#[tauri::command]
pub async fn staff_create(state: State<'_, DeskState>, input: NewStaffInput) -> Result<StaffRow, AppError> {
    let actor = state.actor_for(Command::StaffManage)?;
    Ok(state.store().create_staff(&actor, &input)?)
}

#[tauri::command]
pub async fn staff_set_active(state: State<'_, DeskState>, staff_id: i64, active: bool) -> Result<StaffRow, AppError> {
    let actor = state.actor_for(Command::StaffManage)?;
    Ok(state.store().set_staff_active(&actor, staff_id, active)?)
}

#[tauri::command]
pub async fn staff_update(
    state: State<'_, DeskState>,
    staff_id: i64,
    change: StaffUpdate,
) -> Result<StaffRow, AppError> {
    let actor = state.actor_for(Command::StaffManage)?;
    Ok(state.store().update_staff(&actor, staff_id, &change)?)
}

#[tauri::command]
pub async fn staff_reset_password(
    state: State<'_, DeskState>,
    staff_id: i64,
    password: String,
) -> Result<(), AppError> {
    let actor = state.actor_for(Command::StaffManage)?;
    Ok(state.store().reset_staff_password(&actor, staff_id, &password)?)
}

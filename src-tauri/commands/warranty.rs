//! The Warranty tab: a serial's warranty, and the warranties ending soon.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::warranty::views::WarrantyPage;
use desk_core::features::warranty::{RegisterQuery, today};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn warranty_register(
    state: State<'_, DeskState>,
    serial: Option<String>,
    ending_within_days: Option<u32>,
    limit: u32,
) -> Result<WarrantyPage, AppError> {
    let actor = state.actor_for(Command::WarrantyRegister)?;
    let query = RegisterQuery { serial_prefix: serial, ending_within_days, today: today(), limit };
    Ok(state.store().warranty_register(&actor, &query)?)
}

//! The Warranty tab: a serial's warranty, the warranties ending soon, and service under them.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::warranty::views::{WarrantyPage, WarrantyServiceInput};
use desk_core::features::warranty::{RegisterQuery, WarrantyService, today};
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

/// Records a repair or an exchange under warranty; answers the register's rows of the serviced
/// serial as they now stand.
#[tauri::command]
pub async fn warranty_service_record(
    state: State<'_, DeskState>,
    input: WarrantyServiceInput,
) -> Result<WarrantyPage, AppError> {
    let actor = state.actor_for(Command::WarrantyServiceRecord)?;
    let service = WarrantyService::try_from(input)?;
    let mut store = state.store();
    store.record_warranty_service(&actor, &service)?;
    let query = RegisterQuery {
        serial_prefix: Some(service.serial_number),
        ending_within_days: None,
        today: today(),
        limit: 50,
    };
    let page = store.warranty_register(&actor, &query)?;
    drop(store);
    state.engine.request_sync();
    Ok(page)
}

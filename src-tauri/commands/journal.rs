//! Conflicts and the outage journal.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::orders::views::ConflictRow;
use desk_core::features::outages::OutageRow;
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn conflicts_list(state: State<'_, DeskState>) -> Result<Vec<ConflictRow>, AppError> {
    state.actor_for(Command::ConflictsList)?;
    Ok(state.store().conflicts()?)
}

#[tauri::command]
pub async fn conflict_discard(
    state: State<'_, DeskState>,
    mutation_id: String,
    reason: String,
) -> Result<(), AppError> {
    let actor = state.actor_for(Command::ConflictResolve)?;
    state.store().discard_conflict(&actor, &mutation_id, &reason)?;
    Ok(())
}

/// Queues a refused change again: as it was (for a refusal a later try may overcome), or, for an
/// offering refused for its price, with the corrected price the user typed (`12 345,50`).
#[tauri::command]
pub async fn conflict_retry(
    state: State<'_, DeskState>,
    mutation_id: String,
    price: Option<String>,
) -> Result<(), AppError> {
    let actor = state.actor_for(Command::ConflictResolve)?;
    match price {
        Some(price) => {
            let price = desk_core::Money::parse(&price).map_err(|e| AppError::invalid("price", e.problem()))?;
            state.store().retry_conflict_with_price(&actor, &mutation_id, price)?;
        }
        None => {
            state.store().retry_conflict(&actor, &mutation_id, None)?;
        }
    }
    state.engine.request_sync();
    Ok(())
}

#[tauri::command]
pub async fn outages_list(state: State<'_, DeskState>) -> Result<Vec<OutageRow>, AppError> {
    state.actor_for(Command::OutagesList)?;
    Ok(state.store().outages()?)
}

/// Writes the outage journal as CSV into the data dir's `exports/` and returns the file's path.
#[tauri::command]
pub async fn outages_export(state: State<'_, DeskState>) -> Result<String, AppError> {
    state.actor_for(Command::OutagesList)?;
    let csv = state.store().outages_csv()?;
    crate::exports::write(&state.data_dir, "outages", &csv)
}

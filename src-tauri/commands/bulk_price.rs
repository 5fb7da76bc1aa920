//! A price change over a filtered set of offerings: its preview, and the change itself.

use desk_core::bulk_price::PriceChange;
use desk_core::views::{AppError, BulkPriceOutcome, OfferingFilter, PriceChangeInput};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn offerings_price_preview(
    state: State<'_, DeskState>,
    filter: OfferingFilter,
    change: PriceChangeInput,
) -> Result<BulkPriceOutcome, AppError> {
    let change = PriceChange::try_from(&change)?;
    Ok(state.store().preview_bulk_price(&filter, change)?)
}

/// Applies the change to every covered offering, or (with refusals listed) to none.
#[tauri::command]
pub async fn offerings_price_change(
    state: State<'_, DeskState>,
    filter: OfferingFilter,
    change: PriceChangeInput,
) -> Result<BulkPriceOutcome, AppError> {
    let change = PriceChange::try_from(&change)?;
    let outcome = state.store().change_prices(&state.actor, &filter, change)?;
    if outcome.applied {
        state.engine.request_sync();
    }
    Ok(outcome)
}

//! Quick changes of offerings from the list: a price change over a filtered set (its preview, and
//! the change itself), and publishing or unpublishing one offering.

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::offerings::bulk_price::PriceChange;
use desk_core::features::offerings::views::{BulkPriceOutcome, OfferingFilter, PriceChangeInput, PriceStep, Rounding};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn offerings_price_preview(
    state: State<'_, DeskState>,
    filter: OfferingFilter,
    change: PriceChangeInput,
    rounding: Rounding,
) -> Result<BulkPriceOutcome, AppError> {
    state.actor_for(Command::OfferingsPriceChange)?;
    let change = PriceChange::try_from(&change)?;
    Ok(state.store().preview_bulk_price(&filter, change, rounding)?)
}

/// Applies the change to every covered offering, or (with refusals listed) to none; refused
/// unless it makes exactly the previewed `expected` steps.
#[tauri::command]
pub async fn offerings_price_change(
    state: State<'_, DeskState>,
    filter: OfferingFilter,
    change: PriceChangeInput,
    rounding: Rounding,
    expected: Vec<PriceStep>,
) -> Result<BulkPriceOutcome, AppError> {
    let actor = state.actor_for(Command::OfferingsPriceChange)?;
    let change = PriceChange::try_from(&change)?;
    let outcome = state.store().change_prices(&actor, &filter, change, rounding, Some(&expected))?;
    if outcome.applied {
        state.engine.request_sync();
    }
    Ok(outcome)
}

/// Puts back the prices an applied change replaced.
#[tauri::command]
pub async fn offerings_price_undo(
    state: State<'_, DeskState>,
    steps: Vec<PriceStep>,
) -> Result<BulkPriceOutcome, AppError> {
    let actor = state.actor_for(Command::OfferingsPriceChange)?;
    let outcome = state.store().undo_price_change(&actor, &steps)?;
    state.engine.request_sync();
    Ok(outcome)
}

/// Publishes or unpublishes one offering from the list, as an offering change like the form's.
#[tauri::command]
pub async fn offering_publish(
    state: State<'_, DeskState>,
    offering_id: String,
    published: bool,
) -> Result<(), AppError> {
    let actor = state.actor_for(Command::OfferingPublish)?;
    let update = OfferingUpdate { published: Some(published), ..OfferingUpdate::default() };
    state.store().update_offering(&actor, &offering_id, &update)?;
    state.engine.request_sync();
    Ok(())
}

use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::offerings::views::{ClassifierOption, CsvImportOutcome, OfferingInput, OfferingRow};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn offerings_list(state: State<'_, DeskState>) -> Result<Vec<OfferingRow>, AppError> {
    state.actor_for(Command::OfferingsList)?;
    Ok(state.store().offerings()?)
}

#[tauri::command]
pub async fn classifier_options(state: State<'_, DeskState>) -> Result<Vec<ClassifierOption>, AppError> {
    state.actor_for(Command::OfferingsList)?;
    Ok(state.store().classifier_options()?)
}

/// Saves the offering form (a new offering or an edit); resolves to the offering's id. A refused
/// field comes back as an error naming it (`price` above the limit price, say).
#[tauri::command]
pub async fn offering_save(state: State<'_, DeskState>, input: OfferingInput) -> Result<String, AppError> {
    let actor = state.actor_for(Command::OfferingSave)?;
    let id = state.store().save_offering(&actor, &input)?;
    state.engine.request_sync();
    Ok(id)
}

/// Imports offerings from CSV text (the file the user chose, read by the page): all rows or, when
/// any row is bad, none, with every bad row listed.
#[tauri::command]
pub async fn offerings_import(state: State<'_, DeskState>, csv: String) -> Result<CsvImportOutcome, AppError> {
    let actor = state.actor_for(Command::OfferingsImport)?;
    let result = state.store().import_offerings_csv(&actor, csv.as_bytes());
    let outcome = CsvImportOutcome::from_import(result)?;
    if outcome.problems.is_empty() {
        state.engine.request_sync();
    }
    Ok(outcome)
}

/// Writes the offerings as CSV into the data dir's `exports/` and returns the file's path.
#[tauri::command]
pub async fn offerings_export(state: State<'_, DeskState>) -> Result<String, AppError> {
    state.actor_for(Command::OfferingsExport)?;
    let csv = state.store().offerings_csv()?;
    crate::exports::write(&state.data_dir, "offerings", &csv)
}

/// Writes the offerings as a spreadsheet (XLSX) in `lang` into the data dir's `exports/` and
/// returns the file's path.
#[tauri::command]
pub async fn offerings_export_xlsx(state: State<'_, DeskState>, lang: String) -> Result<String, AppError> {
    let lang = super::documents::language(&lang)?;
    let actor = state.actor_for(Command::OfferingsExport)?;
    let xlsx = state.store().offerings_xlsx(&actor, lang)?;
    crate::exports::write_file(&state.data_dir, "offerings", "xlsx", &xlsx)
}

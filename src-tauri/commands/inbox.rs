use crate::error::AppError;
use desk_core::access::Command;
use desk_core::features::orders::views::{InboxPage, InboxQuery};
use tauri::State;

use crate::state::DeskState;

#[tauri::command]
pub async fn inbox_page(state: State<'_, DeskState>, query: InboxQuery) -> Result<InboxPage, AppError> {
    state.actor_for(Command::InboxPage)?;
    Ok(state.store().inbox(&query)?)
}

/// The UI reports that the inbox has rendered `count` rows. Logged once per change, so a
/// headless run can tell that the window really shows orders.
#[tauri::command]
pub fn inbox_rendered(state: State<'_, DeskState>, count: u32) {
    if state.note_inbox_rendered(count) {
        tracing::info!(count, "inbox shows orders");
        println!("supplier-desk: inbox shows {count} orders");
    }
}

/// Writes the orders the inbox's filters select (all pages) as a spreadsheet (XLSX) in `lang`
/// into the data dir's `exports/` and returns the file's path.
#[tauri::command]
pub async fn orders_export(state: State<'_, DeskState>, query: InboxQuery, lang: String) -> Result<String, AppError> {
    let lang = super::documents::language(&lang)?;
    let actor = state.actor_for(Command::OrdersExport)?;
    let xlsx = state.store().orders_xlsx(&actor, &query, lang)?;
    crate::exports::write_file(&state.data_dir, "orders", "xlsx", &xlsx)
}

//! The order's printable documents: each command makes one PDF in the data dir's `documents/`
//! folder and returns where it was saved, for the window to show.

use crate::error::AppError;
use desk_core::documents::{Destination, DocumentKind, DocumentRequest, Fonts, Lang};
use tauri::State;

use crate::state::DeskState;

/// The language a document or export is made in, as the window names it.
pub(crate) fn language(lang: &str) -> Result<Lang, AppError> {
    Lang::parse(lang)
        .ok_or_else(|| AppError::new("invalid_input", format!("unknown language '{lang}': kk, ru or en")).at("lang"))
}

fn make(state: &DeskState, kind: DocumentKind, order_id: &str, lang: &str) -> Result<String, AppError> {
    let lang = language(lang)?;
    let actor = state.actor_for(kind.command())?;
    let fonts = Fonts::from_system().map_err(desk_core::documents::DocumentError::from)?;
    let dir = state.data_dir.join("documents");
    let req = DocumentRequest { kind, order_id, lang };
    let path = state.store().make_document(&actor, &req, &fonts, Destination::Dir(&dir))?;
    Ok(path.display().to_string())
}

#[tauri::command]
pub async fn document_delivery_act(
    state: State<'_, DeskState>,
    order_id: String,
    lang: String,
) -> Result<String, AppError> {
    make(&state, DocumentKind::DeliveryAct, &order_id, &lang)
}

#[tauri::command]
pub async fn document_fitting_act(
    state: State<'_, DeskState>,
    order_id: String,
    lang: String,
) -> Result<String, AppError> {
    make(&state, DocumentKind::FittingAct, &order_id, &lang)
}

#[tauri::command]
pub async fn document_order_label(
    state: State<'_, DeskState>,
    order_id: String,
    lang: String,
) -> Result<String, AppError> {
    make(&state, DocumentKind::OrderLabel, &order_id, &lang)
}

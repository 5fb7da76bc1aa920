//! What the desk shows: the shapes the UI receives over IPC. TypeScript declarations of these
//! types are generated into `ui/src/bindings/` and checked for drift by a test.

use chrono::{DateTime, Utc};
use portal_api::{Category, LocalizedText, OrderStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    /// Only orders that still need something (not paid, declined, cancelled or returned).
    pub open_only: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxItem {
    pub classifier_code: String,
    pub name: LocalizedText,
    pub quantity: u32,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxRow {
    pub order_id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant_name: String,
    pub region: String,
    pub items: Vec<InboxItem>,
    #[ts(type = "string")]
    pub placed_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub accept_by: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub deliver_by: Option<DateTime<Utc>>,
    /// The next deadline the supplier must meet, if any.
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub total_tiyn: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    #[ts(type = "number")]
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfferingRow {
    pub id: String,
    pub classifier_code: String,
    pub category: Category,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub price_tiyn: i64,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
    #[ts(type = "number")]
    pub stock: i64,
    pub regions: Vec<String>,
    pub warranty_months: u32,
    pub published: bool,
}

/// Counts and sync bookkeeping read from the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StoreSummary {
    pub device_id: String,
    #[ts(type = "number")]
    pub cursor: u64,
    #[ts(type = "number")]
    pub head: u64,
    #[ts(type = "string | null")]
    pub last_sync_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub orders: u64,
    #[ts(type = "number")]
    pub open_orders: u64,
    #[ts(type = "number")]
    pub offerings: u64,
    #[ts(type = "number")]
    pub classifier_items: u64,
    #[ts(type = "number")]
    pub pending_mutations: u64,
}

/// The connection state the status bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    /// No sync has been tried yet.
    Unknown,
    Online,
    Offline,
    /// The portal refused the credentials: the user must sign in again.
    SignedOut,
}

/// Progress of a running pull, for long first syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    #[ts(type = "number")]
    pub applied: u64,
    #[ts(type = "number")]
    pub cursor: u64,
    #[ts(type = "number")]
    pub head: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    pub connectivity: Connectivity,
    pub syncing: bool,
    pub progress: Option<SyncProgress>,
    /// The last error met, in words a person can act on.
    pub last_error: Option<String>,
    pub summary: StoreSummary,
}

/// An error as the UI receives it: a stable code, a message, and the field at fault if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError { code: code.to_owned(), message: message.into(), field: None }
    }
}

impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> AppError {
        use crate::store::StoreError as E;
        let code = match &e {
            E::NotFound { .. } => "not_found",
            E::Transition(_) => "transition_refused",
            E::Model(_) => "invalid_data",
            E::Sqlite(_) | E::Migration(_) | E::Json(_) | E::UnknownValue { .. } => "storage",
        };
        AppError::new(code, e.to_string())
    }
}

impl From<crate::actions::ActionError> for AppError {
    fn from(e: crate::actions::ActionError) -> AppError {
        match e {
            crate::actions::ActionError::Invalid { field, message } => {
                AppError { code: "invalid_input".into(), message, field: Some(field.into()) }
            }
            crate::actions::ActionError::Store(e) => e.into(),
        }
    }
}

/// Every type the UI imports, with the file it is generated into.
pub fn bindings() -> Vec<(&'static str, String)> {
    let cfg = ts_rs::Config::default();
    let decls = [
        LocalizedText::decl(&cfg),
        Category::decl(&cfg),
        OrderStatus::decl(&cfg),
        InboxQuery::decl(&cfg),
        InboxItem::decl(&cfg),
        InboxRow::decl(&cfg),
        InboxPage::decl(&cfg),
        OfferingRow::decl(&cfg),
        StoreSummary::decl(&cfg),
        Connectivity::decl(&cfg),
        SyncProgress::decl(&cfg),
        SyncStatus::decl(&cfg),
        AppError::decl(&cfg),
    ];
    let mut text = String::from(
        "// Generated from the Rust types in crates/desk-core/src/views.rs and crates/portal-api.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p desk-core bindings` instead.\n\n",
    );
    for d in decls {
        text.push_str("export ");
        text.push_str(&d);
        text.push_str("\n\n");
    }
    vec![("bindings.ts", text.trim_end().to_owned() + "\n")]
}

#[cfg(test)]
mod tests {
    #[test]
    fn bindings_match_the_committed_typescript() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
        for (file, generated) in super::bindings() {
            let path = dir.join(file);
            if std::env::var_os("UPDATE_BINDINGS").is_some() {
                std::fs::create_dir_all(&dir).expect("create ui/src/bindings");
                std::fs::write(&path, &generated).expect("write binding");
            }
            let committed = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (run UPDATE_BINDINGS=1 cargo test -p desk-core bindings)", path.display()));
            assert_eq!(committed, generated, "ui/src/bindings/{file} is stale: run UPDATE_BINDINGS=1 cargo test -p desk-core bindings");
        }
    }
}

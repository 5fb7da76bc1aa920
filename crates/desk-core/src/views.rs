//! What the desk shows: the shapes the UI receives over IPC. TypeScript declarations of these
//! types are generated into `ui/src/bindings/` and checked for drift by a test.

use chrono::{DateTime, Utc};
use portal_api::{Category, LocalizedText, OrderStatus, RegionStock};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    /// Only orders that still need something (not paid, declined, cancelled or returned).
    pub open_only: bool,
    pub offset: u32,
    pub limit: u32,
    #[serde(default)]
    pub status: Option<OrderStatus>,
    /// An ISO 3166-2:KZ region code: the participant's region.
    #[serde(default)]
    pub region: Option<String>,
    /// Orders with at least one item of this category.
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub deadline: Option<DeadlineFilter>,
    /// Words that must each start a word of the order's number, participant's name or items.
    #[serde(default)]
    pub text: Option<String>,
    /// By deadline (open first, the nearest first) unless said otherwise.
    #[serde(default)]
    pub sort: Option<InboxSort>,
}

/// Orders by their next deadline: passed, or within 48 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineFilter {
    Overdue,
    Soon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InboxSort {
    Deadline,
    Newest,
    Total,
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
    /// The whole stock, the sum of `stock_by_region`.
    #[ts(type = "number")]
    pub stock: i64,
    pub regions: Vec<String>,
    /// The stock of each of `regions`, in that order.
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
}

/// A classifier item as the offering form's picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassifierOption {
    pub code: String,
    pub category: Category,
    pub name: LocalizedText,
    pub unit: String,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
}

/// The offering form as the user filled it in: a new offering when `offering_id` is null (then
/// `classifier_code` says what is offered), otherwise an edit of that offering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfferingInput {
    pub offering_id: Option<String>,
    pub classifier_code: String,
    /// As typed (`12 345,50`); parsed and checked against the limit price by the app.
    pub price: String,
    pub regions: Vec<String>,
    /// The stock each region is to hold; a region of `regions` left out holds none. An edit may
    /// also name a region it drops, to empty it (a region is dropped only when it holds none).
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    /// The offering's photos (sha256 returned by `photo_add`); absent keeps an edited
    /// offering's photos as they are.
    #[serde(default)]
    #[ts(optional)]
    pub photos: Option<Vec<String>>,
}

/// What an offerings CSV import did: the counts when it was applied, or every bad row when it
/// was not (then nothing was applied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvImportOutcome {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub problems: Vec<CsvProblem>,
}

/// One bad row of an imported file: its line number (the header is line 1), the column, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvProblem {
    pub line: u32,
    pub field: Option<String>,
    pub message: String,
}

impl CsvImportOutcome {
    /// The outcome of [`crate::Store::import_offerings_csv`]; an error other than bad rows stays
    /// an error.
    pub fn from_import(
        result: Result<crate::ImportReport, crate::ImportError>,
    ) -> Result<CsvImportOutcome, crate::ImportError> {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        match result {
            Ok(r) => Ok(CsvImportOutcome {
                created: count(r.created),
                updated: count(r.updated),
                unchanged: count(r.unchanged),
                problems: Vec::new(),
            }),
            Err(crate::ImportError::BadRows(rows)) => Ok(CsvImportOutcome {
                created: 0,
                updated: 0,
                unchanged: 0,
                problems: rows
                    .into_iter()
                    .map(|r| CsvProblem {
                        line: u32::try_from(r.line).unwrap_or(u32::MAX),
                        field: r.field,
                        message: r.message,
                    })
                    .collect(),
            }),
            Err(e) => Err(e),
        }
    }
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
    /// Mutations the portal refused that nobody has resolved yet.
    #[ts(type = "number")]
    pub conflicts: u64,
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

/// What a person may do with an order in its current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Accept,
    Decline,
    RecordDelivery,
    RecordFitting,
    /// Take a refused item back (the order ends as returned).
    RecordReturn,
    /// Hand over another item in place of a refused one.
    RecordReplacement,
    /// Name who of the supplier's staff handles the order (any open order).
    Assign,
}

impl OrderAction {
    /// The actions an order in `status` allows, given whether one of its items needs fitting.
    pub fn allowed(status: OrderStatus, needs_fitting: bool) -> Vec<OrderAction> {
        match status {
            OrderStatus::Placed => vec![OrderAction::Accept, OrderAction::Decline],
            OrderStatus::Accepted | OrderStatus::InWork | OrderStatus::Fitting if needs_fitting => {
                vec![OrderAction::RecordFitting, OrderAction::RecordDelivery]
            }
            OrderStatus::Accepted | OrderStatus::InWork => vec![OrderAction::RecordDelivery],
            OrderStatus::RefusedAtReceipt => vec![OrderAction::RecordReturn, OrderAction::RecordReplacement],
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderLineView {
    pub classifier_code: String,
    pub name: LocalizedText,
    pub quantity: u32,
    pub unit: String,
    #[ts(type = "number")]
    pub unit_price_tiyn: i64,
    pub needs_fitting: bool,
}

/// One entry of an order's history as the desk recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineEntry {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `accept_order`, `record_delivery`, `mutation_rejected`, …
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderDetail {
    pub row: InboxRow,
    /// What the portal last said, which `row.status` differs from while a local move waits.
    pub portal_status: OrderStatus,
    pub participant_phone: String,
    pub participant_address: String,
    pub lines: Vec<OrderLineView>,
    pub timeline: Vec<TimelineEntry>,
    pub actions: Vec<OrderAction>,
    /// Local changes of this order that have not reached the portal yet.
    #[ts(type = "number")]
    pub pending_mutations: u64,
    /// The documents the facts on this desk allow (the label always; an act once its delivery
    /// or fitting is recorded).
    pub documents: Vec<DocumentKind>,
    /// Who of the supplier's staff handles the order, if anyone was named.
    pub assignee: Option<String>,
    /// Why the participant refused the item at receipt, when the portal says.
    pub refusal_reason: Option<String>,
    /// The photos (sha256) of the order's deliveries, oldest delivery first.
    pub delivery_photos: Vec<String>,
}

/// A delivery as the courier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeliveryInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date of the handover.
    pub delivered_on: String,
    pub place: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
    /// Photos as evidence: sha256 returned by `photo_add`.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// A refused item taken back, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date the item was taken back.
    pub returned_on: String,
    pub reason: String,
    pub notes: String,
}

/// Another item handed over in place of a refused one, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplacementInput {
    pub order_id: String,
    /// `YYYY-MM-DD`, the local date of the handover.
    pub replaced_on: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
}

/// Which offerings a bulk price change covers; an empty field does not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct OfferingFilter {
    pub category: Option<Category>,
    /// Part of the classifier code or of the item's name in any language, any case.
    pub search: String,
    pub published: Option<bool>,
}

/// How a bulk price change moves each price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PriceChangeInput {
    /// A percentage as typed (`-10`, `5,5`): each price moves by it, rounded to the tiyn.
    Percent(String),
    /// A price as typed (`12 500,00`): every covered offering gets it.
    Fixed(String),
}

/// An offering whose new price the change would put above its limit price (or at zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriceRefusal {
    pub offering_id: String,
    pub classifier_code: String,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub price_tiyn: i64,
    #[ts(type = "number")]
    pub new_price_tiyn: i64,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
}

/// What a bulk price change covers or did: with refusals nothing is (or was) applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkPriceOutcome {
    /// Offerings the filter covers.
    pub matched: u32,
    /// Of those, offerings whose price changes (the others already have the new price).
    pub changed: u32,
    pub refused: Vec<PriceRefusal>,
    /// Whether the change was applied (false for a preview, or when refused).
    pub applied: bool,
}

/// A mutation the portal refused, waiting for a person to retry or discard it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConflictRow {
    pub mutation_id: String,
    /// The mutation's kind: `accept_order`, `record_delivery`, `create_offering`, …
    pub kind: String,
    /// `order` or `offering`.
    pub entity: String,
    pub entity_id: String,
    /// The order's number, when the entity is an order the desk knows.
    pub order_number: Option<String>,
    /// The portal's machine-readable reason (`acceptance_window_closed`, `price_above_limit`, …).
    pub reason: String,
    /// The portal's words.
    pub message: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub rejected_at: DateTime<Utc>,
}

/// A period the portal could not be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutageRow {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    /// None while the outage goes on.
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub error_count: u64,
    pub last_error: String,
    /// Each distinct error seen, with how often.
    pub errors: Vec<OutageError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutageError {
    pub message: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// Sent to the page when the user closes the window with changes still queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuitRequest {
    #[ts(type = "number")]
    pub pending_mutations: u64,
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
            E::Sqlite(_) | E::Migration(_) | E::Json(_) | E::UnknownValue { .. } | E::Export(_) => "storage",
            E::File(_) | E::WrongKey => "storage",
        };
        AppError::new(code, e.to_string())
    }
}

impl From<crate::backup::BackupError> for AppError {
    fn from(e: crate::backup::BackupError) -> AppError {
        use crate::backup::BackupError as E;
        let at_password =
            |code: &str, e: &E| AppError { code: code.into(), message: e.to_string(), field: Some("password".into()) };
        match e {
            E::Forbidden(e) => e.into(),
            E::Store(e) => e.into(),
            E::WeakPassword => at_password("invalid_input", &e),
            E::WrongPassword => at_password("wrong_password", &e),
            E::PendingChanges(_) => AppError::new("pending_changes", e.to_string()),
            other => AppError::new("backup", other.to_string()),
        }
    }
}

impl From<crate::vault::VaultError> for AppError {
    fn from(e: crate::vault::VaultError) -> AppError {
        AppError::new("secrets", e.to_string())
    }
}

impl From<crate::ImportError> for AppError {
    fn from(e: crate::ImportError) -> AppError {
        match e {
            crate::ImportError::Store(e) => e.into(),
            crate::ImportError::Forbidden(e) => e.into(),
            other => AppError::new("csv", other.to_string()),
        }
    }
}

impl From<crate::actions::ActionError> for AppError {
    fn from(e: crate::actions::ActionError) -> AppError {
        match e {
            crate::actions::ActionError::Invalid { field, message } => {
                AppError { code: "invalid_input".into(), message, field: Some(field.into()) }
            }
            crate::actions::ActionError::Forbidden(e) => e.into(),
            crate::actions::ActionError::Store(e) => e.into(),
        }
    }
}

impl From<crate::access::AccessError> for AppError {
    fn from(e: crate::access::AccessError) -> AppError {
        AppError::new("forbidden", e.to_string())
    }
}

impl From<crate::session::SessionError> for AppError {
    fn from(e: crate::session::SessionError) -> AppError {
        use crate::session::SessionError as E;
        match e {
            E::SignedOut => AppError::new("signed_out", e.to_string()),
            E::Locked(_) => AppError::new("locked", e.to_string()),
            E::Forbidden(e) => e.into(),
        }
    }
}

impl From<crate::staff::StaffError> for AppError {
    fn from(e: crate::staff::StaffError) -> AppError {
        use crate::staff::StaffError as E;
        match e {
            E::Invalid { field, message } => {
                AppError { code: "invalid_input".into(), message, field: Some(field.into()) }
            }
            E::Forbidden(e) => e.into(),
            E::AlreadySetUp => AppError::new("already_set_up", e.to_string()),
            E::Password(e) => AppError::new("storage", e.to_string()),
            E::Store(e) => e.into(),
        }
    }
}

impl From<crate::audit::AuditError> for AppError {
    fn from(e: crate::audit::AuditError) -> AppError {
        match e {
            crate::audit::AuditError::Forbidden(e) => e.into(),
            crate::audit::AuditError::Store(e) => e.into(),
        }
    }
}

/// A printable document of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    DeliveryAct,
    FittingAct,
    OrderLabel,
}

impl From<crate::documents::DocumentError> for AppError {
    fn from(e: crate::documents::DocumentError) -> AppError {
        use crate::documents::DocumentError as E;
        match e {
            E::Invalid { field, message } => {
                AppError { code: "invalid_input".into(), message, field: Some(field.into()) }
            }
            E::Store(e) => e.into(),
            E::Forbidden(e) => e.into(),
            E::Font(e) => AppError::new("no_font", e.to_string()),
            other @ (E::Layout(_) | E::Write { .. }) => AppError::new("document", other.to_string()),
        }
    }
}

/// Every type the UI imports, with the file it is generated into.
pub fn bindings() -> Vec<(&'static str, String)> {
    let cfg = ts_rs::Config::default();
    let decls = [
        LocalizedText::decl(&cfg),
        RegionStock::decl(&cfg),
        Category::decl(&cfg),
        OrderStatus::decl(&cfg),
        InboxQuery::decl(&cfg),
        DeadlineFilter::decl(&cfg),
        InboxSort::decl(&cfg),
        InboxItem::decl(&cfg),
        InboxRow::decl(&cfg),
        InboxPage::decl(&cfg),
        OfferingRow::decl(&cfg),
        ClassifierOption::decl(&cfg),
        OfferingInput::decl(&cfg),
        CsvImportOutcome::decl(&cfg),
        CsvProblem::decl(&cfg),
        StoreSummary::decl(&cfg),
        Connectivity::decl(&cfg),
        SyncProgress::decl(&cfg),
        SyncStatus::decl(&cfg),
        OrderAction::decl(&cfg),
        OrderLineView::decl(&cfg),
        TimelineEntry::decl(&cfg),
        OrderDetail::decl(&cfg),
        DeliveryInput::decl(&cfg),
        ConflictRow::decl(&cfg),
        OutageRow::decl(&cfg),
        OutageError::decl(&cfg),
        QuitRequest::decl(&cfg),
        AppError::decl(&cfg),
        crate::notices::NoticeOrder::decl(&cfg),
        crate::notices::Notices::decl(&cfg),
        crate::workshop::views::WorkshopRow::decl(&cfg),
        crate::workshop::views::WorkshopQueue::decl(&cfg),
        crate::workshop::views::SyncState::decl(&cfg),
        crate::workshop::views::MeasurementInput::decl(&cfg),
        crate::workshop::views::FittingSessionView::decl(&cfg),
        crate::workshop::views::FittedView::decl(&cfg),
        crate::workshop::views::FittingCard::decl(&cfg),
        crate::workshop::views::FittingSessionInput::decl(&cfg),
        crate::workshop::views::FittedInput::decl(&cfg),
        DocumentKind::decl(&cfg),
        ReturnInput::decl(&cfg),
        ReplacementInput::decl(&cfg),
        OfferingFilter::decl(&cfg),
        PriceChangeInput::decl(&cfg),
        PriceRefusal::decl(&cfg),
        BulkPriceOutcome::decl(&cfg),
        crate::access::Role::decl(&cfg),
        crate::access::Command::decl(&cfg),
        crate::staff::views::NewStaffInput::decl(&cfg),
        crate::staff::views::StaffRow::decl(&cfg),
        crate::staff::views::SessionView::decl(&cfg),
        crate::staff::views::SignInAnswer::decl(&cfg),
        crate::staff::views::SessionState::decl(&cfg),
        crate::audit::AuditQuery::decl(&cfg),
        crate::audit::AuditRow::decl(&cfg),
        crate::audit::AuditPage::decl(&cfg),
        crate::vault::VaultKind::decl(&cfg),
        crate::backup::BackupStage::decl(&cfg),
        crate::backup::BackupProgress::decl(&cfg),
        crate::backup::BackupSummary::decl(&cfg),
        crate::backup::BackupFile::decl(&cfg),
        crate::backup::BackupFolder::decl(&cfg),
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
            let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e} (run UPDATE_BINDINGS=1 cargo test -p desk-core bindings)", path.display())
            });
            assert_eq!(
                committed, generated,
                "ui/src/bindings/{file} is stale: run UPDATE_BINDINGS=1 cargo test -p desk-core bindings"
            );
        }
    }
}

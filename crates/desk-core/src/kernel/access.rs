//! Who may do what at the workstation. Several staff share one desk; each signs in with their own
//! account, whose role decides which commands they may run. The rule lives here, not in the UI:
//! the shell asks [`Actor::require`] before every command, and every user action checks its
//! mutation's command again inside its transaction (see `replica::act_in`), so a command the
//! UI merely hides is still refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A staff member's role at the supplier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, including staff accounts, the audit trail and the portal's credentials.
    Manager,
    /// Offerings and orders.
    Office,
    /// The fitting queue and marking items fitted.
    Workshop,
    /// Deliveries, and what follows a refusal at the door.
    Courier,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Manager, Role::Office, Role::Workshop, Role::Courier];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Office => "office",
            Role::Workshop => "workshop",
            Role::Courier => "courier",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether this role may run `command`.
    pub fn allows(self, command: Command) -> bool {
        use Command as C;
        match self {
            Role::Manager => true,
            Role::Office => matches!(
                command,
                C::SyncStatus
                    | C::MyWork
                    | C::Today
                    | C::OwnSettings
                    | C::InboxPage
                    | C::OrderDetail
                    | C::OrderAccept
                    | C::OrderDecline
                    | C::OrderAssign
                    | C::Notices
                    | C::OfferingsList
                    | C::OfferingSave
                    | C::OfferingPublish
                    | C::OfferingsPriceChange
                    | C::OfferingsImport
                    | C::OfferingsExport
                    | C::OrdersExport
                    | C::Money
                    | C::Reports
                    | C::PhotoAdd
                    | C::PhotoView
                    | C::ConflictsList
                    | C::ConflictResolve
                    | C::OutagesList
                    | C::DocumentOrderLabel
                    | C::DocumentDeliveryAct
                    | C::DocumentFittingAct
                    | C::WarrantyRegister
                    | C::WarrantyServiceRecord
            ),
            Role::Workshop => matches!(
                command,
                C::SyncStatus
                    | C::MyWork
                    | C::Today
                    | C::OwnSettings
                    | C::WorkshopQueue
                    | C::FittingSessionRecord
                    | C::FittingMarkFitted
                    | C::DocumentOrderLabel
                    | C::DocumentFittingAct
                    | C::WarrantyRegister
                    | C::WarrantyServiceRecord
            ),
            Role::Courier => matches!(
                command,
                C::SyncStatus
                    | C::MyWork
                    | C::Today
                    | C::OwnSettings
                    | C::InboxPage
                    | C::OrderDetail
                    | C::DeliveryRecord
                    | C::ReturnRecord
                    | C::ReplacementRecord
                    | C::PhotoAdd
                    | C::PhotoView
                    | C::DocumentDeliveryAct
            ),
        }
    }
}

impl rusqlite::types::FromSql for Role {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Role> {
        let text = value.as_str()?;
        Role::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("unknown role '{text}'").into()))
    }
}

/// Everything a signed-in person can ask the desk to do, from the window or the command line.
/// Signing in, locking and quitting are not here: they need no role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// The sync state in the status bar, and asking for a sync now.
    SyncStatus,
    /// Signing in to the portal again with the supplier's credentials.
    PortalSignIn,
    InboxPage,
    OrderDetail,
    OrderAccept,
    OrderDecline,
    OrderAssign,
    /// The desktop notices of new orders and near deadlines.
    Notices,
    DeliveryRecord,
    ReturnRecord,
    ReplacementRecord,
    OfferingsList,
    OfferingSave,
    OfferingPublish,
    OfferingsPriceChange,
    OfferingsImport,
    OfferingsExport,
    /// The inbox's orders as a spreadsheet.
    OrdersExport,
    PhotoAdd,
    PhotoView,
    ConflictsList,
    /// Retrying or discarding a refused change.
    ConflictResolve,
    OutagesList,
    WorkshopQueue,
    FittingSessionRecord,
    FittingMarkFitted,
    DocumentOrderLabel,
    DocumentDeliveryAct,
    DocumentFittingAct,
    StaffList,
    StaffManage,
    AuditView,
    BackupCreate,
    BackupRestore,
    /// The open orders assigned to the signed-in person.
    MyWork,
    /// The signed-in person's own settings (their language).
    OwnSettings,
    /// What is owed and paid: receivables, payments, reconciliation, the claim letter.
    Money,
    /// The signed-in person's day: the first screen of everyone.
    Today,
    /// The warranty register: a serial's warranty, and the warranties ending soon.
    WarrantyRegister,
    /// A repair or a replacement under warranty.
    WarrantyServiceRecord,
    /// Reports over a span of days: orders, revenue, shares in time, decline reasons.
    Reports,
}

impl Command {
    pub const ALL: [Command; 41] = [
        Command::SyncStatus,
        Command::PortalSignIn,
        Command::InboxPage,
        Command::OrderDetail,
        Command::OrderAccept,
        Command::OrderDecline,
        Command::OrderAssign,
        Command::Notices,
        Command::DeliveryRecord,
        Command::ReturnRecord,
        Command::ReplacementRecord,
        Command::OfferingsList,
        Command::OfferingSave,
        Command::OfferingPublish,
        Command::OfferingsPriceChange,
        Command::OfferingsImport,
        Command::OfferingsExport,
        Command::OrdersExport,
        Command::PhotoAdd,
        Command::PhotoView,
        Command::ConflictsList,
        Command::ConflictResolve,
        Command::OutagesList,
        Command::WorkshopQueue,
        Command::FittingSessionRecord,
        Command::FittingMarkFitted,
        Command::DocumentOrderLabel,
        Command::DocumentDeliveryAct,
        Command::DocumentFittingAct,
        Command::StaffList,
        Command::StaffManage,
        Command::AuditView,
        Command::BackupCreate,
        Command::BackupRestore,
        Command::MyWork,
        Command::OwnSettings,
        Command::Money,
        Command::Today,
        Command::WarrantyRegister,
        Command::WarrantyServiceRecord,
        Command::Reports,
    ];

    /// The command a portal mutation belongs to: what an actor must be allowed to queue it.
    pub(crate) fn of_mutation(body: &portal_api::MutationBody) -> Command {
        use portal_api::MutationBody as M;
        match body {
            M::AcceptOrder { .. } => Command::OrderAccept,
            M::DeclineOrder { .. } => Command::OrderDecline,
            M::AssignOrder { .. } => Command::OrderAssign,
            M::RecordDelivery { .. } => Command::DeliveryRecord,
            M::RecordReturn { .. } => Command::ReturnRecord,
            M::RecordReplacement { .. } => Command::ReplacementRecord,
            M::RecordFittingSession { .. } => Command::FittingSessionRecord,
            M::RecordFitting { .. } => Command::FittingMarkFitted,
            M::RecordWarrantyService { .. } => Command::WarrantyServiceRecord,
            M::CreateOffering { .. } | M::UpdateOffering { .. } | M::ChangeStock { .. } => Command::OfferingSave,
        }
    }
}

/// A refusal: the signed-in person's role does not cover the command.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {role} may not do this ({command:?})", role = role.as_str())]
pub struct AccessError {
    pub role: Role,
    pub command: Command,
}

/// A signed-in staff member: who the audit log names, and whose role decides what they may do.
/// Made only by signing in (or by creating the first account, which signs its maker in), so a
/// caller cannot claim a role it was not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    staff_id: i64,
    username: String,
    display_name: String,
    role: Role,
    /// The window's language this person chose (`kk`, `ru`, `en`), if they chose one.
    language: Option<String>,
}

impl Actor {
    pub(crate) fn new(staff_id: i64, username: String, display_name: String, role: Role) -> Actor {
        Actor { staff_id, username, display_name, role, language: None }
    }

    pub(crate) fn with_language(mut self, language: Option<String>) -> Actor {
        self.language = language;
        self
    }

    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    pub fn staff_id(&self) -> i64 {
        self.staff_id
    }

    /// The account's sign-in name, which the audit log records.
    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Ok when this person's role covers `command`.
    pub fn require(&self, command: Command) -> Result<(), AccessError> {
        if self.role.allows(command) { Ok(()) } else { Err(AccessError { role: self.role, command }) }
    }
}

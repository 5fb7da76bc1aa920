//! What the portal keeps, over the sandbox's SQLite database: policy, classifier, supplier
//! accounts and tokens, participants, offerings, orders, payments, warranty services, and the change feed. Functions take a
//! `&Connection` (a `Transaction` derefs to one), so callers decide what one transaction holds.

pub(crate) mod accounts;
pub(crate) mod attachments;
pub(crate) mod catalog;
pub(crate) mod changes;
pub(crate) mod deliveries;
pub(crate) mod fitting_sessions;
pub(crate) mod fittings;
pub(crate) mod ledger;
pub(crate) mod orders;
pub(crate) mod participants;
pub(crate) mod payments;
pub(crate) mod policy;
pub(crate) mod records;
pub(crate) mod refusals;
pub(crate) mod warranty;

use portal_rules::TransitionError;

/// Why a database operation of the sandbox failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored JSON value could not be read or written: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error("the database schema is version {found}, newer than this sandbox supports ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{kind} {id} does not exist")]
    NotFound { kind: &'static str, id: String },
    #[error("password hashing failed: {0}")]
    PasswordHash(String),
    #[error("a database task failed: {0}")]
    Task(String),
}

impl StoreError {
    /// Whether trying again later may succeed: the database was busy or locked by another
    /// connection. Everything else is a bug or a broken database.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            }
            _ => false,
        }
    }
}

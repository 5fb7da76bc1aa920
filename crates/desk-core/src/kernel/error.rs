//! The error of a user action: a field's value refused, a role without the right, or the store.

use crate::kernel::access::AccessError;
use crate::kernel::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error(transparent)]
    Forbidden(#[from] AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ActionError {
    fn from(e: rusqlite::Error) -> Self {
        ActionError::Store(StoreError::Sqlite(e))
    }
}

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> ActionError {
    ActionError::Invalid { field, message: message.into() }
}

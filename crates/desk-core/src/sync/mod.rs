//! Sync with the portal: push the outbox, pull the change feed, and the engine that runs both
//! in the background.
//!
//! Pull: each page is applied in one transaction together with the new cursor, so a crash
//! replays at most one page, and replaying a page changes nothing (every entity is an upsert of
//! the portal's snapshot). Push: queued mutations go in batches; the portal answers each one
//! applied, rejected (a conflict for the user) or retryable, and replays are answered with the
//! original result.

mod backoff;
mod downloads;
mod engine;
pub mod log_safe;
mod pull;
mod push;
pub mod status;
mod uploads;

pub use backoff::Backoff;
pub use downloads::fetch_photos;
pub use engine::{Credentials, SyncEngine};
pub use pull::{PAGE_SIZE, pull};
pub use push::{PushReport, push};
pub use uploads::upload_photos;

use portal_api::ClientError;

use crate::kernel::store::{Store, StoreError};

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Store(StoreError::Sqlite(e))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Portal(#[from] ClientError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the portal sent a page that goes backwards (cursor {cursor}, page ends at {next})")]
    CursorWentBack { cursor: u64, next: u64 },
    #[error("the portal's answer to a batch did not match it: {0}")]
    BadPushAnswer(String),
    #[error("fetching a page of changes stopped: {0}")]
    Task(String),
}

/// Where the sync engine keeps the store: anything that lends it for the length of one page.
/// The app shares one store between the UI and the sync loop behind a mutex; tests own it.
pub trait StoreAccess {
    fn with_store<T, E>(&self, f: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, E>;
}

impl StoreAccess for std::sync::Mutex<Store> {
    fn with_store<T, E>(&self, f: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, E> {
        // A panic while holding the lock cannot leave a half-applied page (each page is a
        // transaction), so the store behind a poisoned lock is still sound.
        let mut guard = self.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }
}

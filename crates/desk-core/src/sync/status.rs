//! What the status bar shows of sync (generated into the UI's bindings).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kernel::store::StoreSummary;

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

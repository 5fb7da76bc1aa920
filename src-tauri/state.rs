//! What the shell keeps between commands: the sync engine (which owns the store) and the bundled
//! sandbox, if any.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, MutexGuard};

use desk_core::Store;
use desk_core::sync::SyncEngine;

pub struct DeskState {
    pub engine: Arc<SyncEngine>,
    /// Held so the bundled sandbox lives as long as the app.
    pub _sandbox: Option<portal_sandbox::RunningSandbox>,
    inbox_rendered: AtomicU32,
}

impl DeskState {
    pub fn new(engine: Arc<SyncEngine>, sandbox: Option<portal_sandbox::RunningSandbox>) -> DeskState {
        DeskState { engine, _sandbox: sandbox, inbox_rendered: AtomicU32::new(0) }
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        // Every write is a transaction, so a poisoned lock still guards a consistent database.
        self.engine.store().lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records the row count the UI rendered; true when it changed.
    pub fn note_inbox_rendered(&self, count: u32) -> bool {
        self.inbox_rendered.swap(count, Ordering::Relaxed) != count
    }
}

//! What the shell keeps between commands: the sync engine (which owns the store) and the bundled
//! sandbox, if any.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{AppError, QuitRequest};
use desk_core::Store;
use desk_core::access::{Actor, Command};
use desk_core::kernel::session::{Session, SessionError};
use desk_core::sync::SyncEngine;
use desk_core::sync::log_safe::LogSafe;
use desk_core::sync::status::SyncStatus;
use desk_core::vault::{PortalCredentials, Vault};
use tauri::ipc::Channel;
use tokio::sync::Notify;

/// The pages that asked for sync status updates. A channel is tied to the page that opened it,
/// unlike a global event, so an update cannot be lost to a listener registered too late.
#[derive(Default)]
pub struct StatusSubscribers(Mutex<Vec<Channel<SyncStatus>>>);

impl StatusSubscribers {
    pub fn add(&self, channel: Channel<SyncStatus>) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(channel);
    }

    /// Sends `status` to every subscriber, forgetting those whose page is gone.
    pub fn broadcast(&self, status: &SyncStatus) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).retain(|channel| channel.send(status.clone()).is_ok());
    }
}

pub struct DeskState {
    pub engine: Arc<SyncEngine>,
    pub subscribers: Arc<StatusSubscribers>,
    /// Who is signed in at this workstation, and the screen lock after idle time.
    session: Mutex<Session>,
    pub data_dir: PathBuf,
    /// The desk's secrets: the portal credentials typed in the window are kept here.
    vault: Mutex<Vault>,
    quit_guard: Mutex<Option<Channel<QuitRequest>>>,
    /// Held so the bundled sandbox lives as long as the app.
    pub _sandbox: Option<portal_sandbox::RunningSandbox>,
    inbox_rendered: AtomicU32,
    gate_shown: std::sync::atomic::AtomicBool,
    /// Notified once the window has shown its first screen (see `lib::start`).
    pub first_screen: Arc<Notify>,
}

impl DeskState {
    pub fn new(
        engine: Arc<SyncEngine>,
        subscribers: Arc<StatusSubscribers>,
        data_dir: PathBuf,
        vault: Vault,
        sandbox: Option<portal_sandbox::RunningSandbox>,
        lock_after: Duration,
    ) -> DeskState {
        DeskState {
            engine,
            subscribers,
            session: Mutex::new(Session::new(lock_after)),
            data_dir,
            vault: Mutex::new(vault),
            quit_guard: Mutex::new(None),
            _sandbox: sandbox,
            inbox_rendered: AtomicU32::new(0),
            gate_shown: std::sync::atomic::AtomicBool::new(false),
            first_screen: Arc::new(Notify::new()),
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The signed-in person, if their role allows `command` and the screen has not locked;
    /// every command asks this first. A lock found here is audited.
    pub fn actor_for(&self, command: Command) -> Result<Actor, AppError> {
        let result = self.session().actor_for(command, Instant::now());
        self.audit_lock(result)
    }

    /// Marks the desk as used (the window reports typing and clicks); who is signed in.
    pub fn touch(&self) -> Result<Actor, AppError> {
        let result = self.session().touch(Instant::now());
        self.audit_lock(result)
    }

    fn audit_lock(&self, result: Result<Actor, SessionError>) -> Result<Actor, AppError> {
        if let Err(SessionError::Locked(Some(actor))) = &result {
            tracing::info!("the screen locked after idle time");
            if let Err(e) = self.store().end_session(actor, "session_locked") {
                tracing::warn!(error = %e.log_safe(), "could not audit the screen lock");
            }
        }
        Ok(result?)
    }

    /// Starts the session of someone who just signed in, replacing whoever was signed in.
    pub fn begin_session(&self, actor: Actor) {
        self.session().begin(actor, Instant::now());
    }

    /// Ends the session (sign-out, lock, switching user); returns who was signed in.
    pub fn end_session(&self) -> Option<Actor> {
        self.session().end()
    }

    /// Seconds of idle time before the screen locks.
    pub fn lock_after_secs(&self) -> u32 {
        u32::try_from(self.session().lock_after().as_secs()).unwrap_or(u32::MAX)
    }

    pub fn set_quit_guard(&self, channel: Channel<QuitRequest>) {
        *self.quit_guard.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    /// When changes are still queued, asks the page to confirm quitting; true if it was asked
    /// (and the window must stay open until it answers).
    pub fn ask_before_quit(&self) -> bool {
        let pending = match self.store().summary() {
            Ok(s) => s.pending_mutations,
            Err(e) => {
                tracing::warn!(error = %e.log_safe(), "could not count queued changes before quitting");
                return false;
            }
        };
        if pending == 0 {
            return false;
        }
        let guard = self.quit_guard.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().is_some_and(|c| c.send(QuitRequest { pending_mutations: pending }).is_ok())
    }

    pub fn vault_kind(&self) -> desk_core::vault::VaultKind {
        self.vault.lock().unwrap_or_else(|p| p.into_inner()).kind()
    }

    /// Keeps the portal credentials a person typed in the vault, for the next start.
    pub fn keep_portal_credentials(&self, credentials: &PortalCredentials) -> Result<(), AppError> {
        let mut vault = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        Ok(vault.set_portal_credentials(credentials)?)
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        // Every write is a transaction, so a poisoned lock still guards a consistent database.
        self.engine.store().lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records that the sign-in screen is drawn (the window's first screen); true the first time.
    pub fn note_gate_shown(&self) -> bool {
        self.first_screen.notify_one();
        !self.gate_shown.swap(true, Ordering::Relaxed)
    }

    pub fn note_inbox_rendered(&self, count: u32) -> bool {
        // A stored permit: the waiter may start waiting after this.
        self.first_screen.notify_one();
        self.inbox_rendered.swap(count, Ordering::Relaxed) != count
    }
}

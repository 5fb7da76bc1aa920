//! The sync engine: signs in, pulls the change feed, and keeps the connection state the status
//! bar shows. The app runs [`SyncEngine::run`] in the background; `request_sync` wakes it early
//! (the "Sync now" button, a reconnect).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use portal_api::{ClientError, PortalClient};
use tokio::sync::Notify;

use super::status::{Connectivity, SyncProgress, SyncStatus};
use super::{Backoff, PushReport, SyncError, fetch_photos, pull, push};
use crate::kernel::store::{Store, StoreError};
use crate::sync::log_safe::LogSafe;

/// The supplier's credentials for the portal.
#[derive(Clone)]
pub struct Credentials {
    pub bin: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    // Never print the password, even in debug logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("bin", &self.bin).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
struct Runtime {
    connectivity: Connectivity,
    syncing: bool,
    progress: Option<SyncProgress>,
    last_error: Option<String>,
}

pub struct SyncEngine {
    store: Arc<Mutex<Store>>,
    client: tokio::sync::Mutex<PortalClient>,
    credentials: Mutex<Credentials>,
    signed_in: Mutex<bool>,
    runtime: Mutex<Runtime>,
    wake: Notify,
    page_size: u32,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Runtime flags stay meaningful after a panic elsewhere; recover the guard.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl SyncEngine {
    pub fn new(store: Arc<Mutex<Store>>, client: PortalClient, credentials: Credentials) -> SyncEngine {
        SyncEngine {
            store,
            client: tokio::sync::Mutex::new(client),
            credentials: Mutex::new(credentials),
            signed_in: Mutex::new(false),
            runtime: Mutex::new(Runtime {
                connectivity: Connectivity::Unknown,
                syncing: false,
                progress: None,
                last_error: None,
            }),
            wake: Notify::new(),
            page_size: super::PAGE_SIZE,
        }
    }

    /// Asks for `page_size` changes per page of the feed (clamped to what the portal serves):
    /// smaller pages for a slow link, or for tests that need a pull to span several pages.
    pub fn with_page_size(mut self, page_size: u32) -> SyncEngine {
        self.page_size = page_size.clamp(1, portal_api::MAX_PAGE_SIZE);
        self
    }

    pub fn store(&self) -> &Arc<Mutex<Store>> {
        &self.store
    }

    /// The state the status bar shows, read fresh from the store.
    pub fn status(&self) -> Result<SyncStatus, StoreError> {
        let summary = lock(&self.store).summary()?;
        let rt = lock(&self.runtime).clone();
        Ok(SyncStatus {
            connectivity: rt.connectivity,
            syncing: rt.syncing,
            progress: rt.progress,
            last_error: rt.last_error,
            summary,
        })
    }

    /// Signs in again with new credentials after the portal refused the old ones: the next
    /// round signs in with them (now, if the loop is woken) and the queue goes out as it was.
    pub fn sign_in_again(&self, credentials: Credentials) -> Result<(), crate::kernel::error::ActionError> {
        use crate::kernel::error::ActionError::Invalid;
        let bin = crate::ident::Bin::parse(&credentials.bin).map_err(|e| Invalid {
            field: "bin",
            message: crate::kernel::Problem::new("bin_invalid", format!("the BIN {e}")),
        })?;
        if credentials.password.is_empty() {
            return Err(Invalid {
                field: "password",
                message: crate::kernel::Problem::new("password_required", "the password is required"),
            });
        }
        *lock(&self.credentials) = Credentials { bin: bin.to_string(), password: credentials.password };
        *lock(&self.signed_in) = false;
        self.request_sync();
        Ok(())
    }

    /// Asks the background loop to sync now rather than at its next interval.
    pub fn request_sync(&self) {
        self.wake.notify_one();
    }

    /// Signs in if needed and pulls everything new. Progress and outcome are reported through
    /// `on_status` as they happen.
    pub async fn sync_once(&self, on_status: &(impl Fn(SyncStatus) + Sync)) -> Result<u64, SyncError> {
        let report = || {
            if let Ok(s) = self.status() {
                on_status(s);
            }
        };
        {
            let mut rt = lock(&self.runtime);
            rt.syncing = true;
            rt.progress = None;
        }
        report();
        let round = self
            .sync_inner(&|p| {
                lock(&self.runtime).progress = Some(p);
                report();
            })
            .await;
        // The log records counts and the kind of failure: the error's own message may quote the
        // portal or a value of an order (see log_safe).
        match &round {
            Ok((pushed, applied)) if pushed.applied + pushed.rejected + pushed.retryable + applied > 0 => {
                tracing::info!(
                    pushed = pushed.applied,
                    refused = pushed.rejected,
                    retry_later = pushed.retryable,
                    applied,
                    "sync round done"
                )
            }
            Ok(_) => tracing::debug!("sync round done: nothing to push or pull"),
            Err(e) => tracing::warn!(error = %e.log_safe(), "sync round failed"),
        }
        let result = round.map(|(_, applied)| applied);
        {
            let mut rt = lock(&self.runtime);
            rt.syncing = false;
            rt.progress = None;
            match &result {
                Ok(_) => {
                    rt.connectivity = Connectivity::Online;
                    rt.last_error = None;
                }
                Err(SyncError::Portal(e)) if e.is_retryable() => {
                    rt.connectivity = Connectivity::Offline;
                    rt.last_error = Some(e.to_string());
                }
                Err(e) => {
                    rt.connectivity = match e {
                        SyncError::Portal(ClientError::Unauthorized) => Connectivity::SignedOut,
                        SyncError::Portal(ClientError::Status { .. }) => Connectivity::Online,
                        _ => rt.connectivity,
                    };
                    rt.last_error = Some(e.to_string());
                }
            }
        }
        // The outage journal: a portal that cannot be reached (or answers 5xx) opens or extends an
        // outage; any answer closes it.
        let journal = match &result {
            Err(SyncError::Portal(e)) if e.is_retryable() => lock(&self.store).note_outage(&e.to_string(), Utc::now()),
            Ok(_) | Err(SyncError::Portal(_)) => lock(&self.store).end_outage(Utc::now()),
            Err(_) => Ok(()),
        };
        if let Err(e) = journal {
            tracing::warn!(error = %e.log_safe(), "could not write the outage journal");
        }
        report();
        result
    }

    /// Push first, so the portal decides on what the user did before the feed is read; then pull.
    async fn sync_inner(&self, progress: &(impl Fn(SyncProgress) + Sync)) -> Result<(PushReport, u64), SyncError> {
        let mut client = self.client.lock().await;
        if !*lock(&self.signed_in) {
            let credentials = lock(&self.credentials).clone();
            let answer = client.sign_in(&credentials.bin, &credentials.password).await?;
            *lock(&self.signed_in) = true;
            tracing::info!("signed in to the portal");
            let profile = crate::SupplierProfile { bin: credentials.bin.clone(), name: answer.supplier_name };
            if let Err(e) = lock(&self.store).set_supplier_profile(&profile) {
                // Only the documents read it; a sync must not fail for it.
                tracing::warn!(error = %e.log_safe(), "could not keep the supplier's profile");
            }
        }
        let result = async {
            let pushed = push(self.store.as_ref(), &client).await?;
            let applied = pull(self.store.as_ref(), &client, self.page_size, progress).await?;
            fetch_photos(self.store.as_ref(), &client).await?;
            Ok((pushed, applied))
        }
        .await;
        if let Err(SyncError::Portal(ClientError::Unauthorized)) = &result {
            // The token expired or was revoked: sign in again on the next round. The queue stays.
            *lock(&self.signed_in) = false;
        }
        result
    }

    /// Syncs now and then every `interval`, or sooner when woken ("Sync now", a reconnect).
    /// After a failure it waits with exponential backoff and jitter instead, honouring the
    /// portal's `Retry-After`. Never returns.
    pub async fn run(&self, interval: Duration, on_status: impl Fn(SyncStatus) + Sync) {
        let mut backoff = Backoff::new(Duration::from_secs(1), interval.max(Duration::from_secs(60)));
        loop {
            let wait = match self.sync_once(&on_status).await {
                Ok(_) => {
                    backoff.reset();
                    interval
                }
                Err(e) => {
                    // sync_once has logged the failure.
                    let retry_after = match &e {
                        SyncError::Portal(pe) => pe.retry_after(),
                        _ => None,
                    };
                    backoff.next_delay(retry_after)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
            }
        }
    }
}

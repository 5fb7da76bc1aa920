use chrono::Utc;
use futures_util::FutureExt;
use portal_api::{ChangePage, ClientError, Entity, PortalClient};
use rusqlite::Transaction;

use super::status::SyncProgress;
use super::{StoreAccess, SyncError};
use crate::kernel::model::{ClassifierItem, Offering, Order};
use crate::kernel::store::{self, Store, StoreError};

/// How many changes to ask for per page: large enough to amortise a round trip and a commit
/// (each page is one durable transaction), small enough to keep memory flat (two pages of
/// orders are a few MB) and progress visible.
pub const PAGE_SIZE: u32 = 2000;

impl Store {
    /// Applies one page of the change feed and stores the new cursor, atomically.
    pub fn apply_page(&mut self, page: ChangePage) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        apply_in(&tx, page)?;
        tx.commit()?;
        Ok(())
    }

    /// This desk's device id, as its mutations carry it.
    pub fn device_id(&self) -> Result<String, StoreError> {
        Ok(self.connection().query_row("SELECT device_id FROM sync_state WHERE id = 1", [], |r| r.get(0))?)
    }

    pub fn cursor(&self) -> Result<u64, StoreError> {
        Ok(self.summary()?.cursor)
    }

    pub fn mark_synced(&mut self) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        tx.execute("UPDATE sync_state SET last_sync_at = ?1 WHERE id = 1", [Utc::now()])?;
        tx.commit()?;
        Ok(())
    }
}

/// Applies one page of the change feed and moves the cursor past it, inside `tx`.
fn apply_in(tx: &Transaction<'_>, page: ChangePage) -> Result<(), StoreError> {
    let pending = crate::replica::overlay::PendingEntities::read(tx)?;
    let mut search = crate::replica::orders::SearchRows::default();
    for change in page.changes {
        // Before the entity is written, so that what is laid over its snapshot is what this
        // snapshot does not include yet.
        let entity_id = match &change.entity {
            Entity::Offering(o) => Some(&o.id),
            Entity::Order(o) => Some(&o.id),
            Entity::Policy(_) | Entity::Classifier(_) | Entity::Payment(_) => None,
        };
        if let (Some(id), Some(included)) = (entity_id, change.includes_device_seq) {
            crate::replica::overlay::mark_in_snapshot(tx, id, included)?;
        }
        match change.entity {
            Entity::Policy(terms) => store::set_policy(tx, &terms)?,
            Entity::Classifier(c) => {
                search.forget(&c.code);
                crate::replica::offerings::upsert_classifier(tx, &ClassifierItem::try_from(c)?)?;
            }
            Entity::Offering(o) => crate::replica::offerings::upsert_offering(tx, &Offering::try_from(o)?, &pending)?,
            Entity::Order(mut o) => {
                let workshop = crate::replica::workshop::PortalRecords::take(&mut o);
                let order = Order::try_from(o)?;
                crate::replica::orders::upsert_order(tx, &order, &pending, &mut search)?;
                workshop.write(tx, &order.id)?;
            }
            Entity::Payment(p) => crate::replica::payments::upsert_payment(tx, &p)?,
        }
    }
    search.write(tx)?;
    tx.execute(
        "UPDATE sync_state SET cursor = ?1, head = max(?2, ?1) WHERE id = 1",
        rusqlite::params![page.next_after as i64, page.head as i64],
    )?;
    Ok(())
}

/// At most this many pages are committed together, and only when the next page has already
/// arrived: each commit rewrites the index pages the page touched (order ids are random), so
/// fewer commits write less, without holding more than two pages in memory. Three keep the
/// store busy for a few hundred milliseconds at most between user actions.
const PAGES_PER_COMMIT: usize = 3;
/// The same during a first sync's bulk load (`kernel::bulk_load`), where fewer, larger commits
/// took 100,000 orders from 10.2 to 9.1 s (docs/BENCHMARKS.md): a user action then waits up to
/// about a second, while the inbox is still filling.
const BULK_PAGES_PER_COMMIT: usize = 8;

/// Pulls every change after the stored cursor, `page_size` changes a page, reporting progress
/// after each commit. Only the latest snapshot of each entity is asked for: the store keeps
/// current state, so the history in between would be written and overwritten for nothing.
/// While one page is applied, the next is already on its way. Returns how many changes were
/// applied.
pub async fn pull(
    store: &impl StoreAccess,
    client: &PortalClient,
    page_size: u32,
    progress: &impl Fn(SyncProgress),
) -> Result<u64, SyncError> {
    let mut cursor = store.with_store(|s| s.cursor())?;
    let device_id = store.with_store(|s| s.device_id())?;
    // A first sync builds the screens' indexes once, after its last page (`kernel::bulk_load`).
    let bulk = store.with_store(|s| s.begin_bulk_load())?;
    let pages_per_commit = if bulk { BULK_PAGES_PER_COMMIT } else { PAGES_PER_COMMIT };
    let mut applied = 0u64;
    let mut head = cursor;
    let mut next = Prefetch::start(client, cursor, page_size, &device_id);
    loop {
        let mut page = next.page().await?;
        let done = store.with_store(|s| -> Result<bool, SyncError> {
            let tx = s.transaction()?;
            let mut pages = 0;
            loop {
                if page.next_after < cursor {
                    return Err(SyncError::CursorWentBack { cursor, next: page.next_after });
                }
                let has_more = page.has_more;
                if has_more {
                    next = Prefetch::start(client, page.next_after, page_size, &device_id);
                }
                applied += page.changes.len() as u64;
                (cursor, head) = (page.next_after, page.head);
                apply_in(&tx, page)?;
                pages += 1;
                if !has_more {
                    tx.commit()?;
                    return Ok(true);
                }
                if pages == pages_per_commit {
                    break;
                }
                match next.ready() {
                    Some(Ok(ready)) => page = ready,
                    // Keep what is applied; the failed page is asked for again next time.
                    Some(Err(e)) => {
                        tx.commit()?;
                        return Err(e);
                    }
                    None => break,
                }
            }
            tx.commit()?;
            Ok(false)
        })?;
        progress(SyncProgress { applied, cursor, head: head.max(cursor) });
        if done {
            break;
        }
    }
    store.with_store(|s| s.finish_bulk_load())?;
    store.with_store(|s| s.mark_synced())?;
    Ok(applied)
}

/// A page being fetched in the background; dropping it (an error while applying the previous
/// page) cancels the request.
struct Prefetch(tokio::task::JoinHandle<Result<ChangePage, ClientError>>);

impl Prefetch {
    fn start(client: &PortalClient, after: u64, page_size: u32, device_id: &str) -> Prefetch {
        let client = client.clone();
        let device_id = device_id.to_owned();
        Prefetch(tokio::spawn(async move { client.latest_changes_for(after, page_size, &device_id).await }))
    }

    async fn page(&mut self) -> Result<ChangePage, SyncError> {
        Self::outcome((&mut self.0).await)
    }

    /// The page, if it has already arrived.
    fn ready(&mut self) -> Option<Result<ChangePage, SyncError>> {
        if !self.0.is_finished() {
            return None;
        }
        (&mut self.0).now_or_never().map(Self::outcome)
    }

    fn outcome(
        joined: Result<Result<ChangePage, ClientError>, tokio::task::JoinError>,
    ) -> Result<ChangePage, SyncError> {
        match joined {
            Ok(page) => Ok(page?),
            Err(e) => Err(SyncError::Task(e.to_string())),
        }
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.0.abort();
    }
}

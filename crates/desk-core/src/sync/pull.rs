use chrono::Utc;
use portal_api::{ChangePage, Entity, PortalClient};

use super::{StoreAccess, SyncError};
use crate::model::{ClassifierItem, Offering, Order};
use crate::store::{self, Store, StoreError};
use crate::views::SyncProgress;

/// How many changes to ask for per page: large enough to amortise a round trip, small enough
/// to keep memory flat and progress visible.
pub const PAGE_SIZE: u32 = 500;

impl Store {
    /// Applies one page of the change feed and stores the new cursor, atomically.
    pub fn apply_page(&mut self, page: &ChangePage) -> Result<(), StoreError> {
        let tx = self.transaction()?;
        for change in &page.changes {
            match &change.entity {
                Entity::Policy(terms) => store::set_policy(&tx, terms)?,
                Entity::Classifier(c) => store::upsert_classifier(&tx, &ClassifierItem::try_from(c.clone())?)?,
                Entity::Offering(o) => store::upsert_offering(&tx, &Offering::try_from(o.clone())?)?,
                Entity::Order(o) => store::upsert_order(&tx, &Order::try_from(o.clone())?)?,
            }
        }
        tx.execute(
            "UPDATE sync_state SET cursor = ?1, head = max(?2, ?1) WHERE id = 1",
            rusqlite::params![page.next_after as i64, page.head as i64],
        )?;
        tx.commit()?;
        Ok(())
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

/// Pulls every change after the stored cursor, page by page, reporting progress after each.
/// Returns how many changes were applied.
pub async fn pull(
    store: &impl StoreAccess,
    client: &PortalClient,
    progress: &impl Fn(SyncProgress),
) -> Result<u64, SyncError> {
    let mut cursor = store.with_store(|s| s.cursor())?;
    let mut applied = 0u64;
    loop {
        let page = client.changes(cursor, PAGE_SIZE).await?;
        if page.next_after < cursor {
            return Err(SyncError::CursorWentBack { cursor, next: page.next_after });
        }
        store.with_store(|s| s.apply_page(&page))?;
        applied += page.changes.len() as u64;
        cursor = page.next_after;
        progress(SyncProgress { applied, cursor, head: page.head.max(cursor) });
        if !page.has_more {
            break;
        }
    }
    store.with_store(|s| s.mark_synced())?;
    Ok(applied)
}

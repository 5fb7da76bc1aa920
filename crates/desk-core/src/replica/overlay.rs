//! The overlay: which of this desk's mutations are laid over the portal's snapshot.

use rusqlite::{Transaction, params};

use crate::kernel::store::StoreError;

/// The rule of what the desk shows: the portal's last snapshot of an entity with this desk's
/// mutations laid over it that the snapshot does not include yet — queued, in doubt (sent, no
/// answer) or applied by the portal after the snapshot was taken — and never a refused one. A
/// condition on `outbox` rows; `in_snapshot` is set when a pulled snapshot says it includes the
/// mutation (`portal_api::Change::includes_device_seq`).
pub(crate) const OVERLAID: &str = "state <> 'rejected' AND in_snapshot = 0";

/// Records that the portal's snapshot of `entity_id` just pulled includes this desk's mutations
/// of it up to `device_seq`: they are no longer laid over it.
pub(crate) fn mark_in_snapshot(tx: &Transaction<'_>, entity_id: &str, device_seq: u64) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE outbox SET in_snapshot = 1
         WHERE entity_id = ?1 AND device_seq <= ?2 AND in_snapshot = 0
           AND device_id = (SELECT device_id FROM sync_state WHERE id = 1)",
    )?
    .execute(params![entity_id, i64::try_from(device_seq).unwrap_or(i64::MAX)])?;
    Ok(())
}

/// The entities with a mutation laid over the portal's snapshot ([`OVERLAID`]), read once per
/// page of the feed rather than once per entity (the overlay is small; the page is not).
#[derive(Debug)]
pub(crate) struct PendingEntities(std::collections::HashSet<String>);

impl PendingEntities {
    pub(crate) fn read(tx: &Transaction<'_>) -> Result<PendingEntities, StoreError> {
        let ids = tx
            .prepare_cached(&format!("SELECT DISTINCT entity_id FROM outbox WHERE {OVERLAID}"))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(PendingEntities(ids))
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

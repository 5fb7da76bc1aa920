//! The change feed: an append-only table of entity snapshots with a monotonic sequence. Each
//! snapshot is marked superseded when a later one of the same entity is appended, so a client
//! that keeps only current state can read the latest snapshots alone.

use chrono::{DateTime, Utc};
use portal_api::Entity;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::value::RawValue;

use super::StoreError;

/// The kind and id under which an entity's changes are recorded.
fn key(entity: &Entity) -> (&'static str, &str) {
    match entity {
        Entity::Policy(_) => ("policy", "policy"),
        Entity::Classifier(c) => ("classifier", &c.code),
        Entity::Offering(o) => ("offering", &o.id),
        Entity::Order(o) => ("order", &o.id),
        Entity::Payment(p) => ("payment", &p.id),
    }
}

/// Appends a snapshot of `entity` to the feed and returns its sequence number. `supplier_id`
/// is the only supplier who sees it, or `None` for what every supplier sees.
pub(crate) fn append(
    conn: &Connection,
    supplier_id: Option<&str>,
    entity: &Entity,
    at: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let (kind, id) = key(entity);
    let snapshot = serde_json::to_string(entity)?;
    conn.prepare_cached(
        "INSERT INTO changes (supplier_id, entity_kind, entity_id, snapshot, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![supplier_id, kind, id, snapshot, at])?;
    let seq = conn.last_insert_rowid();
    conn.prepare_cached(
        "UPDATE changes SET superseded = 1
         WHERE entity_kind = ?1 AND entity_id = ?2 AND seq < ?3 AND superseded = 0 AND supplier_id IS ?4",
    )?
    // Only a change seen by the same readers supersedes: one a supplier cannot see must not hide
    // one it can.
    .execute(params![kind, id, seq, supplier_id])?;
    seq_from_row(seq)
}

fn seq_from_row(seq: i64) -> Result<u64, StoreError> {
    u64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("negative change sequence {seq}")))
}

/// The highest sequence number `supplier_id` can see (0 for an empty feed).
pub(crate) fn head(conn: &Connection, supplier_id: &str) -> Result<u64, StoreError> {
    let head: Option<i64> = conn
        .prepare_cached("SELECT MAX(seq) FROM changes WHERE supplier_id IS NULL OR supplier_id = ?1")?
        .query_row([supplier_id], |r| r.get(0))
        .optional()?
        .flatten();
    seq_from_row(head.unwrap_or(0))
}

/// A page of the feed as served: the stored snapshots go out as they were written, without
/// being parsed and serialised again (the same JSON as [`portal_api::ChangePage`]).
#[derive(Debug, Serialize)]
pub(crate) struct RawPage {
    changes: Vec<RawChange>,
    next_after: u64,
    has_more: bool,
    head: u64,
}

#[derive(Debug, Serialize)]
struct RawChange {
    seq: u64,
    entity: Box<RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    includes_device_seq: Option<u64>,
}

/// One page of the feed as `supplier_id` sees it: at most `limit` changes after `after`; with
/// `latest_only`, only the changes no later change of the same entity superseded. With
/// `device`, each change says the highest `device_seq` of that device's mutations of the same
/// entity processed before it: what its snapshot includes.
pub(crate) fn page(
    conn: &Connection,
    supplier_id: &str,
    after: u64,
    limit: u32,
    latest_only: bool,
    device: Option<&str>,
) -> Result<RawPage, StoreError> {
    // A cursor beyond what SQLite's integers hold is past every change.
    let after_i64 = i64::try_from(after).unwrap_or(i64::MAX);
    // A device that never pushed (a desk's first sync) has nothing to look up per change.
    let device = match device {
        Some(device) => conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM applied_mutation WHERE device_id = ?1 AND supplier_id = ?2)")?
            .query_row(params![device, supplier_id], |r| r.get::<_, bool>(0))?
            .then_some(device),
        None => None,
    };
    let included = if device.is_some() {
        "(SELECT MAX(m.device_seq) FROM applied_mutation m
          WHERE m.device_id = ?4 AND m.entity_id = c.entity_id AND m.feed_after < c.seq
            AND m.supplier_id = ?2)"
    } else {
        "?4"
    };
    let sql = if latest_only {
        format!(
            "SELECT c.seq, c.snapshot, {included} FROM changes c INDEXED BY changes_live
             WHERE c.superseded = 0 AND c.seq > ?1 AND (c.supplier_id IS NULL OR c.supplier_id = ?2)
             ORDER BY c.seq LIMIT ?3"
        )
    } else {
        format!(
            "SELECT c.seq, c.snapshot, {included} FROM changes c
             WHERE c.seq > ?1 AND (c.supplier_id IS NULL OR c.supplier_id = ?2)
             ORDER BY c.seq LIMIT ?3"
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    // One more row than asked tells whether more exist.
    let rows = stmt.query_map(params![after_i64, supplier_id, i64::from(limit) + 1, device], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?))
    })?;
    let mut changes = Vec::with_capacity(limit as usize);
    let mut has_more = false;
    let mut bytes = 0usize;
    for row in rows {
        let (seq, snapshot, included) = row?;
        // Bounded in bytes too (`MAX_PAGE_BYTES`), never below one change.
        bytes += snapshot.len() + 64;
        if changes.len() == limit as usize || (!changes.is_empty() && bytes > portal_api::MAX_PAGE_BYTES) {
            has_more = true;
            break;
        }
        changes.push(RawChange {
            seq: seq_from_row(seq)?,
            entity: RawValue::from_string(snapshot)?,
            includes_device_seq: included.map(seq_from_row).transpose()?,
        });
    }
    let head = head(conn, supplier_id)?;
    let last_served = changes.last().map_or(after, |c| c.seq);
    // The last page of a latest-only read accounts for every change up to the head: the ones it
    // skipped were superseded by changes it served or the client already has.
    let next_after = if latest_only && !has_more { last_served.max(head) } else { last_served };
    Ok(RawPage { changes, next_after, has_more, head })
}

/// The highest sequence number of the whole feed (every supplier's), 0 when empty.
pub(crate) fn last_seq(conn: &Connection) -> Result<u64, StoreError> {
    let head: Option<i64> = conn.prepare_cached("SELECT MAX(seq) FROM changes")?.query_row([], |r| r.get(0))?;
    seq_from_row(head.unwrap_or(0))
}

/// Marks the changes after `after` as caused by `mutation_id` (called in the mutation's own
/// transaction, so exactly its changes are after `after`). Returns how many were marked.
pub(crate) fn attribute_to_mutation(conn: &Connection, after: u64, mutation_id: &str) -> Result<usize, StoreError> {
    let after = i64::try_from(after).unwrap_or(i64::MAX);
    Ok(conn
        .prepare_cached("UPDATE changes SET mutation_id = ?1 WHERE seq > ?2")?
        .execute(params![mutation_id, after])?)
}

/// How many changes are recorded for one entity (used by tests and the demo summary).
#[cfg(test)]
pub(crate) fn count_for(conn: &Connection, kind: &str, id: &str) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM changes WHERE entity_kind = ?1 AND entity_id = ?2",
        params![kind, id],
        |r| r.get(0),
    )?;
    seq_from_row(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page stops before its snapshots pass `MAX_PAGE_BYTES`, whatever the limit asked,
    /// and never serves fewer than one change.
    #[test]
    fn a_page_is_bounded_in_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        let big = format!("\"{}\"", "x".repeat(portal_api::MAX_PAGE_BYTES / 2));
        for i in 0..3 {
            conn.execute(
                "INSERT INTO changes (supplier_id, entity_kind, entity_id, snapshot, recorded_at)
                 VALUES (NULL, 'classifier', ?1, ?2, '2026-01-01T00:00:00Z')",
                params![format!("c{i}"), big],
            )
            .expect("insert");
        }
        let first = page(&conn, "s", 0, 100, false, None).expect("page");
        assert_eq!((first.changes.len(), first.has_more), (1, true));
        let rest = page(&conn, "s", first.next_after, 100, false, None).expect("page");
        assert_eq!(rest.changes.len(), 1);
        let last = page(&conn, "s", rest.next_after, 100, false, None).expect("page");
        assert_eq!((last.changes.len(), last.has_more), (1, false));
    }
}

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
}

/// One page of the feed as `supplier_id` sees it: at most `limit` changes after `after`; with
/// `latest_only`, only the changes no later change of the same entity superseded.
pub(crate) fn page(
    conn: &Connection,
    supplier_id: &str,
    after: u64,
    limit: u32,
    latest_only: bool,
) -> Result<RawPage, StoreError> {
    // A cursor beyond what SQLite's integers hold is past every change.
    let after_i64 = i64::try_from(after).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(if latest_only {
        "SELECT seq, snapshot FROM changes INDEXED BY changes_live
         WHERE superseded = 0 AND seq > ?1 AND (supplier_id IS NULL OR supplier_id = ?2)
         ORDER BY seq LIMIT ?3"
    } else {
        "SELECT seq, snapshot FROM changes
         WHERE seq > ?1 AND (supplier_id IS NULL OR supplier_id = ?2)
         ORDER BY seq LIMIT ?3"
    })?;
    // One more row than asked tells whether more exist.
    let rows = stmt.query_map(params![after_i64, supplier_id, i64::from(limit) + 1], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut changes = Vec::with_capacity(limit as usize);
    let mut has_more = false;
    for row in rows {
        let (seq, snapshot) = row?;
        if changes.len() == limit as usize {
            has_more = true;
            break;
        }
        changes.push(RawChange { seq: seq_from_row(seq)?, entity: RawValue::from_string(snapshot)? });
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

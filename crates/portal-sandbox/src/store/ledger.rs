//! The ledger of mutations pushed by desks: one row per mutation id with the body it came
//! with and the result it got, so a replay is answered with the original result.

use chrono::{DateTime, Utc};
use portal_api::{MutationBody, MutationOutcome};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// One recorded mutation.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub id: String,
    pub supplier_id: String,
    pub device_id: String,
    pub device_seq: u64,
    pub created_at: DateTime<Utc>,
    /// The body as canonical JSON (serde's field order), compared byte for byte on replay.
    pub body: String,
    pub outcome: MutationOutcome,
    pub applications: u32,
    pub applied_at: DateTime<Utc>,
    /// The id of the order or offering the mutation changes.
    pub entity_id: String,
    /// The feed's last sequence number before the mutation was processed: every snapshot of
    /// its entity after this includes it (or, refused, is unaffected by it).
    pub feed_after: u64,
}

/// The canonical JSON of a body, as stored and compared.
pub(crate) fn body_json(body: &MutationBody) -> Result<String, StoreError> {
    Ok(serde_json::to_string(body)?)
}

fn seq_to_sql(seq: u64) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::Invalid(format!("device_seq {seq} is too large")))
}

/// Records a mutation. Applying it a second time under the same id would be a bug, so a
/// second insert bumps `applications` instead of failing, and the convergence tests see it.
pub(crate) fn insert(conn: &Connection, r: &Record) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO applied_mutation (id, supplier_id, device_id, device_seq, created_at, body, result,
             applications, applied_at, entity_id, feed_after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET applications = applications + excluded.applications",
    )?
    .execute(params![
        r.id,
        r.supplier_id,
        r.device_id,
        seq_to_sql(r.device_seq)?,
        r.created_at,
        r.body,
        serde_json::to_string(&r.outcome)?,
        r.applications,
        r.applied_at,
        r.entity_id,
        seq_to_sql(r.feed_after)?,
    ])?;
    Ok(())
}

fn from_row(r: &rusqlite::Row<'_>) -> Result<Record, StoreError> {
    let seq: i64 = r.get(3)?;
    let result: String = r.get(6)?;
    Ok(Record {
        id: r.get(0)?,
        supplier_id: r.get(1)?,
        device_id: r.get(2)?,
        device_seq: u64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("negative device_seq {seq}")))?,
        created_at: r.get(4)?,
        body: r.get(5)?,
        outcome: serde_json::from_str(&result)?,
        applications: r.get(7)?,
        applied_at: r.get(8)?,
        entity_id: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        feed_after: r.get::<_, Option<i64>>(10)?.and_then(|s| u64::try_from(s).ok()).unwrap_or(0),
    })
}

const COLUMNS: &str =
    "id, supplier_id, device_id, device_seq, created_at, body, result, applications, applied_at, entity_id, feed_after";

pub(crate) fn find(conn: &Connection, id: &str) -> Result<Option<Record>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM applied_mutation WHERE id = ?1"))?;
    let row = stmt.query_row([id], |r| Ok(from_row(r))).optional()?;
    row.transpose()
}

/// Every recorded mutation in the order recorded, with how many feed entries each caused.
pub(crate) fn all_with_feed_counts(conn: &Connection) -> Result<Vec<(Record, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, (SELECT COUNT(*) FROM changes c WHERE c.mutation_id = m.id)
         FROM applied_mutation m ORDER BY m.rowid"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let feed: i64 = r.get(11)?;
        out.push((from_row(r)?, u64::try_from(feed).unwrap_or(0)));
    }
    Ok(out)
}

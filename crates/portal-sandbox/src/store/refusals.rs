//! What suppliers recorded after a refusal at receipt: items taken back and items handed over
//! in their place.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::records::{ReplacementRecord, ReturnRecord};

/// Whether a return or a replacement with this id is recorded already (the ids share one space
/// so a desk's id names one record).
pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM order_return WHERE id = ?1 UNION ALL SELECT 1 FROM replacement WHERE id = ?1",
            [id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub(crate) fn insert_return(conn: &Connection, r: &ReturnRecord, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO order_return (id, order_id, returned_on, reason, notes, mutation_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.id, r.order_id, r.returned_on, r.reason, r.notes, r.mutation_id, at],
    )?;
    Ok(())
}

pub(crate) fn insert_replacement(
    conn: &Connection,
    r: &ReplacementRecord,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO replacement (id, order_id, replaced_on, serial_numbers, notes, mutation_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.id, r.order_id, r.replaced_on, serde_json::to_string(&r.serial_numbers)?, r.notes, r.mutation_id, at],
    )?;
    Ok(())
}

pub(crate) fn returns_of_order(conn: &Connection, order_id: &str) -> Result<Vec<ReturnRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, returned_on, reason, notes, mutation_id, recorded_at
         FROM order_return WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        Ok(ReturnRecord {
            id: r.get(0)?,
            order_id: r.get(1)?,
            returned_on: r.get(2)?,
            reason: r.get(3)?,
            notes: r.get(4)?,
            mutation_id: r.get(5)?,
            recorded_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn replacements_of_order(conn: &Connection, order_id: &str) -> Result<Vec<ReplacementRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, replaced_on, serial_numbers, notes, mutation_id, recorded_at
         FROM replacement WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([order_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let serials: String = r.get(3)?;
        out.push(ReplacementRecord {
            id: r.get(0)?,
            order_id: r.get(1)?,
            replaced_on: r.get(2)?,
            serial_numbers: serde_json::from_str(&serials)?,
            notes: r.get(4)?,
            mutation_id: r.get(5)?,
            recorded_at: r.get(6)?,
        });
    }
    Ok(out)
}

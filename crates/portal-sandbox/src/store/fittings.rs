//! Fitting sessions recorded by workshop staff: who fitted what, when, with which serial
//! numbers and adjustments, and when the warranty starts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::records::FittingRecord;

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT 1 FROM fitting WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

pub(crate) fn insert(
    conn: &Connection,
    f: &FittingRecord,
    mutation_id: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO fitting (id, order_id, fitted_on, technician, serial_numbers, adjustments, warranty_start,
             mutation_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            f.id,
            f.order_id,
            f.fitted_on,
            f.technician,
            serde_json::to_string(&f.serial_numbers)?,
            f.adjustments,
            f.warranty_start,
            mutation_id,
            at
        ],
    )?;
    Ok(())
}

pub(crate) fn of_order(conn: &Connection, order_id: &str) -> Result<Vec<FittingRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, fitted_on, technician, serial_numbers, adjustments, warranty_start, mutation_id,
                recorded_at
         FROM fitting WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([order_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let serials: String = r.get(4)?;
        out.push(FittingRecord {
            id: r.get(0)?,
            order_id: r.get(1)?,
            fitted_on: r.get(2)?,
            technician: r.get(3)?,
            serial_numbers: serde_json::from_str(&serials)?,
            adjustments: r.get(5)?,
            warranty_start: r.get(6)?,
            mutation_id: r.get(7)?,
            recorded_at: r.get(8)?,
        });
    }
    Ok(out)
}

/// The order's fitted marks as its snapshot carries them.
pub(crate) fn wire_of_order(conn: &Connection, order_id: &str) -> Result<Vec<portal_api::FittingMark>, StoreError> {
    Ok(of_order(conn, order_id)?
        .into_iter()
        .map(|f| portal_api::FittingMark {
            id: f.id,
            fitted_on: f.fitted_on,
            technician: f.technician,
            serial_numbers: f.serial_numbers,
            adjustments: f.adjustments,
            warranty_start: f.warranty_start,
        })
        .collect())
}

//! The workshop's fitting sessions: measuring, trying on and adjusting an item before it is
//! fitted, each with the technician, notes and the measurements taken.

use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::records::FittingSessionRecord;

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT 1 FROM fitting_session WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

pub(crate) fn insert(conn: &Connection, s: &FittingSessionRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO fitting_session (id, order_id, session_on, technician, notes, measurements, mutation_id,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            s.id,
            s.order_id,
            s.session_on,
            s.technician,
            s.notes,
            serde_json::to_string(&s.measurements)?,
            s.mutation_id,
            s.recorded_at
        ],
    )?;
    Ok(())
}

pub(crate) fn of_order(conn: &Connection, order_id: &str) -> Result<Vec<FittingSessionRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, session_on, technician, notes, measurements, mutation_id, recorded_at
         FROM fitting_session WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([order_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let measurements: String = r.get(5)?;
        out.push(FittingSessionRecord {
            id: r.get(0)?,
            order_id: r.get(1)?,
            session_on: r.get(2)?,
            technician: r.get(3)?,
            notes: r.get(4)?,
            measurements: serde_json::from_str(&measurements)?,
            mutation_id: r.get(6)?,
            recorded_at: r.get(7)?,
        });
    }
    Ok(out)
}

/// The order's sessions as its snapshot carries them.
pub(crate) fn wire_of_order(conn: &Connection, order_id: &str) -> Result<Vec<portal_api::FittingSession>, StoreError> {
    Ok(of_order(conn, order_id)?
        .into_iter()
        .map(|s| portal_api::FittingSession {
            id: s.id,
            session_on: s.session_on,
            technician: s.technician,
            notes: s.notes,
            measurements: s.measurements,
        })
        .collect())
}

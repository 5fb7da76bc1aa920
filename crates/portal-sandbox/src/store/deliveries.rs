//! Deliveries recorded by suppliers: when, where and what (serial numbers, per order line when
//! the desk sent them) was handed over, and to whom.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;
use super::records::DeliveryRecord;

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT 1 FROM delivery WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

pub(crate) fn insert(
    conn: &Connection,
    d: &DeliveryRecord,
    mutation_id: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO delivery (id, order_id, delivered_on, place, serial_numbers, notes, mutation_id, recorded_at,
                               photos, items, received_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            d.id,
            d.order_id,
            d.delivered_on,
            d.place,
            serde_json::to_string(&d.serial_numbers)?,
            d.notes,
            mutation_id,
            at,
            serde_json::to_string(&d.photos)?,
            serde_json::to_string(&d.items)?,
            d.received_by.as_ref().map(serde_json::to_string).transpose()?
        ],
    )?;
    Ok(())
}

pub(crate) fn of_order(conn: &Connection, order_id: &str) -> Result<Vec<DeliveryRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, order_id, delivered_on, place, serial_numbers, notes, mutation_id, recorded_at, photos, items,
                received_by
         FROM delivery WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([order_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let serials: String = r.get(4)?;
        let photos: String = r.get(8)?;
        let items: String = r.get(9)?;
        let received_by: Option<String> = r.get(10)?;
        out.push(DeliveryRecord {
            id: r.get(0)?,
            order_id: r.get(1)?,
            delivered_on: r.get(2)?,
            place: r.get(3)?,
            serial_numbers: serde_json::from_str(&serials)?,
            notes: r.get(5)?,
            mutation_id: r.get(6)?,
            recorded_at: r.get(7)?,
            photos: serde_json::from_str(&photos)?,
            items: serde_json::from_str(&items)?,
            received_by: received_by.as_deref().map(serde_json::from_str).transpose()?,
        });
    }
    Ok(out)
}

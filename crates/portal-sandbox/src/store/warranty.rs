//! Repairs and replacements under warranty, and what the portal knows of an item's warranty:
//! which order holds a serial, where its warranty starts and how many months it runs
//! (`portal_rules::warranty`).

use chrono::{DateTime, NaiveDate, Utc};
use portal_api::{DeliveredItem, WarrantyService, WarrantyServiceKind};
use portal_rules::warranty::{LineFacts, line_of_serial, serial_key, warranty_start};
use rusqlite::{Connection, OptionalExtension, params};

use super::StoreError;

/// A warranty service as the portal keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRecord {
    pub id: String,
    pub order_id: String,
    pub serviced_on: NaiveDate,
    pub kind: WarrantyServiceKind,
    pub serial_number: String,
    pub new_serial_number: Option<String>,
    pub notes: String,
    pub mutation_id: String,
}

fn kind_text(kind: WarrantyServiceKind) -> &'static str {
    match kind {
        WarrantyServiceKind::Repair => "repair",
        WarrantyServiceKind::Replacement => "replacement",
    }
}

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM warranty_service WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn insert(conn: &Connection, s: &ServiceRecord, at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO warranty_service (id, order_id, serviced_on, kind, serial_number, new_serial_number, notes,
                                       mutation_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        s.id,
        s.order_id,
        s.serviced_on,
        kind_text(s.kind),
        s.serial_number,
        s.new_serial_number,
        s.notes,
        s.mutation_id,
        at
    ])?;
    Ok(())
}

/// The order's warranty services as its snapshot carries them, oldest first.
pub(crate) fn wire_of_order(conn: &Connection, order_id: &str) -> Result<Vec<WarrantyService>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, serviced_on, kind, serial_number, new_serial_number, notes FROM warranty_service
         WHERE order_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        let kind: String = r.get(2)?;
        Ok(WarrantyService {
            id: r.get(0)?,
            serviced_on: r.get(1)?,
            kind: if kind == "replacement" { WarrantyServiceKind::Replacement } else { WarrantyServiceKind::Repair },
            serial_number: r.get(3)?,
            new_serial_number: r.get(4)?,
            notes: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The warranty of the item with `serial` on order `order_id`: its start and months (`None`
/// months: the order line's classifier item is unknown). `None` when the order holds no item
/// with that serial.
pub(crate) fn warranty_of(
    conn: &Connection,
    order_id: &str,
    serial: &str,
) -> Result<Option<(NaiveDate, Option<u32>)>, StoreError> {
    let lines: Vec<(String, bool, u32)> = conn
        .prepare_cached(
            "SELECT l.classifier_code, c.needs_fitting, c.warranty_months
             FROM order_line l JOIN classifier_item c ON c.code = l.classifier_code
             WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let facts: Vec<LineFacts<'_>> =
        lines.iter().map(|(code, fitting, _)| LineFacts { classifier_code: code, needs_fitting: *fitting }).collect();

    // A serial that replaced another under warranty starts its warranty anew on that day, on
    // the line of the item it replaced (followed back through earlier exchanges).
    let mut key = serial_key(serial);
    let mut anew: Option<NaiveDate> = None;
    for _ in 0..16 {
        let replaced: Option<(String, NaiveDate)> = conn
            .prepare_cached(
                "SELECT serial_number, serviced_on FROM warranty_service
                 WHERE order_id = ?1 AND kind = 'replacement' AND upper(trim(new_serial_number)) = ?2
                 ORDER BY rowid DESC LIMIT 1",
            )?
            .query_row(params![order_id, key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match replaced {
            Some((old, on)) => {
                anew = anew.or(Some(on));
                key = serial_key(&old);
            }
            None => break,
        }
    }
    let Some(held) = held_on_order(conn, order_id, &key)? else { return Ok(None) };
    let Some(start) = anew.or(warranty_start(held.fitting_start, held.handed_over)) else { return Ok(None) };
    let line = line_of_serial(held.listed_under.as_deref(), held.fitting_start.is_some(), &facts);
    Ok(Some((start, line.map(|i| lines[i].2))))
}

/// What the order's deliveries, replacements at receipt and fittings say of one serial.
struct Held {
    handed_over: Option<NaiveDate>,
    fitting_start: Option<NaiveDate>,
    listed_under: Option<String>,
}

fn held_on_order(conn: &Connection, order_id: &str, key: &str) -> Result<Option<Held>, StoreError> {
    let has = |json: &str| -> Result<bool, StoreError> {
        Ok(serde_json::from_str::<Vec<String>>(json)?.iter().any(|s| serial_key(s) == key))
    };
    let mut held = Held { handed_over: None, fitting_start: None, listed_under: None };
    let mut found = false;
    let mut stmt =
        conn.prepare_cached("SELECT delivered_on, serial_numbers, items FROM delivery WHERE order_id = ?1")?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        if !has(&r.get::<_, String>(1)?)? {
            continue;
        }
        found = true;
        let on: NaiveDate = r.get(0)?;
        held.handed_over = Some(held.handed_over.map_or(on, |d| d.min(on)));
        let items: Vec<DeliveredItem> = serde_json::from_str(&r.get::<_, String>(2)?)?;
        if let Some(item) = items.iter().find(|i| i.serial_numbers.iter().any(|s| serial_key(s) == key)) {
            held.listed_under = Some(item.classifier_code.clone());
        }
    }
    let mut stmt = conn.prepare_cached("SELECT replaced_on, serial_numbers FROM replacement WHERE order_id = ?1")?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        if has(&r.get::<_, String>(1)?)? {
            found = true;
            let on: NaiveDate = r.get(0)?;
            held.handed_over = Some(held.handed_over.map_or(on, |d| d.min(on)));
        }
    }
    // The latest fitting of the serial says the warranty: a refitting starts it again.
    let mut stmt = conn.prepare_cached(
        "SELECT warranty_start, serial_numbers FROM fitting WHERE order_id = ?1 ORDER BY fitted_on, rowid",
    )?;
    let mut rows = stmt.query([order_id])?;
    while let Some(r) = rows.next()? {
        if has(&r.get::<_, String>(1)?)? {
            found = true;
            held.fitting_start = Some(r.get(0)?);
        }
    }
    Ok(found.then_some(held))
}

/// The supplier whose order holds an item with this serial (delivered, fitted, replaced at
/// receipt or under warranty), other than `except_supplier`; `None` when no other does. Reads
/// every such record: the portal asks only when a service names a serial its order lacks.
pub(crate) fn other_holder(
    conn: &Connection,
    serial: &str,
    except_supplier: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT o.supplier_id FROM orders o WHERE o.supplier_id <> ?2 AND o.id IN (
                 SELECT d.order_id FROM delivery d, json_each(d.serial_numbers) j WHERE upper(trim(j.value)) = ?1
                 UNION SELECT f.order_id FROM fitting f, json_each(f.serial_numbers) j WHERE upper(trim(j.value)) = ?1
                 UNION SELECT r.order_id FROM replacement r, json_each(r.serial_numbers) j
                        WHERE upper(trim(j.value)) = ?1
                 UNION SELECT w.order_id FROM warranty_service w WHERE upper(trim(w.new_serial_number)) = ?1)
             LIMIT 1",
        )?
        .query_row(params![serial_key(serial), except_supplier], |r| r.get(0))
        .optional()?)
}

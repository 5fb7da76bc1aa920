//! The warranty register: every serial number the desk holds for an order, with the warranty it
//! carries — from the fitting's warranty start when the item was fitted, else from its handover
//! — and when that warranty ends. Found by a serial (typed, or "typed" by a scanner) or listed
//! by the warranties that end soon.
//!
//! It reads the serials' index (`order_serials`, kept by triggers) and the records behind it
//! (`replica::warranty`). A repair or an exchange under warranty is recorded here as a portal
//! mutation, checked by the same rules on both sides (`portal_rules::warranty`).

pub mod views;

use std::collections::HashMap;

use chrono::NaiveDate;
use portal_api::{MutationBody, WarrantyServiceKind};
use portal_rules::warranty::{serial_key, warranty_end};
use rusqlite::Connection;

use crate::kernel::access::{Actor, Command};
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::{Store, StoreError};
use crate::replica::warranty::{OrderFacts, held_serials, order_facts, parse_kind, warranty_basis};
use views::{WarrantyItem, WarrantyPage, WarrantyRow, WarrantyServiceInput, WarrantyServiceView};

/// The most rows one answer carries: a screen's worth, never the whole register.
pub const MAX_ROWS: u32 = 500;

/// What the register is asked for. Both filters apply together; with neither, every serial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterQuery {
    /// A serial or its beginning, in any case and with spaces around, as a scanner types it.
    pub serial_prefix: Option<String>,
    /// Only warranties ending from today to this many days ahead, the nearest end first.
    pub ending_within_days: Option<u32>,
    /// The day `days_left` counts from (Kazakhstan's date: see [`today`]).
    pub today: NaiveDate,
    pub limit: u32,
}

/// Today's date in Kazakhstan, which warranty dates are local to.
pub fn today() -> NaiveDate {
    crate::replica::workshop::kz_today()
}

impl Store {
    /// The warranty register: the serials matching `query`, each with its order, item and
    /// warranty; by serial (an exact match first), or by end date when asked for the warranties
    /// ending soon.
    pub fn warranty_register(&self, actor: &Actor, query: &RegisterQuery) -> Result<WarrantyPage, ActionError> {
        actor.require(Command::WarrantyRegister)?;
        Ok(self.register(query)?)
    }

    fn register(&self, query: &RegisterQuery) -> Result<WarrantyPage, StoreError> {
        let conn = self.connection();
        // The index holds serials trimmed and upper-cased; a blank field asks for no serial.
        let prefix = query.serial_prefix.as_deref().map(serial_key).unwrap_or_default();
        let held = held_serials(conn, &prefix)?;

        let mut orders_of: HashMap<&str, u32> = HashMap::new();
        for (serial, _) in held.keys() {
            *orders_of.entry(serial.as_str()).or_default() += 1;
        }
        let mut facts: HashMap<&str, Option<OrderFacts>> = HashMap::new();
        let mut rows = Vec::new();
        for ((serial, order_id), h) in &held {
            if !facts.contains_key(order_id.as_str()) {
                facts.insert(order_id, order_facts(conn, order_id)?);
            }
            let Some(Some(order)) = facts.get(order_id.as_str()) else { continue };
            let Some((start, line)) = warranty_basis(conn, order_id, h, serial, &order.lines)? else { continue };
            let line = line.map(|i| &order.lines[i]);
            let warranty_months = line.and_then(|l| l.warranty_months);
            let warranty_end = warranty_months.and_then(|m| warranty_end(start, m));
            let services = services_of(conn, order_id, serial)?;
            rows.push(WarrantyRow {
                serial: serial.clone(),
                order_id: order_id.clone(),
                number: order.number.clone(),
                participant_name: order.participant_name.clone(),
                item: line.and_then(|l| {
                    l.name.clone().map(|name| WarrantyItem { classifier_code: l.classifier_code.clone(), name })
                }),
                delivered_on: h.handed_over(),
                fitted_on: h.fitting.map(|(on, _)| on),
                warranty_start: start,
                warranty_months,
                warranty_end,
                days_left: warranty_end.map(|end| (end - query.today).num_days()),
                other_orders: orders_of.get(serial.as_str()).copied().unwrap_or(1).saturating_sub(1),
                exchanged_for: services
                    .iter()
                    .rev()
                    .find(|s| serial_key(&s.serial_number) == *serial)
                    .and_then(|s| s.new_serial_number.clone()),
                services,
            });
        }

        match query.ending_within_days {
            Some(days) => {
                rows.retain(|r| r.days_left.is_some_and(|left| (0..=i64::from(days)).contains(&left)));
                rows.sort_by(|a, b| {
                    (a.warranty_end, &a.serial, &a.number).cmp(&(b.warranty_end, &b.serial, &b.number))
                });
            }
            // An exact match before the longer serials it begins.
            None => rows.sort_by(|a, b| {
                (a.serial != prefix, &a.serial, &a.number).cmp(&(b.serial != prefix, &b.serial, &b.number))
            }),
        }
        let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        rows.truncate(query.limit.min(MAX_ROWS) as usize);
        Ok(WarrantyPage { rows, total })
    }
}

/// A warranty service as the person entered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarrantyService {
    pub order_id: String,
    pub serial_number: String,
    pub kind: WarrantyServiceKind,
    pub serviced_on: NaiveDate,
    pub new_serial_number: Option<String>,
    pub notes: String,
}

impl TryFrom<WarrantyServiceInput> for WarrantyService {
    type Error = ActionError;
    fn try_from(input: WarrantyServiceInput) -> Result<WarrantyService, ActionError> {
        Ok(WarrantyService {
            serviced_on: crate::kernel::model::parse_date(&input.serviced_on)
                .map_err(|problem| invalid("serviced_on", problem))?,
            order_id: input.order_id,
            serial_number: input.serial_number.trim().to_owned(),
            kind: input.kind,
            new_serial_number: input.new_serial_number.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
            notes: input.notes.trim().to_owned(),
        })
    }
}

impl Store {
    /// Records a repair or an exchange under warranty of an item the order holds; refused, with
    /// nothing changed, outside the item's warranty or for a serial the order does not hold.
    pub fn record_warranty_service(&mut self, actor: &Actor, s: &WarrantyService) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordWarrantyService {
                order_id: s.order_id.clone(),
                service_id: uuid::Uuid::now_v7().to_string(),
                serviced_on: s.serviced_on,
                kind: s.kind,
                serial_number: s.serial_number.trim().to_owned(),
                new_serial_number: s
                    .new_serial_number
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                notes: s.notes.trim().to_owned(),
            },
        )
    }
}

/// The services of the item with `serial` on an order (as the serviced item or as the one handed
/// over in an exchange), oldest first; a refused one left out, one the portal has not taken yet
/// marked pending.
fn services_of(conn: &Connection, order_id: &str, serial: &str) -> Result<Vec<WarrantyServiceView>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.serviced_on, w.kind, w.serial_number, w.new_serial_number, w.notes,
                EXISTS (SELECT 1 FROM outbox x WHERE x.entity_id = w.order_id AND x.kind = 'record_warranty_service'
                          AND json_extract(x.payload, '$.data.service_id') = w.id AND x.state = 'pending')
         FROM warranty_services w
         WHERE w.order_id = ?1
           AND (upper(trim(w.serial_number)) = ?2 OR upper(trim(coalesce(w.new_serial_number, ''))) = ?2)
           AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.entity_id = w.order_id AND x.kind = 'record_warranty_service'
                             AND json_extract(x.payload, '$.data.service_id') = w.id
                             AND x.state = 'rejected' AND x.resolution IS NOT 'retried')
         ORDER BY w.serviced_on, w.rowid",
    )?;
    let rows = stmt.query_map(rusqlite::params![order_id, serial], |r| {
        Ok(WarrantyServiceView {
            id: r.get(0)?,
            serviced_on: r.get(1)?,
            kind: parse_kind(&r.get::<_, String>(2)?),
            serial_number: r.get(3)?,
            new_serial_number: r.get(4)?,
            notes: r.get(5)?,
            pending: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

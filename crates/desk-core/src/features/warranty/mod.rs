//! The warranty register: every serial number the desk holds for an order, with the warranty it
//! carries — from the fitting's warranty start when the item was fitted, else from its handover
//! — and when that warranty ends. Found by a serial (typed, or "typed" by a scanner) or listed
//! by the warranties that end soon.
//!
//! Read-only: it reads the serials' index (`order_serials`, kept by triggers) and the records
//! behind it, so it needs no table of its own.

pub mod views;

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate};
use portal_api::{DeliveredItem, LocalizedText};
use rusqlite::OptionalExtension;

use crate::kernel::access::{Actor, Command};
use crate::kernel::error::ActionError;
use crate::kernel::store::{Store, StoreError};
use views::{WarrantyItem, WarrantyPage, WarrantyRow};

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

/// What the desk holds of one serial on one order, gathered from its records.
#[derive(Default)]
struct Held {
    delivered_on: Option<NaiveDate>,
    /// The per-line serials of the deliveries that hold it, to tell its order line.
    delivered_items: Vec<DeliveredItem>,
    replaced_on: Option<NaiveDate>,
    /// The latest fitting that holds it: (fitted on, warranty start).
    fitting: Option<(NaiveDate, NaiveDate)>,
}

/// An order line as the register shows it.
struct Line {
    classifier_code: String,
    /// `None` when the desk does not hold the classifier item.
    name: Option<LocalizedText>,
    warranty_months: Option<u32>,
    needs_fitting: bool,
}

struct OrderFacts {
    number: String,
    participant_name: String,
    lines: Vec<Line>,
}

/// The serial records, one row per record that holds a serial in the range. A fitting the portal
/// refused for good is left out, as `fitted_orders` (schema `V12_FITTED`) leaves it out.
const SOURCES: &str = "
SELECT s.serial, s.order_id, d.delivered_on, d.items, r.replaced_on, f.fitted_on, f.warranty_start
FROM order_serials s
LEFT JOIN deliveries d ON d.id = s.source_id
LEFT JOIN replacements r ON r.id = s.source_id
LEFT JOIN fittings f ON f.id = s.source_id
WHERE s.serial >= ?1 AND s.serial < ?1 || char(1114111)
  AND NOT EXISTS (
      SELECT 1 FROM outbox x
       WHERE f.id IS NOT NULL AND x.state = 'rejected' AND x.entity_id = f.order_id
         AND x.kind = 'record_fitting' AND x.resolution IS NOT 'retried'
         AND json_extract(x.payload, '$.data.fitting_id') = f.id)
ORDER BY s.serial, s.order_id";

impl Store {
    /// The warranty register: the serials matching `query`, each with its order, item and
    /// warranty; by serial (an exact match first), or by end date when asked for the warranties
    /// ending soon.
    pub fn warranty_register(&self, actor: &Actor, query: &RegisterQuery) -> Result<WarrantyPage, ActionError> {
        actor.require(Command::WarrantyRegister)?;
        Ok(self.register(query)?)
    }

    fn register(&self, query: &RegisterQuery) -> Result<WarrantyPage, StoreError> {
        // The index holds serials trimmed and upper-cased; a blank field asks for no serial.
        let prefix = query.serial_prefix.as_deref().map(|s| s.trim().to_uppercase()).unwrap_or_default();
        let held = self.held_serials(&prefix)?;

        let mut orders_of: HashMap<&str, u32> = HashMap::new();
        for (serial, _) in held.keys() {
            *orders_of.entry(serial.as_str()).or_default() += 1;
        }
        let mut facts: HashMap<&str, Option<OrderFacts>> = HashMap::new();
        let mut rows = Vec::new();
        for ((serial, order_id), h) in &held {
            let Some(start) = h.fitting.map(|(_, start)| start).or(h.delivered_on).or(h.replaced_on) else {
                continue;
            };
            if !facts.contains_key(order_id.as_str()) {
                facts.insert(order_id, self.order_facts(order_id)?);
            }
            let Some(Some(order)) = facts.get(order_id.as_str()) else { continue };
            let line = line_of(serial, h, &order.lines);
            let warranty_months = line.and_then(|l| l.warranty_months);
            let warranty_end = warranty_months.and_then(|m| start.checked_add_months(Months::new(m)));
            rows.push(WarrantyRow {
                serial: serial.clone(),
                order_id: order_id.clone(),
                number: order.number.clone(),
                participant_name: order.participant_name.clone(),
                item: line.and_then(|l| {
                    l.name.clone().map(|name| WarrantyItem { classifier_code: l.classifier_code.clone(), name })
                }),
                delivered_on: h.delivered_on.or(h.replaced_on),
                fitted_on: h.fitting.map(|(on, _)| on),
                warranty_start: start,
                warranty_months,
                warranty_end,
                days_left: warranty_end.map(|end| (end - query.today).num_days()),
                other_orders: orders_of.get(serial.as_str()).copied().unwrap_or(1).saturating_sub(1),
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

    /// Each (serial, order) whose serial begins with `prefix`, with what its records say.
    fn held_serials(&self, prefix: &str) -> Result<BTreeMap<(String, String), Held>, StoreError> {
        let mut stmt = self.connection().prepare_cached(SOURCES)?;
        let mut rows = stmt.query([prefix])?;
        let mut held: BTreeMap<(String, String), Held> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let serial: String = r.get(0)?;
            let order_id: String = r.get(1)?;
            let delivered_on: Option<NaiveDate> = r.get(2)?;
            let items: Option<String> = r.get(3)?;
            let replaced_on: Option<NaiveDate> = r.get(4)?;
            let fitted_on: Option<NaiveDate> = r.get(5)?;
            let warranty_start: Option<NaiveDate> = r.get(6)?;
            let h = held.entry((serial, order_id)).or_default();
            if let Some(on) = delivered_on {
                h.delivered_on = Some(h.delivered_on.map_or(on, |known| known.min(on)));
                // An unreadable list only loses the line, not the warranty.
                if let Some(items) = items {
                    h.delivered_items.extend(serde_json::from_str::<Vec<DeliveredItem>>(&items).unwrap_or_default());
                }
            }
            if let Some(on) = replaced_on {
                h.replaced_on = Some(h.replaced_on.map_or(on, |known| known.min(on)));
            }
            if let (Some(on), Some(start)) = (fitted_on, warranty_start) {
                // The latest fitting says the warranty: a refitting starts it again.
                if h.fitting.is_none_or(|(known, _)| on >= known) {
                    h.fitting = Some((on, start));
                }
            }
        }
        Ok(held)
    }

    fn order_facts(&self, order_id: &str) -> Result<Option<OrderFacts>, StoreError> {
        let conn = self.connection();
        let head: Option<(String, String)> = conn
            .prepare_cached("SELECT number, participant_name FROM orders WHERE id = ?1")?
            .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((number, participant_name)) = head else { return Ok(None) };
        let mut stmt = conn.prepare_cached(
            "SELECT l.classifier_code, c.name_kk, c.name_ru, c.name_en, c.warranty_months, c.needs_fitting
             FROM order_lines l LEFT JOIN classifier c ON c.code = l.classifier_code
             WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?;
        let lines = stmt
            .query_map([order_id], |r| {
                let names: (Option<String>, Option<String>, Option<String>) = (r.get(1)?, r.get(2)?, r.get(3)?);
                Ok(Line {
                    classifier_code: r.get(0)?,
                    name: match names {
                        (Some(kk), Some(ru), Some(en)) => Some(LocalizedText { kk, ru, en }),
                        _ => None,
                    },
                    warranty_months: r.get(4)?,
                    needs_fitting: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(OrderFacts { number, participant_name, lines }))
    }
}

/// The order line a serial belongs to: the line a delivery listed it under; else the order's
/// only line; else, for a fitted serial, the first line that needs fitting; else the first line.
fn line_of<'a>(serial: &str, held: &Held, lines: &'a [Line]) -> Option<&'a Line> {
    let listed = held
        .delivered_items
        .iter()
        .find(|item| item.serial_numbers.iter().any(|s| s.trim().to_uppercase() == serial))
        .and_then(|item| lines.iter().find(|l| l.classifier_code == item.classifier_code));
    listed
        .or_else(|| lines.first().filter(|_| lines.len() == 1))
        .or_else(|| held.fitting.and_then(|_| lines.iter().find(|l| l.needs_fitting)))
        .or_else(|| lines.first())
}

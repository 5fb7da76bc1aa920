//! The warranty as the desk's records say it: which orders hold a serial (delivered, fitted,
//! replaced at receipt, or handed over in an exchange under warranty), where each one's warranty
//! starts and on which order line, by the rules of `portal_rules::warranty`. The register
//! (`features::warranty`) reads it; a warranty service's local rule checks against it, as the
//! portal checks against its own records.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use portal_api::{DeliveredItem, LocalizedText, MutationBody, WarrantyServiceKind};
use portal_rules::warranty::{
    LineFacts, ServiceFacts, ServiceProblem, line_of_serial, serial_key, service_problem, serviceable, warranty_start,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::orders::order_status;
use crate::kernel::Problem;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::StoreError;

/// What the desk holds of one serial on one order, gathered from its records.
#[derive(Debug, Default)]
pub(crate) struct Held {
    pub delivered_on: Option<NaiveDate>,
    /// The per-line serials of the deliveries that hold it, to tell its order line.
    pub delivered_items: Vec<DeliveredItem>,
    pub replaced_on: Option<NaiveDate>,
    /// The latest fitting that holds it: (fitted on, warranty start).
    pub fitting: Option<(NaiveDate, NaiveDate)>,
    /// Handed over in an exchange under warranty: (on, the serial it replaced).
    pub exchanged_for: Option<(NaiveDate, String)>,
}

impl Held {
    /// When the item reached the participant: a delivery, a replacement, an exchange.
    pub(crate) fn handed_over(&self) -> Option<NaiveDate> {
        self.delivered_on.or(self.replaced_on).or(self.exchanged_for.as_ref().map(|(on, _)| *on))
    }
}

/// An order line as the warranty sees it.
#[derive(Debug)]
pub(crate) struct Line {
    pub classifier_code: String,
    /// `None` when the desk does not hold the classifier item.
    pub name: Option<LocalizedText>,
    pub warranty_months: Option<u32>,
    pub needs_fitting: bool,
}

#[derive(Debug)]
pub(crate) struct OrderFacts {
    pub number: String,
    pub participant_name: String,
    pub lines: Vec<Line>,
}

/// The serial records, one row per record that holds a serial in the range. A fitting or an
/// exchange the portal refused for good is left out, as `fitted_orders` (schema `V12_FITTED`)
/// leaves a refused fitting out.
const SOURCES: &str = "
SELECT s.serial, s.order_id, d.delivered_on, d.items, r.replaced_on, f.fitted_on, f.warranty_start,
       w.serviced_on, w.serial_number
FROM order_serials s
LEFT JOIN deliveries d ON d.id = s.source_id
LEFT JOIN replacements r ON r.id = s.source_id
LEFT JOIN fittings f ON f.id = s.source_id
LEFT JOIN warranty_services w ON w.id = s.source_id
WHERE s.serial >= ?1 AND s.serial < ?1 || char(1114111)
  AND NOT EXISTS (
      SELECT 1 FROM outbox x
       WHERE f.id IS NOT NULL AND x.state = 'rejected' AND x.entity_id = f.order_id
         AND x.kind = 'record_fitting' AND x.resolution IS NOT 'retried'
         AND json_extract(x.payload, '$.data.fitting_id') = f.id)
  AND NOT EXISTS (
      SELECT 1 FROM outbox x
       WHERE w.id IS NOT NULL AND x.state = 'rejected' AND x.entity_id = w.order_id
         AND x.kind = 'record_warranty_service' AND x.resolution IS NOT 'retried'
         AND json_extract(x.payload, '$.data.service_id') = w.id)
ORDER BY s.serial, s.order_id";

/// Each (serial, order) whose serial begins with `prefix` (trimmed, upper-cased), with what its
/// records say.
pub(crate) fn held_serials(conn: &Connection, prefix: &str) -> Result<BTreeMap<(String, String), Held>, StoreError> {
    let mut stmt = conn.prepare_cached(SOURCES)?;
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
        let serviced_on: Option<NaiveDate> = r.get(7)?;
        let old_serial: Option<String> = r.get(8)?;
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
        if let (Some(on), Some(old)) = (serviced_on, old_serial) {
            // The latest exchange that handed this serial over says when its warranty began.
            if h.exchanged_for.as_ref().is_none_or(|(known, _)| on >= *known) {
                h.exchanged_for = Some((on, serial_key(&old)));
            }
        }
    }
    Ok(held)
}

/// The order's number, participant and lines; `None` when the desk does not hold the order.
pub(crate) fn order_facts(conn: &Connection, order_id: &str) -> Result<Option<OrderFacts>, StoreError> {
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

/// Where the warranty of `serial` (as `held` on `order_id`) starts, and the index of its order
/// line in `lines`. An item handed over in an exchange under warranty starts anew on that day,
/// on the line of the item it replaced.
pub(crate) fn warranty_basis(
    conn: &Connection,
    order_id: &str,
    held: &Held,
    serial: &str,
    lines: &[Line],
) -> Result<Option<(NaiveDate, Option<usize>)>, StoreError> {
    let facts: Vec<LineFacts<'_>> = lines
        .iter()
        .map(|l| LineFacts { classifier_code: &l.classifier_code, needs_fitting: l.needs_fitting })
        .collect();
    let first_start = warranty_start(held.fitting.map(|(_, start)| start), held.delivered_on.or(held.replaced_on));
    let Some(start) = held.exchanged_for.as_ref().map(|(on, _)| *on).or(first_start) else {
        return Ok(None);
    };
    // Follow exchanges back to the item first handed over, whose records say the line.
    let mut origin_serial = serial.to_owned();
    let mut origin: Option<Held> = None;
    let mut next = held.exchanged_for.clone();
    for _ in 0..16 {
        let Some((_, old)) = next else { break };
        let mut older = held_serials(conn, &old)?;
        let found = older.remove(&(old.clone(), order_id.to_owned()));
        next = found.as_ref().and_then(|h| h.exchanged_for.clone());
        origin_serial = old;
        origin = found;
    }
    let first = origin.as_ref().unwrap_or(held);
    let listed = first
        .delivered_items
        .iter()
        .find(|item| item.serial_numbers.iter().any(|s| serial_key(s) == origin_serial))
        .map(|item| item.classifier_code.as_str());
    Ok(Some((start, line_of_serial(listed, first.fitting.is_some(), &facts))))
}

/// The local half of a warranty service: the order's items are with the participant, the order
/// holds the serial, and the service falls within its warranty (`portal_rules::warranty`).
pub(crate) fn apply_locally(tx: &Transaction<'_>, body: &MutationBody) -> Result<(), ActionError> {
    let MutationBody::RecordWarrantyService {
        order_id,
        service_id,
        serviced_on,
        kind,
        serial_number,
        new_serial_number,
        notes,
    } = body
    else {
        return Err(invalid("mutation", "not a warranty service"));
    };
    let status = order_status(tx, order_id)?;
    if !serviceable(status) {
        return Err(invalid(
            "order",
            Problem::new("warranty_not_handed_over", "the order's items have not been handed over")
                .with("status", status.as_str()),
        ));
    }
    let key = serial_key(serial_number);
    if key.is_empty() {
        return Err(invalid(
            "serial_number",
            Problem::new("warranty_serial_required", "the serial number is required"),
        ));
    }
    let mut held = held_serials(tx, &key)?;
    let facts = order_facts(tx, order_id)?;
    let (Some(held), Some(facts)) = (held.remove(&(key.clone(), order_id.clone())), facts) else {
        return Err(invalid(
            "serial_number",
            Problem::new("warranty_serial_not_held", format!("this order holds no item with serial {key}"))
                .with("serial", &key),
        ));
    };
    let basis = warranty_basis(tx, order_id, &held, &key, &facts.lines)?;
    let (start, months) = match basis {
        Some((start, line)) => (start, line.and_then(|i| facts.lines[i].warranty_months)),
        None => {
            return Err(invalid("serviced_on", Problem::new("warranty_none", "the item carries no warranty")));
        }
    };
    let asked = ServiceFacts {
        kind: *kind,
        serviced_on: *serviced_on,
        serial_number,
        new_serial_number: new_serial_number.as_deref(),
        notes,
        warranty_start: start,
        warranty_months: months,
    };
    if let Some(problem) = service_problem(&asked) {
        return Err(invalid(problem.field(), problem_of(&problem)));
    }
    tx.execute(
        "INSERT INTO warranty_services (id, order_id, serviced_on, kind, serial_number, new_serial_number, notes,
                                        recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            service_id,
            order_id,
            serviced_on,
            kind_text(*kind),
            serial_number.trim(),
            new_serial_number.as_deref().map(str::trim).filter(|n| !n.is_empty()),
            notes.trim(),
            Utc::now()
        ],
    )?;
    Ok(())
}

pub(crate) fn kind_text(kind: WarrantyServiceKind) -> &'static str {
    match kind {
        WarrantyServiceKind::Repair => "repair",
        WarrantyServiceKind::Replacement => "replacement",
    }
}

pub(crate) fn parse_kind(text: &str) -> WarrantyServiceKind {
    if text == "replacement" { WarrantyServiceKind::Replacement } else { WarrantyServiceKind::Repair }
}

/// The rule's refusal as the window words it.
fn problem_of(problem: &ServiceProblem) -> Problem {
    let text = problem.text();
    match problem {
        ServiceProblem::NotesRequired => Problem::new("warranty_notes_required", text),
        ServiceProblem::BeforeWarranty { start } => Problem::new("warranty_before_start", text).with("date", start),
        ServiceProblem::NoWarranty => Problem::new("warranty_none", text),
        ServiceProblem::OutOfWarranty { end } => Problem::new("warranty_ended", text).with("date", end),
        ServiceProblem::NewSerialRequired => Problem::new("warranty_new_serial_required", text),
        ServiceProblem::NewSerialSame => Problem::new("warranty_new_serial_same", text),
        ServiceProblem::NewSerialForRepair => Problem::new("warranty_new_serial_for_repair", text),
    }
}

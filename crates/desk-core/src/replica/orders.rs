//! Orders as the desk holds them: the portal's snapshot, the status the desk shows, and the
//! search index rows written with them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use portal_api::{MutationBody, OrderStatus};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::overlay::{OVERLAID, PendingEntities};
use crate::kernel::Problem;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::model::Order;
use crate::kernel::store::{Store, StoreError};
use portal_rules::lifecycle::Transition;
use portal_rules::limits::MAX_ASSIGNEE_CHARS;

impl Store {
    pub fn order(&self, id: &str) -> Result<Order, StoreError> {
        read_order(self.connection(), id)
    }
}

pub(crate) fn parse_status(s: &str) -> Result<OrderStatus, StoreError> {
    OrderStatus::parse(s).ok_or_else(|| StoreError::UnknownValue { column: "orders.status", value: s.to_owned() })
}

pub(crate) fn read_order(conn: &Connection, id: &str) -> Result<Order, StoreError> {
    let order = conn
        .query_row(
            "SELECT id, number, status, participant_id, participant_name, participant_region,
                    participant_phone, participant_address, placed_at, accept_by, deliver_by, updated_at,
                    assignee, refusal_reason, confirmed_at
             FROM orders WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(2)?,
                    Order {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        status: OrderStatus::Placed,
                        participant: crate::kernel::model::Participant {
                            id: r.get(3)?,
                            full_name: r.get(4)?,
                            region: r.get(5)?,
                            phone: r.get(6)?,
                            address: r.get(7)?,
                        },
                        lines: Vec::new(),
                        placed_at: r.get(8)?,
                        accept_by: r.get(9)?,
                        deliver_by: r.get(10)?,
                        updated_at: r.get(11)?,
                        assignee: r.get(12)?,
                        refusal_reason: r.get(13)?,
                        confirmed_at: r.get(14)?,
                    },
                ))
            },
        )
        .optional()?;
    let (status, mut order) = order.ok_or_else(|| StoreError::NotFound { entity: "order", id: id.to_owned() })?;
    order.status = parse_status(&status)?;
    let mut stmt = conn.prepare_cached(
        "SELECT classifier_code, offering_id, quantity, unit_price_tiyn FROM order_lines
         WHERE order_id = ?1 ORDER BY line_no",
    )?;
    order.lines = stmt
        .query_map([id], |r| {
            Ok(crate::kernel::model::OrderLine {
                classifier_code: r.get(0)?,
                offering_id: r.get(1)?,
                quantity: r.get(2)?,
                unit_price: crate::kernel::money::Money::from_tiyn(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(order)
}

/// After the portal answered a mutation of an order: with nothing laid over the portal's
/// snapshot ([`OVERLAID`]), the order shows the portal's status unless the local one is further
/// along. `force` (a refusal) returns to the portal's status and assignee, with the mutations
/// still overlaid — queued, or applied since the snapshot — replayed on top.
pub(crate) fn refresh_order(tx: &Transaction<'_>, id: &str, force: bool) -> Result<(), StoreError> {
    let row: Option<(String, String, Option<String>)> = tx
        .query_row("SELECT status, portal_status, portal_assignee FROM orders WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((local, portal, portal_assignee)) = row else { return Ok(()) };
    let overlay: Vec<String> = tx
        .prepare_cached(&format!("SELECT payload FROM outbox WHERE {OVERLAID} AND entity_id = ?1 ORDER BY seq"))?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let (local, portal) = (parse_status(&local)?, parse_status(&portal)?);
    if !force {
        if overlay.is_empty() && crate::lifecycle::rank(portal) >= crate::lifecycle::rank(local) {
            set_status(tx, id, portal)?;
        }
        return Ok(());
    }
    let (mut status, mut assignee) = (portal, portal_assignee);
    for payload in overlay {
        let body: MutationBody = serde_json::from_str(&payload)?;
        // A move the portal's status no longer allows is the portal's to refuse; until it has,
        // the order shows where the portal has it.
        let path = order_path(&body, status);
        if let Ok(moved) = path.iter().try_fold(status, |s, t| t.apply(s)) {
            status = moved;
        }
        if let MutationBody::AssignOrder { assignee: name, .. } = body {
            assignee = Some(name);
        }
    }
    tx.prepare_cached("UPDATE orders SET assignee = ?2 WHERE id = ?1")?.execute(params![id, assignee])?;
    set_status(tx, id, status)?;
    Ok(())
}

/// Shows `status` for an order, with the deadline that status makes due.
pub(crate) fn set_status(tx: &Transaction<'_>, id: &str, status: OrderStatus) -> Result<(), StoreError> {
    let (accept_by, deliver_by) =
        tx.query_row("SELECT accept_by, deliver_by FROM orders WHERE id = ?1", [id], |r| {
            Ok((r.get::<_, DateTime<Utc>>(0)?, r.get::<_, Option<DateTime<Utc>>>(1)?))
        })?;
    tx.prepare_cached("UPDATE orders SET status = ?2, is_open = ?3, due_at = ?4 WHERE id = ?1")?.execute(params![
        id,
        status.as_str(),
        status.is_open(),
        crate::kernel::model::due_at(status, accept_by, deliver_by)
    ])?;
    Ok(())
}

/// The search index rows of the orders a page brings, written in one statement when the page
/// is done. FTS5 flushes what it holds in memory at every statement that writes to it, so one
/// statement per order would write one tiny index segment per order and merge them over and
/// over; one statement per page writes one segment.
#[derive(Debug, Default)]
pub(crate) struct SearchRows {
    /// Classifier code -> "code name_kk name_ru name_en", looked up once per page.
    names: HashMap<String, String>,
    /// A JSON array of `[rowid, order_id, number, participant_name, items, phone, address]`,
    /// one per order; folded for search as they are written.
    rows: String,
}

impl SearchRows {
    fn item_text(&mut self, tx: &Transaction<'_>, code: &str) -> Result<&str, StoreError> {
        if !self.names.contains_key(code) {
            let name: Option<String> = tx
                .prepare_cached("SELECT name_kk || ' ' || name_ru || ' ' || name_en FROM classifier WHERE code = ?1")?
                .query_row([code], |r| r.get(0))
                .optional()?;
            self.names.insert(code.to_owned(), format!("{code} {}", name.unwrap_or_default()));
        }
        Ok(self.names.get(code).map_or("", String::as_str))
    }

    /// Drops what is known of `code` (its names just changed).
    pub(crate) fn forget(&mut self, code: &str) {
        self.names.remove(code);
    }

    /// Writes the collected rows, replacing the index rows of the same orders (an index row
    /// shares its order's rowid).
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut rows = self.rows;
        rows.insert(0, '[');
        rows.push(']');
        tx.prepare_cached(
            "INSERT OR REPLACE INTO orders_fts (rowid, order_id, number, participant_name, items, contact)
             SELECT value ->> 0, value ->> 1, search_number(value ->> 2), search_fold(value ->> 3),
                    search_fold(value ->> 4), search_contact(value ->> 5, value ->> 6)
             FROM json_each(?1)",
        )?
        .execute([rows])?;
        Ok(())
    }
}

/// Stores the portal's view of an order. The portal is authoritative for status, except while
/// a local move of this order is laid over the snapshot ([`OVERLAID`]): then the desk keeps
/// showing the local move until a snapshot includes it or the portal refuses it.
pub(crate) fn upsert_order(
    tx: &Transaction<'_>,
    o: &Order,
    pending: &PendingEntities,
    search: &mut SearchRows,
) -> Result<(), StoreError> {
    let pending = pending.contains(&o.id);
    let rowid: i64 = tx
        .prepare_cached(
            "INSERT INTO orders (id, number, status, portal_status, is_open, participant_id,
                                 participant_name, participant_region, participant_phone,
                                 participant_address, placed_at, accept_by, deliver_by, due_at,
                                 total_tiyn, updated_at, assignee, portal_assignee, refusal_reason,
                                 confirmed_at, paid_tiyn)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?17, ?17, ?18, ?19,
                     -- A payment may come before its order (a first sync reads the latest
                     -- snapshots); what it paid is counted as the order arrives. Later payments
                     -- add to it by the payment lines' trigger.
                     (SELECT coalesce(sum(amount_tiyn), 0) FROM payment_lines WHERE order_id = ?1))
             ON CONFLICT (id) DO UPDATE SET
                 number = excluded.number,
                 portal_status = excluded.portal_status,
                 status = CASE WHEN ?16 THEN orders.status ELSE excluded.status END,
                 is_open = CASE WHEN ?16 THEN orders.is_open ELSE excluded.is_open END,
                 participant_id = excluded.participant_id, participant_name = excluded.participant_name,
                 participant_region = excluded.participant_region,
                 participant_phone = excluded.participant_phone,
                 participant_address = excluded.participant_address,
                 placed_at = excluded.placed_at, accept_by = excluded.accept_by,
                 deliver_by = excluded.deliver_by,
                 due_at = CASE WHEN ?16 THEN orders.due_at ELSE excluded.due_at END,
                 total_tiyn = excluded.total_tiyn, updated_at = excluded.updated_at,
                 -- The assignee follows the portal like the status: kept while a local change
                 -- of the order waits in the outbox.
                 portal_assignee = excluded.portal_assignee,
                 assignee = CASE WHEN ?16 THEN orders.assignee ELSE excluded.assignee END,
                 refusal_reason = excluded.refusal_reason,
                 confirmed_at = excluded.confirmed_at
             RETURNING rowid",
        )?
        .query_row(
            params![
                o.id,
                o.number,
                o.status.as_str(),
                o.status.is_open(),
                o.participant.id,
                o.participant.full_name,
                o.participant.region,
                o.participant.phone,
                o.participant.address,
                o.placed_at,
                o.accept_by,
                o.deliver_by,
                o.due_at(),
                o.total().tiyn(),
                o.updated_at,
                pending,
                o.assignee,
                o.refusal_reason,
                o.confirmed_at
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached("DELETE FROM order_lines WHERE order_id = ?1")?.execute([&o.id])?;
    let mut line = tx.prepare_cached(
        "INSERT INTO order_lines (order_id, line_no, classifier_code, offering_id, quantity, unit_price_tiyn)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut items = String::new();
    for (i, l) in o.lines.iter().enumerate() {
        line.execute(params![o.id, i as i64, l.classifier_code, l.offering_id, l.quantity, l.unit_price.tiyn()])?;
        if !items.is_empty() {
            items.push(' ');
        }
        items.push_str(search.item_text(tx, &l.classifier_code)?);
    }
    if !search.rows.is_empty() {
        search.rows.push(',');
    }
    // Writing into a String cannot fail; the error type is serde_json's all the same.
    search.rows.push_str(&serde_json::to_string(&(
        rowid,
        &o.id,
        &o.number,
        &o.participant.full_name,
        &items,
        &o.participant.phone,
        &o.participant.address,
    ))?);
    Ok(())
}

/// The moves of an order's status that `body` makes from `status`: the one rule for an action
/// taken here and for a mutation replayed over the portal's snapshot (`crate::replica::orders::refresh_order`).
pub(crate) fn order_path(body: &MutationBody, status: OrderStatus) -> &'static [Transition] {
    match body {
        MutationBody::AcceptOrder { .. } => &[Transition::Accept],
        MutationBody::DeclineOrder { .. } => &[Transition::Decline],
        MutationBody::RecordDelivery { .. } => match status {
            OrderStatus::Accepted => &[Transition::StartWork, Transition::Deliver],
            _ => &[Transition::Deliver],
        },
        MutationBody::RecordFitting { .. } => match status {
            OrderStatus::Accepted => &[Transition::StartWork, Transition::StartFitting],
            OrderStatus::Fitting => &[],
            _ => &[Transition::StartFitting],
        },
        MutationBody::RecordReturn { .. } => &[Transition::Return],
        MutationBody::RecordReplacement { .. } => &[Transition::Replace],
        MutationBody::RecordFittingSession { .. }
        | MutationBody::AssignOrder { .. }
        | MutationBody::RecordWarrantyService { .. }
        | MutationBody::CreateOffering { .. }
        | MutationBody::UpdateOffering { .. }
        | MutationBody::ChangeStock { .. } => &[],
    }
}

/// The classifier codes of an order's lines, in line order.
pub(crate) fn line_codes(conn: &Connection, order_id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT classifier_code FROM order_lines WHERE order_id = ?1 ORDER BY line_no")?;
    let rows = stmt.query_map([order_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn order_status(tx: &Transaction<'_>, order_id: &str) -> Result<OrderStatus, ActionError> {
    let status: Option<String> =
        tx.query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| r.get(0)).optional()?;
    let status = status.ok_or_else(|| StoreError::NotFound { entity: "order", id: order_id.to_owned() })?;
    Ok(parse_status(&status)?)
}

/// Moves an order's local status along `path`, refusing moves the lifecycle does not allow.
pub(crate) fn move_order(tx: &Transaction<'_>, order_id: &str, path: &[Transition]) -> Result<(), ActionError> {
    let mut status = order_status(tx, order_id)?;
    for t in path {
        status = t.apply(status).map_err(StoreError::Transition)?;
    }
    set_status(tx, order_id, status)?;
    Ok(())
}

/// The local half of an assignment (called from `apply_locally`).
pub(crate) fn assign(tx: &Transaction<'_>, order_id: &str, assignee: &str) -> Result<(), ActionError> {
    let assignee = assignee.trim();
    if assignee.is_empty() {
        return Err(invalid(
            "assignee",
            Problem::new("assignee_required", "name the member of staff who handles the order"),
        ));
    }
    if assignee.chars().count() > MAX_ASSIGNEE_CHARS {
        return Err(invalid(
            "assignee",
            Problem::new("assignee_too_long", format!("the name is longer than {MAX_ASSIGNEE_CHARS} characters"))
                .with("max", MAX_ASSIGNEE_CHARS),
        ));
    }
    let status = order_status(tx, order_id)?;
    if !status.is_open() {
        return Err(invalid(
            "order",
            Problem::new(
                "assign_closed_order",
                format!("the order is {}; only an open order can be assigned", status.as_str()),
            )
            .with("status", status.as_str()),
        ));
    }
    tx.execute("UPDATE orders SET assignee = ?2 WHERE id = ?1", params![order_id, assignee])?;
    Ok(())
}

//! Orders: placing them, moving them along the lifecycle, reading their wire snapshots.
//!
//! A status is only ever changed by [`apply`], which goes through
//! [`portal_rules::Transition::apply`]: the same forward-only table the desktop app enforces.

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use portal_api::{Entity, Order, OrderCounts, OrderLine, OrderStatus, Participant, StatusCount};
use portal_rules::Transition;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, changes, policy};

/// One line of an order about to be placed.
#[derive(Debug, Clone)]
pub(crate) struct NewLine {
    pub offering_id: String,
    pub classifier_code: String,
    pub quantity: u32,
    pub unit_price_tiyn: i64,
}

/// An order about to be placed by a participant with a supplier.
#[derive(Debug, Clone)]
pub(crate) struct NewOrder {
    pub id: String,
    pub supplier_id: String,
    pub participant_id: String,
    pub lines: Vec<NewLine>,
    pub placed_at: DateTime<Utc>,
}

fn days(n: u32) -> TimeDelta {
    TimeDelta::days(i64::from(n))
}

/// The next human-facing order number, e.g. `SO-2026-000123` (the counter never restarts, the
/// year is the year of placing).
fn next_number(conn: &Connection, placed_at: DateTime<Utc>) -> Result<String, StoreError> {
    let n: i64 = conn.query_row(
        "INSERT INTO counter (name, value) VALUES ('order_number', 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1
         RETURNING value",
        [],
        |r| r.get(0),
    )?;
    Ok(format!("SO-{}-{n:06}", placed_at.year()))
}

/// Places an order (status placed, `accept_by` = placed + the acceptance window) and appends
/// its snapshot to the supplier's feed.
pub(crate) fn place(conn: &Connection, new: &NewOrder) -> Result<Order, StoreError> {
    if new.lines.is_empty() {
        return Err(StoreError::Corrupt(format!("order {} has no lines", new.id)));
    }
    let terms = policy::load(conn)?;
    let accept_by = new.placed_at + days(terms.acceptance_window.days);
    let number = next_number(conn, new.placed_at)?;
    conn.execute(
        "INSERT INTO orders (id, number, supplier_id, participant_id, status, placed_at, accept_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
        params![
            new.id,
            number,
            new.supplier_id,
            new.participant_id,
            OrderStatus::Placed.as_str(),
            new.placed_at,
            accept_by
        ],
    )?;
    for (line_no, line) in (1i64..).zip(&new.lines) {
        conn.execute(
            "INSERT INTO order_line (order_id, line_no, classifier_code, offering_id, quantity, unit_price_tiyn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![new.id, line_no, line.classifier_code, line.offering_id, line.quantity, line.unit_price_tiyn],
        )?;
    }
    let order = load(conn, &new.id)?;
    changes::append(conn, Some(&new.supplier_id), &Entity::Order(order.clone()), new.placed_at)?;
    Ok(order)
}

pub(crate) fn transition_name(t: Transition) -> Result<String, StoreError> {
    match serde_json::to_value(t)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(StoreError::Corrupt(format!("transition serialised as {other}"))),
    }
}

fn parse_status(s: &str) -> Result<OrderStatus, StoreError> {
    OrderStatus::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown order status {s:?}")))
}

/// Moves an order by a lifecycle transition at `at`, records it in the order's history, and
/// appends the new snapshot to the feed. Refuses (with [`StoreError::Transition`]) a move the
/// lifecycle does not allow from the current status.
pub(crate) fn apply(conn: &Connection, order_id: &str, t: Transition, at: DateTime<Utc>) -> Result<Order, StoreError> {
    let (status, supplier_id): (String, String) = conn
        .prepare_cached("SELECT status, supplier_id FROM orders WHERE id = ?1")?
        .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| StoreError::NotFound { kind: "order", id: order_id.to_owned() })?;
    let from = parse_status(&status)?;
    let to = t.apply(from)?;
    let updated = if t == Transition::Accept {
        let terms = policy::load(conn)?;
        conn.prepare_cached(
            "UPDATE orders SET status = ?1, accepted_at = ?2, deliver_by = ?3, updated_at = ?2
             WHERE id = ?4 AND status = ?5",
        )?
        .execute(params![to.as_str(), at, at + days(terms.delivery_term.days), order_id, from.as_str()])?
    } else {
        conn.prepare_cached("UPDATE orders SET status = ?1, updated_at = ?2 WHERE id = ?3 AND status = ?4")?
            .execute(params![to.as_str(), at, order_id, from.as_str()])?
    };
    if updated != 1 {
        return Err(StoreError::Corrupt(format!("order {order_id} changed while it was being moved")));
    }
    conn.prepare_cached(
        "INSERT INTO order_history (order_id, transition, from_status, to_status, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![order_id, transition_name(t)?, from.as_str(), to.as_str(), at])?;
    let order = load(conn, order_id)?;
    changes::append(conn, Some(&supplier_id), &Entity::Order(order.clone()), at)?;
    Ok(order)
}

/// Marks an order as changed at `at` without moving it (a record was added to it, say) and
/// appends its snapshot to the feed.
pub(crate) fn touch(conn: &Connection, order_id: &str, at: DateTime<Utc>) -> Result<Order, StoreError> {
    let supplier_id: String = conn
        .prepare_cached("SELECT supplier_id FROM orders WHERE id = ?1")?
        .query_row([order_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound { kind: "order", id: order_id.to_owned() })?;
    conn.prepare_cached("UPDATE orders SET updated_at = ?1 WHERE id = ?2")?.execute(params![at, order_id])?;
    let order = load(conn, order_id)?;
    changes::append(conn, Some(&supplier_id), &Entity::Order(order.clone()), at)?;
    Ok(order)
}

/// Names who of the supplier's staff handles the order, and appends the order's snapshot.
pub(crate) fn assign(
    conn: &Connection,
    order_id: &str,
    assignee: &str,
    at: DateTime<Utc>,
) -> Result<Order, StoreError> {
    conn.prepare_cached("UPDATE orders SET assignee = ?1 WHERE id = ?2")?.execute(params![assignee, order_id])?;
    touch(conn, order_id, at)
}

/// The participant refuses the item at receipt, saying why; the snapshot carries the reason.
pub(crate) fn refuse(conn: &Connection, order_id: &str, reason: &str, at: DateTime<Utc>) -> Result<Order, StoreError> {
    conn.prepare_cached("UPDATE orders SET refusal_reason = ?1 WHERE id = ?2")?.execute(params![reason, order_id])?;
    apply(conn, order_id, Transition::Refuse, at)
}

/// The wire snapshot of one order.
pub(crate) fn load(conn: &Connection, order_id: &str) -> Result<Order, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.number, o.status, o.placed_at, o.accept_by, o.deliver_by, o.updated_at,
                p.id, p.full_name, p.region, p.phone, p.address, o.assignee, o.refusal_reason,
                (SELECT max(h.at) FROM order_history h WHERE h.order_id = o.id AND h.transition = 'confirm')
         FROM orders o JOIN participant p ON p.id = o.participant_id
         WHERE o.id = ?1",
    )?;
    let mut rows = stmt.query([order_id])?;
    let r = rows.next()?.ok_or_else(|| StoreError::NotFound { kind: "order", id: order_id.to_owned() })?;
    let status: String = r.get(2)?;
    let mut order = Order {
        id: r.get(0)?,
        number: r.get(1)?,
        status: parse_status(&status)?,
        participant: Participant {
            id: r.get(7)?,
            full_name: r.get(8)?,
            region: r.get(9)?,
            phone: r.get(10)?,
            address: r.get(11)?,
        },
        lines: Vec::new(),
        placed_at: r.get(3)?,
        accept_by: r.get(4)?,
        deliver_by: r.get(5)?,
        updated_at: r.get(6)?,
        fitting_sessions: Vec::new(),
        fittings: Vec::new(),
        warranty_services: Vec::new(),
        assignee: r.get(12)?,
        refusal_reason: r.get(13)?,
        confirmed_at: r.get(14)?,
    };
    let mut lines = conn.prepare_cached(
        "SELECT classifier_code, offering_id, quantity, unit_price_tiyn FROM order_line
         WHERE order_id = ?1 ORDER BY line_no",
    )?;
    let rows = lines.query_map([order_id], |r| {
        Ok(OrderLine {
            classifier_code: r.get(0)?,
            offering_id: r.get(1)?,
            quantity: r.get(2)?,
            unit_price_tiyn: r.get(3)?,
        })
    })?;
    order.lines = rows.collect::<Result<_, _>>()?;
    order.fitting_sessions = super::fitting_sessions::wire_of_order(conn, order_id)?;
    order.fittings = super::fittings::wire_of_order(conn, order_id)?;
    order.warranty_services = super::warranty::wire_of_order(conn, order_id)?;
    Ok(order)
}

/// How many of the supplier's orders are in each status (every status listed, in lifecycle
/// order, zeros included).
pub(crate) fn counts(conn: &Connection, supplier_id: &str) -> Result<OrderCounts, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT status, COUNT(*) FROM orders WHERE supplier_id = ?1 GROUP BY status")?;
    let rows = stmt.query_map([supplier_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut by_status: Vec<StatusCount> =
        OrderStatus::ALL.iter().map(|s| StatusCount { status: *s, count: 0 }).collect();
    for row in rows {
        let (status, n) = row?;
        let status = parse_status(&status)?;
        let n = u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative count {n}")))?;
        if let Some(slot) = by_status.iter_mut().find(|c| c.status == status) {
            slot.count = n;
        }
    }
    let total = by_status.iter().map(|c| c.count).sum();
    let open = by_status.iter().filter(|c| c.status.is_open()).map(|c| c.count).sum();
    Ok(OrderCounts { open, total, by_status })
}

/// The classifier codes of an order's lines, in line order.
pub(crate) fn line_codes(conn: &Connection, order_id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT classifier_code FROM order_line WHERE order_id = ?1 ORDER BY line_no")?;
    let rows = stmt.query_map([order_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What the rules need to know of an order before moving it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrderHead {
    pub supplier_id: String,
    pub status: OrderStatus,
    pub placed_at: DateTime<Utc>,
    pub accept_by: DateTime<Utc>,
    /// When it last moved (its placing time when it never moved).
    pub moved_at: DateTime<Utc>,
}

pub(crate) fn head(conn: &Connection, order_id: &str) -> Result<Option<OrderHead>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.supplier_id, o.status, o.placed_at, o.accept_by,
                (SELECT h.at FROM order_history h WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1)
         FROM orders o WHERE o.id = ?1",
    )?;
    let mut rows = stmt.query([order_id])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let status: String = r.get(1)?;
    let placed_at: DateTime<Utc> = r.get(2)?;
    let moved_at: Option<DateTime<Utc>> = r.get(4)?;
    Ok(Some(OrderHead {
        supplier_id: r.get(0)?,
        status: parse_status(&status)?,
        placed_at,
        accept_by: r.get(3)?,
        moved_at: moved_at.unwrap_or(placed_at),
    }))
}

/// Whether some line of the order is of a classifier item that must be fitted.
pub(crate) fn needs_fitting(conn: &Connection, order_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM order_line l JOIN classifier_item c ON c.code = l.classifier_code
                            WHERE l.order_id = ?1 AND c.needs_fitting)",
        )?
        .query_row([order_id], |r| r.get(0))?)
}

/// The ids of the orders in any of `statuses`, in id order (so choices made from them are
/// reproducible).
pub(crate) fn ids_in(conn: &Connection, statuses: &[OrderStatus]) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM orders WHERE status = ?1 ORDER BY id")?;
    let mut out = Vec::new();
    for status in statuses {
        let rows = stmt.query_map([status.as_str()], |r| r.get::<_, String>(0))?;
        for id in rows {
            out.push(id?);
        }
    }
    out.sort();
    Ok(out)
}

/// Placed orders whose acceptance deadline has passed (is before `now`), oldest deadline
/// first.
pub(crate) fn overdue_placed(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, accept_by FROM orders WHERE status = ?1")?;
    let rows = stmt
        .query_map([OrderStatus::Placed.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, DateTime<Utc>>(1)?)))?;
    let mut overdue = Vec::new();
    for row in rows {
        let (id, accept_by) = row?;
        if accept_by < now {
            overdue.push((accept_by, id));
        }
    }
    overdue.sort();
    Ok(overdue.into_iter().map(|(_, id)| id).collect())
}

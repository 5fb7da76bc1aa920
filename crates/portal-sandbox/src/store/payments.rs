//! The paying office's payment orders. A payment covers one or more of a supplier's confirmed
//! orders, each with an amount (all that is owed, or a part); a reversal takes a payment back
//! whole with negative lines. Both are recorded once, never changed, and land in the supplier's
//! change feed. What one line may pay is `portal_rules::payment`.

use chrono::{DateTime, NaiveDate, Utc};
use portal_api::{Entity, OrderStatus, Payment, PaymentKind, PaymentLine};
use portal_rules::Transition;
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, changes, orders};

/// The orders a payment pays, each with an amount (`None`: all still owed for it).
pub(crate) type Lines = Vec<(String, Option<i64>)>;

/// The sum of an order's lines.
pub(crate) fn order_total(conn: &Connection, order_id: &str) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(SUM(quantity * unit_price_tiyn), 0) FROM order_line WHERE order_id = ?1")?
        .query_row([order_id], |r| r.get(0))?)
}

/// What was paid for an order so far, net of reversals.
pub(crate) fn paid_so_far(conn: &Connection, order_id: &str) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT COALESCE(SUM(amount_tiyn), 0) FROM payment_line WHERE order_id = ?1")?
        .query_row([order_id], |r| r.get(0))?)
}

fn next_number(conn: &Connection) -> Result<(String, String), StoreError> {
    let n: i64 = conn.prepare_cached("SELECT COUNT(*) + 1 FROM payment")?.query_row([], |r| r.get(0))?;
    Ok((format!("pay-{n:07}"), format!("{n:07}")))
}

/// Pays `supplier_id` for the orders of `lines` (`None`: all still owed for it) on `paid_on`,
/// recorded at `at`. A confirmed order becomes paid, even in part: the portal marks it paid and
/// the desk sees what is missing. Refused whole when a line breaks the payer's rules, an order is
/// named twice or belongs to another supplier.
pub(crate) fn pay(
    conn: &Connection,
    supplier_id: &str,
    lines: &[(String, Option<i64>)],
    paid_on: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Payment, StoreError> {
    if lines.is_empty() {
        return Err(StoreError::Invalid("a payment covers at least one order".into()));
    }
    let mut wire = Vec::with_capacity(lines.len());
    let mut to_mark = Vec::new();
    for (i, (order_id, amount)) in lines.iter().enumerate() {
        if lines[..i].iter().any(|(o, _)| o == order_id) {
            return Err(StoreError::Invalid(format!("order {order_id} is named twice in one payment")));
        }
        let head = orders::head(conn, order_id)?
            .filter(|h| h.supplier_id == supplier_id)
            .ok_or_else(|| StoreError::NotFound { kind: "order", id: order_id.clone() })?;
        let (total, paid) = (order_total(conn, order_id)?, paid_so_far(conn, order_id)?);
        let amount = amount.unwrap_or_else(|| portal_rules::payment::owed_tiyn(total, paid));
        if let Some((field, message)) = portal_rules::payment::payment_line_problem(head.status, total, paid, amount) {
            return Err(StoreError::Invalid(format!("{field}: order {order_id}: {message}")));
        }
        if head.status == OrderStatus::Confirmed {
            to_mark.push(order_id.clone());
        }
        let number: String =
            conn.prepare_cached("SELECT number FROM orders WHERE id = ?1")?.query_row([order_id], |r| r.get(0))?;
        wire.push(PaymentLine { order_id: order_id.clone(), order_number: number, amount_tiyn: amount });
    }
    let (id, number) = next_number(conn)?;
    let payment = Payment {
        id,
        number,
        kind: PaymentKind::Payment,
        paid_on,
        amount_tiyn: wire.iter().map(|l| l.amount_tiyn).sum(),
        reverses: None,
        lines: wire,
        recorded_at: at,
    };
    insert(conn, supplier_id, &payment)?;
    for order_id in &to_mark {
        orders::apply(conn, order_id, Transition::Pay, at)?;
    }
    Ok(payment)
}

/// Takes payment `payment_id` back whole on `at`'s date. Refused for a reversal, or a payment
/// already taken back.
pub(crate) fn reverse(conn: &Connection, payment_id: &str, at: DateTime<Utc>) -> Result<Payment, StoreError> {
    let (original, supplier_id) = load(conn, payment_id)?;
    if original.kind == PaymentKind::Reversal {
        return Err(StoreError::Invalid(format!("payment {payment_id} is itself a reversal")));
    }
    let taken_back: Option<String> = conn
        .prepare_cached("SELECT number FROM payment WHERE reverses = ?1")?
        .query_row([payment_id], |r| r.get(0))
        .optional()?;
    if let Some(number) = taken_back {
        return Err(StoreError::Invalid(format!("payment {payment_id} was already reversed by {number}")));
    }
    let (id, number) = next_number(conn)?;
    let lines: Vec<PaymentLine> =
        original.lines.iter().map(|l| PaymentLine { amount_tiyn: -l.amount_tiyn, ..l.clone() }).collect();
    let payment = Payment {
        id,
        number,
        kind: PaymentKind::Reversal,
        paid_on: at.date_naive(),
        amount_tiyn: lines.iter().map(|l| l.amount_tiyn).sum(),
        reverses: Some(original.id.clone()),
        lines,
        recorded_at: at,
    };
    insert(conn, &supplier_id, &payment)?;
    conn.prepare_cached("DELETE FROM payment_reversal_due WHERE payment_id = ?1")?.execute([payment_id])?;
    Ok(payment)
}

fn insert(conn: &Connection, supplier_id: &str, p: &Payment) -> Result<(), StoreError> {
    let kind = match p.kind {
        PaymentKind::Payment => "payment",
        PaymentKind::Reversal => "reversal",
    };
    conn.prepare_cached(
        "INSERT INTO payment (id, supplier_id, number, kind, paid_on, amount_tiyn, reverses, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![p.id, supplier_id, p.number, kind, p.paid_on, p.amount_tiyn, p.reverses, p.recorded_at])?;
    let mut line = conn.prepare_cached(
        "INSERT INTO payment_line (payment_id, line_no, order_id, amount_tiyn) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, l) in (0_i64..).zip(&p.lines) {
        line.execute(params![p.id, i, l.order_id, l.amount_tiyn])?;
    }
    changes::append(conn, Some(supplier_id), &Entity::Payment(p.clone()), p.recorded_at)?;
    Ok(())
}

/// A payment and the supplier it paid.
pub(crate) fn load(conn: &Connection, payment_id: &str) -> Result<(Payment, String), StoreError> {
    let head = conn
        .prepare_cached(
            "SELECT supplier_id, number, kind, paid_on, amount_tiyn, reverses, recorded_at FROM payment WHERE id = ?1",
        )?
        .query_row([payment_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, NaiveDate>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, DateTime<Utc>>(6)?,
            ))
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound { kind: "payment", id: payment_id.to_owned() })?;
    let (supplier_id, number, kind, paid_on, amount_tiyn, reverses, recorded_at) = head;
    let kind = match kind.as_str() {
        "payment" => PaymentKind::Payment,
        "reversal" => PaymentKind::Reversal,
        other => return Err(StoreError::Corrupt(format!("unknown payment kind {other:?}"))),
    };
    let lines = conn
        .prepare_cached(
            "SELECT l.order_id, o.number, l.amount_tiyn FROM payment_line l JOIN orders o ON o.id = l.order_id
             WHERE l.payment_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([payment_id], |r| {
            Ok(PaymentLine { order_id: r.get(0)?, order_number: r.get(1)?, amount_tiyn: r.get(2)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let payment =
        Payment { id: payment_id.to_owned(), number, kind, paid_on, amount_tiyn, reverses, lines, recorded_at };
    Ok((payment, supplier_id))
}

/// Every payment, in the order recorded.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Payment>, StoreError> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM payment ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.iter().map(|id| load(conn, id).map(|(p, _)| p)).collect()
}

/// Notes that payment `payment_id` is to be taken back at `due_at` (the simulation's reversals).
pub(crate) fn schedule_reversal(conn: &Connection, payment_id: &str, due_at: DateTime<Utc>) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO payment_reversal_due (payment_id, due_at) VALUES (?1, ?2)")?
        .execute(params![payment_id, due_at])?;
    Ok(())
}

/// The scheduled reversals due at `now`.
pub(crate) fn reversals_due(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT payment_id FROM payment_reversal_due WHERE due_at <= ?1 ORDER BY due_at, payment_id")?
        .query_map([now], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Pays, after the fact, the orders a demo history marked paid: one payment order per supplier
/// and day of payment, a few paid in part (`partial(order_id)`), and a few payments taken back
/// the next day (`reversed(payment_id)`) when that day has come by `now`. Returns how many
/// payments were made.
pub(crate) fn settle_history(
    conn: &Connection,
    now: DateTime<Utc>,
    partial: impl Fn(&str) -> bool,
    reversed: impl Fn(&str) -> bool,
) -> Result<usize, StoreError> {
    let paid: Vec<(String, String, DateTime<Utc>)> = conn
        .prepare(
            "SELECT o.id, o.supplier_id, h.at FROM orders o JOIN order_history h ON h.order_id = o.id
             WHERE o.status = 'paid' AND h.transition = 'pay'
               AND NOT EXISTS (SELECT 1 FROM payment_line l WHERE l.order_id = o.id)
             ORDER BY o.supplier_id, h.at, o.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut made = 0;
    let mut group: Lines = Vec::new();
    let mut last: Option<(String, NaiveDate, DateTime<Utc>)> = None;
    let mut flush = |group: &mut Lines, key: &Option<(String, NaiveDate, DateTime<Utc>)>| {
        let Some((supplier, day, at)) = key else { return Ok::<(), StoreError>(()) };
        if group.is_empty() {
            return Ok(());
        }
        let payment = pay(conn, supplier, group, *day, *at)?;
        made += 1;
        let next_day = *at + chrono::TimeDelta::days(1);
        if reversed(&payment.id) && next_day < now {
            reverse(conn, &payment.id, next_day)?;
        }
        group.clear();
        Ok(())
    };
    for (order_id, supplier_id, at) in paid {
        let day = at.date_naive();
        if last.as_ref().is_some_and(|(s, d, _)| *s != supplier_id || *d != day) {
            flush(&mut group, &last)?;
        }
        let amount = if partial(&order_id) {
            let total = order_total(conn, &order_id)?;
            Some(((total / 100) * 7 / 10 * 100).max(1).min(total))
        } else {
            None
        };
        group.push((order_id, amount));
        last = Some((supplier_id, day, at));
    }
    flush(&mut group, &last)?;
    Ok(made)
}

//! The paying office's payments as the change feed brings them. A payment never changes once
//! recorded, so a snapshot seen again (a feed read twice after a crash) is ignored; the triggers
//! of the schema keep each order's `paid_tiyn`.

use portal_api::{Payment, PaymentKind};
use rusqlite::{Transaction, params};

use crate::kernel::store::StoreError;

pub(crate) fn kind_name(kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::Payment => "payment",
        PaymentKind::Reversal => "reversal",
    }
}

/// Stores a payment and its lines, once.
pub(crate) fn upsert_payment(tx: &Transaction<'_>, p: &Payment) -> Result<(), StoreError> {
    let new = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO payments (id, number, kind, paid_on, amount_tiyn, reverses, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![p.id, p.number, kind_name(p.kind), p.paid_on, p.amount_tiyn, p.reverses, p.recorded_at])?;
    if new == 0 {
        return Ok(());
    }
    let mut line = tx.prepare_cached(
        "INSERT INTO payment_lines (payment_id, line_no, order_id, order_number, amount_tiyn)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, l) in (0_i64..).zip(&p.lines) {
        line.execute(params![p.id, i, l.order_id, l.order_number, l.amount_tiyn])?;
    }
    Ok(())
}

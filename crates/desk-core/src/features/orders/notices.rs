//! What the desk announces on the desktop: orders that arrived since the last announcement, and
//! deadlines that came within 48 hours. Each is announced once: taking the notices moves two
//! watermarks in the same transaction, so a restart neither repeats nor loses one.
//!
//! New orders are found by rowid: an order's row keeps its rowid through every later update
//! (the pull upserts with `ON CONFLICT DO UPDATE`), so rows above the watermark are orders first
//! seen since. The very first check only sets the watermark: a first sync of a large supplier
//! brings thousands of orders that are not news to anyone.
//!
//! A deadline is announced once it is within 48 hours, and remembered per order with the instant
//! it was announced for: an order whose next deadline changes (accepted, so now due for delivery)
//! is announced again when the new one comes near. Orders that arrive with a deadline already
//! near (after a few days offline) are announced too, whatever the last check was.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::features::orders::filter::{SOON, sql_time};
use crate::kernel::store::{Store, StoreError};

/// At most this many orders are named in each list; the counts say how many there are in all.
pub const NAMED: usize = 5;

/// An order a notice names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NoticeOrder {
    pub order_id: String,
    pub number: String,
    #[ts(type = "string | null")]
    pub due_at: Option<DateTime<Utc>>,
}

/// The notices due now. Empty lists mean there is nothing to announce.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Notices {
    /// Placed orders first seen since the last check (at most [`NAMED`], newest first).
    pub new_orders: Vec<NoticeOrder>,
    pub new_orders_total: u32,
    /// Open orders whose next deadline came within 48 hours (at most [`NAMED`], nearest first).
    pub due_soon: Vec<NoticeOrder>,
    pub due_soon_total: u32,
}

impl Notices {
    pub fn is_empty(&self) -> bool {
        self.new_orders_total == 0 && self.due_soon_total == 0
    }
}

impl Store {
    /// The notices due at `now`, marked as given in the same transaction.
    pub fn take_notices(&mut self, now: DateTime<Utc>) -> Result<Notices, StoreError> {
        let tx = self.transaction()?;
        let max_rowid: i64 = tx.query_row("SELECT coalesce(max(rowid), 0) FROM orders", [], |r| r.get(0))?;
        let seen: Option<i64> =
            tx.query_row("SELECT orders_seen_rowid FROM notice_state WHERE id = 1", [], |r| r.get(0)).optional()?;
        let mut notices = Notices::default();
        // The first check only learns which orders exist: a first sync's orders are not news.
        if let Some(seen) = seen {
            let mut new = tx.prepare_cached(
                "SELECT id, number, due_at FROM orders
                 WHERE rowid > ?1 AND status = 'placed' ORDER BY rowid DESC",
            )?;
            let rows = new.query_map([seen], notice_order)?;
            (notices.new_orders, notices.new_orders_total) = first_named(rows)?;
        }
        {
            // `(due_at IS NULL) = 0` lets SQLite walk the inbox index (is_open, due_at IS NULL, due_at).
            let mut due = tx.prepare_cached(
                "SELECT o.id, o.number, o.due_at FROM orders o
                 LEFT JOIN deadline_notices n ON n.order_id = o.id
                 WHERE o.is_open = 1 AND (o.due_at IS NULL) = 0 AND o.due_at > ?1 AND o.due_at <= ?2
                   AND (n.due_at IS NULL OR n.due_at <> o.due_at)
                 ORDER BY o.is_open DESC, o.due_at IS NULL, o.due_at, o.number",
            )?;
            let rows = due.query_map([sql_time(now), sql_time(now + SOON)], notice_order)?;
            (notices.due_soon, notices.due_soon_total) = first_named(rows)?;
        }
        tx.execute(
            "INSERT INTO deadline_notices (order_id, due_at)
             SELECT o.id, o.due_at FROM orders o
             WHERE o.is_open = 1 AND (o.due_at IS NULL) = 0 AND o.due_at > ?1 AND o.due_at <= ?2
             ON CONFLICT (order_id) DO UPDATE SET due_at = excluded.due_at",
            params![sql_time(now), sql_time(now + SOON)],
        )?;
        // Reminders of deadlines that have passed are no longer needed to avoid a repeat.
        tx.execute("DELETE FROM deadline_notices WHERE due_at <= ?1", [sql_time(now)])?;
        tx.execute(
            "INSERT INTO notice_state (id, orders_seen_rowid) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET orders_seen_rowid = excluded.orders_seen_rowid",
            [max_rowid],
        )?;
        tx.commit()?;
        Ok(notices)
    }
}

fn notice_order(r: &rusqlite::Row<'_>) -> rusqlite::Result<NoticeOrder> {
    Ok(NoticeOrder { order_id: r.get(0)?, number: r.get(1)?, due_at: r.get(2)? })
}

/// The first [`NAMED`] orders, and how many there are in all.
fn first_named(
    rows: impl Iterator<Item = rusqlite::Result<NoticeOrder>>,
) -> Result<(Vec<NoticeOrder>, u32), StoreError> {
    let mut named = Vec::new();
    let mut total = 0u32;
    for row in rows {
        let row = row?;
        if named.len() < NAMED {
            named.push(row);
        }
        total = total.saturating_add(1);
    }
    Ok((named, total))
}

//! Today: the first screen of each person, made of the parts of the day their role works on —
//! the manager's orders to accept within 24 hours, what is overdue, money due and received this
//! week and the refused changes; the office's acceptance queue; the workshop's fittings waiting,
//! the nearest first; the courier's own deliveries, by locality. Each part reads an index the inbox already
//! keeps, so the screen stays quick with a large history.

pub mod views;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::kernel::access::{Actor, Command};
use crate::kernel::error::ActionError;
use crate::kernel::store::{Store, StoreError};
use crate::replica::orders::parse_status;
use views::{TodayKind, TodayMoney, TodayRow, TodaySection, TodayView};

impl TodaySection {
    fn new(kind: TodayKind, count: u32, rows: Vec<TodayRow>) -> TodaySection {
        TodaySection { kind, count, rows }
    }
}

/// The most rows a part lists; its count says how many there are.
pub const ROWS_PER_PART: u32 = 50;

/// The settlement an address starts with: the text before its first comma.
pub fn locality(address: &str) -> String {
    address.split(',').next().unwrap_or_default().trim().to_owned()
}

// Open orders with a deadline are asked for as `is_open = 1 AND (due_at IS NULL) = 0`: the terms
// of the inbox's index (`orders_inbox`), so that a range of deadlines is read from it in order.
const ROW: &str = "SELECT id, number, status, participant_name, participant_address, participant_phone, due_at,
                          total_tiyn FROM orders";

impl Store {
    fn today_rows(&self, tail: &str, args: impl rusqlite::Params) -> Result<Vec<TodayRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!("{ROW} {tail}"))?;
        let rows = stmt.query_map(args, |r| {
            let address: String = r.get(4)?;
            Ok((
                r.get::<_, String>(2)?,
                TodayRow {
                    order_id: r.get(0)?,
                    number: r.get(1)?,
                    status: portal_api::OrderStatus::Placed,
                    participant_name: r.get(3)?,
                    locality: locality(&address),
                    address,
                    phone: r.get(5)?,
                    due_at: r.get(6)?,
                    total_tiyn: r.get(7)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (status, mut row) = row?;
            row.status = parse_status(&status)?;
            out.push(row);
        }
        Ok(out)
    }

    fn count_of(&self, sql: &str, args: impl rusqlite::Params) -> Result<u32, StoreError> {
        let n: i64 = self.connection().prepare_cached(sql)?.query_row(args, |r| r.get(0))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The signed-in person's day at `now` (`today` is the date in Kazakhstan).
    pub fn today(&self, actor: &Actor, now: DateTime<Utc>, today: NaiveDate) -> Result<TodayView, ActionError> {
        actor.require(Command::Today)?;
        Ok(self.today_view(actor, now, today)?)
    }

    fn today_view(&self, actor: &Actor, now: DateTime<Utc>, today: NaiveDate) -> Result<TodayView, StoreError> {
        let allows = |c| actor.role().allows(c);
        let limit = ROWS_PER_PART;
        let mut sections = Vec::new();
        let manages = allows(Command::Money);
        if allows(Command::OrderAccept) {
            if manages && allows(Command::StaffManage) {
                let soon = now + TimeDelta::hours(24);
                let rows = self.today_rows(
                    "WHERE is_open = 1 AND (due_at IS NULL) = 0 AND status = 'placed' AND due_at >= ?1 AND due_at < ?2
                     ORDER BY due_at, number LIMIT ?3",
                    rusqlite::params![now, soon, limit],
                )?;
                let count = self.count_of(
                    "SELECT count(*) FROM orders WHERE is_open = 1 AND (due_at IS NULL) = 0 AND status = 'placed' AND due_at >= ?1 AND due_at < ?2",
                    rusqlite::params![now, soon],
                )?;
                sections.push(TodaySection::new(TodayKind::AcceptSoon, count, rows));
            } else {
                let rows = self.today_rows(
                    "WHERE is_open = 1 AND (due_at IS NULL) = 0 AND status = 'placed' ORDER BY due_at, number LIMIT ?1",
                    rusqlite::params![limit],
                )?;
                // Counted once until the orders change, as the inbox's totals are.
                let count = self.cached_total("today: placed orders", || {
                    let n: i64 = self
                        .connection()
                        .prepare_cached("SELECT count(*) FROM orders WHERE is_open = 1 AND status = 'placed'")?
                        .query_row([], |r| r.get(0))?;
                    Ok(u64::try_from(n).unwrap_or(0))
                })?;
                let count = u32::try_from(count).unwrap_or(u32::MAX);
                sections.push(TodaySection::new(TodayKind::AcceptQueue, count, rows));
            }
            let rows = self.today_rows(
                "WHERE is_open = 1 AND (due_at IS NULL) = 0 AND due_at < ?1 ORDER BY due_at, number LIMIT ?2",
                rusqlite::params![now, limit],
            )?;
            let count = self.count_of(
                "SELECT count(*) FROM orders WHERE is_open = 1 AND (due_at IS NULL) = 0 AND due_at < ?1",
                [now],
            )?;
            sections.push(TodaySection::new(TodayKind::Overdue, count, rows));
        }
        if allows(Command::WorkshopQueue) && !manages {
            // The whole queue, the nearest deadline first: a technician's day is never empty
            // while fittings wait, and the urgent ones lead.
            let queued = "needs_fitting AND status IN ('accepted', 'in_work', 'fitting') AND NOT fitted";
            let rows = self.today_rows(
                &format!("WHERE {queued} ORDER BY due_at IS NULL, due_at, number LIMIT ?1"),
                rusqlite::params![limit],
            )?;
            let count = self.cached_total("today: fittings waiting", || {
                let n: i64 = self
                    .connection()
                    .prepare_cached(&format!("SELECT count(*) FROM orders WHERE {queued}"))?
                    .query_row([], |r| r.get(0))?;
                Ok(u64::try_from(n).unwrap_or(0))
            })?;
            sections.push(TodaySection::new(TodayKind::Fittings, u32::try_from(count).unwrap_or(u32::MAX), rows));
        }
        if allows(Command::DeliveryRecord) && !allows(Command::OrderAccept) {
            // Every delivery assigned to the person, by locality (the assignee's index).
            let mine =
                "assignee = ?1 AND is_open = 1 AND status IN ('accepted', 'in_work', 'fitting', 'refused_at_receipt')";
            let mut rows = self.today_rows(
                &format!("WHERE {mine} ORDER BY due_at, number LIMIT ?2"),
                rusqlite::params![actor.username(), limit],
            )?;
            let count = self
                .count_of(&format!("SELECT count(*) FROM orders WHERE {mine}"), rusqlite::params![actor.username()])?;
            // A round goes locality by locality, the nearest deadline first within each.
            rows.sort_by(|a, b| a.locality.cmp(&b.locality).then(a.due_at.cmp(&b.due_at)));
            sections.push(TodaySection::new(TodayKind::Deliveries, count, rows));
        }
        let money = if manages { Some(self.today_money(today)?) } else { None };
        let conflicts = if allows(Command::ConflictsList) {
            Some(self.count_of("SELECT count(*) FROM outbox WHERE state = 'rejected' AND resolved_at IS NULL", [])?)
        } else {
            None
        };
        Ok(TodayView { sections, money, conflicts })
    }

    fn today_money(&self, today: NaiveDate) -> Result<TodayMoney, StoreError> {
        let (due_this_week_tiyn, late_tiyn) = self.owed_this_week(today)?;
        let since = today - TimeDelta::days(7);
        let received_this_week_tiyn: i64 = self
            .connection()
            .prepare_cached("SELECT coalesce(sum(amount_tiyn), 0) FROM payments WHERE paid_on > ?1 AND paid_on <= ?2")?
            .query_row(rusqlite::params![since, today], |r| r.get(0))?;
        Ok(TodayMoney { due_this_week_tiyn, late_tiyn, received_this_week_tiyn })
    }
}

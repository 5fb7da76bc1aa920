//! Money: what the supplier is owed and was paid. Delivered and confirmed orders not yet paid in
//! full are owed, aged against the policy's payment term from the confirmation of receipt;
//! payments arrive from the portal (`replica::payments`) and each order's net `paid_tiyn` is kept
//! by triggers, so one partial index (`orders_money`) finds every order that matters here.
//! Orders whose payments do not match them are flagged; the claim letter lists the late ones.

pub mod views;

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta};
use portal_api::OrderStatus;
use rusqlite::params;

use crate::kernel::access::{Actor, Command};
use crate::kernel::error::ActionError;
use crate::kernel::store::{Store, StoreError};
use crate::replica::orders::parse_status;
use views::{
    AgeBucket, BucketTotal, Discrepancy, FlaggedOrder, MoneyView, MonthTotal, OrderPayment, OwedOrder, PaymentKindView,
    PaymentLineView, PaymentView,
};

/// The most payments the Money screen lists (the latest): a year of a busy supplier's batches.
pub const PAYMENTS_LISTED: u32 = 60;

/// The most owed orders listed per age (the most overdue first); the totals count them all.
pub const OWED_LISTED_PER_AGE: usize = 200;
/// The most orders with differences listed.
pub const FLAGGED_LISTED: usize = 500;

/// One order that matters to money, as the first pass reads it: no text but its status, so that
/// a large history is aged without reading every name.
struct MoneyHead {
    rowid: i64,
    status: OrderStatus,
    total_tiyn: i64,
    paid_tiyn: i64,
    /// The date receipt was confirmed (UTC), for confirmed and paid orders.
    confirmed_on: Option<NaiveDate>,
}

/// An owed order aged on a day.
struct Aged<'a> {
    head: &'a MoneyHead,
    owed_tiyn: i64,
    confirmed_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    days_late: i64,
    bucket: AgeBucket,
}

/// What the second pass reads of a listed order.
struct MoneyText {
    order_id: String,
    number: String,
    participant_name: String,
    region: String,
}

fn kind_view(kind: &str) -> PaymentKindView {
    if kind == "reversal" { PaymentKindView::Reversal } else { PaymentKindView::Payment }
}

/// Where an owed order stands on `today` under a payment term of `term_days`: confirmed on, due
/// on, days late, age.
fn age(
    head: &MoneyHead,
    term_days: Option<u32>,
    today: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>, i64, AgeBucket) {
    if matches!(head.status, OrderStatus::Delivered | OrderStatus::Replaced) {
        return (None, None, 0, AgeBucket::AwaitingConfirmation);
    }
    let Some(confirmed_on) = head.confirmed_on else { return (None, None, 0, AgeBucket::WithinTerm) };
    let Some(term) = term_days else { return (Some(confirmed_on), None, 0, AgeBucket::WithinTerm) };
    let due_on = confirmed_on.checked_add_signed(TimeDelta::days(i64::from(term))).unwrap_or(confirmed_on);
    let days_late = (today - due_on).num_days().max(0);
    (Some(confirmed_on), Some(due_on), days_late, AgeBucket::of_days_late(days_late))
}

/// How an order's payments differ from it, before asking whether one was reversed.
fn difference(head: &MoneyHead) -> Option<Discrepancy> {
    let (paid, total) = (head.paid_tiyn, head.total_tiyn);
    match head.status {
        OrderStatus::Delivered | OrderStatus::Replaced if paid > 0 => Some(Discrepancy::PaidNotConfirmed),
        OrderStatus::Confirmed | OrderStatus::Paid if paid > total => Some(Discrepancy::Overpaid),
        OrderStatus::Paid if paid == 0 => Some(Discrepancy::PaidWithoutPayment),
        OrderStatus::Paid | OrderStatus::Confirmed if paid > 0 && paid < total => Some(Discrepancy::Partial),
        _ => None,
    }
}

impl Store {
    /// Every order that matters to money: not paid exactly its amount, or awaiting payment. Those
    /// awaiting confirmation are read from the index alone (no date matters for them); the
    /// confirmed and paid ones with the date the payment term runs from. `dated_only` skips the
    /// former.
    fn money_heads(&self, dated_only: bool) -> Result<Vec<MoneyHead>, StoreError> {
        let mut out = Vec::new();
        if !dated_only {
            let mut stmt = self.connection().prepare_cached(
                "SELECT o.rowid, o.status, o.total_tiyn, o.paid_tiyn FROM orders o INDEXED BY orders_money
                 WHERE (o.status IN ('delivered', 'replaced', 'confirmed') OR (o.status = 'paid' AND o.paid_tiyn <> o.total_tiyn))
                   AND o.status IN ('delivered', 'replaced')",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let status = parse_status(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?;
                out.push(MoneyHead {
                    rowid: r.get(0)?,
                    status,
                    total_tiyn: r.get(2)?,
                    paid_tiyn: r.get(3)?,
                    confirmed_on: None,
                });
            }
        }
        let mut stmt = self.connection().prepare_cached(
            "SELECT o.rowid, o.status, o.total_tiyn, o.paid_tiyn,
                    date(coalesce(o.confirmed_at,
                        (SELECT min(e.at) FROM order_events e WHERE e.order_id = o.id AND e.status = 'confirmed'),
                        o.updated_at))
             FROM orders o INDEXED BY orders_money
             WHERE (o.status IN ('delivered', 'replaced', 'confirmed') OR (o.status = 'paid' AND o.paid_tiyn <> o.total_tiyn))
               AND o.status IN ('confirmed', 'paid')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let status = parse_status(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?)?;
            let confirmed_on = match r.get_ref(4)?.as_str_or_null().map_err(rusqlite::Error::from)? {
                Some(d) => Some(
                    NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .map_err(|_| StoreError::UnknownValue { column: "orders.confirmed_at", value: d.to_owned() })?,
                ),
                None => None,
            };
            out.push(MoneyHead { rowid: r.get(0)?, status, total_tiyn: r.get(2)?, paid_tiyn: r.get(3)?, confirmed_on });
        }
        Ok(out)
    }

    /// What is owed and due from `today` to a week ahead, and what is owed and late: what Today
    /// shows of money, from the confirmed and paid orders alone.
    pub(crate) fn owed_this_week(&self, today: NaiveDate) -> Result<(i64, i64), StoreError> {
        let term = self.policy()?.map(|p| p.payment_term.days);
        let week = today + TimeDelta::days(7);
        let (mut due, mut late) = (0, 0);
        for h in self.money_heads(true)? {
            let owed = portal_api::owed_tiyn(h.total_tiyn, h.paid_tiyn);
            let (_, due_on, _, bucket) = age(&h, term, today);
            if bucket.is_late() {
                late += owed;
            } else if due_on.is_some_and(|d| d >= today && d <= week) {
                due += owed;
            }
        }
        Ok((due, late))
    }

    fn money_text(&self, rowid: i64) -> Result<MoneyText, StoreError> {
        Ok(self
            .connection()
            .prepare_cached("SELECT id, number, participant_name, participant_region FROM orders WHERE rowid = ?1")?
            .query_row([rowid], |r| {
                Ok(MoneyText { order_id: r.get(0)?, number: r.get(1)?, participant_name: r.get(2)?, region: r.get(3)? })
            })?)
    }

    /// The payment orders that touched an order, oldest first: number and kind.
    fn payments_of(&self, order_id: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT p.number, p.kind FROM payment_lines l JOIN payments p ON p.id = l.payment_id
             WHERE l.order_id = ?1 ORDER BY p.paid_on, p.number",
        )?;
        let rows = stmt.query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// What is owed (aged on `today`), what was paid, and what does not match.
    pub fn money(&self, actor: &Actor, today: NaiveDate) -> Result<MoneyView, ActionError> {
        actor.require(Command::Money)?;
        Ok(self.money_view(today)?)
    }

    /// The Money view without the role check, for screens that already checked theirs.
    pub(crate) fn money_view(&self, today: NaiveDate) -> Result<MoneyView, StoreError> {
        let term = self.policy()?.map(|p| p.payment_term.days);
        let heads = self.money_heads(false)?;
        // Every owed order is aged and counted; the most overdue of each age are listed.
        let mut aged: Vec<Aged<'_>> = heads
            .iter()
            .filter_map(|head| {
                let owed_tiyn = portal_api::owed_tiyn(head.total_tiyn, head.paid_tiyn);
                (owed_tiyn > 0).then(|| {
                    let (confirmed_on, due_on, days_late, bucket) = age(head, term, today);
                    Aged { head, owed_tiyn, confirmed_on, due_on, days_late, bucket }
                })
            })
            .collect();
        aged.sort_by(|a, b| {
            b.days_late.cmp(&a.days_late).then(a.due_on.cmp(&b.due_on)).then(a.head.rowid.cmp(&b.head.rowid))
        });
        let buckets: Vec<BucketTotal> = AgeBucket::ALL
            .iter()
            .map(|b| {
                let of = aged.iter().filter(|a| a.bucket == *b);
                let (orders, owed_tiyn) =
                    of.fold((0_u32, 0_i64), |(n, sum), a| (n.saturating_add(1), sum + a.owed_tiyn));
                BucketTotal { bucket: *b, orders, owed_tiyn }
            })
            .collect();
        let mut listed_per_age = [0_usize; AgeBucket::ALL.len()];
        let mut owed = Vec::new();
        for a in &aged {
            let slot = AgeBucket::ALL.iter().position(|b| *b == a.bucket).unwrap_or(0);
            if listed_per_age[slot] >= OWED_LISTED_PER_AGE {
                continue;
            }
            listed_per_age[slot] += 1;
            let text = self.money_text(a.head.rowid)?;
            owed.push(OwedOrder {
                order_id: text.order_id,
                number: text.number,
                participant_name: text.participant_name,
                region: text.region,
                status: a.head.status,
                total_tiyn: a.head.total_tiyn,
                paid_tiyn: a.head.paid_tiyn,
                owed_tiyn: a.owed_tiyn,
                confirmed_on: a.confirmed_on,
                due_on: a.due_on,
                days_late: a.days_late,
                bucket: a.bucket,
            });
        }
        let mut flagged = Vec::new();
        for h in heads.iter().filter(|h| difference(h).is_some()).take(FLAGGED_LISTED) {
            let Some(first) = difference(h) else { continue };
            let text = self.money_text(h.rowid)?;
            let payments = self.payments_of(&text.order_id)?;
            // Less than the amount after a payment was taken back reads as reversed, not partial.
            let reversed = payments.iter().any(|(_, kind)| kind == "reversal");
            let discrepancy = match first {
                Discrepancy::Partial | Discrepancy::PaidWithoutPayment if reversed => Discrepancy::Reversed,
                other => other,
            };
            flagged.push(FlaggedOrder {
                order_id: text.order_id,
                number: text.number,
                participant_name: text.participant_name,
                status: h.status,
                total_tiyn: h.total_tiyn,
                paid_tiyn: h.paid_tiyn,
                discrepancy,
                payments: payments.into_iter().map(|(n, _)| n).collect(),
            });
        }
        flagged.sort_by(|a, b| a.number.cmp(&b.number));
        Ok(MoneyView {
            today,
            payment_term_days: term,
            owed_total_tiyn: aged.iter().map(|a| a.owed_tiyn).sum(),
            buckets,
            owed,
            flagged,
            payments: self.payments_listed(PAYMENTS_LISTED)?,
            months: self.payment_months()?,
        })
    }

    /// The latest `limit` payments with their lines.
    fn payments_listed(&self, limit: u32) -> Result<Vec<PaymentView>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT p.id, p.number, p.kind, p.paid_on, p.amount_tiyn,
                    (SELECT r.number FROM payments r WHERE r.id = p.reverses)
             FROM payments p ORDER BY p.paid_on DESC, p.number DESC LIMIT ?1",
        )?;
        let heads = stmt
            .query_map([limit], |r| {
                Ok(PaymentView {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    kind: kind_view(&r.get::<_, String>(2)?),
                    paid_on: r.get(3)?,
                    amount_tiyn: r.get(4)?,
                    reverses_number: r.get(5)?,
                    lines: Vec::new(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut lines = self.connection().prepare_cached(
            "SELECT order_id, order_number, amount_tiyn FROM payment_lines WHERE payment_id = ?1 ORDER BY line_no",
        )?;
        let mut out = Vec::with_capacity(heads.len());
        for mut p in heads {
            p.lines = lines
                .query_map([&p.id], |r| {
                    Ok(PaymentLineView { order_id: r.get(0)?, order_number: r.get(1)?, amount_tiyn: r.get(2)? })
                })?
                .collect::<Result<_, _>>()?;
            out.push(p);
        }
        Ok(out)
    }

    /// Received and taken back per month, the last twelve months with a payment.
    fn payment_months(&self) -> Result<Vec<MonthTotal>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT substr(paid_on, 1, 7) AS month,
                    coalesce(sum(CASE WHEN amount_tiyn > 0 THEN amount_tiyn END), 0),
                    coalesce(sum(CASE WHEN amount_tiyn < 0 THEN amount_tiyn END), 0),
                    count(*)
             FROM payments GROUP BY month ORDER BY month DESC LIMIT 12",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MonthTotal { month: r.get(0)?, paid_tiyn: r.get(1)?, reversed_tiyn: r.get(2)?, payments: r.get(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The payments that touched one order, oldest first.
    pub(crate) fn order_payments(&self, order_id: &str) -> Result<Vec<OrderPayment>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT p.number, p.kind, p.paid_on, l.amount_tiyn FROM payment_lines l JOIN payments p ON p.id = l.payment_id
             WHERE l.order_id = ?1 ORDER BY p.paid_on, p.number",
        )?;
        let rows = stmt.query_map(params![order_id], |r| {
            Ok(OrderPayment {
                number: r.get(0)?,
                kind: kind_view(&r.get::<_, String>(1)?),
                paid_on: r.get(2)?,
                amount_tiyn: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The owed orders late on `today`, most overdue first: what the claim letter lists.
    pub fn late_orders(&self, actor: &Actor, today: NaiveDate) -> Result<Vec<OwedOrder>, ActionError> {
        actor.require(Command::Money)?;
        Ok(self.money_view(today)?.owed.into_iter().filter(|o| o.bucket.is_late()).collect())
    }
}

/// Owed money per bucket, as a map (for tests and the Today screen).
pub fn by_bucket(view: &MoneyView) -> HashMap<AgeBucket, i64> {
    view.buckets.iter().map(|b| (b.bucket, b.owed_tiyn)).collect()
}

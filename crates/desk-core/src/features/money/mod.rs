//! Money: what the supplier is owed and was paid. Delivered and confirmed orders not yet paid in
//! full are owed, aged against the policy's payment term from the confirmation of receipt;
//! payments arrive from the portal (`replica::payments`) and each order's net `paid_tiyn` is kept
//! by triggers, so one partial index (`orders_money`) finds every order that matters here.
//! Orders whose payments do not match them are flagged; the claim letter lists the late ones.

pub mod views;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
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

/// One order that matters to money, as read from the store.
struct MoneyRow {
    order_id: String,
    number: String,
    participant_name: String,
    region: String,
    status: OrderStatus,
    total_tiyn: i64,
    paid_tiyn: i64,
    updated_at: DateTime<Utc>,
    confirmed_at: Option<DateTime<Utc>>,
}

fn kind_view(kind: &str) -> PaymentKindView {
    if kind == "reversal" { PaymentKindView::Reversal } else { PaymentKindView::Payment }
}

/// Where an owed order stands on `today` under a payment term of `term_days`.
fn age(
    row: &MoneyRow,
    term_days: Option<u32>,
    today: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>, i64, AgeBucket) {
    if matches!(row.status, OrderStatus::Delivered | OrderStatus::Replaced) {
        return (None, None, 0, AgeBucket::AwaitingConfirmation);
    }
    let confirmed_on = row.confirmed_at.unwrap_or(row.updated_at).date_naive();
    let Some(term) = term_days else { return (Some(confirmed_on), None, 0, AgeBucket::WithinTerm) };
    let due_on = confirmed_on.checked_add_signed(TimeDelta::days(i64::from(term))).unwrap_or(confirmed_on);
    let days_late = (today - due_on).num_days().max(0);
    (Some(confirmed_on), Some(due_on), days_late, AgeBucket::of_days_late(days_late))
}

impl Store {
    /// Every order that matters to money: not paid exactly its amount, or awaiting payment.
    fn money_rows(&self) -> Result<Vec<MoneyRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT o.id, o.number, o.participant_name, o.participant_region, o.status, o.total_tiyn,
                    o.paid_tiyn, o.updated_at,
                    coalesce(o.confirmed_at,
                             (SELECT min(e.at) FROM order_events e WHERE e.order_id = o.id AND e.status = 'confirmed'))
             FROM orders o INDEXED BY orders_money
             WHERE (o.paid_tiyn <> o.total_tiyn OR o.status IN ('delivered', 'replaced', 'confirmed'))
               AND o.status IN ('delivered', 'replaced', 'confirmed', 'paid')",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                MoneyRow {
                    order_id: r.get(0)?,
                    number: r.get(1)?,
                    participant_name: r.get(2)?,
                    region: r.get(3)?,
                    status: OrderStatus::Placed,
                    total_tiyn: r.get(5)?,
                    paid_tiyn: r.get(6)?,
                    updated_at: r.get(7)?,
                    confirmed_at: r.get(8)?,
                },
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, status) = row?;
            row.status = parse_status(&status)?;
            out.push(row);
        }
        Ok(out)
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
        let mut owed = Vec::new();
        let mut flagged = Vec::new();
        for row in self.money_rows()? {
            let owed_tiyn = portal_api::owed_tiyn(row.total_tiyn, row.paid_tiyn);
            let discrepancy = self.discrepancy(&row)?;
            if let Some(d) = discrepancy {
                flagged.push(FlaggedOrder {
                    order_id: row.order_id.clone(),
                    number: row.number.clone(),
                    participant_name: row.participant_name.clone(),
                    status: row.status,
                    total_tiyn: row.total_tiyn,
                    paid_tiyn: row.paid_tiyn,
                    discrepancy: d,
                    payments: self.payments_of(&row.order_id)?.into_iter().map(|(n, _)| n).collect(),
                });
            }
            if owed_tiyn > 0 {
                let (confirmed_on, due_on, days_late, bucket) = age(&row, term, today);
                owed.push(OwedOrder {
                    order_id: row.order_id,
                    number: row.number,
                    participant_name: row.participant_name,
                    region: row.region,
                    status: row.status,
                    total_tiyn: row.total_tiyn,
                    paid_tiyn: row.paid_tiyn,
                    owed_tiyn,
                    confirmed_on,
                    due_on,
                    days_late,
                    bucket,
                });
            }
        }
        owed.sort_by(|a, b| b.days_late.cmp(&a.days_late).then(a.due_on.cmp(&b.due_on)).then(a.number.cmp(&b.number)));
        flagged.sort_by(|a, b| a.number.cmp(&b.number));
        let buckets = AgeBucket::ALL
            .iter()
            .map(|b| {
                let of: Vec<&OwedOrder> = owed.iter().filter(|o| o.bucket == *b).collect();
                BucketTotal {
                    bucket: *b,
                    orders: u32::try_from(of.len()).unwrap_or(u32::MAX),
                    owed_tiyn: of.iter().map(|o| o.owed_tiyn).sum(),
                }
            })
            .collect();
        Ok(MoneyView {
            today,
            payment_term_days: term,
            owed_total_tiyn: owed.iter().map(|o| o.owed_tiyn).sum(),
            buckets,
            owed,
            flagged,
            payments: self.payments_listed(PAYMENTS_LISTED)?,
            months: self.payment_months()?,
        })
    }

    fn discrepancy(&self, row: &MoneyRow) -> Result<Option<Discrepancy>, StoreError> {
        let reversed = || -> Result<bool, StoreError> {
            Ok(self.payments_of(&row.order_id)?.iter().any(|(_, kind)| kind == "reversal"))
        };
        Ok(match row.status {
            OrderStatus::Delivered | OrderStatus::Replaced if row.paid_tiyn > 0 => Some(Discrepancy::PaidNotConfirmed),
            OrderStatus::Confirmed | OrderStatus::Paid if row.paid_tiyn > row.total_tiyn => Some(Discrepancy::Overpaid),
            OrderStatus::Paid | OrderStatus::Confirmed if row.paid_tiyn < row.total_tiyn && reversed()? => {
                Some(Discrepancy::Reversed)
            }
            OrderStatus::Paid if row.paid_tiyn == 0 => Some(Discrepancy::PaidWithoutPayment),
            OrderStatus::Paid | OrderStatus::Confirmed if row.paid_tiyn > 0 && row.paid_tiyn < row.total_tiyn => {
                Some(Discrepancy::Partial)
            }
            _ => None,
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

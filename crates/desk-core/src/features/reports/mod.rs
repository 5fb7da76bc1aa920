//! Reports for the manager and the office: orders received per week or month and where they
//! stand now, revenue confirmed against money paid per month, revenue by category, region and
//! item, the share accepted in time and delivered within the term, and why orders were declined.
//!
//! Days are Kazakhstan's (UTC+5): an order placed at 20:00 UTC on the last day of a month
//! belongs to the next one. Each figure is one pass over an index with GROUP BY by the day (in
//! the index's order, so nothing is sorted); the days are gathered into weeks and months here,
//! and periods without orders are filled in, so the charts have no gaps.

pub mod export;
pub mod monthly;
pub mod views;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use portal_api::{Category, OrderStatus};
use rusqlite::params;

use crate::kernel::access::{Actor, Command};
use crate::kernel::error::{ActionError, Problem, invalid};
use crate::kernel::store::{Store, StoreError};
use views::{
    CategoryRevenue, DeclineReason, PeriodOrders, RegionRevenue, Report, ReportGrain, ReportQuery, RevenueMonth, Share,
    TopItem,
};

/// The most top items a report lists.
pub const TOP_ITEMS: usize = 10;

/// The longest span a report covers: ten years of weeks stay a readable chart and a quick query.
pub const MAX_DAYS: i64 = 3660;

/// Kazakhstan's offset from UTC (one zone since 2024), as SQLite's date modifier. The indexes of
/// `V22_REPORTS` repeat it: a query must spell the day exactly as its index does.
const KZ_MODIFIER: &str = "+5 hours";

/// Whether the supplier accepted the order, short of a cancellation: accepted and everything the
/// lifecycle moves it to afterwards.
fn is_accepted_or_further(status: OrderStatus) -> bool {
    use OrderStatus as S;
    matches!(
        status,
        S::Accepted
            | S::InWork
            | S::Fitting
            | S::Delivered
            | S::Confirmed
            | S::Paid
            | S::RefusedAtReceipt
            | S::Returned
            | S::Replaced
    )
}

/// Any cancelled status: by the participant, automatically, or by the portal.
fn is_cancelled(status: OrderStatus) -> bool {
    use OrderStatus as S;
    matches!(status, S::CancelledByParticipant | S::CancelledAutomatically | S::Cancelled)
}

/// The first day of the week (Monday) or month holding `day`.
pub fn period_start(day: NaiveDate, grain: ReportGrain) -> NaiveDate {
    match grain {
        ReportGrain::Week => day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday())),
        ReportGrain::Month => day.with_day(1).unwrap_or(day),
    }
}

/// The first day of every period from the one holding `from` to the one holding `to`.
fn period_starts(from: NaiveDate, to: NaiveDate, grain: ReportGrain) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut at = period_start(from, grain);
    while at <= to {
        out.push(at);
        let next = match grain {
            ReportGrain::Week => at.checked_add_signed(TimeDelta::days(7)),
            ReportGrain::Month => at.checked_add_months(Months::new(1)),
        };
        match next {
            Some(n) => at = n,
            None => break,
        }
    }
    out
}

fn month_key(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

fn parse_day(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::UnknownValue { column: "orders.placed_at", value: text.to_owned() })
}

/// What a day's confirmed orders of one region add up to.
struct ConfirmedDay {
    day: NaiveDate,
    region: String,
    orders: i64,
    tiyn: i64,
}

impl Store {
    /// The report over `query`'s days, for the manager and the office.
    pub fn report(&self, actor: &Actor, query: ReportQuery) -> Result<Report, ActionError> {
        actor.require(Command::Reports)?;
        if query.to < query.from {
            return Err(invalid("to", Problem::new("report_range", "The end of the period is before its start.")));
        }
        if (query.to - query.from).num_days() > MAX_DAYS {
            return Err(invalid(
                "to",
                Problem::new("report_too_long", "A report covers at most ten years.").with("days", MAX_DAYS),
            ));
        }
        Ok(self.report_view(query)?)
    }

    fn report_view(&self, query: ReportQuery) -> Result<Report, StoreError> {
        let periods = self.report_periods(query)?;
        let accepted: i64 = periods.iter().map(|p| p.accepted).sum();
        let auto: i64 = periods.iter().map(|p| p.cancelled_automatically).sum();
        let confirmed = self.report_confirmed_days(query)?;
        let (by_category, top_items) = self.report_items(query)?;
        Ok(Report {
            query,
            months: self.report_months(query, &confirmed)?,
            by_category,
            by_region: by_region(&confirmed),
            accepted_in_time: Share { part: accepted, whole: accepted + auto },
            delivered_in_term: self.report_delivered_in_term(query)?,
            decline_reasons: self.report_decline_reasons(query)?,
            top_items,
            periods,
        })
    }

    /// Orders placed per period by where they stand now: counted per day and status in the
    /// order of the index on the day (`orders_placed_day`, no sort), then gathered into weeks or
    /// months here (cheaper than testing each order's status against lists in SQL).
    fn report_periods(&self, query: ReportQuery) -> Result<Vec<PeriodOrders>, StoreError> {
        let sql = format!(
            "SELECT date(placed_at, '{KZ_MODIFIER}'), status, count(*) FROM orders
             WHERE date(placed_at, '{KZ_MODIFIER}') BETWEEN ?1 AND ?2
             GROUP BY date(placed_at, '{KZ_MODIFIER}'), status"
        );
        let mut periods: Vec<PeriodOrders> = period_starts(query.from, query.to, query.grain)
            .into_iter()
            .map(|starts_on| PeriodOrders {
                starts_on,
                received: 0,
                accepted: 0,
                declined: 0,
                cancelled: 0,
                cancelled_automatically: 0,
            })
            .collect();
        let index: HashMap<NaiveDate, usize> = periods.iter().enumerate().map(|(i, p)| (p.starts_on, i)).collect();
        let mut stmt = self.connection().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![query.from, query.to])?;
        while let Some(r) = rows.next()? {
            let day = parse_day(&r.get::<_, String>(0)?)?;
            let status = r.get::<_, String>(1)?;
            let n = r.get::<_, i64>(2)?;
            let Some(p) = index.get(&period_start(day, query.grain)).and_then(|&i| periods.get_mut(i)) else {
                continue;
            };
            p.received += n;
            match OrderStatus::parse(&status) {
                Some(OrderStatus::DeclinedBySupplier) => p.declined += n,
                Some(OrderStatus::CancelledAutomatically) => {
                    p.cancelled += n;
                    p.cancelled_automatically += n;
                }
                Some(s) if is_cancelled(s) => p.cancelled += n,
                Some(s) if is_accepted_or_further(s) => p.accepted += n,
                _ => {}
            }
        }
        Ok(periods)
    }

    /// Confirmed orders per day of confirmation and region, in the order of their partial index
    /// (`orders_confirmed_day`): what the revenue per month and per region are gathered from.
    fn report_confirmed_days(&self, query: ReportQuery) -> Result<Vec<ConfirmedDay>, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT date(confirmed_at, '{KZ_MODIFIER}') AS day, participant_region, count(*), sum(total_tiyn)
             FROM orders
             WHERE confirmed_at IS NOT NULL AND date(confirmed_at, '{KZ_MODIFIER}') BETWEEN ?1 AND ?2
             GROUP BY date(confirmed_at, '{KZ_MODIFIER}'), participant_region"
        ))?;
        let mut rows = stmt.query(params![query.from, query.to])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(ConfirmedDay {
                day: parse_day(&r.get::<_, String>(0)?)?,
                region: r.get(1)?,
                orders: r.get(2)?,
                tiyn: r.get(3)?,
            });
        }
        Ok(out)
    }

    /// Revenue confirmed (by the confirmation of receipt) and paid (by the payment's date) per
    /// calendar month.
    fn report_months(&self, query: ReportQuery, confirmed: &[ConfirmedDay]) -> Result<Vec<RevenueMonth>, StoreError> {
        let mut months: Vec<RevenueMonth> = period_starts(query.from, query.to, ReportGrain::Month)
            .into_iter()
            .map(|start| RevenueMonth { month: month_key(start), confirmed_tiyn: 0, paid_tiyn: 0 })
            .collect();
        let index: HashMap<String, usize> = months.iter().enumerate().map(|(i, m)| (m.month.clone(), i)).collect();
        for c in confirmed {
            if let Some(m) = index.get(&month_key(c.day)).and_then(|&i| months.get_mut(i)) {
                m.confirmed_tiyn += c.tiyn;
            }
        }
        // A reversal takes money back whichever sign the portal wrote it with.
        let mut stmt = self.connection().prepare_cached(
            "SELECT substr(paid_on, 1, 7) AS month,
                    sum(CASE WHEN kind = 'reversal' THEN -abs(amount_tiyn) ELSE amount_tiyn END)
             FROM payments WHERE paid_on BETWEEN ?1 AND ?2 GROUP BY month",
        )?;
        let mut rows = stmt.query(params![query.from, query.to])?;
        while let Some(r) = rows.next()? {
            if let Some(m) = index.get(&r.get::<_, String>(0)?).and_then(|&i| months.get_mut(i)) {
                m.paid_tiyn += r.get::<_, i64>(1)?;
            }
        }
        Ok(months)
    }

    /// Confirmed revenue per classifier item (one GROUP BY over the lines of the orders the
    /// partial index finds, the classifier read once per item after it): the categories are the
    /// items' sums, the best sellers the first ten. This is the one figure that sorts, as many
    /// rows as confirmed lines in the span.
    fn report_items(&self, query: ReportQuery) -> Result<(Vec<CategoryRevenue>, Vec<TopItem>), StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT g.code, c.category, coalesce(c.name_kk, ''), coalesce(c.name_ru, ''), coalesce(c.name_en, ''),
                    g.quantity, g.revenue
             FROM (SELECT l.classifier_code AS code, sum(l.quantity) AS quantity,
                          sum(l.quantity * l.unit_price_tiyn) AS revenue
                   FROM orders o JOIN order_lines l ON l.order_id = o.id
                   WHERE o.confirmed_at IS NOT NULL AND date(o.confirmed_at, '{KZ_MODIFIER}') BETWEEN ?1 AND ?2
                   GROUP BY l.classifier_code) g
             LEFT JOIN classifier c ON c.code = g.code"
        ))?;
        let mut items = Vec::new();
        let mut categories: Vec<CategoryRevenue> = Vec::new();
        let mut rows = stmt.query(params![query.from, query.to])?;
        while let Some(r) = rows.next()? {
            let category = r.get::<_, Option<String>>(1)?.as_deref().and_then(Category::parse);
            let item = TopItem {
                classifier_code: r.get(0)?,
                name_kk: r.get(2)?,
                name_ru: r.get(3)?,
                name_en: r.get(4)?,
                quantity: r.get(5)?,
                revenue_tiyn: r.get(6)?,
            };
            match categories.iter_mut().find(|c| c.category == category) {
                Some(c) => {
                    c.quantity += item.quantity;
                    c.revenue_tiyn += item.revenue_tiyn;
                }
                None => categories.push(CategoryRevenue {
                    category,
                    quantity: item.quantity,
                    revenue_tiyn: item.revenue_tiyn,
                }),
            }
            items.push(item);
        }
        categories.sort_by(|a, b| {
            b.revenue_tiyn
                .cmp(&a.revenue_tiyn)
                .then(a.category.map(Category::as_str).cmp(&b.category.map(Category::as_str)))
        });
        items.sort_by(|a, b| b.revenue_tiyn.cmp(&a.revenue_tiyn).then(a.classifier_code.cmp(&b.classifier_code)));
        items.truncate(TOP_ITEMS);
        Ok((categories, items))
    }

    /// Of the orders placed in the span whose delivery this desk recorded and whose term is
    /// known, those handed over by the term's last day (in Kazakhstan, as the order screen shows
    /// it). Driven by the deliveries, each order's first one (`deliveries_order`).
    fn report_delivered_in_term(&self, query: ReportQuery) -> Result<Share, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT count(*), coalesce(sum(d.first_on <= date(o.deliver_by, '{KZ_MODIFIER}')), 0)
             FROM (SELECT order_id, min(delivered_on) AS first_on FROM deliveries GROUP BY order_id) d
             JOIN orders o ON o.id = d.order_id
             WHERE o.deliver_by IS NOT NULL AND date(o.placed_at, '{KZ_MODIFIER}') BETWEEN ?1 AND ?2"
        ))?;
        Ok(stmt.query_row(params![query.from, query.to], |r| Ok(Share { whole: r.get(0)?, part: r.get(1)? }))?)
    }

    /// Why this desk declined the orders placed in the span: its decline mutations' reasons,
    /// counted by their text (trimmed). A decline the portal refused for good was no decline.
    /// Another desk's declines carry no reason the portal sends, so they are not counted. The
    /// declines lead (CROSS JOIN): they are few beside the orders of a year.
    fn report_decline_reasons(&self, query: ReportQuery) -> Result<Vec<DeclineReason>, StoreError> {
        let mut stmt = self.connection().prepare_cached(&format!(
            "SELECT trim(json_extract(x.payload, '$.data.reason')) AS reason, count(DISTINCT x.entity_id)
             FROM outbox x CROSS JOIN orders o ON o.id = x.entity_id
             WHERE x.kind = 'decline_order' AND date(o.placed_at, '{KZ_MODIFIER}') BETWEEN ?1 AND ?2
               AND NOT (x.state = 'rejected' AND x.resolution IS NOT 'retried')
             GROUP BY reason ORDER BY 2 DESC, reason"
        ))?;
        let rows = stmt.query_map(params![query.from, query.to], |r| {
            Ok(DeclineReason { reason: r.get::<_, Option<String>>(0)?.unwrap_or_default(), count: r.get(1)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Confirmed revenue per participant's region, the highest first.
fn by_region(confirmed: &[ConfirmedDay]) -> Vec<RegionRevenue> {
    let mut regions: HashMap<&str, RegionRevenue> = HashMap::new();
    for c in confirmed {
        let r = regions.entry(&c.region).or_insert_with(|| RegionRevenue {
            region: c.region.clone(),
            orders: 0,
            revenue_tiyn: 0,
        });
        r.orders += c.orders;
        r.revenue_tiyn += c.tiyn;
    }
    let mut out: Vec<RegionRevenue> = regions.into_values().collect();
    out.sort_by(|a, b| b.revenue_tiyn.cmp(&a.revenue_tiyn).then(a.region.cmp(&b.region)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn periods_cover_the_span_from_the_period_holding_its_start() {
        let weeks = period_starts(day(2026, 11, 4), day(2026, 11, 16), ReportGrain::Week);
        assert_eq!(weeks, [day(2026, 11, 2), day(2026, 11, 9), day(2026, 11, 16)]);
        let months = period_starts(day(2025, 12, 31), day(2026, 2, 1), ReportGrain::Month);
        assert_eq!(months, [day(2025, 12, 1), day(2026, 1, 1), day(2026, 2, 1)]);
    }
}

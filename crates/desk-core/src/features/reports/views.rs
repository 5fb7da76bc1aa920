//! What the Reports screen receives over IPC (generated into the UI's bindings).

use chrono::NaiveDate;
use portal_api::Category;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How orders are counted over time: per ISO week (from Monday) or per calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportGrain {
    Week,
    Month,
}

/// The days a report covers (both included, Kazakhstan's calendar) and how it counts orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportQuery {
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub grain: ReportGrain,
}

/// The orders placed in one week or month, by where they stand now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeriodOrders {
    /// The period's first day (a Monday for weeks; may fall before the report's `from`).
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "number")]
    pub received: i64,
    /// Accepted and anything after it, short of a cancellation.
    #[ts(type = "number")]
    pub accepted: i64,
    #[ts(type = "number")]
    pub declined: i64,
    /// Any cancelled status: by the participant, automatically, or by the portal.
    #[ts(type = "number")]
    pub cancelled: i64,
    /// Of `cancelled`: not accepted in time.
    #[ts(type = "number")]
    pub cancelled_automatically: i64,
}

/// Money of one calendar month: receipt confirmed, and paid by the paying office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RevenueMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// The amounts of orders whose receipt was confirmed in the month.
    #[ts(type = "number")]
    pub confirmed_tiyn: i64,
    /// Payments by their date, reversals taken off.
    #[ts(type = "number")]
    pub paid_tiyn: i64,
}

/// Confirmed revenue of one classifier category over the report's days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CategoryRevenue {
    /// None for lines whose classifier item the desk does not hold.
    pub category: Option<Category>,
    /// Items sold (the lines' quantities).
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub revenue_tiyn: i64,
}

/// Confirmed revenue of the participants of one region over the report's days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegionRevenue {
    pub region: String,
    #[ts(type = "number")]
    pub orders: i64,
    #[ts(type = "number")]
    pub revenue_tiyn: i64,
}

/// A reason the supplier gave for declining, as typed, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeclineReason {
    pub reason: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// A classifier item among the best sellers by confirmed revenue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TopItem {
    pub classifier_code: String,
    /// Empty when the desk does not hold the classifier item.
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub revenue_tiyn: i64,
}

/// A share as a count of a known whole; `whole` 0 means the desk does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Share {
    #[ts(type = "number")]
    pub part: i64,
    #[ts(type = "number")]
    pub whole: i64,
}

impl Share {
    /// The share as a fraction, or None when nothing is known.
    pub fn ratio(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 / self.whole as f64)
    }
}

/// The manager's and the office's report over a span of days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Report {
    pub query: ReportQuery,
    /// Every week or month of the span, the earliest first, empty ones included.
    pub periods: Vec<PeriodOrders>,
    /// Every calendar month of the span, the earliest first.
    pub months: Vec<RevenueMonth>,
    /// The highest revenue first.
    pub by_category: Vec<CategoryRevenue>,
    pub by_region: Vec<RegionRevenue>,
    /// Accepted (or further) of those accepted or cancelled for not being accepted in time.
    pub accepted_in_time: Share,
    /// Delivered by the term, of the deliveries this desk recorded; whole 0: not known.
    pub delivered_in_term: Share,
    /// The most frequent first.
    pub decline_reasons: Vec<DeclineReason>,
    /// At most ten, the highest revenue first.
    pub top_items: Vec<TopItem>,
}

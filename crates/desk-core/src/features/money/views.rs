//! What the Money screen receives over IPC (generated into the UI's bindings).

use portal_api::OrderStatus;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long an order's money has been owed, against the policy's payment term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgeBucket {
    /// Delivered: the term starts when the participant confirms receipt.
    AwaitingConfirmation,
    WithinTerm,
    #[serde(rename = "late_1_15")]
    Late1To15,
    #[serde(rename = "late_16_30")]
    Late16To30,
    #[serde(rename = "late_over_30")]
    LateOver30,
}

impl AgeBucket {
    pub const ALL: [AgeBucket; 5] = [
        AgeBucket::AwaitingConfirmation,
        AgeBucket::WithinTerm,
        AgeBucket::Late1To15,
        AgeBucket::Late16To30,
        AgeBucket::LateOver30,
    ];

    /// The bucket of money due `days_late` days ago (negative or zero: not yet late).
    pub fn of_days_late(days_late: i64) -> AgeBucket {
        match days_late {
            ..=0 => AgeBucket::WithinTerm,
            1..=15 => AgeBucket::Late1To15,
            16..=30 => AgeBucket::Late16To30,
            _ => AgeBucket::LateOver30,
        }
    }

    pub fn is_late(self) -> bool {
        matches!(self, AgeBucket::Late1To15 | AgeBucket::Late16To30 | AgeBucket::LateOver30)
    }
}

/// An order whose money is (partly) still owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwedOrder {
    pub order_id: String,
    pub number: String,
    pub participant_name: String,
    pub region: String,
    pub status: OrderStatus,
    #[ts(type = "number")]
    pub total_tiyn: i64,
    /// Paid so far, net of reversals.
    #[ts(type = "number")]
    pub paid_tiyn: i64,
    #[ts(type = "number")]
    pub owed_tiyn: i64,
    /// When receipt was confirmed (the payment term runs from it); none while awaiting it.
    #[ts(type = "string | null")]
    pub confirmed_on: Option<chrono::NaiveDate>,
    /// The end of the payment term; none while awaiting confirmation.
    #[ts(type = "string | null")]
    pub due_on: Option<chrono::NaiveDate>,
    /// Days past `due_on` (0 when not late).
    #[ts(type = "number")]
    pub days_late: i64,
    pub bucket: AgeBucket,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BucketTotal {
    pub bucket: AgeBucket,
    pub orders: u32,
    #[ts(type = "number")]
    pub owed_tiyn: i64,
}

/// How what an order was paid differs from what it should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Discrepancy {
    /// Paid less than the order's amount.
    Partial,
    /// A payment for it was taken back.
    Reversed,
    /// Paid although the desk does not see its receipt confirmed.
    PaidNotConfirmed,
    /// The portal says paid, and no payment for it has arrived.
    PaidWithoutPayment,
    /// Paid more than the order's amount.
    Overpaid,
}

/// An order whose payments do not match it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FlaggedOrder {
    pub order_id: String,
    pub number: String,
    pub participant_name: String,
    pub status: OrderStatus,
    #[ts(type = "number")]
    pub total_tiyn: i64,
    #[ts(type = "number")]
    pub paid_tiyn: i64,
    pub discrepancy: Discrepancy,
    /// The numbers of the payment orders that touched it, oldest first.
    pub payments: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentKindView {
    Payment,
    Reversal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentLineView {
    pub order_id: String,
    pub order_number: String,
    #[ts(type = "number")]
    pub amount_tiyn: i64,
}

/// A payment received (or taken back), with the orders it covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentView {
    pub id: String,
    pub number: String,
    pub kind: PaymentKindView,
    #[ts(type = "string")]
    pub paid_on: chrono::NaiveDate,
    #[ts(type = "number")]
    pub amount_tiyn: i64,
    /// For a reversal: the number of the payment it took back.
    pub reverses_number: Option<String>,
    pub lines: Vec<PaymentLineView>,
}

/// Money received in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthTotal {
    /// `YYYY-MM`.
    pub month: String,
    #[ts(type = "number")]
    pub paid_tiyn: i64,
    /// Taken back in the month (a negative sum).
    #[ts(type = "number")]
    pub reversed_tiyn: i64,
    pub payments: u32,
}

/// The Money screen: what is owed by age, what was paid, what does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoneyView {
    #[ts(type = "string")]
    pub today: chrono::NaiveDate,
    /// The policy's payment term in days (none before the first sync).
    pub payment_term_days: Option<u32>,
    #[ts(type = "number")]
    pub owed_total_tiyn: i64,
    pub buckets: Vec<BucketTotal>,
    /// The most overdue first, at most `OWED_LISTED_PER_AGE` of each age (`buckets` count all).
    pub owed: Vec<OwedOrder>,
    pub flagged: Vec<FlaggedOrder>,
    /// The latest first.
    pub payments: Vec<PaymentView>,
    /// The last twelve months with a payment, the latest first.
    pub months: Vec<MonthTotal>,
}

/// An order's payments, as the order screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderPayment {
    pub number: String,
    pub kind: PaymentKindView,
    #[ts(type = "string")]
    pub paid_on: chrono::NaiveDate,
    #[ts(type = "number")]
    pub amount_tiyn: i64,
}

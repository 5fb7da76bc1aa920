//! The controls of a [`RunningSandbox`] for in-process tests: the same as the admin API
//! (docs/sandbox-admin.md) without HTTP.

use chrono::{DateTime, TimeDelta, Utc};
use portal_api::{ClassifierItem, Order, Payment};

use crate::control::{ParticipantAction, PlaceOrder};
use crate::faults::{FaultCounts, FaultReport, Faults};
use crate::limits::Limits;
use crate::simulation::TickReport;
use crate::simulation::participants::ParticipantBehaviour;
use crate::state::SandboxState;
use crate::{RunningSandbox, SandboxError};

impl RunningSandbox {
    /// The sandbox's clock: real UTC time plus the offset the clock was advanced by.
    pub fn now(&self) -> DateTime<Utc> {
        self.ctx.clock.now()
    }

    /// Moves the sandbox's clock forward (kept across restarts). Deadlines, automatic
    /// cancellation and participants follow it from the next tick or mutation; bearer tokens
    /// stay on the real clock. Returns the new now.
    pub async fn advance_clock(&self, by: TimeDelta) -> Result<DateTime<Utc>, SandboxError> {
        Ok(self.ctx.advance_clock(by).await?)
    }

    /// Puts `faults` in force (replacing the previous ones) and restarts their generator from
    /// their seed. The counters go on.
    pub fn set_faults(&self, faults: Faults) -> Result<(), SandboxError> {
        self.ctx.faults.set(faults).map_err(SandboxError::Invalid)
    }

    /// No faults any more, counters at zero.
    pub fn clear_faults(&self) {
        self.ctx.faults.clear();
    }

    /// The faults in force and the counters.
    pub fn faults(&self) -> FaultReport {
        self.ctx.faults.report()
    }

    /// How many faults of each kind were injected.
    pub fn fault_counts(&self) -> FaultCounts {
        self.ctx.faults.counts()
    }

    /// Makes every token issued so far expire now: the next call with one gets 401. Returns
    /// how many were still valid.
    pub async fn expire_tokens(&self) -> Result<usize, SandboxError> {
        Ok(self.ctx.expire_tokens().await?)
    }

    /// The participant cancels a placed order (now, by the sandbox's clock).
    pub async fn participant_cancels(&self, order_id: &str) -> Result<Order, SandboxError> {
        Ok(self.ctx.participant_acts(order_id, ParticipantAction::Cancel).await?)
    }

    /// The participant confirms receipt of a delivered (or replaced) order.
    pub async fn participant_confirms(&self, order_id: &str) -> Result<Order, SandboxError> {
        Ok(self.ctx.participant_acts(order_id, ParticipantAction::Confirm).await?)
    }

    /// The participant refuses a delivered order at receipt.
    pub async fn participant_refuses(&self, order_id: &str) -> Result<Order, SandboxError> {
        Ok(self.ctx.participant_acts(order_id, ParticipantAction::Refuse).await?)
    }

    /// The participant refuses a delivered order at receipt with a reason the order then carries.
    pub async fn participant_refuses_because(&self, order_id: &str, reason: &str) -> Result<Order, SandboxError> {
        Ok(self.ctx.participant_refuses_because(order_id, reason).await?)
    }

    /// The paying office pays the orders of `lines` (`None`: all still owed for it) in one
    /// payment order, valued on `paid_on` (the sandbox's today when `None`). A confirmed order
    /// becomes paid; a payment beyond what is owed, or for an order not confirmed, is refused.
    pub async fn pay(
        &self,
        lines: &[(&str, Option<i64>)],
        paid_on: Option<chrono::NaiveDate>,
    ) -> Result<Payment, SandboxError> {
        let lines = lines.iter().map(|(id, a)| ((*id).to_owned(), *a)).collect();
        Ok(self.ctx.pay(lines, paid_on).await?)
    }

    /// The paying office takes a payment back whole (a reversal, now).
    pub async fn reverse_payment(&self, payment_id: &str) -> Result<Payment, SandboxError> {
        Ok(self.ctx.reverse_payment(payment_id).await?)
    }

    /// Sets the limit price of a classifier item (meant to lower it) and appends the item to
    /// the feed. Offerings above it stay as they are; creating or repricing one above it is
    /// rejected with `PriceAboveLimit` from now on.
    pub async fn lower_limit_price(&self, code: &str, new_limit_tiyn: i64) -> Result<ClassifierItem, SandboxError> {
        Ok(self.ctx.set_limit_price(code, new_limit_tiyn).await?)
    }

    /// The limits in force (see [`Limits`]).
    pub fn limits(&self) -> Limits {
        self.ctx.limits()
    }

    /// Puts `limits` in force: at once for sign-ins, attachments and bodies, for connections
    /// opened from now on for the header read timeout. Failures counted so far stay counted.
    pub fn set_limits(&self, limits: Limits) -> Result<(), SandboxError> {
        self.ctx.set_limits(limits).map_err(SandboxError::Invalid)
    }

    /// How simulated participants behave now.
    pub fn participant_behaviour(&self) -> ParticipantBehaviour {
        self.ctx.behaviour()
    }

    pub fn set_participant_behaviour(&self, behaviour: ParticipantBehaviour) -> Result<(), SandboxError> {
        self.ctx.set_behaviour(behaviour).map_err(SandboxError::Invalid)
    }

    /// Runs one tick of the simulation now: cancels overdue orders, and lets participants make
    /// their due moves when they are active. Places no order.
    pub async fn tick(&self) -> Result<TickReport, SandboxError> {
        Ok(self.ctx.tick().await?)
    }

    /// Places an order as a simulated participant would.
    pub async fn place_order(&self, spec: PlaceOrder) -> Result<Order, SandboxError> {
        self.ctx.place_order(spec).await?.ok_or(SandboxError::NothingToOrder)
    }

    /// Places an order as if placed at `placed_at` (its `accept_by` is `placed_at` plus the
    /// acceptance window): an instant more than the window ago gives an order that the next
    /// tick cancels automatically.
    pub async fn place_order_at(&self, placed_at: DateTime<Utc>) -> Result<Order, SandboxError> {
        self.place_order(PlaceOrder { placed_at: Some(placed_at), fitting: None }).await
    }

    /// The whole state: orders, offerings, the classifier's limits, the mutation ledger.
    pub async fn state(&self) -> Result<SandboxState, SandboxError> {
        Ok(self.ctx.state().await?)
    }

    /// The bytes of a completely uploaded attachment, if the portal holds it.
    pub async fn attachment(&self, sha256: &str) -> Result<Option<Vec<u8>>, SandboxError> {
        let sha256 = sha256.to_owned();
        Ok(self.ctx.db.run(move |conn| crate::store::attachments::bytes(conn, &sha256)).await?)
    }

    /// The photos (sha256) an offering shows on the portal, empty for an unknown offering.
    pub async fn offering_photos(&self, offering_id: &str) -> Result<Vec<String>, SandboxError> {
        let id = offering_id.to_owned();
        Ok(self.ctx.db.run(move |conn| crate::store::attachments::offering_photos(conn, &id)).await?)
    }
}

//! The sandbox's controls, shared by the admin API (`/admin/*`) and [`crate::RunningSandbox`]:
//! the clock, token expiry, participants' actions on a given order, limit prices, a manual tick,
//! placing an order, and reading the whole state.

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use portal_api::{ClassifierItem, Order, Payment};
use portal_rules::Transition;
use serde::{Deserialize, Serialize};

use crate::context::Context;
use crate::rng::Rng;
use crate::simulation::{self, TickPlan, TickReport, placing};
use crate::state::{self, SandboxState};
use crate::store::{StoreError, accounts, catalog, orders, payments};

/// The highest limit price accepted (ten billion tenge): prices times quantities stay far
/// from overflowing on the portal and the desks.
/// The years an admin input's date may fall in: dates far outside overflow what is computed
/// from them (deadlines, delays).
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub const MAX_LIMIT_PRICE_TIYN: i64 = 1_000_000_000_000;

/// What `POST /admin/orders` (and [`crate::RunningSandbox::place_order`]) places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlaceOrder {
    /// When it was placed (the sandbox's now when absent); its `accept_by` follows from it.
    pub placed_at: Option<DateTime<Utc>>,
    /// Whether it holds an item fitted in a workshop; random (one in five) when absent.
    pub fitting: Option<bool>,
}

/// What a participant can do to one order on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantAction {
    /// Cancel a placed order.
    Cancel,
    /// Confirm receipt of a delivered (or replaced) order.
    Confirm,
    /// Refuse a delivered order at receipt.
    Refuse,
}

impl ParticipantAction {
    fn transition(self) -> Transition {
        match self {
            ParticipantAction::Cancel => Transition::CancelByParticipant,
            ParticipantAction::Confirm => Transition::Confirm,
            ParticipantAction::Refuse => Transition::Refuse,
        }
    }
}

impl Context {
    /// Moves the sandbox's clock forward by `by`; returns the new now.
    pub(crate) async fn advance_clock(&self, by: TimeDelta) -> Result<DateTime<Utc>, StoreError> {
        let clock = self.clock.clone();
        self.db.run(move |conn| clock.advance(conn, by)).await
    }

    /// Expires every token issued so far; returns how many were still valid.
    pub(crate) async fn expire_tokens(&self) -> Result<usize, StoreError> {
        let n = self.db.run(|conn| accounts::expire_all(conn, Utc::now())).await?;
        self.faults.note_tokens_expired();
        Ok(n)
    }

    /// A participant acts on an order now (the sandbox's clock), through the lifecycle.
    pub(crate) async fn participant_acts(
        &self,
        order_id: &str,
        action: ParticipantAction,
    ) -> Result<Order, StoreError> {
        let (id, now) = (order_id.to_owned(), self.clock.now());
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let order = orders::apply(&tx, &id, action.transition(), now)?;
                tx.commit()?;
                Ok(order)
            })
            .await
    }

    /// A participant refuses a delivered order at receipt now, saying why.
    pub(crate) async fn participant_refuses_because(&self, order_id: &str, reason: &str) -> Result<Order, StoreError> {
        let (id, reason, now) = (order_id.to_owned(), reason.trim().to_owned(), self.clock.now());
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let order = orders::refuse(&tx, &id, &reason, now)?;
                tx.commit()?;
                Ok(order)
            })
            .await
    }

    /// The paying office pays the orders of `lines` (`None`: all still owed) now, in one payment
    /// to their supplier, valued on `paid_on` (today by the sandbox's clock when `None`).
    pub(crate) async fn pay(
        &self,
        lines: Vec<(String, Option<i64>)>,
        paid_on: Option<chrono::NaiveDate>,
    ) -> Result<Payment, StoreError> {
        let now = self.clock.now();
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let first = lines.first().map(|(id, _)| id.clone()).unwrap_or_default();
                let supplier_id = orders::head(&tx, &first)?
                    .ok_or_else(|| StoreError::NotFound { kind: "order", id: first.clone() })?
                    .supplier_id;
                let payment = payments::pay(&tx, &supplier_id, &lines, paid_on.unwrap_or(now.date_naive()), now)?;
                tx.commit()?;
                Ok(payment)
            })
            .await
    }

    /// The paying office takes a payment back whole, now.
    pub(crate) async fn reverse_payment(&self, payment_id: &str) -> Result<Payment, StoreError> {
        let (id, now) = (payment_id.to_owned(), self.clock.now());
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let payment = payments::reverse(&tx, &id, now)?;
                tx.commit()?;
                Ok(payment)
            })
            .await
    }

    /// Sets the limit price of a classifier item and appends the item to every supplier's feed.
    /// Offerings priced above it stay as they are; creating or repricing one above it is
    /// rejected from now on.
    pub(crate) async fn set_limit_price(
        &self,
        code: &str,
        limit_price_tiyn: i64,
    ) -> Result<ClassifierItem, StoreError> {
        if !(1..=MAX_LIMIT_PRICE_TIYN).contains(&limit_price_tiyn) {
            return Err(StoreError::Invalid(format!(
                "a limit price must be from 1 to {MAX_LIMIT_PRICE_TIYN} tiyn, got {limit_price_tiyn}"
            )));
        }
        let (code, now) = (code.to_owned(), self.clock.now());
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let mut item = catalog::classifier_item(&tx, &code)?
                    .ok_or(StoreError::NotFound { kind: "classifier item", id: code })?;
                item.limit_price_tiyn = limit_price_tiyn;
                catalog::save_classifier_item(&tx, &item, now)?;
                tx.commit()?;
                Ok(item)
            })
            .await
    }

    /// One tick of the simulation now: the automatic cancellation sweep, and the participants'
    /// due moves when they are active. Places no order.
    pub(crate) async fn tick(&self) -> Result<TickReport, StoreError> {
        let behaviour = self.behaviour();
        let (clock, seed) = (self.clock.clone(), self.seed);
        let report = self
            .db
            .run(move |conn| {
                let plan = TickPlan { place: None, participants: behaviour.active.then_some(behaviour), seed };
                simulation::tick(conn, clock.now(), plan)
            })
            .await?;
        simulation::log(&report);
        Ok(report)
    }

    /// Places an order as a simulated participant would. `None` when nothing can be ordered.
    pub(crate) async fn place_order(&self, spec: PlaceOrder) -> Result<Option<Order>, StoreError> {
        let placed_at = spec.placed_at.unwrap_or_else(|| self.clock.now());
        if !YEARS.contains(&placed_at.year()) {
            return Err(StoreError::Invalid(format!(
                "an order may be placed in the years 2000..=2100, not at {placed_at}"
            )));
        }
        let mut rng = Rng::new(self.seed ^ placed_at.timestamp_nanos_opt().unwrap_or_default() as u64);
        self.db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let order = placing::place_random_order(&tx, &mut rng, placed_at, spec.fitting)?;
                tx.commit()?;
                Ok(order)
            })
            .await
    }

    pub(crate) async fn state(&self) -> Result<SandboxState, StoreError> {
        let clock = self.clock.clone();
        self.db.run(move |conn| state::read(conn, clock.now(), clock.offset().num_seconds())).await
    }
}

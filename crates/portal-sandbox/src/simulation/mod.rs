//! Simulated participants and the portal's clockwork: a periodic task that cancels
//! automatically the placed orders whose acceptance deadline has passed, lets participants act
//! (cancel, confirm or refuse receipt, get paid: see [`participants`]), and places new orders
//! when enabled. Every move goes through the lifecycle and lands in the change feed. Times are
//! the sandbox's clock, so advancing it and calling [`crate::RunningSandbox::tick`] makes due
//! things happen at once.

pub(crate) mod participants;
pub(crate) mod placing;

use std::time::Duration;

use chrono::{DateTime, Utc};
use portal_rules::Transition;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::rng::Rng;
use crate::store::{StoreError, attachments, orders};
use participants::{ParticipantBehaviour, ParticipantMoves};

/// How often overdue orders are looked for when placing orders is off.
pub const SWEEP_EVERY_WHEN_OFF: Duration = Duration::from_secs(30);

/// What one tick did (order ids, and the number of a placed order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TickReport {
    pub now: Option<DateTime<Utc>>,
    pub cancelled_automatically: Vec<String>,
    #[serde(flatten)]
    pub participants: ParticipantMoves,
    pub placed: Option<String>,
    /// How many partial attachment uploads were removed as abandoned.
    #[serde(default)]
    pub expired_uploads: usize,
}

/// What a tick may do besides the sweep.
pub(crate) struct TickPlan<'a> {
    pub place: Option<&'a mut Rng>,
    pub participants: Option<ParticipantBehaviour>,
    pub seed: u64,
}

pub(crate) fn log(report: &TickReport) {
    for id in &report.cancelled_automatically {
        tracing::info!(order = %id, "cancelled automatically: not accepted in time");
    }
    let p = &report.participants;
    for (what, ids) in [
        ("cancelled", &p.cancelled_by_participants),
        ("confirmed", &p.confirmed),
        ("refused", &p.refused),
        ("paid", &p.paid),
    ] {
        for id in ids {
            tracing::info!(order = %id, "a participant's order was {what}");
        }
    }
    for number in &p.payments {
        tracing::info!(%number, "the paying office made a payment");
    }
    for number in &p.reversed_payments {
        tracing::info!(%number, "the paying office took a payment back");
    }
    if let Some(number) = &report.placed {
        tracing::info!(%number, "a participant placed an order");
    }
    if report.expired_uploads > 0 {
        tracing::info!(uploads = report.expired_uploads, "removed abandoned partial uploads");
    }
}

/// One tick, in one transaction: cancel overdue placed orders, let participants act, maybe
/// place a new order, and remove abandoned partial uploads.
pub(crate) fn tick(conn: &mut Connection, now: DateTime<Utc>, plan: TickPlan<'_>) -> Result<TickReport, StoreError> {
    let tx = conn.transaction()?;
    let cancelled_automatically = orders::overdue_placed(&tx, now)?;
    for id in &cancelled_automatically {
        orders::apply(&tx, id, Transition::CancelAutomatically, now)?;
    }
    let participants = match &plan.participants {
        Some(b) => participants::act(&tx, plan.seed, b, now)?,
        None => ParticipantMoves::default(),
    };
    let placed = match plan.place {
        Some(rng) => placing::place_random_order(&tx, rng, now, None)?.map(|o| o.number),
        None => None,
    };
    let expired_uploads = attachments::expire_partial(&tx, now)?;
    tx.commit()?;
    Ok(TickReport { now: Some(now), cancelled_automatically, participants, placed, expired_uploads })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use chrono::TimeDelta;
    use portal_api::OrderStatus;

    fn quiet(seed: u64) -> TickPlan<'static> {
        TickPlan { place: None, participants: None, seed }
    }

    #[test]
    fn a_tick_cancels_overdue_orders_and_places_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        let now = Utc::now();
        demo::ensure(&mut conn, 3, now).expect("demo");
        let mut rng = Rng::new(1);
        let old = placing::place_random_order(&conn, &mut rng, now - TimeDelta::days(11), None)
            .expect("place")
            .expect("an order");
        assert_eq!(old.status, OrderStatus::Placed);
        let plan = TickPlan { place: Some(&mut rng), participants: None, seed: 3 };
        let report = tick(&mut conn, now, plan).expect("tick");
        assert_eq!(report.cancelled_automatically, vec![old.id.clone()], "only the overdue order is cancelled");
        assert!(report.placed.is_some());
        let cancelled = orders::load(&conn, &old.id).expect("load");
        assert_eq!(cancelled.status, OrderStatus::CancelledAutomatically);
        // A second tick finds nothing more to cancel.
        assert!(tick(&mut conn, now, quiet(3)).expect("tick").cancelled_automatically.is_empty());
    }

    #[test]
    fn participants_confirm_and_get_paid_as_time_passes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        let now = Utc::now();
        demo::ensure(&mut conn, 4, now).expect("demo");
        let delivered = orders::ids_in(&conn, &[OrderStatus::Delivered]).expect("ids");
        assert!(!delivered.is_empty());
        // Nobody paid late here: the late payments have a test of their own (tests/payment_rules.rs).
        let behaviour = ParticipantBehaviour {
            active: true,
            cancel_share: 0.0,
            refuse_share: 0.0,
            late_share: 0.0,
            ..Default::default()
        };
        let plan = |s| TickPlan { place: None, participants: Some(behaviour), seed: s };
        // Every delay is at most 72 h after delivery; 4 days later all are confirmed.
        let later = now + TimeDelta::days(4);
        let report = tick(&mut conn, later, plan(4)).expect("tick");
        for id in &delivered {
            assert!(report.participants.confirmed.contains(id), "{id} confirmed");
        }
        assert!(report.participants.cancelled_by_participants.is_empty() && report.participants.refused.is_empty());
        // Payment comes at most 240 h after confirmation.
        let report = tick(&mut conn, later + TimeDelta::days(11), plan(4)).expect("tick");
        for id in &delivered {
            assert!(report.participants.paid.contains(id), "{id} paid");
            assert_eq!(orders::load(&conn, id).expect("load").status, OrderStatus::Paid);
        }
    }
}

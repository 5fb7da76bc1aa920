//! Simulated participants and the portal's clockwork: a periodic task that places new orders
//! (when enabled) and cancels automatically the placed orders whose acceptance deadline has
//! passed.

use std::time::Duration;

use chrono::{DateTime, Utc};
use desk_core::Transition;
use portal_api::Order;
use rusqlite::Connection;
use tokio::sync::watch;

use crate::db::Db;
use crate::rng::Rng;
use crate::store::catalog::{self, OfferingRef};
use crate::store::orders::{self, NewOrder};
use crate::store::{StoreError, participants};
use crate::{demo, stopped};

/// How often overdue orders are looked for when placing orders is off.
pub const SWEEP_EVERY_WHEN_OFF: Duration = Duration::from_secs(30);

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TickReport {
    pub cancelled: Vec<String>,
    pub placed: Option<String>,
}

/// Runs until `shutdown` says stop. The first tick (at once) only sweeps, so overdue orders
/// left from a stopped sandbox are cancelled at start; later ticks also place an order every
/// `order_every`.
pub(crate) async fn run(db: Db, seed: u64, order_every: Option<Duration>, mut shutdown: watch::Receiver<bool>) {
    let order_every = order_every.filter(|d| !d.is_zero());
    let mut ticker = tokio::time::interval(order_every.unwrap_or(SWEEP_EVERY_WHEN_OFF));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // Mixed with the clock so that a restarted sandbox does not replay the same orders.
    let mut rng = Rng::new(seed ^ Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64);
    let mut first = true;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stopped(&mut shutdown) => break,
        }
        let place = order_every.is_some() && !first;
        first = false;
        let mut tick_rng = rng.clone();
        let result = db
            .run(move |conn| {
                let report = tick(conn, &mut tick_rng, Utc::now(), place)?;
                Ok((tick_rng, report))
            })
            .await;
        match result {
            Ok((next_rng, report)) => {
                rng = next_rng;
                for id in &report.cancelled {
                    tracing::info!(order = %id, "cancelled automatically: not accepted in time");
                }
                if let Some(number) = &report.placed {
                    tracing::info!(%number, "a participant placed an order");
                }
            }
            Err(e) => tracing::warn!(error = %e, "simulation tick failed; trying again next tick"),
        }
    }
}

/// One tick, in one transaction: cancel overdue placed orders, then maybe place a new one.
pub(crate) fn tick(conn: &mut Connection, rng: &mut Rng, now: DateTime<Utc>, place: bool) -> Result<TickReport, StoreError> {
    let tx = conn.transaction()?;
    let cancelled = orders::overdue_placed(&tx, now)?;
    for id in &cancelled {
        orders::apply(&tx, id, Transition::CancelAutomatically, now)?;
    }
    let placed = if place { place_random_order(&tx, rng, now)?.map(|o| o.number) } else { None };
    tx.commit()?;
    Ok(TickReport { cancelled, placed })
}

/// A random participant orders 1-3 published offerings of one supplier (delivered to the
/// participant's region when there are such). `None` when there is nobody or nothing to order.
pub(crate) fn place_random_order(
    conn: &Connection,
    rng: &mut Rng,
    placed_at: DateTime<Utc>,
) -> Result<Option<Order>, StoreError> {
    let people = participants::all(conn)?;
    let Some((participant_id, region)) = rng.pick(&people).cloned() else { return Ok(None) };
    let offerings = catalog::published_offerings(conn)?;
    let local: Vec<OfferingRef> = offerings.iter().filter(|o| o.regions.contains(&region)).cloned().collect();
    let pool = if local.is_empty() { &offerings[..] } else { &local[..] };
    let Some(supplier_id) = rng.pick(pool).map(|o| o.supplier_id.clone()) else { return Ok(None) };
    let of_supplier: Vec<OfferingRef> = pool.iter().filter(|o| o.supplier_id == supplier_id).cloned().collect();
    let fitting = rng.percent(20);
    let lines = demo::choose_lines(rng, &of_supplier, fitting);
    if lines.is_empty() {
        return Ok(None);
    }
    let order = orders::place(
        conn,
        &NewOrder { id: uuid::Uuid::new_v4().to_string(), supplier_id, participant_id, lines, placed_at },
    )?;
    Ok(Some(order))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use portal_api::OrderStatus;

    #[test]
    fn a_tick_cancels_overdue_orders_and_places_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        let now = Utc::now();
        demo::ensure(&mut conn, 3, now).expect("demo");
        let mut rng = Rng::new(1);
        let old = place_random_order(&conn, &mut rng, now - TimeDelta::days(11)).expect("place").expect("an order");
        assert_eq!(old.status, OrderStatus::Placed);
        let report = tick(&mut conn, &mut rng, now, true).expect("tick");
        assert_eq!(report.cancelled, vec![old.id.clone()], "only the overdue order is cancelled");
        assert!(report.placed.is_some());
        let cancelled = orders::load(&conn, &old.id).expect("load");
        assert_eq!(cancelled.status, OrderStatus::CancelledAutomatically);
        // A second tick finds nothing more to cancel.
        assert!(tick(&mut conn, &mut rng, now, false).expect("tick").cancelled.is_empty());
    }
}

//! The background task that ticks the simulation (`crate::simulation`) on the sandbox's clock,
//! through the shared context, until the sandbox stops.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use crate::context::Context;
use crate::rng::Rng;
use crate::simulation::{SWEEP_EVERY_WHEN_OFF, TickPlan, log, tick};
use crate::stopped;

/// Runs until `shutdown` says stop. The first tick (at once) does not place an order, so
/// overdue orders left from a stopped sandbox are cancelled at start; later ticks also place
/// an order every `order_every`.
pub(crate) async fn run(ctx: Context, order_every: Option<Duration>, mut shutdown: watch::Receiver<bool>) {
    let order_every = order_every.filter(|d| !d.is_zero());
    let mut ticker = tokio::time::interval(order_every.unwrap_or(SWEEP_EVERY_WHEN_OFF));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // Mixed with the clock so that a restarted sandbox does not replay the same orders.
    let mut rng = Rng::new(ctx.seed ^ Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64);
    let mut first = true;
    loop {
        tokio::select! {
            _ = ticker.tick() => {}
            _ = stopped(&mut shutdown) => break,
        }
        let place = order_every.is_some() && !first;
        first = false;
        let behaviour = ctx.behaviour();
        let mut tick_rng = rng.clone();
        let (clock, seed) = (ctx.clock.clone(), ctx.seed);
        let result = ctx
            .db
            .run(move |conn| {
                let plan = TickPlan {
                    place: place.then_some(&mut tick_rng),
                    participants: behaviour.active.then_some(behaviour),
                    seed,
                };
                let report = tick(conn, clock.now(), plan)?;
                Ok((tick_rng, report))
            })
            .await;
        match result {
            Ok((next_rng, report)) => {
                rng = next_rng;
                log(&report);
            }
            Err(e) => tracing::warn!(error = %e, "simulation tick failed; trying again next tick"),
        }
    }
}

//! Simulated participants over real loopback HTTP: new orders appear in the feed while the
//! sandbox runs, and orders not accepted in time are cancelled automatically.

mod common;

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use portal_api::{Entity, Order, OrderStatus, PortalClient};

use common::{SEED, read_feed, signed_in, start_in};

/// Reads the feed after `after` until `done` holds for the changes seen so far, or fails after
/// `timeout`.
async fn wait_for(
    client: &PortalClient,
    after: u64,
    timeout: Duration,
    done: impl Fn(&[(u64, Order)]) -> bool,
) -> Vec<(u64, Order)> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut seen: Vec<(u64, Order)> = Vec::new();
    let mut cursor = after;
    loop {
        let (changes, end) = read_feed(client, cursor, 100).await;
        cursor = end;
        seen.extend(changes.into_iter().filter_map(|c| match c.entity {
            Entity::Order(o) => Some((c.seq, o)),
            _ => None,
        }));
        if done(&seen) {
            return seen;
        }
        assert!(tokio::time::Instant::now() < deadline, "timed out; saw {} order changes", seen.len());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn simulated_participants_place_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), SEED, Some(Duration::from_millis(200))).await;
    let started = Utc::now() - TimeDelta::seconds(1);
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    let total_before = client.order_counts().await.expect("counts").total;

    let seen = wait_for(&client, head, Duration::from_secs(15), |seen| {
        seen.iter().filter(|(_, o)| o.status == OrderStatus::Placed).count() >= 3
    })
    .await;
    let new: Vec<&Order> = seen.iter().map(|(_, o)| o).filter(|o| o.status == OrderStatus::Placed).collect();
    for o in &new {
        assert!(o.placed_at >= started, "{} was placed just now", o.number);
        assert_eq!(o.accept_by - o.placed_at, TimeDelta::days(10), "{}", o.number);
        assert!((1..=3).contains(&o.lines.len()), "{}", o.number);
        assert!(o.lines.iter().all(|l| l.quantity > 0 && l.unit_price_tiyn > 0));
        assert_eq!(o.deliver_by, None);
    }
    let counts = client.order_counts().await.expect("counts");
    assert!(counts.total >= total_before + new.len() as u64);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn orders_not_accepted_in_time_are_cancelled_automatically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), SEED, Some(Duration::from_millis(200))).await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;

    let overdue = sandbox.place_order_at(Utc::now() - TimeDelta::days(11)).await.expect("an order");
    assert_eq!(overdue.status, OrderStatus::Placed);
    assert!(overdue.accept_by < Utc::now());

    let seen = wait_for(&client, head, Duration::from_secs(15), |seen| {
        seen.iter().any(|(_, o)| o.id == overdue.id && o.status == OrderStatus::CancelledAutomatically)
    })
    .await;
    let history: Vec<(u64, OrderStatus)> =
        seen.iter().filter(|(_, o)| o.id == overdue.id).map(|(seq, o)| (*seq, o.status)).collect();
    assert_eq!(
        history.iter().map(|(_, s)| *s).collect::<Vec<_>>(),
        vec![OrderStatus::Placed, OrderStatus::CancelledAutomatically],
        "placed, then cancelled once"
    );
    // An order still inside its window is left alone.
    let fresh = sandbox.place_order_at(Utc::now()).await.expect("an order");
    tokio::time::sleep(Duration::from_millis(600)).await;
    let (later, _) = read_feed(&client, head, 1000).await;
    let fresh_statuses: Vec<OrderStatus> = later
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Order(o) if o.id == fresh.id => Some(o.status),
            _ => None,
        })
        .collect();
    assert_eq!(fresh_statuses, vec![OrderStatus::Placed]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_restarted_sandbox_cancels_what_became_overdue_while_it_was_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = start_in(dir.path(), SEED, None).await;
    // Give the start-up sweep time to run, so the order below is left for the next start.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let overdue = first.place_order_at(Utc::now() - TimeDelta::days(10) - TimeDelta::minutes(1)).await.expect("order");
    let client = signed_in(&first).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    first.shutdown().await;

    let second = start_in(dir.path(), SEED, None).await;
    let client = signed_in(&second).await;
    let seen = wait_for(&client, head, Duration::from_secs(10), |seen| {
        seen.iter().any(|(_, o)| o.id == overdue.id && o.status == OrderStatus::CancelledAutomatically)
    })
    .await;
    assert!(seen.iter().all(|(_, o)| o.id == overdue.id), "nothing else changed: {}", seen.len());
    second.shutdown().await;
}

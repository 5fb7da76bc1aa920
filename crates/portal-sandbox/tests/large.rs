//! The large data set for benchmarks, at a small size: deterministic from its seed, every
//! status reached, and served completely through `start()` and the change feed.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use portal_api::{Entity, MAX_PAGE_SIZE, OrderStatus};
use portal_sandbox::{LargeSize, LargeSummary, SandboxError, db, generate_large};
use rusqlite::Connection;

use common::{latest_orders, read_feed, signed_in, start_in};

const SEED: u64 = 77;

fn generated(seed: u64) -> (tempfile::TempDir, LargeSummary) {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = generate_large(&dir.path().join("data"), seed, LargeSize::SMALL).expect("generated");
    (dir, summary)
}

fn data(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("data")
}

fn rows(path: &Path, sql: &str) -> Vec<(String, String)> {
    let conn = Connection::open(path.join(db::DB_FILE)).expect("open");
    let mut stmt = conn.prepare(sql).expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").map(|r| r.expect("row")).collect()
}

#[test]
fn the_same_seed_gives_the_same_data_set() {
    let (a_dir, a) = generated(SEED);
    let (b_dir, b) = generated(SEED);
    let (c_dir, c) = generated(SEED + 1);
    let shape = |s: &LargeSummary| {
        (s.orders, s.offerings, s.participants, s.order_moves, s.changes, s.feed_head, s.by_status.clone())
    };
    assert_eq!(shape(&a), shape(&b));
    assert_eq!((a.orders, a.offerings), (2_000, 200));

    // Same order numbers for the same orders, same feed (entities in the same sequence).
    let numbers = "SELECT number, id || ' ' || status FROM orders ORDER BY number";
    let feed = "SELECT CAST(seq AS TEXT), entity_kind || ' ' || entity_id FROM changes ORDER BY seq";
    assert_eq!(rows(&data(&a_dir), numbers), rows(&data(&b_dir), numbers));
    assert_eq!(rows(&data(&a_dir), feed), rows(&data(&b_dir), feed));
    assert_ne!(rows(&data(&a_dir), numbers), rows(&data(&c_dir), numbers), "another seed, other orders");
    let _ = c;

    // Every status, ≥ 2 changes per order, every move in the history, nothing dangling.
    for (status, n) in &a.by_status {
        assert!(*n > 0, "{status:?} has orders: {:?}", a.by_status);
    }
    assert_eq!(a.by_status.iter().map(|(_, n)| n).sum::<usize>(), a.orders);
    assert!(a.changes >= 2 * a.orders as u64, "{a:?}");
    assert_eq!(a.feed_head, a.changes);
    let conn = Connection::open(data(&a_dir).join(db::DB_FILE)).expect("open");
    let history: i64 = conn.query_row("SELECT COUNT(*) FROM order_history", [], |r| r.get(0)).expect("count");
    assert_eq!(history as usize, a.order_moves);
    let order_changes: i64 =
        conn.query_row("SELECT COUNT(*) FROM changes WHERE entity_kind = 'order'", [], |r| r.get(0)).expect("count");
    assert_eq!(order_changes as usize, a.orders + a.order_moves);
    let dangling: i64 =
        conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("check");
    assert_eq!(dangling, 0, "every reference resolves");
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "the normal journal is back");
}

#[test]
fn an_existing_data_directory_is_refused() {
    let (dir, _) = generated(SEED);
    let again = generate_large(&data(&dir), SEED, LargeSize::SMALL);
    assert!(matches!(again, Err(SandboxError::Invalid(_))), "{again:?}");
}

#[tokio::test]
async fn it_is_served_through_start_and_the_change_feed() {
    let (dir, summary) = generated(SEED);
    let sandbox = start_in(&data(&dir), SEED, None).await;
    let client = signed_in(&sandbox).await;

    let (changes, end) = read_feed(&client, 0, MAX_PAGE_SIZE).await;
    assert_eq!(end, summary.feed_head, "start did not add the demo data");
    assert_eq!(changes.len() as u64, summary.changes);
    let offerings: HashSet<&str> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Offering(o) => Some(o.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(offerings.len(), summary.offerings);
    let latest = latest_orders(&changes);
    assert_eq!(latest.len(), summary.orders);

    // The feed's last snapshot of every order is the order as the portal holds it.
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.orders.len(), summary.orders);
    let mut per_order: HashMap<&str, usize> = HashMap::new();
    for c in &changes {
        if let Entity::Order(o) = &c.entity {
            *per_order.entry(o.id.as_str()).or_default() += 1;
        }
    }
    for o in &state.orders {
        let fed = &latest[&o.id];
        assert_eq!(
            (&fed.number, fed.status, fed.updated_at, fed.deliver_by),
            (&o.number, o.status, o.updated_at, o.deliver_by)
        );
        assert_eq!(fed.lines.len(), o.lines.len());
        assert_eq!(per_order[o.id.as_str()], o.history.len() + 1, "{}: placing plus one change per move", o.number);
    }
    let counts = client.order_counts().await.expect("counts");
    assert_eq!(counts.total, summary.orders as u64);
    for c in &counts.by_status {
        let generated = summary.by_status.iter().find(|(s, _)| *s == c.status).map_or(0, |(_, n)| *n);
        assert_eq!(c.count, generated as u64, "{:?}", c.status);
    }

    // The data is live: a participant can cancel a placed order, and it shows in the feed.
    let placed = state
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::Placed && o.accept_by > state.now)
        .expect("a placed order");
    sandbox.participant_cancels(&placed.id).await.expect("cancelled");
    let next = client.changes(end, 10).await.expect("page");
    assert_eq!(next.changes.len(), 1);
    sandbox.shutdown().await;

    // A restart serves it as it is.
    let sandbox = start_in(&data(&dir), SEED, None).await;
    let client = signed_in(&sandbox).await;
    let page = client.changes(0, 1).await.expect("page");
    assert_eq!(page.head, end + 1);
    sandbox.shutdown().await;
}

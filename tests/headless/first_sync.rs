//! The first sync: desk-core pulling from a real portal sandbox over loopback HTTP into a real
//! SQLite file.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use desk_testkit::staff;

use desk_core::Store;
use desk_core::access::Role;
use desk_core::features::orders::views::InboxQuery;
use desk_core::sync::status::Connectivity;
use desk_core::sync::{Credentials, SyncEngine, pull};
use portal_api::PortalClient;
use portal_sandbox::{RunningSandbox, SandboxConfig, demo};

async fn sandbox(dir: &std::path::Path) -> RunningSandbox {
    portal_sandbox::start(SandboxConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        data_dir: dir.join("portal"),
        seed: 11,
        order_every: None,
    })
    .await
    .expect("sandbox starts")
}

fn demo_credentials() -> Credentials {
    Credentials { bin: demo::SUPPLIER_BIN.into(), password: demo::SUPPLIER_PASSWORD.into() }
}

#[tokio::test]
async fn first_pull_brings_everything_and_a_second_brings_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path()).await;
    let mut client = PortalClient::new(&portal.url()).expect("client");
    client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("sign in");
    let counts = client.order_counts().await.expect("counts");

    let store = Mutex::new(Store::open(&dir.path().join("desk.sqlite")).expect("store"));
    let pages = AtomicU64::new(0);
    let applied = pull(&store, &client, 100, &|p| {
        pages.fetch_add(1, Ordering::Relaxed);
        assert!(p.cursor <= p.head);
    })
    .await
    .expect("pull");
    assert!(applied > 0);
    assert!(pages.load(Ordering::Relaxed) >= 2, "the demo data takes several pages of 100");

    let store = store.into_inner().expect("store");
    let summary = store.summary().expect("summary");
    assert_eq!(summary.orders, counts.total, "every order of the portal is local");
    assert_eq!(summary.open_orders, counts.open);
    assert_eq!(summary.cursor, summary.head);
    assert!(summary.last_sync_at.is_some());
    assert!(summary.classifier_items >= 40);
    assert!(summary.offerings > 0);
    let policy = store.policy().expect("policy").expect("the portal sent its policy");
    assert_eq!(policy.acceptance_window.days, 10);
    let inbox =
        store.inbox(&InboxQuery { open_only: true, offset: 0, limit: 50, ..Default::default() }).expect("inbox");
    assert_eq!(inbox.total, counts.open);
    let dues: Vec<_> = inbox.rows.iter().filter_map(|r| r.due_at).collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "sorted by deadline");

    // The screens' indexes, left out while the orders were loaded, are built again after it.
    let raw = rusqlite::Connection::open(dir.path().join("desk.sqlite")).expect("raw");
    let built: i64 = raw
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN
                ('orders_inbox', 'orders_workshop', 'orders_by_assignee', 'orders_money', 'orders_placed_day',
                 'orders_confirmed_day', 'payments_by_date')",
            [],
            |r| r.get(0),
        )
        .expect("indexes");
    assert_eq!(built, 7);
    let waiting: i64 = raw.query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).expect("deferred");
    assert_eq!(waiting, 0);
    let plan: String = raw
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM orders ORDER BY is_open DESC, due_at IS NULL, due_at, number LIMIT 50",
            [],
            |r| r.get(3),
        )
        .expect("plan");
    assert!(plan.contains("orders_inbox"), "the inbox reads its index: {plan}");

    let store = Mutex::new(store);
    let again = pull(&store, &client, 100, &|_| {}).await.expect("second pull");
    assert_eq!(again, 0, "nothing new");
    portal.shutdown().await;
}

#[tokio::test]
async fn the_engine_reports_online_offline_and_signed_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path()).await;
    let url = portal.url();
    let store = Arc::new(Mutex::new(Store::open(&dir.path().join("desk.sqlite")).expect("store")));

    let engine = SyncEngine::new(store.clone(), PortalClient::new(&url).expect("client"), demo_credentials());
    engine.sync_once(&|_| {}).await.expect("sync");
    let status = engine.status().expect("status");
    assert_eq!(status.connectivity, Connectivity::Online);
    assert!(status.summary.orders > 0);
    assert_eq!(status.last_error, None);

    let wrong = Credentials { password: "not-the-password".into(), ..demo_credentials() };
    let refused = SyncEngine::new(store.clone(), PortalClient::new(&url).expect("client"), wrong);
    assert!(refused.sync_once(&|_| {}).await.is_err());
    assert_eq!(refused.status().expect("status").connectivity, Connectivity::SignedOut);

    portal.shutdown().await;
    let seen = Mutex::new(Vec::new());
    assert!(engine.sync_once(&|s| seen.lock().expect("lock").push(s.connectivity)).await.is_err());
    let status = engine.status().expect("status");
    assert_eq!(status.connectivity, Connectivity::Offline);
    assert!(status.last_error.is_some());
    assert!(!status.syncing);
    // The data pulled before the outage is still there.
    assert!(status.summary.orders > 0);
    assert_eq!(seen.lock().expect("lock").last(), Some(&Connectivity::Offline));
}

#[tokio::test]
async fn signing_in_again_after_a_refusal_sends_the_queue_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path()).await;
    let store = Arc::new(Mutex::new(Store::open(&dir.path().join("desk.sqlite")).expect("store")));
    let engine = SyncEngine::new(store.clone(), PortalClient::new(&portal.url()).expect("client"), demo_credentials());
    engine.sync_once(&|_| {}).await.expect("first sync");
    let offering = store.lock().expect("lock").offerings().expect("offerings")[0].clone();
    store
        .lock()
        .expect("lock")
        .change_stock(&staff::actor(Role::Office), &offering.id, &offering.regions[0], 2)
        .expect("stock");

    // The token is revoked and the stored password no longer works.
    portal.expire_tokens().await.expect("expire");
    assert!(
        engine.sign_in_again(Credentials { bin: "12345".into(), ..demo_credentials() }).is_err(),
        "a malformed BIN"
    );
    assert!(
        engine.sign_in_again(Credentials { password: String::new(), ..demo_credentials() }).is_err(),
        "no password"
    );
    engine.sign_in_again(Credentials { password: "changed".into(), ..demo_credentials() }).expect("credentials");
    assert!(engine.sync_once(&|_| {}).await.is_err());
    let status = engine.status().expect("status");
    assert_eq!(status.connectivity, Connectivity::SignedOut);
    assert_eq!(status.summary.pending_mutations, 1, "the queue waits");

    engine.sign_in_again(demo_credentials()).expect("credentials");
    engine.sync_once(&|_| {}).await.expect("sync after signing in again");
    let status = engine.status().expect("status");
    assert_eq!((status.connectivity, status.summary.pending_mutations), (Connectivity::Online, 0));
}

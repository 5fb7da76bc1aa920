//! Writes made while a sync runs: the sync holds the store only for one page at a time, so user
//! actions go in between pages, and none of them is lost.

mod sync_support;

use desk_core::access::Role;
use sync_support::staff;

use std::sync::Arc;
use std::time::{Duration, Instant};

use portal_sandbox::{Delay, Faults};
use sync_support::{Device, check_convergence, sandbox};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_during_a_sync_are_neither_lost_nor_blocked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 13).await;
    let feed_head = portal.state().await.expect("state").feed_head;
    // A fresh desk's first pull, slowed down so it spans seconds, while staff already work.
    let fresh = Arc::new(Device::open(dir.path(), "fresh", &portal.url()));
    portal.set_faults(Faults { seed: Some(3), latency: Delay::fixed(150), ..Faults::default() }).expect("faults");

    let syncing = tokio::spawn({
        let fresh = fresh.clone();
        async move { fresh.engine.sync_once(&|_| {}).await.map(|_| ()).map_err(|e| e.to_string()) }
    });
    let actor = staff::actor(Role::Office);
    let mut during = 0;
    let mut writes = 0;
    let mut slowest = Duration::ZERO;
    let mut offering = None;
    while !syncing.is_finished() {
        // The first page brings the classifier and the offerings; work starts when they are in.
        let Some(o) = offering.clone().or_else(|| fresh.store().offerings().expect("offerings").into_iter().next()) else {
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        offering = Some(o.clone());
        let started = Instant::now();
        fresh.store().change_stock(&actor, &o.id, &o.regions[0], 1).expect("write during the sync");
        slowest = slowest.max(started.elapsed());
        writes += 1;
        if fresh.engine.status().expect("status").syncing {
            during += 1;
        }
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    syncing.await.expect("join").expect("the sync succeeds");
    println!("{writes} writes, {during} while the pull ran; slowest write {slowest:?}");
    assert!(during >= 3, "writes went in while the pull ran ({during})");
    assert_eq!(fresh.store().summary().expect("summary").cursor, feed_head);

    portal.set_faults(Faults::default()).expect("faults");
    let offering = offering.expect("the offerings arrived during the pull");
    fresh.sync_until_drained(3).await;
    let c = check_convergence(&portal, &[&fresh]).await;
    assert_eq!((c.mutations, c.applied, c.lost, c.duplicates), (writes, writes, 0, 0));
    let stock = portal.state().await.expect("state").offering(&offering.id).expect("offering").offering.stock;
    assert_eq!(stock, offering.stock + writes as i64, "every +1 arrived once");
}

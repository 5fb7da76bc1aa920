//! Writes made while a sync runs: the sync holds the store only for one page at a time, so user
//! actions go in between pages, and none of them is lost.

use crate::sync_support;

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
        let Some(o) = offering.clone().or_else(|| fresh.store().offerings().expect("offerings").into_iter().next())
        else {
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

/// Two connections to one desk file, as when the window works while a headless
/// `supplier-desk sync --once` or an import runs: 1,000 user actions on one while the other
/// syncs and commits over and over. Every write transaction begins IMMEDIATE, so each action
/// waits its turn (the busy timeout) instead of failing with "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_action_meets_a_locked_database_while_syncs_commit() {
    const WRITES: usize = 1000;
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 14).await;
    let syncing = Arc::new(Device::open(dir.path(), "desk", &portal.url()));
    syncing.sync_until_drained(3).await;
    let offering = syncing.store().offerings().expect("offerings").into_iter().next().expect("an offering");

    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let syncs = tokio::spawn({
        let (syncing, done) = (syncing.clone(), done.clone());
        async move {
            let mut rounds = 0u32;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                syncing.engine.sync_once(&|_| {}).await.map_err(|e| e.to_string())?;
                rounds += 1;
            }
            Ok::<_, String>(rounds)
        }
    });
    let writer = tokio::task::spawn_blocking({
        let (path, offering) = (dir.path().join("desk").join("desk.sqlite"), offering.clone());
        move || {
            let mut store = desk_core::Store::open(&path).expect("a second connection");
            let actor = staff::actor(Role::Office);
            let mut locked = 0;
            let mut other = Vec::new();
            for i in 0..WRITES {
                let delta = if i % 2 == 0 { 1 } else { -1 };
                if let Err(e) = store.change_stock(&actor, &offering.id, &offering.regions[0], delta) {
                    let text = e.to_string();
                    if text.contains("locked") || text.contains("busy") {
                        locked += 1;
                    } else {
                        other.push(text);
                    }
                }
                // Paced as a person working fast would not be, but slow enough that sync
                // rounds (each pushing what was just queued) commit between the actions.
                std::thread::sleep(Duration::from_millis(3));
            }
            (locked, other)
        }
    });
    let (locked, other) = writer.await.expect("writer");
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let rounds = syncs.await.expect("join").expect("every sync round succeeds");
    println!("{WRITES} actions beside {rounds} sync rounds: {locked} met a locked database");
    assert!(rounds >= 5, "the syncs ran beside the actions ({rounds} rounds)");
    assert_eq!((locked, other), (0, Vec::<String>::new()));
    syncing.sync_until_drained(3).await;
    let c = check_convergence(&portal, &[&syncing]).await;
    assert_eq!((c.applied, c.lost, c.duplicates), (WRITES, 0, 0));
}

//! Crash test: `supplier-desk sync --once` in a child process is killed with SIGKILL at random
//! moments — during the first pull's page applies, before a push, and while the portal holds a
//! response whose mutations it has already applied. After every kill the database passes
//! `PRAGMA integrity_check`; after the last, one clean sync converges with the portal: nothing
//! lost, nothing applied twice.

use crate::sync_support;

use std::path::Path;
use std::time::Duration;

use portal_sandbox::{Delay, Faults};
use sync_support::{
    Device, Rng, check_convergence, desk_vault, kill_after, queue_mixed_actions, sandbox, spawn_headless_sync,
};

/// The desk's database, keyed as the app keys it (an error before the app made its vault).
fn keyed(data_dir: &Path, flags: rusqlite::OpenFlags) -> rusqlite::Result<rusqlite::Connection> {
    desk_vault::raw_connection(data_dir, flags)
}

fn integrity_ok(data_dir: &Path) {
    if !data_dir.join("desk.sqlite").exists() {
        return; // killed before it created the database
    }
    let conn = keyed(data_dir, rusqlite::OpenFlags::default()).expect("open");
    let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(result, "ok");
}

/// The change-feed cursor the desk has committed, 0 before its first page.
fn cursor(data_dir: &Path) -> u64 {
    let Ok(conn) = keyed(data_dir, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT cursor FROM sync_state", [], |r| r.get::<_, i64>(0)).map_or(0, |c| c as u64)
}

fn queued_ids(data_dir: &Path) -> std::collections::HashSet<String> {
    let conn = keyed(data_dir, rusqlite::OpenFlags::default()).expect("open");
    let mut stmt = conn.prepare("SELECT mutation_id FROM outbox WHERE state = 'pending'").expect("prepare");
    stmt.query_map([], |r| r.get(0)).expect("query").collect::<Result<_, _>>().expect("rows")
}

/// Starts a headless sync and kills it with SIGKILL after `after`; true if it was still running.
async fn sync_and_kill(data_dir: &Path, portal: &str, after: Duration) -> bool {
    kill_after(spawn_headless_sync(data_dir, portal), after).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_syncs_lose_and_duplicate_nothing() {
    let _alone = sync_support::heavy().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 9).await;
    let url = portal.url();
    let data_dir = dir.path().join("device");
    let mut rng = Rng::new(99);
    let mut kills = 0;
    let mut kills_while_running = 0;
    let mut kills_after_apply = 0;

    // Phase 1: the first pull, killed at random points while its pages are applied (every
    // request is delayed so the pull spans several page transactions).
    portal.set_faults(Faults { seed: Some(1), latency: Delay::fixed(200), ..Faults::default() }).expect("set faults");
    let head = portal.state().await.expect("state").feed_head;
    let mut kills_mid_pull = 0;
    for _ in 0..20 {
        // Signing in takes about half a second of the sandbox's password hashing; the pages follow.
        let after = Duration::from_millis(400 + rng.below(1200));
        kills_while_running += usize::from(sync_and_kill(&data_dir, &url, after).await);
        kills += 1;
        integrity_ok(&data_dir);
        let cursor = cursor(&data_dir);
        if cursor > 0 && cursor < head {
            kills_mid_pull += 1;
        }
    }

    // The interrupted first pull resumes from its last committed page and completes.
    let device = Device::open_app_desk(dir.path(), "device", &url);
    device.sync_until_drained(3).await;
    let feed_head = portal.state().await.expect("state").feed_head;
    assert_eq!(device.store().summary().expect("summary").cursor, feed_head);
    drop(device);

    // Phase 2: pushes. Queue mutations, then kill syncs while requests wait before the handler
    // (the portal has not applied them) and after it (applied, answer not yet sent).
    portal
        .set_faults(Faults {
            seed: Some(2),
            latency: Delay::fixed(40),
            response_delay: Delay::fixed(400),
            ..Faults::default()
        })
        .expect("set faults");
    for _ in 0..8 {
        let device = Device::open_app_desk(dir.path(), "device", &url);
        queue_mixed_actions(&device, &mut rng, 25);
        drop(device);
        for _ in 0..5 {
            // A push of 25 here takes about 1–1.5 s (sign-in, then each request held 400 ms before
            // its answer): kills within 0.3–1.0 s fall before the handler, after it, or between.
            let after = Duration::from_millis(300 + rng.below(700));
            kills_while_running += usize::from(sync_and_kill(&data_dir, &url, after).await);
            kills += 1;
            integrity_ok(&data_dir);
            // Mutations the portal holds while the desk still has them queued: this kill fell
            // after the portal applied them and before their answer arrived.
            let queued = queued_ids(&data_dir);
            let state = portal.state().await.expect("state");
            if state.mutations.iter().any(|m| queued.contains(&m.id)) {
                kills_after_apply += 1;
            }
        }
    }

    let device = Device::open_app_desk(dir.path(), "device", &url);
    portal.set_faults(Faults::default()).expect("set faults");
    device.sync_until_drained(5).await;
    integrity_ok(&data_dir);
    let c = check_convergence(&portal, &[&device]).await;
    println!(
        "crash test: {kills} kills ({kills_while_running} while the sync ran, {kills_mid_pull} between pages of the first pull, {kills_after_apply} after the portal applied a batch \
         but before its answer arrived), {} mutations, {} applied, {} rejected, duplicates {}, lost {}",
        c.mutations, c.applied, c.rejected, c.duplicates, c.lost
    );
    assert!(kills >= 50);
    assert!(kills_while_running >= 40, "most kills hit a running sync ({kills_while_running})");
    assert_eq!(c.mutations, 200);
    assert_eq!((c.duplicates, c.lost), (0, 0));
    assert!(kills_after_apply > 0, "some kills fell after the portal applied a batch");
    assert!(kills_mid_pull > 0, "some kills fell between pages of the first pull");
}

//! A randomized run of two desks of one supplier writing the same offerings through every way
//! an answer can go wrong: mutations answered `Retryable` (15 %, also for ones already applied,
//! as a misbehaving portal would), answers cut after the portal applied them, connections reset,
//! and desk A's headless `supplier-desk sync --once` killed with SIGKILL at random moments.
//!
//! Desk A sets the stock of its own region and adds, fills, empties and drops a region of its
//! own (each step depends on the one before: they must land in order); desk B sets the stock of
//! its own region; both add to a region they share. After convergence the portal holds, in a
//! region one desk owns, the last value a person entered there, and in the shared region the
//! start plus every delta; no desk ever shows negative stock; and no conflict appears, since
//! none of these actions can be refused on its own merits.

use crate::sync_support;

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use desk_core::access::Role;
use desk_core::features::offerings::OfferingUpdate;
use portal_sandbox::{Delay, Faults, RunningSandbox};
use sync_support::{Device, Rng, sandbox, spawn_headless_sync, staff};

const ROUNDS: usize = 50;
const SHARED: &str = "KZ-ALA";
const A_OWN: &str = "KZ-AST";
const B_OWN: &str = "KZ-KAR";
/// The region desk A adds, fills, empties and drops again.
const A_EXTRA: &str = "KZ-PAV";

fn stock_of(device: &Device, id: &str) -> Vec<(String, i64)> {
    let o = device.store().offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("offering");
    o.stock_by_region.into_iter().map(|r| (r.region, r.quantity)).collect()
}

fn shown(device: &Device, id: &str, region: &str) -> Option<i64> {
    stock_of(device, id).into_iter().find(|(r, _)| r == region).map(|(_, q)| q)
}

fn no_negative_stock(device: &Device, offerings: &[String]) {
    for id in offerings {
        for (region, q) in stock_of(device, id) {
            assert!(q >= 0, "{}: {id} shows {q} in {region}", device.name);
        }
    }
}

/// Sets `region` to `target` as the offerings screen does (the change from what is shown).
fn set(device: &Device, id: &str, region: &str, target: i64) -> bool {
    let Some(now) = shown(device, id, region) else { return false };
    if now == target {
        return false;
    }
    let actor = staff::actor(Role::Manager);
    device.store().change_stock(&actor, id, region, target - now).expect("a stock change the desk allows");
    true
}

fn set_regions(device: &Device, id: &str, regions: Vec<String>) {
    let actor = staff::actor(Role::Manager);
    let update = OfferingUpdate { regions: Some(regions), ..Default::default() };
    device.store().update_offering(&actor, id, &update).expect("a region change the desk allows");
}

fn regions_of(device: &Device, id: &str) -> Vec<String> {
    stock_of(device, id).into_iter().map(|(r, _)| r).collect()
}

/// Desk A's headless sync, killed after `kill_after` if still running, or waited for; true if a
/// kill met it running.
async fn cli_sync(data_dir: &Path, portal: &str, kill_after: Option<Duration>) -> bool {
    let mut child = spawn_headless_sync(data_dir, portal);
    match kill_after {
        Some(after) => sync_support::kill_after(child, after).await,
        None => {
            let started = std::time::Instant::now();
            while matches!(child.try_wait(), Ok(None)) && started.elapsed() < Duration::from_secs(60) {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            child.kill().ok();
            child.wait().expect("reap");
            false
        }
    }
}

async fn portal_stock(portal: &RunningSandbox) -> HashMap<(String, String), i64> {
    let state = portal.state().await.expect("state");
    let mut out = HashMap::new();
    for o in &state.offerings {
        for r in o.offering.region_stock() {
            out.insert((o.offering.id.clone(), r.region), r.quantity);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_desks_through_retryable_answers_cuts_and_kills_end_where_people_left_them() {
    let _alone = sync_support::heavy().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 21).await;
    let url = portal.url();
    let a_dir = dir.path().join("desk-a");

    // Set-up without faults: two offerings in the shared and both own regions, known stock.
    let a = Device::open_app_desk(dir.path(), "desk-a", &url);
    a.sync_until_drained(3).await;
    let offerings: Vec<String> = a.store().offerings().expect("offerings").into_iter().take(2).map(|o| o.id).collect();
    for id in &offerings {
        let mut regions = regions_of(&a, id);
        for r in [SHARED, A_OWN, B_OWN] {
            if !regions.iter().any(|x| x == r) {
                regions.push(r.to_owned());
            }
        }
        set_regions(&a, id, regions);
        for r in [SHARED, A_OWN, B_OWN] {
            set(&a, id, r, 10);
        }
    }
    a.sync_until_drained(3).await;
    drop(a);
    let b = Device::open(dir.path(), "desk-b", &url);
    b.sync_until_drained(3).await;

    let start = portal_stock(&portal).await;
    // What people intend: the last value entered in an owned region, the sum in the shared one.
    let mut intended: HashMap<(String, String), i64> = HashMap::new();
    for id in &offerings {
        for r in [SHARED, A_OWN, B_OWN] {
            intended.insert((id.clone(), r.to_owned()), start[&(id.clone(), r.to_owned())]);
        }
    }

    portal
        .set_faults(Faults {
            seed: Some(5),
            // Each answer held back a little, so that a kill can fall after the portal applied a
            // batch and before its answer arrived.
            response_delay: Delay { rate: 0.5, fixed_ms: 100, jitter_ms: 300 },
            retryable_rate: 0.15,
            retryable_replays: true,
            reset_rate: 0.1,
            truncate_rate: 0.05,
            ..Faults::default()
        })
        .expect("faults");
    let mut rng = Rng::new(2026);
    let (mut kills, mut kills_while_running, mut queued) = (0, 0, 0usize);
    for _ in 0..ROUNDS {
        // Desk A works, then its headless sync runs and is killed, or runs to its end.
        let a = Device::open_app_desk(dir.path(), "desk-a", &url);
        no_negative_stock(&a, &offerings);
        for _ in 0..3 {
            let id = &offerings[rng.below(offerings.len() as u64) as usize];
            match rng.below(4) {
                0 => {
                    let target = rng.below(30) as i64;
                    queued += usize::from(set(&a, id, A_OWN, target));
                    intended.insert((id.clone(), A_OWN.to_owned()), target);
                }
                1 => {
                    let delta = 1 + rng.below(5) as i64;
                    let now = shown(&a, id, SHARED).expect("shared region");
                    queued += usize::from(set(&a, id, SHARED, now + delta));
                    *intended.get_mut(&(id.clone(), SHARED.to_owned())).expect("shared") += delta;
                }
                _ => {
                    // The extra region: added and filled, or emptied and dropped — two
                    // mutations, the second depending on the first.
                    let mut regions = regions_of(&a, id);
                    if regions.iter().any(|r| r == A_EXTRA) {
                        if set(&a, id, A_EXTRA, 0) {
                            queued += 1;
                        }
                        regions.retain(|r| r != A_EXTRA);
                        set_regions(&a, id, regions);
                    } else {
                        regions.push(A_EXTRA.to_owned());
                        set_regions(&a, id, regions);
                        queued += usize::from(set(&a, id, A_EXTRA, 1 + rng.below(9) as i64));
                    }
                    queued += 1;
                }
            }
        }
        drop(a);
        let kill_after = (rng.below(3) != 0).then(|| Duration::from_millis(100 + rng.below(700)));
        kills += usize::from(kill_after.is_some());
        kills_while_running += usize::from(cli_sync(&a_dir, &url, kill_after).await);

        // Desk B works and syncs in process.
        for _ in 0..2 {
            let id = &offerings[rng.below(offerings.len() as u64) as usize];
            if rng.below(2) == 0 {
                let target = rng.below(30) as i64;
                queued += usize::from(set(&b, id, B_OWN, target));
                intended.insert((id.clone(), B_OWN.to_owned()), target);
            } else {
                let delta = 1 + rng.below(5) as i64;
                let now = shown(&b, id, SHARED).expect("shared region");
                queued += usize::from(set(&b, id, SHARED, now + delta));
                *intended.get_mut(&(id.clone(), SHARED.to_owned())).expect("shared") += delta;
            }
        }
        let _ = b.engine.sync_once(&|_| {}).await;
        no_negative_stock(&b, &offerings);
    }

    let faults = portal.fault_counts();
    portal.set_faults(Faults::default()).expect("faults off");
    let a = Device::open_app_desk(dir.path(), "desk-a", &url);
    a.sync_until_drained(5).await;
    b.sync_until_drained(5).await;
    a.sync_until_drained(2).await;

    let on_portal = portal_stock(&portal).await;
    let state = portal.state().await.expect("state");
    let duplicates = state.mutations.iter().filter(|m| m.applications > 1).count();
    let conflicts = a.store().conflicts().expect("conflicts").len() + b.store().conflicts().expect("conflicts").len();
    println!(
        "randomized run: {queued} mutations queued by people, {} recorded by the portal; faults: {} retryable, {} resets, \
         {} truncated; {kills} kills of desk A's sync ({kills_while_running} while it ran); {conflicts} conflicts, \
         {duplicates} applied twice",
        state.mutations.len(),
        faults.retryable,
        faults.reset,
        faults.truncate
    );
    let mut wrong = Vec::new();
    for ((id, region), want) in &intended {
        let got = on_portal.get(&(id.clone(), region.clone())).copied().unwrap_or(0);
        if got != *want {
            wrong.push(format!("{id} {region}: portal {got}, intended {want}"));
        }
        for desk in [&a, &b] {
            assert_eq!(shown(desk, id, region), Some(got), "{}: {id} {region} as the portal", desk.name);
        }
    }
    assert!(wrong.is_empty(), "the portal holds what people entered: {wrong:?}");
    assert_eq!((conflicts, duplicates), (0, 0));
    no_negative_stock(&a, &offerings);
    no_negative_stock(&b, &offerings);
    assert!(faults.retryable > 0 && faults.reset > 0, "the faults happened: {faults:?}");
    assert!(kills_while_running >= ROUNDS / 4, "kills met a running sync ({kills_while_running})");
}

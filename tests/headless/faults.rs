//! The fault matrix: for each kind of fault the sandbox injects, two devices of the same
//! supplier queue mixed mutations and sync through the faults; after a final sync without
//! faults the portal and both devices agree, no mutation was applied twice and none was lost.

use crate::sync_support;

use std::time::Duration;

use portal_sandbox::{Delay, Faults};
use sync_support::{Device, Rng, check_convergence, queue_mixed_actions, sandbox};

/// Mutations per run, split between the two devices.
const MUTATIONS: usize = 500;
const RATE: f64 = 0.3;
/// Rounds of work and sync per device.
const ROUNDS: usize = 25;

fn fault_kinds() -> Vec<(&'static str, Faults)> {
    let base = Faults { seed: Some(42), ..Faults::default() };
    vec![
        ("latency", Faults { latency: Delay { rate: RATE, fixed_ms: 20, jitter_ms: 30 }, ..base.clone() }),
        ("error", Faults { error_rate: RATE, ..base.clone() }),
        ("reset", Faults { reset_rate: RATE, ..base.clone() }),
        ("truncate", Faults { truncate_rate: RATE, ..base.clone() }),
        ("retryable", Faults { retryable_rate: RATE, ..base.clone() }),
        (
            "maintenance",
            Faults { maintenance_until: Some(chrono::Utc::now() + chrono::Duration::seconds(2)), ..base.clone() },
        ),
        ("token_expiry", base),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_devices_converge_through_every_fault_kind() {
    let _alone = sync_support::heavy().await;
    let mut report = Vec::new();
    for (kind, faults) in fault_kinds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let portal = sandbox(dir.path(), 5).await;
        let a = Device::open(dir.path(), "device-a", &portal.url());
        let b = Device::open(dir.path(), "device-b", &portal.url());
        a.sync_until_drained(3).await;
        b.sync_until_drained(3).await;

        let expire_tokens = kind == "token_expiry";
        let faults = match faults.maintenance_until {
            // The window opens now, while the devices work.
            Some(_) => Faults { maintenance_until: Some(chrono::Utc::now() + chrono::Duration::seconds(2)), ..faults },
            None => faults,
        };
        portal.set_faults(faults).expect("set faults");
        // The devices work as staff do: a few actions, a sync, more actions, each sync through
        // the faults; a failed sync leaves the work queued for the next one.
        let mut rng = Rng::new(7);
        let mut failures = 0;
        for round in 0..ROUNDS {
            if expire_tokens && round % 3 == 0 {
                portal.expire_tokens().await.expect("expire tokens");
            }
            for device in [&a, &b] {
                queue_mixed_actions(device, &mut rng, MUTATIONS / 2 / ROUNDS);
                if device.engine.sync_once(&|_| {}).await.is_err() {
                    failures += 1;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let injected = portal.fault_counts();
        portal.set_faults(Faults::default()).expect("set faults");
        a.sync_until_drained(5).await;
        b.sync_until_drained(5).await;
        // One more pull each, so both see the other's last changes.
        a.sync_until_drained(1).await;

        let c = check_convergence(&portal, &[&a, &b]).await;
        assert_eq!(c.mutations, MUTATIONS, "{kind}: every queued mutation is accounted for");
        assert_eq!(c.duplicates, 0, "{kind}: no mutation applied twice");
        assert_eq!(c.lost, 0, "{kind}: no mutation lost");
        report.push(format!(
            "{kind:>12}: {} mutations, {} applied, {} rejected, faults injected {}, failed syncs {failures}, duplicates {}, lost {}",
            c.mutations,
            c.applied,
            c.rejected,
            injected.total(),
            c.duplicates,
            c.lost
        ));
        if kind != "latency" && kind != "token_expiry" {
            assert!(injected.total() > 0, "{kind}: faults were injected");
        }
        portal.shutdown().await;
    }
    println!("fault matrix (rate {RATE}):\n{}", report.join("\n"));
}

//! What the sync tests share: a sandbox without simulated participants, devices (each a real
//! store file with its own sync engine), a generator of mixed user actions, and the convergence
//! check between the devices and the portal.
#![allow(dead_code)] // not every suite of the binary uses every helper

pub use desk_testkit::{staff, vault as desk_vault};

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use desk_core::access::Role;
use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::orders::views::InboxQuery;
use desk_core::kernel::money::Money;
use desk_core::sync::{Credentials, SyncEngine};
use desk_core::{Delivery, OrderStatus, Store};
use portal_api::{MutationOutcome, PortalClient, RegionStock};
use portal_sandbox::{RunningSandbox, SandboxConfig, demo};

pub async fn sandbox(dir: &Path, seed: u64) -> RunningSandbox {
    portal_sandbox::start(SandboxConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        data_dir: dir.join("portal"),
        seed,
        order_every: None,
    })
    .await
    .expect("sandbox starts")
}

pub fn credentials() -> Credentials {
    Credentials { bin: demo::SUPPLIER_BIN.into(), password: demo::SUPPLIER_PASSWORD.into() }
}

/// Changes per page in the tests' pulls: the demo data's 400-odd entities take several pages.
pub const PAGE_SIZE: u32 = 60;

/// One desk: its store file and its sync engine.
pub struct Device {
    pub name: &'static str,
    pub engine: SyncEngine,
}

impl Device {
    pub fn open(dir: &Path, name: &'static str, portal_url: &str) -> Device {
        std::fs::create_dir_all(dir.join(name)).expect("device dir");
        let store = Store::open(&dir.join(name).join("desk.sqlite")).expect("store");
        Device::with_store(name, store, portal_url)
    }

    /// A desk the app itself also runs on: its store opened as the app opens it (encrypted,
    /// with the key from the desk's sealed vault).
    pub fn open_app_desk(dir: &Path, name: &'static str, portal_url: &str) -> Device {
        Device::with_store(name, desk_vault::open_store(&dir.join(name)), portal_url)
    }

    fn with_store(name: &'static str, store: Store, portal_url: &str) -> Device {
        // Small pages, so that a first pull of the demo data spans several page transactions.
        let engine =
            SyncEngine::new(Arc::new(Mutex::new(store)), PortalClient::new(portal_url).expect("client"), credentials())
                .with_page_size(PAGE_SIZE);
        Device { name, engine }
    }

    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.engine.store().lock().expect("store lock")
    }

    /// Syncs until nothing is queued, at most `rounds` times; returns the rounds used.
    pub async fn sync_until_drained(&self, rounds: usize) -> usize {
        for round in 1..=rounds {
            let ok = self.engine.sync_once(&|_| {}).await.is_ok();
            if ok && self.store().summary().expect("summary").pending_mutations == 0 {
                return round;
            }
        }
        panic!(
            "{}: still {} queued after {rounds} rounds",
            self.name,
            self.store().summary().expect("summary").pending_mutations
        );
    }
}

/// Held by the suites that time SIGKILLs and faults against the syncs they start (`crash`,
/// `faults`, `sync_randomized`), so that they never run beside each other and load the two
/// cores together; the other suites may run beside them.
pub async fn heavy() -> tokio::sync::MutexGuard<'static, ()> {
    // An async lock: the suites hold it across their awaits, each on a runtime of its own.
    static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    HEAVY.lock().await
}

/// Starts the app's headless `supplier-desk sync --once` on `data_dir` against `portal` in a
/// child process of its own, so that a test can SIGKILL it: the tests' page size, no keychain.
pub fn spawn_headless_sync(data_dir: &Path, portal: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_supplier-desk"))
        .args(["sync", "--once", "--data-dir"])
        .arg(data_dir)
        .args(["--portal", portal])
        .args(["--page-size", &PAGE_SIZE.to_string()])
        .env("RUST_LOG", "warn")
        .envs(desk_vault::NO_KEYCHAIN)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start a headless sync")
}

/// Kills `child` with SIGKILL after `after`; true if it was still running then.
pub async fn kill_after(mut child: std::process::Child, after: std::time::Duration) -> bool {
    tokio::time::sleep(after).await;
    let running = matches!(child.try_wait(), Ok(None));
    // Child::kill sends SIGKILL on Unix: no destructor, no flush, no chance to clean up.
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    running
}

/// A small deterministic generator (splitmix64) so a failing run can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Queues `n` mixed actions on `device`, the way office, workshop and field staff would:
/// accepting and declining placed orders, recording deliveries, changing stock by deltas and
/// adjusting prices under the limit. Actions the local rules refuse (another action got there
/// first) are skipped; returns how many were queued.
pub fn queue_mixed_actions(device: &Device, rng: &mut Rng, n: usize) -> usize {
    let actor = staff::actor(Role::Manager);
    let mut store = device.store();
    let mut queued = 0;
    let mut attempts = 0;
    while queued < n && attempts < n * 20 {
        attempts += 1;
        let orders = store
            .inbox(&InboxQuery { open_only: true, offset: 0, limit: 500, ..Default::default() })
            .expect("inbox")
            .rows;
        let offerings = store.offerings().expect("offerings");
        let result = match rng.below(10) {
            0 | 1 => {
                let placed: Vec<_> = orders.iter().filter(|o| o.status == OrderStatus::Placed).collect();
                match placed.get(rng.below(placed.len() as u64) as usize) {
                    Some(o) if rng.below(4) == 0 => {
                        store.decline_order(&actor, &o.order_id, "no stock in the region").map(drop)
                    }
                    Some(o) => store.accept_order(&actor, &o.order_id).map(drop),
                    None => continue,
                }
            }
            2 => {
                let deliverable: Vec<_> = orders
                    .iter()
                    .filter(|o| matches!(o.status, OrderStatus::Accepted | OrderStatus::InWork | OrderStatus::Fitting))
                    .collect();
                let Some(o) = deliverable.get(rng.below(deliverable.len() as u64) as usize) else { continue };
                let delivery = Delivery {
                    order_id: o.order_id.clone(),
                    delivered_on: chrono::Utc::now().date_naive(),
                    place: "Алматы, ул. Абая 10".into(),
                    serial_numbers: vec![format!("SN-{}", rng.below(1_000_000))],
                    notes: String::new(),
                    items: vec![],
                    received_by: None,
                };
                store.record_delivery(&actor, &delivery).map(drop)
            }
            3 => {
                let Some(o) = offerings.get(rng.below(offerings.len() as u64) as usize) else { continue };
                let price = Money::from_tiyn(o.limit_price_tiyn - (rng.below(20) as i64) * 100);
                store
                    .update_offering(&actor, &o.id, &OfferingUpdate { price: Some(price), ..Default::default() })
                    .map(drop)
            }
            _ => {
                let Some(o) = offerings.get(rng.below(offerings.len() as u64) as usize) else { continue };
                let Some(r) = o.stock_by_region.get(rng.below(o.stock_by_region.len() as u64) as usize) else {
                    continue;
                };
                let delta = rng.below(7) as i64 - 2;
                if delta == 0 || r.quantity + delta < 0 {
                    continue;
                }
                store.change_stock(&actor, &o.id, &r.region, delta).map(drop)
            }
        };
        if result.is_ok() {
            queued += 1;
        }
    }
    assert_eq!(queued, n, "{}: could not find {n} actions to queue", device.name);
    queued
}

/// The outcome of every mutation a device sent, from its own outbox.
pub fn device_outcomes(device: &Device) -> HashMap<String, String> {
    let store = device.store();
    let batch_pending = store.pending_batch(usize::MAX >> 1).expect("pending").mutations.len();
    assert_eq!(batch_pending, 0, "{}: mutations still queued", device.name);
    store.outbox_states().expect("outbox").into_iter().collect()
}

/// What the convergence check found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Convergence {
    pub mutations: usize,
    pub applied: usize,
    pub rejected: usize,
    pub duplicates: usize,
    pub lost: usize,
}

/// Checks that the portal and every device agree after a final sync: each mutation a device
/// queued is in the portal's ledger with the outcome the device recorded, applied at most once;
/// order statuses, prices and stock are the same everywhere.
pub async fn check_convergence(portal: &RunningSandbox, devices: &[&Device]) -> Convergence {
    let state = portal.state().await.expect("portal state");
    let ledger: HashMap<&str, _> = state.mutations.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut c = Convergence::default();
    for device in devices {
        for (id, outcome) in device_outcomes(device) {
            c.mutations += 1;
            let Some(record) = ledger.get(id.as_str()) else {
                c.lost += 1;
                continue;
            };
            if record.applications > 1 {
                c.duplicates += 1;
            }
            let portal_outcome = match record.outcome {
                MutationOutcome::Applied => "applied",
                MutationOutcome::Rejected { .. } => "rejected",
                MutationOutcome::Retryable { .. } => "retryable",
            };
            assert_eq!(outcome, portal_outcome, "{}: mutation {id}", device.name);
            match record.outcome {
                MutationOutcome::Applied => c.applied += 1,
                _ => c.rejected += 1,
            }
        }
        let store = device.store();
        for order in &state.orders {
            let local = store.order(&order.id).expect("order on the device");
            assert_eq!(local.status, order.status, "{}: order {}", device.name, order.number);
        }
        let offerings: HashMap<String, (i64, i64, Vec<RegionStock>)> = store
            .offerings()
            .expect("offerings")
            .into_iter()
            .map(|o| (o.id, (o.price_tiyn, o.stock, o.stock_by_region)))
            .collect();
        assert_eq!(offerings.len(), state.offerings.len(), "{}: offering count", device.name);
        for o in &state.offerings {
            assert_eq!(
                offerings.get(&o.offering.id),
                Some(&(o.offering.price_tiyn, o.offering.stock, o.offering.region_stock())),
                "{}: offering {}",
                device.name,
                o.offering.id
            );
        }
    }
    c
}

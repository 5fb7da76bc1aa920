//! Push throughput: a desk store on a temp-dir SQLite file queues 10,000 mutations through
//! desk-core's actions (a realistic mix: stock changes and offering updates, accepting,
//! declining, fitting and delivering orders), then pushes its whole outbox with desk-core's push
//! (batches of `portal_api::MAX_BATCH`) to a release sandbox on loopback, started in-process.
//! The time runs from the first batch to the empty queue. The portal's ledger is checked after
//! it: every mutation recorded as applied, each applied once.
//!
//! It lives here rather than in desk-core because it needs both crates and desk-core must not
//! depend on the sandbox. `cargo run --release -p portal-sandbox --example push` (or
//! `scripts/bench-push.sh`); `PUSH_MUTATIONS=N` changes the number. Prints one Markdown table row.

use desk_testkit::staff;

use desk_core::access::Role;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::orders::views::InboxQuery;
use desk_core::kernel::money::Money;
use desk_core::{Delivery, Fitting, OrderStatus, Store};
use portal_api::{MAX_BATCH, MutationOutcome, PortalClient, RegionStock};
use portal_sandbox::{PlaceOrder, SandboxConfig, demo};

/// The target: mutations per second.
const TARGET: f64 = 2_000.0;

type Error = Box<dyn std::error::Error>;

/// splitmix64: the same queue on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n.max(1) as u64) as usize
    }
}

/// `10000` as `10,000`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every open order of the desk, by status.
fn open_orders(store: &Store) -> Result<Vec<(String, OrderStatus)>, Error> {
    let mut out = Vec::new();
    loop {
        let page =
            store.inbox(&InboxQuery { open_only: true, offset: out.len() as u32, limit: 500, ..Default::default() })?;
        let n = page.rows.len();
        out.extend(page.rows.into_iter().map(|r| (r.order_id, r.status)));
        if n < 500 {
            return Ok(out);
        }
    }
}

/// Queues `n` mutations the way office, workshop and field staff would, each one through the
/// desk's action API (its local rules, outbox and audit entry): about 60 % stock changes, 10 %
/// offering updates, 15 % accepted and 3 % declined orders, 10 % deliveries and 2 % fittings.
/// Returns how many of each kind.
fn queue(store: &mut Store, n: usize) -> Result<HashMap<&'static str, usize>, Error> {
    let mut rng = Rng(7);
    let office = staff::actor(Role::Office);
    let workshop = staff::actor(Role::Workshop);
    let courier = staff::actor(Role::Courier);
    let today = chrono::Utc::now().date_naive();
    let mut placed = Vec::new();
    let mut deliverable = Vec::new();
    for (id, status) in open_orders(store)? {
        match status {
            OrderStatus::Placed => placed.push(id),
            OrderStatus::Accepted | OrderStatus::InWork | OrderStatus::Fitting => deliverable.push(id),
            _ => {}
        }
    }
    // Each offering with its limit price and the stock of its first region, which the stock
    // changes below move.
    let mut offerings: Vec<(String, i64, Option<RegionStock>)> = store
        .offerings()?
        .into_iter()
        .map(|o| (o.id, o.limit_price_tiyn, o.stock_by_region.into_iter().next()))
        .collect();
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    let mut queued = 0;
    while queued < n {
        let roll = rng.below(100);
        let kind = if roll < 15 && !placed.is_empty() {
            let id = placed.swap_remove(rng.below(placed.len()));
            store.accept_order(&office, &id)?;
            deliverable.push(id);
            "accept_order"
        } else if roll < 18 && !placed.is_empty() {
            let id = placed.swap_remove(rng.below(placed.len()));
            store.decline_order(&office, &id, "the item is not available in the participant's region")?;
            "decline_order"
        } else if roll < 28 && !deliverable.is_empty() {
            let id = deliverable.swap_remove(rng.below(deliverable.len()));
            let delivery = Delivery {
                order_id: id,
                delivered_on: today,
                place: "Алматы, ул. Абая 10".into(),
                serial_numbers: vec![format!("SN-{:06}", rng.below(1_000_000))],
                notes: String::new(),
                items: vec![],
                received_by: None,
            };
            store.record_delivery(&courier, &delivery)?;
            "record_delivery"
        } else if roll < 30 && !deliverable.is_empty() {
            let id = deliverable[rng.below(deliverable.len())].clone();
            let fitting = Fitting {
                order_id: id,
                fitted_on: today,
                technician: "Сейтов Е.".into(),
                serial_numbers: vec![format!("SN-{:06}", rng.below(1_000_000))],
                adjustments: "length adjusted".into(),
                warranty_start: today,
            };
            // Only orders with an item fitted in a workshop take one; the others get a stock
            // change this round instead.
            if store.record_fitting(&workshop, &fitting).is_err() {
                continue;
            }
            "record_fitting"
        } else if roll < 40 {
            let (id, limit, _) = &offerings[rng.below(offerings.len())];
            let price = Money::from_tiyn(limit - (rng.below(20) as i64) * 100);
            let update = OfferingUpdate {
                price: Some(price),
                description: (rng.below(4) == 0).then(|| format!("Поставка за {} дней", 3 + rng.below(10))),
                ..OfferingUpdate::default()
            };
            store.update_offering(&office, id, &update)?;
            "update_offering"
        } else {
            let i = rng.below(offerings.len());
            let delta = rng.below(9) as i64 - 3;
            let (id, _, Some(stock)) = &mut offerings[i] else { continue };
            if delta == 0 || stock.quantity + delta < 0 {
                continue;
            }
            store.change_stock(&office, id, &stock.region, delta)?;
            stock.quantity += delta;
            "change_stock"
        };
        *counts.entry(kind).or_default() += 1;
        queued += 1;
    }
    Ok(counts)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let n: usize = std::env::var("PUSH_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir()?;
    let setup = Instant::now();

    // The release sandbox with its demo data, no simulated participants, and enough new placed
    // orders for the accepts and declines of the mix.
    let sandbox = portal_sandbox::start(SandboxConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        data_dir: dir.path().join("portal"),
        seed: portal_sandbox::DEFAULT_SEED,
        order_every: None,
    })
    .await?;
    for i in 0..n * 20 / 100 {
        sandbox.place_order(PlaceOrder { placed_at: None, fitting: Some(i % 4 == 0) }).await?;
    }

    // The desk: signed in, first sync done, then the queue made offline.
    // Encrypted, as a desk's store is.
    let key = desk_core::vault::Vault::sealed(dir.path(), "benchmark administrator")?.database_key(true)?;
    let store = Mutex::new(Store::open_encrypted(&dir.path().join("desk.sqlite"), &key)?);
    let mut client = PortalClient::new(&sandbox.url())?;
    client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await?;
    desk_core::sync::pull(&store, &client, desk_core::sync::PAGE_SIZE, &|_| {}).await?;
    let counts = {
        let mut s = store.lock().map_err(|_| "store lock")?;
        queue(&mut s, n)?
    };
    let (device_id, pending) = {
        let s = store.lock().map_err(|_| "store lock")?.summary()?;
        (s.device_id, s.pending_mutations)
    };
    if pending != n as u64 {
        return Err(format!("{pending} mutations queued, expected {n}").into());
    }
    let mut mix: Vec<_> = counts.into_iter().collect();
    mix.sort_by_key(|(_, c)| std::cmp::Reverse(*c));
    eprintln!(
        "queued {n} mutations ({}) in {:.1} s of setup",
        mix.iter().map(|(k, c)| format!("{k} {c}")).collect::<Vec<_>>().join(", "),
        setup.elapsed().as_secs_f64()
    );

    // The measured part: push until nothing is queued.
    let started = Instant::now();
    let mut batches = 0;
    loop {
        let report = desk_core::sync::push(&store, &client).await?;
        batches += 1;
        let left = store.lock().map_err(|_| "store lock")?.summary()?.pending_mutations;
        if left == 0 {
            break;
        }
        if report.applied + report.rejected == 0 {
            return Err(format!("push made no progress with {left} still queued").into());
        }
    }
    let took = started.elapsed();

    // Honesty: the portal recorded every one of them as applied, once, and the desk agrees.
    let state = sandbox.state().await?;
    let ours: Vec<_> = state.mutations.iter().filter(|m| m.device_id == device_id).collect();
    let applied = ours.iter().filter(|m| m.outcome == MutationOutcome::Applied && m.applications == 1).count();
    let desk_applied =
        store.lock().map_err(|_| "store lock")?.outbox_states()?.iter().filter(|(_, state)| state == "applied").count();
    sandbox.shutdown().await;
    if ours.len() != n || applied != n || desk_applied != n {
        return Err(format!(
            "the portal recorded {} of {n} mutations, {applied} applied once; the desk has {desk_applied} applied",
            ours.len()
        )
        .into());
    }
    eprintln!(
        "all {n} applied on the portal, in {} batches of at most {MAX_BATCH} ({batches} push calls)",
        n.div_ceil(MAX_BATCH)
    );

    let rate = n as f64 / took.as_secs_f64();
    println!(
        "| push of {} queued mutations to a loopback sandbox | {} mutations/s ({:.2} s) | | {:.2}× of target | ≥ 2,000/s |",
        thousands(n),
        thousands(rate.round() as usize),
        took.as_secs_f64(),
        rate / TARGET
    );
    Ok(())
}

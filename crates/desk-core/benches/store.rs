//! The store's hot paths at a large supplier's size (100,000 orders), with criterion: one user
//! action (a stock change: domain row, outbox and audit entry in one transaction, synchronous =
//! FULL), an inbox page of 50 rows (the first page and a deep one), a full-text search, and
//! applying one page of 500 feed changes.
//!
//! `cargo bench -p desk-core` runs them (`BENCH_ORDERS=N` changes the size). `cargo test`
//! runs each one once as a check, on a store of 2,000 orders so that it stays quick.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use desk_core::features::orders::views::InboxQuery;
use portal_api::Entity;

mod support;

use desk_core::access::Role;
use support::staff;

use support::{ITEMS, NAMES, PAGE, STATUSES, order_in};

/// The size of the store: 100,000 orders under `cargo bench` (which passes `--bench`), 2,000
/// when `cargo test` runs the benchmarks once as a check.
fn orders() -> usize {
    let measuring = std::env::args().any(|a| a == "--bench");
    std::env::var("BENCH_ORDERS").ok().and_then(|v| v.parse().ok()).unwrap_or(if measuring { 100_000 } else { 2_000 })
}

fn store(c: &mut Criterion) {
    let n = orders();
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, mut feed) = support::large_store(&dir.path().join("desk.sqlite"), n).expect("large store");
    let mut group = c.benchmark_group(format!("store at {n} orders"));

    // Each offering's stock goes up by one, then down by one, and so on. A write synced to disk
    // takes milliseconds on a busy machine: fewer samples fit the default measuring time.
    let actor = staff::actor(Role::Office);
    group.sample_size(50);
    let mut k = 0usize;
    group.bench_function("user action (stock change)", |b| {
        b.iter(|| {
            let delta = if (k / ITEMS).is_multiple_of(2) { 1 } else { -1 };
            let id = store.change_stock(&actor, &format!("off-{}", k % ITEMS), "KZ-ALA", delta).expect("stock change");
            k += 1;
            id
        })
    });

    group.sample_size(100);
    let first = InboxQuery { open_only: true, offset: 0, limit: 50, ..Default::default() };
    group.bench_function("inbox page (50 rows), first", |b| b.iter(|| store.inbox(black_box(&first)).expect("inbox")));
    let deep = InboxQuery { open_only: false, offset: (n / 2) as u32, limit: 50, ..Default::default() };
    group.bench_function(format!("inbox page (50 rows), offset {}", n / 2), |b| {
        b.iter(|| store.inbox(black_box(&deep)).expect("inbox"))
    });

    // A common first name matches an eighth of the orders; the 50 most recent are shown.
    group.bench_function("full-text search (50 most recent)", |b| {
        b.iter(|| store.search_orders(black_box(NAMES[0]), 50).expect("search"))
    });

    // Feed pages as an incremental sync gets them: 500 known orders, each moved to another
    // status, a different window of the store each time.
    let windows = n.div_ceil(PAGE).max(1);
    let mut round = 0usize;
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("apply a feed page (500 changes)", |b| {
        b.iter_batched(
            || {
                round += 1;
                let start = (round % windows) * PAGE;
                let moved = 1 + round / windows;
                feed.page(
                    (start..(start + PAGE).min(n))
                        .map(|i| {
                            let mut o = order_in(i, STATUSES[(i + moved) % STATUSES.len()]);
                            o.updated_at += chrono::Duration::days(moved as i64);
                            Entity::Order(o)
                        })
                        .collect(),
                )
            },
            |page| store.apply_page(page).expect("apply page"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, store);
criterion_main!(benches);

//! Store performance at a large supplier's size: applying the change feed of 100,000 orders
//! against a raw bulk insert of the same rows with the same durability settings, one user action,
//! an inbox page, a full-text search, the workshop's queue and lookup, money, each person's day and
//! a warranty lookup, each as p50/p99 over many runs, and peak memory.
//!
//! `cargo run --release -p desk-core --example perf` (or `scripts/bench.sh`); `PERF_ORDERS=N`
//! changes the size. Prints one Markdown table.

use std::time::{Duration, Instant};

use desk_core::OrderStatus;
use desk_core::Store;
use desk_core::features::orders::views::InboxQuery;
use desk_core::features::warranty::RegisterQuery;
use portal_api::{Entity, FittingMark, Payment, PaymentKind, PaymentLine};

// The synthetic supplier, shared with the criterion benchmarks (`benches/store.rs`).
#[path = "../benches/support/mod.rs"]
mod support;

use desk_core::access::Role;
use support::staff;

use support::{NAMES, PAGE, order};

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::var("PERF_ORDERS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    // The desk's store is encrypted (SQLCipher); PERF_STORE=plain measures plain SQLite, to show
    // what the encryption costs on the same machine.
    let plain = std::env::var("PERF_STORE").is_ok_and(|v| v == "plain");
    let dir = tempfile::tempdir()?;
    let mut rows = Vec::new();

    // The feed of a large supplier applied page by page, as the first sync does.
    let path = dir.path().join("desk.sqlite");
    let mut store = if plain {
        Store::open(&path)?
    } else {
        let key = desk_core::vault::Vault::sealed(dir.path(), "benchmark administrator")?.database_key(true)?;
        Store::open_encrypted(&path, &key)?
    };
    rows.push(format!(
        "| store under test | {} | | | |",
        if plain { "plain SQLite (PERF_STORE=plain)" } else { "SQLCipher, AES-256, as the desk keeps it" }
    ));
    let started = Instant::now();
    let mut feed_pages = support::Feed::default();
    support::apply_feed(&mut store, &mut feed_pages, n)?;
    let feed = started.elapsed();

    // The same rows bulk-inserted into plain tables with the same durability, no rules, no index
    // beyond the keys: the floor any sync could reach.
    let raw = rusqlite::Connection::open(dir.path().join("raw.sqlite"))?;
    raw.pragma_update(None, "journal_mode", "WAL")?;
    raw.pragma_update(None, "synchronous", "FULL")?;
    raw.execute_batch(
        "CREATE TABLE o (id TEXT PRIMARY KEY, number TEXT, status TEXT, name TEXT, region TEXT, placed_at TEXT,
                         accept_by TEXT, deliver_by TEXT, total INTEGER);
         CREATE TABLE l (order_id TEXT, code TEXT, qty INTEGER, price INTEGER);",
    )?;
    let started = Instant::now();
    let mut raw = raw;
    for start in (0..n).step_by(PAGE) {
        let tx = raw.transaction()?;
        {
            let mut o_stmt = tx.prepare_cached("INSERT INTO o VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
            let mut l_stmt = tx.prepare_cached("INSERT INTO l VALUES (?1, ?2, ?3, ?4)")?;
            for i in start..(start + PAGE).min(n) {
                let o = order(i);
                o_stmt.execute(rusqlite::params![
                    o.id,
                    o.number,
                    o.status.as_str(),
                    o.participant.full_name,
                    o.participant.region,
                    o.placed_at,
                    o.accept_by,
                    o.deliver_by,
                    9_000_000
                ])?;
                for line in &o.lines {
                    l_stmt.execute(rusqlite::params![
                        o.id,
                        line.classifier_code,
                        line.quantity,
                        line.unit_price_tiyn
                    ])?;
                }
            }
        }
        tx.commit()?;
    }
    let bulk = started.elapsed();
    rows.push(format!(
        "| apply the feed of {n} orders ({PAGE} a page) | {} | raw bulk insert {} | {:.2}× | ≤ 2× |",
        ms(feed),
        ms(bulk),
        feed.as_secs_f64() / bulk.as_secs_f64()
    ));

    // One user action: domain row + outbox + audit, synchronous=FULL.
    let actor = staff::actor(Role::Office);
    let mut times = Vec::new();
    for i in 0..500 {
        let started = Instant::now();
        store.change_stock(&actor, &format!("off-{}", i % 50), "KZ-ALA", 1)?;
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| one user action (stock change) | p50 {} | p99 {} | {:.2}× of target | ≤ 5 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.005
    ));

    // An inbox page: filter + sort + 50 rows, at varying offsets.
    let mut times = Vec::new();
    for i in 0..300u32 {
        let q = InboxQuery {
            open_only: i.is_multiple_of(2),
            offset: (i * 977) % (n as u32 / 2).max(1),
            limit: 50,
            ..Default::default()
        };
        let started = Instant::now();
        let page = store.inbox(&q)?;
        times.push(started.elapsed());
        std::hint::black_box(page);
    }
    rows.push(format!(
        "| inbox page (50 rows) | p50 {} | p99 {} | {:.2}× of target | ≤ 5 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.005
    ));

    // Full-text search: numbers, names, item names.
    let queries: Vec<String> = (0..300)
        .map(|i| match i % 3 {
            0 => format!("SO-2026-{:06}", (i * 331) % n),
            1 => NAMES[i % 8].to_owned(),
            _ => format!("Средство {}", i % 50),
        })
        .collect();
    let mut times = Vec::new();
    for q in &queries {
        let started = Instant::now();
        std::hint::black_box(store.search_orders(q, 50)?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| full-text search (50 best) | p50 {} | p99 {} | {:.2}× of target | ≤ 20 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.020
    ));

    // The inbox's search as the window runs it on each key typed: every prefix of names, items
    // and numbers, as the inbox's first page of open orders (its default view) with its count.
    // Each word is typed once: a count is kept until the orders change, as when the same words
    // are typed again.
    let typed = NAMES.iter().map(|n| n.to_string()).chain(["Средство 7".into(), "SO-2026-0042".into()]);
    let mut times = Vec::new();
    for word in typed {
        let chars: Vec<char> = word.chars().collect();
        for end in 1..=chars.len() {
            let text: String = chars[..end].iter().collect();
            let q = InboxQuery { open_only: true, text: Some(text), limit: 50, ..Default::default() };
            let started = Instant::now();
            std::hint::black_box(store.inbox(&q)?);
            times.push(started.elapsed());
        }
    }
    rows.push(format!(
        "| inbox search as typed, each key (page of 50 and its count) | p50 {} | p95 {} | {:.2}× of target | ≤ 20 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.95)),
        percentile(times, 0.95).as_secs_f64() / 0.020
    ));

    // The desktop notices check that follows every sync: new orders and deadlines within 48 h,
    // the clock moving an hour a check so deadlines keep entering the window.
    let mut times = Vec::new();
    let now = chrono::Utc::now();
    for i in 0..100 {
        let started = Instant::now();
        std::hint::black_box(store.take_notices(now + chrono::Duration::hours(i))?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| desktop notices check after a sync | p50 {} | p99 {} | | (reported) |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times, 0.99))
    ));

    // The workshop: the fitting queue's first page (as the tab shows it) and the scanner's
    // lookup of an order by its number in another case than stored. The queue's count is kept
    // until the data changes, so each page is asked for after a change (untimed): the cost of
    // the tab after every sync or action, not of paging.
    let mut times = Vec::new();
    for i in 0..100 {
        store.change_stock(&actor, &format!("off-{}", i % 50), "KZ-ALA", 1)?;
        let started = Instant::now();
        std::hint::black_box(store.workshop_queue(0, 100)?);
        times.push(started.elapsed());
    }
    rows.push(format!("| workshop: fitting queue (100 rows and the count, after a change) | p50 {} | p99 {} | {:.2}× of target | ≤ 20 ms |",
        ms(percentile(times.clone(), 0.5)), ms(percentile(times.clone(), 0.99)), percentile(times, 0.99).as_secs_f64() / 0.020));
    let mut times = Vec::new();
    for i in 0..300 {
        let number = format!("so-2026-{:06}", (i * 331) % n);
        let started = Instant::now();
        std::hint::black_box(store.find_order_by_number(&number)?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| workshop: order by number, any case | p50 {} | p99 {} | {:.2}× of target | ≤ 5 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.005
    ));

    // The supplier's business at this size: the paid orders get their payments (one payment
    // order per 200 orders, every 25th paid in half) and every third delivered or paid order a
    // fitted serial, untimed; then what is owed, each person's day and a serial's warranty.
    let paid: Vec<usize> =
        (0..n).filter(|i| support::STATUSES[i % support::STATUSES.len()] == OrderStatus::Paid).collect();
    let mut entities = Vec::new();
    for (p, chunk) in paid.chunks(200).enumerate() {
        let lines: Vec<PaymentLine> = chunk
            .iter()
            .map(|&i| {
                let o = order(i);
                let total: i64 = o.lines.iter().map(|l| i64::from(l.quantity) * l.unit_price_tiyn).sum();
                PaymentLine {
                    order_id: o.id,
                    order_number: o.number,
                    amount_tiyn: if i % 25 == 0 { total / 2 } else { total },
                }
            })
            .collect();
        let paid_on = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default() + chrono::Days::new(p as u64);
        entities.push(Entity::Payment(Payment {
            id: format!("pay-{p:06}"),
            number: format!("{p:07}"),
            kind: PaymentKind::Payment,
            paid_on,
            amount_tiyn: lines.iter().map(|l| l.amount_tiyn).sum(),
            reverses: None,
            lines,
            recorded_at: chrono::Utc::now(),
        }));
    }
    for i in (0..n).filter(|i| i % 3 == 0) {
        let mut o = order(i);
        if matches!(o.status, OrderStatus::Delivered | OrderStatus::Paid) {
            let on = o.placed_at.date_naive() + chrono::Days::new(20);
            o.fittings.push(FittingMark {
                id: format!("fit-{i:06}"),
                fitted_on: on,
                technician: "Техник".into(),
                serial_numbers: vec![format!("SN-{i:06}")],
                adjustments: String::new(),
                warranty_start: on,
            });
            entities.push(Entity::Order(o));
        }
    }
    for page in entities.chunks(PAGE) {
        store.apply_page(feed_pages.page(page.to_vec()))?;
    }
    let manager = staff::actor(Role::Manager);
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    let mut times = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        std::hint::black_box(store.money(&manager, today)?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| money: what is owed by age, payments, differences | p50 {} | p99 {} | {:.2}× of target | ≤ 50 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.050
    ));
    // The Reports tab: a year of orders per week or month with every figure, as the manager
    // opens it.
    let year = |grain| desk_core::features::reports::views::ReportQuery {
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
        grain,
    };
    let mut times = Vec::new();
    for i in 0..100 {
        let grain = if i % 2 == 0 {
            desk_core::features::reports::views::ReportGrain::Month
        } else {
            desk_core::features::reports::views::ReportGrain::Week
        };
        let started = Instant::now();
        std::hint::black_box(store.report(&manager, year(grain))?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| report over a year (weeks or months, every figure) | p50 {} | p99 {} | {:.2}× of target | ≤ 50 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.050
    ));
    for (who, role) in
        [("manager", Role::Manager), ("office", Role::Office), ("workshop", Role::Workshop), ("courier", Role::Courier)]
    {
        let actor = staff::actor(role);
        let mut times = Vec::new();
        for i in 0..100 {
            let now = chrono::Utc::now() - chrono::Duration::days(300) + chrono::Duration::hours(i);
            let started = Instant::now();
            std::hint::black_box(store.today(&actor, now, today)?);
            times.push(started.elapsed());
        }
        rows.push(format!(
            "| today: the {who}'s day | p50 {} | p99 {} | {:.2}× of target | ≤ 20 ms |",
            ms(percentile(times.clone(), 0.5)),
            ms(percentile(times.clone(), 0.99)),
            percentile(times, 0.99).as_secs_f64() / 0.020
        ));
    }
    let mut times = Vec::new();
    for i in 0..300 {
        let serial = format!("sn-{:06}", ((i * 331) % n) / 3 * 3);
        let query = RegisterQuery { serial_prefix: Some(serial), ending_within_days: None, today, limit: 50 };
        let started = Instant::now();
        std::hint::black_box(store.warranty_register(&manager, &query)?);
        times.push(started.elapsed());
    }
    rows.push(format!(
        "| warranty: a serial looked up, any case | p50 {} | p99 {} | {:.2}× of target | ≤ 5 ms |",
        ms(percentile(times.clone(), 0.5)),
        ms(percentile(times.clone(), 0.99)),
        percentile(times, 0.99).as_secs_f64() / 0.005
    ));

    println!("| figure | measured | against | ratio | target |");
    println!("|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    println!("| peak resident memory of this process | {:.0} MB | | | ≤ 100 MB during a sync |", peak_rss_mb());
    Ok(())
}

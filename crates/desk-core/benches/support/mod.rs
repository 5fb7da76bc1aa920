//! The synthetic large supplier shared by the store benchmarks (`benches/store.rs`) and the
//! perf example (`examples/perf.rs`): a classifier of 50 items, 50 offerings, and orders made
//! deterministically from their index, applied to a store as the change feed in pages of
//! [`PAGE`], as a first sync does.
#![allow(dead_code)] // each user takes a different part

pub use desk_testkit::staff;

use std::path::Path;

use chrono::{TimeZone, Utc};
use desk_core::{Store, StoreError};
use portal_api::{
    Category, Change, ChangePage, ClassifierItem, Entity, LocalizedText, Offering, Order, OrderLine, OrderStatus,
    Participant,
};

/// Changes per feed page, as the portal sends them.
pub const PAGE: usize = 500;
/// Classifier items and offerings of the supplier.
pub const ITEMS: usize = 50;
pub const NAMES: [&str; 8] = ["Айгүл", "Ержан", "Наталья", "Дархан", "Сауле", "Михаил", "Асель", "Бауыржан"];
pub const SURNAMES: [&str; 8] =
    ["Нұрланова", "Сейтов", "Петрова", "Ахметов", "Жумабаева", "Ким", "Оспанова", "Тулегенов"];
pub const STATUSES: [OrderStatus; 6] = [
    OrderStatus::Placed,
    OrderStatus::Accepted,
    OrderStatus::InWork,
    OrderStatus::Delivered,
    OrderStatus::Paid,
    OrderStatus::CancelledAutomatically,
];

pub fn classifier(i: usize) -> ClassifierItem {
    ClassifierItem {
        code: format!("TSR-{:02}-{:03}", i % 7, i),
        category: Category::ALL[i % 7],
        name: LocalizedText {
            kk: format!("Құрал {i}"), ru: format!("Средство {i}"), en: format!("Aid {i}")
        },
        unit: "pcs".into(),
        limit_price_tiyn: 10_000_000 + i as i64 * 1000,
        needs_fitting: i.is_multiple_of(3),
        warranty_months: 12,
    }
}

pub fn offering(i: usize) -> Offering {
    Offering {
        id: format!("off-{i}"),
        classifier_code: classifier(i).code,
        price_tiyn: 9_000_000,
        stock: 1_000,
        regions: vec!["KZ-ALA".into()],
        stock_by_region: Vec::new(),
        warranty_months: 12,
        description: String::new(),
        published: true,
        updated_at: Utc::now(),
        photos: Some(Vec::new()),
        model: None,
        manufacturer: None,
    }
}

/// Order `i` in its `STATUSES[i % 6]` status.
pub fn order(i: usize) -> Order {
    order_in(i, STATUSES[i % STATUSES.len()])
}

/// Order `i` as it is in `status`.
pub fn order_in(i: usize, status: OrderStatus) -> Order {
    let placed_at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).single().unwrap_or_default()
        + chrono::Duration::minutes(i as i64 * 5);
    Order {
        id: format!("ord-{i:06}"),
        number: format!("SO-2026-{i:06}"),
        status,
        participant: Participant {
            id: format!("p-{}", i % 5000),
            full_name: format!("{} {}", NAMES[i % 8], SURNAMES[(i / 8) % 8]),
            region: "KZ-ALA".into(),
            phone: "+7 701 000 00 00".into(),
            address: "Алматы".into(),
        },
        lines: vec![OrderLine {
            classifier_code: classifier(i % ITEMS).code,
            offering_id: format!("off-{}", i % ITEMS),
            quantity: 1 + (i % 3) as u32,
            unit_price_tiyn: 9_000_000,
        }],
        placed_at,
        accept_by: placed_at + chrono::Duration::days(10),
        deliver_by: (status != OrderStatus::Placed).then(|| placed_at + chrono::Duration::days(40)),
        updated_at: placed_at,
        fitting_sessions: Vec::new(),
        fittings: Vec::new(),
        warranty_services: Vec::new(),
        assignee: None,
        refusal_reason: None,
        // The participant confirmed receipt of what is paid, 20 days after ordering.
        confirmed_at: (status == OrderStatus::Paid).then(|| placed_at + chrono::Duration::days(20)),
    }
}

/// The feed as a desk receives it, numbering its changes from 1.
#[derive(Debug, Default)]
pub struct Feed {
    seq: u64,
}

impl Feed {
    /// The next page, holding `entities`.
    pub fn page(&mut self, entities: Vec<Entity>) -> ChangePage {
        let changes: Vec<Change> = entities
            .into_iter()
            .map(|entity| {
                self.seq += 1;
                Change { seq: self.seq, entity, includes_device_seq: None }
            })
            .collect();
        ChangePage { next_after: self.seq, has_more: true, head: self.seq, changes }
    }
}

/// The classifier and the offerings, the first page of a first sync.
pub fn catalogue() -> Vec<Entity> {
    let mut entities: Vec<Entity> = (0..ITEMS).map(|i| Entity::Classifier(classifier(i))).collect();
    entities.extend((0..ITEMS).map(|i| Entity::Offering(offering(i))));
    entities
}

/// Applies the catalogue and `n` orders to `store`, page by page, as a first sync does.
pub fn apply_feed(store: &mut Store, feed: &mut Feed, n: usize) -> Result<(), StoreError> {
    store.apply_page(feed.page(catalogue()))?;
    for start in (0..n).step_by(PAGE) {
        store.apply_page(feed.page((start..(start + PAGE).min(n)).map(|i| Entity::Order(order(i))).collect()))?;
    }
    Ok(())
}

/// A store at `path` holding the catalogue and `n` orders; the feed goes on from there.
pub fn large_store(path: &Path, n: usize) -> Result<(Store, Feed), StoreError> {
    let mut store = Store::open(path)?;
    let mut feed = Feed::default();
    apply_feed(&mut store, &mut feed, n)?;
    Ok((store, feed))
}

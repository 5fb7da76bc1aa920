//! Fixtures shared by the store tests: a small portal change page and a store seeded with it.
#![allow(dead_code)] // each test file uses a different part

#[allow(unused_imports)] // not every test binary acts as someone
pub use desk_testkit::staff;

use chrono::{Duration, TimeZone, Utc};
use desk_core::{OrderStatus, Store};
use portal_api::{
    Category, Change, ChangePage, ClassifierItem, Entity, LocalizedText, Offering, Order, OrderLine, Participant,
    PolicyBasis, PolicyTerm, PolicyTerms,
};
use rusqlite::Connection;

pub fn at(day: u32, hour: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).single().expect("valid date")
}

pub fn classifier() -> ClassifierItem {
    ClassifierItem {
        code: "TSR-01-001".into(),
        category: Category::ProstheticOrthopaedic,
        name: LocalizedText {
            kk: "Сирақ протезі".into(),
            ru: "Протез голени".into(),
            en: "Below-knee prosthesis".into(),
        },
        unit: "pcs".into(),
        limit_price_tiyn: 150_000_000,
        needs_fitting: true,
        warranty_months: 24,
    }
}

pub fn order(id: &str, status: OrderStatus, placed_day: u32) -> Order {
    let placed_at = at(placed_day, 9);
    Order {
        id: id.into(),
        number: format!("SO-{id}"),
        status,
        participant: Participant {
            id: format!("p-{id}"),
            full_name: "Айгүл Серікқызы Нұрланова".into(),
            region: "KZ-ALA".into(),
            phone: "+7 701 000 00 00".into(),
            address: "Алматы, Абай даңғылы 1".into(),
        },
        lines: vec![OrderLine {
            classifier_code: "TSR-01-001".into(),
            offering_id: "off-1".into(),
            quantity: 1,
            unit_price_tiyn: 120_000_000,
        }],
        placed_at,
        accept_by: placed_at + Duration::days(10),
        deliver_by: (status != OrderStatus::Placed).then(|| placed_at + Duration::days(40)),
        updated_at: placed_at,
        fitting_sessions: Vec::new(),
        fittings: Vec::new(),
        warranty_services: Vec::new(),
        assignee: None,
        refusal_reason: None,
        confirmed_at: None,
    }
}

pub fn page(orders: Vec<Order>, first_seq: u64) -> ChangePage {
    let term = |days| PolicyTerm { days, basis: PolicyBasis::Default };
    let mut entities = vec![
        Entity::Policy(PolicyTerms {
            acceptance_window: PolicyTerm { days: 10, basis: PolicyBasis::Published },
            delivery_term: term(30),
            confirmation_window: term(5),
            payment_term: term(15),
        }),
        Entity::Classifier(classifier()),
        Entity::Offering(Offering {
            id: "off-1".into(),
            classifier_code: "TSR-01-001".into(),
            price_tiyn: 120_000_000,
            stock: 3,
            regions: vec!["KZ-ALA".into()],
            stock_by_region: Vec::new(),
            warranty_months: 24,
            description: "".into(),
            published: true,
            updated_at: at(1, 0),
            photos: Some(Vec::new()),
            model: None,
            manufacturer: None,
        }),
    ];
    entities.extend(orders.into_iter().map(Entity::Order));
    feed(entities, first_seq)
}

/// A last page of the change feed holding `entities`, numbered from `first_seq`.
pub fn feed(entities: Vec<Entity>, first_seq: u64) -> ChangePage {
    let changes: Vec<Change> = entities
        .into_iter()
        .enumerate()
        .map(|(i, entity)| Change { seq: first_seq + i as u64, entity, includes_device_seq: None })
        .collect();
    let last = changes.last().map(|c| c.seq).unwrap_or(first_seq);
    ChangePage { changes, next_after: last, has_more: false, head: last }
}

pub fn seeded(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    store
        .apply_page(page(
            vec![
                order("a", OrderStatus::Placed, 20),
                order("b", OrderStatus::Placed, 18),
                order("c", OrderStatus::Paid, 1),
                order("d", OrderStatus::InWork, 2),
            ],
            1,
        ))
        .expect("apply page");
    store
}

pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

pub fn raw(dir: &tempfile::TempDir) -> Connection {
    Connection::open(dir.path().join("desk.sqlite")).expect("open raw")
}

/// The PDF's text as pdftotext extracts it in its layout (a label beside its value), with runs
/// of white space (no-break spaces too) made single spaces, so that a check does not depend on
/// line breaks.
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").split_whitespace().collect::<Vec<_>>().join(" ")
}

//! Repairs and exchanges under warranty on a real SQLite file: one transaction of the service
//! row, outbox and audit; each refused input (out of warranty, a serial the order does not hold,
//! a missing or a needless new serial, no description, an order not handed over, a role without
//! it) leaves nothing; an exchange's new serial joins the register with its warranty anew; a
//! service another desk recorded arrives with its order from the portal.

mod common;

use chrono::NaiveDate;
use desk_core::Store;
use desk_core::access::Role;
use desk_core::features::warranty::views::WarrantyRow;
use desk_core::features::warranty::{RegisterQuery, WarrantyService};
use desk_core::kernel::ActionError;
use portal_api::{DeliveredItem, Entity, MutationBody, OrderStatus, WarrantyServiceKind};

use common::{count, feed, order, raw, seeded, staff};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The seeded store (every order of one 24-month item) with order a accepted and delivered on
/// 21 November 2026 with WC-1.
fn delivered(dir: &tempfile::TempDir) -> Store {
    let mut store = seeded(dir);
    store.accept_order(&staff::actor(Role::Office), "a").expect("accept");
    store
        .record_delivery(
            &staff::actor(Role::Courier),
            &desk_core::Delivery {
                order_id: "a".into(),
                delivered_on: day(2026, 11, 21),
                place: "Алматы".into(),
                serial_numbers: Vec::new(),
                notes: String::new(),
                items: vec![DeliveredItem {
                    classifier_code: "TSR-01-001".into(),
                    serial_numbers: vec!["WC-1".into()],
                }],
                received_by: None,
            },
        )
        .expect("deliver");
    store
}

fn repair(order_id: &str, serial: &str, on: NaiveDate) -> WarrantyService {
    WarrantyService {
        order_id: order_id.into(),
        serial_number: serial.into(),
        kind: WarrantyServiceKind::Repair,
        serviced_on: on,
        new_serial_number: None,
        notes: "тормоз ослаб, отрегулирован".into(),
    }
}

fn written(dir: &tempfile::TempDir) -> (i64, i64, i64) {
    let conn = raw(dir);
    (count(&conn, "warranty_services"), count(&conn, "outbox"), count(&conn, "audit_log"))
}

fn lookup(store: &Store, serial: &str, today: NaiveDate) -> Vec<WarrantyRow> {
    let query = RegisterQuery { serial_prefix: Some(serial.into()), ending_within_days: None, today, limit: 50 };
    store.warranty_register(&staff::actor(Role::Manager), &query).expect("register").rows
}

#[test]
fn a_repair_within_the_warranty_is_one_transaction_of_row_outbox_and_audit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = delivered(&dir);
    let before = written(&dir);
    // The warranty (24 months from 21 November 2026) runs to 21 November 2028, that day included.
    let last_day = day(2028, 11, 21);
    store.record_warranty_service(&staff::actor(Role::Workshop), &repair("a", " wc-1 ", last_day)).expect("repair");
    assert_eq!(written(&dir), (before.0 + 1, before.1 + 1, before.2 + 1));

    let batch = store.pending_batch(10).expect("batch");
    let body = &batch.mutations.last().expect("queued").body;
    match body {
        MutationBody::RecordWarrantyService {
            order_id, kind, serial_number, serviced_on, new_serial_number, ..
        } => {
            assert_eq!((order_id.as_str(), *kind, *serviced_on), ("a", WarrantyServiceKind::Repair, last_day));
            assert_eq!(serial_number, "wc-1");
            assert_eq!(new_serial_number, &None);
        }
        other => panic!("expected a warranty service, got {other:?}"),
    }
    let rows = lookup(&store, "WC-1", day(2026, 12, 7));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].services.len(), 1);
    assert!(rows[0].services[0].pending, "not sent yet");
    assert_eq!(rows[0].services[0].notes, "тормоз ослаб, отрегулирован");
    assert_eq!(rows[0].exchanged_for, None);
    let timeline = store.order_detail("a").expect("detail").timeline;
    assert_eq!(timeline.last().map(|t| t.action.as_str()), Some("record_warranty_service"));
}

#[test]
fn each_refused_service_names_its_field_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = delivered(&dir);
    let before = written(&dir);
    let workshop = staff::actor(Role::Workshop);
    let exchange = |new: Option<&str>| WarrantyService {
        kind: WarrantyServiceKind::Replacement,
        new_serial_number: new.map(str::to_owned),
        ..repair("a", "WC-1", day(2027, 1, 10))
    };
    let cases: Vec<(WarrantyService, &str, &str)> = vec![
        (repair("a", "WC-1", day(2028, 11, 22)), "serviced_on", "warranty_ended"),
        (repair("a", "WC-1", day(2026, 11, 20)), "serviced_on", "warranty_before_start"),
        (repair("a", "OTHER-9", day(2027, 1, 10)), "serial_number", "warranty_serial_not_held"),
        (repair("a", "   ", day(2027, 1, 10)), "serial_number", "warranty_serial_required"),
        (
            WarrantyService { notes: "  ".into(), ..repair("a", "WC-1", day(2027, 1, 10)) },
            "notes",
            "warranty_notes_required",
        ),
        (
            WarrantyService { notes: "я".repeat(1001), ..repair("a", "WC-1", day(2027, 1, 10)) },
            "notes",
            "value_too_long",
        ),
        (exchange(None), "new_serial_number", "warranty_new_serial_required"),
        (exchange(Some("wc-1")), "new_serial_number", "warranty_new_serial_same"),
        (
            WarrantyService { new_serial_number: Some("WC-2".into()), ..repair("a", "WC-1", day(2027, 1, 10)) },
            "new_serial_number",
            "warranty_new_serial_for_repair",
        ),
        (repair("b", "WC-1", day(2027, 1, 10)), "order", "warranty_not_handed_over"),
    ];
    for (service, field, key) in cases {
        match store.record_warranty_service(&workshop, &service) {
            Err(ActionError::Invalid { field: f, message }) => {
                assert_eq!((f, message.key), (field, key), "{service:?}");
            }
            other => panic!("expected {key} for {service:?}, got {other:?}"),
        }
    }
    assert!(matches!(
        store.record_warranty_service(&staff::actor(Role::Courier), &repair("a", "WC-1", day(2027, 1, 10))),
        Err(ActionError::Forbidden(_))
    ));
    assert_eq!(written(&dir), before, "nothing was written");
}

#[test]
fn an_exchanged_item_hands_its_warranty_anew_to_the_new_serial() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = delivered(&dir);
    let office = staff::actor(Role::Office);
    let on = day(2027, 3, 1);
    let exchange = WarrantyService {
        kind: WarrantyServiceKind::Replacement,
        new_serial_number: Some(" wc-2 ".into()),
        notes: "рама треснула".into(),
        ..repair("a", "WC-1", on)
    };
    store.record_warranty_service(&office, &exchange).expect("exchange");

    let today = day(2027, 3, 2);
    let old = lookup(&store, "WC-1", today);
    assert_eq!(old[0].exchanged_for.as_deref(), Some("wc-2"));
    let new = lookup(&store, "WC-2", today);
    assert_eq!(new.len(), 1, "the new serial is in the register: {new:?}");
    assert_eq!((new[0].number.as_str(), new[0].warranty_start), (old[0].number.as_str(), on));
    assert_eq!(new[0].warranty_end, Some(day(2029, 3, 1)));
    assert_eq!(new[0].delivered_on, Some(on));
    assert_eq!(new[0].services.len(), 1, "the exchange is listed under both items");

    // After the first item's warranty would have ended, the new one is still under its own.
    store.record_warranty_service(&office, &repair("a", "WC-2", day(2029, 1, 15))).expect("repair of the new item");
    match store.record_warranty_service(&office, &repair("a", "WC-2", day(2029, 3, 2))) {
        Err(ActionError::Invalid { message, .. }) => assert_eq!(message.key, "warranty_ended"),
        other => panic!("expected warranty_ended, got {other:?}"),
    }
}

#[test]
fn a_service_another_desk_recorded_arrives_with_its_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = delivered(&dir);
    let mut snapshot = order("c", OrderStatus::Paid, 1);
    snapshot.warranty_services = vec![portal_api::WarrantyService {
        id: "svc-1".into(),
        serviced_on: day(2026, 12, 1),
        kind: WarrantyServiceKind::Replacement,
        serial_number: "OLD-5".into(),
        new_serial_number: Some("NEW-5".into()),
        notes: "заменено".into(),
    }];
    for seq in [10, 11] {
        // Served twice (a page read again after a crash): kept once.
        store.apply_page(feed(vec![Entity::Order(snapshot.clone())], seq)).expect("apply");
    }
    assert_eq!(count(&raw(&dir), "warranty_services"), 1);
    let rows = lookup(&store, "NEW-5", day(2026, 12, 7));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].order_id, "c");
    assert_eq!(rows[0].services.len(), 1);
    assert!(!rows[0].services[0].pending, "the portal holds it");
}

//! The warranty register on real SQLite files: a serial found as a scanner types it, its
//! warranty counted from the fitting's start or else from the delivery, a serial held by two
//! orders flagged, the warranties ending soon by end date, and the roles that may read it.

mod common;

use chrono::NaiveDate;
use desk_core::Store;
use desk_core::access::Role;
use desk_core::features::warranty::RegisterQuery;
use desk_core::features::warranty::views::WarrantyRow;
use desk_core::features::workshop::views::FittedInput;
use desk_core::kernel::ActionError;
use portal_api::DeliveredItem;

use common::{seeded, staff};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn deliver(store: &mut Store, order_id: &str, on: NaiveDate, serials: &[&str]) {
    let courier = staff::actor(Role::Courier);
    store
        .record_delivery(
            &courier,
            &desk_core::Delivery {
                order_id: order_id.into(),
                delivered_on: on,
                place: "Алматы".into(),
                serial_numbers: Vec::new(),
                notes: String::new(),
                items: vec![DeliveredItem {
                    classifier_code: "TSR-01-001".into(),
                    serial_numbers: serials.iter().map(|s| s.to_string()).collect(),
                }],
                received_by: None,
            },
        )
        .expect("deliver");
}

/// The seeded store (all orders of one 24-month item) with: d fitted with PR-77 (warranty from
/// 12 November) and delivered on the 20th; a delivered on the 21st with WC-2026-0007 and -0008;
/// b delivered on the 22nd with -0008 again, typed in lower case.
fn store_with_serials(dir: &tempfile::TempDir) -> Store {
    let mut store = seeded(dir);
    store
        .mark_fitted(
            &staff::actor(Role::Workshop),
            &FittedInput {
                order_id: "d".into(),
                fitted_on: "2026-11-10".into(),
                technician: "Ерлан Сейткали".into(),
                serial_numbers: vec!["PR-77".into()],
                adjustments: String::new(),
                warranty_start: "2026-11-12".into(),
            },
        )
        .expect("fitted");
    deliver(&mut store, "d", day(2026, 11, 20), &["PR-77"]);
    let office = staff::actor(Role::Office);
    for id in ["a", "b"] {
        store.accept_order(&office, id).expect("accept");
    }
    deliver(&mut store, "a", day(2026, 11, 21), &["WC-2026-0007", "WC-2026-0008"]);
    deliver(&mut store, "b", day(2026, 11, 22), &[" wc-2026-0008 "]);
    store
}

fn by_serial(serial: &str, today: NaiveDate) -> RegisterQuery {
    RegisterQuery { serial_prefix: Some(serial.into()), ending_within_days: None, today, limit: 50 }
}

fn register(store: &Store, role: Role, query: &RegisterQuery) -> Vec<WarrantyRow> {
    store.warranty_register(&staff::actor(role), query).expect("register").rows
}

fn keys(rows: &[WarrantyRow]) -> Vec<(&str, &str)> {
    rows.iter().map(|r| (r.serial.as_str(), r.number.as_str())).collect()
}

#[test]
fn a_full_serial_finds_its_order_item_and_warranty_from_the_delivery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let today = day(2026, 12, 1);
    let rows = register(&store, Role::Office, &by_serial("WC-2026-0007", today));
    assert_eq!(keys(&rows), [("WC-2026-0007", "SO-a")]);
    let row = &rows[0];
    assert_eq!(row.order_id, "a");
    assert_eq!(row.participant_name, "Айгүл Серікқызы Нұрланова");
    let item = row.item.as_ref().expect("the order's item");
    assert_eq!((item.classifier_code.as_str(), item.name.en.as_str()), ("TSR-01-001", "Below-knee prosthesis"));
    assert_eq!((row.delivered_on, row.fitted_on), (Some(day(2026, 11, 21)), None));
    assert_eq!(row.warranty_start, day(2026, 11, 21), "not fitted: the warranty runs from the delivery");
    assert_eq!((row.warranty_months, row.warranty_end), (Some(24), Some(day(2028, 11, 21))));
    assert_eq!(row.days_left, Some((day(2028, 11, 21) - today).num_days()));
    assert_eq!(row.other_orders, 0);
}

#[test]
fn a_serial_is_found_by_a_prefix_in_lower_case_with_spaces_as_a_scanner_types_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let today = day(2026, 12, 1);
    for typed in [" wc-2026-00 ", "WC-2026", "wc"] {
        let rows = register(&store, Role::Workshop, &by_serial(typed, today));
        assert_eq!(
            keys(&rows),
            [("WC-2026-0007", "SO-a"), ("WC-2026-0008", "SO-a"), ("WC-2026-0008", "SO-b")],
            "{typed:?}"
        );
    }
    assert!(register(&store, Role::Office, &by_serial("WC-2026-0009", today)).is_empty());
    assert!(register(&store, Role::Office, &by_serial("2026", today)).is_empty(), "a prefix, not a substring");
    // A limit keeps the first rows and says how many matched.
    let page = store
        .warranty_register(&staff::actor(Role::Office), &RegisterQuery { limit: 1, ..by_serial("wc", today) })
        .expect("register");
    assert_eq!((keys(&page.rows), page.total), (vec![("WC-2026-0007", "SO-a")], 3));
}

#[test]
fn a_fitted_serial_has_its_warranty_from_the_fittings_start_not_the_delivery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let rows = register(&store, Role::Workshop, &by_serial("pr-77", day(2026, 12, 1)));
    assert_eq!(keys(&rows), [("PR-77", "SO-d")]);
    let row = &rows[0];
    assert_eq!((row.delivered_on, row.fitted_on), (Some(day(2026, 11, 20)), Some(day(2026, 11, 10))));
    assert_eq!(row.warranty_start, day(2026, 11, 12));
    assert_eq!(row.warranty_end, Some(day(2028, 11, 12)));
    // Ended warranties count their days negative.
    let later = register(&store, Role::Workshop, &by_serial("PR-77", day(2028, 11, 15)));
    assert_eq!(later[0].days_left, Some(-3));
}

#[test]
fn a_serial_delivered_on_two_orders_is_flagged_on_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let rows = register(&store, Role::Office, &by_serial("WC-2026-0008", day(2026, 12, 1)));
    assert_eq!(keys(&rows), [("WC-2026-0008", "SO-a"), ("WC-2026-0008", "SO-b")]);
    assert!(rows.iter().all(|r| r.other_orders == 1), "{rows:?}");
    let b = &rows[1];
    assert_eq!(b.warranty_start, day(2026, 11, 22), "each order's own delivery");
    let single = register(&store, Role::Office, &by_serial("WC-2026-0007", day(2026, 12, 1)));
    assert_eq!(single[0].other_orders, 0);
}

#[test]
fn the_warranties_ending_within_thirty_days_come_by_end_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let ending = |today| RegisterQuery { serial_prefix: None, ending_within_days: Some(30), today, limit: 50 };
    // Ends: PR-77 on 2028-11-12, SO-a's on the 21st, SO-b's on the 22nd.
    let rows = register(&store, Role::Office, &ending(day(2028, 10, 25)));
    assert_eq!(
        keys(&rows),
        [("PR-77", "SO-d"), ("WC-2026-0007", "SO-a"), ("WC-2026-0008", "SO-a"), ("WC-2026-0008", "SO-b")]
    );
    assert_eq!(rows.iter().map(|r| r.days_left).collect::<Vec<_>>(), [Some(18), Some(27), Some(27), Some(28)]);
    // The 30th day is in, the 31st is not; an ended warranty is out.
    assert_eq!(keys(&register(&store, Role::Office, &ending(day(2028, 10, 13)))), [("PR-77", "SO-d")]);
    assert!(register(&store, Role::Office, &ending(day(2028, 10, 12))).is_empty());
    assert_eq!(
        keys(&register(&store, Role::Office, &ending(day(2028, 11, 13)))),
        [("WC-2026-0007", "SO-a"), ("WC-2026-0008", "SO-a"), ("WC-2026-0008", "SO-b")]
    );
    assert!(register(&store, Role::Office, &ending(day(2027, 1, 1))).is_empty());
    // With a serial too, both apply.
    let both = RegisterQuery { serial_prefix: Some("wc-2026-0008".into()), ..ending(day(2028, 10, 25)) };
    assert_eq!(keys(&register(&store, Role::Office, &both)), [("WC-2026-0008", "SO-a"), ("WC-2026-0008", "SO-b")]);
}

#[test]
fn a_courier_may_not_read_the_register_and_a_manager_may() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_serials(&dir);
    let query = by_serial("PR-77", day(2026, 12, 1));
    let err = store.warranty_register(&staff::actor(Role::Courier), &query).expect_err("a courier is refused");
    assert!(matches!(err, ActionError::Forbidden(_)), "{err:?}");
    assert_eq!(register(&store, Role::Manager, &query).len(), 1);
}

//! The inbox's filters, search and sorts on a real SQLite file: what each selects, the total
//! that goes with it, and pages that never overlap.

mod common;

use chrono::{Duration, Utc};
use common::*;
use desk_core::features::orders::views::{DeadlineFilter, InboxQuery, InboxSort};
use desk_core::{OrderStatus, Store};
use portal_api::Category;

/// Four placed orders whose acceptance deadlines are: passed, in a day, in five days, and one
/// in Astana that is paid (closed, no deadline).
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let now = Utc::now();
    let placed = |id: &str, days_ago: i64| {
        let mut o = order(id, OrderStatus::Placed, 1);
        o.placed_at = now - Duration::days(days_ago);
        o.accept_by = o.placed_at + Duration::days(10);
        o.updated_at = o.placed_at;
        o
    };
    let mut paid = order("paid", OrderStatus::Paid, 2);
    paid.participant.region = "KZ-AST".into();
    paid.participant.full_name = "Ержан Болатұлы Сейітов".into();
    store
        .apply_page(page(vec![placed("late", 11), placed("soon", 9), placed("later", 5), paid], 1))
        .expect("apply page");
    store
}

fn numbers(store: &Store, q: InboxQuery) -> (Vec<String>, u64) {
    let page = store.inbox(&InboxQuery { limit: 50, ..q }).expect("inbox");
    (page.rows.into_iter().map(|r| r.number).collect(), page.total)
}

#[test]
fn status_region_and_category_select_their_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir);
    let (all, total) = numbers(&store, InboxQuery::default());
    assert_eq!(total, 4);
    assert_eq!(all.len(), 4);
    let (paid, total) = numbers(&store, InboxQuery { status: Some(OrderStatus::Paid), ..Default::default() });
    assert_eq!((paid, total), (vec!["SO-paid".to_string()], 1));
    let (astana, _) = numbers(&store, InboxQuery { region: Some("kz-ast".into()), ..Default::default() });
    assert_eq!(astana, ["SO-paid"]);
    let (prosthetic, total) =
        numbers(&store, InboxQuery { category: Some(Category::ProstheticOrthopaedic), ..Default::default() });
    assert_eq!((prosthetic.len(), total), (4, 4));
    let (hearing, total) = numbers(&store, InboxQuery { category: Some(Category::Hearing), ..Default::default() });
    assert_eq!((hearing.len(), total), (0, 0));
    // Filters combine.
    let (open_astana, total) =
        numbers(&store, InboxQuery { open_only: true, region: Some("KZ-AST".into()), ..Default::default() });
    assert_eq!((open_astana.len(), total), (0, 0));
}

#[test]
fn deadlines_overdue_and_within_48_hours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir);
    let (overdue, total) =
        numbers(&store, InboxQuery { deadline: Some(DeadlineFilter::Overdue), ..Default::default() });
    assert_eq!((overdue, total), (vec!["SO-late".to_string()], 1));
    let (soon, total) = numbers(&store, InboxQuery { deadline: Some(DeadlineFilter::Soon), ..Default::default() });
    assert_eq!((soon, total), (vec!["SO-soon".to_string()], 1));
}

#[test]
fn search_matches_number_and_name_prefixes_and_ignores_query_syntax() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir);
    let (found, total) = numbers(&store, InboxQuery { text: Some("Ерж Сейіт".into()), ..Default::default() });
    assert_eq!((found, total), (vec!["SO-paid".to_string()], 1));
    let (found, _) = numbers(&store, InboxQuery { text: Some("SO-soon".into()), ..Default::default() });
    assert_eq!(found, ["SO-soon"]);
    // FTS5 operators typed by a user are words like any other, not syntax.
    let (found, total) = numbers(&store, InboxQuery { text: Some("\"AND OR* (".into()), ..Default::default() });
    assert_eq!((found.len(), total), (0, 0));
    // Blank search is no search.
    assert_eq!(numbers(&store, InboxQuery { text: Some("  ".into()), ..Default::default() }).1, 4);
}

#[test]
fn sorts_page_without_overlap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir);
    let (newest, _) = numbers(&store, InboxQuery { sort: Some(InboxSort::Newest), ..Default::default() });
    assert_eq!(newest[0], "SO-later");
    let (by_deadline, _) = numbers(&store, InboxQuery::default());
    assert_eq!(by_deadline[..3], ["SO-late", "SO-soon", "SO-later"], "open first, the nearest deadline first");
    for sort in [InboxSort::Deadline, InboxSort::Newest, InboxSort::Total] {
        let mut seen = Vec::new();
        for offset in 0..4 {
            let page =
                store.inbox(&InboxQuery { offset, limit: 1, sort: Some(sort), ..Default::default() }).expect("page");
            seen.extend(page.rows.into_iter().map(|r| r.number));
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 4, "{sort:?}: every order once across pages");
    }
}

/// What people type: ё as е, Kazakh letters as their Russian-layout look-alikes, the digits of a
/// number without its zeros, a phone however grouped, a street; and nothing for what is not there.
#[test]
fn search_forgives_the_keyboard_and_finds_numbers_phones_and_addresses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let mut fyodorova = order("fy", OrderStatus::Placed, 1);
    fyodorova.number = "SO-2026-000230".into();
    fyodorova.participant.full_name = "Фёдорова Анна".into();
    fyodorova.participant.phone = "+7 (705) 123-45-67".into();
    fyodorova.participant.address = "Қарағанды, Бұқар жырау 12".into();
    let mut aigul = order("ai", OrderStatus::Placed, 1);
    aigul.number = "SO-2026-001230".into();
    store.apply_page(page(vec![fyodorova, aigul], 1)).expect("apply page");
    let find = |text: &str| numbers(&store, InboxQuery { text: Some(text.into()), ..Default::default() }).0;
    assert_eq!(find("федорова"), ["SO-2026-000230"]);
    assert_eq!(find("ФЁДОРОВА"), ["SO-2026-000230"]);
    assert_eq!(find("Серикkызы").len(), 0, "a Latin k is not a look-alike");
    assert_eq!(find("Серикkызы".replace('k', "к").as_str()), ["SO-2026-001230"]);
    assert_eq!(find("Нурланова"), ["SO-2026-001230"]);
    assert_eq!(find("230"), ["SO-2026-000230"]);
    assert_eq!(find("1230"), ["SO-2026-001230"]);
    assert_eq!(find("87051234567"), ["SO-2026-000230"]);
    assert_eq!(find("705 123"), ["SO-2026-000230"]);
    assert_eq!(find("+7 (705) 123-45-67"), ["SO-2026-000230"]);
    assert_eq!(find("караганды букар"), ["SO-2026-000230"]);
    assert!(find("Петров").is_empty());
}

/// A desk made before the search folded its text gets its index rebuilt when opened.
#[test]
fn the_search_index_of_an_older_desk_is_rebuilt_folded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.sqlite");
    {
        let mut store = Store::open(&path).expect("open");
        let mut o = order("old", OrderStatus::Placed, 1);
        o.participant.full_name = "Фёдорова Анна".into();
        store.apply_page(page(vec![o], 1)).expect("apply page");
    }
    {
        // Back to the index as it was: unfolded, without the contact column, schema 14. What the
        // later migrations added goes too, since the reopen applies them again.
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch(
            "DROP TRIGGER warranty_services_serials_in; DROP TRIGGER warranty_services_serials_out;
             DROP TABLE warranty_services;
             DROP INDEX orders_placed_day; DROP INDEX orders_confirmed_day; DROP INDEX outbox_declines;
             DROP INDEX deliveries_order; DROP INDEX orders_money;
             DROP TRIGGER payment_lines_paid_in; DROP TRIGGER payment_lines_paid_out;
             ALTER TABLE orders DROP COLUMN paid_tiyn; ALTER TABLE orders DROP COLUMN confirmed_at; DROP TABLE payment_lines; DROP TABLE payments;
             ALTER TABLE deliveries DROP COLUMN items;
             ALTER TABLE deliveries DROP COLUMN received_by;
             DROP TRIGGER deliveries_serials_in; DROP TRIGGER deliveries_serials_out;
             DROP TRIGGER deliveries_serials_change; DROP TRIGGER fittings_serials_in;
             DROP TRIGGER fittings_serials_out; DROP TRIGGER fittings_serials_change;
             DROP TRIGGER replacements_serials_in; DROP TRIGGER replacements_serials_out;
             DROP TRIGGER replacements_serials_change; DROP TABLE order_serials;
             DROP TRIGGER order_events_from_portal;
             DROP TABLE order_events;
             DROP INDEX orders_by_assignee;
             ALTER TABLE staff DROP COLUMN language;
             DROP TABLE orders_fts;
             CREATE VIRTUAL TABLE orders_fts USING fts5 (
                 order_id UNINDEXED, number, participant_name, items, tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO orders_fts (rowid, order_id, number, participant_name, items)
                 SELECT rowid, id, number, participant_name, '' FROM orders;
             ALTER TABLE offerings DROP COLUMN model;
             ALTER TABLE offerings DROP COLUMN manufacturer;
             PRAGMA user_version = 14;",
        )
        .expect("downgrade the index");
    }
    let store = Store::open(&path).expect("reopen");
    let (found, _) = numbers(&store, InboxQuery { text: Some("федорова 701".into()), ..Default::default() });
    assert_eq!(found, ["SO-old"]);
}

/// A serial number typed or scanned into the search finds the order it was delivered with, by
/// any prefix and in any letter case; other words still search the index.
#[test]
fn a_serial_number_finds_its_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let courier = staff::staff_member(&mut store, desk_core::access::Role::Courier);
    store
        .record_delivery(
            &courier,
            &desk_core::Delivery {
                order_id: "d".into(),
                delivered_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
                place: "Алматы".into(),
                serial_numbers: vec!["WC-2026-0007".into(), "WC-2026-0008".into()],
                notes: String::new(),
                items: Vec::new(),
                received_by: None,
            },
        )
        .expect("deliver");
    for typed in ["WC-2026-0007", "wc-2026-00", " wc-2026-0008 "] {
        let (found, total) = numbers(&store, InboxQuery { text: Some(typed.into()), ..Default::default() });
        assert_eq!((found, total), (vec!["SO-d".to_owned()], 1), "{typed:?}");
    }
    let (found, _) = numbers(&store, InboxQuery { text: Some("WC-2026-0009".into()), ..Default::default() });
    assert!(found.is_empty());

    // The same serial handed over with another order is flagged on both, not refused.
    assert!(store.order_detail("d").expect("detail").serials_elsewhere.is_empty());
    let office = staff::staff_member(&mut store, desk_core::access::Role::Office);
    store.accept_order(&office, "a").expect("accept");
    store
        .record_delivery(
            &courier,
            &desk_core::Delivery {
                order_id: "a".into(),
                delivered_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).expect("date"),
                place: "Алматы".into(),
                serial_numbers: vec!["wc-2026-0008".into()],
                notes: String::new(),
                items: Vec::new(),
                received_by: None,
            },
        )
        .expect("a second handover of one serial is recorded");
    let flagged = store.order_detail("d").expect("detail").serials_elsewhere;
    assert_eq!(
        flagged.iter().map(|s| (s.serial.as_str(), s.number.as_str())).collect::<Vec<_>>(),
        [("WC-2026-0008", "SO-a")]
    );
    let back = store.order_detail("a").expect("detail").serials_elsewhere;
    assert_eq!(back.iter().map(|s| s.number.as_str()).collect::<Vec<_>>(), ["SO-d"]);
}

/// A search matching more orders than the store looks up as a set (it then takes the matches
/// once and tests each order against them) pages and counts them like any other search, and
/// follows the orders as they change.
#[test]
fn a_search_matching_thousands_of_orders_pages_and_counts_every_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let orders = (0..2_400)
        .map(|i| {
            let status = if i % 3 == 0 { OrderStatus::Paid } else { OrderStatus::Placed };
            let mut o = order(&format!("bulk-{i:04}"), status, 1);
            if i % 2 == 0 {
                o.participant.full_name = "Сауле Ахметова".into();
            }
            o
        })
        .collect();
    store.apply_page(page(orders, 1)).expect("apply page");
    let open = (0..2_400).filter(|i| i % 3 != 0).count() as u64;
    let search = |store: &Store, text: &str, offset: u32, limit: u32| {
        let page = store
            .inbox(&InboxQuery { open_only: true, text: Some(text.into()), offset, limit, ..Default::default() })
            .expect("inbox");
        (page.rows.into_iter().map(|r| r.number).collect::<Vec<_>>(), page.total)
    };

    // Every order's number begins with "SO": all the open ones, page by page, none twice.
    let (first, total) = search(&store, "SO", 0, 50);
    assert_eq!((first.len(), total), (50, open));
    let mut seen = Vec::new();
    for offset in (0..open as u32).step_by(500) {
        seen.extend(search(&store, "S", offset, 500).0);
    }
    let listed = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!((listed, seen.len()), (open as usize, open as usize), "every open order once");
    // A name half of them carry (2,400 / 2, of which a third paid), then another search.
    let saule = (0..2_400).filter(|i| i % 2 == 0 && i % 3 != 0).count() as u64;
    assert_eq!(search(&store, "Сауле", 0, 50).1, saule);
    assert_eq!(search(&store, "Айгүл", 0, 50).1, open - saule);
    assert_eq!(search(&store, "SO-bulk-0001", 0, 50), (vec!["SO-bulk-0001".to_string()], 1));

    // A new order is found by the same search at once.
    store.apply_page(page(vec![order("bulk-new", OrderStatus::Placed, 2)], 2)).expect("apply page");
    assert_eq!(search(&store, "SO", 0, 50).1, open + 1);
}

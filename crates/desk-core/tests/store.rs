//! Store tests on real SQLite files in temp dirs.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::features::orders::views::InboxQuery;
use desk_core::kernel::ActionError;
use desk_core::{Delivery, OrderStatus, Store, StoreError};
use portal_api::Category;

#[test]
fn migrations_from_empty_set_up_a_durable_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let conn = raw(&dir);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, 23);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    for table in [
        "classifier",
        "offerings",
        "orders",
        "order_lines",
        "outbox",
        "audit_log",
        "sync_state",
        "orders_fts",
        "notice_state",
        "deadline_notices",
        "fitting_sessions",
        "supplier_profile",
        "order_returns",
        "replacements",
        "attachments",
        "delivery_photos",
        "offering_photos",
    ] {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0))
            .expect("master");
        assert_eq!(n, 1, "table {table}");
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(Store::open(&dir.path().join("desk.sqlite")).expect("open"));
    raw(&dir).pragma_update(None, "user_version", 99).expect("bump");
    assert!(matches!(Store::open(&dir.path().join("desk.sqlite")), Err(StoreError::Migration(_))));
    let version: i64 = raw(&dir).query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, 99);
}

#[test]
fn an_offering_stored_before_regional_stock_holds_it_in_its_first_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    // A row as version 9 left it, once version 10 added the column with its default.
    let conn = raw(&dir);
    conn.execute(
        "UPDATE offerings SET regions = '[\"KZ-AST\",\"KZ-ALA\"]', stock = 6, stock_by_region = '[]' WHERE id = 'off-1'",
        [],
    )
    .expect("legacy row");
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == "off-1").expect("off-1");
    let quantities: Vec<(String, i64)> = row.stock_by_region.into_iter().map(|r| (r.region, r.quantity)).collect();
    assert_eq!(quantities, [("KZ-AST".to_owned(), 6), ("KZ-ALA".to_owned(), 0)]);
    store.change_stock(&staff::actor(Role::Office), "off-1", "KZ-ALA", 2).expect("Almaty gets 2");
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == "off-1").expect("off-1");
    assert_eq!(row.stock, 8);
    assert!(store.offerings_csv().expect("export").contains(",KZ-AST=6;KZ-ALA=2,"));
}

#[test]
fn inbox_lists_open_orders_by_nearest_deadline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let open = store.inbox(&InboxQuery { open_only: true, offset: 0, limit: 50, ..Default::default() }).expect("inbox");
    assert_eq!(open.total, 3);
    let numbers: Vec<&str> = open.rows.iter().map(|r| r.number.as_str()).collect();
    // b is due 28 Nov (placed 18 + 10 days), a 30 Nov, d's delivery is due 12 Dec.
    assert_eq!(numbers, ["SO-b", "SO-a", "SO-d"]);
    assert_eq!(open.rows[0].due_at, Some(at(28, 9)));
    assert_eq!(open.rows[0].items[0].name.en, "Below-knee prosthesis");
    assert_eq!(open.rows[0].total_tiyn, 120_000_000);
    let all = store.inbox(&InboxQuery { open_only: false, offset: 0, limit: 50, ..Default::default() }).expect("inbox");
    assert_eq!(all.total, 4);
    assert_eq!(all.rows.last().map(|r| r.number.as_str()), Some("SO-c"));
    let second =
        store.inbox(&InboxQuery { open_only: false, offset: 1, limit: 2, ..Default::default() }).expect("inbox");
    assert_eq!(second.rows.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), ["SO-a", "SO-d"]);
}

#[test]
fn the_inbox_total_follows_changes_from_this_and_other_connections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let open = InboxQuery { open_only: true, offset: 0, limit: 50, ..Default::default() };
    assert_eq!(store.inbox(&open).expect("inbox").total, 3);
    assert_eq!(
        store.inbox(&InboxQuery { offset: 2, ..open.clone() }).expect("inbox").total,
        3,
        "paging keeps the total"
    );

    store.apply_page(page(vec![order("n", OrderStatus::Placed, 23)], 50)).expect("pull");
    assert_eq!(store.inbox(&open).expect("inbox").total, 4, "a pulled order counts at once");

    // Another connection to the same file (a headless sync) moves an order out of the inbox.
    let other = raw(&dir);
    other.execute("UPDATE orders SET is_open = 0 WHERE id = 'n'", []).expect("close");
    assert_eq!(store.inbox(&open).expect("inbox").total, 3, "a change by another connection counts too");
    assert_eq!(store.inbox(&InboxQuery { open_only: false, ..open }).expect("inbox").total, 5);
}

#[test]
fn offerings_carry_names_and_limit_prices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let offerings = store.offerings().expect("offerings");
    assert_eq!(offerings.len(), 1);
    assert_eq!(offerings[0].limit_price_tiyn, 150_000_000);
    assert_eq!(offerings[0].category, Category::ProstheticOrthopaedic);
    assert_eq!(offerings[0].regions, ["KZ-ALA"]);
}

#[test]
fn applying_a_page_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = store.summary().expect("summary");
    store.apply_page(page(vec![order("a", OrderStatus::Placed, 20)], 1)).expect("replay");
    let after = store.summary().expect("summary");
    assert_eq!(
        (before.orders, before.offerings, before.classifier_items),
        (after.orders, after.offerings, after.classifier_items)
    );
    assert_eq!(count(&raw(&dir), "order_lines"), 4);
    assert_eq!(count(&raw(&dir), "orders_fts"), 4);
}

#[test]
fn a_user_action_writes_domain_row_outbox_and_audit_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let actor = staff::actor(Role::Office);
    store.accept_order(&actor, "a").expect("accept");
    store.decline_order(&actor, "b", "no stock in the region").expect("decline");
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Accepted);
    assert_eq!(store.order("b").expect("b").status, OrderStatus::DeclinedBySupplier);
    let conn = raw(&dir);
    assert_eq!(count(&conn, "outbox"), 2);
    assert_eq!(count(&conn, "audit_log"), 2);
    let seqs: Vec<i64> = conn
        .prepare("SELECT device_seq FROM outbox ORDER BY seq")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(seqs, [1, 2]);
    let (kind, actor_name): (String, String) = conn
        .query_row("SELECT action, actor FROM audit_log ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("audit");
    assert_eq!((kind.as_str(), actor_name.as_str()), ("accept_order", "office"));
    assert_eq!(store.summary().expect("summary").pending_mutations, 2);
}

#[test]
fn an_injected_failure_leaves_no_part_of_the_action() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    for table in ["audit_log", "outbox", "deliveries"] {
        let conn = raw(&dir);
        conn.execute_batch(&format!(
            "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .expect("trigger");
        let delivery = Delivery {
            order_id: "d".into(),
            delivered_on: at(24, 0).date_naive(),
            place: "Алматы".into(),
            serial_numbers: vec!["SN-1".into()],
            notes: String::new(),
            items: vec![],
            received_by: None,
        };
        let err = store.record_delivery(&staff::actor(Role::Courier), &delivery).expect_err("must fail");
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(store.order("d").expect("d").status, OrderStatus::InWork, "after failing {table}");
        assert_eq!(count(&conn, "deliveries"), 0);
        assert_eq!(count(&conn, "outbox"), 0);
        assert_eq!(count(&conn, "audit_log"), 0);
        let next_seq: i64 = conn.query_row("SELECT next_device_seq FROM sync_state", [], |r| r.get(0)).expect("seq");
        assert_eq!(next_seq, 1);
        conn.execute_batch(&format!("DROP TRIGGER fail_{table};")).expect("drop");
    }
    // With the failures gone the same action goes through whole.
    let delivery = Delivery {
        order_id: "d".into(),
        delivered_on: at(24, 0).date_naive(),
        place: "Алматы".into(),
        serial_numbers: vec!["SN-1".into()],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    store.record_delivery(&staff::actor(Role::Courier), &delivery).expect("record");
    let conn = raw(&dir);
    assert_eq!((count(&conn, "deliveries"), count(&conn, "outbox"), count(&conn, "audit_log")), (1, 1, 1));
}

#[test]
fn refused_moves_and_bad_input_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let actor = staff::actor(Role::Office);
    assert!(matches!(store.accept_order(&actor, "c"), Err(ActionError::Store(StoreError::Transition(_)))));
    assert!(matches!(store.accept_order(&actor, "nope"), Err(ActionError::Store(StoreError::NotFound { .. }))));
    assert!(matches!(store.decline_order(&actor, "a", "  "), Err(ActionError::Invalid { field: "reason", .. })));
    let conn = raw(&dir);
    assert_eq!((count(&conn, "outbox"), count(&conn, "audit_log")), (0, 0));
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Placed);
}

#[test]
fn a_pending_local_move_survives_a_pull_until_answered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&staff::actor(Role::Office), "a").expect("accept");
    // The portal has not seen the acceptance yet and still reports the order as placed.
    store.apply_page(page(vec![order("a", OrderStatus::Placed, 20)], 10)).expect("pull");
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Accepted);
    let portal_status: String = raw(&dir)
        .query_row("SELECT portal_status FROM orders WHERE id = 'a'", [], |r| r.get(0))
        .expect("portal status");
    assert_eq!(portal_status, "placed");
}

#[test]
fn reopening_keeps_data_and_cursor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let device_id = {
        let mut store = seeded(&dir);
        store.accept_order(&staff::actor(Role::Office), "a").expect("accept");
        store.summary().expect("summary").device_id
    };
    let store = Store::open(&dir.path().join("desk.sqlite")).expect("reopen");
    let summary = store.summary().expect("summary");
    assert_eq!(summary.device_id, device_id);
    assert_eq!(summary.cursor, 7);
    assert_eq!(summary.orders, 4);
    assert_eq!(summary.pending_mutations, 1);
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Accepted);
    assert!(store.policy().expect("policy").is_some());
}

#[test]
fn malformed_portal_data_is_refused_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let mut bad = order("e", OrderStatus::Placed, 22);
    bad.lines.clear();
    let result = store.apply_page(page(vec![order("f", OrderStatus::Placed, 22), bad], 20));
    assert!(matches!(result, Err(StoreError::Model(_))));
    // Neither the good order of the page nor the cursor moved.
    assert!(matches!(store.order("f"), Err(StoreError::NotFound { .. })));
    assert_eq!(store.summary().expect("summary").cursor, 7);
}

#[test]
fn a_local_move_changes_which_deadline_is_due() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let delivery = Delivery {
        order_id: "d".into(),
        delivered_on: at(24, 0).date_naive(),
        place: "Алматы".into(),
        serial_numbers: vec![],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    assert!(store.order_detail("d").expect("d").row.due_at.is_some(), "in work: the delivery is due");
    store.record_delivery(&staff::actor(Role::Courier), &delivery).expect("deliver");
    assert_eq!(store.order_detail("d").expect("d").row.due_at, None, "delivered: nothing is due from the supplier");
    // A pull while the delivery is queued keeps the local status and its (absent) deadline.
    store.apply_page(page(vec![order("d", OrderStatus::InWork, 2)], 30)).expect("pull");
    assert_eq!(store.order_detail("d").expect("d").row.due_at, None);
}

#[test]
fn full_text_search_finds_orders_by_number_name_and_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let numbers = |rows: Vec<desk_core::features::orders::views::InboxRow>| {
        rows.into_iter().map(|r| r.number).collect::<Vec<_>>()
    };
    assert_eq!(numbers(store.search_orders("SO-b", 10).expect("search")), ["SO-b"]);
    assert_eq!(
        numbers(store.search_orders("Нұрлан", 10).expect("search")).len(),
        4,
        "a prefix of the participant's name"
    );
    assert_eq!(numbers(store.search_orders("below-knee", 10).expect("search")).len(), 4, "an item's English name");
    assert_eq!(numbers(store.search_orders("протез голени", 10).expect("search")).len(), 4, "every word, in Russian");
    assert!(store.search_orders("\" OR *", 10).expect("FTS syntax is quoted away").is_empty());
    assert!(store.search_orders("   ", 10).expect("empty").is_empty());
    // Re-indexing an order on a later pull replaces its entry instead of adding one.
    store.apply_page(page(vec![order("b", OrderStatus::Accepted, 18)], 40)).expect("pull");
    assert_eq!(numbers(store.search_orders("SO-b", 10).expect("search")), ["SO-b"]);
    assert_eq!(count(&raw(&dir), "orders_fts"), 4);
}

fn delivery_of_items(items: Vec<portal_api::DeliveredItem>, received_by: Option<portal_api::ReceivedBy>) -> Delivery {
    Delivery {
        order_id: "d".into(),
        delivered_on: at(24, 0).date_naive(),
        place: "Алматы".into(),
        serial_numbers: vec![],
        notes: String::new(),
        items,
        received_by,
    }
}

fn item(code: &str, serials: &[&str]) -> portal_api::DeliveredItem {
    portal_api::DeliveredItem {
        classifier_code: code.into(),
        serial_numbers: serials.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn a_delivery_sends_serials_per_line_and_who_received_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let receiver = portal_api::ReceivedBy::Representative { name: "Айгуль Нурланова".into() };
    let mutation_id = store
        .record_delivery(
            &staff::actor(Role::Courier),
            &delivery_of_items(vec![item("TSR-01-001", &["SN-1", "SN-2"])], Some(receiver.clone())),
        )
        .expect("record");
    let conn = raw(&dir);
    let payload: String = conn
        .query_row("SELECT payload FROM outbox WHERE mutation_id = ?1", [&mutation_id], |r| r.get(0))
        .expect("the outbox entry");
    let body: portal_api::MutationBody = serde_json::from_str(&payload).expect("a mutation body");
    let portal_api::MutationBody::RecordDelivery { serial_numbers, items, received_by, .. } = body else {
        panic!("not a delivery: {payload}");
    };
    assert_eq!(serial_numbers, ["SN-1", "SN-2"], "the flat list is the items' serials in order");
    assert_eq!(items, [item("TSR-01-001", &["SN-1", "SN-2"])]);
    assert_eq!(received_by, Some(receiver));
    let (stored_items, stored_by): (String, Option<String>) = conn
        .query_row("SELECT items, received_by FROM deliveries", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the delivery row");
    assert!(stored_items.contains("SN-2"), "{stored_items}");
    assert!(stored_by.is_some_and(|b| b.contains("Айгуль")));
    assert_eq!((count(&conn, "outbox"), count(&conn, "audit_log")), (1, 1));
}

#[test]
fn a_delivery_of_a_line_not_in_the_order_or_to_a_nameless_representative_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let courier = staff::actor(Role::Courier);
    let foreign = delivery_of_items(vec![item("TSR-99-999", &["SN-1"])], None);
    match store.record_delivery(&courier, &foreign) {
        Err(ActionError::Invalid { field: "items", message }) => assert_eq!(message.key, "delivery_item_not_in_order"),
        other => panic!("expected a refusal of the item, got {other:?}"),
    }
    let nameless = delivery_of_items(
        vec![item("TSR-01-001", &["SN-1"])],
        Some(portal_api::ReceivedBy::Representative { name: "  ".into() }),
    );
    match store.record_delivery(&courier, &nameless) {
        Err(ActionError::Invalid { field: "received_by", message }) => {
            assert_eq!(message.key, "delivery_receiver_name")
        }
        other => panic!("expected a refusal of the receiver, got {other:?}"),
    }
    let conn = raw(&dir);
    assert_eq!((count(&conn, "deliveries"), count(&conn, "outbox"), count(&conn, "audit_log")), (0, 0, 0));
    assert_eq!(store.order("d").expect("d").status, OrderStatus::InWork);
}

#[test]
fn indexes_a_first_sync_left_to_build_are_built_when_the_store_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.sqlite");
    drop(Store::open(&path).expect("open"));
    {
        // As a first sync that stopped before its last page leaves the store.
        let conn = rusqlite::Connection::open(&path).expect("raw");
        conn.execute_batch(
            "CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL);
             INSERT INTO deferred_indexes SELECT name, sql FROM sqlite_schema WHERE name = 'orders_money';
             DROP INDEX orders_money;",
        )
        .expect("defer");
    }
    let store = Store::open(&path).expect("reopen");
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let sql: String = conn
        .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'orders_money'", [], |r| r.get(0))
        .expect("the index is back");
    assert!(sql.contains("WHERE status IN"), "as the migration wrote it: {sql}");
    let waiting: i64 = conn.query_row("SELECT count(*) FROM deferred_indexes", [], |r| r.get(0)).expect("count");
    assert_eq!(waiting, 0);
}

//! Desktop notices on a real SQLite file: new orders and deadlines within 48 hours are each
//! announced once, the first check does not announce what a first sync brought, and the
//! watermarks survive reopening the store.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::*;
use desk_core::{OrderStatus, Store};

/// A placed order whose acceptance deadline is `accept_in` after `now`.
fn placed(id: &str, now: DateTime<Utc>, accept_in: Duration) -> portal_api::Order {
    let mut o = order(id, OrderStatus::Placed, 1);
    o.accept_by = now + accept_in;
    o.placed_at = o.accept_by - Duration::days(10);
    o.updated_at = o.placed_at;
    o
}

fn numbers(list: &[desk_core::NoticeOrder]) -> Vec<&str> {
    list.iter().map(|o| o.number.as_str()).collect()
}

#[test]
fn the_first_check_announces_no_order_as_new_but_reminds_of_near_deadlines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let now = Utc::now();
    store
        .apply_page(page(vec![placed("near", now, Duration::hours(20)), placed("far", now, Duration::days(6))], 1))
        .expect("apply");

    let first = store.take_notices(now).expect("notices");
    assert_eq!(first.new_orders_total, 0, "orders of the first sync are not news");
    assert_eq!(numbers(&first.due_soon), ["SO-near"]);
    assert_eq!(first.due_soon_total, 1);

    let again = store.take_notices(now + Duration::minutes(1)).expect("notices");
    assert!(again.is_empty(), "nothing is announced twice: {again:?}");
}

#[test]
fn orders_that_arrive_later_are_announced_once_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let now = Utc::now();
    store.apply_page(page(vec![placed("old", now, Duration::days(8))], 1)).expect("apply");
    assert!(store.take_notices(now).expect("first").is_empty());

    // A later page brings two new placed orders, one new paid order (not news to act on) and an
    // update of the order already known.
    let mut known = placed("old", now, Duration::days(8));
    known.participant.phone = "+7 702 000 00 00".into();
    let mut paid = order("paid", OrderStatus::Paid, 2);
    paid.number = "SO-paid".into();
    store
        .apply_page(page(
            vec![known, placed("n1", now, Duration::days(9)), placed("n2", now, Duration::days(9)), paid],
            10,
        ))
        .expect("apply");
    let notices = store.take_notices(now).expect("notices");
    assert_eq!(numbers(&notices.new_orders), ["SO-n2", "SO-n1"]);
    assert_eq!(notices.new_orders_total, 2);
    assert_eq!(notices.due_soon_total, 0);

    // Reopening keeps the watermark: nothing is announced again after a restart.
    drop(store);
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("reopen");
    assert!(store.take_notices(now).expect("after reopen").is_empty());
}

#[test]
fn a_deadline_is_announced_when_it_comes_within_48_hours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let now = Utc::now();
    store
        .apply_page(page(vec![placed("d3", now, Duration::hours(72)), placed("d5", now, Duration::hours(120))], 1))
        .expect("apply");
    assert!(store.take_notices(now).expect("first").is_empty(), "no deadline is within 48 hours yet");

    let day_later = store.take_notices(now + Duration::hours(25)).expect("a day later");
    assert_eq!(numbers(&day_later.due_soon), ["SO-d3"]);
    assert_eq!(day_later.due_soon.first().and_then(|o| o.due_at), Some(now + Duration::hours(72)));

    let three_days_later = store.take_notices(now + Duration::hours(73)).expect("three days later");
    assert_eq!(numbers(&three_days_later.due_soon), ["SO-d5"], "d3 is not announced twice");
}

#[test]
fn many_notices_name_a_few_and_count_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let now = Utc::now();
    assert!(store.take_notices(now).expect("first, empty store").is_empty());
    let orders = (0..12).map(|i| placed(&format!("o{i:02}"), now, Duration::hours(10 + i))).collect();
    store.apply_page(page(orders, 1)).expect("apply");

    let notices = store.take_notices(now).expect("notices");
    assert_eq!(notices.new_orders_total, 12);
    assert_eq!(notices.new_orders.len(), desk_core::features::orders::notices::NAMED);
    assert_eq!(notices.due_soon_total, 12);
    assert_eq!(numbers(&notices.due_soon), ["SO-o00", "SO-o01", "SO-o02", "SO-o03", "SO-o04"], "nearest first");
}

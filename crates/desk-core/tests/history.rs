//! An order's history as the portal tells it, on a real SQLite file: placed, then each status
//! the portal moved it to as pulled snapshots brought them; an order first pulled already paid
//! still says when it was paid.

mod common;

use common::*;
use desk_core::OrderStatus;

fn portal_steps(store: &desk_core::Store, id: &str) -> Vec<(String, String)> {
    store
        .order_detail(id)
        .expect("detail")
        .timeline
        .into_iter()
        .filter(|e| e.actor == "portal")
        .map(|e| {
            let status = serde_json::from_str::<serde_json::Value>(&e.detail)
                .ok()
                .and_then(|v| v["status"].as_str().map(str::to_owned))
                .unwrap_or_default();
            (e.action, status)
        })
        .collect()
}

#[test]
fn each_status_the_portal_moved_an_order_to_is_in_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    assert_eq!(portal_steps(&store, "a"), [("placed".into(), String::new())]);

    let mut accepted = order("a", OrderStatus::Accepted, 20);
    accepted.updated_at = at(21, 10);
    store.apply_page(page(vec![accepted.clone()], 10)).expect("page");
    // The same snapshot again (a replayed page) notes nothing new.
    store.apply_page(page(vec![accepted], 20)).expect("page");
    let mut paid = order("a", OrderStatus::Paid, 20);
    paid.updated_at = at(28, 12);
    store.apply_page(page(vec![paid], 30)).expect("page");

    assert_eq!(
        portal_steps(&store, "a"),
        [
            ("placed".into(), String::new()),
            ("portal_status".into(), "accepted".into()),
            ("portal_status".into(), "paid".into())
        ]
    );
    let timeline = store.order_detail("a").expect("detail").timeline;
    let paid_at = timeline.iter().find(|e| e.detail.contains("paid")).expect("paid").at;
    assert_eq!(paid_at, at(28, 12), "at the portal's time of the change");
    assert!(timeline.windows(2).all(|w| w[0].at <= w[1].at), "in time order");
}

#[test]
fn an_order_first_seen_paid_says_when_it_was_paid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    // "c" arrived paid in the first page: placed, and paid as of its last change.
    assert_eq!(portal_steps(&store, "c"), [("placed".into(), String::new()), ("portal_status".into(), "paid".into())]);
}

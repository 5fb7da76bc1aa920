//! Stock at acceptance, on a real SQLite file: a placed order whose offering holds too little in
//! the participant's region says so, with the stock held elsewhere; accepting is not refused.

mod common;

use common::*;
use desk_core::OrderStatus;
use desk_core::access::Role;

#[test]
fn a_placed_order_beyond_the_regions_stock_warns_and_may_still_be_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    // The offering holds 3 in Almaty, where "a" goes: no warning.
    assert!(store.order_detail("a").expect("detail").stock_warnings.is_empty());

    // The same participant in Astana, where the offering holds none.
    let mut elsewhere = order("a", OrderStatus::Placed, 20);
    elsewhere.participant.region = "KZ-AST".into();
    elsewhere.lines[0].quantity = 2;
    store.apply_page(page(vec![elsewhere], 10)).expect("page");
    let warnings = store.order_detail("a").expect("detail").stock_warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].region.as_str(), warnings[0].needed, warnings[0].held), ("KZ-AST", 2, 0));
    assert_eq!(
        warnings[0].elsewhere.iter().map(|s| (s.region.as_str(), s.quantity)).collect::<Vec<_>>(),
        [("KZ-ALA", 3)]
    );

    // A warning, not a refusal.
    let office = staff::staff_member(&mut store, Role::Office);
    store.accept_order(&office, "a").expect("accept");
    assert!(store.order_detail("a").expect("detail").stock_warnings.is_empty(), "only a placed order warns");
}

//! Returns and replacements after a refusal at receipt, on a real SQLite file: each is one
//! transaction of local rows, outbox and audit; bad input and the wrong status leave nothing.

mod common;

use common::staff;
use desk_core::access::Role;

use chrono::NaiveDate;
use common::*;
use desk_core::access::Actor;
use desk_core::features::orders::refusals::{ItemReturn, Replacement};
use desk_core::features::orders::views::{OrderAction, ReplacementInput, ReturnInput};
use desk_core::kernel::ActionError;
use desk_core::{OrderStatus, Store, StoreError};
use portal_api::MutationBody;

fn courier() -> Actor {
    staff::actor(Role::Courier)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
}

/// A store where order `r` was refused at receipt and order `d` is delivered.
fn store_with_refusal(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let mut refused = order("r", OrderStatus::RefusedAtReceipt, 2);
    refused.refusal_reason = Some("Не подошёл размер".into());
    store.apply_page(page(vec![refused, order("d", OrderStatus::Delivered, 3)], 1)).expect("apply page");
    store
}

fn counts(dir: &tempfile::TempDir) -> (i64, i64, i64, i64) {
    let conn = raw(dir);
    (count(&conn, "outbox"), count(&conn, "audit_log"), count(&conn, "order_returns"), count(&conn, "replacements"))
}

#[test]
fn a_refused_order_offers_return_and_replacement() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_refusal(&dir);
    let detail = store.order_detail("r").expect("detail");
    assert_eq!(detail.actions, vec![OrderAction::RecordReturn, OrderAction::RecordReplacement, OrderAction::Assign]);
    assert_eq!(detail.refusal_reason.as_deref(), Some("Не подошёл размер"), "the portal's reason is shown");
    let delivered = store.order_detail("d").expect("detail");
    assert!(!delivered.actions.contains(&OrderAction::RecordReturn));
    assert_eq!(delivered.refusal_reason, None);
}

#[test]
fn a_replacement_moves_the_order_and_queues_it_with_its_audit_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    let replacement = Replacement::try_from(ReplacementInput {
        order_id: "r".into(),
        replaced_on: " 2026-11-25 ".into(),
        serial_numbers: vec![" PR-2 ".into(), "  ".into()],
        notes: "a smaller size".into(),
    })
    .expect("valid input");
    assert_eq!(replacement.serial_numbers, vec!["PR-2".to_owned()]);
    store.record_replacement(&courier(), &replacement).expect("replace");

    assert_eq!(store.order("r").expect("order").status, OrderStatus::Replaced);
    assert_eq!(counts(&dir), (1, 1, 0, 1));
    let batch = store.pending_batch(10).expect("batch");
    match &batch.mutations[0].body {
        MutationBody::RecordReplacement { order_id, replaced_on, serial_numbers, notes, .. } => {
            assert_eq!((order_id.as_str(), *replaced_on), ("r", day(25)));
            assert_eq!(serial_numbers, &vec!["PR-2".to_owned()]);
            assert_eq!(notes, "a smaller size");
        }
        other => panic!("unexpected body {other:?}"),
    }
    let detail = store.order_detail("r").expect("detail");
    assert_eq!(detail.timeline.last().map(|t| t.action.as_str()), Some("record_replacement"));
    assert_eq!(detail.pending_mutations, 1);
}

#[test]
fn a_return_closes_the_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    let ret =
        ItemReturn { order_id: "r".into(), returned_on: day(24), reason: "wrong size".into(), notes: String::new() };
    store.record_return(&courier(), &ret).expect("return");
    let order = store.order("r").expect("order");
    assert_eq!(order.status, OrderStatus::Returned);
    assert!(!order.status.is_open());
    assert_eq!(counts(&dir), (1, 1, 1, 0));
    assert_eq!(store.order_detail("r").expect("detail").actions, Vec::<OrderAction>::new());
}

#[test]
fn a_return_needs_a_reason_and_leaves_nothing_without_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    let ret = ItemReturn { order_id: "r".into(), returned_on: day(24), reason: "   ".into(), notes: String::new() };
    match store.record_return(&courier(), &ret) {
        Err(ActionError::Invalid { field: "reason", .. }) => {}
        other => panic!("expected a reason error, got {other:?}"),
    }
    let long = ItemReturn { reason: "x".repeat(501), ..ret };
    assert!(matches!(store.record_return(&courier(), &long), Err(ActionError::Invalid { field: "reason", .. })));
    assert_eq!(store.order("r").expect("order").status, OrderStatus::RefusedAtReceipt);
    assert_eq!(counts(&dir), (0, 0, 0, 0));
}

#[test]
fn only_a_refused_order_can_be_returned_or_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    let replacement =
        Replacement { order_id: "d".into(), replaced_on: day(25), serial_numbers: vec![], notes: String::new() };
    assert!(matches!(
        store.record_replacement(&courier(), &replacement),
        Err(ActionError::Store(StoreError::Transition(_)))
    ));
    let ret = ItemReturn { order_id: "d".into(), returned_on: day(25), reason: "broken".into(), notes: String::new() };
    assert!(matches!(store.record_return(&courier(), &ret), Err(ActionError::Store(StoreError::Transition(_)))));
    assert_eq!(store.order("d").expect("order").status, OrderStatus::Delivered);
    assert_eq!(counts(&dir), (0, 0, 0, 0));
}

#[test]
fn dates_are_checked_field_by_field() {
    let bad = ReturnInput {
        order_id: "r".into(),
        returned_on: "25.11.2026".into(),
        reason: "x".into(),
        notes: String::new(),
    };
    assert!(matches!(ItemReturn::try_from(bad), Err(ActionError::Invalid { field: "returned_on", .. })));
    let bad =
        ReplacementInput { order_id: "r".into(), replaced_on: "".into(), serial_numbers: vec![], notes: String::new() };
    assert!(matches!(Replacement::try_from(bad), Err(ActionError::Invalid { field: "replaced_on", .. })));
}

#[test]
fn a_replacement_cannot_be_dated_before_the_delivery_this_desk_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    // The desk recorded the delivery of `r` on the 20th before the participant refused it.
    raw(&dir)
        .execute(
            "INSERT INTO deliveries (id, order_id, delivered_on, place, serial_numbers, notes, recorded_at)
             VALUES ('dl', 'r', '2026-11-20', 'Алматы', '[]', '', '2026-11-20T10:00:00Z')",
            [],
        )
        .expect("a delivery row");
    let early =
        Replacement { order_id: "r".into(), replaced_on: day(19), serial_numbers: vec![], notes: String::new() };
    assert!(matches!(
        store.record_replacement(&courier(), &early),
        Err(ActionError::Invalid { field: "replaced_on", .. })
    ));
    assert_eq!(counts(&dir), (0, 0, 0, 0));
    let same_day = Replacement { replaced_on: day(20), ..early };
    store.record_replacement(&courier(), &same_day).expect("the same day is fine");
}

#[test]
fn a_refused_replacement_returns_the_order_to_what_the_portal_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_refusal(&dir);
    let replacement =
        Replacement { order_id: "r".into(), replaced_on: day(25), serial_numbers: vec![], notes: String::new() };
    store.record_replacement(&courier(), &replacement).expect("replace");
    let batch = store.pending_batch(10).expect("batch");
    let results = batch
        .mutations
        .iter()
        .map(|m| portal_api::MutationResult {
            id: m.id.clone(),
            outcome: portal_api::MutationOutcome::Rejected {
                reason: portal_api::RejectReason::TransitionRefused,
                message: "order r is confirmed".into(),
            },
        })
        .collect();
    store.record_push_results(&batch, &portal_api::MutationBatchResult { results }).expect("record");
    assert_eq!(store.order("r").expect("order").status, OrderStatus::RefusedAtReceipt);
    let conflicts = store.conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].kind, "record_replacement");
}

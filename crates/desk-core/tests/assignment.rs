//! Assigning an order to a member of staff, on a real SQLite file: one transaction of the
//! order row, outbox and audit; bad names and closed orders leave nothing; the portal's name
//! comes back with the feed and after a refusal.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::features::orders::views::OrderAction;
use desk_core::kernel::ActionError;
use desk_core::{OrderStatus, Store};
use portal_api::{MutationBatchResult, MutationBody, MutationOutcome, MutationResult, RejectReason};

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn written(dir: &tempfile::TempDir) -> (i64, i64) {
    let conn = raw(dir);
    (count(&conn, "outbox"), count(&conn, "audit_log"))
}

fn answer_all(store: &mut Store, outcome: MutationOutcome) {
    let batch = store.pending_batch(10).expect("batch");
    let results =
        batch.mutations.iter().map(|m| MutationResult { id: m.id.clone(), outcome: outcome.clone() }).collect();
    store.record_push_results(&batch, &MutationBatchResult { results }).expect("record");
}

#[test]
fn an_open_order_is_assigned_with_its_outbox_and_audit_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    assert!(store.order_detail("a").expect("detail").actions.contains(&OrderAction::Assign));
    store.assign_order(&office(), "a", "  Ержан Қасымов ").expect("assign");

    let detail = store.order_detail("a").expect("detail");
    assert_eq!(detail.assignee.as_deref(), Some("Ержан Қасымов"));
    assert_eq!(detail.timeline.last().map(|t| t.action.as_str()), Some("assign_order"));
    assert_eq!(detail.row.status, OrderStatus::Placed, "an assignment does not move the order");
    assert_eq!(written(&dir), (1, 1));
    let batch = store.pending_batch(10).expect("batch");
    assert_eq!(
        batch.mutations[0].body,
        MutationBody::AssignOrder { order_id: "a".into(), assignee: "Ержан Қасымов".into() }
    );
}

#[test]
fn a_name_is_required_and_at_most_80_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    for bad in ["", "   ", &"ж".repeat(81)] {
        match store.assign_order(&office(), "a", bad) {
            Err(ActionError::Invalid { field: "assignee", .. }) => {}
            other => panic!("{bad:?}: expected an assignee error, got {other:?}"),
        }
    }
    assert_eq!(written(&dir), (0, 0));
    assert_eq!(store.order_detail("a").expect("detail").assignee, None);
    store.assign_order(&office(), "a", &"ж".repeat(80)).expect("80 characters are fine");
}

#[test]
fn a_closed_order_cannot_be_assigned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    assert!(!store.order_detail("c").expect("detail").actions.contains(&OrderAction::Assign));
    assert!(matches!(store.assign_order(&office(), "c", "Ержан"), Err(ActionError::Invalid { field: "order", .. })));
    assert_eq!(written(&dir), (0, 0));
}

#[test]
fn the_portal_name_arrives_by_the_feed_but_waits_behind_a_local_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let mut from_portal = order("a", OrderStatus::Placed, 20);
    from_portal.assignee = Some("Айжан".into());
    store.apply_page(page(vec![from_portal.clone()], 10)).expect("page");
    assert_eq!(store.order_detail("a").expect("detail").assignee.as_deref(), Some("Айжан"));

    // A local assignment waits in the outbox: a feed page does not overwrite it.
    store.assign_order(&office(), "a", "Ержан").expect("assign");
    store.apply_page(page(vec![from_portal], 20)).expect("page");
    assert_eq!(store.order_detail("a").expect("detail").assignee.as_deref(), Some("Ержан"));

    // The portal refuses it: the desk returns to the portal's name.
    answer_all(
        &mut store,
        MutationOutcome::Rejected { reason: RejectReason::TransitionRefused, message: "closed".into() },
    );
    assert_eq!(store.order_detail("a").expect("detail").assignee.as_deref(), Some("Айжан"));
    assert_eq!(store.conflicts().expect("conflicts")[0].kind, "assign_order");
}

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

/// The store under test with the accounts of an office worker and a courier (named "Test …").
fn with_staff(dir: &tempfile::TempDir) -> (Store, Actor, Actor) {
    let mut store = seeded(dir);
    let office = staff::staff_member(&mut store, Role::Office);
    let courier = staff::staff_member(&mut store, Role::Courier);
    (store, office, courier)
}

#[test]
fn an_open_order_is_assigned_to_an_account_with_its_outbox_and_audit_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, office, _) = with_staff(&dir);
    let before = written(&dir);
    assert!(store.order_detail("a").expect("detail").actions.contains(&OrderAction::Assign));
    let choices = store.assignable_staff(&office).expect("accounts");
    assert!(choices.iter().any(|c| c.username == "courier" && c.display_name == "Test courier"), "{choices:?}");
    store.assign_order(&office, "a", " Courier ").expect("assign");

    let detail = store.order_detail("a").expect("detail");
    assert_eq!(detail.assignee.as_deref(), Some("courier"), "the portal carries the user name");
    assert_eq!(detail.assignee_name.as_deref(), Some("Test courier"), "the desk shows the person's name");
    assert_eq!(detail.timeline.last().map(|t| t.action.as_str()), Some("assign_order"));
    assert_eq!(detail.row.status, OrderStatus::Placed, "an assignment does not move the order");
    assert_eq!(written(&dir), (before.0 + 1, before.1 + 1));
    let batch = store.pending_batch(10).expect("batch");
    assert_eq!(batch.mutations[0].body, MutationBody::AssignOrder { order_id: "a".into(), assignee: "courier".into() });
}

#[test]
fn only_an_active_account_may_be_assigned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, office, _) = with_staff(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let courier_id =
        store.staff_list(&manager).expect("staff").into_iter().find(|s| s.username == "courier").expect("courier").id;
    store.set_staff_active(&manager, courier_id, false).expect("turn off");
    let before = written(&dir);
    for (bad, key) in [
        ("", "assignee_required"),
        ("   ", "assignee_required"),
        ("Ержан", "assignee_unknown"),
        ("courier", "assignee_unknown"),
    ] {
        match store.assign_order(&office, "a", bad) {
            Err(ActionError::Invalid { field: "assignee", message }) => assert_eq!(message.key, key, "{bad:?}"),
            other => panic!("{bad:?}: expected an assignee error, got {other:?}"),
        }
    }
    assert_eq!(written(&dir), before, "a refused assignment writes nothing");
    assert_eq!(store.order_detail("a").expect("detail").assignee, None);
    assert!(!store.assignable_staff(&office).expect("accounts").iter().any(|c| c.username == "courier"));
}

#[test]
fn a_closed_order_cannot_be_assigned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, office, _) = with_staff(&dir);
    let before = written(&dir);
    assert!(!store.order_detail("c").expect("detail").actions.contains(&OrderAction::Assign));
    assert!(matches!(store.assign_order(&office, "c", "office"), Err(ActionError::Invalid { field: "order", .. })));
    assert_eq!(written(&dir), before);
}

#[test]
fn my_work_lists_the_open_orders_assigned_to_me_nearest_deadline_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, office, courier) = with_staff(&dir);
    assert!(store.my_work(&courier).expect("my work").is_empty());
    store.assign_order(&office, "b", "courier").expect("assign b");
    store.assign_order(&office, "a", "courier").expect("assign a");
    store.assign_order(&office, "d", "office").expect("assign d");
    let mine = store.my_work(&courier).expect("my work");
    let ids: Vec<&str> = mine.iter().map(|w| w.row.order_id.as_str()).collect();
    let mut expected: Vec<_> = ["a", "b"]
        .iter()
        .map(|id| store.order_detail(id).expect("detail").row)
        .map(|row| (row.due_at.is_none(), row.due_at, row.number, row.order_id))
        .collect();
    expected.sort();
    assert_eq!(ids, expected.iter().map(|e| e.3.as_str()).collect::<Vec<_>>());
    assert!(mine.iter().all(|w| !w.address.is_empty()), "the field needs the address");
    // The inbox can show one person's orders too.
    let page = store
        .inbox(&desk_core::features::orders::views::InboxQuery {
            open_only: true,
            limit: 50,
            assignee: Some("office".into()),
            ..Default::default()
        })
        .expect("inbox");
    assert_eq!(page.rows.iter().map(|r| r.order_id.as_str()).collect::<Vec<_>>(), ["d"]);
    assert_eq!(page.total, 1);
}

#[test]
fn a_person_keeps_their_language_for_the_next_sign_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut store, _, courier) = with_staff(&dir);
    assert_eq!(courier.language(), None);
    match store.set_own_language(&courier, "de") {
        Err(ActionError::Invalid { field: "language", message }) => assert_eq!(message.key, "language_unknown"),
        other => panic!("expected a language error, got {other:?}"),
    }
    let updated = store.set_own_language(&courier, "kk").expect("set");
    assert_eq!(updated.language(), Some("kk"));
    let again = staff::staff_member(&mut store, Role::Courier);
    assert_eq!(again.language(), Some("kk"));
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
    let office = staff::staff_member(&mut store, Role::Office);
    store.assign_order(&office, "a", "office").expect("assign");
    store.apply_page(page(vec![from_portal], 20)).expect("page");
    assert_eq!(store.order_detail("a").expect("detail").assignee.as_deref(), Some("office"));

    // The portal refuses it: the desk returns to the portal's name.
    answer_all(
        &mut store,
        MutationOutcome::Rejected { reason: RejectReason::TransitionRefused, message: "closed".into() },
    );
    assert_eq!(store.order_detail("a").expect("detail").assignee.as_deref(), Some("Айжан"));
    assert_eq!(store.conflicts().expect("conflicts")[0].kind, "assign_order");
}

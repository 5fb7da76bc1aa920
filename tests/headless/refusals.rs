//! A refusal at receipt end to end against the real sandbox: the portal's participant refuses a
//! delivered order, the desk pulls the refusal, records a replacement, pushes it, the portal
//! shows the order replaced, and the participant's confirmation then reaches the desk. A second
//! desk of the same supplier learns the replacement through the portal.

use crate::sync_support;

use desk_core::access::Role;
use sync_support::staff;

use desk_core::access::Actor;
use desk_core::features::orders::refusals::{ItemReturn, Replacement};
use desk_core::features::orders::views::{InboxQuery, OrderAction};
use desk_core::{Delivery, OrderStatus};
use sync_support::{Device, sandbox};

fn courier() -> Actor {
    staff::actor(Role::Courier)
}

/// A placed order without fitting, accepted and delivered by `device` and synced.
async fn delivered_order(device: &Device) -> String {
    let inbox = device
        .store()
        .inbox(&InboxQuery { open_only: true, offset: 0, limit: 500, ..Default::default() })
        .expect("inbox");
    let order = inbox
        .rows
        .into_iter()
        .filter(|r| r.status == OrderStatus::Placed)
        .map(|r| r.order_id)
        .find(|id| !device.store().order_detail(id).expect("detail").lines.iter().any(|l| l.needs_fitting))
        .expect("a placed order without fitting");
    device.store().accept_order(&staff::actor(Role::Office), &order).expect("accept");
    let delivery = Delivery {
        order_id: order.clone(),
        delivered_on: chrono::Utc::now().date_naive(),
        place: "Қонаев, Абай к-сі 3".into(),
        serial_numbers: vec!["WC-001".into()],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    device.store().record_delivery(&courier(), &delivery).expect("deliver");
    device.sync_until_drained(2).await;
    order
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_delivery_is_replaced_and_then_confirmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 11).await;
    let field = Device::open(dir.path(), "field", &portal.url());
    let office = Device::open(dir.path(), "office", &portal.url());
    field.sync_until_drained(2).await;
    let order = delivered_order(&field).await;

    portal.participant_refuses_because(&order, "Не подошёл размер").await.expect("the participant refuses at receipt");
    field.sync_until_drained(2).await;
    let detail = field.store().order_detail(&order).expect("detail");
    assert_eq!(detail.row.status, OrderStatus::RefusedAtReceipt);
    assert_eq!(detail.refusal_reason.as_deref(), Some("Не подошёл размер"));
    assert_eq!(detail.actions, vec![OrderAction::RecordReturn, OrderAction::RecordReplacement, OrderAction::Assign]);

    let replacement = Replacement {
        order_id: order.clone(),
        replaced_on: chrono::Utc::now().date_naive(),
        serial_numbers: vec!["WC-002".into()],
        notes: "a narrower seat".into(),
    };
    field.store().record_replacement(&courier(), &replacement).expect("replace");
    field.sync_until_drained(2).await;

    let state = portal.state().await.expect("state");
    let on_portal = state.order(&order).expect("the order on the portal");
    assert_eq!(on_portal.status, OrderStatus::Replaced);
    assert_eq!(on_portal.replacements.len(), 1, "the replacement arrived once");
    assert_eq!(on_portal.replacements[0].serial_numbers, vec!["WC-002".to_owned()]);
    assert_eq!(field.store().order(&order).expect("order").status, OrderStatus::Replaced);
    assert!(field.store().conflicts().expect("conflicts").is_empty());

    // The office's desk learns it through the portal.
    office.sync_until_drained(2).await;
    assert_eq!(office.store().order(&order).expect("order").status, OrderStatus::Replaced);

    portal.participant_confirms(&order).await.expect("the participant confirms the replacement");
    field.sync_until_drained(2).await;
    assert_eq!(field.store().order(&order).expect("order").status, OrderStatus::Confirmed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_return_recorded_by_two_desks_is_applied_once_and_the_second_is_a_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 12).await;
    let field = Device::open(dir.path(), "field", &portal.url());
    let office = Device::open(dir.path(), "office", &portal.url());
    field.sync_until_drained(2).await;
    let order = delivered_order(&field).await;
    portal.participant_refuses(&order).await.expect("the participant refuses at receipt");
    field.sync_until_drained(2).await;
    office.sync_until_drained(2).await;

    // Both desks act on the refusal before either syncs: the field takes the item back, the
    // office replaces it. The portal applies the first and refuses the second.
    let today = chrono::Utc::now().date_naive();
    let ret =
        ItemReturn { order_id: order.clone(), returned_on: today, reason: "wrong size".into(), notes: String::new() };
    field.store().record_return(&courier(), &ret).expect("return");
    let rep = Replacement { order_id: order.clone(), replaced_on: today, serial_numbers: vec![], notes: String::new() };
    office.store().record_replacement(&courier(), &rep).expect("replace");
    field.sync_until_drained(2).await;
    office.sync_until_drained(2).await;

    assert_eq!(portal.state().await.expect("state").order(&order).expect("order").status, OrderStatus::Returned);
    let conflicts = office.store().conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(
        (conflicts[0].kind.as_str(), conflicts[0].reason.as_str()),
        ("record_replacement", "transition_refused")
    );
    // The office's local replacement is undone: it shows what the portal says.
    assert_eq!(office.store().order(&order).expect("order").status, OrderStatus::Returned);
    assert_eq!(field.store().order(&order).expect("order").status, OrderStatus::Returned);
}

//! Conflict scenarios against the real sandbox: each refused change shows as a conflict with the
//! portal's reason, its local effect is undone, and the changes queued behind it go through.

use crate::sync_support;

use desk_core::access::Role;
use sync_support::staff;

use desk_core::access::Actor;

use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::orders::views::InboxQuery;
use desk_core::kernel::money::Money;
use desk_core::{Delivery, OrderStatus};
use sync_support::{Device, sandbox};

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn placed_orders(device: &Device) -> Vec<String> {
    let inbox = device
        .store()
        .inbox(&InboxQuery { open_only: true, offset: 0, limit: 500, ..Default::default() })
        .expect("inbox");
    inbox.rows.into_iter().filter(|r| r.status == OrderStatus::Placed).map(|r| r.order_id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_an_order_the_portal_cancelled_automatically() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 3).await;
    let device = Device::open(dir.path(), "desk", &portal.url());
    device.sync_until_drained(2).await;
    let placed = placed_orders(&device);
    let (late, fine) = (placed[0].clone(), placed[1].clone());

    // Offline for eleven days: the portal's window of ten closes on every placed order.
    portal.advance_clock(chrono::Duration::days(11)).await.expect("advance clock");
    device.store().accept_order(&office(), &late).expect("accept locally");
    let offering = device.store().offerings().expect("offerings")[0].clone();
    device.store().change_stock(&office(), &offering.id, &offering.regions[0], 1).expect("stock");
    device.sync_until_drained(2).await;

    let conflicts = device.store().conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].reason, "acceptance_window_closed");
    assert_eq!(conflicts[0].entity_id, late);
    assert!(!conflicts[0].message.is_empty());
    assert_eq!(device.store().order(&late).expect("order").status, OrderStatus::CancelledAutomatically);
    // The stock change queued behind the refusal went through.
    assert_eq!(device.store().summary().expect("summary").pending_mutations, 0);
    let _ = fine;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_a_delivery_for_an_order_the_participant_cancelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 4).await;
    let device = Device::open(dir.path(), "desk", &portal.url());
    device.sync_until_drained(2).await;
    let order = placed_orders(&device)[0].clone();
    // In the field without a connection: the courier's desk accepts and delivers, while the
    // participant cancels the order on the portal.
    device.store().accept_order(&office(), &order).expect("accept offline");
    portal.participant_cancels(&order).await.expect("the participant cancels");
    let delivery = Delivery {
        order_id: order.clone(),
        delivered_on: chrono::Utc::now().date_naive(),
        place: "Шымкент".into(),
        serial_numbers: vec!["WC-001".into()],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    device.store().record_delivery(&staff::actor(Role::Courier), &delivery).expect("record offline");
    assert_eq!(device.store().order(&order).expect("order").status, OrderStatus::Delivered);
    device.sync_until_drained(2).await;

    let conflicts = device.store().conflicts().expect("conflicts");
    let kinds: Vec<(&str, &str)> = conflicts.iter().map(|c| (c.kind.as_str(), c.reason.as_str())).collect();
    assert_eq!(kinds, [("accept_order", "transition_refused"), ("record_delivery", "transition_refused")]);
    assert!(conflicts.iter().all(|c| c.entity_id == order && !c.message.is_empty()));
    assert_eq!(device.store().order(&order).expect("order").status, OrderStatus::CancelledByParticipant);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offering_price_above_a_limit_lowered_meanwhile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 5).await;
    let device = Device::open(dir.path(), "desk", &portal.url());
    device.sync_until_drained(2).await;
    let offering = device.store().offerings().expect("offerings").into_iter().next().expect("an offering");
    let new_price = offering.limit_price_tiyn - 100;
    device
        .store()
        .update_offering(
            &office(),
            &offering.id,
            &OfferingUpdate { price: Some(Money::from_tiyn(new_price)), ..Default::default() },
        )
        .expect("update under the limit the desk knows");
    portal
        .lower_limit_price(&offering.classifier_code, offering.limit_price_tiyn / 2)
        .await
        .expect("the portal lowers the limit");
    device.sync_until_drained(2).await;

    let conflicts = device.store().conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].reason, "price_above_limit");
    let now =
        device.store().offerings().expect("offerings").into_iter().find(|o| o.id == offering.id).expect("offering");
    assert_eq!(now.price_tiyn, offering.price_tiyn, "the price returns to the portal's");
    assert_eq!(now.limit_price_tiyn, offering.limit_price_tiyn / 2, "the new limit arrived");

    // Retrying as it was is refused by the desk itself, which now knows the lower limit; with a
    // corrected price the change goes through.
    let id = conflicts[0].mutation_id.clone();
    assert!(device.store().retry_conflict(&office(), &id, None).is_err());
    let corrected = Money::from_tiyn(offering.limit_price_tiyn / 2 - 100);
    device.store().retry_conflict_with_price(&office(), &id, corrected).expect("retry with a lower price");
    device.sync_until_drained(2).await;
    assert_eq!(device.store().summary().expect("summary").conflicts, 0);
    let state = portal.state().await.expect("state");
    assert_eq!(state.offering(&offering.id).expect("offering").offering.price_tiyn, corrected.tiyn());
}

//! The portal's rules for a supplier's moves of an order, pushed as mutations over loopback
//! HTTP: each applied case and each rejection reason.

mod common;

use chrono::{NaiveDate, TimeDelta};
use portal_api::{DeliveredItem, MutationBody, MutationOutcome, OrderStatus, ReceivedBy, RejectReason};
use portal_rules::Transition;

use common::{orders_in, placed_orders, push_one, quiet_sandbox, rejection, signed_in};

fn accept(order_id: &str) -> MutationBody {
    MutationBody::AcceptOrder { order_id: order_id.to_owned() }
}

fn delivery(order_id: &str, delivery_id: &str, place: &str) -> MutationBody {
    MutationBody::RecordDelivery {
        order_id: order_id.to_owned(),
        delivery_id: delivery_id.to_owned(),
        delivered_on: NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date"),
        place: place.to_owned(),
        serial_numbers: vec!["SN-1".into(), "SN-2".into()],
        notes: "handed over to the guardian".into(),
        photos: vec![],
        items: vec![],
        received_by: None,
    }
}

fn fitting(order_id: &str, fitting_id: &str) -> MutationBody {
    MutationBody::RecordFitting {
        order_id: order_id.to_owned(),
        fitting_id: fitting_id.to_owned(),
        fitted_on: NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date"),
        technician: "Ерлан Сейткали".into(),
        serial_numbers: vec!["PR-77".into()],
        adjustments: "socket relined".into(),
        warranty_start: NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date"),
    }
}

#[tokio::test]
async fn accepting_and_declining() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed = placed_orders(&state, None);
    let (to_accept, to_decline, to_cancel) = (&placed[0], &placed[1], &placed[2]);

    let before = sandbox.now();
    assert_eq!(push_one(&client, "desk-a", accept(to_accept)).await, MutationOutcome::Applied);
    let after = sandbox.now();
    let state = sandbox.state().await.expect("state");
    let order = state.order(to_accept).expect("the order");
    assert_eq!(order.status, OrderStatus::Accepted);
    let deliver_by = order.deliver_by.expect("deliver_by is set on acceptance");
    assert!(deliver_by >= before + TimeDelta::days(30) && deliver_by <= after + TimeDelta::days(30), "{deliver_by}");
    assert_eq!(order.history.last().map(|m| m.transition), Some(Transition::Accept));

    // Accepting it again (another device, another mutation) is refused, naming the status.
    let (reason, message) = rejection(&push_one(&client, "desk-b", accept(to_accept)).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("accepted"), "{message}");

    let (reason, message) = rejection(&push_one(&client, "desk-a", accept("no-such-order")).await);
    assert_eq!(reason, RejectReason::OrderNotFound);
    assert!(message.contains("no-such-order"), "{message}");

    let decline = |reason: &str| MutationBody::DeclineOrder { order_id: to_decline.clone(), reason: reason.into() };
    assert_eq!(rejection(&push_one(&client, "desk-a", decline("  ")).await).0, RejectReason::InvalidInput);
    assert_eq!(push_one(&client, "desk-a", decline("out of stock")).await, MutationOutcome::Applied);
    let (reason, message) = rejection(&push_one(&client, "desk-a", accept(to_decline)).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("declined_by_supplier"), "{message}");

    // The participant cancelled meanwhile: the supplier's acceptance is a conflict.
    let cancelled = sandbox.participant_cancels(to_cancel).await.expect("the participant cancels");
    assert_eq!(cancelled.status, OrderStatus::CancelledByParticipant);
    let (reason, message) = rejection(&push_one(&client, "desk-a", accept(to_cancel)).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("cancelled_by_participant"), "{message}");

    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(to_decline).expect("order").status, OrderStatus::DeclinedBySupplier);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn acceptance_after_the_window_is_refused_and_the_order_cancelled() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed = placed_orders(&state, None);
    let late = &placed[0];
    let deadline = state.order(late).expect("order").accept_by;
    let auto = orders_in(&state, OrderStatus::CancelledAutomatically);

    // Already cancelled automatically.
    let (reason, _) = rejection(&push_one(&client, "desk-a", accept(&auto[0])).await);
    assert_eq!(reason, RejectReason::AcceptanceWindowClosed);

    // Placed, but the window has closed and the sweep has not come round yet.
    let now = sandbox.now();
    sandbox.advance_clock(deadline - now + TimeDelta::minutes(1)).await.expect("advance");
    let (reason, message) = rejection(&push_one(&client, "desk-a", accept(late)).await);
    assert_eq!(reason, RejectReason::AcceptanceWindowClosed);
    assert!(message.contains(&deadline.to_rfc3339()), "{message}");
    let state = sandbox.state().await.expect("state");
    let order = state.order(late).expect("order");
    assert_eq!(order.status, OrderStatus::CancelledAutomatically, "cancelled in the same transaction");
    assert_eq!(order.history.last().map(|m| m.transition), Some(Transition::CancelAutomatically));
    let record = state.mutations.last().expect("the rejection is recorded");
    assert_eq!(record.applications, 0);
    assert_eq!(record.feed_entries, 0, "the cancellation is the portal's, not the mutation's");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn recording_deliveries() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed = placed_orders(&state, Some(false));
    let order_id = &placed[0];
    let in_work = orders_in(&state, OrderStatus::InWork);
    let cancelled = orders_in(&state, OrderStatus::Cancelled);
    assert_eq!(push_one(&client, "desk-a", accept(order_id)).await, MutationOutcome::Applied);

    assert_eq!(
        rejection(&push_one(&client, "desk-a", delivery(order_id, "d-1", " ")).await).0,
        RejectReason::InvalidInput
    );
    assert_eq!(
        push_one(&client, "desk-a", delivery(order_id, "d-1", "Алматы, ул. Абая 10")).await,
        MutationOutcome::Applied
    );
    assert_eq!(push_one(&client, "desk-a", delivery(&in_work[0], "d-2", "Астана")).await, MutationOutcome::Applied);
    let (reason, message) = rejection(&push_one(&client, "desk-a", delivery(&cancelled[0], "d-3", "Шымкент")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("cancelled"), "{message}");
    // Delivered already.
    assert_eq!(
        rejection(&push_one(&client, "desk-a", delivery(order_id, "d-4", "Алматы")).await).0,
        RejectReason::TransitionRefused
    );
    assert_eq!(
        rejection(&push_one(&client, "desk-a", delivery("nope", "d-5", "Алматы")).await).0,
        RejectReason::OrderNotFound
    );

    let state = sandbox.state().await.expect("state");
    let order = state.order(order_id).expect("order");
    assert_eq!(order.status, OrderStatus::Delivered);
    let moves: Vec<Transition> = order.history.iter().rev().take(3).rev().map(|m| m.transition).collect();
    assert_eq!(moves, vec![Transition::Accept, Transition::StartWork, Transition::Deliver]);
    assert_eq!(order.deliveries.len(), 1);
    let d = &order.deliveries[0];
    assert_eq!((d.id.as_str(), d.place.as_str()), ("d-1", "Алматы, ул. Абая 10"));
    assert_eq!(d.serial_numbers, vec!["SN-1", "SN-2"]);
    assert_eq!(d.delivered_on, NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"));
    let record = state.mutation(&d.mutation_id).expect("the delivery's mutation");
    assert_eq!((record.applications, record.feed_entries), (1, 2), "start work and deliver, each in the feed");
    assert_eq!(state.order(&in_work[0]).expect("order").status, OrderStatus::Delivered);
    assert!(state.order(&cancelled[0]).expect("order").deliveries.is_empty());
    sandbox.shutdown().await;
}

/// The serials of each order line and who received the items: a line not of the order, a flat
/// list that differs from the items' and a representative without a name are refused; what is
/// applied is kept as sent.
#[tokio::test]
async fn recording_serials_per_line_and_who_received_the_items() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let order_id = &placed_orders(&state, Some(false))[0];
    let code = state.order(order_id).expect("order").lines[0].classifier_code.clone();
    assert_eq!(push_one(&client, "desk-a", accept(order_id)).await, MutationOutcome::Applied);
    let with = |id: &str, items: Vec<DeliveredItem>, serials: &[&str], received_by: Option<ReceivedBy>| {
        let mut body = delivery(order_id, id, "Алматы");
        if let MutationBody::RecordDelivery { items: i, serial_numbers, received_by: r, .. } = &mut body {
            *i = items;
            *serial_numbers = serials.iter().map(|s| (*s).to_owned()).collect();
            *r = received_by;
        }
        body
    };
    let item = |code: &str, serials: &[&str]| DeliveredItem {
        classifier_code: code.to_owned(),
        serial_numbers: serials.iter().map(|s| (*s).to_owned()).collect(),
    };
    let representative = |name: &str| Some(ReceivedBy::Representative { name: name.to_owned() });

    let (reason, message) =
        rejection(&push_one(&client, "desk-a", with("d-1", vec![item("99.99.99", &["A"])], &["A"], None)).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("99.99.99"), "{message}");
    let (reason, message) =
        rejection(&push_one(&client, "desk-a", with("d-2", vec![item(&code, &["A", "B"])], &["B", "A"], None)).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("serial numbers"), "{message}");
    let (reason, message) = rejection(
        &push_one(&client, "desk-a", with("d-3", vec![item(&code, &["A"])], &["A"], representative(" "))).await,
    );
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("name"), "{message}");
    assert!(state.order(order_id).expect("order").deliveries.is_empty());

    let applied = with("d-4", vec![item(&code, &["A", "B"])], &["A", "B"], representative("Айгуль Нурланова"));
    assert_eq!(push_one(&client, "desk-a", applied).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    let order = state.order(order_id).expect("order");
    assert_eq!(order.status, OrderStatus::Delivered);
    assert_eq!(order.deliveries.len(), 1);
    let d = &order.deliveries[0];
    assert_eq!(d.items, vec![item(&code, &["A", "B"])]);
    assert_eq!(d.received_by, representative("Айгуль Нурланова"));
    assert_eq!(d.serial_numbers, vec!["A", "B"]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn recording_fittings() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let with_fitting = placed_orders(&state, Some(true));
    let without = placed_orders(&state, Some(false));
    let delivered = state
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::Delivered && o.needs_fitting())
        .map(|o| o.id.clone())
        .expect("a delivered order with a fitted item");
    let order_id = &with_fitting[0];
    assert_eq!(push_one(&client, "desk-a", accept(order_id)).await, MutationOutcome::Applied);
    assert_eq!(push_one(&client, "desk-a", accept(&without[0])).await, MutationOutcome::Applied);

    let (reason, message) = rejection(&push_one(&client, "desk-a", fitting(&without[0], "f-0")).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("fitted"), "{message}");
    assert_eq!(push_one(&client, "desk-a", fitting(order_id, "f-1")).await, MutationOutcome::Applied);
    // A second session: the order stays in fitting, the session is kept.
    assert_eq!(push_one(&client, "desk-a", fitting(order_id, "f-2")).await, MutationOutcome::Applied);
    assert_eq!(rejection(&push_one(&client, "desk-a", fitting(order_id, "f-2")).await).0, RejectReason::InvalidInput);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", fitting(&delivered, "f-3")).await).0,
        RejectReason::TransitionRefused
    );

    let state = sandbox.state().await.expect("state");
    let order = state.order(order_id).expect("order");
    assert_eq!(order.status, OrderStatus::Fitting);
    let moves: Vec<Transition> = order.history.iter().map(|m| m.transition).collect();
    assert_eq!(moves, vec![Transition::Accept, Transition::StartWork, Transition::StartFitting]);
    assert_eq!(order.fittings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec!["f-1", "f-2"]);
    assert_eq!(order.fittings[0].technician, "Ерлан Сейткали");
    let second = state.mutation(&order.fittings[1].mutation_id).expect("the second session's mutation");
    assert_eq!(second.feed_entries, 1, "the order's snapshot is in the feed again");

    // Delivery from fitting.
    assert_eq!(push_one(&client, "desk-a", delivery(order_id, "d-1", "мастерская")).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(order_id).expect("order").status, OrderStatus::Delivered);
    sandbox.shutdown().await;
}

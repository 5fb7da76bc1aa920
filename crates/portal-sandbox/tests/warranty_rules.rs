//! Repairs and exchanges under warranty pushed as mutations over loopback HTTP: only for a serial
//! the order holds and within the item's warranty (from its handover, anew from an exchange),
//! each refusal with its own reason and nothing recorded; an applied service reaches the feed in
//! the order's snapshot. (A serial of another supplier's order: `mutations::warranty_rules`'s
//! own tests, since only one supplier signs in to the demo.)

mod common;

use std::collections::HashMap;

use chrono::{Months, NaiveDate, TimeDelta};
use portal_api::{Entity, MutationBody, MutationOutcome, RejectReason, WarrantyServiceKind};

use common::{latest_orders, placed_orders, push_one, quiet_sandbox, read_feed, rejection, signed_in};

fn service(
    order_id: &str,
    on: NaiveDate,
    kind: WarrantyServiceKind,
    serial: &str,
    new_serial: Option<&str>,
    notes: &str,
) -> MutationBody {
    MutationBody::RecordWarrantyService {
        order_id: order_id.to_owned(),
        service_id: uuid::Uuid::now_v7().to_string(),
        serviced_on: on,
        kind,
        serial_number: serial.to_owned(),
        new_serial_number: new_serial.map(str::to_owned),
        notes: notes.to_owned(),
    }
}

fn repair(order_id: &str, on: NaiveDate, serial: &str) -> MutationBody {
    service(order_id, on, WarrantyServiceKind::Repair, serial, None, "brake loose; adjusted")
}

#[tokio::test]
async fn a_service_needs_the_orders_serial_and_a_running_warranty() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (changes, _) = read_feed(&client, 0, 5000).await;
    let months: HashMap<String, u32> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Classifier(item) => Some((item.code.clone(), item.warranty_months)),
            _ => None,
        })
        .collect();
    let state = sandbox.state().await.expect("state");
    let today = state.now.date_naive();
    // A one-line order of an item with a warranty, and another placed order left as it is.
    let placed = placed_orders(&state, Some(false));
    let with_warranty = |id: &String| {
        let o = state.order(id).expect("order");
        o.lines.len() == 1 && months.get(&o.lines[0].classifier_code).is_some_and(|m| *m > 0)
    };
    let order = placed.iter().find(|id| with_warranty(id)).expect("an order of an item with a warranty").clone();
    let untouched = placed.iter().find(|id| **id != order).expect("another order").clone();
    let warranty = months[&state.order(&order).expect("order").lines[0].classifier_code];

    // Not handed over yet: no service.
    let (reason, _) = rejection(&push_one(&client, "desk-a", repair(&untouched, today, "WC-77")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);

    let delivered_on = today - TimeDelta::days(3);
    for body in [
        MutationBody::AcceptOrder { order_id: order.clone() },
        MutationBody::RecordDelivery {
            order_id: order.clone(),
            delivery_id: uuid::Uuid::now_v7().to_string(),
            delivered_on,
            place: "Алматы".into(),
            serial_numbers: vec!["wc-77".into()],
            notes: String::new(),
            photos: Vec::new(),
            items: vec![],
            received_by: None,
        },
    ] {
        assert_eq!(push_one(&client, "desk-a", body).await, MutationOutcome::Applied);
    }
    let (_, head) = read_feed(&client, 0, 5000).await;

    // Refused, each for its own reason; none of them is recorded.
    let ends = delivered_on.checked_add_months(Months::new(warranty)).expect("a date");
    let refusals = [
        (repair(&order, today, "NOPE-1"), RejectReason::SerialNotFound),
        (repair(&order, ends + TimeDelta::days(1), "WC-77"), RejectReason::OutOfWarranty),
        (repair(&order, delivered_on - TimeDelta::days(1), "WC-77"), RejectReason::OutOfWarranty),
        (service(&order, today, WarrantyServiceKind::Repair, "WC-77", None, "  "), RejectReason::InvalidInput),
        (
            service(&order, today, WarrantyServiceKind::Replacement, "WC-77", None, "frame cracked"),
            RejectReason::InvalidInput,
        ),
        (
            service(&order, today, WarrantyServiceKind::Replacement, "WC-77", Some(" wc-77 "), "frame cracked"),
            RejectReason::InvalidInput,
        ),
        (service(&order, today, WarrantyServiceKind::Repair, "WC-77", Some("WC-78"), "a"), RejectReason::InvalidInput),
    ];
    for (body, expected) in refusals {
        let (reason, message) = rejection(&push_one(&client, "desk-a", body.clone()).await);
        assert_eq!(reason, expected, "{body:?}: {message}");
    }
    let (changes, _) = read_feed(&client, head, 5000).await;
    assert!(changes.is_empty(), "a refusal changes nothing: {changes:?}");

    // The last day of the warranty is within it; the serial is matched in any case.
    assert_eq!(push_one(&client, "desk-a", repair(&order, ends, " wc-77")).await, MutationOutcome::Applied);
    // An exchange hands over another item, whose warranty runs anew from that day.
    let exchange = service(&order, today, WarrantyServiceKind::Replacement, "WC-77", Some("WC-78"), "frame cracked");
    assert_eq!(push_one(&client, "desk-a", exchange).await, MutationOutcome::Applied);
    let after_old_end = ends + TimeDelta::days(1);
    let within_new = today.checked_add_months(Months::new(warranty)).expect("a date");
    assert!(after_old_end <= within_new);
    assert_eq!(push_one(&client, "desk-a", repair(&order, after_old_end, "WC-78")).await, MutationOutcome::Applied);

    // Each service is in the feed, in the order's snapshot, so the supplier's other desks learn it.
    let (changes, _) = read_feed(&client, head, 5000).await;
    let latest = latest_orders(&changes);
    let snapshot = latest.get(&order).expect("the order's snapshot");
    let kinds: Vec<_> = snapshot.warranty_services.iter().map(|s| (s.kind, s.serial_number.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (WarrantyServiceKind::Repair, "wc-77"),
            (WarrantyServiceKind::Replacement, "WC-77"),
            (WarrantyServiceKind::Repair, "WC-78")
        ]
    );
    assert_eq!(snapshot.warranty_services[1].new_serial_number.as_deref(), Some("WC-78"));
    assert_eq!(snapshot.warranty_services[0].notes, "brake loose; adjusted");

    // A service id is recorded once.
    let again = snapshot.warranty_services[0].id.clone();
    let mut twice = repair(&order, today, "WC-77");
    if let MutationBody::RecordWarrantyService { service_id, .. } = &mut twice {
        *service_id = again;
    }
    assert_eq!(rejection(&push_one(&client, "desk-b", twice).await).0, RejectReason::InvalidInput);
    sandbox.shutdown().await;
}

//! The portal's rules for the workshop, pushed as mutations over loopback HTTP: fitting sessions
//! with their measurements, and what a fitted mark must hold.

mod common;

use chrono::NaiveDate;
use portal_api::{Entity, Measurement, MutationBody, MutationOutcome, OrderStatus, RejectReason};
use portal_rules::Transition;

use common::{latest_orders, placed_orders, push_one, quiet_sandbox, read_feed, rejection, signed_in};

fn date(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, day).expect("a date")
}

fn session(order_id: &str, session_id: &str, measurements: Vec<Measurement>) -> MutationBody {
    MutationBody::RecordFittingSession {
        order_id: order_id.to_owned(),
        session_id: session_id.to_owned(),
        session_on: date(1),
        technician: "Ерлан Сейткали".into(),
        notes: "socket tried on".into(),
        measurements,
    }
}

fn measure(name: &str, value: &str, unit: &str) -> Measurement {
    Measurement { name: name.into(), value: value.into(), unit: unit.into() }
}

fn fitting(order_id: &str, fitting_id: &str, serials: Vec<String>, warranty_start: NaiveDate) -> MutationBody {
    MutationBody::RecordFitting {
        order_id: order_id.to_owned(),
        fitting_id: fitting_id.to_owned(),
        fitted_on: date(2),
        technician: "Ерлан Сейткали".into(),
        serial_numbers: serials,
        adjustments: String::new(),
        warranty_start,
    }
}

#[tokio::test]
async fn fitting_sessions_follow_the_portals_rules_and_reach_the_feed() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed_fitted = placed_orders(&state, Some(true));
    let placed_plain = placed_orders(&state, Some(false));
    let cancelled: Vec<String> = state
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Cancelled && o.needs_fitting())
        .map(|o| o.id.clone())
        .collect();
    let accept = |id: &str| MutationBody::AcceptOrder { order_id: id.to_owned() };
    let order_id = &placed_fitted[0];
    let (_, head) = read_feed(&client, 0, 5000).await;

    // Placed: not yet the workshop's.
    let (reason, message) = rejection(&push_one(&client, "desk-a", session(order_id, "s-0", vec![])).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("placed"), "{message}");
    assert_eq!(push_one(&client, "desk-a", accept(order_id)).await, MutationOutcome::Applied);
    assert_eq!(push_one(&client, "desk-a", accept(&placed_plain[0])).await, MutationOutcome::Applied);

    let (reason, message) = rejection(&push_one(&client, "desk-a", session(&placed_plain[0], "s-1", vec![])).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("fitted in a workshop"), "{message}");
    assert_eq!(
        rejection(&push_one(&client, "desk-a", session("nope", "s-2", vec![])).await).0,
        RejectReason::OrderNotFound
    );
    if let Some(c) = cancelled.first() {
        assert_eq!(
            rejection(&push_one(&client, "desk-a", session(c, "s-3", vec![])).await).0,
            RejectReason::TransitionRefused
        );
    }
    let bad_measurements = [
        measure("", "24.5", "cm"),
        measure("Stump length", "24,5", "cm"),
        measure("Stump length", "0", "cm"),
        measure("Stump length", "24.5", " "),
    ];
    for (i, bad) in bad_measurements.into_iter().enumerate() {
        let id = format!("s-4{i}");
        let (reason, _) = rejection(&push_one(&client, "desk-a", session(order_id, &id, vec![bad.clone()])).await);
        assert_eq!(reason, RejectReason::InvalidInput, "{bad:?}");
    }
    let mut no_technician = session(order_id, "s-5", vec![]);
    if let MutationBody::RecordFittingSession { technician, .. } = &mut no_technician {
        *technician = " ".into();
    }
    assert_eq!(rejection(&push_one(&client, "desk-a", no_technician).await).0, RejectReason::InvalidInput);

    let taken = vec![measure("Stump length", "24.5", "cm"), measure("Circumference", "31", "cm")];
    assert_eq!(push_one(&client, "desk-a", session(order_id, "s-6", taken.clone())).await, MutationOutcome::Applied);
    // A second session: the order stays in fitting and is in the feed again.
    assert_eq!(push_one(&client, "desk-b", session(order_id, "s-7", vec![])).await, MutationOutcome::Applied);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", session(order_id, "s-7", vec![])).await).0,
        RejectReason::InvalidInput
    );

    let state = sandbox.state().await.expect("state");
    let order = state.order(order_id).expect("order");
    assert_eq!(order.status, OrderStatus::Fitting);
    let moves: Vec<Transition> = order.history.iter().map(|m| m.transition).collect();
    assert_eq!(moves, vec![Transition::Accept, Transition::StartWork, Transition::StartFitting]);
    assert_eq!(order.fitting_sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s-6", "s-7"]);
    assert_eq!(order.fitting_sessions[0].measurements, taken);
    assert_eq!(order.fitting_sessions[0].session_on, date(1));
    assert!(state.order(&placed_plain[0]).expect("order").fitting_sessions.is_empty());
    let second = state.mutation(&order.fitting_sessions[1].mutation_id).expect("the second session's mutation");
    assert_eq!(second.feed_entries, 1, "the order's snapshot is in the feed again");

    // Another desk reading the feed sees the order in fitting.
    let (changes, _) = read_feed(&client, head, 5000).await;
    assert!(changes.iter().any(|c| matches!(&c.entity, Entity::Order(o) if &o.id == order_id)));
    let snapshot = &latest_orders(&changes)[order_id];
    assert_eq!(snapshot.status, OrderStatus::Fitting);
    assert_eq!(snapshot.fitting_sessions.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s-6", "s-7"]);
    assert_eq!(snapshot.fitting_sessions[0].measurements, taken);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_fitted_mark_needs_a_serial_number_and_a_warranty_from_the_fitting_on() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let order_id = &placed_orders(&state, Some(true))[0];
    assert_eq!(
        push_one(&client, "desk-a", MutationBody::AcceptOrder { order_id: order_id.clone() }).await,
        MutationOutcome::Applied
    );
    let (reason, message) =
        rejection(&push_one(&client, "desk-a", fitting(order_id, "f-1", vec![" ".into()], date(2))).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("serial number"), "{message}");
    let (reason, message) =
        rejection(&push_one(&client, "desk-a", fitting(order_id, "f-2", vec!["PR-77".into()], date(1))).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("warranty"), "{message}");
    assert_eq!(
        push_one(&client, "desk-a", fitting(order_id, "f-3", vec!["PR-77".into()], date(2))).await,
        MutationOutcome::Applied
    );
    let state = sandbox.state().await.expect("state");
    let order = state.order(order_id).expect("order");
    assert_eq!(order.fittings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["f-3"]);
    assert_eq!(order.status, OrderStatus::Fitting);
    // The order's snapshot in the feed carries the fitted mark to the supplier's other desks.
    let (changes, _) = read_feed(&client, 0, 5000).await;
    let snapshot = &latest_orders(&changes)[order_id];
    assert_eq!(
        snapshot.fittings.iter().map(|f| f.serial_numbers.clone()).collect::<Vec<_>>(),
        [vec!["PR-77".to_owned()]]
    );
    sandbox.shutdown().await;
}

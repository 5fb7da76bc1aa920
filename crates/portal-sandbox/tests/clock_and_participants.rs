//! The sandbox's clock and its simulated participants over loopback HTTP: advancing the clock
//! leads to automatic cancellation, participants confirm, refuse, cancel and get paid as
//! simulated time passes, and the admin API stages their moves on a given order.

mod common;

use chrono::TimeDelta;
use portal_api::{Entity, MutationBody, MutationOutcome, Order, OrderStatus};
use portal_rules::Transition;
use portal_sandbox::{Hours, ParticipantBehaviour, TickReport};
use reqwest::StatusCode;

use common::{latest_orders, orders_in, placed_orders, push_one, quiet_sandbox, read_feed, signed_in};

#[tokio::test]
async fn advancing_the_clock_cancels_orders_not_accepted_in_time() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    let state = sandbox.state().await.expect("state");
    let mut placed: Vec<_> = state.orders.iter().filter(|o| o.status == OrderStatus::Placed).collect();
    placed.sort_by_key(|o| o.accept_by);
    let (first, second) = (placed[0], placed[1]);
    assert!(first.accept_by < second.accept_by, "the demo has distinct deadlines");

    let start = sandbox.now();
    assert!((start - chrono::Utc::now()).num_seconds().abs() < 2, "no offset at first");
    sandbox.advance_clock(first.accept_by - start + TimeDelta::seconds(1)).await.expect("advance");
    assert!(sandbox.now() > first.accept_by && sandbox.now() < second.accept_by);
    let report = sandbox.tick().await.expect("tick");
    assert_eq!(report.cancelled_automatically, vec![first.id.clone()]);
    let (changes, _) = read_feed(&client, head, 1000).await;
    let latest = latest_orders(&changes);
    assert_eq!(latest.len(), 1, "only the overdue order changed");
    assert_eq!(latest[&first.id].status, OrderStatus::CancelledAutomatically);

    // Over the admin API: eleven days later every placed order is overdue.
    let http = reqwest::Client::new();
    let clock: serde_json::Value = http
        .post(format!("{}/admin/clock/advance", sandbox.url()))
        .json(&serde_json::json!({ "days": 11 }))
        .send()
        .await
        .expect("advance")
        .json()
        .await
        .expect("the clock");
    assert!(clock["offset_seconds"].as_i64() > Some(11 * 86_400), "{clock}");
    let back = http
        .post(format!("{}/admin/clock/advance", sandbox.url()))
        .json(&serde_json::json!({ "hours": -1 }))
        .send()
        .await
        .expect("advance");
    assert_eq!(back.status(), StatusCode::UNPROCESSABLE_ENTITY, "the clock never goes back");
    let tick = http.post(format!("{}/admin/tick", sandbox.url())).header("content-type", "application/json");
    let report: TickReport = tick.send().await.expect("tick").json().await.expect("report");
    assert_eq!(report.cancelled_automatically.len(), placed.len() - 1);
    assert!(report.participants.confirmed.is_empty(), "participants are not active in a quiet sandbox");
    let state = sandbox.state().await.expect("state");
    assert!(orders_in(&state, OrderStatus::Placed).is_empty());
    assert!(state.clock_offset_seconds > 11 * 86_400);
    sandbox.shutdown().await;
}

fn behaviour() -> ParticipantBehaviour {
    ParticipantBehaviour {
        active: true,
        cancel_share: 0.0,
        cancel_after: Hours { min: 1, max: 1 },
        refuse_share: 0.0,
        confirm_after: Hours { min: 1, max: 2 },
        pay_after: Hours { min: 24, max: 48 },
        late_share: 0.0,
        partial_share: 0.0,
        reverse_share: 0.0,
        ..ParticipantBehaviour::default()
    }
}

async fn deliver(client: &portal_api::PortalClient, order_id: &str) {
    let accept = MutationBody::AcceptOrder { order_id: order_id.to_owned() };
    assert_eq!(push_one(client, "desk-a", accept).await, MutationOutcome::Applied);
    let delivery = MutationBody::RecordDelivery {
        order_id: order_id.to_owned(),
        delivery_id: format!("d-{order_id}"),
        delivered_on: chrono::Utc::now().date_naive(),
        place: "дома у получателя".into(),
        serial_numbers: vec![],
        notes: String::new(),
        photos: vec![],
        items: vec![],
        received_by: None,
    };
    assert_eq!(push_one(client, "desk-a", delivery).await, MutationOutcome::Applied);
}

#[tokio::test]
async fn participants_confirm_refuse_cancel_and_get_paid_as_time_passes() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    // Orders that stay inside their acceptance window while the clock moves on by two days.
    let placed: Vec<String> = placed_orders(&state, None)
        .into_iter()
        .filter(|id| state.order(id).is_some_and(|o| o.accept_by > state.now + TimeDelta::days(4)))
        .collect();
    sandbox.set_participant_behaviour(behaviour()).expect("valid behaviour");
    deliver(&client, &placed[0]).await;

    let report = sandbox.tick().await.expect("tick");
    assert!(!report.participants.confirmed.contains(&placed[0]), "not within the first hour");
    sandbox.advance_clock(TimeDelta::hours(3)).await.expect("advance");
    let report = sandbox.tick().await.expect("tick");
    assert!(report.participants.confirmed.contains(&placed[0]), "{report:?}");
    sandbox.advance_clock(TimeDelta::hours(49)).await.expect("advance");
    let report = sandbox.tick().await.expect("tick");
    assert!(report.participants.paid.contains(&placed[0]), "{report:?}");

    sandbox.set_participant_behaviour(ParticipantBehaviour { refuse_share: 1.0, ..behaviour() }).expect("valid");
    deliver(&client, &placed[1]).await;
    sandbox.advance_clock(TimeDelta::hours(3)).await.expect("advance");
    let report = sandbox.tick().await.expect("tick");
    assert_eq!(report.participants.refused, vec![placed[1].clone()]);

    let state = sandbox.state().await.expect("state");
    let paid = state.order(&placed[0]).expect("order");
    assert_eq!(paid.status, OrderStatus::Paid);
    let moves: Vec<Transition> = paid.history.iter().map(|m| m.transition).collect();
    assert_eq!(
        moves,
        [Transition::Accept, Transition::StartWork, Transition::Deliver, Transition::Confirm, Transition::Pay]
    );
    assert_eq!(state.order(&placed[1]).expect("order").status, OrderStatus::RefusedAtReceipt);
    let (changes, _) = read_feed(&client, 0, 1000).await;
    let statuses: Vec<OrderStatus> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Order(o) if o.id == placed[0] => Some(o.status),
            _ => None,
        })
        .collect();
    assert_eq!(statuses.last(), Some(&OrderStatus::Paid));
    assert!(statuses.contains(&OrderStatus::Confirmed));

    // Every participant cancels: the placed orders still waiting are cancelled at the next tick.
    let waiting = orders_in(&state, OrderStatus::Placed);
    sandbox
        .set_participant_behaviour(ParticipantBehaviour {
            cancel_share: 1.0,
            cancel_after: Hours { min: 0, max: 0 },
            ..behaviour()
        })
        .expect("valid");
    let report = sandbox.tick().await.expect("tick");
    let mut cancelled = report.participants.cancelled_by_participants.clone();
    cancelled.sort();
    let mut expected: Vec<String> =
        waiting.into_iter().filter(|id| !report.cancelled_automatically.contains(id)).collect();
    expected.sort();
    assert_eq!(cancelled, expected);
    assert!(!cancelled.is_empty());
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_admin_api_stages_participants_moves() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let http = reqwest::Client::new();
    let admin = |path: &str| format!("{}/admin{path}", sandbox.url());
    // Admin POSTs declare JSON even without a body.
    let post = |path: &str| http.post(admin(path)).header("content-type", "application/json");
    let state = sandbox.state().await.expect("state");
    let delivered = orders_in(&state, OrderStatus::Delivered);

    let order: Order = http
        .post(admin("/orders"))
        .json(&serde_json::json!({ "fitting": true }))
        .send()
        .await
        .expect("place")
        .json()
        .await
        .expect("an order");
    assert_eq!(order.status, OrderStatus::Placed);
    let state = sandbox.state().await.expect("state");
    assert!(state.order(&order.id).expect("placed").needs_fitting(), "it holds a fitted item");

    let cancel = post(&format!("/orders/{}/participant/cancel", order.id)).send().await.expect("cancel");
    assert_eq!(cancel.status(), StatusCode::OK);
    assert_eq!(cancel.json::<Order>().await.expect("order").status, OrderStatus::CancelledByParticipant);
    let again = post(&format!("/orders/{}/participant/cancel", order.id)).send().await.expect("cancel");
    assert_eq!(again.status(), StatusCode::CONFLICT, "a cancelled order cannot be cancelled again");
    let unknown = post("/orders/nope/participant/confirm").send().await.expect("confirm");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let bad = post(&format!("/orders/{}/participant/dance", delivered[0])).send().await.expect("dance");
    assert_eq!(bad.status(), StatusCode::NOT_FOUND);

    let confirmed: Order = post(&format!("/orders/{}/participant/confirm", delivered[0]))
        .send()
        .await
        .expect("confirm")
        .json()
        .await
        .expect("order");
    assert_eq!(confirmed.status, OrderStatus::Confirmed);
    let refused = sandbox.participant_refuses(&delivered[1]).await.expect("refuse");
    assert_eq!(refused.status, OrderStatus::RefusedAtReceipt);
    assert!(sandbox.participant_confirms(&delivered[1]).await.is_err(), "a refused order is not confirmed");

    let set: ParticipantBehaviour = http
        .put(admin("/participants"))
        .json(&serde_json::json!({ "active": true, "refuse_share": 0.5 }))
        .send()
        .await
        .expect("PUT")
        .json()
        .await
        .expect("behaviour");
    assert!(set.active);
    assert_eq!(set.refuse_share, 0.5);
    assert_eq!(set.confirm_after, ParticipantBehaviour::default().confirm_after, "absent fields take defaults");
    assert_eq!(sandbox.participant_behaviour(), set);
    let bad =
        http.put(admin("/participants")).json(&serde_json::json!({ "cancel_share": 7 })).send().await.expect("PUT");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    sandbox.shutdown().await;
}

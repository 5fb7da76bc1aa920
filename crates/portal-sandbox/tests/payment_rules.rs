//! Payments over loopback HTTP: the paying office pays confirmed orders in one payment order,
//! in full or in part, never beyond what is owed nor before confirmation, takes a payment back
//! once, and every payment reaches the supplier's change feed. The simulation pays in batches
//! after the payment term, some late, some in part, and takes a few back.

mod common;

use chrono::TimeDelta;
use portal_api::{Entity, OrderStatus, Payment, PaymentKind};
use portal_sandbox::{Hours, ParticipantBehaviour};
use reqwest::StatusCode;

use common::{orders_in, quiet_sandbox, read_feed, signed_in};

fn total(state: &portal_sandbox::SandboxState, id: &str) -> i64 {
    let order = state.order(id).expect("the order");
    order.lines.iter().map(|l| i64::from(l.quantity) * l.unit_price_tiyn).sum()
}

#[tokio::test]
async fn confirmed_orders_are_paid_in_full_or_in_part_and_never_beyond() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 5000).await;
    let state = sandbox.state().await.expect("state");
    let confirmed = orders_in(&state, OrderStatus::Confirmed);
    let delivered = orders_in(&state, OrderStatus::Delivered);
    assert!(confirmed.len() >= 2 && !delivered.is_empty(), "the demo has orders to pay");
    let (a, b) = (confirmed[0].as_str(), confirmed[1].as_str());
    let (total_a, total_b) = (total(&state, a), total(&state, b));

    let http = reqwest::Client::new();
    let pay = |body: serde_json::Value| http.post(format!("{}/admin/payments", sandbox.url())).json(&body).send();

    // Beyond the amount, before confirmation, unknown: refused, and nothing changes.
    let over = pay(serde_json::json!({ "lines": [{ "order_id": a, "amount_tiyn": total_a + 1 }] })).await.expect("pay");
    assert_eq!(over.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let early =
        pay(serde_json::json!({ "lines": [{ "order_id": a }, { "order_id": delivered[0] }] })).await.expect("pay");
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY, "refused whole");
    let twice = pay(serde_json::json!({ "lines": [{ "order_id": a }, { "order_id": a }] })).await.expect("pay");
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = pay(serde_json::json!({ "lines": [{ "order_id": "nope" }] })).await.expect("pay");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let state = sandbox.state().await.expect("state");
    assert!(state.payments.is_empty() || state.payments.iter().all(|p| p.lines.iter().all(|l| l.order_id != a)));
    assert_eq!(state.order(a).expect("a").status, OrderStatus::Confirmed);

    // One payment order: a in full, b in part. Both become paid on the portal.
    let part = total_b / 2;
    let answer = pay(serde_json::json!({
        "lines": [{ "order_id": a }, { "order_id": b, "amount_tiyn": part }],
        "paid_on": "2026-03-02",
    }))
    .await
    .expect("pay");
    assert_eq!(answer.status(), StatusCode::OK);
    let payment: Payment = answer.json().await.expect("a payment");
    assert_eq!(payment.kind, PaymentKind::Payment);
    assert_eq!(payment.amount_tiyn, total_a + part);
    assert_eq!(payment.paid_on.to_string(), "2026-03-02");
    assert_eq!(payment.lines.len(), 2);
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(a).expect("a").status, OrderStatus::Paid);
    assert_eq!(state.order(b).expect("b").status, OrderStatus::Paid);

    // The rest of b may follow; a third of it more may not.
    let rest = total_b - part;
    let beyond = sandbox.pay(&[(b, Some(rest + 1))], None).await;
    assert!(beyond.is_err(), "beyond what is owed");
    let rest_paid = sandbox.pay(&[(b, None)], None).await.expect("the rest");
    assert_eq!(rest_paid.amount_tiyn, rest);
    assert!(sandbox.pay(&[(a, None)], None).await.is_err(), "nothing is owed for a");

    // Taken back once; a reversal is not reversed.
    let reversal = sandbox.reverse_payment(&payment.id).await.expect("reverse");
    assert_eq!(reversal.kind, PaymentKind::Reversal);
    assert_eq!(reversal.amount_tiyn, -payment.amount_tiyn);
    assert_eq!(reversal.reverses.as_deref(), Some(payment.id.as_str()));
    assert!(sandbox.reverse_payment(&payment.id).await.is_err(), "already reversed");
    assert!(sandbox.reverse_payment(&reversal.id).await.is_err(), "a reversal is not reversed");
    let again = http
        .post(format!("{}/admin/payments/{}/reverse", sandbox.url(), payment.id))
        .header("content-type", "application/json")
        .send()
        .await
        .expect("reverse");
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // All three reach the supplier's feed, once each, as recorded.
    let (changes, _) = read_feed(&client, head, 5000).await;
    let fed: Vec<Payment> = changes
        .into_iter()
        .filter_map(|c| match c.entity {
            Entity::Payment(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(fed, vec![payment, rest_paid, reversal]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_paying_office_pays_in_batches_after_the_term_some_late_some_in_part() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let state = sandbox.state().await.expect("state");
    let confirmed = orders_in(&state, OrderStatus::Confirmed);
    let before = state.payments.len();
    sandbox
        .set_participant_behaviour(ParticipantBehaviour {
            active: true,
            cancel_share: 0.0,
            refuse_share: 0.0,
            pay_after: Hours { min: 24, max: 48 },
            late_share: 0.5,
            late_after: Hours { min: 20 * 24, max: 30 * 24 },
            partial_share: 0.5,
            reverse_share: 1.0,
            reverse_after: Hours { min: 24, max: 24 },
            ..ParticipantBehaviour::default()
        })
        .expect("valid");

    // Within the term: the on-time ones, in one payment order.
    sandbox.advance_clock(TimeDelta::days(3)).await.expect("advance");
    let first = sandbox.tick().await.expect("tick");
    assert_eq!(first.participants.payments.len(), 1, "one payment order per supplier and tick: {first:?}");
    let on_time = first.participants.paid.clone();
    assert!(!on_time.is_empty() && on_time.len() < confirmed.len(), "some are late: {first:?}");
    // A month on: the late ones are paid, and the first payment is taken back.
    sandbox.advance_clock(TimeDelta::days(31)).await.expect("advance");
    let later = sandbox.tick().await.expect("tick");
    assert!(!later.participants.paid.is_empty(), "{later:?}");
    assert!(!later.participants.reversed_payments.is_empty(), "{later:?}");

    let state = sandbox.state().await.expect("state");
    let new: Vec<&Payment> = state.payments[before..].iter().collect();
    let partial = new
        .iter()
        .filter(|p| p.kind == PaymentKind::Payment)
        .flat_map(|p| &p.lines)
        .filter(|l| l.amount_tiyn < total(&state, &l.order_id))
        .count();
    assert!(partial > 0, "some orders are paid in part");
    assert!(new.iter().any(|p| p.kind == PaymentKind::Reversal));
    for id in &confirmed {
        assert_eq!(state.order(id).expect("order").status, OrderStatus::Paid, "{id}");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_demo_history_has_payments_for_its_paid_orders() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let state = sandbox.state().await.expect("state");
    let paid = orders_in(&state, OrderStatus::Paid);
    assert!(!paid.is_empty());
    for id in &paid {
        let net: i64 =
            state.payments.iter().flat_map(|p| &p.lines).filter(|l| &l.order_id == id).map(|l| l.amount_tiyn).sum();
        let reversed =
            state.payments.iter().any(|p| p.kind == PaymentKind::Reversal && p.lines.iter().any(|l| &l.order_id == id));
        assert!(net > 0 || reversed, "{id} has a payment");
        assert!(net <= total(&state, id), "{id} is not paid beyond its amount");
    }
}

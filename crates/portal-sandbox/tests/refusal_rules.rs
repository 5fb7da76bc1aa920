//! The portal's rules for a return or a replacement after a refusal at receipt, pushed as
//! mutations over loopback HTTP: only from refused_at_receipt, recorded once, in the feed, and a
//! replaced order is confirmed by its participant afterwards.

mod common;

use chrono::NaiveDate;
use portal_api::{Entity, MutationBody, MutationOutcome, OrderStatus, RejectReason};
use portal_rules::Transition;

use common::{placed_orders, push_one, quiet_sandbox, read_feed, rejection, signed_in};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 5).expect("a date")
}

fn delivered(order_id: &str) -> [MutationBody; 2] {
    [
        MutationBody::AcceptOrder { order_id: order_id.to_owned() },
        MutationBody::RecordDelivery {
            order_id: order_id.to_owned(),
            delivery_id: uuid::Uuid::now_v7().to_string(),
            delivered_on: NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date"),
            place: "Қонаев".into(),
            serial_numbers: vec!["WC-1".into()],
            notes: String::new(),
            photos: Vec::new(),
            items: vec![],
            received_by: None,
        },
    ]
}

fn replacement(order_id: &str, id: &str) -> MutationBody {
    MutationBody::RecordReplacement {
        order_id: order_id.to_owned(),
        replacement_id: id.to_owned(),
        replaced_on: day(),
        serial_numbers: vec!["WC-2".into()],
        notes: "a narrower seat".into(),
    }
}

fn item_return(order_id: &str, reason: &str) -> MutationBody {
    MutationBody::RecordReturn {
        order_id: order_id.to_owned(),
        return_id: uuid::Uuid::now_v7().to_string(),
        returned_on: day(),
        reason: reason.to_owned(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn a_refused_item_is_replaced_and_the_participant_confirms_the_replacement() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let order = placed_orders(&state, Some(false))[0].clone();
    for body in delivered(&order) {
        assert_eq!(push_one(&client, "desk-a", body).await, MutationOutcome::Applied);
    }

    // Before the refusal neither a replacement nor a return is possible.
    let (reason, message) = rejection(&push_one(&client, "desk-a", replacement(&order, "rep-0")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("delivered"), "{message}");

    let (_, before_refusal) = read_feed(&client, 0, 1000).await;
    let refused =
        sandbox.participant_refuses_because(&order, " Не подошёл размер ").await.expect("the participant refuses");
    assert_eq!(refused.refusal_reason.as_deref(), Some("Не подошёл размер"));
    let (changes, head) = read_feed(&client, before_refusal, 1000).await;
    assert!(
        changes.iter().any(|c| matches!(&c.entity, Entity::Order(x) if x.id == order && x.refusal_reason.as_deref() == Some("Не подошёл размер"))),
        "the refused order's snapshot carries the participant's reason"
    );
    assert_eq!(push_one(&client, "desk-a", replacement(&order, "rep-1")).await, MutationOutcome::Applied);

    let state = sandbox.state().await.expect("state");
    let o = state.order(&order).expect("the order");
    assert_eq!(o.status, OrderStatus::Replaced);
    assert_eq!(o.history.last().map(|m| m.transition), Some(Transition::Replace));
    assert_eq!(o.replacements.len(), 1);
    assert_eq!(o.replacements[0].serial_numbers, vec!["WC-2".to_owned()]);
    assert_eq!(o.replacements[0].replaced_on, day());

    // The feed carries the replaced snapshot, so the supplier's other desks learn it.
    let (changes, _) = read_feed(&client, head, 1000).await;
    assert!(
        changes
            .iter()
            .any(|c| matches!(&c.entity, Entity::Order(x) if x.id == order && x.status == OrderStatus::Replaced))
    );

    // A second replacement, or a return now, is refused: the order is no longer refused.
    let (reason, _) = rejection(&push_one(&client, "desk-b", replacement(&order, "rep-2")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    let (reason, _) = rejection(&push_one(&client, "desk-b", item_return(&order, "too big")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);

    let confirmed = sandbox.participant_confirms(&order).await.expect("the participant confirms");
    assert_eq!(confirmed.status, OrderStatus::Confirmed);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_refused_item_taken_back_closes_the_order() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let order = placed_orders(&state, Some(false))[0].clone();
    for body in delivered(&order) {
        assert_eq!(push_one(&client, "desk-a", body).await, MutationOutcome::Applied);
    }
    sandbox.participant_refuses(&order).await.expect("the participant refuses");

    assert_eq!(rejection(&push_one(&client, "desk-a", item_return(&order, "  ")).await).0, RejectReason::InvalidInput);
    let long = "x".repeat(501);
    assert_eq!(rejection(&push_one(&client, "desk-a", item_return(&order, &long)).await).0, RejectReason::InvalidInput);
    let (reason, _) = rejection(&push_one(&client, "desk-a", item_return("no-such-order", "broken")).await);
    assert_eq!(reason, RejectReason::OrderNotFound);

    assert_eq!(push_one(&client, "desk-a", item_return(&order, " wrong size ")).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    let o = state.order(&order).expect("the order");
    assert_eq!(o.status, OrderStatus::Returned);
    assert_eq!(o.returns.len(), 1);
    assert_eq!(o.returns[0].reason, "wrong size");
    assert!(o.replacements.is_empty());
    assert!(sandbox.participant_confirms(&order).await.is_err(), "a returned order cannot be confirmed");
    sandbox.shutdown().await;
}

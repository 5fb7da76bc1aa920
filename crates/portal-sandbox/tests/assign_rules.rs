//! The portal's rule for assigning an order to a member of the supplier's staff, pushed over
//! loopback HTTP: kept on the order, carried by its snapshot in the feed, refused when blank,
//! too long or for a closed order.

mod common;

use portal_api::{Entity, MutationBody, MutationOutcome, OrderStatus, RejectReason};

use common::{placed_orders, push_one, quiet_sandbox, read_feed, rejection, signed_in};

fn assign(order_id: &str, assignee: &str) -> MutationBody {
    MutationBody::AssignOrder { order_id: order_id.to_owned(), assignee: assignee.to_owned() }
}

#[tokio::test]
async fn an_open_order_is_assigned_and_the_feed_carries_the_name() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed = placed_orders(&state, None);
    let (open, to_decline) = (&placed[0], &placed[1]);
    let (_, head) = read_feed(&client, 0, 1000).await;

    assert_eq!(push_one(&client, "desk-a", assign(open, " Ержан Қасымов ")).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    let order = state.order(open).expect("the order");
    assert_eq!(order.assignee.as_deref(), Some("Ержан Қасымов"));
    assert_eq!(order.status, OrderStatus::Placed, "an assignment does not move the order");
    let (changes, _) = read_feed(&client, head, 1000).await;
    assert!(
        changes.iter().any(
            |c| matches!(&c.entity, Entity::Order(o) if o.id == *open && o.assignee.as_deref() == Some("Ержан Қасымов"))
        ),
        "the order's snapshot in the feed names the assignee"
    );

    assert_eq!(rejection(&push_one(&client, "desk-a", assign(open, "  ")).await).0, RejectReason::InvalidInput);
    let long = "ж".repeat(81);
    assert_eq!(rejection(&push_one(&client, "desk-a", assign(open, &long)).await).0, RejectReason::InvalidInput);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", assign("no-such-order", "Ержан")).await).0,
        RejectReason::OrderNotFound
    );

    let decline = MutationBody::DeclineOrder { order_id: to_decline.clone(), reason: "out of stock".into() };
    assert_eq!(push_one(&client, "desk-a", decline).await, MutationOutcome::Applied);
    let (reason, message) = rejection(&push_one(&client, "desk-a", assign(to_decline, "Ержан")).await);
    assert_eq!(reason, RejectReason::TransitionRefused);
    assert!(message.contains("declined_by_supplier"), "{message}");
    sandbox.shutdown().await;
}

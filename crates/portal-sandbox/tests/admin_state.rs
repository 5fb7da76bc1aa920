//! `GET /admin/state`: the whole state of the sandbox, as convergence tests read it, agrees with
//! the change feed and with `RunningSandbox::state`.

mod common;

use portal_api::{Entity, MutationBody, MutationOutcome, OrderStatus};
use portal_sandbox::SandboxState;

use common::{latest_orders, placed_orders, push_one, quiet_sandbox, read_feed, signed_in};

#[tokio::test]
async fn the_state_agrees_with_the_feed_and_the_handle() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let placed = placed_orders(&sandbox.state().await.expect("state"), None);
    let accept = MutationBody::AcceptOrder { order_id: placed[0].clone() };
    assert_eq!(push_one(&client, "desk-a", accept).await, MutationOutcome::Applied);

    let over_http: SandboxState = reqwest::get(format!("{}/admin/state", sandbox.url()))
        .await
        .expect("GET /admin/state")
        .json()
        .await
        .expect("the state");
    let mut direct = sandbox.state().await.expect("state");
    direct.now = over_http.now;
    assert_eq!(over_http, direct);

    let (changes, head) = read_feed(&client, 0, 1000).await;
    assert_eq!(over_http.feed_head, head, "one supplier: its feed is the whole feed");
    let latest = latest_orders(&changes);
    assert_eq!(over_http.orders.len(), latest.len());
    for order in &over_http.orders {
        let wire = &latest[&order.id];
        assert_eq!((order.status, &order.number, order.deliver_by), (wire.status, &wire.number, wire.deliver_by));
        assert_eq!(order.lines.len(), wire.lines.len());
        // The history is a chain from placed to the status now.
        let mut status = OrderStatus::Placed;
        for m in &order.history {
            assert_eq!(m.from, status, "{}", order.number);
            assert_eq!(m.transition.apply(m.from), Ok(m.to), "{}", order.number);
            status = m.to;
        }
        assert_eq!(status, order.status, "{}", order.number);
    }
    let offerings = changes.iter().filter(|c| matches!(c.entity, Entity::Offering(_))).count();
    assert_eq!(over_http.offerings.len(), offerings, "the demo wrote each offering once");
    for o in &over_http.offerings {
        let limit = over_http.classifier_item(&o.offering.classifier_code).expect("its item").limit_price_tiyn;
        assert!(o.offering.price_tiyn <= limit);
    }
    assert_eq!(over_http.mutations.len(), 1);
    let record = &over_http.mutations[0];
    assert_eq!((record.device_id.as_str(), record.applications, record.feed_entries), ("desk-a", 1, 1));
    assert_eq!(record.outcome, MutationOutcome::Applied);
    sandbox.shutdown().await;
}

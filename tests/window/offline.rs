//! The real window offline: with the portal stopped, a courier records a delivery; the desk shows
//! "offline" and one pending change; when the portal is back, the change is synced, pending
//! returns to 0, and the portal holds the delivery; the participant's confirmation on the portal
//! then reaches the open order.

use crate::support;

use std::time::Duration;

use fantoccini::Locator;
use support::Desktop;
use support::page::{attr, digits, element, shot, text, type_into, wait_until};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_recorded_offline_is_synced_when_the_portal_returns() {
    let mut desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");

    // Accept the most urgent placed order while online.
    let order_id = attr(&client, "[data-testid=inbox-row]", "data-order-id").await.expect("an order id");
    element(&client, "[data-testid=open-order]").await.click().await.expect("click");
    element(&client, "[data-testid=action-accept]").await.click().await.expect("click");
    wait_until(60, "the acceptance to reach the portal", || async {
        desk.sandbox().state().await.expect("state").order(&order_id).map(|o| o.status.as_str()) == Some("accepted")
    })
    .await;

    // The portal goes away; the courier records the delivery anyway.
    desk.stop_portal().await;
    element(&client, "[data-testid=action-record-delivery]").await.click().await.expect("click");
    // The place starts from the participant's address: replaced here.
    type_into(&client, "#delivery-place", "Талдықорған, Жансүгіров к-сі 12").await;
    element(&client, "#delivery-serials").await.send_keys("HA-2026-0042").await.expect("type");
    element(&client, "[data-testid=delivery-submit]").await.click().await.expect("click");
    wait_until(60, "offline with one pending change", || async {
        attr(&client, "[data-testid=connectivity]", "data-state").await.as_deref() == Some("offline")
            && digits(&text(&client, "[data-testid=pending]").await) == "1"
    })
    .await;
    assert_eq!(attr(&client, "[data-testid=order-detail]", "data-status").await.as_deref(), Some("delivered"));
    shot(&client, "window-offline-pending.png").await;

    // The portal is back: the change goes out by itself.
    desk.start_portal().await;
    wait_until(90, "online with nothing pending", || async {
        attr(&client, "[data-testid=connectivity]", "data-state").await.as_deref() == Some("online")
            && digits(&text(&client, "[data-testid=pending]").await) == "0"
    })
    .await;
    let state = desk.sandbox().state().await.expect("state");
    let order = state.order(&order_id).expect("the order on the portal");
    assert_eq!(order.status.as_str(), "delivered");
    assert_eq!(order.deliveries.len(), 1, "the delivery arrived once");
    shot(&client, "window-back-online.png").await;

    // The participant confirms receipt on the portal; the next sync brings it to the open order.
    desk.sandbox().participant_confirms(&order_id).await.expect("the participant confirms");
    wait_until(60, "the participant's confirmation in the order", || async {
        attr(&client, "[data-testid=order-detail]", "data-status").await.as_deref() == Some("confirmed")
    })
    .await;
    shot(&client, "window-delivery-confirmed.png").await;
    support::page::end(client).await;
}

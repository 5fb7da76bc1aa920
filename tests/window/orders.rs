//! Office and field flows of the order dialog in the real window against the real sandbox: an
//! order accepted in the window reaches the portal, and so does its assignment; delivered, refused at receipt by its
//! participant on the portal, the dialog shows the refusal and records a replacement, which
//! reaches the portal too. Screenshots of the dialog at each step go to `artefacts/`.

use crate::support;

use std::time::Duration;

use fantoccini::Locator;
use support::Desktop;
use support::page::{attr, element, shot, type_into, wait_until};

async fn portal_status(desk: &Desktop, order_id: &str) -> Option<String> {
    desk.sandbox().state().await.expect("state").order(order_id).map(|o| o.status.as_str().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_accepted_delivered_refused_and_replaced_in_the_window_reaches_the_portal() {
    let desk = Desktop::start().await;
    desk.add_staff("yerzhan", desk_core::access::Role::Courier);
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");

    let order_id = attr(&client, "[data-testid=inbox-row]", "data-order-id").await.expect("an order id");
    assert_eq!(portal_status(&desk, &order_id).await.as_deref(), Some("placed"));
    element(&client, "[data-testid=open-order]").await.click().await.expect("click");
    element(&client, "[data-testid=action-accept]").await.click().await.expect("click");
    wait_until(60, "the acceptance on the portal", || async {
        portal_status(&desk, &order_id).await.as_deref() == Some("accepted")
    })
    .await;
    wait_until(30, "the dialog to show nothing pending", || async {
        client.find(Locator::Css("[data-testid=pending-note]")).await.is_err()
    })
    .await;
    assert_eq!(attr(&client, "[data-testid=order-detail]", "data-status").await.as_deref(), Some("accepted"));
    shot(&client, "window-orders-accepted.png").await;

    // Assigned to a staff account, the courier offered first for an accepted order: the name
    // shows in the dialog and the account's user name reaches the portal.
    element(&client, "[data-testid=action-assign]").await.click().await.expect("click");
    wait_until(30, "the accounts in the choice", || async {
        let select = element(&client, "#assign-name").await;
        select.prop("value").await.ok().flatten().as_deref() == Some("yerzhan")
    })
    .await;
    element(&client, "[data-testid=assign-submit]").await.click().await.expect("click");
    wait_until(60, "the assignment on the portal", || async {
        let state = desk.sandbox().state().await.expect("state");
        state.order(&order_id).and_then(|o| o.assignee.clone()).as_deref() == Some("yerzhan")
    })
    .await;
    let shown = element(&client, "[data-testid=assignee]").await.text().await.expect("text");
    assert_eq!(shown, "yerzhan (courier)");
    shot(&client, "window-orders-assigned.png").await;

    element(&client, "[data-testid=action-record-delivery]").await.click().await.expect("click");
    // The place starts from the participant's address: replaced here.
    type_into(&client, "#delivery-place", "Қонаев, Абай к-сі 3").await;
    element(&client, "[data-testid=delivery-submit]").await.click().await.expect("click");
    wait_until(60, "the delivery on the portal", || async {
        portal_status(&desk, &order_id).await.as_deref() == Some("delivered")
    })
    .await;

    // The participant refuses the item at receipt on the portal; the next sync brings it.
    desk.sandbox().participant_refuses_because(&order_id, "Не подошёл размер").await.expect("the participant refuses");
    wait_until(60, "the refusal in the open dialog", || async {
        attr(&client, "[data-testid=order-detail]", "data-status").await.as_deref() == Some("refused_at_receipt")
    })
    .await;
    let notice = element(&client, "[data-testid=refusal-notice]").await.text().await.expect("text");
    assert!(notice.contains("Не подошёл размер"), "the participant's reason is shown: {notice}");
    element(&client, "[data-testid=action-record-return]").await;
    shot(&client, "window-orders-refused.png").await;

    // A return without a reason is stopped at the field, before anything is recorded.
    element(&client, "[data-testid=action-record-return]").await.click().await.expect("click");
    element(&client, "[data-testid=return-submit]").await.click().await.expect("click");
    element(&client, "#return-error-reason").await;
    assert_eq!(attr(&client, "#return-reason", "aria-invalid").await.as_deref(), Some("true"));
    shot(&client, "window-orders-return-reason-missing.png").await;

    element(&client, "[data-testid=action-record-replacement]").await.click().await.expect("click");
    element(&client, "#replacement-serials").await.send_keys("WC-2026-0043").await.expect("type");
    element(&client, "[data-testid=replacement-submit]").await.click().await.expect("click");
    wait_until(60, "the replacement on the portal", || async {
        portal_status(&desk, &order_id).await.as_deref() == Some("replaced")
    })
    .await;
    let state = desk.sandbox().state().await.expect("state");
    let order = state.order(&order_id).expect("the order on the portal");
    assert_eq!(order.replacements.len(), 1, "the replacement arrived once");
    assert_eq!(order.replacements[0].serial_numbers, vec!["WC-2026-0043".to_owned()]);
    assert_eq!(attr(&client, "[data-testid=order-detail]", "data-status").await.as_deref(), Some("replaced"));
    shot(&client, "window-orders-replaced.png").await;
    support::page::end(client).await;
}

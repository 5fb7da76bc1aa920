//! The real window, the warranty register at 1024×700: an order accepted and delivered in the
//! window with a serial number is found on the Warranty tab by that serial, scanned in lower case
//! (the keys, then Enter, into the field that has the focus when the tab opens), with its order
//! number and the warranty's end — the delivery date plus the item's warranty months — in
//! English and in Russian. The same serial delivered with a second order long ago flags both
//! rows, and that warranty shows among those ending within 30 days. A repair recorded on the
//! found row reaches the portal and is listed under the results; a repair dated after the second
//! warranty's end is refused under the date field, naming the end. A row opens its order.

use crate::support;

use std::time::Duration;

use chrono::{Months, NaiveDate};
use fantoccini::{Client, Locator};
use support::Desktop;
use support::page::{attr, click_in_view, count, element, set_size, shot, shown, type_in_view, type_into, wait_until};

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const SERIAL: &str = "WR-2026-0501";

async fn portal_status(desk: &Desktop, order_id: &str) -> Option<String> {
    desk.sandbox().state().await.expect("state").order(order_id).map(|o| o.status.as_str().to_owned())
}

/// The id of the element that has the keyboard focus.
async fn focused_id(client: &Client) -> String {
    let id =
        client.execute("return document.activeElement && document.activeElement.id", vec![]).await.expect("script");
    id.as_str().unwrap_or_default().to_owned()
}

/// The warranty months of the first line of the order `order_id`.
async fn warranty_months_of(desk: &Desktop, order_id: &str) -> u32 {
    let state = desk.sandbox().state().await.expect("state");
    let code = state.order(order_id).expect("the order").lines[0].classifier_code.clone();
    warranty_months(desk, &code).await
}

/// A classifier item's warranty in months, as the portal's change feed gives it.
async fn warranty_months(desk: &Desktop, code: &str) -> u32 {
    let client = desk.portal_client().await;
    let mut after = 0;
    loop {
        let page = client.changes(after, portal_api::MAX_PAGE_SIZE).await.expect("change feed");
        for change in page.changes {
            if let portal_api::Entity::Classifier(c) = change.entity
                && c.code == code
            {
                return c.warranty_months;
            }
        }
        after = page.next_after;
        assert!(page.has_more, "the feed holds the classifier item {code}");
    }
}

/// Accepts the placed order `order_id` from its inbox row and records its delivery with
/// `SERIAL`, dated `on` (DD.MM.YYYY) when given; waits for the portal to hold it, then closes the
/// dialog. Gives the order's number, delivery date and the warranty's end.
async fn accept_and_deliver(desk: &Desktop, client: &Client, order_id: &str, on: Option<&str>) -> (String, NaiveDate) {
    element(client, "#tab-inbox").await.click().await.expect("inbox tab");
    element(client, &format!("[data-testid=inbox-row][data-order-id='{order_id}'] [data-testid=open-order]"))
        .await
        .click()
        .await
        .expect("open");
    element(client, "[data-testid=action-accept]").await.click().await.expect("accept");
    wait_until(60, "the acceptance on the portal", || async {
        portal_status(desk, order_id).await.as_deref() == Some("accepted")
    })
    .await;
    element(client, "[data-testid=action-record-delivery]").await.click().await.expect("deliver");
    if let Some(on) = on {
        type_into(client, "#delivery-date", on).await;
    }
    type_into(client, "#delivery-place", "Қонаев, Абай к-сі 3").await;
    type_into(client, "#delivery-serials", SERIAL).await;
    element(client, "[data-testid=delivery-submit]").await.click().await.expect("submit");
    wait_until(60, "the delivery on the portal", || async {
        portal_status(desk, order_id).await.as_deref() == Some("delivered")
    })
    .await;
    let state = desk.sandbox().state().await.expect("state");
    let order = state.order(order_id).expect("the order on the portal");
    let months = warranty_months(desk, &order.lines[0].classifier_code).await;
    let end = order.deliveries[0].delivered_on.checked_add_months(Months::new(months)).expect("an end date");
    wait_until(10, "the order dialog to close", || async {
        if client.find(Locator::Css("[data-testid=order-detail]")).await.is_err() {
            return true;
        }
        client.active_element().await.expect("focus").send_keys(ESCAPE).await.expect("Escape");
        false
    })
    .await;
    (order.number.clone(), end)
}

/// Opens the Warranty tab and scans `SERIAL` in lower case into the field that has the focus.
async fn scan(client: &Client) {
    element(client, "#tab-warranty").await.click().await.expect("warranty tab");
    wait_until(10, "the serial field to take the focus", || async { focused_id(client).await == "warranty-serial" })
        .await;
    let typed = format!("  {}{ENTER}", SERIAL.to_lowercase());
    client.active_element().await.expect("focus").send_keys(&typed).await.expect("scan");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivered_serial_scanned_in_lower_case_shows_its_order_and_warranty_end() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the first sync filled the inbox");
    set_size(&client, 1024, 700).await;

    // Two placed orders of the first inbox page.
    let state = desk.sandbox().state().await.expect("state");
    let mut placed = Vec::new();
    for row in client.find_all(Locator::Css("[data-testid=inbox-row]")).await.expect("rows") {
        let id = row.attr("data-order-id").await.expect("attribute").expect("an order id");
        if state.order(&id).is_some_and(|o| o.status.as_str() == "placed") {
            placed.push(id);
        }
    }
    let [first, second, ..] = placed.as_slice() else { panic!("two placed orders in the inbox: {placed:?}") };

    // Delivered today with the serial: found by it, scanned in lower case.
    let (number, end) = accept_and_deliver(&desk, &client, first, None).await;
    scan(&client).await;
    let row = format!("[data-testid=warranty-results] [data-testid=warranty-row][data-order-id='{first}']");
    element(&client, &row).await;
    assert_eq!(shown(&client, &format!("{row} th")).await, SERIAL, "the serial as the desk keeps it");
    assert_eq!(shown(&client, &format!("{row} button.link-button")).await, number);
    // English days are written 27/11/2026, Russian and Kazakh 27.11.2026 (`formatDay`).
    let end_cell = format!("{row} [data-testid=warranty-end]");
    assert_eq!(shown(&client, &end_cell).await, end.format("%d/%m/%Y").to_string());
    assert_eq!(attr(&client, "#warranty-serial", "aria-invalid").await.as_deref(), Some("false"));
    assert_eq!(count(&client, "[data-testid=warranty-flag]").await, 0, "one order holds the serial");

    // The same serial handed over with a second order, long enough ago that its warranty ends
    // in 10 days: both rows are flagged, and the second is in the list of warranties ending soon.
    let kz_today = (chrono::Utc::now() + chrono::TimeDelta::hours(5)).date_naive();
    let months_ago = (kz_today + chrono::TimeDelta::days(10))
        .checked_sub_months(Months::new(warranty_months_of(&desk, second).await))
        .expect("a date");
    let (second_number, second_end) =
        accept_and_deliver(&desk, &client, second, Some(&months_ago.format("%d.%m.%Y").to_string())).await;
    assert_eq!(second_end, kz_today + chrono::TimeDelta::days(10));
    scan(&client).await;
    let second_row = format!("[data-testid=warranty-results] [data-testid=warranty-row][data-order-id='{second}']");
    element(&client, &second_row).await;
    assert_eq!(count(&client, "[data-testid=warranty-results] [data-testid=warranty-flag]").await, 2);
    let soon = format!("[data-testid=warranty-ending] [data-testid=warranty-row][data-order-id='{second}']");
    element(&client, &soon).await;
    assert_eq!(shown(&client, &format!("{soon} button.link-button")).await, second_number);
    shot(&client, "window-warranty-1024x700-en.png").await;

    // A repair of the first item: refused without a description, under that field; recorded
    // with one, listed under the results and taken by the portal.
    click_in_view(&client, &format!("{row} [data-testid=warranty-service-open]")).await;
    element(&client, "[data-testid=warranty-service-form]").await;
    wait_until(10, "the kind to take the focus", || async {
        let testid = client
            .execute("return document.activeElement && document.activeElement.dataset.testid", vec![])
            .await
            .expect("script");
        testid.as_str() == Some("service-kind-repair")
    })
    .await;
    click_in_view(&client, "[data-testid=service-submit]").await;
    wait_until(10, "the description's error", || async {
        attr(&client, "#service-notes", "aria-invalid").await.as_deref() == Some("true")
    })
    .await;
    assert!(shown(&client, "#service-error-notes").await.contains("Describe the fault"));
    type_in_view(&client, "#service-notes", "Brake loose; adjusted").await;
    click_in_view(&client, "[data-testid=service-submit]").await;
    wait_until(10, "the repair listed", || async {
        count(&client, "[data-testid=warranty-service][data-kind=repair]").await == 1
    })
    .await;
    assert_eq!(shown(&client, "[data-testid=warranty-service-done]").await, format!("Repair of {SERIAL} recorded."));
    wait_until(60, "the repair on the portal", || async {
        desk.sandbox().state().await.expect("state").mutations.iter().any(|m| {
            matches!(&m.body, portal_api::MutationBody::RecordWarrantyService { order_id, .. } if order_id == first)
                && m.outcome == portal_api::MutationOutcome::Applied
        })
    })
    .await;
    wait_until(60, "the repair shown as the portal's", || async {
        count(&client, "[data-testid=warranty-service-pending]").await == 0
    })
    .await;

    // The second item's warranty ends in 10 days: a repair the day after is refused, naming it.
    click_in_view(&client, &format!("{second_row} [data-testid=warranty-service-open]")).await;
    let late = second_end + chrono::TimeDelta::days(1);
    type_in_view(&client, "#service-date", &late.format("%d.%m.%Y").to_string()).await;
    type_in_view(&client, "#service-notes", "Wheel bearing worn").await;
    click_in_view(&client, "[data-testid=service-submit]").await;
    wait_until(10, "the date's error", || async {
        attr(&client, "#service-date", "aria-invalid").await.as_deref() == Some("true")
    })
    .await;
    let said = shown(&client, "#service-error-serviced_on").await;
    assert!(said.contains(&second_end.format("%d/%m/%Y").to_string()), "{said}");
    assert_eq!(count(&client, "[data-testid=warranty-service]").await, 1, "nothing more was recorded");
    shot(&client, "window-warranty-service-1024x700-en.png").await;

    element(&client, "button.lang[lang=ru]").await.click().await.expect("Russian");
    wait_until(10, "the Russian words", || async {
        shown(&client, "#warranty-heading").await == "Гарантия по серийному номеру"
    })
    .await;
    assert_eq!(shown(&client, &end_cell).await, end.format("%d.%m.%Y").to_string());
    assert!(shown(&client, "#service-error-serviced_on").await.contains("Гарантия на изделие закончилась"));
    shot(&client, "window-warranty-1024x700-ru.png").await;
    element(&client, "button.lang[lang=kk]").await.click().await.expect("Kazakh");
    wait_until(10, "the Kazakh words", || async {
        shown(&client, "#warranty-heading").await == "Сериялық нөмір бойынша кепілдік"
    })
    .await;
    shot(&client, "window-warranty-1024x700-kk.png").await;

    // The row's number opens the order.
    element(&client, &format!("{row} button.link-button")).await.click().await.expect("open the order");
    element(&client, "[data-testid=order-detail]").await;
    // The dialog says "Loading…" until the order's detail arrives.
    wait_until(30, "the order's dialog titled with its number", || async {
        shown(&client, "#order-title").await.contains(&number)
    })
    .await;
    support::page::end(client).await;
}

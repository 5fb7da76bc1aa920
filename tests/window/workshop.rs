//! The real window, workshop work: an order whose item needs fitting is found by the number on
//! its label, typed as a USB scanner types it (the keys, then Enter); a fitting session with a
//! measurement is recorded, the fitted mark is refused without a serial number (the error next
//! to the field) and then recorded with one; the next sync brings both to the portal.

use crate::support;

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use portal_api::OrderStatus;
use support::Desktop;
use support::page::{attr, count, shot, text, type_into};

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

async fn wait_for(client: &Client, css: &str, secs: u64, what: &str) {
    client.wait().at_most(Duration::from_secs(secs)).for_element(Locator::Css(css)).await.expect(what);
}

/// The id of the element that has the keyboard focus.
async fn focused_id(client: &Client) -> String {
    let id =
        client.execute("return document.activeElement && document.activeElement.id", vec![]).await.expect("script");
    id.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_found_by_its_label_number_gets_a_session_and_is_marked_fitted_and_synced() {
    let desk = Desktop::start().await;
    // An order of the sandbox's demo data that waits in the workshop: something of it needs
    // fitting, it is accepted or in work, and nothing has been recorded for it.
    let state = desk.sandbox().state().await.expect("sandbox state");
    let order = state
        .orders
        .iter()
        .filter(|o| matches!(o.status, OrderStatus::Accepted | OrderStatus::InWork))
        .find(|o| o.needs_fitting() && o.fittings.is_empty() && o.fitting_sessions.is_empty())
        .expect("the demo data has an order waiting for fitting");
    let (order_id, number) = (order.id.clone(), order.number.clone());

    let client = desk.window().await;
    wait_for(&client, "[data-testid=inbox-row]", 120, "the first sync filled the inbox").await;
    client.find(Locator::Css("#tab-workshop")).await.expect("tab").click().await.expect("click");
    wait_for(&client, "[data-testid=workshop-row]", 30, "the fitting queue shows orders").await;
    let total: u64 = text(&client, "[data-testid=workshop-total]").await.trim().parse().expect("a count");
    assert!(total >= 1 && total < state.orders.len() as u64, "the queue holds only the workshop's orders: {total}");
    shot(&client, "window-workshop-queue.png").await;

    // An unknown number says so next to the field, which keeps the focus for the next scan.
    let search = client.find(Locator::Css("[data-testid=workshop-number]")).await.expect("search field");
    search.click().await.expect("focus the search field");
    search.send_keys(&format!("SO-1999-999999{ENTER}")).await.expect("scan an unknown number");
    wait_for(&client, "[data-testid=workshop-find-error]", 10, "an unknown number is reported").await;
    assert!(text(&client, "[data-testid=workshop-find-error]").await.contains("SO-1999-999999"));
    assert_eq!(attr(&client, "[data-testid=workshop-number]", "aria-invalid").await.as_deref(), Some("true"));
    assert_eq!(focused_id(&client).await, "workshop-number");

    // The label's number, scanned in lower case (a scanner with caps lock on): Enter opens it.
    type_into(&client, "[data-testid=workshop-number]", &format!("{}{ENTER}", number.to_lowercase())).await;
    let panel = format!("[data-testid=fitting-panel][data-order-id='{order_id}']");
    wait_for(&client, &panel, 10, "the order's fitting record opens").await;
    assert_eq!(focused_id(&client).await, "fitting-heading", "the focus moves to the record");
    assert!(text(&client, "#fitting-heading").await.contains(&number));

    // A session with one measurement, typed with a decimal comma.
    type_into(&client, "#session-technician", "Ерлан Сейткали").await;
    type_into(&client, "#measurement-name-0", "Stump length").await;
    type_into(&client, "#measurement-value-0", "24,5").await;
    type_into(&client, "#measurement-unit-0", "cm").await;
    type_into(&client, "#session-notes", "socket tried on").await;
    client.find(Locator::Css("[data-testid=session-submit]")).await.expect("submit").click().await.expect("click");
    wait_for(&client, "[data-testid=fitting-session]", 10, "the session is listed").await;
    assert_eq!(text(&client, "[data-testid=fitting-measurement]").await, "Stump length: 24.5 cm");

    // Marked fitted without a serial number: refused, the error under the serial numbers.
    type_into(&client, "#fitted-technician", "Ерлан Сейткали").await;
    type_into(&client, "#fitted-adjustments", "socket relined").await;
    client.find(Locator::Css("[data-testid=fitted-submit]")).await.expect("submit").click().await.expect("click");
    wait_for(&client, "[data-testid=error-serial_numbers]", 10, "the serial numbers' error is shown").await;
    assert_eq!(focused_id(&client).await, "fitted-serials", "the focus goes to the field at fault");
    let described = attr(&client, "#fitted-serials", "aria-describedby").await.unwrap_or_default();
    assert!(described.split(' ').any(|id| id == "fitted-error-serial_numbers"), "{described}");
    assert_eq!(count(&client, "[data-testid=fitted-mark]").await, 0);

    type_into(&client, "#fitted-serials", "PR-2026-0077").await;
    client.find(Locator::Css("[data-testid=fitted-submit]")).await.expect("submit").click().await.expect("click");
    wait_for(&client, "[data-testid=fitted-mark]", 10, "the fitted mark is shown").await;
    assert!(text(&client, "[data-testid=fitted-mark]").await.contains("PR-2026-0077"));
    shot(&client, "window-workshop-fitting.png").await;

    // The sync the actions woke brings both to the portal.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state = desk.sandbox().state().await.expect("sandbox state");
        let on_portal = state.order(&order_id).expect("the order");
        if let ([session], [fitting]) = (on_portal.fitting_sessions.as_slice(), on_portal.fittings.as_slice()) {
            assert_eq!(on_portal.status, OrderStatus::Fitting);
            assert_eq!(session.technician, "Ерлан Сейткали");
            assert_eq!(session.measurements.len(), 1);
            assert_eq!((session.measurements[0].value.as_str(), session.measurements[0].unit.as_str()), ("24.5", "cm"));
            assert_eq!(fitting.serial_numbers, ["PR-2026-0077"]);
            assert_eq!(fitting.adjustments, "socket relined");
            assert!(fitting.warranty_start >= fitting.fitted_on);
            break;
        }
        assert!(on_portal.fitting_sessions.len() <= 1 && on_portal.fittings.len() <= 1, "each sent once");
        assert!(Instant::now() < deadline, "the session and the fitted mark reached the portal");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // The record follows the sync: both now say they are on the portal.
    let deadline = Instant::now() + Duration::from_secs(30);
    while attr(&client, "[data-testid=fitted-mark]", "data-sync").await.as_deref() != Some("applied")
        || attr(&client, "[data-testid=fitting-session]", "data-sync").await.as_deref() != Some("applied")
    {
        assert!(Instant::now() < deadline, "the record shows the session and the mark on the portal");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    // Escape closes the record, the focus is back in the search field, and the fitted order has
    // left the queue.
    assert_eq!(focused_id(&client).await, "fitting-heading", "after the action the focus is on the record's heading");
    client.active_element().await.expect("the focused element").send_keys(ESCAPE).await.expect("Escape");
    wait_for(&client, "[data-testid=workshop-row]", 10, "the queue is back").await;
    assert_eq!(focused_id(&client).await, "workshop-number");
    let row = format!("[data-testid=workshop-row][data-order-id='{order_id}']");
    assert_eq!(count(&client, &row).await, 0, "a fitted order is no longer waiting");

    support::page::end(client).await;
}

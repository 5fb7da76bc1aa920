//! The real window: the built app under Xvfb, driven over WebDriver (tauri-driver in front of
//! WebKitWebDriver) against a portal sandbox on an ephemeral loopback port. Nothing is mocked.
//! The test fails — never skips — when a display, tauri-driver or WebKitWebDriver is missing.

use crate::support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::{Desktop, artefact_path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbox_lists_the_sandboxs_open_orders() {
    let desk = Desktop::start().await;

    // What the portal says the supplier has open, asked over its own API.
    let counts = desk.portal_client().await.order_counts().await.expect("order counts");
    assert!(counts.open > 0, "the demo data has open orders");

    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");

    // The first sync may still be running when the first rows appear: wait for the total.
    let deadline = Instant::now() + Duration::from_secs(60);
    let total = loop {
        let text = client
            .find(Locator::Css("[data-testid=inbox-total]"))
            .await
            .expect("inbox total")
            .text()
            .await
            .expect("total text");
        let shown: u64 = text.trim().replace(['\u{a0}', ' ', ','], "").parse().unwrap_or(0);
        if shown == counts.open || Instant::now() > deadline {
            break shown;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    assert_eq!(total, counts.open, "the inbox total equals the sandbox's open orders");

    let rows = client.find_all(Locator::Css("[data-testid=inbox-row]")).await.expect("rows");
    assert_eq!(rows.len() as u64, counts.open.min(50), "one page of rows");

    let connectivity = client
        .find(Locator::Css("[data-testid=connectivity]"))
        .await
        .expect("connectivity")
        .attr("data-state")
        .await
        .expect("state");
    assert_eq!(connectivity.as_deref(), Some("online"));

    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    let path = artefact_path("window-inbox.png");
    std::fs::write(&path, png).expect("save screenshot");
    println!("screenshot: {}", path.display());

    // An order a participant places now is announced after the next sync, in the window's
    // live region and on the desktop (a Notify call on the session bus).
    let notifications = desk.watch_notifications();
    let placed = desk
        .sandbox()
        .place_order(portal_sandbox::PlaceOrder { placed_at: None, fitting: None })
        .await
        .expect("a participant places an order");
    client.find(Locator::Css("button.sync-now")).await.expect("sync now").click().await.expect("click");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let region = client.find(Locator::Css(".desk-notices [role=status]")).await.expect("notices region");
        let text = region.text().await.expect("text");
        if text.contains(&placed.number) {
            assert_eq!(region.attr("aria-live").await.expect("attr").as_deref(), Some("polite"));
            break;
        }
        assert!(Instant::now() < deadline, "the new order {} is announced; the region says: {text}", placed.number);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(
        notifications.wait_for(&["Supplier Desk", &placed.number], Duration::from_secs(15)),
        "a desktop notification names the new order {}; the bus saw: {}",
        placed.number,
        notifications.seen()
    );
    std::fs::write(artefact_path("window-notification-dbus.txt"), notifications.seen()).expect("save the bus log");
    let path = artefact_path("window-notice-new-order.png");
    std::fs::write(&path, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    println!("screenshot: {}", path.display());
    // The inbox now holds one more open order.
    let counts = desk.portal_client().await.order_counts().await.expect("order counts");

    // Typing an order's number (as a barcode scanner does: the number, then Enter) finds it alone.
    let number =
        client.find(Locator::Css("[data-testid=open-order]")).await.expect("first order").text().await.expect("number");
    let search = client.find(Locator::Css("[data-testid=inbox-search]")).await.expect("search field");
    search.send_keys(&format!("{number}\u{E007}")).await.expect("type the number and Enter");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let rows = client.find_all(Locator::Css("[data-testid=open-order]")).await.expect("rows");
        let total =
            client.find(Locator::Css("[data-testid=inbox-total]")).await.expect("total").text().await.expect("text");
        if rows.len() == 1 && total.trim() == "1" {
            assert_eq!(rows[0].text().await.expect("number"), number);
            break;
        }
        assert!(Instant::now() < deadline, "the search shows only {number} ({} rows, total {total})", rows.len());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let path = artefact_path("window-inbox-search.png");
    std::fs::write(&path, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    client.find(Locator::Css("[data-testid=filters-reset]")).await.expect("reset").click().await.expect("click");
    let deadline = Instant::now() + Duration::from_secs(15);
    while client.find_all(Locator::Css("[data-testid=inbox-row]")).await.expect("rows").len() as u64
        != counts.open.min(50)
    {
        assert!(Instant::now() < deadline, "clearing the filters shows the first page again");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Switching the language re-renders the inbox in Kazakh, and the document says so.
    client.find(Locator::Css("button.lang[lang=kk]")).await.expect("Kazakh").click().await.expect("click");
    let heading = client.find(Locator::Css("#inbox-heading")).await.expect("heading").text().await.expect("text");
    assert_eq!(heading.trim(), "Кіріс тапсырыстар");
    // The rendered text of the header row (WebKitWebDriver's element text comes back empty for
    // the cells of a fixed-layout table whose cells clip their text; innerText is what shows).
    let header = client
        .execute("return document.querySelector('#panel-inbox thead').innerText", vec![])
        .await
        .expect("the header's text");
    let header = header.as_str().unwrap_or_default();
    assert!(header.contains("Алушы"), "the columns are in Kazakh: {header}");
    let lang = client.execute("return document.documentElement.lang", vec![]).await.expect("lang");
    assert_eq!(lang.as_str(), Some("kk"));
    let path = artefact_path("window-inbox-kk.png");
    std::fs::write(&path, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    println!("screenshot: {}", path.display());

    // The offerings tab lists every offering the portal holds for the supplier.
    let portal_offerings = desk.portal_offering_count().await;
    client.find(Locator::Css("#tab-offerings")).await.expect("offerings tab").click().await.expect("click");
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("[data-testid=offering-row]"))
        .await
        .expect("the offerings list shows rows");
    let offering_rows = client.find_all(Locator::Css("[data-testid=offering-row]")).await.expect("rows");
    assert_eq!(offering_rows.len(), portal_offerings);
    let path = artefact_path("window-offerings.png");
    std::fs::write(&path, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    println!("screenshot: {}", path.display());

    support::page::end(client).await;
}

//! The real window, "Change prices" on the offerings tab against the real sandbox: a rise that
//! would put the prices above their limit is refused whole with each offering listed and
//! nothing changed; a cut of 10 %, confirmed after its preview, is applied to the filtered
//! offerings and reaches the portal, and its undo brings the earlier prices back there;
//! the list's publish toggle flips an offering on the portal.

use crate::support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::Desktop;
use support::page::{element, shot, wait_until};

/// The prices on the portal of the offerings with `code` of the offering `id`'s supplier.
async fn portal_prices(desk: &Desktop, id: &str) -> Vec<(String, i64)> {
    let state = desk.sandbox().state().await.expect("state");
    let me = state.offering(id).expect("the offering on the portal");
    let mut prices: Vec<(String, i64)> = state
        .offerings
        .iter()
        .filter(|o| o.supplier_id == me.supplier_id && o.offering.classifier_code == me.offering.classifier_code)
        .map(|o| (o.offering.id.clone(), o.offering.price_tiyn))
        .collect();
    prices.sort();
    prices
}

async fn published(desk: &Desktop, id: &str) -> Option<bool> {
    desk.sandbox().state().await.expect("state").offering(id).map(|o| o.offering.published)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rise_above_the_limit_is_refused_whole_and_a_cut_reaches_the_portal() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    element(&client, "[data-testid=inbox-row]").await;
    element(&client, "#tab-offerings").await.click().await.expect("click");
    let first = element(&client, "[data-testid=offering-row]").await;
    let id = first.attr("data-offering-id").await.expect("attribute").expect("an offering id");
    let before = portal_prices(&desk, &id).await;
    let code =
        desk.sandbox().state().await.expect("state").offering(&id).expect("offering").offering.classifier_code.clone();

    element(&client, "[data-testid=bulk-price-open]").await.click().await.expect("click");
    element(&client, "#bulk-price-search").await.send_keys(&code).await.expect("type");
    element(&client, "#bulk-price-value").await.send_keys("1000").await.expect("type");
    let preview = element(&client, "[data-testid=bulk-price-preview]").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while preview.text().await.expect("text").trim().is_empty() {
        assert!(Instant::now() < deadline, "no preview");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    element(&client, "[data-testid=bulk-price-apply]").await.click().await.expect("click");
    element(&client, "[data-testid=bulk-price-refused]").await;
    let rows = client.find_all(Locator::Css("[data-testid=bulk-price-refused-row]")).await.expect("rows");
    assert_eq!(rows.len(), before.len(), "every offering of {code} would go above its limit");
    assert_eq!(portal_prices(&desk, &id).await, before, "nothing changed");
    assert!(rows[0].is_displayed().await.expect("displayed"));
    shot(&client, "window-prices-refused.png").await;

    let value = element(&client, "#bulk-price-value").await;
    value.clear().await.expect("clear");
    value.send_keys("-10").await.expect("type");
    // The preview lists each price before and after; Apply asks first.
    wait_until(20, "the preview's steps", || async {
        client.find_all(Locator::Css("[data-testid=bulk-price-step]")).await.expect("steps").len() == before.len()
    })
    .await;
    element(&client, "[data-testid=bulk-price-apply]").await.click().await.expect("click");
    let confirm = element(&client, "[data-testid=bulk-price-confirm]").await;
    shot(&client, "window-prices-confirm.png").await;
    confirm.click().await.expect("confirm");
    let expected: Vec<(String, i64)> = before.iter().map(|(id, p)| (id.clone(), (p * 9 + 5) / 10)).collect();
    let deadline = Instant::now() + Duration::from_secs(60);
    while portal_prices(&desk, &id).await != expected {
        assert!(Instant::now() < deadline, "the cut did not reach the portal: {:?}", portal_prices(&desk, &id).await);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let done = element(&client, "[data-testid=bulk-price-done]").await.text().await.expect("text");
    assert!(done.chars().any(|c| c.is_ascii_digit()), "{done}");
    // Nothing can apply it a second time: the form is locked, Apply is gone, Undo is offered.
    assert!(client.find(Locator::Css("[data-testid=bulk-price-apply]")).await.is_err(), "no second Apply");
    shot(&client, "window-prices-applied.png").await;

    // Undo puts the earlier prices back, as new changes the portal takes.
    element(&client, "[data-testid=bulk-price-undo]").await.click().await.expect("undo");
    let deadline = Instant::now() + Duration::from_secs(60);
    while portal_prices(&desk, &id).await != before {
        assert!(Instant::now() < deadline, "the undo did not reach the portal: {:?}", portal_prices(&desk, &id).await);
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Unpublished from the list with one click; the portal hears it.
    let was = published(&desk, &id).await.expect("the offering on the portal");
    element(&client, "[data-testid=bulk-price-close]").await.click().await.expect("click");
    // The list is inert while the dialog is open: wait until it has gone.
    wait_until(20, "the dialog to close", || async {
        client.find(Locator::Css("[data-testid=bulk-price]")).await.is_err()
    })
    .await;
    let toggle = format!("[data-offering-id='{id}'] [data-testid=offering-toggle-published]");
    // The list is wider than the window: the toggle's column is scrolled to as a person would.
    let toggle = element(&client, &toggle).await;
    let arg = serde_json::to_value(&toggle).expect("the element as a script argument");
    client
        .execute("arguments[0].scrollIntoView({ block: 'center', inline: 'center' });", vec![arg])
        .await
        .expect("scroll to the toggle");
    toggle.click().await.expect("click");
    let deadline = Instant::now() + Duration::from_secs(60);
    while published(&desk, &id).await != Some(!was) {
        assert!(Instant::now() < deadline, "the publish toggle did not reach the portal");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    support::page::end(client).await;
}

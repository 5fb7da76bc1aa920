//! The real window with a delivery photo: the courier picks a photo file in the delivery form
//! (the file input set over WebDriver with the file's absolute path), sees its thumbnail and the
//! count, records the delivery, and the portal ends up holding the photo byte for byte with the
//! delivery naming it.

use crate::support;

use std::time::Duration;

use fantoccini::Locator;
use support::page::{attr, digits, element, type_into, wait_until};
use support::{Desktop, artefact_path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_chosen_in_the_delivery_form_reaches_the_portal() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");
    let order_id = attr(&client, "[data-testid=inbox-row]", "data-order-id").await.expect("an order id");
    element(&client, "[data-testid=open-order]").await.click().await.expect("click");
    element(&client, "[data-testid=action-accept]").await.click().await.expect("click");
    wait_until(60, "the acceptance to reach the portal", || async {
        desk.sandbox().state().await.expect("state").order(&order_id).map(|o| o.status.as_str()) == Some("accepted")
    })
    .await;

    // A small photo file: JPEG magic bytes and some content.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("handover.jpg");
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..50_000u32).map(|i| (i % 253) as u8));
    std::fs::write(&path, &bytes).expect("write the photo");

    element(&client, "[data-testid=action-record-delivery]").await.click().await.expect("click");
    // The place starts from the participant's address: replaced here.
    type_into(&client, "#delivery-place", "Талдықорған, Жансүгіров к-сі 12").await;
    element(&client, "#delivery-photos")
        .await
        .send_keys(path.to_str().expect("a UTF-8 path"))
        .await
        .expect("set the file input");
    wait_until(30, "the photo to be counted", || async {
        let count = client.find(Locator::Css("[data-testid=delivery-photo-count]")).await.expect("count");
        digits(&count.text().await.expect("text")) == "1"
    })
    .await;
    let thumb = attr(&client, ".thumbs img", "src").await.expect("a thumbnail");
    assert!(
        thumb.starts_with("data:image/jpeg;base64,"),
        "the thumbnail comes from the bytes: {}",
        &thumb[..40.min(thumb.len())]
    );
    let shot = artefact_path("window-delivery-photo.png");
    std::fs::write(&shot, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    element(&client, "[data-testid=delivery-submit]").await.click().await.expect("click");

    wait_until(90, "the delivery with its photo on the portal", || async {
        desk.sandbox().state().await.expect("state").order(&order_id).is_some_and(|o| o.deliveries.len() == 1)
    })
    .await;
    let order = desk.sandbox().state().await.expect("state").order(&order_id).cloned().expect("order");
    assert_eq!(order.deliveries[0].photos.len(), 1, "the delivery names one photo");
    let held = desk.sandbox().attachment(&order.deliveries[0].photos[0]).await.expect("read");
    assert_eq!(held, Some(bytes), "the portal holds the photo exactly");
    wait_until(30, "the order detail to count the delivery photo", || async {
        match client.find(Locator::Css("[data-testid=order-detail] [data-testid=delivery-photo-count]")).await {
            Ok(e) => digits(&e.text().await.unwrap_or_default()) == "1",
            Err(_) => false,
        }
    })
    .await;
    support::page::end(client).await;
}

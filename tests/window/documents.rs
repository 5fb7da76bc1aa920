//! The real window's order documents: the label is printed for a placed order, the act of
//! delivery is disabled until a delivery is recorded and then made; each PDF lands in the data
//! dir's `documents/` folder, the status line says so, and the file holds the order's number.

use crate::support;

use std::time::Duration;

use fantoccini::{Client, Locator};
use support::page::{click_in_view, element, pdf_text, text, type_into, wait_until};
use support::{Desktop, artefact_path};

async fn enabled(client: &Client, css: &str) -> bool {
    element(client, css).await.is_enabled().await.expect("enabled")
}

/// The path in the saved message's tooltip, once the message shows.
async fn saved_name(client: &Client) -> String {
    match client.find(Locator::Css("[data-testid=document-saved-name]")).await {
        Ok(name) => name.attr("title").await.ok().flatten().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_label_and_the_act_of_delivery_are_saved_from_the_order_dialog() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");
    let number = text(&client, "[data-testid=open-order]").await;
    element(&client, "[data-testid=open-order]").await.click().await.expect("click");

    // A placed order: the label can be printed, the acts cannot yet.
    assert!(!enabled(&client, "[data-testid=document-delivery_act]").await);
    assert!(!enabled(&client, "[data-testid=document-fitting_act]").await);
    click_in_view(&client, "[data-testid=document-order_label]").await;
    let documents = desk.data_dir.path().join("desk").join("documents");
    let label = documents.join(format!("label-{number}-en.pdf"));
    wait_until(30, "the label's saved message", || async {
        saved_name(&client).await.ends_with(&format!("documents/label-{number}-en.pdf"))
    })
    .await;
    assert!(pdf_text(&label).contains(&number), "the label names the order");

    // Accept, record the delivery: the act of delivery becomes available and is made.
    element(&client, "[data-testid=action-accept]").await.click().await.expect("click");
    // The button appears with the accepted order and is enabled once the acceptance settles.
    wait_until(30, "the delivery form's button", || async {
        enabled(&client, "[data-testid=action-record-delivery]").await
    })
    .await;
    element(&client, "[data-testid=action-record-delivery]").await.click().await.expect("click");
    // The place starts from the participant's address: replaced here.
    type_into(&client, "#delivery-place", "Көкшетау, Абай к-сі 3").await;
    element(&client, "#delivery-serials").await.send_keys("WC-2026-0007").await.expect("type");
    element(&client, "[data-testid=delivery-submit]").await.click().await.expect("click");
    // The form closes and the dialog shows the delivered order before the act is clicked: a
    // click while the form is collapsing lands where the button no longer is.
    wait_until(30, "the delivered order with the act of delivery offered", || async {
        let delivered = element(&client, "[data-testid=order-detail]").await.attr("data-status").await.expect("status")
            == Some("delivered".into());
        let form_closed = client.find(Locator::Css("#delivery-place")).await.is_err();
        delivered && form_closed && enabled(&client, "[data-testid=document-delivery_act]").await
    })
    .await;
    click_in_view(&client, "[data-testid=document-delivery_act]").await;
    wait_until(30, "the act's saved message", || async {
        saved_name(&client).await.ends_with(&format!("documents/act-delivery-{number}-en.pdf"))
    })
    .await;
    let act = pdf_text(&documents.join(format!("act-delivery-{number}-en.pdf")));
    assert!(act.contains(&number) && act.contains("WC-2026-0007") && act.contains("Көкшетау, Абай к-сі 3"), "{act}");

    // Open hands the act to the OS's viewer (here the test's opener on PATH, which notes it).
    click_in_view(&client, "[data-testid=document-saved-open]").await;
    let act_path = documents.join(format!("act-delivery-{number}-en.pdf")).canonicalize().expect("the act");
    wait_until(30, "the act handed to the OS's opener", || async {
        desk.opened().lines().any(|line| std::path::Path::new(line) == act_path)
    })
    .await;

    let shot = artefact_path("window-documents.png");
    std::fs::write(&shot, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    println!("screenshot: {}", shot.display());
    support::page::end(client).await;
}

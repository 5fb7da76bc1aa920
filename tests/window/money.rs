//! The real window, Money at 1024×700: a delivered order is owed (awaiting confirmation); once the
//! participant confirms it is owed within the term; the sandbox's clock moves past the payment
//! term and the paying office's payment arrives: the order leaves what is owed, and the payment,
//! with its number, lists it; the order screen shows the payment. The claim letter lists the
//! orders shown late (pdftotext). Screenshots in en, ru and kk.

use crate::support;

use std::time::Duration;

use chrono::TimeDelta;
use fantoccini::{Client, Locator};
use portal_sandbox::{Hours, ParticipantBehaviour};
use support::Desktop;
use support::page::{attr, click_in_view, element, pdf_text, set_size, shot, wait_until};

/// The bucket the owed row of `order_id` shows, or None when the order is not owed (or the list
/// is not shown yet).
async fn owed_bucket(client: &Client, order_id: &str) -> Option<String> {
    let css = format!("[data-testid=money-owed-row][data-order-id='{order_id}']");
    let row = client.find(Locator::Css(&css)).await.ok()?;
    row.attr("data-bucket").await.ok().flatten()
}

/// The order numbers of the owed rows in a late bucket.
async fn late_numbers(client: &Client) -> Vec<String> {
    let v = client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=money-owed-row]'))
                .filter(r => r.dataset.bucket.startsWith('late'))
                .map(r => r.querySelector('th').innerText.trim())",
            vec![],
        )
        .await
        .expect("rows");
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivered_order_is_owed_until_its_payment_arrives() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    set_size(&client, 1024, 700).await;
    let state = desk.sandbox().state().await.expect("state");
    let delivered = state
        .orders
        .iter()
        .find(|o| o.status == portal_api::OrderStatus::Delivered)
        .expect("the demo has a delivered order")
        .clone();

    element(&client, "#tab-money").await.click().await.expect("the Money tab");
    wait_until(60, "the delivered order owed, awaiting confirmation", || async {
        owed_bucket(&client, &delivered.id).await.as_deref() == Some("awaiting_confirmation")
    })
    .await;
    shot(&client, "window-money-1024x700-en.png").await;

    // The claim letter lists the late ones (the demo's partly paid and reversed orders).
    let late = late_numbers(&client).await;
    assert!(!late.is_empty(), "the demo history leaves some payments late");
    click_in_view(&client, "[data-testid=money-claim]").await;
    let documents = desk.data_dir.path().join("desk").join("documents");
    wait_until(30, "the claim letter saved", || async {
        client.find(Locator::Css("[data-testid=money-claim-file]")).await.is_ok()
    })
    .await;
    let claim = std::fs::read_dir(&documents)
        .expect("documents")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("claim-") && n.ends_with("-en.pdf"))
        })
        .expect("the claim letter in documents/");
    let text = pdf_text(&claim);
    for number in &late {
        assert!(text.contains(number.as_str()), "the claim letter lists {number}:\n{text}");
    }

    // The participant confirms: owed within the term.
    desk.sandbox().participant_confirms(&delivered.id).await.expect("confirm");
    wait_until(60, "the order owed within the term", || async {
        owed_bucket(&client, &delivered.id).await.as_deref() == Some("within_term")
    })
    .await;

    // Past the payment term, the paying office pays the confirmed orders in one payment order.
    desk.sandbox()
        .set_participant_behaviour(ParticipantBehaviour {
            active: true,
            cancel_share: 0.0,
            refuse_share: 0.0,
            pay_after: Hours { min: 24, max: 48 },
            late_share: 0.0,
            partial_share: 0.0,
            reverse_share: 0.0,
            ..ParticipantBehaviour::default()
        })
        .expect("behaviour");
    desk.sandbox().advance_clock(TimeDelta::days(16)).await.expect("advance the clock");
    let report = desk.sandbox().tick().await.expect("tick");
    assert!(report.participants.paid.contains(&delivered.id), "{report:?}");
    let state = desk.sandbox().state().await.expect("state");
    let payment = state
        .payments
        .iter()
        .find(|p| p.lines.iter().any(|l| l.order_id == delivered.id))
        .expect("the payment of the order")
        .clone();

    wait_until(60, "the order no longer owed", || async {
        client.find(Locator::Css("[data-testid=money-owed-row]")).await.is_ok()
            && owed_bucket(&client, &delivered.id).await.is_none()
    })
    .await;
    element(&client, "[data-testid=money-list-payments]").await.click().await.expect("payments");
    let row =
        format!("[data-testid=money-payment-row][data-number='{}'] [data-testid=money-payment-orders]", payment.number);
    let covered = attr(&client, &row, "title").await.expect("the payment is listed");
    assert!(covered.contains(&delivered.number), "{covered}");
    shot(&client, "window-money-payments-1024x700-en.png").await;

    // The order screen shows the payment by its number.
    element(&client, "#tab-inbox").await.click().await.expect("inbox");
    element(&client, "[data-testid=filter-open-only]").await.click().await.expect("closed orders too");
    let search = client.find(Locator::Css("[data-testid=inbox-search]")).await.expect("search field");
    search.send_keys(&format!("{}\u{E007}", delivered.number)).await.expect("type the number and Enter");
    wait_until(30, "the paid order found", || async {
        // Read in one script: the rows are replaced while the search narrows them.
        let first = client
            .execute("return document.querySelector('[data-testid=inbox-row]')?.dataset.orderId ?? null", vec![])
            .await
            .expect("script");
        first.as_str() == Some(delivered.id.as_str())
    })
    .await;
    element(&client, "[data-testid=open-order]").await.click().await.expect("open");
    let paid = format!("[data-testid=order-payment][data-number='{}']", payment.number);
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(&paid))
        .await
        .expect("the payment on the order");
    client.active_element().await.expect("the focus").send_keys("\u{E00C}").await.expect("Esc closes the order");
    wait_until(10, "the order closed", || async { client.find(Locator::Css(&paid)).await.is_err() }).await;

    for lang in ["ru", "kk"] {
        element(&client, &format!("button.lang[lang={lang}]")).await.click().await.expect("language");
        element(&client, "#tab-money").await.click().await.expect("the Money tab");
        element(&client, "[data-testid=money-list-owed]").await.click().await.expect("owed");
        element(&client, "[data-testid=money-owed-row]").await;
        shot(&client, &format!("window-money-1024x700-{lang}.png")).await;
    }
    support::page::end(client).await;
}

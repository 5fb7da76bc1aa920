//! The real window, Today at 1024×700: the manager opens on their day — the orders whose
//! acceptance window closes within 24 hours (as many as the portal holds), what is overdue, money
//! due and received this week, refused changes — and a row opens its order. In en, ru and kk.

use crate::support;

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use fantoccini::Locator;
use support::page::{attr, digits, element, set_size, shot, text, wait_until};
use support::{Desktop, STAFF_PASSWORD, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manager_opens_on_their_day() {
    let desk = Desktop::start().await;
    desk.add_staff("manager", desk_core::access::Role::Manager);
    let client = desk.window_signed_out().await;
    set_size(&client, 1024, 700).await;
    sign_in(&client, "manager", STAFF_PASSWORD).await;
    client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("[data-testid=today-accept_soon]"))
        .await
        .expect("the day's first part");
    assert_eq!(attr(&client, "#tab-today", "aria-selected").await.as_deref(), Some("true"), "Today comes first");

    // As many to accept within 24 hours as the portal holds (none is that close to the edge).
    let state = desk.sandbox().state().await.expect("state");
    let now = Utc::now();
    let soon = state
        .orders
        .iter()
        .filter(|o| {
            o.status == portal_api::OrderStatus::Placed
                && o.accept_by >= now
                && o.accept_by < now + TimeDelta::hours(24)
        })
        .count();
    assert!(soon > 0, "the demo has orders near their acceptance deadline");
    wait_until(60, "the count of orders to accept within 24 hours", || async {
        digits(&text(&client, "[data-testid=today-accept_soon-count]").await) == soon.to_string()
    })
    .await;
    element(&client, "[data-testid=today-money-due]").await;
    element(&client, "[data-testid=today-conflicts]").await;
    shot(&client, "window-today-1024x700-en.png").await;

    // A row opens its order.
    let first =
        attr(&client, "[data-testid=today-accept_soon] [data-testid=today-row]", "data-order-id").await.expect("a row");
    element(&client, "[data-testid=today-accept_soon] [data-testid=today-row] button")
        .await
        .click()
        .await
        .expect("open");
    let dialog = format!("[data-testid=order-detail][data-order-id='{first}']");
    client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(&dialog)).await.expect("the order open");
    client.active_element().await.expect("focus").send_keys("\u{E00C}").await.expect("Esc");
    wait_until(10, "the order closed", || async {
        client.find(Locator::Css("[data-testid=order-detail]")).await.is_err()
    })
    .await;

    for lang in ["ru", "kk"] {
        element(&client, &format!("button.lang[lang={lang}]")).await.click().await.expect("language");
        element(&client, "[data-testid=today-accept_soon]").await;
        shot(&client, &format!("window-today-1024x700-{lang}.png")).await;
    }
    support::page::end(client).await;
}

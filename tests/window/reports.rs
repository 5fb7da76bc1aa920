//! The real window, the Reports tab at 1024×700 with the demo data: over the last 12 months the
//! orders table's total received is the number of orders the portal holds placed in those days
//! (Kazakhstan's calendar), the charts are drawn on their canvases, the report saves as a
//! spreadsheet, last month's report saves as PDF with the portal's count of that month's orders,
//! and nothing scrolls sideways; in English, Russian and Kazakh.

use crate::support;

use std::time::Duration;

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Utc};
use fantoccini::{Client, Locator};
use support::Desktop;
use support::page::{attr, element, pdf_text, set_size, shot, shown, wait_until};

/// Whether the canvas inside `css` has a pixel drawn.
async fn drawn(client: &Client, css: &str) -> bool {
    let v = client
        .execute(
            "const c = document.querySelector(arguments[0] + ' canvas');
             if (!c || c.width === 0) return false;
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
             return false;",
            vec![serde_json::json!(css)],
        )
        .await
        .expect("read the canvas");
    v.as_bool() == Some(true)
}

/// Whether the page or the reports panel scrolls sideways.
async fn scrolls_sideways(client: &Client) -> bool {
    let v = client
        .execute(
            "const p = document.querySelector('section.reports');
             return document.documentElement.scrollWidth > window.innerWidth || p.scrollWidth > p.clientWidth;",
            vec![],
        )
        .await
        .expect("widths");
    v.as_bool() != Some(false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_12_months_count_the_portals_orders_and_draw_their_charts() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the first sync filled the inbox");
    set_size(&client, 1024, 700).await;

    // This supplier's orders on the portal placed from the first day of the month 11 months ago
    // to today, in Kazakhstan's days (UTC+5), as the "last 12 months" period covers them.
    let first = element(&client, "[data-testid=inbox-row]").await;
    let some_order = first.attr("data-order-id").await.expect("attribute").expect("an order id");
    let state = desk.sandbox().state().await.expect("state");
    let supplier = state.order(&some_order).expect("the order on the portal").supplier_id.clone();
    let today = (Utc::now() + TimeDelta::hours(5)).date_naive();
    let from = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(11)))
        .expect("a date");
    let expected = state
        .orders
        .iter()
        .filter(|o| o.supplier_id == supplier)
        .filter(|o| (from..=today).contains(&(o.placed_at + TimeDelta::hours(5)).date_naive()))
        .count();
    assert!(expected > 0, "the demo data has orders in the last 12 months");

    element(&client, "#tab-reports").await.click().await.expect("reports tab");
    element(&client, "[data-testid=reports-preset]").await.select_by_value("last_12_months").await.expect("period");
    let total = "[data-testid=reports-received-total]";
    wait_until(30, "the report of the last 12 months", || async {
        attr(&client, total, "data-count").await.as_deref() == Some(expected.to_string().as_str())
    })
    .await;
    assert_eq!(count_rows(&client).await, 12, "one row a month");
    wait_until(10, "the charts drawn", || async {
        drawn(&client, "[data-testid=reports-orders-chart]").await
            && drawn(&client, "[data-testid=reports-revenue-chart]").await
    })
    .await;
    assert!(!scrolls_sideways(&client).await, "the Reports tab fits 1024 px");
    shot(&client, "window-reports-1024x700-en.png").await;
    client
        .execute("document.querySelector('[data-testid=reports-declines]').scrollIntoView()", vec![])
        .await
        .expect("scroll");
    shot(&client, "window-reports-1024x700-en-tables.png").await;

    // The tables as a spreadsheet.
    element(&client, "[data-testid=reports-export]").await.click().await.expect("export");
    element(&client, "[data-testid=reports-exported]").await;

    // Last month's report as PDF (the month the picker offers first): its count of orders
    // received is the portal's for that month.
    let month_start = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(1)))
        .expect("a date");
    let month_end = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).expect("a date") - TimeDelta::days(1);
    let in_month = state
        .orders
        .iter()
        .filter(|o| o.supplier_id == supplier)
        .filter(|o| (month_start..=month_end).contains(&(o.placed_at + TimeDelta::hours(5)).date_naive()))
        .count();
    let month_label = month_start.format("%Y-%m").to_string();
    let chosen = client
        .execute("return document.querySelector('[data-testid=reports-month]').value", vec![])
        .await
        .expect("the chosen month");
    assert_eq!(chosen.as_str(), Some(month_label.as_str()));
    element(&client, "[data-testid=reports-month-pdf]").await.click().await.expect("month PDF");
    let pdf = desk.data_dir.path().join("desk").join("documents").join(format!("report-{month_label}-en.pdf"));
    wait_until(30, "the monthly report saved", || async { pdf.exists() }).await;
    element(&client, "[data-testid=reports-exported]").await;
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let title = format!("Monthly report: {} {}", month_start.format("%B"), month_start.year());
    assert!(text.contains(&title), "{title} in:\n{text}");
    assert!(text.contains(&format!("Received {in_month}")), "{in_month} orders received in:\n{text}");

    // By week: the same orders, in 53 or so rows.
    element(&client, "[data-testid=reports-grain-week]").await.click().await.expect("by week");
    wait_until(30, "the report by week", || async { count_rows(&client).await > 12 }).await;
    assert_eq!(attr(&client, total, "data-count").await, Some(expected.to_string()));
    element(&client, "[data-testid=reports-grain-month]").await.click().await.expect("by month");
    wait_until(30, "the report by month", || async { count_rows(&client).await == 12 }).await;

    element(&client, "button.lang[lang=ru]").await.click().await.expect("Russian");
    wait_until(10, "the Russian words", || async { shown(&client, "#reports-heading").await == "Отчёты" }).await;
    assert!(!scrolls_sideways(&client).await, "the Russian words fit 1024 px");
    shot(&client, "window-reports-1024x700-ru.png").await;
    element(&client, "button.lang[lang=kk]").await.click().await.expect("Kazakh");
    wait_until(10, "the Kazakh words", || async { shown(&client, "#reports-heading").await == "Есептер" }).await;
    assert!(!scrolls_sideways(&client).await, "the Kazakh words fit 1024 px");
    shot(&client, "window-reports-1024x700-kk.png").await;
    support::page::end(client).await;
}

async fn count_rows(client: &Client) -> usize {
    client.find_all(Locator::Css("[data-testid=reports-orders-row]")).await.map(|r| r.len()).unwrap_or(0)
}

//! The desk fits a working day's window: at 1280×800 and at 1024×700, in Kazakh, Russian and
//! English, the inbox and the offerings show enough rows to work from, no screen scrolls
//! sideways, the columns people decide by are never cut, and an order's dialog keeps its
//! buttons in view. Measured in the real window; screenshots of each size and language.

use crate::support;

use fantoccini::Client;
use serde_json::Value;
use support::Desktop;
use support::page::{count, element, set_size, shot, wait_until};

/// What a screen looks like now: rows of `rows` wholly visible in the main area, and how far
/// the page and the main area could scroll sideways.
#[derive(Debug)]
struct Fit {
    visible_rows: u64,
    page_overflow: i64,
    main_overflow: i64,
}

async fn fit(client: &Client, rows: &str) -> Fit {
    let script = r#"
        const rows = [...document.querySelectorAll(arguments[0])];
        const main = document.querySelector('main');
        const box = main.getBoundingClientRect();
        const bottom = Math.min(window.innerHeight, box.bottom);
        const visible = rows.filter((r) => {
            const b = r.getBoundingClientRect();
            return b.height > 0 && b.top >= box.top && b.bottom <= bottom + 0.5;
        }).length;
        const de = document.documentElement;
        return [visible, de.scrollWidth - de.clientWidth, main.scrollWidth - main.clientWidth];
    "#;
    let v = client.execute(script, vec![Value::from(rows)]).await.expect("measure the screen");
    let n = |i: usize| v[i].as_i64().expect("a number");
    Fit { visible_rows: n(0) as u64, page_overflow: n(1), main_overflow: n(2) }
}

/// The cells of the first inbox row that must never be cut: how much of each one's text does
/// not fit (0 when it all shows). A participant's name may end in an ellipsis, but its column
/// keeps 10 rem.
async fn cut_cells(client: &Client) -> Vec<(String, i64)> {
    let script = r#"
        const row = document.querySelector('[data-testid=inbox-row]');
        const cells = [...row.children];
        const keep = { 0: 'number', 2: 'participant', 5: 'total', 6: 'deadline' };
        return Object.entries(keep).map(([i, name]) => {
            const c = cells[Number(i)];
            const w = c.getBoundingClientRect().width;
            if (name === 'participant') return [name, w < 160 ? 160 - Math.round(w) : 0];
            return [name, w < 40 ? 999 : c.scrollWidth - c.clientWidth];
        });
    "#;
    let v = client.execute(script, vec![]).await.expect("measure the cells");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|pair| (pair[0].as_str().expect("name").to_owned(), pair[1].as_i64().expect("overflow")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_fits_1024_by_700_and_shows_a_working_page_of_rows_in_each_language() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    element(&client, "[data-testid=inbox-row]").await;
    let open = desk.portal_client().await.order_counts().await.expect("order counts").open;
    wait_until(60, "the first page of the inbox", || async {
        count(&client, "[data-testid=inbox-row]").await as u64 == open.min(50)
    })
    .await;
    let offerings = desk.portal_offering_count().await as u64;

    for (width, height, want) in [(1280, 800, 15), (1024, 700, 8)] {
        set_size(&client, width, height).await;
        for lang in ["kk", "ru", "en"] {
            client
                .find(fantoccini::Locator::Css(&format!("button.lang[lang={lang}]")))
                .await
                .expect("lang")
                .click()
                .await
                .expect("click");
            client.find(fantoccini::Locator::Css("#tab-inbox")).await.expect("inbox tab").click().await.expect("click");
            element(&client, "#panel-inbox [data-testid=inbox-row]").await;
            let inbox = fit(&client, "#panel-inbox [data-testid=inbox-row]").await;
            println!("{width}×{height} {lang}: inbox {inbox:?}");
            shot(&client, &format!("window-fit-{width}x{height}-{lang}-inbox.png")).await;
            assert!(inbox.visible_rows >= want.min(open), "{width}×{height} {lang}: inbox rows in view: {inbox:?}");
            assert!(
                inbox.page_overflow <= 0 && inbox.main_overflow <= 0,
                "{width}×{height} {lang}: the inbox scrolls sideways: {inbox:?}"
            );
            for (cell, cut) in cut_cells(&client).await {
                assert!(cut <= 0, "{width}×{height} {lang}: the {cell} column is cut by {cut} px");
            }

            // Every other screen the manager has: none scrolls sideways.
            let tabs: Vec<String> = client
                .execute("return [...document.querySelectorAll('nav.rail [role=tab]')].map((t) => t.id)", vec![])
                .await
                .expect("tabs")
                .as_array()
                .expect("an array")
                .iter()
                .map(|v| v.as_str().expect("id").to_owned())
                .collect();
            assert!(tabs.len() >= 4, "the navigation lists the screens: {tabs:?}");
            for tab in &tabs {
                client
                    .find(fantoccini::Locator::Css(&format!("#{tab}")))
                    .await
                    .expect("tab")
                    .click()
                    .await
                    .expect("click");
                tokio::time::sleep(std::time::Duration::from_millis(400)).await;
                let screen = fit(&client, "tr").await;
                shot(&client, &format!("window-fit-{width}x{height}-{lang}-{}.png", tab.trim_start_matches("tab-")))
                    .await;
                assert!(
                    screen.page_overflow <= 0 && screen.main_overflow <= 0,
                    "{width}×{height} {lang}: {tab} scrolls sideways: {screen:?}"
                );
                if tab == "tab-offerings" {
                    element(&client, "[data-testid=offering-row]").await;
                    let rows = fit(&client, "[data-testid=offering-row]").await;
                    println!("{width}×{height} {lang}: offerings {rows:?}");
                    shot(&client, &format!("window-fit-{width}x{height}-{lang}-offerings.png")).await;
                    assert!(
                        rows.visible_rows >= want.min(offerings),
                        "{width}×{height} {lang}: offerings in view: {rows:?} of {offerings}"
                    );
                    // The offering's name keeps room to be read (its code is beside it).
                    let name = client
                        .execute(
                            "return document.querySelector('[data-testid=offering-row]').children[1].getBoundingClientRect().width",
                            vec![],
                        )
                        .await
                        .expect("the name cell");
                    let name = name.as_f64().expect("a width");
                    assert!(name >= 140.0, "{width}×{height} {lang}: the name column is {name} px wide");
                }
            }
        }
    }

    // An order's dialog at 1024×700: it fits the window, and its action buttons are in view
    // when it opens.
    client.find(fantoccini::Locator::Css("#tab-inbox")).await.expect("inbox tab").click().await.expect("click");
    element(&client, "[data-testid=open-order]").await.click().await.expect("open the first order");
    element(&client, "[data-testid=order-detail] .action-buttons button").await;
    let v = client
        .execute(
            r#"const d = document.querySelector('[data-testid=order-detail]').getBoundingClientRect();
               const b = document.querySelector('[data-testid=order-detail] .action-buttons button').getBoundingClientRect();
               return [d.top, d.bottom, b.top, b.bottom, window.innerHeight];"#,
            vec![],
        )
        .await
        .expect("measure the dialog");
    let f = |i: usize| v[i].as_f64().expect("a number");
    assert!(f(0) >= 0.0 && f(1) <= f(4), "the dialog fits the window: {v}");
    assert!(f(2) >= f(0) && f(3) <= f(1), "the first action is in view when the order opens: {v}");
    shot(&client, "window-fit-1024x700-en-order.png").await;
    support::page::end(client).await;
}

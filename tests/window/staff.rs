//! The real window, staff sign-in: a workshop technician's wrong password is refused with a
//! clear message next to the field and counted in the desk's records; with the right one the
//! technician reaches the fitting queue and nothing else — the other tabs are not there, and a
//! command of another role called from the page anyway is refused by the app.

use crate::support;

use std::time::Duration;

use desk_core::access::Role;
use fantoccini::Locator;
use support::page::{shot, text};
use support::{Desktop, STAFF_PASSWORD, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workshop_technician_reaches_only_the_fitting_queue_and_a_wrong_password_is_refused_and_counted() {
    let desk = Desktop::start().await;
    desk.add_staff("tech", Role::Workshop);
    let client = desk.window_signed_out().await;
    // The sign-in screen speaks the three languages too; this test reads its English.
    let english = client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("button.lang[lang=en]"))
        .await
        .expect("the language switcher on the sign-in screen");
    english.click().await.expect("English");

    sign_in(&client, "tech", "not the password").await;
    let error = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-testid='error-password']"))
        .await
        .expect("the refusal is shown next to the password");
    let message = error.text().await.expect("text");
    assert!(message.contains("Wrong user name or password. Refused attempts in a row: 1."), "{message}");
    let invalid = client.find(Locator::Css("#session-password")).await.expect("field");
    assert_eq!(invalid.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    shot(&client, "window-sign-in-refused.png").await;
    // Counted and audited in the desk's own store.
    let store = support::desk_vault::open_store(&desk.desk_dir());
    assert_eq!(store.refused_sign_ins("tech").expect("count"), 1);

    sign_in(&client, "tech", STAFF_PASSWORD).await;
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-testid=today-fittings]"))
        .await
        .expect("their day: the fittings due this week");
    let tabs = client.find_all(Locator::Css("nav.rail [role='tab']")).await.expect("tabs");
    let mut ids = Vec::new();
    for tab in tabs {
        ids.push(tab.attr("id").await.expect("id").unwrap_or_default());
    }
    assert_eq!(
        ids,
        ["tab-today", "tab-mywork", "tab-workshop", "tab-warranty"],
        "a workshop technician sees their day, their own work, the fitting queue and the warranty register only"
    );
    // Their day is their first screen.
    assert_eq!(
        client
            .find(Locator::Css("#tab-today"))
            .await
            .expect("tab")
            .attr("aria-selected")
            .await
            .expect("attr")
            .as_deref(),
        Some("true")
    );
    for panel in ["#panel-inbox", "#panel-offerings", "#panel-staff", "#panel-audit", "#panel-conflicts"] {
        assert!(client.find(Locator::Css(panel)).await.is_err(), "{panel} is not in the window");
    }
    let who = text(&client, "[data-testid='session-user']").await;
    assert!(who.contains("tech"), "{who}");
    // Refused attempts since the last sign-in are told to the person signing in.
    let told = text(&client, "[data-testid='refused-before']").await;
    assert!(told.contains('1'), "{told}");
    shot(&client, "window-workshop-technician.png").await;

    // Hidden is not all: the app itself refuses what the role does not cover.
    let refusal = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('inbox_page', { query: { open_only: true, offset: 0, limit: 5 } })
               .then(() => done('allowed'), (e) => done(e.code + ': ' + e.message));",
            vec![],
        )
        .await
        .expect("script");
    let refusal = refusal.as_str().unwrap_or_default().to_owned();
    assert!(refusal.starts_with("forbidden: a workshop may not do this (InboxPage)"), "{refusal}");
    let queue = client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('workshop_queue', { offset: 0, limit: 5 })
               .then((q) => done('total ' + q.total), (e) => done(e.code));",
            vec![],
        )
        .await
        .expect("script");
    assert!(queue.as_str().unwrap_or_default().starts_with("total "), "{queue}");

    support::page::end(client).await;
}

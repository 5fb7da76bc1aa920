//! Every word in the person's language: a walk through the window's error paths in Russian and
//! in Kazakh — a decline without a reason, a price above the limit, an impossible date, the sync
//! with the portal gone — finds no message in Latin letters (the names of file formats aside).

use crate::support;

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use support::Desktop;
use support::page::{element, shot, shown, type_into, wait_until};

/// Words of Latin letters a message may hold in any language: file formats.
const ALLOWED: [&str; 4] = ["PDF", "CSV", "XLSX", "Excel"];

/// The words of `text` written in Latin letters, other than the allowed ones.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !ALLOWED.contains(w) && !w.starts_with("SO-"))
        .map(str::to_owned)
        .collect()
}

async fn escape(client: &Client) {
    client.active_element().await.expect("focus").send_keys(&Key::Escape.to_string()).await.expect("Esc");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_error_path_speaks_english_in_the_russian_or_kazakh_window() {
    let mut desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");
    let mut seen: Vec<(String, String, String)> = Vec::new();
    let mut note = |lang: &str, what: &str, text: String| {
        assert!(!text.trim().is_empty(), "{lang} {what}: a message shows");
        seen.push((lang.to_owned(), what.to_owned(), text));
    };

    for lang in ["ru", "kk"] {
        element(&client, &format!("button.lang[lang={lang}]")).await.click().await.expect("language");
        element(&client, "#tab-inbox").await.click().await.expect("inbox");

        // A decline needs its reason: the error stands under the field.
        element(&client, "[data-testid=open-order]").await.click().await.expect("open");
        element(&client, "[data-testid=action-decline]").await.click().await.expect("decline");
        element(&client, "[data-testid=decline-submit]").await.click().await.expect("submit");
        note(lang, "decline without a reason", shown(&client, "#decline-reason-error").await);
        shot(&client, &format!("window-words-{lang}-decline.png")).await;
        escape(&client).await;
        escape(&client).await;
        wait_until(10, "the order dialog to close", || async {
            client.find(Locator::Css("[data-testid=order-detail]")).await.is_err()
        })
        .await;

        // A price above the classifier's limit: refused by the app, worded by the window.
        element(&client, "#tab-offerings").await.click().await.expect("offerings");
        element(&client, "[data-testid=offering-new]").await.click().await.expect("new");
        type_into(&client, "[data-testid=classifier-search]", "tsr-01-00").await;
        element(&client, "[data-testid=classifier-option]").await.click().await.expect("pick");
        element(&client, "[data-testid^=region-]").await.click().await.expect("a region");
        type_into(&client, "[data-testid=offering-price]", "99999999").await;
        element(&client, "[data-testid=offering-save]").await.click().await.expect("save");
        note(lang, "price above the limit", shown(&client, "[data-testid=error-price]").await);
        shot(&client, &format!("window-words-{lang}-price.png")).await;
        escape(&client).await;
        wait_until(10, "the offering form to close", || async {
            client.find(Locator::Css("[data-testid=offering-form]")).await.is_err()
        })
        .await;

        // An impossible date in the audit trail's filter.
        element(&client, "#tab-audit").await.click().await.expect("audit");
        type_into(&client, "#audit-from", "31.02.2026").await;
        element(&client, "#audit-from").await.send_keys(&Key::Enter.to_string()).await.expect("Enter");
        note(lang, "an impossible date", shown(&client, "#audit-from-error").await);
    }

    // The portal gone: the status bar says what it means, in each language.
    desk.stop_portal().await;
    for lang in ["ru", "kk"] {
        element(&client, &format!("button.lang[lang={lang}]")).await.click().await.expect("language");
        element(&client, "button.sync-now").await.click().await.expect("sync now");
        wait_until(60, "the sync's error in the status bar", || async {
            client.find(Locator::Css("[data-testid=sync-error]")).await.is_ok()
        })
        .await;
        note(lang, "no connection", shown(&client, "footer.statusbar").await);
        shot(&client, &format!("window-words-{lang}-offline.png")).await;
    }

    let english: Vec<String> = seen
        .iter()
        .filter_map(|(lang, what, text)| {
            let words = latin_words(text);
            (!words.is_empty()).then(|| format!("{lang} {what}: {words:?} in {text:?}"))
        })
        .collect();
    assert!(english.is_empty(), "messages in Latin letters:\n{}", english.join("\n"));
    support::page::end(client).await;
}

#[test]
fn latin_words_are_found_and_file_formats_pass() {
    assert_eq!(latin_words("Не принято: a reason is required"), ["a", "reason", "is", "required"]);
    assert!(latin_words("Сохранено в PDF: SO-2026-000230, 1 234,50 ₸").is_empty());
}

//! Reading and waiting on the window's page over WebDriver: the small steps every window test
//! takes.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use super::artefact_path;

/// The element `css` selects, waiting up to 30 s for it to appear.
pub async fn element(client: &Client, css: &str) -> fantoccini::elements::Element {
    client.wait().at_most(Duration::from_secs(30)).for_element(Locator::Css(css)).await.expect(css)
}

/// The text of the element `css` selects, once it is there.
/// Scrolls `css` into the middle of its scrolling box and clicks it (WebKitWebDriver scrolls the
/// page, not a dialog's own scrolling box, to reach an element).
pub async fn click_in_view(client: &Client, css: &str) {
    let el = element(client, css).await;
    scroll_to_middle(client, &el).await;
    el.click().await.expect(css);
}

async fn scroll_to_middle(client: &Client, el: &fantoccini::elements::Element) {
    client
        .execute("arguments[0].scrollIntoView({ block: 'center' })", vec![serde_json::to_value(el).expect("element")])
        .await
        .expect("scroll into view");
}

pub async fn text(client: &Client, css: &str) -> String {
    element(client, css).await.text().await.expect("text")
}

/// Replaces what the text field `css` holds with `text` (waiting for the field to appear).
/// Types into the field `css` after scrolling it to the middle of the view (a form below a list).
pub async fn type_in_view(client: &Client, css: &str, text: &str) {
    scroll_to_middle(client, &element(client, css).await).await;
    type_into(client, css, text).await;
}

pub async fn type_into(client: &Client, css: &str, text: &str) {
    let field = element(client, css).await;
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

/// An attribute of the element `css` selects now.
pub async fn attr(client: &Client, css: &str, name: &str) -> Option<String> {
    client.find(Locator::Css(css)).await.expect(css).attr(name).await.expect("attribute")
}

/// How many elements `css` selects now.
pub async fn count(client: &Client, css: &str) -> usize {
    client.find_all(Locator::Css(css)).await.expect(css).len()
}

/// Polls `check` every 250 ms until it holds; fails the test after `secs` seconds.
pub async fn wait_until<F, Fut>(secs: u64, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !check().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Saves a screenshot of the window under `artefacts/` for people to look at.
pub async fn shot(client: &Client, name: &str) {
    let path = artefact_path(name);
    std::fs::write(&path, client.screenshot().await.expect("screenshot")).expect("save screenshot");
    println!("screenshot: {}", path.display());
}

/// The digits of a text (a count shown with a thousands separator).
pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Ends the WebDriver session once a test's checks are done. The app is stopped by the test's
/// `Desktop` in any case, so a driver that is slow or fails to close the window (seen under load,
/// after every check had passed) is reported, not counted as the test's failure.
pub async fn end(client: Client) {
    match tokio::time::timeout(Duration::from_secs(30), client.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => eprintln!("the WebDriver session did not end cleanly: {e}"),
        Err(_) => eprintln!("the WebDriver session did not end within 30 s"),
    }
}

/// Resizes the window to `width`×`height` and waits until the page has that size (a window
/// manager-less Xvfb may keep the height a little smaller), and one frame for the layout.
pub async fn set_size(client: &Client, width: u32, height: u32) {
    client.set_window_size(width, height).await.expect("resize the window");
    wait_until(10, &format!("a {width}×{height} window"), || async {
        let v = client.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.expect("size");
        v[0].as_u64() == Some(u64::from(width)) && v[1].as_u64().is_some_and(|h| h <= u64::from(height))
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// A PDF's text as poppler's pdftotext extracts it, in its layout.
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("run pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// What the element `css` shows, trimmed (`innerText`: WebKitWebDriver's element text leaves out
/// some table cells).
pub async fn shown(client: &Client, css: &str) -> String {
    element(client, css).await;
    let text = client
        .execute("return document.querySelector(arguments[0]).innerText", vec![serde_json::json!(css)])
        .await
        .expect("the element's text");
    text.as_str().unwrap_or_default().trim().to_owned()
}

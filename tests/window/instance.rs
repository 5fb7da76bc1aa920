//! One window per data dir: starting the app again on the same data dir hands over to the
//! window already open and ends, instead of a second window on the same database.

use crate::support;

use std::time::Duration;

use fantoccini::Locator;
use support::Desktop;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_start_on_the_same_data_dir_gives_way_to_the_open_window() {
    let desk = Desktop::start().await;
    let client = desk.window().await;
    client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("[data-testid=inbox-row]"))
        .await
        .expect("the inbox shows order rows");

    let again = desk.start_again(Duration::from_secs(30));
    assert!(again.is_some_and(|s| s.success()), "the second start ends at once, successfully: {again:?}");
    // The first window goes on working.
    let rows = client.find_all(Locator::Css("[data-testid=inbox-row]")).await.expect("rows");
    assert!(!rows.is_empty());
    support::page::end(client).await;
}

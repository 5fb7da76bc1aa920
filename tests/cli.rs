//! The headless command line: `sync --once` against a real sandbox, `status` as JSON, and clear
//! errors with a non-zero exit for malformed input.

mod sync_support;

use std::process::{Command, Output};

const APP: &str = env!("CARGO_BIN_EXE_supplier-desk");

fn run(args: &[&str]) -> Output {
    Command::new(APP).args(args).env("RUST_LOG", "warn").output().expect("run supplier-desk")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_once_then_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sync_support::sandbox(dir.path(), 21).await;
    let data = dir.path().join("desk");
    let data = data.to_str().expect("utf-8 path");
    let url = portal.url();
    let synced = tokio::task::spawn_blocking({
        let (data, url) = (data.to_owned(), url.clone());
        move || run(&["sync", "--once", "--data-dir", &data, "--portal", &url])
    })
    .await
    .expect("join");
    assert!(synced.status.success(), "{}", stderr(&synced));

    let status = run(&["status", "--data-dir", data]);
    assert!(status.status.success(), "{}", stderr(&status));
    let summary: serde_json::Value = serde_json::from_slice(&status.stdout).expect("status is JSON");
    let feed_head = portal.state().await.expect("state").feed_head;
    assert_eq!(summary["cursor"], feed_head);
    assert_eq!(summary["pending_mutations"], 0);
    assert_eq!(summary["conflicts"], 0);
    assert!(summary["orders"].as_u64().is_some_and(|n| n > 0));
}

#[test]
fn malformed_input_exits_non_zero_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("never-used");
    let missing = missing.to_str().expect("utf-8 path");
    let cases: [(&[&str], &str); 5] = [
        (&["status"], "--data-dir"),
        (&["status", "--data-dir", missing], "does not exist"),
        (&["sync", "--once", "--data-dir", missing], "--portal"),
        (&["sync", "--once", "--data-dir", missing, "--portal", "ftp://example"], "only http and https"),
        (&["sync", "--once", "--data-dir", missing, "--portal", "http://127.0.0.1:9"], "could not be reached"),
    ];
    for (args, expected) in cases {
        let out = run(args);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(stderr(&out).contains(expected), "{args:?}: {}", stderr(&out));
    }
    let unknown = run(&["frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2), "clap's usage error");
}

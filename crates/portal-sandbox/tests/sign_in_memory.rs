//! Many sign-ins at once do not take memory by the Argon2id hash (19 MiB each): only a couple of
//! hashes run at a time, each in memory allocated once. Before that, 32 concurrent wrong sign-ins took the sandbox from
//! 23 MB to 648 MB of resident memory, never given back. Its own test binary, so that no other
//! test's memory is counted.

mod common;

use portal_sandbox::{Limits, demo};

use common::quiet_sandbox;

/// The resident memory of this process (the sandbox runs in it), in bytes.
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kb * 1024
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_sign_ins_hash_a_few_at_a_time() {
    let (_dir, sandbox) = quiet_sandbox().await;
    sandbox
        .set_limits(Limits { sign_in_failures_per_bin: 1000, sign_in_failures_per_client: 1000, ..Limits::default() })
        .expect("limits");
    let url = format!("{}/v1/auth/token", sandbox.url());
    let http = reqwest::Client::new();
    // One first, so that what every sign-in needs besides the hash is in place.
    let first = http
        .post(&url)
        .json(&serde_json::json!({ "bin": demo::SUPPLIER_BIN, "password": "x" }))
        .send()
        .await
        .expect("answer");
    assert_eq!(first.status(), 401);
    let before = resident_bytes();
    let attempts = (0..32).map(|i| {
        let (http, url) = (http.clone(), url.clone());
        tokio::spawn(async move {
            let body = serde_json::json!({ "bin": demo::SUPPLIER_BIN, "password": format!("guess {i}") });
            http.post(&url).json(&body).send().await.expect("an answer").status().as_u16()
        })
    });
    for a in attempts.collect::<Vec<_>>() {
        assert_eq!(a.await.expect("join"), 401);
    }
    let grown = resident_bytes().saturating_sub(before);
    println!("resident memory grew by {} MiB", grown / (1 << 20));
    // The hashing threads' memory (19 MiB each, allocated once) and some slack, not 32 hashes'.
    assert!(grown < 60 << 20, "resident memory grew by {} MiB", grown / (1 << 20));
    // It still serves.
    assert!(common::signed_in(&sandbox).await.order_counts().await.is_ok());
    sandbox.shutdown().await;
}

//! Sign-in against guessing: failed attempts per BIN and per client are limited (429 with
//! `Retry-After`, the password not even checked), the limit lifts when its window has passed,
//! and an unknown BIN takes as long to refuse as a known one, so timing does not tell who has an
//! account.

mod common;

use std::time::{Duration, Instant};

use portal_api::{ClientError, PortalClient, Problem};
use portal_sandbox::{Limits, demo};
use reqwest::StatusCode;

use common::{SEED, quiet_sandbox, start_in};

/// A BIN no demo supplier has.
const UNKNOWN_BIN: &str = "990140000001";

async fn attempt(http: &reqwest::Client, url: &str, bin: &str, password: &str) -> reqwest::Response {
    http.post(url).json(&serde_json::json!({ "bin": bin, "password": password })).send().await.expect("an answer")
}

async fn refused(resp: reqwest::Response, by: &str) -> u64 {
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    assert_eq!(resp.headers().get("content-type").map(|v| v.as_bytes()), Some(&b"application/problem+json"[..]));
    let p: Problem = resp.json().await.expect("a problem body");
    assert_eq!((p.status, p.code.as_str()), (429, "too_many_sign_ins"), "{p:?}");
    assert!(p.detail.as_deref().is_some_and(|d| d.contains(by)), "{p:?}");
    retry_after
}

async fn unauthorized(resp: reqwest::Response) {
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let p: Problem = resp.json().await.expect("a problem body");
    assert_eq!(p.code, "invalid_credentials");
}

#[tokio::test]
async fn failed_sign_ins_lock_the_bin_until_the_window_passes() {
    let (dir, sandbox) = quiet_sandbox().await;
    let window = Duration::from_secs(2);
    sandbox
        .set_limits(Limits {
            sign_in_failures_per_bin: 3,
            sign_in_failures_per_client: 100,
            sign_in_window: window,
            ..Limits::default()
        })
        .expect("limits");
    let http = reqwest::Client::new();
    let url = format!("{}/v1/auth/token", sandbox.url());

    // A success forgets the failures before it.
    for _ in 0..2 {
        unauthorized(attempt(&http, &url, demo::SUPPLIER_BIN, "wrong").await).await;
    }
    assert_eq!(attempt(&http, &url, demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.status(), StatusCode::OK);

    let started = Instant::now();
    for _ in 0..3 {
        unauthorized(attempt(&http, &url, demo::SUPPLIER_BIN, "wrong").await).await;
    }
    let wait = refused(attempt(&http, &url, demo::SUPPLIER_BIN, "wrong").await, "for this BIN").await;
    assert!((1..=2).contains(&wait), "{wait}");
    // Locked means locked: the right password is not checked either, and no token is issued.
    refused(attempt(&http, &url, &format!(" {} ", demo::SUPPLIER_BIN), demo::SUPPLIER_PASSWORD).await, "for this BIN")
        .await;
    let mut client = PortalClient::new(&sandbox.url()).expect("client");
    let err = client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect_err("locked");
    assert!(matches!(&err, ClientError::Status { status: 429, .. }) && err.is_retryable(), "{err:?}");
    assert!(err.retry_after().is_some_and(|w| w <= window), "{err:?}");
    // Other BINs are not locked by it.
    unauthorized(attempt(&http, &url, UNKNOWN_BIN, "wrong").await).await;

    // Once the window has passed, the supplier signs in.
    tokio::time::sleep((started + window + Duration::from_millis(200)).saturating_duration_since(Instant::now())).await;
    let signed = client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("signs in after the window");
    assert!(!signed.token.is_empty());
    assert!(client.order_counts().await.is_ok());
    sandbox.shutdown().await;

    // The sandbox starts again on its data dir and signs in at once.
    let again = start_in(dir.path(), SEED, None).await;
    assert!(common::signed_in(&again).await.order_counts().await.is_ok());
    again.shutdown().await;
}

#[tokio::test]
async fn failed_sign_ins_from_one_client_lock_it_whatever_the_bin() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let window = Duration::from_secs(2);
    sandbox
        .set_limits(Limits {
            sign_in_failures_per_bin: 100,
            sign_in_failures_per_client: 4,
            sign_in_window: window,
            ..Limits::default()
        })
        .expect("limits");
    let http = reqwest::Client::new();
    let url = format!("{}/v1/auth/token", sandbox.url());
    let started = Instant::now();
    for i in 0..4 {
        unauthorized(attempt(&http, &url, &format!("99014000000{i}"), "guess").await).await;
    }
    refused(attempt(&http, &url, "990140000009", "guess").await, "from this address").await;
    refused(attempt(&http, &url, demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await, "from this address").await;
    tokio::time::sleep((started + window + Duration::from_millis(200)).saturating_duration_since(Instant::now())).await;
    assert_eq!(attempt(&http, &url, demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.status(), StatusCode::OK);
    sandbox.shutdown().await;
}

/// The median time of `n` sign-in attempts, one after another.
async fn median(http: &reqwest::Client, url: &str, bin: &str, n: usize) -> Duration {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        unauthorized(attempt(http, url, bin, "not the password").await).await;
        times.push(t.elapsed());
    }
    times.sort();
    times[n / 2]
}

#[tokio::test]
async fn an_unknown_bin_takes_as_long_to_refuse_as_a_known_one() {
    let (_dir, sandbox) = quiet_sandbox().await;
    sandbox
        .set_limits(Limits { sign_in_failures_per_bin: 1000, sign_in_failures_per_client: 1000, ..Limits::default() })
        .expect("limits");
    let http = reqwest::Client::new();
    let url = format!("{}/v1/auth/token", sandbox.url());
    // Warm up the connection and the code paths.
    median(&http, &url, UNKNOWN_BIN, 1).await;
    let known = median(&http, &url, demo::SUPPLIER_BIN, 9).await;
    let unknown = median(&http, &url, UNKNOWN_BIN, 9).await;
    // Both pay for a hash; without the dummy hash the unknown BIN was 4-8 times faster.
    assert!(unknown * 2 > known && known * 2 > unknown, "known {known:?}, unknown {unknown:?}");
    sandbox.shutdown().await;
}

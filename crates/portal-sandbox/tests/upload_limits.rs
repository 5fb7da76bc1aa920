//! What one client can make the sandbox hold or wait for: attachments within a per-supplier
//! quota (partial uploads counted, 413 `quota_exceeded` refused whole), partial uploads removed
//! after a day without a chunk, a body announced larger than an attachment refused at once,
//! and requests whose head or body stalls cut off (the body with 408). Nothing is stored by a
//! refusal; the sandbox serves afterwards and starts again on its data dir.

mod common;

use std::time::{Duration, Instant};

use chrono::TimeDelta;
use portal_api::{PortalClient, Problem};
use portal_sandbox::{Limits, RunningSandbox};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{SEED, quiet_sandbox, raw_request, signed_in, start_in, token};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn photo(len: usize, salt: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(17).wrapping_add(salt)).collect()
}

async fn put(
    sandbox: &RunningSandbox,
    token: &str,
    name: &str,
    query: &[(&str, u64)],
    body: Vec<u8>,
) -> reqwest::Response {
    reqwest::Client::new()
        .put(format!("{}/v1/attachments/{name}", sandbox.url()))
        .bearer_auth(token)
        .query(query)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .expect("an answer")
}

async fn problem(resp: reqwest::Response, status: u16) -> Problem {
    assert_eq!(resp.status().as_u16(), status);
    assert_eq!(resp.headers().get("content-type").map(|v| v.as_bytes()), Some(&b"application/problem+json"[..]));
    resp.json().await.expect("a problem body")
}

/// How many bytes of `name` the portal holds (0 when none).
async fn held(client: &PortalClient, name: &str) -> u64 {
    client.attachment_status(name).await.expect("HEAD").received
}

#[tokio::test]
async fn a_supplier_stores_attachments_within_its_quota_and_abandoned_uploads_expire() {
    let (dir, sandbox) = quiet_sandbox().await;
    sandbox.set_limits(Limits { attachment_quota_bytes: 100_000, ..Limits::default() }).expect("limits");
    let client = signed_in(&sandbox).await;
    let token = token(&sandbox).await;

    let a = photo(60_000, 1);
    assert!(client.upload_attachment(&sha(&a), &a).await.expect("within the quota").complete);
    // A partial upload counts: 20 000 of 30 000 bytes held.
    let b = photo(30_000, 2);
    let resp = put(&sandbox, &token, &sha(&b), &[("offset", 0), ("total", 30_000)], b[..20_000].to_vec()).await;
    assert_eq!(resp.status(), 200);

    // 60 000 + 20 000 + 25 000 > 100 000: refused whole, whether sent whole or in chunks.
    let c = photo(25_000, 3);
    let p = problem(put(&sandbox, &token, &sha(&c), &[], c.clone()).await, 413).await;
    assert_eq!(p.code, "quota_exceeded", "{p:?}");
    assert!(p.detail.as_deref().is_some_and(|d| d.contains("100000")), "{p:?}");
    let p =
        problem(put(&sandbox, &token, &sha(&c), &[("offset", 0), ("total", 25_000)], c[..1000].to_vec()).await, 413)
            .await;
    assert_eq!(p.code, "quota_exceeded");
    assert_eq!(held(&client, &sha(&c)).await, 0, "nothing of it was kept");
    assert_eq!(sandbox.attachment(&sha(&c)).await.expect("read"), None);
    // Uploading what is held already costs nothing.
    assert!(client.upload_attachment(&sha(&a), &a).await.expect("again").complete);
    // The partial upload goes on within the quota.
    assert_eq!(held(&client, &sha(&b)).await, 20_000);

    // A day later (by the sandbox's clock) the tick removes the abandoned partial upload…
    sandbox.advance_clock(TimeDelta::hours(25)).await.expect("advance");
    let report = sandbox.tick().await.expect("tick");
    assert_eq!(report.expired_uploads, 1);
    assert_eq!(held(&client, &sha(&b)).await, 0);
    // …and its bytes no longer count.
    assert!(client.upload_attachment(&sha(&c), &c).await.expect("fits now").complete);

    // The next upload removes abandoned ones too, without waiting for a tick.
    let d = photo(5_000, 4);
    let resp = put(&sandbox, &token, &sha(&d), &[("offset", 0), ("total", 5_000)], d[..100].to_vec()).await;
    assert_eq!(resp.status(), 200);
    sandbox.advance_clock(TimeDelta::hours(25)).await.expect("advance");
    let e = photo(1_000, 5);
    assert!(client.upload_attachment(&sha(&e), &e).await.expect("upload").complete);
    assert_eq!(held(&client, &sha(&d)).await, 0);
    sandbox.shutdown().await;

    // Everything complete survives a restart (with the default limits again).
    let again = start_in(dir.path(), SEED, None).await;
    for bytes in [&a, &c, &e] {
        assert_eq!(again.attachment(&sha(bytes)).await.expect("read").as_ref(), Some(bytes));
    }
    let client = signed_in(&again).await;
    let f = photo(20_000, 6);
    assert!(client.upload_attachment(&sha(&f), &f).await.expect("the default quota").complete);
    again.shutdown().await;
}

#[tokio::test]
async fn a_body_announced_larger_than_an_attachment_is_refused_at_once() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let name = sha(b"never sent");
    let addr = sandbox.addr();
    let started = Instant::now();
    let request = format!(
        "PUT /v1/attachments/{name} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/octet-stream\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n"
    );
    let answer = raw_request(addr, request.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!(answer.status, 413);
    assert_eq!(answer.problem().code, "invalid_body");
    assert!(started.elapsed() < Duration::from_secs(5), "not waiting for the body: {:?}", started.elapsed());

    // The same for a chunk announced past its total, and a JSON body larger than any.
    let chunk = format!(
        "PUT /v1/attachments/{name}?offset=0&total=10 HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Length: 11\r\nConnection: close\r\n\r\n"
    );
    let answer = raw_request(addr, chunk.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!((answer.status, answer.problem().code.as_str()), (400, "invalid_query"));
    let json = format!(
        "POST /v1/mutations HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\nConnection: close\r\n\r\n"
    );
    let answer = raw_request(addr, json.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!(answer.status, 413);
    let client = signed_in(&sandbox).await;
    assert_eq!(held(&client, &name).await, 0, "nothing was kept");
    assert!(client.order_counts().await.is_ok(), "it still serves");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_stalled_body_is_answered_408_and_a_stalled_head_is_cut_off() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let limits = Limits {
        header_read_timeout: Duration::from_secs(1),
        body_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    sandbox.set_limits(limits).expect("limits");
    let token = token(&sandbox).await;
    let addr = sandbox.addr();
    let bytes = photo(1_000, 9);
    let name = sha(&bytes);

    // Ten bytes of a thousand announced, then nothing.
    let mut request = format!(
        "PUT /v1/attachments/{name} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    request.extend_from_slice(&bytes[..10]);
    let started = Instant::now();
    let answer = raw_request(addr, &request, Duration::from_secs(10)).await;
    assert_eq!(answer.status, 408);
    let p = answer.problem();
    assert_eq!(p.code, "body_timeout", "{p:?}");
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());

    // A JSON body that stalls: the same.
    let stalled = format!(
        "POST /v1/mutations HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{{\"device_id\""
    );
    let answer = raw_request(addr, stalled.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!((answer.status, answer.problem().code.as_str()), (408, "body_timeout"));

    // A head that never ends: the connection is closed.
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(format!("GET /v1/health HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").as_bytes()).await.expect("send");
    let mut buf = Vec::new();
    let started = Instant::now();
    let read = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server closed the connection");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());

    let client = signed_in(&sandbox).await;
    assert_eq!(held(&client, &name).await, 0, "nothing of the stalled upload was kept");
    assert!(client.upload_attachment(&name, &bytes).await.expect("a whole upload").complete);
    sandbox.shutdown().await;
}

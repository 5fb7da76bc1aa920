//! Fault injection over real loopback HTTP: each kind happens at rate 1.0, is counted, and
//! does (or does not) run the handler as documented; decisions are reproducible from a seed.

mod common;

use std::time::{Duration, Instant};

use portal_api::{ClientError, MutationBatch, MutationBody, MutationOutcome, OrderStatus, PortalClient};
use portal_sandbox::{Delay, FaultReport, Faults};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{mutation, placed_orders, push, quiet_sandbox, signed_in, token};

/// A raw HTTP/1.1 GET, read until the server closes the connection (cleanly or not). Returns
/// the status, the declared Content-Length and the body bytes that arrived.
async fn raw_get(url: &str, path: &str, token: &str) -> (u16, usize, usize) {
    let addr = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut buf = Vec::new();
    // A dropped connection may end in an error; what arrived before it stays in `buf`.
    let _ = stream.read_to_end(&mut buf).await;
    let text = String::from_utf8_lossy(&buf);
    let (head, body) = text.split_once("\r\n\r\n").expect("a status line and headers arrived");
    let status: u16 = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
        .and_then(|v| v.parse().ok())
        .expect("a Content-Length");
    (status, length, body.len())
}

#[tokio::test]
async fn errors_are_answered_without_running_the_handler_and_reproducibly() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let http = reqwest::Client::new();
    let admin = format!("{}/admin/faults", sandbox.url());
    let order_id = placed_orders(&sandbox.state().await.expect("state"), None)[0].clone();

    let report: FaultReport = http
        .put(&admin)
        .json(&serde_json::json!({ "error_rate": 1.0, "seed": 9 }))
        .send()
        .await
        .expect("PUT faults")
        .json()
        .await
        .expect("a fault report");
    assert_eq!(report.faults.error_rate, 1.0);
    assert_eq!(report.faults.seed, Some(9));

    let mut statuses = Vec::new();
    for seq in 1..=8 {
        let batch = MutationBatch {
            device_id: "desk-a".into(),
            mutations: vec![mutation(seq, MutationBody::AcceptOrder { order_id: order_id.clone() })],
        };
        match client.push(&batch).await {
            Err(e @ ClientError::Status { status, .. }) => {
                assert!(e.is_retryable(), "{e}");
                statuses.push(status);
            }
            other => panic!("expected an injected error, got {other:?}"),
        }
    }
    assert!(statuses.iter().all(|s| *s == 500 || *s == 503), "{statuses:?}");
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(&order_id).expect("order").status, OrderStatus::Placed, "the handler never ran");
    assert!(state.mutations.is_empty());
    // Health and the OpenAPI document are never faulted.
    assert_eq!(http.get(format!("{}/v1/health", sandbox.url())).send().await.expect("health").status(), StatusCode::OK);
    let doc = http.get(format!("{}/v1/openapi.json", sandbox.url())).send().await.expect("doc");
    assert_eq!(doc.status(), StatusCode::OK);

    let report: FaultReport = http.get(&admin).send().await.expect("GET").json().await.expect("report");
    assert_eq!(report.counts.error_500 + report.counts.error_503, 8);
    assert_eq!(report.counts.error_500, statuses.iter().filter(|s| **s == 500).count() as u64);

    // The same seed gives the same decisions for the same requests.
    let mixed = Faults { seed: Some(4), error_rate: 0.5, ..Faults::default() };
    let mut runs = Vec::new();
    for _ in 0..2 {
        sandbox.set_faults(mixed.clone()).expect("valid faults");
        let mut run = Vec::new();
        for _ in 0..16 {
            run.push(client.order_counts().await.map_err(|e| e.to_string()).is_ok());
        }
        runs.push(run);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].contains(&true) && runs[0].contains(&false), "{:?}", runs[0]);

    let cleared: FaultReport = http.delete(&admin).send().await.expect("DELETE").json().await.expect("report");
    assert_eq!(cleared.faults, Faults::default());
    assert_eq!(cleared.counts, Default::default());
    assert!(client.order_counts().await.is_ok());
    // Rates outside 0..=1 are refused.
    let bad = http.put(&admin).json(&serde_json::json!({ "reset_rate": 2.0 })).send().await.expect("PUT");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn resets_and_truncations_cut_the_answer_after_the_handler_ran() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let client = PortalClient::new(&sandbox.url()).expect("client").with_token(token.clone());
    let url = sandbox.url();

    sandbox.set_faults(Faults { reset_rate: 1.0, ..Faults::default() }).expect("faults");
    let (status, length, got) = raw_get(&url, "/v1/orders/counts", &token).await;
    assert_eq!(status, 200, "the status line and headers arrive");
    assert!(length > 50, "the full length is announced: {length}");
    assert_eq!(got, 0, "no body before the connection drops");

    // A push whose answer is lost to a reset has been applied all the same.
    let order_id = placed_orders(&sandbox.state().await.expect("state"), None)[0].clone();
    let m = mutation(1, MutationBody::AcceptOrder { order_id: order_id.clone() });
    let batch = MutationBatch { device_id: "desk-a".into(), mutations: vec![m.clone()] };
    let err = client.push(&batch).await.expect_err("the answer is lost");
    assert!(err.is_retryable(), "{err}");
    assert_eq!(sandbox.fault_counts().reset, 2);

    sandbox.set_faults(Faults { truncate_rate: 1.0, ..Faults::default() }).expect("faults");
    let (status, length, got) = raw_get(&url, "/v1/orders/counts", &token).await;
    assert_eq!(status, 200);
    assert!(got > 0 && got < length, "part of the body: {got} of {length}");
    let err = client.order_counts().await.expect_err("a truncated body cannot be read");
    assert!(err.is_retryable(), "{err}");
    assert_eq!(sandbox.fault_counts().truncate, 2);

    // The replay is answered from the ledger: applied, once.
    sandbox.clear_faults();
    assert_eq!(push(&client, "desk-a", std::slice::from_ref(&m)).await, vec![MutationOutcome::Applied]);
    let state = sandbox.state().await.expect("state");
    let order = state.order(&order_id).expect("order");
    assert_eq!(order.status, OrderStatus::Accepted);
    assert_eq!(order.history.len(), 1, "accepted once");
    let record = state.mutation(&m.id).expect("recorded");
    assert_eq!((record.applications, record.feed_entries), (1, 1));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn latency_before_and_delay_after_the_handler() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let client = PortalClient::new(&sandbox.url()).expect("client").with_token(token.clone());

    sandbox
        .set_faults(Faults { latency: Delay { rate: 1.0, fixed_ms: 300, jitter_ms: 50 }, ..Faults::default() })
        .expect("faults");
    let started = Instant::now();
    client.order_counts().await.expect("counts, late");
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert_eq!(sandbox.fault_counts().latency, 1);

    // The client gives up before the answer; the mutation was applied all the same.
    sandbox.set_faults(Faults { response_delay: Delay::fixed(800), ..Faults::default() }).expect("faults");
    let order_id = placed_orders(&sandbox.state().await.expect("state"), None)[0].clone();
    let m = mutation(1, MutationBody::AcceptOrder { order_id: order_id.clone() });
    let impatient = reqwest::Client::builder().timeout(Duration::from_millis(200)).build().expect("client");
    let sent = impatient
        .post(format!("{}/v1/mutations", sandbox.url()))
        .bearer_auth(&token)
        .json(&MutationBatch { device_id: "desk-a".into(), mutations: vec![m.clone()] })
        .send()
        .await;
    assert!(sent.is_err_and(|e| e.is_timeout()), "the client timed out");
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(&order_id).expect("order").status, OrderStatus::Accepted);
    assert_eq!(state.mutation(&m.id).expect("recorded").applications, 1);
    assert_eq!(sandbox.fault_counts().response_delay, 1);
    sandbox.clear_faults();
    assert_eq!(push(&client, "desk-a", &[m]).await, vec![MutationOutcome::Applied], "the replay gets the original");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn maintenance_expired_tokens_and_retryable_mutations() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let mut client = signed_in(&sandbox).await;
    let http = reqwest::Client::new();

    let opened = http
        .put(format!("{}/admin/maintenance", sandbox.url()))
        .json(&serde_json::json!({ "seconds": 30 }))
        .send()
        .await
        .expect("PUT maintenance");
    assert_eq!(opened.status(), StatusCode::OK);
    let err = client.push(&MutationBatch { device_id: "desk-a".into(), mutations: vec![] }).await.expect_err("closed");
    let ClientError::Status { status, problem, .. } = &err else { panic!("a status, got {err:?}") };
    assert_eq!(*status, 503);
    assert_eq!(problem.as_ref().map(|p| p.code.as_str()), Some("maintenance"));
    let wait = err.retry_after().expect("Retry-After");
    assert!(wait > Duration::from_secs(28) && wait <= Duration::from_secs(30), "{wait:?}");
    assert!(matches!(client.changes(0, 1).await, Err(ClientError::Status { status: 503, .. })));
    let doc = http.get(format!("{}/v1/openapi.json", sandbox.url())).send().await.expect("doc");
    assert_eq!(doc.status(), StatusCode::SERVICE_UNAVAILABLE);
    let health = http.get(format!("{}/v1/health", sandbox.url())).send().await.expect("health");
    assert_eq!(health.status(), StatusCode::OK, "health stays up");
    assert_eq!(sandbox.fault_counts().maintenance, 3);
    let closed = http.delete(format!("{}/admin/maintenance", sandbox.url())).send().await.expect("DELETE");
    assert!(!closed.json::<FaultReport>().await.expect("report").in_maintenance);
    assert!(client.order_counts().await.is_ok());

    // Every token expires at once; signing in again works.
    // Bodiless, but declared JSON: the admin API takes no cross-site form post.
    let expired: serde_json::Value = http
        .post(format!("{}/admin/tokens/expire", sandbox.url()))
        .header("content-type", "application/json")
        .send()
        .await
        .expect("expire")
        .json()
        .await
        .expect("json");
    assert!(expired["expired"].as_u64() >= Some(1), "{expired}");
    assert!(matches!(client.order_counts().await, Err(ClientError::Unauthorized)));
    assert_eq!(sandbox.fault_counts().tokens_expired, 1);
    client.sign_in(portal_sandbox::demo::SUPPLIER_BIN, portal_sandbox::demo::SUPPLIER_PASSWORD).await.expect("sign in");

    // A mutation answered Retryable is not recorded, and goes through when sent again.
    sandbox.set_faults(Faults { retryable_rate: 1.0, ..Faults::default() }).expect("faults");
    let order_id = placed_orders(&sandbox.state().await.expect("state"), None)[0].clone();
    let m = mutation(1, MutationBody::AcceptOrder { order_id: order_id.clone() });
    let outcomes = push(&client, "desk-a", std::slice::from_ref(&m)).await;
    assert!(matches!(outcomes[0], MutationOutcome::Retryable { .. }), "{outcomes:?}");
    assert!(sandbox.state().await.expect("state").mutation(&m.id).is_none(), "not recorded");
    assert_eq!(sandbox.fault_counts().retryable, 1);
    sandbox.clear_faults();
    assert_eq!(push(&client, "desk-a", &[m]).await, vec![MutationOutcome::Applied]);
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.order(&order_id).expect("order").status, OrderStatus::Accepted);
    sandbox.shutdown().await;
}

//! Stopping the sandbox and starting it again on the same address at once (SO_REUSEADDR),
//! with connections of the first run just closed, keeps the data, the ledger and the clock.

mod common;

use std::time::Duration;

use chrono::TimeDelta;
use portal_api::{MutationBody, MutationOutcome, OrderStatus, PortalClient};
use portal_sandbox::{SandboxConfig, start};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{SEED, mutation, placed_orders, push, signed_in};

/// A request the server answers and then closes (`Connection: close`): the server's side of
/// the connection is left in TIME_WAIT on the listening port.
async fn closed_by_server(addr: std::net::SocketAddr) {
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let req = format!("GET /v1/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.expect("send");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.expect("the answer");
    assert!(buf.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&buf));
}

#[tokio::test]
async fn a_stopped_sandbox_starts_again_on_the_same_port() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = SandboxConfig { order_every: None, seed: SEED, ..SandboxConfig::new(dir.path()) };
    let first = start(config.clone()).await.expect("the first start");
    let addr = first.addr();
    let client = signed_in(&first).await;
    let order_id = placed_orders(&first.state().await.expect("state"), None)[0].clone();
    let accept = mutation(1, MutationBody::AcceptOrder { order_id: order_id.clone() });
    assert_eq!(push(&client, "desk-a", std::slice::from_ref(&accept)).await, vec![MutationOutcome::Applied]);
    first.advance_clock(TimeDelta::days(2)).await.expect("advance");
    let offset = first.state().await.expect("state").clock_offset_seconds;
    for _ in 0..3 {
        closed_by_server(addr).await;
    }
    first.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "nothing listens after shutdown");

    // Again and again on the same address, each time right after the previous stop.
    let same = SandboxConfig { listen: addr, ..config };
    for round in 0..3 {
        let again = start(same.clone()).await.unwrap_or_else(|e| panic!("restart {round} on {addr}: {e}"));
        assert_eq!(again.addr(), addr);
        closed_by_server(addr).await;
        // The token, the order, the ledger and the clock survived.
        let counts = client.order_counts().await.expect("the old token still works");
        assert!(counts.total >= 290);
        assert_eq!(push(&client, "desk-a", std::slice::from_ref(&accept)).await, vec![MutationOutcome::Applied]);
        let state = again.state().await.expect("state");
        assert_eq!(state.order(&order_id).expect("order").status, OrderStatus::Accepted);
        assert_eq!(state.mutation(&accept.id).expect("recorded").applications, 1);
        assert!(state.clock_offset_seconds >= offset, "the clock kept its offset");
        assert!(again.now() > chrono::Utc::now() + TimeDelta::days(2) - TimeDelta::minutes(1));
        again.shutdown().await;
    }
    // A fresh client cannot reach it any more.
    let gone = PortalClient::new(&format!("http://{addr}")).expect("client");
    let err = tokio::time::timeout(Duration::from_secs(5), gone.order_counts()).await.expect("fails fast");
    assert!(err.is_err());
}

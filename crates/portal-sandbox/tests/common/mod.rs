//! Helpers shared by the integration tests: a sandbox on an ephemeral loopback port in a
//! temporary directory, a signed-in client, and a full read of the change feed.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use portal_api::{Change, Entity, Order, PortalClient};
use portal_sandbox::{RunningSandbox, SandboxConfig, demo, start};

pub const SEED: u64 = 42;

pub async fn start_in(dir: &Path, seed: u64, order_every: Option<Duration>) -> RunningSandbox {
    let config = SandboxConfig {
        listen: "127.0.0.1:0".parse().expect("a socket address"),
        data_dir: dir.to_path_buf(),
        seed,
        order_every,
    };
    start(config).await.expect("the sandbox starts")
}

/// A sandbox without simulated orders, in a fresh directory.
pub async fn quiet_sandbox() -> (tempfile::TempDir, RunningSandbox) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), SEED, None).await;
    (dir, sandbox)
}

pub async fn signed_in(sandbox: &RunningSandbox) -> PortalClient {
    let mut client = PortalClient::new(&sandbox.url()).expect("a client");
    client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("the demo supplier signs in");
    client
}

pub async fn token(sandbox: &RunningSandbox) -> String {
    let mut client = PortalClient::new(&sandbox.url()).expect("a client");
    client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("sign in").token
}

/// Pages through the whole feed after `after` with `limit`, checking the paging invariants on
/// the way. Returns every change and the final cursor.
pub async fn read_feed(client: &PortalClient, mut after: u64, limit: u32) -> (Vec<Change>, u64) {
    let mut all: Vec<Change> = Vec::new();
    loop {
        let page = client.changes(after, limit).await.expect("a page");
        assert!(page.changes.len() <= limit as usize, "a page holds at most `limit` changes");
        let mut prev = after;
        for c in &page.changes {
            assert!(c.seq > prev, "seqs strictly increase: {} after {prev}", c.seq);
            prev = c.seq;
        }
        assert_eq!(page.next_after, prev, "next_after is the last seq served (or after)");
        assert!(page.head >= page.next_after, "head {} is the highest seq", page.head);
        if page.has_more {
            assert_eq!(page.changes.len(), limit as usize, "only a full page has more behind it");
        }
        all.extend(page.changes);
        after = page.next_after;
        if !page.has_more {
            assert_eq!(after, page.head, "the last page ends at the head");
            return (all, after);
        }
    }
}

/// Pages through the latest-only feed after `after` with `limit`. Returns the changes served
/// and the final cursor.
pub async fn read_latest(client: &PortalClient, mut after: u64, limit: u32) -> (Vec<Change>, u64) {
    let mut all: Vec<Change> = Vec::new();
    loop {
        let page = client.latest_changes(after, limit).await.expect("a page");
        assert!(page.changes.len() <= limit as usize, "a page holds at most `limit` changes");
        assert!(page.changes.windows(2).all(|w| w[0].seq < w[1].seq), "seqs strictly increase");
        assert!(page.changes.first().is_none_or(|c| c.seq > after), "only changes after the cursor");
        all.extend(page.changes);
        after = page.next_after;
        if !page.has_more {
            assert_eq!(after, page.head.max(after), "the last page ends at the head");
            return (all, after);
        }
    }
}

/// The kind and id of the entity a change is about.
pub fn entity_key(entity: &Entity) -> (&'static str, String) {
    match entity {
        Entity::Policy(_) => ("policy", String::new()),
        Entity::Classifier(c) => ("classifier", c.code.clone()),
        Entity::Offering(o) => ("offering", o.id.clone()),
        Entity::Order(o) => ("order", o.id.clone()),
        Entity::Payment(p) => ("payment", p.id.clone()),
    }
}

/// The latest snapshot of every order, by id.
pub fn latest_orders(changes: &[Change]) -> HashMap<String, Order> {
    let mut latest = HashMap::new();
    for c in changes {
        if let Entity::Order(o) = &c.entity {
            latest.insert(o.id.clone(), o.clone());
        }
    }
    latest
}

/// A mutation with a fresh UUID v7 id.
pub fn mutation(device_seq: u64, body: portal_api::MutationBody) -> portal_api::Mutation {
    portal_api::Mutation { id: uuid::Uuid::now_v7().to_string(), device_seq, created_at: chrono::Utc::now(), body }
}

/// Pushes `mutations` from `device` and returns the outcomes, checking that the results answer
/// the mutations one by one, in order.
pub async fn push(
    client: &PortalClient,
    device: &str,
    mutations: &[portal_api::Mutation],
) -> Vec<portal_api::MutationOutcome> {
    let batch = portal_api::MutationBatch { device_id: device.to_owned(), mutations: mutations.to_vec() };
    let result = client.push(&batch).await.expect("the batch is answered");
    assert_eq!(
        result.results.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        mutations.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        "one result per mutation, in order"
    );
    result.results.into_iter().map(|r| r.outcome).collect()
}

/// Pushes one mutation and returns its outcome.
pub async fn push_one(
    client: &PortalClient,
    device: &str,
    body: portal_api::MutationBody,
) -> portal_api::MutationOutcome {
    let mut outcomes = push(client, device, &[mutation(1, body)]).await;
    outcomes.pop().expect("one outcome")
}

/// The reason of a rejection, or a failure naming what came back instead.
pub fn rejection(outcome: &portal_api::MutationOutcome) -> (portal_api::RejectReason, String) {
    match outcome {
        portal_api::MutationOutcome::Rejected { reason, message } => (*reason, message.clone()),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// Placed orders of the demo data with at least a day left to accept them; with `fitting`
/// given, only those that do (or do not) hold an item fitted in a workshop.
pub fn placed_orders(state: &portal_sandbox::SandboxState, fitting: Option<bool>) -> Vec<String> {
    state
        .orders
        .iter()
        .filter(|o| o.status == portal_api::OrderStatus::Placed && o.accept_by > state.now + chrono::TimeDelta::days(1))
        .filter(|o| fitting.is_none_or(|f| o.needs_fitting() == f))
        .map(|o| o.id.clone())
        .collect()
}

/// Orders of the demo data in `status`.
pub fn orders_in(state: &portal_sandbox::SandboxState, status: portal_api::OrderStatus) -> Vec<String> {
    state.orders.iter().filter(|o| o.status == status).map(|o| o.id.clone()).collect()
}

/// An answer read off a raw connection.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    /// The head, lowercased, for looking headers up.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawAnswer {
    /// The value of header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| l.strip_prefix(name)?.strip_prefix(':').map(str::trim))
    }

    pub fn problem(&self) -> portal_api::Problem {
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "{}", self.head);
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("a problem body ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Sends `request` as it is (then nothing more, the connection left open) and reads the answer
/// until the server closes the connection, failing after `wait`. The request should say
/// `Connection: close`.
pub async fn raw_request(addr: std::net::SocketAddr, request: &[u8], wait: Duration) -> RawAnswer {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(request).await.expect("send");
    let mut buf = Vec::new();
    tokio::time::timeout(wait, s.read_to_end(&mut buf))
        .await
        .unwrap_or_else(|_| panic!("no complete answer within {wait:?}: {}", String::from_utf8_lossy(&buf)))
        .expect("read the answer");
    let split = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("a head: {}", String::from_utf8_lossy(&buf)));
    let head = String::from_utf8_lossy(&buf[..split]).to_ascii_lowercase();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("a status line: {head}"));
    RawAnswer { status, head, body: buf[split + 4..].to_vec() }
}

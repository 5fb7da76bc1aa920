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

//! What the desk shows is the portal's snapshot plus the desk's changes that snapshot does not
//! include yet — never a change counted twice, never an applied one hidden. Two ways to get it
//! wrong, each reproduced here against a real sandbox over loopback:
//!
//! - a change the portal applied behind a cut answer, then answered `Retryable` on its replay,
//!   laid over a snapshot that already holds it (counted twice);
//! - a refusal that rebuilds an offering from a snapshot older than the changes the portal just
//!   applied beside it (an applied change hidden).

use crate::sync_support;

use desk_core::access::Role;
use desk_core::features::offerings::OfferingUpdate;
use desk_core::features::offerings::views::OfferingRow;
use portal_api::PortalClient;
use portal_sandbox::{Faults, RunningSandbox};
use sync_support::{Device, credentials, sandbox, staff};

fn offering(device: &Device, id: &str) -> OfferingRow {
    device.store().offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("the offering on the desk")
}

fn shown(device: &Device, id: &str, region: &str) -> i64 {
    let o = offering(device, id);
    o.stock_by_region.iter().find(|r| r.region == region).map_or_else(|| panic!("{region} not shown"), |r| r.quantity)
}

async fn on_portal(portal: &RunningSandbox, id: &str, region: &str) -> i64 {
    let state = portal.state().await.expect("portal state");
    let o = state.offerings.iter().find(|o| o.offering.id == id).expect("the offering on the portal");
    o.offering.region_stock().iter().find(|r| r.region == region).map_or(0, |r| r.quantity)
}

/// Sets the stock of `region` to `target` as the offerings screen does: the change from what
/// the desk shows, sent as a delta.
fn set_stock(device: &Device, id: &str, region: &str, target: i64) {
    let delta = target - shown(device, id, region);
    assert_ne!(delta, 0, "{}: {region} already shows {target}", device.name);
    let actor = staff::actor(Role::Manager);
    device.store().change_stock(&actor, id, region, delta).expect("stock change queued");
}

fn conflicts(device: &Device) -> usize {
    device.store().conflicts().expect("conflicts").len()
}

/// An offering of the demo supplier delivered to KZ-ALA and KZ-AST (among its regions), with
/// the stock of each set to `ala` and `ast` on the portal and on `device`.
async fn two_region_offering(portal: &RunningSandbox, device: &Device, ala: i64, ast: i64) -> String {
    let actor = staff::actor(Role::Manager);
    let id = device.store().offerings().expect("offerings")[0].id.clone();
    let mut regions = offering(device, &id).regions;
    let missing: Vec<String> =
        ["KZ-ALA", "KZ-AST"].iter().map(|r| r.to_string()).filter(|r| !regions.contains(r)).collect();
    if !missing.is_empty() {
        regions.extend(missing);
        let update = OfferingUpdate { regions: Some(regions), ..Default::default() };
        device.store().update_offering(&actor, &id, &update).expect("regions");
    }
    for (region, target) in [("KZ-ALA", ala), ("KZ-AST", ast)] {
        if shown(device, &id, region) != target {
            set_stock(device, &id, region, target);
        }
    }
    device.sync_until_drained(3).await;
    assert_eq!((on_portal(portal, &id, "KZ-ALA").await, on_portal(portal, &id, "KZ-AST").await), (ala, ast));
    id
}

async fn signed_in(portal: &RunningSandbox) -> PortalClient {
    let mut client = PortalClient::new(&portal.url()).expect("client");
    let c = credentials();
    client.sign_in(&c.bin, &c.password).await.expect("sign in");
    client
}

/// Issue: set 6 over 10, the answer cut after the portal applied it, the replay answered
/// `Retryable` by a portal that misbehaves so; the desk must show 6, not 6 − 4 = 2, and setting
/// nothing more, the portal and the desk end at 6 with no conflict.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_applied_behind_a_cut_answer_is_not_counted_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 11).await;
    let desk = Device::open(dir.path(), "desk", &portal.url());
    desk.sync_until_drained(3).await;
    let id = two_region_offering(&portal, &desk, 10, 3).await;

    set_stock(&desk, &id, "KZ-ALA", 6);
    // The portal applies the −4 and the connection drops before the answer.
    portal.set_faults(Faults { reset_rate: 1.0, ..Faults::default() }).expect("faults");
    assert!(desk.engine.sync_once(&|_| {}).await.is_err(), "the cut answer fails the sync");
    assert_eq!(on_portal(&portal, &id, "KZ-ALA").await, 6, "the portal applied it");
    assert_eq!(desk.store().summary().expect("summary").pending_mutations, 1, "in doubt: still queued");

    // The replay is answered Retryable although the portal holds it; the pull of the same round
    // brings the snapshot that includes it.
    portal.set_faults(Faults { retryable_rate: 1.0, retryable_replays: true, ..Faults::default() }).expect("faults");
    desk.engine.sync_once(&|_| {}).await.expect("sync with retryable answers");
    assert_eq!(desk.store().summary().expect("summary").pending_mutations, 1, "the replay was not answered");
    assert_eq!(shown(&desk, &id, "KZ-ALA"), 6, "the snapshot holds the −4 already: it is not laid over it again");

    portal.set_faults(Faults::default()).expect("faults off");
    desk.sync_until_drained(3).await;
    assert_eq!(on_portal(&portal, &id, "KZ-ALA").await, 6);
    assert_eq!(shown(&desk, &id, "KZ-ALA"), 6);
    assert_eq!(conflicts(&desk), 0);
    let state = portal.state().await.expect("state");
    assert!(state.mutations.iter().all(|m| m.applications <= 1), "nothing applied twice");
}

/// How desk B's sync after its push goes wrong in the two ways.
#[derive(Debug, Clone, Copy)]
enum AfterPush {
    /// The process stops between the push and the pull.
    Stopped,
    /// The pull fails (the portal answers 5xx).
    PullFails,
}

/// Issue: desk B raises KZ-ALA by 15 and lowers KZ-AST by 4 in one batch; the portal applies
/// the +15 and refuses the −4 (desk A emptied KZ-AST meanwhile). Recording the refusal must not
/// hide the +15: B shows 25, then sets 12, and the portal and both desks end at 12 with the one
/// genuine conflict.
async fn refused_beside_applied(after_push: AfterPush) {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 12).await;
    let a = Device::open(dir.path(), "desk-a", &portal.url());
    let b = Device::open(dir.path(), "desk-b", &portal.url());
    a.sync_until_drained(3).await;
    let id = two_region_offering(&portal, &a, 10, 4).await;
    b.sync_until_drained(3).await;
    assert_eq!((shown(&b, &id, "KZ-ALA"), shown(&b, &id, "KZ-AST")), (10, 4));

    set_stock(&b, &id, "KZ-ALA", 25);
    set_stock(&b, &id, "KZ-AST", 0);
    set_stock(&a, &id, "KZ-AST", 0);
    a.sync_until_drained(3).await;

    // Step 2: B's push; +15 applied, −4 refused (stock would go negative).
    let client = signed_in(&portal).await;
    let report = desk_core::sync::push(b.engine.store().as_ref(), &client).await.expect("push");
    assert_eq!((report.applied, report.rejected), (1, 1), "{report:?}");
    if let AfterPush::PullFails = after_push {
        portal.set_faults(Faults { error_rate: 1.0, ..Faults::default() }).expect("faults");
        assert!(b.engine.sync_once(&|_| {}).await.is_err(), "the pull fails");
        portal.set_faults(Faults::default()).expect("faults off");
    }
    assert_eq!(shown(&b, &id, "KZ-ALA"), 25, "{after_push:?}: the applied +15 stays shown");
    assert_eq!(b.store().summary().expect("summary").pending_mutations, 0);

    // Step 3: the person sets KZ-ALA to 12 on B.
    set_stock(&b, &id, "KZ-ALA", 12);
    b.sync_until_drained(3).await;
    a.sync_until_drained(3).await;
    assert_eq!(on_portal(&portal, &id, "KZ-ALA").await, 12, "{after_push:?}: the portal holds what was asked");
    for desk in [&a, &b] {
        assert_eq!(shown(desk, &id, "KZ-ALA"), 12, "{after_push:?}: {}", desk.name);
        assert_eq!(shown(desk, &id, "KZ-AST"), 0, "{after_push:?}: {}", desk.name);
    }
    assert_eq!((conflicts(&a), conflicts(&b)), (0, 1), "{after_push:?}: only the genuine conflict");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_does_not_hide_an_applied_change_when_the_sync_stops_before_its_pull() {
    refused_beside_applied(AfterPush::Stopped).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_does_not_hide_an_applied_change_when_the_pull_fails() {
    refused_beside_applied(AfterPush::PullFails).await;
}

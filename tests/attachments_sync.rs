//! Delivery photos through sync against the real sandbox over loopback HTTP: a delivery with a
//! photo recorded while the portal is stopped, an upload cut off by a connection reset after
//! the portal restarted, and, once the faults stop, the portal holding the photo byte for byte
//! and the delivery naming it.

mod sync_support;

use std::sync::Mutex;

use desk_core::actions::Actor;
use desk_core::sync::push;
use desk_core::{Delivery, OrderStatus, Store};
use portal_api::{PortalClient, UPLOAD_CHUNK_BYTES};
use portal_sandbox::{Faults, demo};
use sync_support::{Device, sandbox};

/// A JPEG-looking photo of a few chunks, so an upload takes several requests.
fn photo() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
    bytes.extend((0..3 * UPLOAD_CHUNK_BYTES + 999).map(|i| (i % 251) as u8));
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delivery_photo_taken_offline_reaches_the_portal_through_a_cut_upload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 5).await;
    let device = Device::open(dir.path(), "device-a", &portal.url());
    device.sync_until_drained(3).await;
    let state = portal.state().await.expect("state");
    let order_id = state
        .orders
        .iter()
        .find(|o| o.status == OrderStatus::InWork && device.store().order(&o.id).is_ok())
        .map(|o| o.id.clone())
        .expect("an order in work on the desk");

    // The portal goes away; the courier records the delivery with a photo.
    portal.shutdown().await;
    let bytes = photo();
    let sha = {
        let mut store = device.store();
        let sha = store.add_photo(&bytes).expect("add the photo");
        let delivery = Delivery {
            order_id: order_id.clone(),
            delivered_on: chrono::Utc::now().date_naive(),
            place: "Алматы, ул. Абая 10".into(),
            serial_numbers: vec!["SN-77".into()],
            notes: "handed to the guardian".into(),
        };
        store.record_delivery_with_photos(&Actor("courier".into()), &delivery, std::slice::from_ref(&sha)).expect("record");
        sha
    };
    assert!(device.engine.sync_once(&|_| {}).await.is_err(), "the portal is stopped");
    assert_eq!(device.store().summary().expect("summary").pending_mutations, 1);
    drop(device);

    // The portal is back, but every answer's connection is reset after the handler ran.
    let portal = sandbox(dir.path(), 5).await;
    let store = Mutex::new(Store::open(&dir.path().join("device-a").join("desk.sqlite")).expect("reopen the desk"));
    let mut client = PortalClient::new(&portal.url()).expect("client");
    client.sign_in(demo::SUPPLIER_BIN, demo::SUPPLIER_PASSWORD).await.expect("sign in");
    portal.set_faults(Faults { reset_rate: 1.0, seed: Some(1), ..Faults::default() }).expect("faults");
    let err = push(&store, &client).await.expect_err("the upload is cut off");
    assert!(err.to_string().contains("could not be reached") || err.to_string().contains("read"), "{err}");
    portal.clear_faults();
    // The batch waited: nothing applied, the queue and the photo's flag as they were; the
    // portal kept the chunk it received before the connection dropped.
    assert_eq!(store.lock().expect("lock").summary().expect("summary").pending_mutations, 1);
    assert!(!store.lock().expect("lock").photo(&sha).expect("photo").expect("row").uploaded);
    assert!(portal.state().await.expect("state").order(&order_id).expect("order").deliveries.is_empty());
    let held = client.attachment_status(&sha).await.expect("status");
    assert!(!held.complete && held.received > 0, "the cut upload left a part to resume from: {held:?}");

    // Without faults the push resumes the upload, then sends the delivery.
    let report = push(&store, &client).await.expect("push");
    assert_eq!((report.applied, report.rejected), (1, 0));
    assert_eq!(portal.attachment(&sha).await.expect("read"), Some(bytes), "the portal holds the photo exactly");
    let order = portal.state().await.expect("state").order(&order_id).cloned().expect("order");
    assert_eq!(order.status, OrderStatus::Delivered);
    assert_eq!(order.deliveries.len(), 1);
    assert_eq!(order.deliveries[0].photos, std::slice::from_ref(&sha), "the delivery names the photo");
    let store = store.into_inner().expect("store");
    assert!(store.photo(&sha).expect("photo").expect("row").uploaded);
    assert_eq!(store.summary().expect("summary").pending_mutations, 0);
    portal.shutdown().await;
}

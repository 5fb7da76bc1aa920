//! Delivery photos through sync against the real sandbox over loopback HTTP: a delivery with a
//! photo recorded while the portal is stopped, an upload cut off by a connection reset after
//! the portal restarted, and, once the faults stop, the portal holding the photo byte for byte
//! and the delivery naming it.

use crate::sync_support;

use desk_core::access::Role;
use sync_support::staff;

use std::sync::Mutex;

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
            items: vec![],
            received_by: None,
        };
        store
            .record_delivery_with_photos(&staff::actor(Role::Courier), &delivery, std::slice::from_ref(&sha))
            .expect("record");
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

/// The form's input for an edit of `row` that keeps everything but the photos.
fn photos_edit(
    row: &desk_core::features::offerings::views::OfferingRow,
    photos: Vec<String>,
) -> desk_core::features::offerings::views::OfferingInput {
    desk_core::features::offerings::views::OfferingInput {
        offering_id: Some(row.id.clone()),
        classifier_code: row.classifier_code.clone(),
        price: desk_core::kernel::money::Money::from_tiyn(row.price_tiyn).to_string(),
        regions: row.regions.clone(),
        stock_by_region: row.stock_by_region.clone(),
        warranty_months: row.warranty_months,
        description: row.description.clone(),
        published: row.published,
        photos: Some(photos),
        model: None,
        manufacturer: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offering_photo_added_on_one_desk_reaches_the_other_and_a_refused_change_is_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let portal = sandbox(dir.path(), 5).await;
    let office = Device::open(dir.path(), "office", &portal.url());
    let workshop = Device::open(dir.path(), "workshop", &portal.url());
    office.sync_until_drained(3).await;
    workshop.sync_until_drained(3).await;
    let row = office.store().offerings().expect("offerings").into_iter().next().expect("an offering");

    // The office adds a photo to the offering; the push uploads it before the edit.
    let bytes = photo();
    let sha = {
        let mut store = office.store();
        let sha = store.add_photo(&bytes).expect("add the photo");
        store.save_offering(&staff::actor(Role::Office), &photos_edit(&row, vec![sha.clone()])).expect("save");
        sha
    };
    office.sync_until_drained(3).await;
    assert_eq!(portal.offering_photos(&row.id).await.expect("photos"), std::slice::from_ref(&sha));

    // The workshop's desk learns of it from the feed and fetches the file.
    workshop.sync_until_drained(3).await;
    assert_eq!(workshop.store().offering_photos(&row.id).expect("photos"), std::slice::from_ref(&sha));
    let (held, media_type) = workshop.store().photo_bytes(&sha).expect("the file arrived");
    assert_eq!((held == bytes, media_type.as_str()), (true, "image/jpeg"));
    assert!(workshop.store().photos_to_fetch(10).expect("waiting").is_empty());

    // The workshop takes the photo off while the portal lowered the item's limit below the
    // price: the portal refuses the edit, and the photo shows again, as the portal has it.
    portal.lower_limit_price(&row.classifier_code, row.price_tiyn - 100).await.expect("lower the limit");
    workshop.store().save_offering(&staff::actor(Role::Office), &photos_edit(&row, vec![])).expect("save locally");
    assert!(workshop.store().offering_photos(&row.id).expect("photos").is_empty(), "shown at once");
    workshop.sync_until_drained(2).await;
    assert_eq!(workshop.store().summary().expect("summary").conflicts, 1, "the refusal is a conflict");
    assert_eq!(workshop.store().offering_photos(&row.id).expect("photos"), [sha], "undone with the rest");
}

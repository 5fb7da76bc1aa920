//! Attachments over loopback HTTP: whole and chunked uploads, the hash checked when the last
//! byte arrives, and mutations naming a photo the portal does not have refused.

mod common;

use chrono::NaiveDate;
use portal_api::{MutationBody, MutationOutcome, OrderStatus, PortalClient, Problem, RejectReason, UPLOAD_CHUNK_BYTES};
use sha2::{Digest, Sha256};

use common::{orders_in, push_one, quiet_sandbox, rejection, signed_in, token};

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes that are not all alike, so a chunk in the wrong place changes the hash.
fn photo(len: usize, salt: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u8).wrapping_mul(31).wrapping_add(salt)).collect()
}

async fn put(url: &str, token: &str, query: &[(&str, u64)], body: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .put(url)
        .bearer_auth(token)
        .query(query)
        .header("content-type", "application/octet-stream")
        .body(body)
        .send()
        .await
        .expect("an answer")
}

fn delivery(order_id: &str, delivery_id: &str, photos: Vec<String>) -> MutationBody {
    MutationBody::RecordDelivery {
        order_id: order_id.to_owned(),
        delivery_id: delivery_id.to_owned(),
        delivered_on: NaiveDate::from_ymd_opt(2026, 3, 2).expect("a date"),
        place: "Алматы, ул. Абая 10".into(),
        serial_numbers: vec!["SN-1".into()],
        notes: String::new(),
        photos,
        items: vec![],
        received_by: None,
    }
}

#[tokio::test]
async fn a_photo_uploaded_in_chunks_is_kept_exactly_and_uploading_it_again_is_a_no_op() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let bytes = photo(2 * UPLOAD_CHUNK_BYTES + 1234, 7);
    let name = sha(&bytes);
    assert_eq!(client.attachment_status(&name).await.expect("status").received, 0);
    let done = client.upload_attachment(&name, &bytes).await.expect("upload");
    assert!(done.complete);
    assert_eq!(done.received, bytes.len() as u64);
    assert_eq!(sandbox.attachment(&name).await.expect("read"), Some(bytes.clone()));
    let status = client.attachment_status(&name).await.expect("status");
    assert!(status.complete && status.received == bytes.len() as u64, "{status:?}");
    assert!(client.upload_attachment(&name, &bytes).await.expect("again").complete);
}

#[tokio::test]
async fn an_upload_cut_off_goes_on_from_the_bytes_the_portal_holds() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let token = token(&sandbox).await;
    let bytes = photo(3 * 1000, 3);
    let name = sha(&bytes);
    let url = format!("{}/v1/attachments/{name}", sandbox.url());
    let total = bytes.len() as u64;

    // The first 1000 bytes arrive, then the desk goes away.
    let resp = put(&url, &token, &[("offset", 0), ("total", total)], bytes[..1000].to_vec()).await;
    assert_eq!(resp.status(), 200);
    let status = client.attachment_status(&name).await.expect("status");
    assert_eq!((status.received, status.complete), (1000, false));
    assert_eq!(sandbox.attachment(&name).await.expect("read"), None, "nothing is an attachment until complete");

    // A chunk that does not start where the held bytes end is refused, and changes nothing.
    let resp = put(&url, &token, &[("offset", 2000), ("total", total)], bytes[2000..].to_vec()).await;
    assert_eq!(resp.status(), 409);
    assert_eq!(client.attachment_status(&name).await.expect("status").received, 1000);

    // The next chunk goes on from there; the client sends the rest.
    let resp = put(&url, &token, &[("offset", 1000), ("total", total)], bytes[1000..2000].to_vec()).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(client.attachment_status(&name).await.expect("status").received, 2000);
    assert!(client.upload_attachment(&name, &bytes).await.expect("resume").complete);
    assert_eq!(sandbox.attachment(&name).await.expect("read"), Some(bytes));
}

#[tokio::test]
async fn bytes_that_do_not_hash_to_the_name_are_refused_and_nothing_is_kept() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let token = token(&sandbox).await;
    let bytes = photo(5000, 1);
    let name = sha(&photo(5000, 2));
    let url = format!("{}/v1/attachments/{name}", sandbox.url());

    let resp = put(&url, &token, &[], bytes.clone()).await;
    assert_eq!(resp.status(), 422);
    let problem: Problem = resp.json().await.expect("a problem body");
    assert_eq!(problem.code, "invalid_body");
    assert!(problem.detail.as_deref().unwrap_or("").contains(&sha(&bytes)), "{problem:?}");
    assert_eq!(client.attachment_status(&name).await.expect("status").received, 0);

    // The same in chunks: the mismatch shows at the last one, and the held chunks go too.
    let total = bytes.len() as u64;
    assert_eq!(put(&url, &token, &[("offset", 0), ("total", total)], bytes[..2500].to_vec()).await.status(), 200);
    assert_eq!(put(&url, &token, &[("offset", 2500), ("total", total)], bytes[2500..].to_vec()).await.status(), 422);
    assert_eq!(client.attachment_status(&name).await.expect("status").received, 0);
    assert_eq!(sandbox.attachment(&name).await.expect("read"), None);

    // A name that is not a sha256, and a size over the limit, are refused before anything is read.
    let bad = format!("{}/v1/attachments/not-a-hash", sandbox.url());
    assert_eq!(put(&bad, &token, &[], bytes.clone()).await.status(), 400);
    let too_big = portal_api::MAX_ATTACHMENT_BYTES + 1;
    assert_eq!(put(&url, &token, &[("offset", 0), ("total", too_big)], bytes.clone()).await.status(), 413);
    // Without a token nothing is taken.
    let anonymous = PortalClient::new(&sandbox.url()).expect("client");
    assert!(anonymous.upload_attachment(&name, &bytes).await.is_err());
}

#[tokio::test]
async fn a_mutation_naming_a_photo_the_portal_lacks_is_refused_and_applies_once_it_is_uploaded() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let in_work = orders_in(&state, OrderStatus::InWork);
    let order_id = in_work.first().expect("an order in work");
    let bytes = photo(4000, 9);
    let name = sha(&bytes);

    let (reason, message) =
        rejection(&push_one(&client, "desk-a", delivery(order_id, "d-1", vec![name.clone()])).await);
    assert_eq!(reason, RejectReason::AttachmentMissing);
    assert!(message.contains(&name), "{message}");
    let order = sandbox.state().await.expect("state").order(order_id).cloned().expect("the order");
    assert_eq!((order.status, order.deliveries.len()), (OrderStatus::InWork, 0));

    client.upload_attachment(&name, &bytes).await.expect("upload");
    assert_eq!(
        push_one(&client, "desk-a", delivery(order_id, "d-1", vec![name.clone()])).await,
        MutationOutcome::Applied
    );
    let order = sandbox.state().await.expect("state").order(order_id).cloned().expect("the order");
    assert_eq!(order.status, OrderStatus::Delivered);
    assert_eq!(order.deliveries[0].photos, std::slice::from_ref(&name));

    // An offering shows the photos it was created with.
    let create = MutationBody::CreateOffering {
        offering_id: "o-photo".into(),
        classifier_code: "TSR-06-001".into(),
        price_tiyn: 1_000,
        stock: 1,
        regions: vec!["KZ-ALA".into()],
        stock_by_region: Vec::new(),
        warranty_months: 0,
        description: String::new(),
        published: true,
        photos: vec![name.clone()],
        model: None,
        manufacturer: None,
    };
    assert_eq!(push_one(&client, "desk-a", create).await, MutationOutcome::Applied);
    assert_eq!(sandbox.offering_photos("o-photo").await.expect("photos"), std::slice::from_ref(&name));

    // The feed's snapshot names them, and another desk of the supplier fetches them whole.
    let (changes, _) = common::read_feed(&client, 0, 1000).await;
    let snapshot = changes.iter().rev().find_map(|c| match &c.entity {
        portal_api::Entity::Offering(o) if o.id == "o-photo" => Some(o.clone()),
        _ => None,
    });
    assert_eq!(snapshot.and_then(|o| o.photos), Some(vec![name.clone()]));
    assert_eq!(client.download_attachment(&name).await.expect("download"), bytes);
    let unknown = sha(b"never uploaded");
    assert!(matches!(
        client.download_attachment(&unknown).await,
        Err(portal_api::ClientError::Status { status: 404, .. })
    ));
    assert!(matches!(
        client.download_attachment("not-a-hash").await,
        Err(portal_api::ClientError::Status { status: 400, .. })
    ));
    let anonymous = PortalClient::new(&sandbox.url()).expect("client");
    assert!(matches!(anonymous.download_attachment(&name).await, Err(portal_api::ClientError::Unauthorized)));
}

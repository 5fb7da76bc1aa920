//! Photos kept as content-addressed files beside a real SQLite file, and the actions that name
//! them (a delivery, an offering), each one transaction with its outbox and audit entries.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::features::offerings::views::OfferingInput;
use desk_core::kernel::ActionError;
use desk_core::kernel::attachments::MAX_PHOTO_BYTES;
use desk_core::{Delivery, OrderStatus, Store};
use portal_api::MutationBody;
use sha2::{Digest, Sha256};

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn courier() -> Actor {
    staff::actor(Role::Courier)
}

/// A small byte string that starts like a JPEG file; `tag` makes each one different.
fn jpeg(tag: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

fn png(tag: &str) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

fn webp(tag: &str) -> Vec<u8> {
    let mut bytes = b"RIFF\x10\0\0\0WEBPVP8 ".to_vec();
    bytes.extend_from_slice(tag.as_bytes());
    bytes
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut names: Vec<String> =
                entries.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            names
        }
        Err(_) => Vec::new(),
    }
}

fn delivery(order_id: &str) -> Delivery {
    Delivery {
        order_id: order_id.into(),
        delivered_on: at(24, 0).date_naive(),
        place: "Алматы, ул. Абая 1".into(),
        serial_numbers: vec!["SN-1".into()],
        notes: String::new(),
        items: vec![],
        received_by: None,
    }
}

#[test]
fn a_photo_is_kept_once_under_its_sha256_beside_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let bytes = jpeg("first photo");
    let sha = store.add_photo(&bytes).expect("add");
    assert_eq!(sha, hex_sha256(&bytes));
    let kept = dir.path().join("attachments").join(&sha);
    assert_eq!(std::fs::read(&kept).expect("the file"), bytes);

    // The same bytes again: the same name, one file, one row.
    assert_eq!(store.add_photo(&bytes).expect("add again"), sha);
    let other = store.add_photo(&png("second")).expect("a png");
    let third = store.add_photo(&webp("third")).expect("a webp");
    let mut expected = vec![sha.clone(), other.clone(), third.clone()];
    expected.sort();
    assert_eq!(files_in(&dir.path().join("attachments")), expected, "no temporary file is left behind");
    assert_eq!(count(&raw(&dir), "attachments"), 3);
    let photo = store.photo(&sha).expect("read").expect("the row");
    assert_eq!((photo.media_type.as_str(), photo.size, photo.uploaded), ("image/jpeg", bytes.len() as u64, false));
    assert_eq!(store.photo(&other).expect("read").expect("row").media_type, "image/png");
    assert_eq!(store.photo(&third).expect("read").expect("row").media_type, "image/webp");
    assert_eq!(store.photo_bytes(&sha).expect("bytes"), (bytes, "image/jpeg".to_owned()));

    // Reopened, the store finds its photos where it left them.
    drop(store);
    let store = Store::open(&dir.path().join("desk.sqlite")).expect("reopen");
    assert_eq!(store.photo_bytes(&other).expect("bytes").0, png("second"));
}

#[test]
fn a_file_that_is_not_an_image_or_is_too_large_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    for (what, bytes) in [
        ("a GIF", b"GIF89a\x01\0\x01\0".to_vec()),
        ("a PDF", b"%PDF-1.7 not a photo".to_vec()),
        ("nothing", Vec::new()),
        ("a RIFF that is no WebP", b"RIFF\x10\0\0\0WAVEfmt ".to_vec()),
    ] {
        let err = store.add_photo(&bytes).expect_err(what);
        assert!(matches!(&err, ActionError::Invalid { field: "photos", .. }), "{what}: {err}");
    }
    let mut huge = jpeg("");
    huge.resize(MAX_PHOTO_BYTES + 1, 0);
    let err = store.add_photo(&huge).expect_err("too large");
    assert!(matches!(&err, ActionError::Invalid { field: "photos", .. }), "{err}");
    assert!(err.to_string().contains("10 MiB"), "{err}");
    assert!(files_in(&dir.path().join("attachments")).is_empty());
    assert_eq!(count(&raw(&dir), "attachments"), 0);

    // Exactly at the limit is accepted.
    huge.truncate(MAX_PHOTO_BYTES);
    store.add_photo(&huge).expect("10 MiB is accepted");
}

#[test]
fn a_delivery_names_its_photos_in_the_same_transaction_as_its_outbox_and_audit_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let first = store.add_photo(&jpeg("handover")).expect("add");
    let second = store.add_photo(&png("signed act")).expect("add");
    let mutation_id = store
        .record_delivery_with_photos(&courier(), &delivery("d"), &[first.clone(), second.clone()])
        .expect("record");

    let conn = raw(&dir);
    let delivery_id: String = conn.query_row("SELECT id FROM deliveries", [], |r| r.get(0)).expect("the delivery");
    assert_eq!(store.delivery_photos(&delivery_id).expect("photos"), [first.clone(), second.clone()]);
    assert_eq!(store.order_detail("d").expect("detail").delivery_photos, [first.clone(), second.clone()]);
    let payload: String = conn
        .query_row("SELECT payload FROM outbox WHERE mutation_id = ?1", [&mutation_id], |r| r.get(0))
        .expect("the outbox entry");
    let body: MutationBody = serde_json::from_str(&payload).expect("a mutation body");
    assert!(
        matches!(&body, MutationBody::RecordDelivery { photos, .. } if photos == &[first.clone(), second.clone()]),
        "{body:?}"
    );
    let audit: String = conn
        .query_row("SELECT detail FROM audit_log WHERE action = 'record_delivery'", [], |r| r.get(0))
        .expect("the audit entry");
    assert!(audit.contains(&first) && audit.contains(&second), "{audit}");
}

#[test]
fn an_unknown_photo_or_a_failing_link_leaves_no_part_of_the_delivery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let known = store.add_photo(&jpeg("known")).expect("add");
    let unknown = hex_sha256(b"never added");
    let err = store
        .record_delivery_with_photos(&courier(), &delivery("d"), &[known.clone(), unknown.clone()])
        .expect_err("an unknown photo");
    assert!(matches!(&err, ActionError::Invalid { field: "photos", .. }), "{err}");
    assert!(err.to_string().contains(&unknown), "{err}");
    let err = store
        .record_delivery_with_photos(&courier(), &delivery("d"), &[known.clone(), known.clone()])
        .expect_err("the same photo twice");
    assert!(matches!(&err, ActionError::Invalid { field: "photos", .. }), "{err}");

    raw(&dir)
        .execute_batch("CREATE TRIGGER fail_link BEFORE INSERT ON delivery_photos BEGIN SELECT RAISE(ABORT, 'injected failure'); END;")
        .expect("trigger");
    let err = store
        .record_delivery_with_photos(&courier(), &delivery("d"), std::slice::from_ref(&known))
        .expect_err("must fail");
    assert!(err.to_string().contains("injected failure"), "{err}");

    let conn = raw(&dir);
    for table in ["deliveries", "delivery_photos", "outbox", "audit_log"] {
        assert_eq!(count(&conn, table), 0, "{table}");
    }
    assert_eq!(store.order("d").expect("d").status, OrderStatus::InWork);
    conn.execute_batch("DROP TRIGGER fail_link").expect("drop");
    store.record_delivery_with_photos(&courier(), &delivery("d"), &[known]).expect("then it goes through");
    assert_eq!((count(&conn, "deliveries"), count(&conn, "delivery_photos"), count(&conn, "outbox")), (1, 1, 1));
}

fn offering_form(photos: Option<Vec<String>>) -> OfferingInput {
    OfferingInput {
        offering_id: None,
        classifier_code: "TSR-01-001".into(),
        price: "1 000 000".into(),
        regions: vec!["KZ-ALA".into()],
        stock_by_region: vec![portal_api::RegionStock { region: "KZ-ALA".into(), quantity: 3 }],
        warranty_months: 24,
        description: "Модульный протез голени".into(),
        published: true,
        photos,
        model: None,
        manufacturer: None,
    }
}

#[test]
fn an_offering_carries_its_photos_and_an_edit_replaces_or_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let front = store.add_photo(&jpeg("front")).expect("add");
    let side = store.add_photo(&jpeg("side")).expect("add");
    let id = store.save_offering(&office(), &offering_form(Some(vec![front.clone(), side.clone()]))).expect("create");
    assert_eq!(store.offering_photos(&id).expect("photos"), [front.clone(), side.clone()]);

    // An edit without photos keeps them; with photos it replaces them.
    let mut edit = offering_form(None);
    edit.offering_id = Some(id.clone());
    edit.description = "с новым описанием".into();
    store.save_offering(&office(), &edit).expect("edit");
    assert_eq!(store.offering_photos(&id).expect("photos"), [front.clone(), side.clone()]);
    edit.photos = Some(vec![side.clone()]);
    store.save_offering(&office(), &edit).expect("edit photos");
    assert_eq!(store.offering_photos(&id).expect("photos"), std::slice::from_ref(&side));

    // A photo never added is refused on the photos field, and the offering keeps what it had.
    let (outbox, audit) = {
        let c = raw(&dir);
        (count(&c, "outbox"), count(&c, "audit_log"))
    };
    edit.photos = Some(vec![hex_sha256(b"not here")]);
    let err = store.save_offering(&office(), &edit).expect_err("unknown photo");
    assert!(matches!(&err, ActionError::Invalid { field: "photos", .. }), "{err}");
    assert_eq!(store.offering_photos(&id).expect("photos"), [side]);
    let c = raw(&dir);
    assert_eq!((count(&c, "outbox"), count(&c, "audit_log")), (outbox, audit));
}

#[test]
fn photos_the_portal_names_wait_for_their_file_which_must_hash_to_the_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let bytes = jpeg("from another desk");
    let sha = hex_sha256(&bytes);
    let mut p = page(vec![], 50);
    for c in &mut p.changes {
        if let portal_api::Entity::Offering(o) = &mut c.entity {
            o.photos = Some(vec![sha.clone()]);
        }
    }
    store.apply_page(p).expect("pull");
    assert_eq!(store.offering_photos("off-1").expect("photos"), std::slice::from_ref(&sha));
    assert_eq!(store.photos_to_fetch(10).expect("waiting"), std::slice::from_ref(&sha));
    assert!(store.photo_bytes(&sha).is_err(), "no file yet");

    let err = store.keep_fetched_photo(&sha, &jpeg("something else")).expect_err("wrong bytes");
    assert!(err.to_string().contains("hashes to"), "{err}");
    assert_eq!(store.photos_to_fetch(10).expect("waiting"), std::slice::from_ref(&sha), "still waiting");
    store.keep_fetched_photo(&sha, &bytes).expect("kept");
    assert!(store.photos_to_fetch(10).expect("waiting").is_empty());
    let (held, media_type) = store.photo_bytes(&sha).expect("the file");
    assert_eq!((held, media_type.as_str()), (bytes, "image/jpeg"));
    let photo = store.photo(&sha).expect("row").expect("a row");
    assert!(photo.uploaded, "the portal has it: nothing to upload");

    // A name that is not a sha256 never becomes a file name: the snapshot is refused.
    let mut bad = page(vec![], 60);
    for c in &mut bad.changes {
        if let portal_api::Entity::Offering(o) = &mut c.entity {
            o.photos = Some(vec!["../../etc/passwd".into()]);
        }
    }
    assert!(store.apply_page(bad).is_err());
}

#[test]
fn a_refusal_keeps_the_photos_of_an_offering_stored_before_photos_travelled_with_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let sha = store.add_photo(&jpeg("shelf")).expect("add");
    store
        .save_offering(&office(), &OfferingInput { photos: Some(vec![sha.clone()]), ..offering_edit("off-1") })
        .expect("save");
    accept_all(&mut store);
    assert_eq!(
        store.offering_photos("off-1").expect("photos"),
        std::slice::from_ref(&sha),
        "an applied edit keeps showing"
    );
    let mut p = page(vec![], 50);
    for c in &mut p.changes {
        if let portal_api::Entity::Offering(o) = &mut c.entity {
            o.photos = Some(vec![sha.clone()]);
        }
    }
    store.apply_page(p).expect("the portal's snapshot with the photo");
    assert_eq!(store.offering_photos("off-1").expect("photos"), std::slice::from_ref(&sha));
    // The portal's last word on it as an older desk stored it: no photo list at all.
    raw(&dir)
        .execute("UPDATE offerings SET portal_json = json_remove(portal_json, '$.photos') WHERE id = 'off-1'", [])
        .expect("an older snapshot");
    let mut refused = offering_edit("off-1");
    refused.description = "refused".into();
    store.save_offering(&office(), &refused).expect("save");
    let batch = store.pending_batch(10).expect("batch");
    let rejected =
        portal_api::MutationOutcome::Rejected { reason: portal_api::RejectReason::InvalidInput, message: "no".into() };
    let results = batch
        .mutations
        .iter()
        .map(|m| portal_api::MutationResult { id: m.id.clone(), outcome: rejected.clone() })
        .collect();
    store.record_push_results(&batch, &portal_api::MutationBatchResult { results }).expect("record");
    assert_eq!(
        store.offering_photos("off-1").expect("photos"),
        [sha],
        "not cleared by a snapshot that says nothing of them"
    );
}

/// The form's input editing the seeded offering, its photos kept.
fn offering_edit(id: &str) -> OfferingInput {
    OfferingInput { offering_id: Some(id.into()), photos: None, ..offering_form(None) }
}

fn accept_all(store: &mut Store) {
    let batch = store.pending_batch(10).expect("batch");
    let results = batch
        .mutations
        .iter()
        .map(|m| portal_api::MutationResult { id: m.id.clone(), outcome: portal_api::MutationOutcome::Applied })
        .collect();
    store.record_push_results(&batch, &portal_api::MutationBatchResult { results }).expect("record");
}

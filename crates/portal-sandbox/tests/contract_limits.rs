//! The contract's bounds, enforced over loopback HTTP: sizes of every text and list of a
//! mutation, the years of a date, unknown fields inside `body.data`, the feed's `device_id`.
//! Each refusal is a clear answer, stores nothing of the mutation's effect, and the sandbox
//! serves on and starts again on its data dir.

mod common;

use portal_api::{
    MAX_LIST_ITEMS, MAX_NAME_CHARS, MAX_TEXT_CHARS, MutationBody, MutationOutcome, PROBLEM_CONTENT_TYPE, Problem,
    RejectReason,
};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;

use common::{mutation, placed_orders, push, rejection, signed_in, start_in, token};

async fn offering_stock(sandbox: &portal_sandbox::RunningSandbox, id: &str) -> (i64, String) {
    let state = sandbox.state().await.expect("state");
    let o = state.offering(id).expect("offering");
    (o.offering.stock, o.offering.description.clone())
}

#[tokio::test]
async fn a_mutation_over_a_bound_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), common::SEED, None).await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let offering = state.offerings[0].offering.id.clone();
    let placed = placed_orders(&state, None);
    let before = offering_stock(&sandbox, &offering).await;
    let feed_head = state.feed_head;

    let date = |y: i32| chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("a date");
    let cases: Vec<(&str, MutationBody)> = vec![
        (
            "description",
            MutationBody::UpdateOffering {
                offering_id: offering.clone(),
                price_tiyn: None,
                regions: None,
                warranty_months: None,
                description: Some("д".repeat(MAX_TEXT_CHARS + 1)),
                published: None,
                photos: None,
                model: None,
                manufacturer: None,
            },
        ),
        ("reason", MutationBody::DeclineOrder { order_id: placed[0].clone(), reason: "x".repeat(MAX_TEXT_CHARS + 1) }),
        (
            "assignee",
            MutationBody::AssignOrder { order_id: placed[0].clone(), assignee: "x".repeat(MAX_NAME_CHARS + 1) },
        ),
        (
            "serial_numbers",
            MutationBody::RecordDelivery {
                order_id: placed[0].clone(),
                delivery_id: "d-1".into(),
                delivered_on: date(2026),
                place: "Алматы".into(),
                serial_numbers: vec!["SN".into(); MAX_LIST_ITEMS + 1],
                notes: String::new(),
                photos: vec![],
                items: vec![],
                received_by: None,
            },
        ),
        (
            "delivered_on",
            MutationBody::RecordDelivery {
                order_id: placed[0].clone(),
                delivery_id: "d-2".into(),
                delivered_on: date(10000),
                place: "Алматы".into(),
                serial_numbers: vec![],
                notes: String::new(),
                photos: vec![],
                items: vec![],
                received_by: None,
            },
        ),
        (
            "returned_on",
            MutationBody::RecordReturn {
                order_id: placed[0].clone(),
                return_id: "r-1".into(),
                returned_on: date(0),
                reason: "x".into(),
                notes: String::new(),
            },
        ),
    ];
    for (i, (field, body)) in cases.into_iter().enumerate() {
        let outcome = &push(&client, "desk-limits", &[mutation(i as u64 + 1, body)]).await[0];
        let (reason, message) = rejection(outcome);
        assert_eq!(reason, RejectReason::InvalidInput, "{field}: {message}");
        assert!(message.contains(field), "{field}: the message names the field: {message}");
    }
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.feed_head, feed_head, "no change reached the feed");
    assert_eq!(offering_stock(&sandbox, &offering).await, before);
    assert_eq!(state.order(&placed[0]).expect("order").status, portal_api::OrderStatus::Placed);

    // At the bound exactly, it is taken.
    let at_bound = MutationBody::UpdateOffering {
        offering_id: offering.clone(),
        price_tiyn: None,
        regions: None,
        warranty_months: None,
        description: Some("д".repeat(MAX_TEXT_CHARS)),
        published: None,
        photos: None,
        model: None,
        manufacturer: None,
    };
    assert_eq!(push(&client, "desk-limits", &[mutation(100, at_bound)]).await[0], MutationOutcome::Applied);

    sandbox.shutdown().await;
    let again = start_in(dir.path(), common::SEED, None).await;
    assert_eq!(offering_stock(&again, &offering).await.1.chars().count(), MAX_TEXT_CHARS, "served after a restart");
    again.shutdown().await;
}

async fn expect_problem(resp: reqwest::Response, status: StatusCode, what: &str) -> Problem {
    assert_eq!(resp.status(), status, "{what}: status");
    let ct = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(ct, PROBLEM_CONTENT_TYPE, "{what}: content type");
    let body = resp.bytes().await.expect("a body");
    serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{what}: a problem ({e}): {}", String::from_utf8_lossy(&body)))
}

#[tokio::test]
async fn unknown_fields_inside_a_mutations_data_are_refused_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), common::SEED, None).await;
    let token = token(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let offering = state.offerings[0].offering.id.clone();
    let before = offering_stock(&sandbox, &offering).await;
    let id = uuid::Uuid::now_v7().to_string();
    let body = serde_json::json!({
        "device_id": "desk-x",
        "mutations": [{
            "id": id,
            "device_seq": 1,
            "created_at": "2026-12-07T10:00:00Z",
            "body": {"kind": "change_stock", "data": {"offering_id": offering, "delta": 1, "region": "KZ-ALA", "reason": "audit"}}
        }]
    });
    let resp = reqwest::Client::new()
        .post(format!("{}/v1/mutations", sandbox.url()))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("a response");
    let problem = expect_problem(resp, StatusCode::UNPROCESSABLE_ENTITY, "unknown field in data").await;
    assert!(format!("{problem:?}").contains("reason"), "names the unknown field: {problem:?}");
    assert_eq!(offering_stock(&sandbox, &offering).await, before, "nothing applied");
    assert!(sandbox.state().await.expect("state").mutations.iter().all(|m| m.id != id), "nothing recorded");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_feeds_device_id_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox = start_in(dir.path(), common::SEED, None).await;
    let token = token(&sandbox).await;
    let http = reqwest::Client::new();
    for (what, device) in [("blank", "%20%20".to_owned()), ("too long", "d".repeat(201))] {
        let resp = http
            .get(format!("{}/v1/changes?after=0&limit=1&device_id={device}", sandbox.url()))
            .bearer_auth(&token)
            .send()
            .await
            .expect("a response");
        let problem = expect_problem(resp, StatusCode::BAD_REQUEST, what).await;
        assert!(problem.errors.iter().any(|e| e.field == "device_id"), "{what}: {problem:?}");
    }
    let client = signed_in(&sandbox).await;
    let page = client.latest_changes_for(0, 5, "desk-new").await.expect("a page for a new device");
    assert!(
        page.changes.iter().all(|c| c.includes_device_seq.is_none()),
        "a device that never pushed is in no snapshot"
    );

    // After device A's stock change (its 7th mutation), the offering's next snapshot says it
    // includes A's mutations up to 7, and says nothing to device B.
    let state = sandbox.state().await.expect("state");
    let offering = state.offerings[0].offering.id.clone();
    let head = state.feed_head;
    let change = MutationBody::ChangeStock { offering_id: offering.clone(), delta: 2, region: None };
    assert_eq!(push(&client, "desk-a", &[mutation(7, change)]).await[0], MutationOutcome::Applied);
    let is_offering =
        |c: &&portal_api::Change| matches!(&c.entity, portal_api::Entity::Offering(o) if o.id == offering);
    let for_a = client.latest_changes_for(head, 100, "desk-a").await.expect("page");
    assert_eq!(for_a.changes.iter().find(is_offering).expect("the offering's change").includes_device_seq, Some(7));
    let for_b = client.latest_changes_for(head, 100, "desk-b").await.expect("page");
    assert_eq!(for_b.changes.iter().find(is_offering).expect("the offering's change").includes_device_seq, None);
    sandbox.shutdown().await;
}

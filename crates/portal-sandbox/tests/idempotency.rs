//! Idempotent application of pushed mutations over loopback HTTP: a replayed batch is answered
//! with the original results and applied once, a reused id is refused, a rejection does not
//! block what follows it, and malformed batches are refused whole.

mod common;

use portal_api::{MAX_BATCH, MutationBatch, MutationBody, MutationOutcome, OrderStatus, RejectReason};
use reqwest::StatusCode;

use common::{mutation, placed_orders, push, quiet_sandbox, read_feed, rejection, signed_in, token};

fn create(id: &str, stock: i64) -> MutationBody {
    MutationBody::CreateOffering {
        offering_id: id.to_owned(),
        classifier_code: "TSR-06-001".into(),
        price_tiyn: 1_000,
        stock,
        regions: vec!["KZ-ALA".into()],
        stock_by_region: Vec::new(),
        warranty_months: 0,
        description: "".into(),
        published: true,
        photos: vec![],
        model: None,
        manufacturer: None,
    }
}

#[tokio::test]
async fn a_replayed_batch_gets_the_same_results_and_is_applied_once() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let state = sandbox.state().await.expect("state");
    let placed = placed_orders(&state, None);
    let (_, head) = read_feed(&client, 0, 1000).await;

    let batch = vec![
        mutation(1, create("o-1", 10)),
        mutation(2, MutationBody::ChangeStock { offering_id: "o-1".into(), delta: 5, region: Some("KZ-ALA".into()) }),
        // Rejected: it does not stop the ones after it.
        mutation(
            3,
            MutationBody::ChangeStock { offering_id: "o-1".into(), delta: -100, region: Some("KZ-ALA".into()) },
        ),
        mutation(4, MutationBody::AcceptOrder { order_id: placed[0].clone() }),
        mutation(5, MutationBody::DeclineOrder { order_id: placed[1].clone(), reason: "".into() }),
        mutation(6, MutationBody::ChangeStock { offering_id: "o-1".into(), delta: -3, region: Some("KZ-ALA".into()) }),
    ];
    let first = push(&client, "desk-a", &batch).await;
    assert_eq!(first[0], MutationOutcome::Applied);
    assert_eq!(first[1], MutationOutcome::Applied);
    assert_eq!(rejection(&first[2]).0, RejectReason::StockWouldGoNegative);
    assert_eq!(first[3], MutationOutcome::Applied);
    assert_eq!(rejection(&first[4]).0, RejectReason::InvalidInput);
    assert_eq!(first[5], MutationOutcome::Applied);
    let (after_first, _) = read_feed(&client, head, 1000).await;

    let second = push(&client, "desk-a", &batch).await;
    assert_eq!(second, first, "the same results, rejections and their messages included");
    let (after_second, _) = read_feed(&client, head, 1000).await;
    assert_eq!(after_second.len(), after_first.len(), "nothing new in the feed");

    let state = sandbox.state().await.expect("state");
    assert_eq!(state.offering("o-1").expect("offering").offering.stock, 12, "10 + 5 - 3, once");
    let accepted = state.order(&placed[0]).expect("order");
    assert_eq!(accepted.status, OrderStatus::Accepted);
    assert_eq!(accepted.history.len(), 1);
    assert_eq!(state.mutations.len(), batch.len(), "every applied or rejected mutation is recorded once");
    for (m, record) in batch.iter().zip(&state.mutations) {
        assert_eq!(record.id, m.id);
        assert_eq!((record.device_id.as_str(), record.device_seq), ("desk-a", m.device_seq));
        assert_eq!(record.body, m.body);
        let applied = record.outcome == MutationOutcome::Applied;
        assert_eq!(record.applications, u32::from(applied), "{}", record.id);
        assert_eq!(record.feed_entries, u64::from(applied), "{}", record.id);
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_reused_id_is_refused_and_the_original_kept() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let original = mutation(1, create("o-1", 10));
    assert_eq!(push(&client, "desk-a", std::slice::from_ref(&original)).await, vec![MutationOutcome::Applied]);

    let mut other_body = original.clone();
    other_body.body = MutationBody::ChangeStock { offering_id: "o-1".into(), delta: 1, region: Some("KZ-ALA".into()) };
    let outcome = push(&client, "desk-a", &[other_body]).await;
    assert_eq!(rejection(&outcome[0]).0, RejectReason::IdReused);
    let outcome = push(&client, "desk-b", std::slice::from_ref(&original)).await;
    assert_eq!(rejection(&outcome[0]).0, RejectReason::IdReused, "the same body from another device");
    // The same id twice in one batch: the second is a replay of the first.
    let twice =
        mutation(2, MutationBody::ChangeStock { offering_id: "o-1".into(), delta: 1, region: Some("KZ-ALA".into()) });
    let outcomes = push(&client, "desk-a", &[twice.clone(), twice]).await;
    assert_eq!(outcomes, vec![MutationOutcome::Applied, MutationOutcome::Applied]);
    // The creation time is evidence, not identity: a replay with another one is still a replay.
    let mut later = original.clone();
    later.created_at += chrono::TimeDelta::minutes(5);
    assert_eq!(push(&client, "desk-a", &[later]).await, vec![MutationOutcome::Applied]);

    let state = sandbox.state().await.expect("state");
    assert_eq!(state.offering("o-1").expect("offering").offering.stock, 11);
    let record = state.mutation(&original.id).expect("recorded");
    assert_eq!((record.device_id.as_str(), record.applications), ("desk-a", 1));
    assert_eq!(record.body, original.body);
    assert_eq!(state.mutations.len(), 2);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn malformed_batches_are_refused_whole() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let token = token(&sandbox).await;
    let client = portal_api::PortalClient::new(&sandbox.url()).expect("client").with_token(token.clone());
    let http = reqwest::Client::new();
    let url = format!("{}/v1/mutations", sandbox.url());

    let too_many: Vec<_> = (0..=MAX_BATCH as u64).map(|i| mutation(i + 1, create(&format!("o-{i}"), 1))).collect();
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .json(&MutationBatch { device_id: "desk-a".into(), mutations: too_many })
        .send()
        .await
        .expect("a response");
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let problem: portal_api::Problem = resp.json().await.expect("a problem");
    assert_eq!(problem.code, "batch_too_large");

    let blank = http
        .post(&url)
        .bearer_auth(&token)
        .json(&MutationBatch { device_id: " ".into(), mutations: vec![] })
        .send()
        .await
        .expect("a response");
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unknown_kind = serde_json::json!({ "device_id": "d", "mutations": [{
        "id": uuid::Uuid::now_v7().to_string(), "device_seq": 1, "created_at": "2026-03-01T10:00:00Z",
        "body": { "kind": "teleport_order", "data": {} } }] });
    let resp = http.post(&url).bearer_auth(&token).json(&unknown_kind).send().await.expect("a response");
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let resp = http.post(&url).json(&unknown_kind).send().await.expect("a response");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "the token is checked first");

    // A mutation id that is not a UUID is refused on its own, and not recorded.
    let mut bad_id = mutation(1, create("o-1", 1));
    bad_id.id = "not-a-uuid".into();
    let huge_seq = mutation(u64::MAX, create("o-3", 1));
    let good = mutation(2, create("o-2", 1));
    let outcomes = push(&client, "desk-a", &[bad_id, huge_seq, good]).await;
    assert_eq!(rejection(&outcomes[0]).0, RejectReason::InvalidInput);
    assert_eq!(rejection(&outcomes[1]).0, RejectReason::InvalidInput, "a sequence SQLite cannot hold");
    assert_eq!(outcomes[2], MutationOutcome::Applied);
    let empty = push(&client, "desk-a", &[]).await;
    assert!(empty.is_empty());
    let state = sandbox.state().await.expect("state");
    assert_eq!(state.mutations.len(), 1);
    assert!(state.offering("o-1").is_none() && state.offering("o-3").is_none() && state.offering("o-2").is_some());
    sandbox.shutdown().await;
}

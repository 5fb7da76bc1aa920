//! The outbox against the portal's answers, conflicts and the outage journal, on real SQLite
//! files. The portal's answers are built here as the wire types; the same flows run against the
//! real sandbox in the root package's sync tests.

mod common;

use common::staff;
use desk_core::access::Role;

use chrono::Utc;
use common::*;
use desk_core::access::Actor;
use desk_core::features::offerings::{NewOffering, OfferingUpdate};
use desk_core::kernel::ActionError;
use desk_core::kernel::money::Money;
use desk_core::{OrderStatus, Store, StoreError};
use portal_api::{MutationBatchResult, MutationBody, MutationOutcome, MutationResult, RegionStock, RejectReason};

fn courier() -> Actor {
    staff::actor(Role::Courier)
}

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn answer(store: &mut Store, outcomes: Vec<MutationOutcome>) -> desk_core::sync::PushReport {
    let batch = store.pending_batch(100).expect("batch");
    assert_eq!(batch.mutations.len(), outcomes.len(), "one outcome per queued mutation");
    let results =
        batch.mutations.iter().zip(outcomes).map(|(m, outcome)| MutationResult { id: m.id.clone(), outcome }).collect();
    store.record_push_results(&batch, &MutationBatchResult { results }).expect("record")
}

fn rejected(reason: RejectReason) -> MutationOutcome {
    MutationOutcome::Rejected { reason, message: format!("refused: {reason:?}") }
}

fn stock(store: &Store, id: &str) -> i64 {
    store.offerings().expect("offerings").into_iter().find(|o| o.id == id).map(|o| o.stock).expect("offering")
}

#[test]
fn the_batch_carries_device_sequence_and_the_bodies_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&office(), "a").expect("accept");
    store.change_stock(&office(), "off-1", "KZ-ALA", -2).expect("stock");
    let batch = store.pending_batch(100).expect("batch");
    assert_eq!(batch.device_id, store.summary().expect("summary").device_id);
    assert_eq!(batch.mutations.iter().map(|m| m.device_seq).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(batch.mutations[0].body, MutationBody::AcceptOrder { order_id: "a".into() });
    assert_eq!(
        batch.mutations[1].body,
        MutationBody::ChangeStock { offering_id: "off-1".into(), delta: -2, region: Some("KZ-ALA".into()) }
    );
    assert!(batch.mutations.iter().all(|m| uuid::Uuid::parse_str(&m.id).map(|u| u.get_version_num()) == Ok(7)));
    assert_eq!(store.pending_batch(1).expect("batch").mutations.len(), 1);
}

#[test]
fn a_refusal_becomes_a_conflict_undoes_the_local_move_and_does_not_block_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&office(), "a").expect("accept a");
    store.accept_order(&office(), "b").expect("accept b");
    let report = answer(&mut store, vec![rejected(RejectReason::AcceptanceWindowClosed), MutationOutcome::Applied]);
    assert_eq!((report.applied, report.rejected, report.retryable), (1, 1, 0));
    // The refused acceptance is undone; the applied one keeps showing until the feed confirms it.
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Placed);
    assert_eq!(store.order("b").expect("b").status, OrderStatus::Accepted);
    let summary = store.summary().expect("summary");
    assert_eq!((summary.pending_mutations, summary.conflicts), (0, 1));
    let conflicts = store.conflicts().expect("conflicts");
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].reason, "acceptance_window_closed");
    assert_eq!(conflicts[0].order_number.as_deref(), Some("SO-a"));
    assert_eq!(conflicts[0].entity, "order");
    let detail = store.order_detail("a").expect("detail");
    assert_eq!(detail.timeline.last().map(|t| t.action.as_str()), Some("mutation_rejected"));
}

#[test]
fn retryable_answers_stay_queued() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&office(), "a").expect("accept");
    let report = answer(&mut store, vec![MutationOutcome::Retryable { message: "busy".into() }]);
    assert_eq!(report.retryable, 1);
    assert_eq!(store.summary().expect("summary").pending_mutations, 1);
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Accepted);
}

#[test]
fn an_answer_for_a_mutation_not_sent_is_refused_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&office(), "a").expect("accept");
    let batch = store.pending_batch(100).expect("batch");
    let stray = MutationBatchResult {
        results: vec![
            MutationResult { id: batch.mutations[0].id.clone(), outcome: MutationOutcome::Applied },
            MutationResult { id: "not-sent".into(), outcome: MutationOutcome::Applied },
        ],
    };
    assert!(store.record_push_results(&batch, &stray).is_err());
    assert_eq!(store.summary().expect("summary").pending_mutations, 1);
}

#[test]
fn stock_changes_are_deltas_on_top_of_the_portals_stock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.change_stock(&office(), "off-1", "KZ-ALA", 5).expect("+5");
    store.change_stock(&office(), "off-1", "KZ-ALA", -1).expect("-1");
    assert_eq!(stock(&store, "off-1"), 7);
    // Another device added 10 meanwhile; the portal's snapshot arrives while ours are queued.
    let mut p = page(vec![], 50);
    for c in &mut p.changes {
        if let portal_api::Entity::Offering(o) = &mut c.entity {
            o.stock = 13;
        }
    }
    store.apply_page(p).expect("pull");
    assert_eq!(stock(&store, "off-1"), 17, "13 from the portal + 4 queued");
    // The portal refuses the +5; the -1 goes through. The snapshot (13) does not hold the -1
    // yet, so it stays laid over it: the refusal must not hide a change the portal applied.
    answer(&mut store, vec![rejected(RejectReason::InvalidInput), MutationOutcome::Applied]);
    assert_eq!(stock(&store, "off-1"), 12);
    assert!(matches!(
        store.change_stock(&office(), "off-1", "KZ-ALA", -14),
        Err(ActionError::Invalid { field: "delta", .. })
    ));
}

#[test]
fn stock_is_kept_per_region_and_queued_changes_stay_in_their_region_across_a_pull() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let rs = |region: &str, quantity| RegionStock { region: region.into(), quantity };
    let by_region = |store: &Store| {
        store.offerings().expect("offerings").into_iter().find(|o| o.id == "off-1").expect("offering").stock_by_region
    };
    // A snapshot from before regional stock (no breakdown) holds it all in the first region.
    assert_eq!(by_region(&store), vec![rs("KZ-ALA", 3)]);
    let portal_says = |store: &mut Store, seq, breakdown: Vec<RegionStock>| {
        let mut p = page(vec![], seq);
        for c in &mut p.changes {
            if let portal_api::Entity::Offering(o) = &mut c.entity {
                o.regions = vec!["KZ-ALA".into(), "KZ-AST".into()];
                o.stock = breakdown.iter().map(|r| r.quantity).sum();
                o.stock_by_region = breakdown.clone();
            }
        }
        store.apply_page(p).expect("pull");
    };
    portal_says(&mut store, 50, vec![rs("KZ-ALA", 3), rs("KZ-AST", 4)]);
    assert_eq!(by_region(&store), vec![rs("KZ-ALA", 3), rs("KZ-AST", 4)]);

    let err = store.change_stock(&office(), "off-1", "KZ-AST", -5).expect_err("Astana holds 4");
    assert!(err.to_string().contains("the stock in KZ-AST is 4"), "{err}");
    let err = store.change_stock(&office(), "off-1", "KZ-KAR", 1).expect_err("not a region of it");
    assert!(matches!(&err, ActionError::Invalid { field: "region", .. }), "{err}");
    store.change_stock(&office(), "off-1", "KZ-AST", -4).expect("Astana sold out");
    // Meanwhile another device added 2 in Almaty; the queued change stays Astana's.
    portal_says(&mut store, 60, vec![rs("KZ-ALA", 5), rs("KZ-AST", 4)]);
    assert_eq!(by_region(&store), vec![rs("KZ-ALA", 5), rs("KZ-AST", 0)]);
    assert_eq!(stock(&store, "off-1"), 5);

    // A region is not dropped while it holds stock.
    let drop_almaty = OfferingUpdate { regions: Some(vec!["KZ-AST".into()]), ..Default::default() };
    let err = store.update_offering(&office(), "off-1", &drop_almaty).expect_err("Almaty holds 5");
    assert!(matches!(&err, ActionError::Invalid { field: "regions", .. }), "{err}");
    assert!(err.to_string().contains("KZ-ALA still holds 5"), "{err}");
    let drop_astana = OfferingUpdate { regions: Some(vec!["KZ-ALA".into(), "KZ-KAR".into()]), ..Default::default() };
    store.update_offering(&office(), "off-1", &drop_astana).expect("Astana holds nothing now");
    assert_eq!(by_region(&store), vec![rs("KZ-ALA", 5), rs("KZ-KAR", 0)]);
}

#[test]
fn an_order_answered_twice_in_one_batch_shows_what_the_last_answer_leaves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let delivery = |order_id: &str| desk_core::Delivery {
        order_id: order_id.into(),
        delivered_on: Utc::now().date_naive(),
        place: "Алматы".into(),
        serial_numbers: vec![],
        notes: String::new(),
        items: vec![],
        received_by: None,
    };
    store.accept_order(&office(), "a").expect("accept a");
    store.record_delivery(&courier(), &delivery("a")).expect("deliver a");
    store.record_delivery(&courier(), &delivery("d")).expect("deliver d");
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Delivered);
    // The acceptance goes through, the delivery after it is refused: the order returns to what
    // the portal last said with the acceptance, which the feed has not brought yet, on top.
    let report = answer(
        &mut store,
        vec![MutationOutcome::Applied, rejected(RejectReason::TransitionRefused), MutationOutcome::Applied],
    );
    assert_eq!((report.applied, report.rejected), (2, 1));
    assert_eq!(store.order("a").expect("a").status, OrderStatus::Accepted);
    // An applied move the feed has not confirmed yet keeps showing.
    assert_eq!(store.order("d").expect("d").status, OrderStatus::Delivered);
    assert_eq!(store.summary().expect("summary").conflicts, 1);
}

#[test]
fn offerings_are_checked_against_the_limit_price_locally() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let mut new = NewOffering {
        classifier_code: "TSR-01-001".into(),
        price: Money::from_tiyn(150_000_001),
        regions: vec!["KZ-AST".into()],
        stock_by_region: vec![RegionStock { region: "KZ-AST".into(), quantity: 1 }],
        warranty_months: 24,
        description: "".into(),
        published: true,
        model: None,
        manufacturer: None,
    };
    let err = store.create_offering(&office(), &new).expect_err("above the limit");
    assert!(matches!(&err, ActionError::Invalid { field: "price", .. }), "{err}");
    assert!(err.to_string().contains("1\u{a0}500\u{a0}000,00"), "{err}");
    new.classifier_code = "NOPE".into();
    assert!(matches!(
        store.create_offering(&office(), &new),
        Err(ActionError::Invalid { field: "classifier_code", .. })
    ));
    new.classifier_code = "TSR-01-001".into();
    new.price = Money::from_tiyn(140_000_000);
    let id = store.create_offering(&office(), &new).expect("create");
    assert_eq!(store.offerings().expect("offerings").len(), 2);
    let update = OfferingUpdate { price: Some(Money::from_tiyn(200_000_000)), ..Default::default() };
    assert!(matches!(store.update_offering(&office(), &id, &update), Err(ActionError::Invalid { field: "price", .. })));
    assert_eq!(store.summary().expect("summary").pending_mutations, 1);
}

#[test]
fn a_refused_new_offering_leaves_a_conflict_that_can_be_retried_with_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let new = NewOffering {
        classifier_code: "TSR-01-001".into(),
        price: Money::from_tiyn(140_000_000),
        regions: vec!["KZ-AST".into()],
        stock_by_region: vec![RegionStock { region: "KZ-AST".into(), quantity: 2 }],
        warranty_months: 24,
        description: "".into(),
        published: true,
        model: None,
        manufacturer: None,
    };
    let id = store.create_offering(&office(), &new).expect("create");
    // The portal lowered the limit meanwhile and refuses the price.
    answer(&mut store, vec![rejected(RejectReason::PriceAboveLimit)]);
    assert_eq!(store.offerings().expect("offerings").len(), 1, "the offering the portal never had is gone");
    let conflict = store.conflicts().expect("conflicts").pop().expect("one conflict");
    assert_eq!((conflict.reason.as_str(), conflict.entity_id.as_str()), ("price_above_limit", id.as_str()));

    // Retrying as another kind of change is refused; with a lower price it is queued again.
    let wrong = MutationBody::ChangeStock { offering_id: id.clone(), delta: 1, region: None };
    assert!(matches!(
        store.retry_conflict(&office(), &conflict.mutation_id, Some(wrong)),
        Err(ActionError::Invalid { .. })
    ));
    let MutationBody::CreateOffering {
        offering_id,
        classifier_code,
        stock,
        regions,
        stock_by_region,
        warranty_months,
        description,
        published,
        ..
    } = store.conflict_mutation(&conflict.mutation_id).expect("the refused mutation")
    else {
        panic!("the conflict holds the create");
    };
    let edited = MutationBody::CreateOffering {
        offering_id,
        classifier_code,
        price_tiyn: 100_000_000,
        stock,
        regions,
        stock_by_region,
        warranty_months,
        description,
        published,
        photos: vec![],
        model: None,
        manufacturer: None,
    };
    store.retry_conflict(&office(), &conflict.mutation_id, Some(edited)).expect("retry");
    let summary = store.summary().expect("summary");
    assert_eq!((summary.pending_mutations, summary.conflicts), (1, 0));
    assert_eq!(store.offerings().expect("offerings").len(), 2);
}

#[test]
fn discarding_a_conflict_needs_a_reason_and_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    store.accept_order(&office(), "a").expect("accept");
    answer(&mut store, vec![rejected(RejectReason::TransitionRefused)]);
    let id = store.conflicts().expect("conflicts")[0].mutation_id.clone();
    assert!(matches!(store.discard_conflict(&office(), &id, " "), Err(ActionError::Invalid { field: "reason", .. })));
    store.discard_conflict(&office(), &id, "the participant cancelled by phone").expect("discard");
    assert_eq!(store.summary().expect("summary").conflicts, 0);
    assert!(matches!(
        store.discard_conflict(&office(), &id, "again"),
        Err(ActionError::Store(StoreError::NotFound { .. }))
    ));
    let timeline = store.order_detail("a").expect("detail").timeline;
    let last = timeline.last().expect("entries");
    assert_eq!(last.action, "conflict_discarded");
    assert!(last.detail.contains("the participant cancelled by phone"));
}

#[test]
fn the_outage_journal_groups_errors_and_exports_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let t0 = Utc::now();
    store.note_outage("connection refused", t0).expect("note");
    store.note_outage("connection refused", t0 + chrono::Duration::seconds(30)).expect("note");
    store.note_outage("503 maintenance", t0 + chrono::Duration::seconds(60)).expect("note");
    store.end_outage(t0 + chrono::Duration::seconds(90)).expect("end");
    store.note_outage("timeout", t0 + chrono::Duration::seconds(300)).expect("note");
    let outages = store.outages().expect("outages");
    assert_eq!(outages.len(), 2);
    assert_eq!(outages[0].ended_at, None, "the newest is still going on");
    assert_eq!(outages[1].error_count, 3);
    assert_eq!(outages[1].last_error, "503 maintenance");
    assert_eq!(
        outages[1].errors.iter().map(|e| (e.message.as_str(), e.count)).collect::<Vec<_>>(),
        [("503 maintenance", 1), ("connection refused", 2)]
    );
    let csv = store.outages_csv().expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "started_at_utc,ended_at_utc,duration_seconds,error_count,errors");
    assert!(lines[1].contains(",90,3,"), "{}", lines[1]);
    assert!(lines[2].ends_with(",,1,timeout ×1"), "{}", lines[2]);
}

//! The workshop on real SQLite files: the fitting queue, the scanner's lookup by number, and
//! recording fitting sessions and the fitted mark — each one transaction with its outbox and
//! audit entries, bad input refused by field with nothing written.

mod common;

use common::staff;
use desk_core::access::Role;

use chrono::{Duration, Utc};
use desk_core::access::Actor;
use desk_core::features::workshop::views::{FittedInput, FittingSessionInput, MeasurementInput, SyncState};
use desk_core::kernel::ActionError;
use desk_core::{OrderStatus, Store};
use portal_api::{Category, ClassifierItem, Entity, LocalizedText, MutationBody};

use common::{count, order, page, raw, seeded};

/// Refused changes are resolved in the office.
fn office() -> Actor {
    staff::actor(Role::Office)
}

fn workshop() -> Actor {
    staff::actor(Role::Workshop)
}

/// The seeded store (a, b placed; c paid; d in work — all of a fitted item) plus: e accepted
/// and g in fitting with the fitted item, f in work with an item that needs no fitting.
fn store_with_queue(dir: &tempfile::TempDir) -> Store {
    let mut store = seeded(dir);
    let mut next = page(vec![order("e", OrderStatus::Accepted, 1), order("g", OrderStatus::Fitting, 3)], 20);
    let crutches = ClassifierItem {
        code: "TSR-09-001".into(),
        category: Category::OtherAids,
        name: LocalizedText { kk: "Балдақ".into(), ru: "Костыли".into(), en: "Crutches".into() },
        unit: "pair".into(),
        limit_price_tiyn: 2_000_000,
        needs_fitting: false,
        warranty_months: 6,
    };
    let mut f = order("f", OrderStatus::InWork, 1);
    f.lines[0].classifier_code = crutches.code.clone();
    let seq = next.next_after;
    next.changes.push(portal_api::Change {
        seq: seq + 1,
        entity: Entity::Classifier(crutches),
        includes_device_seq: None,
    });
    next.changes.push(portal_api::Change { seq: seq + 2, entity: Entity::Order(f), includes_device_seq: None });
    next.next_after = seq + 2;
    next.head = seq + 2;
    store.apply_page(next).expect("apply the second page");
    store
}

fn today() -> String {
    // Kazakhstan's date: tests may run near midnight UTC.
    (Utc::now() + Duration::hours(5)).date_naive().to_string()
}

fn session(order_id: &str) -> FittingSessionInput {
    FittingSessionInput {
        order_id: order_id.into(),
        session_on: today(),
        technician: " Ерлан Сейткали ".into(),
        notes: "socket tried on".into(),
        measurements: vec![
            MeasurementInput { name: "Stump length".into(), value: "24,5".into(), unit: "cm".into() },
            // A spare row of the form left empty is no measurement.
            MeasurementInput { name: " ".into(), value: String::new(), unit: String::new() },
        ],
    }
}

fn fitted(order_id: &str) -> FittedInput {
    FittedInput {
        order_id: order_id.into(),
        fitted_on: today(),
        technician: "Ерлан Сейткали".into(),
        serial_numbers: vec![" PR-77 ".into(), "".into()],
        adjustments: "socket relined".into(),
        warranty_start: today(),
    }
}

/// A change that makes a form's input wrong in one field.
type Spoil<T> = Box<dyn Fn(&mut T)>;

fn field(err: ActionError) -> &'static str {
    match err {
        ActionError::Invalid { field, .. } => field,
        other => panic!("expected an input error, got {other}"),
    }
}

fn queue_ids(store: &Store) -> Vec<String> {
    store.workshop_queue(0, 100).expect("queue").rows.into_iter().map(|r| r.order_id).collect()
}

#[test]
fn the_queue_holds_unfitted_orders_of_fitted_items_in_work_by_deadline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let queue = store.workshop_queue(0, 100).expect("queue");
    // Deadlines: e (placed day 1) before d (day 2) before g (day 3); a, b placed, c paid and f
    // (crutches) are not the workshop's.
    assert_eq!(queue.rows.iter().map(|r| r.order_id.as_str()).collect::<Vec<_>>(), ["e", "d", "g"]);
    assert_eq!(queue.total, 3);
    assert_eq!(queue.rows[0].items.len(), 1);
    assert_eq!(queue.rows[0].items[0].name.en, "Below-knee prosthesis");
    assert_eq!(queue.rows[0].sessions, 0);
    assert_eq!(store.workshop_queue(1, 1).expect("page").rows[0].order_id, "d");

    store.record_fitting_session(&workshop(), &session("e")).expect("session");
    assert_eq!(store.workshop_queue(0, 100).expect("queue").rows[0].sessions, 1, "a session keeps it queued");
    store.mark_fitted(&workshop(), &fitted("d")).expect("fitted");
    assert_eq!(queue_ids(&store), ["e", "g"], "a fitted order leaves the queue");
    assert_eq!(store.workshop_queue(0, 100).expect("queue").total, 2, "the kept count follows the change");
    // A change made through another connection (a headless sync of the same file) counts too.
    raw(&dir).execute("UPDATE orders SET status = 'delivered' WHERE id = 'g'", []).expect("another writer");
    assert_eq!(store.workshop_queue(0, 100).expect("queue").total, 1);
}

#[test]
fn an_order_is_found_by_its_number_trimmed_and_in_any_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_queue(&dir);
    assert_eq!(store.find_order_by_number("SO-d").expect("lookup").as_deref(), Some("d"));
    assert_eq!(store.find_order_by_number("  so-D \n").expect("lookup").as_deref(), Some("d"));
    assert_eq!(store.find_order_by_number("SO-").expect("lookup"), None, "only the exact number");
    let card = store.fitting_card_by_number(" so-e ").expect("card");
    assert_eq!((card.order_id.as_str(), card.number.as_str(), card.can_record), ("e", "SO-e", true));
    assert!(card.sessions.is_empty() && card.fitted.is_none());
    let err = store.fitting_card_by_number("SO-404").expect_err("unknown");
    assert!(err.to_string().contains("SO-404"), "{err}");
    assert_eq!(field(err), "number");
    assert_eq!(field(store.fitting_card_by_number("   ").expect_err("empty")), "number");
    // An order that is not the workshop's opens, but takes no records.
    assert!(!store.fitting_card_by_number("SO-f").expect("card").can_record);
    assert!(!store.fitting_card_by_number("SO-a").expect("card").can_record);
}

#[test]
fn a_session_is_one_transaction_with_its_outbox_and_audit_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let conn = raw(&dir);
    store.record_fitting_session(&workshop(), &session("d")).expect("session");
    assert_eq!(store.order("d").expect("d").status, OrderStatus::Fitting, "in work moves into fitting");
    assert_eq!(count(&conn, "fitting_sessions"), 1);
    let (kind, payload): (String, String) =
        conn.query_row("SELECT kind, payload FROM outbox", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("outbox");
    assert_eq!(kind, "record_fitting_session");
    let body: MutationBody = serde_json::from_str(&payload).expect("payload");
    let MutationBody::RecordFittingSession { order_id, technician, measurements, .. } = body else {
        panic!("{body:?}")
    };
    assert_eq!((order_id.as_str(), technician.as_str()), ("d", "Ерлан Сейткали"));
    assert_eq!(measurements.len(), 1);
    assert_eq!((measurements[0].value.as_str(), measurements[0].unit.as_str()), ("24.5", "cm"));
    let (action, actor): (String, String) =
        conn.query_row("SELECT action, actor FROM audit_log", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("audit");
    assert_eq!((action.as_str(), actor.as_str()), ("record_fitting_session", "workshop"));

    let card = store.fitting_card("d").expect("card");
    assert_eq!(card.sessions.len(), 1);
    assert_eq!(card.sessions[0].sync, SyncState::Pending);
    assert_eq!(card.sessions[0].measurements[0].value, "24.5");
    assert_eq!(card.sessions[0].session_on, today());
    // A second session of an order in fitting leaves the status as it is.
    store.record_fitting_session(&workshop(), &session("d")).expect("second session");
    assert_eq!(store.fitting_card("d").expect("card").sessions.len(), 2);
    assert_eq!(store.order("d").expect("d").status, OrderStatus::Fitting);
}

#[test]
fn a_bad_session_is_refused_by_field_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let conn = raw(&dir);
    let cases: Vec<(&str, Spoil<FittingSessionInput>)> = vec![
        ("technician", Box::new(|s| s.technician = "  ".into())),
        ("session_on", Box::new(|s| s.session_on = "30.11.2026".into())),
        ("session_on", Box::new(|s| s.session_on = (Utc::now() + Duration::days(3)).date_naive().to_string())),
        ("measurements", Box::new(|s| s.measurements[0].value = "-3".into())),
        ("measurements", Box::new(|s| s.measurements[0].value = "24 cm".into())),
        ("measurements", Box::new(|s| s.measurements[0].name = "".into())),
        ("measurements", Box::new(|s| s.measurements[0].unit = " ".into())),
        ("order", Box::new(|s| s.order_id = "a".into())),
        ("order", Box::new(|s| s.order_id = "f".into())),
    ];
    for (expected, spoil) in cases {
        let mut input = session("d");
        spoil(&mut input);
        let err = store.record_fitting_session(&workshop(), &input).expect_err("must be refused");
        assert_eq!(field(err), expected, "{input:?}");
        for table in ["fitting_sessions", "outbox", "audit_log"] {
            assert_eq!(count(&conn, table), 0, "{table} after {input:?}");
        }
        assert_eq!(store.order("d").expect("d").status, OrderStatus::InWork);
    }
    let mut unknown = session("d");
    unknown.order_id = "no-such-order".into();
    let err = store.record_fitting_session(&workshop(), &unknown).expect_err("an unknown order");
    assert!(matches!(err, ActionError::Store(desk_core::StoreError::NotFound { .. })), "{err}");
    assert_eq!(count(&conn, "outbox"), 0);
}

#[test]
fn the_fitted_mark_needs_a_serial_number_and_a_warranty_from_the_fitting_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let conn = raw(&dir);
    let yesterday = (Utc::now() + Duration::hours(5) - Duration::days(1)).date_naive().to_string();
    let cases: Vec<(&str, Spoil<FittedInput>)> = vec![
        ("technician", Box::new(|f| f.technician = " ".into())),
        ("serial_numbers", Box::new(|f| f.serial_numbers = vec!["  ".into()])),
        ("warranty_start", Box::new(move |f| f.warranty_start = yesterday.clone())),
        ("warranty_start", Box::new(|f| f.warranty_start = "soon".into())),
        ("fitted_on", Box::new(|f| f.fitted_on = String::new())),
        (
            "fitted_on",
            Box::new(|f| {
                let later = (Utc::now() + Duration::days(3)).date_naive().to_string();
                f.fitted_on = later.clone();
                f.warranty_start = later;
            }),
        ),
    ];
    for (expected, spoil) in cases {
        let mut input = fitted("e");
        spoil(&mut input);
        let err = store.mark_fitted(&workshop(), &input).expect_err("must be refused");
        assert_eq!(field(err), expected, "{input:?}");
        for table in ["fittings", "outbox", "audit_log"] {
            assert_eq!(count(&conn, table), 0, "{table} after {input:?}");
        }
        assert_eq!(store.order("e").expect("e").status, OrderStatus::Accepted);
    }

    store.mark_fitted(&workshop(), &fitted("e")).expect("fitted");
    assert_eq!(store.order("e").expect("e").status, OrderStatus::Fitting);
    let card = store.fitting_card("e").expect("card");
    let mark = card.fitted.expect("the fitted mark");
    assert_eq!(mark.serial_numbers, ["PR-77"]);
    assert_eq!((mark.adjustments.as_str(), mark.sync), ("socket relined", SyncState::Pending));
    assert_eq!(count(&conn, "outbox"), 1);
    assert_eq!(count(&conn, "audit_log"), 1);
}

#[test]
fn an_injected_failure_leaves_no_part_of_a_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    for table in ["fitting_sessions", "outbox", "audit_log"] {
        let conn = raw(&dir);
        conn.execute_batch(&format!(
            "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
        ))
        .expect("trigger");
        let err = store.record_fitting_session(&workshop(), &session("d")).expect_err("must fail");
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(store.order("d").expect("d").status, OrderStatus::InWork, "after failing {table}");
        for t in ["fitting_sessions", "outbox", "audit_log"] {
            assert_eq!(count(&conn, t), 0, "{t} after failing {table}");
        }
        conn.execute_batch(&format!("DROP TRIGGER fail_{table};")).expect("drop");
    }
    store.record_fitting_session(&workshop(), &session("d")).expect("goes through whole");
    assert_eq!(count(&raw(&dir), "fitting_sessions"), 1);
}

#[test]
fn a_fitting_the_portal_refused_and_that_was_discarded_puts_the_order_back_in_the_queue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let mutation_id = store.mark_fitted(&workshop(), &fitted("d")).expect("fitted");
    assert_eq!(queue_ids(&store), ["e", "g"]);
    let conn = raw(&dir);
    conn.execute(
        "UPDATE outbox SET state = 'rejected', reject_reason = 'transition_refused', reject_message = 'cancelled',
                rejected_at = '2026-11-30T10:00:00Z' WHERE mutation_id = ?1",
        [&mutation_id],
    )
    .expect("the portal refuses");
    assert_eq!(queue_ids(&store), ["e", "d", "g"], "refused: back in the queue");
    assert_eq!(store.fitting_card("d").expect("card").fitted.expect("shown").sync, SyncState::Rejected);
    store.discard_conflict(&office(), &mutation_id, "the participant changed their mind").expect("discard");
    assert!(store.fitting_card("d").expect("card").fitted.is_none(), "a discarded mark is no mark");
}

/// Applies `entities` as one change-feed page after `after`.
fn feed(store: &mut Store, after: u64, entities: Vec<Entity>) -> u64 {
    let changes: Vec<portal_api::Change> = entities
        .into_iter()
        .enumerate()
        .map(|(i, entity)| portal_api::Change { seq: after + 1 + i as u64, entity, includes_device_seq: None })
        .collect();
    let last = after + changes.len() as u64;
    store
        .apply_page(portal_api::ChangePage { changes, next_after: last, has_more: false, head: last })
        .expect("apply a page");
    last
}

#[test]
fn the_queue_follows_the_classifier_and_the_lines_as_the_feed_brings_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let mut after = 100;
    // An order of an item the desk does not know yet: not the workshop's until the item arrives
    // saying it needs fitting (with latest_only, an item changed late comes after its orders).
    let mut h = order("h", OrderStatus::InWork, 4);
    h.lines[0].classifier_code = "TSR-02-001".into();
    after = feed(&mut store, after, vec![Entity::Order(h.clone())]);
    assert_eq!(queue_ids(&store), ["e", "d", "g"]);
    let mut moulds = ClassifierItem {
        code: "TSR-02-001".into(),
        category: Category::Hearing,
        name: LocalizedText {
            kk: "Құлақ қалыбы".into(), ru: "Ушной вкладыш".into(), en: "Ear mould".into()
        },
        unit: "pcs".into(),
        limit_price_tiyn: 3_000_000,
        needs_fitting: true,
        warranty_months: 12,
    };
    after = feed(&mut store, after, vec![Entity::Classifier(moulds.clone())]);
    assert_eq!(queue_ids(&store), ["e", "d", "g", "h"]);
    // The item no longer needs fitting: the order leaves; it needs it again: it is back.
    moulds.needs_fitting = false;
    after = feed(&mut store, after, vec![Entity::Classifier(moulds.clone())]);
    assert_eq!(queue_ids(&store), ["e", "d", "g"]);
    // The order's lines change to an item that needs fitting, then back.
    let mut h2 = h.clone();
    h2.lines[0].classifier_code = "TSR-01-001".into();
    after = feed(&mut store, after, vec![Entity::Order(h2)]);
    assert_eq!(queue_ids(&store), ["e", "d", "g", "h"]);
    feed(&mut store, after, vec![Entity::Order(h)]);
    assert_eq!(queue_ids(&store), ["e", "d", "g"]);
    // An order that is delivered leaves the queue with its status.
    let mut d = order("d", OrderStatus::Delivered, 2);
    d.updated_at += Duration::days(1);
    feed(&mut store, 200, vec![Entity::Order(d)]);
    assert_eq!(queue_ids(&store), ["e", "g"]);
}

#[test]
fn sessions_and_a_fitted_mark_from_another_desk_arrive_with_the_orders_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let mut e = order("e", OrderStatus::Fitting, 1);
    e.updated_at += Duration::days(2);
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date");
    e.fitting_sessions = vec![portal_api::FittingSession {
        id: "s-other".into(),
        session_on: on,
        technician: "Айдос".into(),
        notes: "cast taken".into(),
        measurements: vec![portal_api::Measurement {
            name: "Foot length".into(),
            value: "24.5".into(),
            unit: "cm".into(),
        }],
    }];
    feed(&mut store, 250, vec![Entity::Order(e.clone())]);
    let card = store.fitting_card("e").expect("card");
    assert_eq!(card.sessions.len(), 1);
    assert_eq!((card.sessions[0].technician.as_str(), card.sessions[0].sync), ("Айдос", SyncState::Applied));
    assert_eq!(queue_ids(&store), ["e", "d", "g"], "a session keeps the order waiting");

    e.fittings = vec![portal_api::FittingMark {
        id: "f-other".into(),
        fitted_on: on,
        technician: "Айдос".into(),
        serial_numbers: vec!["PR-1".into()],
        adjustments: String::new(),
        warranty_start: on,
    }];
    e.updated_at += Duration::days(1);
    // The same snapshot twice (a replayed page) adds nothing twice.
    feed(&mut store, 300, vec![Entity::Order(e.clone()), Entity::Order(e)]);
    let card = store.fitting_card("e").expect("card");
    assert_eq!(card.sessions.len(), 1);
    assert_eq!(card.fitted.expect("fitted on the other desk").serial_numbers, ["PR-1"]);
    assert_eq!(queue_ids(&store), ["d", "g"], "fitted on another desk: no longer waiting here");
    let conn = raw(&dir);
    assert_eq!(count(&conn, "outbox"), 0, "what the portal sent is not sent back");
}

#[test]
fn a_refused_fitting_sent_again_takes_the_order_out_of_the_queue_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let mutation_id = store.mark_fitted(&workshop(), &fitted("d")).expect("fitted");
    raw(&dir)
        .execute(
            "UPDATE outbox SET state = 'rejected', reject_reason = 'invalid_input', reject_message = 'try later',
                    rejected_at = '2026-11-30T10:00:00Z' WHERE mutation_id = ?1",
            [&mutation_id],
        )
        .expect("the portal refuses");
    assert_eq!(queue_ids(&store), ["e", "d", "g"]);
    assert_eq!(store.workshop_queue(0, 100).expect("queue").total, 3);
    // Sending a fitted mark again is marking fitted again: a manager may (the office may not).
    store.retry_conflict(&staff::actor(Role::Manager), &mutation_id, None).expect("send it again");
    assert_eq!(queue_ids(&store), ["e", "g"], "sent again: fitted, as far as the desk knows");
    assert_eq!(store.workshop_queue(0, 100).expect("queue").total, 2);
}

/// The delivery form starts from what the technician entered at fitting: each line of a fitted
/// item offers the serials of the order's latest fitted mark; a line that needs no fitting
/// offers none.
#[test]
fn the_order_screen_offers_the_fitted_serials_for_the_delivery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store_with_queue(&dir);
    let before = store.order_detail("d").expect("d");
    assert!(before.lines.iter().all(|l| l.serial_numbers_from_fitting.is_empty()), "nothing fitted yet");
    store.mark_fitted(&workshop(), &fitted("d")).expect("fitted");
    let detail = store.order_detail("d").expect("d");
    assert!(detail.lines[0].needs_fitting);
    assert_eq!(detail.lines[0].serial_numbers_from_fitting, ["PR-77"]);
    let crutches = store.order_detail("f").expect("f");
    assert!(crutches.lines.iter().all(|l| !l.needs_fitting && l.serial_numbers_from_fitting.is_empty()));
}

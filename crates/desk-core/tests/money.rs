//! Money on a real SQLite file: what is owed, aged against the payment term from the
//! confirmation of receipt; payments from the feed, whichever of an order and its payment
//! arrives first, counted once however often they arrive; every difference flagged; a delivery
//! recorded offline owed at once; only the manager and the office see money.

mod common;

use chrono::NaiveDate;
use common::*;
use desk_core::access::Role;
use desk_core::features::money::by_bucket;
use desk_core::features::money::views::{AgeBucket, Discrepancy, PaymentKindView};
use desk_core::kernel::ActionError;
use desk_core::{OrderStatus, Store};
use portal_api::{Entity, Order, Payment, PaymentKind, PaymentLine};

const TOTAL: i64 = 120_000_000;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

/// An order in `status` that last moved on November `moved_day`.
fn moved(id: &str, status: OrderStatus, moved_day: u32) -> Order {
    let mut o = order(id, status, 1);
    o.updated_at = at(moved_day, 12);
    o
}

fn payment(id: &str, kind: PaymentKind, paid_on: NaiveDate, lines: &[(&str, i64)], reverses: Option<&str>) -> Payment {
    Payment {
        id: id.into(),
        number: format!("PP-{id}"),
        kind,
        paid_on,
        amount_tiyn: lines.iter().map(|(_, a)| a).sum(),
        reverses: reverses.map(str::to_owned),
        lines: lines
            .iter()
            .map(|(o, a)| PaymentLine { order_id: (*o).into(), order_number: format!("SO-{o}"), amount_tiyn: *a })
            .collect(),
        recorded_at: at(28, 10),
    }
}

#[test]
fn owed_money_is_aged_against_the_payment_term_and_payments_settle_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    // Payment term 15 days (the common page). On 2026-12-14:
    let mut late_d = moved("late-d", OrderStatus::Confirmed, 1);
    late_d.updated_at = at(1, 12) - chrono::Duration::days(10); // 22 Oct: due 6 Nov, 38 days late
    store
        .apply_page(page(
            vec![
                moved("awaiting", OrderStatus::Delivered, 25), // not yet confirmed
                moved("within", OrderStatus::Confirmed, 10),   // moved again below
                moved("late-a", OrderStatus::Confirmed, 25),   // due 10 Dec: 4 days late
                moved("late-b", OrderStatus::Confirmed, 20),   // due 5 Dec: 9 days late
                moved("late-c", OrderStatus::Confirmed, 2),    // due 17 Nov: 27 days late
                late_d,
                moved("done", OrderStatus::Paid, 3),   // paid in full below
                moved("open", OrderStatus::InWork, 3), // not owed yet
            ],
            1,
        ))
        .expect("page");
    // "within" was confirmed later than it last moved on the portal page above: move it again.
    store.apply_page(page(vec![moved("within", OrderStatus::Confirmed, 30)], 20)).expect("page");
    store
        .apply_page(feed(
            vec![Entity::Payment(payment("p1", PaymentKind::Payment, day(2026, 11, 20), &[("done", TOTAL)], None))],
            30,
        ))
        .expect("payment");

    let manager = staff::staff_member(&mut store, Role::Manager);
    let view = store.money(&manager, day(2026, 12, 14)).expect("money");
    assert_eq!(view.payment_term_days, Some(15));
    let owed: Vec<(&str, AgeBucket, i64)> =
        view.owed.iter().map(|o| (o.order_id.as_str(), o.bucket, o.days_late)).collect();
    assert_eq!(
        owed,
        [
            ("late-d", AgeBucket::LateOver30, 38),
            ("late-c", AgeBucket::Late16To30, 27),
            ("late-b", AgeBucket::Late1To15, 9),
            ("late-a", AgeBucket::Late1To15, 4),
            ("awaiting", AgeBucket::AwaitingConfirmation, 0),
            ("within", AgeBucket::WithinTerm, 0),
        ]
    );
    let within = view.owed.iter().find(|o| o.order_id == "within").expect("within");
    assert_eq!(within.due_on, Some(day(2026, 12, 15)), "30 Nov + 15 days");
    assert_eq!(view.owed_total_tiyn, 6 * TOTAL);
    let buckets = by_bucket(&view);
    assert_eq!(buckets[&AgeBucket::Late1To15], 2 * TOTAL);
    assert_eq!(buckets[&AgeBucket::Late16To30], TOTAL);
    assert_eq!(buckets[&AgeBucket::LateOver30], TOTAL);
    assert!(view.flagged.is_empty(), "{:?}", view.flagged);
    assert_eq!(view.payments.len(), 1);
    assert_eq!(view.months.len(), 1);
    assert_eq!((view.months[0].month.as_str(), view.months[0].paid_tiyn), ("2026-11", TOTAL));

    // The claim letter's list: the late ones only.
    let late: Vec<String> =
        store.late_orders(&manager, day(2026, 12, 14)).expect("late").into_iter().map(|o| o.order_id).collect();
    assert_eq!(late, ["late-d", "late-c", "late-b", "late-a"]);

    // A payment of late-a arrives: it leaves what is owed and shows on the order.
    store
        .apply_page(feed(
            vec![Entity::Payment(payment("p2", PaymentKind::Payment, day(2026, 12, 21), &[("late-a", TOTAL)], None))],
            40,
        ))
        .expect("payment");
    store.apply_page(page(vec![moved("late-a", OrderStatus::Paid, 29)], 50)).expect("paid");
    let view = store.money(&manager, day(2026, 12, 21)).expect("money");
    assert!(view.owed.iter().all(|o| o.order_id != "late-a"));
    let detail = store.order_detail("late-a").expect("detail");
    assert_eq!(detail.payments.len(), 1);
    assert_eq!((detail.payments[0].number.as_str(), detail.payments[0].amount_tiyn), ("PP-p2", TOTAL));
    assert_eq!(detail.payments[0].kind, PaymentKindView::Payment);
}

#[test]
fn a_payment_before_its_order_and_a_payment_seen_twice_are_counted_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let p = payment("p1", PaymentKind::Payment, day(2026, 11, 20), &[("late", TOTAL / 2)], None);
    // On a first sync the payment may come before the order's latest snapshot.
    store.apply_page(feed(vec![Entity::Payment(p.clone())], 10)).expect("payment first");
    store.apply_page(page(vec![moved("late", OrderStatus::Paid, 20)], 20)).expect("then the order");
    store.apply_page(feed(vec![Entity::Payment(p)], 30)).expect("the same payment again");
    let manager = staff::staff_member(&mut store, Role::Manager);
    let view = store.money(&manager, day(2026, 12, 1)).expect("money");
    let late = view.owed.iter().find(|o| o.order_id == "late").expect("half is still owed");
    assert_eq!((late.paid_tiyn, late.owed_tiyn), (TOTAL / 2, TOTAL / 2));
    let flag = view.flagged.iter().find(|f| f.order_id == "late").expect("flagged");
    assert_eq!(flag.discrepancy, Discrepancy::Partial);
    assert_eq!(flag.payments, ["PP-p1"]);
}

#[test]
fn every_difference_between_orders_and_payments_is_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    store
        .apply_page(page(
            vec![
                moved("reversed", OrderStatus::Paid, 10),
                moved("unpaid", OrderStatus::Paid, 10),
                moved("early", OrderStatus::Delivered, 10),
                moved("exact", OrderStatus::Paid, 10),
            ],
            1,
        ))
        .expect("page");
    store
        .apply_page(feed(
            vec![
                Entity::Payment(payment(
                    "p1",
                    PaymentKind::Payment,
                    day(2026, 11, 20),
                    &[("reversed", TOTAL), ("exact", TOTAL)],
                    None,
                )),
                Entity::Payment(payment("p2", PaymentKind::Payment, day(2026, 11, 21), &[("early", 1000)], None)),
                Entity::Payment(payment(
                    "p3",
                    PaymentKind::Reversal,
                    day(2026, 11, 25),
                    &[("reversed", -TOTAL), ("exact", -TOTAL)],
                    Some("p1"),
                )),
                Entity::Payment(payment("p4", PaymentKind::Payment, day(2026, 11, 26), &[("exact", TOTAL)], None)),
            ],
            20,
        ))
        .expect("payments");
    let office = staff::staff_member(&mut store, Role::Office);
    let view = store.money(&office, day(2026, 12, 1)).expect("money");
    let flags: Vec<(&str, Discrepancy)> = view.flagged.iter().map(|f| (f.order_id.as_str(), f.discrepancy)).collect();
    assert_eq!(
        flags,
        [
            ("early", Discrepancy::PaidNotConfirmed),
            ("reversed", Discrepancy::Reversed),
            ("unpaid", Discrepancy::PaidWithoutPayment)
        ]
    );
    let reversed_owed = view.owed.iter().find(|o| o.order_id == "reversed").expect("owed again");
    assert_eq!(reversed_owed.owed_tiyn, TOTAL);
    assert!(view.owed.iter().all(|o| o.order_id != "exact"), "paid again after the reversal");
    let reversal = view.payments.iter().find(|p| p.number == "PP-p3").expect("the reversal is listed");
    assert_eq!(reversal.kind, PaymentKindView::Reversal);
    assert_eq!(reversal.reverses_number.as_deref(), Some("PP-p1"));
    assert_eq!(view.months[0].reversed_tiyn, -2 * TOTAL);
}

#[test]
fn a_delivery_recorded_offline_is_owed_at_once_and_only_manager_and_office_see_money() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let courier = staff::staff_member(&mut store, Role::Courier);
    store
        .record_delivery(
            &courier,
            &desk_core::Delivery {
                order_id: "d".into(),
                delivered_on: day(2026, 11, 28),
                place: "дома".into(),
                serial_numbers: vec!["SN-1".into()],
                notes: String::new(),
                items: Vec::new(),
                received_by: None,
            },
        )
        .expect("delivered offline");
    let manager = staff::staff_member(&mut store, Role::Manager);
    let view = store.money(&manager, day(2026, 11, 29)).expect("money");
    let d = view.owed.iter().find(|o| o.order_id == "d").expect("owed before the portal took it");
    assert_eq!(d.bucket, AgeBucket::AwaitingConfirmation);
    for role in [Role::Courier, Role::Workshop] {
        let who = staff::staff_member(&mut store, role);
        assert!(matches!(store.money(&who, day(2026, 11, 29)), Err(ActionError::Forbidden(_))), "{role:?}");
    }
}

#[test]
fn the_claim_letter_lists_the_late_orders_with_their_dates_and_amounts() {
    use desk_core::documents::{Fonts, Lang};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    store
        .apply_page(page(
            vec![
                moved("late", OrderStatus::Confirmed, 2),     // confirmed 2 Nov, due 17 Nov
                moved("on-time", OrderStatus::Confirmed, 28), // due 13 Dec
            ],
            1,
        ))
        .expect("page");
    let fonts = Fonts::from_system().expect("DejaVu Sans (fonts-dejavu-core) is installed");
    let out = dir.path().join("documents");
    let manager = staff::staff_member(&mut store, Role::Manager);
    let ru = store.make_claim_letter(&manager, day(2026, 12, 7), Lang::Ru, &fonts, &out).expect("claim");
    assert_eq!(ru.file_name().and_then(|n| n.to_str()), Some("claim-2026-12-07-ru.pdf"));
    let text = pdf_text(&ru);
    for wanted in ["Претензия об оплате", "SO-late", "02.11.2026", "17.11.2026", "20", "1 200 000,00"]
    {
        assert!(text.contains(wanted), "missing {wanted:?} in:\n{text}");
    }
    assert!(!text.contains("SO-on-time"), "an order within its term is not claimed:\n{text}");
    let kk = store.make_claim_letter(&manager, day(2026, 12, 7), Lang::Kk, &fonts, &out).expect("claim");
    assert!(pdf_text(&kk).contains("Төлем туралы талап-хат"));

    // Nothing late: refused, no file.
    let early = store.make_claim_letter(&manager, day(2026, 11, 10), Lang::Ru, &fonts, &out);
    assert!(early.is_err());
    assert!(!out.join("claim-2026-11-10-ru.pdf").exists());
    // A courier may not.
    let courier = staff::staff_member(&mut store, Role::Courier);
    assert!(store.make_claim_letter(&courier, day(2026, 12, 7), Lang::Ru, &fonts, &out).is_err());
}

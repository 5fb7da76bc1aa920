//! Today on a real SQLite file: the manager sees what to accept within 24 hours, what is
//! overdue, money due and received this week and refused changes; the office its acceptance
//! queue; the workshop its fittings waiting; the courier their own deliveries by locality.

mod common;

use chrono::{Duration, NaiveDate};
use common::*;
use desk_core::access::Role;
use desk_core::features::today::locality;
use desk_core::features::today::views::{TodayKind, TodayView};
use desk_core::{OrderStatus, Store};
use portal_api::{Entity, Payment, PaymentKind, PaymentLine};

fn kinds(view: &TodayView) -> Vec<TodayKind> {
    view.sections.iter().map(|s| s.kind).collect()
}

fn ids(view: &TodayView, kind: TodayKind) -> Vec<String> {
    view.sections.iter().find(|s| s.kind == kind).expect("the part").rows.iter().map(|r| r.order_id.clone()).collect()
}

#[test]
fn each_person_sees_the_parts_of_the_day_their_role_works_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    // Placed on 20 Nov at 09:00 with a 10-day window: due 30 Nov 09:00.
    let mut soon = order("soon", OrderStatus::Placed, 20);
    soon.participant.address = "Талдықорған, Жансүгіров к-сі 12".into();
    let later = order("later", OrderStatus::Placed, 25); // due 5 Dec
    let mut late = order("late", OrderStatus::InWork, 2); // deliver by 12 Nov: overdue
    late.deliver_by = Some(at(12, 9));
    late.assignee = Some("courier".into());
    late.participant.address = "Алматы, Абай даңғылы 1".into();
    let mut fit = order("fit", OrderStatus::Accepted, 26); // deliver by 6 Dec, needs fitting
    fit.deliver_by = Some(at(26, 9) + Duration::days(10));
    fit.assignee = Some("courier".into());
    fit.participant.address = "Алматы, Сейфуллин к-сі 5".into();
    let mut confirmed = order("confirmed", OrderStatus::Confirmed, 1);
    confirmed.updated_at = at(20, 12); // due for payment 5 Dec
    store.apply_page(page(vec![soon, later, late, fit, confirmed], 1)).expect("page");
    let payment = Payment {
        id: "p1".into(),
        number: "PP-1".into(),
        kind: PaymentKind::Payment,
        paid_on: NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
        amount_tiyn: 500_000,
        reverses: None,
        lines: vec![PaymentLine { order_id: "old".into(), order_number: "SO-old".into(), amount_tiyn: 500_000 }],
        recorded_at: at(28, 10),
    };
    store.apply_page(feed(vec![Entity::Payment(payment)], 20)).expect("payment");

    let now = at(29, 12); // 29 Nov, noon: "soon" closes within 24 hours
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let manager = staff::staff_member(&mut store, Role::Manager);
    let view = store.today(&manager, now, today).expect("today");
    assert_eq!(kinds(&view), [TodayKind::AcceptSoon, TodayKind::Overdue]);
    assert_eq!(ids(&view, TodayKind::AcceptSoon), ["soon"]);
    assert_eq!(ids(&view, TodayKind::Overdue), ["late"]);
    let money = view.money.expect("the manager sees money");
    assert_eq!(money.due_this_week_tiyn, 120_000_000, "confirmed on 20 Nov, due 5 Dec");
    assert_eq!(money.received_this_week_tiyn, 500_000);
    assert_eq!(view.conflicts, Some(0));

    let office = staff::staff_member(&mut store, Role::Office);
    let view = store.today(&office, now, today).expect("today");
    assert_eq!(kinds(&view), [TodayKind::AcceptQueue, TodayKind::Overdue]);
    assert_eq!(ids(&view, TodayKind::AcceptQueue), ["soon", "later"]);

    let workshop = staff::staff_member(&mut store, Role::Workshop);
    let view = store.today(&workshop, now, today).expect("today");
    assert_eq!(kinds(&view), [TodayKind::Fittings]);
    assert_eq!(ids(&view, TodayKind::Fittings), ["late", "fit"], "both wait for fitting, the nearest first");
    assert!(view.money.is_none() && view.conflicts.is_none());

    let courier = staff::staff_member(&mut store, Role::Courier);
    let view = store.today(&courier, now, today).expect("today");
    assert_eq!(kinds(&view), [TodayKind::Deliveries]);
    let deliveries = &view.sections[0];
    assert_eq!(deliveries.count, 2);
    let rows: Vec<(&str, &str)> = deliveries.rows.iter().map(|r| (r.locality.as_str(), r.order_id.as_str())).collect();
    assert_eq!(rows, [("Алматы", "late"), ("Алматы", "fit")]);
    assert!(view.money.is_none());

    // A week on, nothing is soon; later is overdue too.
    let view = store.today(&manager, now + Duration::days(7), today + Duration::days(7)).expect("today");
    assert!(ids(&view, TodayKind::AcceptSoon).is_empty());
    assert!(ids(&view, TodayKind::Overdue).contains(&"later".to_owned()));
}

#[test]
fn a_locality_is_the_start_of_the_address() {
    assert_eq!(locality("Жезқазған, Абай көшесі, 12"), "Жезқазған");
    assert_eq!(locality("  Астана  "), "Астана");
    assert_eq!(locality(""), "");
}

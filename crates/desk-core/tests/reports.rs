//! Reports on a real SQLite file: orders received per month and per week (in Kazakhstan's
//! days) by where they stand now, revenue confirmed against money paid, revenue by category,
//! region and item, the share accepted in time and delivered within the term, the reasons of
//! this desk's declines; only the manager and the office see reports.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use desk_core::access::Role;
use desk_core::features::reports::views::{ReportGrain, ReportQuery, Share};
use desk_core::kernel::ActionError;
use desk_core::{Delivery, OrderStatus, Store};
use portal_api::{
    Category, ClassifierItem, Entity, LocalizedText, Order, OrderLine, Payment, PaymentKind, PaymentLine,
};

const TOTAL: i64 = 120_000_000;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn utc(m: u32, d: u32, h: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, 0, 0).single().expect("a time")
}

fn hearing_aid() -> ClassifierItem {
    ClassifierItem {
        code: "TSR-02-001".into(),
        category: Category::Hearing,
        name: LocalizedText {
            kk: "Есту аппараты".into(), ru: "Слуховой аппарат".into(), en: "Hearing aid".into()
        },
        unit: "pcs".into(),
        limit_price_tiyn: 50_000_000,
        needs_fitting: false,
        warranty_months: 12,
    }
}

fn payment(id: &str, kind: PaymentKind, paid_on: NaiveDate, lines: &[(&str, i64)]) -> Payment {
    Payment {
        id: id.into(),
        number: format!("PP-{id}"),
        kind,
        paid_on,
        amount_tiyn: lines.iter().map(|(_, a)| a).sum(),
        reverses: None,
        lines: lines
            .iter()
            .map(|(o, a)| PaymentLine { order_id: (*o).into(), order_number: format!("SO-{o}"), amount_tiyn: *a })
            .collect(),
        recorded_at: at(28, 10),
    }
}

/// An order placed at `placed` (UTC) in `status`, confirmed at `confirmed` if given.
fn placed(
    id: &str,
    status: OrderStatus,
    placed: chrono::DateTime<Utc>,
    confirmed: Option<chrono::DateTime<Utc>>,
) -> Order {
    let mut o = order(id, status, 1);
    o.placed_at = placed;
    o.accept_by = placed + chrono::Duration::days(10);
    o.deliver_by = (status != OrderStatus::Placed).then(|| placed + chrono::Duration::days(40));
    o.updated_at = confirmed.unwrap_or(placed);
    o.confirmed_at = confirmed;
    o
}

fn delivery(order_id: &str, on: NaiveDate) -> Delivery {
    Delivery {
        order_id: order_id.into(),
        delivered_on: on,
        place: "Алматы".into(),
        serial_numbers: vec![],
        notes: String::new(),
        items: vec![],
        received_by: None,
    }
}

/// A supplier's autumn: October and November 2026 orders, declines, deliveries and payments.
fn autumn(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let mut hearing = placed("h1", OrderStatus::Paid, utc(10, 12, 9), Some(utc(10, 20, 9)));
    hearing.lines = vec![OrderLine {
        classifier_code: "TSR-02-001".into(),
        offering_id: "off-1".into(),
        quantity: 2,
        unit_price_tiyn: 5_000_000,
    }];
    hearing.participant.region = "KZ-AST".into();
    let orders = vec![
        // October (Kazakhstan's days).
        hearing,
        placed("o1", OrderStatus::Paid, utc(10, 5, 9), Some(utc(10, 25, 9))),
        placed("o2", OrderStatus::CancelledAutomatically, utc(10, 6, 9), None),
        // 31 October 20:00 UTC is 1 November 01:00 in Kazakhstan.
        placed("n0", OrderStatus::Accepted, utc(10, 31, 20), None),
        // November.
        placed("n1", OrderStatus::Placed, utc(11, 2, 9), None),
        placed("n2", OrderStatus::InWork, utc(11, 3, 9), None),
        placed("n3", OrderStatus::InWork, utc(11, 4, 9), None),
        placed("n4", OrderStatus::Placed, utc(11, 10, 9), None),
        placed("n5", OrderStatus::Placed, utc(11, 11, 9), None),
        placed("n6", OrderStatus::Placed, utc(11, 12, 9), None),
        placed("n7", OrderStatus::CancelledAutomatically, utc(11, 13, 9), None),
        placed("n8", OrderStatus::CancelledByParticipant, utc(11, 14, 9), None),
        // Confirmed on 30 November 20:00 UTC: 1 December in Kazakhstan.
        placed("n9", OrderStatus::Confirmed, utc(11, 16, 9), Some(utc(11, 30, 20))),
        placed("nA", OrderStatus::Paid, utc(11, 17, 9), Some(utc(11, 27, 9))),
    ];
    store.apply_page(page(orders, 1)).expect("orders");
    store.apply_page(feed(vec![Entity::Classifier(hearing_aid())], 40)).expect("classifier");
    store
        .apply_page(feed(
            vec![
                Entity::Payment(payment(
                    "p1",
                    PaymentKind::Payment,
                    day(2026, 10, 28),
                    &[("o1", TOTAL), ("h1", 10_000_000)],
                )),
                Entity::Payment(payment("p2", PaymentKind::Payment, day(2026, 11, 29), &[("nA", TOTAL)])),
                Entity::Payment(payment("p3", PaymentKind::Reversal, day(2026, 11, 30), &[("nA", -TOTAL / 2)])),
                // Outside the report's days.
                Entity::Payment(payment("p4", PaymentKind::Payment, day(2026, 12, 2), &[("nA", TOTAL / 2)])),
            ],
            50,
        ))
        .expect("payments");

    let office = staff::staff_member(&mut store, Role::Office);
    store.decline_order(&office, "n4", "Нет в наличии").expect("decline");
    store.decline_order(&office, "n5", "  Нет в наличии ").expect("decline");
    store.decline_order(&office, "n6", "Вне региона").expect("decline");
    // n2 delivered in its term (by 13 December), n3 after it.
    let courier = staff::staff_member(&mut store, Role::Courier);
    store.record_delivery(&courier, &delivery("n2", day(2026, 11, 20))).expect("deliver n2");
    store.record_delivery(&courier, &delivery("n3", day(2026, 12, 20))).expect("deliver n3");
    store
}

fn autumn_query(grain: ReportGrain) -> ReportQuery {
    ReportQuery { from: day(2026, 10, 1), to: day(2026, 11, 30), grain }
}

#[test]
fn orders_are_counted_per_month_in_kazakhstan_days_by_where_they_stand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let report = store.report(&manager, autumn_query(ReportGrain::Month)).expect("report");
    let periods: Vec<(NaiveDate, i64, i64, i64, i64)> =
        report.periods.iter().map(|p| (p.starts_on, p.received, p.accepted, p.declined, p.cancelled)).collect();
    assert_eq!(
        periods,
        [
            (day(2026, 10, 1), 3, 2, 0, 1),
            // n0..n9, nA: accepted n0 n2 n3 n9 nA; declined n4 n5 n6; cancelled n7 n8.
            (day(2026, 11, 1), 11, 5, 3, 2),
        ]
    );
    assert_eq!(report.periods[1].cancelled_automatically, 1);
    // Accepted in time: 7 accepted of 7 + 2 cancelled automatically.
    assert_eq!(report.accepted_in_time, Share { part: 7, whole: 9 });
    // Delivered within the term: of the two deliveries this desk recorded, one.
    assert_eq!(report.delivered_in_term, Share { part: 1, whole: 2 });
}

#[test]
fn weeks_start_on_monday_and_empty_weeks_are_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let office = staff::staff_member(&mut store, Role::Office);
    let query = ReportQuery { from: day(2026, 11, 1), to: day(2026, 11, 30), grain: ReportGrain::Week };
    let report = store.report(&office, query).expect("report");
    let weeks: Vec<(NaiveDate, i64)> = report.periods.iter().map(|p| (p.starts_on, p.received)).collect();
    assert_eq!(
        weeks,
        [
            (day(2026, 10, 26), 1), // n0 on Sunday 1 November in Kazakhstan
            (day(2026, 11, 2), 3),
            (day(2026, 11, 9), 5),
            (day(2026, 11, 16), 2),
            (day(2026, 11, 23), 0),
            (day(2026, 11, 30), 0),
        ]
    );
}

#[test]
fn revenue_confirmed_and_paid_per_month_by_category_region_and_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let report = store.report(&manager, autumn_query(ReportGrain::Month)).expect("report");
    let months: Vec<(&str, i64, i64)> =
        report.months.iter().map(|m| (m.month.as_str(), m.confirmed_tiyn, m.paid_tiyn)).collect();
    assert_eq!(
        months,
        [
            // h1 (the order's total is its line: 2 × 5,000,000) and o1 confirmed; p1 paid.
            ("2026-10", TOTAL + 10_000_000, TOTAL + 10_000_000),
            // nA confirmed (n9 on 1 December in Kazakhstan); p2 less its reversal p3.
            ("2026-11", TOTAL, TOTAL / 2),
        ]
    );
    let categories: Vec<(Option<Category>, i64, i64)> =
        report.by_category.iter().map(|c| (c.category, c.quantity, c.revenue_tiyn)).collect();
    assert_eq!(
        categories,
        [(Some(Category::ProstheticOrthopaedic), 2, 2 * TOTAL), (Some(Category::Hearing), 2, 10_000_000)]
    );
    let regions: Vec<(&str, i64, i64)> =
        report.by_region.iter().map(|r| (r.region.as_str(), r.orders, r.revenue_tiyn)).collect();
    assert_eq!(regions, [("KZ-ALA", 2, 2 * TOTAL), ("KZ-AST", 1, 10_000_000)]);
    let items: Vec<(&str, &str, i64, i64)> = report
        .top_items
        .iter()
        .map(|i| (i.classifier_code.as_str(), i.name_en.as_str(), i.quantity, i.revenue_tiyn))
        .collect();
    assert_eq!(
        items,
        [("TSR-01-001", "Below-knee prosthesis", 2, 2 * TOTAL), ("TSR-02-001", "Hearing aid", 2, 10_000_000)]
    );
}

#[test]
fn decline_reasons_are_this_desks_counted_by_their_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let report = store.report(&manager, autumn_query(ReportGrain::Month)).expect("report");
    let reasons: Vec<(&str, i64)> = report.decline_reasons.iter().map(|r| (r.reason.as_str(), r.count)).collect();
    assert_eq!(reasons, [("Нет в наличии", 2), ("Вне региона", 1)]);
    // October alone holds none of them.
    let october = ReportQuery { from: day(2026, 10, 1), to: day(2026, 10, 31), grain: ReportGrain::Month };
    assert!(store.report(&manager, october).expect("report").decline_reasons.is_empty());
}

#[test]
fn nothing_known_is_said_as_such_and_bad_spans_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let empty = ReportQuery { from: day(2025, 1, 1), to: day(2025, 12, 31), grain: ReportGrain::Month };
    let report = store.report(&manager, empty).expect("report");
    assert_eq!(report.periods.len(), 12);
    assert!(report.periods.iter().all(|p| p.received == 0));
    assert_eq!(report.delivered_in_term.ratio(), None);
    assert_eq!(report.accepted_in_time.ratio(), None);
    assert!(report.top_items.is_empty() && report.by_region.is_empty() && report.by_category.is_empty());

    let backwards = ReportQuery { from: day(2026, 11, 2), to: day(2026, 11, 1), grain: ReportGrain::Week };
    assert!(matches!(store.report(&manager, backwards), Err(ActionError::Invalid { field: "to", .. })));
    let too_long = ReportQuery { from: day(2000, 1, 1), to: day(2026, 11, 1), grain: ReportGrain::Week };
    assert!(matches!(store.report(&manager, too_long), Err(ActionError::Invalid { field: "to", .. })));
}

#[test]
fn a_courier_and_the_workshop_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    for role in [Role::Courier, Role::Workshop] {
        let someone = staff::staff_member(&mut store, role);
        let refused = store.report(&someone, autumn_query(ReportGrain::Month));
        assert!(matches!(refused, Err(ActionError::Forbidden(_))), "{role:?}: {refused:?}");
    }
}

#[test]
fn the_report_exports_as_a_workbook_of_its_tables_in_the_persons_language() {
    use calamine::{Data, DataType, Reader, Xlsx};
    use desk_core::features::documents::Lang;

    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let office = staff::staff_member(&mut store, Role::Office);
    let xlsx = store.report_xlsx(&office, autumn_query(ReportGrain::Month), Lang::Ru).expect("xlsx");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx)).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Заказы", "Выручка", "Категории", "Регионы", "Лучшие позиции", "Причины отказов"]);
    let orders = book.worksheet_range("Заказы").expect("orders");
    let received: Vec<f64> = orders.rows().skip(1).filter_map(|r| r[1].as_f64()).collect();
    assert_eq!(received, [3.0, 11.0]);
    let revenue = book.worksheet_range("Выручка").expect("revenue");
    assert_eq!(revenue.get((2, 2)), Some(&Data::Float((TOTAL / 2) as f64 / 100.0)), "November paid, in tenge");
    let declines = book.worksheet_range("Причины отказов").expect("declines");
    assert_eq!(declines.get((1, 0)), Some(&Data::String("Нет в наличии".into())));

    let courier = staff::staff_member(&mut store, Role::Courier);
    assert!(matches!(
        store.report_xlsx(&courier, autumn_query(ReportGrain::Month), Lang::En),
        Err(ActionError::Forbidden(_))
    ));
}

#[test]
fn the_monthly_report_pdf_carries_the_months_figures_and_is_audited() {
    use desk_core::documents::{Fonts, Lang};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = autumn(&dir);
    let manager = staff::staff_member(&mut store, Role::Manager);
    let fonts = Fonts::from_system().expect("DejaVu Sans (fonts-dejavu-core) is installed");
    let out = dir.path().join("documents");
    let audited = count(&raw(&dir), "audit_log");
    let ru = store
        .make_monthly_report(&manager, day(2026, 11, 17), day(2026, 12, 7), Lang::Ru, &fonts, &out)
        .expect("the November report");
    assert_eq!(ru.file_name().and_then(|n| n.to_str()), Some("report-2026-11-ru.pdf"));
    let text = pdf_text(&ru);
    for expected in [
        "Отчёт за месяц: Ноябрь 2026",
        "Период: 01.11.2026 – 30.11.2026",
        // n0..n9, nA as the Reports tab counts November: 11 received, 5 accepted, 3 declined.
        "Поступило 11",
        "Приняты 5",
        "Отклонены 3",
        "Отменены (в т. ч. автоматически) 2 (1)",
        "Доставлены в срок 50 % (1 / 2)",
        "Нет в наличии 2",
        "Вне региона 1",
        "Поступило заказов по неделям",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    assert_eq!(count(&raw(&dir), "audit_log"), audited + 1, "who made it is audited");

    let en = store
        .make_monthly_report(&manager, day(2026, 10, 1), day(2026, 12, 7), Lang::En, &fonts, &out)
        .expect("the October report");
    let text = pdf_text(&en);
    assert!(text.contains("Monthly report: October 2026"), "{text}");
    assert!(text.contains("Received 3"), "{text}");

    let courier = staff::staff_member(&mut store, Role::Courier);
    assert!(store.make_monthly_report(&courier, day(2026, 11, 1), day(2026, 12, 7), Lang::Ru, &fonts, &out).is_err());
}

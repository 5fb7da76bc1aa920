//! Property tests ("fuzzing") of the way in from the wire: the validating conversions of the
//! portal's types into the domain model (`desk_core::kernel::model`), the answer decoding in front of
//! them, and a change-feed page applied to a real store. Whatever the portal sends, the desk
//! must answer a typed error or a value that keeps the model's rules, and never panic.
//!
//! Cases, in total 51,500 (each property states its count in its `ProptestConfig`):
//! classifier items, offerings and orders with edge values converted 15,000 each; change pages
//! encoded, mutated, decoded with `portal_api::decode_answer` and converted 5,000; pages
//! applied to a store on disk 1,500.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use desk_core::kernel::model::{self, ModelError};
use desk_core::{Money, Store, StoreError};
use portal_api::{
    Category, Change, ChangePage, ClassifierItem, ClientError, Entity, LocalizedText, Offering, Order, OrderLine,
    OrderStatus, Participant, PolicyBasis, PolicyTerm, PolicyTerms, RegionStock, decode_answer, is_sha256_hex,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// Wire values: mostly what a portal sends, often what a broken one would.

const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "\t\n",
    "\u{0}",
    "\u{feff}",
    "\u{202e}evil",
    "e\u{301}\u{301}",
    "👩\u{200d}👧",
    "\u{10ffff}",
    "\u{2028}",
    "Қазақстан",
    "'; DROP TABLE orders; --",
    "%_\\",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9-]{1,12}",
        2 => select(ODD_STRINGS).prop_map(str::to_owned),
        1 => "\\PC{0,10}",
    ]
}

fn id() -> impl Strategy<Value = String> {
    // Few distinct ids, so that pages update what earlier pages wrote.
    prop_oneof![6 => "[a-d][0-3]", 1 => text()]
}

fn timestamp() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        6 => (1_700_000_000i64..1_900_000_000, 0u32..1_000_000_000),
        1 => (-8_334_601_228_800i64..8_210_266_876_799, 0u32..2_000_000_000),
    ]
    .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap_or(DateTime::<Utc>::MAX_UTC))
}

fn money() -> impl Strategy<Value = i64> {
    prop_oneof![6 => 1i64..100_000_000, 1 => any::<i64>(), 1 => select(vec![0i64, -1, i64::MIN, i64::MAX])]
}

fn quantity() -> impl Strategy<Value = i64> {
    prop_oneof![6 => 0i64..1_000, 1 => any::<i64>(), 1 => select(vec![-1i64, i64::MIN, i64::MAX])]
}

fn region() -> impl Strategy<Value = String> {
    prop_oneof![6 => select(vec!["KZ-ALA", "KZ-AST", "KZ-SHY"]).prop_map(str::to_owned), 1 => text()]
}

fn classifier() -> impl Strategy<Value = ClassifierItem> {
    (id(), select(Category::ALL.to_vec()), (text(), text(), text()), text(), money(), any::<bool>(), any::<u32>())
        .prop_map(|(code, category, (kk, ru, en), unit, limit_price_tiyn, needs_fitting, warranty_months)| {
            ClassifierItem {
                code,
                category,
                name: LocalizedText { kk, ru, en },
                unit,
                limit_price_tiyn,
                needs_fitting,
                warranty_months,
            }
        })
}

fn offering() -> impl Strategy<Value = Offering> {
    let photo =
        prop_oneof![6 => "[0-9a-f]{64}", 1 => "[0-9A-F]{64}", 1 => text(), 1 => Just("../../etc/passwd".to_owned())];
    let by_region = vec((region(), quantity()).prop_map(|(region, quantity)| RegionStock { region, quantity }), 0..4);
    (
        (id(), id(), money(), quantity(), vec(region(), 0..4), by_region),
        (any::<u32>(), text(), any::<bool>(), timestamp(), proptest::option::of(vec(photo, 0..3))),
        (proptest::option::of(text()), proptest::option::of(text())),
    )
        .prop_map(
            |(
                (id, classifier_code, price_tiyn, stock, regions, stock_by_region),
                (warranty_months, description, published, updated_at, photos),
                (model, manufacturer),
            )| {
                Offering {
                    id,
                    classifier_code,
                    price_tiyn,
                    stock,
                    regions,
                    stock_by_region,
                    warranty_months,
                    description,
                    published,
                    updated_at,
                    photos,
                    model,
                    manufacturer,
                }
            },
        )
}

fn order() -> impl Strategy<Value = Order> {
    let participant = (id(), text(), region(), text(), text())
        .prop_map(|(id, full_name, region, phone, address)| Participant { id, full_name, region, phone, address });
    let line = (id(), id(), prop_oneof![4 => 1u32..10, 1 => any::<u32>()], money()).prop_map(
        |(classifier_code, offering_id, quantity, unit_price_tiyn)| OrderLine {
            classifier_code,
            offering_id,
            quantity,
            unit_price_tiyn,
        },
    );
    (
        (id(), text(), select(OrderStatus::ALL.to_vec()), participant, vec(line, 0..4)),
        (
            timestamp(),
            prop_oneof![4 => 0i64..30 * 86_400, 1 => any::<i64>()],
            proptest::option::of(timestamp()),
            timestamp(),
        ),
        (proptest::option::of(text()), proptest::option::of(text())),
    )
        .prop_map(
            |(
                (id, number, status, participant, lines),
                (placed_at, accept_after, deliver_by, updated_at),
                (assignee, refusal_reason),
            )| {
                let accept_by = placed_at
                    .checked_add_signed(chrono::TimeDelta::seconds(accept_after % 8_000_000_000_000))
                    .unwrap_or(placed_at);
                Order {
                    id,
                    number,
                    status,
                    participant,
                    lines,
                    placed_at,
                    accept_by,
                    deliver_by,
                    updated_at,
                    fitting_sessions: Vec::new(),
                    fittings: Vec::new(),
                    warranty_services: Vec::new(),
                    assignee,
                    refusal_reason,
                    confirmed_at: None,
                }
            },
        )
}

fn policy() -> impl Strategy<Value = PolicyTerms> {
    let term = (any::<u32>(), prop_oneof![Just(PolicyBasis::Published), Just(PolicyBasis::Default)])
        .prop_map(|(days, basis)| PolicyTerm { days, basis });
    (term.clone(), term.clone(), term.clone(), term).prop_map(|(a, d, c, p)| PolicyTerms {
        acceptance_window: a,
        delivery_term: d,
        confirmation_window: c,
        payment_term: p,
    })
}

fn entity() -> impl Strategy<Value = Entity> {
    prop_oneof![
        1 => policy().prop_map(Entity::Policy),
        2 => classifier().prop_map(Entity::Classifier),
        3 => offering().prop_map(Entity::Offering),
        3 => order().prop_map(Entity::Order),
    ]
}

fn change_page() -> impl Strategy<Value = ChangePage> {
    let seq = prop_oneof![6 => 1u64..1_000_000, 1 => any::<u64>()];
    (
        vec((seq.clone(), entity()).prop_map(|(seq, entity)| Change { seq, entity, includes_device_seq: None }), 0..6),
        seq.clone(),
        any::<bool>(),
        seq,
    )
        .prop_map(|(changes, next_after, has_more, head)| ChangePage { changes, next_after, has_more, head })
}

// ---------------------------------------------------------------------------------------------
// The checks: a typed refusal, or a value that keeps the model's rules.

fn refused(e: &ModelError) {
    let ModelError::Invalid { entity, field, problem, .. } = e;
    assert!(!entity.is_empty() && !field.is_empty() && !problem.is_empty(), "{e:?}");
    assert!(!e.to_string().is_empty());
}

fn check_classifier(wire: ClassifierItem) {
    match model::ClassifierItem::try_from(wire.clone()) {
        Ok(item) => {
            assert!(!item.code.trim().is_empty(), "{wire:?}");
            assert!(item.limit_price > Money::ZERO, "{wire:?}");
            assert_eq!(item.limit_price.tiyn(), wire.limit_price_tiyn);
        }
        Err(e) => refused(&e),
    }
}

fn check_offering(wire: Offering) {
    match model::Offering::try_from(wire.clone()) {
        Ok(o) => {
            assert!(!o.id.trim().is_empty(), "{wire:?}");
            assert!(o.price > Money::ZERO, "{wire:?}");
            assert!(o.photos.iter().flatten().all(|p| is_sha256_hex(p)), "only sha256 names become files: {wire:?}");
            // Each region once, in the offering's order.
            let mut distinct: Vec<&String> = Vec::new();
            for r in &o.regions {
                if !distinct.contains(&r) {
                    distinct.push(r);
                }
            }
            assert_eq!(o.stock_by_region.iter().map(|s| &s.region).collect::<Vec<_>>(), distinct, "{wire:?}");
        }
        Err(e) => refused(&e),
    }
}

fn check_order(wire: Order) {
    match model::Order::try_from(wire.clone()) {
        Ok(o) => {
            assert!(!o.id.trim().is_empty() && !o.number.trim().is_empty(), "{wire:?}");
            assert!(!o.lines.is_empty(), "{wire:?}");
            assert!(o.lines.iter().all(|l| l.quantity > 0 && l.unit_price >= Money::ZERO), "{wire:?}");
            assert!(o.accept_by >= o.placed_at, "{wire:?}");
            assert!(o.total() >= Money::ZERO, "a total of non-negative lines is not negative: {wire:?}");
            let due = o.due_at();
            assert!(due.is_none() || due == Some(o.accept_by) || due == o.deliver_by, "{wire:?}");
        }
        Err(e) => refused(&e),
    }
}

fn check_entity(entity: Entity) {
    match entity {
        // Payments are stored as they come, never converted: nothing to check.
        Entity::Policy(_) | Entity::Payment(_) => {}
        Entity::Classifier(c) => check_classifier(c),
        Entity::Offering(o) => check_offering(o),
        Entity::Order(o) => check_order(o),
    }
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    // 15,000 cases each: 45,000 conversions of wire values with edge values.
    #![proptest_config(ProptestConfig { cases: 15_000, ..ProptestConfig::default() })]
    #[test]
    fn classifier_items_convert_or_are_refused(wire in classifier()) {
        check_classifier(wire);
    }

    #[test]
    fn offerings_convert_or_are_refused(wire in offering()) {
        check_offering(wire);
    }

    #[test]
    fn orders_convert_or_are_refused(wire in order()) {
        check_order(wire);
    }
}

/// A spot in a JSON document (modulo the number of its values) and what to put there.
fn edit() -> impl Strategy<Value = (usize, Option<Value>)> {
    let replacement = prop_oneof![
        1 => Just(None), // the value is dropped
        4 => select(vec![
            json!(null), json!(true), json!(-1), json!(0), json!(1.5), json!(u64::MAX), json!(i64::MIN), json!(1e300),
            json!(""), json!(" "), json!("\u{0}"), json!("2026-13-45T25:61:61Z"), json!("+275760-09-13T00:00:00Z"),
            json!([]), json!({}), json!("in_work"), json!("order"), json!("\u{202e}"),
        ])
        .prop_map(Some),
    ];
    (any::<usize>(), replacement)
}

fn size(v: &Value) -> usize {
    1 + match v {
        Value::Object(m) => m.values().map(size).sum(),
        Value::Array(a) => a.iter().map(size).sum(),
        _ => 0,
    }
}

/// The `n`th value of the document, depth first.
fn nth_mut<'a>(v: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(v);
    }
    *n -= 1;
    match v {
        Value::Object(m) => m.values_mut().find_map(|c| nth_mut(c, n)),
        Value::Array(a) => a.iter_mut().find_map(|c| nth_mut(c, n)),
        _ => None,
    }
}

/// Replaces the value at `at` (or, with `None`, takes a member out of it).
fn apply(doc: &mut Value, (at, with): &(usize, Option<Value>)) {
    let mut n = at % size(doc);
    let target = nth_mut(doc, &mut n).expect("a value at a position below the size");
    match with {
        Some(v) => *target = v.clone(),
        None => match target {
            Value::Object(m) if !m.is_empty() => {
                let key = m.keys().nth(at % m.len()).cloned().expect("a key");
                m.remove(&key);
            }
            Value::Array(a) if !a.is_empty() => {
                let i = at % a.len();
                a.remove(i);
            }
            other => *other = Value::Null,
        },
    }
}

proptest! {
    // 5,000 cases: pages encoded, mutated, cut, read with the client's decoder, then converted.
    #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]
    #[test]
    fn mutated_pages_decode_and_convert_or_are_refused(page in change_page(), edits in vec(edit(), 0..4), cut in any::<usize>(), cut_it in any::<bool>()) {
        let mut doc = serde_json::to_value(&page).expect("a page is JSON");
        for e in &edits {
            apply(&mut doc, e);
        }
        let mut body = serde_json::to_vec(&doc).expect("JSON");
        if cut_it {
            body.truncate(cut % (body.len() + 1));
        }
        match decode_answer::<ChangePage>(200, None, &body) {
            Ok(decoded) => decoded.changes.into_iter().for_each(|c| check_entity(c.entity)),
            Err(ClientError::Decode(message)) => prop_assert!(!message.is_empty()),
            Err(other) => prop_assert!(false, "a 200 answer failed with {:?}", other),
        }
    }
}

/// The overflow the property above found: an offering whose stock per region adds up past
/// `i64::MAX` is stored with its total saturated, not a panic or a wrapped total.
#[test]
fn offering_stock_past_i64_is_stored_without_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    let offering = Offering {
        id: "a0".into(),
        classifier_code: "a0".into(),
        price_tiyn: 1,
        stock: i64::MAX,
        regions: vec!["KZ-SHY".into(), "KZ-AST".into()],
        stock_by_region: vec![
            RegionStock { region: "KZ-AST".into(), quantity: i64::MAX },
            RegionStock { region: "KZ-SHY".into(), quantity: 1 },
        ],
        warranty_months: 0,
        description: "A".into(),
        published: false,
        updated_at: DateTime::from_timestamp(1_700_000_000, 0).expect("a time"),
        photos: None,
        model: None,
        manufacturer: None,
    };
    let page = ChangePage {
        changes: vec![Change { seq: 1, entity: Entity::Offering(offering), includes_device_seq: None }],
        next_after: 1,
        has_more: false,
        head: 1,
    };
    let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.apply_page(page)));
    assert!(applied.is_ok(), "applying the page panicked");
}

/// 1,500 cases: pages applied in turn to one store on disk (ids repeat, so later pages update
/// what earlier ones wrote). Each is applied whole, or refused with a typed error and nothing of
/// it kept (the cursor does not move).
#[test]
fn pages_apply_to_a_store_or_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = RefCell::new(Store::open(&dir.path().join("desk.sqlite")).expect("open"));
    let mut runner = TestRunner::new(ProptestConfig { cases: 1_500, ..ProptestConfig::default() });
    runner
        .run(&change_page(), |page| {
            let mut store = store.borrow_mut();
            let before = store.cursor().expect("cursor");
            let next_after = page.next_after;
            match store.apply_page(page) {
                Ok(()) => prop_assert_eq!(store.cursor().expect("cursor"), next_after),
                Err(e) => {
                    prop_assert!(matches!(e, StoreError::Model(_) | StoreError::Sqlite(_)), "{:?}", e);
                    prop_assert!(!e.to_string().is_empty());
                    prop_assert_eq!(store.cursor().expect("cursor"), before, "a refused page is not half applied");
                }
            }
            Ok(())
        })
        .expect("every page is applied or refused with a typed error");
}

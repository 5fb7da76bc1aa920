//! A bulk price change over a filtered set of offerings, on a real SQLite file: all or nothing,
//! one outbox and audit entry per changed offering, the refusals listed by offering.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::features::offerings::bulk_price::PriceChange;
use desk_core::features::offerings::views::{OfferingFilter, PriceChangeInput, Rounding};
use desk_core::kernel::ActionError;
use desk_core::kernel::money::Money;
use desk_core::{OrderStatus, Store};
use portal_api::{Category, Change, ChangePage, ClassifierItem, Entity, LocalizedText, MutationBody, Offering};

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn offering(id: &str, code: &str, price_tiyn: i64, published: bool) -> Entity {
    Entity::Offering(Offering {
        id: id.into(),
        classifier_code: code.into(),
        price_tiyn,
        stock: 5,
        regions: vec!["KZ-ALA".into()],
        stock_by_region: Vec::new(),
        warranty_months: 12,
        description: String::new(),
        published,
        updated_at: at(1, 0),
        photos: Some(Vec::new()),
        model: None,
        manufacturer: None,
    })
}

/// Three prostheses (limit 1 500 000 ₸) — off-1 at 1 200 000 published, off-2 at 1 000 000
/// published, off-3 at 1 450 000 unpublished — and a hearing aid (limit 300 000 ₸) at 250 000.
fn store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("desk.sqlite")).expect("open");
    store.apply_page(page(vec![order("a", OrderStatus::Placed, 20)], 1)).expect("page");
    let hearing = ClassifierItem {
        code: "TSR-02-004".into(),
        category: Category::Hearing,
        name: LocalizedText {
            kk: "Есту аппараты".into(), ru: "Слуховой аппарат".into(), en: "Hearing aid".into()
        },
        unit: "pcs".into(),
        limit_price_tiyn: 30_000_000,
        needs_fitting: true,
        warranty_months: 12,
    };
    let entities = [
        Entity::Classifier(hearing),
        offering("off-2", "TSR-01-001", 100_000_000, true),
        offering("off-3", "TSR-01-001", 145_000_000, false),
        offering("off-4", "TSR-02-004", 25_000_000, true),
    ];
    let changes: Vec<Change> = entities
        .into_iter()
        .enumerate()
        .map(|(i, entity)| Change { seq: 100 + i as u64, entity, includes_device_seq: None })
        .collect();
    store.apply_page(ChangePage { changes, next_after: 103, has_more: false, head: 103 }).expect("page");
    store
}

fn price(store: &Store, id: &str) -> i64 {
    store.offerings().expect("offerings").into_iter().find(|o| o.id == id).map(|o| o.price_tiyn).expect("offering")
}

fn percent(text: &str) -> PriceChange {
    PriceChange::try_from(&PriceChangeInput::Percent(text.into())).expect("a percentage")
}

fn written(dir: &tempfile::TempDir) -> (i64, i64) {
    let conn = raw(dir);
    (count(&conn, "outbox"), count(&conn, "audit_log"))
}

#[test]
fn a_rise_above_a_limit_is_refused_whole_with_each_offending_offering_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let prostheses = OfferingFilter { category: Some(Category::ProstheticOrthopaedic), ..Default::default() };
    // +10 %: off-1 → 1 320 000 and off-2 → 1 100 000 are fine, off-3 → 1 595 000 is above 1 500 000.
    let outcome = store.change_prices(&office(), &prostheses, percent("10"), Rounding::Tiyn, None).expect("an outcome");
    assert!(!outcome.applied);
    assert_eq!(outcome.matched, 3);
    let refused: Vec<(&str, i64, i64)> =
        outcome.refused.iter().map(|r| (r.offering_id.as_str(), r.new_price_tiyn, r.limit_price_tiyn)).collect();
    assert_eq!(refused, [("off-3", 159_500_000, 150_000_000)]);
    assert_eq!((price(&store, "off-1"), price(&store, "off-2")), (120_000_000, 100_000_000), "nothing applied");
    assert_eq!(written(&dir), (0, 0));
}

#[test]
fn a_change_applies_to_the_filtered_offerings_each_with_its_outbox_and_audit_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let published_prostheses = OfferingFilter {
        category: Some(Category::ProstheticOrthopaedic),
        published: Some(true),
        search: String::new(),
    };
    let preview = store.preview_bulk_price(&published_prostheses, percent("10"), Rounding::Tiyn).expect("preview");
    assert_eq!((preview.matched, preview.changed, preview.refused.len(), preview.applied), (2, 2, 0, false));
    assert_eq!(written(&dir), (0, 0), "a preview writes nothing");

    let outcome =
        store.change_prices(&office(), &published_prostheses, percent("10"), Rounding::Tiyn, None).expect("applied");
    assert!(outcome.applied);
    assert_eq!((price(&store, "off-1"), price(&store, "off-2")), (132_000_000, 110_000_000));
    assert_eq!((price(&store, "off-3"), price(&store, "off-4")), (145_000_000, 25_000_000), "outside the filter");
    assert_eq!(written(&dir), (2, 2));
    let batch = store.pending_batch(10).expect("batch");
    for m in &batch.mutations {
        assert!(
            matches!(&m.body, MutationBody::UpdateOffering { price_tiyn: Some(_), regions: None, published: None, .. }),
            "{:?}",
            m.body
        );
    }
}

#[test]
fn the_search_matches_code_or_name_and_a_fixed_price_skips_offerings_already_at_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let by_name = OfferingFilter { search: "СЛУХОВОЙ".into(), ..Default::default() };
    let fixed = PriceChange::Fixed(Money::from_tiyn(25_000_000));
    let outcome = store.change_prices(&office(), &by_name, fixed, Rounding::Tiyn, None).expect("outcome");
    assert_eq!((outcome.matched, outcome.changed, outcome.applied), (1, 0, true));
    assert_eq!(written(&dir), (0, 0), "an unchanged price is not sent");

    let by_code = OfferingFilter { search: "tsr-02".into(), ..Default::default() };
    store
        .change_prices(&office(), &by_code, PriceChange::Fixed(Money::from_tiyn(26_000_000)), Rounding::Tiyn, None)
        .expect("applied");
    assert_eq!(price(&store, "off-4"), 26_000_000);
    assert_eq!(written(&dir), (1, 1));
}

#[test]
fn a_filter_that_matches_nothing_is_an_error_on_the_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let none = OfferingFilter { search: "no such thing".into(), ..Default::default() };
    assert!(matches!(
        store.change_prices(&office(), &none, percent("5"), Rounding::Tiyn, None),
        Err(ActionError::Invalid { field: "filter", .. })
    ));
}

/// The change applies what the preview showed, once: a second click finds the prices moved and
/// changes nothing; whole tenge rounds each new price; an undo puts the earlier prices back as
/// new changes, and cannot run twice either.
#[test]
fn a_previewed_change_applies_once_rounds_to_whole_tenge_and_is_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = store(&dir);
    let prostheses =
        OfferingFilter { category: Some(Category::ProstheticOrthopaedic), published: Some(true), ..Default::default() };
    // −2,35 %: 1 200 000,00 → 1 171 800,00 and 1 000 000,00 → 976 500,00 (already whole).
    let preview = store.preview_bulk_price(&prostheses, percent("-2,35"), Rounding::WholeTenge).expect("preview");
    let steps: Vec<(&str, i64, i64)> =
        preview.steps.iter().map(|s| (s.offering_id.as_str(), s.price_tiyn, s.new_price_tiyn)).collect();
    assert_eq!(steps, [("off-1", 120_000_000, 117_180_000), ("off-2", 100_000_000, 97_650_000)]);
    let hearing = OfferingFilter { search: "tsr-02".into(), ..Default::default() };
    let odd = PriceChange::Fixed(Money::from_tiyn(24_000_060)); // 240 000,60 ₸
    let rounded = store.preview_bulk_price(&hearing, odd, Rounding::WholeTenge).expect("preview");
    assert_eq!(rounded.steps[0].new_price_tiyn, 24_000_100, "240 001 ₸");
    let exact = store.preview_bulk_price(&hearing, odd, Rounding::Tiyn).expect("preview");
    assert_eq!(exact.steps[0].new_price_tiyn, 24_000_060);

    let applied = store
        .change_prices(&office(), &prostheses, percent("-2,35"), Rounding::WholeTenge, Some(&preview.steps))
        .expect("applied");
    assert!(applied.applied);
    assert_eq!((price(&store, "off-1"), price(&store, "off-2")), (117_180_000, 97_650_000));
    assert_eq!(written(&dir), (2, 2));

    // The same click again: the prices are no longer those previewed; nothing more is written.
    let again =
        store.change_prices(&office(), &prostheses, percent("-2,35"), Rounding::WholeTenge, Some(&preview.steps));
    assert!(matches!(again, Err(ActionError::Invalid { field: "change", .. })), "{again:?}");
    assert_eq!((price(&store, "off-1"), written(&dir)), (117_180_000, (2, 2)));

    // Undo: the earlier prices, as two new changes with their audit entries.
    let undone = store.undo_price_change(&office(), &applied.steps).expect("undone");
    assert_eq!(undone.changed, 2);
    assert_eq!((price(&store, "off-1"), price(&store, "off-2")), (120_000_000, 100_000_000));
    assert_eq!(written(&dir), (4, 4));
    let twice = store.undo_price_change(&office(), &applied.steps);
    assert!(matches!(twice, Err(ActionError::Invalid { field: "change", .. })), "{twice:?}");
    assert_eq!(written(&dir), (4, 4), "a second undo changes nothing");
}

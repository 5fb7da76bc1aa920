//! The offering form's save on real SQLite files: one transaction per save, the limit price
//! enforced with the field named, nothing written when any part is refused.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::features::offerings::views::OfferingInput;
use desk_core::kernel::ActionError;
use portal_api::{MutationBody, RegionStock};

fn office() -> Actor {
    staff::actor(Role::Office)
}

fn rs(region: &str, quantity: i64) -> RegionStock {
    RegionStock { region: region.into(), quantity }
}

fn form(price: &str) -> OfferingInput {
    OfferingInput {
        offering_id: None,
        classifier_code: "TSR-01-001".into(),
        price: price.into(),
        regions: vec!["KZ-AST".into(), "KZ-ALA".into()],
        stock_by_region: vec![rs("KZ-AST", 1), rs("KZ-ALA", 2)],
        warranty_months: 24,
        description: "Модульный протез голени".into(),
        published: true,
        photos: None,
    }
}

/// Offerings, outbox entries and audit entries, in that order.
fn written(dir: &tempfile::TempDir) -> (i64, i64, i64) {
    let conn = raw(dir);
    (count(&conn, "offerings"), count(&conn, "outbox"), count(&conn, "audit_log"))
}

#[test]
fn the_picker_lists_the_classifier_with_names_and_limit_prices() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let options = store.classifier_options().expect("options");
    let item = options.iter().find(|o| o.code == "TSR-01-001").expect("the seeded item");
    assert_eq!(item.limit_price_tiyn, classifier().limit_price_tiyn);
    assert_eq!(item.name.ru, classifier().name.ru);
}

#[test]
fn a_price_above_the_limit_is_refused_on_the_price_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let before = written(&dir);
    let err = store.save_offering(&office(), &form("1 500 000,01")).expect_err("above the limit");
    assert!(matches!(&err, ActionError::Invalid { field: "price", .. }), "{err}");
    assert!(err.to_string().contains("limit price"), "{err}");
    let err = store.save_offering(&office(), &form("twelve")).expect_err("not a price");
    assert!(matches!(&err, ActionError::Invalid { field: "price", .. }), "{err}");
    let mut twice = form("1 000 000");
    twice.regions.push("KZ-AST".into());
    let err = store.save_offering(&office(), &twice).expect_err("a region twice");
    assert!(matches!(&err, ActionError::Invalid { field: "regions", .. }), "{err}");
    let mut unknown_region = form("1 000 000");
    unknown_region.regions.push("KZ-XXX".into());
    let err = store.save_offering(&office(), &unknown_region).expect_err("not a region");
    assert!(matches!(&err, ActionError::Invalid { field: "regions", .. }), "{err}");
    assert_eq!(written(&dir), before, "no offering, outbox or audit entry");
}

#[test]
fn a_new_offering_is_one_action_with_its_outbox_and_audit_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let (offerings, outbox, audit) = written(&dir);
    let id = store.save_offering(&office(), &form("1 400 000")).expect("saved");
    assert_eq!(written(&dir), (offerings + 1, outbox + 1, audit + 1));
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("the new offering");
    assert_eq!(row.price_tiyn, 140_000_000);
    assert_eq!(row.stock, 3);
    assert_eq!(row.stock_by_region, vec![rs("KZ-AST", 1), rs("KZ-ALA", 2)]);
    assert_eq!(row.description, "Модульный протез голени");
    assert_eq!(row.regions, vec!["KZ-AST".to_string(), "KZ-ALA".to_string()]);
}

#[test]
fn an_edit_changes_fields_and_stock_together_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let id = store.save_offering(&office(), &form("1 400 000")).expect("saved");
    let (offerings, outbox, audit) = written(&dir);

    let mut edit = form("1 450 000,50");
    edit.offering_id = Some(id.clone());
    edit.stock_by_region = vec![rs("KZ-AST", 1), rs("KZ-ALA", 6)];
    edit.published = false;
    store.save_offering(&office(), &edit).expect("edited");
    // The fields and the stock change: two queued changes, two audit entries, one save.
    assert_eq!(written(&dir), (offerings, outbox + 2, audit + 2));
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("offering");
    assert_eq!((row.price_tiyn, row.stock, row.published), (145_000_050, 7, false));

    // A refused price takes the stock change down with it.
    edit.price = "2 000 000".into();
    edit.stock_by_region = vec![rs("KZ-AST", 1)];
    assert!(matches!(store.save_offering(&office(), &edit), Err(ActionError::Invalid { field: "price", .. })));
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("offering");
    assert_eq!((row.price_tiyn, row.stock), (145_000_050, 7));
    assert_eq!(written(&dir), (offerings, outbox + 2, audit + 2));

    // The same values again change nothing but the fields' update.
    edit.price = "1 450 000,50".into();
    edit.stock_by_region = vec![rs("KZ-AST", 1), rs("KZ-ALA", 6)];
    store.save_offering(&office(), &edit).expect("saved again");
    assert_eq!(written(&dir), (offerings, outbox + 3, audit + 3));

    edit.offering_id = Some("no-such-offering".into());
    assert!(matches!(store.save_offering(&office(), &edit), Err(ActionError::Invalid { field: "offering", .. })));
}

#[test]
fn stock_is_entered_per_region_and_a_region_is_dropped_only_once_emptied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let mut bad = form("1 400 000");
    bad.stock_by_region = vec![rs("KZ-KAR", 1)];
    let err = store.save_offering(&office(), &bad).expect_err("not a region of the offering");
    assert!(matches!(&err, ActionError::Invalid { field: "stock", .. }), "{err}");
    bad.stock_by_region = vec![rs("KZ-AST", -1)];
    assert!(matches!(store.save_offering(&office(), &bad), Err(ActionError::Invalid { field: "stock", .. })));
    let id = store.save_offering(&office(), &form("1 400 000")).expect("saved");
    let queued = |store: &desk_core::Store| store.pending_batch(100).expect("batch").mutations;
    let before = queued(&store).len();

    // Astana is dropped while it holds 1: refused on the regions, nothing queued.
    let mut edit = form("1 400 000");
    edit.offering_id = Some(id.clone());
    edit.regions = vec!["KZ-ALA".into(), "KZ-KAR".into()];
    edit.stock_by_region = vec![rs("KZ-ALA", 2), rs("KZ-KAR", 5)];
    let err = store.save_offering(&office(), &edit).expect_err("Astana still holds 1");
    assert!(matches!(&err, ActionError::Invalid { field: "regions", .. }), "{err}");
    assert!(err.to_string().contains("KZ-AST still holds 1"), "{err}");
    assert_eq!(queued(&store).len(), before);

    // Emptied in the same save, it goes: Astana's stock is taken away before the edit drops
    // it, Karaganda's arrives after the edit adds it.
    edit.stock_by_region.push(rs("KZ-AST", 0));
    store.save_offering(&office(), &edit).expect("saved");
    let bodies: Vec<MutationBody> = queued(&store).into_iter().skip(before).map(|m| m.body).collect();
    assert!(
        matches!(&bodies[..], [
            MutationBody::ChangeStock { delta: -1, region: Some(a), .. },
            MutationBody::UpdateOffering { .. },
            MutationBody::ChangeStock { delta: 5, region: Some(k), .. },
        ] if a == "KZ-AST" && k == "KZ-KAR"),
        "{bodies:?}"
    );
    let row = store.offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("offering");
    assert_eq!((row.stock, row.stock_by_region), (7, vec![rs("KZ-ALA", 2), rs("KZ-KAR", 5)]));
}

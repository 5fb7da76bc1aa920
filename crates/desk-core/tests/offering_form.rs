//! The offering form's save on real SQLite files: one transaction per save, the limit price
//! enforced with the field named, nothing written when any part is refused.

mod common;

use common::staff;
use desk_core::access::Role;

use common::*;
use desk_core::access::Actor;
use desk_core::features::offerings::views::{OfferingInput, OfferingRow};
use desk_core::features::offerings::{NewOffering, OfferingUpdate};
use desk_core::kernel::ActionError;
use desk_core::kernel::money::Money;
use portal_api::{
    Change, ChangePage, Entity, MAX_MODEL_CHARS, MutationBatchResult, MutationBody, MutationOutcome, MutationResult,
    RegionStock, RejectReason,
};

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
        model: None,
        manufacturer: None,
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

fn row(store: &desk_core::Store, id: &str) -> OfferingRow {
    store.offerings().expect("offerings").into_iter().find(|o| o.id == id).expect("the offering")
}

fn named(row: &OfferingRow) -> (Option<&str>, Option<&str>) {
    (row.model.as_deref(), row.manufacturer.as_deref())
}

/// The bodies queued after the first `skip`.
fn queued_after(store: &desk_core::Store, skip: usize) -> Vec<MutationBody> {
    store.pending_batch(100).expect("batch").mutations.into_iter().skip(skip).map(|m| m.body).collect()
}

/// The model and manufacturer of an update, or of a creation.
fn naming(body: &MutationBody) -> (Option<&str>, Option<&str>) {
    match body {
        MutationBody::CreateOffering { model, manufacturer, .. }
        | MutationBody::UpdateOffering { model, manufacturer, .. } => (model.as_deref(), manufacturer.as_deref()),
        other => panic!("not an offering's creation or update: {other:?}"),
    }
}

#[test]
fn a_model_and_a_manufacturer_travel_trimmed_and_only_when_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let mut new = form("1 400 000");
    new.model = Some("  Ottobock Trias 1C30 ".into());
    new.manufacturer = Some("Ottobock SE & Co. KGaA".into());
    let id = store.save_offering(&office(), &new).expect("saved");
    let trias = (Some("Ottobock Trias 1C30"), Some("Ottobock SE & Co. KGaA"));
    assert_eq!(named(&row(&store, &id)), trias, "shown trimmed at once");
    let bodies = queued_after(&store, 0);
    assert_eq!(bodies.iter().map(naming).collect::<Vec<_>>(), [trias], "and sent trimmed");

    // An edit that leaves them as they are does not send them.
    let mut edit = new.clone();
    edit.offering_id = Some(id.clone());
    edit.price = "1 300 000".into();
    store.save_offering(&office(), &edit).expect("price edited");
    assert_eq!(queued_after(&store, 1).iter().map(naming).collect::<Vec<_>>(), [(None, None)]);

    // A changed model is sent; a blank manufacturer is sent empty, and clears it.
    edit.model = Some("Ottobock Taleo 1C50".into());
    edit.manufacturer = Some("  ".into());
    store.save_offering(&office(), &edit).expect("renamed");
    assert_eq!(
        queued_after(&store, 2).iter().map(naming).collect::<Vec<_>>(),
        [(Some("Ottobock Taleo 1C50"), Some(""))]
    );
    assert_eq!(named(&row(&store, &id)), (Some("Ottobock Taleo 1C50"), None));

    // Absent (an older window) keeps them.
    edit.model = None;
    edit.manufacturer = None;
    store.save_offering(&office(), &edit).expect("kept");
    assert_eq!(named(&row(&store, &id)), (Some("Ottobock Taleo 1C50"), None));

    // The library's own create and update take them the same way.
    let created = store
        .create_offering(
            &office(),
            &NewOffering {
                classifier_code: "TSR-01-001".into(),
                price: Money::from_tiyn(100_000_000),
                regions: vec!["KZ-ALA".into()],
                stock_by_region: Vec::new(),
                warranty_months: 24,
                description: String::new(),
                published: false,
                model: Some(" ".into()),
                manufacturer: Some(" Össur hf. ".into()),
            },
        )
        .expect("created");
    assert_eq!(named(&row(&store, &created)), (None, Some("Össur hf.")));
    let rename = OfferingUpdate {
        model: Some("Össur Pro-Flex LP".into()),
        manufacturer: Some(String::new()),
        ..Default::default()
    };
    store.update_offering(&office(), &created, &rename).expect("updated");
    assert_eq!(named(&row(&store, &created)), (Some("Össur Pro-Flex LP"), None));
    let last = queued_after(&store, 0).pop().expect("the update");
    assert_eq!(naming(&last), (Some("Össur Pro-Flex LP"), Some("")));
}

#[test]
fn a_model_or_manufacturer_too_long_is_refused_on_its_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let id = store.save_offering(&office(), &form("1 400 000")).expect("saved");
    let before = written(&dir);
    let over = "ü".repeat(MAX_MODEL_CHARS + 1);
    let problem = |err: ActionError| match err {
        ActionError::Invalid { field, message } => {
            (field, message.key, message.params.iter().find(|(k, _)| *k == "max").map(|(_, v)| v.clone()))
        }
        other => panic!("expected a refused value, got {other}"),
    };
    let max = Some(MAX_MODEL_CHARS.to_string());

    let mut new = form("1 400 000");
    new.model = Some(over.clone());
    let err = store.save_offering(&office(), &new).expect_err("model too long");
    assert_eq!(problem(err), ("model", "model_too_long", max.clone()));
    let mut edit = form("1 400 000");
    edit.offering_id = Some(id.clone());
    edit.manufacturer = Some(format!("  {over}  "));
    let err = store.save_offering(&office(), &edit).expect_err("manufacturer too long");
    assert_eq!(problem(err), ("manufacturer", "manufacturer_too_long", max.clone()));
    let update = OfferingUpdate { model: Some(over.clone()), ..Default::default() };
    let err = store.update_offering(&office(), &id, &update).expect_err("too long");
    assert_eq!(problem(err), ("model", "model_too_long", max));
    assert_eq!(written(&dir), before, "no offering, outbox or audit entry");

    // At the bound, after trimming, it is taken.
    edit.manufacturer = Some(format!(" {} ", "ü".repeat(MAX_MODEL_CHARS)));
    store.save_offering(&office(), &edit).expect("at the bound");
    assert_eq!(row(&store, &id).manufacturer.map(|m| m.chars().count()), Some(MAX_MODEL_CHARS));
}

#[test]
fn the_portals_model_is_shown_and_a_refused_rename_is_undone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = seeded(&dir);
    let Entity::Offering(mut portal) = page(Vec::new(), 1).changes.remove(2).entity else {
        panic!("the seeded page's third change is its offering");
    };
    assert_eq!(portal.id, "off-1");
    portal.model = Some("Ottobock Trias 1C30".into());
    portal.manufacturer = Some("Ottobock SE & Co. KGaA".into());
    let pull = |entity| ChangePage {
        changes: vec![Change { seq: 50, entity, includes_device_seq: None }],
        next_after: 50,
        has_more: false,
        head: 50,
    };
    store.apply_page(pull(Entity::Offering(portal.clone()))).expect("pulled");
    let trias = (Some("Ottobock Trias 1C30"), Some("Ottobock SE & Co. KGaA"));
    assert_eq!(named(&row(&store, "off-1")), trias);

    // A rename the portal refuses is undone: the desk shows the portal's naming again.
    let rename = OfferingUpdate { model: Some("Ottobock Taleo 1C50".into()), ..Default::default() };
    store.update_offering(&office(), "off-1", &rename).expect("renamed");
    assert_eq!(named(&row(&store, "off-1")).0, Some("Ottobock Taleo 1C50"));
    let batch = store.pending_batch(100).expect("batch");
    let outcome = MutationOutcome::Rejected { reason: RejectReason::InvalidInput, message: "refused".into() };
    let results = vec![MutationResult { id: batch.mutations[0].id.clone(), outcome }];
    store.record_push_results(&batch, &MutationBatchResult { results }).expect("recorded");
    assert_eq!(named(&row(&store, "off-1")), trias);
}

//! The portal's rules for a supplier's offerings, pushed as mutations over loopback HTTP:
//! create, update and stock changes, each rejection reason, and a limit price lowered while an
//! offering sat above it.

mod common;

use portal_api::{Entity, MAX_MODEL_CHARS, MutationBody, MutationOutcome, RegionStock, RejectReason};

use common::{mutation, push, push_one, quiet_sandbox, read_feed, rejection, signed_in};

const CODE: &str = "TSR-01-001";

fn create(id: &str, code: &str, price_tiyn: i64, stock: i64) -> MutationBody {
    MutationBody::CreateOffering {
        offering_id: id.to_owned(),
        classifier_code: code.to_owned(),
        price_tiyn,
        stock,
        regions: vec!["KZ-ALA".into(), "KZ-AST".into()],
        stock_by_region: Vec::new(),
        warranty_months: 24,
        description: "Модульный протез голени".into(),
        published: true,
        photos: vec![],
        model: None,
        manufacturer: None,
    }
}

fn reprice(id: &str, price_tiyn: i64) -> MutationBody {
    MutationBody::UpdateOffering {
        offering_id: id.to_owned(),
        price_tiyn: Some(price_tiyn),
        regions: None,
        warranty_months: None,
        description: None,
        published: None,
        photos: None,
        model: None,
        manufacturer: None,
    }
}

/// A stock change as a desk that predates regional stock sends it: no region, the first one.
fn stock(id: &str, delta: i64) -> MutationBody {
    MutationBody::ChangeStock { offering_id: id.to_owned(), delta, region: None }
}

fn stock_in(id: &str, region: &str, delta: i64) -> MutationBody {
    MutationBody::ChangeStock { offering_id: id.to_owned(), delta, region: Some(region.to_owned()) }
}

fn rs(region: &str, quantity: i64) -> RegionStock {
    RegionStock { region: region.to_owned(), quantity }
}

#[tokio::test]
async fn creating_and_updating_offerings() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    let state = sandbox.state().await.expect("state");
    let limit = state.classifier_item(CODE).expect("the item").limit_price_tiyn;

    assert_eq!(
        rejection(&push_one(&client, "desk-a", create("o-1", "TSR-99-999", 100, 1)).await).0,
        RejectReason::ClassifierNotFound
    );
    assert_eq!(rejection(&push_one(&client, "desk-a", create("o-1", CODE, 0, 1)).await).0, RejectReason::InvalidInput);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", create("o-1", CODE, 100, -1)).await).0,
        RejectReason::InvalidInput
    );
    let (reason, message) = rejection(&push_one(&client, "desk-a", create("o-1", CODE, limit + 1, 1)).await);
    assert_eq!(reason, RejectReason::PriceAboveLimit);
    assert!(message.contains(&(limit + 1).to_string()) && message.contains(&limit.to_string()), "{message}");
    assert_eq!(push_one(&client, "desk-a", create("o-1", CODE, limit, 5)).await, MutationOutcome::Applied);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", create("o-1", CODE, 100, 1)).await).0,
        RejectReason::OfferingExists
    );
    let demo_offering = &state.offerings[0].offering.id;
    assert_eq!(
        rejection(&push_one(&client, "desk-a", create(demo_offering, CODE, 100, 1)).await).0,
        RejectReason::OfferingExists
    );

    assert_eq!(rejection(&push_one(&client, "desk-a", reprice("nope", 100)).await).0, RejectReason::OfferingNotFound);
    assert_eq!(
        rejection(&push_one(&client, "desk-a", reprice("o-1", limit + 100)).await).0,
        RejectReason::PriceAboveLimit
    );
    assert_eq!(rejection(&push_one(&client, "desk-a", reprice("o-1", -5)).await).0, RejectReason::InvalidInput);
    let update = MutationBody::UpdateOffering {
        offering_id: "o-1".into(),
        price_tiyn: Some(limit - 1000),
        regions: None,
        warranty_months: Some(36),
        description: None,
        published: Some(false),
        photos: None,
        model: None,
        manufacturer: None,
    };
    assert_eq!(push_one(&client, "desk-a", update).await, MutationOutcome::Applied);

    let state = sandbox.state().await.expect("state");
    let o = &state.offering("o-1").expect("created").offering;
    assert_eq!((o.price_tiyn, o.stock, o.warranty_months, o.published), (limit - 1000, 5, 36, false));
    assert_eq!(o.regions, vec!["KZ-ALA", "KZ-AST"], "absent fields keep their value");
    assert_eq!(o.description, "Модульный протез голени");
    // Both applied changes are in the feed, the last one as it is now.
    let (changes, _) = read_feed(&client, head, 1000).await;
    let snapshots: Vec<_> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Offering(o) if o.id == "o-1" => Some(o.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(snapshots.len(), 2);
    assert_eq!(snapshots[1], *o);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn stock_deltas_from_two_devices_add_up() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    assert_eq!(push_one(&client, "desk-a", create("o-1", CODE, 100_000, 10)).await, MutationOutcome::Applied);

    let a = [mutation(1, stock("o-1", -3)), mutation(2, stock("o-1", 5))];
    let b = [mutation(1, stock("o-1", -4)), mutation(2, stock("o-1", -2))];
    let (ra, rb) = tokio::join!(push(&client, "desk-a", &a), push(&client, "desk-b", &b));
    assert!(ra.iter().chain(&rb).all(|o| *o == MutationOutcome::Applied), "{ra:?} {rb:?}");
    let (reason, message) = rejection(&push_one(&client, "desk-b", stock("o-1", -7)).await);
    assert_eq!(reason, RejectReason::StockWouldGoNegative);
    assert!(message.contains('6'), "the message gives the stock: {message}");
    assert_eq!(rejection(&push_one(&client, "desk-b", stock("nope", 1)).await).0, RejectReason::OfferingNotFound);

    let state = sandbox.state().await.expect("state");
    assert_eq!(state.offering("o-1").expect("offering").offering.stock, 10 - 3 + 5 - 4 - 2);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn stock_is_held_per_region() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    let with_breakdown = |stock: i64, by_region: Vec<RegionStock>| {
        let mut body = create("o-1", CODE, 100_000, stock);
        if let MutationBody::CreateOffering { stock_by_region, .. } = &mut body {
            *stock_by_region = by_region;
        }
        body
    };
    for (stock, breakdown, why) in [
        (10, vec![rs("KZ-ALA", 4), rs("KZ-AST", 5)], "does not add up"),
        (10, vec![rs("KZ-ALA", 4), rs("KZ-KAR", 6)], "not one of the offering's regions"),
        (10, vec![rs("KZ-ALA", 4), rs("KZ-ALA", 6)], "twice"),
        (0, vec![rs("KZ-ALA", 4), rs("KZ-AST", -4)], "cannot be negative"),
    ] {
        let (reason, message) = rejection(&push_one(&client, "desk-a", with_breakdown(stock, breakdown)).await);
        assert_eq!(reason, RejectReason::InvalidInput);
        assert!(message.contains(why), "{why}: {message}");
    }
    let created = with_breakdown(10, vec![rs("KZ-AST", 6), rs("KZ-ALA", 4)]);
    assert_eq!(push_one(&client, "desk-a", created).await, MutationOutcome::Applied);
    let o = sandbox.state().await.expect("state").offering("o-1").expect("created").offering.clone();
    assert_eq!(o.stock_by_region, vec![rs("KZ-ALA", 4), rs("KZ-AST", 6)], "in the order of the regions");

    // Deltas from two devices add up per region; a region's stock never goes below zero.
    let a = [mutation(1, stock_in("o-1", "KZ-AST", -5)), mutation(2, stock_in("o-1", "KZ-ALA", 3))];
    let b = [mutation(1, stock_in("o-1", "KZ-AST", 2)), mutation(2, stock("o-1", 1))];
    let (ra, rb) = tokio::join!(push(&client, "desk-a", &a), push(&client, "desk-b", &b));
    assert!(ra.iter().chain(&rb).all(|o| *o == MutationOutcome::Applied), "{ra:?} {rb:?}");
    let (reason, message) = rejection(&push_one(&client, "desk-a", stock_in("o-1", "KZ-AST", -4)).await);
    assert_eq!(reason, RejectReason::StockWouldGoNegative, "KZ-AST holds 3 though the offering holds 11");
    assert!(message.contains("KZ-AST") && message.contains(" 3;"), "{message}");
    let (reason, message) = rejection(&push_one(&client, "desk-a", stock_in("o-1", "KZ-KAR", 1)).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("not delivered to KZ-KAR"), "{message}");

    // A region is not dropped while it holds stock; emptied first, it is.
    let drop_astana = || MutationBody::UpdateOffering {
        offering_id: "o-1".into(),
        price_tiyn: None,
        regions: Some(vec!["KZ-ALA".into(), "KZ-KAR".into()]),
        warranty_months: None,
        description: None,
        published: None,
        photos: None,
        model: None,
        manufacturer: None,
    };
    let (reason, message) = rejection(&push_one(&client, "desk-a", drop_astana()).await);
    assert_eq!(reason, RejectReason::InvalidInput);
    assert!(message.contains("KZ-AST still holds 3"), "{message}");
    assert_eq!(push_one(&client, "desk-a", stock_in("o-1", "KZ-AST", -3)).await, MutationOutcome::Applied);
    assert_eq!(push_one(&client, "desk-a", drop_astana()).await, MutationOutcome::Applied);
    assert_eq!(push_one(&client, "desk-a", stock_in("o-1", "KZ-KAR", 2)).await, MutationOutcome::Applied);

    let o = sandbox.state().await.expect("state").offering("o-1").expect("offering").offering.clone();
    assert_eq!(o.stock_by_region, vec![rs("KZ-ALA", 8), rs("KZ-KAR", 2)]);
    assert_eq!(o.stock, 10);
    let (changes, _) = read_feed(&client, head, 1000).await;
    let last = changes.iter().rev().find_map(|c| match &c.entity {
        Entity::Offering(o) if o.id == "o-1" => Some(o.clone()),
        _ => None,
    });
    assert_eq!(last.map(|o| o.stock_by_region), Some(o.stock_by_region), "the feed carries the breakdown");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_limit_price_lowered_meanwhile() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (_, head) = read_feed(&client, 0, 1000).await;
    assert_eq!(push_one(&client, "desk-a", create("o-1", CODE, 90_000_000, 3)).await, MutationOutcome::Applied);

    let item = sandbox.lower_limit_price(CODE, 80_000_000).await.expect("lowered");
    assert_eq!(item.limit_price_tiyn, 80_000_000);
    let (changes, _) = read_feed(&client, head, 1000).await;
    let last_item = changes.iter().rev().find_map(|c| match &c.entity {
        Entity::Classifier(i) if i.code == CODE => Some(i.limit_price_tiyn),
        _ => None,
    });
    assert_eq!(last_item, Some(80_000_000), "the new limit is in the feed");

    // The offering above the new limit stays as it is; its stock and text may change…
    assert_eq!(push_one(&client, "desk-a", stock("o-1", 2)).await, MutationOutcome::Applied);
    let describe = MutationBody::UpdateOffering {
        offering_id: "o-1".into(),
        price_tiyn: None,
        regions: None,
        warranty_months: None,
        description: Some("новое описание".into()),
        published: None,
        photos: None,
        model: None,
        manufacturer: None,
    };
    assert_eq!(push_one(&client, "desk-a", describe).await, MutationOutcome::Applied);
    // …but no price above the limit is accepted any more, for it or for a new offering.
    let (reason, message) = rejection(&push_one(&client, "desk-a", reprice("o-1", 85_000_000)).await);
    assert_eq!(reason, RejectReason::PriceAboveLimit);
    assert!(message.contains("85000000") && message.contains("80000000"), "{message}");
    assert_eq!(
        rejection(&push_one(&client, "desk-a", create("o-2", CODE, 85_000_000, 1)).await).0,
        RejectReason::PriceAboveLimit
    );
    assert_eq!(push_one(&client, "desk-a", reprice("o-1", 80_000_000)).await, MutationOutcome::Applied);

    let state = sandbox.state().await.expect("state");
    let o = &state.offering("o-1").expect("offering").offering;
    assert_eq!((o.price_tiyn, o.stock, o.description.as_str()), (80_000_000, 5, "новое описание"));
    assert!(state.offering("o-2").is_none());
    assert_eq!(state.classifier_item(CODE).expect("item").limit_price_tiyn, 80_000_000);
    // Not a price at all.
    assert!(sandbox.lower_limit_price(CODE, 0).await.is_err());
    assert!(sandbox.lower_limit_price("TSR-99-999", 100).await.is_err());
    sandbox.shutdown().await;
}

fn name_model(id: &str, model: Option<&str>, manufacturer: Option<&str>) -> MutationBody {
    MutationBody::UpdateOffering {
        offering_id: id.to_owned(),
        price_tiyn: None,
        regions: None,
        warranty_months: None,
        description: None,
        published: None,
        photos: None,
        model: model.map(str::to_owned),
        manufacturer: manufacturer.map(str::to_owned),
    }
}

/// An offering's model and manufacturer: kept trimmed, sent in the feed, refused whole when
/// longer than the contract allows, cleared by an empty text and kept by an absent one.
#[tokio::test]
async fn a_model_and_a_manufacturer_are_kept_trimmed_and_bounded() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let mut body = create("o-1", CODE, 100_000, 1);
    if let MutationBody::CreateOffering { model, manufacturer, .. } = &mut body {
        *model = Some("  Ottobock Trias 1C30 ".into());
        *manufacturer = Some("Ottobock SE & Co. KGaA".into());
    }
    assert_eq!(push_one(&client, "desk-a", body).await, MutationOutcome::Applied);
    let shown = |state: &portal_sandbox::SandboxState| {
        let o = &state.offering("o-1").expect("offering").offering;
        (o.model.clone(), o.manufacturer.clone())
    };
    let state = sandbox.state().await.expect("state");
    let named = (Some("Ottobock Trias 1C30".to_owned()), Some("Ottobock SE & Co. KGaA".to_owned()));
    assert_eq!(shown(&state), named);
    let (changes, head) = read_feed(&client, 0, 1000).await;
    let last = changes.iter().rev().find_map(|c| match &c.entity {
        Entity::Offering(o) if o.id == "o-1" => Some((o.model.clone(), o.manufacturer.clone())),
        _ => None,
    });
    assert_eq!(last, Some(named.clone()), "the feed carries both");

    // One character over the bound, in either field: refused, nothing stored, no change fed.
    let over = "ä".repeat(MAX_MODEL_CHARS + 1);
    for (field, body) in
        [("model", name_model("o-1", Some(&over), None)), ("manufacturer", name_model("o-1", None, Some(&over)))]
    {
        let (reason, message) = rejection(&push_one(&client, "desk-a", body).await);
        assert_eq!(reason, RejectReason::InvalidInput, "{field}: {message}");
        assert!(message.starts_with(field), "{field}: the message names the field: {message}");
    }
    let state = sandbox.state().await.expect("state");
    assert_eq!((shown(&state), state.feed_head), (named, head));

    // At the bound it is taken; an empty text clears, an absent field keeps.
    let at_bound = "ä".repeat(MAX_MODEL_CHARS);
    assert_eq!(push_one(&client, "desk-a", name_model("o-1", Some(&at_bound), None)).await, MutationOutcome::Applied);
    assert_eq!(push_one(&client, "desk-a", reprice("o-1", 90_000)).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    assert_eq!(shown(&state), (Some(at_bound), Some("Ottobock SE & Co. KGaA".to_owned())));
    assert_eq!(push_one(&client, "desk-a", name_model("o-1", Some(" "), Some(""))).await, MutationOutcome::Applied);
    let state = sandbox.state().await.expect("state");
    assert_eq!(shown(&state), (None, None));
    sandbox.shutdown().await;
}

//! The demo data a new sandbox starts with, generated deterministically from a seed: the policy
//! terms, a classifier of the kinds of goods and services, one supplier account with its
//! offerings, a few hundred participants, and a history of orders in every status.
//!
//! Times are relative to the moment of generation (UTC): placed orders are inside their
//! acceptance window then, and everything else happened before it.

mod classifier;
mod large;
mod orders;
mod people;

use chrono::{DateTime, TimeDelta, Timelike, Utc};
use portal_api::{ClassifierItem, LocalizedText, Offering, PolicyBasis, PolicyTerm, PolicyTerms};
use portal_rules::Bin;
use rusqlite::{Connection, OptionalExtension};

use crate::rng::Rng;
use crate::store::catalog::{self, OfferingRef};
use crate::store::{StoreError, accounts, orders as order_store, participants, policy};

pub use large::{LargeSize, LargeSummary, generate_large};
pub(crate) use orders::choose_lines;

/// The demo supplier's BIN (valid: its check digit is computed by `portal_rules::Bin::complete`).
pub const SUPPLIER_BIN: &str = "150840021734";
/// The first 11 digits of [`SUPPLIER_BIN`]: registered August 2015, a resident legal entity.
const SUPPLIER_BIN_FIRST11: [u8; 11] = [1, 5, 0, 8, 4, 0, 0, 2, 1, 7, 3];
/// The demo supplier's password.
pub const SUPPLIER_PASSWORD: &str = "demo";
/// The demo supplier's registered name.
pub const SUPPLIER_NAME: &str = "ТОО «Камкор Мед Сервис»";
/// Where the demo supplier is based.
pub const SUPPLIER_REGION: &str = "KZ-ALA";
/// How many participants the demo data holds.
pub const PARTICIPANTS: usize = 320;

/// The policy terms of the demo: the acceptance window is the one published by the portal
/// (10 calendar days); the other terms were not found in a public source and are defaults.
pub const POLICY: PolicyTerms = PolicyTerms {
    acceptance_window: PolicyTerm { days: 10, basis: PolicyBasis::Published },
    delivery_term: PolicyTerm { days: 30, basis: PolicyBasis::Default },
    confirmation_window: PolicyTerm { days: 10, basis: PolicyBasis::Default },
    payment_term: PolicyTerm { days: 15, basis: PolicyBasis::Default },
};

/// The region codes participants live in: the 3 cities of republican significance and the 17
/// regions of Kazakhstan.
pub fn region_codes() -> impl Iterator<Item = &'static str> {
    people::REGIONS.iter().map(|r| r.code)
}

/// What was generated, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub classifier_items: usize,
    pub offerings: usize,
    pub participants: usize,
    pub orders: usize,
    pub order_moves: usize,
}

const META_SEED: &str = "demo_seed";

/// Generates the demo data into a new database, once. Returns `None` when the database already
/// holds data (it is never regenerated, whatever the seed).
pub(crate) fn ensure(conn: &mut Connection, seed: u64, now: DateTime<Utc>) -> Result<Option<Summary>, StoreError> {
    let tx = conn.transaction()?;
    let existing: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = ?1", [META_SEED], |r| r.get(0)).optional()?;
    if let Some(existing) = existing {
        if existing != seed.to_string() {
            tracing::warn!(
                existing,
                requested = seed,
                "the data directory holds demo data of another seed; keeping it"
            );
        }
        return Ok(None);
    }
    // Whole seconds read better in the feed and in the UI.
    let now = now.with_nanosecond(0).unwrap_or(now);
    let summary = generate(&tx, seed, now)?;
    tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", rusqlite::params![META_SEED, seed.to_string()])?;
    tx.execute("INSERT INTO meta (key, value) VALUES ('generated_at', ?1)", [now.to_rfc3339()])?;
    tx.commit()?;
    Ok(Some(summary))
}

fn classifier_item(spec: &classifier::ItemSpec) -> ClassifierItem {
    ClassifierItem {
        code: spec.code.to_owned(),
        category: spec.category,
        name: LocalizedText { kk: spec.kk.to_owned(), ru: spec.ru.to_owned(), en: spec.en.to_owned() },
        unit: spec.unit.to_owned(),
        limit_price_tiyn: spec.limit_tenge * 100,
        needs_fitting: spec.needs_fitting,
        warranty_months: spec.warranty_months,
    }
}

fn offering(rng: &mut Rng, spec: &classifier::ItemSpec, economy: bool, now: DateTime<Utc>) -> Offering {
    use portal_api::{Category, RegionStock};
    let percent = if economy { rng.range(70, 85) } else { rng.range(86, 100) };
    let price_tenge = (spec.limit_tenge * percent / 100).max(1);
    let stock = match spec.category {
        Category::Services => 1000,
        Category::Hygiene => rng.range(500, 3000),
        _ if rng.percent(5) => 0,
        _ => rng.range(1, 150),
    };
    let mut regions: Vec<&str> = if spec.category == Category::Services {
        region_codes().collect()
    } else {
        let extra = rng.range(2, 10);
        let mut r: Vec<&str> = vec![SUPPLIER_REGION, "KZ-ALM"];
        for _ in 0..extra {
            if let Some(code) = rng.pick(&people::REGIONS).map(|r| r.code) {
                if !r.contains(&code) {
                    r.push(code);
                }
            }
        }
        r
    };
    regions.sort_by_key(|code| people::REGIONS.iter().position(|r| r.code == *code));
    // Goods are kept in the supplier's own warehouse, a third of them in Almaty region's;
    // a service's capacity is counted in the first region.
    let stock_by_region = if spec.category == Category::Services {
        Vec::new()
    } else {
        vec![
            RegionStock { region: SUPPLIER_REGION.to_owned(), quantity: stock - stock / 3 },
            RegionStock { region: "KZ-ALM".to_owned(), quantity: stock / 3 },
        ]
    };
    let warranty_months = match spec.warranty_months {
        0 => 0,
        w if rng.percent(30) => w + 12,
        w => w,
    };
    let description = classifier::offering_description(spec.category);
    // Chosen by the item, not drawn: the demo of a seed stays what it was before models.
    let (model, manufacturer) = classifier::offering_model(spec.code, economy);
    Offering {
        id: rng.uuid(),
        classifier_code: spec.code.to_owned(),
        price_tiyn: price_tenge * 100,
        stock,
        regions: regions.into_iter().map(str::to_owned).collect(),
        stock_by_region,
        warranty_months,
        description: if economy {
            format!("Эконом-вариант. {description}")
        } else {
            description.to_owned()
        },
        published: rng.percent(92),
        updated_at: now - TimeDelta::days(rng.range(240, 300)),
        photos: Some(Vec::new()),
        model: model.map(str::to_owned),
        manufacturer: manufacturer.map(str::to_owned),
    }
}

/// An event of the demo history, to be applied in time order.
struct Event {
    at: DateTime<Utc>,
    plan: usize,
    step: usize,
    transition: Option<portal_rules::Transition>,
}

fn generate(tx: &Connection, seed: u64, now: DateTime<Utc>) -> Result<Summary, StoreError> {
    let mut rng = Rng::new(seed);
    let catalogue_since = now - TimeDelta::days(365);

    policy::save(tx, &POLICY, catalogue_since)?;
    for spec in classifier::ITEMS {
        catalog::save_classifier_item(tx, &classifier_item(spec), catalogue_since)?;
    }

    let supplier_id = rng.uuid();
    let bin = Bin::complete(&SUPPLIER_BIN_FIRST11)
        .ok_or_else(|| StoreError::Corrupt("the demo BIN has no check digit".into()))?;
    accounts::create_supplier(tx, &supplier_id, bin.as_str(), SUPPLIER_NAME, SUPPLIER_REGION, SUPPLIER_PASSWORD)?;

    let people = people::participants(&mut rng, PARTICIPANTS, now.date_naive());
    for p in &people {
        participants::insert(tx, p)?;
    }

    let mut offering_count = 0;
    for spec in classifier::ITEMS {
        // The supplier does not offer everything.
        if rng.percent(6) {
            continue;
        }
        catalog::save_offering(tx, &supplier_id, &offering(&mut rng, spec, false, now))?;
        offering_count += 1;
        let popular = matches!(
            spec.category,
            portal_api::Category::Hygiene | portal_api::Category::Mobility | portal_api::Category::Hearing
        );
        if popular && rng.percent(30) {
            catalog::save_offering(tx, &supplier_id, &offering(&mut rng, spec, true, now))?;
            offering_count += 1;
        }
    }

    let offerings: Vec<OfferingRef> = catalog::published_offerings(tx)?;
    let people_ids: Vec<(String, String)> = people.iter().map(|p| (p.id.clone(), p.region.clone())).collect();
    let plans = orders::plan(&mut rng, now, &POLICY, &supplier_id, &people_ids, &offerings);

    let mut events: Vec<Event> = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        events.push(Event { at: plan.placed_at, plan: i, step: 0, transition: None });
        for (j, (t, at)) in plan.moves.iter().enumerate() {
            events.push(Event { at: *at, plan: i, step: j + 1, transition: Some(*t) });
        }
    }
    events.sort_by_key(|e| (e.at, e.plan, e.step));
    let mut moves = 0;
    for e in &events {
        let Some(plan) = plans.get(e.plan) else { continue };
        match e.transition {
            None => {
                order_store::place(
                    tx,
                    &order_store::NewOrder {
                        id: plan.id.clone(),
                        supplier_id: plan.supplier_id.clone(),
                        participant_id: plan.participant_id.clone(),
                        lines: plan.lines.clone(),
                        placed_at: plan.placed_at,
                    },
                )?;
            }
            Some(t) => {
                order_store::apply(tx, &plan.id, t, e.at)?;
                moves += 1;
            }
        }
    }

    // The history's payments: the paying office's orders for what the history marked paid.
    crate::store::payments::settle_history(
        tx,
        now,
        |order| crate::rng::share(seed, order, "demo-partial") < 0.04,
        |payment| crate::rng::share(seed, payment, "demo-reversed") < 0.03,
    )?;

    Ok(Summary {
        classifier_items: classifier::ITEMS.len(),
        offerings: offering_count,
        participants: people.len(),
        orders: plans.len(),
        order_moves: moves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::OrderStatus;

    #[test]
    fn the_demo_bin_is_valid_and_completed_from_its_digits() {
        let completed = Bin::complete(&SUPPLIER_BIN_FIRST11).expect("a check digit exists");
        assert_eq!(completed.as_str(), SUPPLIER_BIN);
        assert!(Bin::parse(SUPPLIER_BIN).is_ok());
    }

    fn generated(seed: u64) -> (tempfile::TempDir, Connection, Summary, DateTime<Utc>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        let now = Utc::now().with_nanosecond(0).expect("whole seconds");
        let summary = ensure(&mut conn, seed, now).expect("generate").expect("new data");
        (dir, conn, summary, now)
    }

    #[test]
    fn the_demo_covers_every_status_with_consistent_times() {
        let (_dir, conn, summary, now) = generated(11);
        assert!(summary.offerings >= 40, "{summary:?}");
        assert_eq!(summary.participants, PARTICIPANTS);
        assert!(summary.orders >= 290, "{summary:?}");
        let counts = order_store::counts(&conn, &supplier_id(&conn)).expect("counts");
        for c in &counts.by_status {
            assert!(c.count > 0, "{:?} has demo orders", c.status);
        }
        let mut ids = conn.prepare("SELECT id FROM orders").expect("prepare");
        let ids: Vec<String> = ids.query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect();
        let mut placed = 0;
        let mut near_deadline = 0;
        for id in ids {
            let o = order_store::load(&conn, &id).expect("order");
            assert!(o.placed_at < now && o.updated_at < now, "{}", o.number);
            assert_eq!(o.accept_by, o.placed_at + TimeDelta::days(10), "{}", o.number);
            assert!(!o.lines.is_empty());
            assert!(o.number.starts_with("SO-") && o.number.len() == "SO-2026-000123".len(), "{}", o.number);
            match o.status {
                OrderStatus::Placed => {
                    placed += 1;
                    assert!(o.accept_by > now + TimeDelta::hours(1), "{}", o.number);
                    assert!(o.placed_at > now - TimeDelta::days(10));
                    if o.accept_by < now + TimeDelta::hours(48) {
                        near_deadline += 1;
                    }
                    assert_eq!(o.deliver_by, None);
                }
                OrderStatus::DeclinedBySupplier
                | OrderStatus::CancelledByParticipant
                | OrderStatus::CancelledAutomatically => assert_eq!(o.deliver_by, None, "{}", o.number),
                _ => assert!(o.deliver_by.is_some(), "{} was accepted", o.number),
            }
        }
        assert!(placed >= 40, "{placed} placed orders");
        assert!(near_deadline >= 10, "{near_deadline} placed orders near their deadline");
    }

    #[test]
    fn offerings_respect_the_limit_price() {
        let (_dir, conn, _, _) = generated(12);
        let over: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM offering o JOIN classifier_item c ON c.code = o.classifier_code
                 WHERE o.price_tiyn > c.limit_price_tiyn OR o.price_tiyn <= 0",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(over, 0);
    }

    #[test]
    fn it_is_generated_once() {
        let (_dir, mut conn, _, now) = generated(13);
        assert_eq!(ensure(&mut conn, 13, now).expect("ensure"), None);
        assert_eq!(ensure(&mut conn, 14, now).expect("ensure"), None);
    }

    #[test]
    fn every_order_change_is_in_the_feed() {
        let (_dir, conn, summary, _) = generated(15);
        let order_changes: i64 = conn
            .query_row("SELECT COUNT(*) FROM changes WHERE entity_kind = 'order'", [], |r| r.get(0))
            .expect("count");
        assert_eq!(order_changes as usize, summary.orders + summary.order_moves);
        let some_id: String = conn.query_row("SELECT id FROM orders LIMIT 1", [], |r| r.get(0)).expect("id");
        let history: i64 = conn
            .query_row("SELECT COUNT(*) FROM order_history WHERE order_id = ?1", [&some_id], |r| r.get(0))
            .expect("history");
        let feed = crate::store::changes::count_for(&conn, "order", &some_id).expect("count");
        assert_eq!(feed, history as u64 + 1, "one change for placing plus one per move");
    }

    fn supplier_id(conn: &Connection) -> String {
        conn.query_row("SELECT id FROM supplier", [], |r| r.get(0)).expect("supplier")
    }
}

//! The change feed over real loopback HTTP: paging is complete and ordered, the demo data is
//! all there, the same seed gives the same data, a restart keeps it, and the desktop's sync
//! engine can apply all of it.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{TimeDelta, Utc};
use portal_api::PortalClient;
use portal_api::{Category, Entity, MAX_PAGE_SIZE, OrderStatus, PolicyBasis};
use reqwest::StatusCode;

use common::{SEED, entity_key, latest_orders, quiet_sandbox, read_feed, read_latest, signed_in, start_in, token};

#[tokio::test]
async fn paging_in_small_pages_is_complete_and_ordered() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;

    let (small, end) = read_feed(&client, 0, 7).await;
    let big_limit = 500;
    let (big, big_end) = read_feed(&client, 0, big_limit).await;
    assert_eq!(end, big_end);
    assert!(small.len() > big_limit as usize, "the demo feed spans more than one big page");
    let seqs: Vec<u64> = small.iter().map(|c| c.seq).collect();
    let unique: BTreeSet<u64> = seqs.iter().copied().collect();
    assert_eq!(unique.len(), seqs.len(), "no change is served twice");
    assert_eq!(small, big, "small pages and big pages serve the same changes");

    // Resuming from a cursor in the middle serves exactly the rest.
    let middle = small[small.len() / 2].seq;
    let (rest, _) = read_feed(&client, middle, 100).await;
    assert_eq!(rest, small.iter().filter(|c| c.seq > middle).cloned().collect::<Vec<_>>());

    // At and beyond the end: empty pages that keep the cursor.
    let at_end = client.changes(end, 10).await.expect("page");
    assert!(at_end.changes.is_empty() && !at_end.has_more);
    assert_eq!((at_end.next_after, at_end.head), (end, end));
    let beyond = client.changes(end + 1000, 10).await.expect("page");
    assert!(beyond.changes.is_empty() && !beyond.has_more);
    assert_eq!(beyond.next_after, end + 1000);
    let far = client.changes(u64::MAX, 10).await.expect("page");
    assert!(far.changes.is_empty());
    assert_eq!(far.next_after, u64::MAX);

    // Without a limit, a page holds 500.
    let http = reqwest::Client::new();
    let resp = http
        .get(format!("{}/v1/changes", sandbox.url()))
        .bearer_auth(token(&sandbox).await)
        .send()
        .await
        .expect("response");
    assert_eq!(resp.status(), StatusCode::OK);
    let page: portal_api::ChangePage = resp.json().await.expect("a page");
    assert_eq!(page.changes.len(), 500);
    assert!(page.has_more);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_latest_only_read_serves_each_entity_once_at_its_last_snapshot() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (all, head) = read_feed(&client, 0, MAX_PAGE_SIZE).await;
    let mut last = HashMap::new();
    for c in &all {
        last.insert(entity_key(&c.entity), c.clone());
    }
    let mut expected: Vec<_> = last.into_values().collect();
    expected.sort_by_key(|c| c.seq);
    assert!(expected.len() < all.len(), "the demo orders have a history to skip");

    let (latest, end) = read_latest(&client, 0, 37).await;
    assert_eq!(end, head, "a latest-only read ends at the head");
    assert_eq!(latest, expected, "one change per entity: its last");

    // From the middle: every entity changed after the cursor, at its last snapshot.
    let middle = all[all.len() / 2].seq;
    let (rest, _) = read_latest(&client, middle, 50).await;
    assert_eq!(rest, expected.iter().filter(|c| c.seq > middle).cloned().collect::<Vec<_>>());

    // A new change of an order: a read from the head serves exactly its new snapshot, and the
    // snapshot it superseded is no longer served from the start.
    let placed = expected
        .iter()
        .find_map(|c| match &c.entity {
            Entity::Order(o) if o.status == OrderStatus::Placed => Some(o.clone()),
            _ => None,
        })
        .expect("a placed order");
    let cancelled = sandbox.participant_cancels(&placed.id).await.expect("the participant cancels");
    let (news, new_end) = read_latest(&client, end, 10).await;
    assert_eq!(news.iter().map(|c| c.entity.clone()).collect::<Vec<_>>(), vec![Entity::Order(cancelled.clone())]);
    let (again, again_end) = read_latest(&client, 0, MAX_PAGE_SIZE).await;
    assert_eq!(again_end, new_end);
    assert_eq!(again.len(), expected.len(), "still one change per entity");
    let served: Vec<&portal_api::Order> = again
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Order(o) if o.id == placed.id => Some(o),
            _ => None,
        })
        .collect();
    assert_eq!(served, vec![&cancelled]);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_feed_holds_the_whole_demo_data() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (changes, _) = read_feed(&client, 0, 250).await;
    let now = Utc::now();

    let policies: Vec<_> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Policy(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0].acceptance_window.days, 10);
    assert_eq!(policies[0].acceptance_window.basis, PolicyBasis::Published);
    for term in [policies[0].delivery_term, policies[0].confirmation_window, policies[0].payment_term] {
        assert_eq!(term.basis, PolicyBasis::Default);
        assert!(term.days > 0);
    }

    let classifier: HashMap<String, portal_api::ClassifierItem> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Classifier(i) => Some((i.code.clone(), i.clone())),
            _ => None,
        })
        .collect();
    assert!(classifier.len() >= 40, "{} classifier items", classifier.len());
    let categories: HashSet<Category> = classifier.values().map(|i| i.category).collect();
    assert_eq!(categories.len(), Category::ALL.len(), "every category is covered");
    for item in classifier.values() {
        assert!(
            item.limit_price_tiyn > 0
                && !item.name.kk.is_empty()
                && !item.name.ru.is_empty()
                && !item.name.en.is_empty()
        );
    }
    assert!(classifier.values().any(|i| i.needs_fitting && i.category == Category::Hearing));
    assert!(classifier.values().any(|i| i.needs_fitting && i.category == Category::ProstheticOrthopaedic));

    let offerings: HashMap<String, portal_api::Offering> = changes
        .iter()
        .filter_map(|c| match &c.entity {
            Entity::Offering(o) => Some((o.id.clone(), o.clone())),
            _ => None,
        })
        .collect();
    assert!(offerings.len() >= 40, "{} offerings", offerings.len());
    for o in offerings.values() {
        let item = &classifier[&o.classifier_code];
        assert!(o.price_tiyn > 0 && o.price_tiyn <= item.limit_price_tiyn, "offering {} within the limit price", o.id);
        assert!(!o.regions.is_empty());
        assert!(o.regions.iter().all(|r| portal_sandbox::demo::region_codes().any(|c| c == r)));
    }
    assert!(offerings.values().filter(|o| o.published).count() > offerings.len() * 3 / 4);

    let orders = latest_orders(&changes);
    assert!(orders.len() >= 290, "{} orders", orders.len());
    let statuses: HashSet<OrderStatus> = orders.values().map(|o| o.status).collect();
    for s in OrderStatus::ALL {
        assert!(statuses.contains(&s), "some order is {s:?}");
    }
    let numbers: HashSet<&str> = orders.values().map(|o| o.number.as_str()).collect();
    assert_eq!(numbers.len(), orders.len(), "order numbers are unique");
    let participants: HashSet<&str> = orders.values().map(|o| o.participant.id.as_str()).collect();
    assert!(participants.len() > 150, "orders come from many participants");
    let placed: Vec<_> = orders.values().filter(|o| o.status == OrderStatus::Placed).collect();
    assert!(placed.len() >= 40);
    for o in &placed {
        assert!(o.accept_by > now && o.placed_at > now - TimeDelta::days(10), "{} is inside its window", o.number);
    }
    assert!(
        placed.iter().filter(|o| o.accept_by < now + TimeDelta::hours(48)).count() >= 10,
        "some are near the deadline"
    );
    for o in orders.values() {
        assert_eq!(o.accept_by - o.placed_at, TimeDelta::days(10), "{}", o.number);
        assert!(!o.lines.is_empty() && o.lines.len() <= 3, "{}", o.number);
        for l in &o.lines {
            assert!(offerings.contains_key(&l.offering_id), "{} orders a known offering", o.number);
            assert_eq!(offerings[&l.offering_id].classifier_code, l.classifier_code);
        }
        assert!(o.updated_at <= now && o.placed_at <= o.updated_at, "{}", o.number);
    }

    // The counts agree with the latest snapshots.
    let counts = client.order_counts().await.expect("counts");
    for c in &counts.by_status {
        assert_eq!(c.count as usize, orders.values().filter(|o| o.status == c.status).count(), "{:?}", c.status);
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn orders_only_move_forward_in_the_feed() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let (changes, _) = read_feed(&client, 0, MAX_PAGE_SIZE).await;
    let mut last: HashMap<String, OrderStatus> = HashMap::new();
    let mut moves = 0;
    for c in &changes {
        if let Entity::Order(o) = &c.entity {
            match last.insert(o.id.clone(), o.status) {
                None => assert_eq!(o.status, OrderStatus::Placed, "{} first appears as placed", o.number),
                Some(prev) => {
                    assert!(
                        portal_rules::lifecycle::transitions_from(prev).any(|t| t.apply(prev) == Ok(o.status)),
                        "{}: {prev:?} -> {:?} is a lifecycle move",
                        o.number,
                        o.status
                    );
                    moves += 1;
                }
            }
        }
    }
    assert!(moves > 300, "{moves} moves");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    let a_dir = tempfile::tempdir().expect("tempdir");
    let b_dir = tempfile::tempdir().expect("tempdir");
    let c_dir = tempfile::tempdir().expect("tempdir");
    let a = start_in(a_dir.path(), SEED, None).await;
    let b = start_in(b_dir.path(), SEED, None).await;
    let c = start_in(c_dir.path(), SEED + 1, None).await;
    let (a_changes, a_head) = read_feed(&signed_in(&a).await, 0, MAX_PAGE_SIZE).await;
    let (b_changes, b_head) = read_feed(&signed_in(&b).await, 0, MAX_PAGE_SIZE).await;
    let (c_changes, _) = read_feed(&signed_in(&c).await, 0, MAX_PAGE_SIZE).await;
    assert_eq!(a_head, b_head);

    let classifier = |changes: &[portal_api::Change]| -> Vec<portal_api::ClassifierItem> {
        changes
            .iter()
            .filter_map(|c| match &c.entity {
                Entity::Classifier(i) => Some(i.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(classifier(&a_changes), classifier(&b_changes));
    assert_eq!(classifier(&a_changes), classifier(&c_changes), "the classifier does not depend on the seed");

    let numbers = |changes: &[portal_api::Change]| -> Vec<(String, String, &'static str)> {
        let mut v: Vec<_> = latest_orders(changes).into_values().map(|o| (o.number, o.id, o.status.as_str())).collect();
        v.sort();
        v
    };
    assert_eq!(numbers(&a_changes), numbers(&b_changes));
    assert_ne!(numbers(&a_changes), numbers(&c_changes), "another seed gives other orders");
    for s in [a, b, c] {
        s.shutdown().await;
    }
}

#[tokio::test]
async fn a_restart_keeps_the_data_and_the_tokens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = start_in(dir.path(), SEED, None).await;
    let token = token(&first).await;
    let client = PortalClient::new(&first.url()).expect("client").with_token(&token);
    let (before, head) = read_feed(&client, 0, MAX_PAGE_SIZE).await;
    let counts = client.order_counts().await.expect("counts");
    first.shutdown().await;

    // Another seed on the same directory: nothing is regenerated, and the token still works.
    let second = start_in(dir.path(), SEED + 7, None).await;
    let client = PortalClient::new(&second.url()).expect("client").with_token(&token);
    let (after, head_after) = read_feed(&client, 0, MAX_PAGE_SIZE).await;
    assert_eq!(head_after, head, "the same head");
    assert_eq!(after, before, "the same changes");
    assert_eq!(client.order_counts().await.expect("counts"), counts);
    second.shutdown().await;
}

#[tokio::test]
async fn the_desktop_sync_engine_applies_the_whole_feed() {
    let (_dir, sandbox) = quiet_sandbox().await;
    let client = signed_in(&sandbox).await;
    let store_dir = tempfile::tempdir().expect("tempdir");
    let store = std::sync::Mutex::new(desk_core::Store::open(&store_dir.path().join("desk.sqlite")).expect("store"));
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let count_page = |_| {
        pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    };
    let applied = desk_core::sync::pull(&store, &client, 100, &count_page).await.expect("a full pull");
    let (all, head) = read_latest(&client, 0, MAX_PAGE_SIZE).await;
    let counts = client.order_counts().await.expect("counts");
    let summary = store.lock().expect("store").summary().expect("summary");
    assert_eq!(applied, all.len() as u64, "the latest snapshot of every entity was applied");
    assert!(pages.into_inner() >= 2, "a first sync reports progress page by page");
    assert_eq!(summary.cursor, head);
    assert_eq!(summary.orders, counts.total);
    assert_eq!(summary.open_orders, counts.open);
    assert!(summary.classifier_items >= 40);
    assert!(summary.offerings >= 40);
    sandbox.shutdown().await;
}

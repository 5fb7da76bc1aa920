//! A large supplier's data set for benchmarks of the desktop's first sync: by default
//! ([`LargeSize::BENCHMARK`]) 100,000 orders in every status, 10,000 offerings and several
//! hundred thousand changes in the feed, deterministic from a seed.
//!
//! It is made of the demo's parts: the same policy, classifier, supplier account, participants,
//! offerings and order plans (each order reaches its status by lifecycle transitions, every
//! move appended to the feed). What differs is the scale, a status mix of a supplier with a
//! long history (most orders paid), and the way it is written:
//!
//! * streamed: an order's plan is made from its own generator (seeded from the seed and the
//!   order's index), so only the placing times of all orders are kept (a first pass), and the
//!   orders are then replayed in time order with only the ones still moving in memory (a heap
//!   of their next moves);
//! * fast: one transaction, cached prepared statements, `synchronous=OFF`, the rollback
//!   journal in memory and foreign keys unchecked while generating (the normal settings are
//!   back when it returns); the order snapshots of the feed are built in memory instead of
//!   being read back from the tables.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, TimeDelta, Timelike, Utc};
use portal_api::{Entity, Order, OrderLine, OrderStatus, Participant};
use portal_rules::{Bin, Transition};
use rusqlite::{Connection, params};

use super::orders::{OrderPlan, PlanContext, Pools, plan_one};
use super::{META_SEED, PARTICIPANTS, POLICY, SUPPLIER_BIN_FIRST11, SUPPLIER_NAME, SUPPLIER_PASSWORD, SUPPLIER_REGION};
use super::{classifier, classifier_item, offering, people};
use crate::SandboxError;
use crate::clock::Clock;
use crate::db;
use crate::rng::Rng;
use crate::store::{StoreError, accounts, catalog, changes, orders as order_store, participants, policy};

/// How big a large data set is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeSize {
    /// How many orders (exactly).
    pub orders: usize,
    /// How many offerings (exactly; about 8 % of them unpublished, as in the demo).
    pub offerings: usize,
}

impl LargeSize {
    /// A large supplier, for the benchmarks: 100,000 orders and 10,000 offerings.
    pub const BENCHMARK: LargeSize = LargeSize { orders: 100_000, offerings: 10_000 };
    /// The same shape at a fiftieth of the orders, for tests: 2,000 orders, 200 offerings.
    pub const SMALL: LargeSize = LargeSize { orders: 2_000, offerings: 200 };

    /// How many participants order from the supplier: one per 20 orders, at least as many as
    /// in the demo.
    pub fn participants(&self) -> usize {
        (self.orders / 20).max(PARTICIPANTS)
    }
}

/// What [`generate_large`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LargeSummary {
    pub seed: u64,
    pub orders: usize,
    pub offerings: usize,
    pub participants: usize,
    /// Lifecycle moves of all orders (each one a change in the feed).
    pub order_moves: usize,
    /// How many changes the feed holds (policy, classifier, offerings, orders).
    pub changes: u64,
    /// The highest sequence number of the feed.
    pub feed_head: u64,
    /// How many orders end in each status, in lifecycle order.
    pub by_status: Vec<(OrderStatus, usize)>,
    /// The size of `portal.sqlite` once written.
    pub db_bytes: u64,
    /// How long generating took.
    pub took: Duration,
}

/// How many orders (per thousand) end in each status: a supplier with a long history, so most
/// are paid, a few hundred a month still open.
const LARGE_MIX: [(OrderStatus, usize); 14] = [
    (OrderStatus::Placed, 50),
    (OrderStatus::Accepted, 30),
    (OrderStatus::InWork, 30),
    (OrderStatus::Fitting, 15),
    (OrderStatus::Delivered, 25),
    (OrderStatus::Confirmed, 20),
    (OrderStatus::Paid, 660),
    (OrderStatus::DeclinedBySupplier, 30),
    (OrderStatus::CancelledByParticipant, 35),
    (OrderStatus::CancelledAutomatically, 25),
    (OrderStatus::Cancelled, 25),
    (OrderStatus::RefusedAtReceipt, 10),
    (OrderStatus::Returned, 20),
    (OrderStatus::Replaced, 25),
];

/// How long (at most, in days) an order in a final status has been sitting there: the history
/// goes back about a year and a half.
const FINAL_DWELL_DAYS: i64 = 540;

/// The statuses of `n` orders in the proportions of [`LARGE_MIX`] (at least one of each when
/// `n` allows), the rest paid.
fn targets(n: usize) -> Vec<OrderStatus> {
    let mut counts: Vec<(OrderStatus, usize)> = LARGE_MIX
        .iter()
        .map(|(s, per_mille)| (*s, (n * per_mille / 1000).max(usize::from(n >= LARGE_MIX.len()))))
        .collect();
    let mut total: usize = counts.iter().map(|(_, c)| c).sum();
    // Rounding: the paid orders take up the difference.
    for (s, c) in &mut counts {
        if *s == OrderStatus::Paid {
            if total < n {
                *c += n - total;
            } else {
                let cut = (total - n).min(*c);
                *c -= cut;
            }
            total = n;
        }
    }
    let mut out: Vec<OrderStatus> = counts.iter().flat_map(|(s, c)| std::iter::repeat_n(*s, *c)).collect();
    out.truncate(n);
    out
}

/// The generator of order `i`: its own stream, so its plan can be made again without the others.
fn order_rng(seed: u64, i: usize) -> Rng {
    let mut mix = Rng::new(seed ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    Rng::new(mix.next_u64())
}

/// An order being replayed: its plan, its snapshot now, and its next move.
struct InFlight {
    plan: OrderPlan,
    order: Order,
    accepted_at: Option<DateTime<Utc>>,
    next: usize,
}

/// Generates a large supplier's data set into `data_dir` (created if missing), whose
/// `portal.sqlite` is then served by [`crate::start`] like any other data directory (which
/// does not generate the demo data into it). Fails, changing nothing, when the directory
/// already holds portal data.
pub fn generate_large(data_dir: &Path, seed: u64, size: LargeSize) -> Result<LargeSummary, SandboxError> {
    let started = Instant::now();
    if size.orders == 0 || size.offerings == 0 {
        return Err(SandboxError::Invalid("a large data set needs orders and offerings".into()));
    }
    std::fs::create_dir_all(data_dir).map_err(|source| SandboxError::DataDir { path: data_dir.to_owned(), source })?;
    let path = data_dir.join(db::DB_FILE);
    let mut conn = db::open(&path)?;
    let holds: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1) OR EXISTS (SELECT 1 FROM changes)",
            [META_SEED],
            |r| r.get(0),
        )
        .map_err(StoreError::from)?;
    if holds {
        return Err(SandboxError::Invalid(format!("{} already holds portal data", path.display())));
    }
    let now = Clock::load(&conn)?.now();
    let now = now.with_nanosecond(0).unwrap_or(now);

    fast_settings(&conn, true)?;
    let generated = (|| -> Result<(usize, Vec<(OrderStatus, usize)>), StoreError> {
        let tx = conn.transaction()?;
        let out = generate(&tx, seed, size, now)?;
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![META_SEED, seed.to_string()])?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('generated_at', ?1)", [now.to_rfc3339()])?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('dataset', ?1)",
            [format!("large: {} orders, {} offerings", size.orders, size.offerings)],
        )?;
        tx.commit()?;
        Ok(out)
    })();
    // The normal settings come back whether or not generating worked.
    let restored = fast_settings(&conn, false);
    let (order_moves, by_status) = generated?;
    restored?;

    let changes: i64 = conn.query_row("SELECT COUNT(*) FROM changes", [], |r| r.get(0)).map_err(StoreError::from)?;
    let feed_head = changes::last_seq(&conn)?;
    drop(conn);
    let db_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(LargeSummary {
        seed,
        orders: size.orders,
        offerings: size.offerings,
        participants: size.participants(),
        order_moves,
        changes: u64::try_from(changes).unwrap_or(0),
        feed_head,
        by_status,
        db_bytes,
        took: started.elapsed(),
    })
}

/// Switches to the settings for one big write (`fast`), or back to the ones of
/// [`db::open`].
fn fast_settings(conn: &Connection, fast: bool) -> Result<(), StoreError> {
    if fast {
        conn.pragma_update(None, "journal_mode", "MEMORY")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "foreign_keys", false)?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.set_prepared_statement_cache_capacity(32);
    } else {
        conn.pragma_update(None, "cache_size", -2_000)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    Ok(())
}

fn generate(
    tx: &Connection,
    seed: u64,
    size: LargeSize,
    now: DateTime<Utc>,
) -> Result<(usize, Vec<(OrderStatus, usize)>), StoreError> {
    let mut rng = Rng::new(seed);
    // The catalogue was published before the oldest order.
    let catalogue_since = now - TimeDelta::days(FINAL_DWELL_DAYS + 240);

    policy::save(tx, &POLICY, catalogue_since)?;
    for spec in classifier::ITEMS {
        catalog::save_classifier_item(tx, &classifier_item(spec), catalogue_since)?;
    }

    let supplier_id = rng.uuid();
    let bin = Bin::complete(&SUPPLIER_BIN_FIRST11)
        .ok_or_else(|| StoreError::Corrupt("the demo BIN has no check digit".into()))?;
    accounts::create_supplier(tx, &supplier_id, bin.as_str(), SUPPLIER_NAME, SUPPLIER_REGION, SUPPLIER_PASSWORD)?;

    let people = people::participants(&mut rng, size.participants(), now.date_naive());
    for p in &people {
        participants::insert(tx, p)?;
    }

    // Every classifier item in turn, in several variants each, every other round an economy one.
    for i in 0..size.offerings {
        let spec = &classifier::ITEMS[i % classifier::ITEMS.len()];
        let round = i / classifier::ITEMS.len();
        let mut o = offering(&mut rng, spec, round % 2 == 1, now);
        o.updated_at = catalogue_since + TimeDelta::minutes(rng.range(60, 60 * 24 * 60));
        if round > 0 {
            o.description = format!("{} Вариант {}.", o.description, round + 1);
        }
        catalog::save_offering(tx, &supplier_id, &o)?;
    }

    let published = catalog::published_offerings(tx)?;
    let pools = Pools::new(&published);
    let people_ids: Vec<(String, String)> = people.iter().map(|p| (p.id.clone(), p.region.clone())).collect();
    let wire: HashMap<&str, Participant> = people
        .iter()
        .map(|p| {
            let w = Participant {
                id: p.id.clone(),
                full_name: p.full_name.clone(),
                region: p.region.clone(),
                phone: p.phone.clone(),
                address: p.address.clone(),
            };
            (p.id.as_str(), w)
        })
        .collect();
    let cx = PlanContext {
        now,
        terms: &POLICY,
        supplier_id: &supplier_id,
        participants: &people_ids,
        offerings: &pools,
        final_dwell_days: FINAL_DWELL_DAYS,
    };
    let mut statuses = targets(size.orders);
    rng.shuffle(&mut statuses);
    let plan_of = |i: usize| -> Result<OrderPlan, StoreError> {
        let target = statuses.get(i).copied().unwrap_or(OrderStatus::Paid);
        // Every third order, were it a placed one, is near its deadline.
        let mut placed_seen = i;
        plan_one(&mut order_rng(seed, i), &cx, target, &mut placed_seen)
            .ok_or_else(|| StoreError::Invalid("no participant or published offering to plan orders from".into()))
    };

    // First pass: when each order was placed (the only thing kept of every order).
    let mut placing: Vec<(DateTime<Utc>, u32)> = Vec::with_capacity(size.orders);
    for i in 0..size.orders {
        let idx = u32::try_from(i).map_err(|_| StoreError::Invalid("too many orders".into()))?;
        placing.push((plan_of(i)?.placed_at, idx));
    }
    placing.sort_unstable();

    // Second pass: orders placed in time order, their moves applied in time order in between.
    let mut writer = Writer { tx, supplier_id: &supplier_id, number: 0, moves: 0, by_status: HashMap::new() };
    let mut pending: BinaryHeap<Reverse<(DateTime<Utc>, u32, usize)>> = BinaryHeap::new();
    let mut flying: HashMap<u32, InFlight> = HashMap::new();
    for &(placed_at, idx) in &placing {
        writer.moves_before(&mut pending, &mut flying, Some((placed_at, idx)))?;
        let plan = plan_of(idx as usize)?;
        let participant = wire
            .get(plan.participant_id.as_str())
            .cloned()
            .ok_or_else(|| StoreError::Corrupt(format!("unknown participant {}", plan.participant_id)))?;
        let flight = writer.place(plan, participant)?;
        if let Some((_, at)) = flight.plan.moves.first() {
            pending.push(Reverse((*at, idx, 0)));
            flying.insert(idx, flight);
        } else {
            writer.finish(&flight)?;
        }
    }
    writer.moves_before(&mut pending, &mut flying, None)?;
    if !flying.is_empty() {
        return Err(StoreError::Corrupt(format!("{} orders were left half-moved", flying.len())));
    }
    tx.execute(
        "INSERT INTO counter (name, value) VALUES ('order_number', ?1)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [writer.number],
    )?;

    // The history's payments: the paying office's orders for what the history marked paid.
    crate::store::payments::settle_history(
        tx,
        now,
        |order| crate::rng::share(seed, order, "demo-partial") < 0.04,
        |payment| crate::rng::share(seed, payment, "demo-reversed") < 0.03,
    )?;
    let by_status = OrderStatus::ALL.iter().map(|s| (*s, writer.by_status.get(s).copied().unwrap_or(0))).collect();
    Ok((writer.moves, by_status))
}

/// Writes orders and their moves with cached statements, building the feed's snapshots in
/// memory (as `store::orders::load` would read them back).
struct Writer<'a> {
    tx: &'a Connection,
    supplier_id: &'a str,
    number: i64,
    moves: usize,
    by_status: HashMap<OrderStatus, usize>,
}

impl Writer<'_> {
    /// Applies every pending move before `until` (the placing of an order, as time and index),
    /// or all of them.
    fn moves_before(
        &mut self,
        pending: &mut BinaryHeap<Reverse<(DateTime<Utc>, u32, usize)>>,
        flying: &mut HashMap<u32, InFlight>,
        until: Option<(DateTime<Utc>, u32)>,
    ) -> Result<(), StoreError> {
        while let Some(Reverse((at, idx, step))) = pending.peek().copied() {
            if until.is_some_and(|(u_at, u_idx)| (at, idx) >= (u_at, u_idx)) {
                break;
            }
            pending.pop();
            let Some(flight) = flying.get_mut(&idx) else {
                return Err(StoreError::Corrupt(format!("a move of order #{idx} without its order")));
            };
            self.apply(flight, step)?;
            flight.next = step + 1;
            if let Some((_, next_at)) = flight.plan.moves.get(flight.next) {
                pending.push(Reverse((*next_at, idx, flight.next)));
            } else if let Some(done) = flying.remove(&idx) {
                self.finish(&done)?;
            }
        }
        Ok(())
    }

    fn place(&mut self, plan: OrderPlan, participant: Participant) -> Result<InFlight, StoreError> {
        self.number += 1;
        let order = Order {
            id: plan.id.clone(),
            number: format!("SO-{}-{:06}", plan.placed_at.year(), self.number),
            status: OrderStatus::Placed,
            participant,
            lines: plan
                .lines
                .iter()
                .map(|l| OrderLine {
                    classifier_code: l.classifier_code.clone(),
                    offering_id: l.offering_id.clone(),
                    quantity: l.quantity,
                    unit_price_tiyn: l.unit_price_tiyn,
                })
                .collect(),
            placed_at: plan.placed_at,
            accept_by: plan.placed_at + days(POLICY.acceptance_window.days),
            deliver_by: None,
            updated_at: plan.placed_at,
            fitting_sessions: Vec::new(),
            fittings: Vec::new(),
            warranty_services: Vec::new(),
            assignee: None,
            refusal_reason: None,
            confirmed_at: None,
        };
        self.feed(&order)?;
        Ok(InFlight { plan, order, accepted_at: None, next: 0 })
    }

    fn apply(&mut self, flight: &mut InFlight, step: usize) -> Result<(), StoreError> {
        let Some(&(t, at)) = flight.plan.moves.get(step) else {
            return Err(StoreError::Corrupt(format!("order {} has no move {step}", flight.order.id)));
        };
        let from = flight.order.status;
        let to = t.apply(from)?;
        flight.order.status = to;
        flight.order.updated_at = at;
        if t == Transition::Confirm {
            flight.order.confirmed_at = Some(at);
        }
        if t == Transition::Accept {
            flight.accepted_at = Some(at);
            flight.order.deliver_by = Some(at + days(POLICY.delivery_term.days));
        }
        self.tx
            .prepare_cached(
                "INSERT INTO order_history (order_id, transition, from_status, to_status, at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![flight.order.id, order_store::transition_name(t)?, from.as_str(), to.as_str(), at])?;
        self.moves += 1;
        self.feed(&flight.order)
    }

    fn feed(&self, order: &Order) -> Result<(), StoreError> {
        // The snapshot is serialised as `Entity::Order`; building one costs a clone.
        changes::append(self.tx, Some(self.supplier_id), &Entity::Order(order.clone()), order.updated_at)?;
        Ok(())
    }

    /// Writes the order's row and lines as they are after its last move.
    fn finish(&mut self, flight: &InFlight) -> Result<(), StoreError> {
        let o = &flight.order;
        self.tx
            .prepare_cached(
                "INSERT INTO orders (id, number, supplier_id, participant_id, status, placed_at, accept_by,
                     accepted_at, deliver_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                o.id,
                o.number,
                self.supplier_id,
                o.participant.id,
                o.status.as_str(),
                o.placed_at,
                o.accept_by,
                flight.accepted_at,
                o.deliver_by,
                o.updated_at
            ])?;
        let mut line = self.tx.prepare_cached(
            "INSERT INTO order_line (order_id, line_no, classifier_code, offering_id, quantity, unit_price_tiyn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (line_no, l) in (1i64..).zip(&o.lines) {
            line.execute(params![o.id, line_no, l.classifier_code, l.offering_id, l.quantity, l.unit_price_tiyn])?;
        }
        *self.by_status.entry(o.status).or_default() += 1;
        Ok(())
    }
}

fn days(n: u32) -> TimeDelta {
    TimeDelta::days(i64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_adds_up_and_holds_every_status() {
        for n in [14, 100, 2_000, 100_000, 100_007] {
            let t = targets(n);
            assert_eq!(t.len(), n);
            for s in OrderStatus::ALL {
                assert!(t.contains(&s), "{s:?} in {n}");
            }
        }
        assert_eq!(targets(3).len(), 3);
    }

    #[test]
    fn the_feed_holds_each_order_as_the_store_reads_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let size = LargeSize { orders: 300, offerings: 60 };
        let summary = generate_large(dir.path(), 3, size).expect("generated");
        assert_eq!((summary.orders, summary.offerings, summary.participants), (300, 60, PARTICIPANTS));
        let conn = db::open(&dir.path().join(db::DB_FILE)).expect("open");
        let mut stmt = conn
            .prepare(
                "SELECT entity_id, snapshot FROM changes c WHERE entity_kind = 'order'
                 AND seq = (SELECT MAX(seq) FROM changes d WHERE d.entity_kind = 'order' AND d.entity_id = c.entity_id)",
            )
            .expect("prepare");
        let latest: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").map(|r| r.expect("row")).collect();
        assert_eq!(latest.len(), 300);
        for (id, snapshot) in latest {
            let fed: Entity = serde_json::from_str(&snapshot).expect("a snapshot");
            let stored = order_store::load(&conn, &id).expect("the order");
            assert_eq!(fed, Entity::Order(stored.clone()));
            let head = order_store::head(&conn, &id).expect("head").expect("an order");
            assert_eq!(head.moved_at, stored.updated_at, "{}", stored.number);
        }
        let numbers: i64 =
            conn.query_row("SELECT value FROM counter WHERE name = 'order_number'", [], |r| r.get(0)).expect("counter");
        assert_eq!(numbers, 300, "the next order placed gets the next number");
        let last: String = conn
            .query_row("SELECT number FROM orders ORDER BY placed_at DESC LIMIT 1", [], |r| r.get(0))
            .expect("last");
        assert!(last.ends_with("-000300"), "numbers follow placing times: {last}");
    }

    #[test]
    fn orders_have_their_own_streams() {
        assert_eq!(order_rng(1, 5).next_u64(), order_rng(1, 5).next_u64());
        assert_ne!(order_rng(1, 5).next_u64(), order_rng(1, 6).next_u64());
        assert_ne!(order_rng(1, 5).next_u64(), order_rng(2, 5).next_u64());
    }
}

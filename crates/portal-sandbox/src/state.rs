//! The whole state of the sandbox as one value (`GET /admin/state`, `RunningSandbox::state`):
//! every order with its history, deliveries and fittings, every offering, the classifier's limit
//! prices, the payments, and the ledger of pushed mutations. Convergence tests compare a desk's local store
//! with it, and check that every mutation's effect was applied exactly once.

use chrono::{DateTime, Utc};
use portal_api::{MutationBody, MutationOutcome, Offering, OrderStatus, Payment};
use portal_rules::Transition;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

// The records of what desks did are the store's; the state shows them as stored.
pub use crate::store::records::{DeliveryRecord, FittingRecord, FittingSessionRecord, ReplacementRecord, ReturnRecord};
use crate::store::{StoreError, changes, deliveries, fitting_sessions, fittings, ledger, payments, refusals};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxState {
    /// The sandbox's clock when the state was read.
    pub now: DateTime<Utc>,
    /// How far the sandbox's clock is ahead of real time.
    pub clock_offset_seconds: i64,
    /// The highest sequence number of the change feed (over every supplier).
    pub feed_head: u64,
    pub classifier: Vec<ClassifierLimit>,
    /// Every order, by placing time.
    pub orders: Vec<OrderState>,
    /// Every offering, by id.
    pub offerings: Vec<OfferingState>,
    /// Every pushed mutation the portal recorded (applied or rejected), in the order recorded.
    pub mutations: Vec<MutationRecord>,
    /// Every payment and reversal, in the order recorded.
    #[serde(default)]
    pub payments: Vec<Payment>,
}

impl SandboxState {
    pub fn order(&self, id: &str) -> Option<&OrderState> {
        self.orders.iter().find(|o| o.id == id)
    }

    pub fn offering(&self, id: &str) -> Option<&OfferingState> {
        self.offerings.iter().find(|o| o.offering.id == id)
    }

    pub fn mutation(&self, id: &str) -> Option<&MutationRecord> {
        self.mutations.iter().find(|m| m.id == id)
    }

    pub fn classifier_item(&self, code: &str) -> Option<&ClassifierLimit> {
        self.classifier.iter().find(|c| c.code == code)
    }
}

/// What of a classifier item matters to the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassifierLimit {
    pub code: String,
    pub limit_price_tiyn: i64,
    pub needs_fitting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderState {
    pub id: String,
    pub number: String,
    pub supplier_id: String,
    pub participant_id: String,
    pub status: OrderStatus,
    pub placed_at: DateTime<Utc>,
    pub accept_by: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub deliver_by: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub lines: Vec<OrderLineState>,
    /// Every status move, in the order it happened.
    pub history: Vec<StatusMove>,
    pub deliveries: Vec<DeliveryRecord>,
    pub fittings: Vec<FittingRecord>,
    /// The workshop's sessions before the item was fitted.
    #[serde(default)]
    pub fitting_sessions: Vec<FittingSessionRecord>,
    /// Refused items the supplier took back.
    #[serde(default)]
    pub returns: Vec<ReturnRecord>,
    /// Items the supplier handed over in place of refused ones.
    #[serde(default)]
    pub replacements: Vec<ReplacementRecord>,
    /// Who of the supplier's staff handles the order, as a desk last named them.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Why the participant refused the item at receipt, when they said.
    #[serde(default)]
    pub refusal_reason: Option<String>,
}

impl OrderState {
    /// Whether some line of the order must be fitted in a workshop.
    pub fn needs_fitting(&self) -> bool {
        self.lines.iter().any(|l| l.needs_fitting)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineState {
    pub classifier_code: String,
    pub offering_id: String,
    pub quantity: u32,
    pub unit_price_tiyn: i64,
    pub needs_fitting: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMove {
    pub transition: Transition,
    pub from: OrderStatus,
    pub to: OrderStatus,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferingState {
    pub supplier_id: String,
    #[serde(flatten)]
    pub offering: Offering,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutationRecord {
    pub id: String,
    pub device_id: String,
    pub device_seq: u64,
    /// The device's clock when the user acted (evidence only).
    pub created_at: DateTime<Utc>,
    pub body: MutationBody,
    /// The result it got, which every replay gets too.
    pub outcome: MutationOutcome,
    /// The sandbox's clock when it was first received.
    pub applied_at: DateTime<Utc>,
    /// How many times its effect was applied: 1 when applied, 0 when rejected. Anything else
    /// is a double apply.
    pub applications: u32,
    /// How many change-feed entries its application appended.
    pub feed_entries: u64,
}

/// Reads the whole state, in one read transaction.
pub(crate) fn read(conn: &mut Connection, now: DateTime<Utc>, offset_seconds: i64) -> Result<SandboxState, StoreError> {
    let tx = conn.transaction()?;
    let state = SandboxState {
        now,
        clock_offset_seconds: offset_seconds,
        feed_head: changes::last_seq(&tx)?,
        classifier: classifier(&tx)?,
        orders: orders(&tx)?,
        offerings: offerings(&tx)?,
        mutations: mutations(&tx)?,
        payments: payments::all(&tx)?,
    };
    tx.commit()?;
    Ok(state)
}

fn classifier(conn: &Connection) -> Result<Vec<ClassifierLimit>, StoreError> {
    let mut stmt = conn.prepare("SELECT code, limit_price_tiyn, needs_fitting FROM classifier_item ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(ClassifierLimit { code: r.get(0)?, limit_price_tiyn: r.get(1)?, needs_fitting: r.get(2)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn parse_status(s: &str) -> Result<OrderStatus, StoreError> {
    OrderStatus::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown order status {s:?}")))
}

fn parse_transition(s: &str) -> Result<Transition, StoreError> {
    Ok(serde_json::from_value(serde_json::Value::String(s.to_owned()))?)
}

fn orders(conn: &Connection) -> Result<Vec<OrderState>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, number, supplier_id, participant_id, status, placed_at, accept_by, accepted_at, deliver_by,
                updated_at, assignee, refusal_reason
         FROM orders ORDER BY placed_at, id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let status: String = r.get(4)?;
        out.push(OrderState {
            number: r.get(1)?,
            supplier_id: r.get(2)?,
            participant_id: r.get(3)?,
            status: parse_status(&status)?,
            placed_at: r.get(5)?,
            accept_by: r.get(6)?,
            accepted_at: r.get(7)?,
            deliver_by: r.get(8)?,
            updated_at: r.get(9)?,
            lines: lines(conn, &id)?,
            history: history(conn, &id)?,
            deliveries: deliveries::of_order(conn, &id)?,
            fittings: fittings::of_order(conn, &id)?,
            fitting_sessions: fitting_sessions::of_order(conn, &id)?,
            returns: refusals::returns_of_order(conn, &id)?,
            replacements: refusals::replacements_of_order(conn, &id)?,
            assignee: r.get(10)?,
            refusal_reason: r.get(11)?,
            id,
        });
    }
    Ok(out)
}

fn lines(conn: &Connection, order_id: &str) -> Result<Vec<OrderLineState>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.classifier_code, l.offering_id, l.quantity, l.unit_price_tiyn, c.needs_fitting
         FROM order_line l JOIN classifier_item c ON c.code = l.classifier_code
         WHERE l.order_id = ?1 ORDER BY l.line_no",
    )?;
    let rows = stmt.query_map([order_id], |r| {
        Ok(OrderLineState {
            classifier_code: r.get(0)?,
            offering_id: r.get(1)?,
            quantity: r.get(2)?,
            unit_price_tiyn: r.get(3)?,
            needs_fitting: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn history(conn: &Connection, order_id: &str) -> Result<Vec<StatusMove>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT transition, from_status, to_status, at FROM order_history WHERE order_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([order_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (t, from, to): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        out.push(StatusMove {
            transition: parse_transition(&t)?,
            from: parse_status(&from)?,
            to: parse_status(&to)?,
            at: r.get(3)?,
        });
    }
    Ok(out)
}

fn offerings(conn: &Connection) -> Result<Vec<OfferingState>, StoreError> {
    let mut stmt = conn.prepare("SELECT id FROM offering ORDER BY id")?;
    let ids: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let (supplier_id, offering) = crate::store::catalog::load_offering(conn, &id)?
            .ok_or_else(|| StoreError::Corrupt(format!("offering {id} vanished while being read")))?;
        out.push(OfferingState { supplier_id, offering });
    }
    Ok(out)
}

fn mutations(conn: &Connection) -> Result<Vec<MutationRecord>, StoreError> {
    ledger::all_with_feed_counts(conn)?
        .into_iter()
        .map(|(r, feed_entries)| {
            Ok(MutationRecord {
                body: serde_json::from_str(&r.body)?,
                id: r.id,
                device_id: r.device_id,
                device_seq: r.device_seq,
                created_at: r.created_at,
                outcome: r.outcome,
                applied_at: r.applied_at,
                applications: r.applications,
                feed_entries,
            })
        })
        .collect()
}

//! User actions. Each is one SQLite transaction that writes the domain rows, the outbox entry the
//! portal must receive, and the audit-log entry together: all three or none.

use chrono::Utc;
use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::lifecycle::Transition;
use crate::model::Delivery;
use crate::store::{Store, StoreError, parse_status};

/// Who did something, as written into the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

/// The outbox kinds the portal understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MutationKind {
    AcceptOrder,
    DeclineOrder,
    RecordDelivery,
}

impl MutationKind {
    fn as_str(self) -> &'static str {
        match self {
            MutationKind::AcceptOrder => "accept_order",
            MutationKind::DeclineOrder => "decline_order",
            MutationKind::RecordDelivery => "record_delivery",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ActionError {
    fn from(e: rusqlite::Error) -> Self {
        ActionError::Store(StoreError::Sqlite(e))
    }
}

impl Store {
    /// The supplier accepts a placed order.
    pub fn accept_order(&mut self, actor: &Actor, order_id: &str) -> Result<(), ActionError> {
        let payload = serde_json::json!({ "order_id": order_id });
        self.act(actor, MutationKind::AcceptOrder, order_id, &payload, |tx| {
            move_order(tx, order_id, Transition::Accept)
        })
    }

    /// The supplier declines a placed order; the reason goes to the portal and the audit log.
    pub fn decline_order(&mut self, actor: &Actor, order_id: &str, reason: &str) -> Result<(), ActionError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ActionError::Invalid { field: "reason", message: "a reason for declining is required".into() });
        }
        let payload = serde_json::json!({ "order_id": order_id, "reason": reason });
        self.act(actor, MutationKind::DeclineOrder, order_id, &payload, |tx| {
            move_order(tx, order_id, Transition::Decline)
        })
    }

    /// Records that an order's items were handed over.
    pub fn record_delivery(&mut self, actor: &Actor, delivery: &Delivery) -> Result<(), ActionError> {
        if delivery.place.trim().is_empty() {
            return Err(ActionError::Invalid { field: "place", message: "where the items were handed over is required".into() });
        }
        let id = uuid::Uuid::now_v7().to_string();
        let payload = serde_json::json!({ "delivery_id": id, "delivery": delivery });
        self.act(actor, MutationKind::RecordDelivery, &delivery.order_id, &payload, |tx| {
            move_order(tx, &delivery.order_id, Transition::Deliver)?;
            tx.execute(
                "INSERT INTO deliveries (id, order_id, delivered_on, place, serial_numbers, notes, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    delivery.order_id,
                    delivery.delivered_on,
                    delivery.place,
                    serde_json::to_string(&delivery.serial_numbers).map_err(StoreError::Json)?,
                    delivery.notes,
                    Utc::now()
                ],
            )?;
            Ok(())
        })
    }

    /// Runs `domain` and writes the outbox and audit entries in one transaction.
    fn act(
        &mut self,
        actor: &Actor,
        kind: MutationKind,
        entity_id: &str,
        payload: &serde_json::Value,
        domain: impl FnOnce(&Transaction<'_>) -> Result<(), ActionError>,
    ) -> Result<(), ActionError> {
        let tx = self.transaction()?;
        domain(&tx)?;
        let (device_id, device_seq): (String, i64) = tx.query_row(
            "UPDATE sync_state SET next_device_seq = next_device_seq + 1 WHERE id = 1
             RETURNING device_id, next_device_seq - 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let now = Utc::now();
        let payload = serde_json::to_string(payload).map_err(StoreError::Json)?;
        tx.execute(
            "INSERT INTO outbox (mutation_id, device_id, device_seq, kind, entity_id, payload, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![uuid::Uuid::now_v7().to_string(), device_id, device_seq, kind.as_str(), entity_id, payload, now],
        )?;
        tx.execute(
            "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, 'order', ?4, ?5)",
            params![now, actor.0, kind.as_str(), entity_id, payload],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Moves an order's local status along the lifecycle, refusing moves it does not allow.
fn move_order(tx: &Transaction<'_>, order_id: &str, t: Transition) -> Result<(), ActionError> {
    let status: String = tx
        .query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| r.get(0))
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                ActionError::Store(StoreError::NotFound { entity: "order", id: order_id.to_owned() })
            }
            e => e.into(),
        })?;
    let to = t.apply(parse_status(&status)?).map_err(StoreError::Transition)?;
    tx.execute(
        "UPDATE orders SET status = ?2, is_open = ?3 WHERE id = ?1",
        params![order_id, to.as_str(), to.is_open()],
    )?;
    Ok(())
}

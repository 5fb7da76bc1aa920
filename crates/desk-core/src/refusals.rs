//! What the supplier does after the participant refused an item at receipt: take it back (the
//! order ends as returned) or hand over another one (the order waits for the participant's
//! confirmation again). Both are user actions like the others: local rows, outbox and audit in
//! one transaction, and only from `refused_at_receipt`, which the portal reports.

use chrono::{NaiveDate, Utc};
use portal_api::MutationBody;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::actions::{ActionError, Actor, invalid, move_order, order_path, order_status};
use crate::store::{Store, StoreError};
use crate::views::{ReplacementInput, ReturnInput};

/// The longest reason for a return the desk accepts; it travels to the portal and into acts.
pub const MAX_REASON_CHARS: usize = 500;

/// A refused item taken back, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReturn {
    pub order_id: String,
    pub returned_on: NaiveDate,
    pub reason: String,
    pub notes: String,
}

/// Another item handed over in place of a refused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub order_id: String,
    pub replaced_on: NaiveDate,
    pub serial_numbers: Vec<String>,
    pub notes: String,
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, ActionError> {
    crate::model::parse_date(text).map_err(|message| invalid(field, message))
}

impl TryFrom<ReturnInput> for ItemReturn {
    type Error = ActionError;
    fn try_from(input: ReturnInput) -> Result<ItemReturn, ActionError> {
        Ok(ItemReturn {
            returned_on: date("returned_on", &input.returned_on)?,
            order_id: input.order_id,
            reason: input.reason.trim().to_owned(),
            notes: input.notes.trim().to_owned(),
        })
    }
}

impl TryFrom<ReplacementInput> for Replacement {
    type Error = ActionError;
    fn try_from(input: ReplacementInput) -> Result<Replacement, ActionError> {
        Ok(Replacement {
            replaced_on: date("replaced_on", &input.replaced_on)?,
            order_id: input.order_id,
            serial_numbers: input
                .serial_numbers
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            notes: input.notes.trim().to_owned(),
        })
    }
}

impl Store {
    /// Records that a refused item was taken back; the order becomes returned.
    pub fn record_return(&mut self, actor: &Actor, r: &ItemReturn) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordReturn {
                order_id: r.order_id.clone(),
                return_id: uuid::Uuid::now_v7().to_string(),
                returned_on: r.returned_on,
                reason: r.reason.trim().to_owned(),
                notes: r.notes.clone(),
            },
        )
    }

    /// Records that another item was handed over in place of a refused one; the order becomes
    /// replaced and waits for the participant's confirmation.
    pub fn record_replacement(&mut self, actor: &Actor, r: &Replacement) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordReplacement {
                order_id: r.order_id.clone(),
                replacement_id: uuid::Uuid::now_v7().to_string(),
                replaced_on: r.replaced_on,
                serial_numbers: r.serial_numbers.clone(),
                notes: r.notes.clone(),
            },
        )
    }
}

/// The local half of a return or a replacement (called from `actions::apply_locally`).
pub(crate) fn apply_locally(tx: &Transaction<'_>, body: &MutationBody) -> Result<(), ActionError> {
    match body {
        MutationBody::RecordReturn { order_id, return_id, returned_on, reason, notes } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(invalid("reason", "say why the item is taken back"));
            }
            if reason.chars().count() > MAX_REASON_CHARS {
                return Err(invalid("reason", format!("the reason is longer than {MAX_REASON_CHARS} characters")));
            }
            not_before_delivery(tx, order_id, *returned_on, "returned_on")?;
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))?;
            tx.execute(
                "INSERT INTO order_returns (id, order_id, returned_on, reason, notes, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![return_id, order_id, returned_on, reason, notes, Utc::now()],
            )?;
            Ok(())
        }
        MutationBody::RecordReplacement { order_id, replacement_id, replaced_on, serial_numbers, notes } => {
            not_before_delivery(tx, order_id, *replaced_on, "replaced_on")?;
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))?;
            tx.execute(
                "INSERT INTO replacements (id, order_id, replaced_on, serial_numbers, notes, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    replacement_id,
                    order_id,
                    replaced_on,
                    serde_json::to_string(serial_numbers).map_err(StoreError::Json)?,
                    notes,
                    Utc::now()
                ],
            )?;
            Ok(())
        }
        _ => Err(invalid("mutation", "not a return or a replacement")),
    }
}

/// A return or replacement cannot happen before the delivery this desk recorded for the order.
fn not_before_delivery(
    tx: &Transaction<'_>,
    order_id: &str,
    on: NaiveDate,
    field: &'static str,
) -> Result<(), ActionError> {
    let delivered: Option<NaiveDate> = tx
        .query_row("SELECT max(delivered_on) FROM deliveries WHERE order_id = ?1", [order_id], |r| r.get(0))
        .optional()?
        .flatten();
    match delivered {
        Some(d) if on < d => Err(invalid(field, format!("the date is before the delivery on {d}"))),
        _ => Ok(()),
    }
}

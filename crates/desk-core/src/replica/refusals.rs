//! The local half of a return or a replacement. The portal checks the same again.

use chrono::{NaiveDate, Utc};
use portal_api::MutationBody;
use rusqlite::{OptionalExtension, Transaction, params};

use super::orders::{move_order, order_path, order_status};
use crate::kernel::Problem;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::StoreError;

/// The longest reason for a return the desk accepts; it travels to the portal and into acts.
pub const MAX_REASON_CHARS: usize = 500;

/// The local half of a return or a replacement (called from `apply_locally`).
pub(crate) fn apply_locally(tx: &Transaction<'_>, body: &MutationBody) -> Result<(), ActionError> {
    match body {
        MutationBody::RecordReturn { order_id, return_id, returned_on, reason, notes } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(invalid(
                    "reason",
                    Problem::new("return_reason_required", "say why the item is taken back"),
                ));
            }
            if reason.chars().count() > MAX_REASON_CHARS {
                return Err(invalid(
                    "reason",
                    Problem::new("reason_too_long", format!("the reason is longer than {MAX_REASON_CHARS} characters"))
                        .with("max", MAX_REASON_CHARS),
                ));
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
        Some(d) if on < d => Err(invalid(
            field,
            Problem::new("date_before_delivery", format!("the date is before the delivery on {d}")).with("date", d),
        )),
        _ => Ok(()),
    }
}

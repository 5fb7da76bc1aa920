//! The outbox: the mutations this desk has made, in order, for the portal; each written with its
//! audit-log entry in the transaction of the action that made it.

use chrono::Utc;
use portal_api::MutationBody;
use rusqlite::{Transaction, params};

use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, Problem, invalid};
use crate::kernel::store::StoreError;

/// The wire name of a mutation's kind, as stored in the outbox and the audit log.
pub(crate) fn kind_of(body: &MutationBody) -> &'static str {
    match body {
        MutationBody::AcceptOrder { .. } => "accept_order",
        MutationBody::DeclineOrder { .. } => "decline_order",
        MutationBody::RecordDelivery { .. } => "record_delivery",
        MutationBody::RecordFitting { .. } => "record_fitting",
        MutationBody::CreateOffering { .. } => "create_offering",
        MutationBody::UpdateOffering { .. } => "update_offering",
        MutationBody::ChangeStock { .. } => "change_stock",
        MutationBody::RecordFittingSession { .. } => "record_fitting_session",
        MutationBody::RecordReturn { .. } => "record_return",
        MutationBody::RecordReplacement { .. } => "record_replacement",
        MutationBody::AssignOrder { .. } => "assign_order",
        MutationBody::RecordWarrantyService { .. } => "record_warranty_service",
    }
}

/// The entity a mutation changes: (table name in the audit log, id).
pub(crate) fn entity_of(body: &MutationBody) -> (&'static str, &str) {
    body.entity()
}

/// Whether `actor` may make `body`, and whether its values fit the portal's sizes: checked before
/// anything is written, so that a value too long is said next to its field instead of coming
/// back as a conflict.
pub(crate) fn permit(actor: &Actor, body: &MutationBody) -> Result<(), ActionError> {
    actor.require(crate::kernel::access::Command::of_mutation(body))?;
    if let Some((field, problem)) = body.size_problem() {
        return Err(invalid(field, Problem::new("value_too_long", format!("the value {problem}"))));
    }
    Ok(())
}

/// Queues `body` for the portal under this device's next sequence number, with its audit-log
/// entry. Returns the mutation id.
pub(crate) fn record(tx: &Transaction<'_>, actor: &Actor, body: &MutationBody) -> Result<String, ActionError> {
    let (device_id, device_seq): (String, i64) = tx.query_row(
        "UPDATE sync_state SET next_device_seq = next_device_seq + 1 WHERE id = 1
         RETURNING device_id, next_device_seq - 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let now = Utc::now();
    let kind = kind_of(body);
    let (entity, entity_id) = entity_of(body);
    let payload = serde_json::to_string(body).map_err(StoreError::Json)?;
    let mutation_id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO outbox (mutation_id, device_id, device_seq, kind, entity_id, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![mutation_id, device_id, device_seq, kind, entity_id, payload, now],
    )?;
    audit(tx, actor.username(), kind, entity, entity_id, &payload)?;
    Ok(mutation_id)
}

/// Appends an entry to the audit log.
pub(crate) fn audit(
    tx: &Transaction<'_>,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: &str,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![Utc::now(), actor, action, entity, entity_id, detail])?;
    Ok(())
}

//! Conflicts: mutations the portal refused. They never block the queue and are never dropped
//! silently: a person retries one (with changes, when the portal's reason calls for them) or
//! discards it with a reason that the audit log keeps.

use chrono::Utc;
use portal_api::MutationBody;
use rusqlite::{OptionalExtension, params};

use super::views::ConflictRow;
use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::outbox::entity_of;
use crate::kernel::store::{Store, StoreError};
use crate::replica::act_in;

impl Store {
    /// Refused mutations nobody has resolved, oldest first.
    pub fn conflicts(&self) -> Result<Vec<ConflictRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT o.mutation_id, o.kind, o.entity_id, o.reject_reason, o.reject_message, o.created_at,
                    o.rejected_at, o.payload, (SELECT number FROM orders WHERE id = o.entity_id)
             FROM outbox o WHERE o.state = 'rejected' AND o.resolved_at IS NULL ORDER BY o.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                ConflictRow {
                    mutation_id: r.get(0)?,
                    kind: r.get(1)?,
                    entity: String::new(),
                    entity_id: r.get(2)?,
                    reason: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    message: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    created_at: r.get(5)?,
                    rejected_at: r.get(6)?,
                    order_number: r.get(8)?,
                },
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, payload) = row?;
            let body: MutationBody = serde_json::from_str(&payload)?;
            row.entity = entity_of(&body).0.to_owned();
            out.push(row);
        }
        Ok(out)
    }

    /// The refused mutation as it was sent, for a person to edit before retrying it.
    pub fn conflict_mutation(&self, mutation_id: &str) -> Result<MutationBody, ActionError> {
        open_conflict(self.connection(), mutation_id)
    }

    /// Queues a refused offering change again with a corrected price.
    pub fn retry_conflict_with_price(
        &mut self,
        actor: &Actor,
        mutation_id: &str,
        price: crate::kernel::money::Money,
    ) -> Result<String, ActionError> {
        let edited = with_new_price(self.conflict_mutation(mutation_id)?, price)?;
        self.retry_conflict(actor, mutation_id, Some(edited))
    }

    /// Gives up a refused mutation; the reason is kept in the audit log.
    pub fn discard_conflict(&mut self, actor: &Actor, mutation_id: &str, reason: &str) -> Result<(), ActionError> {
        actor.require(crate::kernel::access::Command::ConflictResolve)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ActionError::Invalid {
                field: "reason",
                message: crate::kernel::Problem::new("discard_reason_required", "say why the change is discarded"),
            });
        }
        let tx = self.transaction()?;
        let body = open_conflict(&tx, mutation_id)?;
        resolve(&tx, mutation_id, "discarded", reason)?;
        let (entity, entity_id) = entity_of(&body);
        let detail = serde_json::json!({ "mutation_id": mutation_id, "reason": reason, "mutation": body });
        crate::kernel::outbox::audit(
            &tx,
            actor.username(),
            "conflict_discarded",
            entity,
            entity_id,
            &detail.to_string(),
        )?;
        tx.commit().map_err(StoreError::from)?;
        Ok(())
    }

    /// Queues a refused mutation again, as it was or as `edited` (same kind and entity), through
    /// the same checks as a new action. Returns the new mutation's id.
    pub fn retry_conflict(
        &mut self,
        actor: &Actor,
        mutation_id: &str,
        edited: Option<MutationBody>,
    ) -> Result<String, ActionError> {
        actor.require(crate::kernel::access::Command::ConflictResolve)?;
        let tx = self.transaction()?;
        let original = open_conflict(&tx, mutation_id)?;
        let body = edited.unwrap_or_else(|| original.clone());
        if std::mem::discriminant(&body) != std::mem::discriminant(&original)
            || entity_of(&body) != entity_of(&original)
        {
            return Err(ActionError::Invalid {
                field: "mutation",
                message: "a retry must change the same thing".into(),
            });
        }
        resolve(&tx, mutation_id, "retried", "")?;
        let new_id = act_in(&tx, actor, body)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(new_id)
    }
}

/// A refused offering change with a new price, for "retry with changes" after the portal said
/// the price was above its limit.
pub fn with_new_price(mut body: MutationBody, price: crate::kernel::money::Money) -> Result<MutationBody, ActionError> {
    match &mut body {
        MutationBody::CreateOffering { price_tiyn, .. } => *price_tiyn = price.tiyn(),
        MutationBody::UpdateOffering { price_tiyn, .. } => *price_tiyn = Some(price.tiyn()),
        _ => {
            return Err(ActionError::Invalid { field: "price", message: "this change has no price to correct".into() });
        }
    }
    Ok(body)
}

fn open_conflict(tx: &rusqlite::Connection, mutation_id: &str) -> Result<MutationBody, ActionError> {
    let payload: Option<String> = tx
        .query_row(
            "SELECT payload FROM outbox WHERE mutation_id = ?1 AND state = 'rejected' AND resolved_at IS NULL",
            [mutation_id],
            |r| r.get(0),
        )
        .optional()?;
    let payload =
        payload.ok_or_else(|| StoreError::NotFound { entity: "open conflict", id: mutation_id.to_owned() })?;
    Ok(serde_json::from_str(&payload).map_err(StoreError::Json)?)
}

fn resolve(tx: &rusqlite::Transaction<'_>, mutation_id: &str, resolution: &str, note: &str) -> Result<(), ActionError> {
    tx.execute(
        "UPDATE outbox SET resolution = ?2, resolution_note = ?3, resolved_at = ?4 WHERE mutation_id = ?1",
        params![mutation_id, resolution, note, Utc::now()],
    )?;
    Ok(())
}

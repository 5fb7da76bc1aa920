use std::collections::HashMap;

use chrono::{DateTime, Utc};
use portal_api::{
    MAX_BATCH, Mutation, MutationBatch, MutationBatchResult, MutationBody, MutationOutcome, PortalClient,
};
use rusqlite::params;

use super::{StoreAccess, SyncError};
use crate::kernel::outbox::entity_of;
use crate::kernel::store::{Store, StoreError};

/// What one push achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PushReport {
    pub applied: u64,
    pub rejected: u64,
    pub retryable: u64,
}

impl Store {
    /// The oldest queued mutations, at most `limit`, as the portal receives them.
    pub fn pending_batch(&self, limit: usize) -> Result<MutationBatch, StoreError> {
        let device_id: String =
            self.connection().query_row("SELECT device_id FROM sync_state WHERE id = 1", [], |r| r.get(0))?;
        let mut stmt = self.connection().prepare_cached(
            "SELECT mutation_id, device_seq, created_at, payload FROM outbox
             WHERE state = 'pending' ORDER BY seq LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, DateTime<Utc>>(2)?, r.get::<_, String>(3)?))
        })?;
        let mut mutations = Vec::new();
        for row in rows {
            let (id, device_seq, created_at, payload) = row?;
            let body: MutationBody = serde_json::from_str(&payload)?;
            mutations.push(Mutation { id, device_seq: device_seq as u64, created_at, body });
        }
        Ok(MutationBatch { device_id, mutations })
    }

    /// Every mutation this desk ever queued, with its state (`pending`, `applied`, `rejected`),
    /// oldest first: the desk's side of the ledger the portal keeps.
    pub fn outbox_states(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.connection().prepare_cached("SELECT mutation_id, state FROM outbox ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records the portal's answers to a batch in one transaction: applied mutations leave the
    /// queue (and stay laid over the portal's snapshot until a pull brings one that includes
    /// them, `replica::overlay::OVERLAID`), refused ones become conflicts and their local effects are
    /// undone, retryable ones stay queued.
    ///
    /// What the desk shows of an order or offering is recomputed once per entity, after the
    /// whole batch is recorded, with the flag of its last answer that changed something. That
    /// is what recomputing after every answer ends with: the queue only shrinks while a batch is
    /// recorded, so an order's earlier recomputes stop at the answer still queued behind them,
    /// and an offering's last recompute overwrites what its earlier ones wrote.
    pub fn record_push_results(
        &mut self,
        sent: &MutationBatch,
        answer: &MutationBatchResult,
    ) -> Result<PushReport, SyncError> {
        let bodies: HashMap<&str, &MutationBody> = sent.mutations.iter().map(|m| (m.id.as_str(), &m.body)).collect();
        if let Some(stray) = answer.results.iter().find(|r| !bodies.contains_key(r.id.as_str())) {
            return Err(SyncError::BadPushAnswer(format!("a result for {}, which was not sent", stray.id)));
        }
        let tx = self.transaction()?;
        let mut report = PushReport::default();
        let now = Utc::now();
        // (entity, id) -> whether its last answer that changed something was a refusal, and
        // whether any was, in the order first answered.
        let mut to_refresh: Vec<((&str, &str), bool, bool)> = Vec::new();
        let mut slot: HashMap<(&str, &str), usize> = HashMap::new();
        for result in &answer.results {
            let body = bodies[result.id.as_str()];
            let (entity, entity_id) = entity_of(body);
            let changed = match &result.outcome {
                MutationOutcome::Applied => {
                    report.applied += 1;
                    tx.prepare_cached(
                        "UPDATE outbox SET state = 'applied', attempts = attempts + 1
                         WHERE mutation_id = ?1 AND state = 'pending'",
                    )?
                    .execute([&result.id])?
                }
                MutationOutcome::Rejected { reason, message } => {
                    report.rejected += 1;
                    let reason = serde_json::to_value(reason).map_err(StoreError::Json)?;
                    let n = tx
                        .prepare_cached(
                            "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, reject_reason = ?2,
                                reject_message = ?3, rejected_at = ?4
                         WHERE mutation_id = ?1 AND state = 'pending'",
                        )?
                        .execute(params![result.id, reason.as_str(), message, now])?;
                    if n > 0 {
                        let detail =
                            serde_json::json!({ "mutation_id": result.id, "reason": reason, "message": message });
                        crate::kernel::outbox::audit(
                            &tx,
                            "portal",
                            "mutation_rejected",
                            entity,
                            entity_id,
                            &detail.to_string(),
                        )?;
                    }
                    n
                }
                MutationOutcome::Retryable { .. } => {
                    report.retryable += 1;
                    tx.prepare_cached("UPDATE outbox SET attempts = attempts + 1 WHERE mutation_id = ?1")?
                        .execute([&result.id])?;
                    0
                }
            };
            if changed > 0 {
                let refused = matches!(result.outcome, MutationOutcome::Rejected { .. });
                let key = (entity, entity_id);
                match slot.get(&key) {
                    Some(&i) => {
                        to_refresh[i].1 = refused;
                        to_refresh[i].2 |= refused;
                    }
                    None => {
                        slot.insert(key, to_refresh.len());
                        to_refresh.push((key, refused, refused));
                    }
                }
            }
        }
        for ((entity, entity_id), last_refused, any_refused) in to_refresh {
            match entity {
                "order" => crate::replica::orders::refresh_order(&tx, entity_id, last_refused)?,
                // An applied change stays laid over the portal's last snapshot until a pulled one
                // includes it, so what is shown does not move; a refused one must go.
                _ if any_refused => crate::replica::offerings::refresh_offering(&tx, entity_id)?,
                _ => {}
            }
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(report)
    }
}

/// Sends every queued mutation, oldest first, in batches, each after the photos it names. Stops early when the portal asks for
/// a later try (retryable answers), so a stubborn mutation cannot spin the loop.
pub async fn push(store: &impl StoreAccess, client: &PortalClient) -> Result<PushReport, SyncError> {
    let mut total = PushReport::default();
    loop {
        let batch = store.with_store(|s| s.pending_batch(MAX_BATCH))?;
        if batch.mutations.is_empty() {
            return Ok(total);
        }
        // The photos first: the portal refuses a mutation naming a photo it does not have.
        super::upload_photos(store, client, &batch).await?;
        let answer = client.push(&batch).await?;
        let report = store.with_store(|s| s.record_push_results(&batch, &answer))?;
        total.applied += report.applied;
        total.rejected += report.rejected;
        total.retryable += report.retryable;
        let answered = (report.applied + report.rejected) as usize;
        if report.retryable > 0 || answered < batch.mutations.len() {
            return Ok(total);
        }
    }
}

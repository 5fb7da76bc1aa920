//! `POST /v1/mutations` behind the HTTP layer: applying a desk's batch, each mutation in its own
//! transaction together with its ledger record and its change-feed entries.
//!
//! Idempotency: a mutation id seen before is never applied again. With the same supplier,
//! device and body it is answered with the recorded result; with anything else it is
//! `Rejected { IdReused }` (and the original record stays). Applied and rejected mutations are
//! recorded; a mutation answered `Retryable` (a busy database, an injected fault) is not, so the
//! next try applies it.

mod offering_rules;
mod order_rules;

use chrono::{DateTime, Utc};
use portal_api::{Mutation, MutationBody, MutationOutcome, MutationResult, Offering, RejectReason};
use rusqlite::Connection;

use crate::store::{StoreError, changes, ledger};

/// What the rules see of the mutation being applied.
pub(crate) struct Ctx<'a> {
    pub conn: &'a Connection,
    pub supplier_id: &'a str,
    pub mutation_id: &'a str,
    /// The sandbox's clock.
    pub now: DateTime<Utc>,
}

pub(crate) fn rejected(reason: RejectReason, message: impl Into<String>) -> MutationOutcome {
    MutationOutcome::Rejected { reason, message: message.into() }
}

/// Applies a batch in order; `retry_now[i]` says the fault injector wants mutation `i`
/// answered `Retryable` without applying it. A store error that is not transient fails the
/// rest of the batch (the mutations before it stay applied and recorded, so the desk's retry
/// is answered from the ledger).
pub(crate) fn apply_batch(
    conn: &mut Connection,
    supplier_id: &str,
    device_id: &str,
    mutations: &[Mutation],
    retry_now: &[bool],
    now: impl Fn() -> DateTime<Utc>,
) -> Result<Vec<MutationResult>, StoreError> {
    let mut results = Vec::with_capacity(mutations.len());
    for (i, m) in mutations.iter().enumerate() {
        let outcome = if retry_now.get(i).copied().unwrap_or(false) {
            MutationOutcome::Retryable { message: "the portal could not apply it this time (injected fault)".into() }
        } else {
            match apply_one(conn, supplier_id, device_id, m, now()) {
                Ok(outcome) => outcome,
                Err(e) if e.is_transient() => MutationOutcome::Retryable { message: e.to_string() },
                Err(e) => return Err(e),
            }
        };
        results.push(MutationResult { id: m.id.clone(), outcome });
    }
    Ok(results)
}

/// A mutation id must be a UUID (the contract asks for v7; any version is accepted).
fn valid_id(id: &str) -> bool {
    uuid::Uuid::try_parse(id).is_ok()
}

fn apply_one(
    conn: &mut Connection,
    supplier_id: &str,
    device_id: &str,
    m: &Mutation,
    now: DateTime<Utc>,
) -> Result<MutationOutcome, StoreError> {
    if !valid_id(&m.id) {
        // Not recorded: without a usable key there is nothing to replay against, and the same
        // input is refused the same way again.
        return Ok(rejected(RejectReason::InvalidInput, format!("the mutation id {:?} is not a UUID", m.id)));
    }
    if i64::try_from(m.device_seq).is_err() {
        return Ok(rejected(RejectReason::InvalidInput, format!("device_seq {} is too large", m.device_seq)));
    }
    let body = ledger::body_json(&m.body)?;
    let tx = conn.transaction()?;
    if let Some(known) = ledger::find(&tx, &m.id)? {
        return Ok(if known.supplier_id == supplier_id && known.device_id == device_id && known.body == body {
            known.outcome
        } else {
            rejected(
                RejectReason::IdReused,
                format!("the id {} was used earlier for another mutation or device", m.id),
            )
        });
    }
    let before = changes::last_seq(&tx)?;
    let ctx = Ctx { conn: &tx, supplier_id, mutation_id: &m.id, now };
    let outcome = apply_rules(&ctx, &m.body)?;
    let applied = outcome == MutationOutcome::Applied;
    if applied {
        changes::attribute_to_mutation(&tx, before, &m.id)?;
    }
    ledger::insert(
        &tx,
        &ledger::Record {
            id: m.id.clone(),
            supplier_id: supplier_id.to_owned(),
            device_id: device_id.to_owned(),
            device_seq: m.device_seq,
            created_at: m.created_at,
            body,
            outcome: outcome.clone(),
            applications: u32::from(applied),
            applied_at: now,
        },
    )?;
    tx.commit()?;
    Ok(outcome)
}

fn apply_rules(ctx: &Ctx<'_>, body: &MutationBody) -> Result<MutationOutcome, StoreError> {
    match body {
        MutationBody::AcceptOrder { order_id } => order_rules::accept(ctx, order_id),
        MutationBody::DeclineOrder { order_id, reason } => order_rules::decline(ctx, order_id, reason),
        MutationBody::RecordDelivery { order_id, delivery_id, delivered_on, place, serial_numbers, notes } => {
            order_rules::record_delivery(
                ctx,
                &crate::state::DeliveryRecord {
                    id: delivery_id.clone(),
                    order_id: order_id.clone(),
                    delivered_on: *delivered_on,
                    place: place.clone(),
                    serial_numbers: serial_numbers.clone(),
                    notes: notes.clone(),
                    mutation_id: ctx.mutation_id.to_owned(),
                    recorded_at: ctx.now,
                },
            )
        }
        MutationBody::RecordFitting {
            order_id,
            fitting_id,
            fitted_on,
            technician,
            serial_numbers,
            adjustments,
            warranty_start,
        } => order_rules::record_fitting(
            ctx,
            &crate::state::FittingRecord {
                id: fitting_id.clone(),
                order_id: order_id.clone(),
                fitted_on: *fitted_on,
                technician: technician.clone(),
                serial_numbers: serial_numbers.clone(),
                adjustments: adjustments.clone(),
                warranty_start: *warranty_start,
                mutation_id: ctx.mutation_id.to_owned(),
                recorded_at: ctx.now,
            },
        ),
        MutationBody::CreateOffering {
            offering_id,
            classifier_code,
            price_tiyn,
            stock,
            regions,
            warranty_months,
            description,
            published,
        } => offering_rules::create(
            ctx,
            &Offering {
                id: offering_id.clone(),
                classifier_code: classifier_code.clone(),
                price_tiyn: *price_tiyn,
                stock: *stock,
                regions: regions.clone(),
                warranty_months: *warranty_months,
                description: description.clone(),
                published: *published,
                updated_at: ctx.now,
            },
        ),
        MutationBody::UpdateOffering { offering_id, price_tiyn, regions, warranty_months, description, published } => {
            offering_rules::update(
                ctx,
                offering_id,
                &offering_rules::Patch {
                    price_tiyn: *price_tiyn,
                    regions: regions.clone(),
                    warranty_months: *warranty_months,
                    description: description.clone(),
                    published: *published,
                },
            )
        }
        MutationBody::ChangeStock { offering_id, delta } => offering_rules::change_stock(ctx, offering_id, *delta),
    }
}

//! `POST /v1/mutations` behind the HTTP layer: applying a desk's batch. Each mutation is atomic
//! together with its ledger record and its change-feed entries (a savepoint of its own), and the
//! batch is committed once, before it is answered: one sync to disk per batch instead of one per
//! mutation. A batch that cannot be committed is answered with an error and none of it is
//! recorded, so the desk's retry applies it afresh.
//!
//! Idempotency: a mutation id seen before is never applied again. With the same supplier,
//! device and body it is answered with the recorded result; with anything else it is
//! `Rejected { IdReused }` (and the original record stays). Applied and rejected mutations are
//! recorded; a mutation answered `Retryable` (a busy database, an injected fault) is not, so the
//! next try applies it.

mod offering_rules;
mod order_rules;
mod refusal_rules;
mod warranty_rules;
mod workshop_rules;

use chrono::{DateTime, Utc};
use portal_api::{Mutation, MutationBody, MutationOutcome, MutationResult, Offering, RejectReason};
use rusqlite::{Connection, Transaction};

use crate::faults::RetryPlan;
use crate::store::{StoreError, attachments, changes, ledger};

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

/// Applies a batch in order, in one transaction; `retry` says which mutations the fault
/// injector wants answered `Retryable` without applying them. A store error that is not
/// transient fails the rest of the batch (the mutations before it are committed, applied and
/// recorded, so the desk's retry is answered from the ledger).
///
/// A device's mutations are applied in its order: once one of them cannot be applied now
/// (`Retryable`), none after it in the batch is applied either, so no later change of that
/// device lands ahead of it (a stock change ahead of the region it needs, say). A mutation the
/// ledger knows is answered from it before anything else, an injected fault included.
pub(crate) fn apply_batch(
    conn: &mut Connection,
    supplier_id: &str,
    device_id: &str,
    mutations: &[Mutation],
    retry: &RetryPlan,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<Vec<MutationResult>, StoreError> {
    let mut tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut results = Vec::with_capacity(mutations.len());
    // Set by the first mutation answered `Retryable`: everything after it waits.
    let mut held_back = false;
    for (i, m) in mutations.iter().enumerate() {
        let known = known_outcome(&tx, supplier_id, device_id, m)?;
        let outcome = match known {
            Some(_) if retry.even_if_known && retry.hits(i) => injected(),
            Some(outcome) => outcome,
            None if held_back => MutationOutcome::Retryable {
                message: "an earlier mutation of this device was not applied yet; send this one after it".into(),
            },
            None if retry.hits(i) => injected(),
            None => match apply_one(&mut tx, supplier_id, device_id, m, now()) {
                Ok(outcome) => outcome,
                Err(e) if e.is_transient() => MutationOutcome::Retryable { message: e.to_string() },
                Err(e) => {
                    // Keep what was applied before it; the error is what the desk hears either way.
                    if let Err(commit) = tx.commit() {
                        tracing::warn!(error = %commit, "could not commit the mutations before a failed one");
                    }
                    return Err(e);
                }
            },
        };
        held_back |= matches!(outcome, MutationOutcome::Retryable { .. });
        results.push(MutationResult { id: m.id.clone(), outcome });
    }
    tx.commit()?;
    Ok(results)
}

fn injected() -> MutationOutcome {
    MutationOutcome::Retryable { message: "the portal could not apply it this time (injected fault)".into() }
}

/// The answer the ledger holds for `m`'s id: its recorded result when the same supplier and
/// device sent the same body, `IdReused` when anything differs; `None` for an id not seen.
fn known_outcome(
    conn: &Connection,
    supplier_id: &str,
    device_id: &str,
    m: &Mutation,
) -> Result<Option<MutationOutcome>, StoreError> {
    let Some(known) = ledger::find(conn, &m.id)? else { return Ok(None) };
    let body = ledger::body_json(&m.body)?;
    Ok(Some(if known.supplier_id == supplier_id && known.device_id == device_id && known.body == body {
        known.outcome
    } else {
        rejected(RejectReason::IdReused, format!("the id {} was used earlier for another mutation or device", m.id))
    }))
}

/// A mutation id must be a UUID in its canonical form, lower-case and hyphenated (the contract
/// asks for v7; any version is accepted). Other spellings of one UUID (upper case, braces,
/// `urn:uuid:`, no hyphens) are refused, not read as the same id: the ledger compares ids as
/// text, and one mutation written five ways would otherwise be applied five times.
fn valid_id(id: &str) -> bool {
    portal_api::is_canonical_uuid(id)
}

/// Applies one mutation the ledger does not know, in a savepoint of the batch's transaction:
/// its effects, its feed entries and its ledger record are released together, or rolled back
/// together on an error.
fn apply_one(
    tx: &mut Transaction<'_>,
    supplier_id: &str,
    device_id: &str,
    m: &Mutation,
    now: DateTime<Utc>,
) -> Result<MutationOutcome, StoreError> {
    if !valid_id(&m.id) {
        // Not recorded: without a usable key there is nothing to replay against, and the same
        // input is refused the same way again.
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("the mutation id {:?} is not a UUID in canonical form (lower-case, hyphenated)", m.id),
        ));
    }
    if !portal_api::year_in_range(chrono::Datelike::year(&m.created_at)) {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!(
                "created_at {} is outside the years {}..={}",
                m.created_at,
                portal_api::MIN_YEAR,
                portal_api::MAX_YEAR
            ),
        ));
    }
    if i64::try_from(m.device_seq).is_err() {
        return Ok(rejected(RejectReason::InvalidInput, format!("device_seq {} is too large", m.device_seq)));
    }
    let body = ledger::body_json(&m.body)?;
    let sp = tx.savepoint()?;
    let before = changes::last_seq(&sp)?;
    let ctx = Ctx { conn: &sp, supplier_id, mutation_id: &m.id, now };
    let outcome = apply_rules(&ctx, &m.body)?;
    let applied = outcome == MutationOutcome::Applied;
    if applied {
        changes::attribute_to_mutation(&sp, before, &m.id)?;
    }
    ledger::insert(
        &sp,
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
            entity_id: m.body.entity().1.to_owned(),
            feed_after: before,
        },
    )?;
    sp.commit()?;
    Ok(outcome)
}

/// The photos a mutation names; each must have been uploaded completely before it.
fn photos_of(body: &MutationBody) -> &[String] {
    match body {
        MutationBody::RecordDelivery { photos, .. } | MutationBody::CreateOffering { photos, .. } => photos,
        MutationBody::UpdateOffering { photos: Some(photos), .. } => photos,
        _ => &[],
    }
}

fn apply_rules(ctx: &Ctx<'_>, body: &MutationBody) -> Result<MutationOutcome, StoreError> {
    if let Some((field, problem)) = body.size_problem() {
        return Ok(rejected(RejectReason::InvalidInput, format!("{field} {problem}")));
    }
    if let Some((field, date)) = body.date_out_of_range() {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("{field}: {date} is outside the years {}..={}", portal_api::MIN_YEAR, portal_api::MAX_YEAR),
        ));
    }
    let photos = photos_of(body);
    if let Some(bad) = photos.iter().find(|p| !portal_api::is_sha256_hex(p)) {
        return Ok(rejected(RejectReason::InvalidInput, format!("{bad:?} does not name an attachment (a sha256)")));
    }
    if let Some(missing) = attachments::first_missing(ctx.conn, ctx.supplier_id, photos)? {
        return Ok(rejected(
            RejectReason::AttachmentMissing,
            format!("the photo {missing} has not been uploaded (PUT /v1/attachments/{missing})"),
        ));
    }
    apply_body(ctx, body)
}

fn apply_body(ctx: &Ctx<'_>, body: &MutationBody) -> Result<MutationOutcome, StoreError> {
    match body {
        MutationBody::AcceptOrder { order_id } => order_rules::accept(ctx, order_id),
        MutationBody::DeclineOrder { order_id, reason } => order_rules::decline(ctx, order_id, reason),
        MutationBody::RecordDelivery {
            order_id,
            delivery_id,
            delivered_on,
            place,
            serial_numbers,
            notes,
            photos,
            items,
            received_by,
        } => order_rules::record_delivery(
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
                photos: photos.clone(),
                items: items.clone(),
                received_by: received_by.clone(),
            },
        ),
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
            stock_by_region,
            warranty_months,
            description,
            published,
            photos,
            model,
            manufacturer,
        } => offering_rules::create(
            ctx,
            &Offering {
                id: offering_id.clone(),
                classifier_code: classifier_code.clone(),
                price_tiyn: *price_tiyn,
                stock: *stock,
                regions: regions.clone(),
                stock_by_region: stock_by_region.clone(),
                warranty_months: *warranty_months,
                description: description.clone(),
                published: *published,
                updated_at: ctx.now,
                photos: Some(photos.clone()),
                model: offering_rules::kept(model.as_deref()),
                manufacturer: offering_rules::kept(manufacturer.as_deref()),
            },
        ),
        MutationBody::UpdateOffering {
            offering_id,
            price_tiyn,
            regions,
            warranty_months,
            description,
            published,
            photos,
            model,
            manufacturer,
        } => offering_rules::update(
            ctx,
            offering_id,
            &offering_rules::Patch {
                price_tiyn: *price_tiyn,
                regions: regions.clone(),
                warranty_months: *warranty_months,
                description: description.clone(),
                published: *published,
                photos: photos.clone(),
                model: model.clone(),
                manufacturer: manufacturer.clone(),
            },
        ),
        MutationBody::ChangeStock { offering_id, delta, region } => {
            offering_rules::change_stock(ctx, offering_id, *delta, region.as_deref())
        }
        MutationBody::RecordFittingSession { order_id, session_id, session_on, technician, notes, measurements } => {
            workshop_rules::record_session(
                ctx,
                &crate::state::FittingSessionRecord {
                    id: session_id.clone(),
                    order_id: order_id.clone(),
                    session_on: *session_on,
                    technician: technician.clone(),
                    notes: notes.clone(),
                    measurements: measurements.clone(),
                    mutation_id: ctx.mutation_id.to_owned(),
                    recorded_at: ctx.now,
                },
            )
        }
        MutationBody::RecordReturn { order_id, return_id, returned_on, reason, notes } => refusal_rules::record_return(
            ctx,
            &crate::state::ReturnRecord {
                id: return_id.clone(),
                order_id: order_id.clone(),
                returned_on: *returned_on,
                reason: reason.trim().to_owned(),
                notes: notes.clone(),
                mutation_id: ctx.mutation_id.to_owned(),
                recorded_at: ctx.now,
            },
        ),
        MutationBody::AssignOrder { order_id, assignee } => order_rules::assign(ctx, order_id, assignee),
        MutationBody::RecordReplacement { order_id, replacement_id, replaced_on, serial_numbers, notes } => {
            refusal_rules::record_replacement(
                ctx,
                &crate::state::ReplacementRecord {
                    id: replacement_id.clone(),
                    order_id: order_id.clone(),
                    replaced_on: *replaced_on,
                    serial_numbers: serial_numbers.clone(),
                    notes: notes.clone(),
                    mutation_id: ctx.mutation_id.to_owned(),
                    recorded_at: ctx.now,
                },
            )
        }
        MutationBody::RecordWarrantyService {
            order_id,
            service_id,
            serviced_on,
            kind,
            serial_number,
            new_serial_number,
            notes,
        } => warranty_rules::record_service(
            ctx,
            &crate::store::warranty::ServiceRecord {
                id: service_id.clone(),
                order_id: order_id.clone(),
                serviced_on: *serviced_on,
                kind: *kind,
                serial_number: serial_number.trim().to_owned(),
                new_serial_number: new_serial_number
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                notes: notes.trim().to_owned(),
                mutation_id: ctx.mutation_id.to_owned(),
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use portal_api::{Mutation, MutationBody, MutationOutcome};
    use rusqlite::Connection;

    use super::apply_batch;
    use crate::faults::RetryPlan;
    use crate::store::ledger;

    fn mutation(seq: u64, body: MutationBody) -> Mutation {
        Mutation { id: uuid::Uuid::now_v7().to_string(), device_seq: seq, created_at: Utc::now(), body }
    }

    fn stock(conn: &Connection, id: &str) -> i64 {
        conn.query_row("SELECT stock FROM offering WHERE id = ?1", [id], |r| r.get(0)).expect("stock")
    }

    /// A batch is one transaction with a savepoint per mutation: a store error in the middle
    /// undoes all of that mutation (here its offering row, written before the failing feed
    /// entry) and nothing of the ones before it, which are committed and recorded.
    #[test]
    fn a_failing_mutation_is_undone_whole_and_the_ones_before_it_stay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        crate::demo::ensure(&mut conn, 5, Utc::now()).expect("demo");
        let supplier: String = conn.query_row("SELECT id FROM supplier", [], |r| r.get(0)).expect("supplier");
        let (offering, code): (String, String) = conn
            .query_row(
                "SELECT id, classifier_code FROM offering WHERE supplier_id = ?1 ORDER BY id LIMIT 1",
                [&supplier],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("an offering");
        let before = stock(&conn, &offering);
        conn.execute_batch(
            "CREATE TRIGGER refuse_bad BEFORE INSERT ON changes WHEN NEW.entity_id = 'bad'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .expect("trigger");
        let first = mutation(1, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 3, region: None });
        let bad = mutation(
            2,
            MutationBody::CreateOffering {
                offering_id: "bad".into(),
                classifier_code: code,
                price_tiyn: 100,
                stock: 1,
                regions: vec!["KZ-ALA".into()],
                stock_by_region: Vec::new(),
                warranty_months: 0,
                description: String::new(),
                published: true,
                photos: Vec::new(),
                model: None,
                manufacturer: None,
            },
        );
        let last = mutation(3, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 5, region: None });
        let batch = [first.clone(), bad.clone(), last.clone()];
        assert!(apply_batch(&mut conn, &supplier, "desk", &batch, &RetryPlan::default(), Utc::now).is_err());

        assert_eq!(stock(&conn, &offering), before + 3, "the first mutation is applied, the last one not");
        let recorded = ledger::find(&conn, &first.id).expect("ledger").expect("the first is recorded");
        assert_eq!(recorded.outcome, MutationOutcome::Applied);
        assert!(ledger::find(&conn, &bad.id).expect("ledger").is_none());
        assert!(ledger::find(&conn, &last.id).expect("ledger").is_none());
        let bad_rows: i64 =
            conn.query_row("SELECT COUNT(*) FROM offering WHERE id = 'bad'", [], |r| r.get(0)).expect("count");
        assert_eq!(bad_rows, 0, "the failed mutation's offering row is rolled back with it");

        // Sent again without the fault: the first is answered from the ledger, the others apply.
        conn.execute_batch("DROP TRIGGER refuse_bad").expect("drop trigger");
        let results =
            apply_batch(&mut conn, &supplier, "desk", &batch, &RetryPlan::default(), Utc::now).expect("batch");
        assert!(results.iter().all(|r| r.outcome == MutationOutcome::Applied), "{results:?}");
        assert_eq!(stock(&conn, &offering), before + 8);
        assert_eq!(ledger::find(&conn, &first.id).expect("ledger").expect("recorded").applications, 1);
    }

    fn demo_supplier_offering() -> (tempfile::TempDir, Connection, String, String) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        crate::demo::ensure(&mut conn, 5, Utc::now()).expect("demo");
        let supplier: String = conn.query_row("SELECT id FROM supplier", [], |r| r.get(0)).expect("supplier");
        let offering: String = conn
            .query_row("SELECT id FROM offering WHERE supplier_id = ?1 ORDER BY id LIMIT 1", [&supplier], |r| r.get(0))
            .expect("an offering");
        (dir, conn, supplier, offering)
    }

    /// A device's mutations are applied in its order: after one answered `Retryable`, the ones
    /// behind it in the batch wait too, even those the fault injector let through.
    #[test]
    fn nothing_overtakes_a_mutation_held_back() {
        let (_dir, mut conn, supplier, offering) = demo_supplier_offering();
        let before = stock(&conn, &offering);
        let first = mutation(1, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 3, region: None });
        let second = mutation(2, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 5, region: None });
        let batch = [first.clone(), second.clone()];
        let plan = RetryPlan { draws: vec![true, false], even_if_known: false };
        let results = apply_batch(&mut conn, &supplier, "desk", &batch, &plan, Utc::now).expect("batch");
        assert!(results.iter().all(|r| matches!(r.outcome, MutationOutcome::Retryable { .. })), "{results:?}");
        assert_eq!(stock(&conn, &offering), before, "neither is applied");
        assert!(ledger::find(&conn, &second.id).expect("ledger").is_none());

        let results =
            apply_batch(&mut conn, &supplier, "desk", &batch, &RetryPlan::default(), Utc::now).expect("batch");
        assert!(results.iter().all(|r| r.outcome == MutationOutcome::Applied), "{results:?}");
        assert_eq!(stock(&conn, &offering), before + 8);
    }

    /// A mutation the ledger knows is answered from it before any injected fault; only
    /// `retryable_replays` makes the portal misbehave and answer `Retryable` for it.
    #[test]
    fn a_known_mutation_is_answered_from_the_ledger_before_any_fault() {
        let (_dir, mut conn, supplier, offering) = demo_supplier_offering();
        let m = mutation(1, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 2, region: None });
        let batch = [m.clone()];
        apply_batch(&mut conn, &supplier, "desk", &batch, &RetryPlan::default(), Utc::now).expect("batch");
        let always = RetryPlan { draws: vec![true], even_if_known: false };
        let results = apply_batch(&mut conn, &supplier, "desk", &batch, &always, Utc::now).expect("replay");
        assert_eq!(results[0].outcome, MutationOutcome::Applied);
        let misbehaving = RetryPlan { draws: vec![true], even_if_known: true };
        let results = apply_batch(&mut conn, &supplier, "desk", &batch, &misbehaving, Utc::now).expect("replay");
        assert!(matches!(results[0].outcome, MutationOutcome::Retryable { .. }));
        assert_eq!(ledger::find(&conn, &m.id).expect("ledger").expect("recorded").applications, 1);
    }

    /// One UUID has one spelling: the others are refused and nothing is recorded under them.
    #[test]
    fn only_canonical_ids_are_taken() {
        let (_dir, mut conn, supplier, offering) = demo_supplier_offering();
        let before = stock(&conn, &offering);
        let m = mutation(1, MutationBody::ChangeStock { offering_id: offering.clone(), delta: 1, region: None });
        let spellings =
            [m.id.to_uppercase(), format!("{{{}}}", m.id), format!("urn:uuid:{}", m.id), m.id.replace('-', "")];
        for (i, id) in spellings.iter().enumerate() {
            let other = Mutation { id: id.clone(), device_seq: i as u64 + 1, ..m.clone() };
            let results =
                apply_batch(&mut conn, &supplier, "desk", &[other], &RetryPlan::default(), Utc::now).expect("batch");
            assert!(
                matches!(
                    results[0].outcome,
                    MutationOutcome::Rejected { reason: portal_api::RejectReason::InvalidInput, .. }
                ),
                "{id}: {results:?}"
            );
            assert!(ledger::find(&conn, id).expect("ledger").is_none());
        }
        assert_eq!(stock(&conn, &offering), before);
    }
}

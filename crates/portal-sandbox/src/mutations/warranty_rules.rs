//! The rules for a repair or a replacement under warranty: the order is the supplier's and its
//! items are with the participant; the serial is one the order holds (a serial another
//! supplier's order holds is refused as such); and the service falls within the item's warranty
//! (`portal_rules::warranty`). The order's snapshot goes to the feed with the service, so the
//! supplier's other desks learn it.

use portal_api::{MutationOutcome, RejectReason};
use portal_rules::warranty::{ServiceFacts, ServiceProblem, service_problem, serviceable};

use super::order_rules::{own_order, refused};
use super::{Ctx, rejected};
use crate::store::warranty::{self, ServiceRecord};
use crate::store::{StoreError, orders};

pub(super) fn record_service(ctx: &Ctx<'_>, s: &ServiceRecord) -> Result<MutationOutcome, StoreError> {
    if s.id.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a warranty service needs an id"));
    }
    if s.serial_number.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a warranty service needs the item's serial number"));
    }
    let head = match own_order(ctx, &s.order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    if !serviceable(head.status) {
        return Ok(refused(&s.order_id, head.status, "a warranty service"));
    }
    if warranty::exists(ctx.conn, &s.id)? {
        return Ok(rejected(RejectReason::InvalidInput, format!("a warranty service {} exists already", s.id)));
    }
    let Some((start, months)) = warranty::warranty_of(ctx.conn, &s.order_id, &s.serial_number)? else {
        return Ok(match warranty::other_holder(ctx.conn, &s.serial_number, ctx.supplier_id)? {
            Some(_) => rejected(
                RejectReason::SerialOfAnotherSupplier,
                format!("serial {} was handed over by another supplier", s.serial_number.trim()),
            ),
            None => rejected(
                RejectReason::SerialNotFound,
                format!("order {} holds no item with serial {}", s.order_id, s.serial_number.trim()),
            ),
        });
    };
    let facts = ServiceFacts {
        kind: s.kind,
        serviced_on: s.serviced_on,
        serial_number: &s.serial_number,
        new_serial_number: s.new_serial_number.as_deref(),
        notes: &s.notes,
        warranty_start: start,
        warranty_months: months,
    };
    if let Some(problem) = service_problem(&facts) {
        let reason = match problem {
            ServiceProblem::NoWarranty
            | ServiceProblem::OutOfWarranty { .. }
            | ServiceProblem::BeforeWarranty { .. } => RejectReason::OutOfWarranty,
            _ => RejectReason::InvalidInput,
        };
        return Ok(rejected(reason, problem.text()));
    }
    warranty::insert(ctx.conn, s, ctx.now)?;
    orders::touch(ctx.conn, &s.order_id, ctx.now)?;
    Ok(MutationOutcome::Applied)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, Utc};
    use portal_api::{Mutation, MutationBody, MutationOutcome, RejectReason, WarrantyServiceKind};

    use crate::faults::RetryPlan;
    use crate::mutations::apply_batch;
    use crate::store::accounts;

    fn one(body: MutationBody) -> [Mutation; 1] {
        [Mutation { id: uuid::Uuid::now_v7().to_string(), device_seq: 1, created_at: Utc::now(), body }]
    }

    fn deliver(order_id: &str, serial: &str) -> MutationBody {
        MutationBody::RecordDelivery {
            order_id: order_id.to_owned(),
            delivery_id: uuid::Uuid::now_v7().to_string(),
            delivered_on: Utc::now().date_naive() - TimeDelta::days(2),
            place: "Алматы".into(),
            serial_numbers: vec![serial.to_owned()],
            notes: String::new(),
            photos: Vec::new(),
            items: Vec::new(),
            received_by: None,
        }
    }

    /// Two suppliers on one portal: a service that names the serial of an item another supplier
    /// handed over is refused as such, and one no order holds as not found. (The demo signs in
    /// one supplier, so the other one's order is one of the demo's, handed to a second account.)
    #[test]
    fn a_serial_another_supplier_handed_over_is_refused_as_theirs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = crate::db::open(&dir.path().join("p.sqlite")).expect("open");
        crate::demo::ensure(&mut conn, 7, Utc::now()).expect("demo");
        let ours: String = conn.query_row("SELECT id FROM supplier", [], |r| r.get(0)).expect("supplier");
        accounts::create_supplier(&conn, "rival", "990340001237", "ТОО «Другой»", "KZ-AST", "pw").expect("rival");
        let placed: Vec<String> = conn
            .prepare("SELECT id FROM orders WHERE status = 'placed' ORDER BY placed_at DESC LIMIT 2")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("placed orders");
        let (mine, theirs) = (&placed[0], &placed[1]);
        conn.execute("UPDATE orders SET supplier_id = 'rival' WHERE id = ?1", [theirs]).expect("hand over");

        let run = |conn: &mut rusqlite::Connection, supplier: &str, body: MutationBody| {
            let results =
                apply_batch(conn, supplier, "desk", &one(body), &RetryPlan::default(), Utc::now).expect("batch");
            results.into_iter().next().expect("a result").outcome
        };
        for (supplier, order, serial) in [(ours.as_str(), mine, "OUR-1"), ("rival", theirs, "THEIRS-1")] {
            let accept = MutationBody::AcceptOrder { order_id: order.clone() };
            assert_eq!(run(&mut conn, supplier, accept), MutationOutcome::Applied);
            assert_eq!(run(&mut conn, supplier, deliver(order, serial)), MutationOutcome::Applied);
        }

        let service = |serial: &str| MutationBody::RecordWarrantyService {
            order_id: mine.clone(),
            service_id: uuid::Uuid::now_v7().to_string(),
            serviced_on: Utc::now().date_naive(),
            kind: WarrantyServiceKind::Repair,
            serial_number: serial.to_owned(),
            new_serial_number: None,
            notes: "the wheel wobbles".into(),
        };
        let reason = |outcome: MutationOutcome| match outcome {
            MutationOutcome::Rejected { reason, .. } => reason,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(reason(run(&mut conn, &ours, service(" theirs-1 "))), RejectReason::SerialOfAnotherSupplier);
        assert_eq!(reason(run(&mut conn, &ours, service("NOBODY-1"))), RejectReason::SerialNotFound);
        // The other supplier's order is not ours to service either.
        let on_theirs = MutationBody::RecordWarrantyService {
            order_id: theirs.clone(),
            service_id: uuid::Uuid::now_v7().to_string(),
            serviced_on: Utc::now().date_naive(),
            kind: WarrantyServiceKind::Repair,
            serial_number: "THEIRS-1".into(),
            new_serial_number: None,
            notes: "the wheel wobbles".into(),
        };
        assert_eq!(reason(run(&mut conn, &ours, on_theirs)), RejectReason::OrderNotFound);
        let recorded: i64 = conn.query_row("SELECT COUNT(*) FROM warranty_service", [], |r| r.get(0)).expect("count");
        assert_eq!(recorded, 0, "nothing is recorded");
    }
}

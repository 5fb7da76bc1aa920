//! The rules for a supplier's moves of an order: accept, decline, record a delivery, record a
//! fitting. The portal is authoritative: every status move goes through the lifecycle
//! (`portal_rules::Transition::apply`, inside `store::orders::apply`), and a move the order's
//! current status does not allow is rejected, never forced.

use portal_api::{MutationOutcome, OrderStatus, RejectReason};
use portal_rules::Transition;
use portal_rules::limits::MAX_ASSIGNEE_CHARS;

use super::{Ctx, rejected};
use crate::state::{DeliveryRecord, FittingRecord};
use crate::store::orders::{self, OrderHead};
use crate::store::{StoreError, deliveries, fittings};

/// The order if it exists and belongs to the supplier; another supplier's order is "not
/// found" too, so ids of other suppliers' orders do not leak.
pub(super) fn own_order(ctx: &Ctx<'_>, order_id: &str) -> Result<Result<OrderHead, MutationOutcome>, StoreError> {
    Ok(match orders::head(ctx.conn, order_id)? {
        Some(head) if head.supplier_id == ctx.supplier_id => Ok(head),
        _ => Err(rejected(RejectReason::OrderNotFound, format!("there is no order {order_id}"))),
    })
}

pub(super) fn refused(order_id: &str, status: OrderStatus, what: &str) -> MutationOutcome {
    rejected(
        RejectReason::TransitionRefused,
        format!("order {order_id} is {}; {what} is not possible in that status", status.as_str()),
    )
}

pub(super) fn apply_all(ctx: &Ctx<'_>, order_id: &str, path: &[Transition]) -> Result<(), StoreError> {
    for t in path {
        orders::apply(ctx.conn, order_id, *t, ctx.now)?;
    }
    Ok(())
}

pub(super) fn accept(ctx: &Ctx<'_>, order_id: &str) -> Result<MutationOutcome, StoreError> {
    let head = match own_order(ctx, order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    let closed = |accept_by: chrono::DateTime<chrono::Utc>| {
        rejected(
            RejectReason::AcceptanceWindowClosed,
            format!("the acceptance window of order {order_id} closed at {}", accept_by.to_rfc3339()),
        )
    };
    match head.status {
        OrderStatus::CancelledAutomatically => Ok(closed(head.accept_by)),
        OrderStatus::Placed if ctx.now > head.accept_by => {
            // The sweep has not come round yet: the portal cancels it now, as it would have.
            orders::apply(ctx.conn, order_id, Transition::CancelAutomatically, ctx.now)?;
            Ok(closed(head.accept_by))
        }
        OrderStatus::Placed => {
            orders::apply(ctx.conn, order_id, Transition::Accept, ctx.now)?;
            Ok(MutationOutcome::Applied)
        }
        other => Ok(refused(order_id, other, "accepting it")),
    }
}

pub(super) fn decline(ctx: &Ctx<'_>, order_id: &str, reason: &str) -> Result<MutationOutcome, StoreError> {
    if reason.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a declined order needs a reason"));
    }
    let head = match own_order(ctx, order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    if Transition::Decline.apply(head.status).is_err() {
        return Ok(refused(order_id, head.status, "declining it"));
    }
    orders::apply(ctx.conn, order_id, Transition::Decline, ctx.now)?;
    Ok(MutationOutcome::Applied)
}

pub(super) fn record_delivery(ctx: &Ctx<'_>, d: &DeliveryRecord) -> Result<MutationOutcome, StoreError> {
    if d.place.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a delivery needs the place it was handed over at"));
    }
    if d.id.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a delivery needs an id"));
    }
    let head = match own_order(ctx, &d.order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    let path: &[Transition] = match head.status {
        OrderStatus::Accepted => &[Transition::StartWork, Transition::Deliver],
        OrderStatus::InWork | OrderStatus::Fitting => &[Transition::Deliver],
        other => return Ok(refused(&d.order_id, other, "recording a delivery")),
    };
    if let Some((_, problem)) = portal_rules::delivery::received_by_problem(d.received_by.as_ref()) {
        return Ok(rejected(RejectReason::InvalidInput, problem));
    }
    let lines = orders::line_codes(ctx.conn, &d.order_id)?;
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    if let Some((_, problem)) = portal_rules::delivery::delivered_items_problem(&d.items, &d.serial_numbers, &lines) {
        return Ok(rejected(RejectReason::InvalidInput, problem));
    }
    if deliveries::exists(ctx.conn, &d.id)? {
        return Ok(rejected(RejectReason::InvalidInput, format!("a delivery {} is recorded already", d.id)));
    }
    deliveries::insert(ctx.conn, d, ctx.mutation_id, ctx.now)?;
    apply_all(ctx, &d.order_id, path)?;
    Ok(MutationOutcome::Applied)
}

/// Names who of the supplier's staff handles an open order; the order's snapshot carries it to
/// the supplier's other desks.
pub(super) fn assign(ctx: &Ctx<'_>, order_id: &str, assignee: &str) -> Result<MutationOutcome, StoreError> {
    let assignee = assignee.trim();
    if assignee.is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "an assignment needs the name of a member of staff"));
    }
    if assignee.chars().count() > MAX_ASSIGNEE_CHARS {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("a staff name is at most {MAX_ASSIGNEE_CHARS} characters"),
        ));
    }
    let head = match own_order(ctx, order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    if !head.status.is_open() {
        return Ok(refused(order_id, head.status, "assigning it"));
    }
    orders::assign(ctx.conn, order_id, assignee, ctx.now)?;
    Ok(MutationOutcome::Applied)
}

pub(super) fn record_fitting(ctx: &Ctx<'_>, f: &FittingRecord) -> Result<MutationOutcome, StoreError> {
    if f.technician.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a fitting needs the technician who did it"));
    }
    if f.id.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a fitting needs an id"));
    }
    if let Some((field, problem)) =
        portal_rules::fitting::fitted_mark_problem(f.fitted_on, &f.serial_numbers, f.warranty_start)
    {
        return Ok(rejected(RejectReason::InvalidInput, format!("{field}: {problem}")));
    }
    let head = match own_order(ctx, &f.order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    if !orders::needs_fitting(ctx.conn, &f.order_id)? {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("order {} has nothing that is fitted in a workshop", f.order_id),
        ));
    }
    let path: &[Transition] = match head.status {
        OrderStatus::Accepted => &[Transition::StartWork, Transition::StartFitting],
        OrderStatus::InWork => &[Transition::StartFitting],
        // Another session of a fitting under way: the status stays.
        OrderStatus::Fitting => &[],
        other => return Ok(refused(&f.order_id, other, "recording a fitting")),
    };
    if fittings::exists(ctx.conn, &f.id)? {
        return Ok(rejected(RejectReason::InvalidInput, format!("a fitting {} is recorded already", f.id)));
    }
    fittings::insert(ctx.conn, f, ctx.mutation_id, ctx.now)?;
    if path.is_empty() {
        orders::touch(ctx.conn, &f.order_id, ctx.now)?;
    } else {
        apply_all(ctx, &f.order_id, path)?;
    }
    Ok(MutationOutcome::Applied)
}

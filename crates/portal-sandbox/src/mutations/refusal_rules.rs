//! The rules for what a supplier does after the participant refused an item at receipt: take it
//! back (`Return`) or hand over another one (`Replace`). Both only from `refused_at_receipt`,
//! through the lifecycle; the moved order's snapshot goes to the feed with the record, so the
//! supplier's other desks learn it, and a replaced order waits for the participant again.

use portal_api::{MutationOutcome, OrderStatus, RejectReason};
use portal_rules::Transition;

use super::order_rules::{own_order, refused};
use super::{Ctx, rejected};
use crate::state::{ReplacementRecord, ReturnRecord};
use crate::store::{StoreError, orders, refusals};

/// The portal's own cap on a return's reason, the same as the desk's.
const MAX_REASON_CHARS: usize = 500;

fn check_refused(
    ctx: &Ctx<'_>,
    order_id: &str,
    record_id: &str,
    what: &str,
) -> Result<Option<MutationOutcome>, StoreError> {
    if record_id.trim().is_empty() {
        return Ok(Some(rejected(RejectReason::InvalidInput, format!("{what} needs an id"))));
    }
    let head = match own_order(ctx, order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(Some(rejection)),
    };
    if head.status != OrderStatus::RefusedAtReceipt {
        return Ok(Some(refused(order_id, head.status, what)));
    }
    if refusals::exists(ctx.conn, record_id)? {
        return Ok(Some(rejected(RejectReason::InvalidInput, format!("a record {record_id} exists already"))));
    }
    Ok(None)
}

pub(super) fn record_return(ctx: &Ctx<'_>, r: &ReturnRecord) -> Result<MutationOutcome, StoreError> {
    let reason = r.reason.trim();
    if reason.is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a return needs the reason the item is taken back"));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("a return's reason is at most {MAX_REASON_CHARS} characters"),
        ));
    }
    if let Some(rejection) = check_refused(ctx, &r.order_id, &r.id, "taking the item back")? {
        return Ok(rejection);
    }
    refusals::insert_return(ctx.conn, r, ctx.now)?;
    orders::apply(ctx.conn, &r.order_id, Transition::Return, ctx.now)?;
    Ok(MutationOutcome::Applied)
}

pub(super) fn record_replacement(ctx: &Ctx<'_>, r: &ReplacementRecord) -> Result<MutationOutcome, StoreError> {
    if let Some(rejection) = check_refused(ctx, &r.order_id, &r.id, "replacing the item")? {
        return Ok(rejection);
    }
    refusals::insert_replacement(ctx.conn, r, ctx.now)?;
    orders::apply(ctx.conn, &r.order_id, Transition::Replace, ctx.now)?;
    Ok(MutationOutcome::Applied)
}

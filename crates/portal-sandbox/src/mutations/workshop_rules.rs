//! The rule for a workshop's fitting session: the order is the supplier's, something of it is
//! fitted in a workshop, and it is accepted, in work or in fitting. A session moves the order
//! into fitting (as the fitted mark does) and is part of the order's record from then on; the
//! order's new snapshot goes to the change feed.

use portal_api::{MutationOutcome, OrderStatus, RejectReason};
use portal_rules::Transition;

use super::order_rules::{apply_all, own_order, refused};
use super::{Ctx, rejected};
use crate::state::FittingSessionRecord;
use crate::store::{StoreError, fitting_sessions, orders};

pub(super) fn record_session(ctx: &Ctx<'_>, s: &FittingSessionRecord) -> Result<MutationOutcome, StoreError> {
    if s.technician.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a fitting session needs the technician who held it"));
    }
    if s.id.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "a fitting session needs an id"));
    }
    for m in &s.measurements {
        if m.name.trim().is_empty()
            || m.unit.trim().is_empty()
            || !portal_rules::fitting::is_measurement_value(&m.value)
        {
            return Ok(rejected(
                RejectReason::InvalidInput,
                format!(
                    "the measurement {:?} = {:?} {:?} needs a name, a number above zero and a unit",
                    m.name, m.value, m.unit
                ),
            ));
        }
    }
    let head = match own_order(ctx, &s.order_id)? {
        Ok(head) => head,
        Err(rejection) => return Ok(rejection),
    };
    if !orders::needs_fitting(ctx.conn, &s.order_id)? {
        return Ok(rejected(
            RejectReason::InvalidInput,
            format!("order {} has nothing that is fitted in a workshop", s.order_id),
        ));
    }
    let path: &[Transition] = match head.status {
        OrderStatus::Accepted => &[Transition::StartWork, Transition::StartFitting],
        OrderStatus::InWork => &[Transition::StartFitting],
        OrderStatus::Fitting => &[],
        other => return Ok(refused(&s.order_id, other, "recording a fitting session")),
    };
    if fitting_sessions::exists(ctx.conn, &s.id)? {
        return Ok(rejected(RejectReason::InvalidInput, format!("a fitting session {} is recorded already", s.id)));
    }
    fitting_sessions::insert(ctx.conn, s)?;
    if path.is_empty() {
        orders::touch(ctx.conn, &s.order_id, ctx.now)?;
    } else {
        apply_all(ctx, &s.order_id, path)?;
    }
    Ok(MutationOutcome::Applied)
}

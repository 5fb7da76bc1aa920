//! Naming who of the supplier's staff handles an order. The supplier's staff are not modelled
//! (the portal knows the supplier, not its people), so the name is free text: trimmed,
//! required, at most [`MAX_ASSIGNEE_CHARS`] characters. It travels to the portal so that the
//! supplier's other desks learn it, like any other user action.

use portal_api::MutationBody;
use rusqlite::{Transaction, params};

use crate::actions::{ActionError, Actor, invalid, order_status};
use crate::store::Store;

pub use portal_rules::limits::MAX_ASSIGNEE_CHARS;

impl Store {
    /// Assigns an open order to a member of staff, named as typed (trimmed).
    pub fn assign_order(&mut self, actor: &Actor, order_id: &str, assignee: &str) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::AssignOrder { order_id: order_id.to_owned(), assignee: assignee.trim().to_owned() },
        )
    }
}

/// The local half of an assignment (called from `actions::apply_locally`).
pub(crate) fn apply_locally(tx: &Transaction<'_>, order_id: &str, assignee: &str) -> Result<(), ActionError> {
    let assignee = assignee.trim();
    if assignee.is_empty() {
        return Err(invalid("assignee", "name the member of staff who handles the order"));
    }
    if assignee.chars().count() > MAX_ASSIGNEE_CHARS {
        return Err(invalid("assignee", format!("the name is longer than {MAX_ASSIGNEE_CHARS} characters")));
    }
    let status = order_status(tx, order_id)?;
    if !status.is_open() {
        return Err(invalid("order", format!("the order is {}; only an open order can be assigned", status.as_str())));
    }
    tx.execute("UPDATE orders SET assignee = ?2 WHERE id = ?1", params![order_id, assignee])?;
    Ok(())
}

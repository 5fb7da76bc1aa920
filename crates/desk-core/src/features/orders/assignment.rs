//! Naming who of the supplier's staff handles an order. The supplier's staff are not modelled
//! (the portal knows the supplier, not its people), so the name is free text: trimmed,
//! required, at most [`MAX_ASSIGNEE_CHARS`] characters. It travels to the portal so that the
//! supplier's other desks learn it, like any other user action.

use portal_api::MutationBody;

use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::store::Store;

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

//! Naming who of the supplier's staff handles an order. An order is assigned to one of this
//! desk's active staff accounts, and the portal carries the account's user name so that the
//! supplier's other desks learn it (where a desk has no account of that name, it shows the name
//! as the portal holds it). "My work" is the open orders assigned to the signed-in person.

use portal_api::MutationBody;
use rusqlite::OptionalExtension;

use super::views::{AssignableStaff, WorkItem};
use crate::kernel::access::{Actor, Command};
use crate::kernel::error::{ActionError, Problem, invalid};
use crate::kernel::store::{Store, StoreError};

pub use portal_rules::limits::MAX_ASSIGNEE_CHARS;

/// The most orders "My work" lists: a day's and a week's work for one person, never the inbox.
pub const MY_WORK_LIMIT: u32 = 300;

impl Store {
    /// Assigns an open order to the active staff account `username`.
    pub fn assign_order(&mut self, actor: &Actor, order_id: &str, username: &str) -> Result<String, ActionError> {
        actor.require(Command::OrderAssign)?;
        let username = username.trim().to_lowercase();
        if username.is_empty() {
            return Err(invalid(
                "assignee",
                Problem::new("assignee_required", "choose the member of staff who handles the order"),
            ));
        }
        let active: Option<bool> = self
            .connection()
            .query_row("SELECT active FROM staff WHERE username = ?1", [&username], |r| r.get(0))
            .optional()
            .map_err(StoreError::from)?;
        if active != Some(true) {
            return Err(invalid(
                "assignee",
                Problem::new("assignee_unknown", "no active staff account has this user name")
                    .with("name", username.as_str()),
            ));
        }
        self.act(actor, MutationBody::AssignOrder { order_id: order_id.to_owned(), assignee: username })
    }

    /// The active accounts an order may be assigned to, by name.
    pub fn assignable_staff(&self, actor: &Actor) -> Result<Vec<AssignableStaff>, ActionError> {
        actor.require(Command::OrderAssign)?;
        let mut stmt = self
            .connection()
            .prepare_cached(
                "SELECT username, display_name, role FROM staff WHERE active = 1 ORDER BY display_name, username",
            )
            .map_err(StoreError::from)?;
        let rows = stmt
            .query_map([], |r| Ok(AssignableStaff { username: r.get(0)?, display_name: r.get(1)?, role: r.get(2)? }))
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(StoreError::from)?;
        Ok(rows)
    }

    /// The open orders assigned to the signed-in person, the nearest deadline first, with what
    /// the field needs at hand (address and phone).
    pub fn my_work(&self, actor: &Actor) -> Result<Vec<WorkItem>, ActionError> {
        actor.require(Command::MyWork)?;
        let rows = self
            .inbox_rows(
                "WHERE assignee = ?1 AND is_open = 1 ORDER BY due_at IS NULL, due_at, number LIMIT ?2",
                rusqlite::params![actor.username(), MY_WORK_LIMIT],
            )
            .map_err(ActionError::from)?;
        let mut contact = self
            .connection()
            .prepare_cached("SELECT participant_address, participant_phone FROM orders WHERE id = ?1")
            .map_err(StoreError::from)?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let (address, phone): (String, String) =
                contact.query_row([&row.order_id], |r| Ok((r.get(0)?, r.get(1)?))).map_err(StoreError::from)?;
            items.push(WorkItem { row, address, phone });
        }
        Ok(items)
    }

    /// The name to show for an assignee: the account's display name on this desk, or the name
    /// as the portal holds it.
    pub(crate) fn assignee_name(&self, assignee: Option<&str>) -> Result<Option<String>, StoreError> {
        let Some(assignee) = assignee else { return Ok(None) };
        let name: Option<String> = self
            .connection()
            .query_row("SELECT display_name FROM staff WHERE username = ?1", [assignee], |r| r.get(0))
            .optional()?;
        Ok(Some(name.unwrap_or_else(|| assignee.to_owned())))
    }
}

//! What the supplier does after the participant refused an item at receipt: take it back (the
//! order ends as returned) or hand over another one (the order waits for the participant's
//! confirmation again). Both are user actions like the others: local rows, outbox and audit in
//! one transaction, and only from `refused_at_receipt`, which the portal reports.

use chrono::NaiveDate;
use portal_api::MutationBody;

use super::views::{ReplacementInput, ReturnInput};
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::Store;

pub use crate::replica::refusals::MAX_REASON_CHARS;

/// A refused item taken back, as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemReturn {
    pub order_id: String,
    pub returned_on: NaiveDate,
    pub reason: String,
    pub notes: String,
}

/// Another item handed over in place of a refused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub order_id: String,
    pub replaced_on: NaiveDate,
    pub serial_numbers: Vec<String>,
    pub notes: String,
}

fn date(field: &'static str, text: &str) -> Result<NaiveDate, ActionError> {
    crate::kernel::model::parse_date(text).map_err(|message| invalid(field, message))
}

impl TryFrom<ReturnInput> for ItemReturn {
    type Error = ActionError;
    fn try_from(input: ReturnInput) -> Result<ItemReturn, ActionError> {
        Ok(ItemReturn {
            returned_on: date("returned_on", &input.returned_on)?,
            order_id: input.order_id,
            reason: input.reason.trim().to_owned(),
            notes: input.notes.trim().to_owned(),
        })
    }
}

impl TryFrom<ReplacementInput> for Replacement {
    type Error = ActionError;
    fn try_from(input: ReplacementInput) -> Result<Replacement, ActionError> {
        Ok(Replacement {
            replaced_on: date("replaced_on", &input.replaced_on)?,
            order_id: input.order_id,
            serial_numbers: input
                .serial_numbers
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            notes: input.notes.trim().to_owned(),
        })
    }
}

impl Store {
    /// Records that a refused item was taken back; the order becomes returned.
    pub fn record_return(&mut self, actor: &Actor, r: &ItemReturn) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordReturn {
                order_id: r.order_id.clone(),
                return_id: uuid::Uuid::now_v7().to_string(),
                returned_on: r.returned_on,
                reason: r.reason.trim().to_owned(),
                notes: r.notes.clone(),
            },
        )
    }

    /// Records that another item was handed over in place of a refused one; the order becomes
    /// replaced and waits for the participant's confirmation.
    pub fn record_replacement(&mut self, actor: &Actor, r: &Replacement) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordReplacement {
                order_id: r.order_id.clone(),
                replacement_id: uuid::Uuid::now_v7().to_string(),
                replaced_on: r.replaced_on,
                serial_numbers: r.serial_numbers.clone(),
                notes: r.notes.clone(),
            },
        )
    }
}

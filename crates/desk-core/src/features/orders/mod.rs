//! Orders: the inbox, the order screen, and what the supplier does with an order — accept,
//! decline, assign, deliver, take back or replace.

pub mod assignment;
mod conflicts;
mod export;
pub mod filter;
mod inbox;
pub mod notices;
pub mod refusals;
mod stock_check;
pub mod views;

use portal_api::{DeliveredItem, MutationBody, ReceivedBy};

use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::model::{Delivery, Fitting};
use crate::kernel::store::Store;
use views::DeliveryInput;

/// Serial numbers as typed: trimmed, blank ones dropped.
fn serials(typed: Vec<String>) -> Vec<String> {
    typed.into_iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect()
}

impl TryFrom<DeliveryInput> for Delivery {
    type Error = ActionError;
    fn try_from(input: DeliveryInput) -> Result<Delivery, ActionError> {
        let delivered_on = crate::kernel::model::parse_date(&input.delivered_on)
            .map_err(|message| invalid("delivered_on", message))?;
        Ok(Delivery {
            order_id: input.order_id,
            delivered_on,
            place: input.place,
            serial_numbers: serials(input.serial_numbers),
            notes: input.notes,
            items: input
                .items
                .into_iter()
                .map(|item| DeliveredItem {
                    classifier_code: item.classifier_code,
                    serial_numbers: serials(item.serial_numbers),
                })
                .collect(),
            received_by: input.received_by.map(|r| match r {
                ReceivedBy::Representative { name } => ReceivedBy::Representative { name: name.trim().to_owned() },
                ReceivedBy::Participant => ReceivedBy::Participant,
            }),
        })
    }
}

impl Store {
    /// The supplier accepts a placed order.
    pub fn accept_order(&mut self, actor: &Actor, order_id: &str) -> Result<String, ActionError> {
        self.act(actor, MutationBody::AcceptOrder { order_id: order_id.to_owned() })
    }

    /// The supplier declines a placed order; the reason goes to the portal and the audit log.
    pub fn decline_order(&mut self, actor: &Actor, order_id: &str, reason: &str) -> Result<String, ActionError> {
        self.act(actor, MutationBody::DeclineOrder { order_id: order_id.to_owned(), reason: reason.trim().to_owned() })
    }

    /// Records that an order's items were handed over.
    pub fn record_delivery(&mut self, actor: &Actor, d: &Delivery) -> Result<String, ActionError> {
        self.record_delivery_with_photos(actor, d, &[])
    }

    /// Records a delivery with photos as evidence (sha256 of photos added with
    /// [`Store::add_photo`]); the photos are linked in the action's transaction.
    pub fn record_delivery_with_photos(
        &mut self,
        actor: &Actor,
        d: &Delivery,
        photos: &[String],
    ) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordDelivery {
                order_id: d.order_id.clone(),
                delivery_id: uuid::Uuid::now_v7().to_string(),
                delivered_on: d.delivered_on,
                place: d.place.trim().to_owned(),
                // Per-line serials make the flat list, so that both say the same.
                serial_numbers: if d.items.is_empty() {
                    d.serial_numbers.clone()
                } else {
                    portal_api::flat_serials(&d.items)
                },
                notes: d.notes.clone(),
                photos: photos.to_vec(),
                items: d.items.clone(),
                received_by: d.received_by.clone(),
            },
        )
    }

    /// Records a fitting session in the workshop; the order moves to fitting.
    pub fn record_fitting(&mut self, actor: &Actor, f: &Fitting) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::RecordFitting {
                order_id: f.order_id.clone(),
                fitting_id: uuid::Uuid::now_v7().to_string(),
                fitted_on: f.fitted_on,
                technician: f.technician.trim().to_owned(),
                serial_numbers: f.serial_numbers.clone(),
                adjustments: f.adjustments.clone(),
                warranty_start: f.warranty_start,
            },
        )
    }
}

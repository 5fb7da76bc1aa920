//! User actions. Each is one SQLite transaction that writes the domain rows, the outbox entry the
//! portal must receive, and the audit-log entry together: all three or none.
//!
//! The local rows show the action at once (optimistic state); the portal decides. A mutation the
//! portal refuses becomes a conflict (see `conflicts.rs`) and the local rows return to what the
//! portal last said.

use chrono::Utc;
use portal_api::{MutationBody, OrderStatus, RegionStock};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::attachments;
use crate::lifecycle::Transition;
use crate::model::{Delivery, Fitting, PriceError, check_price};
use crate::money::Money;
use crate::stock;
use crate::store::{self, Store, StoreError, parse_status};

pub use crate::access::Actor;

#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    #[error("{field}: {message}")]
    Invalid { field: &'static str, message: String },
    #[error(transparent)]
    Forbidden(#[from] crate::access::AccessError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ActionError {
    fn from(e: rusqlite::Error) -> Self {
        ActionError::Store(StoreError::Sqlite(e))
    }
}

pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> ActionError {
    ActionError::Invalid { field, message: message.into() }
}

/// A new offering as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOffering {
    pub classifier_code: String,
    pub price: Money,
    pub regions: Vec<String>,
    /// The stock of each region; a region left out holds none.
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
}

/// Changes to an offering; `None` keeps a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferingUpdate {
    pub price: Option<Money>,
    pub regions: Option<Vec<String>>,
    pub warranty_months: Option<u32>,
    pub description: Option<String>,
    pub published: Option<bool>,
}

/// The wire name of a mutation's kind, as stored in the outbox and the audit log.
pub(crate) fn kind_of(body: &MutationBody) -> &'static str {
    match body {
        MutationBody::AcceptOrder { .. } => "accept_order",
        MutationBody::DeclineOrder { .. } => "decline_order",
        MutationBody::RecordDelivery { .. } => "record_delivery",
        MutationBody::RecordFitting { .. } => "record_fitting",
        MutationBody::CreateOffering { .. } => "create_offering",
        MutationBody::UpdateOffering { .. } => "update_offering",
        MutationBody::ChangeStock { .. } => "change_stock",
        MutationBody::RecordFittingSession { .. } => "record_fitting_session",
        MutationBody::RecordReturn { .. } => "record_return",
        MutationBody::RecordReplacement { .. } => "record_replacement",
        MutationBody::AssignOrder { .. } => "assign_order",
    }
}

/// The entity a mutation changes: (table name in the audit log, id).
pub(crate) fn entity_of(body: &MutationBody) -> (&'static str, &str) {
    body.entity()
}

impl TryFrom<crate::views::DeliveryInput> for Delivery {
    type Error = ActionError;
    fn try_from(input: crate::views::DeliveryInput) -> Result<Delivery, ActionError> {
        let delivered_on =
            crate::model::parse_date(&input.delivered_on).map_err(|message| invalid("delivered_on", message))?;
        Ok(Delivery {
            order_id: input.order_id,
            delivered_on,
            place: input.place,
            serial_numbers: input
                .serial_numbers
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            notes: input.notes,
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
                serial_numbers: d.serial_numbers.clone(),
                notes: d.notes.clone(),
                photos: photos.to_vec(),
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

    /// Creates an offering; returns its id.
    pub fn create_offering(&mut self, actor: &Actor, o: &NewOffering) -> Result<String, ActionError> {
        let offering_id = uuid::Uuid::now_v7().to_string();
        self.act(
            actor,
            MutationBody::CreateOffering {
                offering_id: offering_id.clone(),
                classifier_code: o.classifier_code.clone(),
                price_tiyn: o.price.tiyn(),
                stock: crate::stock::total(&o.stock_by_region)?,
                regions: o.regions.clone(),
                stock_by_region: o.stock_by_region.clone(),
                warranty_months: o.warranty_months,
                description: o.description.clone(),
                published: o.published,
                photos: Vec::new(),
            },
        )?;
        Ok(offering_id)
    }

    pub fn update_offering(
        &mut self,
        actor: &Actor,
        offering_id: &str,
        u: &OfferingUpdate,
    ) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::UpdateOffering {
                offering_id: offering_id.to_owned(),
                price_tiyn: u.price.map(Money::tiyn),
                regions: u.regions.clone(),
                warranty_months: u.warranty_months,
                description: u.description.clone(),
                published: u.published,
                photos: None,
            },
        )
    }

    /// Adds `delta` to an offering's stock in one of its regions (negative to take away). Sent
    /// as a delta so that changes made on several devices add up instead of overwriting each
    /// other.
    pub fn change_stock(
        &mut self,
        actor: &Actor,
        offering_id: &str,
        region: &str,
        delta: i64,
    ) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::ChangeStock { offering_id: offering_id.to_owned(), delta, region: Some(region.to_owned()) },
        )
    }

    /// Validates and applies `body` locally, and queues it for the portal, in one transaction.
    /// Returns the mutation id.
    pub(crate) fn act(&mut self, actor: &Actor, body: MutationBody) -> Result<String, ActionError> {
        let tx = self.transaction()?;
        let id = act_in(&tx, actor, body)?;
        tx.commit()?;
        Ok(id)
    }
}

/// The body of [`Store::act`], for callers that already hold a transaction.
pub(crate) fn act_in(tx: &Transaction<'_>, actor: &Actor, body: MutationBody) -> Result<String, ActionError> {
    actor.require(crate::access::Command::of_mutation(&body))?;
    // The portal's sizes, checked here so that a value too long is said next to its field
    // instead of coming back as a conflict.
    if let Some((field, problem)) = body.size_problem() {
        return Err(invalid(field, format!("the value {problem}")));
    }
    apply_locally(tx, &body)?;
    let (device_id, device_seq): (String, i64) = tx.query_row(
        "UPDATE sync_state SET next_device_seq = next_device_seq + 1 WHERE id = 1
         RETURNING device_id, next_device_seq - 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let now = Utc::now();
    let kind = kind_of(&body);
    let (entity, entity_id) = entity_of(&body);
    let payload = serde_json::to_string(&body).map_err(StoreError::Json)?;
    let mutation_id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO outbox (mutation_id, device_id, device_seq, kind, entity_id, payload, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![mutation_id, device_id, device_seq, kind, entity_id, payload, now],
    )?;
    store::audit(tx, actor.username(), kind, entity, entity_id, &payload)?;
    Ok(mutation_id)
}

/// The moves of an order's status that `body` makes from `status`: the one rule for an action
/// taken here and for a mutation replayed over the portal's snapshot (`store::refresh_order`).
pub(crate) fn order_path(body: &MutationBody, status: OrderStatus) -> &'static [Transition] {
    match body {
        MutationBody::AcceptOrder { .. } => &[Transition::Accept],
        MutationBody::DeclineOrder { .. } => &[Transition::Decline],
        MutationBody::RecordDelivery { .. } => match status {
            OrderStatus::Accepted => &[Transition::StartWork, Transition::Deliver],
            _ => &[Transition::Deliver],
        },
        MutationBody::RecordFitting { .. } => match status {
            OrderStatus::Accepted => &[Transition::StartWork, Transition::StartFitting],
            OrderStatus::Fitting => &[],
            _ => &[Transition::StartFitting],
        },
        MutationBody::RecordReturn { .. } => &[Transition::Return],
        MutationBody::RecordReplacement { .. } => &[Transition::Replace],
        MutationBody::RecordFittingSession { .. }
        | MutationBody::AssignOrder { .. }
        | MutationBody::CreateOffering { .. }
        | MutationBody::UpdateOffering { .. }
        | MutationBody::ChangeStock { .. } => &[],
    }
}

/// The local half of a mutation: the same rules the portal applies, on the local rows.
fn apply_locally(tx: &Transaction<'_>, body: &MutationBody) -> Result<(), ActionError> {
    match body {
        MutationBody::AcceptOrder { order_id } => {
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))
        }
        MutationBody::DeclineOrder { order_id, reason } => {
            if reason.trim().is_empty() {
                return Err(invalid("reason", "a reason for declining is required"));
            }
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))
        }
        MutationBody::RecordDelivery { order_id, delivery_id, delivered_on, place, serial_numbers, notes, photos } => {
            if place.trim().is_empty() {
                return Err(invalid("place", "where the items were handed over is required"));
            }
            attachments::check_photos(tx, photos)?;
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))?;
            tx.execute(
                "INSERT INTO deliveries (id, order_id, delivered_on, place, serial_numbers, notes, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    delivery_id,
                    order_id,
                    delivered_on,
                    place,
                    serde_json::to_string(serial_numbers).map_err(StoreError::Json)?,
                    notes,
                    Utc::now()
                ],
            )?;
            attachments::link_delivery(tx, delivery_id, photos)?;
            Ok(())
        }
        MutationBody::RecordFitting {
            order_id,
            fitting_id,
            fitted_on,
            technician,
            serial_numbers,
            adjustments,
            warranty_start,
        } => {
            if technician.trim().is_empty() {
                return Err(invalid("technician", "who fitted the item is required"));
            }
            crate::workshop::check_fitted(*fitted_on, serial_numbers, *warranty_start)?;
            let needs_fitting: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                                WHERE l.order_id = ?1 AND c.needs_fitting)",
                [order_id],
                |r| r.get(0),
            )?;
            if !needs_fitting {
                return Err(invalid("order", "none of this order's items needs fitting"));
            }
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))?;
            tx.execute(
                // A refused mark sent again (as it was, or corrected) keeps its id: its row is
                // written over.
                "INSERT INTO fittings (id, order_id, fitted_on, technician, serial_numbers, adjustments,
                                       warranty_start, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET fitted_on = excluded.fitted_on, technician = excluded.technician,
                     serial_numbers = excluded.serial_numbers, adjustments = excluded.adjustments,
                     warranty_start = excluded.warranty_start, recorded_at = excluded.recorded_at
                 WHERE fittings.order_id = excluded.order_id",
                params![
                    fitting_id,
                    order_id,
                    fitted_on,
                    technician,
                    serde_json::to_string(serial_numbers).map_err(StoreError::Json)?,
                    adjustments,
                    warranty_start,
                    Utc::now()
                ],
            )?;
            Ok(())
        }
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
        } => {
            checked_price(tx, classifier_code, *price_tiyn)?;
            if *stock < 0 {
                return Err(invalid("stock", "stock cannot be negative"));
            }
            if let Some(problem) = portal_api::stock_breakdown_problem(regions, *stock, stock_by_region) {
                return Err(invalid("stock", problem));
            }
            attachments::check_photos(tx, photos)?;
            tx.execute(
                "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                        description, published, updated_at, portal_json, stock_by_region)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10)",
                params![
                    offering_id,
                    classifier_code,
                    price_tiyn,
                    stock,
                    serde_json::to_string(regions).map_err(StoreError::Json)?,
                    warranty_months,
                    description,
                    published,
                    Utc::now(),
                    serde_json::to_string(&portal_api::region_stock(regions, *stock, stock_by_region))
                        .map_err(StoreError::Json)?
                ],
            )?;
            attachments::link_offering(tx, offering_id, photos)?;
            Ok(())
        }
        MutationBody::UpdateOffering {
            offering_id,
            price_tiyn,
            regions,
            warranty_months,
            description,
            published,
            photos,
        } => {
            let code = offering_classifier(tx, offering_id)?;
            if let Some(price) = price_tiyn {
                checked_price(tx, &code, *price)?;
            }
            if let Some(photos) = photos {
                attachments::check_photos(tx, photos)?;
                attachments::link_offering(tx, offering_id, photos)?;
            }
            if let Some(regions) = regions {
                stock::apply_regions(tx, offering_id, regions)?;
            }
            let regions = regions.as_ref().map(serde_json::to_string).transpose().map_err(StoreError::Json)?;
            tx.execute(
                "UPDATE offerings SET price_tiyn = coalesce(?2, price_tiyn), regions = coalesce(?3, regions),
                        warranty_months = coalesce(?4, warranty_months),
                        description = coalesce(?5, description), published = coalesce(?6, published),
                        updated_at = ?7
                 WHERE id = ?1",
                params![offering_id, price_tiyn, regions, warranty_months, description, published, Utc::now()],
            )?;
            Ok(())
        }
        MutationBody::ChangeStock { offering_id, delta, region } => {
            stock::apply_change(tx, offering_id, region.as_deref(), *delta)
        }
        MutationBody::RecordFittingSession { order_id, session_id, session_on, technician, notes, measurements } => {
            crate::workshop::apply_session(
                tx,
                &crate::workshop::SessionRow {
                    id: session_id,
                    order_id,
                    session_on: *session_on,
                    technician,
                    notes,
                    measurements,
                },
            )
        }
        MutationBody::RecordReturn { .. } | MutationBody::RecordReplacement { .. } => {
            crate::refusals::apply_locally(tx, body)
        }
        MutationBody::AssignOrder { order_id, assignee } => crate::assignment::apply_locally(tx, order_id, assignee),
    }
}

pub(crate) fn order_status(tx: &Transaction<'_>, order_id: &str) -> Result<OrderStatus, ActionError> {
    let status: Option<String> =
        tx.query_row("SELECT status FROM orders WHERE id = ?1", [order_id], |r| r.get(0)).optional()?;
    let status = status.ok_or_else(|| StoreError::NotFound { entity: "order", id: order_id.to_owned() })?;
    Ok(parse_status(&status)?)
}

/// Moves an order's local status along `path`, refusing moves the lifecycle does not allow.
pub(crate) fn move_order(tx: &Transaction<'_>, order_id: &str, path: &[Transition]) -> Result<(), ActionError> {
    let mut status = order_status(tx, order_id)?;
    for t in path {
        status = t.apply(status).map_err(StoreError::Transition)?;
    }
    store::set_status(tx, order_id, status)?;
    Ok(())
}

fn offering_classifier(tx: &Transaction<'_>, offering_id: &str) -> Result<String, ActionError> {
    let code: Option<String> =
        tx.query_row("SELECT classifier_code FROM offerings WHERE id = ?1", [offering_id], |r| r.get(0)).optional()?;
    Ok(code.ok_or_else(|| StoreError::NotFound { entity: "offering", id: offering_id.to_owned() })?)
}

/// The price rule against the classifier as the desk knows it; the portal checks it again.
fn checked_price(tx: &Transaction<'_>, classifier_code: &str, price_tiyn: i64) -> Result<(), ActionError> {
    let item = store::classifier_item(tx, classifier_code)?
        .ok_or_else(|| invalid("classifier_code", format!("{classifier_code} is not in the classifier")))?;
    check_price(Money::from_tiyn(price_tiyn), &item).map_err(|e| match e {
        PriceError::NotPositive | PriceError::AboveLimit { .. } => invalid("price", e.to_string()),
    })
}

//! The replica: the portal's state as this desk holds it, with this desk's mutations laid over
//! it. A user action is one transaction that applies its mutation to the local rows by the same
//! rules the portal applies (`apply_locally`), and queues it with its audit entry (the kernel's
//! outbox): all or nothing. The local rows show the action at once; the portal decides. A
//! mutation the portal refuses becomes a conflict and the local rows return to what the portal
//! last said, with the mutations still overlaid replayed on top.

pub(crate) mod offerings;
pub(crate) mod orders;
pub(crate) mod overlay;
pub(crate) mod payments;
pub(crate) mod refusals;
pub(crate) mod stock;
pub mod supplier_profile;
pub(crate) mod warranty;
pub(crate) mod workshop;

use chrono::Utc;
use portal_api::MutationBody;
use rusqlite::{Transaction, params};

use crate::kernel::Problem;
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::{Store, StoreError};
use crate::kernel::{attachments, outbox};
use offerings::{checked_price, offering_classifier};
use orders::{move_order, order_path, order_status};

impl Store {
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
    outbox::permit(actor, &body)?;
    apply_locally(tx, &body)?;
    outbox::record(tx, actor, &body)
}

/// The local half of a mutation: the same rules the portal applies, on the local rows.
fn apply_locally(tx: &Transaction<'_>, body: &MutationBody) -> Result<(), ActionError> {
    match body {
        MutationBody::AcceptOrder { order_id } => {
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))
        }
        MutationBody::DeclineOrder { order_id, reason } => {
            if reason.trim().is_empty() {
                return Err(invalid(
                    "reason",
                    Problem::new("decline_reason_required", "a reason for declining is required"),
                ));
            }
            move_order(tx, order_id, order_path(body, order_status(tx, order_id)?))
        }
        MutationBody::RecordDelivery {
            order_id,
            delivery_id,
            delivered_on,
            place,
            serial_numbers,
            notes,
            photos,
            items,
            received_by,
        } => {
            if place.trim().is_empty() {
                return Err(invalid(
                    "place",
                    Problem::new("delivery_place_required", "where the items were handed over is required"),
                ));
            }
            if let Some((_, text)) = portal_api::received_by_problem(received_by.as_ref()) {
                return Err(invalid("received_by", Problem::new("delivery_receiver_name", text)));
            }
            // An unknown order is refused as such before its lines are looked at.
            let status = order_status(tx, order_id)?;
            let lines = orders::line_codes(tx, order_id)?;
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            if let Some((field, text)) = portal_api::delivered_items_problem(items, serial_numbers, &lines) {
                let problem = if field == "items" {
                    Problem::new("delivery_item_not_in_order", text)
                } else {
                    Problem::new("delivery_serials_mismatch", text)
                };
                return Err(invalid(field, problem));
            }
            attachments::check_photos(tx, photos)?;
            move_order(tx, order_id, order_path(body, status))?;
            tx.execute(
                "INSERT INTO deliveries (id, order_id, delivered_on, place, serial_numbers, notes, recorded_at, items,
                                         received_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    delivery_id,
                    order_id,
                    delivered_on,
                    place,
                    serde_json::to_string(serial_numbers).map_err(StoreError::Json)?,
                    notes,
                    Utc::now(),
                    serde_json::to_string(items).map_err(StoreError::Json)?,
                    received_by.as_ref().map(serde_json::to_string).transpose().map_err(StoreError::Json)?
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
                return Err(invalid(
                    "technician",
                    Problem::new("fitted_technician_required", "who fitted the item is required"),
                ));
            }
            workshop::check_fitted(*fitted_on, serial_numbers, *warranty_start)?;
            let needs_fitting: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                                WHERE l.order_id = ?1 AND c.needs_fitting)",
                [order_id],
                |r| r.get(0),
            )?;
            if !needs_fitting {
                return Err(invalid(
                    "order",
                    Problem::new("order_needs_no_fitting", "none of this order's items needs fitting"),
                ));
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
            model,
            manufacturer,
        } => {
            checked_price(tx, classifier_code, *price_tiyn)?;
            if *stock < 0 {
                return Err(invalid("stock", Problem::new("stock_negative", "stock cannot be negative")));
            }
            if let Some(problem) = portal_api::stock_breakdown_problem(regions, *stock, stock_by_region) {
                return Err(invalid("stock", problem));
            }
            attachments::check_photos(tx, photos)?;
            tx.execute(
                "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                        description, published, updated_at, portal_json, stock_by_region,
                                        model, manufacturer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?11, ?12)",
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
                        .map_err(StoreError::Json)?,
                    model.as_deref().and_then(portal_api::model_text),
                    manufacturer.as_deref().and_then(portal_api::model_text)
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
            model,
            manufacturer,
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
            // Absent keeps the model or manufacturer; a blank one clears it (as the portal does).
            let (set_model, model) = (model.is_some(), model.as_deref().and_then(portal_api::model_text));
            let (set_maker, manufacturer) =
                (manufacturer.is_some(), manufacturer.as_deref().and_then(portal_api::model_text));
            tx.execute(
                "UPDATE offerings SET price_tiyn = coalesce(?2, price_tiyn), regions = coalesce(?3, regions),
                        warranty_months = coalesce(?4, warranty_months),
                        description = coalesce(?5, description), published = coalesce(?6, published),
                        updated_at = ?7, model = iif(?8, ?9, model), manufacturer = iif(?10, ?11, manufacturer)
                 WHERE id = ?1",
                params![
                    offering_id,
                    price_tiyn,
                    regions,
                    warranty_months,
                    description,
                    published,
                    Utc::now(),
                    set_model,
                    model,
                    set_maker,
                    manufacturer
                ],
            )?;
            Ok(())
        }
        MutationBody::ChangeStock { offering_id, delta, region } => {
            stock::apply_change(tx, offering_id, region.as_deref(), *delta)
        }
        MutationBody::RecordFittingSession { order_id, session_id, session_on, technician, notes, measurements } => {
            workshop::apply_session(
                tx,
                &workshop::SessionRow {
                    id: session_id,
                    order_id,
                    session_on: *session_on,
                    technician,
                    notes,
                    measurements,
                },
            )
        }
        MutationBody::RecordReturn { .. } | MutationBody::RecordReplacement { .. } => refusals::apply_locally(tx, body),
        MutationBody::AssignOrder { order_id, assignee } => orders::assign(tx, order_id, assignee),
        MutationBody::RecordWarrantyService { .. } => warranty::apply_locally(tx, body),
    }
}

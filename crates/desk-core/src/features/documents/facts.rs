//! What a document states, read from the store in the document's language: the order, its
//! participant and items, the supplier, and the recorded delivery or fitting.

use chrono::NaiveDate;
use portal_api::{DeliveredItem, OrderStatus, ReceivedBy};
use rusqlite::{Connection, OptionalExtension};

use super::{DocumentError, DocumentKind, Lang};
use crate::kernel::model::Order;
use crate::kernel::money::Money;
use crate::kernel::store::StoreError;
use crate::replica::orders::read_order;
use crate::replica::supplier_profile::SupplierProfile;

pub(crate) struct Item {
    pub code: String,
    pub name: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub total: Money,
}

pub(crate) struct DeliveryFacts {
    pub delivered_on: NaiveDate,
    pub place: String,
    pub serial_numbers: Vec<String>,
    pub notes: String,
    /// The serial numbers per order line; none for a delivery recorded with the flat list only.
    pub items: Vec<DeliveredItem>,
    pub received_by: Option<ReceivedBy>,
}

pub(crate) struct FittingFacts {
    pub fitted_on: NaiveDate,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    pub warranty_start: NaiveDate,
}

pub(crate) struct Facts {
    pub order: Order,
    pub supplier: Option<SupplierProfile>,
    pub items: Vec<Item>,
    pub total: Money,
    pub delivery: Option<DeliveryFacts>,
    pub fitting: Option<FittingFacts>,
}

/// The statuses in which the desk holds the order as handed over: a delivery the portal refused
/// moves the order back, and then its act is not made.
fn handed_over(s: OrderStatus) -> bool {
    matches!(
        s,
        OrderStatus::Delivered
            | OrderStatus::Confirmed
            | OrderStatus::Paid
            | OrderStatus::RefusedAtReceipt
            | OrderStatus::Returned
            | OrderStatus::Replaced
    )
}

/// The statuses that follow a fitting (the order was fitted, or went on to be handed over).
fn fitted(s: OrderStatus) -> bool {
    s == OrderStatus::Fitting || handed_over(s)
}

/// The id of the order with this number.
pub(crate) fn order_id_by_number(conn: &Connection, number: &str) -> Result<String, DocumentError> {
    conn.query_row("SELECT id FROM orders WHERE number = ?1", [number.trim()], |r| r.get(0))
        .optional()
        .map_err(StoreError::from)?
        .ok_or_else(|| DocumentError::Invalid {
            field: "order",
            message: format!("no order numbered {} on this desk", number.trim()),
        })
}

pub(crate) fn read(conn: &Connection, order_id: &str, kind: DocumentKind, lang: Lang) -> Result<Facts, DocumentError> {
    let order = read_order(conn, order_id)?;
    let supplier = conn
        .query_row("SELECT bin, name FROM supplier_profile WHERE id = 1", [], |r| {
            Ok(SupplierProfile { bin: r.get(0)?, name: r.get(1)? })
        })
        .optional()
        .map_err(StoreError::from)?;
    let name_column = match lang {
        Lang::Kk => "name_kk",
        Lang::Ru => "name_ru",
        Lang::En => "name_en",
    };
    let mut items = Vec::with_capacity(order.lines.len());
    let mut total = Money::ZERO;
    for line in &order.lines {
        let name: Option<String> = conn
            .query_row(&format!("SELECT {name_column} FROM classifier WHERE code = ?1"), [&line.classifier_code], |r| {
                r.get(0)
            })
            .optional()
            .map_err(StoreError::from)?;
        let line_total = line.unit_price.checked_mul(i64::from(line.quantity)).ok_or(DocumentError::Invalid {
            field: "order",
            message: "an item's total is too large to print".into(),
        })?;
        total = Money::from_tiyn(total.tiyn().saturating_add(line_total.tiyn()));
        items.push(Item {
            code: line.classifier_code.clone(),
            name: name.unwrap_or_else(|| line.classifier_code.clone()),
            quantity: line.quantity,
            unit_price: line.unit_price,
            total: line_total,
        });
    }
    let delivery = match kind {
        DocumentKind::DeliveryAct => Some(latest_delivery(conn, &order)?),
        _ => None,
    };
    let fitting = match kind {
        DocumentKind::FittingAct => Some(latest_fitting(conn, &order)?),
        _ => None,
    };
    Ok(Facts { order, supplier, items, total, delivery, fitting })
}

fn serials(json: &str) -> Result<Vec<String>, DocumentError> {
    Ok(serde_json::from_str(json).map_err(StoreError::Json)?)
}

fn latest_delivery(conn: &Connection, order: &Order) -> Result<DeliveryFacts, DocumentError> {
    let row = conn
        .query_row(
            "SELECT delivered_on, place, serial_numbers, notes, items, received_by FROM deliveries
             WHERE order_id = ?1 ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
            [&order.id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            },
        )
        .optional()
        .map_err(StoreError::from)?;
    match row {
        Some((delivered_on, place, serial_json, notes, items_json, received_json)) if handed_over(order.status) => {
            Ok(DeliveryFacts {
                delivered_on,
                place,
                serial_numbers: serials(&serial_json)?,
                notes,
                items: serde_json::from_str(&items_json).map_err(StoreError::Json)?,
                received_by: received_json
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()
                    .map_err(StoreError::Json)?,
            })
        }
        _ => Err(DocumentError::Invalid {
            field: "order",
            message: format!("order {} has no recorded delivery; an act of delivery needs one", order.number),
        }),
    }
}

fn latest_fitting(conn: &Connection, order: &Order) -> Result<FittingFacts, DocumentError> {
    let row = conn
        .query_row(
            "SELECT fitted_on, technician, serial_numbers, adjustments, warranty_start FROM fittings
             WHERE order_id = ?1 ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
            [&order.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()
        .map_err(StoreError::from)?;
    match row {
        Some((fitted_on, technician, serial_json, adjustments, warranty_start)) if fitted(order.status) => {
            Ok(FittingFacts {
                fitted_on,
                technician,
                serial_numbers: serials(&serial_json)?,
                adjustments,
                warranty_start,
            })
        }
        _ => Err(DocumentError::Invalid {
            field: "order",
            message: format!("order {} has no recorded fitting; an act of fitting needs one", order.number),
        }),
    }
}

/// Which acts the facts on this desk allow for an order, for the order screen's buttons.
pub(crate) fn available(
    conn: &Connection,
    order_id: &str,
    status: OrderStatus,
) -> Result<Vec<DocumentKind>, StoreError> {
    let has = |table: &str| -> Result<bool, StoreError> {
        Ok(conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE order_id = ?1)"), [order_id], |r| {
            r.get(0)
        })?)
    };
    let mut kinds = vec![DocumentKind::OrderLabel];
    if handed_over(status) && has("deliveries")? {
        kinds.push(DocumentKind::DeliveryAct);
    }
    if fitted(status) && has("fittings")? {
        kinds.push(DocumentKind::FittingAct);
    }
    Ok(kinds)
}

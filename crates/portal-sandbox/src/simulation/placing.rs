//! Simulated participants placing orders.

use chrono::{DateTime, Utc};
use portal_api::Order;
use rusqlite::Connection;

use crate::demo;
use crate::rng::Rng;
use crate::store::catalog::{self, OfferingRef};
use crate::store::orders::{self, NewOrder};
use crate::store::{StoreError, participants};

/// A random participant orders 1-3 published offerings of one supplier (delivered to the
/// participant's region when there are such). With `fitting` given, the order holds an item
/// fitted in a workshop (`Some(true)`) or none (`Some(false)`); otherwise one in five does.
/// `None` when there is nobody or nothing to order.
pub(crate) fn place_random_order(
    conn: &Connection,
    rng: &mut Rng,
    placed_at: DateTime<Utc>,
    fitting: Option<bool>,
) -> Result<Option<Order>, StoreError> {
    let people = participants::all(conn)?;
    let Some((participant_id, region)) = rng.pick(&people).cloned() else { return Ok(None) };
    let mut offerings = catalog::published_offerings(conn)?;
    if fitting == Some(false) {
        offerings.retain(|o| !o.needs_fitting);
    }
    let local: Vec<OfferingRef> = offerings.iter().filter(|o| o.regions.contains(&region)).cloned().collect();
    let local_fits = local.iter().any(|o| o.needs_fitting);
    let pool = if local.is_empty() || (fitting == Some(true) && !local_fits) { &offerings[..] } else { &local[..] };
    let starters: Vec<&OfferingRef> = match fitting {
        Some(true) => pool.iter().filter(|o| o.needs_fitting).collect(),
        _ => pool.iter().collect(),
    };
    let Some(supplier_id) = rng.pick(&starters).map(|o| o.supplier_id.clone()) else { return Ok(None) };
    let of_supplier: Vec<OfferingRef> = pool.iter().filter(|o| o.supplier_id == supplier_id).cloned().collect();
    let with_fitting = fitting.unwrap_or_else(|| rng.percent(20));
    let lines = demo::choose_lines(rng, &of_supplier, with_fitting);
    if lines.is_empty() {
        return Ok(None);
    }
    let order = orders::place(
        conn,
        &NewOrder { id: uuid::Uuid::new_v4().to_string(), supplier_id, participant_id, lines, placed_at },
    )?;
    Ok(Some(order))
}

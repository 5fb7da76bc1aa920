//! What the order screen warns of without refusing: stock at acceptance (each line whose
//! offering holds less than the line's quantity in the participant's region, with the
//! offering's stock in every region: stock may be on its way, and the portal decides), and a
//! serial number the desk also holds for another order.

use portal_api::RegionStock;
use portal_rules::stock::region_stock;

use super::views::{SerialElsewhere, StockWarning};
use crate::kernel::store::{Store, StoreError};

impl Store {
    pub(super) fn stock_warnings(&self, order_id: &str, region: &str) -> Result<Vec<StockWarning>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT l.classifier_code, l.quantity, o.regions, o.stock, o.stock_by_region
             FROM order_lines l JOIN offerings o ON o.id = l.offering_id
             WHERE l.order_id = ?1 ORDER BY l.line_no",
        )?;
        let mut rows = stmt.query([order_id])?;
        let mut warnings = Vec::new();
        while let Some(r) = rows.next()? {
            let needed: i64 = r.get(1)?;
            let regions: Vec<String> = serde_json::from_str(&r.get::<_, String>(2)?)?;
            let given: Vec<RegionStock> = serde_json::from_str(&r.get::<_, String>(4)?)?;
            let by_region = region_stock(&regions, r.get(3)?, &given);
            let held = by_region.iter().find(|s| s.region == region).map_or(0, |s| s.quantity);
            if held < needed {
                warnings.push(StockWarning {
                    classifier_code: r.get(0)?,
                    region: region.to_owned(),
                    needed,
                    held,
                    elsewhere: by_region.into_iter().filter(|s| s.region != region && s.quantity > 0).collect(),
                });
            }
        }
        Ok(warnings)
    }

    pub(super) fn serials_elsewhere(&self, order_id: &str) -> Result<Vec<SerialElsewhere>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT DISTINCT other.serial, o.id, o.number
             FROM order_serials mine
             JOIN order_serials other ON other.serial = mine.serial AND other.order_id <> mine.order_id
             JOIN orders o ON o.id = other.order_id
             WHERE mine.order_id = ?1
             ORDER BY other.serial, o.number",
        )?;
        let rows = stmt
            .query_map([order_id], |r| {
                Ok(SerialElsewhere { serial: r.get(0)?, order_id: r.get(1)?, number: r.get(2)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

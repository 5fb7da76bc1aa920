//! Stock at acceptance: before a placed order is accepted, each line whose offering holds less
//! than the line's quantity in the participant's region, with the offering's stock in every
//! region. A warning, not a refusal: stock may be on its way, and the portal decides.

use portal_api::RegionStock;
use portal_rules::stock::region_stock;

use super::views::StockWarning;
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
}

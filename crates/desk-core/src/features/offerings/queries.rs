//! The offerings screen's list.

use portal_api::LocalizedText;

use super::views::OfferingRow;
use crate::kernel::store::{Store, StoreError};

impl Store {
    /// The supplier's offerings with their classifier names and limit prices.
    pub fn offerings(&self) -> Result<Vec<OfferingRow>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT o.id, o.classifier_code, c.category, c.name_kk, c.name_ru, c.name_en,
                    o.price_tiyn, c.limit_price_tiyn, o.stock, o.regions, o.warranty_months, o.published,
                    o.description, o.stock_by_region, o.model, o.manufacturer
             FROM offerings o JOIN classifier c ON c.code = o.classifier_code
             ORDER BY c.category, o.classifier_code, o.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                OfferingRow {
                    id: r.get(0)?,
                    classifier_code: r.get(1)?,
                    category: portal_api::Category::Services,
                    name: LocalizedText { kk: r.get(3)?, ru: r.get(4)?, en: r.get(5)? },
                    price_tiyn: r.get(6)?,
                    limit_price_tiyn: r.get(7)?,
                    stock: r.get(8)?,
                    regions: Vec::new(),
                    stock_by_region: Vec::new(),
                    warranty_months: r.get(10)?,
                    description: r.get(12)?,
                    published: r.get(11)?,
                    model: r.get(14)?,
                    manufacturer: r.get(15)?,
                },
                r.get::<_, String>(2)?,
                r.get::<_, String>(9)?,
                r.get::<_, String>(13)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, category, regions, by_region) = row?;
            row.category = portal_api::Category::parse(&category)
                .ok_or(StoreError::UnknownValue { column: "classifier.category", value: category })?;
            row.regions = serde_json::from_str(&regions)?;
            let given: Vec<portal_api::RegionStock> = serde_json::from_str(&by_region)?;
            row.stock_by_region = portal_api::region_stock(&row.regions, row.stock, &given);
            out.push(row);
        }
        Ok(out)
    }
}

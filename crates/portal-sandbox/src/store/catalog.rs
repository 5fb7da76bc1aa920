//! The classifier and the suppliers' offerings.

use chrono::{DateTime, Utc};
use portal_api::{Category, ClassifierItem, Entity, LocalizedText, Offering};
use rusqlite::{Connection, params};

use super::{StoreError, changes};

/// Stores a classifier item and appends it to every supplier's feed.
pub(crate) fn save_classifier_item(
    conn: &Connection,
    item: &ClassifierItem,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO classifier_item (code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn,
             needs_fitting, warranty_months, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (code) DO UPDATE SET
             category = excluded.category, name_kk = excluded.name_kk, name_ru = excluded.name_ru,
             name_en = excluded.name_en, unit = excluded.unit,
             limit_price_tiyn = excluded.limit_price_tiyn, needs_fitting = excluded.needs_fitting,
             warranty_months = excluded.warranty_months, updated_at = excluded.updated_at",
        params![
            item.code,
            item.category.as_str(),
            item.name.kk,
            item.name.ru,
            item.name.en,
            item.unit,
            item.limit_price_tiyn,
            item.needs_fitting,
            item.warranty_months,
            at,
        ],
    )?;
    changes::append(conn, None, &Entity::Classifier(item.clone()), at)?;
    Ok(())
}

/// The classifier item with `code`, if there is one.
pub(crate) fn classifier_item(conn: &Connection, code: &str) -> Result<Option<ClassifierItem>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn, needs_fitting, warranty_months
         FROM classifier_item WHERE code = ?1",
    )?;
    let mut rows = stmt.query([code])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let category: String = r.get(1)?;
    Ok(Some(ClassifierItem {
        code: r.get(0)?,
        category: Category::parse(&category)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown category {category:?}")))?,
        name: LocalizedText { kk: r.get(2)?, ru: r.get(3)?, en: r.get(4)? },
        unit: r.get(5)?,
        limit_price_tiyn: r.get(6)?,
        needs_fitting: r.get(7)?,
        warranty_months: r.get(8)?,
    }))
}

/// Stores a supplier's offering and appends it to that supplier's feed. The price rule of the
/// domain (at most the classifier's limit price) is checked here.
pub(crate) fn save_offering(conn: &Connection, supplier_id: &str, o: &Offering) -> Result<(), StoreError> {
    let limit = classifier_item(conn, &o.classifier_code)?
        .ok_or_else(|| StoreError::NotFound { kind: "classifier item", id: o.classifier_code.clone() })?
        .limit_price_tiyn;
    if o.price_tiyn <= 0 || o.price_tiyn > limit {
        return Err(StoreError::Corrupt(format!(
            "offering {} is priced {} tiyn, outside 1..={limit}",
            o.id, o.price_tiyn
        )));
    }
    write_offering(conn, supplier_id, o)
}

/// Stores an offering as it is and appends it to the supplier's feed. The caller has checked
/// the rules: an offering priced above a limit that was lowered later stays as it is, and its
/// stock may still change. Its stock is stored and sent per region: the regions holding some
/// (a service's twenty regions would otherwise ride along with every stock change of it).
pub(crate) fn write_offering(conn: &Connection, supplier_id: &str, o: &Offering) -> Result<(), StoreError> {
    let o = Offering { stock_by_region: held_by_region(o), ..o.clone() };
    conn.prepare_cached(
        "INSERT INTO offering (id, supplier_id, classifier_code, price_tiyn, stock, regions, warranty_months,
             description, published, updated_at, stock_by_region, photos, model, manufacturer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET
             classifier_code = excluded.classifier_code, price_tiyn = excluded.price_tiyn,
             stock = excluded.stock, regions = excluded.regions,
             warranty_months = excluded.warranty_months, description = excluded.description,
             published = excluded.published, updated_at = excluded.updated_at,
             stock_by_region = excluded.stock_by_region, photos = excluded.photos,
             model = excluded.model, manufacturer = excluded.manufacturer",
    )?
    .execute(params![
        o.id,
        supplier_id,
        o.classifier_code,
        o.price_tiyn,
        o.stock,
        serde_json::to_string(&o.regions)?,
        o.warranty_months,
        o.description,
        o.published,
        o.updated_at,
        serde_json::to_string(&o.stock_by_region)?,
        serde_json::to_string(o.photos.as_deref().unwrap_or_default())?,
        o.model,
        o.manufacturer,
    ])?;
    changes::append(conn, Some(supplier_id), &Entity::Offering(o.clone()), o.updated_at)?;
    Ok(())
}

/// An offering and the supplier it belongs to, if there is one with `id`.
pub(crate) fn load_offering(conn: &Connection, id: &str) -> Result<Option<(String, Offering)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT supplier_id, id, classifier_code, price_tiyn, stock, regions, warranty_months, description,
                published, updated_at, stock_by_region, photos, model, manufacturer
         FROM offering WHERE id = ?1",
    )?;
    let mut rows = stmt.query([id])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let regions: String = r.get(5)?;
    let by_region: String = r.get(10)?;
    let photos: String = r.get(11)?;
    let mut offering = Offering {
        id: r.get(1)?,
        classifier_code: r.get(2)?,
        price_tiyn: r.get(3)?,
        stock: r.get(4)?,
        regions: serde_json::from_str(&regions)?,
        stock_by_region: serde_json::from_str(&by_region)?,
        warranty_months: r.get(6)?,
        description: r.get(7)?,
        published: r.get(8)?,
        updated_at: r.get(9)?,
        photos: Some(serde_json::from_str(&photos)?),
        model: r.get(12)?,
        manufacturer: r.get(13)?,
    };
    offering.stock_by_region = held_by_region(&offering);
    Ok(Some((r.get(0)?, offering)))
}

/// The regions of `o` that hold some of its stock, as stored and sent (see `write_offering`);
/// a row stored before regional stock (`[]`) holds it in the first region.
fn held_by_region(o: &Offering) -> Vec<portal_api::RegionStock> {
    o.region_stock().into_iter().filter(|r| r.quantity != 0).collect()
}

/// An offering as the order desk needs it: with its owner and whether it needs fitting.
#[derive(Debug, Clone)]
pub(crate) struct OfferingRef {
    pub id: String,
    pub supplier_id: String,
    pub classifier_code: String,
    pub category: Category,
    pub unit: String,
    pub price_tiyn: i64,
    pub needs_fitting: bool,
    pub regions: Vec<String>,
}

/// Every published offering, in id order (so choices made from it are reproducible).
pub(crate) fn published_offerings(conn: &Connection) -> Result<Vec<OfferingRef>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.supplier_id, o.classifier_code, c.category, c.unit, o.price_tiyn, c.needs_fitting, o.regions
         FROM offering o JOIN classifier_item c ON c.code = o.classifier_code
         WHERE o.published = 1 ORDER BY o.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let category: String = r.get(3)?;
        let regions: String = r.get(7)?;
        out.push(OfferingRef {
            id: r.get(0)?,
            supplier_id: r.get(1)?,
            classifier_code: r.get(2)?,
            category: Category::parse(&category)
                .ok_or_else(|| StoreError::Corrupt(format!("unknown category {category:?}")))?,
            unit: r.get(4)?,
            price_tiyn: r.get(5)?,
            needs_fitting: r.get(6)?,
            regions: serde_json::from_str(&regions)?,
        });
    }
    Ok(out)
}

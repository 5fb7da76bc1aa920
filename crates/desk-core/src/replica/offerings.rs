//! Offerings and the classifier as the desk holds them: the portal's snapshot with the local
//! edits and stock changes laid over it.

use portal_api::{LocalizedText, MAX_MODEL_CHARS};
use rusqlite::{OptionalExtension, Transaction, params};

use super::overlay::{OVERLAID, PendingEntities};
use crate::kernel::Problem;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::model::{ClassifierItem, Offering};
use crate::kernel::model::{PriceError, check_price};
use crate::kernel::money::Money;
use crate::kernel::store::StoreError;

pub(crate) fn upsert_classifier(tx: &Transaction<'_>, c: &ClassifierItem) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO classifier (code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn,
                                 needs_fitting, warranty_months)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (code) DO UPDATE SET category = excluded.category, name_kk = excluded.name_kk,
             name_ru = excluded.name_ru, name_en = excluded.name_en, unit = excluded.unit,
             limit_price_tiyn = excluded.limit_price_tiyn, needs_fitting = excluded.needs_fitting,
             warranty_months = excluded.warranty_months",
    )?
    .execute(params![
        c.code,
        c.category.as_str(),
        c.name.kk,
        c.name.ru,
        c.name.en,
        c.unit,
        c.limit_price.tiyn(),
        c.needs_fitting,
        c.warranty_months
    ])?;
    Ok(())
}

/// Stores the portal's view of an offering and shows it, unless a local edit of it is laid over
/// it ([`OVERLAID`]). The stock shown is always the portal's plus the overlaid stock changes.
pub(crate) fn upsert_offering(tx: &Transaction<'_>, o: &Offering, pending: &PendingEntities) -> Result<(), StoreError> {
    let (pending_edit, pending_deltas) =
        if pending.contains(&o.id) { pending_offering_changes(tx, &o.id)? } else { (false, Vec::new()) };
    // With an edit of its regions still queued, the stock is spread over the regions the desk
    // shows, not the portal's.
    let local_regions: Option<Vec<String>> = if pending_edit {
        tx.query_row("SELECT regions FROM offerings WHERE id = ?1", [&o.id], |r| r.get::<_, String>(0))
            .optional()?
            .map(|r| serde_json::from_str(&r))
            .transpose()?
    } else {
        None
    };
    let by_region = with_pending_deltas(local_regions.as_deref().unwrap_or(&o.regions), o, &pending_deltas);
    let stock = crate::replica::stock::saturating_total(&by_region);
    let sql = if pending_edit {
        "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                description, published, updated_at, portal_json, stock_by_region,
                                model, manufacturer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET stock = excluded.stock, portal_json = excluded.portal_json,
             stock_by_region = excluded.stock_by_region"
    } else {
        "INSERT INTO offerings (id, classifier_code, price_tiyn, stock, regions, warranty_months,
                                description, published, updated_at, portal_json, stock_by_region,
                                model, manufacturer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET classifier_code = excluded.classifier_code,
             price_tiyn = excluded.price_tiyn, stock = excluded.stock, regions = excluded.regions,
             warranty_months = excluded.warranty_months, description = excluded.description,
             published = excluded.published, updated_at = excluded.updated_at,
             portal_json = excluded.portal_json, stock_by_region = excluded.stock_by_region,
             model = excluded.model, manufacturer = excluded.manufacturer"
    };
    tx.prepare_cached(sql)?.execute(params![
        o.id,
        o.classifier_code,
        o.price.tiyn(),
        stock,
        serde_json::to_string(&o.regions)?,
        o.warranty_months,
        o.description,
        o.published,
        o.updated_at,
        serde_json::to_string(o)?,
        serde_json::to_string(&by_region)?,
        o.model,
        o.manufacturer
    ])?;
    if let (false, Some(photos)) = (pending_edit, &o.photos) {
        crate::kernel::attachments::adopt_offering_photos(tx, &o.id, photos)?;
    }
    Ok(())
}

/// The sum of an offering's overlaid stock changes per region (`None`: a change queued before
/// stock was kept per region, which is the first region's).
type PendingDeltas = Vec<(Option<String>, i64)>;

/// Whether an edit of the offering is laid over the portal's snapshot, and its overlaid stock
/// changes ([`OVERLAID`]).
fn pending_offering_changes(tx: &Transaction<'_>, id: &str) -> Result<(bool, PendingDeltas), StoreError> {
    let pending_edit: bool = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE {OVERLAID} AND entity_id = ?1
                                AND kind IN ('create_offering', 'update_offering'))"
        ))?
        .query_row([id], |r| r.get(0))?;
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT json_extract(payload, '$.data.region'), sum(json_extract(payload, '$.data.delta'))
         FROM outbox WHERE {OVERLAID} AND entity_id = ?1 AND kind = 'change_stock'
         GROUP BY 1"
    ))?;
    let deltas = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok((pending_edit, deltas))
}

/// The portal's stock per region of `o`, spread over `regions`, with the changes still queued
/// added. A queued change for a region the breakdown lacks counts in the first region, as the
/// portal's reading of such a change does.
fn with_pending_deltas(
    regions: &[String],
    o: &Offering,
    deltas: &[(Option<String>, i64)],
) -> Vec<portal_api::RegionStock> {
    let mut by_region = portal_api::region_stock(regions, o.stock, &o.stock_by_region);
    for (region, delta) in deltas {
        let slot = match region {
            Some(region) => by_region.iter().position(|r| &r.region == region).unwrap_or(0),
            None => 0,
        };
        if let Some(slot) = by_region.get_mut(slot) {
            slot.quantity = slot.quantity.saturating_add(*delta);
        }
    }
    by_region
}

/// Recomputes what the desk shows of an offering from the portal's last snapshot and the
/// changes laid over it ([`OVERLAID`]: queued, or applied since that snapshot). An offering the
/// portal never confirmed and no longer overlaid is removed.
pub(crate) fn refresh_offering(tx: &Transaction<'_>, id: &str) -> Result<(), StoreError> {
    let row: Option<(Option<String>, String)> = tx
        .query_row("SELECT portal_json, regions FROM offerings WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((portal_json, local_regions)) = row else { return Ok(()) };
    let (pending_edit, pending_deltas) = pending_offering_changes(tx, id)?;
    let Some(portal_json) = portal_json else {
        if !pending_edit {
            tx.execute("DELETE FROM offerings WHERE id = ?1", [id])?;
        }
        return Ok(());
    };
    let portal: Offering = serde_json::from_str(&portal_json)?;
    if pending_edit {
        let local_regions: Vec<String> = serde_json::from_str(&local_regions)?;
        let by_region = with_pending_deltas(&local_regions, &portal, &pending_deltas);
        let stock = crate::replica::stock::saturating_total(&by_region);
        tx.execute(
            "UPDATE offerings SET stock = ?2, stock_by_region = ?3 WHERE id = ?1",
            params![id, stock, serde_json::to_string(&by_region)?],
        )?;
    } else {
        let by_region = with_pending_deltas(&portal.regions, &portal, &pending_deltas);
        let stock = crate::replica::stock::saturating_total(&by_region);
        tx.execute(
            "UPDATE offerings SET classifier_code = ?2, price_tiyn = ?3, stock = ?4, regions = ?5,
                    warranty_months = ?6, description = ?7, published = ?8, updated_at = ?9,
                    stock_by_region = ?10, model = ?11, manufacturer = ?12
             WHERE id = ?1",
            params![
                id,
                portal.classifier_code,
                portal.price.tiyn(),
                stock,
                serde_json::to_string(&portal.regions)?,
                portal.warranty_months,
                portal.description,
                portal.published,
                portal.updated_at,
                serde_json::to_string(&by_region)?,
                portal.model,
                portal.manufacturer
            ],
        )?;
        // A refused photo change is undone with the rest.
        if let Some(photos) = &portal.photos {
            crate::kernel::attachments::adopt_offering_photos(tx, id, photos)?;
        }
    }
    Ok(())
}

pub(crate) fn classifier_item(tx: &Transaction<'_>, code: &str) -> Result<Option<ClassifierItem>, StoreError> {
    let row = tx
        .query_row(
            "SELECT code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn, needs_fitting, warranty_months
             FROM classifier WHERE code = ?1",
            [code],
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    ClassifierItem {
                        code: r.get(0)?,
                        category: portal_api::Category::Services,
                        name: LocalizedText { kk: r.get(2)?, ru: r.get(3)?, en: r.get(4)? },
                        unit: r.get(5)?,
                        limit_price: crate::kernel::money::Money::from_tiyn(r.get(6)?),
                        needs_fitting: r.get(7)?,
                        warranty_months: r.get(8)?,
                    },
                ))
            },
        )
        .optional()?;
    row.map(|(category, mut item)| {
        item.category = portal_api::Category::parse(&category)
            .ok_or(StoreError::UnknownValue { column: "classifier.category", value: category })?;
        Ok(item)
    })
    .transpose()
}

pub(crate) fn offering_classifier(tx: &Transaction<'_>, offering_id: &str) -> Result<String, ActionError> {
    let code: Option<String> =
        tx.query_row("SELECT classifier_code FROM offerings WHERE id = ?1", [offering_id], |r| r.get(0)).optional()?;
    Ok(code.ok_or_else(|| StoreError::NotFound { entity: "offering", id: offering_id.to_owned() })?)
}

/// An offering's model or manufacturer as typed: trimmed, `None` when blank, and refused next to
/// its field when longer than the contract allows (the portal refuses it too, as a conflict).
pub(crate) fn checked_model(field: &'static str, value: &str) -> Result<Option<String>, ActionError> {
    let Some(value) = portal_api::model_text(value) else { return Ok(None) };
    let n = value.chars().count();
    if n > MAX_MODEL_CHARS {
        let key = if field == "manufacturer" { "manufacturer_too_long" } else { "model_too_long" };
        let text = format!("the {field} is {n} characters long; at most {MAX_MODEL_CHARS} are allowed");
        return Err(invalid(field, Problem::new(key, text).with("max", MAX_MODEL_CHARS)));
    }
    Ok(Some(value.to_owned()))
}

/// The price rule against the classifier as the desk knows it; the portal checks it again.
pub(crate) fn checked_price(tx: &Transaction<'_>, classifier_code: &str, price_tiyn: i64) -> Result<(), ActionError> {
    let item = crate::replica::offerings::classifier_item(tx, classifier_code)?.ok_or_else(|| {
        invalid(
            "classifier_code",
            Problem::new("classifier_unknown", format!("{classifier_code} is not in the classifier"))
                .with("code", classifier_code),
        )
    })?;
    check_price(Money::from_tiyn(price_tiyn), &item).map_err(|e| match e {
        PriceError::NotPositive => invalid("price", Problem::new("price_not_positive", e.to_string())),
        PriceError::AboveLimit { limit } => {
            invalid("price", Problem::new("price_above_limit", e.to_string()).with("limit_tiyn", limit.tiyn()))
        }
    })
}

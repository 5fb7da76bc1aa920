//! The rules for a supplier's offerings: create, update, change stock. The price rule of the
//! domain (a price above zero and at most the classifier item's limit price) is checked against
//! the limit in force now; an offering left above a limit that was lowered later stays as it
//! is until its price is changed. Stock is held per region: a region's stock never goes below
//! zero, and a region is not dropped while it still holds stock (its items would vanish).

use portal_api::{MutationOutcome, Offering, RejectReason};
use portal_rules::price::PriceProblem;
use portal_rules::stock::StockChangeProblem;

use super::{Ctx, rejected};
use crate::store::{StoreError, catalog};

/// The fields of an `UpdateOffering`; absent ones keep their value.
#[derive(Debug, Clone, Default)]
pub(super) struct Patch {
    pub price_tiyn: Option<i64>,
    pub regions: Option<Vec<String>>,
    pub warranty_months: Option<u32>,
    pub description: Option<String>,
    pub published: Option<bool>,
    pub photos: Option<Vec<String>>,
    /// An empty (or blank) text clears it.
    pub model: Option<String>,
    pub manufacturer: Option<String>,
}

/// A model or manufacturer as kept: trimmed, `None` when blank (the contract bounded its size).
pub(super) fn kept(value: Option<&str>) -> Option<String> {
    value.and_then(portal_api::model_text).map(str::to_owned)
}

/// The price rule against the limit of `code` in force now. `Ok(None)` when the price is fine.
fn check_price(ctx: &Ctx<'_>, code: &str, price_tiyn: i64) -> Result<Option<MutationOutcome>, StoreError> {
    let Some(item) = catalog::classifier_item(ctx.conn, code)? else {
        return Ok(Some(rejected(RejectReason::ClassifierNotFound, format!("there is no classifier item {code}"))));
    };
    Ok(match portal_rules::price::price_problem(price_tiyn, item.limit_price_tiyn) {
        None => None,
        Some(PriceProblem::NotPositive) => {
            Some(rejected(RejectReason::InvalidInput, format!("a price must be above zero, got {price_tiyn} tiyn")))
        }
        Some(PriceProblem::AboveLimit) => Some(rejected(
            RejectReason::PriceAboveLimit,
            format!("the price {price_tiyn} tiyn is above the limit price {} tiyn of {code}", item.limit_price_tiyn),
        )),
    })
}

/// The offering if it exists and belongs to the supplier (another supplier's is "not found").
fn own_offering(ctx: &Ctx<'_>, id: &str) -> Result<Result<Offering, MutationOutcome>, StoreError> {
    Ok(match catalog::load_offering(ctx.conn, id)? {
        Some((supplier_id, o)) if supplier_id == ctx.supplier_id => Ok(o),
        _ => Err(rejected(RejectReason::OfferingNotFound, format!("there is no offering {id}"))),
    })
}

pub(super) fn create(ctx: &Ctx<'_>, o: &Offering) -> Result<MutationOutcome, StoreError> {
    if o.id.trim().is_empty() {
        return Ok(rejected(RejectReason::InvalidInput, "an offering needs an id"));
    }
    if catalog::classifier_item(ctx.conn, &o.classifier_code)?.is_none() {
        return Ok(rejected(
            RejectReason::ClassifierNotFound,
            format!("there is no classifier item {}", o.classifier_code),
        ));
    }
    if o.stock < 0 {
        return Ok(rejected(RejectReason::InvalidInput, format!("the stock cannot be negative, got {}", o.stock)));
    }
    if let Some(problem) = portal_api::stock_breakdown_problem(&o.regions, o.stock, &o.stock_by_region) {
        return Ok(rejected(RejectReason::InvalidInput, problem));
    }
    if let Some(rejection) = check_price(ctx, &o.classifier_code, o.price_tiyn)? {
        return Ok(rejection);
    }
    if catalog::load_offering(ctx.conn, &o.id)?.is_some() {
        return Ok(rejected(RejectReason::OfferingExists, format!("an offering {} exists already", o.id)));
    }
    catalog::write_offering(ctx.conn, ctx.supplier_id, o)?;
    Ok(MutationOutcome::Applied)
}

pub(super) fn update(ctx: &Ctx<'_>, id: &str, patch: &Patch) -> Result<MutationOutcome, StoreError> {
    let mut o = match own_offering(ctx, id)? {
        Ok(o) => o,
        Err(rejection) => return Ok(rejection),
    };
    if let Some(price) = patch.price_tiyn {
        if let Some(rejection) = check_price(ctx, &o.classifier_code, price)? {
            return Ok(rejection);
        }
        o.price_tiyn = price;
    }
    if let Some(regions) = &patch.regions {
        if let Some(twice) = portal_api::repeated_region(regions) {
            return Ok(rejected(RejectReason::InvalidInput, format!("{twice} is named twice among the regions")));
        }
        let held = o.region_stock();
        if let Some(r) = held.iter().find(|r| r.quantity > 0 && !regions.contains(&r.region)) {
            return Ok(rejected(
                RejectReason::InvalidInput,
                format!(
                    "{} still holds {} of offering {id}; take them away before dropping the region",
                    r.region, r.quantity
                ),
            ));
        }
        o.stock_by_region = held;
        o.regions = regions.clone();
    }
    if let Some(w) = patch.warranty_months {
        o.warranty_months = w;
    }
    if let Some(d) = &patch.description {
        o.description = d.clone();
    }
    if let Some(p) = patch.published {
        o.published = p;
    }
    if let Some(photos) = &patch.photos {
        o.photos = Some(photos.clone());
    }
    if let Some(model) = &patch.model {
        o.model = kept(Some(model));
    }
    if let Some(manufacturer) = &patch.manufacturer {
        o.manufacturer = kept(Some(manufacturer));
    }
    o.updated_at = ctx.now;
    catalog::write_offering(ctx.conn, ctx.supplier_id, &o)?;
    Ok(MutationOutcome::Applied)
}

pub(super) fn change_stock(
    ctx: &Ctx<'_>,
    id: &str,
    delta: i64,
    region: Option<&str>,
) -> Result<MutationOutcome, StoreError> {
    let mut o = match own_offering(ctx, id)? {
        Ok(o) => o,
        Err(rejection) => return Ok(rejection),
    };
    let mut held = o.region_stock();
    let out_of_range = || rejected(RejectReason::InvalidInput, format!("a stock change of {delta} is out of range"));
    let Some(stock) = o.stock.checked_add(delta) else { return Ok(out_of_range()) };
    match portal_rules::stock::apply_stock_change(&mut held, region, delta) {
        Ok(()) => {}
        Err(StockChangeProblem::NotARegion(region)) => {
            return Ok(rejected(
                RejectReason::InvalidInput,
                format!("offering {id} is not delivered to {}", region.as_deref().unwrap_or("any region")),
            ));
        }
        Err(StockChangeProblem::WouldGoNegative { region, held }) => {
            return Ok(rejected(
                RejectReason::StockWouldGoNegative,
                format!(
                    "the stock of {id} in {region} is {held}; taking {} away would leave {}",
                    -i128::from(delta),
                    i128::from(held) + i128::from(delta)
                ),
            ));
        }
        Err(StockChangeProblem::OutOfRange) => return Ok(out_of_range()),
    }
    o.stock = stock;
    o.stock_by_region = held;
    o.updated_at = ctx.now;
    catalog::write_offering(ctx.conn, ctx.supplier_id, &o)?;
    Ok(MutationOutcome::Applied)
}

//! An offering's stock per region (the warehouse that serves each region), as the desk keeps
//! it: the local half of a stock change, and the changes that take an offering from the stock
//! it holds to the stock a form or a CSV row asks for.
//!
//! The `offerings` row keeps the whole stock in `stock` (the list sorts and filters on it) and
//! the breakdown in `stock_by_region` (JSON, one entry per region of `regions`); a row written
//! before stock was kept per region holds `[]`, read as its whole stock in its first region
//! (`portal_api::region_stock`), as the portal reads it.

use portal_api::{RegionStock, region_stock};
use portal_rules::stock::StockChangeProblem;
use rusqlite::{OptionalExtension, Transaction, params};

use portal_api::MutationBody;

use crate::kernel::Problem;
use crate::kernel::access::Actor;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::StoreError;
use crate::replica::act_in;

/// What the desk shows of one offering's stock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeldStock {
    pub regions: Vec<String>,
    pub by_region: Vec<RegionStock>,
    /// The whole stock: the sum of `by_region`, or, for an offering kept from before regional
    /// stock that names no region, what it held then.
    pub total: i64,
}

/// The whole stock a breakdown adds up to; refused when it is too large to count.
pub(crate) fn total(by_region: &[RegionStock]) -> Result<i64, ActionError> {
    by_region.iter().try_fold(0i64, |acc, r| acc.checked_add(r.quantity)).ok_or_else(|| {
        invalid("stock", Problem::new("stock_too_large", "the stock adds up to more than can be counted"))
    })
}

/// The whole stock of what the portal sent, with the changes still queued: saturating, as those
/// changes are added. The portal's figures are not trusted to add up within an `i64`, and
/// applying its snapshot must neither panic nor wrap (what a person types is checked by
/// [`total`] instead, and refused).
pub(crate) fn saturating_total(by_region: &[RegionStock]) -> i64 {
    by_region.iter().fold(0i64, |sum, r| sum.saturating_add(r.quantity))
}

/// The offering's regions and the stock of each, or `NotFound`.
pub(crate) fn held(tx: &Transaction<'_>, offering_id: &str) -> Result<HeldStock, ActionError> {
    let row: Option<(String, i64, String)> = tx
        .query_row("SELECT regions, stock, stock_by_region FROM offerings WHERE id = ?1", [offering_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (regions, stock, by_region) =
        row.ok_or_else(|| StoreError::NotFound { entity: "offering", id: offering_id.to_owned() })?;
    let regions: Vec<String> = serde_json::from_str(&regions).map_err(StoreError::Json)?;
    let given: Vec<RegionStock> = serde_json::from_str(&by_region).map_err(StoreError::Json)?;
    let by_region = region_stock(&regions, stock, &given);
    Ok(HeldStock { regions, by_region, total: stock })
}

/// Writes an offering's breakdown and the whole stock it adds up to.
pub(crate) fn write(tx: &Transaction<'_>, offering_id: &str, by_region: &[RegionStock]) -> Result<(), ActionError> {
    let total = total(by_region)?;
    let by_region = serde_json::to_string(by_region).map_err(StoreError::Json)?;
    tx.prepare_cached("UPDATE offerings SET stock = ?2, stock_by_region = ?3 WHERE id = ?1")?.execute(params![
        offering_id,
        total,
        by_region
    ])?;
    Ok(())
}

/// The local half of `ChangeStock`: the portal's rule (the region is one of the offering's,
/// its stock stays at or above zero) on the local row. No region means the first, as the
/// portal reads a change from a desk that predates regional stock.
pub(crate) fn apply_change(
    tx: &Transaction<'_>,
    offering_id: &str,
    region: Option<&str>,
    delta: i64,
) -> Result<(), ActionError> {
    if delta == 0 {
        return Err(invalid("delta", Problem::new("stock_change_zero", "the stock change is zero")));
    }
    let mut held = held(tx, offering_id)?;
    match portal_rules::stock::apply_stock_change(&mut held.by_region, region, delta) {
        Ok(()) => {}
        Err(StockChangeProblem::NotARegion(region)) => {
            return Err(invalid(
                "region",
                format!("the offering is not delivered to {}", region.as_deref().unwrap_or("any region")),
            ));
        }
        Err(StockChangeProblem::WouldGoNegative { region, held }) => {
            return Err(invalid(
                "delta",
                Problem::new("stock_below_zero", format!("the stock in {region} is {held}; it cannot go below zero"))
                    .with("region", region)
                    .with("held", held),
            ));
        }
        Err(StockChangeProblem::OutOfRange) => {
            return Err(invalid("delta", Problem::new("stock_too_large", "the stock change is too large")));
        }
    }
    write(tx, offering_id, &held.by_region)?;
    Ok(())
}

/// Carries an offering's breakdown over to its new `regions` when an edit changes them: a
/// dropped region must hold nothing (its items would vanish), an added one holds nothing yet.
pub(crate) fn apply_regions(tx: &Transaction<'_>, offering_id: &str, regions: &[String]) -> Result<(), ActionError> {
    if let Some(twice) = portal_api::repeated_region(regions) {
        return Err(invalid(
            "regions",
            Problem::new("region_twice", format!("{twice} is named twice")).with("region", twice),
        ));
    }
    let held = held(tx, offering_id)?;
    if let Some(r) = held.by_region.iter().find(|r| r.quantity > 0 && !regions.contains(&r.region)) {
        return Err(invalid(
            "regions",
            format!("{} still holds {} in stock; set its stock to 0 before removing the region", r.region, r.quantity),
        ));
    }
    // An offering kept from before regional stock with no region at all brings its stock to
    // the first region it gets, as the portal reads it.
    let carried = if held.regions.is_empty() { held.total } else { 0 };
    let kept: Vec<RegionStock> = held.by_region.into_iter().filter(|r| regions.contains(&r.region)).collect();
    let whole = total(&kept)?
        .checked_add(carried)
        .ok_or_else(|| invalid("stock", Problem::new("stock_too_large", "the stock is too large")))?;
    write(tx, offering_id, &region_stock(regions, whole, &kept))?;
    Ok(())
}

/// The stock changes that take an offering from `held` to `target` while its regions become
/// `new_regions`, as the `ChangeStock` mutations to queue: `before` the edit of the regions
/// (regions it already has, a dropped one emptied first when `target` says 0 for it), `after`
/// it (regions it gains). A region of `new_regions` absent from `target` is to hold nothing; a
/// dropped region absent from `target` keeps its stock, so that the edit is refused rather
/// than the stock written off unasked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct StockPlan {
    pub(crate) before: Vec<RegionStock>,
    pub(crate) after: Vec<RegionStock>,
}

impl StockPlan {
    pub(crate) fn is_empty(&self) -> bool {
        self.before.is_empty() && self.after.is_empty()
    }
}

/// Queues an edit of an offering (`edit`, if any) with the stock changes of `plan` around it,
/// each a user action in `tx`: a region being dropped is emptied before the edit drops it, a
/// region being added is stocked once the edit has added it. Stock travels as changes, not
/// values, so that changes made on several devices add up.
pub(crate) fn act_with_plan(
    tx: &Transaction<'_>,
    actor: &Actor,
    offering_id: &str,
    plan: &StockPlan,
    edit: Option<MutationBody>,
) -> Result<(), ActionError> {
    let change = |r: &RegionStock| MutationBody::ChangeStock {
        offering_id: offering_id.to_owned(),
        delta: r.quantity,
        region: Some(r.region.clone()),
    };
    for r in &plan.before {
        act_in(tx, actor, change(r))?;
    }
    if let Some(edit) = edit {
        act_in(tx, actor, edit)?;
    }
    for r in &plan.after {
        act_in(tx, actor, change(r))?;
    }
    Ok(())
}

/// See [`StockPlan`]. `target` must name only regions of `new_regions` or of `held` (checked
/// by the callers, which word the error for their field).
pub(crate) fn plan(held: &[RegionStock], new_regions: &[String], target: &[RegionStock]) -> StockPlan {
    let wanted = |region: &str| target.iter().filter(|t| t.region == region).map(|t| t.quantity).sum::<i64>();
    let mut plan = StockPlan::default();
    for h in held {
        let named = target.iter().any(|t| t.region == h.region);
        if !named && !new_regions.contains(&h.region) {
            continue;
        }
        let delta = wanted(&h.region) - h.quantity;
        if delta != 0 {
            plan.before.push(RegionStock { region: h.region.clone(), quantity: delta });
        }
    }
    for region in new_regions.iter().filter(|r| !held.iter().any(|h| &h.region == *r)) {
        let quantity = wanted(region);
        if quantity != 0 {
            plan.after.push(RegionStock { region: region.clone(), quantity });
        }
    }
    plan
}

/// The stock each of `regions` is to hold, from what a person entered for them: every entry a
/// region of `regions` (or, for an edit, one the offering has now: it is being emptied) and a
/// whole number at or above zero.
pub(crate) fn check_target(
    regions: &[String],
    held: &[RegionStock],
    target: &[RegionStock],
) -> Result<(), ActionError> {
    for (i, t) in target.iter().enumerate() {
        if !regions.contains(&t.region) && !held.iter().any(|h| h.region == t.region) {
            return Err(invalid(
                "stock",
                Problem::new("stock_region_not_offered", format!("{} is not one of the offering's regions", t.region))
                    .with("region", &t.region),
            ));
        }
        if target[..i].iter().any(|u| u.region == t.region) {
            return Err(invalid(
                "stock",
                Problem::new("region_twice", format!("the stock of {} is given twice", t.region))
                    .with("region", &t.region),
            ));
        }
        if t.quantity < 0 {
            return Err(invalid(
                "stock",
                Problem::new("stock_negative_in", format!("the stock in {} cannot be negative", t.region))
                    .with("region", &t.region),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(region: &str, quantity: i64) -> RegionStock {
        RegionStock { region: region.to_owned(), quantity }
    }

    fn regions(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_plan_changes_kept_regions_before_and_gained_ones_after_the_edit() {
        let held = [rs("KZ-ALA", 5), rs("KZ-AST", 3)];
        let plan = plan(&held, &regions(&["KZ-ALA", "KZ-KAR"]), &[rs("KZ-ALA", 7), rs("KZ-AST", 0), rs("KZ-KAR", 4)]);
        assert_eq!(plan.before, vec![rs("KZ-ALA", 2), rs("KZ-AST", -3)]);
        assert_eq!(plan.after, vec![rs("KZ-KAR", 4)]);
    }

    #[test]
    fn a_kept_region_left_out_of_the_target_is_emptied_a_dropped_one_is_not() {
        let held = [rs("KZ-ALA", 5), rs("KZ-AST", 3)];
        let plan = plan(&held, &regions(&["KZ-ALA", "KZ-AST"]), &[rs("KZ-ALA", 5)]);
        assert_eq!(plan.before, vec![rs("KZ-AST", -3)]);
        assert!(plan.after.is_empty());
        let plan = super::plan(&held, &regions(&["KZ-ALA"]), &[rs("KZ-ALA", 5)]);
        assert!(plan.is_empty(), "the edit dropping KZ-AST is left to refuse: {plan:?}");
        assert!(super::plan(&held, &regions(&["KZ-ALA", "KZ-AST"]), &held).is_empty());
    }

    #[test]
    fn a_target_outside_the_regions_or_negative_or_twice_is_refused() {
        let held = [rs("KZ-ALA", 5)];
        let new = regions(&["KZ-ALA", "KZ-AST"]);
        assert!(check_target(&new, &held, &[rs("KZ-ALA", 0), rs("KZ-AST", 2)]).is_ok());
        let err = check_target(&new, &held, &[rs("KZ-KAR", 1)]).expect_err("not a region of it");
        assert!(err.to_string().contains("KZ-KAR is not one of the offering's regions"), "{err}");
        let err = check_target(&new, &held, &[rs("KZ-AST", -1)]).expect_err("negative");
        assert!(err.to_string().contains("cannot be negative"), "{err}");
        let err = check_target(&new, &held, &[rs("KZ-AST", 1), rs("KZ-AST", 2)]).expect_err("twice");
        assert!(err.to_string().contains("given twice"), "{err}");
    }
}

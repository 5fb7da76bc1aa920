//! Stock per region: an offering's stock is held region by region, each never below zero, and
//! the whole is their sum.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The stock an offering holds for one of its regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, ts_rs::TS)]
pub struct RegionStock {
    pub region: String,
    #[ts(type = "number")]
    pub quantity: i64,
}

/// The stock of each of `regions`, in their order, a region without an entry in `given`
/// holding none. Stock kept before it was kept per region (a breakdown that does not account
/// for the whole `total`) is counted in the first region, where a desk or a portal that
/// predates regional stock put it.
pub fn region_stock(regions: &[String], total: i64, given: &[RegionStock]) -> Vec<RegionStock> {
    let mut out: Vec<RegionStock> = Vec::with_capacity(regions.len());
    for region in regions {
        if out.iter().any(|r| &r.region == region) {
            continue;
        }
        let quantity = given.iter().filter(|g| &g.region == region).fold(0i64, |acc, g| acc.saturating_add(g.quantity));
        out.push(RegionStock { region: region.clone(), quantity });
    }
    let accounted = out.iter().fold(0i64, |acc, r| acc.saturating_add(r.quantity));
    if let Some(first) = out.first_mut() {
        first.quantity = first.quantity.saturating_add(total.saturating_sub(accounted));
    }
    out
}

/// A region code `regions` names more than once, if any.
pub fn repeated_region(regions: &[String]) -> Option<&str> {
    regions.iter().enumerate().find(|(i, r)| regions[..*i].contains(r)).map(|(_, r)| r.as_str())
}

/// What is wrong with a new offering's stock per region, if anything: a breakdown, when given,
/// names each of the offering's regions at most once, holds nothing negative and adds up to
/// the whole stock; and stock needs a region to be held in. The portal's rule, which a desk
/// checks before it queues the offering.
pub fn stock_breakdown_problem(regions: &[String], stock: i64, by_region: &[RegionStock]) -> Option<String> {
    if let Some(twice) = repeated_region(regions) {
        return Some(format!("{twice} is named twice among the regions"));
    }
    if stock > 0 && regions.is_empty() {
        return Some("stock needs a region to be held in: the offering names no region".to_owned());
    }
    if by_region.is_empty() {
        return None;
    }
    for (i, r) in by_region.iter().enumerate() {
        if !regions.contains(&r.region) {
            return Some(format!("stock is given for {}, which is not one of the offering's regions", r.region));
        }
        if by_region[..i].iter().any(|s| s.region == r.region) {
            return Some(format!("stock is given twice for {}", r.region));
        }
        if r.quantity < 0 {
            return Some(format!("the stock in {} cannot be negative, got {}", r.region, r.quantity));
        }
    }
    let sum = by_region.iter().try_fold(0i64, |acc, r| acc.checked_add(r.quantity));
    if sum != Some(stock) {
        return Some(format!("the stock per region does not add up to the stock {stock}"));
    }
    None
}

/// Why a stock change cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StockChangeProblem {
    /// The offering is not delivered to the region named (`None`: it has no region at all).
    NotARegion(Option<String>),
    /// The region's stock would go below zero: it holds `held`.
    WouldGoNegative { region: String, held: i64 },
    /// The change does not fit in the stock's integer.
    OutOfRange,
}

/// Applies a change of `delta` to `region` of the breakdown `held`: the region is one of the
/// offering's and its stock stays at or above zero. No region means the first, as a desk that
/// predates regional stock meant it. On a problem, `held` is left as it was.
pub fn apply_stock_change(
    held: &mut [RegionStock],
    region: Option<&str>,
    delta: i64,
) -> Result<(), StockChangeProblem> {
    let slot = match region {
        Some(region) => held.iter_mut().find(|r| r.region == region),
        None => held.first_mut(),
    };
    let Some(slot) = slot else {
        return Err(StockChangeProblem::NotARegion(region.map(str::to_owned)));
    };
    match slot.quantity.checked_add(delta) {
        None => Err(StockChangeProblem::OutOfRange),
        Some(q) if q < 0 => {
            Err(StockChangeProblem::WouldGoNegative { region: slot.region.clone(), held: slot.quantity })
        }
        Some(q) => {
            slot.quantity = q;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rs(region: &str, quantity: i64) -> RegionStock {
        RegionStock { region: region.to_owned(), quantity }
    }

    fn codes(list: &[&str]) -> Vec<String> {
        list.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn a_breakdown_lists_every_region_in_order_and_stock_before_it_sits_in_the_first() {
        let regions = codes(&["KZ-AST", "KZ-ALA"]);
        assert_eq!(region_stock(&regions, 5, &[rs("KZ-ALA", 5)]), [rs("KZ-AST", 0), rs("KZ-ALA", 5)]);
        assert_eq!(
            region_stock(&regions, 7, &[]),
            [rs("KZ-AST", 7), rs("KZ-ALA", 0)],
            "no breakdown: all in the first"
        );
        assert_eq!(region_stock(&[], 0, &[]), []);
        let twice = codes(&["KZ-ALA", "KZ-ALA"]);
        assert_eq!(region_stock(&twice, 5, &[rs("KZ-ALA", 5)]), [rs("KZ-ALA", 5)], "a repeated region counts once");
    }

    #[test]
    fn a_new_offerings_breakdown_must_add_up_within_its_regions() {
        let regions = codes(&["KZ-AST", "KZ-ALA"]);
        assert_eq!(stock_breakdown_problem(&regions, 5, &[rs("KZ-ALA", 2), rs("KZ-AST", 3)]), None);
        assert_eq!(stock_breakdown_problem(&regions, 5, &[]), None, "an older desk's offering");
        for (stock, given, why) in [
            (5, vec![rs("KZ-ALA", 2)], "does not add up"),
            (2, vec![rs("KZ-KAR", 2)], "not one of the offering's regions"),
            (4, vec![rs("KZ-ALA", 2), rs("KZ-ALA", 2)], "twice"),
            (0, vec![rs("KZ-ALA", -1), rs("KZ-AST", 1)], "negative"),
        ] {
            let problem = stock_breakdown_problem(&regions, stock, &given).unwrap_or_default();
            assert!(problem.contains(why), "{why}: {problem}");
        }
        assert!(stock_breakdown_problem(&[], 1, &[]).is_some_and(|p| p.contains("no region")));
        let twice = codes(&["KZ-ALA", "KZ-AST", "KZ-ALA"]);
        assert!(stock_breakdown_problem(&twice, 0, &[]).is_some_and(|p| p.contains("KZ-ALA is named twice")));
    }

    #[test]
    fn a_stock_change_stays_in_its_region_and_above_zero() {
        let mut held = vec![rs("KZ-ALA", 3), rs("KZ-AST", 1)];
        assert_eq!(apply_stock_change(&mut held, Some("KZ-AST"), 2), Ok(()));
        assert_eq!(apply_stock_change(&mut held, None, -3), Ok(()), "no region: the first");
        assert_eq!(held, [rs("KZ-ALA", 0), rs("KZ-AST", 3)]);
        assert_eq!(
            apply_stock_change(&mut held, Some("KZ-AST"), -4),
            Err(StockChangeProblem::WouldGoNegative { region: "KZ-AST".into(), held: 3 })
        );
        assert_eq!(
            apply_stock_change(&mut held, Some("KZ-KAR"), 1),
            Err(StockChangeProblem::NotARegion(Some("KZ-KAR".into())))
        );
        assert_eq!(apply_stock_change(&mut [], None, 1), Err(StockChangeProblem::NotARegion(None)));
        assert_eq!(apply_stock_change(&mut held, Some("KZ-AST"), i64::MAX), Err(StockChangeProblem::OutOfRange));
        assert_eq!(held, [rs("KZ-ALA", 0), rs("KZ-AST", 3)], "unchanged by a refusal");
    }
}

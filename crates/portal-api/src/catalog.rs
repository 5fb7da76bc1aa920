use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The categories of the state classifier (see the domain notes): five groups of technical
/// supportive means, other aids, and services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ProstheticOrthopaedic,
    Hearing,
    Vision,
    Hygiene,
    Mobility,
    OtherAids,
    Services,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::ProstheticOrthopaedic,
        Category::Hearing,
        Category::Vision,
        Category::Hygiene,
        Category::Mobility,
        Category::OtherAids,
        Category::Services,
    ];

    /// The wire name, also used as the stored value in SQLite.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ProstheticOrthopaedic => "prosthetic_orthopaedic",
            Category::Hearing => "hearing",
            Category::Vision => "vision",
            Category::Hygiene => "hygiene",
            Category::Mobility => "mobility",
            Category::OtherAids => "other_aids",
            Category::Services => "services",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A text in the portal's three languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, ts_rs::TS)]
pub struct LocalizedText {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

/// One kind of item in the state classifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ClassifierItem {
    /// The classifier code, e.g. `TSR-01-003`.
    pub code: String,
    pub category: Category,
    pub name: LocalizedText,
    /// Unit of issue ("pcs", "pair", "pack", "day", "hour").
    pub unit: String,
    /// The highest price a supplier may ask, in tiyn (1/100 tenge).
    pub limit_price_tiyn: i64,
    /// Whether the item must be fitted to the person in a workshop.
    pub needs_fitting: bool,
    /// The warranty the item must carry, in months (0 for consumables and services).
    pub warranty_months: u32,
}

/// A supplier's offer of one classifier item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Offering {
    pub id: String,
    pub classifier_code: String,
    pub price_tiyn: i64,
    /// The whole stock: the sum of `stock_by_region`.
    pub stock: i64,
    /// Region codes the offering is delivered to.
    pub regions: Vec<String>,
    /// The stock held for each region (the warehouse that serves it) that holds some, in the
    /// order of `regions`; a region left out holds none. Absent from a portal older than
    /// regional stock. Read it with [`Offering::region_stock`], which lists every region.
    #[serde(default)]
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    #[serde(deserialize_with = "crate::dates::instant")]
    pub updated_at: DateTime<Utc>,
    /// The offering's photos in order, each named by its SHA-256 (64 lowercase hex digits):
    /// fetch one with `GET /v1/attachments/{sha256}`. Always sent (`[]` for none); absent only
    /// from a portal older than shared photos, which says nothing of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photos: Option<Vec<String>>,
}

/// The stock an offering holds for one of its regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, ts_rs::TS)]
pub struct RegionStock {
    pub region: String,
    #[ts(type = "number")]
    pub quantity: i64,
}

impl Offering {
    /// The stock of each of the offering's regions, in the order of `regions`, a region without
    /// an entry holding none. Stock kept before it was kept per region (a breakdown that does
    /// not account for the whole) is counted in the first region, where a desk or a portal that
    /// predates regional stock put it.
    pub fn region_stock(&self) -> Vec<RegionStock> {
        region_stock(&self.regions, self.stock, &self.stock_by_region)
    }
}

/// See [`Offering::region_stock`]: the breakdown of `total` over `regions` that `given` states.
pub fn region_stock(regions: &[String], total: i64, given: &[RegionStock]) -> Vec<RegionStock> {
    let mut out: Vec<RegionStock> = Vec::with_capacity(regions.len());
    for region in regions {
        if out.iter().any(|r| &r.region == region) {
            continue;
        }
        let quantity =
            given.iter().filter(|g| &g.region == region).fold(0i64, |acc, g| acc.saturating_add(g.quantity));
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
        assert_eq!(region_stock(&regions, 7, &[]), [rs("KZ-AST", 7), rs("KZ-ALA", 0)], "no breakdown: all in the first");
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
}

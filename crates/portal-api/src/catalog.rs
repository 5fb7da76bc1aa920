use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use portal_rules::stock::{RegionStock, region_stock, repeated_region, stock_breakdown_problem};

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
    /// The model of the offered item ("Phonak Naída P50"), trimmed; absent when the supplier
    /// named none (and from a portal older than models).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 120)]
    pub model: Option<String>,
    /// Who makes the offered item ("Sonova AG"), as `model`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 120)]
    pub manufacturer: Option<String>,
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

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
    pub stock: i64,
    /// Region codes the offering is delivered to.
    pub regions: Vec<String>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    pub updated_at: DateTime<Utc>,
}

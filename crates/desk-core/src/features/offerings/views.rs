//! What the offerings screen receives and sends over IPC (generated into the UI's bindings).

use portal_api::{Category, LocalizedText, RegionStock};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfferingRow {
    pub id: String,
    pub classifier_code: String,
    pub category: Category,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub price_tiyn: i64,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
    /// The whole stock, the sum of `stock_by_region`.
    #[ts(type = "number")]
    pub stock: i64,
    pub regions: Vec<String>,
    /// The stock of each of `regions`, in that order.
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    /// The model of the offered item ("Phonak Naída P50"), when the supplier named one.
    pub model: Option<String>,
    /// Who makes it ("Sonova AG"), when named.
    pub manufacturer: Option<String>,
}

/// A classifier item as the offering form's picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassifierOption {
    pub code: String,
    pub category: Category,
    pub name: LocalizedText,
    pub unit: String,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
}

/// The offering form as the user filled it in: a new offering when `offering_id` is null (then
/// `classifier_code` says what is offered), otherwise an edit of that offering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfferingInput {
    pub offering_id: Option<String>,
    pub classifier_code: String,
    /// As typed (`12 345,50`); parsed and checked against the limit price by the app.
    pub price: String,
    pub regions: Vec<String>,
    /// The stock each region is to hold; a region of `regions` left out holds none. An edit may
    /// also name a region it drops, to empty it (a region is dropped only when it holds none).
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    /// The offering's photos (sha256 returned by `photo_add`); absent keeps an edited
    /// offering's photos as they are.
    #[serde(default)]
    #[ts(optional)]
    pub photos: Option<Vec<String>>,
    /// The model as typed: trimmed by the app, blank for none, refused when longer than the
    /// contract allows. Absent keeps an edited offering's model as it is.
    #[serde(default)]
    #[ts(optional)]
    pub model: Option<String>,
    /// Who makes the item, as `model`.
    #[serde(default)]
    #[ts(optional)]
    pub manufacturer: Option<String>,
}

/// What an offerings CSV import did: the counts when it was applied, or every bad row when it
/// was not (then nothing was applied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvImportOutcome {
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub problems: Vec<CsvProblem>,
}

/// One bad row of an imported file: its line number (the header is line 1), the column, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvProblem {
    pub line: u32,
    pub field: Option<String>,
    /// The problem's key (`problem.<key>` in the window's dictionaries), "" when it has none.
    pub key: String,
    /// The values the sentence names.
    pub params: Vec<(String, String)>,
    /// The same in English, for the log and the command line.
    pub message: String,
}

impl CsvImportOutcome {
    /// The outcome of [`crate::Store::import_offerings_csv`]; an error other than bad rows stays
    /// an error.
    pub fn from_import(
        result: Result<crate::ImportReport, crate::ImportError>,
    ) -> Result<CsvImportOutcome, crate::ImportError> {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        match result {
            Ok(r) => Ok(CsvImportOutcome {
                created: count(r.created),
                updated: count(r.updated),
                unchanged: count(r.unchanged),
                problems: Vec::new(),
            }),
            Err(crate::ImportError::BadRows(rows)) => Ok(CsvImportOutcome {
                created: 0,
                updated: 0,
                unchanged: 0,
                problems: rows
                    .into_iter()
                    .map(|r| CsvProblem {
                        line: u32::try_from(r.line).unwrap_or(u32::MAX),
                        field: r.field,
                        key: r.message.key.to_owned(),
                        params: r.message.params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                        message: r.message.text,
                    })
                    .collect(),
            }),
            Err(e) => Err(e),
        }
    }
}

/// Which offerings a bulk price change covers; an empty field does not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct OfferingFilter {
    pub category: Option<Category>,
    /// Part of the classifier code or of the item's name in any language, any case.
    pub search: String,
    pub published: Option<bool>,
}

/// How a bulk price change moves each price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PriceChangeInput {
    /// A percentage as typed (`-10`, `5,5`): each price moves by it, rounded to the tiyn.
    Percent(String),
    /// A price as typed (`12 500,00`): every covered offering gets it.
    Fixed(String),
}

/// An offering whose new price the change would put above its limit price (or at zero).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriceRefusal {
    pub offering_id: String,
    pub classifier_code: String,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub price_tiyn: i64,
    #[ts(type = "number")]
    pub new_price_tiyn: i64,
    #[ts(type = "number")]
    pub limit_price_tiyn: i64,
}

/// One offering's price before and after a bulk change: what the preview shows, what the
/// change must still find when it is applied, and what an undo puts back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriceStep {
    pub offering_id: String,
    pub classifier_code: String,
    pub name: LocalizedText,
    #[ts(type = "number")]
    pub price_tiyn: i64,
    #[ts(type = "number")]
    pub new_price_tiyn: i64,
}

/// How new prices are rounded: to the tiyn, or to whole tenge (never above the limit price:
/// a whole-tenge price that would pass it is rounded down instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    #[default]
    Tiyn,
    WholeTenge,
}

/// What a bulk price change covers or did: with refusals nothing is (or was) applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkPriceOutcome {
    /// Offerings the filter covers.
    pub matched: u32,
    /// Of those, offerings whose price changes (the others already have the new price).
    pub changed: u32,
    pub refused: Vec<PriceRefusal>,
    /// Each price that changes (or changed), before and after.
    pub steps: Vec<PriceStep>,
    /// Whether the change was applied (false for a preview, or when refused).
    pub applied: bool,
}

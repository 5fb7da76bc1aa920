//! The domain model: what the store holds and the rules check. Built from the portal's wire
//! types by validating conversions, so nothing malformed from the network reaches the database.

use chrono::{DateTime, NaiveDate, Utc};
use portal_api::{Category, LocalizedText, OrderStatus};
use serde::{Deserialize, Serialize};

use crate::kernel::money::Money;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("{entity} {id}: {field} {problem}")]
    Invalid { entity: &'static str, id: String, field: &'static str, problem: &'static str },
}

fn invalid(entity: &'static str, id: &str, field: &'static str, problem: &'static str) -> ModelError {
    ModelError::Invalid { entity, id: id.to_owned(), field, problem }
}

/// One kind of item in the state classifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassifierItem {
    pub code: String,
    pub category: Category,
    pub name: LocalizedText,
    pub unit: String,
    pub limit_price: Money,
    pub needs_fitting: bool,
    pub warranty_months: u32,
}

impl TryFrom<portal_api::ClassifierItem> for ClassifierItem {
    type Error = ModelError;
    fn try_from(w: portal_api::ClassifierItem) -> Result<Self, ModelError> {
        if w.code.trim().is_empty() {
            return Err(invalid("classifier item", &w.code, "code", "is empty"));
        }
        if w.limit_price_tiyn <= 0 {
            return Err(invalid("classifier item", &w.code, "limit price", "must be positive"));
        }
        Ok(ClassifierItem {
            code: w.code,
            category: w.category,
            name: w.name,
            unit: w.unit,
            limit_price: Money::from_tiyn(w.limit_price_tiyn),
            needs_fitting: w.needs_fitting,
            warranty_months: w.warranty_months,
        })
    }
}

/// A supplier's offer of one classifier item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offering {
    pub id: String,
    pub classifier_code: String,
    pub price: Money,
    pub stock: i64,
    pub regions: Vec<String>,
    /// One entry per region of `regions`, adding up to `stock`. Absent from a snapshot the
    /// desk stored before stock was kept per region (read it with `portal_api::region_stock`).
    #[serde(default)]
    pub stock_by_region: Vec<portal_api::RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    pub updated_at: DateTime<Utc>,
    /// The photos (sha256) the portal shows with it, in order. `None` when the portal said
    /// nothing of them (a portal, or a snapshot the desk stored, from before photos travelled
    /// with offerings): the offering's photo links are left as they are.
    #[serde(default)]
    pub photos: Option<Vec<String>>,
    /// The model and the manufacturer of the offered item; absent from a snapshot stored
    /// before they travelled.
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub manufacturer: Option<String>,
}

impl TryFrom<portal_api::Offering> for Offering {
    type Error = ModelError;
    fn try_from(w: portal_api::Offering) -> Result<Self, ModelError> {
        if w.id.trim().is_empty() {
            return Err(invalid("offering", &w.id, "id", "is empty"));
        }
        if w.price_tiyn <= 0 {
            return Err(invalid("offering", &w.id, "price", "must be positive"));
        }
        // A photo's name becomes a file name on this desk: nothing but a sha256 is taken.
        if w.photos.iter().flatten().any(|p| !portal_api::is_sha256_hex(p)) {
            return Err(invalid("offering", &w.id, "photos", "must each be a sha256 (64 lowercase hex digits)"));
        }
        Ok(Offering {
            stock_by_region: w.region_stock(),
            photos: w.photos,
            id: w.id,
            classifier_code: w.classifier_code,
            price: Money::from_tiyn(w.price_tiyn),
            stock: w.stock,
            regions: w.regions,
            warranty_months: w.warranty_months,
            description: w.description,
            published: w.published,
            updated_at: w.updated_at,
            // Kept as the portal keeps them: trimmed, none when blank.
            model: w.model.as_deref().and_then(portal_api::model_text).map(str::to_owned),
            manufacturer: w.manufacturer.as_deref().and_then(portal_api::model_text).map(str::to_owned),
        })
    }
}

/// The price rule: a supplier's price must not exceed the classifier's limit price.
pub fn check_price(price: Money, item: &ClassifierItem) -> Result<(), PriceError> {
    match portal_rules::price::price_problem(price.tiyn(), item.limit_price.tiyn()) {
        None => Ok(()),
        Some(portal_rules::price::PriceProblem::NotPositive) => Err(PriceError::NotPositive),
        Some(portal_rules::price::PriceProblem::AboveLimit) => Err(PriceError::AboveLimit { limit: item.limit_price }),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("the price must be above zero")]
    NotPositive,
    #[error("the price is above the classifier's limit price of {limit}")]
    AboveLimit { limit: Money },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub classifier_code: String,
    pub offering_id: String,
    pub quantity: u32,
    pub unit_price: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub full_name: String,
    pub region: String,
    pub phone: String,
    pub address: String,
}

/// The next deadline the supplier must meet in `status`.
pub fn due_at(
    status: OrderStatus,
    accept_by: DateTime<Utc>,
    deliver_by: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    match status {
        OrderStatus::Placed => Some(accept_by),
        OrderStatus::Accepted | OrderStatus::InWork | OrderStatus::Fitting => deliver_by,
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub id: String,
    pub number: String,
    pub status: OrderStatus,
    pub participant: Participant,
    pub lines: Vec<OrderLine>,
    pub placed_at: DateTime<Utc>,
    pub accept_by: DateTime<Utc>,
    pub deliver_by: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Who of the supplier's staff handles the order (free text).
    pub assignee: Option<String>,
    /// Why the participant refused the item at receipt, when the portal says.
    pub refusal_reason: Option<String>,
    /// When the participant confirmed receipt, when the portal says.
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl Order {
    /// The next deadline the supplier must meet: acceptance while placed, delivery while in
    /// progress, none once it is out of the supplier's hands.
    pub fn due_at(&self) -> Option<DateTime<Utc>> {
        due_at(self.status, self.accept_by, self.deliver_by)
    }

    pub fn total(&self) -> Money {
        Money::from_tiyn(
            self.lines
                .iter()
                .map(|l| l.unit_price.tiyn().saturating_mul(i64::from(l.quantity)))
                .fold(0i64, i64::saturating_add),
        )
    }
}

impl TryFrom<portal_api::Order> for Order {
    type Error = ModelError;
    fn try_from(w: portal_api::Order) -> Result<Self, ModelError> {
        if w.id.trim().is_empty() {
            return Err(invalid("order", &w.id, "id", "is empty"));
        }
        if w.number.trim().is_empty() {
            return Err(invalid("order", &w.id, "number", "is empty"));
        }
        if w.lines.is_empty() {
            return Err(invalid("order", &w.id, "lines", "are empty"));
        }
        if w.lines.iter().any(|l| l.quantity == 0 || l.unit_price_tiyn < 0) {
            return Err(invalid("order", &w.id, "lines", "hold a zero quantity or a negative price"));
        }
        if w.accept_by < w.placed_at {
            return Err(invalid("order", &w.id, "accept_by", "is before the order was placed"));
        }
        Ok(Order {
            id: w.id,
            number: w.number,
            status: w.status,
            participant: Participant {
                id: w.participant.id,
                full_name: w.participant.full_name,
                region: w.participant.region,
                phone: w.participant.phone,
                address: w.participant.address,
            },
            lines: w
                .lines
                .into_iter()
                .map(|l| OrderLine {
                    classifier_code: l.classifier_code,
                    offering_id: l.offering_id,
                    quantity: l.quantity,
                    unit_price: Money::from_tiyn(l.unit_price_tiyn),
                })
                .collect(),
            placed_at: w.placed_at,
            accept_by: w.accept_by,
            deliver_by: w.deliver_by,
            updated_at: w.updated_at,
            assignee: w.assignee,
            refusal_reason: w.refusal_reason,
            confirmed_at: w.confirmed_at,
        })
    }
}

/// A handover of an order's items to the participant, recorded by the supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub order_id: String,
    pub delivered_on: NaiveDate,
    pub place: String,
    /// The serial numbers when they are not given per line; with `items`, the action sends
    /// theirs instead.
    pub serial_numbers: Vec<String>,
    pub notes: String,
    /// The serial numbers of each order line handed over.
    pub items: Vec<portal_api::DeliveredItem>,
    /// Who took the items; `None` says nothing (as deliveries recorded before did).
    pub received_by: Option<portal_api::ReceivedBy>,
}

/// A TSR fitted to the person in the workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fitting {
    pub order_id: String,
    pub fitted_on: NaiveDate,
    pub technician: String,
    pub serial_numbers: Vec<String>,
    pub adjustments: String,
    pub warranty_start: NaiveDate,
}

/// The region codes an offering may name (ISO 3166-2:KZ: 3 cities of republican significance and
/// 17 regions), as the UI's region list and the portal sandbox name them. The offering form and
/// the CSV import check against it, so that a typo does not travel to the portal.
pub const REGION_CODES: [&str; 20] = [
    "KZ-ALA", "KZ-AST", "KZ-SHY", "KZ-ABY", "KZ-AKM", "KZ-AKT", "KZ-ALM", "KZ-ATY", "KZ-VOS", "KZ-ZHA", "KZ-ZHT",
    "KZ-ZAP", "KZ-KAR", "KZ-KUS", "KZ-KZY", "KZ-MAN", "KZ-PAV", "KZ-SEV", "KZ-YUZ", "KZ-ULT",
];

/// True when `code` (upper-case) is one of [`REGION_CODES`].
pub fn is_region(code: &str) -> bool {
    REGION_CODES.contains(&code)
}

/// Parses a date as typed (`YYYY-MM-DD`, spaces around it ignored) within the years the portal
/// takes; the error says what is wrong, for the field it came from.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, crate::kernel::Problem> {
    use crate::kernel::Problem;
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Problem::new("date_malformed", "the date must be a calendar date (YYYY-MM-DD)"))?;
    if !portal_api::year_in_range(chrono::Datelike::year(&date)) {
        let (min, max) = (portal_api::MIN_YEAR, portal_api::MAX_YEAR);
        return Err(Problem::new("year_out_of_range", format!("the year must be from {min} to {max}"))
            .with("min", min)
            .with("max", max));
    }
    Ok(date)
}

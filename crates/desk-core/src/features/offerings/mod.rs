//! Offerings: the catalogue, prices under the classifier's limit, stock per region, the CSV
//! import and bulk price changes.

pub mod bulk_price;
pub mod csv;
pub(crate) mod export;
mod form;
mod queries;
pub mod views;

use portal_api::{MutationBody, RegionStock};

use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::money::Money;
use crate::kernel::store::Store;
use crate::replica::offerings::checked_model;

/// A new offering as the supplier enters it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOffering {
    pub classifier_code: String,
    pub price: Money,
    pub regions: Vec<String>,
    /// The stock of each region; a region left out holds none.
    pub stock_by_region: Vec<RegionStock>,
    pub warranty_months: u32,
    pub description: String,
    pub published: bool,
    /// The model of the offered item ("Phonak Naída P50") and who makes it ("Sonova AG"):
    /// trimmed, blank for none.
    pub model: Option<String>,
    pub manufacturer: Option<String>,
}

/// Changes to an offering; `None` keeps a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferingUpdate {
    pub price: Option<Money>,
    pub regions: Option<Vec<String>>,
    pub warranty_months: Option<u32>,
    pub description: Option<String>,
    pub published: Option<bool>,
    /// A blank model or manufacturer clears it.
    pub model: Option<String>,
    pub manufacturer: Option<String>,
}

impl Store {
    /// Creates an offering; returns its id.
    pub fn create_offering(&mut self, actor: &Actor, o: &NewOffering) -> Result<String, ActionError> {
        let model = o.model.as_deref().map(|m| checked_model("model", m)).transpose()?.flatten();
        let manufacturer = o.manufacturer.as_deref().map(|m| checked_model("manufacturer", m)).transpose()?.flatten();
        let offering_id = uuid::Uuid::now_v7().to_string();
        self.act(
            actor,
            MutationBody::CreateOffering {
                offering_id: offering_id.clone(),
                classifier_code: o.classifier_code.clone(),
                price_tiyn: o.price.tiyn(),
                stock: crate::replica::stock::total(&o.stock_by_region)?,
                regions: o.regions.clone(),
                stock_by_region: o.stock_by_region.clone(),
                warranty_months: o.warranty_months,
                description: o.description.clone(),
                published: o.published,
                photos: Vec::new(),
                model,
                manufacturer,
            },
        )?;
        Ok(offering_id)
    }

    pub fn update_offering(
        &mut self,
        actor: &Actor,
        offering_id: &str,
        u: &OfferingUpdate,
    ) -> Result<String, ActionError> {
        // A blank one travels as "" (clear), a named one trimmed.
        let text = |field, value: &Option<String>| -> Result<Option<String>, ActionError> {
            Ok(value.as_deref().map(|v| checked_model(field, v)).transpose()?.map(Option::unwrap_or_default))
        };
        let (model, manufacturer) = (text("model", &u.model)?, text("manufacturer", &u.manufacturer)?);
        self.act(
            actor,
            MutationBody::UpdateOffering {
                offering_id: offering_id.to_owned(),
                price_tiyn: u.price.map(Money::tiyn),
                regions: u.regions.clone(),
                warranty_months: u.warranty_months,
                description: u.description.clone(),
                published: u.published,
                photos: None,
                model,
                manufacturer,
            },
        )
    }

    /// Adds `delta` to an offering's stock in one of its regions (negative to take away). Sent
    /// as a delta so that changes made on several devices add up instead of overwriting each
    /// other.
    pub fn change_stock(
        &mut self,
        actor: &Actor,
        offering_id: &str,
        region: &str,
        delta: i64,
    ) -> Result<String, ActionError> {
        self.act(
            actor,
            MutationBody::ChangeStock { offering_id: offering_id.to_owned(), delta, region: Some(region.to_owned()) },
        )
    }
}

//! Offerings: the catalogue, prices under the classifier's limit, stock per region, the CSV
//! import and bulk price changes.

pub mod bulk_price;
pub mod csv;
mod export;
mod form;
mod queries;
pub mod views;

use portal_api::{MutationBody, RegionStock};

use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::money::Money;
use crate::kernel::store::Store;

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
}

/// Changes to an offering; `None` keeps a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfferingUpdate {
    pub price: Option<Money>,
    pub regions: Option<Vec<String>>,
    pub warranty_months: Option<u32>,
    pub description: Option<String>,
    pub published: Option<bool>,
}

impl Store {
    /// Creates an offering; returns its id.
    pub fn create_offering(&mut self, actor: &Actor, o: &NewOffering) -> Result<String, ActionError> {
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
                model: None,
                manufacturer: None,
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
                model: None,
                manufacturer: None,
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

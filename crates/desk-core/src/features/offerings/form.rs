//! The offering form's two needs: the classifier items to pick from, and saving what was typed
//! (a new offering, or an edit of one) as one user action.

use portal_api::{MutationBody, region_stock};

use super::views::{ClassifierOption, OfferingInput};
use crate::kernel::Problem;
use crate::kernel::access::Actor;
use crate::kernel::error::ActionError;
use crate::kernel::model::is_region;
use crate::kernel::money::Money;
use crate::kernel::store::{Store, StoreError};
use crate::replica::act_in;
use crate::replica::offerings::checked_model;
use crate::replica::stock;
use portal_api::LocalizedText;

impl Store {
    /// Every classifier item, by code: the picker filters them as the user types (a classifier
    /// has tens to a few thousand items, and the picker must work offline).
    pub fn classifier_options(&self) -> Result<Vec<ClassifierOption>, StoreError> {
        let mut stmt = self.connection().prepare_cached(
            "SELECT code, category, name_kk, name_ru, name_en, unit, limit_price_tiyn FROM classifier ORDER BY code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                LocalizedText { kk: r.get(2)?, ru: r.get(3)?, en: r.get(4)? },
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (code, category, name, unit, limit_price_tiyn) = row?;
            let category = portal_api::Category::parse(&category)
                .ok_or(StoreError::UnknownValue { column: "classifier.category", value: category })?;
            out.push(ClassifierOption { code, category, name, unit, limit_price_tiyn });
        }
        Ok(out)
    }

    /// Saves the form: creates an offering when `offering_id` is absent, otherwise changes its
    /// price, regions, warranty, description, publication, model, manufacturer and stock per
    /// region. Everything the form changed is one transaction (each change with its outbox and
    /// audit entries), so a refusal of any field leaves nothing half-saved. Returns the
    /// offering's id.
    pub fn save_offering(&mut self, actor: &Actor, input: &OfferingInput) -> Result<String, ActionError> {
        let price =
            Money::parse(&input.price).map_err(|e| ActionError::Invalid { field: "price", message: e.problem() })?;
        if let Some(unknown) = input.regions.iter().find(|r| !is_region(r)) {
            return Err(ActionError::Invalid {
                field: "regions",
                message: Problem::new("region_unknown", format!("unknown region code {unknown}")).with("code", unknown),
            });
        }
        if let Some(twice) = portal_api::repeated_region(&input.regions) {
            return Err(ActionError::Invalid {
                field: "regions",
                message: Problem::new("region_twice", format!("{twice} is named twice")).with("region", twice),
            });
        }
        let typed = |field, value: &Option<String>| value.as_deref().map(|v| checked_model(field, v)).transpose();
        let (model, manufacturer) = (typed("model", &input.model)?, typed("manufacturer", &input.manufacturer)?);
        let tx = self.transaction()?;
        let id = match &input.offering_id {
            None => {
                stock::check_target(&input.regions, &[], &input.stock_by_region)?;
                let total = stock::total(&input.stock_by_region)?;
                let offering_id = uuid::Uuid::now_v7().to_string();
                act_in(
                    &tx,
                    actor,
                    MutationBody::CreateOffering {
                        offering_id: offering_id.clone(),
                        classifier_code: input.classifier_code.clone(),
                        price_tiyn: price.tiyn(),
                        stock: total,
                        regions: input.regions.clone(),
                        stock_by_region: region_stock(&input.regions, total, &input.stock_by_region),
                        warranty_months: input.warranty_months,
                        description: input.description.clone(),
                        published: input.published,
                        photos: input.photos.clone().unwrap_or_default(),
                        model: model.flatten(),
                        manufacturer: manufacturer.flatten(),
                    },
                )?;
                offering_id
            }
            Some(offering_id) => {
                let held = match stock::held(&tx, offering_id) {
                    Err(ActionError::Store(StoreError::NotFound { .. })) => {
                        return Err(ActionError::Invalid {
                            field: "offering",
                            message: format!("no offering {offering_id}").into(),
                        });
                    }
                    other => other?,
                };
                stock::check_target(&input.regions, &held.by_region, &input.stock_by_region)?;
                let plan = stock::plan(&held.by_region, &input.regions, &input.stock_by_region);
                // Sent only when changed: an edit that leaves them alone still reaches a portal
                // older than models, and does not overwrite another desk's naming of them.
                let (shown_model, shown_maker): (Option<String>, Option<String>) =
                    tx.query_row("SELECT model, manufacturer FROM offerings WHERE id = ?1", [offering_id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                let changed = |typed: Option<Option<String>>, shown: Option<String>| {
                    typed.filter(|t| *t != shown).map(Option::unwrap_or_default)
                };
                let edit = MutationBody::UpdateOffering {
                    offering_id: offering_id.clone(),
                    price_tiyn: Some(price.tiyn()),
                    regions: Some(input.regions.clone()),
                    warranty_months: Some(input.warranty_months),
                    description: Some(input.description.clone()),
                    published: Some(input.published),
                    photos: input.photos.clone(),
                    model: changed(model, shown_model),
                    manufacturer: changed(manufacturer, shown_maker),
                };
                stock::act_with_plan(&tx, actor, offering_id, &plan, Some(edit))?;
                offering_id.clone()
            }
        };
        tx.commit()?;
        Ok(id)
    }
}

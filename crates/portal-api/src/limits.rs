//! The contract's sizes (`portal_rules::limits`) applied to each field of a mutation: the same
//! check on both sides (the desk refuses a longer value next to its field, the portal refuses
//! the mutation as `invalid_input`).

use crate::{MutationBody, ReceivedBy};

use portal_rules::limits::{
    MAX_ID_CHARS, MAX_LIST_ITEMS, MAX_MODEL_CHARS, MAX_NAME_CHARS, MAX_RECEIVER_CHARS, MAX_TEXT_CHARS,
};

fn text(field: &'static str, value: &str, max: usize) -> Option<(&'static str, String)> {
    let n = value.chars().count();
    (n > max).then(|| (field, format!("is {n} characters long; at most {max} are allowed")))
}

fn list<T>(field: &'static str, items: &[T]) -> Option<(&'static str, String)> {
    (items.len() > MAX_LIST_ITEMS)
        .then(|| (field, format!("has {} items; at most {MAX_LIST_ITEMS} are allowed", items.len())))
}

fn names(field: &'static str, items: &[String]) -> Option<(&'static str, String)> {
    list(field, items).or_else(|| items.iter().find_map(|s| text(field, s, MAX_NAME_CHARS)))
}

impl MutationBody {
    /// The first field of the mutation over the contract's sizes, and what is wrong with it.
    pub fn size_problem(&self) -> Option<(&'static str, String)> {
        let id = |field, value: &str| text(field, value, MAX_ID_CHARS);
        let name = |field, value: &str| text(field, value, MAX_NAME_CHARS);
        let free = |field, value: &str| text(field, value, MAX_TEXT_CHARS);
        let model = |field, value: &Option<String>| value.as_deref().and_then(|v| text(field, v, MAX_MODEL_CHARS));
        match self {
            MutationBody::AcceptOrder { order_id } => id("order_id", order_id),
            MutationBody::DeclineOrder { order_id, reason } => {
                id("order_id", order_id).or_else(|| free("reason", reason))
            }
            MutationBody::RecordDelivery {
                order_id,
                delivery_id,
                place,
                serial_numbers,
                notes,
                photos,
                items,
                received_by,
                ..
            } => id("order_id", order_id)
                .or_else(|| id("delivery_id", delivery_id))
                .or_else(|| name("place", place))
                .or_else(|| names("serial_numbers", serial_numbers))
                .or_else(|| free("notes", notes))
                .or_else(|| list("photos", photos))
                .or_else(|| list("items", items))
                .or_else(|| {
                    items
                        .iter()
                        .find_map(|i| name("items", &i.classifier_code).or_else(|| names("items", &i.serial_numbers)))
                })
                .or_else(|| match received_by {
                    Some(ReceivedBy::Representative { name: who }) => text("received_by", who, MAX_RECEIVER_CHARS),
                    _ => None,
                }),
            MutationBody::RecordFitting { order_id, fitting_id, technician, serial_numbers, adjustments, .. } => {
                id("order_id", order_id)
                    .or_else(|| id("fitting_id", fitting_id))
                    .or_else(|| name("technician", technician))
                    .or_else(|| names("serial_numbers", serial_numbers))
                    .or_else(|| free("adjustments", adjustments))
            }
            MutationBody::CreateOffering {
                offering_id,
                classifier_code,
                regions,
                stock_by_region,
                description,
                photos,
                model: model_name,
                manufacturer,
                ..
            } => id("offering_id", offering_id)
                .or_else(|| name("classifier_code", classifier_code))
                .or_else(|| names("regions", regions))
                .or_else(|| list("stock_by_region", stock_by_region))
                .or_else(|| stock_by_region.iter().find_map(|r| name("stock_by_region", &r.region)))
                .or_else(|| free("description", description))
                .or_else(|| list("photos", photos))
                .or_else(|| model("model", model_name))
                .or_else(|| model("manufacturer", manufacturer)),
            MutationBody::UpdateOffering {
                offering_id,
                regions,
                description,
                photos,
                model: model_name,
                manufacturer,
                ..
            } => id("offering_id", offering_id)
                .or_else(|| regions.as_deref().and_then(|r| names("regions", r)))
                .or_else(|| description.as_deref().and_then(|d| free("description", d)))
                .or_else(|| photos.as_deref().and_then(|p| list("photos", p)))
                .or_else(|| model("model", model_name))
                .or_else(|| model("manufacturer", manufacturer)),
            MutationBody::ChangeStock { offering_id, region, .. } => {
                id("offering_id", offering_id).or_else(|| region.as_deref().and_then(|r| name("region", r)))
            }
            MutationBody::RecordFittingSession { order_id, session_id, technician, notes, measurements, .. } => {
                id("order_id", order_id)
                    .or_else(|| id("session_id", session_id))
                    .or_else(|| name("technician", technician))
                    .or_else(|| free("notes", notes))
                    .or_else(|| list("measurements", measurements))
                    .or_else(|| {
                        measurements.iter().find_map(|m| {
                            name("measurements", &m.name)
                                .or_else(|| name("measurements", &m.value))
                                .or_else(|| name("measurements", &m.unit))
                        })
                    })
            }
            MutationBody::RecordReturn { order_id, return_id, reason, notes, .. } => id("order_id", order_id)
                .or_else(|| id("return_id", return_id))
                .or_else(|| free("reason", reason))
                .or_else(|| free("notes", notes)),
            MutationBody::RecordReplacement { order_id, replacement_id, serial_numbers, notes, .. } => {
                id("order_id", order_id)
                    .or_else(|| id("replacement_id", replacement_id))
                    .or_else(|| names("serial_numbers", serial_numbers))
                    .or_else(|| free("notes", notes))
            }
            MutationBody::AssignOrder { order_id, assignee } => {
                id("order_id", order_id).or_else(|| name("assignee", assignee))
            }
            MutationBody::RecordWarrantyService {
                order_id,
                service_id,
                serial_number,
                new_serial_number,
                notes,
                ..
            } => id("order_id", order_id)
                .or_else(|| id("service_id", service_id))
                .or_else(|| name("serial_number", serial_number))
                .or_else(|| new_serial_number.as_deref().and_then(|n| name("new_serial_number", n)))
                .or_else(|| text("notes", notes, portal_rules::warranty::MAX_SERVICE_NOTES_CHARS)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_and_list_of_a_mutation_is_bounded() {
        let long = "я".repeat(MAX_TEXT_CHARS + 1);
        let body = MutationBody::DeclineOrder { order_id: "o".into(), reason: long };
        assert_eq!(body.size_problem().map(|p| p.0), Some("reason"));
        let ok = MutationBody::DeclineOrder { order_id: "o".into(), reason: "я".repeat(MAX_TEXT_CHARS) };
        assert_eq!(ok.size_problem(), None);
        let serials = MutationBody::RecordReplacement {
            order_id: "o".into(),
            replacement_id: "r".into(),
            replaced_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            serial_numbers: vec!["SN".into(); MAX_LIST_ITEMS + 1],
            notes: String::new(),
        };
        assert_eq!(serials.size_problem().map(|p| p.0), Some("serial_numbers"));
    }

    #[test]
    fn a_model_and_a_manufacturer_are_bounded_on_create_and_update() {
        let update = |model: &str, manufacturer: &str| MutationBody::UpdateOffering {
            offering_id: "o".into(),
            price_tiyn: None,
            regions: None,
            warranty_months: None,
            description: None,
            published: None,
            photos: None,
            model: Some(model.into()),
            manufacturer: Some(manufacturer.into()),
        };
        let at_most = "ö".repeat(MAX_MODEL_CHARS);
        let over = "ö".repeat(MAX_MODEL_CHARS + 1);
        assert_eq!(update(&at_most, &at_most).size_problem(), None);
        assert_eq!(update(&over, "").size_problem().map(|p| p.0), Some("model"));
        assert_eq!(update("", &over).size_problem().map(|p| p.0), Some("manufacturer"));
        let create = MutationBody::CreateOffering {
            offering_id: "o".into(),
            classifier_code: "TSR-01-001".into(),
            price_tiyn: 1,
            stock: 0,
            regions: Vec::new(),
            stock_by_region: Vec::new(),
            warranty_months: 0,
            description: String::new(),
            published: false,
            photos: Vec::new(),
            model: None,
            manufacturer: Some(over),
        };
        assert_eq!(create.size_problem().map(|p| p.0), Some("manufacturer"));
    }
}

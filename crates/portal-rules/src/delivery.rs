//! The delivery's rules: the serial numbers of each order line handed over, and who received
//! the items (the participant or a representative named in the act).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::limits::MAX_RECEIVER_CHARS;

/// The serial numbers of what was handed over for one line of the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DeliveredItem {
    /// The order line's classifier code.
    #[schema(max_length = 200)]
    pub classifier_code: String,
    #[schema(max_items = 100)]
    pub serial_numbers: Vec<String>,
}

/// Who took the items: the participant, or a representative (a guardian, a relative with a
/// power of attorney) whose name the act of delivery carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReceivedBy {
    Participant,
    Representative {
        #[schema(max_length = 200)]
        name: String,
    },
}

/// What is wrong with the delivered items of a delivery, with the field it concerns: each item
/// names a line of the order (`order_lines`, their classifier codes), no line twice (an order
/// with two lines of one code may name that code twice), and the flat `serial_numbers` are all
/// the items' serials in order, so that a peer that reads only the flat list reads the same
/// serials. No items (an older desk) is no problem.
pub fn delivered_items_problem(
    items: &[DeliveredItem],
    serial_numbers: &[String],
    order_lines: &[&str],
) -> Option<(&'static str, String)> {
    if items.is_empty() {
        return None;
    }
    for (i, item) in items.iter().enumerate() {
        let code = item.classifier_code.as_str();
        let lines = order_lines.iter().filter(|l| **l == code).count();
        if lines == 0 {
            return Some(("items", format!("the order has no line {code:?}")));
        }
        if items[..=i].iter().filter(|other| other.classifier_code == code).count() > lines {
            return Some(("items", format!("the line {code:?} is named more often than the order has it")));
        }
    }
    let flat: Vec<&String> = items.iter().flat_map(|item| &item.serial_numbers).collect();
    if flat.len() != serial_numbers.len() || flat.iter().zip(serial_numbers).any(|(a, b)| *a != b) {
        return Some(("serial_numbers", "the serial numbers differ from those of the items, in order".to_owned()));
    }
    None
}

/// What is wrong with who received the items: a representative's name is required (not blank)
/// and at most [`MAX_RECEIVER_CHARS`] characters.
pub fn received_by_problem(received_by: Option<&ReceivedBy>) -> Option<(&'static str, String)> {
    match received_by {
        Some(ReceivedBy::Representative { name }) => {
            let n = name.trim().chars().count();
            if n == 0 {
                Some(("received_by", "a representative who received the items needs a name".to_owned()))
            } else if n > MAX_RECEIVER_CHARS {
                Some(("received_by", format!("a representative's name is at most {MAX_RECEIVER_CHARS} characters")))
            } else {
                None
            }
        }
        Some(ReceivedBy::Participant) | None => None,
    }
}

/// The flat list of serial numbers the items carry, in order.
pub fn flat_serials(items: &[DeliveredItem]) -> Vec<String> {
    items.iter().flat_map(|item| item.serial_numbers.iter().cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(code: &str, serials: &[&str]) -> DeliveredItem {
        DeliveredItem {
            classifier_code: code.to_owned(),
            serial_numbers: serials.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn items_name_lines_of_the_order_and_match_the_flat_serials() {
        let lines = ["01.01", "02.02"];
        let items = vec![item("01.01", &["A", "B"]), item("02.02", &[])];
        assert_eq!(delivered_items_problem(&items, &flat_serials(&items), &lines), None);
        assert_eq!(delivered_items_problem(&[], &["X".into()], &lines), None, "an older desk sends no items");
        let unknown = vec![item("09.09", &["A"])];
        assert_eq!(delivered_items_problem(&unknown, &["A".into()], &lines).map(|p| p.0), Some("items"));
        let twice = vec![item("01.01", &["A"]), item("01.01", &["B"])];
        assert_eq!(delivered_items_problem(&twice, &flat_serials(&twice), &lines).map(|p| p.0), Some("items"));
        let two_lines = ["01.01", "01.01"];
        assert_eq!(delivered_items_problem(&twice, &flat_serials(&twice), &two_lines), None);
        let reordered = ["B".to_owned(), "A".to_owned()];
        assert_eq!(delivered_items_problem(&items, &reordered, &lines).map(|p| p.0), Some("serial_numbers"));
        assert_eq!(delivered_items_problem(&items, &["A".into()], &lines).map(|p| p.0), Some("serial_numbers"));
    }

    #[test]
    fn a_representative_needs_a_bounded_name() {
        let rep = |name: &str| ReceivedBy::Representative { name: name.to_owned() };
        assert_eq!(received_by_problem(None), None);
        assert_eq!(received_by_problem(Some(&ReceivedBy::Participant)), None);
        assert_eq!(received_by_problem(Some(&rep("Айгуль Нурланова"))), None);
        assert_eq!(received_by_problem(Some(&rep("  "))).map(|p| p.0), Some("received_by"));
        let long = "я".repeat(MAX_RECEIVER_CHARS + 1);
        assert_eq!(received_by_problem(Some(&rep(&long))).map(|p| p.0), Some("received_by"));
    }

    #[test]
    fn received_by_on_the_wire() {
        let rep = ReceivedBy::Representative { name: "Айгуль".into() };
        let json = serde_json::to_string(&rep).expect("json");
        assert_eq!(json, r#"{"kind":"representative","name":"Айгуль"}"#);
        assert_eq!(serde_json::to_string(&ReceivedBy::Participant).expect("json"), r#"{"kind":"participant"}"#);
    }
}

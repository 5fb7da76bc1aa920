//! The warranty's rules: when an item's warranty starts and ends, which order line a serial
//! belongs to, and what a warranty service (a repair, or a replacement under warranty) may be.
//! The portal refuses a service the rules refuse; the desk refuses it first, next to its field.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::OrderStatus;

/// The longest description of a fault and of the work done, in characters (a size of the
/// contract, checked with the others by `portal_api::MutationBody::size_problem`).
pub const MAX_SERVICE_NOTES_CHARS: usize = 1000;

/// What was done under warranty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyServiceKind {
    /// The item was repaired and handed back; its serial and warranty stay.
    Repair,
    /// The item was exchanged for another one, whose serial then carries the warranty, anew
    /// from the day of the exchange (as a replaced item's warranty runs anew under the Civil
    /// Code).
    Replacement,
}

/// Where an item's warranty starts: the fitting's warranty start when the item was fitted,
/// else the day it was handed over (delivered, or replaced at receipt or under warranty).
pub fn warranty_start(fitting_start: Option<NaiveDate>, handed_over: Option<NaiveDate>) -> Option<NaiveDate> {
    fitting_start.or(handed_over)
}

/// The last day of a warranty of `months` from `start`; `None` for no warranty (0 months) or
/// a date past the calendar.
pub fn warranty_end(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    if months == 0 {
        return None;
    }
    start.checked_add_months(Months::new(months))
}

/// An order line as the warranty sees it.
#[derive(Debug, Clone, Copy)]
pub struct LineFacts<'a> {
    pub classifier_code: &'a str,
    pub needs_fitting: bool,
}

/// Which of `lines` a serial belongs to: the line a delivery listed it under (`listed_under`,
/// a classifier code); else the order's only line; else, for a fitted serial, the first line
/// that needs fitting; else the first line.
pub fn line_of_serial(listed_under: Option<&str>, fitted: bool, lines: &[LineFacts<'_>]) -> Option<usize> {
    listed_under
        .and_then(|code| lines.iter().position(|l| l.classifier_code == code))
        .or_else(|| (lines.len() == 1).then_some(0))
        .or_else(|| fitted.then(|| lines.iter().position(|l| l.needs_fitting)).flatten())
        .or_else(|| (!lines.is_empty()).then_some(0))
}

/// The order statuses in which its items are with the participant, so under warranty service.
pub fn serviceable(status: OrderStatus) -> bool {
    matches!(status, OrderStatus::Delivered | OrderStatus::Replaced | OrderStatus::Confirmed | OrderStatus::Paid)
}

/// A serial as the registers compare it: trimmed and upper-cased, as a scanner or a person may
/// type it either way.
pub fn serial_key(serial: &str) -> String {
    serial.trim().to_uppercase()
}

/// What a warranty service asks, with the item's warranty as the records give it.
#[derive(Debug, Clone, Copy)]
pub struct ServiceFacts<'a> {
    pub kind: WarrantyServiceKind,
    pub serviced_on: NaiveDate,
    pub serial_number: &'a str,
    pub new_serial_number: Option<&'a str>,
    pub notes: &'a str,
    /// The warranty's start and its months (`None`: the item's warranty is not known).
    pub warranty_start: NaiveDate,
    pub warranty_months: Option<u32>,
}

/// Why a warranty service is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceProblem {
    /// The fault and the work are not described.
    NotesRequired,
    /// The service is dated before the warranty started.
    BeforeWarranty { start: NaiveDate },
    /// The item carries no warranty (0 months) or the desk does not know its months.
    NoWarranty,
    /// The service is dated after the warranty's last day.
    OutOfWarranty { end: NaiveDate },
    /// A replacement names no serial for the new item.
    NewSerialRequired,
    /// A replacement's new serial is the old one.
    NewSerialSame,
    /// A repair keeps its serial; it names no new one.
    NewSerialForRepair,
}

impl ServiceProblem {
    /// The field the problem concerns.
    pub fn field(&self) -> &'static str {
        match self {
            ServiceProblem::NotesRequired => "notes",
            ServiceProblem::BeforeWarranty { .. }
            | ServiceProblem::NoWarranty
            | ServiceProblem::OutOfWarranty { .. } => "serviced_on",
            ServiceProblem::NewSerialRequired | ServiceProblem::NewSerialSame | ServiceProblem::NewSerialForRepair => {
                "new_serial_number"
            }
        }
    }

    /// The problem in English, for logs and the portal's answer.
    pub fn text(&self) -> String {
        match self {
            ServiceProblem::NotesRequired => "describe the fault and the work done".to_owned(),
            ServiceProblem::BeforeWarranty { start } => {
                format!("the service is dated before the warranty started ({start})")
            }
            ServiceProblem::NoWarranty => "the item carries no warranty".to_owned(),
            ServiceProblem::OutOfWarranty { end } => format!("the item is out of warranty: it ended on {end}"),
            ServiceProblem::NewSerialRequired => "a replacement needs the new item's serial number".to_owned(),
            ServiceProblem::NewSerialSame => "the new item's serial number is the old one".to_owned(),
            ServiceProblem::NewSerialForRepair => "a repaired item keeps its serial number".to_owned(),
        }
    }
}

/// What is wrong with a warranty service, if anything.
pub fn service_problem(s: &ServiceFacts<'_>) -> Option<ServiceProblem> {
    if s.notes.trim().is_empty() {
        return Some(ServiceProblem::NotesRequired);
    }
    let new_serial = s.new_serial_number.map(str::trim).filter(|n| !n.is_empty());
    match (s.kind, new_serial) {
        (WarrantyServiceKind::Replacement, None) => return Some(ServiceProblem::NewSerialRequired),
        (WarrantyServiceKind::Replacement, Some(n)) if serial_key(n) == serial_key(s.serial_number) => {
            return Some(ServiceProblem::NewSerialSame);
        }
        (WarrantyServiceKind::Repair, Some(_)) => return Some(ServiceProblem::NewSerialForRepair),
        _ => {}
    }
    if s.serviced_on < s.warranty_start {
        return Some(ServiceProblem::BeforeWarranty { start: s.warranty_start });
    }
    match s.warranty_months.and_then(|m| warranty_end(s.warranty_start, m)) {
        None => Some(ServiceProblem::NoWarranty),
        Some(end) if s.serviced_on > end => Some(ServiceProblem::OutOfWarranty { end }),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn repair(on: NaiveDate) -> ServiceFacts<'static> {
        ServiceFacts {
            kind: WarrantyServiceKind::Repair,
            serviced_on: on,
            serial_number: "SN-1",
            new_serial_number: None,
            notes: "the hinge was loose; tightened",
            warranty_start: d(2026, 1, 31),
            warranty_months: Some(12),
        }
    }

    #[test]
    fn a_warranty_ends_its_months_after_the_start() {
        assert_eq!(warranty_end(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(warranty_end(d(2026, 1, 31), 12), Some(d(2027, 1, 31)));
        assert_eq!(warranty_end(d(2026, 1, 31), 0), None);
        assert_eq!(warranty_start(Some(d(2026, 2, 1)), Some(d(2026, 1, 20))), Some(d(2026, 2, 1)));
        assert_eq!(warranty_start(None, Some(d(2026, 1, 20))), Some(d(2026, 1, 20)));
    }

    #[test]
    fn a_service_falls_within_the_warranty() {
        assert_eq!(service_problem(&repair(d(2027, 1, 31))), None, "the last day is within");
        assert_eq!(
            service_problem(&repair(d(2027, 2, 1))),
            Some(ServiceProblem::OutOfWarranty { end: d(2027, 1, 31) })
        );
        assert_eq!(
            service_problem(&repair(d(2026, 1, 30))),
            Some(ServiceProblem::BeforeWarranty { start: d(2026, 1, 31) })
        );
        let none = ServiceFacts { warranty_months: Some(0), ..repair(d(2026, 3, 1)) };
        assert_eq!(service_problem(&none), Some(ServiceProblem::NoWarranty));
        let unknown = ServiceFacts { warranty_months: None, ..repair(d(2026, 3, 1)) };
        assert_eq!(service_problem(&unknown), Some(ServiceProblem::NoWarranty));
    }

    #[test]
    fn a_replacement_names_a_new_serial_and_a_repair_none() {
        let on = d(2026, 3, 1);
        let replacement = |new: Option<&'static str>| ServiceFacts {
            kind: WarrantyServiceKind::Replacement,
            new_serial_number: new,
            ..repair(on)
        };
        assert_eq!(service_problem(&replacement(None)), Some(ServiceProblem::NewSerialRequired));
        assert_eq!(service_problem(&replacement(Some("  "))), Some(ServiceProblem::NewSerialRequired));
        assert_eq!(service_problem(&replacement(Some(" sn-1 "))), Some(ServiceProblem::NewSerialSame));
        assert_eq!(service_problem(&replacement(Some("SN-2"))), None);
        let repaired = ServiceFacts { new_serial_number: Some("SN-2"), ..repair(on) };
        assert_eq!(service_problem(&repaired), Some(ServiceProblem::NewSerialForRepair));
        let blank = ServiceFacts { notes: " ", ..repair(on) };
        assert_eq!(service_problem(&blank).map(|p| p.field()), Some("notes"));
    }

    #[test]
    fn a_serial_belongs_to_the_line_it_was_listed_under() {
        let lines = [
            LineFacts { classifier_code: "A", needs_fitting: false },
            LineFacts { classifier_code: "B", needs_fitting: true },
        ];
        assert_eq!(line_of_serial(Some("B"), false, &lines), Some(1));
        assert_eq!(line_of_serial(None, true, &lines), Some(1));
        assert_eq!(line_of_serial(None, false, &lines), Some(0));
        assert_eq!(line_of_serial(Some("Z"), false, &lines[..1]), Some(0));
        assert_eq!(line_of_serial(None, false, &[]), None);
    }
}

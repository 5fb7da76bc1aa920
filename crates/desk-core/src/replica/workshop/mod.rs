//! The workshop's input rules: what a fitting session and a "fitted" mark must hold, and the
//! local half of a session mutation. The portal checks the same again.

mod portal;

pub(crate) use portal::PortalRecords;

use chrono::{NaiveDate, Utc};
use portal_api::{Measurement, OrderStatus};
use rusqlite::{Transaction, params};

use crate::kernel::Problem;
use crate::kernel::error::{ActionError, invalid};
use crate::kernel::store::StoreError;
use crate::lifecycle::Transition;
use crate::replica::orders::{move_order, order_status};

/// Kazakhstan's offset from UTC (one zone, UTC+5, since 2024): the workshop's "today".
const KZ_OFFSET_HOURS: i64 = 5;

/// Today's date in Kazakhstan, which dates typed in the workshop are local to.
pub(crate) fn kz_today() -> NaiveDate {
    (Utc::now() + chrono::TimeDelta::hours(KZ_OFFSET_HOURS)).date_naive()
}

/// Parses a date field as typed (`YYYY-MM-DD`), naming the field when it is not one.
pub(crate) fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate, ActionError> {
    crate::kernel::model::parse_date(text).map_err(|message| invalid(field, message))
}

/// A date of something that already happened: not after today.
fn not_in_future(field: &'static str, date: NaiveDate) -> Result<(), ActionError> {
    if date > kz_today() {
        return Err(invalid(
            field,
            Problem::new("date_in_future", format!("{date} is in the future")).with("date", date),
        ));
    }
    Ok(())
}

/// The "fitted" mark's own rules: it happened, it names at least one serial number (the
/// warranty and any return are traced by it), and the warranty does not start before the
/// item was fitted.
pub(crate) fn check_fitted(
    fitted_on: NaiveDate,
    serial_numbers: &[String],
    warranty_start: NaiveDate,
) -> Result<(), ActionError> {
    not_in_future("fitted_on", fitted_on)?;
    match portal_rules::fitting::fitted_mark_problem(fitted_on, serial_numbers, warranty_start) {
        Some((field, text)) => {
            let problem = match field {
                "serial_numbers" => Problem::new("serial_required", text),
                _ => Problem::new("warranty_before_fitting", text)
                    .with("date", warranty_start)
                    .with("fitted_on", fitted_on),
            };
            Err(invalid(field, problem))
        }
        None => Ok(()),
    }
}

/// A measurement value as people type it (`24,5` or `24.5`), as the wire carries it (`24.5`);
/// it must be a number above zero.
pub(crate) fn normalize_value(text: &str) -> Option<String> {
    portal_rules::fitting::measurement_value(text)
}

/// Checks the measurements of a session; `value` must already be normalized.
pub(crate) fn check_measurements(measurements: &[Measurement]) -> Result<(), ActionError> {
    for (i, m) in measurements.iter().enumerate() {
        let row = i + 1;
        if m.name.trim().is_empty() {
            return Err(invalid(
                "measurements",
                Problem::new("measurement_unnamed", format!("measurement {row}: say what was measured"))
                    .with("row", row),
            ));
        }
        if normalize_value(&m.value).as_deref() != Some(m.value.as_str()) {
            return Err(invalid(
                "measurements",
                format!("measurement {row} ({}): the value must be a number above zero", m.name.trim()),
            ));
        }
        if m.unit.trim().is_empty() {
            return Err(invalid(
                "measurements",
                format!("measurement {row} ({}): the unit is required", m.name.trim()),
            ));
        }
    }
    Ok(())
}

/// A session as the mutation carries it.
pub(crate) struct SessionRow<'a> {
    pub id: &'a str,
    pub order_id: &'a str,
    pub session_on: NaiveDate,
    pub technician: &'a str,
    pub notes: &'a str,
    pub measurements: &'a [Measurement],
}

/// The local half of `RecordFittingSession`: the rules, the order's move into fitting, the row.
pub(crate) fn apply_session(tx: &Transaction<'_>, s: &SessionRow<'_>) -> Result<(), ActionError> {
    if s.technician.trim().is_empty() {
        return Err(invalid(
            "technician",
            Problem::new("session_technician_required", "who held the session is required"),
        ));
    }
    not_in_future("session_on", s.session_on)?;
    check_measurements(s.measurements)?;
    let status = order_status(tx, s.order_id)?;
    if !needs_fitting(tx, s.order_id)? {
        return Err(invalid(
            "order",
            Problem::new("order_needs_no_fitting", "none of this order's items needs fitting"),
        ));
    }
    // A session belongs to the work on the item: it starts the fitting stage like the fitted
    // mark does, so the participant sees the order in the workshop.
    let path: &[Transition] = match status {
        OrderStatus::Accepted => &[Transition::StartWork, Transition::StartFitting],
        OrderStatus::InWork => &[Transition::StartFitting],
        OrderStatus::Fitting => &[],
        other => {
            return Err(invalid(
                "order",
                Problem::new(
                    "no_fitting_session_now",
                    format!("an order that is {} takes no fitting session", other.as_str()),
                )
                .with("status", other.as_str()),
            ));
        }
    };
    move_order(tx, s.order_id, path)?;
    // A retried session (after the portal refused it) carries the same id: it replaces the row.
    tx.execute(
        "INSERT INTO fitting_sessions (id, order_id, session_on, technician, notes, measurements, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET session_on = excluded.session_on, technician = excluded.technician,
             notes = excluded.notes, measurements = excluded.measurements, recorded_at = excluded.recorded_at",
        params![
            s.id,
            s.order_id,
            s.session_on,
            s.technician,
            s.notes,
            serde_json::to_string(s.measurements).map_err(StoreError::Json)?,
            Utc::now()
        ],
    )?;
    Ok(())
}

fn needs_fitting(tx: &Transaction<'_>, order_id: &str) -> Result<bool, ActionError> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM order_lines l JOIN classifier c ON c.code = l.classifier_code
                        WHERE l.order_id = ?1 AND c.needs_fitting)",
        [order_id],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::normalize_value;

    #[test]
    fn measurement_values_are_positive_decimals_with_a_dot() {
        assert_eq!(normalize_value(" 24,5 ").as_deref(), Some("24.5"));
        assert_eq!(normalize_value("38").as_deref(), Some("38"));
        assert_eq!(normalize_value("0.5").as_deref(), Some("0.5"));
        for bad in ["", "0", "0.0", "-3", "2.", ".5", "1e3", "24 cm", "1.2.3", "abc"] {
            assert_eq!(normalize_value(bad), None, "{bad:?}");
        }
    }
}

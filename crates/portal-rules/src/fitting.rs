//! The workshop's rules: a fitted mark names the serial number of what was fitted and a warranty
//! that starts no earlier than the fitting; a measurement's value is a decimal number above zero.

use chrono::NaiveDate;

/// What is wrong with a fitted mark, with the field it concerns.
pub fn fitted_mark_problem(
    fitted_on: NaiveDate,
    serial_numbers: &[String],
    warranty_start: NaiveDate,
) -> Option<(&'static str, String)> {
    if serial_numbers.iter().all(|s| s.trim().is_empty()) {
        return Some(("serial_numbers", "at least one serial number of the fitted item is required".to_owned()));
    }
    if warranty_start < fitted_on {
        return Some((
            "warranty_start",
            format!("the warranty cannot start ({warranty_start}) before the item was fitted ({fitted_on})"),
        ));
    }
    None
}

/// Whether `v` is a measurement value as the wire carries it: a decimal number above zero
/// written with a dot (`24.5`).
pub fn is_measurement_value(v: &str) -> bool {
    let (whole, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    !whole.is_empty()
        && digits(whole)
        && digits(frac)
        && !(v.contains('.') && frac.is_empty())
        && v.chars().any(|c| ('1'..='9').contains(&c))
}

/// A measurement value as people type it (`24,5` or ` 24.5 `), in the wire's form, if it is one.
pub fn measurement_value(typed: &str) -> Option<String> {
    let v = typed.trim().replace(',', ".");
    is_measurement_value(&v).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measurement_values() {
        for good in ["24.5", "38", "0.5", "120"] {
            assert!(is_measurement_value(good), "{good}");
        }
        for bad in ["", "0", "0.0", "-1", "2.", ".5", "24,5", "1e3", "24 cm"] {
            assert!(!is_measurement_value(bad), "{bad}");
        }
        assert_eq!(measurement_value(" 24,5 ").as_deref(), Some("24.5"));
        assert_eq!(measurement_value("0,0"), None);
    }

    #[test]
    fn a_fitted_mark_needs_a_serial_and_a_warranty_from_the_fitting_on() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).expect("date");
        assert_eq!(fitted_mark_problem(d(5), &["SN-1".into()], d(5)), None);
        assert_eq!(fitted_mark_problem(d(5), &[" ".into()], d(5)).map(|p| p.0), Some("serial_numbers"));
        assert_eq!(fitted_mark_problem(d(5), &["SN-1".into()], d(4)).map(|p| p.0), Some("warranty_start"));
    }
}

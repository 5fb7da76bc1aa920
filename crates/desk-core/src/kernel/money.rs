//! Money as integer tiyn (1 tenge = 100 tiyn), never floating point.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An amount of tenge held as integer tiyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Money(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("the amount is empty")]
    Empty,
    #[error("'{0}' is not an amount of tenge (digits, optional thousands spaces, up to two decimals)")]
    Malformed(String),
    #[error("the amount has more than two decimals (tiyn are the smallest unit)")]
    TooPrecise,
    #[error("the amount is too large")]
    Overflow,
}

impl MoneyError {
    /// The problem as the window words it.
    pub fn problem(&self) -> crate::kernel::Problem {
        use crate::kernel::Problem;
        match self {
            MoneyError::Empty => Problem::new("amount_empty", self.to_string()),
            MoneyError::Malformed(text) => Problem::new("amount_malformed", self.to_string()).with("text", text),
            MoneyError::TooPrecise => Problem::new("amount_too_precise", self.to_string()),
            MoneyError::Overflow => Problem::new("amount_too_large", self.to_string()),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_tiyn(tiyn: i64) -> Money {
        Money(tiyn)
    }

    pub const fn tiyn(self) -> i64 {
        self.0
    }

    pub fn checked_mul(self, n: i64) -> Option<Money> {
        self.0.checked_mul(n).map(Money)
    }

    /// Parses what a person types: `12345`, `12 345,50`, `12345.5`, `12 345 ₸`, `-10`.
    /// Both the comma and the dot are accepted as the decimal mark; spaces (also non-breaking)
    /// and apostrophes group thousands; a trailing `₸`, `тг` or `KZT` is allowed.
    pub fn parse(input: &str) -> Result<Money, MoneyError> {
        let mut s = input.trim();
        for suffix in ["₸", "KZT", "kzt", "тг", "тг."] {
            if let Some(rest) = s.strip_suffix(suffix) {
                s = rest.trim_end();
            }
        }
        if s.is_empty() {
            return Err(MoneyError::Empty);
        }
        let malformed = || MoneyError::Malformed(input.trim().to_owned());
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
        let (whole, frac) = match compact.find([',', '.']) {
            Some(i) => (&compact[..i], &compact[i + 1..]),
            None => (compact.as_str(), ""),
        };
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooPrecise);
        }
        let whole: i64 = whole.parse().map_err(|_| MoneyError::Overflow)?;
        let frac_tiyn: i64 = match frac.len() {
            0 => 0,
            1 => i64::from(frac.as_bytes()[0] - b'0') * 10,
            _ => frac.parse().map_err(|_| malformed())?,
        };
        let tiyn = whole.checked_mul(100).and_then(|t| t.checked_add(frac_tiyn)).ok_or(MoneyError::Overflow)?;
        Ok(Money(if negative { -tiyn } else { tiyn }))
    }
}

/// `12 345,50 ₸`: thousands grouped by a non-breaking space, comma decimal mark, as written in
/// Kazakhstan in both Kazakh and Russian. The UI formats per language; this form is for logs,
/// CSV and documents.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 * 2);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(ch);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{grouped},{:02}\u{a0}₸", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_grouping_and_two_decimals() {
        assert_eq!(Money::from_tiyn(0).to_string(), "0,00\u{a0}₸");
        assert_eq!(Money::from_tiyn(5).to_string(), "0,05\u{a0}₸");
        assert_eq!(Money::from_tiyn(123_456_789).to_string(), "1\u{a0}234\u{a0}567,89\u{a0}₸");
        assert_eq!(Money::from_tiyn(100_000).to_string(), "1\u{a0}000,00\u{a0}₸");
        assert_eq!(Money::from_tiyn(-250).to_string(), "-2,50\u{a0}₸");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("12345"), Ok(Money::from_tiyn(1_234_500)));
        assert_eq!(Money::parse("12 345,50"), Ok(Money::from_tiyn(1_234_550)));
        assert_eq!(Money::parse("12\u{a0}345.5"), Ok(Money::from_tiyn(1_234_550)));
        assert_eq!(Money::parse(" 7 ₸ "), Ok(Money::from_tiyn(700)));
        assert_eq!(Money::parse("7 KZT"), Ok(Money::from_tiyn(700)));
        assert_eq!(Money::parse("0,07"), Ok(Money::from_tiyn(7)));
        assert_eq!(Money::parse("-3"), Ok(Money::from_tiyn(-300)));
        assert_eq!(Money::parse("1'000"), Ok(Money::from_tiyn(100_000)));
    }

    #[test]
    fn round_trips_its_own_format() {
        for tiyn in [0, 1, 99, 100, 101, 123_456_789, -42] {
            let m = Money::from_tiyn(tiyn);
            assert_eq!(Money::parse(&m.to_string()), Ok(m));
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("₸"), Err(MoneyError::Empty));
        assert!(matches!(Money::parse("12a"), Err(MoneyError::Malformed(_))));
        assert!(matches!(Money::parse(",50"), Err(MoneyError::Malformed(_))));
        assert!(matches!(Money::parse("1,2,3"), Err(MoneyError::Malformed(_))));
        assert!(matches!(Money::parse("1e5"), Err(MoneyError::Malformed(_))));
        assert_eq!(Money::parse("1,234"), Err(MoneyError::TooPrecise));
        assert_eq!(Money::parse("99999999999999999999"), Err(MoneyError::Overflow));
    }
}

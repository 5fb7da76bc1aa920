//! IIN (individual) and BIN (business) identification numbers: 12 digits, the last a check digit
//! computed by the published two-pass weighted sum (weights 1..11; when that gives 10, weights
//! 3..11,1,2; when that gives 10 again the number is never issued).

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentError {
    #[error("must be exactly 12 digits, got {0}")]
    WrongLength(usize),
    #[error("must contain digits only")]
    NotDigits,
    #[error("the check digit is wrong (expected {expected}, found {found})")]
    WrongCheckDigit { expected: u8, found: u8 },
    #[error("no valid check digit exists for these 11 digits")]
    NoCheckDigit,
}

/// Computes the check digit for the first 11 digits, or `None` when both passes give 10.
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    const W1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const W2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let sum = |w: &[u32; 11]| first11.iter().zip(w).map(|(d, w)| u32::from(*d) * w).sum::<u32>() % 11;
    match sum(&W1) {
        10 => match sum(&W2) {
            10 => None,
            d => Some(d as u8),
        },
        d => Some(d as u8),
    }
}

fn validate(input: &str) -> Result<String, IdentError> {
    let s = input.trim();
    let len = s.chars().count();
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(IdentError::NotDigits);
    }
    if len != 12 {
        return Err(IdentError::WrongLength(len));
    }
    let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    let mut first11 = [0u8; 11];
    first11.copy_from_slice(&digits[..11]);
    let expected = check_digit(&first11).ok_or(IdentError::NoCheckDigit)?;
    if expected != digits[11] {
        return Err(IdentError::WrongCheckDigit { expected, found: digits[11] });
    }
    Ok(s.to_owned())
}

macro_rules! ident_type {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(input: &str) -> Result<$name, IdentError> {
                validate(input).map($name)
            }

            /// Completes 11 digits with their check digit, if one exists. Used by the sandbox to
            /// make valid demo numbers.
            pub fn complete(first11: &[u8; 11]) -> Option<$name> {
                let d = check_digit(first11)?;
                let s: String = first11.iter().chain(std::iter::once(&d)).map(|d| char::from(b'0' + d)).collect();
                Some($name(s))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdentError;
            fn try_from(s: String) -> Result<$name, IdentError> {
                $name::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

ident_type!(Iin, "An individual identification number (a person's).");
ident_type!(Bin, "A business identification number (a legal entity's or entrepreneur's).");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers() {
        assert_eq!(Iin::parse("880514300125").map(|i| i.to_string()), Ok("880514300125".into()));
        assert_eq!(Iin::parse(" 880514300125 ").map(|i| i.to_string()), Ok("880514300125".into()));
        assert!(Bin::parse("040340004456").is_ok());
    }

    #[test]
    fn first_pass_check_digit() {
        // 8*1+8*2+0*3+5*4+1*5+4*6+3*7+0*8+0*9+1*10+2*11 = 126; 126 % 11 = 5
        assert_eq!(check_digit(&[8, 8, 0, 5, 1, 4, 3, 0, 0, 1, 2]), Some(5));
    }

    #[test]
    fn completion_agrees_with_parsing() {
        let iin = Iin::complete(&[9, 5, 0, 3, 1, 2, 4, 0, 1, 2, 3]).expect("a check digit exists");
        assert_eq!(Iin::parse(iin.as_str()), Ok(iin.clone()));
    }

    #[test]
    fn second_pass_when_first_gives_ten() {
        // weights 1..11 over these digits: 1*10 + 9*11 = 109; 109 % 11 = 10, so the second pass runs:
        // 3*0+4*0+5*0+6*0+7*0+8*0+9*0+10*0+11*0+1*1+2*9 = 19; 19 % 11 = 8
        let d = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 9];
        assert_eq!(d.iter().zip(1..=11u32).map(|(d, w)| u32::from(*d) * w).sum::<u32>() % 11, 10);
        assert_eq!(check_digit(&d), Some(8));
        assert_eq!(Iin::parse("000000000198").map(|_| ()), Ok(()));
    }

    #[test]
    fn refuses_a_wrong_check_digit() {
        assert_eq!(Iin::parse("880514300128"), Err(IdentError::WrongCheckDigit { expected: 5, found: 8 }));
        assert!(matches!(Bin::parse("040340004457"), Err(IdentError::WrongCheckDigit { .. })));
    }

    #[test]
    fn refuses_a_wrong_length() {
        assert_eq!(Iin::parse("88051430012"), Err(IdentError::WrongLength(11)));
        assert_eq!(Iin::parse("8805143001290"), Err(IdentError::WrongLength(13)));
        assert_eq!(Bin::parse(""), Err(IdentError::WrongLength(0)));
    }

    #[test]
    fn refuses_non_digits() {
        assert_eq!(Iin::parse("88051430012a"), Err(IdentError::NotDigits));
        assert_eq!(Iin::parse("8805-1430012"), Err(IdentError::NotDigits));
        assert_eq!(Bin::parse("０４０３４０００４４５６"), Err(IdentError::NotDigits));
    }

    #[test]
    fn numbers_without_a_check_digit_are_never_valid() {
        // Search the space for 11 digits where both passes give 10, and check that no 12th digit
        // makes them valid.
        let mut found = false;
        'outer: for a in 0..10u8 {
            for b in 0..10u8 {
                for c in 0..10u8 {
                    let d = [1, 2, 0, 0, 0, 0, 0, 0, a, b, c];
                    if check_digit(&d).is_none() {
                        for last in 0..10u8 {
                            let s: String = d.iter().chain([last].iter()).map(|x| char::from(b'0' + x)).collect();
                            assert_eq!(Iin::parse(&s), Err(IdentError::NoCheckDigit));
                        }
                        found = true;
                        break 'outer;
                    }
                }
            }
        }
        assert!(found, "the search space holds such numbers");
    }
}

//! The price rule: a supplier's price is above zero and at most the classifier item's limit
//! price, both in tiyn.

/// What is wrong with a price, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceProblem {
    NotPositive,
    AboveLimit,
}

pub fn price_problem(price_tiyn: i64, limit_tiyn: i64) -> Option<PriceProblem> {
    if price_tiyn <= 0 {
        Some(PriceProblem::NotPositive)
    } else if price_tiyn > limit_tiyn {
        Some(PriceProblem::AboveLimit)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_price_is_above_zero_and_at_most_the_limit() {
        assert_eq!(price_problem(0, 100), Some(PriceProblem::NotPositive));
        assert_eq!(price_problem(-5, 100), Some(PriceProblem::NotPositive));
        assert_eq!(price_problem(101, 100), Some(PriceProblem::AboveLimit));
        assert_eq!(price_problem(100, 100), None);
        assert_eq!(price_problem(1, 100), None);
    }
}

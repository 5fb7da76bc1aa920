//! The payer's rules: what one payment may pay for an order, and what may be reversed. The
//! portal refuses a payment that breaks them; the desk reads the same arithmetic when it
//! reconciles what it was paid against what it is owed.

use crate::OrderStatus;

/// What is wrong with paying `amount_tiyn` for an order in `status` whose lines total
/// `order_total_tiyn`, `already_paid_tiyn` having been paid for it before (net of reversals),
/// with the field it concerns. An order is paid once its participant confirmed receipt; a
/// partial payment leaves the rest to a later one; nothing is paid twice or beyond the order.
pub fn payment_line_problem(
    status: OrderStatus,
    order_total_tiyn: i64,
    already_paid_tiyn: i64,
    amount_tiyn: i64,
) -> Option<(&'static str, String)> {
    if amount_tiyn <= 0 {
        return Some(("amount_tiyn", format!("a payment's amount must be positive, got {amount_tiyn}")));
    }
    if !matches!(status, OrderStatus::Confirmed | OrderStatus::Paid) {
        return Some((
            "order_id",
            format!("an order is paid once its receipt is confirmed; it is {}", status.as_str()),
        ));
    }
    let owed = owed_tiyn(order_total_tiyn, already_paid_tiyn);
    if amount_tiyn > owed {
        return Some((
            "amount_tiyn",
            format!("the payment of {amount_tiyn} tiyn is more than the {owed} tiyn still owed for the order"),
        ));
    }
    None
}

/// What is still owed for an order of `order_total_tiyn` after `paid_tiyn` (net) was paid;
/// never below zero.
pub fn owed_tiyn(order_total_tiyn: i64, paid_tiyn: i64) -> i64 {
    order_total_tiyn.saturating_sub(paid_tiyn).max(0)
}

/// How a payment compares with the order it paid, as the desk flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settlement {
    /// Nothing paid yet.
    Unpaid,
    /// Paid in part: the rest is still owed.
    Partial,
    /// Paid in full.
    Full,
}

/// Where an order of `order_total_tiyn` stands after `paid_tiyn` (net of reversals).
pub fn settlement(order_total_tiyn: i64, paid_tiyn: i64) -> Settlement {
    if paid_tiyn <= 0 {
        Settlement::Unpaid
    } else if paid_tiyn < order_total_tiyn {
        Settlement::Partial
    } else {
        Settlement::Full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmed_order_is_paid_up_to_what_is_owed() {
        let c = OrderStatus::Confirmed;
        assert_eq!(payment_line_problem(c, 1000, 0, 1000), None);
        assert_eq!(payment_line_problem(c, 1000, 0, 400), None);
        assert_eq!(payment_line_problem(OrderStatus::Paid, 1000, 400, 600), None);
        assert_eq!(payment_line_problem(c, 1000, 0, 1001).map(|p| p.0), Some("amount_tiyn"));
        assert_eq!(payment_line_problem(OrderStatus::Paid, 1000, 1000, 1).map(|p| p.0), Some("amount_tiyn"));
        assert_eq!(payment_line_problem(c, 1000, 0, 0).map(|p| p.0), Some("amount_tiyn"));
        assert_eq!(payment_line_problem(c, 1000, 0, -5).map(|p| p.0), Some("amount_tiyn"));
    }

    #[test]
    fn an_order_not_yet_confirmed_is_not_paid() {
        for s in [OrderStatus::Delivered, OrderStatus::Placed, OrderStatus::Cancelled] {
            assert_eq!(payment_line_problem(s, 1000, 0, 1000).map(|p| p.0), Some("order_id"), "{s:?}");
        }
    }

    #[test]
    fn settlement_follows_the_net_amount() {
        assert_eq!(settlement(1000, 0), Settlement::Unpaid);
        assert_eq!(settlement(1000, -200), Settlement::Unpaid);
        assert_eq!(settlement(1000, 999), Settlement::Partial);
        assert_eq!(settlement(1000, 1000), Settlement::Full);
        assert_eq!(owed_tiyn(1000, 1200), 0);
        assert_eq!(owed_tiyn(1000, 300), 700);
    }
}

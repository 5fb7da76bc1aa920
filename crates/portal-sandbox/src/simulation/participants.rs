//! What simulated participants (and the state's paying office) do on their own: cancel a placed
//! order now and then, confirm receipt of a delivered order some time after delivery or refuse
//! it at receipt, and pay confirmed orders after a while: in one payment order per supplier and
//! tick, some late, some in part, a few taken back later.
//!
//! Every decision and delay is drawn per order from the seed and the order's id, and measured on
//! the sandbox's clock from the order's last move. So what happens does not depend on how often
//! the simulation ticks: advance the clock past the delays and the next tick does it.

use chrono::{DateTime, TimeDelta, Utc};
use portal_api::OrderStatus;
use portal_rules::Transition;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::rng::share;
use crate::store::StoreError;
use crate::store::orders::{self, OrderHead};
use crate::store::payments;

/// The longest delay a participant's move may have: a year.
pub const MAX_DELAY_HOURS: u32 = 366 * 24;

/// A range of delays in hours, from `min` to `max` (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub min: u32,
    pub max: u32,
}

impl Hours {
    fn at(self, share: f64) -> TimeDelta {
        let (lo, hi) = (self.min.min(self.max), self.max.max(self.min));
        let span_minutes = f64::from(hi - lo) * 60.0;
        TimeDelta::hours(i64::from(lo)) + TimeDelta::minutes((span_minutes * share) as i64)
    }
}

/// How simulated participants behave. Shares are probabilities from 0.0 to 1.0 per order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParticipantBehaviour {
    /// Whether participants act on their own at each tick. On by default when the sandbox
    /// places orders (`order_every`), off otherwise; the admin actions work either way.
    pub active: bool,
    /// The share of placed orders their participant cancels before the supplier accepts them…
    pub cancel_share: f64,
    /// …this long after placing.
    pub cancel_after: Hours,
    /// The share of deliveries refused at receipt (the others are confirmed).
    pub refuse_share: f64,
    /// How long after delivery the participant confirms receipt (or refuses).
    pub confirm_after: Hours,
    /// How long after confirmation the order is paid…
    pub pay_after: Hours,
    /// …except this share, paid late…
    pub late_share: f64,
    /// …this long after confirmation.
    pub late_after: Hours,
    /// The share of orders paid only in part (50–90 % of the amount).
    pub partial_share: f64,
    /// The share of payments taken back whole (a bank's return)…
    pub reverse_share: f64,
    /// …this long after they were paid.
    pub reverse_after: Hours,
}

impl Default for ParticipantBehaviour {
    /// Defaults inside the demo policy terms: confirmation within the 10-day confirmation
    /// window, payment within the 15-day payment term.
    fn default() -> ParticipantBehaviour {
        ParticipantBehaviour {
            active: false,
            cancel_share: 0.05,
            cancel_after: Hours { min: 1, max: 72 },
            refuse_share: 0.05,
            confirm_after: Hours { min: 2, max: 72 },
            pay_after: Hours { min: 24, max: 240 },
            late_share: 0.15,
            late_after: Hours { min: 16 * 24, max: 60 * 24 },
            partial_share: 0.05,
            reverse_share: 0.03,
            reverse_after: Hours { min: 48, max: 240 },
        }
    }
}

impl ParticipantBehaviour {
    pub fn validate(&self) -> Result<(), String> {
        for (name, share) in [
            ("cancel_share", self.cancel_share),
            ("refuse_share", self.refuse_share),
            ("late_share", self.late_share),
            ("partial_share", self.partial_share),
            ("reverse_share", self.reverse_share),
        ] {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("{name} must be from 0.0 to 1.0, got {share}"));
            }
        }
        for (name, h) in [
            ("cancel_after", self.cancel_after),
            ("confirm_after", self.confirm_after),
            ("pay_after", self.pay_after),
            ("late_after", self.late_after),
            ("reverse_after", self.reverse_after),
        ] {
            if h.min.max(h.max) > MAX_DELAY_HOURS {
                return Err(format!(
                    "{name} may be at most {MAX_DELAY_HOURS} hours (a year), got {}..{}",
                    h.min, h.max
                ));
            }
        }
        Ok(())
    }
}

/// What participants did in one tick (order ids).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantMoves {
    pub cancelled_by_participants: Vec<String>,
    pub confirmed: Vec<String>,
    pub refused: Vec<String>,
    pub paid: Vec<String>,
    /// The numbers of the payment orders made (one per supplier and tick) and reversed.
    #[serde(default)]
    pub payments: Vec<String>,
    #[serde(default)]
    pub reversed_payments: Vec<String>,
}

/// What simulated participants say when they refuse an item at receipt, as they might type it
/// in their cabinet; one is drawn per order.
const REFUSAL_REASONS: [&str; 4] =
    ["Не подошёл размер", "Изделие повреждено при доставке", "Не та модель, что в заказе", "Өлшемі сәйкес келмеді"];

fn refusal_reason(seed: u64, order_id: &str) -> &'static str {
    let i = (share(seed, order_id, "refuse-why") * REFUSAL_REASONS.len() as f64) as usize;
    REFUSAL_REASONS[i.min(REFUSAL_REASONS.len() - 1)]
}

/// Applies every move that is due at `now`.
pub(crate) fn act(
    conn: &Connection,
    seed: u64,
    b: &ParticipantBehaviour,
    now: DateTime<Utc>,
) -> Result<ParticipantMoves, StoreError> {
    let mut moves = ParticipantMoves::default();
    // Confirmed orders due for payment, per supplier: the paying office pays them in one batch.
    let mut to_pay: Vec<(String, payments::Lines)> = Vec::new();
    let waiting = orders::ids_in(
        conn,
        &[OrderStatus::Placed, OrderStatus::Delivered, OrderStatus::Replaced, OrderStatus::Confirmed],
    )?;
    for id in waiting {
        let Some(head) = orders::head(conn, &id)? else { continue };
        let Some((t, due)) = next_move(seed, b, &id, &head) else { continue };
        if due > now {
            continue;
        }
        if t == Transition::Pay {
            let amount = if share(seed, &id, "partial") < b.partial_share {
                let total = payments::order_total(conn, &id)?;
                // 50–90 % of the amount, in whole tenge.
                let part = 0.5 + 0.4 * share(seed, &id, "partial-how-much");
                Some(((total as f64 * part / 100.0).floor() as i64 * 100).max(100).min(total))
            } else {
                None
            };
            match to_pay.iter_mut().find(|(s, _)| *s == head.supplier_id) {
                Some((_, lines)) => lines.push((id.clone(), amount)),
                None => to_pay.push((head.supplier_id.clone(), vec![(id.clone(), amount)])),
            }
            moves.paid.push(id);
            continue;
        }
        if t == Transition::Refuse {
            orders::refuse(conn, &id, refusal_reason(seed, &id), now)?;
        } else {
            orders::apply(conn, &id, t, now)?;
        }
        match t {
            Transition::CancelByParticipant => moves.cancelled_by_participants.push(id),
            Transition::Confirm => moves.confirmed.push(id),
            Transition::Refuse => moves.refused.push(id),
            _ => {}
        }
    }
    for (supplier_id, lines) in to_pay {
        let payment = payments::pay(conn, &supplier_id, &lines, now.date_naive(), now)?;
        if share(seed, &payment.id, "reverse") < b.reverse_share {
            let due = now.checked_add_signed(b.reverse_after.at(share(seed, &payment.id, "reverse-when")));
            if let Some(due) = due {
                payments::schedule_reversal(conn, &payment.id, due)?;
            }
        }
        moves.payments.push(payment.number);
    }
    for payment_id in payments::reversals_due(conn, now)? {
        moves.reversed_payments.push(payments::reverse(conn, &payment_id, now)?.number);
    }
    Ok(moves)
}

/// The move the order's participant (or the paying office) will make, and when.
fn next_move(seed: u64, b: &ParticipantBehaviour, id: &str, head: &OrderHead) -> Option<(Transition, DateTime<Utc>)> {
    match head.status {
        // A move due beyond the dates chrono holds never comes.
        OrderStatus::Placed if share(seed, id, "cancel") < b.cancel_share => Some((
            Transition::CancelByParticipant,
            head.placed_at.checked_add_signed(b.cancel_after.at(share(seed, id, "cancel-when")))?,
        )),
        OrderStatus::Delivered | OrderStatus::Replaced => {
            let due = head.moved_at.checked_add_signed(b.confirm_after.at(share(seed, id, "confirm-when")))?;
            let refuse = head.status == OrderStatus::Delivered && share(seed, id, "refuse") < b.refuse_share;
            Some((if refuse { Transition::Refuse } else { Transition::Confirm }, due))
        }
        OrderStatus::Confirmed => {
            let after = if share(seed, id, "late") < b.late_share { b.late_after } else { b.pay_after };
            Some((Transition::Pay, head.moved_at.checked_add_signed(after.at(share(seed, id, "pay-when")))?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_fixed_per_order_and_spread() {
        assert_eq!(share(1, "a", "x"), share(1, "a", "x"));
        assert_ne!(share(1, "a", "x"), share(1, "b", "x"));
        assert_ne!(share(1, "a", "x"), share(1, "a", "y"));
        let below_half = (0..1000).filter(|i| share(3, &i.to_string(), "cancel") < 0.5).count();
        assert!((400..600).contains(&below_half), "{below_half}");
    }

    #[test]
    fn a_refusal_reason_is_fixed_per_order_and_varies() {
        assert_eq!(refusal_reason(5, "a"), refusal_reason(5, "a"));
        let distinct: std::collections::HashSet<&str> = (0..200).map(|i| refusal_reason(5, &i.to_string())).collect();
        assert_eq!(distinct.len(), REFUSAL_REASONS.len());
    }

    #[test]
    fn delays_beyond_a_year_are_refused() {
        let b = ParticipantBehaviour { pay_after: Hours { min: 1, max: u32::MAX }, ..Default::default() };
        assert!(b.validate().is_err());
        let b = ParticipantBehaviour { cancel_after: Hours { min: MAX_DELAY_HOURS, max: 0 }, ..Default::default() };
        assert_eq!(b.validate(), Ok(()));
    }

    #[test]
    fn delays_stay_in_their_range() {
        let h = Hours { min: 2, max: 5 };
        assert_eq!(h.at(0.0), TimeDelta::hours(2));
        assert!(h.at(0.999) <= TimeDelta::hours(5));
        assert_eq!(Hours { min: 4, max: 4 }.at(0.7), TimeDelta::hours(4));
    }
}

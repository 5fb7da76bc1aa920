//! The order lifecycle of the domain notes as a forward-only state machine.
//!
//! ```text
//! placed ─► accepted ─► in work ─► (fitting) ─► delivered ─► confirmed ─► paid
//!    │          │           │                        │
//!    │          └───────────┴─► cancelled            └─► refused at receipt ─► returned
//!    ├─► declined by supplier                                     └──► replaced ─► confirmed
//!    ├─► cancelled by participant
//!    └─► cancelled automatically (not accepted in time)
//! ```
//!
//! Each move is a named [`Transition`]; a status never moves backwards, so the graph is acyclic
//! and every path ends in a terminal status. The same table is enforced by the app (for its
//! optimistic local state) and by the portal sandbox.

use serde::{Deserialize, Serialize};

pub use crate::status::OrderStatus;

/// A named move of an order from one status to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The supplier accepts a placed order.
    Accept,
    /// The supplier declines a placed order.
    Decline,
    /// The participant cancels an order the supplier has not accepted yet.
    CancelByParticipant,
    /// The portal cancels an order not accepted within the acceptance window.
    CancelAutomatically,
    /// An accepted order is cancelled before delivery (by agreement or by the portal).
    Cancel,
    /// The supplier starts making or preparing the order.
    StartWork,
    /// The item goes to the workshop to be fitted to the person.
    StartFitting,
    /// The item is handed over to the participant.
    Deliver,
    /// The participant confirms receipt on the portal.
    Confirm,
    /// The participant refuses the item at receipt.
    Refuse,
    /// A refused item is taken back without replacement.
    Return,
    /// A refused item is replaced by another one, handed over.
    Replace,
    /// The state pays the supplier.
    Pay,
}

impl Transition {
    pub const ALL: [Transition; 13] = [
        Transition::Accept,
        Transition::Decline,
        Transition::CancelByParticipant,
        Transition::CancelAutomatically,
        Transition::Cancel,
        Transition::StartWork,
        Transition::StartFitting,
        Transition::Deliver,
        Transition::Confirm,
        Transition::Refuse,
        Transition::Return,
        Transition::Replace,
        Transition::Pay,
    ];

    /// The statuses this transition may start from, and the status it leads to.
    pub fn rule(self) -> (&'static [OrderStatus], OrderStatus) {
        use OrderStatus as S;
        match self {
            Transition::Accept => (&[S::Placed], S::Accepted),
            Transition::Decline => (&[S::Placed], S::DeclinedBySupplier),
            Transition::CancelByParticipant => (&[S::Placed], S::CancelledByParticipant),
            Transition::CancelAutomatically => (&[S::Placed], S::CancelledAutomatically),
            Transition::Cancel => (&[S::Accepted, S::InWork], S::Cancelled),
            Transition::StartWork => (&[S::Accepted], S::InWork),
            Transition::StartFitting => (&[S::InWork], S::Fitting),
            Transition::Deliver => (&[S::InWork, S::Fitting], S::Delivered),
            Transition::Confirm => (&[S::Delivered, S::Replaced], S::Confirmed),
            Transition::Refuse => (&[S::Delivered], S::RefusedAtReceipt),
            Transition::Return => (&[S::RefusedAtReceipt], S::Returned),
            Transition::Replace => (&[S::RefusedAtReceipt], S::Replaced),
            Transition::Pay => (&[S::Confirmed], S::Paid),
        }
    }

    /// Applies the transition to `from`, or says why it cannot be applied.
    pub fn apply(self, from: OrderStatus) -> Result<OrderStatus, TransitionError> {
        let (sources, to) = self.rule();
        if sources.contains(&from) { Ok(to) } else { Err(TransitionError { transition: self, from }) }
    }
}

impl Transition {
    /// The snake_case name, as on the wire and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Accept => "accept",
            Transition::Decline => "decline",
            Transition::CancelByParticipant => "cancel_by_participant",
            Transition::CancelAutomatically => "cancel_automatically",
            Transition::Cancel => "cancel",
            Transition::StartWork => "start_work",
            Transition::StartFitting => "start_fitting",
            Transition::Deliver => "deliver",
            Transition::Confirm => "confirm",
            Transition::Refuse => "refuse",
            Transition::Return => "return",
            Transition::Replace => "replace",
            Transition::Pay => "pay",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {} cannot be moved by '{}'", from.as_str(), transition.as_str())]
pub struct TransitionError {
    pub transition: Transition,
    pub from: OrderStatus,
}

/// The rank of a status along the lifecycle: every allowed transition strictly increases it.
/// Used to tell whether a status the portal reports is newer than the local one.
pub fn rank(status: OrderStatus) -> u8 {
    use OrderStatus as S;
    match status {
        S::Placed => 0,
        S::Accepted => 1,
        S::InWork => 2,
        S::Fitting => 3,
        S::Delivered => 4,
        S::RefusedAtReceipt => 5,
        S::Replaced => 6,
        S::Confirmed => 7,
        S::Paid => 8,
        S::DeclinedBySupplier | S::CancelledByParticipant | S::CancelledAutomatically | S::Cancelled | S::Returned => 9,
    }
}

/// The transitions open to an order in `status` (what the UI may offer).
pub fn transitions_from(status: OrderStatus) -> impl Iterator<Item = Transition> {
    Transition::ALL.into_iter().filter(move |t| t.rule().0.contains(&status))
}

/// Whether no transition leaves `status`.
pub fn is_terminal(status: OrderStatus) -> bool {
    transitions_from(status).next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus as S;

    /// The table of every allowed move, written out independently of `rule()`.
    const ALLOWED: &[(Transition, OrderStatus, OrderStatus)] = &[
        (Transition::Accept, S::Placed, S::Accepted),
        (Transition::Decline, S::Placed, S::DeclinedBySupplier),
        (Transition::CancelByParticipant, S::Placed, S::CancelledByParticipant),
        (Transition::CancelAutomatically, S::Placed, S::CancelledAutomatically),
        (Transition::Cancel, S::Accepted, S::Cancelled),
        (Transition::Cancel, S::InWork, S::Cancelled),
        (Transition::StartWork, S::Accepted, S::InWork),
        (Transition::StartFitting, S::InWork, S::Fitting),
        (Transition::Deliver, S::InWork, S::Delivered),
        (Transition::Deliver, S::Fitting, S::Delivered),
        (Transition::Confirm, S::Delivered, S::Confirmed),
        (Transition::Confirm, S::Replaced, S::Confirmed),
        (Transition::Refuse, S::Delivered, S::RefusedAtReceipt),
        (Transition::Return, S::RefusedAtReceipt, S::Returned),
        (Transition::Replace, S::RefusedAtReceipt, S::Replaced),
        (Transition::Pay, S::Confirmed, S::Paid),
    ];

    #[test]
    fn every_allowed_transition_is_applied() {
        for &(t, from, to) in ALLOWED {
            assert_eq!(t.apply(from), Ok(to), "{t:?} from {from:?}");
        }
    }

    #[test]
    fn every_other_transition_is_refused() {
        let mut refused = 0;
        for t in Transition::ALL {
            for from in OrderStatus::ALL {
                if ALLOWED.iter().any(|&(at, af, _)| at == t && af == from) {
                    continue;
                }
                assert_eq!(t.apply(from), Err(TransitionError { transition: t, from }), "{t:?} from {from:?}");
                refused += 1;
            }
        }
        assert_eq!(refused, Transition::ALL.len() * OrderStatus::ALL.len() - ALLOWED.len());
    }

    #[test]
    fn transitions_only_move_forward() {
        for &(t, from, to) in ALLOWED {
            assert!(rank(to) > rank(from), "{t:?} moves {from:?} -> {to:?} backwards");
        }
    }

    #[test]
    fn terminal_statuses_are_the_closed_ones() {
        for s in OrderStatus::ALL {
            assert_eq!(is_terminal(s), !s.is_open(), "{s:?}");
        }
    }

    #[test]
    fn names_match_the_serde_names() {
        for t in Transition::ALL {
            assert_eq!(serde_json::to_value(t).ok(), Some(serde_json::Value::from(t.as_str())));
        }
    }

    #[test]
    fn a_refusal_names_the_transition_and_status() {
        let err = Transition::Accept.apply(S::CancelledAutomatically).unwrap_err();
        assert_eq!(err.to_string(), "an order that is cancelled_automatically cannot be moved by 'accept'");
    }
}

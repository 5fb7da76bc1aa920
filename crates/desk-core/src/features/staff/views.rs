//! The staff screens' IPC shapes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::kernel::access::{Actor, Command, Role};

/// A new account as typed into the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewStaffInput {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

/// An account's name and role as the manager edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StaffUpdate {
    pub display_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StaffRow {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

/// What a sign-in attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    SignedIn {
        actor: Actor,
        refused_before: u32,
    },
    /// Wrong user name or password: refusals under this name since its last sign-in, and the
    /// time until which it now waits, if it does.
    Refused {
        refused_in_row: u32,
        paused_until: Option<DateTime<Utc>>,
    },
    /// Too many refusals in a row: no attempt is checked before `until`.
    Paused {
        until: DateTime<Utc>,
    },
    /// The right password for an account the manager turned off.
    Disabled,
}

/// The signed-in person as the window shows them, with the commands their role allows (the
/// window offers those only; desk-core refuses the rest anyway).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionView {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub allowed: Vec<Command>,
    /// The window's language this person chose, if any (`kk`, `ru`, `en`).
    pub language: Option<String>,
    /// Seconds without use after which the screen locks.
    pub lock_after_secs: u32,
}

impl SessionView {
    pub fn of(actor: &Actor, lock_after_secs: u32) -> SessionView {
        SessionView {
            username: actor.username().to_owned(),
            display_name: actor.display_name().to_owned(),
            role: actor.role(),
            allowed: Command::ALL.into_iter().filter(|c| actor.role().allows(*c)).collect(),
            language: actor.language().map(str::to_owned),
            lock_after_secs,
        }
    }
}

/// The sign-in screen's answer, as the window receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SignInAnswer {
    SignedIn {
        session: SessionView,
        /// Refused attempts under this name since its previous sign-in, shown as a warning.
        refused_before: u32,
    },
    Refused {
        refused_in_row: u32,
        #[ts(type = "string | null")]
        paused_until: Option<DateTime<Utc>>,
    },
    Paused {
        #[ts(type = "string")]
        until: DateTime<Utc>,
    },
    Disabled,
}

/// What the window shows at start and after a lock: the first-account form when the desk has no
/// account yet, the sign-in form when nobody is signed in, or the signed-in person's desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionState {
    pub needs_first_account: bool,
    pub session: Option<SessionView>,
}

impl SignInAnswer {
    /// The answer for an outcome; a signed-in person's view comes with `lock_after_secs`.
    pub fn of(outcome: &SignInOutcome, lock_after_secs: u32) -> SignInAnswer {
        match outcome {
            SignInOutcome::SignedIn { actor, refused_before } => SignInAnswer::SignedIn {
                session: SessionView::of(actor, lock_after_secs),
                refused_before: *refused_before,
            },
            SignInOutcome::Refused { refused_in_row, paused_until } => {
                SignInAnswer::Refused { refused_in_row: *refused_in_row, paused_until: *paused_until }
            }
            SignInOutcome::Paused { until } => SignInAnswer::Paused { until: *until },
            SignInOutcome::Disabled => SignInAnswer::Disabled,
        }
    }
}

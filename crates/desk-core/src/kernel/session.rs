//! The workstation's session: who is signed in, and the screen lock after idle time. The shell
//! keeps one and asks it for the actor of every command, so a command after the lock, or one the
//! role does not cover, is refused here whatever the window shows.

use std::time::{Duration, Instant};

use crate::kernel::access::{AccessError, Actor, Command};

/// How long the desk may sit unused before the screen locks, unless configured otherwise.
pub const DEFAULT_LOCK_AFTER: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("nobody is signed in")]
    SignedOut,
    /// The idle time passed: the person must sign in again. Carries who was signed in, once, so
    /// that the lock can be audited.
    #[error("the screen locked after idle time; sign in again")]
    Locked(Option<Actor>),
    #[error(transparent)]
    Forbidden(#[from] AccessError),
}

#[derive(Debug)]
pub struct Session {
    current: Option<(Actor, Instant)>,
    lock_after: Duration,
}

impl Session {
    pub fn new(lock_after: Duration) -> Session {
        Session { current: None, lock_after }
    }

    pub fn lock_after(&self) -> Duration {
        self.lock_after
    }

    /// Starts the session of someone who just signed in (replacing whoever was signed in).
    pub fn begin(&mut self, actor: Actor, now: Instant) {
        self.current = Some((actor, now));
    }

    /// Ends the session (sign-out, lock, switching user); returns who was signed in.
    pub fn end(&mut self) -> Option<Actor> {
        self.current.take().map(|(actor, _)| actor)
    }

    /// The signed-in person, still within the idle time, and allowed `command`; counts as use.
    pub fn actor_for(&mut self, command: Command, now: Instant) -> Result<Actor, SessionError> {
        let actor = self.touch(now)?;
        actor.require(command)?;
        Ok(actor)
    }

    /// Marks the desk as used now (typing in a form counts, not only commands); returns who is
    /// signed in. Past the idle time the session ends instead.
    pub fn touch(&mut self, now: Instant) -> Result<Actor, SessionError> {
        let Some((actor, last_use)) = &mut self.current else {
            return Err(SessionError::SignedOut);
        };
        if now.saturating_duration_since(*last_use) >= self.lock_after {
            return Err(SessionError::Locked(self.end()));
        }
        *last_use = now;
        Ok(actor.clone())
    }

    /// Whether someone is signed in (whatever the idle time).
    pub fn current(&self) -> Option<&Actor> {
        self.current.as_ref().map(|(actor, _)| actor)
    }
}

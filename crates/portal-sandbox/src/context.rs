//! What every part of a running sandbox shares: the database, the clock, the fault injector,
//! the participants' behaviour, and the seed. Request handlers get it as their axum state; the
//! simulation's ticker and [`crate::RunningSandbox`] hold a clone.

use std::sync::{Arc, Mutex, PoisonError};

use crate::clock::Clock;
use crate::db::Db;
use crate::faults::FaultInjector;
use crate::hashing::HashPool;
use crate::limits::{Limits, SignInLimiter};
use crate::simulation::participants::ParticipantBehaviour;

/// The context as the routes' axum state.
pub(crate) type AppState = Context;

#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub db: Db,
    pub clock: Clock,
    pub faults: Arc<FaultInjector>,
    behaviour: Arc<Mutex<ParticipantBehaviour>>,
    /// The sandbox's seed: demo data, fault decisions, participants' choices.
    pub seed: u64,
    /// The OpenAPI document, rendered once.
    pub openapi: Arc<str>,
    limits: Arc<Mutex<Limits>>,
    /// Failed sign-ins per BIN and per client.
    pub sign_ins: Arc<SignInLimiter>,
    /// Where passwords are checked: each check takes 19 MiB, so only a few run at once.
    pub hashing: Arc<HashPool>,
}

impl Context {
    pub(crate) fn new(db: Db, clock: Clock, seed: u64, behaviour: ParticipantBehaviour) -> Context {
        Context {
            db,
            clock,
            faults: Arc::new(FaultInjector::new(seed)),
            behaviour: Arc::new(Mutex::new(behaviour)),
            seed,
            openapi: Arc::from(portal_api::openapi_document()),
            limits: Arc::new(Mutex::new(Limits::default())),
            sign_ins: Arc::new(SignInLimiter::default()),
            hashing: Arc::new(HashPool::new()),
        }
    }

    pub(crate) fn behaviour(&self) -> ParticipantBehaviour {
        *self.behaviour.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_behaviour(&self, b: ParticipantBehaviour) -> Result<(), String> {
        b.validate()?;
        *self.behaviour.lock().unwrap_or_else(PoisonError::into_inner) = b;
        Ok(())
    }

    pub(crate) fn limits(&self) -> Limits {
        *self.limits.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_limits(&self, limits: Limits) -> Result<(), String> {
        limits.validate()?;
        *self.limits.lock().unwrap_or_else(PoisonError::into_inner) = limits;
        Ok(())
    }
}

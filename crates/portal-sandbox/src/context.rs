//! What every part of a running sandbox shares: the database, the clock, the fault injector,
//! the participants' behaviour, and the seed. Request handlers get it as their axum state; the
//! simulation and [`crate::RunningSandbox`] hold a clone.

use std::sync::{Arc, Mutex, PoisonError};

use crate::clock::Clock;
use crate::db::Db;
use crate::faults::FaultInjector;
use crate::simulation::participants::ParticipantBehaviour;

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
}

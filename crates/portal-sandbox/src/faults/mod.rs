//! Fault injection on the supplier API (`/v1/*` except `/v1/health` and the OpenAPI document):
//! latency before the handler, a delay after it, errors instead of it, connections reset or
//! bodies truncated after it ran, `Retryable` answers to single mutations, and maintenance
//! windows. Every random decision comes from one seeded generator, so a run is reproducible
//! for the same sequence of requests. Set through `/admin/faults` or
//! `RunningSandbox::set_faults`.

pub(crate) mod middleware;

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// A delay injected with probability `rate`: `fixed_ms` plus a uniform `0..=jitter_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Delay {
    pub rate: f64,
    pub fixed_ms: u64,
    pub jitter_ms: u64,
}

impl Default for Delay {
    /// No delay; the rate is 1, so giving only `fixed_ms` delays every request.
    fn default() -> Delay {
        Delay { rate: 1.0, fixed_ms: 0, jitter_ms: 0 }
    }
}

impl Delay {
    pub fn fixed(ms: u64) -> Delay {
        Delay { rate: 1.0, fixed_ms: ms, jitter_ms: 0 }
    }

    fn is_off(&self) -> bool {
        self.rate <= 0.0 || (self.fixed_ms == 0 && self.jitter_ms == 0)
    }
}

/// The faults to inject. Every rate is a probability from 0.0 to 1.0, drawn per request (per
/// mutation for `retryable_rate`). The default injects nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// The seed of the decisions; the sandbox's seed when absent. Setting faults restarts the
    /// generator from it.
    pub seed: Option<u64>,
    /// Waited before the handler runs.
    pub latency: Delay,
    /// Waited after the handler ran, before the response is sent: a client that gives up
    /// meanwhile has had its mutations applied without seeing the answer.
    pub response_delay: Delay,
    /// Answer 500 or 503 (half and half) without running the handler.
    pub error_rate: f64,
    /// Run the handler, send the status and headers, then drop the connection without a body.
    pub reset_rate: f64,
    /// Run the handler, send part of the body (Content-Length announces all of it), then drop
    /// the connection.
    pub truncate_rate: f64,
    /// Answer a mutation of a batch `Retryable` without applying it. A mutation already in the
    /// ledger is answered from it, whatever this draws, unless `retryable_replays` is set.
    pub retryable_rate: f64,
    /// Let `retryable_rate` answer `Retryable` to a mutation already applied too: a portal that
    /// misbehaves this way, to prove that a desk stays right all the same.
    pub retryable_replays: bool,
    /// Until then (real time), answer every `/v1` request but health 503 with `Retry-After`.
    pub maintenance_until: Option<DateTime<Utc>>,
}

impl Default for Faults {
    fn default() -> Faults {
        Faults {
            seed: None,
            latency: Delay::default(),
            response_delay: Delay::default(),
            error_rate: 0.0,
            reset_rate: 0.0,
            truncate_rate: 0.0,
            retryable_rate: 0.0,
            retryable_replays: false,
            maintenance_until: None,
        }
    }
}

/// The longest delay accepted: a fault should slow a test down, not hang it.
pub const MAX_DELAY_MS: u64 = 10 * 60 * 1000;

/// The longest maintenance window accepted: a week from now.
pub const MAX_MAINTENANCE: Duration = Duration::from_secs(7 * 24 * 3600);

impl Faults {
    /// A maintenance window of `length` from now (real time), nothing else. A window longer
    /// than [`MAX_MAINTENANCE`] is refused when set.
    pub fn maintenance_for(length: Duration) -> Faults {
        let length = chrono::TimeDelta::from_std(length).unwrap_or(chrono::TimeDelta::MAX);
        let until = Utc::now().checked_add_signed(length).unwrap_or(DateTime::<Utc>::MAX_UTC);
        Faults { maintenance_until: Some(until), ..Faults::default() }
    }

    /// Says what is out of range, if anything.
    pub fn validate(&self) -> Result<(), String> {
        let rates = [
            ("latency.rate", self.latency.rate),
            ("response_delay.rate", self.response_delay.rate),
            ("error_rate", self.error_rate),
            ("reset_rate", self.reset_rate),
            ("truncate_rate", self.truncate_rate),
            ("retryable_rate", self.retryable_rate),
        ];
        for (name, rate) in rates {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be from 0.0 to 1.0, got {rate}"));
            }
        }
        for (name, d) in [("latency", self.latency), ("response_delay", self.response_delay)] {
            if d.fixed_ms.saturating_add(d.jitter_ms) > MAX_DELAY_MS {
                return Err(format!("{name} may add up to {MAX_DELAY_MS} ms"));
            }
        }
        if let Some(until) = self.maintenance_until {
            // A window in the past is no window; one too far ahead would never end.
            let latest = Utc::now() + chrono::TimeDelta::seconds(MAX_MAINTENANCE.as_secs() as i64);
            if until > latest {
                return Err(format!(
                    "maintenance_until may be at most {} days from now, got {until}",
                    MAX_MAINTENANCE.as_secs() / 86_400
                ));
            }
        }
        Ok(())
    }
}

/// The injected `Retryable` answers of one batch.
#[derive(Debug, Clone, Default)]
pub(crate) struct RetryPlan {
    /// Per mutation of the batch, in order.
    pub draws: Vec<bool>,
    /// Whether a drawn mutation already in the ledger is answered `Retryable` too.
    pub even_if_known: bool,
}

impl RetryPlan {
    pub(crate) fn hits(&self, i: usize) -> bool {
        self.draws.get(i).copied().unwrap_or(false)
    }
}

/// How many faults of each kind were injected since the counters were last cleared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultCounts {
    pub latency: u64,
    pub response_delay: u64,
    pub error_500: u64,
    pub error_503: u64,
    pub reset: u64,
    pub truncate: u64,
    pub retryable: u64,
    /// Requests answered 503 because of a maintenance window.
    pub maintenance: u64,
    /// Times every token was expired at once.
    pub tokens_expired: u64,
}

impl FaultCounts {
    /// Every fault injected, of any kind (token expiries included).
    pub fn total(&self) -> u64 {
        let FaultCounts {
            latency,
            response_delay,
            error_500,
            error_503,
            reset,
            truncate,
            retryable,
            maintenance,
            tokens_expired,
        } = *self;
        latency + response_delay + error_500 + error_503 + reset + truncate + retryable + maintenance + tokens_expired
    }
}

/// `GET /admin/faults`: the settings in force and the counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultReport {
    pub faults: Faults,
    pub counts: FaultCounts,
    /// Whether a maintenance window is open now.
    pub in_maintenance: bool,
}

/// How the response of a request that ran is cut.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cut {
    /// Status and headers, then the connection drops.
    Reset,
    /// This share of the body, then the connection drops.
    Truncate(f64),
}

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Plan {
    pub before: Option<Duration>,
    /// Answer with this status instead of running the handler.
    pub fail: Option<u16>,
    pub after: Option<Duration>,
    pub cut: Option<Cut>,
}

#[derive(Debug)]
struct Inner {
    faults: Faults,
    rng: Rng,
    counts: FaultCounts,
}

/// The faults in force, their generator and counters; shared by every request.
#[derive(Debug)]
pub(crate) struct FaultInjector {
    default_seed: u64,
    inner: Mutex<Inner>,
}

fn draw_delay(rng: &mut Rng, d: &Delay) -> Option<Duration> {
    // Both numbers are always drawn, so the stream does not depend on the settings.
    let roll = rng.chance(d.rate);
    let jitter = rng.below(d.jitter_ms.saturating_add(1));
    (roll && !d.is_off()).then(|| Duration::from_millis(d.fixed_ms.saturating_add(jitter)))
}

impl FaultInjector {
    pub(crate) fn new(default_seed: u64) -> FaultInjector {
        FaultInjector {
            default_seed,
            inner: Mutex::new(Inner {
                faults: Faults::default(),
                rng: Rng::new(default_seed),
                counts: FaultCounts::default(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts `faults` in force and restarts the generator from their seed. Counters go on.
    pub(crate) fn set(&self, faults: Faults) -> Result<(), String> {
        faults.validate()?;
        let mut inner = self.lock();
        inner.rng = Rng::new(faults.seed.unwrap_or(self.default_seed));
        inner.faults = faults;
        Ok(())
    }

    /// No faults, counters at zero.
    pub(crate) fn clear(&self) {
        let mut inner = self.lock();
        inner.faults = Faults::default();
        inner.rng = Rng::new(self.default_seed);
        inner.counts = FaultCounts::default();
    }

    pub(crate) fn report(&self) -> FaultReport {
        let inner = self.lock();
        let in_maintenance = inner.faults.maintenance_until.is_some_and(|until| until > Utc::now());
        FaultReport { faults: inner.faults.clone(), counts: inner.counts, in_maintenance }
    }

    pub(crate) fn counts(&self) -> FaultCounts {
        self.lock().counts
    }

    pub(crate) fn note_tokens_expired(&self) {
        self.lock().counts.tokens_expired += 1;
    }

    /// During a maintenance window: the seconds to announce in `Retry-After` (at least 1),
    /// counted as a refused request.
    pub(crate) fn maintenance(&self) -> Option<u64> {
        let mut inner = self.lock();
        let left = inner.faults.maintenance_until? - Utc::now();
        if left <= chrono::TimeDelta::zero() {
            return None;
        }
        inner.counts.maintenance += 1;
        let ms = u64::try_from(left.num_milliseconds()).unwrap_or(0);
        Some(ms.div_ceil(1000).max(1))
    }

    /// Decides the faults of one request and counts them.
    pub(crate) fn plan(&self) -> Plan {
        let mut guard = self.lock();
        let Inner { faults, rng, counts } = &mut *guard;
        // A fixed number of draws per request keeps runs reproducible.
        let before = draw_delay(rng, &faults.latency);
        let fail_roll = rng.chance(faults.error_rate);
        let fail_503 = rng.chance(0.5);
        let after = draw_delay(rng, &faults.response_delay);
        let reset = rng.chance(faults.reset_rate);
        let truncate = rng.chance(faults.truncate_rate);
        let keep = rng.unit();
        let mut plan = Plan { before, ..Plan::default() };
        if before.is_some() {
            counts.latency += 1;
        }
        if fail_roll {
            let status = if fail_503 { 503 } else { 500 };
            if fail_503 {
                counts.error_503 += 1;
            } else {
                counts.error_500 += 1;
            }
            plan.fail = Some(status);
            return plan;
        }
        plan.after = after;
        if after.is_some() {
            counts.response_delay += 1;
        }
        if reset {
            counts.reset += 1;
            plan.cut = Some(Cut::Reset);
        } else if truncate {
            counts.truncate += 1;
            // Keep 10-90% of the body.
            plan.cut = Some(Cut::Truncate(0.1 + 0.8 * keep));
        }
        plan
    }

    /// For each of `n` mutations, whether to answer it `Retryable` without applying it, and
    /// whether that goes for one already applied too (`Faults::retryable_replays`).
    pub(crate) fn retryable(&self, n: usize) -> RetryPlan {
        let mut guard = self.lock();
        let Inner { faults, rng, counts } = &mut *guard;
        let rate = faults.retryable_rate;
        let draws = (0..n)
            .map(|_| {
                let hit = rng.chance(rate);
                if hit {
                    counts.retryable += 1;
                }
                hit
            })
            .collect();
        RetryPlan { draws, even_if_known: faults.retryable_replays }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_decisions() {
        let faults = Faults {
            error_rate: 0.3,
            reset_rate: 0.3,
            latency: Delay { rate: 0.5, fixed_ms: 1, jitter_ms: 9 },
            ..Faults::default()
        };
        let plans = |seed| {
            let f = FaultInjector::new(seed);
            f.set(faults.clone()).expect("valid");
            (0..50).map(|_| f.plan()).collect::<Vec<_>>()
        };
        assert_eq!(plans(7), plans(7));
        assert_ne!(plans(7), plans(8));
    }

    #[test]
    fn rates_of_zero_and_one_are_never_and_always() {
        let f = FaultInjector::new(1);
        assert!((0..100).all(|_| f.plan() == Plan::default()), "nothing by default");
        f.set(Faults { error_rate: 1.0, ..Faults::default() }).expect("valid");
        assert!((0..100).all(|_| f.plan().fail.is_some()));
        let counts = f.counts();
        assert_eq!(counts.error_500 + counts.error_503, 100);
        assert_eq!(counts.total(), 100);
        assert!(counts.error_500 > 20 && counts.error_503 > 20, "{counts:?}");
        f.clear();
        assert_eq!(f.counts(), FaultCounts::default());
    }

    #[test]
    fn out_of_range_settings_are_refused() {
        let f = FaultInjector::new(1);
        assert!(f.set(Faults { reset_rate: 1.5, ..Faults::default() }).is_err());
        assert!(f.set(Faults { error_rate: f64::NAN, ..Faults::default() }).is_err());
        assert!(f.set(Faults { latency: Delay::fixed(MAX_DELAY_MS + 1), ..Faults::default() }).is_err());
    }

    #[test]
    fn a_maintenance_window_announces_whole_seconds() {
        let f = FaultInjector::new(1);
        assert_eq!(f.maintenance(), None);
        f.set(Faults::maintenance_for(Duration::from_millis(2500))).expect("valid");
        assert_eq!(f.maintenance(), Some(3));
        assert_eq!(f.counts().maintenance, 1);
        f.set(Faults { maintenance_until: Some(Utc::now() - chrono::TimeDelta::seconds(1)), ..Faults::default() })
            .expect("valid");
        assert_eq!(f.maintenance(), None);
    }
}

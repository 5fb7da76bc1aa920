//! Limits that keep one client from exhausting the sandbox: failed sign-ins per BIN and per
//! client address, each supplier's attachment storage, and how long the server waits for a
//! request's head and body. [`Limits::default`] is what a sandbox starts with; in-process tests
//! lower them with [`crate::RunningSandbox::set_limits`] to reach them quickly.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How many Argon2id hashes (19 MiB of memory each) are computed at once; further sign-ins wait.
pub const CONCURRENT_HASHES: usize = 2;

/// The sandbox's limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed sign-ins for one BIN within [`Limits::sign_in_window`] before further attempts
    /// for it are answered 429 without checking the password.
    pub sign_in_failures_per_bin: u32,
    /// The same for one client address (all BINs together).
    pub sign_in_failures_per_client: u32,
    /// The window the failures are counted in (real time), and the longest wait a 429 asks for.
    pub sign_in_window: Duration,
    /// The bytes a supplier may store as attachments, complete ones and partial uploads
    /// together; an upload that would go beyond is refused 413.
    pub attachment_quota_bytes: u64,
    /// How long the server waits for a request's head (a connection that sends less is closed).
    pub header_read_timeout: Duration,
    /// How long the server waits for a request's whole body once the head arrived (408 after).
    pub body_read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            sign_in_failures_per_bin: 5,
            sign_in_failures_per_client: 20,
            sign_in_window: Duration::from_secs(15 * 60),
            attachment_quota_bytes: 256 * 1024 * 1024,
            header_read_timeout: Duration::from_secs(20),
            // The desk's client gives a whole request 30 s; a body slower than this is stalled.
            body_read_timeout: Duration::from_secs(60),
        }
    }
}

impl Limits {
    /// Says what is out of range, if anything.
    pub fn validate(&self) -> Result<(), String> {
        if self.sign_in_failures_per_bin == 0 || self.sign_in_failures_per_client == 0 {
            return Err("sign-in failure limits must be at least 1".into());
        }
        for (name, d) in [
            ("sign_in_window", self.sign_in_window),
            ("header_read_timeout", self.header_read_timeout),
            ("body_read_timeout", self.body_read_timeout),
        ] {
            if d.is_zero() || d > Duration::from_secs(24 * 3600) {
                return Err(format!("{name} must be above zero and at most a day, got {d:?}"));
            }
        }
        Ok(())
    }
}

/// Longer BINs are counted under their first this many characters: the key of the failure
/// counter stays small whatever is sent.
const MAX_BIN_KEY: usize = 64;
/// Counters whose window has passed are dropped once there are this many.
const PRUNE_AT: usize = 4096;

#[derive(Debug, Clone, Copy)]
struct Window {
    since: Instant,
    count: u32,
}

#[derive(Debug, Default)]
struct Counters {
    by_bin: HashMap<String, Window>,
    by_client: HashMap<IpAddr, Window>,
}

/// Why a sign-in attempt is not even checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    Bin { retry_after_secs: u64 },
    Client { retry_after_secs: u64 },
}

/// Failed sign-ins per BIN and per client, in fixed windows from the first failure.
///
/// An attempt counts as failed from the moment it is let through ([`SignInLimiter::begin`]),
/// so that attempts running at once cannot exceed the limit; a success takes it back.
#[derive(Debug, Default)]
pub(crate) struct SignInLimiter {
    counters: Mutex<Counters>,
}

fn bin_key(bin: &str) -> String {
    bin.chars().take(MAX_BIN_KEY).collect()
}

/// Seconds until `w` ends, at least 1; `None` when it has ended.
fn left(w: &Window, window: Duration, now: Instant) -> Option<u64> {
    let end = w.since + window;
    (end > now).then(|| (end - now).as_secs_f64().ceil().max(1.0) as u64)
}

fn count<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Window>, key: K, window: Duration, now: Instant) {
    let w = map.entry(key).or_insert(Window { since: now, count: 0 });
    if left(w, window, now).is_none() {
        *w = Window { since: now, count: 0 };
    }
    w.count = w.count.saturating_add(1);
}

impl SignInLimiter {
    /// Lets an attempt through (and counts it as failed until [`Self::succeeded`]) unless the
    /// BIN or the client has used up its failures.
    pub(crate) fn begin(&self, limits: &Limits, bin: &str, client: Option<IpAddr>) -> Result<(), Refused> {
        let now = Instant::now();
        let window = limits.sign_in_window;
        let mut c = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
        if c.by_bin.len() + c.by_client.len() > PRUNE_AT {
            c.by_bin.retain(|_, w| left(w, window, now).is_some());
            c.by_client.retain(|_, w| left(w, window, now).is_some());
        }
        let key = bin_key(bin);
        if let Some(w) = c.by_bin.get(&key)
            && w.count >= limits.sign_in_failures_per_bin
            && let Some(retry_after_secs) = left(w, window, now)
        {
            return Err(Refused::Bin { retry_after_secs });
        }
        if let Some(ip) = client
            && let Some(w) = c.by_client.get(&ip)
            && w.count >= limits.sign_in_failures_per_client
            && let Some(retry_after_secs) = left(w, window, now)
        {
            return Err(Refused::Client { retry_after_secs });
        }
        count(&mut c.by_bin, key, window, now);
        if let Some(ip) = client {
            count(&mut c.by_client, ip, window, now);
        }
        Ok(())
    }

    /// The attempt let through by [`Self::begin`] signed in: the BIN's failures are forgotten
    /// and the client's attempt is not counted.
    pub(crate) fn succeeded(&self, bin: &str, client: Option<IpAddr>) {
        let mut c = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
        c.by_bin.remove(&bin_key(bin));
        if let Some(w) = client.and_then(|ip| c.by_client.get_mut(&ip)) {
            w.count = w.count.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_bin: u32, per_client: u32) -> Limits {
        Limits { sign_in_failures_per_bin: per_bin, sign_in_failures_per_client: per_client, ..Limits::default() }
    }

    #[test]
    fn failures_lock_a_bin_and_a_client_and_a_success_forgets_the_bin() {
        let l = limits(2, 3);
        let s = SignInLimiter::default();
        let ip: IpAddr = "127.0.0.1".parse().expect("ip");
        assert!(s.begin(&l, "a", Some(ip)).is_ok());
        s.succeeded("a", Some(ip));
        assert!(s.begin(&l, "a", Some(ip)).is_ok());
        assert!(s.begin(&l, "a", Some(ip)).is_ok());
        assert!(matches!(s.begin(&l, "a", Some(ip)), Err(Refused::Bin { retry_after_secs }) if retry_after_secs > 0));
        assert!(s.begin(&l, "b", Some(ip)).is_ok());
        assert!(matches!(s.begin(&l, "c", Some(ip)), Err(Refused::Client { .. })));
        // Another client may still try another BIN.
        assert!(s.begin(&l, "c", Some("10.0.0.1".parse().expect("ip"))).is_ok());
    }

    #[test]
    fn a_window_that_passed_starts_afresh() {
        let l = Limits { sign_in_window: Duration::from_millis(20), ..limits(1, 10) };
        let s = SignInLimiter::default();
        assert!(s.begin(&l, "a", None).is_ok());
        assert!(s.begin(&l, "a", None).is_err());
        std::thread::sleep(Duration::from_millis(30));
        assert!(s.begin(&l, "a", None).is_ok());
    }

    #[test]
    fn defaults_are_valid_and_zero_is_not() {
        assert_eq!(Limits::default().validate(), Ok(()));
        assert!(Limits { body_read_timeout: Duration::ZERO, ..Limits::default() }.validate().is_err());
        assert!(limits(0, 1).validate().is_err());
    }
}

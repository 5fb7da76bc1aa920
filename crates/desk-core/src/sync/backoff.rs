use std::time::Duration;

/// Exponential backoff with full jitter between failed syncs, honouring the portal's
/// `Retry-After` when it gives one.
#[derive(Debug, Clone)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    failures: u32,
    seed: u64,
}

impl Backoff {
    pub fn new(base: Duration, max: Duration) -> Backoff {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9_7f4a_7c15);
        Backoff { base, max, failures: 0, seed }
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }

    /// The wait before the next try after one more failure: a random point in
    /// [cap/2, cap] where cap = base·2^failures, at most `max`; never less than `retry_after`.
    pub fn next_delay(&mut self, retry_after: Option<Duration>) -> Duration {
        let cap = self.base.saturating_mul(1u32 << self.failures.min(16)).min(self.max);
        self.failures = self.failures.saturating_add(1);
        let half = cap / 2;
        let jitter = half.mul_f64(self.random_unit());
        let delay = half + jitter;
        retry_after.map_or(delay, |r| delay.max(r))
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// splitmix64: cheap, and good enough to spread retries of many desks apart.
    fn random_unit(&mut self) -> f64 {
        self.seed = self.seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_exponentially_within_jitter_and_cap() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        for n in 0..10u32 {
            let cap = Duration::from_secs(1u64 << n).min(Duration::from_secs(60));
            let d = b.next_delay(None);
            assert!(d >= cap / 2 && d <= cap, "failure {n}: {d:?} outside [{:?}, {cap:?}]", cap / 2);
        }
        assert_eq!(b.failures(), 10);
        b.reset();
        assert!(b.next_delay(None) <= Duration::from_secs(1));
    }

    #[test]
    fn honours_retry_after() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(60));
        assert!(b.next_delay(Some(Duration::from_secs(120))) >= Duration::from_secs(120));
    }

    #[test]
    fn jitter_spreads_delays() {
        let mut b = Backoff::new(Duration::from_secs(64), Duration::from_secs(64));
        let delays: std::collections::HashSet<_> = (0..20).map(|_| b.next_delay(None)).collect();
        assert!(delays.len() > 10, "jittered delays differ");
    }
}

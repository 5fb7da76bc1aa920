//! The sandbox's clock: real UTC time plus an offset that only moves forward. Every deadline,
//! automatic cancellation, participant action and mutation uses it, so a test can jump ten
//! days ahead and watch the portal react. The offset is kept in the database (`meta`), so a
//! restarted sandbox keeps its simulated date. Bearer tokens live on the real clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::store::StoreError;

const META_OFFSET: &str = "clock_offset_ms";

/// How far the clock may be ahead of real time: twenty years. Beyond, dates leave the range
/// that every deadline computed from them can be added to without overflowing.
pub(crate) const MAX_OFFSET: TimeDelta = TimeDelta::days(20 * 365 + 5);

/// A cheap handle to the shared offset.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The clock with the offset stored in the database (none: real time).
    pub(crate) fn load(conn: &Connection) -> Result<Clock, StoreError> {
        let stored: Option<String> =
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [META_OFFSET], |r| r.get(0)).optional()?;
        let mut offset_ms = match stored {
            Some(v) => v.parse::<i64>().map_err(|e| StoreError::Corrupt(format!("clock offset {v:?}: {e}")))?,
            None => 0,
        };
        // Sandboxes before the bound stored any offset; start on such data rather than refuse it.
        let max_ms = MAX_OFFSET.num_milliseconds();
        if !(0..=max_ms).contains(&offset_ms) {
            tracing::warn!(offset_ms, max_ms, "the stored clock offset is out of range; using the nearest bound");
            offset_ms = offset_ms.clamp(0, max_ms);
        }
        Ok(Clock { offset_ms: Arc::new(AtomicI64::new(offset_ms)) })
    }

    /// The sandbox's "now".
    pub(crate) fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        now.checked_add_signed(self.offset()).unwrap_or(now)
    }

    /// How far the sandbox's time is ahead of real time.
    pub(crate) fn offset(&self) -> TimeDelta {
        TimeDelta::milliseconds(self.offset_ms.load(Ordering::SeqCst))
    }

    /// Moves the clock forward by `by` (never back: deadlines and the history only move
    /// forward), storing the new offset in `conn`. Returns the new "now". Call it with the
    /// database lock held, so two advances cannot interleave.
    pub(crate) fn advance(&self, conn: &Connection, by: TimeDelta) -> Result<DateTime<Utc>, StoreError> {
        if by < TimeDelta::zero() {
            return Err(StoreError::Invalid(format!("the clock only moves forward; got {by}")));
        }
        let current = self.offset_ms.load(Ordering::SeqCst);
        let next = current
            .checked_add(by.num_milliseconds())
            .filter(|&next| next <= MAX_OFFSET.num_milliseconds())
            .ok_or_else(|| {
                let left = TimeDelta::milliseconds(MAX_OFFSET.num_milliseconds() - current);
                StoreError::Invalid(format!(
                    "the clock may be at most {} days ahead of real time; it can move {} days and {} s more",
                    MAX_OFFSET.num_days(),
                    left.num_days(),
                    left.num_seconds() % 86_400
                ))
            })?;
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![META_OFFSET, next.to_string()],
        )?;
        self.offset_ms.store(next, Ordering::SeqCst);
        Ok(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_moves_forward_and_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.sqlite");
        let conn = crate::db::open(&path).expect("open");
        let clock = Clock::load(&conn).expect("load");
        assert_eq!(clock.offset(), TimeDelta::zero());
        let now = clock.advance(&conn, TimeDelta::days(3)).expect("advance");
        assert!(now > Utc::now() + TimeDelta::days(3) - TimeDelta::seconds(5));
        assert!(matches!(clock.advance(&conn, TimeDelta::seconds(-1)), Err(StoreError::Invalid(_))));
        assert!(matches!(clock.advance(&conn, MAX_OFFSET), Err(StoreError::Invalid(_))), "beyond the bound");
        assert_eq!(clock.offset(), TimeDelta::days(3), "a refused advance changes nothing");
        drop(conn);
        let conn = crate::db::open(&path).expect("reopen");
        assert_eq!(Clock::load(&conn).expect("load").offset(), TimeDelta::days(3));
    }

    #[test]
    fn an_offset_stored_out_of_range_is_brought_within_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = crate::db::open(&dir.path().join("c.sqlite")).expect("open");
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            rusqlite::params![META_OFFSET, i64::MAX.to_string()],
        )
        .expect("store");
        let clock = Clock::load(&conn).expect("load");
        assert_eq!(clock.offset(), MAX_OFFSET);
        assert!(clock.now() > Utc::now());
    }
}

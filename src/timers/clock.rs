//! Wall-clock milliseconds that follow tokio's clock.
//!
//! Timers are stored as unix milliseconds, but sleeping needs a `tokio::time::Instant`. The
//! clock captures both once and derives one from the other, so sleeps are monotonic and a
//! paused tokio clock (in tests) moves the unix time too.

use std::time::{SystemTime, UNIX_EPOCH};

use tokio::time::{Duration, Instant};

/// A unix-millisecond clock anchored to a tokio instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineClock {
    base_unix_ms: i64,
    base_instant: Instant,
}

impl EngineClock {
    /// Anchored to the system time now.
    pub fn system() -> Self {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Self::starting_at(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
    }

    /// Anchored so that now reads `unix_ms` (tests use fixed times).
    pub fn starting_at(unix_ms: i64) -> Self {
        Self {
            base_unix_ms: unix_ms,
            base_instant: Instant::now(),
        }
    }

    /// Unix milliseconds now.
    pub fn now_ms(&self) -> i64 {
        self.ms_at(Instant::now())
    }

    /// Unix milliseconds at `instant`.
    pub fn ms_at(&self, instant: Instant) -> i64 {
        let elapsed = instant.saturating_duration_since(self.base_instant);
        self.base_unix_ms
            .saturating_add(i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
    }

    /// The instant at which the clock reads `unix_ms`; instants before the anchor are
    /// clamped to it, which is in the past and so still "now" for a sleep.
    pub fn instant_at(&self, unix_ms: i64) -> Instant {
        let ahead = u64::try_from(unix_ms.saturating_sub(self.base_unix_ms)).unwrap_or(0);
        self.base_instant + Duration::from_millis(ahead)
    }
}

/// A duration in whole milliseconds, saturating.
pub(crate) fn millis(duration: std::time::Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn follows_the_paused_tokio_clock() {
        let clock = EngineClock::starting_at(1_000_000);
        assert_eq!(clock.now_ms(), 1_000_000);
        tokio::time::advance(Duration::from_millis(1500)).await;
        assert_eq!(clock.now_ms(), 1_001_500);
        assert_eq!(clock.ms_at(clock.instant_at(1_002_000)), 1_002_000);
        assert!(clock.instant_at(0) <= Instant::now());
    }
}

//! Wall-clock time, so that the fake Discord's `Instant`s compare with the timer ends.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Maps the fake Discord's `Instant`s to unix milliseconds, the clock of the timer ends.
pub(crate) struct ClockAnchor {
    instant: Instant,
    unix_ms: f64,
}

impl ClockAnchor {
    pub(crate) fn now() -> Self {
        let instant = Instant::now();
        let unix_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs_f64()
            * 1000.0;
        Self { instant, unix_ms }
    }

    pub(crate) fn unix_ms_at(&self, at: Instant) -> f64 {
        match at.checked_duration_since(self.instant) {
            Some(after) => self.unix_ms + after.as_secs_f64() * 1000.0,
            None => self.unix_ms - self.instant.duration_since(at).as_secs_f64() * 1000.0,
        }
    }
}

pub(crate) fn unix_ms_now() -> i64 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX)
}

pub(crate) fn ceil_to_second(unix_ms: i64) -> i64 {
    (unix_ms + 999).div_euclid(1000) * 1000
}

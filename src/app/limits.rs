//! Per-user limits on what one person can make the bot post in public.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::domain::ids::UserId;
use crate::error::UserError;

/// Users tracked before idle ones are forgotten; keeps the limiter's memory bounded.
const FORGET_IDLE_ABOVE: usize = 10_000;

/// At most `per_window` public posts per user in `window`: a burst of `per_window`, then
/// one more each `window / per_window` (a token bucket, so a steady user is never refused
/// and a flood is).
pub struct PublicPostLimit {
    limiter: RateLimiter<u64, DefaultKeyedStateStore<u64>, DefaultClock>,
    clock: DefaultClock,
    per_window: u32,
    window: Duration,
}

impl PublicPostLimit {
    pub fn new(per_window: u32, window: Duration) -> Self {
        let burst = NonZeroU32::new(per_window).unwrap_or(NonZeroU32::MIN);
        let period = (window / burst.get()).max(Duration::from_millis(1));
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst);
        let clock = DefaultClock::default();
        Self {
            limiter: RateLimiter::dashmap_with_clock(quota, clock.clone()),
            clock,
            per_window: burst.get(),
            window,
        }
    }

    /// Takes one post from the user's allowance, or says how long to wait.
    pub fn check(&self, user_id: UserId) -> Result<(), UserError> {
        if self.limiter.len() > FORGET_IDLE_ABOVE {
            self.limiter.retain_recent();
        }
        match self.limiter.check_key(&user_id.get()) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now()).as_secs().max(1);
                Err(UserError::new(format!(
                    "You've posted {} times in {} s here; please wait {wait} s before the next \
                     public post.",
                    self.per_window,
                    self.window.as_secs()
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_per_user() {
        let limit = PublicPostLimit::new(5, Duration::from_secs(30));
        for _ in 0..5 {
            assert!(limit.check(UserId::from_const(1)).is_ok());
        }
        let refusal = limit.check(UserId::from_const(1)).unwrap_err();
        assert!(refusal.message().contains("wait"), "{refusal}");
        assert!(
            limit.check(UserId::from_const(2)).is_ok(),
            "another user has their own allowance"
        );
    }
}

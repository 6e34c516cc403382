//! One sliding window: the instants of the latest calls under one limit, and a pause.
//! Pure: every method takes `now`.

use std::collections::VecDeque;

use tokio::time::{Duration, Instant};

/// The instants the latest calls under one limit count from (each marked whether it was a
/// ping, so lower classes can leave room for pings), and a pause after a 429 or an
/// exhausted bucket.
#[derive(Debug, Default)]
pub(super) struct Window {
    /// Oldest first, never decreasing; at most `limit` + slack of them are kept.
    recent: VecDeque<(Instant, bool)>,
    paused_until: Option<Instant>,
}

impl Window {
    /// A call taken this soon after the window freed its slot counts at that slot. Counting
    /// it when the outbox woke instead would let every wake-up's lag (a millisecond or so)
    /// push the slot of the next call back, and under a full budget those lags add up
    /// second after second.
    const WAKE_LAG: Duration = Duration::from_millis(10);

    /// Calls remembered beyond the limit, so that refunding a few recent calls never
    /// forgets an older one that still counts.
    const REFUND_SLACK: usize = 16;

    /// When the slot of the call `limit` calls ago frees up (`None` while fewer were made).
    fn freed_at(&self, limit: usize, span: Duration) -> Option<Instant> {
        let index = self.recent.len().checked_sub(limit)?;
        (limit > 0).then(|| self.recent[index].0 + span)
    }

    /// Calls still counting at `now`, and how many of them were pings.
    fn in_window(&self, now: Instant, span: Duration) -> (usize, usize) {
        self.recent
            .iter()
            .rev()
            .take_while(|(at, _)| *at + span > now)
            .fold((0, 0), |(calls, pings), (_, ping)| {
                (calls + 1, pings + usize::from(*ping))
            })
    }

    /// When the next call may go: at most `limit` calls in any `span`, and not before a
    /// pause ends. With `reserve_min` > 0 the call is not a ping: it goes only while the
    /// calls other than pings in the window, itself included, leave room for `reserve_min`
    /// pings, or for as many as the window saw lately if more (each ping due soon takes the
    /// slot of a ping leaving the window), so pings do not find their slots taken. While it
    /// may not go,
    /// the answer is the next instant anything in the window changes (a call expires),
    /// when the question is asked again.
    pub(super) fn ready_at(
        &self,
        now: Instant,
        limit: usize,
        span: Duration,
        reserve_min: usize,
    ) -> Instant {
        let mut at = now;
        if let Some(freed) = self.freed_at(limit, span) {
            at = at.max(freed);
        }
        if reserve_min > 0 {
            let (calls, pings) = self.in_window(now, span);
            let reserve = reserve_min.max(pings);
            if calls - pings + 1 + reserve > limit {
                let oldest = self
                    .recent
                    .iter()
                    .find(|(counted, _)| *counted + span > now)
                    .map_or(now, |(counted, _)| *counted + span);
                at = at.max(oldest.max(now + Duration::from_millis(1)));
            }
        }
        if let Some(paused) = self.paused_until {
            at = at.max(paused);
        }
        at
    }

    /// Counts a call; returns the instant it was counted at.
    pub(super) fn consume(
        &mut self,
        now: Instant,
        limit: usize,
        span: Duration,
        ping: bool,
    ) -> Instant {
        let mut at = match self.freed_at(limit, span) {
            Some(freed) if freed <= now && now <= freed + Self::WAKE_LAG => freed,
            _ => now,
        };
        if let Some((newest, _)) = self.recent.back() {
            at = at.max(*newest);
        }
        self.recent.push_back((at, ping));
        while self.recent.len() > limit.max(1) + Self::REFUND_SLACK {
            self.recent.pop_front();
        }
        at
    }

    /// Moves a call counted at `counted` (a ping or not) to `arrived`, when it probably
    /// reached Discord: it then counts a full span from there. Nothing moves earlier.
    pub(super) fn recount(&mut self, counted: Instant, ping: bool, arrived: Instant) {
        if arrived <= counted {
            return;
        }
        let Some(index) = self
            .recent
            .iter()
            .rposition(|&entry| entry == (counted, ping))
        else {
            return;
        };
        self.recent.remove(index);
        let place = self.recent.partition_point(|&(at, _)| at <= arrived);
        self.recent.insert(place, (arrived, ping));
    }

    /// Forgets one call counted at `at`, newest first (a job dropped before it was sent).
    pub(super) fn refund(&mut self, at: Instant) {
        if let Some(index) = self.recent.iter().rposition(|&(counted, _)| counted == at) {
            self.recent.remove(index);
        }
    }

    pub(super) fn pause_until(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |p| p.max(until)));
    }

    /// Whether nothing in the window counts any more at `now` and no pause holds.
    pub(super) fn is_idle(&self, now: Instant, span: Duration) -> bool {
        self.recent
            .back()
            .is_none_or(|(last, _)| *last + span <= now)
            && self.paused_until.is_none_or(|paused| paused <= now)
    }
}

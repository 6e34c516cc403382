//! Rate pacing of outbound Discord calls. Pure: every method takes `now`, nothing sleeps.
//!
//! Two limits apply to every job, both sliding windows: globally at most `global_rate_per_sec`
//! calls in any one second, and per channel by default 5 calls in any 5 s. A window (unlike
//! a steady drip) lets rests that end together go out together, while no one-second span
//! sees more calls than the budget (a call taken just after its slot freed up counts at the
//! slot, so a span may hold one counted up to 10 ms early). Among admissible jobs, pings
//! go before edits and edits before optional jobs, first in first out within a class. A
//! channel at its limit holds back only its own jobs.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use tokio::time::{Duration, Instant};

use crate::domain::ids::ChannelId;

/// Job classes, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Rest-over pings and missed notes: late pings are the failure users notice.
    Ping,
    /// Countdown posts and "Rest over" edits: visible state, never dropped.
    Edit,
    /// Cosmetic calls, dropped first when the queue is over its bound.
    Optional,
}

/// Limits of a [`PacingQueue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacingConfig {
    /// Calls in any one-second window across all channels.
    pub global_rate_per_sec: u32,
    /// Calls per channel within `channel_window`.
    pub channel_limit: u32,
    pub channel_window: Duration,
    /// Beyond this many queued jobs, optional jobs are dropped, oldest first. Pings and
    /// edits are never dropped, so the bound can be exceeded by them.
    pub max_queued: usize,
}

impl Default for PacingConfig {
    fn default() -> Self {
        Self {
            global_rate_per_sec: 40,
            channel_limit: 5,
            channel_window: Duration::from_secs(5),
            max_queued: 10_000,
        }
    }
}

/// A job the queue let through, with what is needed to put it back in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admitted<J> {
    pub seq: u64,
    pub channel_id: ChannelId,
    pub priority: Priority,
    pub job: J,
    /// Where the job was counted in the global and the channel window, so that a job
    /// dropped before it was sent can be given back ([`PacingQueue::refund`]).
    pub counted_at: (Instant, Instant),
}

/// The send instants of the latest calls under one limit, and a pause after a 429.
#[derive(Debug, Default)]
struct Window {
    /// Oldest first; at most `limit` of them are kept.
    recent: VecDeque<Instant>,
    paused_until: Option<Instant>,
}

impl Window {
    /// A call taken this soon after the window freed its slot counts at that slot. Counting
    /// it when the outbox woke instead would let every wake-up's lag (a millisecond or so)
    /// push the slot of the next call back, and under a full budget those lags add up
    /// second after second.
    const WAKE_LAG: Duration = Duration::from_millis(10);

    /// When the slot of the call `limit` calls ago frees up (`None` while fewer were made).
    fn freed_at(&self, limit: usize, span: Duration) -> Option<Instant> {
        let index = self.recent.len().checked_sub(limit)?;
        (limit > 0).then(|| self.recent[index] + span)
    }

    /// When the next call may go: at most `limit` calls in any `span` (0: no limit), and
    /// not before a pause ends.
    fn ready_at(&self, now: Instant, limit: usize, span: Duration) -> Instant {
        let mut at = now;
        if let Some(freed) = self.freed_at(limit, span) {
            at = at.max(freed);
        }
        if let Some(paused) = self.paused_until {
            at = at.max(paused);
        }
        at
    }

    /// Calls remembered beyond the limit, so that refunding a few recent calls never
    /// forgets an older one that still counts.
    const REFUND_SLACK: usize = 16;

    /// Counts a call; returns the instant it was counted at.
    fn consume(&mut self, now: Instant, limit: usize, span: Duration) -> Instant {
        let mut at = match self.freed_at(limit, span) {
            Some(freed) if freed <= now && now <= freed + Self::WAKE_LAG => freed,
            _ => now,
        };
        if let Some(newest) = self.recent.back() {
            at = at.max(*newest);
        }
        self.recent.push_back(at);
        while self.recent.len() > limit.max(1) + Self::REFUND_SLACK {
            self.recent.pop_front();
        }
        at
    }

    /// Forgets one call counted at `at`, newest first (a job dropped before it was sent).
    fn refund(&mut self, at: Instant) {
        if let Some(index) = self.recent.iter().rposition(|&counted| counted == at) {
            self.recent.remove(index);
        }
    }

    fn pause_until(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |p| p.max(until)));
    }
}

#[derive(Debug)]
struct ChannelState<J> {
    jobs: BTreeMap<(Priority, u64), J>,
    window: Window,
}

impl<J> ChannelState<J> {
    fn new() -> Self {
        Self {
            jobs: BTreeMap::new(),
            window: Window::default(),
        }
    }

    fn is_idle(&self, now: Instant, window: Duration) -> bool {
        self.jobs.is_empty()
            && self
                .window
                .recent
                .back()
                .is_none_or(|last| *last + window <= now)
            && self.window.paused_until.is_none_or(|paused| paused <= now)
    }
}

/// The outbound queue's ordering and pacing.
#[derive(Debug)]
pub struct PacingQueue<J> {
    config: PacingConfig,
    global: Window,
    channels: HashMap<ChannelId, ChannelState<J>>,
    /// `(priority, seq, channel)` of each channel's first job: the candidates, best first.
    heads: BTreeSet<(Priority, u64, ChannelId)>,
    /// `(seq, channel)` of every optional job, oldest first, for dropping.
    optional: BTreeSet<(u64, ChannelId)>,
    len: usize,
    next_seq: u64,
    pops_since_sweep: u32,
}

impl<J> PacingQueue<J> {
    /// The global budget is per second.
    const GLOBAL_SPAN: Duration = Duration::from_secs(1);

    /// An empty queue with the given limits.
    pub fn new(config: PacingConfig) -> Self {
        Self {
            global: Window::default(),
            config,
            channels: HashMap::new(),
            heads: BTreeSet::new(),
            optional: BTreeSet::new(),
            len: 0,
            next_seq: 0,
            pops_since_sweep: 0,
        }
    }

    /// Number of queued jobs.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no job is queued.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Queues a job at the end of its class. Returns the jobs dropped to respect the bound.
    pub fn push(&mut self, channel_id: ChannelId, priority: Priority, job: J) -> Vec<J> {
        let seq = self.next_seq;
        self.requeue(channel_id, priority, seq, job)
    }

    /// Queues a job again at the place its `seq` gives it (after a retry delay), so a
    /// retried ping still goes before pings queued after it.
    pub fn requeue(
        &mut self,
        channel_id: ChannelId,
        priority: Priority,
        seq: u64,
        job: J,
    ) -> Vec<J> {
        self.next_seq = self.next_seq.max(seq + 1);
        let channel = self
            .channels
            .entry(channel_id)
            .or_insert_with(ChannelState::new);
        if let Some(&(old_priority, old_seq)) = channel.jobs.keys().next() {
            self.heads.remove(&(old_priority, old_seq, channel_id));
        }
        channel.jobs.insert((priority, seq), job);
        if let Some(&(head_priority, head_seq)) = channel.jobs.keys().next() {
            self.heads.insert((head_priority, head_seq, channel_id));
        }
        if priority == Priority::Optional {
            self.optional.insert((seq, channel_id));
        }
        self.len += 1;
        self.drop_over_bound()
    }

    /// Stops every job until `until` (a global rate limit was hit).
    pub fn pause_all_until(&mut self, until: Instant) {
        self.global.pause_until(until);
    }

    /// Stops one channel's jobs until `until` (that channel's rate limit was hit).
    pub fn pause_channel_until(&mut self, channel_id: ChannelId, until: Instant) {
        let channel = self
            .channels
            .entry(channel_id)
            .or_insert_with(ChannelState::new);
        channel.window.pause_until(until);
    }

    /// Takes the best job allowed to go at `now`, counting it against both limits.
    pub fn pop_ready(&mut self, now: Instant) -> Option<Admitted<J>> {
        if self.global_ready_at(now) > now {
            return None;
        }
        let limit = self.channel_limit();
        let window = self.config.channel_window;
        let &(priority, seq, channel_id) = self.heads.iter().find(|(_, _, channel_id)| {
            self.channels
                .get(channel_id)
                .is_some_and(|channel| channel.window.ready_at(now, limit, window) <= now)
        })?;
        self.heads.remove(&(priority, seq, channel_id));
        let channel = self.channels.get_mut(&channel_id)?;
        let job = channel.jobs.remove(&(priority, seq))?;
        if let Some(&(next_priority, next_seq)) = channel.jobs.keys().next() {
            self.heads.insert((next_priority, next_seq, channel_id));
        }
        let channel_at = channel.window.consume(now, limit, window);
        if priority == Priority::Optional {
            self.optional.remove(&(seq, channel_id));
        }
        self.len -= 1;
        let global_at = self
            .global
            .consume(now, self.global_limit(), Self::GLOBAL_SPAN);
        self.sweep_idle_channels(now);
        Some(Admitted {
            seq,
            channel_id,
            priority,
            job,
            counted_at: (global_at, channel_at),
        })
    }

    /// Gives back what an admitted job was counted for, because it was dropped (withdrawn,
    /// superseded) or failed before any call left: budget is spent only on real calls.
    pub fn refund<K>(&mut self, admitted: &Admitted<K>) {
        let (global_at, channel_at) = admitted.counted_at;
        self.global.refund(global_at);
        if let Some(channel) = self.channels.get_mut(&admitted.channel_id) {
            channel.window.refund(channel_at);
        }
    }

    /// When the next job could go: `None` when the queue is empty, `now` when one can go now.
    pub fn next_ready_at(&self, now: Instant) -> Option<Instant> {
        let limit = self.channel_limit();
        let window = self.config.channel_window;
        let mut earliest: Option<Instant> = None;
        for (_, _, channel_id) in &self.heads {
            let Some(channel) = self.channels.get(channel_id) else {
                continue;
            };
            let at = channel.window.ready_at(now, limit, window);
            earliest = Some(earliest.map_or(at, |e| e.min(at)));
            if at <= now {
                break;
            }
        }
        earliest.map(|at| at.max(self.global_ready_at(now)))
    }

    /// Removes every queued job (at shutdown), in no particular order.
    pub fn drain(&mut self) -> Vec<J> {
        self.heads.clear();
        self.optional.clear();
        self.len = 0;
        self.channels
            .drain()
            .flat_map(|(_, channel)| channel.jobs.into_values())
            .collect()
    }

    fn global_ready_at(&self, now: Instant) -> Instant {
        self.global
            .ready_at(now, self.global_limit(), Self::GLOBAL_SPAN)
    }

    fn global_limit(&self) -> usize {
        usize::try_from(self.config.global_rate_per_sec.max(1)).unwrap_or(usize::MAX)
    }

    fn channel_limit(&self) -> usize {
        usize::try_from(self.config.channel_limit).unwrap_or(usize::MAX)
    }

    fn drop_over_bound(&mut self) -> Vec<J> {
        let mut dropped = Vec::new();
        while self.len > self.config.max_queued {
            let Some((seq, channel_id)) = self.optional.pop_first() else {
                break;
            };
            let Some(channel) = self.channels.get_mut(&channel_id) else {
                continue;
            };
            let was_head = channel.jobs.keys().next() == Some(&(Priority::Optional, seq));
            if let Some(job) = channel.jobs.remove(&(Priority::Optional, seq)) {
                self.len -= 1;
                dropped.push(job);
            }
            if was_head {
                self.heads.remove(&(Priority::Optional, seq, channel_id));
                if let Some(&(next_priority, next_seq)) = channel.jobs.keys().next() {
                    self.heads.insert((next_priority, next_seq, channel_id));
                }
            }
        }
        dropped
    }

    /// Forgets channels with nothing queued and no recent call, so the map does not grow
    /// with every channel ever seen.
    fn sweep_idle_channels(&mut self, now: Instant) {
        self.pops_since_sweep += 1;
        if self.pops_since_sweep < 1024 {
            return;
        }
        self.pops_since_sweep = 0;
        let window = self.config.channel_window;
        self.channels
            .retain(|_, channel| !channel.is_idle(now, window));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Channel `n` of a test; the numbers start at 0, IDs at 1.
    fn ch(n: u64) -> ChannelId {
        ChannelId::from_const(n + 1)
    }

    fn config() -> PacingConfig {
        PacingConfig::default()
    }

    #[test]
    fn a_refunded_job_leaves_its_slot_to_the_next() {
        let start = Instant::now();
        let mut queue = PacingQueue::new(PacingConfig {
            global_rate_per_sec: 2,
            ..config()
        });
        for channel in 1..=3u32 {
            queue.push(ch(u64::from(channel)), Priority::Edit, channel);
        }
        let first = queue.pop_ready(start).expect("first is ready");
        let _second = queue.pop_ready(start).expect("second is ready");
        assert!(queue.pop_ready(start).is_none(), "the budget of 2 is spent");
        queue.refund(&first);
        let third = queue
            .pop_ready(start)
            .expect("the refunded slot is free again");
        assert_eq!(third.job, 3);
    }

    #[test]
    fn refunds_never_free_more_than_was_counted() {
        let start = Instant::now();
        let mut queue = PacingQueue::new(PacingConfig {
            global_rate_per_sec: 1,
            ..config()
        });
        queue.push(ch(1), Priority::Edit, 1);
        queue.push(ch(2), Priority::Edit, 2);
        let first = queue.pop_ready(start).expect("ready");
        queue.refund(&first);
        queue.refund(&first);
        assert!(queue.pop_ready(start).is_some());
        assert!(
            queue.pop_ready(start).is_none(),
            "one refund, one extra call"
        );
    }

    /// Pops everything allowed, jumping to the next ready instant, until `end`.
    fn run_until(
        queue: &mut PacingQueue<u32>,
        start: Instant,
        end: Instant,
    ) -> Vec<(Instant, u32)> {
        let mut sent = Vec::new();
        let mut now = start;
        while now < end {
            while let Some(admitted) = queue.pop_ready(now) {
                sent.push((now, admitted.job));
            }
            match queue.next_ready_at(now) {
                Some(next) if next > now => now = next,
                Some(_) => now += Duration::from_millis(1),
                None => break,
            }
        }
        sent
    }

    #[test]
    fn global_budget_is_honoured_over_a_minute() {
        let mut queue = PacingQueue::new(config());
        for job in 0..10_000u32 {
            queue.push(ch(u64::from(job)), Priority::Ping, job);
        }
        let start = Instant::now();
        let end = start + Duration::from_secs(60);
        let sent = run_until(&mut queue, start, end);
        let ceiling = config().global_rate_per_sec as usize;
        assert!(sent.len() <= 40 * 60);
        assert!(sent.len() >= 40 * 60 - 40);
        for (i, (at, _)) in sent.iter().enumerate() {
            let in_window = sent[i..]
                .iter()
                .take_while(|(later, _)| *later < *at + Duration::from_secs(1))
                .count();
            assert!(in_window <= ceiling, "{in_window} calls within a second");
        }
    }

    /// `per_period` calls due at the start of every `period` for 60 periods, on the channel
    /// `channel_of(job)` gives. The first period's calls leave a millisecond apart; afterwards
    /// the outbox takes whatever is ready, and each wake-up for a freed slot comes 3 ms late.
    /// Returns the worst lateness.
    fn worst_lateness_at_full_load(
        per_period: u32,
        period: Duration,
        channel_of: impl Fn(u32) -> u64,
    ) -> Duration {
        let mut queue = PacingQueue::new(config());
        let start = Instant::now();
        let mut job = 0u32;
        let mut worst = Duration::ZERO;
        for round in 0..60 {
            let due = start + period * round;
            for _ in 0..per_period {
                queue.push(ch(channel_of(job)), Priority::Ping, job);
                job += 1;
            }
            let mut now = due;
            while !queue.is_empty() {
                while queue.pop_ready(now).is_some() {
                    worst = worst.max(now - due);
                    if round == 0 {
                        now += Duration::from_millis(1);
                    }
                }
                match queue.next_ready_at(now) {
                    Some(next) => now = next.max(now) + Duration::from_millis(3),
                    None => break,
                }
            }
        }
        worst
    }

    #[test]
    fn late_wake_ups_do_not_add_up_under_a_full_budget() {
        let worst = worst_lateness_at_full_load(40, Duration::from_secs(1), u64::from);
        assert!(
            worst < Duration::from_millis(50),
            "worst lateness {worst:?}"
        );
    }

    #[test]
    fn late_wake_ups_do_not_add_up_in_a_busy_channel() {
        let worst = worst_lateness_at_full_load(5, Duration::from_secs(5), |_| 7);
        assert!(
            worst < Duration::from_millis(50),
            "worst lateness {worst:?}"
        );
    }

    #[test]
    fn a_channel_gets_five_calls_per_five_seconds() {
        let mut queue = PacingQueue::new(config());
        for job in 0..20u32 {
            queue.push(ch(7), Priority::Ping, job);
        }
        let start = Instant::now();
        let sent = run_until(&mut queue, start, start + Duration::from_secs(60));
        assert_eq!(sent.len(), 20);
        for (i, (at, _)) in sent.iter().enumerate() {
            let in_window = sent[i..]
                .iter()
                .take_while(|(later, _)| *later < *at + Duration::from_secs(5))
                .count();
            assert!(in_window <= 5);
        }
        assert_eq!(sent[5].0, start + Duration::from_secs(5));
    }

    #[test]
    fn pings_go_before_edits_and_edits_before_optional() {
        let mut queue = PacingQueue::new(config());
        queue.push(ch(1), Priority::Optional, 30);
        queue.push(ch(2), Priority::Edit, 20);
        queue.push(ch(3), Priority::Ping, 10);
        queue.push(ch(1), Priority::Ping, 11);
        queue.push(ch(2), Priority::Edit, 21);
        let now = Instant::now();
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop_ready(now).map(|a| a.job)).collect();
        assert_eq!(order, vec![10, 11, 20, 21, 30]);
    }

    #[test]
    fn a_blocked_channel_does_not_block_others() {
        let mut queue = PacingQueue::new(config());
        for job in 0..6u32 {
            queue.push(ch(1), Priority::Ping, job);
        }
        queue.push(ch(2), Priority::Edit, 100);
        let now = Instant::now();
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop_ready(now).map(|a| a.job)).collect();
        assert_eq!(order, vec![0, 1, 2, 3, 4, 100]);
        assert_eq!(queue.next_ready_at(now), Some(now + Duration::from_secs(5)));
    }

    #[test]
    fn optional_jobs_are_dropped_first_and_pings_never() {
        let mut queue = PacingQueue::new(PacingConfig {
            max_queued: 3,
            ..config()
        });
        assert!(queue.push(ch(1), Priority::Optional, 1).is_empty());
        assert!(queue.push(ch(2), Priority::Optional, 2).is_empty());
        assert!(queue.push(ch(3), Priority::Ping, 3).is_empty());
        assert_eq!(queue.push(ch(4), Priority::Ping, 4), vec![1]);
        assert_eq!(queue.push(ch(5), Priority::Edit, 5), vec![2]);
        assert!(queue.push(ch(6), Priority::Ping, 6).is_empty());
        assert_eq!(queue.len(), 4);
        let now = Instant::now();
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop_ready(now).map(|a| a.job)).collect();
        assert_eq!(order, vec![3, 4, 6, 5]);
    }

    #[test]
    fn requeued_jobs_keep_their_place() {
        let mut queue = PacingQueue::new(config());
        queue.push(ch(1), Priority::Ping, 1);
        queue.push(ch(2), Priority::Ping, 2);
        let now = Instant::now();
        let first = queue.pop_ready(now);
        let Some(first) = first else {
            panic!("a job should be ready");
        };
        queue.push(ch(3), Priority::Ping, 3);
        queue.requeue(first.channel_id, first.priority, first.seq, first.job);
        let order: Vec<u32> = std::iter::from_fn(|| queue.pop_ready(now).map(|a| a.job)).collect();
        assert_eq!(order, vec![1, 2, 3]);
    }

    #[test]
    fn pauses_hold_jobs_back() {
        let mut queue = PacingQueue::new(config());
        queue.push(ch(1), Priority::Ping, 1);
        queue.push(ch(2), Priority::Ping, 2);
        let now = Instant::now();
        queue.pause_channel_until(ch(1), now + Duration::from_secs(2));
        assert_eq!(queue.pop_ready(now).map(|a| a.job), Some(2));
        assert!(queue.pop_ready(now).is_none());
        assert_eq!(queue.next_ready_at(now), Some(now + Duration::from_secs(2)));
        queue.pause_all_until(now + Duration::from_secs(3));
        assert!(queue.pop_ready(now + Duration::from_secs(2)).is_none());
        assert_eq!(
            queue.pop_ready(now + Duration::from_secs(3)).map(|a| a.job),
            Some(1)
        );
    }
}

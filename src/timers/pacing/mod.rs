//! Rate pacing of outbound Discord calls. Pure: every method takes `now`, nothing sleeps.
//!
//! Discord limits calls per route: message creates (`POST /channels/{id}/messages`) and
//! message edits (`PATCH /channels/{id}/messages/{mid}`) are separate buckets, each by
//! default 5 calls per 5 s per channel, and all calls share a global budget. So the queue
//! keeps one lane per channel and [`Route`], each with its own sliding window, and one global
//! window of at most `global_rate_per_sec` calls in any one second. A window (unlike a steady
//! drip) lets rests that end together go out together, while no span sees more calls than
//! its limit (a call taken just after its slot freed up counts at the slot, so a span may
//! hold one counted up to 10 ms early). What Discord announces in its `X-RateLimit-*`
//! headers replaces the assumed route limits ([`PacingQueue::learn`]).
//!
//! Discord counts calls as they arrive, and calls that leave at the pace of the budget can
//! arrive bunched: a second's calls that waited on the way or in Discord's queue land in
//! the same second as the next second's calls. So a second window holds when calls
//! probably arrived, against a limit a tenth above the budget (Discord's 50 for the largest
//! budget): a call that took longer than the quickest recent round trip counts there from
//! when it left plus that wait ([`PacingQueue::answered`]), and holds back the next calls
//! until then plus a second. Calls that did not wait count from when they left, in both
//! windows, so a full budget keeps its phase instead of drifting by each round trip.
//!
//! Among admissible jobs, pings go before edits and edits before optional jobs, first in
//! first out within a class. Beyond that order, a job that is not a ping must leave room
//! for pings: in the global window and in its lane it goes only while the calls counted
//! there, plus itself, plus a reserve (a fixed share, or as many pings as the window saw
//! lately or as the engine expects within the next second, whichever is most) stay within
//! the limit. So a countdown post or an edit never takes the slot a ping due soon needs;
//! under a budget full of pings, they wait until pings slacken. Globally that limit is
//! also smaller than the budget by the arrivals window's slack, so a second of pings has
//! that much more room for calls that arrive bunched.
//! A lane at its limit holds back only its own jobs.

mod window;

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use tokio::time::{Duration, Instant};

use crate::domain::ids::ChannelId;
use window::Window;

/// Job classes, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Rest-over pings and missed notes: late pings are the failure users notice.
    Ping,
    /// Countdown posts and "Rest over" edits: visible state, deferred behind pings.
    Edit,
    /// Cosmetic calls, dropped first when the queue is over its bound.
    Optional,
}

/// Discord's rate-limit route of a call: each has its own bucket per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Route {
    /// `POST /channels/{id}/messages`: pings and countdown posts.
    Create,
    /// `PATCH /channels/{id}/messages/{mid}`: "Rest over" edits.
    Edit,
}

/// Limits of a [`PacingQueue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacingConfig {
    /// Calls in any one-second window across all channels.
    pub global_rate_per_sec: u32,
    /// Calls per channel and route within `channel_window`, until Discord announces its own.
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
    pub route: Route,
    pub priority: Priority,
    pub job: J,
    /// Where the job was counted, so that a job dropped before it was sent can be given
    /// back ([`PacingQueue::refund`]) and its answer placed ([`PacingQueue::answered`]).
    pub counted: Counted,
}

/// Where an admitted job was counted in each window, and when it was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    global: Instant,
    lane: Instant,
    arrival: Instant,
    taken: Instant,
}

/// One channel's calls on one route.
type Lane = (ChannelId, Route);

#[derive(Debug)]
struct LaneState<J> {
    jobs: BTreeMap<(Priority, u64), J>,
    window: Window,
}

impl<J> LaneState<J> {
    fn new() -> Self {
        Self {
            jobs: BTreeMap::new(),
            window: Window::default(),
        }
    }
}

/// A route's limit as Discord announced it: calls per span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RouteLimit {
    calls: usize,
    span: Duration,
}

/// The outbound queue's ordering and pacing.
#[derive(Debug)]
pub struct PacingQueue<J> {
    config: PacingConfig,
    global: Window,
    /// When the latest calls probably reached Discord (see [`PacingQueue::answered`]).
    arrivals: Window,
    /// The latest round trips, oldest first: the quickest of them is a call that did not wait.
    round_trips: VecDeque<Duration>,
    /// Until when every call counts from its answer (see [`PacingQueue::global_limit_hit`]).
    careful_until: Option<Instant>,
    lanes: HashMap<Lane, LaneState<J>>,
    /// `(priority, seq, lane)` of each lane's first job: the candidates, best first.
    heads: BTreeSet<(Priority, u64, ChannelId, Route)>,
    /// `(seq, lane)` of every optional job, oldest first, for dropping.
    optional: BTreeSet<(u64, ChannelId, Route)>,
    /// Limits learned from Discord's headers, per route (the same for every channel).
    learned: HashMap<Route, RouteLimit>,
    len: usize,
    next_seq: u64,
    pops_since_sweep: u32,
    /// See [`PacingQueue::expect_pings`].
    expected_pings: usize,
}

impl<J> PacingQueue<J> {
    /// The global budget is per second.
    const GLOBAL_SPAN: Duration = Duration::from_secs(1);
    /// Added to a learned span: the bot counts a call when it leaves and Discord when it
    /// arrives, and two calls a span apart must not arrive less than a span apart.
    const ROUTE_MARGIN: Duration = Duration::from_millis(25);
    /// How long calls count from their answers after a 429 on the global limit.
    const CAREFUL_AFTER_GLOBAL_LIMIT: Duration = Duration::from_secs(60);
    /// Round trips the quickest is taken from: a few seconds of a busy budget.
    const ROUND_TRIPS_KEPT: usize = 255;
    /// A call that waited no longer than this counts from when it left: moving every call by
    /// its round trip's jitter would push the next second's calls back, and under a full
    /// budget that drift would add up second after second.
    const ROUND_TRIP_SLACK: Duration = Duration::from_millis(2);
    /// Slots of a lane on the create route kept for pings: a countdown post never takes the
    /// last one.
    const LANE_PING_RESERVE: usize = 1;

    /// An empty queue with the given limits.
    pub fn new(config: PacingConfig) -> Self {
        Self {
            global: Window::default(),
            arrivals: Window::default(),
            round_trips: VecDeque::new(),
            careful_until: None,
            config,
            lanes: HashMap::new(),
            heads: BTreeSet::new(),
            optional: BTreeSet::new(),
            learned: HashMap::new(),
            len: 0,
            next_seq: 0,
            pops_since_sweep: 0,
            expected_pings: 0,
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

    /// Queues a message create at the end of its class. Returns the jobs dropped to respect
    /// the bound.
    pub fn push(&mut self, channel_id: ChannelId, priority: Priority, job: J) -> Vec<J> {
        self.push_on(channel_id, Route::Create, priority, job)
    }

    /// Queues a job on `route` at the end of its class. Returns the jobs dropped to respect
    /// the bound.
    pub fn push_on(
        &mut self,
        channel_id: ChannelId,
        route: Route,
        priority: Priority,
        job: J,
    ) -> Vec<J> {
        let seq = self.next_seq;
        self.requeue(channel_id, route, priority, seq, job)
    }

    /// Queues a job again at the place its `seq` gives it (after a retry delay), so a
    /// retried ping still goes before pings queued after it.
    pub fn requeue(
        &mut self,
        channel_id: ChannelId,
        route: Route,
        priority: Priority,
        seq: u64,
        job: J,
    ) -> Vec<J> {
        self.next_seq = self.next_seq.max(seq + 1);
        let lane = self
            .lanes
            .entry((channel_id, route))
            .or_insert_with(LaneState::new);
        if let Some(&(old_priority, old_seq)) = lane.jobs.keys().next() {
            self.heads
                .remove(&(old_priority, old_seq, channel_id, route));
        }
        lane.jobs.insert((priority, seq), job);
        if let Some(&(head_priority, head_seq)) = lane.jobs.keys().next() {
            self.heads
                .insert((head_priority, head_seq, channel_id, route));
        }
        if priority == Priority::Optional {
            self.optional.insert((seq, channel_id, route));
        }
        self.len += 1;
        self.drop_over_bound()
    }

    /// Stops every job until `until` (a global rate limit was hit).
    pub fn pause_all_until(&mut self, until: Instant) {
        self.global.pause_until(until);
    }

    /// Takes a 429 on Discord's global limit, answered at `now`, until `until`: every call
    /// stops until then, and for [`Self::CAREFUL_AFTER_GLOBAL_LIMIT`] every call counts in
    /// the arrivals' window from its answer. The limit was hit because calls reached Discord
    /// closer together than they left, in ways their round trips did not show; counting from
    /// the answer is safe against any such spread, at the price of a round trip per call.
    pub fn global_limit_hit(&mut self, now: Instant, until: Instant) {
        self.pause_all_until(until);
        self.careful_until = Some(now + Self::CAREFUL_AFTER_GLOBAL_LIMIT);
    }

    /// Stops one channel's jobs on every route until `until`.
    pub fn pause_channel_until(&mut self, channel_id: ChannelId, until: Instant) {
        for route in [Route::Create, Route::Edit] {
            self.pause_lane_until(channel_id, route, until);
        }
    }

    /// Stops one channel's jobs on one route until `until` (that bucket's limit was hit).
    pub fn pause_lane_until(&mut self, channel_id: ChannelId, route: Route, until: Instant) {
        self.lanes
            .entry((channel_id, route))
            .or_insert_with(LaneState::new)
            .window
            .pause_until(until);
    }

    /// Takes what Discord announced for a call on `route` in `channel_id` (its
    /// `X-RateLimit-Limit`, `-Remaining` and `-Reset-After` headers), answered at `now`:
    /// the route's limit from then on, its span when the call opened a fresh bucket, and a
    /// pause of the lane until the bucket resets when none remains.
    pub fn learn(
        &mut self,
        channel_id: ChannelId,
        route: Route,
        limit: u32,
        remaining: u32,
        reset_after: Duration,
        now: Instant,
    ) {
        if limit == 0 {
            return;
        }
        let calls = usize::try_from(limit).unwrap_or(usize::MAX);
        let known = self.route_limit(route);
        let span = if remaining.saturating_add(1) >= limit {
            reset_after + Self::ROUTE_MARGIN
        } else {
            known.span
        };
        self.learned.insert(route, RouteLimit { calls, span });
        if remaining == 0 {
            self.pause_lane_until(channel_id, route, now + reset_after);
        }
    }

    /// Takes the best job allowed to go at `now`, counting it against both limits.
    pub fn pop_ready(&mut self, now: Instant) -> Option<Admitted<J>> {
        let global_ready_at = self.global_ready_at(now);
        if global_ready_at(Priority::Ping) > now {
            return None;
        }
        let others_fit = global_ready_at(Priority::Edit) <= now;
        let &(priority, seq, channel_id, route) = self
            .heads
            .iter()
            .take_while(|(priority, ..)| *priority == Priority::Ping || others_fit)
            .find(|&&(priority, _, channel_id, route)| {
                self.lane_ready_at(now, channel_id, route, priority) <= now
            })?;
        self.heads.remove(&(priority, seq, channel_id, route));
        let limit = self.route_limit(route);
        let lane = self.lanes.get_mut(&(channel_id, route))?;
        let job = lane.jobs.remove(&(priority, seq))?;
        if let Some(&(next_priority, next_seq)) = lane.jobs.keys().next() {
            self.heads
                .insert((next_priority, next_seq, channel_id, route));
        }
        let ping = priority == Priority::Ping;
        let lane_at = lane.window.consume(now, limit.calls, limit.span, ping);
        if priority == Priority::Optional {
            self.optional.remove(&(seq, channel_id, route));
        }
        self.len -= 1;
        let global_at = self
            .global
            .consume(now, self.global_limit(), Self::GLOBAL_SPAN, ping);
        let arrival_at = self
            .arrivals
            .consume(now, self.arrival_limit(), Self::GLOBAL_SPAN, ping);
        self.sweep_idle_lanes(now);
        Some(Admitted {
            seq,
            channel_id,
            route,
            priority,
            job,
            counted: Counted {
                global: global_at,
                lane: lane_at,
                arrival: arrival_at,
                taken: now,
            },
        })
    }

    /// Gives back what an admitted job was counted for, because it was dropped (withdrawn,
    /// superseded) or failed before any call left: budget is spent only on real calls.
    pub fn refund<K>(&mut self, admitted: &Admitted<K>) {
        let counted = admitted.counted;
        self.global.refund(counted.global);
        self.arrivals.refund(counted.arrival);
        if let Some(lane) = self.lanes.get_mut(&(admitted.channel_id, admitted.route)) {
            lane.window.refund(counted.lane);
        }
    }

    /// Takes Discord's answer to an admitted job's call, at `now`. The shortest of the latest
    /// round trips is the way there and back with no wait; what a call took beyond it, it
    /// waited on the way or at Discord, so it probably arrived that much after it left. In
    /// the arrivals' window it then counts from there. A wait within
    /// [`Self::ROUND_TRIP_SLACK`] changes nothing.
    pub fn answered<K>(&mut self, admitted: &Admitted<K>, now: Instant) {
        let counted = admitted.counted;
        let round_trip = now.saturating_duration_since(counted.taken);
        if self.round_trips.len() == Self::ROUND_TRIPS_KEPT {
            self.round_trips.pop_front();
        }
        self.round_trips.push_back(round_trip);
        let quickest = self.round_trips.iter().min().copied().unwrap_or(round_trip);
        let careful = self.careful_until.is_some_and(|until| now < until);
        let waited = if careful {
            round_trip
        } else {
            round_trip.saturating_sub(quickest)
        };
        if !careful && waited <= Self::ROUND_TRIP_SLACK {
            return;
        }
        let ping = admitted.priority == Priority::Ping;
        self.arrivals
            .recount(counted.arrival, ping, counted.arrival + waited);
    }

    /// When the arrivals' window lets the next call go.
    fn arrivals_ready_at(&self, now: Instant) -> Instant {
        self.arrivals
            .ready_at(now, self.arrival_limit(), Self::GLOBAL_SPAN, 0)
    }

    /// Calls that may reach Discord in any second: the budget's share of Discord's 50 when
    /// the budget is the most allowed (45), so a tenth more than the budget.
    fn arrival_limit(&self) -> usize {
        let budget = self.global_limit();
        budget + (budget / 9).max(1)
    }

    /// The budget as calls other than pings see it: smaller by the arrivals window's slack.
    /// A second full of pings then leaves twice that slack below Discord's limit for calls
    /// that arrive bunched, where a second of pings topped up with countdowns and edits left
    /// it once and met the limit (the traffic benchmark's global 429s); countdowns and
    /// edits wait while pings fill the rest.
    fn others_limit(&self) -> usize {
        let budget = self.global_limit();
        budget.saturating_sub(self.arrival_limit() - budget).max(1)
    }

    /// When the next job could go: `None` when the queue is empty, `now` when one can go now.
    pub fn next_ready_at(&self, now: Instant) -> Option<Instant> {
        let global_ready_at = self.global_ready_at(now);
        let mut earliest: Option<Instant> = None;
        for &(priority, _, channel_id, route) in &self.heads {
            let global = global_ready_at(priority);
            let at = self
                .lane_ready_at(now, channel_id, route, priority)
                .max(global);
            earliest = Some(earliest.map_or(at, |e| e.min(at)));
            // Heads come most urgent first, and a less urgent class never goes before the
            // global window lets this one go: a head that can go then (or now) is the
            // earliest. Without this stop, every wake-up visited every queued lane while
            // the budget held a long queue back (a quarter of the bot's CPU under many
            // rest starts).
            if at <= global.max(now) {
                break;
            }
        }
        earliest
    }

    /// [`Self::next_ready_at`] without its early stop: every head visited.
    #[cfg(test)]
    fn next_ready_at_visiting_all(&self, now: Instant) -> Option<Instant> {
        let global_ready_at = self.global_ready_at(now);
        self.heads
            .iter()
            .map(|&(priority, _, channel_id, route)| {
                self.lane_ready_at(now, channel_id, route, priority)
                    .max(global_ready_at(priority))
            })
            .min()
    }

    /// When the global and arrivals' windows let a job of each class go: pings may use
    /// the whole budget, other calls leave the pings' reserve.
    fn global_ready_at(&self, now: Instant) -> impl Fn(Priority) -> Instant {
        let global_limit = self.global_limit();
        let arrivals = self.arrivals_ready_at(now);
        let for_pings = self
            .global
            .ready_at(now, global_limit, Self::GLOBAL_SPAN, 0)
            .max(arrivals);
        let for_others = self
            .global
            .ready_at(
                now,
                self.others_limit(),
                Self::GLOBAL_SPAN,
                self.global_reserve(),
            )
            .max(arrivals);
        move |priority| {
            if priority == Priority::Ping {
                for_pings
            } else {
                for_others
            }
        }
    }

    /// Removes every queued job (at shutdown), in no particular order.
    pub fn drain(&mut self) -> Vec<J> {
        self.heads.clear();
        self.optional.clear();
        self.len = 0;
        self.lanes
            .drain()
            .flat_map(|(_, lane)| lane.jobs.into_values())
            .collect()
    }

    /// When a job of `priority` may go in its lane, leaving room for pings if it is none.
    fn lane_ready_at(
        &self,
        now: Instant,
        channel_id: ChannelId,
        route: Route,
        priority: Priority,
    ) -> Instant {
        let Some(lane) = self.lanes.get(&(channel_id, route)) else {
            return now;
        };
        let limit = self.route_limit(route);
        let reserve = match (route, priority) {
            (Route::Create, Priority::Edit | Priority::Optional) => Self::LANE_PING_RESERVE,
            _ => 0,
        };
        lane.window.ready_at(now, limit.calls, limit.span, reserve)
    }

    /// The route's limit: as Discord announced it, or as configured until then.
    fn route_limit(&self, route: Route) -> RouteLimit {
        self.learned.get(&route).copied().unwrap_or(RouteLimit {
            calls: usize::try_from(self.config.channel_limit).unwrap_or(usize::MAX),
            span: self.config.channel_window,
        })
    }

    fn global_limit(&self) -> usize {
        usize::try_from(self.config.global_rate_per_sec.max(1)).unwrap_or(usize::MAX)
    }

    /// Global slots calls other than pings leave free: a quarter of the budget, so pings
    /// due after a quiet spell find room at once, or as many as are expected within the
    /// next second if more (more again when pings were sent lately; none under a budget
    /// too small to share).
    fn global_reserve(&self) -> usize {
        let budget = self.global_limit();
        (budget / 4).max(self.expected_pings.min(budget))
    }

    /// Pings due within the next second, at most: until told otherwise, calls other than
    /// pings leave that many global slots free, so a second of rest ends after a spell of
    /// countdown posts does not find the window full of them.
    pub fn expect_pings(&mut self, count: usize) {
        self.expected_pings = count;
    }

    fn drop_over_bound(&mut self) -> Vec<J> {
        let mut dropped = Vec::new();
        while self.len > self.config.max_queued {
            let Some((seq, channel_id, route)) = self.optional.pop_first() else {
                break;
            };
            let Some(lane) = self.lanes.get_mut(&(channel_id, route)) else {
                continue;
            };
            let was_head = lane.jobs.keys().next() == Some(&(Priority::Optional, seq));
            if let Some(job) = lane.jobs.remove(&(Priority::Optional, seq)) {
                self.len -= 1;
                dropped.push(job);
            }
            if was_head {
                self.heads
                    .remove(&(Priority::Optional, seq, channel_id, route));
                if let Some(&(next_priority, next_seq)) = lane.jobs.keys().next() {
                    self.heads
                        .insert((next_priority, next_seq, channel_id, route));
                }
            }
        }
        dropped
    }

    /// Forgets lanes with nothing queued and no recent call, so the map does not grow
    /// with every channel ever seen.
    fn sweep_idle_lanes(&mut self, now: Instant) {
        self.pops_since_sweep += 1;
        if self.pops_since_sweep < 1024 {
            return;
        }
        self.pops_since_sweep = 0;
        let spans = [Route::Create, Route::Edit].map(|route| self.route_limit(route).span);
        self.lanes.retain(|&(_, route), lane| {
            let span = spans[usize::from(route == Route::Edit)];
            !(lane.jobs.is_empty() && lane.window.is_idle(now, span))
        });
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
            queue.push(ch(u64::from(channel)), Priority::Ping, channel);
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

    /// Most calls in any span of `span` among arrival instants (sorted).
    fn most_within(arrivals: &[Instant], span: Duration) -> usize {
        (0..arrivals.len())
            .map(|i| {
                arrivals[i..]
                    .iter()
                    .take_while(|at| **at < arrivals[i] + span)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    /// Seconds of traffic in [`arrivals_under`].
    const SIM_SECONDS: u32 = 30;

    /// Pings for [`SIM_SECONDS`] s at `per_second` a second (all due on the second, as rests started on
    /// the second end), sent by the queue and answered the way `transit` says: a call taken
    /// as the `n`th arrives `transit(n)` later and is answered as it arrives. Returns the
    /// arrival instants, sorted, and the worst lateness (taken − due). `tell_answers` says
    /// whether the queue is told of the answers.
    fn arrivals_under(
        per_second: u32,
        transit: impl Fn(u32) -> Duration,
        tell_answers: bool,
    ) -> (Vec<Instant>, Duration) {
        let mut queue = PacingQueue::new(config());
        let start = Instant::now();
        let mut answers: BTreeMap<(Instant, u32), Admitted<u32>> = BTreeMap::new();
        let mut arrivals = Vec::new();
        let mut taken = 0u32;
        let mut worst = Duration::ZERO;
        let mut now = start;
        let mut next_second = 0u32;
        while next_second < SIM_SECONDS || !queue.is_empty() || !answers.is_empty() {
            let due = start + Duration::from_secs(u64::from(next_second));
            if next_second < SIM_SECONDS && due <= now {
                for k in 0..per_second {
                    let job = next_second * per_second + k;
                    queue.push(ch(u64::from(job % 200)), Priority::Ping, job);
                }
                next_second += 1;
            }
            while let Some((&(at, job), _)) = answers.first_key_value() {
                if at > now {
                    break;
                }
                if let Some(admitted) = answers.remove(&(at, job)) {
                    if tell_answers {
                        queue.answered(&admitted, at);
                    }
                }
            }
            while let Some(admitted) = queue.pop_ready(now) {
                let due = start + Duration::from_secs(u64::from(admitted.job / per_second));
                worst = worst.max(now - due);
                let arrival = now + transit(taken);
                taken += 1;
                arrivals.push(arrival);
                answers.insert((arrival, admitted.job), admitted);
            }
            let next_due = (next_second < SIM_SECONDS)
                .then(|| start + Duration::from_secs(u64::from(next_second)));
            let next_answer = answers.keys().next().map(|(at, _)| *at);
            let next_ready = queue.next_ready_at(now);
            let next = [next_due, next_answer, next_ready]
                .into_iter()
                .flatten()
                .min();
            match next {
                Some(next) if next > now => now = next,
                Some(_) => now += Duration::from_millis(1),
                None => break,
            }
        }
        arrivals.sort_unstable();
        (arrivals, worst)
    }

    /// Every tenth second's calls crawl (300 ms on the way), the others take 20 ms: the
    /// bunching a busy network or a paused server makes.
    fn one_batch_in_ten_slow(per_second: u32) -> impl Fn(u32) -> Duration {
        move |n| {
            if (n / per_second) % 10 == 3 {
                Duration::from_millis(300)
            } else {
                Duration::from_millis(20)
            }
        }
    }

    #[test]
    fn calls_held_up_on_the_way_never_make_discord_see_more_than_a_tenth_over_the_budget() {
        let (arrivals, _) = arrivals_under(40, one_batch_in_ten_slow(40), true);
        assert_eq!(arrivals.len(), 40 * SIM_SECONDS as usize);
        let most = most_within(&arrivals, Duration::from_secs(1));
        assert!(most <= 44, "{most} calls arrived within one second");
    }

    #[test]
    fn ordinary_round_trips_and_their_jitter_do_not_make_a_full_budget_drift_late() {
        // 36 a second on a budget of 40: the share of the largest budget (45) that 40 rest
        // ends a second take. Round trips of 30 to 42 ms: calls that waited up to 12 ms
        // hold the next second's calls back by about that, and no more as seconds pass (a
        // drift would add a few ms a second, past the bound within seconds; the same bound
        // holds over 120 s).
        let jittery = |n: u32| Duration::from_millis(30 + u64::from(n * 7 % 13));
        let (arrivals, worst) = arrivals_under(36, jittery, true);
        assert_eq!(arrivals.len(), 36 * SIM_SECONDS as usize);
        assert!(
            worst <= Duration::from_millis(25),
            "worst lateness {worst:?}"
        );
    }

    #[test]
    fn counted_only_when_taken_held_up_calls_would_bunch_at_discord() {
        // The same traffic without telling the queue of answers: the failure the rule above
        // prevents, so this test shows the simulation can see it.
        let (arrivals, _) = arrivals_under(40, one_batch_in_ten_slow(40), false);
        let most = most_within(&arrivals, Duration::from_secs(1));
        assert!(most > 44, "only {most} calls within a second");
    }

    #[test]
    fn after_a_global_429_calls_count_from_their_answers() {
        let start = Instant::now();
        let mut queue = PacingQueue::new(PacingConfig {
            global_rate_per_sec: 9,
            ..config()
        });
        // The arrivals' window holds 10: nine calls answered after 1 ms each, as quick as
        // the quickest, keep counting from when they left.
        for job in 0..40u32 {
            queue.push(ch(u64::from(job)), Priority::Ping, job);
        }
        for _ in 0..9 {
            let admitted = queue.pop_ready(start).expect("within the budget");
            queue.answered(&admitted, start + Duration::from_millis(1));
        }
        let second = start + Duration::from_secs(1);
        assert!(
            queue.pop_ready(second).is_some(),
            "their slots free after a second"
        );
        // After a 429 on the global limit, the same quick answers hold their slots a second
        // from the answer.
        let hit = second + Duration::from_millis(10);
        queue.global_limit_hit(hit, hit);
        let later = second + Duration::from_secs(1) + Duration::from_millis(10);
        let admitted: Vec<_> = std::iter::from_fn(|| queue.pop_ready(later)).collect();
        for call in &admitted {
            queue.answered(call, later + Duration::from_millis(1));
        }
        assert_eq!(admitted.len(), 9);
        // A second after they left, only the arrivals' window's one spare slot is free:
        // answered as quickly as before, the nine still count there until a second after
        // their answers.
        let next_second = later + Duration::from_secs(1);
        let went = std::iter::from_fn(|| queue.pop_ready(next_second)).count();
        assert_eq!(went, 1, "the calls still count from their answers");
        let after_answers = next_second + Duration::from_millis(2);
        let went = std::iter::from_fn(|| queue.pop_ready(after_answers)).count();
        assert_eq!(went, 8, "a second after their answers their slots are free");
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
    fn the_early_stop_finds_the_same_instant_as_visiting_every_lane() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(20261201);
        let priorities = [Priority::Ping, Priority::Edit, Priority::Optional];
        for case in 0..200 {
            let start = Instant::now();
            let mut queue = PacingQueue::new(PacingConfig {
                global_rate_per_sec: rng.gen_range(2..=45),
                ..config()
            });
            let mut now = start;
            let mut job = 0u32;
            for _ in 0..rng.gen_range(1..120) {
                let channel = ch(rng.gen_range(0..12));
                let priority = priorities[rng.gen_range(0..priorities.len())];
                queue.push(channel, priority, job);
                job += 1;
                // Some jobs leave, so lanes and the global window fill unevenly.
                if rng.gen_bool(0.5) {
                    if let Some(admitted) = queue.pop_ready(now) {
                        if rng.gen_bool(0.2) {
                            queue.refund(&admitted);
                        }
                    }
                }
                now += Duration::from_millis(rng.gen_range(0..200));
                assert_eq!(
                    queue.next_ready_at(now),
                    queue.next_ready_at_visiting_all(now),
                    "case {case}, job {job}"
                );
            }
        }
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
        queue.requeue(
            first.channel_id,
            first.route,
            first.priority,
            first.seq,
            first.job,
        );
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

    #[test]
    fn pings_never_wait_behind_edits_in_their_channel() {
        let mut queue = PacingQueue::new(config());
        let now = Instant::now();
        for job in 0..5u32 {
            queue.push_on(ch(1), Route::Edit, Priority::Edit, job);
        }
        let edits = std::iter::from_fn(|| queue.pop_ready(now)).count();
        assert_eq!(edits, 5, "the edit route has its own five slots");
        queue.push(ch(1), Priority::Ping, 100);
        assert_eq!(
            queue.pop_ready(now).map(|a| (a.job, a.route)),
            Some((100, Route::Create))
        );
    }

    #[test]
    fn countdown_posts_leave_the_last_create_slot_of_a_channel_to_pings() {
        let mut queue = PacingQueue::new(config());
        let now = Instant::now();
        for job in 0..5u32 {
            queue.push(ch(1), Priority::Edit, job);
        }
        let posts: Vec<u32> = std::iter::from_fn(|| queue.pop_ready(now).map(|a| a.job)).collect();
        assert_eq!(posts, vec![0, 1, 2, 3], "the fifth post waits");
        queue.push(ch(1), Priority::Ping, 100);
        assert_eq!(queue.pop_ready(now).map(|a| a.job), Some(100));
        assert_eq!(queue.next_ready_at(now), Some(now + Duration::from_secs(5)));
    }

    #[test]
    fn calls_other_than_pings_leave_a_quarter_of_the_budget_and_the_arrival_slack() {
        let mut queue = PacingQueue::new(config());
        let now = Instant::now();
        for job in 0..40u32 {
            queue.push_on(ch(u64::from(job)), Route::Edit, Priority::Edit, job);
        }
        let edits = std::iter::from_fn(|| queue.pop_ready(now)).count();
        assert_eq!(
            edits, 26,
            "26 edits and a reserve of 10 make the budget of 40 less the arrivals' 4"
        );
        for job in 100..120u32 {
            queue.push(ch(u64::from(job)), Priority::Ping, job);
        }
        let pings = std::iter::from_fn(|| queue.pop_ready(now)).count();
        assert_eq!(pings, 14, "pings may use the whole budget");
    }

    #[test]
    fn expected_pings_keep_other_calls_out_of_the_window_before_they_come() {
        let mut queue = PacingQueue::new(config());
        let start = Instant::now();
        queue.expect_pings(40);
        for job in 0..40u32 {
            queue.push_on(ch(u64::from(job)), Route::Edit, Priority::Edit, job);
        }
        assert!(
            queue.pop_ready(start).is_none(),
            "a budget of 40 has no room beside 40 pings due"
        );
        let soon = start + Duration::from_millis(900);
        for job in 100..140u32 {
            queue.push(ch(u64::from(job)), Priority::Ping, job);
        }
        let pings = std::iter::from_fn(|| queue.pop_ready(soon)).count();
        assert_eq!(pings, 40, "every ping goes the moment it is due");
        queue.expect_pings(0);
        let later = soon + Duration::from_secs(1);
        let edits = std::iter::from_fn(|| queue.pop_ready(later)).count();
        assert_eq!(
            edits, 26,
            "with no pings expected, edits take their share again"
        );
    }

    /// Every second for `seconds` s, `pings` pings (each on its own channel) end on the
    /// second, and each ping of the second before asks for its "Rest over" edit. The outbox
    /// wakes 1 ms after each ready instant. Returns the worst ping lateness and the edits
    /// sent while pings were still due.
    fn pings_with_their_edits(pings: u32, seconds: u32) -> (Duration, usize) {
        let mut queue = PacingQueue::new(config());
        let start = Instant::now();
        let mut worst = Duration::ZERO;
        let mut edits_between = 0;
        for second in 0..seconds {
            let due = start + Duration::from_secs(u64::from(second));
            for n in 0..pings {
                let job = second * 1000 + n;
                queue.push(ch(u64::from(job % 200)), Priority::Ping, job);
            }
            let next = due + Duration::from_secs(1);
            let mut now = due;
            while now < next {
                while let Some(admitted) = queue.pop_ready(now) {
                    match admitted.priority {
                        Priority::Ping => worst = worst.max(now - due),
                        _ => edits_between += 1,
                    }
                    if admitted.priority == Priority::Ping {
                        let channel = admitted.channel_id;
                        queue.push_on(channel, Route::Edit, Priority::Edit, admitted.job);
                    }
                }
                match queue.next_ready_at(now) {
                    Some(at) if at < next => now = at.max(now) + Duration::from_millis(1),
                    _ => break,
                }
            }
        }
        (worst, edits_between)
    }

    #[test]
    fn under_a_budget_full_of_pings_edits_wait_and_pings_are_on_time() {
        let (worst, edits) = pings_with_their_edits(40, 30);
        assert!(
            worst <= Duration::from_millis(5),
            "worst lateness {worst:?}"
        );
        assert_eq!(edits, 0, "edits wait while pings fill the budget");
    }

    #[test]
    fn with_room_left_edits_go_between_pings_without_delaying_them() {
        let (worst, edits) = pings_with_their_edits(20, 30);
        assert!(
            worst <= Duration::from_millis(5),
            "worst lateness {worst:?}, {edits} edits"
        );
        // 20 pings a second leave 40 - 4 - 20 = 16 slots for the 20 edits asked each second.
        assert!(edits >= 16 * 25, "only {edits} edits went");
    }

    #[test]
    fn a_burst_of_pings_leaves_in_end_order_at_the_budget_pace() {
        let mut queue = PacingQueue::new(config());
        for job in 0..500u32 {
            queue.push(ch(u64::from(job % 200)), Priority::Ping, job);
        }
        let start = Instant::now();
        let sent = run_until(&mut queue, start, start + Duration::from_secs(30));
        let order: Vec<u32> = sent.iter().map(|(_, job)| *job).collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(order.len(), 500);
        // Each channel's own limit (5 per 5 s, 3 pings each here) never binds first.
        assert_eq!(order, sorted, "pings leave in the order they were queued");
        for (i, (at, _)) in sent.iter().enumerate() {
            let in_window = sent[i..]
                .iter()
                .take_while(|(later, _)| *later < *at + Duration::from_secs(1))
                .count();
            assert!(in_window <= 40);
        }
        assert!(sent[499].0 - start <= Duration::from_millis(12_500));
    }

    #[test]
    fn limits_announced_by_discord_replace_the_assumed_ones() {
        let mut queue = PacingQueue::new(config());
        let now = Instant::now();
        queue.learn(ch(1), Route::Edit, 2, 1, Duration::from_secs(2), now);
        for job in 0..3u32 {
            queue.push_on(ch(1), Route::Edit, Priority::Edit, job);
        }
        assert_eq!(std::iter::from_fn(|| queue.pop_ready(now)).count(), 2);
        assert_eq!(
            queue.next_ready_at(now),
            Some(now + Duration::from_millis(2025)),
            "the announced span and a margin"
        );
        queue.push(ch(1), Priority::Ping, 9);
        assert_eq!(
            queue.pop_ready(now).map(|a| a.job),
            Some(9),
            "the create route keeps its own limit"
        );
    }

    #[test]
    fn an_exhausted_bucket_pauses_its_lane_until_it_resets() {
        let mut queue = PacingQueue::new(config());
        let now = Instant::now();
        queue.learn(ch(1), Route::Create, 5, 0, Duration::from_millis(1200), now);
        queue.push(ch(1), Priority::Ping, 1);
        queue.push_on(ch(1), Route::Edit, Priority::Edit, 2);
        assert_eq!(queue.pop_ready(now).map(|a| a.job), Some(2));
        assert!(queue.pop_ready(now).is_none());
        assert_eq!(
            queue.next_ready_at(now),
            Some(now + Duration::from_millis(1200))
        );
    }
}

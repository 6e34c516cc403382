//! The outbound queue task: every background Discord call of the rest timer goes through it.
//!
//! Due timers arrive as planned announcements, and a second before they do, how many pings
//! are coming (so countdowns and edits leave their slots). The outbox claims them at once (the claim is
//! the exactly-once gate), then queues the ping in the [`PacingQueue`], which lets calls go
//! within the global budget and the per-channel window, pings first. Failed calls are
//! retried (429: after `Retry-After`; 5xx: with backoff) and never dropped; calls to a gone
//! channel mark the timers failed. While a ping waits, its leases are renewed, and it is
//! sent only while its lease surely holds, so another process cannot take it over mid-send.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt as _;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;
use tokio::time::{sleep_until, timeout_at, Duration, Instant};
use tracing::{debug, error, info, warn};

use super::calls::{backoff, Call, Done, Paced, SendSlot, Steps};
use super::leases::ClaimBook;
use super::model::Lateness;
use super::model::{RestTimer, TimerId};
use super::pacing::{Admitted, PacingConfig, PacingQueue, Priority, Route};
use super::schedule::{Announcement, PlannedAnnouncement};
use super::sender::{RouteLimitSeen, SendError};
use super::texts;
use crate::domain::ids::{ChannelId, MessageId};

/// Countdown posts and edits are cosmetic: after this many failures they are given up.
/// Pings are retried for as long as the process lives.
const MAX_EDIT_ATTEMPTS: u32 = 10;
/// Claims running at once: enough for hundreds per second, few enough not to starve the
/// database pool after a restart with a large backlog.
const MAX_CLAIMS_RUNNING: usize = 8;
/// Timer ids claimed in one batch (a single statement per 1,000 ids).
const MAX_IDS_PER_CLAIM_BATCH: usize = 1000;
/// How long every call waits after Discord refused the token (401): long enough not to
/// hammer Discord with a dead token, short enough to resume soon after it is fixed.
const UNAUTHORIZED_PAUSE: Duration = Duration::from_secs(60);

/// Work handed to the outbox.
#[derive(Debug, Clone)]
pub enum OutboundJob {
    /// Due timers to claim and announce.
    Announce(PlannedAnnouncement),
    /// A new timer whose countdown message the engine posts.
    PostCountdown(RestTimer),
    /// A timer cancelled or replaced: a countdown not yet posted for it is not posted, one
    /// being posted right now is edited to `final_text` once it exists.
    Withdraw { id: TimerId, final_text: String },
    /// Timers canceled in storage: queued pings and countdown posts for them are not sent.
    Drop { ids: Vec<TimerId> },
    /// A countdown message to edit to its final text.
    FinishCountdown {
        channel_id: ChannelId,
        message_id: MessageId,
        content: String,
        priority: Priority,
    },
    /// How many pings are due within the next second, at most (sent by the engine when it
    /// changes), so countdowns and edits leave their slots free before they come.
    ExpectPings(usize),
    /// A turn in the budget for a call made elsewhere, after everything more urgent.
    Slot {
        channel_id: ChannelId,
        grant: SendSlot,
    },
}

/// Limits of the outbox.
#[derive(Debug, Clone, Copy)]
pub struct OutboxLimits {
    pub pacing: PacingConfig,
    /// Discord calls running at once; pacing decides when they start.
    pub max_in_flight: usize,
    /// How long shutdown waits for running calls before giving up on them.
    pub shutdown_grace: Duration,
}

/// The outbox task's state.
pub struct Outbox {
    steps: Steps,
    limits: OutboxLimits,
    queue: PacingQueue<Paced>,
    /// Calls waiting out a backoff, by (retry instant, seq).
    delayed: BTreeMap<(Instant, u64), (ChannelId, Route, Priority, Paced)>,
    claims: ClaimBook,
    /// Timers whose countdown post is queued or running.
    countdowns_pending: HashSet<TimerId>,
    /// Final texts of withdrawn timers whose countdown post is queued or running.
    withdrawn: HashMap<TimerId, String>,
    /// Timers canceled behind the engine's back whose countdown must not be posted.
    dropped: HashSet<TimerId>,
    tasks: JoinSet<Done>,
    /// Planned announcements waiting for a claim slot, earliest first.
    to_claim: VecDeque<PlannedAnnouncement>,
    claims_running: usize,
    in_flight: usize,
    renewing: bool,
    next_renew: Instant,
    jobs: mpsc::UnboundedReceiver<OutboundJob>,
}

impl Outbox {
    /// An outbox reading `jobs`.
    pub fn new(
        steps: Steps,
        limits: OutboxLimits,
        jobs: mpsc::UnboundedReceiver<OutboundJob>,
    ) -> Self {
        let next_renew = Instant::now() + renew_period(steps.lease_ms);
        Self {
            queue: PacingQueue::new(limits.pacing),
            claims: ClaimBook::new(steps.lease_ms),
            steps,
            limits,
            delayed: BTreeMap::new(),
            countdowns_pending: HashSet::new(),
            withdrawn: HashMap::new(),
            dropped: HashSet::new(),
            tasks: JoinSet::new(),
            to_claim: VecDeque::new(),
            claims_running: 0,
            in_flight: 0,
            renewing: false,
            next_renew,
            jobs,
        }
    }

    /// Runs until `shutdown` turns true (or its sender is dropped), then winds down.
    pub async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            let now = Instant::now();
            self.start_claims();
            self.release_delayed(now);
            self.start_sends(now);
            self.start_renewal(now);
            let wake = self.next_wake(now);
            tokio::select! {
                biased;
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
                job = self.jobs.recv() => match job {
                    Some(job) => {
                        self.accept(job);
                        // Take everything already waiting before sending anything, so a
                        // withdrawal right behind a countdown post still stops it.
                        while let Ok(job) = self.jobs.try_recv() {
                            self.accept(job);
                        }
                    }
                    None => break,
                },
                Some(done) = self.tasks.join_next(), if !self.tasks.is_empty() => match done {
                    Ok(done) => self.handle(done),
                    Err(join_error) => error!(%join_error, "a rest outbox task failed"),
                },
                () = sleep_until(wake) => {}
            }
        }
        self.wind_down().await;
    }

    fn accept(&mut self, job: OutboundJob) {
        match job {
            OutboundJob::Announce(plan) => self.to_claim.push_back(plan),
            OutboundJob::PostCountdown(timer) => {
                let channel_id = timer.channel_id;
                self.countdowns_pending.insert(timer.id);
                let call = Call::PostCountdown { timer };
                self.enqueue(channel_id, Priority::Edit, call);
            }
            OutboundJob::Withdraw { id, final_text } => {
                if self.countdowns_pending.contains(&id) {
                    self.withdrawn.insert(id, final_text);
                }
            }
            OutboundJob::Drop { ids } => {
                // Without their claims, queued pings are skipped when their turn comes.
                self.claims.settled(&ids);
                for id in ids {
                    if self.countdowns_pending.remove(&id) {
                        self.dropped.insert(id);
                    }
                }
            }
            OutboundJob::FinishCountdown {
                channel_id,
                message_id,
                content,
                priority,
            } => {
                let call = Call::FinishCountdown {
                    channel_id,
                    message_id,
                    content,
                };
                self.enqueue(channel_id, priority, call);
            }
            OutboundJob::Slot { channel_id, grant } => {
                self.enqueue(channel_id, Priority::Optional, Call::Slot { grant });
            }
            OutboundJob::ExpectPings(count) => self.queue.expect_pings(count),
        }
    }

    /// Announcements due together are claimed together: one database write for a whole
    /// second's worth of rests instead of one per channel keeps the claim off the critical
    /// path when many rests end at once.
    fn start_claims(&mut self) {
        while self.claims_running < MAX_CLAIMS_RUNNING && !self.to_claim.is_empty() {
            let mut plans = Vec::new();
            let mut ids = 0;
            while let Some(plan) = self.to_claim.front() {
                if !plans.is_empty() && ids + plan.timer_ids.len() > MAX_IDS_PER_CLAIM_BATCH {
                    break;
                }
                ids += plan.timer_ids.len();
                plans.extend(self.to_claim.pop_front());
            }
            self.claims_running += 1;
            // Unclaimed timers stay due in storage; recovery finds them again.
            let if_panicked = Done::Claimed {
                plans: plans.clone(),
                won: Vec::new(),
                claimed_at_ms: self.steps.clock.now_ms(),
            };
            self.spawn_guarded(self.steps.clone().claim(plans), if_panicked);
        }
    }

    fn enqueue(&mut self, channel_id: ChannelId, priority: Priority, call: Call) {
        let route = call.route();
        let dropped = self
            .queue
            .push_on(channel_id, route, priority, Paced { call, attempt: 0 });
        for paced in dropped {
            debug!(?paced.call, "outbound queue over its bound; dropped an optional call");
        }
    }

    fn handle(&mut self, done: Done) {
        match done {
            Done::Claimed {
                plans,
                won,
                claimed_at_ms,
            } => {
                self.claims_running = self.claims_running.saturating_sub(1);
                let mut won: std::collections::HashMap<TimerId, RestTimer> =
                    won.into_iter().map(|timer| (timer.id, timer)).collect();
                for plan in plans {
                    let mine = plan
                        .timer_ids
                        .iter()
                        .filter_map(|id| won.remove(id))
                        .collect();
                    self.claimed(plan, mine, claimed_at_ms);
                }
            }
            Done::Sent {
                admitted,
                outcome,
                limits,
            } => {
                self.in_flight = self.in_flight.saturating_sub(1);
                // A call that never left is refunded in `sent` instead.
                if !matches!(outcome, Err(SendError::Internal(_))) {
                    self.queue.answered(&admitted, Instant::now());
                }
                self.learn(&limits);
                self.claims.finish_sending(admitted.job.call.claimed_ids());
                self.sent(admitted, outcome);
            }
            Done::Renewed { asked, held, at_ms } => {
                self.renewing = false;
                self.renewed(asked, held, at_ms);
            }
            Done::Settled { ids } => self.claims.settled(&ids),
            Done::Stored => {}
        }
    }

    fn claimed(&mut self, plan: PlannedAnnouncement, won: Vec<RestTimer>, claimed_at_ms: i64) {
        let mut timers = self.claims.adopt(won, claimed_at_ms);
        if timers.is_empty() {
            debug!(
                channel_id = plan.channel_id.get(),
                "due rest timers were handled elsewhere"
            );
            return;
        }
        timers.sort_by_key(|timer| (timer.ends_at_ms, timer.id));
        // A rest pinged through its own interaction shares no message with others: each
        // interaction's token reaches only its own follow-ups.
        let (by_interaction, in_channel): (Vec<_>, Vec<_>) =
            timers.into_iter().partition(|timer| timer.via_interaction);
        let groups = by_interaction
            .into_iter()
            .map(|timer| vec![timer])
            .chain((!in_channel.is_empty()).then_some(in_channel));
        for timers in groups {
            if let Some(announcement) = Announcement::compose(plan.lateness, &timers) {
                let channel_id = announcement.channel_id;
                self.enqueue(
                    channel_id,
                    Priority::Ping,
                    Call::Ping {
                        announcement,
                        timers,
                    },
                );
            }
        }
    }

    fn start_sends(&mut self, now: Instant) {
        while self.in_flight < self.limits.max_in_flight {
            let Some(mut admitted) = self.queue.pop_ready(now) else {
                return;
            };
            if let Call::Slot { grant } = &admitted.job.call {
                // The caller makes the call itself; a turn nobody waits for any more is
                // given back.
                if !grant.give() {
                    self.queue.refund(&admitted);
                }
                continue;
            }
            if !self.still_worth_sending(&mut admitted, now) {
                self.queue.refund(&admitted);
                continue;
            }
            self.claims.start_sending(admitted.job.call.claimed_ids());
            self.in_flight += 1;
            let if_panicked = Done::Sent {
                admitted: admitted.clone(),
                outcome: Err(SendError::Internal("panicked while sending".into())),
                limits: Vec::new(),
            };
            self.spawn_guarded(self.steps.clone().send(admitted), if_panicked);
        }
    }

    /// Runs a step beside the loop. A panic in it (a bug, or a malformed row) is logged and
    /// answered with `if_panicked`, so the loop still frees the step's slot and claims:
    /// one bad timer never stalls the others.
    fn spawn_guarded(
        &mut self,
        step: impl Future<Output = Done> + Send + 'static,
        if_panicked: Done,
    ) {
        self.tasks.spawn(async move {
            match AssertUnwindSafe(step).catch_unwind().await {
                Ok(done) => done,
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|text| (*text).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".to_owned());
                    error!(panic = %message, step = if_panicked.kind(), "a rest outbox step panicked");
                    if_panicked
                }
            }
        });
    }

    /// Checks a call just before it goes: a ping only for timers whose claims surely still
    /// hold, a countdown only while its rest is still running.
    fn still_worth_sending(&mut self, admitted: &mut Admitted<Paced>, now: Instant) -> bool {
        let now_ms = self.steps.clock.ms_at(now);
        match &mut admitted.job.call {
            Call::Ping {
                announcement,
                timers,
            } => {
                let before = timers.len();
                timers.retain(|timer| self.claims.holds(timer.id));
                if timers.is_empty() {
                    info!(
                        channel_id = announcement.channel_id.get(),
                        "rest claims were taken over; not sending"
                    );
                    return false;
                }
                if timers.len() != before {
                    if let Some(rebuilt) = Announcement::compose(announcement.lateness, timers) {
                        *announcement = rebuilt;
                    }
                }
                if !self.claims.leases_sure(&announcement.timer_ids, now_ms) {
                    // Storage did not confirm the lease lately: sending now could duplicate
                    // a ping another process is about to take over. Renew first.
                    self.next_renew = now;
                    let retry_at = now + backoff(admitted.job.attempt);
                    admitted.job.attempt = admitted.job.attempt.saturating_add(1);
                    self.delay(admitted.clone(), retry_at);
                    return false;
                }
                true
            }
            Call::PostCountdown { timer } => {
                let worth = timer.ends_at_ms - now_ms > 1000
                    && !self.withdrawn.contains_key(&timer.id)
                    && !self.dropped.remove(&timer.id);
                if !worth {
                    self.countdowns_pending.remove(&timer.id);
                    self.withdrawn.remove(&timer.id);
                }
                worth
            }
            Call::FinishCountdown { .. } | Call::Slot { .. } => true,
        }
    }

    fn sent(&mut self, admitted: Admitted<Paced>, outcome: Result<Option<MessageId>, SendError>) {
        match outcome {
            Ok(message_id) => self.succeeded(admitted, message_id),
            Err(SendError::RateLimited {
                retry_after,
                global,
            }) => {
                let now = Instant::now();
                let until = now + retry_after;
                if global {
                    warn!(
                        ?retry_after,
                        "Discord global rate limit hit; pausing rest calls"
                    );
                    self.queue.global_limit_hit(now, until);
                } else {
                    debug!(
                        ?retry_after,
                        channel_id = admitted.channel_id.get(),
                        route = ?admitted.route,
                        "channel route rate limited"
                    );
                    self.queue
                        .pause_lane_until(admitted.channel_id, admitted.route, until);
                }
                self.retry_now(admitted);
            }
            Err(SendError::Server(reason)) => {
                let attempt = admitted.job.attempt;
                if !matches!(admitted.job.call, Call::Ping { .. }) && attempt >= MAX_EDIT_ATTEMPTS {
                    self.abandon(admitted, reason, false);
                    return;
                }
                warn!(%reason, attempt, channel_id = admitted.channel_id.get(), "Discord call failed; retrying");
                self.retry_after(admitted, backoff(attempt));
            }
            Err(SendError::Unauthorized(reason)) => {
                error!(
                    %reason,
                    pause = ?UNAUTHORIZED_PAUSE,
                    "Discord refused the bot token (401): check DISCORD_TOKEN; rest calls are \
                     paused and nothing is given up"
                );
                self.queue
                    .pause_all_until(Instant::now() + UNAUTHORIZED_PAUSE);
                self.retry_now(admitted);
            }
            Err(SendError::Gone(reason)) => self.abandon(admitted, reason, false),
            Err(SendError::Other(reason)) => self.abandon(admitted, reason, true),
            Err(SendError::Internal(reason)) => {
                self.queue.refund(&admitted);
                self.abandon(admitted, reason, true);
            }
        }
    }

    fn succeeded(&mut self, admitted: Admitted<Paced>, message_id: Option<MessageId>) {
        match admitted.job.call {
            Call::Ping {
                announcement,
                timers,
            } => {
                // `send` yields the ID of every ping it posts.
                let Some(message_id) = message_id else {
                    error!(timer_ids = ?announcement.timer_ids, "a posted rest ping has no message ID");
                    return;
                };
                let now_ms = self.steps.clock.now_ms();
                for timer in &timers {
                    crate::ops::names::ping_sent(now_ms - timer.ends_at_ms);
                }
                let ids = announcement.timer_ids.clone();
                self.claims.sent(&ids);
                let if_panicked = Done::Settled { ids: ids.clone() };
                self.spawn_guarded(self.steps.clone().mark_sent(ids, message_id), if_panicked);
                // Stale countdowns of rests missed long ago are edited only if there is room.
                let priority = match announcement.lateness {
                    Lateness::Missed => Priority::Optional,
                    _ => Priority::Edit,
                };
                for timer in &timers {
                    if let Some(countdown) = timer.countdown_message_id {
                        self.enqueue(
                            timer.channel_id,
                            priority,
                            Call::FinishCountdown {
                                channel_id: timer.channel_id,
                                message_id: countdown,
                                content: texts::rest_over_text(timer),
                            },
                        );
                    }
                }
            }
            Call::PostCountdown { timer } => {
                self.countdowns_pending.remove(&timer.id);
                let withdrawn = self.withdrawn.remove(&timer.id);
                let Some(message_id) = message_id else {
                    return;
                };
                self.spawn_guarded(
                    self.steps.clone().store_countdown(timer.id, message_id),
                    Done::Stored,
                );
                if let Some(final_text) = withdrawn {
                    // Cancelled or replaced while its countdown was being posted.
                    self.enqueue(
                        timer.channel_id,
                        Priority::Optional,
                        Call::FinishCountdown {
                            channel_id: timer.channel_id,
                            message_id,
                            content: final_text,
                        },
                    );
                } else if timer.ends_at_ms <= self.steps.clock.now_ms() {
                    // The rest ended while its countdown was being posted, so its ping
                    // found no countdown to edit.
                    self.enqueue(
                        timer.channel_id,
                        Priority::Edit,
                        Call::FinishCountdown {
                            channel_id: timer.channel_id,
                            message_id,
                            content: texts::rest_over_text(&timer),
                        },
                    );
                }
            }
            Call::FinishCountdown { .. } | Call::Slot { .. } => {}
        }
    }

    /// Takes the limits Discord announced on finished calls into the pacing.
    fn learn(&mut self, limits: &[RouteLimitSeen]) {
        let now = Instant::now();
        for seen in limits {
            self.queue.learn(
                seen.channel_id,
                seen.route,
                seen.limit,
                seen.remaining,
                seen.reset_after,
                now,
            );
        }
    }

    fn abandon(&mut self, admitted: Admitted<Paced>, reason: String, unexpected: bool) {
        let channel_id = admitted.channel_id;
        match admitted.job.call {
            Call::Ping {
                announcement,
                timers,
            } => {
                // Owners who can still be reached privately learn their ping is lost, once.
                let now_ms = self.steps.clock.now_ms();
                let notes: Vec<(String, String)> = timers
                    .iter()
                    .filter_map(|timer| {
                        let followup = timer.followup.as_ref()?;
                        (followup.until_ms > now_ms)
                            .then(|| (followup.token.clone(), texts::ping_lost_text(timer)))
                    })
                    .collect();
                if !notes.is_empty() {
                    self.spawn_guarded(self.steps.clone().tell_owners(notes), Done::Stored);
                }
                let timer_ids: Vec<i64> = announcement.timer_ids.iter().map(|id| id.0).collect();
                if unexpected {
                    error!(%reason, channel_id = channel_id.get(), ?timer_ids, "a rest ping could not be sent; marking it failed");
                } else {
                    warn!(%reason, channel_id = channel_id.get(), ?timer_ids, "rest ping channel unavailable; marking it failed");
                }
                let ids = announcement.timer_ids;
                let if_panicked = Done::Settled { ids: ids.clone() };
                self.spawn_guarded(self.steps.clone().mark_failed(ids, reason), if_panicked);
            }
            Call::PostCountdown { timer } => {
                self.countdowns_pending.remove(&timer.id);
                self.withdrawn.remove(&timer.id);
                warn!(%reason, channel_id = channel_id.get(), timer_id = %timer.id, "could not post a rest countdown");
            }
            Call::FinishCountdown { message_id, .. } => {
                debug!(%reason, channel_id = channel_id.get(), message_id = message_id.get(), "could not edit a rest countdown");
            }
            Call::Slot { .. } => {}
        }
    }

    fn retry_now(&mut self, mut admitted: Admitted<Paced>) {
        admitted.job.attempt = admitted.job.attempt.saturating_add(1);
        self.queue.requeue(
            admitted.channel_id,
            admitted.route,
            admitted.priority,
            admitted.seq,
            admitted.job,
        );
    }

    fn retry_after(&mut self, mut admitted: Admitted<Paced>, delay: Duration) {
        admitted.job.attempt = admitted.job.attempt.saturating_add(1);
        self.delay(admitted, Instant::now() + delay);
    }

    fn delay(&mut self, admitted: Admitted<Paced>, at: Instant) {
        self.delayed.insert(
            (at, admitted.seq),
            (
                admitted.channel_id,
                admitted.route,
                admitted.priority,
                admitted.job,
            ),
        );
    }

    fn release_delayed(&mut self, now: Instant) {
        while let Some(entry) = self.delayed.first_entry() {
            if entry.key().0 > now {
                return;
            }
            let ((_, seq), (channel_id, route, priority, paced)) = entry.remove_entry();
            self.queue.requeue(channel_id, route, priority, seq, paced);
        }
    }

    fn start_renewal(&mut self, now: Instant) {
        if self.renewing || now < self.next_renew {
            return;
        }
        self.next_renew = now + renew_period(self.steps.lease_ms);
        if self.claims.is_empty() {
            return;
        }
        self.renewing = true;
        let asked = self.claims.to_renew();
        let if_panicked = Done::Renewed {
            asked: asked.clone(),
            held: Err(super::repo::RepoError::new("renewal panicked")),
            at_ms: self.steps.clock.now_ms(),
        };
        self.spawn_guarded(self.steps.clone().renew(asked), if_panicked);
    }

    fn renewed(
        &mut self,
        asked: Vec<TimerId>,
        held: Result<Vec<TimerId>, super::repo::RepoError>,
        at_ms: i64,
    ) {
        match held {
            Ok(still_held) => {
                for id in self.claims.renewed(&asked, &still_held, at_ms) {
                    warn!(timer_id = %id, "a rest claim was taken over by another process");
                }
            }
            Err(error) => {
                warn!(%error, "renewing rest claims failed; will retry");
                self.next_renew = Instant::now() + backoff(0);
            }
        }
    }

    fn next_wake(&mut self, now: Instant) -> Instant {
        let far = now + Duration::from_secs(3600);
        let mut wake = far;
        if self.in_flight < self.limits.max_in_flight {
            if let Some(at) = self.queue.next_ready_at(now) {
                wake = wake.min(at);
            }
        }
        if let Some(((at, _), _)) = self.delayed.first_key_value() {
            wake = wake.min(*at);
        }
        if !self.claims.is_empty() && !self.renewing {
            wake = wake.min(self.next_renew);
        }
        wake
    }

    /// Lets running calls finish for a short while, records what was sent, and gives back
    /// the claims of pings that were not sent so that a restart sends them at once.
    async fn wind_down(mut self) {
        let deadline = Instant::now() + self.limits.shutdown_grace;
        self.queue.drain();
        self.delayed.clear();
        while !self.tasks.is_empty() {
            match timeout_at(deadline, self.tasks.join_next()).await {
                Ok(Some(Ok(done))) => self.handle_while_stopping(done),
                Ok(Some(Err(join_error))) => error!(%join_error, "a rest outbox task failed"),
                Ok(None) | Err(_) => break,
            }
        }
        self.tasks.abort_all();
        // Pings in flight when time ran out may have gone out: their claims are left to
        // lapse and the resend after the lease carries the same nonce.
        let unsent = self.claims.unsent();
        if unsent.is_empty() {
            return;
        }
        match timeout_at(
            deadline + Duration::from_secs(1),
            self.steps.repo.release(&unsent, &self.steps.owner),
        )
        .await
        {
            Ok(Ok(())) => info!(count = unsent.len(), "released unsent rest claims"),
            Ok(Err(error)) => {
                warn!(%error, "releasing rest claims failed; they lapse after the lease")
            }
            Err(_) => warn!("releasing rest claims timed out; they lapse after the lease"),
        }
    }

    fn handle_while_stopping(&mut self, done: Done) {
        match done {
            Done::Sent {
                admitted, outcome, ..
            } => {
                self.claims.finish_sending(admitted.job.call.claimed_ids());
                if let (Ok(Some(message_id)), Call::Ping { announcement, .. }) =
                    (outcome, admitted.job.call)
                {
                    let ids = announcement.timer_ids;
                    self.claims.sent(&ids);
                    let if_panicked = Done::Settled { ids: ids.clone() };
                    self.spawn_guarded(self.steps.clone().mark_sent(ids, message_id), if_panicked);
                }
            }
            Done::Claimed {
                won, claimed_at_ms, ..
            } => {
                // Won too late to send: held only to be given back.
                self.claims.adopt(won, claimed_at_ms);
            }
            other => self.handle(other),
        }
    }
}

/// Leases are renewed three times per lease, so one failed renewal does not lose them.
fn renew_period(lease_ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(lease_ms / 3).unwrap_or(1).max(1))
}

//! The rest engine: one owner task holds the due-queue and wakes exactly at the next end.
//!
//! Precision comes from `sleep_until` on the queue's head, never from polling. The database
//! is the record: timers are stored before the engine hears of them and reloaded at start.
//! The recovery task polls the database slowly, but only to adopt work this process did not
//! create: timers started through another process sharing the database (so a surviving
//! process covers a dead one) and claims whose process died before sending.

use std::sync::Arc;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::{sleep_until, Duration, Instant};
use tracing::{error, info};

use super::calls::Steps;

/// How long before rests end the outbox hears how many pings are coming: the span of the
/// global window, so the countdowns and edits it lets go meanwhile have left it by then.
const PING_LOOKAHEAD_MS: i64 = 1000;
const FOREWARN_SLACK_MS: i64 = 10;
use super::clock::millis;
use super::clock::EngineClock;
use super::engine_command::EngineCommand;
use super::handle::TimerHandle;
use super::outbox::{OutboundJob, Outbox, OutboxLimits};
use super::pacing::PacingConfig;
use super::recovery::{self, Recovery};
use super::repo::{RepoError, TimerRepo};
use super::schedule::{plan_announcements, DueQueue};
use super::sender::TimerSender;

/// How the engine behaves; [`EngineConfig::new`] gives the defaults.
/// Enough for a superset across a few channels; more is one person flooding channels.
pub const DEFAULT_MAX_RUNNING_PER_USER: usize = 5;

#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// Names this process in claims. Must differ between processes sharing a database;
    /// include the host, the pid and the start time.
    pub owner_id: String,
    /// How long a claim protects a timer from other processes; renewed while held. Keep
    /// it several times longer than the Discord request timeout.
    pub lease: Duration,
    /// Background Discord calls per second; split the bot's budget between processes.
    pub global_rate_per_sec: u32,
    /// Calls per channel per window.
    pub channel_limit: (u32, Duration),
    /// The latest a ping is still sent (with "late by N s"); later ends get one
    /// "missed while offline" note per channel.
    pub late_limit: Duration,
    /// How often the database is polled for work of other or dead processes.
    pub recovery_interval: Duration,
    /// Rows per query when reloading at start.
    pub reload_batch: usize,
    /// Queued calls beyond which optional ones are dropped.
    pub max_queued: usize,
    /// Discord calls running at once; `None` for as many as the budget allows in a second.
    /// Fewer would spread rests ending together over several round trips, and the sliding
    /// budget window would then repeat that spread every following second.
    pub max_in_flight: Option<usize>,
    /// How long shutdown waits for running calls.
    pub shutdown_grace: Duration,
    /// Rests one user may have running at once, across channels.
    pub max_running_per_user: usize,
    pub clock: EngineClock,
}

impl EngineConfig {
    /// Defaults: 30 s lease, at most 40 calls in any second, 5 calls per 5 s per channel, 10 min
    /// late limit, 5 s recovery, batches of 5,000, the system clock.
    pub fn new(owner_id: impl Into<String>) -> Self {
        Self {
            owner_id: owner_id.into(),
            lease: Duration::from_secs(30),
            global_rate_per_sec: 40,
            channel_limit: (5, Duration::from_secs(5)),
            late_limit: Duration::from_secs(600),
            recovery_interval: Duration::from_secs(5),
            reload_batch: 5000,
            max_queued: 10_000,
            max_in_flight: None,
            shutdown_grace: Duration::from_secs(5),
            max_running_per_user: DEFAULT_MAX_RUNNING_PER_USER,
            clock: EngineClock::system(),
        }
    }

    fn pacing(&self) -> PacingConfig {
        PacingConfig {
            global_rate_per_sec: self.global_rate_per_sec,
            channel_limit: self.channel_limit.0,
            channel_window: self.channel_limit.1,
            max_queued: self.max_queued,
        }
    }
}

/// A running engine: its tasks and a handle to it.
pub struct TimerEngine {
    handle: TimerHandle,
    tasks: Vec<JoinHandle<()>>,
}

impl TimerEngine {
    /// Reloads every pending timer in batches, then starts the owner, outbox and recovery
    /// tasks. Timers that ended while no engine ran fire at once: late ones with a note,
    /// those past the late limit as one missed note per channel. The tasks stop when
    /// `shutdown` becomes `true` or its sender is dropped, leaving unsent timers pending.
    pub async fn start(
        repo: Arc<dyn TimerRepo>,
        sender: Arc<dyn TimerSender>,
        config: EngineConfig,
        shutdown: watch::Receiver<bool>,
    ) -> Result<TimerEngine, RepoError> {
        let clock = config.clock;
        let reload_started = std::time::Instant::now();
        let mut queue = DueQueue::new();
        let mut after = None;
        let batch = config.reload_batch.max(1);
        loop {
            let pending = repo.load_pending(after, batch).await?;
            for timer in &pending {
                queue.upsert(timer.id, timer.channel_id, timer.ends_at_ms);
            }
            after = pending.last().map(|timer| timer.id);
            if pending.len() < batch {
                break;
            }
        }
        let recovery = Recovery {
            repo: repo.clone(),
            clock,
            interval: config.recovery_interval,
        };
        // Claims of a process that died are adopted now so they join the reload batch.
        for timer in recovery.scan().await? {
            queue.upsert(timer.id, timer.channel_id, timer.ends_at_ms);
        }
        info!(
            pending = queue.len(),
            reload_ms = reload_started.elapsed().as_millis() as u64,
            "rest timers reloaded"
        );

        let (command_tx, command_rx) = mpsc::unbounded_channel();
        let (outbound_tx, outbound_rx) = mpsc::unbounded_channel();
        let steps = Steps {
            repo: repo.clone(),
            sender,
            owner: Arc::from(config.owner_id.as_str()),
            lease_ms: millis(config.lease),
            clock,
        };
        let limits = OutboxLimits {
            pacing: config.pacing(),
            max_in_flight: config
                .max_in_flight
                .unwrap_or(config.global_rate_per_sec as usize)
                .max(1),
            shutdown_grace: config.shutdown_grace,
        };
        let owner = Owner {
            forewarned_for: None,
            pings_told: 0,
            queue,
            commands: command_rx,
            outbound: outbound_tx.clone(),
            clock,
            late_limit_ms: millis(config.late_limit),
        };
        let tasks = vec![
            tokio::spawn(Outbox::new(steps, limits, outbound_rx).run(shutdown.clone())),
            tokio::spawn(owner.run(shutdown.clone())),
            tokio::spawn(recovery::run(recovery, command_tx.clone(), shutdown)),
        ];
        let handle = TimerHandle::new(
            repo,
            command_tx,
            outbound_tx,
            clock,
            config.max_running_per_user.max(1),
        );
        Ok(TimerEngine { handle, tasks })
    }

    /// A handle to schedule, cancel, extend and list rests.
    pub fn handle(&self) -> TimerHandle {
        self.handle.clone()
    }

    /// Stops the tasks at once without winding down, as a crash would: held claims are
    /// left to lapse after their lease.
    pub fn abort(self) {
        for task in self.tasks {
            task.abort();
        }
    }

    /// Waits until the engine's tasks have stopped (after the shutdown signal).
    pub async fn join(self) {
        for task in self.tasks {
            if let Err(join_error) = task.await {
                error!(%join_error, "a rest engine task failed");
            }
        }
    }
}

/// The owner task: the only holder of the due-queue.
struct Owner {
    queue: DueQueue,
    /// The next deadline, once the outbox has been told of the pings coming by then.
    forewarned_for: Option<i64>,
    /// Pings the outbox was last told are coming.
    pings_told: usize,
    commands: mpsc::UnboundedReceiver<EngineCommand>,
    outbound: mpsc::UnboundedSender<OutboundJob>,
    clock: EngineClock,
    late_limit_ms: i64,
}

impl Owner {
    async fn run(mut self, mut shutdown: watch::Receiver<bool>) {
        loop {
            if *shutdown.borrow() {
                break;
            }
            let next_ms = self.queue.next_deadline();
            let wake_ms = next_ms.map(|ends_at_ms| {
                if self.forewarned_for == Some(ends_at_ms) {
                    ends_at_ms
                } else {
                    ends_at_ms - PING_LOOKAHEAD_MS
                }
            });
            let deadline = wake_ms.map(|at_ms| self.clock.instant_at(at_ms));
            let far = Instant::now() + Duration::from_secs(3600);
            crate::ops::names::rests_pending(self.queue.len());
            tokio::select! {
                biased;
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
                () = sleep_until(deadline.unwrap_or(far)), if deadline.is_some() => {
                    self.fire();
                    self.forewarn();
                }
                command = self.commands.recv() => match command {
                    Some(command) => self.apply(command),
                    None => break,
                },
            }
        }
        info!(
            pending = self.queue.len(),
            "rest engine stopped; pending timers stay stored"
        );
    }

    fn apply(&mut self, command: EngineCommand) {
        match command {
            EngineCommand::Upsert(timers) => {
                for timer in timers {
                    self.queue
                        .upsert(timer.id, timer.channel_id, timer.ends_at_ms);
                }
            }
            EngineCommand::Remove(id) => {
                self.queue.remove(id);
            }
        }
    }

    /// Tells the outbox how many pings come within the next second, when that changed, and
    /// notes whether the next deadline is within it (then no early wake-up is due for it).
    fn forewarn(&mut self) {
        let now_ms = self.clock.now_ms();
        // A little past the lookahead, so a wake-up a millisecond early still counts the
        // second it woke for.
        let until_ms = now_ms + PING_LOOKAHEAD_MS + FOREWARN_SLACK_MS;
        let count = self.queue.ending_between(now_ms, until_ms);
        if count != self.pings_told {
            // A closed outbox is reported by the next announcement.
            let _ = self.outbound.send(OutboundJob::ExpectPings(count));
            self.pings_told = count;
        }
        self.forewarned_for = self
            .queue
            .next_deadline()
            .filter(|&next_ms| next_ms <= until_ms);
    }

    fn fire(&mut self) {
        let now_ms = self.clock.now_ms();
        let due = self.queue.pop_due(now_ms);
        for plan in plan_announcements(&due, now_ms, self.late_limit_ms) {
            if self.outbound.send(OutboundJob::Announce(plan)).is_err() {
                error!("rest outbox stopped; due timers stay pending for the next start");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::ChannelId;
    use crate::timers::model::TimerId;

    /// What keeps a test's owner running: its command sender and its shutdown sender.
    type Running = (mpsc::UnboundedSender<EngineCommand>, watch::Sender<bool>);

    /// Starts an owner over `queue`; returns the jobs it sends the outbox.
    fn run_owner(
        queue: DueQueue,
        clock: EngineClock,
    ) -> (mpsc::UnboundedReceiver<OutboundJob>, Running) {
        let (commands_tx, commands) = mpsc::unbounded_channel();
        let (outbound, jobs) = mpsc::unbounded_channel();
        let owner = Owner {
            forewarned_for: None,
            pings_told: 0,
            queue,
            commands,
            outbound,
            clock,
            late_limit_ms: 600_000,
        };
        let (stop, shutdown) = watch::channel(false);
        tokio::spawn(owner.run(shutdown));
        (jobs, (commands_tx, stop))
    }

    #[tokio::test(start_paused = true)]
    async fn the_outbox_hears_of_pings_a_second_before_they_come() {
        let clock = EngineClock::starting_at(1_000_000);
        let mut queue = DueQueue::new();
        for id in 1..=3u64 {
            queue.upsert(TimerId(id as i64), ChannelId::from_const(id), 1_005_000);
        }
        let (mut jobs, _running) = run_owner(queue, clock);

        tokio::time::sleep(Duration::from_millis(3_990)).await;
        assert!(jobs.try_recv().is_err(), "nothing before the lookahead");
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(matches!(jobs.try_recv(), Ok(OutboundJob::ExpectPings(3))));
        assert!(jobs.try_recv().is_err(), "told once");

        tokio::time::sleep(Duration::from_millis(1_000)).await;
        let mut announced = 0;
        let mut expected = None;
        while let Ok(job) = jobs.try_recv() {
            match job {
                OutboundJob::Announce(plan) => announced += plan.timer_ids.len(),
                OutboundJob::ExpectPings(count) => expected = Some(count),
                _ => {}
            }
        }
        assert_eq!(announced, 3);
        assert_eq!(expected, Some(0), "nothing more is coming");
    }

    #[tokio::test(start_paused = true)]
    async fn ends_far_apart_are_each_forewarned_only_a_second_ahead() {
        let clock = EngineClock::starting_at(1_000_000);
        let mut queue = DueQueue::new();
        queue.upsert(TimerId(1), ChannelId::from_const(1), 1_002_000);
        for id in 2..=3u64 {
            queue.upsert(TimerId(id as i64), ChannelId::from_const(id), 1_030_000);
        }
        let (mut jobs, _running) = run_owner(queue, clock);

        let mut told = Vec::new();
        let mut drain = |jobs: &mut mpsc::UnboundedReceiver<OutboundJob>, at: u64| {
            while let Ok(job) = jobs.try_recv() {
                if let OutboundJob::ExpectPings(count) = job {
                    told.push((at, count));
                }
            }
        };
        // Looked at half a second after each whole second.
        tokio::time::sleep(Duration::from_millis(500)).await;
        for second in 1..=31u64 {
            tokio::time::sleep(Duration::from_millis(1_000)).await;
            drain(&mut jobs, second);
        }
        assert_eq!(told, vec![(1, 1), (2, 0), (29, 2), (30, 0)]);
    }
}

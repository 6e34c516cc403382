//! Starting engines on a shared repository and clock.

use std::sync::Arc;

use tokio::sync::watch;
use tokio::time::{Duration, Instant};

use super::fake_sender::FakeSender;
use crate::domain::ids::{ChannelId, GuildId, UserId};
use crate::timers::{
    EngineClock, EngineConfig, MemoryTimerRepo, NewRestTimer, RepoError, RestRequest, RestTimer,
    TimerEngine, TimerHandle, TimerRepo,
};

/// Unix ms at the start of every test: a whole second.
pub const T0: i64 = 1_700_000_000_000;

/// One engine process.
pub struct Process {
    pub engine: TimerEngine,
    pub handle: TimerHandle,
    stop: watch::Sender<bool>,
}

impl Process {
    pub async fn start(
        repo: &Arc<MemoryTimerRepo>,
        sender: &Arc<FakeSender>,
        owner: &str,
        clock: EngineClock,
    ) -> Result<Process, RepoError> {
        let (stop, stopped) = watch::channel(false);
        let mut config = EngineConfig::new(owner);
        config.clock = clock;
        let engine = TimerEngine::start(repo.clone(), sender.clone(), config, stopped).await?;
        let handle = engine.handle();
        Ok(Process {
            engine,
            handle,
            stop,
        })
    }

    /// A graceful stop, waiting for the tasks to end.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        self.engine.join().await;
    }

    /// A crash: the tasks are gone without releasing anything.
    pub fn crash(self) {
        self.engine.abort();
    }
}

/// A fresh repository, sender and clock reading [`T0`].
pub fn world() -> (Arc<MemoryTimerRepo>, Arc<FakeSender>, EngineClock, Instant) {
    (
        Arc::new(MemoryTimerRepo::new()),
        Arc::new(FakeSender::new()),
        EngineClock::starting_at(T0),
        Instant::now(),
    )
}

/// A test user.
pub fn user(id: u64) -> UserId {
    UserId::from_const(id)
}

/// A test channel.
pub fn channel(id: u64) -> ChannelId {
    ChannelId::from_const(id)
}

pub fn rest(user_id: u64, channel_id: u64, secs: u64) -> RestRequest {
    RestRequest {
        user_id: UserId::from_const(user_id),
        channel_id: ChannelId::from_const(channel_id),
        guild_id: GuildId::new(1),
        duration: Duration::from_secs(secs),
        label: None,
        next_set: None,
        also_ping: Vec::new(),
        also_ping_roles: Vec::new(),
        post_countdown: false,
        interaction_token: None,
        via_interaction: false,
    }
}

/// Stores a timer directly, as another process would.
pub async fn stored(
    repo: &MemoryTimerRepo,
    user_id: u64,
    channel_id: u64,
    ends_at_ms: i64,
) -> Result<RestTimer, RepoError> {
    let user_id = UserId::from_const(user_id);
    let new = NewRestTimer {
        user_id,
        channel_id: ChannelId::from_const(channel_id),
        guild_id: None,
        ends_at_ms,
        label: None,
        next_set: None,
        ping_user_ids: vec![user_id],
        ping_role_ids: Vec::new(),
        followup: None,
        via_interaction: false,
    };
    Ok(repo.insert(&new).await?.timer)
}

pub async fn advance_to(start: Instant, secs_after_start: f64) {
    tokio::time::sleep_until(start + Duration::from_secs_f64(secs_after_start)).await;
}

/// Milliseconds from `start` to `at`.
pub fn ms_since(start: Instant, at: Instant) -> u128 {
    at.duration_since(start).as_millis()
}

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

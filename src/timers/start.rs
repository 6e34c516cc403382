//! Starting the engine for the bot or the console: one owner per process.

use std::sync::Arc;

use tokio::sync::watch;

use super::bounded_repo::BoundedRepo;
use super::{EngineConfig, RepoError, ScopedRepo, Side, TimerEngine, TimerRepo, TimerSender};

/// What the operator may tune about a process's engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineLimits {
    /// Background Discord calls per second for this process.
    pub calls_per_second: u32,
    /// Rests one user may have running at once.
    pub max_running_per_user: usize,
}

/// Starts the rest engine on `store` for one side (Discord or the console).
pub async fn start_engine(
    store: Arc<dyn TimerRepo>,
    side: Side,
    sender: Arc<dyn TimerSender>,
    limits: EngineLimits,
    shutdown: watch::Receiver<bool>,
) -> Result<TimerEngine, RepoError> {
    // Every engine call is bounded in time, so a hung database never stalls the engine.
    let scoped: Arc<dyn TimerRepo> = Arc::new(ScopedRepo::new(store, side));
    let repo: Arc<dyn TimerRepo> = Arc::new(BoundedRepo::new(scoped));
    let mut engine_config = EngineConfig::new(owner_id());
    engine_config.global_rate_per_sec = limits.calls_per_second;
    engine_config.max_running_per_user = limits.max_running_per_user;
    TimerEngine::start(repo, sender, engine_config, shutdown).await
}
/// Unique per process run, so processes sharing a database tell their claims apart.
pub fn owner_id() -> String {
    let started = chrono::Utc::now().timestamp_millis();
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".to_owned());
    format!(
        "{host}-{}-{started}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

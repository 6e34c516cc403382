//! Starting the engine for the bot or the console: one owner per process.

use std::sync::Arc;

use tokio::sync::watch;

use super::{EngineConfig, RestEngine, RestSender, ScopedRepo, Side, TimerRepo};
use crate::app::App;
use crate::config::Config;
use crate::error::AppError;

/// Starts the rest engine on the app's database and connects it to the app.
pub async fn start_engine(
    app: &App,
    side: Side,
    sender: Arc<dyn RestSender>,
    config: &Config,
    shutdown: watch::Receiver<bool>,
) -> Result<RestEngine, AppError> {
    let store: Arc<dyn TimerRepo> = app.shared_store();
    let repo: Arc<dyn TimerRepo> = Arc::new(super::bounded_repo::BoundedRepo::new(Arc::new(
        ScopedRepo::new(store, side),
    )));
    let mut engine_config = EngineConfig::new(owner_id());
    engine_config.global_rate_per_sec = config.rest_budget_per_second;
    engine_config.max_running_per_user = config.max_rests_per_user as usize;
    let engine = RestEngine::start(repo, sender, engine_config, shutdown)
        .await
        .map_err(AppError::internal)?;
    app.attach_rest(engine.handle());
    Ok(engine)
}

/// Unique per process run, so processes sharing a database tell their claims apart.
fn owner_id() -> String {
    let started = chrono::Utc::now().timestamp_millis();
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".to_owned());
    format!(
        "{host}-{}-{started}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

//! The background jobs beside the rest engine, started and stopped the same way by the bot
//! and the console: the challenge poster and the retention pruner.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::challenge::poster::{self, PosterConfig};
use crate::app::challenge::ChallengePostSender;
use crate::app::pruner::{self, PrunerConfig};
use crate::app::App;
use crate::domain::privacy::Retention;
use crate::store::GuildScope;

/// How long a job may take to stop after the shutdown signal before it is cut off. Both
/// are safe to cut: claims lapse after their lease, and pruning deletes by age.
const STOP_GRACE: Duration = Duration::from_secs(5);

/// The running jobs of one process.
pub struct BackgroundJobs {
    poster: JoinHandle<()>,
    pruner: JoinHandle<()>,
}

impl BackgroundJobs {
    /// Starts the jobs for `app`; they stop when `stop` turns true. `scope` says whose
    /// challenges this process posts (the console's or Discord's).
    pub fn start(
        app: &App,
        retention: Retention,
        sender: Arc<dyn ChallengePostSender>,
        scope: GuildScope,
        stop: &watch::Sender<bool>,
    ) -> Self {
        let pruner = tokio::spawn(pruner::run(
            app.shared_store(),
            PrunerConfig::new(retention),
            stop.subscribe(),
        ));
        let poster = tokio::spawn(poster::run(
            app.shared_store(),
            sender,
            app.rest().clone(),
            app.challenge_wakeup(),
            stop.subscribe(),
            PosterConfig::new(crate::timers::owner_id(), scope),
        ));
        Self { poster, pruner }
    }

    /// Waits for the jobs after the shutdown signal, cutting off one that is stuck.
    pub async fn join(self) {
        for (name, mut job) in [("challenge poster", self.poster), ("pruner", self.pruner)] {
            match tokio::time::timeout(STOP_GRACE, &mut job).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => tracing::error!(%error, job = name, "a background job failed"),
                Err(_) => job.abort(),
            }
        }
    }
}

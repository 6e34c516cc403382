//! Adopting work the owner task did not hear about: timers started through other processes
//! sharing the database, and claims whose process died before sending.
//!
//! This slow poll is not the precision path: timers started here reach the owner task
//! directly. Polled timers join the due-queue ahead of their end (the poll looks two
//! intervals ahead), so a surviving process also pings them on time, and both processes
//! racing for one timer is settled by the atomic claim.

use std::sync::Arc;

use tokio::sync::{mpsc, watch};
use tokio::time::{interval_at, Duration, Instant, MissedTickBehavior};
use tracing::{debug, warn};

use super::clock::millis;
use super::clock::EngineClock;
use super::engine_command::EngineCommand;
use super::repo::{PendingTimer, RepoError, TimerRepo};

/// Rows read per poll; ends beyond them are read by a later poll, before they are due.
pub const RECOVERY_BATCH: usize = 5000;

/// What a poll needs.
pub struct Recovery {
    pub repo: Arc<dyn TimerRepo>,
    pub clock: EngineClock,
    pub interval: Duration,
}

impl Recovery {
    /// Pending timers ending within two intervals and lapsed claims.
    pub async fn scan(&self) -> Result<Vec<PendingTimer>, RepoError> {
        let now_ms = self.clock.now_ms();
        let horizon_ms = 2 * millis(self.interval);
        self.repo
            .recoverable(now_ms, now_ms.saturating_add(horizon_ms), RECOVERY_BATCH)
            .await
    }
}

/// Polls every interval until shutdown.
pub async fn run(
    recovery: Recovery,
    commands: mpsc::UnboundedSender<EngineCommand>,
    mut shutdown: watch::Receiver<bool>,
) {
    let period = recovery.interval.max(Duration::from_millis(100));
    let mut ticks = interval_at(Instant::now() + period, period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        if *shutdown.borrow() {
            return;
        }
        tokio::select! {
            biased;
            changed = shutdown.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            _ = ticks.tick() => match recovery.scan().await {
                Ok(found) if found.is_empty() => {}
                Ok(found) => {
                    debug!(count = found.len(), "rest timers found in the database");
                    if commands.send(EngineCommand::Upsert(found)).is_err() {
                        return;
                    }
                }
                Err(error) => warn!(%error, "polling rest timers failed; will retry"),
            },
        }
    }
}

//! The pruner: one background task per process that deletes what is kept only for a while
//! (finished rest timers, expired screening outcomes).
//!
//! It deletes by age alone, so it needs no claim or state of its own: a restart simply runs
//! again, and processes sharing one PostgreSQL database may prune side by side. A run is
//! bounded in rows per statement and in time, so a large backlog is worked off over several
//! runs instead of holding the database; a failed or panicking run is logged and the next
//! one comes an hour later.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::FutureExt as _;
use tokio::sync::watch;

use crate::domain::privacy::Retention;
use crate::store::{Store, StoreError};

/// How the pruner runs.
#[derive(Debug, Clone, Copy)]
pub struct PrunerConfig {
    pub retention: Retention,
    /// Between runs; the first run is at start.
    pub every: Duration,
    /// The longest one run may take; what is left waits for the next.
    pub run_budget: Duration,
    /// Rows one statement deletes at most.
    pub batch: u32,
}

impl PrunerConfig {
    pub fn new(retention: Retention) -> Self {
        Self {
            retention,
            every: Duration::from_secs(3600),
            run_budget: Duration::from_secs(60),
            batch: 500,
        }
    }
}

/// What one run deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub rest_timers: u64,
    pub screenings: u64,
}

/// Deletes everything past its retention at `now`, batch by batch.
pub async fn prune_once(
    store: &dyn Store,
    config: &PrunerConfig,
    now: DateTime<Utc>,
) -> Result<Pruned, StoreError> {
    let mut pruned = Pruned::default();
    let rest_cutoff = config.retention.rest_cutoff(now);
    loop {
        let deleted = store.prune_rest_timers(rest_cutoff, config.batch).await?;
        pruned.rest_timers += deleted;
        if deleted < u64::from(config.batch) {
            break;
        }
    }
    let screening_cutoff = config.retention.screening_cutoff(now);
    loop {
        let deleted = store
            .prune_screenings(screening_cutoff, config.batch)
            .await?;
        pruned.screenings += deleted;
        if deleted < u64::from(config.batch) {
            break;
        }
    }
    Ok(pruned)
}

/// Runs at once, then every `config.every`, until `shutdown` turns true (or its sender is
/// gone).
pub async fn run(store: Arc<dyn Store>, config: PrunerConfig, mut shutdown: watch::Receiver<bool>) {
    loop {
        if *shutdown.borrow() {
            return;
        }
        let step = tokio::time::timeout(
            config.run_budget,
            prune_once(store.as_ref(), &config, Utc::now()),
        );
        match AssertUnwindSafe(step).catch_unwind().await {
            Ok(Ok(Ok(pruned))) if pruned != Pruned::default() => tracing::info!(
                rest_timers = pruned.rest_timers,
                screenings = pruned.screenings,
                "pruned data past its retention"
            ),
            Ok(Ok(Ok(_))) => {}
            Ok(Ok(Err(error))) => tracing::error!(%error, "pruning failed; retrying next run"),
            Ok(Err(_)) => tracing::warn!("pruning ran out of time; the rest waits for next run"),
            Err(_) => tracing::error!("pruning panicked; retrying next run"),
        }
        tokio::select! {
            () = tokio::time::sleep(config.every) => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}

//! Reads the gateway shards' state for operations: each shard's heartbeat latency as a
//! metric, and whether any shard is connected for `/readyz`.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use tokio::sync::watch;

use crate::ops::{names, Health};

/// How often the shards are looked at; Discord heartbeats every 40 s or so.
const EVERY: Duration = Duration::from_secs(5);

pub async fn run(
    shard_manager: Arc<serenity::ShardManager>,
    health: Arc<Health>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let connected = {
            let runners = shard_manager.runners.lock().await;
            for (id, runner) in runners.iter() {
                if let Some(latency) = runner.latency {
                    names::gateway_latency(id.0, latency);
                }
            }
            runners
                .values()
                .any(|runner| runner.stage == serenity::ConnectionStage::Connected)
        };
        health.set_gateway_connected(connected);
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            changed = shutdown.changed() => {
                if changed.is_err() || *shutdown.borrow() {
                    return;
                }
            }
        }
    }
}

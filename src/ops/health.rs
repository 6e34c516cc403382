//! What `/healthz` and `/readyz` report.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::store::Store;

/// How long `/readyz` waits for the database before calling it unreachable.
const DATABASE_CHECK_TIMEOUT: Duration = Duration::from_secs(2);

/// The process's readiness: the database answers and the gateway is connected.
pub struct Health {
    store: Arc<dyn Store>,
    gateway_connected: AtomicBool,
}

/// Why the process is not ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReady(pub Vec<&'static str>);

impl Health {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            gateway_connected: AtomicBool::new(false),
        }
    }

    /// Set by the gateway watcher from the shards' connection stage.
    pub fn set_gateway_connected(&self, connected: bool) {
        self.gateway_connected.store(connected, Ordering::Relaxed);
    }

    pub async fn ready(&self) -> Result<(), NotReady> {
        let mut failing = Vec::new();
        let database = tokio::time::timeout(DATABASE_CHECK_TIMEOUT, self.store.ping()).await;
        if !matches!(database, Ok(Ok(()))) {
            failing.push("database unreachable");
        }
        if !self.gateway_connected.load(Ordering::Relaxed) {
            failing.push("gateway not connected");
        }
        if failing.is_empty() {
            Ok(())
        } else {
            Err(NotReady(failing))
        }
    }
}

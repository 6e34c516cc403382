//! The HTTP listener for Prometheus and health checks.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tokio::sync::watch;

use super::health::Health;
use super::names::{COMMAND_SECONDS, PING_LATENESS_SECONDS, SECONDS_BUCKETS};

/// Installs the process-wide Prometheus recorder once; later calls (another bot started in
/// the same process, as tests do) share it.
pub fn install_recorder() -> Result<PrometheusHandle, String> {
    static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(COMMAND_SECONDS.to_owned()), SECONDS_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(PING_LATENESS_SECONDS.to_owned()),
                        SECONDS_BUCKETS,
                    )
                })
                .map_err(|error| error.to_string())?;
            builder
                .install_recorder()
                .map_err(|error| error.to_string())
        })
        .clone()
}

#[derive(Clone)]
struct Served {
    metrics: PrometheusHandle,
    health: Arc<Health>,
}

/// Serves `/metrics`, `/healthz` and `/readyz` on `addr` until `shutdown` turns true.
pub async fn serve(
    addr: SocketAddr,
    metrics: PrometheusHandle,
    health: Arc<Health>,
    mut shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(address = %listener.local_addr()?, "serving metrics and health checks");
    let app = Router::new()
        .route("/metrics", get(render_metrics))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readiness))
        .with_state(Served { metrics, health });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            while !*shutdown.borrow() {
                if shutdown.changed().await.is_err() {
                    return;
                }
            }
        })
        .await
}

async fn render_metrics(State(served): State<Served>) -> String {
    served.metrics.render()
}

async fn readiness(State(served): State<Served>) -> (StatusCode, String) {
    match served.health.ready().await {
        Ok(()) => (StatusCode::OK, "ready".to_owned()),
        Err(not_ready) => (StatusCode::SERVICE_UNAVAILABLE, not_ready.0.join("; ")),
    }
}

//! Operations: Prometheus metrics through the `metrics` facade, and the health endpoints,
//! served on `METRICS_ADDR` when it is set (off by default). What is recorded never holds
//! message text, screening answers or the token: only names, outcomes, counts and times.

pub mod health;
pub mod names;
pub mod server;

pub use health::Health;
pub use server::{install_recorder, serve};

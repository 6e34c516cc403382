//! Every metric the bot records, named once, with the helpers that record them.

use std::time::Duration;

pub const COMMANDS: &str = "bfr_commands_total";
pub const COMMAND_SECONDS: &str = "bfr_command_duration_seconds";
pub const RESTS_PENDING: &str = "bfr_rests_pending";
pub const PINGS_SENT: &str = "bfr_pings_sent_total";
pub const PING_LATENESS_SECONDS: &str = "bfr_ping_lateness_seconds";
pub const DISCORD_RESPONSES: &str = "bfr_discord_responses_total";
pub const DATABASE_ERRORS: &str = "bfr_database_errors_total";
pub const GATEWAY_LATENCY_SECONDS: &str = "bfr_gateway_latency_seconds";

/// Buckets for command latency and ping lateness: from a millisecond to half a minute.
pub const SECONDS_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// One command answered: its name (e.g. `rest start`), how it ended, and how long it took.
pub fn command(name: &str, outcome: &'static str, took: Duration) {
    metrics::counter!(COMMANDS, "command" => name.to_owned(), "outcome" => outcome).increment(1);
    metrics::histogram!(COMMAND_SECONDS, "command" => name.to_owned()).record(took.as_secs_f64());
}

/// A rest-over ping posted `late_ms` after the rest's end.
pub fn ping_sent(late_ms: i64) {
    metrics::counter!(PINGS_SENT).increment(1);
    metrics::histogram!(PING_LATENESS_SECONDS).record(late_ms.max(0) as f64 / 1000.0);
}

/// The rests the engine is waiting on in this process.
pub fn rests_pending(count: usize) {
    metrics::gauge!(RESTS_PENDING).set(count as f64);
}

/// A Discord REST response the bot's own calls received (2xx counts as `2xx`).
pub fn discord_response(status: &'static str) {
    metrics::counter!(DISCORD_RESPONSES, "status" => status).increment(1);
}

/// The HTTP status of a Discord answer as a label; a fixed set, so no label is
/// ever built from outside text.
pub fn status_label(status: u16) -> &'static str {
    match status {
        200..=299 => "2xx",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        429 => "429",
        500..=599 => "5xx",
        _ => "other",
    }
}

/// A database error, by whether it was an outage.
pub fn database_error(unavailable: bool) {
    let kind = if unavailable { "unavailable" } else { "other" };
    metrics::counter!(DATABASE_ERRORS, "kind" => kind).increment(1);
}

/// One gateway shard's heartbeat latency.
pub fn gateway_latency(shard: u32, latency: Duration) {
    metrics::gauge!(GATEWAY_LATENCY_SECONDS, "shard" => shard.to_string())
        .set(latency.as_secs_f64());
}

//! `/ping`: the floor of the command benchmark (`benches/command_load`). Registered only with
//! `BENCH_FLOOR_COMMAND=true`, it goes through the same `respond` path as every command but
//! touches no database, so its latency and CPU time are the bot's own overhead.

use crate::app::Request;
use crate::discord::commands::respond;
use crate::discord::Context;
use crate::error::AppError;

/// Answers "pong" (a benchmarking aid)
#[poise::command(slash_command)]
pub async fn ping(ctx: Context<'_>) -> Result<(), AppError> {
    respond(ctx, Request::Ping).await
}

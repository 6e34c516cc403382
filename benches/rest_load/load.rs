//! The generated timers and their insertion into the database.

use std::fmt::Write as _;
use std::time::Instant;

use crate::clock::unix_ms_now;
use crate::database::Pool;
use crate::fake_discord::GUILD_ID;
use crate::progress;

/// First user id of the generated timers; user `USER_BASE + i` owns timer `i`.
const USER_BASE: u64 = 1_500_000_000_000_000_000;
/// First channel id of the generated timers.
const CHANNEL_BASE: u64 = 1_310_000_000_000_000_000;
/// Channels of the memory scenario (their number does not matter for memory).
const MEMORY_CHANNELS: u64 = 1000;
/// Rows per INSERT statement when filling the database.
const INSERT_CHUNK: usize = 500;

/// One generated timer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimerRow {
    pub(crate) user_id: u64,
    pub(crate) channel_id: u64,
    pub(crate) ends_at_ms: i64,
}

/// `timers` timers ending at `rate` per second from 0 ms, each on its own user, on channels
/// chosen so that no channel gets more than one ping in two seconds (the per-channel window
/// of 5 per 5 s never binds).
pub(crate) fn lateness_rows(timers: usize, rate: u32, spread_ends: bool) -> Vec<TimerRow> {
    (0..timers)
        .map(|i| {
            let second = (i / rate as usize) as u64;
            let slot = (i % rate as usize) as u64;
            let within_ms = if spread_ends {
                slot * 1000 / u64::from(rate)
            } else {
                0
            };
            TimerRow {
                user_id: USER_BASE + i as u64,
                channel_id: CHANNEL_BASE + (second % 2) * u64::from(rate) + slot,
                ends_at_ms: (second * 1000 + within_ms) as i64,
            }
        })
        .collect()
}

/// `pending` timers on distinct users ending within the hour after `base_ms`.
pub(crate) fn memory_rows(pending: usize, base_ms: i64) -> Vec<TimerRow> {
    (0..pending)
        .map(|i| TimerRow {
            user_id: USER_BASE + i as u64,
            channel_id: CHANNEL_BASE + i as u64 % MEMORY_CHANNELS,
            ends_at_ms: base_ms + (i as i64 % 3600) * 1000,
        })
        .collect()
}

/// Inserts the timers as `pending` rows, in one transaction of multi-row INSERTs.
pub(crate) async fn fill(pool: &Pool, rows: &[TimerRow]) -> Result<(), String> {
    let created_at_ms = unix_ms_now();
    let guild_id: u64 = GUILD_ID.parse().unwrap_or(1);
    let statements: Vec<String> = rows
        .chunks(INSERT_CHUNK)
        .map(|chunk| {
            let mut sql = String::from(
                "INSERT INTO rest_timers (user_id, channel_id, guild_id, ends_at_ms, \
                 ping_user_ids, created_at_ms) VALUES ",
            );
            for (i, row) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let _ = write!(
                    sql,
                    "({}, {}, {guild_id}, {}, '{}', {created_at_ms})",
                    row.user_id, row.channel_id, row.ends_at_ms, row.user_id
                );
            }
            sql
        })
        .collect();
    let started = Instant::now();
    pool.execute_all(&statements).await?;
    progress(&format!(
        "inserted {} pending timers in {:.1} s",
        rows.len(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

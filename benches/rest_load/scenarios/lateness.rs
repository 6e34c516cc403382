//! Scenario: lateness of pings with timers ending at a fixed rate.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::bot::{BotProcess, ReloadLine};
use crate::clock::{ceil_to_second, unix_ms_now, ClockAnchor};
use crate::database::{prepare_schema, Pool};
use crate::load::{fill, lateness_rows};
use crate::pings::{analyse_pings, count_pinged_users, is_ping, PingCount};
use crate::scenarios::{start_fake, RELOAD_TIMEOUT};
use crate::stats::pacing_floor;
use crate::{progress, Options};

/// Time between the bot's spawn and the first timer end of the lateness scenario.
const LEAD_MS: i64 = 10_000;

/// Figures of the lateness scenario.
pub(crate) struct LatenessReport {
    pub(crate) timers: usize,
    pub(crate) rate: u32,
    pub(crate) budget: u32,
    /// Lateness of each pinged timer, ms, sorted.
    pub(crate) lateness_ms: Vec<f64>,
    /// Lateness an ideal engine would show under the bot's global pacing alone, ms, sorted.
    pub(crate) floor_ms: Vec<f64>,
    pub(crate) pings: PingCount,
    pub(crate) reload: ReloadLine,
    /// The first end came before the reload finished.
    pub(crate) reload_after_first_end: bool,
    pub(crate) rss_max_kb: u64,
    /// From the last timer end until all pings arrived.
    pub(crate) drain_ms: f64,
    pub(crate) run_time: Duration,
    /// Timer rows by state after the bot stopped.
    pub(crate) states: Vec<(String, i64)>,
    pub(crate) warnings: u64,
    pub(crate) errors: u64,
}

/// Inserts `timers` timers ending at `rate` per second from about 10 s after the bot starts,
/// each on its own user and channels chosen so that no channel gets more than one ping in
/// two seconds (the per-channel window of 5 per 5 s never binds), runs the bot until every
/// ping arrived (or a bounded deadline passed) and measures each ping's lateness.
pub(crate) async fn lateness_scenario(
    url: String,
    dir: PathBuf,
    binary: &Path,
    options: &Options,
) -> Result<LatenessReport, String> {
    let started = Instant::now();
    let rate = options.rate;
    let mut rows = lateness_rows(options.timers, rate, options.spread_ends);

    prepare_schema(&url).await?;
    let pool = Pool::connect(&url).await?;
    let filled = fill(&pool, &rows).await;
    // The ends are moved to their place once the rows are in, so the lead does not depend on
    // how long filling took.
    let base_ms = ceil_to_second(unix_ms_now()) + LEAD_MS;
    let shifted = match filled {
        Ok(()) => {
            pool.execute_all(&[format!(
                "UPDATE rest_timers SET ends_at_ms = ends_at_ms + {base_ms}"
            )])
            .await
        }
        Err(error) => Err(error),
    };
    pool.close().await;
    shifted?;
    for row in &mut rows {
        row.ends_at_ms += base_ms;
    }
    let first_end_ms = base_ms;
    let last_end_ms = rows.iter().map(|r| r.ends_at_ms).max().unwrap_or(base_ms);
    let expected: HashMap<u64, (i64, u64)> = rows
        .iter()
        .map(|r| (r.user_id, (r.ends_at_ms, r.channel_id)))
        .collect();

    let fake = start_fake(options.path, false).await;
    let anchor = ClockAnchor::now();
    let mut bot = BotProcess::spawn(binary, &dir, &url, &fake.bot_env(), options.budget)?;
    let reload = bot.wait_reloaded(RELOAD_TIMEOUT).await?;
    let reload_after_first_end = anchor.unix_ms_at(reload.seen_at) > first_end_ms as f64;
    progress(&format!(
        "bot reloaded {} timers in {} ms; first end in {:.1} s, last in {:.0} s",
        reload.pending,
        reload.reload_ms,
        (first_end_ms as f64 - unix_ms_now() as f64) / 1000.0,
        (last_end_ms as f64 - unix_ms_now() as f64) / 1000.0
    ));

    // Reading the fake's log clones it under the lock its REST handler records under, which
    // would delay the very pings being timed: leave it alone until the last end has passed.
    let budget = options.budget();
    let drain_allowance_ms = (options.timers as f64 * 2000.0 / f64::from(budget)) as i64;
    let deadline_ms = last_end_ms + drain_allowance_ms.max(60_000);
    loop {
        bot.check_alive()?;
        let now_ms = unix_ms_now();
        if now_ms >= last_end_ms + 2000 {
            let pinged = count_pinged_users(&fake.requests(), &expected);
            if pinged >= expected.len() {
                break;
            }
            if now_ms >= deadline_ms {
                progress(&format!(
                    "deadline passed with {pinged} of {} users pinged",
                    expected.len()
                ));
                break;
            }
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    // A little longer, so that duplicates would show.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let requests = fake.requests();
    let rss = bot.memory();
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;

    let pool = Pool::connect(&url).await?;
    let states = pool.state_counts().await;
    pool.close().await;

    let (mut lateness_ms, pings) = analyse_pings(&requests, &expected, &anchor);
    lateness_ms.sort_by(f64::total_cmp);
    let last_received = requests
        .iter()
        .filter(|r| is_ping(r))
        .map(|r| anchor.unix_ms_at(r.at))
        .fold(f64::NAN, f64::max);
    Ok(LatenessReport {
        timers: options.timers,
        rate,
        budget,
        lateness_ms,
        floor_ms: pacing_floor(&rows, budget),
        pings,
        reload,
        reload_after_first_end,
        rss_max_kb: rss.max_kb,
        drain_ms: last_received - last_end_ms as f64,
        run_time: started.elapsed(),
        states: states?,
        warnings,
        errors,
    })
}

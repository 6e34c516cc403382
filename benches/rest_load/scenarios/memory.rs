//! Scenario: resident memory and reload time with many pending timers.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::bot::{BotProcess, ReloadLine};
use crate::clock::{ceil_to_second, unix_ms_now};
use crate::database::{prepare_schema, Pool};
use crate::load::{fill, memory_rows};
use crate::scenarios::{start_fake, RELOAD_TIMEOUT};
use crate::Options;

/// How long after the reload the settled resident memory is read.
pub(crate) const SETTLE: Duration = Duration::from_secs(3);

/// Figures of the memory scenario.
pub(crate) struct MemoryReport {
    pub(crate) pending: usize,
    pub(crate) reload: ReloadLine,
    /// From spawning the process to the reload line.
    pub(crate) spawn_to_reload_ms: f64,
    /// Highest resident memory (sampled every 100 ms, and the kernel's high-water mark).
    pub(crate) rss_max_kb: u64,
    /// Resident memory `SETTLE` after the reload.
    pub(crate) rss_settled_kb: u64,
    pub(crate) warnings: u64,
    pub(crate) errors: u64,
}

/// Inserts `pending` timers ending a day later on distinct users, starts the bot, reads its
/// reload time from its log and its resident memory once the reload has settled.
pub(crate) async fn memory_scenario(
    url: String,
    dir: PathBuf,
    binary: &Path,
    options: &Options,
    pending: usize,
) -> Result<MemoryReport, String> {
    let base_ms = ceil_to_second(unix_ms_now()) + 86_400_000;
    let rows = memory_rows(pending, base_ms);
    prepare_schema(&url).await?;
    let pool = Pool::connect(&url).await?;
    let filled = fill(&pool, &rows).await;
    pool.close().await;
    filled?;

    let fake = start_fake(options.path, false).await;
    let mut bot = BotProcess::spawn(binary, &dir, &url, &fake.bot_env(), options.budget)?;
    let reload = bot.wait_reloaded(RELOAD_TIMEOUT).await?;
    let spawn_to_reload_ms = reload
        .seen_at
        .saturating_duration_since(bot.spawned_at)
        .as_secs_f64()
        * 1000.0;
    let settle_until = Instant::now() + SETTLE;
    while Instant::now() < settle_until {
        bot.check_alive()?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss = bot.memory();
    let (warnings, errors) = bot.problem_counts();
    bot.stop().await?;
    Ok(MemoryReport {
        pending,
        reload,
        spawn_to_reload_ms,
        rss_max_kb: rss.max_kb,
        rss_settled_kb: rss.last_kb,
        warnings,
        errors,
    })
}

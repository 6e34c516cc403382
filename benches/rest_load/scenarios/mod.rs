//! The scenarios, each run against a fresh database and a fresh bot.

pub(crate) mod lateness;
pub(crate) mod memory;
pub(crate) mod traffic;

use std::time::Duration;

use crate::fake_discord::FakeDiscord;
use crate::DiscordPath;

/// Longest wait for the bot's "rest timers reloaded" line.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// The fake Discord the bot reaches by `path`; `enforce_limits` makes it answer 429 over
/// Discord's limits.
async fn start_fake(path: DiscordPath, enforce_limits: bool) -> FakeDiscord {
    match (path, enforce_limits) {
        (DiscordPath::Proxy, false) => FakeDiscord::start().await,
        (DiscordPath::Proxy, true) => FakeDiscord::start_rate_limited().await,
        (DiscordPath::Default, enforce_limits) => FakeDiscord::start_tls(enforce_limits).await,
    }
}

//! The scenarios, each run against a fresh database and a fresh bot.

pub(crate) mod lateness;
pub(crate) mod memory;
pub(crate) mod traffic;

use std::time::Duration;

/// Longest wait for the bot's "rest timers reloaded" line.
const RELOAD_TIMEOUT: Duration = Duration::from_secs(120);

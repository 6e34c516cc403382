//! Configuration, read once at start-up from the environment (and `.env`).

mod discord_api;

use std::fmt;

use thiserror::Error;
use url::Url;

pub use discord_api::ExtraRoot;

/// The SQLite file used when `DATABASE_URL` is not set; created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://bfr-coach.db";

#[derive(Clone)]
pub struct Config {
    discord_token: Option<String>,
    pub database_url: String,
    /// Base URL of an HTTP proxy that speaks Discord's REST API.
    pub discord_proxy_url: Option<Url>,
    /// Where to connect for discord.com instead of what DNS says; the bot's own ratelimiter
    /// stays on, unlike with a proxy.
    pub discord_api_addr: Option<std::net::SocketAddr>,
    /// Root certificates trusted for Discord's API besides the usual ones.
    pub discord_ca: Option<ExtraRoot>,
    /// Register commands in this guild only (instant) instead of globally.
    pub discord_guild_id: Option<u64>,
    /// Ask for the privileged Message Content intent, so ask-channels can read every message.
    /// It must also be switched on in the Developer Portal, or Discord refuses the connection.
    pub message_content_intent: bool,
    /// Background Discord calls per second (countdowns, pings, edits) for this process.
    pub rest_budget_per_second: u32,
    /// Rests one user may have running at once, across channels.
    pub max_rests_per_user: u32,
    /// Commands that post in public (countdowns, public answers) one user may run per
    /// `public_post_window_secs`.
    pub public_posts_per_user: u32,
    pub public_post_window_secs: u32,
    /// Where to serve `/metrics`, `/healthz` and `/readyz`; off when unset.
    pub metrics_addr: Option<std::net::SocketAddr>,
    /// The gateway shards this process runs, when the bot is split across processes.
    pub shards: Option<Shards>,
    /// How long finished rests are kept and how long a screening counts.
    pub retention: crate::domain::privacy::Retention,
    /// Register the hidden `/ping` (answers "pong", touches no database): a benchmarking aid
    /// that measures the bot's own overhead, the floor every other command is compared to.
    pub bench_floor_command: bool,
}

/// This process's share of the gateway: shards `first..=last` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shards {
    pub count: u32,
    pub first: u32,
    pub last: u32,
}

/// Discord's own ceiling is far higher; this bounds a typo.
pub const MAX_SHARD_COUNT: u32 = 1024;

impl Shards {
    /// `SHARD_COUNT` (the total across all processes) and `SHARD_RANGE` (`first-last`,
    /// inclusive, or one number; all shards when unset).
    fn parse(count: Option<String>, range: Option<String>) -> Result<Option<Shards>, ConfigError> {
        let Some(count) = count else {
            if range.is_some() {
                return Err(ConfigError::Invalid {
                    variable: "SHARD_RANGE",
                    reason: "needs SHARD_COUNT, the number of shards across all processes".into(),
                });
            }
            return Ok(None);
        };
        let count = match count.parse::<u32>() {
            Ok(count) if (1..=MAX_SHARD_COUNT).contains(&count) => count,
            _ => {
                return Err(ConfigError::Invalid {
                    variable: "SHARD_COUNT",
                    reason: format!(
                        "expected a whole number from 1 to {MAX_SHARD_COUNT}, got {count:?}"
                    ),
                })
            }
        };
        let (first, last) = match range {
            None => (0, count - 1),
            Some(raw) => {
                let parsed = match raw.split_once('-') {
                    Some((first, last)) => first
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .zip(last.trim().parse::<u32>().ok()),
                    None => raw.trim().parse::<u32>().ok().map(|only| (only, only)),
                };
                match parsed {
                    Some((first, last)) if first <= last && last < count => (first, last),
                    _ => {
                        return Err(ConfigError::Invalid {
                            variable: "SHARD_RANGE",
                            reason: format!(
                                "expected first-last within 0-{} (e.g. 0-1), got {raw:?}",
                                count - 1
                            ),
                        })
                    }
                }
            }
        };
        Ok(Some(Shards { count, first, last }))
    }
}

/// How log lines are written: readable text, or one JSON object a line for collectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl LogFormat {
    /// `LOG_FORMAT` (`text` or `json`). Read on its own, before the rest of the
    /// configuration, because logging starts first; an unknown value is refused by name.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        match lookup("LOG_FORMAT").map(|raw| raw.trim().to_ascii_lowercase()) {
            None => Ok(LogFormat::Text),
            Some(raw) if raw.is_empty() || raw == "text" => Ok(LogFormat::Text),
            Some(raw) if raw == "json" => Ok(LogFormat::Json),
            Some(raw) => Err(ConfigError::Invalid {
                variable: "LOG_FORMAT",
                reason: format!("expected text or json, got {raw:?}"),
            }),
        }
    }
}

pub const DEFAULT_MAX_RESTS_PER_USER: u32 = crate::timers::DEFAULT_MAX_RUNNING_PER_USER as u32;
/// Enough for a workout's rests and a shared answer or two; a burst beyond is spam.
pub const DEFAULT_PUBLIC_POSTS_PER_USER: u32 = 5;
pub const DEFAULT_PUBLIC_POST_WINDOW_SECS: u32 = 30;

/// Discord allows a bot 50 requests per second in all; 5 are left for calls outside the
/// engine's budget, such as replies to mentions and in ask-channels (interaction answers
/// are not counted by Discord). A call holds its slot from when it leaves until a second after
/// Discord answered it, so a budget delivers a little less than its number per second.
pub const DEFAULT_REST_BUDGET: u32 = 45;
/// The most a process may spend, keeping the same 5 a second for those other calls.
pub const MAX_REST_BUDGET: u32 = 45;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "DISCORD_TOKEN is not set. Copy .env.example to .env and put your bot token in it \
         (see README.md), or try the bot without Discord: `bfr-coach console`."
    )]
    MissingToken,
    #[error("{variable} is not valid: {reason}")]
    Invalid {
        variable: &'static str,
        reason: String,
    },
}

impl Config {
    /// Reads the process environment. `.env` is loaded by the binary before this is called.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };

        let database_url =
            non_empty("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::Invalid {
                variable: "DATABASE_URL",
                reason: "expected sqlite://FILE or postgres://USER@HOST/DATABASE".into(),
            });
        }

        let discord_proxy_url = non_empty("DISCORD_PROXY_URL")
            .map(|raw| parse_proxy_url(&raw))
            .transpose()?;
        let discord_api_addr = non_empty("DISCORD_API_ADDR")
            .map(|raw| discord_api::parse_api_addr(&raw))
            .transpose()?;
        // A proxy takes the calls over plain URLs with serenity's ratelimiter off; an address
        // for discord.com keeps the ratelimiter. Both at once would leave one of them unused.
        if discord_api_addr.is_some() && discord_proxy_url.is_some() {
            return Err(ConfigError::Invalid {
                variable: "DISCORD_API_ADDR",
                reason: "cannot be used with DISCORD_PROXY_URL: the proxy already decides where \
                         REST calls go; set one or the other"
                    .into(),
            });
        }
        let discord_ca = non_empty("DISCORD_CA_FILE")
            .map(|raw| discord_api::read_ca_file(&raw))
            .transpose()?;

        let discord_guild_id = non_empty("DISCORD_GUILD_ID")
            .map(|raw| match raw.parse::<u64>() {
                Ok(id) if id > 0 => Ok(id),
                _ => Err(ConfigError::Invalid {
                    variable: "DISCORD_GUILD_ID",
                    reason: format!("expected a numeric server ID, got {raw:?}"),
                }),
            })
            .transpose()?;

        let flag = |variable: &'static str| match non_empty(variable) {
            None => Ok(false),
            Some(raw) => match raw.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(ConfigError::Invalid {
                    variable,
                    reason: format!("expected true or false, got {raw:?}"),
                }),
            },
        };
        let message_content_intent = flag("DISCORD_MESSAGE_CONTENT")?;
        let bench_floor_command = flag("BENCH_FLOOR_COMMAND")?;

        let rest_budget_per_second = match non_empty("DISCORD_REST_BUDGET") {
            None => DEFAULT_REST_BUDGET,
            Some(raw) => match raw.parse::<u32>() {
                Ok(budget) if (1..=MAX_REST_BUDGET).contains(&budget) => budget,
                _ => {
                    return Err(ConfigError::Invalid {
                        variable: "DISCORD_REST_BUDGET",
                        reason: format!(
                            "expected requests per second from 1 to {MAX_REST_BUDGET}, got {raw:?}"
                        ),
                    })
                }
            },
        };

        let bounded = |variable: &'static str, default: u32, max: u32| {
            let Some(raw) = non_empty(variable) else {
                return Ok(default);
            };
            match raw.parse::<u32>() {
                Ok(value) if (1..=max).contains(&value) => Ok(value),
                _ => Err(ConfigError::Invalid {
                    variable,
                    reason: format!("expected a whole number from 1 to {max}, got {raw:?}"),
                }),
            }
        };
        let max_rests_per_user = bounded("MAX_RESTS_PER_USER", DEFAULT_MAX_RESTS_PER_USER, 50)?;
        let public_posts_per_user =
            bounded("PUBLIC_POSTS_PER_USER", DEFAULT_PUBLIC_POSTS_PER_USER, 1000)?;
        let public_post_window_secs = bounded(
            "PUBLIC_POST_WINDOW_SECS",
            DEFAULT_PUBLIC_POST_WINDOW_SECS,
            3600,
        )?;

        use crate::domain::privacy::{
            Retention, DEFAULT_RETENTION_REST_DAYS, DEFAULT_SCREENING_VALID_MONTHS,
            MAX_RETENTION_REST_DAYS, MAX_SCREENING_VALID_MONTHS,
        };
        let retention = Retention {
            rest_days: bounded(
                "RETENTION_REST_DAYS",
                DEFAULT_RETENTION_REST_DAYS,
                MAX_RETENTION_REST_DAYS,
            )?,
            screening_valid_months: bounded(
                "SCREENING_VALID_MONTHS",
                DEFAULT_SCREENING_VALID_MONTHS,
                MAX_SCREENING_VALID_MONTHS,
            )?,
        };

        let metrics_addr = non_empty("METRICS_ADDR")
            .map(|raw| {
                raw.parse::<std::net::SocketAddr>()
                    .map_err(|_| ConfigError::Invalid {
                        variable: "METRICS_ADDR",
                        reason: format!(
                            "expected an address and port like 127.0.0.1:9100, got {raw:?}"
                        ),
                    })
            })
            .transpose()?;

        let shards = Shards::parse(non_empty("SHARD_COUNT"), non_empty("SHARD_RANGE"))?;

        Ok(Self {
            shards,
            retention,
            metrics_addr,
            bench_floor_command,
            message_content_intent,
            rest_budget_per_second,
            max_rests_per_user,
            public_posts_per_user,
            public_post_window_secs,
            discord_token: non_empty("DISCORD_TOKEN"),
            database_url,
            discord_proxy_url,
            discord_api_addr,
            discord_ca,
            discord_guild_id,
        })
    }

    /// The bot token; only `run` needs it, so its absence is an error only there.
    pub fn discord_token(&self) -> Result<&str, ConfigError> {
        self.discord_token
            .as_deref()
            .ok_or(ConfigError::MissingToken)
    }

    /// The rest engine's limits as the operator configured them.
    pub fn engine_limits(&self) -> crate::timers::EngineLimits {
        crate::timers::EngineLimits {
            calls_per_second: self.rest_budget_per_second,
            max_running_per_user: self.max_rests_per_user as usize,
        }
    }

    /// A copy with a different token, for tests and tools that build configs in code.
    pub fn with_discord_token(mut self, token: impl Into<String>) -> Self {
        self.discord_token = Some(token.into());
        self
    }
}

fn parse_proxy_url(raw: &str) -> Result<Url, ConfigError> {
    let invalid = |reason: String| ConfigError::Invalid {
        variable: "DISCORD_PROXY_URL",
        reason,
    };
    let url = Url::parse(raw).map_err(|error| invalid(format!("{error} ({raw:?})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!("expected an http(s) URL, got {raw:?}")));
    }
    Ok(url)
}

/// The token is a credential: it must never reach a log line, so Debug hides it.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field(
                "discord_token",
                &self.discord_token.as_ref().map(|_| "<redacted>"),
            )
            .field("database_url", &redact_password(&self.database_url))
            .field(
                "discord_proxy_url",
                &self
                    .discord_proxy_url
                    .as_ref()
                    .map(|url| redact_password(url.as_str())),
            )
            .field("discord_api_addr", &self.discord_api_addr)
            .field("discord_ca", &self.discord_ca)
            .field("discord_guild_id", &self.discord_guild_id)
            .field("message_content_intent", &self.message_content_intent)
            .field("rest_budget_per_second", &self.rest_budget_per_second)
            .field("max_rests_per_user", &self.max_rests_per_user)
            .field("public_posts_per_user", &self.public_posts_per_user)
            .field("public_post_window_secs", &self.public_post_window_secs)
            .field("retention", &self.retention)
            .field("bench_floor_command", &self.bench_floor_command)
            .finish()
    }
}

/// Database URLs can carry a password; logs get the URL without it.
pub fn redact_password(database_url: &str) -> String {
    match Url::parse(database_url) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("<redacted>"));
            url.to_string()
        }
        _ => database_url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_to_a_local_sqlite_file() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert!(config.discord_proxy_url.is_none());
        assert!(config.discord_guild_id.is_none());
        assert_eq!(config.retention.rest_days, 30);
        assert_eq!(config.retention.screening_valid_months, 12);
    }

    #[test]
    fn retention_is_configurable() {
        let config = config(&[
            ("RETENTION_REST_DAYS", "7"),
            ("SCREENING_VALID_MONTHS", "6"),
        ])
        .unwrap();
        assert_eq!(config.retention.rest_days, 7);
        assert_eq!(config.retention.screening_valid_months, 6);
    }

    #[test]
    fn shards_split_the_gateway_between_processes() {
        assert_eq!(config(&[]).unwrap().shards, None);
        let all = config(&[("SHARD_COUNT", "4")]).unwrap().shards;
        assert_eq!(
            all,
            Some(Shards {
                count: 4,
                first: 0,
                last: 3
            })
        );
        let some = config(&[("SHARD_COUNT", "4"), ("SHARD_RANGE", "2-3")]).unwrap();
        assert_eq!(
            some.shards,
            Some(Shards {
                count: 4,
                first: 2,
                last: 3
            })
        );
        let one = config(&[("SHARD_COUNT", "2"), ("SHARD_RANGE", "1")]).unwrap();
        assert_eq!(
            one.shards,
            Some(Shards {
                count: 2,
                first: 1,
                last: 1
            })
        );
        for (count, range, variable) in [
            ("0", None, "SHARD_COUNT"),
            ("two", None, "SHARD_COUNT"),
            ("2", Some("1-2"), "SHARD_RANGE"),
            ("4", Some("3-1"), "SHARD_RANGE"),
            ("4", Some("a-b"), "SHARD_RANGE"),
        ] {
            let mut vars = vec![("SHARD_COUNT", count)];
            vars.extend(range.map(|range| ("SHARD_RANGE", range)));
            match config(&vars) {
                Err(ConfigError::Invalid {
                    variable: named, ..
                }) => assert_eq!(named, variable),
                other => panic!("{vars:?}: {other:?}"),
            }
        }
        match config(&[("SHARD_RANGE", "0-1")]) {
            Err(ConfigError::Invalid { variable, .. }) => assert_eq!(variable, "SHARD_RANGE"),
            other => panic!("a range without a count: {other:?}"),
        }
    }

    #[test]
    fn missing_or_blank_token_is_reported_only_when_needed() {
        assert_eq!(
            config(&[]).unwrap().discord_token(),
            Err(ConfigError::MissingToken)
        );
        let blank = config(&[("DISCORD_TOKEN", "   ")]).unwrap();
        assert_eq!(blank.discord_token(), Err(ConfigError::MissingToken));
        let message = ConfigError::MissingToken.to_string();
        assert!(message.contains("DISCORD_TOKEN"));
        assert!(message.contains(".env.example"));
        assert!(message.contains("console"));
    }

    #[test]
    fn reads_every_variable() {
        let config = config(&[
            ("DISCORD_TOKEN", "abc.def"),
            ("DATABASE_URL", "postgres://postgres@127.0.0.1/test"),
            ("DISCORD_PROXY_URL", "http://127.0.0.1:3000"),
            ("DISCORD_GUILD_ID", "1200000000000000001"),
        ])
        .unwrap();
        assert_eq!(config.discord_token(), Ok("abc.def"));
        assert_eq!(config.database_url, "postgres://postgres@127.0.0.1/test");
        assert_eq!(
            config.discord_proxy_url.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:3000/")
        );
        assert_eq!(config.discord_guild_id, Some(1_200_000_000_000_000_001));
        assert!(!config.message_content_intent);
        let with_content = super::Config::from_lookup(|name| {
            (name == "DISCORD_MESSAGE_CONTENT").then(|| "true".to_owned())
        })
        .unwrap();
        assert!(with_content.message_content_intent);
        assert!(!config.bench_floor_command);
        let with_floor = super::Config::from_lookup(|name| {
            (name == "BENCH_FLOOR_COMMAND").then(|| "true".to_owned())
        })
        .unwrap();
        assert!(with_floor.bench_floor_command);
    }

    #[test]
    fn invalid_values_name_their_variable() {
        for (variable, value) in [
            ("DISCORD_GUILD_ID", "my-server"),
            ("DISCORD_GUILD_ID", "-5"),
            ("DISCORD_PROXY_URL", "not a url"),
            ("DISCORD_PROXY_URL", "ftp://example.org"),
            ("DATABASE_URL", "mysql://localhost/db"),
            ("DISCORD_MESSAGE_CONTENT", "maybe"),
            ("BENCH_FLOOR_COMMAND", "sometimes"),
            ("DISCORD_REST_BUDGET", "0"),
            ("DISCORD_REST_BUDGET", "46"),
            ("MAX_RESTS_PER_USER", "0"),
            ("MAX_RESTS_PER_USER", "51"),
            ("PUBLIC_POSTS_PER_USER", "-1"),
            ("PUBLIC_POST_WINDOW_SECS", "1h"),
            ("RETENTION_REST_DAYS", "0"),
            ("RETENTION_REST_DAYS", "30d"),
            ("SCREENING_VALID_MONTHS", "121"),
            ("DISCORD_API_ADDR", "discord.com"),
            ("DISCORD_CA_FILE", "/nonexistent/ca.pem"),
        ] {
            let error = config(&[(variable, value)]).unwrap_err();
            assert!(error.to_string().starts_with(variable), "{error}");
        }
    }

    #[test]
    fn an_api_address_keeps_the_ratelimiter_so_excludes_a_proxy() {
        let ca = format!("{}/tests/fixtures/tls/ca.pem", env!("CARGO_MANIFEST_DIR"));
        let direct =
            config(&[("DISCORD_API_ADDR", "127.0.0.7"), ("DISCORD_CA_FILE", &ca)]).unwrap();
        assert_eq!(
            direct.discord_api_addr,
            Some("127.0.0.7:443".parse().unwrap())
        );
        assert_eq!(
            direct.discord_ca.map(|root| root.certificates.len()),
            Some(1)
        );

        let both = config(&[
            ("DISCORD_API_ADDR", "127.0.0.7"),
            ("DISCORD_PROXY_URL", "http://127.0.0.1:3000"),
        ]);
        match both {
            Err(ConfigError::Invalid { variable, reason }) => {
                assert_eq!(variable, "DISCORD_API_ADDR");
                assert!(reason.contains("DISCORD_PROXY_URL"), "{reason}");
            }
            other => panic!("an address and a proxy together: {other:?}"),
        }
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let config = config(&[
            ("DISCORD_TOKEN", "super-secret-token"),
            ("DATABASE_URL", "postgres://bot:hunter2@db/bfr"),
            ("DISCORD_PROXY_URL", "http://proxy:swordfish@127.0.0.1:3000"),
        ])
        .unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("super-secret-token"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("swordfish"), "{shown}");
    }
}

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};

use super::StoreError;

/// The bot's queries are indexed lookups and single-row writes that take milliseconds; one
/// still running after 5 s waits on a lock or a sick server, and a user is waiting on it.
/// The server cancels it, which frees the connection and answers the user in time.
pub const STATEMENT_TIMEOUT: Duration = Duration::from_secs(5);

/// Server-side TCP keepalives: without them a bot host that vanished (crash, network cut)
/// leaves its sessions, and the row locks of their open transactions, on the server until
/// the kernel's default of about two hours. With these the server drops such a session
/// after idle + interval × count = 60 s.
pub const TCP_KEEPALIVE_IDLE: Duration = Duration::from_secs(30);
pub const TCP_KEEPALIVE_INTERVAL: Duration = Duration::from_secs(10);
pub const TCP_KEEPALIVE_COUNT: u32 = 3;

/// How long a request waits for a pooled connection, including opening a new one. While
/// the database is down every request waits this long before it is told so; 5 s fits in
/// Discord's deferred-interaction window and is long enough for a busy pool to free one.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a pooled connection may sit idle before it is pinged on being handed out.
/// sqlx pings every connection as it goes back to the pool, so one idle for less than this
/// was seen alive that recently; pinging it again would put a second round trip in front of
/// every statement of a busy bot.
pub const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// For large or multi-process deployments.
pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(database_url: &str) -> Result<Self, StoreError> {
        // Startup options are appended to any the URL already sets (e.g. a search_path).
        let options = PgConnectOptions::from_str(database_url)?.options([
            (
                "statement_timeout",
                STATEMENT_TIMEOUT.as_millis().to_string(),
            ),
            (
                "tcp_keepalives_idle",
                TCP_KEEPALIVE_IDLE.as_secs().to_string(),
            ),
            (
                "tcp_keepalives_interval",
                TCP_KEEPALIVE_INTERVAL.as_secs().to_string(),
            ),
            ("tcp_keepalives_count", TCP_KEEPALIVE_COUNT.to_string()),
        ]);
        // sqlx 0.8 offers no client-side TCP keepalive. What it offers instead: a pooled
        // connection that sat idle is pinged before it is handed out, so one cut while idle
        // is replaced rather than failing the request, and that ping counts against
        // ACQUIRE_TIMEOUT, so a silent link costs a bounded wait. Idle connections are also
        // recycled, so few sit on links that died quietly.
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(false)
            .before_acquire(|connection, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_AFTER_IDLE {
                        connection.ping().await?;
                    }
                    Ok(true)
                })
            })
            .idle_timeout(Duration::from_secs(300))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }
}

super::core::impl_store!(
    PostgresStore,
    super::Backend::Postgres,
    "migrations/postgres",
    before_migrations = "SET statement_timeout = 0"
);
super::settings::impl_settings_store!(PostgresStore);
super::guilds::impl_guild_store!(PostgresStore);
super::strength::impl_strength_store!(PostgresStore, sqlx::Postgres);
super::screening::impl_screening_store!(PostgresStore, sqlx::Postgres);
super::rest_timers::impl_timer_repo!(PostgresStore, sqlx::Postgres);
super::challenges::impl_challenge_store!(PostgresStore, sqlx::Postgres);
super::group_sessions::impl_group_session_store!(PostgresStore, sqlx::Postgres);
super::privacy::impl_privacy_store!(PostgresStore, sqlx::Postgres);
super::retention::impl_retention_store!(PostgresStore);

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use super::StoreError;

/// How long a statement waits for another connection's write lock before failing with
/// SQLITE_BUSY. Writes here take milliseconds, so 5 s only runs out while a writer is stuck,
/// and it still leaves time to answer a user within Discord's interaction window.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a request waits for one of the pooled connections; the same reasoning as
/// [`BUSY_TIMEOUT`], instead of sqlx's default of 30 s.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The embedded default: a single file, no set-up.
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(database_url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(database_url)?
            .create_if_missing(true)
            // WAL lets readers proceed while a timer or command writes.
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL survives a crash of the process (every commit is in the log
            // before it returns); only an OS crash or power loss can drop the last commits.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        // A pooled SQLite connection is a thread of this process on a local file: there is
        // no link to lose while it sits idle, so it is not pinged before each statement
        // (sqlx's default), which would cost a round trip to that thread every time.
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }
}

super::core::impl_store!(SqliteStore, super::Backend::Sqlite, "migrations/sqlite");
super::settings::impl_settings_store!(SqliteStore);
super::guilds::impl_guild_store!(SqliteStore);
super::strength::impl_strength_store!(SqliteStore, sqlx::Sqlite);
super::screening::impl_screening_store!(SqliteStore, sqlx::Sqlite);
super::rest_timers::impl_timer_repo!(SqliteStore, sqlx::Sqlite);
super::challenges::impl_challenge_store!(SqliteStore, sqlx::Sqlite);
super::group_sessions::impl_group_session_store!(SqliteStore, sqlx::Sqlite);
super::privacy::impl_privacy_store!(SqliteStore, sqlx::Sqlite);
super::retention::impl_retention_store!(SqliteStore);

//! Storage: one typed API ([`Store`]) with a SQLite and a PostgreSQL implementation.
//!
//! Why two typed implementations rather than sqlx's `Any` driver or generics over
//! `sqlx::Database`: `Any` loses types we rely on (timestamps) and its migrations cannot differ
//! per backend, and generic executors need long trait bounds on every query. The SQL is
//! portable (`$N` placeholders, `ON CONFLICT` upserts, `RETURNING`), so both implementations
//! share one query set per concern, written once as a macro and instantiated per backend.
//! The API is split by concern into traits that [`Store`] gathers.

mod challenge_models;
pub(crate) mod challenges;
mod core;
mod faults;
mod group_sessions;
mod guilds;
mod ids;
mod models;
mod postgres;
mod privacy;
mod privacy_models;
pub(crate) mod rest_timers;
mod retention;
mod screening;
mod settings;
mod sqlite;
mod strength;

use std::sync::Arc;

use async_trait::async_trait;

pub use challenge_models::{
    AuditAction, AuditRecord, Challenge, ChallengeId, Credit, EntryId, GroupParticipant,
    GroupSession, GroupSessionId, GroupToggle, Joined, LeaderboardPage, ManualLog, NewChallenge,
    NewGroupSession, NewMember, Standing, StoredEntry,
};
pub use challenges::{is_open, ChallengeStore, GuildScope, PostClaim};
pub use group_sessions::GroupSessionStore;
pub use guilds::{ForgottenGuild, GuildStore};
pub use models::{
    stored_zone, ExerciseRef, GuildSettings, NewOneRepMax, NewTrainingSession, OneRepMaxRecord,
    OneRepMaxSource, SessionId, SessionInputs, TrainingSession, UserSettings,
};
pub use postgres::PostgresStore;
pub use privacy::PrivacyStore;
pub use privacy_models::{
    ExportedAudit, ExportedChallenge, ExportedEntry, ExportedGroupSession, ExportedJoinedRest,
    ExportedMembership, ExportedOneRepMax, ExportedRest, ExportedScreening, ExportedSettings,
    ExportedWorkout, ForgottenUser, UserExport,
};
pub use retention::RetentionStore;
pub use screening::{ScreeningRecord, ScreeningStore};
pub use settings::SettingsStore;
pub use sqlite::SqliteStore;
pub use strength::StrengthStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// The database is unreachable or timed out, so the same request may work in a minute.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Database(error) => faults::is_unavailable(error),
            Self::Migration(
                sqlx::migrate::MigrateError::Execute(error)
                | sqlx::migrate::MigrateError::ExecuteMigration(error, _),
            ) => faults::is_unavailable(error),
            Self::Migration(_) | Self::Corrupt(_) => false,
        }
    }
}

/// Everything the bot stores, for one backend.
#[async_trait]
pub trait Store:
    SettingsStore
    + GuildStore
    + StrengthStore
    + ScreeningStore
    + ChallengeStore
    + GroupSessionStore
    + PrivacyStore
    + RetentionStore
    + crate::timers::TimerRepo
    + Send
    + Sync
    + 'static
{
    fn backend(&self) -> Backend;

    /// Applies pending migrations; `connect` does this already.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Waits for open connections to finish and closes the pool.
    async fn close(&self);

    /// One round trip to the database, for readiness checks.
    async fn ping(&self) -> Result<(), StoreError>;
}

/// Opens the database named by `database_url` and applies migrations.
/// `sqlite:` URLs create the file when missing; `postgres://` URLs select PostgreSQL.
pub async fn connect(database_url: &str) -> Result<Arc<dyn Store>, StoreError> {
    let store: Arc<dyn Store> = if database_url.starts_with("postgres") {
        Arc::new(PostgresStore::connect(database_url).await?)
    } else {
        Arc::new(SqliteStore::connect(database_url).await?)
    };
    store.migrate().await?;
    Ok(store)
}

/// A store failure as the user meets it: "try again in a minute" while the database is
/// unreachable, otherwise a logged internal error.
impl From<StoreError> for crate::error::AppError {
    fn from(error: StoreError) -> Self {
        crate::ops::names::database_error(error.is_unavailable());
        if error.is_unavailable() {
            Self::Unavailable(Box::new(error))
        } else {
            Self::internal(error)
        }
    }
}

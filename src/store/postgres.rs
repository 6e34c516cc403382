use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use super::StoreError;

/// For large or multi-process deployments.
pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(database_url: &str) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(10))
            .connect(database_url)
            .await?;
        Ok(Self { pool })
    }
}

super::core::impl_store!(
    PostgresStore,
    super::Backend::Postgres,
    "migrations/postgres"
);
super::settings::impl_settings_store!(PostgresStore);
super::guilds::impl_guild_store!(PostgresStore);
super::strength::impl_strength_store!(PostgresStore, sqlx::Postgres);
super::safety::impl_safety_store!(PostgresStore, sqlx::Postgres);
super::rest_timers::impl_timer_repo!(PostgresStore, sqlx::Postgres);

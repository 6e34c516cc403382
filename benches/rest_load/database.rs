//! The database of one run and the bench's own connection to it.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::Backend;

/// A database for one run: a file in the run's directory, or a PostgreSQL database created
/// for it on the server of `TEST_POSTGRES_URL`.
pub(crate) struct TempDatabase {
    pub(crate) url: String,
    /// (URL of the server's original database, name of the created database).
    postgres: Option<(String, String)>,
}

impl TempDatabase {
    pub(crate) async fn create(backend: Backend, dir: &Path) -> Result<Self, String> {
        match backend {
            Backend::Sqlite => Ok(Self {
                url: format!("sqlite://{}", dir.join("bench.db").display()),
                postgres: None,
            }),
            Backend::Postgres => {
                static RUNS: AtomicU32 = AtomicU32::new(0);
                let base = std::env::var("TEST_POSTGRES_URL")
                    .map_err(|_| "TEST_POSTGRES_URL is not set".to_owned())?;
                let name = format!(
                    "bench_rest_{}_{}",
                    std::process::id(),
                    RUNS.fetch_add(1, Ordering::SeqCst)
                );
                postgres_admin(&base, &format!("CREATE DATABASE {name}")).await?;
                let mut url = url::Url::parse(&base)
                    .map_err(|e| format!("TEST_POSTGRES_URL is not a URL: {e}"))?;
                url.set_path(&format!("/{name}"));
                Ok(Self {
                    url: url.to_string(),
                    postgres: Some((base, name)),
                })
            }
        }
    }

    /// Drops a PostgreSQL database (the SQLite file goes with its directory).
    pub(crate) async fn remove(self) -> Result<(), String> {
        match self.postgres {
            Some((base, name)) => {
                postgres_admin(
                    &base,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await
            }
            None => Ok(()),
        }
    }
}

async fn postgres_admin(base_url: &str, statement: &str) -> Result<(), String> {
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .connect(base_url)
        .await
        .map_err(|e| format!("connecting to TEST_POSTGRES_URL: {e}"))?;
    let outcome = sqlx::raw_sql(statement)
        .execute(&admin)
        .await
        .map(|_| ())
        .map_err(|e| format!("{statement}: {e}"));
    admin.close().await;
    outcome
}

/// Creates the bot's tables the way the bot does.
pub(crate) async fn prepare_schema(url: &str) -> Result<(), String> {
    let store = bfr_coach::store::connect(url)
        .await
        .map_err(|e| format!("migrating the bench database: {e}"))?;
    store.close().await;
    Ok(())
}

/// A connection pool of the bench's own, for bulk inserts and checks.
pub(crate) enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Pool {
    pub(crate) async fn connect(url: &str) -> Result<Self, String> {
        let pool = if url.starts_with("postgres") {
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map(Pool::Postgres)
        } else {
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map(Pool::Sqlite)
        };
        pool.map_err(|e| format!("connecting to the bench database: {e}"))
    }

    /// Runs the statements in one transaction.
    pub(crate) async fn execute_all(&self, statements: &[String]) -> Result<(), String> {
        let error = |e: sqlx::Error| format!("writing the bench database: {e}");
        match self {
            Pool::Sqlite(pool) => {
                let mut tx = pool.begin().await.map_err(error)?;
                for statement in statements {
                    sqlx::raw_sql(statement)
                        .execute(&mut *tx)
                        .await
                        .map_err(error)?;
                }
                tx.commit().await.map_err(error)
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await.map_err(error)?;
                for statement in statements {
                    sqlx::raw_sql(statement)
                        .execute(&mut *tx)
                        .await
                        .map_err(error)?;
                }
                tx.commit().await.map_err(error)
            }
        }
    }

    /// Timer rows by state.
    pub(crate) async fn state_counts(&self) -> Result<Vec<(String, i64)>, String> {
        const SQL: &str = "SELECT state, COUNT(*) FROM rest_timers GROUP BY state ORDER BY state";
        let rows = match self {
            Pool::Sqlite(pool) => {
                sqlx::query_as::<_, (String, i64)>(SQL)
                    .fetch_all(pool)
                    .await
            }
            Pool::Postgres(pool) => {
                sqlx::query_as::<_, (String, i64)>(SQL)
                    .fetch_all(pool)
                    .await
            }
        };
        rows.map_err(|e| format!("reading timer states: {e}"))
    }

    pub(crate) async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

//! Deleting what is kept only for a while: finished rest timers and expired screenings.
//! Both delete by age alone, so a run cut short, repeated, or racing another process's run
//! on the same database leaves the same result.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;

#[async_trait]
pub trait RetentionStore: Send + Sync {
    /// Deletes up to `limit` finished rests (sent, failed or canceled) that ended before
    /// `ended_before`; returns how many went. Running and claimed rests are never touched.
    async fn prune_rest_timers(
        &self,
        ended_before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, StoreError>;

    /// Deletes up to `limit` screening outcomes taken before `taken_before`.
    async fn prune_screenings(
        &self,
        taken_before: DateTime<Utc>,
        limit: u32,
    ) -> Result<u64, StoreError>;
}

/// Implements [`RetentionStore`] for a store type with a `pool` field; the SQL is portable
/// (a `LIMIT` in a subquery, since neither backend's `DELETE` takes one everywhere).
macro_rules! impl_retention_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::RetentionStore for $store {
            #[tracing::instrument(skip(self), err)]
            async fn prune_rest_timers(
                &self,
                ended_before: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> Result<u64, $crate::store::StoreError> {
                let done = sqlx::query(
                    "DELETE FROM rest_timers WHERE id IN (SELECT id FROM rest_timers \
                     WHERE state IN ('sent', 'failed', 'canceled') AND ends_at_ms < $1 \
                     ORDER BY id LIMIT $2)",
                )
                .bind(ended_before.timestamp_millis())
                .bind(i64::from(limit))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            #[tracing::instrument(skip(self), err)]
            async fn prune_screenings(
                &self,
                taken_before: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> Result<u64, $crate::store::StoreError> {
                let done = sqlx::query(
                    "DELETE FROM screenings WHERE id IN (SELECT id FROM screenings \
                     WHERE screened_at < $1 ORDER BY id LIMIT $2)",
                )
                .bind(taken_before)
                .bind(i64::from(limit))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(super) use impl_retention_store;

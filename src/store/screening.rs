//! Screening outcomes: the outcome and its date only, never the answers.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::StoreError;
use crate::domain::ids::UserId;
use crate::domain::screening::ScreeningOutcome;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningRecord {
    pub outcome: ScreeningOutcome,
    pub screened_at: DateTime<Utc>,
}

#[async_trait]
pub trait ScreeningStore: Send + Sync {
    async fn record_screening(
        &self,
        user_id: UserId,
        outcome: ScreeningOutcome,
    ) -> Result<ScreeningRecord, StoreError>;

    /// The user's most recent screening, if any.
    async fn latest_screening(
        &self,
        user_id: UserId,
    ) -> Result<Option<ScreeningRecord>, StoreError>;
}

/// Implements [`ScreeningStore`] for a store type with a `pool` field of database `$db`.
macro_rules! impl_screening_store {
    ($store:ty, $db:ty) => {
        fn screening_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::store::ScreeningRecord, $crate::store::StoreError> {
            use sqlx::Row as _;
            let outcome: String = row.try_get("outcome")?;
            Ok($crate::store::ScreeningRecord {
                outcome: $crate::domain::screening::ScreeningOutcome::parse(&outcome).ok_or_else(
                    || $crate::store::StoreError::Corrupt(format!("outcome {outcome:?}")),
                )?,
                screened_at: row.try_get("screened_at")?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::store::ScreeningStore for $store {
            #[tracing::instrument(skip(self), err)]
            async fn record_screening(
                &self,
                user_id: $crate::domain::ids::UserId,
                outcome: $crate::domain::screening::ScreeningOutcome,
            ) -> Result<$crate::store::ScreeningRecord, $crate::store::StoreError> {
                let row = sqlx::query(
                    "INSERT INTO screenings (user_id, outcome, screened_at) VALUES ($1, $2, $3) \
                     RETURNING outcome, screened_at",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .bind(outcome.as_str())
                .bind(chrono::Utc::now())
                .fetch_one(&self.pool)
                .await?;
                screening_from_row(&row)
            }

            #[tracing::instrument(skip(self), err)]
            async fn latest_screening(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Option<$crate::store::ScreeningRecord>, $crate::store::StoreError> {
                let row = sqlx::query(
                    "SELECT outcome, screened_at FROM screenings WHERE user_id = $1 \
                     ORDER BY id DESC LIMIT 1",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(screening_from_row).transpose()
            }
        }
    };
}

pub(super) use impl_screening_store;

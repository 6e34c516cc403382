//! One-rep maxes (with history) and training sessions.

use async_trait::async_trait;

use super::{
    NewOneRepMax, NewTrainingSession, OneRepMaxRecord, SessionId, SessionInputs, StoreError,
    TrainingSession,
};
use crate::domain::ids::UserId;

#[async_trait]
pub trait StrengthStore: Send + Sync {
    /// Adds an entry to the user's history; the newest entry is the current 1RM.
    async fn record_one_rep_max(
        &self,
        user_id: UserId,
        entry: &NewOneRepMax,
    ) -> Result<OneRepMaxRecord, StoreError>;

    /// The newest entry of each exercise, by exercise name.
    async fn current_one_rep_maxes(
        &self,
        user_id: UserId,
    ) -> Result<Vec<OneRepMaxRecord>, StoreError>;

    async fn current_one_rep_max(
        &self,
        user_id: UserId,
        exercise_key: &str,
    ) -> Result<Option<OneRepMaxRecord>, StoreError>;

    /// The latest screening, the exercise's current 1RM and the settings, in one statement:
    /// what every workout card needs before anything else.
    async fn session_inputs(
        &self,
        user_id: UserId,
        exercise_key: &str,
    ) -> Result<SessionInputs, StoreError>;

    /// Every entry for the exercise, oldest first.
    async fn one_rep_max_history(
        &self,
        user_id: UserId,
        exercise_key: &str,
    ) -> Result<Vec<OneRepMaxRecord>, StoreError>;

    /// Deletes the exercise's whole history; returns how many entries went.
    async fn delete_one_rep_maxes(
        &self,
        user_id: UserId,
        exercise_key: &str,
    ) -> Result<u64, StoreError>;

    async fn create_training_session(
        &self,
        session: &NewTrainingSession,
    ) -> Result<TrainingSession, StoreError>;

    async fn training_session(&self, id: SessionId) -> Result<Option<TrainingSession>, StoreError>;

    /// The user's newest workout that is not completed yet.
    async fn latest_open_training_session(
        &self,
        user_id: UserId,
    ) -> Result<Option<TrainingSession>, StoreError>;

    /// Marks set `set_number` done if it is the next one and the session is open; returns the
    /// updated session, or `None` when nothing changed (a repeated or stale press).
    async fn record_set_done(
        &self,
        id: SessionId,
        set_number: u32,
    ) -> Result<Option<TrainingSession>, StoreError>;

    /// Completes an open session with its first `sets` planned sets done (at least those
    /// already recorded, at most all); `None` if it was already complete.
    async fn complete_training_session(
        &self,
        id: SessionId,
        sets: u32,
    ) -> Result<Option<TrainingSession>, StoreError>;
}

/// Implements [`StrengthStore`] for a store type with a `pool` field of database `$db`.
/// Expanded beside `impl_screening_store!`, whose `screening_from_row` it uses.
macro_rules! impl_strength_store {
    ($store:ty, $db:ty) => {
        const ONE_REP_MAX_COLUMNS: &str =
            "id, exercise_key, exercise_name, value_kg, unit_entered, source, reps, recorded_at";
        const SESSION_COLUMNS: &str = "id, user_id, exercise_key, exercise_name, protocol, \
             load_kg, one_rep_max_kg, limb, planned_reps, rest_seconds, public, sets_done, total_reps, created_at, completed_at";

        fn one_rep_max_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::store::OneRepMaxRecord, $crate::store::StoreError> {
            use sqlx::Row as _;
            let unit: String = row.try_get("unit_entered")?;
            let source: String = row.try_get("source")?;
            let reps: Option<i32> = row.try_get("reps")?;
            Ok($crate::store::OneRepMaxRecord {
                id: row.try_get("id")?,
                exercise: $crate::store::ExerciseRef {
                    key: row.try_get("exercise_key")?,
                    name: row.try_get("exercise_name")?,
                },
                value_kg: row.try_get("value_kg")?,
                unit_entered: $crate::domain::strength::Unit::parse(&unit).map_err(|_| {
                    $crate::store::StoreError::Corrupt(format!("unit {unit:?}"))
                })?,
                source: $crate::store::OneRepMaxSource::parse(&source).ok_or_else(|| {
                    $crate::store::StoreError::Corrupt(format!("source {source:?}"))
                })?,
                reps: reps.map(|r| r.max(0) as u32),
                recorded_at: row.try_get("recorded_at")?,
            })
        }

        fn session_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::store::TrainingSession, $crate::store::StoreError> {
            use sqlx::Row as _;
            let planned: String = row.try_get("planned_reps")?;
            let limb: String = row.try_get("limb")?;
            let rest: i32 = row.try_get("rest_seconds")?;
            let sets_done: i32 = row.try_get("sets_done")?;
            let total_reps: Option<i32> = row.try_get("total_reps")?;
            Ok($crate::store::TrainingSession {
                id: $crate::store::ids::session_from_db(row.try_get("id")?)?,
                user_id: $crate::store::ids::from_db(row.try_get("user_id")?)?,
                exercise: $crate::store::ExerciseRef {
                    key: row.try_get("exercise_key")?,
                    name: row.try_get("exercise_name")?,
                },
                protocol: row.try_get("protocol")?,
                load_kg: row.try_get("load_kg")?,
                one_rep_max_kg: row.try_get("one_rep_max_kg")?,
                limb: $crate::domain::strength::Limb::parse(&limb).ok_or_else(|| {
                    $crate::store::StoreError::Corrupt(format!("limb {limb:?}"))
                })?,
                planned_reps: $crate::store::models::decode_reps(&planned)?,
                rest_seconds: rest.max(0) as u32,
                public: row.try_get("public")?,
                sets_done: sets_done.max(0) as u32,
                total_reps: total_reps.map(|t| t.max(0) as u32),
                created_at: row.try_get("created_at")?,
                completed_at: row.try_get("completed_at")?,
            })
        }

        fn small_int(value: u32) -> Result<i32, $crate::store::StoreError> {
            i32::try_from(value)
                .map_err(|_| $crate::store::StoreError::Corrupt(format!("{value} is too large")))
        }

        #[async_trait::async_trait]
        impl $crate::store::StrengthStore for $store {
            #[tracing::instrument(skip(self, entry), err)]
            async fn record_one_rep_max(
                &self,
                user_id: $crate::domain::ids::UserId,
                entry: &$crate::store::NewOneRepMax,
            ) -> Result<$crate::store::OneRepMaxRecord, $crate::store::StoreError> {
                let sql = format!(
                    "INSERT INTO one_rep_maxes (user_id, exercise_key, exercise_name, value_kg, \
                     unit_entered, source, reps, recorded_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {ONE_REP_MAX_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .bind(&entry.exercise.key)
                    .bind(&entry.exercise.name)
                    .bind(entry.value_kg)
                    .bind(entry.unit_entered.as_str())
                    .bind(entry.source.as_str())
                    .bind(entry.reps.map(small_int).transpose()?)
                    .bind(chrono::Utc::now())
                    .fetch_one(&self.pool)
                    .await?;
                one_rep_max_from_row(&row)
            }

            #[tracing::instrument(skip(self), err)]
            async fn current_one_rep_maxes(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Vec<$crate::store::OneRepMaxRecord>, $crate::store::StoreError> {
                let sql = format!(
                    "SELECT {ONE_REP_MAX_COLUMNS} FROM one_rep_maxes o WHERE user_id = $1 \
                     AND id = (SELECT MAX(id) FROM one_rep_maxes l \
                               WHERE l.user_id = o.user_id AND l.exercise_key = o.exercise_key) \
                     ORDER BY exercise_name"
                );
                let rows = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(one_rep_max_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn current_one_rep_max(
                &self,
                user_id: $crate::domain::ids::UserId,
                exercise_key: &str,
            ) -> Result<Option<$crate::store::OneRepMaxRecord>, $crate::store::StoreError> {
                let sql = format!(
                    "SELECT {ONE_REP_MAX_COLUMNS} FROM one_rep_maxes \
                     WHERE user_id = $1 AND exercise_key = $2 ORDER BY id DESC LIMIT 1"
                );
                let row = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .bind(exercise_key)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(one_rep_max_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn session_inputs(
                &self,
                user_id: $crate::domain::ids::UserId,
                exercise_key: &str,
            ) -> Result<$crate::store::SessionInputs, $crate::store::StoreError> {
                use sqlx::Row as _;
                // One row whatever is stored: each part joins onto it, NULL when missing.
                let sql = format!(
                    "SELECT s.units, s.load_step, s.time_zone, sc.outcome, sc.screened_at, o.* \
                     FROM (SELECT 1 AS one) u \
                     LEFT JOIN user_settings s ON s.user_id = $1 \
                     LEFT JOIN (SELECT outcome, screened_at FROM screenings WHERE user_id = $1 \
                       ORDER BY id DESC LIMIT 1) sc ON 1 = 1 \
                     LEFT JOIN (SELECT {ONE_REP_MAX_COLUMNS} FROM one_rep_maxes \
                       WHERE user_id = $1 AND exercise_key = $2 ORDER BY id DESC LIMIT 1) o \
                       ON 1 = 1"
                );
                let row = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .bind(exercise_key)
                    .fetch_one(&self.pool)
                    .await?;
                let outcome: Option<String> = row.try_get("outcome")?;
                let one_rep_max_id: Option<i64> = row.try_get("id")?;
                let units: Option<String> = row.try_get("units")?;
                let settings = match units {
                    Some(units) => $crate::store::settings::user_settings_from(
                        units,
                        row.try_get("load_step")?,
                        row.try_get("time_zone")?,
                    )?,
                    None => $crate::store::UserSettings::default(),
                };
                Ok($crate::store::SessionInputs {
                    screening: outcome.map(|_| screening_from_row(&row)).transpose()?,
                    one_rep_max: one_rep_max_id
                        .map(|_| one_rep_max_from_row(&row))
                        .transpose()?,
                    settings,
                })
            }

            #[tracing::instrument(skip(self), err)]
            async fn one_rep_max_history(
                &self,
                user_id: $crate::domain::ids::UserId,
                exercise_key: &str,
            ) -> Result<Vec<$crate::store::OneRepMaxRecord>, $crate::store::StoreError> {
                let sql = format!(
                    "SELECT {ONE_REP_MAX_COLUMNS} FROM one_rep_maxes \
                     WHERE user_id = $1 AND exercise_key = $2 ORDER BY id"
                );
                let rows = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .bind(exercise_key)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(one_rep_max_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn delete_one_rep_maxes(
                &self,
                user_id: $crate::domain::ids::UserId,
                exercise_key: &str,
            ) -> Result<u64, $crate::store::StoreError> {
                let done = sqlx::query(
                    "DELETE FROM one_rep_maxes WHERE user_id = $1 AND exercise_key = $2",
                )
                .bind($crate::store::ids::to_db(user_id)?)
                .bind(exercise_key)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }

            #[tracing::instrument(skip(self, session), err)]
            async fn create_training_session(
                &self,
                session: &$crate::store::NewTrainingSession,
            ) -> Result<$crate::store::TrainingSession, $crate::store::StoreError> {
                let sql = format!(
                    "INSERT INTO training_sessions (user_id, exercise_key, exercise_name, \
                     protocol, load_kg, one_rep_max_kg, limb, planned_reps, rest_seconds, \
                     public, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                     RETURNING {SESSION_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(session.user_id)?)
                    .bind(&session.exercise.key)
                    .bind(&session.exercise.name)
                    .bind(&session.protocol)
                    .bind(session.load_kg)
                    .bind(session.one_rep_max_kg)
                    .bind(session.limb.as_str())
                    .bind($crate::store::models::encode_reps(&session.planned_reps))
                    .bind(small_int(session.rest_seconds)?)
                    .bind(session.public)
                    .bind(chrono::Utc::now())
                    .fetch_one(&self.pool)
                    .await?;
                session_from_row(&row)
            }

            #[tracing::instrument(skip(self), err)]
            async fn training_session(
                &self,
                id: $crate::store::SessionId,
            ) -> Result<Option<$crate::store::TrainingSession>, $crate::store::StoreError> {
                let sql = format!("SELECT {SESSION_COLUMNS} FROM training_sessions WHERE id = $1");
                let row = sqlx::query(&sql).bind(id.get()).fetch_optional(&self.pool).await?;
                row.as_ref().map(session_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn latest_open_training_session(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Option<$crate::store::TrainingSession>, $crate::store::StoreError> {
                let sql = format!(
                    "SELECT {SESSION_COLUMNS} FROM training_sessions \
                     WHERE user_id = $1 AND completed_at IS NULL ORDER BY id DESC LIMIT 1"
                );
                let row = sqlx::query(&sql)
                    .bind($crate::store::ids::to_db(user_id)?)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(session_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn record_set_done(
                &self,
                id: $crate::store::SessionId,
                set_number: u32,
            ) -> Result<Option<$crate::store::TrainingSession>, $crate::store::StoreError> {
                // The guard on sets_done makes a double press or a stale card a no-op.
                let sql = format!(
                    "UPDATE training_sessions SET sets_done = $2 \
                     WHERE id = $1 AND sets_done = $2 - 1 AND completed_at IS NULL \
                     RETURNING {SESSION_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind(id.get())
                    .bind(small_int(set_number)?)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(session_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn complete_training_session(
                &self,
                id: $crate::store::SessionId,
                sets: u32,
            ) -> Result<Option<$crate::store::TrainingSession>, $crate::store::StoreError> {
                let Some(session) = self.training_session(id).await? else {
                    return Ok(None);
                };
                let planned = u32::try_from(session.planned_reps.len()).unwrap_or(u32::MAX);
                let sets = sets.max(session.sets_done).min(planned);
                let total: u32 = session.planned_reps.iter().take(sets as usize).sum();
                // `sets_done <= $2`: a set recorded since the read is never taken back.
                let sql = format!(
                    "UPDATE training_sessions SET sets_done = $2, total_reps = $3, \
                     completed_at = $4 WHERE id = $1 AND completed_at IS NULL \
                     AND sets_done <= $2 RETURNING {SESSION_COLUMNS}"
                );
                let row = sqlx::query(&sql)
                    .bind(id.get())
                    .bind(small_int(sets)?)
                    .bind(small_int(total)?)
                    .bind(chrono::Utc::now())
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(session_from_row).transpose()
            }
        }
    };
}

pub(super) use impl_strength_store;

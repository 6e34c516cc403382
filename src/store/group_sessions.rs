//! Group workouts of a challenge: the session paced by its leader and who is in it.
//! Every change is one guarded statement or one transaction, so double presses and
//! presses racing each other change nothing twice.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::challenge_models::{GroupSession, GroupSessionId, GroupToggle, NewGroupSession};
use super::StoreError;
use crate::domain::ids::UserId;

#[async_trait]
pub trait GroupSessionStore: Send + Sync {
    /// Opens a group workout with its leader as the first participant.
    async fn create_group_session(&self, new: &NewGroupSession)
        -> Result<GroupSession, StoreError>;

    async fn group_session(&self, id: GroupSessionId) -> Result<Option<GroupSession>, StoreError>;

    /// "I'm in": joins the user, or takes them out when they are in already, decided under
    /// the session's row lock by [`crate::domain::challenge::toggle`] with `capacity`
    /// people at most (the leader counted).
    async fn toggle_group_participant(
        &self,
        id: GroupSessionId,
        user_id: UserId,
        capacity: usize,
        now: DateTime<Utc>,
    ) -> Result<GroupToggle, StoreError>;

    /// Records set `set_number` if it is the next one of an open session; `None` for a
    /// double press, a stale card, or a finished workout.
    async fn record_group_set_done(
        &self,
        id: GroupSessionId,
        set_number: u32,
    ) -> Result<Option<GroupSession>, StoreError>;

    /// Completes an open session with `sets` sets done (at least those recorded; the caller
    /// keeps it within the plan, see `domain::challenge::sets_at_end`); `None` if it was already complete or a set was recorded since the caller
    /// read `sets_seen`. Only the call that completes it gets it back: the credit gate.
    async fn complete_group_session(
        &self,
        id: GroupSessionId,
        sets_seen: u32,
        sets: u32,
        now: DateTime<Utc>,
    ) -> Result<Option<GroupSession>, StoreError>;
}

/// Implements [`GroupSessionStore`] for a store type with a `pool` field of database `$db`.
macro_rules! impl_group_session_store {
    ($store:ty, $db:ty) => {
        mod group_session_sql {
            use sqlx::Row as _;

            use $crate::domain::ids::UserId;
            use $crate::domain::strength::Limb;
            use $crate::store::challenge_models::{
                ChallengeId, GroupParticipant, GroupSession, GroupSessionId,
            };
            use $crate::store::challenges::from_ms;
            use $crate::store::{ExerciseRef, StoreError};

            pub(super) const SESSION_COLUMNS: &str = "id, challenge_id, leader_id, \
                 exercise_key, exercise_name, protocol, percent, limb, planned_reps, \
                 rest_seconds, sets_done, created_at_ms, completed_at_ms";

            fn corrupt(what: impl std::fmt::Display) -> StoreError {
                StoreError::Corrupt(what.to_string())
            }

            pub(super) fn small_int(value: u32) -> Result<i32, StoreError> {
                i32::try_from(value).map_err(|_| corrupt(format!("{value} is too large")))
            }

            fn count(stored: i32) -> Result<u32, StoreError> {
                u32::try_from(stored).map_err(|_| corrupt(stored))
            }

            /// The session's row without its participants.
            pub(super) fn session_from_row(
                row: &<$db as sqlx::Database>::Row,
            ) -> Result<GroupSession, StoreError> {
                let id: i64 = row.try_get("id")?;
                let challenge: i64 = row.try_get("challenge_id")?;
                let limb: String = row.try_get("limb")?;
                let planned: String = row.try_get("planned_reps")?;
                let completed: Option<i64> = row.try_get("completed_at_ms")?;
                Ok(GroupSession {
                    id: GroupSessionId::new(id).ok_or_else(|| corrupt(id))?,
                    challenge_id: ChallengeId::new(challenge).ok_or_else(|| corrupt(challenge))?,
                    leader_id: $crate::store::ids::from_db::<UserId>(row.try_get("leader_id")?)?,
                    exercise: ExerciseRef {
                        key: row.try_get("exercise_key")?,
                        name: row.try_get("exercise_name")?,
                    },
                    protocol: row.try_get("protocol")?,
                    percent: row.try_get("percent")?,
                    limb: Limb::parse(&limb).ok_or_else(|| corrupt(&limb))?,
                    planned_reps: $crate::store::models::decode_reps(&planned)?,
                    rest_seconds: count(row.try_get("rest_seconds")?)?,
                    sets_done: count(row.try_get("sets_done")?)?,
                    created_at: from_ms(row.try_get("created_at_ms")?)?,
                    completed_at: completed.map(from_ms).transpose()?,
                    participants: Vec::new(),
                })
            }

            /// Fills in the participants, in join order.
            pub(super) async fn with_participants<'e, E>(
                executor: E,
                mut session: GroupSession,
            ) -> Result<GroupSession, StoreError>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let rows = sqlx::query(
                    "SELECT user_id, joined_after_set FROM challenge_group_participants \
                     WHERE group_session_id = $1 ORDER BY joined_at_ms, user_id",
                )
                .bind(session.id.get())
                .fetch_all(executor)
                .await?;
                session.participants = rows
                    .iter()
                    .map(|row| {
                        Ok(GroupParticipant {
                            user_id: $crate::store::ids::from_db::<UserId>(
                                row.try_get("user_id")?,
                            )?,
                            joined_after_set: count(row.try_get("joined_after_set")?)?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?;
                // The leader first, whatever the clock said when others joined.
                let leader = session.leader_id;
                session.participants.sort_by_key(|p| p.user_id != leader);
                Ok(session)
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::GroupSessionStore for $store {
            #[tracing::instrument(skip(self, new), err)]
            async fn create_group_session(
                &self,
                new: &$crate::store::NewGroupSession,
            ) -> Result<$crate::store::GroupSession, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                let mut tx = self.pool.begin().await?;
                let row = sqlx::query(&format!(
                    "INSERT INTO challenge_group_sessions (challenge_id, leader_id, \
                       exercise_key, exercise_name, protocol, percent, limb, planned_reps, \
                       rest_seconds, created_at_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {}",
                    group_session_sql::SESSION_COLUMNS
                ))
                .bind(new.challenge_id.get())
                .bind($crate::store::ids::to_db(new.leader_id)?)
                .bind(&new.exercise.key)
                .bind(&new.exercise.name)
                .bind(&new.protocol)
                .bind(new.percent)
                .bind(new.limb.as_str())
                .bind($crate::store::models::encode_reps(&new.planned_reps))
                .bind(group_session_sql::small_int(new.rest_seconds)?)
                .bind(to_ms(new.created_at))
                .fetch_one(&mut *tx)
                .await?;
                let session = group_session_sql::session_from_row(&row)?;
                sqlx::query(
                    "INSERT INTO challenge_group_participants (group_session_id, user_id, \
                       joined_at_ms, joined_after_set) VALUES ($1, $2, $3, 0)",
                )
                .bind(session.id.get())
                .bind($crate::store::ids::to_db(new.leader_id)?)
                .bind(to_ms(new.created_at))
                .execute(&mut *tx)
                .await?;
                let session = group_session_sql::with_participants(&mut *tx, session).await?;
                tx.commit().await?;
                Ok(session)
            }

            #[tracing::instrument(skip(self), err)]
            async fn group_session(
                &self,
                id: $crate::store::GroupSessionId,
            ) -> Result<Option<$crate::store::GroupSession>, $crate::store::StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {} FROM challenge_group_sessions WHERE id = $1",
                    group_session_sql::SESSION_COLUMNS
                ))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let session = group_session_sql::session_from_row(&row)?;
                Ok(Some(
                    group_session_sql::with_participants(&self.pool, session).await?,
                ))
            }

            #[tracing::instrument(skip(self), err)]
            async fn toggle_group_participant(
                &self,
                id: $crate::store::GroupSessionId,
                user_id: $crate::domain::ids::UserId,
                capacity: usize,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::GroupToggle, $crate::store::StoreError> {
                use $crate::domain::challenge::Toggle;
                use $crate::store::GroupToggle;
                let user = $crate::store::ids::to_db(user_id)?;
                let mut tx = self.pool.begin().await?;
                // Takes the session's row lock, so presses of one card are decided one after
                // the other and the group never grows past `capacity`.
                let row = sqlx::query(&format!(
                    "UPDATE challenge_group_sessions SET sets_done = sets_done \
                     WHERE id = $1 AND completed_at_ms IS NULL RETURNING {}",
                    group_session_sql::SESSION_COLUMNS
                ))
                .bind(id.get())
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(GroupToggle::Closed);
                };
                let session = group_session_sql::session_from_row(&row)?;
                let session = group_session_sql::with_participants(&mut *tx, session).await?;
                let decision = $crate::domain::challenge::toggle(
                    user_id,
                    session.leader_id,
                    &session.participant_ids(),
                    capacity,
                );
                match decision {
                    Toggle::LeaderStays => return Ok(GroupToggle::LeaderStays),
                    Toggle::Full => return Ok(GroupToggle::Full),
                    Toggle::Join => {
                        sqlx::query(
                            "INSERT INTO challenge_group_participants (group_session_id, \
                               user_id, joined_at_ms, joined_after_set) VALUES ($1, $2, $3, $4)",
                        )
                        .bind(id.get())
                        .bind(user)
                        .bind($crate::store::challenges::to_ms(now))
                        .bind(group_session_sql::small_int(session.sets_done)?)
                        .execute(&mut *tx)
                        .await?;
                    }
                    Toggle::Leave => {
                        sqlx::query(
                            "DELETE FROM challenge_group_participants \
                             WHERE group_session_id = $1 AND user_id = $2",
                        )
                        .bind(id.get())
                        .bind(user)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                let session = group_session_sql::with_participants(&mut *tx, session).await?;
                tx.commit().await?;
                Ok(match decision {
                    Toggle::Leave => GroupToggle::Left(session),
                    _ => GroupToggle::Joined(session),
                })
            }

            #[tracing::instrument(skip(self), err)]
            async fn record_group_set_done(
                &self,
                id: $crate::store::GroupSessionId,
                set_number: u32,
            ) -> Result<Option<$crate::store::GroupSession>, $crate::store::StoreError> {
                // The guard on sets_done makes a double press or a stale card a no-op.
                let row = sqlx::query(&format!(
                    "UPDATE challenge_group_sessions SET sets_done = $2 \
                     WHERE id = $1 AND sets_done = $2 - 1 AND completed_at_ms IS NULL \
                     RETURNING {}",
                    group_session_sql::SESSION_COLUMNS
                ))
                .bind(id.get())
                .bind(group_session_sql::small_int(set_number)?)
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let session = group_session_sql::session_from_row(&row)?;
                Ok(Some(
                    group_session_sql::with_participants(&self.pool, session).await?,
                ))
            }

            #[tracing::instrument(skip(self), err)]
            async fn complete_group_session(
                &self,
                id: $crate::store::GroupSessionId,
                sets_seen: u32,
                sets: u32,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::GroupSession>, $crate::store::StoreError> {
                // `sets_done = $2`: a set recorded since the read is never taken back, and
                // the press is refused instead; the plan caps what a forged press can claim.
                let row = sqlx::query(&format!(
                    "UPDATE challenge_group_sessions SET \
                       sets_done = CASE WHEN $3 < sets_done THEN sets_done ELSE $3 END, \
                       completed_at_ms = $4 \
                     WHERE id = $1 AND completed_at_ms IS NULL AND sets_done = $2 \
                     RETURNING {}",
                    group_session_sql::SESSION_COLUMNS
                ))
                .bind(id.get())
                .bind(group_session_sql::small_int(sets_seen)?)
                .bind(group_session_sql::small_int(sets)?)
                .bind($crate::store::challenges::to_ms(now))
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let session = group_session_sql::session_from_row(&row)?;
                Ok(Some(
                    group_session_sql::with_participants(&self.pool, session).await?,
                ))
            }
        }
    };
}

pub(super) use impl_group_session_store;

//! A person's data: exporting all of it, and forgetting all of it in one transaction.
//!
//! Every table with a column holding a user ID is read and written here; the test
//! `tests/store_privacy.rs` lists those columns from the schema itself, so a new one that is
//! not handled here fails it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::privacy_models::{ForgottenUser, UserExport};
use super::StoreError;
use crate::domain::ids::UserId;

#[async_trait]
pub trait PrivacyStore: Send + Sync {
    /// Everything stored about the user.
    async fn export_user(&self, user_id: UserId) -> Result<UserExport, StoreError>;

    /// Deletes every row about the user in one transaction: their settings, 1RMs, workouts,
    /// screenings, rests (those still to be announced are returned for the engine to drop),
    /// challenge memberships, entries, places in group workouts and the audit lines about
    /// them; they leave others' group rests. Challenges they created, group workouts they
    /// led and audit lines of their moderation stay for the others, with
    /// [`FORGOTTEN_USER`](crate::domain::privacy::FORGOTTEN_USER) in their place. The living leaderboards they were on (or announced) are marked due at `now`.
    async fn forget_user(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<ForgottenUser, StoreError>;
}

/// `ms` as RFC 3339, for the export.
pub(super) fn ms_text(ms: i64) -> Result<String, StoreError> {
    Ok(super::challenges::from_ms(ms)?.to_rfc3339())
}

/// A stored comma-separated ID list as strings.
pub(super) fn id_list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Implements [`PrivacyStore`] for a store type with a `pool` of database `$db`. Expanded
/// beside `impl_challenge_store!`, whose `challenge_sql::mark_board_due` it uses.
macro_rules! impl_privacy_store {
    ($store:ty, $db:ty) => {
        mod privacy_sql {
            use chrono::{DateTime, Utc};
            use sqlx::Row as _;

            use $crate::store::privacy::{id_list, ms_text};
            use $crate::store::privacy_models::*;
            use $crate::store::StoreError;

            type Tx<'a> = sqlx::Transaction<'a, $db>;

            fn text(at: DateTime<Utc>) -> String {
                at.to_rfc3339()
            }

            fn id_text(row: &<$db as sqlx::Database>::Row, column: &str) -> Result<String, StoreError> {
                Ok(row.try_get::<i64, _>(column)?.to_string())
            }

            pub(super) async fn settings(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Option<ExportedSettings>, StoreError> {
                let first_seen: Option<DateTime<Utc>> =
                    sqlx::query_scalar("SELECT created_at FROM users WHERE user_id = $1")
                        .bind(user)
                        .fetch_optional(&mut **tx)
                        .await?;
                let row = sqlx::query(
                    "SELECT units, load_step, time_zone, updated_at FROM user_settings \
                     WHERE user_id = $1",
                )
                .bind(user)
                .fetch_optional(&mut **tx)
                .await?;
                let last_rest: Option<i64> = sqlx::query_scalar(
                    "SELECT CAST(last_rest_seconds AS BIGINT) FROM rest_defaults WHERE user_id = $1",
                )
                .bind(user)
                .fetch_optional(&mut **tx)
                .await?;
                if first_seen.is_none() && row.is_none() && last_rest.is_none() {
                    return Ok(None);
                }
                let mut settings = ExportedSettings {
                    first_seen_at: first_seen.map(text),
                    units: None,
                    load_step: None,
                    time_zone: None,
                    updated_at: None,
                    last_rest_seconds: last_rest,
                };
                if let Some(row) = row {
                    settings.units = Some(row.try_get("units")?);
                    settings.load_step = row.try_get("load_step")?;
                    settings.time_zone = Some(row.try_get("time_zone")?);
                    let updated: DateTime<Utc> = row.try_get("updated_at")?;
                    settings.updated_at = Some(text(updated));
                }
                Ok(Some(settings))
            }

            pub(super) async fn one_rep_maxes(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedOneRepMax>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, exercise_key, exercise_name, value_kg, unit_entered, source, \
                     CAST(reps AS BIGINT) AS reps, recorded_at FROM one_rep_maxes \
                     WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        let recorded: DateTime<Utc> = row.try_get("recorded_at")?;
                        Ok(ExportedOneRepMax {
                            id: row.try_get("id")?,
                            exercise_key: row.try_get("exercise_key")?,
                            exercise_name: row.try_get("exercise_name")?,
                            value_kg: row.try_get("value_kg")?,
                            unit_entered: row.try_get("unit_entered")?,
                            source: row.try_get("source")?,
                            reps: row.try_get("reps")?,
                            recorded_at: text(recorded),
                        })
                    })
                    .collect()
            }

            pub(super) async fn workouts(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedWorkout>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, exercise_key, exercise_name, protocol, load_kg, one_rep_max_kg, \
                     limb, planned_reps, CAST(rest_seconds AS BIGINT) AS rest_seconds, public, \
                     CAST(sets_done AS BIGINT) AS sets_done, \
                     CAST(total_reps AS BIGINT) AS total_reps, created_at, completed_at \
                     FROM training_sessions WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        let planned: String = row.try_get("planned_reps")?;
                        let created: DateTime<Utc> = row.try_get("created_at")?;
                        let completed: Option<DateTime<Utc>> = row.try_get("completed_at")?;
                        Ok(ExportedWorkout {
                            id: row.try_get("id")?,
                            exercise_key: row.try_get("exercise_key")?,
                            exercise_name: row.try_get("exercise_name")?,
                            protocol: row.try_get("protocol")?,
                            load_kg: row.try_get("load_kg")?,
                            one_rep_max_kg: row.try_get("one_rep_max_kg")?,
                            limb: row.try_get("limb")?,
                            planned_reps: $crate::store::models::decode_reps(&planned)?,
                            rest_seconds: row.try_get("rest_seconds")?,
                            public: row.try_get("public")?,
                            sets_done: row.try_get("sets_done")?,
                            total_reps: row.try_get("total_reps")?,
                            created_at: text(created),
                            completed_at: completed.map(text),
                        })
                    })
                    .collect()
            }

            pub(super) async fn screenings(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedScreening>, StoreError> {
                let rows = sqlx::query(
                    "SELECT outcome, screened_at FROM screenings WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        let at: DateTime<Utc> = row.try_get("screened_at")?;
                        Ok(ExportedScreening {
                            outcome: row.try_get("outcome")?,
                            screened_at: text(at),
                        })
                    })
                    .collect()
            }

            /// `',' || ping_user_ids || ','` contains `,user,`: the user is in the list.
            pub(super) fn in_list_pattern(user: i64) -> String {
                format!("%,{user},%")
            }

            pub(super) async fn rests(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<(Vec<ExportedRest>, Vec<ExportedJoinedRest>), StoreError> {
                let rows = sqlx::query(
                    "SELECT id, channel_id, guild_id, state, ends_at_ms, label, next_set, \
                     ping_user_ids, ping_role_ids FROM rest_timers WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                let owned = rows
                    .iter()
                    .map(|row| {
                        let guild: Option<i64> = row.try_get("guild_id")?;
                        let users: String = row.try_get("ping_user_ids")?;
                        let roles: String = row.try_get("ping_role_ids")?;
                        Ok(ExportedRest {
                            id: row.try_get("id")?,
                            channel_id: id_text(row, "channel_id")?,
                            guild_id: guild.map(|id| id.to_string()),
                            state: row.try_get("state")?,
                            ends_at: ms_text(row.try_get("ends_at_ms")?)?,
                            label: row.try_get("label")?,
                            next_set: row.try_get("next_set")?,
                            ping_user_ids: id_list(&users),
                            ping_role_ids: id_list(&roles),
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                let rows = sqlx::query(
                    "SELECT id, channel_id, state, ends_at_ms FROM rest_timers \
                     WHERE user_id <> $1 AND ',' || ping_user_ids || ',' LIKE $2 ORDER BY id",
                )
                .bind(user)
                .bind(in_list_pattern(user))
                .fetch_all(&mut **tx)
                .await?;
                let joined = rows
                    .iter()
                    .map(|row| {
                        Ok(ExportedJoinedRest {
                            id: row.try_get("id")?,
                            channel_id: id_text(row, "channel_id")?,
                            state: row.try_get("state")?,
                            ends_at: ms_text(row.try_get("ends_at_ms")?)?,
                        })
                    })
                    .collect::<Result<Vec<_>, StoreError>>()?;
                Ok((owned, joined))
            }

            pub(super) async fn memberships(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedMembership>, StoreError> {
                let rows = sqlx::query(
                    "SELECT m.challenge_id, c.name, CAST(m.number AS BIGINT) AS number, \
                     m.joined_at_ms, m.visibility, m.ranked, m.display_name, m.left_at_ms, \
                     m.baseline_kg, m.score FROM challenge_members m \
                     JOIN challenges c ON c.id = m.challenge_id \
                     WHERE m.user_id = $1 ORDER BY m.challenge_id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        let left: Option<i64> = row.try_get("left_at_ms")?;
                        Ok(ExportedMembership {
                            challenge_id: row.try_get("challenge_id")?,
                            challenge_name: row.try_get("name")?,
                            number: row.try_get("number")?,
                            joined_at: ms_text(row.try_get("joined_at_ms")?)?,
                            visibility: row.try_get("visibility")?,
                            ranked: row.try_get("ranked")?,
                            display_name: row.try_get("display_name")?,
                            left_at: left.map(ms_text).transpose()?,
                            baseline_kg: row.try_get("baseline_kg")?,
                            score: row.try_get("score")?,
                        })
                    })
                    .collect()
            }

            pub(super) async fn entries(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedEntry>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, challenge_id, at_ms, amount, source, voided \
                     FROM challenge_entries WHERE user_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ExportedEntry {
                            id: row.try_get("id")?,
                            challenge_id: row.try_get("challenge_id")?,
                            at: ms_text(row.try_get("at_ms")?)?,
                            amount: row.try_get("amount")?,
                            source: row.try_get("source")?,
                            voided: row.try_get("voided")?,
                        })
                    })
                    .collect()
            }

            pub(super) async fn audit(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedAudit>, StoreError> {
                let rows = sqlx::query(
                    "SELECT challenge_id, entry_id, action, actor_id, member_id, amount, at_ms \
                     FROM challenge_audit WHERE member_id = $1 OR actor_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ExportedAudit {
                            challenge_id: row.try_get("challenge_id")?,
                            entry_id: row.try_get("entry_id")?,
                            action: row.try_get("action")?,
                            actor_id: id_text(row, "actor_id")?,
                            member_id: id_text(row, "member_id")?,
                            amount: row.try_get("amount")?,
                            at: ms_text(row.try_get("at_ms")?)?,
                        })
                    })
                    .collect()
            }

            pub(super) async fn challenges_created(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedChallenge>, StoreError> {
                let rows = sqlx::query(
                    "SELECT id, guild_id, channel_id, name, metric, starts_at_ms, ends_at_ms, \
                     created_at_ms FROM challenges WHERE creator_id = $1 ORDER BY id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ExportedChallenge {
                            id: row.try_get("id")?,
                            guild_id: id_text(row, "guild_id")?,
                            channel_id: id_text(row, "channel_id")?,
                            name: row.try_get("name")?,
                            metric: row.try_get("metric")?,
                            starts_at: ms_text(row.try_get("starts_at_ms")?)?,
                            ends_at: ms_text(row.try_get("ends_at_ms")?)?,
                            created_at: ms_text(row.try_get("created_at_ms")?)?,
                        })
                    })
                    .collect()
            }

            /// Group workouts they led or joined. `LEFT JOIN`: a session they led is listed
            /// even without their participant row.
            pub(super) async fn group_sessions(
                tx: &mut Tx<'_>,
                user: i64,
            ) -> Result<Vec<ExportedGroupSession>, StoreError> {
                let rows = sqlx::query(
                    "SELECT s.id, s.challenge_id, c.name, s.leader_id, s.exercise_key, \
                     s.exercise_name, s.protocol, s.percent, s.limb, s.planned_reps, \
                     CAST(s.rest_seconds AS BIGINT) AS rest_seconds, \
                     CAST(s.sets_done AS BIGINT) AS sets_done, s.created_at_ms, \
                     s.completed_at_ms, p.joined_at_ms, \
                     CAST(p.joined_after_set AS BIGINT) AS joined_after_set \
                     FROM challenge_group_sessions s \
                     JOIN challenges c ON c.id = s.challenge_id \
                     LEFT JOIN challenge_group_participants p \
                       ON p.group_session_id = s.id AND p.user_id = $1 \
                     WHERE s.leader_id = $1 OR p.user_id IS NOT NULL ORDER BY s.id",
                )
                .bind(user)
                .fetch_all(&mut **tx)
                .await?;
                rows.iter()
                    .map(|row| {
                        let planned: String = row.try_get("planned_reps")?;
                        let completed: Option<i64> = row.try_get("completed_at_ms")?;
                        let joined: Option<i64> = row.try_get("joined_at_ms")?;
                        let leader: i64 = row.try_get("leader_id")?;
                        Ok(ExportedGroupSession {
                            id: row.try_get("id")?,
                            challenge_id: row.try_get("challenge_id")?,
                            challenge_name: row.try_get("name")?,
                            led: leader == user,
                            exercise_key: row.try_get("exercise_key")?,
                            exercise_name: row.try_get("exercise_name")?,
                            protocol: row.try_get("protocol")?,
                            percent: row.try_get("percent")?,
                            limb: row.try_get("limb")?,
                            planned_reps: $crate::store::models::decode_reps(&planned)?,
                            rest_seconds: row.try_get("rest_seconds")?,
                            sets_done: row.try_get("sets_done")?,
                            created_at: ms_text(row.try_get("created_at_ms")?)?,
                            completed_at: completed.map(ms_text).transpose()?,
                            joined_at: joined.map(ms_text).transpose()?,
                            joined_after_set: row.try_get("joined_after_set")?,
                        })
                    })
                    .collect()
            }

            /// Deletes with `statement` (binding the user as `$1`); the rows it removed.
            pub(super) async fn delete(
                tx: &mut Tx<'_>,
                statement: &str,
                user: i64,
            ) -> Result<u64, StoreError> {
                let done = sqlx::query(statement).bind(user).execute(&mut **tx).await?;
                Ok(done.rows_affected())
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::PrivacyStore for $store {
            #[tracing::instrument(skip(self), err)]
            async fn export_user(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<$crate::store::UserExport, $crate::store::StoreError> {
                let user = $crate::store::ids::to_db(user_id)?;
                // One transaction: a consistent picture even while they keep training.
                let mut tx = self.pool.begin().await?;
                let (rests_owned, rests_joined) = privacy_sql::rests(&mut tx, user).await?;
                let export = $crate::store::UserExport {
                    settings: privacy_sql::settings(&mut tx, user).await?,
                    one_rep_maxes: privacy_sql::one_rep_maxes(&mut tx, user).await?,
                    workouts: privacy_sql::workouts(&mut tx, user).await?,
                    screenings: privacy_sql::screenings(&mut tx, user).await?,
                    rests_owned,
                    rests_joined,
                    challenge_memberships: privacy_sql::memberships(&mut tx, user).await?,
                    challenge_entries: privacy_sql::entries(&mut tx, user).await?,
                    challenge_audit: privacy_sql::audit(&mut tx, user).await?,
                    challenges_created: privacy_sql::challenges_created(&mut tx, user).await?,
                    group_sessions: privacy_sql::group_sessions(&mut tx, user).await?,
                };
                tx.commit().await?;
                Ok(export)
            }

            #[tracing::instrument(skip(self), err)]
            async fn forget_user(
                &self,
                user_id: $crate::domain::ids::UserId,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::store::ForgottenUser, $crate::store::StoreError> {
                use privacy_sql::delete;
                let user = $crate::store::ids::to_db(user_id)?;
                let stand_in = $crate::store::ids::to_db($crate::domain::privacy::FORGOTTEN_USER)?;
                let mut tx = self.pool.begin().await?;
                let mut forgotten = $crate::store::ForgottenUser::default();

                // Challenges: the boards they were on, or whose announcement names them,
                // are edited without them.
                let mut boards: Vec<i64> = sqlx::query_scalar(
                    "SELECT challenge_id FROM challenge_members WHERE user_id = $1 \
                     UNION SELECT id FROM challenges WHERE creator_id = $1",
                )
                .bind(user)
                .fetch_all(&mut *tx)
                .await?;
                boards.sort_unstable();
                forgotten.challenge_entries =
                    delete(&mut tx, "DELETE FROM challenge_entries WHERE user_id = $1", user)
                        .await?;
                forgotten.audit_lines =
                    delete(&mut tx, "DELETE FROM challenge_audit WHERE member_id = $1", user)
                        .await?;
                forgotten.audit_lines_anonymised =
                    sqlx::query("UPDATE challenge_audit SET actor_id = $2 WHERE actor_id = $1")
                        .bind(user)
                        .bind(stand_in)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                forgotten.challenge_memberships =
                    delete(&mut tx, "DELETE FROM challenge_members WHERE user_id = $1", user)
                        .await?;
                forgotten.challenges_anonymised =
                    sqlx::query("UPDATE challenges SET creator_id = $2 WHERE creator_id = $1")
                        .bind(user)
                        .bind(stand_in)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                // Group workouts: their places go, those they led included; a workout they
                // led stays for the others under the stand-in, whom no presser can be, so it
                // can no longer be advanced (the card says so).
                forgotten.group_participations = delete(
                    &mut tx,
                    "DELETE FROM challenge_group_participants WHERE user_id = $1",
                    user,
                )
                .await?;
                forgotten.group_sessions_anonymised = sqlx::query(
                    "UPDATE challenge_group_sessions SET leader_id = $2 WHERE leader_id = $1",
                )
                .bind(user)
                .bind(stand_in)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                for challenge in boards {
                    challenge_sql::mark_board_due(&mut tx, challenge, now).await?;
                }

                // Rests: theirs go (those not yet announced are also dropped by the
                // engine); in others' they are taken out of the ping list, the owner first
                // so never empty. ",a,U,b," loses ",U," and its outer commas.
                let mut canceled: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM rest_timers WHERE user_id = $1 \
                     AND state IN ('pending', 'claimed')",
                )
                .bind(user)
                .fetch_all(&mut *tx)
                .await?;
                canceled.sort_unstable();
                forgotten.canceled_rests =
                    canceled.into_iter().map($crate::timers::TimerId).collect();
                forgotten.rests =
                    delete(&mut tx, "DELETE FROM rest_timers WHERE user_id = $1", user).await?;
                forgotten.rests_left = sqlx::query(
                    "UPDATE rest_timers SET ping_user_ids = CASE \
                       WHEN REPLACE(',' || ping_user_ids || ',', $1, ',') = ',' THEN '' \
                       ELSE SUBSTR(REPLACE(',' || ping_user_ids || ',', $1, ','), 2, \
                         LENGTH(REPLACE(',' || ping_user_ids || ',', $1, ',')) - 2) END \
                     WHERE ',' || ping_user_ids || ',' LIKE $2",
                )
                .bind(format!(",{user},"))
                .bind(privacy_sql::in_list_pattern(user))
                .execute(&mut *tx)
                .await?
                .rows_affected();

                forgotten.screenings =
                    delete(&mut tx, "DELETE FROM screenings WHERE user_id = $1", user).await?;
                forgotten.one_rep_maxes =
                    delete(&mut tx, "DELETE FROM one_rep_maxes WHERE user_id = $1", user).await?;
                forgotten.workouts =
                    delete(&mut tx, "DELETE FROM training_sessions WHERE user_id = $1", user)
                        .await?;
                forgotten.settings =
                    delete(&mut tx, "DELETE FROM rest_defaults WHERE user_id = $1", user).await?
                        + delete(&mut tx, "DELETE FROM user_settings WHERE user_id = $1", user)
                            .await?
                        + delete(&mut tx, "DELETE FROM users WHERE user_id = $1", user).await?;
                tx.commit().await?;
                Ok(forgotten)
            }
        }
    };
}

pub(super) use impl_privacy_store;

//! Rest timers: the SQL behind [`crate::timers::TimerRepo`], portable between both backends.
//!
//! Each method is one statement (or, for `insert`, one transaction) whose WHERE clause holds
//! the whole condition, so two processes sharing a database never both win a timer.

use crate::domain::ids::DiscordId;
use crate::timers::RepoError;

pub(super) const TIMER_COLUMNS: &str = "id, user_id, channel_id, guild_id, ends_at_ms, label, \
     next_set, ping_user_ids, ping_role_ids, countdown_message_id, followup_token, \
     followup_until_ms, via_interaction";

/// A database error, marked unavailable when the database could not be reached.
pub(super) fn repo_error(error: sqlx::Error) -> RepoError {
    if super::faults::is_unavailable(&error) {
        RepoError::unavailable(error.to_string())
    } else {
        RepoError::new(error.to_string())
    }
}

/// IDs as stored: comma-separated, empty for none.
pub(super) fn encode_ids<I: DiscordId>(ids: &[I]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads an ID list back. IDs that cannot be Discord's (0, or past `i64::MAX`, written by
/// an older version that did not check them) are dropped with a warning rather than
/// failing the row: the rest still pings everyone else.
pub(super) fn decode_ids<I: DiscordId>(text: &str) -> Result<Vec<I>, RepoError> {
    let mut ids = Vec::new();
    for part in text.split(',').filter(|part| !part.is_empty()) {
        let id = part
            .parse::<u64>()
            .map_err(|_| RepoError::new(format!("bad ID list {text:?}")))?;
        match I::new(id) {
            Some(id) => ids.push(id),
            None => tracing::warn!(id, "dropped an invalid ID stored in a rest timer"),
        }
    }
    Ok(ids)
}

/// Implements [`crate::timers::TimerRepo`] for a store type with a `pool` of database `$db`.
macro_rules! impl_timer_repo {
    ($store:ty, $db:ty) => {
        fn timer_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::timers::RestTimer, $crate::timers::RepoError> {
            use sqlx::Row as _;
            use $crate::store::ids::from_db;
            use $crate::store::rest_timers::{decode_ids, repo_error};
            let get_i64 = |name: &str| row.try_get::<i64, _>(name).map_err(repo_error);
            let opt_i64 = |name: &str| row.try_get::<Option<i64>, _>(name).map_err(repo_error);
            let opt_text = |name: &str| row.try_get::<Option<String>, _>(name).map_err(repo_error);
            let users: String = row.try_get("ping_user_ids").map_err(repo_error)?;
            let roles: String = row.try_get("ping_role_ids").map_err(repo_error)?;
            Ok($crate::timers::RestTimer {
                id: $crate::timers::TimerId(get_i64("id")?),
                user_id: from_db(get_i64("user_id")?)?,
                channel_id: from_db(get_i64("channel_id")?)?,
                guild_id: opt_i64("guild_id")?.map(from_db).transpose()?,
                ends_at_ms: get_i64("ends_at_ms")?,
                label: opt_text("label")?,
                next_set: opt_text("next_set")?,
                ping_user_ids: decode_ids(&users)?,
                ping_role_ids: decode_ids(&roles)?,
                countdown_message_id: opt_i64("countdown_message_id")?
                    .map(from_db)
                    .transpose()?,
                followup: match (opt_text("followup_token")?, opt_i64("followup_until_ms")?) {
                    (Some(token), Some(until_ms)) => {
                        Some($crate::timers::OwnerFollowup { token, until_ms })
                    }
                    _ => None,
                },
                via_interaction: row.try_get("via_interaction").map_err(repo_error)?,
            })
        }

        fn pending_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> Result<$crate::timers::PendingTimer, $crate::timers::RepoError> {
            use sqlx::Row as _;
            use $crate::store::ids::from_db;
            use $crate::store::rest_timers::repo_error;
            Ok($crate::timers::PendingTimer {
                id: $crate::timers::TimerId(row.try_get("id").map_err(repo_error)?),
                channel_id: from_db(row.try_get("channel_id").map_err(repo_error)?)?,
                ends_at_ms: row.try_get("ends_at_ms").map_err(repo_error)?,
            })
        }

        /// `… WHERE id IN (…)` with one bind per id; callers pass at most 1,000 ids.
        fn push_ids(
            builder: &mut sqlx::QueryBuilder<'_, $db>,
            ids: &[$crate::timers::TimerId],
        ) {
            builder.push(" id IN (");
            let mut list = builder.separated(", ");
            for id in ids {
                list.push_bind(id.0);
            }
            list.push_unseparated(")");
        }

        #[async_trait::async_trait]
        impl $crate::timers::TimerRepo for $store {
            async fn insert(
                &self,
                timer: &$crate::timers::NewRestTimer,
            ) -> Result<$crate::timers::Inserted, $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{encode_ids, repo_error, TIMER_COLUMNS};
                // IDs are checked before the transaction, so a bad one is reported as itself.
                let user_id = to_db(timer.user_id)?;
                let channel_id = to_db(timer.channel_id)?;
                let guild_id = timer.guild_id.map(to_db).transpose()?;
                // A concurrent start for the same user and channel trips the unique index;
                // the second attempt then sees (and replaces) the first.
                let mut last_error = None;
                for _ in 0..2 {
                    let attempt = async {
                        let mut tx = self.pool.begin().await?;
                        let replaced = sqlx::query(&format!(
                            "UPDATE rest_timers SET state = 'canceled' WHERE user_id = $1 \
                             AND channel_id = $2 AND state = 'pending' RETURNING {TIMER_COLUMNS}"
                        ))
                        .bind(user_id)
                        .bind(channel_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let inserted = sqlx::query(&format!(
                            "INSERT INTO rest_timers (user_id, channel_id, guild_id, ends_at_ms, \
                             label, next_set, ping_user_ids, ping_role_ids, created_at_ms, \
                             followup_token, followup_until_ms, via_interaction) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                             RETURNING {TIMER_COLUMNS}"
                        ))
                        .bind(user_id)
                        .bind(channel_id)
                        .bind(guild_id)
                        .bind(timer.ends_at_ms)
                        .bind(&timer.label)
                        .bind(&timer.next_set)
                        .bind(encode_ids(&timer.ping_user_ids))
                        .bind(encode_ids(&timer.ping_role_ids))
                        .bind(chrono::Utc::now().timestamp_millis())
                        .bind(timer.followup.as_ref().map(|f| f.token.clone()))
                        .bind(timer.followup.as_ref().map(|f| f.until_ms))
                        .bind(timer.via_interaction)
                        .fetch_one(&mut *tx)
                        .await?;
                        tx.commit().await?;
                        Ok::<_, sqlx::Error>((inserted, replaced))
                    };
                    match attempt.await {
                        Ok((inserted, replaced)) => {
                            return Ok($crate::timers::Inserted {
                                timer: timer_from_row(&inserted)?,
                                replaced: replaced.as_ref().map(timer_from_row).transpose()?,
                            })
                        }
                        Err(error) => last_error = Some(error),
                    }
                }
                Err(last_error.map_or_else(
                    || $crate::timers::RepoError::new("insert failed"),
                    repo_error,
                ))
            }

            async fn load_pending(
                &self,
                after: Option<$crate::timers::TimerId>,
                limit: usize,
            ) -> Result<Vec<$crate::timers::PendingTimer>, $crate::timers::RepoError> {
                use $crate::store::rest_timers::repo_error;
                let rows = sqlx::query(
                    "SELECT id, channel_id, ends_at_ms FROM rest_timers \
                     WHERE state = 'pending' AND id > $1 ORDER BY id LIMIT $2",
                )
                .bind(after.map_or(0, |id| id.0))
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(repo_error)?;
                rows.iter().map(pending_from_row).collect()
            }

            async fn recoverable(
                &self,
                now_ms: i64,
                ends_before_ms: i64,
                limit: usize,
            ) -> Result<Vec<$crate::timers::PendingTimer>, $crate::timers::RepoError> {
                use $crate::store::rest_timers::repo_error;
                let rows = sqlx::query(
                    "SELECT id, channel_id, ends_at_ms FROM rest_timers \
                     WHERE (state = 'pending' AND ends_at_ms <= $1) \
                        OR (state = 'claimed' AND claimed_until < $2) \
                     ORDER BY ends_at_ms LIMIT $3",
                )
                .bind(ends_before_ms)
                .bind(now_ms)
                .bind(i64::try_from(limit).unwrap_or(i64::MAX))
                .fetch_all(&self.pool)
                .await
                .map_err(repo_error)?;
                rows.iter().map(pending_from_row).collect()
            }

            async fn claim(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
                now_ms: i64,
                lease_ms: i64,
            ) -> Result<Vec<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::timers::MAX_CLAIM_ATTEMPTS;
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut give_up = sqlx::QueryBuilder::<$db>::new(
                    "UPDATE rest_timers SET state = 'failed', failure = ",
                );
                give_up
                    .push_bind(format!("gave up after {MAX_CLAIM_ATTEMPTS} claims"))
                    .push(" WHERE state = 'claimed' AND claimed_until < ")
                    .push_bind(now_ms)
                    .push(" AND claim_attempts >= ")
                    .push_bind(MAX_CLAIM_ATTEMPTS)
                    .push(" AND");
                push_ids(&mut give_up, ids);
                give_up
                    .build()
                    .execute(&self.pool)
                    .await
                    .map_err(repo_error)?;
                let mut builder = sqlx::QueryBuilder::<$db>::new(
                    "UPDATE rest_timers SET state = 'claimed', \
                     claim_attempts = claim_attempts + 1, claimed_by = ",
                );
                builder
                    .push_bind(owner.to_owned())
                    .push(", claimed_until = ")
                    .push_bind(now_ms.saturating_add(lease_ms))
                    .push(" WHERE claim_attempts < ")
                    .push_bind(MAX_CLAIM_ATTEMPTS)
                    .push(" AND ends_at_ms <= ")
                    .push_bind(now_ms)
                    .push(" AND (state = 'pending' OR (state = 'claimed' AND claimed_until < ")
                    .push_bind(now_ms)
                    .push(")) AND");
                push_ids(&mut builder, ids);
                builder.push(format!(" RETURNING {TIMER_COLUMNS}"));
                let rows = builder
                    .build()
                    .fetch_all(&self.pool)
                    .await
                    .map_err(repo_error)?;
                // One unreadable row (e.g. an ID an older version stored unchecked) is failed
                // on its own; it must not take the batch's other rests down with it.
                let mut won = Vec::with_capacity(rows.len());
                let mut unreadable = Vec::new();
                for row in &rows {
                    match timer_from_row(row) {
                        Ok(timer) => won.push(timer),
                        Err(error) => {
                            use sqlx::Row as _;
                            let id: i64 = row.try_get("id").map_err(repo_error)?;
                            tracing::error!(timer_id = id, %error, "a claimed rest timer cannot be read; marking it failed");
                            unreadable.push($crate::timers::TimerId(id));
                        }
                    }
                }
                if !unreadable.is_empty() {
                    let mut fail = sqlx::QueryBuilder::<$db>::new(
                        "UPDATE rest_timers SET state = 'failed', failure = 'unreadable row' WHERE",
                    );
                    push_ids(&mut fail, &unreadable);
                    fail.build()
                        .execute(&self.pool)
                        .await
                        .map_err(repo_error)?;
                }
                Ok(won)
            }

            async fn renew(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
                now_ms: i64,
                lease_ms: i64,
            ) -> Result<Vec<$crate::timers::TimerId>, $crate::timers::RepoError> {
                use sqlx::Row as _;
                use $crate::store::rest_timers::repo_error;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut builder =
                    sqlx::QueryBuilder::<$db>::new("UPDATE rest_timers SET claimed_until = ");
                builder
                    .push_bind(now_ms.saturating_add(lease_ms))
                    .push(" WHERE state = 'claimed' AND claimed_by = ")
                    .push_bind(owner.to_owned())
                    .push(" AND");
                push_ids(&mut builder, ids);
                builder.push(" RETURNING id");
                let rows = builder
                    .build()
                    .fetch_all(&self.pool)
                    .await
                    .map_err(repo_error)?;
                rows.iter()
                    .map(|row| {
                        row.try_get::<i64, _>("id")
                            .map($crate::timers::TimerId)
                            .map_err(repo_error)
                    })
                    .collect()
            }

            async fn release(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
            ) -> Result<(), $crate::timers::RepoError> {
                self.update_claimed(ids, owner, "claimed_until = 0", None)
                    .await
            }

            async fn mark_sent(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
                message_id: $crate::domain::ids::MessageId,
            ) -> Result<(), $crate::timers::RepoError> {
                let message_id = $crate::store::ids::to_db(message_id)?;
                self.update_claimed(
                    ids,
                    owner,
                    "state = 'sent', sent_message_id = ",
                    Some(ClaimValue::Id(message_id)),
                )
                .await
            }

            async fn mark_failed(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
                reason: &str,
            ) -> Result<(), $crate::timers::RepoError> {
                self.update_claimed(
                    ids,
                    owner,
                    "state = 'failed', failure = ",
                    Some(ClaimValue::Text(reason.to_owned())),
                )
                .await
            }

            async fn cancel(
                &self,
                user_id: $crate::domain::ids::UserId,
                channel_id: $crate::domain::ids::ChannelId,
            ) -> Result<Option<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                let row = sqlx::query(&format!(
                    "UPDATE rest_timers SET state = 'canceled' WHERE user_id = $1 \
                     AND channel_id = $2 AND state = 'pending' RETURNING {TIMER_COLUMNS}"
                ))
                .bind(to_db(user_id)?)
                .bind(to_db(channel_id)?)
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                row.as_ref().map(timer_from_row).transpose()
            }

            async fn cancel_timer(
                &self,
                id: $crate::timers::TimerId,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Option<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                let row = sqlx::query(&format!(
                    "UPDATE rest_timers SET state = 'canceled' WHERE id = $1 \
                     AND user_id = $2 AND state = 'pending' RETURNING {TIMER_COLUMNS}"
                ))
                .bind(id.0)
                .bind(to_db(user_id)?)
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                row.as_ref().map(timer_from_row).transpose()
            }

            async fn extend(
                &self,
                id: $crate::timers::TimerId,
                user_id: $crate::domain::ids::UserId,
                by_ms: i64,
            ) -> Result<Option<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                let row = sqlx::query(&format!(
                    "UPDATE rest_timers SET ends_at_ms = ends_at_ms + $1 WHERE id = $2 \
                     AND user_id = $3 AND state = 'pending' RETURNING {TIMER_COLUMNS}"
                ))
                .bind(by_ms)
                .bind(id.0)
                .bind(to_db(user_id)?)
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                row.as_ref().map(timer_from_row).transpose()
            }

            async fn set_countdown_message(
                &self,
                id: $crate::timers::TimerId,
                message_id: $crate::domain::ids::MessageId,
            ) -> Result<(), $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::repo_error;
                sqlx::query("UPDATE rest_timers SET countdown_message_id = $1 WHERE id = $2")
                    .bind(to_db(message_id)?)
                    .bind(id.0)
                    .execute(&self.pool)
                    .await
                    .map_err(repo_error)?;
                Ok(())
            }

            async fn running_channels(
                &self,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Vec<$crate::domain::ids::ChannelId>, $crate::timers::RepoError> {
                use $crate::store::ids::{all_from_db, to_db};
                use $crate::store::rest_timers::repo_error;
                let channels: Vec<i64> = sqlx::query_scalar(
                    "SELECT channel_id FROM rest_timers WHERE user_id = $1 AND state = 'pending'",
                )
                .bind(to_db(user_id)?)
                .fetch_all(&self.pool)
                .await
                .map_err(repo_error)?;
                Ok(all_from_db(channels)?)
            }

            async fn list_running(
                &self,
                channel_id: $crate::domain::ids::ChannelId,
            ) -> Result<Vec<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                let rows = sqlx::query(&format!(
                    "SELECT {TIMER_COLUMNS} FROM rest_timers WHERE channel_id = $1 \
                     AND state IN ('pending', 'claimed') ORDER BY ends_at_ms"
                ))
                .bind(to_db(channel_id)?)
                .fetch_all(&self.pool)
                .await
                .map_err(repo_error)?;
                rows.iter().map(timer_from_row).collect()
            }

            async fn running(
                &self,
                id: $crate::timers::TimerId,
            ) -> Result<Option<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::rest_timers::{repo_error, TIMER_COLUMNS};
                let row = sqlx::query(&format!(
                    "SELECT {TIMER_COLUMNS} FROM rest_timers WHERE id = $1 AND state = 'pending'"
                ))
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                row.as_ref().map(timer_from_row).transpose()
            }

            async fn replace_ping_users(
                &self,
                id: $crate::timers::TimerId,
                expected: &[$crate::domain::ids::UserId],
                new: &[$crate::domain::ids::UserId],
            ) -> Result<Option<$crate::timers::RestTimer>, $crate::timers::RepoError> {
                use $crate::store::rest_timers::{encode_ids, repo_error, TIMER_COLUMNS};
                let row = sqlx::query(&format!(
                    "UPDATE rest_timers SET ping_user_ids = $1 WHERE id = $2 \
                     AND state = 'pending' AND ping_user_ids = $3 RETURNING {TIMER_COLUMNS}"
                ))
                .bind(encode_ids(new))
                .bind(id.0)
                .bind(encode_ids(expected))
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                row.as_ref().map(timer_from_row).transpose()
            }

            async fn latest_ping_list(
                &self,
                owner: $crate::domain::ids::UserId,
                channel_id: $crate::domain::ids::ChannelId,
                since_ms: i64,
            ) -> Result<Option<Vec<$crate::domain::ids::UserId>>, $crate::timers::RepoError> {
                use sqlx::Row as _;
                use $crate::store::ids::to_db;
                use $crate::store::rest_timers::{decode_ids, repo_error};
                let row = sqlx::query(
                    "SELECT ping_user_ids, ends_at_ms FROM rest_timers WHERE user_id = $1 \
                     AND channel_id = $2 ORDER BY id DESC LIMIT 1",
                )
                .bind(to_db(owner)?)
                .bind(to_db(channel_id)?)
                .fetch_optional(&self.pool)
                .await
                .map_err(repo_error)?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let ends_at_ms: i64 = row.try_get("ends_at_ms").map_err(repo_error)?;
                if ends_at_ms < since_ms {
                    return Ok(None);
                }
                let users: String = row.try_get("ping_user_ids").map_err(repo_error)?;
                decode_ids(&users).map(Some)
            }
        }

        enum ClaimValue {
            Id(i64),
            Text(String),
        }

        impl $store {
            /// `UPDATE … SET <assignment><value> WHERE id IN (…) AND state = 'claimed' AND
            /// claimed_by = owner`: only the process holding the claim may finish it.
            async fn update_claimed(
                &self,
                ids: &[$crate::timers::TimerId],
                owner: &str,
                assignment: &str,
                value: Option<ClaimValue>,
            ) -> Result<(), $crate::timers::RepoError> {
                if ids.is_empty() {
                    return Ok(());
                }
                let mut builder = sqlx::QueryBuilder::<$db>::new("UPDATE rest_timers SET ");
                builder.push(assignment);
                match value {
                    Some(ClaimValue::Id(id)) => {
                        builder.push_bind(id);
                    }
                    Some(ClaimValue::Text(text)) => {
                        builder.push_bind(text);
                    }
                    None => {}
                }
                builder
                    .push(" WHERE state = 'claimed' AND claimed_by = ")
                    .push_bind(owner.to_owned())
                    .push(" AND");
                push_ids(&mut builder, ids);
                builder
                    .build()
                    .execute(&self.pool)
                    .await
                    .map_err($crate::store::rest_timers::repo_error)?;
                Ok(())
            }
        }
    };
}

pub(super) use impl_timer_repo;

//! Group challenges: definitions, members with their kept-up-to-date scores, entries, the
//! audit trail, and the claims of the scheduled posts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::challenge_models::{
    AuditRecord, Challenge, ChallengeId, Credit, EntryId, Joined, LeaderboardPage, ManualLog,
    NewChallenge, NewMember, Standing, StoredEntry,
};
use super::StoreError;
use crate::domain::challenge::{ChallengeWindow, PostedMarkers};
use crate::domain::ids::{GuildId, UserId};

/// How the living leaderboard and the scheduled posts are claimed, like rest timers: one
/// process holds a challenge for `lease` while it posts; another takes over after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostClaim<'a> {
    pub owner: &'a str,
    pub now: DateTime<Utc>,
    pub lease_until: DateTime<Utc>,
    pub scope: GuildScope,
}

/// Whose challenges a poster handles: the console's stand-in guild's only, or every other
/// (Discord's), so a console and a bot sharing a database never post each other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuildScope {
    Only(GuildId),
    AllBut(GuildId),
}

impl GuildScope {
    /// The guild and whether it is the one wanted, as the SQL filter
    /// `(guild_id = $guild) = $wanted` takes them.
    pub(super) fn filter(self) -> (GuildId, bool) {
        match self {
            GuildScope::Only(guild) => (guild, true),
            GuildScope::AllBut(guild) => (guild, false),
        }
    }
}

#[async_trait]
pub trait ChallengeStore: Send + Sync {
    /// Creates the challenge, its living leaderboard due at once; `None` when an open
    /// challenge of the guild already has that name.
    async fn create_challenge(&self, new: &NewChallenge) -> Result<Option<Challenge>, StoreError>;

    async fn challenge(&self, id: ChallengeId) -> Result<Option<Challenge>, StoreError>;

    /// The guild's challenge with that name key: the open one, else the latest ended.
    async fn challenge_named(
        &self,
        guild_id: GuildId,
        name_key: &str,
    ) -> Result<Option<Challenge>, StoreError>;

    /// The guild's open challenges and those whose results came after `ended_since`,
    /// newest first.
    async fn guild_challenges(
        &self,
        guild_id: GuildId,
        ended_since: DateTime<Utc>,
    ) -> Result<Vec<Challenge>, StoreError>;

    /// Ends a running challenge early with `window` (already ended) and the results due
    /// at `next_post_at`; `None` if it had already ended.
    async fn end_challenge(
        &self,
        id: ChallengeId,
        window: ChallengeWindow,
        next_post_at: Option<DateTime<Utc>>,
    ) -> Result<Option<Challenge>, StoreError>;

    async fn join_challenge(
        &self,
        id: ChallengeId,
        member: &NewMember,
    ) -> Result<Joined, StoreError>;

    /// Stops future credit; `false` if they were not a member.
    async fn leave_challenge(
        &self,
        id: ChallengeId,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;

    /// Current members with their scores, in join order.
    async fn standings(&self, id: ChallengeId) -> Result<Vec<Standing>, StoreError>;

    /// The top `top` ranked members, the viewer's own standing and rank, the number ranked
    /// and everyone's total, in a few indexed reads however large the challenge.
    async fn leaderboard_page(
        &self,
        id: ChallengeId,
        viewer: Option<UserId>,
        top: u32,
    ) -> Result<LeaderboardPage, StoreError>;

    /// One current member's standing.
    async fn standing(
        &self,
        id: ChallengeId,
        user_id: UserId,
    ) -> Result<Option<Standing>, StoreError>;

    /// The guild's challenges running at `at` that the user takes part in.
    async fn running_memberships(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        at: DateTime<Utc>,
    ) -> Result<Vec<Challenge>, StoreError>;

    /// Credits a workout (a set or a finished session) to the user in each challenge, in
    /// one transaction, and marks each leaderboard for an edit.
    async fn credit_workout(
        &self,
        user_id: UserId,
        at: DateTime<Utc>,
        credits: &[Credit],
    ) -> Result<(), StoreError>;

    /// What the user logged by hand (not voided) in `[from, to)`.
    async fn manually_logged(
        &self,
        id: ChallengeId,
        user_id: UserId,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<i64, StoreError>;

    /// Stores a manual log and its audit line; `None` if they are no longer a member.
    async fn log_manual(&self, log: &ManualLog) -> Result<Option<EntryId>, StoreError>;

    /// Voids an entry of the challenge, with its audit line; `None` if there is no such
    /// entry or it was voided already.
    async fn void_entry(
        &self,
        id: ChallengeId,
        entry_id: EntryId,
        actor_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredEntry>, StoreError>;

    /// The newest audit lines, newest first.
    async fn audit_trail(
        &self,
        id: ChallengeId,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, StoreError>;

    /// A member's newest entries, newest first, voided ones included.
    async fn member_entries(
        &self,
        id: ChallengeId,
        user_id: UserId,
        limit: u32,
    ) -> Result<Vec<StoredEntry>, StoreError>;

    /// Records a new 1RM for every improvement challenge on that exercise the user takes
    /// part in and that runs at `at`: the first becomes the baseline, later ones raise the
    /// score when the gain is larger. Returns the challenges whose score changed.
    async fn record_improvement(
        &self,
        user_id: UserId,
        exercise_key: &str,
        value_kg: f64,
        at: DateTime<Utc>,
    ) -> Result<Vec<ChallengeId>, StoreError>;

    /// The earliest instant a leaderboard edit or a scheduled post in `scope` is due, if any.
    async fn next_challenge_post_at(
        &self,
        scope: GuildScope,
    ) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// Claims up to `limit` challenges with a leaderboard edit or a post due by `claim.now`.
    async fn claim_due_challenges(
        &self,
        claim: PostClaim<'_>,
        limit: u32,
    ) -> Result<Vec<Challenge>, StoreError>;

    /// Records the living leaderboard as posted or edited at `at` (message `message_id`;
    /// `None` keeps the one stored, e.g. when the channel is gone); an edit that became due
    /// after `due_seen` stays due.
    async fn board_done(
        &self,
        id: ChallengeId,
        owner: &str,
        message_id: Option<u64>,
        at: DateTime<Utc>,
        due_seen: DateTime<Utc>,
    ) -> Result<(), StoreError>;

    /// Records scheduled posts as made, with the next one due at `next_post_at`.
    async fn posts_done(
        &self,
        id: ChallengeId,
        owner: &str,
        posted: PostedMarkers,
        next_post_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError>;

    /// Gives the claim up (the work is done, or is left for a retry after `retry_at`).
    async fn release_challenge(
        &self,
        id: ChallengeId,
        owner: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError>;
}

/// Milliseconds since the Unix epoch, as stored.
pub(super) fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

pub(super) fn from_ms(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("instant {ms} ms is out of range")))
}

/// Implements [`ChallengeStore`] for a store type with a `pool` field of database `$db`.
macro_rules! impl_challenge_store {
    ($store:ty, $db:ty) => {
        mod challenge_sql {
            use chrono::{DateTime, Utc};
            use sqlx::Row as _;

            use $crate::domain::challenge::{
                ChallengeDefinition, ChallengeMetric, ChallengeWindow, Entry, Member,
                MemberScore, PostedMarkers, TeamTarget, Visibility,
            };
            use $crate::domain::ids::{ChannelId, GuildId, UserId};
            use $crate::store::challenge_models::{
                source_from_db, AuditAction, AuditRecord, Challenge, ChallengeId, EntryId,
                Standing, StoredEntry,
            };
            use $crate::store::challenges::{from_ms, to_ms};
            use $crate::store::{ExerciseRef, StoreError};

            pub(super) const CHALLENGE_COLUMNS: &str = "id, guild_id, channel_id, creator_id, \
                 name, metric, exercise_key, exercise_name, team_target, starts_at_ms, \
                 ends_at_ms, ended_early, created_at_ms, board_message_id, board_due_at_ms, \
                 board_edited_at_ms, last_week_posted, final_posted, next_post_at_ms";

            pub(super) const MEMBER_COLUMNS: &str = "m.user_id, m.number, m.joined_at_ms, \
                 m.visibility, m.ranked, m.baseline_kg, m.display_name, m.score, \
                 m.reached_at_ms, s.time_zone";

            /// A current member's standing, read on `conn`.
            pub(super) async fn standing(
                conn: &mut <$db as sqlx::Database>::Connection,
                challenge: i64,
                user: i64,
            ) -> Result<Option<$crate::store::Standing>, StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {MEMBER_COLUMNS} FROM challenge_members m \
                     LEFT JOIN user_settings s ON s.user_id = m.user_id \
                     WHERE m.challenge_id = $1 AND m.user_id = $2 AND m.left_at_ms IS NULL"
                ))
                .bind(challenge)
                .bind(user)
                .fetch_optional(&mut *conn)
                .await?;
                row.as_ref().map(standing_from_row).transpose()
            }

            pub(super) const ENTRY_COLUMNS: &str = "id, user_id, at_ms, amount, source, voided";

            fn corrupt(what: impl std::fmt::Display) -> StoreError {
                StoreError::Corrupt(what.to_string())
            }

            pub(super) fn user(stored: i64) -> Result<UserId, StoreError> {
                Ok($crate::store::ids::from_db::<UserId>(stored)?)
            }

            /// A message ID (kept as `u64` by the poster) through the one checked conversion.
            pub(super) fn message_to_db(id: u64) -> Result<i64, StoreError> {
                let message = $crate::domain::ids::MessageId::new(id)
                    .ok_or_else(|| corrupt(format!("message ID {id}")))?;
                Ok($crate::store::ids::to_db(message)?)
            }

            fn optional_ms(
                row: &<$db as sqlx::Database>::Row,
                column: &str,
            ) -> Result<Option<DateTime<Utc>>, StoreError> {
                let ms: Option<i64> = row.try_get(column)?;
                ms.map(from_ms).transpose()
            }

            pub(super) fn challenge_from_row(
                row: &<$db as sqlx::Database>::Row,
            ) -> Result<Challenge, StoreError> {
                let id: i64 = row.try_get("id")?;
                let metric: String = row.try_get("metric")?;
                let metric = ChallengeMetric::parse(&metric).ok_or_else(|| corrupt(&metric))?;
                let team_target: Option<i32> = row.try_get("team_target")?;
                let team_target = team_target
                    .map(|target| TeamTarget::new(i64::from(target)).map_err(|_| corrupt(target)))
                    .transpose()?;
                let exercise_key: Option<String> = row.try_get("exercise_key")?;
                let exercise_name: Option<String> = row.try_get("exercise_name")?;
                let board_message_id: Option<i64> = row.try_get("board_message_id")?;
                let last_week_posted: i32 = row.try_get("last_week_posted")?;
                let guild_id: i64 = row.try_get("guild_id")?;
                let channel_id: i64 = row.try_get("channel_id")?;
                Ok(Challenge {
                    id: ChallengeId::new(id).ok_or_else(|| corrupt(id))?,
                    guild_id: $crate::store::ids::from_db::<GuildId>(guild_id)?,
                    channel_id: $crate::store::ids::from_db::<ChannelId>(channel_id)?,
                    creator_id: user(row.try_get("creator_id")?)?,
                    definition: ChallengeDefinition {
                        name: row.try_get("name")?,
                        metric,
                        window: ChallengeWindow {
                            start: from_ms(row.try_get("starts_at_ms")?)?,
                            end: from_ms(row.try_get("ends_at_ms")?)?,
                            ended_early: row.try_get("ended_early")?,
                        },
                        team_target,
                    },
                    exercise: match (exercise_key, exercise_name) {
                        (Some(key), Some(name)) => Some(ExerciseRef { key, name }),
                        _ => None,
                    },
                    created_at: from_ms(row.try_get("created_at_ms")?)?,
                    board_message_id: board_message_id
                        .map($crate::store::ids::from_db::<$crate::domain::ids::MessageId>)
                        .transpose()?
                        .map($crate::domain::ids::DiscordId::get),
                    board_due_at: optional_ms(row, "board_due_at_ms")?,
                    board_edited_at: optional_ms(row, "board_edited_at_ms")?,
                    posted: PostedMarkers {
                        last_week_posted: u32::try_from(last_week_posted)
                            .map_err(|_| corrupt(last_week_posted))?,
                        final_posted: row.try_get("final_posted")?,
                    },
                    next_post_at: optional_ms(row, "next_post_at_ms")?,
                })
            }

            pub(super) fn standing_from_row(
                row: &<$db as sqlx::Database>::Row,
            ) -> Result<Standing, StoreError> {
                let user_id = user(row.try_get("user_id")?)?;
                let number: i32 = row.try_get("number")?;
                let visibility: String = row.try_get("visibility")?;
                let time_zone: Option<String> = row.try_get("time_zone")?;
                let member = Member {
                    user_id,
                    number: u32::try_from(number).map_err(|_| corrupt(number))?,
                    joined_at: from_ms(row.try_get("joined_at_ms")?)?,
                    visibility: Visibility::parse(&visibility)
                        .ok_or_else(|| corrupt(&visibility))?,
                    ranked: row.try_get("ranked")?,
                    // A zone that no longer parses falls back to UTC rather than hiding
                    // the member.
                    time_zone: $crate::store::stored_zone(time_zone.as_deref()),
                };
                Ok(Standing {
                    member,
                    score: MemberScore {
                        user_id,
                        value: row.try_get("score")?,
                        reached_at: from_ms(row.try_get("reached_at_ms")?)?,
                    },
                    baseline_kg: row.try_get("baseline_kg")?,
                    display_name: row.try_get("display_name")?,
                })
            }

            pub(super) fn entry_from_row(
                row: &<$db as sqlx::Database>::Row,
            ) -> Result<StoredEntry, StoreError> {
                let id: i64 = row.try_get("id")?;
                let source: String = row.try_get("source")?;
                Ok(StoredEntry {
                    id: EntryId::new(id).ok_or_else(|| corrupt(id))?,
                    entry: Entry {
                        user_id: user(row.try_get("user_id")?)?,
                        at: from_ms(row.try_get("at_ms")?)?,
                        amount: row.try_get("amount")?,
                        source: source_from_db(&source).ok_or_else(|| corrupt(&source))?,
                        voided: row.try_get("voided")?,
                    },
                })
            }

            pub(super) fn audit_from_row(
                row: &<$db as sqlx::Database>::Row,
            ) -> Result<AuditRecord, StoreError> {
                let entry_id: i64 = row.try_get("entry_id")?;
                let action: String = row.try_get("action")?;
                Ok(AuditRecord {
                    entry_id: EntryId::new(entry_id).ok_or_else(|| corrupt(entry_id))?,
                    action: AuditAction::parse(&action).ok_or_else(|| corrupt(&action))?,
                    actor_id: user(row.try_get("actor_id")?)?,
                    member_id: user(row.try_get("member_id")?)?,
                    amount: row.try_get("amount")?,
                    at: from_ms(row.try_get("at_ms")?)?,
                })
            }

            /// Takes the member's row lock first, so that concurrent credits to one member
            /// are scored one after the other; `false` if they are not a current member.
            pub(super) async fn lock_member(
                tx: &mut sqlx::Transaction<'_, $db>,
                challenge: i64,
                user: i64,
            ) -> Result<bool, StoreError> {
                let locked = sqlx::query(
                    "UPDATE challenge_members SET score = score \
                     WHERE challenge_id = $1 AND user_id = $2 AND left_at_ms IS NULL",
                )
                .bind(challenge)
                .bind(user)
                .execute(&mut **tx)
                .await?;
                Ok(locked.rows_affected() > 0)
            }

            /// Recomputes one member's score from their entries, and marks the living
            /// leaderboard due (at most one edit a minute).
            pub(super) async fn rescore_member(
                tx: &mut sqlx::Transaction<'_, $db>,
                challenge: i64,
                user: i64,
                now: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE id = $1"
                ))
                .bind(challenge)
                .fetch_optional(&mut **tx)
                .await?;
                let Some(row) = row else {
                    return Ok(());
                };
                let stored = challenge_from_row(&row)?;
                let window = stored.definition.window;
                match stored.definition.metric {
                    ChallengeMetric::Sessions
                    | ChallengeMetric::Reps
                    | ChallengeMetric::Volume
                    | ChallengeMetric::TeamGoal => {
                        sqlx::query(
                            "UPDATE challenge_members SET \
                               score = (SELECT COALESCE(SUM(e.amount), 0) \
                                 FROM challenge_entries e WHERE e.challenge_id = $1 \
                                 AND e.user_id = $2 AND NOT e.voided \
                                 AND e.at_ms >= $3 AND e.at_ms < $4), \
                               reached_at_ms = COALESCE((SELECT MAX(e.at_ms) \
                                 FROM challenge_entries e WHERE e.challenge_id = $1 \
                                 AND e.user_id = $2 AND NOT e.voided \
                                 AND e.at_ms >= $3 AND e.at_ms < $4), joined_at_ms) \
                             WHERE challenge_id = $1 AND user_id = $2",
                        )
                        .bind(challenge)
                        .bind(user)
                        .bind(to_ms(window.start))
                        .bind(to_ms(window.end))
                        .execute(&mut **tx)
                        .await?;
                    }
                    ChallengeMetric::Streak => {
                        let zone: Option<String> = sqlx::query_scalar(
                            "SELECT time_zone FROM user_settings WHERE user_id = $1",
                        )
                        .bind(user)
                        .fetch_optional(&mut **tx)
                        .await?;
                        let zone = $crate::store::stored_zone(zone.as_deref());
                        let days: Vec<i64> = sqlx::query_scalar(
                            "SELECT at_ms FROM challenge_entries WHERE challenge_id = $1 \
                             AND user_id = $2 AND NOT voided AND at_ms >= $3 AND at_ms < $4",
                        )
                        .bind(challenge)
                        .bind(user)
                        .bind(to_ms(window.start))
                        .bind(to_ms(window.end))
                        .fetch_all(&mut **tx)
                        .await?;
                        let sessions = days.into_iter().map(from_ms).collect::<Result<Vec<_>, _>>()?;
                        let streak = $crate::domain::challenge::longest_streak(sessions, zone);
                        sqlx::query(
                            "UPDATE challenge_members SET score = $3, \
                               reached_at_ms = COALESCE($4, joined_at_ms) \
                             WHERE challenge_id = $1 AND user_id = $2",
                        )
                        .bind(challenge)
                        .bind(user)
                        .bind(i64::from(streak.days))
                        .bind(streak.reached_at.map(to_ms))
                        .execute(&mut **tx)
                        .await?;
                    }
                    // Scored from 1RMs, not from entries.
                    ChallengeMetric::Improvement => {}
                }
                mark_board_due(tx, challenge, now).await
            }

            /// The living leaderboard is due for an edit: now, or a minute after the last
            /// edit; an edit already due keeps its time, unless a poster holds the
            /// challenge: it may be editing from what it read, so the due time moves past
            /// the one it saw and its `board_done` leaves the board due.
            pub(super) async fn mark_board_due(
                tx: &mut sqlx::Transaction<'_, $db>,
                challenge: i64,
                now: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                sqlx::query(
                    "UPDATE challenges SET board_due_at_ms = CASE \
                       WHEN board_due_at_ms IS NOT NULL AND claimed_by IS NULL \
                         THEN board_due_at_ms \
                       WHEN board_due_at_ms IS NOT NULL THEN CASE \
                         WHEN $2 > board_due_at_ms THEN $2 ELSE board_due_at_ms + 1 END \
                       WHEN board_edited_at_ms IS NULL OR board_edited_at_ms + $3 <= $2 THEN $2 \
                       ELSE board_edited_at_ms + $3 END \
                     WHERE id = $1 AND final_posted = FALSE",
                )
                .bind(challenge)
                .bind(to_ms(now))
                .bind($crate::domain::challenge::LEADERBOARD_EDIT_INTERVAL_SECONDS * 1000)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::store::ChallengeStore for $store {
            #[tracing::instrument(skip(self, new), err)]
            async fn create_challenge(
                &self,
                new: &$crate::store::NewChallenge,
            ) -> Result<Option<$crate::store::Challenge>, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                let definition = &new.definition;
                let now = to_ms(new.created_at);
                let row = sqlx::query(&format!(
                    "INSERT INTO challenges (guild_id, channel_id, creator_id, name, name_key, \
                       metric, exercise_key, exercise_name, team_target, starts_at_ms, \
                       ends_at_ms, created_at_ms, board_due_at_ms, next_post_at_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) \
                     ON CONFLICT DO NOTHING RETURNING {}",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind($crate::store::ids::to_db(new.guild_id)?)
                .bind($crate::store::ids::to_db(new.channel_id)?)
                .bind($crate::store::ids::to_db(new.creator_id)?)
                .bind(&definition.name)
                .bind($crate::domain::challenge::name_key(&definition.name))
                .bind(definition.metric.slug())
                .bind(new.exercise.as_ref().map(|e| e.key.clone()))
                .bind(new.exercise.as_ref().map(|e| e.name.clone()))
                .bind(
                    definition
                        .team_target
                        .map(|t| i32::try_from(t.get()).unwrap_or(i32::MAX)),
                )
                .bind(to_ms(definition.window.start))
                .bind(to_ms(definition.window.end))
                .bind(now)
                .bind(new.next_post_at.map(to_ms))
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(challenge_sql::challenge_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn challenge(
                &self,
                id: $crate::store::ChallengeId,
            ) -> Result<Option<$crate::store::Challenge>, $crate::store::StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {} FROM challenges WHERE id = $1",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(challenge_sql::challenge_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn challenge_named(
                &self,
                guild_id: $crate::domain::ids::GuildId,
                name_key: &str,
            ) -> Result<Option<$crate::store::Challenge>, $crate::store::StoreError> {
                let row = sqlx::query(&format!(
                    "SELECT {} FROM challenges WHERE guild_id = $1 AND name_key = $2 \
                     ORDER BY final_posted, id DESC LIMIT 1",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind($crate::store::ids::to_db(guild_id)?)
                .bind(name_key)
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(challenge_sql::challenge_from_row).transpose()
            }

            #[tracing::instrument(skip(self), err)]
            async fn guild_challenges(
                &self,
                guild_id: $crate::domain::ids::GuildId,
                ended_since: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<$crate::store::Challenge>, $crate::store::StoreError> {
                // The results come at the end plus the grace period, or at the end of a
                // challenge ended early (`ChallengeWindow::results_at`).
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM challenges WHERE guild_id = $1 \
                     AND (final_posted = FALSE OR CASE WHEN ended_early THEN ends_at_ms \
                       ELSE ends_at_ms + $3 END >= $2) \
                     ORDER BY id DESC LIMIT 50",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind($crate::store::ids::to_db(guild_id)?)
                .bind($crate::store::challenges::to_ms(ended_since))
                .bind($crate::domain::challenge::grace_period().num_milliseconds())
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::challenge_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn end_challenge(
                &self,
                id: $crate::store::ChallengeId,
                window: $crate::domain::challenge::ChallengeWindow,
                next_post_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<Option<$crate::store::Challenge>, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                let row = sqlx::query(&format!(
                    "UPDATE challenges SET ends_at_ms = $2, ended_early = TRUE, \
                       next_post_at_ms = $3 \
                     WHERE id = $1 AND ended_early = FALSE AND final_posted = FALSE \
                       AND ends_at_ms > $2 RETURNING {}",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind(id.get())
                .bind(to_ms(window.end))
                .bind(next_post_at.map(to_ms))
                .fetch_optional(&self.pool)
                .await?;
                row.as_ref().map(challenge_sql::challenge_from_row).transpose()
            }

            #[tracing::instrument(skip(self, member), err)]
            async fn join_challenge(
                &self,
                id: $crate::store::ChallengeId,
                member: &$crate::store::NewMember,
            ) -> Result<$crate::store::Joined, $crate::store::StoreError> {
                use sqlx::Row as _;
                use $crate::store::challenges::to_ms;
                let user = $crate::store::ids::to_db(member.user_id)?;
                let mut tx = self.pool.begin().await?;
                // Joins to one challenge go one at a time, so a user joining twice at once
                // is found as a member by the second join.
                // (Not `SET id = id`: PostgreSQL refuses any update of an identity column.)
                sqlx::query("UPDATE challenges SET guild_id = guild_id WHERE id = $1")
                    .bind(id.get())
                    .execute(&mut *tx)
                    .await?;
                let existing = sqlx::query(
                    "SELECT left_at_ms FROM challenge_members \
                     WHERE challenge_id = $1 AND user_id = $2",
                )
                .bind(id.get())
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
                let kind = match existing {
                    Some(row) => {
                        let left: Option<i64> = row.try_get("left_at_ms")?;
                        sqlx::query(
                            "UPDATE challenge_members SET visibility = $3, ranked = $4, \
                               left_at_ms = NULL, display_name = COALESCE($5, display_name) \
                             WHERE challenge_id = $1 AND user_id = $2",
                        )
                        .bind(id.get())
                        .bind(user)
                        .bind(member.visibility.as_str())
                        .bind(member.ranked)
                        .bind(member.display_name.as_deref())
                        .execute(&mut *tx)
                        .await?;
                        // Back on the board, or shown differently on it.
                        challenge_sql::mark_board_due(&mut tx, id.get(), member.joined_at).await?;
                        if left.is_some() {
                            // Credit from before leaving counts again.
                            challenge_sql::rescore_member(&mut tx, id.get(), user, member.joined_at)
                                .await?;
                            1
                        } else {
                            2
                        }
                    }
                    None => {
                        // From the challenge's counter, not the members still stored: a
                        // number stays taken after its member's data is deleted.
                        let number: i32 = sqlx::query_scalar(
                            "UPDATE challenges SET next_member_number = next_member_number + 1 \
                             WHERE id = $1 RETURNING next_member_number - 1",
                        )
                        .bind(id.get())
                        .fetch_one(&mut *tx)
                        .await?;
                        sqlx::query(
                            "INSERT INTO challenge_members (challenge_id, user_id, number, \
                               joined_at_ms, visibility, ranked, baseline_kg, display_name, reached_at_ms) \
                             VALUES ($1, $2, $8, $3, $4, $5, $6, $7, $3)",
                        )
                        .bind(id.get())
                        .bind(user)
                        .bind(to_ms(member.joined_at))
                        .bind(member.visibility.as_str())
                        .bind(member.ranked)
                        .bind(member.baseline_kg)
                        .bind(member.display_name.as_deref())
                        .bind(number)
                        .execute(&mut *tx)
                        .await?;
                        challenge_sql::mark_board_due(&mut tx, id.get(), member.joined_at).await?;
                        0
                    }
                };
                let row = sqlx::query(&format!(
                    "SELECT {} FROM challenge_members m \
                     LEFT JOIN user_settings s ON s.user_id = m.user_id \
                     WHERE m.challenge_id = $1 AND m.user_id = $2",
                    challenge_sql::MEMBER_COLUMNS
                ))
                .bind(id.get())
                .bind(user)
                .fetch_one(&mut *tx)
                .await?;
                let standing = challenge_sql::standing_from_row(&row)?;
                tx.commit().await?;
                Ok(match kind {
                    0 => $crate::store::Joined::New(standing.member),
                    1 => $crate::store::Joined::Back(standing.member),
                    _ => $crate::store::Joined::Already(standing.member),
                })
            }

            #[tracing::instrument(skip(self), err)]
            async fn leave_challenge(
                &self,
                id: $crate::store::ChallengeId,
                user_id: $crate::domain::ids::UserId,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let left = sqlx::query(
                    "UPDATE challenge_members SET left_at_ms = $3 \
                     WHERE challenge_id = $1 AND user_id = $2 AND left_at_ms IS NULL",
                )
                .bind(id.get())
                .bind($crate::store::ids::to_db(user_id)?)
                .bind($crate::store::challenges::to_ms(now))
                .execute(&mut *tx)
                .await?;
                if left.rows_affected() > 0 {
                    challenge_sql::mark_board_due(&mut tx, id.get(), now).await?;
                }
                tx.commit().await?;
                Ok(left.rows_affected() > 0)
            }

            #[tracing::instrument(skip(self), err)]
            async fn standings(
                &self,
                id: $crate::store::ChallengeId,
            ) -> Result<Vec<$crate::store::Standing>, $crate::store::StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM challenge_members m \
                     LEFT JOIN user_settings s ON s.user_id = m.user_id \
                     WHERE m.challenge_id = $1 AND m.left_at_ms IS NULL ORDER BY m.number",
                    challenge_sql::MEMBER_COLUMNS
                ))
                .bind(id.get())
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::standing_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn leaderboard_page(
                &self,
                id: $crate::store::ChallengeId,
                viewer: Option<$crate::domain::ids::UserId>,
                top: u32,
            ) -> Result<$crate::store::LeaderboardPage, $crate::store::StoreError> {
                use sqlx::Row as _;
                // One connection for the page's four reads: each trip through the pool
                // costs a hand-over to another task and a check of the connection.
                let mut conn = self.pool.acquire().await?;
                // The domain's order (`rank_members`): score, then who reached it first,
                // then join order; the index `challenge_members_board` serves it.
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM challenge_members m \
                     LEFT JOIN user_settings s ON s.user_id = m.user_id \
                     WHERE m.challenge_id = $1 AND m.left_at_ms IS NULL AND m.ranked \
                     ORDER BY m.score DESC, m.reached_at_ms, m.number LIMIT $2",
                    challenge_sql::MEMBER_COLUMNS
                ))
                .bind(id.get())
                .bind(i64::from(top))
                .fetch_all(&mut *conn)
                .await?;
                let top = rows
                    .iter()
                    .map(challenge_sql::standing_from_row)
                    .collect::<Result<Vec<_>, _>>()?;
                let counts = sqlx::query(
                    "SELECT CAST(COALESCE(SUM(CASE WHEN ranked THEN 1 ELSE 0 END), 0) AS BIGINT) \
                       AS ranked_count, CAST(COALESCE(SUM(score), 0) AS BIGINT) AS total \
                     FROM challenge_members WHERE challenge_id = $1 AND left_at_ms IS NULL",
                )
                .bind(id.get())
                .fetch_one(&mut *conn)
                .await?;
                let ranked_count: i64 = counts.try_get("ranked_count")?;
                let total: i64 = counts.try_get("total")?;
                let viewer = match viewer {
                    Some(user_id) => {
                        let user = $crate::store::ids::to_db(user_id)?;
                        let own = challenge_sql::standing(&mut conn, id.get(), user).await?;
                        match own {
                            Some(own) if own.member.ranked => {
                                let better: i64 = sqlx::query_scalar(
                                    "SELECT COUNT(*) FROM challenge_members \
                                     WHERE challenge_id = $1 AND left_at_ms IS NULL AND ranked \
                                       AND (score > $2 OR (score = $2 AND (reached_at_ms < $3 \
                                         OR (reached_at_ms = $3 AND number < $4))))",
                                )
                                .bind(id.get())
                                .bind(own.score.value)
                                .bind($crate::store::challenges::to_ms(own.score.reached_at))
                                .bind(i64::from(own.member.number))
                                .fetch_one(&mut *conn)
                                .await?;
                                let rank = u32::try_from(better.saturating_add(1)).unwrap_or(u32::MAX);
                                Some((own, Some(rank)))
                            }
                            Some(own) => Some((own, None)),
                            None => None,
                        }
                    }
                    None => None,
                };
                Ok($crate::store::LeaderboardPage {
                    top,
                    viewer,
                    ranked_count: u32::try_from(ranked_count).unwrap_or(u32::MAX),
                    total,
                })
            }

            #[tracing::instrument(skip(self), err)]
            async fn standing(
                &self,
                id: $crate::store::ChallengeId,
                user_id: $crate::domain::ids::UserId,
            ) -> Result<Option<$crate::store::Standing>, $crate::store::StoreError> {
                let user = $crate::store::ids::to_db(user_id)?;
                let mut conn = self.pool.acquire().await?;
                challenge_sql::standing(&mut conn, id.get(), user).await
            }

            #[tracing::instrument(skip(self), err)]
            async fn running_memberships(
                &self,
                guild_id: $crate::domain::ids::GuildId,
                user_id: $crate::domain::ids::UserId,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<$crate::store::Challenge>, $crate::store::StoreError> {
                let columns: Vec<String> = challenge_sql::CHALLENGE_COLUMNS
                    .split(", ")
                    .map(|column| format!("c.{column}"))
                    .collect();
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM challenges c \
                     JOIN challenge_members m ON m.challenge_id = c.id \
                     WHERE m.user_id = $2 AND m.left_at_ms IS NULL AND c.guild_id = $1 \
                       AND c.starts_at_ms <= $3 AND c.ends_at_ms > $3",
                    columns.join(", ")
                ))
                .bind($crate::store::ids::to_db(guild_id)?)
                .bind($crate::store::ids::to_db(user_id)?)
                .bind($crate::store::challenges::to_ms(at))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::challenge_from_row).collect()
            }

            #[tracing::instrument(skip(self, credits), err)]
            async fn credit_workout(
                &self,
                user_id: $crate::domain::ids::UserId,
                at: chrono::DateTime<chrono::Utc>,
                credits: &[$crate::store::Credit],
            ) -> Result<(), $crate::store::StoreError> {
                // In the order of the challenges, so that two members credited in the same
                // challenges lock their rows in one order and cannot deadlock.
                let mut credits: Vec<_> = credits.iter().filter(|c| c.amount > 0).collect();
                credits.sort_by_key(|c| c.challenge_id);
                if credits.is_empty() {
                    return Ok(());
                }
                let user = $crate::store::ids::to_db(user_id)?;
                let mut tx = self.pool.begin().await?;
                for credit in credits {
                    let challenge = credit.challenge_id.get();
                    if !challenge_sql::lock_member(&mut tx, challenge, user).await? {
                        continue;
                    }
                    sqlx::query(
                        "INSERT INTO challenge_entries (challenge_id, user_id, at_ms, amount, \
                           source) VALUES ($1, $2, $3, $4, 'workout')",
                    )
                    .bind(challenge)
                    .bind(user)
                    .bind($crate::store::challenges::to_ms(at))
                    .bind(credit.amount)
                    .execute(&mut *tx)
                    .await?;
                    challenge_sql::rescore_member(&mut tx, challenge, user, at).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            #[tracing::instrument(skip(self), err)]
            async fn manually_logged(
                &self,
                id: $crate::store::ChallengeId,
                user_id: $crate::domain::ids::UserId,
                from: chrono::DateTime<chrono::Utc>,
                to: chrono::DateTime<chrono::Utc>,
            ) -> Result<i64, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                // The log's own instant is when it was made: `at_ms` of a late log is the
                // last second of the run, so the day is judged on the audit line.
                let total: Option<i64> = sqlx::query_scalar(
                    "SELECT CAST(COALESCE(SUM(e.amount), 0) AS BIGINT) FROM challenge_entries e \
                     JOIN challenge_audit a ON a.entry_id = e.id AND a.action = 'log' \
                     WHERE e.challenge_id = $1 AND e.user_id = $2 AND NOT e.voided \
                       AND a.at_ms >= $3 AND a.at_ms < $4",
                )
                .bind(id.get())
                .bind($crate::store::ids::to_db(user_id)?)
                .bind(to_ms(from))
                .bind(to_ms(to))
                .fetch_one(&self.pool)
                .await?;
                Ok(total.unwrap_or(0))
            }

            #[tracing::instrument(skip(self, log), err)]
            async fn log_manual(
                &self,
                log: &$crate::store::ManualLog,
            ) -> Result<Option<$crate::store::EntryId>, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                let challenge = log.challenge_id.get();
                let user = $crate::store::ids::to_db(log.user_id)?;
                let mut tx = self.pool.begin().await?;
                if !challenge_sql::lock_member(&mut tx, challenge, user).await? {
                    return Ok(None);
                }
                let entry_id: i64 = sqlx::query_scalar(
                    "INSERT INTO challenge_entries (challenge_id, user_id, at_ms, amount, source) \
                     VALUES ($1, $2, $3, $4, 'manual') RETURNING id",
                )
                .bind(challenge)
                .bind(user)
                .bind(to_ms(log.at))
                .bind(log.amount)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO challenge_audit (challenge_id, entry_id, action, actor_id, \
                       member_id, amount, at_ms) VALUES ($1, $2, 'log', $3, $3, $4, $5)",
                )
                .bind(challenge)
                .bind(entry_id)
                .bind(user)
                .bind(log.amount)
                .bind(to_ms(log.logged_at))
                .execute(&mut *tx)
                .await?;
                challenge_sql::rescore_member(&mut tx, challenge, user, log.logged_at).await?;
                tx.commit().await?;
                Ok($crate::store::EntryId::new(entry_id))
            }

            #[tracing::instrument(skip(self), err)]
            async fn void_entry(
                &self,
                id: $crate::store::ChallengeId,
                entry_id: $crate::store::EntryId,
                actor_id: $crate::domain::ids::UserId,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::store::StoredEntry>, $crate::store::StoreError> {
                let mut tx = self.pool.begin().await?;
                let row = sqlx::query(&format!(
                    "UPDATE challenge_entries SET voided = TRUE \
                     WHERE id = $1 AND challenge_id = $2 AND voided = FALSE RETURNING {}",
                    challenge_sql::ENTRY_COLUMNS
                ))
                .bind(entry_id.get())
                .bind(id.get())
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let stored = challenge_sql::entry_from_row(&row)?;
                let member = $crate::store::ids::to_db(stored.entry.user_id)?;
                sqlx::query(
                    "INSERT INTO challenge_audit (challenge_id, entry_id, action, actor_id, \
                       member_id, amount, at_ms) VALUES ($1, $2, 'void', $3, $4, $5, $6)",
                )
                .bind(id.get())
                .bind(entry_id.get())
                .bind($crate::store::ids::to_db(actor_id)?)
                .bind(member)
                .bind(stored.entry.amount)
                .bind($crate::store::challenges::to_ms(now))
                .execute(&mut *tx)
                .await?;
                challenge_sql::lock_member(&mut tx, id.get(), member).await?;
                challenge_sql::rescore_member(&mut tx, id.get(), member, now).await?;
                tx.commit().await?;
                Ok(Some($crate::store::StoredEntry {
                    entry: $crate::domain::challenge::Entry {
                        voided: true,
                        ..stored.entry
                    },
                    ..stored
                }))
            }

            #[tracing::instrument(skip(self), err)]
            async fn audit_trail(
                &self,
                id: $crate::store::ChallengeId,
                limit: u32,
            ) -> Result<Vec<$crate::store::AuditRecord>, $crate::store::StoreError> {
                let rows = sqlx::query(
                    "SELECT entry_id, action, actor_id, member_id, amount, at_ms \
                     FROM challenge_audit WHERE challenge_id = $1 ORDER BY id DESC LIMIT $2",
                )
                .bind(id.get())
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::audit_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn member_entries(
                &self,
                id: $crate::store::ChallengeId,
                user_id: $crate::domain::ids::UserId,
                limit: u32,
            ) -> Result<Vec<$crate::store::StoredEntry>, $crate::store::StoreError> {
                let rows = sqlx::query(&format!(
                    "SELECT {} FROM challenge_entries WHERE challenge_id = $1 AND user_id = $2 \
                     ORDER BY id DESC LIMIT $3",
                    challenge_sql::ENTRY_COLUMNS
                ))
                .bind(id.get())
                .bind($crate::store::ids::to_db(user_id)?)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::entry_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn record_improvement(
                &self,
                user_id: $crate::domain::ids::UserId,
                exercise_key: &str,
                value_kg: f64,
                at: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<$crate::store::ChallengeId>, $crate::store::StoreError> {
                use sqlx::Row as _;
                use $crate::store::challenges::to_ms;
                let user = $crate::store::ids::to_db(user_id)?;
                const MEMBERSHIPS: &str =
                    "SELECT m.challenge_id, m.baseline_kg, m.score FROM challenge_members m \
                     JOIN challenges c ON c.id = m.challenge_id \
                     WHERE m.user_id = $1 AND m.left_at_ms IS NULL \
                       AND c.metric = 'improvement' AND c.exercise_key = $2 \
                       AND c.starts_at_ms <= $3 AND c.ends_at_ms > $3 \
                     ORDER BY m.challenge_id";
                // Most 1RMs count for no improvement challenge: one read says so, without
                // the transaction's two extra statements.
                let any = sqlx::query(MEMBERSHIPS)
                    .bind(user)
                    .bind(exercise_key)
                    .bind(to_ms(at))
                    .fetch_optional(&self.pool)
                    .await?;
                if any.is_none() {
                    return Ok(Vec::new());
                }
                let mut tx = self.pool.begin().await?;
                let rows = sqlx::query(MEMBERSHIPS)
                    .bind(user)
                    .bind(exercise_key)
                    .bind(to_ms(at))
                    .fetch_all(&mut *tx)
                    .await?;
                let mut changed = Vec::new();
                for row in rows {
                    let challenge: i64 = row.try_get("challenge_id")?;
                    let baseline: Option<f64> = row.try_get("baseline_kg")?;
                    let score: i64 = row.try_get("score")?;
                    let Some(baseline) = baseline else {
                        sqlx::query(
                            "UPDATE challenge_members SET baseline_kg = $3 \
                             WHERE challenge_id = $1 AND user_id = $2",
                        )
                        .bind(challenge)
                        .bind(user)
                        .bind(value_kg)
                        .execute(&mut *tx)
                        .await?;
                        continue;
                    };
                    let gain = $crate::domain::challenge::improvement_units(baseline, value_kg);
                    let Some(gain) = gain.filter(|gain| *gain > score) else {
                        continue;
                    };
                    sqlx::query(
                        "UPDATE challenge_members SET score = $3, reached_at_ms = $4 \
                         WHERE challenge_id = $1 AND user_id = $2",
                    )
                    .bind(challenge)
                    .bind(user)
                    .bind(gain)
                    .bind(to_ms(at))
                    .execute(&mut *tx)
                    .await?;
                    challenge_sql::mark_board_due(&mut tx, challenge, at).await?;
                    changed.extend($crate::store::ChallengeId::new(challenge));
                }
                tx.commit().await?;
                Ok(changed)
            }

            #[tracing::instrument(skip(self), err)]
            async fn next_challenge_post_at(
                &self,
                scope: $crate::store::GuildScope,
            ) -> Result<Option<chrono::DateTime<chrono::Utc>>, $crate::store::StoreError> {
                let (guild, wanted) = scope.filter();
                use sqlx::Row as _;
                // A challenge released for a retry (or still under a lease) cannot be
                // claimed before `claimed_until_ms`, so it is not due before then either.
                let row = sqlx::query(
                    "SELECT MIN(CASE WHEN claimed_until_ms > due THEN claimed_until_ms \
                       ELSE due END) AS due \
                     FROM (SELECT claimed_until_ms, CASE \
                         WHEN board_due_at_ms IS NULL THEN next_post_at_ms \
                         WHEN next_post_at_ms IS NULL OR board_due_at_ms < next_post_at_ms \
                           THEN board_due_at_ms \
                         ELSE next_post_at_ms END AS due \
                       FROM challenges WHERE (board_due_at_ms IS NOT NULL \
                         OR next_post_at_ms IS NOT NULL) AND ((guild_id = $1) = $2)) AS pending",
                )
                .bind($crate::store::ids::to_db(guild)?)
                .bind(wanted)
                .fetch_one(&self.pool)
                .await?;
                let due: Option<i64> = row.try_get("due")?;
                due.map($crate::store::challenges::from_ms).transpose()
            }

            #[tracing::instrument(skip(self, claim), err)]
            async fn claim_due_challenges(
                &self,
                claim: $crate::store::PostClaim<'_>,
                limit: u32,
            ) -> Result<Vec<$crate::store::Challenge>, $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                let now = to_ms(claim.now);
                let rows = sqlx::query(&format!(
                    "UPDATE challenges SET claimed_by = $2, claimed_until_ms = $3 \
                     WHERE id IN (SELECT id FROM challenges \
                       WHERE (board_due_at_ms <= $1 OR next_post_at_ms <= $1) \
                         AND (claimed_until_ms IS NULL OR claimed_until_ms < $1) \
                         AND ((guild_id = $5) = $6) \
                       ORDER BY id LIMIT $4) \
                       AND (claimed_until_ms IS NULL OR claimed_until_ms < $1) \
                     RETURNING {}",
                    challenge_sql::CHALLENGE_COLUMNS
                ))
                .bind(now)
                .bind(claim.owner)
                .bind(to_ms(claim.lease_until))
                .bind(i64::from(limit))
                .bind($crate::store::ids::to_db(claim.scope.filter().0)?)
                .bind(claim.scope.filter().1)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(challenge_sql::challenge_from_row).collect()
            }

            #[tracing::instrument(skip(self), err)]
            async fn board_done(
                &self,
                id: $crate::store::ChallengeId,
                owner: &str,
                message_id: Option<u64>,
                at: chrono::DateTime<chrono::Utc>,
                due_seen: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::store::StoreError> {
                use $crate::store::challenges::to_ms;
                // Still due after a newer change: no sooner than a minute after this edit.
                sqlx::query(
                    "UPDATE challenges SET board_message_id = COALESCE($3, board_message_id), \
                       board_edited_at_ms = $4, \
                       board_due_at_ms = CASE WHEN board_due_at_ms <= $5 THEN NULL \
                         WHEN board_due_at_ms < $4 + $6 THEN $4 + $6 \
                         ELSE board_due_at_ms END \
                     WHERE id = $1 AND claimed_by = $2",
                )
                .bind(id.get())
                .bind(owner)
                .bind(message_id.map(challenge_sql::message_to_db).transpose()?)
                .bind(to_ms(at))
                .bind(to_ms(due_seen))
                .bind($crate::domain::challenge::LEADERBOARD_EDIT_INTERVAL_SECONDS * 1000)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            #[tracing::instrument(skip(self), err)]
            async fn posts_done(
                &self,
                id: $crate::store::ChallengeId,
                owner: &str,
                posted: $crate::domain::challenge::PostedMarkers,
                next_post_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<(), $crate::store::StoreError> {
                sqlx::query(
                    "UPDATE challenges SET last_week_posted = $3, final_posted = $4, \
                       next_post_at_ms = $5 \
                     WHERE id = $1 AND claimed_by = $2",
                )
                .bind(id.get())
                .bind(owner)
                .bind(i32::try_from(posted.last_week_posted).unwrap_or(i32::MAX))
                .bind(posted.final_posted)
                .bind(next_post_at.map($crate::store::challenges::to_ms))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            #[tracing::instrument(skip(self), err)]
            async fn release_challenge(
                &self,
                id: $crate::store::ChallengeId,
                owner: &str,
                retry_at: Option<chrono::DateTime<chrono::Utc>>,
            ) -> Result<(), $crate::store::StoreError> {
                // A retry keeps the claim's lease as the earliest next try.
                sqlx::query(
                    "UPDATE challenges SET claimed_by = NULL, claimed_until_ms = $3 \
                     WHERE id = $1 AND claimed_by = $2",
                )
                .bind(id.get())
                .bind(owner)
                .bind(retry_at.map($crate::store::challenges::to_ms))
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }
    };
}

pub(super) use impl_challenge_store;

/// Whether members can still join, log or be credited: not ended, results not posted.
pub fn is_open(challenge: &Challenge, now: DateTime<Utc>) -> bool {
    !challenge.posted.final_posted && challenge.definition.window.status(now).is_open()
}

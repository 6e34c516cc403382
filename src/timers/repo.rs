//! The persistence seam: what the engine needs from the database, and the atomicity each
//! call must provide so that several bot processes can share one database.
//!
//! Every timer row has a `state`: `pending` → `claimed` → `sent` | `failed`, or `pending` →
//! `canceled`. A `claimed` row also has `claimed_by` (the owner id of the process) and
//! `claimed_until` (unix ms, the end of its lease). A claim whose lease has passed may be
//! taken by anyone; a row never returns to `pending`, so at most one pending row exists per
//! (user, channel) and a unique index can enforce it.
//! Suggested schema, portable between SQLite and PostgreSQL:
//!
//! ```sql
//! CREATE TABLE rest_timers (
//!     id BIGINT PRIMARY KEY /* generated */, user_id BIGINT NOT NULL, channel_id BIGINT NOT NULL,
//!     guild_id BIGINT, ends_at_ms BIGINT NOT NULL, label TEXT, next_set TEXT,
//!     ping_user_ids TEXT NOT NULL /* comma-separated, owner first */,
//!     ping_role_ids TEXT NOT NULL DEFAULT '' /* comma-separated */,
//!     countdown_message_id BIGINT, state TEXT NOT NULL DEFAULT 'pending',
//!     claimed_by TEXT, claimed_until BIGINT, sent_message_id BIGINT, failure TEXT,
//!     created_at_ms BIGINT NOT NULL);
//! CREATE UNIQUE INDEX rest_timers_one_pending ON rest_timers (user_id, channel_id)
//!     WHERE state = 'pending';
//! CREATE INDEX rest_timers_due ON rest_timers (state, ends_at_ms);
//! ```

use async_trait::async_trait;

use super::model::{NewRestTimer, RestTimer, TimerId};
use crate::domain::ids::{ChannelId, MessageId, UserId};

/// Claims a timer may get. A process that dies mid-send leaves a claim that another takes
/// over after the lease; a row that keeps killing its sender is marked failed after this
/// many, instead of coming back after every restart.
pub const MAX_CLAIM_ATTEMPTS: i32 = 5;

/// A storage failure; the engine logs it and retries where that is safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rest timer storage failed: {message}")]
pub struct RepoError {
    pub message: String,
    /// The database could not be reached (rather than refusing the statement): users are
    /// told to try again in a minute instead of getting an apology.
    pub unavailable: bool,
}

impl RepoError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            unavailable: false,
        }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            unavailable: true,
        }
    }
}

/// The state column of a timer row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerState {
    Pending,
    Claimed,
    Sent,
    Failed,
    Canceled,
}

/// What the engine keeps of a pending timer: enough to wake on time and group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingTimer {
    pub id: TimerId,
    pub channel_id: ChannelId,
    pub ends_at_ms: i64,
}

impl From<&RestTimer> for PendingTimer {
    fn from(timer: &RestTimer) -> Self {
        Self {
            id: timer.id,
            channel_id: timer.channel_id,
            ends_at_ms: timer.ends_at_ms,
        }
    }
}

/// The result of [`TimerRepo::insert`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inserted {
    pub timer: RestTimer,
    /// The user's pending timer in that channel that the new one cancelled.
    pub replaced: Option<RestTimer>,
}

/// Storage of rest timers. Each method is one atomic statement or transaction; the notes
/// give the condition each must check *inside* that statement, never in a prior read.
/// The engine passes at most 1,000 ids per call.
#[async_trait]
pub trait TimerRepo: Send + Sync + 'static {
    /// In one transaction: cancel the `pending` row of (`user_id`, `channel_id`) if any
    /// (`UPDATE … SET state = 'canceled' WHERE user_id = $1 AND channel_id = $2 AND
    /// state = 'pending' RETURNING …`), then insert the new row as `pending` and return both.
    /// A partial unique index on (user_id, channel_id) WHERE state = 'pending' makes a
    /// concurrent insert fail rather than leave two running rests; retry that once.
    async fn insert(&self, timer: &NewRestTimer) -> Result<Inserted, RepoError>;

    /// `pending` rows with `id > after` (all when `None`), ordered by id, at most `limit`:
    /// the batched reload at start. Only the compact columns are read.
    async fn load_pending(
        &self,
        after: Option<TimerId>,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError>;

    /// Rows another process may have left for us, ordered by `ends_at_ms`, at most `limit`:
    /// `state = 'pending' AND ends_at_ms <= $ends_before_ms`, or `state = 'claimed' AND
    /// claimed_until < $now_ms` (a claim whose process died).
    async fn recoverable(
        &self,
        now_ms: i64,
        ends_before_ms: i64,
        limit: usize,
    ) -> Result<Vec<PendingTimer>, RepoError>;

    /// The exactly-once gate. One statement:
    /// `UPDATE rest_timers SET state = 'claimed', claimed_by = $owner, claimed_until =
    /// $now_ms + $lease_ms WHERE id IN (…) AND ends_at_ms <= $now_ms AND (state = 'pending'
    /// OR (state = 'claimed' AND claimed_until < $now_ms)) RETURNING *`, counting the claim
    /// in `claim_attempts`; an expired claim that already had [`MAX_CLAIM_ATTEMPTS`] is
    /// marked `failed` instead. Returns only the rows this call won; two concurrent calls
    /// never both win a row.
    async fn claim(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<RestTimer>, RepoError>;

    /// Extends leases still held: `UPDATE … SET claimed_until = $now_ms + $lease_ms WHERE
    /// id IN (…) AND state = 'claimed' AND claimed_by = $owner RETURNING id`. Returns the ids
    /// still held; a missing id was taken over by another process and must not be sent.
    async fn renew(
        &self,
        ids: &[TimerId],
        owner: &str,
        now_ms: i64,
        lease_ms: i64,
    ) -> Result<Vec<TimerId>, RepoError>;

    /// Gives unsent claims back at shutdown so a restart need not wait for the lease, by
    /// ending the lease now: `UPDATE … SET claimed_until = 0 WHERE id IN (…) AND state =
    /// 'claimed' AND claimed_by = $owner`. (Not back to `pending`: the user may have started
    /// a new rest in that channel meanwhile, which the unique index would refuse.)
    async fn release(&self, ids: &[TimerId], owner: &str) -> Result<(), RepoError>;

    /// Records the ping: `UPDATE … SET state = 'sent', sent_message_id = $message_id WHERE
    /// id IN (…) AND state = 'claimed' AND claimed_by = $owner`. Idempotent.
    async fn mark_sent(
        &self,
        ids: &[TimerId],
        owner: &str,
        message_id: MessageId,
    ) -> Result<(), RepoError>;

    /// Gives up (channel gone, permission removed): `UPDATE … SET state = 'failed', failure =
    /// $reason WHERE id IN (…) AND state = 'claimed' AND claimed_by = $owner`. Idempotent.
    async fn mark_failed(
        &self,
        ids: &[TimerId],
        owner: &str,
        reason: &str,
    ) -> Result<(), RepoError>;

    /// `/rest cancel`: `UPDATE … SET state = 'canceled' WHERE user_id = $1 AND channel_id = $2
    /// AND state = 'pending' RETURNING *`. A claimed rest is already being announced.
    async fn cancel(
        &self,
        user_id: UserId,
        channel_id: ChannelId,
    ) -> Result<Option<RestTimer>, RepoError>;

    /// The Cancel button: as [`TimerRepo::cancel`] but `WHERE id = $1 AND user_id = $2 AND
    /// state = 'pending'`, so only the owner can cancel.
    async fn cancel_timer(
        &self,
        id: TimerId,
        user_id: UserId,
    ) -> Result<Option<RestTimer>, RepoError>;

    /// The +15 s button: `UPDATE … SET ends_at_ms = ends_at_ms + $by_ms WHERE id = $1 AND
    /// user_id = $2 AND state = 'pending' RETURNING *`. Because [`TimerRepo::claim`] checks
    /// `ends_at_ms <= now`, a process holding the old end in memory cannot claim it early.
    async fn extend(
        &self,
        id: TimerId,
        user_id: UserId,
        by_ms: i64,
    ) -> Result<Option<RestTimer>, RepoError>;

    /// `UPDATE … SET countdown_message_id = $2 WHERE id = $1` (any state).
    async fn set_countdown_message(
        &self,
        id: TimerId,
        message_id: MessageId,
    ) -> Result<(), RepoError>;

    /// Channels where the user has a running rest: `SELECT channel_id … WHERE user_id = $1
    /// AND state = 'pending'`. Bounds how many rests one user holds at once.
    async fn running_channels(&self, user_id: UserId) -> Result<Vec<ChannelId>, RepoError>;

    /// `/rest list`: rows of the channel with `state IN ('pending', 'claimed')`, by end.
    async fn list_running(&self, channel_id: ChannelId) -> Result<Vec<RestTimer>, RepoError>;

    /// The timer while it is `pending`: `SELECT … WHERE id = $1 AND state = 'pending'`.
    async fn running(&self, id: TimerId) -> Result<Option<RestTimer>, RepoError>;

    /// The Join button, as a compare-and-set: `UPDATE … SET ping_user_ids = $new WHERE
    /// id = $1 AND state = 'pending' AND ping_user_ids = $expected RETURNING …`. `None` when
    /// the rest ended or another press changed the list first.
    async fn replace_ping_users(
        &self,
        id: TimerId,
        expected: &[UserId],
        new: &[UserId],
    ) -> Result<Option<RestTimer>, RepoError>;

    /// The ping list of the owner's latest rest in the channel, in any state, if it ended (or
    /// ends) at or after `since_ms`: `SELECT ping_user_ids, ends_at_ms … WHERE user_id = $1
    /// AND channel_id = $2 ORDER BY id DESC LIMIT 1`, then the end checked against `since_ms`
    /// (an older latest rest means no group, not an earlier rest's group).
    async fn latest_ping_list(
        &self,
        owner: UserId,
        channel_id: ChannelId,
        since_ms: i64,
    ) -> Result<Option<Vec<UserId>>, RepoError>;
}
